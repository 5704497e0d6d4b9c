/**
 * The one way the app talks to the API: openapi-fetch over the generated `schema.d.ts`, with
 * the web app's cookie session. Writes carry the CSRF header; a 401 is answered by one silent
 * refresh (shared by every request and tab waiting on it) and a retry.
 */
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";
import { CSRF_HEADER, clearHint, knownCsrf, readHint, rememberCsrf, writeHint } from "./session";

export type Schemas = components["schemas"];

/** The API's origin: VITE_API_URL when the app is served from another site, else this one. */
export const API_URL = (import.meta.env.VITE_API_URL ?? "").replace(/\/+$/, "");

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// Endpoints that need no CSRF token and whose 401 means bad credentials, not an old token.
const SESSIONLESS = [
  "/api/auth/login",
  "/api/auth/signup",
  "/api/auth/password/",
  "/api/auth/resend",
  "/api/auth/verify",
  "/api/auth/oauth/",
];

function pathOf(request: Request): string {
  return new URL(request.url, window.location.href).pathname;
}

async function send(request: Request): Promise<Response> {
  const path = pathOf(request);
  if (UNSAFE.has(request.method) && !SESSIONLESS.some((p) => path.startsWith(p))) {
    request.headers.set(CSRF_HEADER, await csrfToken());
  }
  return fetch(request);
}

async function transport(request: Request): Promise<Response> {
  const path = pathOf(request);
  const retry = request.clone(); // a body can be read once
  const response = await send(request);
  const renewable = !SESSIONLESS.some((p) => path.startsWith(p)) && path !== "/api/auth/refresh";
  if (response.status !== 401 || !renewable || !readHint()) return response;
  return (await refreshSession()) ? send(retry) : response;
}

export const api = createClient<paths>({
  baseUrl: API_URL,
  credentials: "include",
  fetch: transport,
});

async function csrfToken(): Promise<string> {
  const known = knownCsrf();
  if (known) return known;
  const { data } = await api.GET("/api/auth/csrf");
  if (data) rememberCsrf(data.csrf_token);
  return data?.csrf_token ?? "";
}

let refreshing: Promise<boolean> | null = null;

/** Trade the refresh cookie for a new session, once, however many callers ask at once. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= withRefreshLock(Date.now(), async (askedAt) => {
    // Refresh tokens are single-use and a spent one ends the session: if another tab renewed
    // it while this one waited for the lock, use that session instead of refreshing again.
    const hint = readHint();
    if (hint && hint.renewedAt > askedAt) return true;
    const { data } = await api.POST("/api/auth/refresh", { body: {} });
    if (data) writeHint(data.expires_at);
    else clearHint();
    return Boolean(data);
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function withRefreshLock<T>(askedAt: number, run: (askedAt: number) => Promise<T>): Promise<T> {
  if (typeof navigator !== "undefined" && navigator.locks) {
    return (await navigator.locks.request("optio-session-refresh", () => run(askedAt))) as T;
  }
  return run(askedAt);
}

/** A URL the API handed out (a signed evidence link): relative ones live on the API's origin. */
export function apiAsset(url: string): string {
  return url.startsWith("/") ? `${API_URL}${url}` : url;
}
