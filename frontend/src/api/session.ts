/**
 * What the app remembers about its session outside the httpOnly cookies: when the access
 * token expires (a hint, not a secret) and the CSRF token. Kept in localStorage so that every
 * tab shares it and a signed-out visitor's page sends no request that would answer 401.
 */

const HINT_KEY = "optio.session";
export const CSRF_COOKIE = "optio_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

export interface SessionHint {
  /** Access token expiry, seconds since the epoch (SessionPublic.expires_at). */
  expiresAt: number;
  /** When this tab or another last renewed the session, ms since the epoch. */
  renewedAt: number;
}

export function readHint(): SessionHint | null {
  try {
    const raw = localStorage.getItem(HINT_KEY);
    const hint = raw ? (JSON.parse(raw) as Partial<SessionHint>) : null;
    return hint && typeof hint.expiresAt === "number"
      ? { expiresAt: hint.expiresAt, renewedAt: hint.renewedAt ?? 0 }
      : null;
  } catch {
    return null;
  }
}

/** A new session (log-in, sign-up, refresh): the API has also set a new CSRF cookie. */
export function writeHint(expiresAt: number): void {
  const hint: SessionHint = { expiresAt, renewedAt: Date.now() };
  localStorage.setItem(HINT_KEY, JSON.stringify(hint));
  csrfInMemory = null;
}

export function clearHint(): void {
  localStorage.removeItem(HINT_KEY);
  csrfInMemory = null;
}

/** Seconds until the access token expires (negative once it has). */
export function secondsLeft(hint: SessionHint, now = Date.now()): number {
  return hint.expiresAt - now / 1000;
}

// When the API is on another site its optio_csrf cookie is not readable here, so the token
// from GET /auth/csrf is kept in memory instead.
let csrfInMemory: string | null = null;

export function rememberCsrf(token: string): void {
  csrfInMemory = token;
}

export function csrfFromCookie(): string | null {
  const match = document.cookie.match(new RegExp(`(?:^|; )${CSRF_COOKIE}=([^;]*)`));
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export function knownCsrf(): string | null {
  return csrfFromCookie() ?? csrfInMemory;
}
