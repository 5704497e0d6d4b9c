import { useMutation, useQuery, useQueryClient, type Query } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";
import { clearHint } from "../api/session";
import { authKeys } from "../auth/hooks";

export type Export = Schemas["ExportPublic"];
export type MailPreferences = Schemas["MailPreferencesPublic"];

export const accountKeys = {
  preferences: ["account", "mail-preferences"] as const,
  exports: ["account", "exports"] as const,
  childExports: (childId: string) => ["account", "child-exports", childId] as const,
};

/** Mine, or, given a child's id, that child's (a parent who consented from this account). */
const exportsKey = (childId?: string) => (childId ? accountKeys.childExports(childId) : accountKeys.exports);

/** How often the list of exports is asked for again while one is being built. */
export const EXPORT_POLL_MS = 3_000;

export function useMailPreferences() {
  return useQuery({
    queryKey: accountKeys.preferences,
    queryFn: () => unwrap(api.GET("/api/users/me/notification-preferences")),
  });
}

/** Turn categories of e-mail on or off; only the ones sent change. */
export function useChangeMailPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Schemas["MailPreferencesUpdate"]) =>
      unwrap(api.PATCH("/api/users/me/notification-preferences", { body: changes })),
    onSuccess: (saved) => queryClient.setQueryData(accountKeys.preferences, saved),
  });
}

/**
 * When to ask for the list again: every few seconds while an export is pending, and when the
 * first download link lapses (the API signs a fresh one); otherwise not at all.
 */
export function exportsRefetchInterval(exports: Export[] | undefined, now = Date.now()): number | false {
  if (!exports) return false;
  if (exports.some((e) => e.status === "pending")) return EXPORT_POLL_MS;
  const lapses = exports
    .map((e) => (e.download_url_expires_at ? Date.parse(e.download_url_expires_at) : NaN))
    .filter((at) => !Number.isNaN(at));
  if (lapses.length === 0) return false;
  return Math.max(Math.min(...lapses) - now, 1_000);
}

export function useExports(childId?: string) {
  return useQuery({
    queryKey: exportsKey(childId),
    queryFn: () =>
      unwrap(
        childId
          ? api.GET("/api/children/{child_id}/exports", { params: { path: { child_id: childId } } })
          : api.GET("/api/users/me/exports"),
      ),
    refetchInterval: (query: Query<Schemas["ExportList"], Error>) => exportsRefetchInterval(query.state.data?.data),
  });
}

/** Start an export, mine or my child's (202); 409 `export_pending` while one is being built. */
export function useRequestExport(childId?: string) {
  const queryClient = useQueryClient();
  const key = exportsKey(childId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        childId
          ? api.POST("/api/children/{child_id}/export", { params: { path: { child_id: childId } } })
          : api.POST("/api/users/me/export"),
      ),
    onSuccess: (started) => {
      queryClient.setQueryData<Schemas["ExportList"]>(key, (list) => ({
        data: [started, ...(list?.data ?? []).filter((e) => e.id !== started.id)],
      }));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}

/**
 * Delete my account, confirmed with my password (403 `wrong_password`). The API ends the session
 * and clears its cookies; the page that follows forgets it here (`useForgetSession`).
 */
export function useDeleteAccount() {
  return useMutation({
    mutationFn: (password: string) => unwrap(api.POST("/api/users/me/delete", { body: { password } })),
  });
}

/**
 * Forget a session the API has already ended, as signing out does, but without asking the API
 * to log out: that request could only fail now.
 */
export function useForgetSession() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    clearHint();
    queryClient.setQueryData(authKeys.me, null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
  }, [queryClient]);
}

export type ProfileChanges = Pick<Schemas["UserUpdate"], "first_name" | "last_name" | "display_name" | "username">;

/** Change my names or username; the signed-in user is the answer. */
export function useChangeProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => unwrap(api.PATCH("/api/users/me", { body: changes })),
    onSuccess: (user) => queryClient.setQueryData(authKeys.me, user),
  });
}

/** A new profile picture (PNG, JPEG or WebP, ≤ 2 MB); the signed-in user is the answer. */
export function useSetAvatar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return unwrap(
        api.PUT("/api/users/me/avatar", {
          // The generated type is the field's JSON schema; the multipart form goes as it is.
          body: { file: "" },
          bodySerializer: () => form,
        }),
      );
    },
    onSuccess: (user) => queryClient.setQueryData(authKeys.me, user),
  });
}

/** Remove my profile picture: my initials show again. */
export function useRemoveAvatar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/users/me/avatar")),
    onSuccess: () =>
      queryClient.setQueryData(authKeys.me, (user: Schemas["UserPublic"] | null | undefined) =>
        user ? { ...user, avatar_url: null } : user,
      ),
  });
}

/** A new password; the answer is the session that replaces every other (see useAuth().startSession). */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: Schemas["ChangePasswordIn"]) => unwrap(api.POST("/api/auth/me/password", { body })),
  });
}
