import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";
import { useAuth } from "./context";

export const authKeys = {
  /** The signed-in user (or null); signing out keeps the "auth" queries and forgets every other. */
  me: ["auth", "me"] as const,
  settings: ["auth", "settings"] as const,
};

/** How people can sign in here: the OAuth providers to offer ([] with the local provider). */
export function useAuthSettings() {
  return useQuery({
    queryKey: authKeys.settings,
    queryFn: () => unwrap(api.GET("/api/auth/settings")),
    staleTime: Infinity, // server configuration: it changes with a deploy, not while the app is open
  });
}

/** Send the sign-up confirmation link again; the API answers 202 whether or not one was pending. */
export function useResendConfirmation() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST("/api/auth/resend", { body: { email, type: "signup" } })),
  });
}

/**
 * An e-mail link's token traded for a session (200: signed in from here on) or, for an e-mail
 * change still waiting for its other link, a message (202).
 */
export function useVerifyLink() {
  const { startSession } = useAuth();
  return useMutation({
    mutationFn: (body: Schemas["VerifyIn"]) => unwrap(api.POST("/api/auth/verify", { body })),
    onSuccess: (answer) => {
      if ("user" in answer) startSession(answer);
    },
  });
}

/** The code an OAuth provider sent the browser back with, traded for a session. */
export function useOAuthCallback() {
  const { startSession } = useAuth();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST("/api/auth/oauth/callback", { body: { code } })),
    onSuccess: (session) => startSession(session),
  });
}

/** A new password with a reset link's token; every session of the account ends (204). */
export function useResetPassword(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => unwrap(api.POST("/api/auth/password/reset", { body: { token, password } })),
    // This browser's session may have been one of them: ask again who is signed in (no request
    // at all when nobody was).
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: authKeys.me }),
  });
}
