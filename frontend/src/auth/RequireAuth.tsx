import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { Loading } from "../ui/States";
import { useAuth, type User } from "./context";

/** Where a signed-in user starts: admins in their own space, everyone else on the dashboard. */
export function homeOf(user: User): string {
  return user.role === "admin" ? "/admin" : "/dashboard";
}

/** Children for signed-in users (admins only with `admin`); others go to the login page. */
export function RequireAuth({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  const { user, status } = useAuth();
  const location = useLocation();
  if (status === "loading") return <Loading label="Checking your session…" />;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (admin && user.role !== "admin") return <Navigate to={homeOf(user)} replace />;
  return <>{children}</>;
}

/**
 * The login and sign-up pages send a signed-in user on to where they were going (a child under
 * 13 waiting for a parent's consent, when going nowhere in particular, to ask for it).
 */
export function RedirectIfSignedIn({ children, home }: { children: ReactNode; home?: string }) {
  const { user, status } = useAuth();
  const location = useLocation();
  if (status === "loading") return <Loading />;
  if (user)
    return (
      <Navigate to={safeNext(location.search, user.consent_pending ? "/consent" : (home ?? homeOf(user)))} replace />
    );
  return <>{children}</>;
}

export function safeNext(search: string, home = "/dashboard"): string {
  const next = new URLSearchParams(search).get("next");
  // Only same-site paths: "//evil.example" would leave the app.
  return next && next.startsWith("/") && !next.startsWith("//") ? next : home;
}
