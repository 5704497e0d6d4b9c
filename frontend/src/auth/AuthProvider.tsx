import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, type ReactNode } from "react";
import { api, refreshSession, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";
import { clearHint, readHint, secondsLeft, writeHint } from "../api/session";
import { useDeviceTimeZone } from "../progress/useDeviceTimeZone";
import { AuthContext, type Auth } from "./context";
import { authKeys } from "./hooks";

const RENEW_WHEN_SECONDS_LEFT = 120;

/** The signed-in user, or null. A visitor with no session hint costs no request at all. */
async function loadMe(): Promise<Schemas["UserPublic"] | null> {
  const hint = readHint();
  if (!hint) return null;
  if (secondsLeft(hint) < RENEW_WHEN_SECONDS_LEFT && !(await refreshSession())) return null;
  const { data } = await api.GET("/api/auth/me");
  if (!data) clearHint();
  return data ?? null;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: authKeys.me, queryFn: loadMe, staleTime: Infinity, retry: false });
  const user = me.data ?? null;
  useDeviceTimeZone(user);

  const setUser = useCallback(
    (next: Schemas["UserPublic"] | null) => queryClient.setQueryData(authKeys.me, next),
    [queryClient],
  );

  // Forget everything cached for the previous user, but not the "me" query itself: observers
  // of a removed query are not told about its replacement, so the app would keep the old user.
  const signedOut = useCallback(() => {
    clearHint();
    setUser(null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
  }, [queryClient, setUser]);

  // Silent refresh: renew the access token before it runs out, while the app is open.
  useEffect(() => {
    if (!user) return;
    const timer = window.setInterval(async () => {
      const hint = readHint();
      if (!hint) return signedOut();
      if (secondsLeft(hint) < RENEW_WHEN_SECONDS_LEFT && !(await refreshSession())) signedOut();
    }, 30_000);
    return () => window.clearInterval(timer);
  }, [user, signedOut]);

  // Signing out in one tab signs out the others.
  useEffect(() => {
    const onStorage = () => {
      if (!readHint() && queryClient.getQueryData(authKeys.me)) signedOut();
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [queryClient, signedOut]);

  const startSession = useCallback(
    (session: Schemas["SessionPublic"]) => {
      writeHint(session.expires_at);
      setUser(session.user);
      return session.user;
    },
    [setUser],
  );

  const value = useMemo<Auth>(
    () => ({
      user,
      status: me.isPending ? "loading" : user ? "signedIn" : "signedOut",
      startSession,
      async signIn(body) {
        return startSession(await unwrap(api.POST("/api/auth/login", { body })));
      },
      async signUp(body) {
        const answer = await unwrap(api.POST("/api/auth/signup", { body }));
        // 202: the account waits for its e-mail link to be opened; nobody is signed in yet.
        if (!("user" in answer)) return { confirmation: answer };
        return { user: startSession(answer) };
      },
      async signOut() {
        try {
          await api.POST("/api/auth/logout");
        } finally {
          signedOut();
        }
      },
    }),
    [user, me.isPending, startSession, signedOut],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
