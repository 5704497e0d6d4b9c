import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, type InitialEntry } from "react-router-dom";
import { AuthContext, type Auth, type User } from "./auth/context";

export const STUDENT: User = {
  id: "00000000-0000-0000-0000-000000000001",
  email: "sam@example.com",
  username: "sam",
  first_name: "Sam",
  last_name: "Student",
  display_name: "Sam Student",
  role: "student",
  subscription_tier: "free",
  created_at: "2026-01-01T00:00:00Z",
  time_zone: "UTC",
  weekly_xp_goal: null,
  leaderboard_opt_in: false,
  interests: [],
};

/**
 * `ui` inside the providers the app gives it: a fresh query cache, a router at `at`, a signed-in
 * user (or `null`), and `auth` to stand in for the provider's methods. `strict` renders it in
 * StrictMode as main.tsx does (at the root: only there does React run mount effects twice).
 */
export function renderWithApp(
  ui: ReactElement,
  user: User | null = STUDENT,
  { at = "/", auth: methods = {}, strict = false }: { at?: InitialEntry; auth?: Partial<Auth>; strict?: boolean } = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const auth: Auth = {
    user,
    status: user ? "signedIn" : "signedOut",
    signIn: async () => STUDENT,
    signUp: async () => ({ user: STUDENT }),
    startSession: () => STUDENT,
    signOut: async () => undefined,
    ...methods,
  };
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[at]}>
        <AuthContext.Provider value={auth}>{ui}</AuthContext.Provider>
      </MemoryRouter>
    </QueryClientProvider>,
    { reactStrictMode: strict },
  );
}

/** What an openapi-fetch call resolves to. */
export function answer<T>(status: number, body: T) {
  const ok = status >= 200 && status < 300;
  return { data: ok ? body : undefined, error: ok ? undefined : body, response: new Response(null, { status }) };
}
