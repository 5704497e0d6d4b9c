import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { readHint, writeHint } from "./session";

// Node's fetch wants absolute URLs, so these tests use the VITE_API_URL (API elsewhere) mode.
let api: (typeof import("./client"))["api"];
beforeAll(async () => {
  vi.stubEnv("VITE_API_URL", "http://api.test/");
  ({ api } = await import("./client"));
});

const me = {
  id: "u1",
  email: "sam@example.com",
  role: "student",
  subscription_tier: "free",
  created_at: "2026-01-01T00:00:00Z",
};
const session = {
  access_token: "a",
  refresh_token: "r",
  expires_in: 3600,
  expires_at: 2_000_000_000,
  token_type: "bearer",
  user: me,
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

let fetchMock: ReturnType<typeof vi.fn<(request: Request) => Promise<Response>>>;
const calls = () => fetchMock.mock.calls.map(([r]) => `${r.method} ${r.url.replace("http://api.test", "")}`);

beforeEach(() => {
  localStorage.clear();
  document.cookie = "optio_csrf=csrf-from-cookie; path=/";
  fetchMock = vi.fn<(request: Request) => Promise<Response>>();
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = "optio_csrf=; Max-Age=0; path=/";
});

describe("the API client's session", () => {
  it("sends the CSRF cookie's value with writes, not with reads or sign-in", async () => {
    fetchMock.mockImplementation(async () => json(200, {}));
    await api.GET("/api/pillars");
    await api.POST("/api/quests/{quest_id}/enroll", { params: { path: { quest_id: "q1" } } });
    await api.POST("/api/auth/login", { body: { email: "sam@example.com", password: "x" } });
    const headers = fetchMock.mock.calls.map(([r]) => r.headers.get("X-CSRF-Token"));
    expect(headers).toEqual([null, "csrf-from-cookie", null]);
    expect(fetchMock.mock.calls.every(([r]) => r.credentials === "include")).toBe(true);
  });

  it("with the API on another site (cookie unreadable) it asks /auth/csrf, once per session", async () => {
    document.cookie = "optio_csrf=; Max-Age=0; path=/";
    let issued = 0;
    fetchMock.mockImplementation(async (request) =>
      request.url.endsWith("/api/auth/csrf") ? json(200, { csrf_token: `token-${++issued}` }) : json(200, {}),
    );
    const enroll = () => api.POST("/api/quests/{quest_id}/enroll", { params: { path: { quest_id: "q1" } } });
    await enroll();
    await enroll();
    writeHint(Date.now() / 1000 + 3600); // a refresh or a new log-in: the API set a new CSRF cookie
    await enroll();
    const sent = fetchMock.mock.calls.filter(([r]) => r.method === "POST").map(([r]) => r.headers.get("X-CSRF-Token"));
    expect(sent).toEqual(["token-1", "token-1", "token-2"]);
  });

  it("sends an e-mail link, a resend or an OAuth code without first asking for a CSRF token", async () => {
    document.cookie = "optio_csrf=; Max-Age=0; path=/"; // a signed-out visitor has none
    fetchMock.mockImplementation(async () => json(202, { message: "ok" }));
    await api.POST("/api/auth/verify", { body: { token_hash: "h", type: "email" } });
    await api.POST("/api/auth/resend", { body: { email: "sam@example.com" } });
    await api.POST("/api/auth/oauth/callback", { body: { code: "c" } });
    expect(calls()).toEqual(["POST /api/auth/verify", "POST /api/auth/resend", "POST /api/auth/oauth/callback"]);
    expect(fetchMock.mock.calls.map(([r]) => r.headers.get("X-CSRF-Token"))).toEqual([null, null, null]);
  });

  it("answers a 401 with one refresh shared by every waiting request, then retries each", async () => {
    writeHint(Date.now() / 1000 + 10);
    let refreshed = false;
    fetchMock.mockImplementation(async (request) => {
      const path = new URL(request.url).pathname;
      if (path === "/api/auth/refresh") {
        refreshed = true;
        return json(200, session);
      }
      return refreshed
        ? json(200, path === "/api/auth/me" ? me : { data: [] })
        : json(401, { error: { code: "unauthorized" } });
    });
    const [profile, pillars] = await Promise.all([api.GET("/api/auth/me"), api.GET("/api/pillars")]);
    expect(profile.data).toEqual(me);
    expect(pillars.response.status).toBe(200);
    expect(calls().filter((c) => c === "POST /api/auth/refresh")).toHaveLength(1);
    expect(calls().filter((c) => c === "GET /api/auth/me")).toHaveLength(2);
    expect(readHint()?.expiresAt).toBe(session.expires_at);
  });

  it("gives up after a failed refresh and forgets the session", async () => {
    writeHint(Date.now() / 1000 + 10);
    fetchMock.mockImplementation(async () => json(401, { error: { code: "unauthorized" } }));
    const { response } = await api.GET("/api/auth/me");
    expect(response.status).toBe(401);
    expect(calls()).toEqual(["GET /api/auth/me", "POST /api/auth/refresh"]);
    expect(readHint()).toBeNull();
  });

  it("does not try to refresh without a session, or when the credentials themselves are wrong", async () => {
    fetchMock.mockImplementation(async () => json(401, { error: { code: "unauthorized" } }));
    await api.GET("/api/users/me/dashboard");
    writeHint(Date.now() / 1000 + 3600);
    await api.POST("/api/auth/login", { body: { email: "sam@example.com", password: "wrong" } });
    expect(calls()).toEqual(["GET /api/users/me/dashboard", "POST /api/auth/login"]);
  });
});
