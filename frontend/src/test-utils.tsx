import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router-dom";
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
};

/** `ui` inside the providers the app gives it: a fresh query cache, a router, a signed-in user. */
export function renderWithApp(ui: ReactElement, user: User | null = STUDENT) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const auth: Auth = {
    user,
    status: user ? "signedIn" : "signedOut",
    signIn: async () => STUDENT,
    signUp: async () => STUDENT,
    signOut: async () => undefined,
  };
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <AuthContext.Provider value={auth}>{ui}</AuthContext.Provider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

/** What an openapi-fetch call resolves to. */
export function answer<T>(status: number, body: T) {
  const ok = status >= 200 && status < 300;
  return { data: ok ? body : undefined, error: ok ? undefined : body, response: new Response(null, { status }) };
}
