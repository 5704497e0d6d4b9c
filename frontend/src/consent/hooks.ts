import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";
import { accountKeys } from "../account/hooks";
import { authKeys } from "../auth/hooks";

export type ConsentStatus = Schemas["ConsentStatus"];
export type ConsentLinkInfo = Schemas["ConsentLinkInfo"];
export type ManagedChild = Schemas["ManagedChild"];
export type Decision = Schemas["ConsentAnswerIn"]["decision"];

export const consentKeys = {
  mine: ["consent", "mine"] as const,
  link: (token: string) => ["consent", "link", token] as const,
  children: ["children"] as const,
};

/** Whether my account waits for a parent's consent, where I asked, and the consent in force. */
export function useConsentStatus() {
  return useQuery({ queryKey: consentKeys.mine, queryFn: () => unwrap(api.GET("/api/consent")) });
}

/** Ask a parent by e-mail; the answer is my new status (the request's address and time). */
export function useRequestConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (parent_email: string) => unwrap(api.POST("/api/consent/requests", { body: { parent_email } })),
    onSuccess: (status) => queryClient.setQueryData(consentKeys.mine, status),
  });
}

/** What an e-mailed consent link is about (signed out). */
export function useConsentLink(token: string, enabled: boolean) {
  return useQuery({
    queryKey: consentKeys.link(token),
    queryFn: () => unwrap(api.GET("/api/consent/links/{token}", { params: { path: { token } } })),
    enabled,
    retry: false,
  });
}

/** The parent's answer through the link: grant, decline, or withdraw what it granted. */
export function useAnswerConsent(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision) =>
      unwrap(api.POST("/api/consent/links/{token}", { params: { path: { token } }, body: { decision } })),
    onSuccess: (info) => queryClient.setQueryData(consentKeys.link(token), info),
    // Expired or answered meanwhile (another tab, the other parent): show where it stands now.
    onError: () => void queryClient.invalidateQueries({ queryKey: consentKeys.link(token) }),
  });
}

/** The children I consented for from my account (parents). */
export function useChildren() {
  return useQuery({ queryKey: consentKeys.children, queryFn: () => unwrap(api.GET("/api/children")) });
}

/** After a child is added or a consent withdrawn: this list, and the parent's views of students. */
function useRefreshChildren() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: consentKeys.children });
    void queryClient.invalidateQueries({ queryKey: ["students"] });
    void queryClient.invalidateQueries({ queryKey: ["links"] });
  };
}

export function useAddChild() {
  const onSuccess = useRefreshChildren();
  return useMutation({
    mutationFn: (body: Schemas["ChildIn"]) => unwrap(api.POST("/api/children", { body })),
    onSuccess,
  });
}

export function useWithdrawConsent() {
  const onSuccess = useRefreshChildren();
  return useMutation({
    mutationFn: (childId: string) =>
      unwrap(api.DELETE("/api/children/{child_id}/consent", { params: { path: { child_id: childId } } })),
    onSuccess,
  });
}

/**
 * Delete a child's account for good, confirmed with the parent's own password (403
 * `wrong_password`); the list of children no longer shows them.
 */
export function useDeleteChild(childId: string) {
  const refresh = useRefreshChildren();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      unwrap(
        api.POST("/api/children/{child_id}/delete", { params: { path: { child_id: childId } }, body: { password } }),
      ),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: accountKeys.childExports(childId) });
      refresh();
    },
  });
}

/** The signed-in profile's `consent_pending`, kept in step with a fresher consent status. */
export function useSyncConsentPending() {
  const queryClient = useQueryClient();
  return useCallback(
    (pending: boolean) =>
      queryClient.setQueryData<Schemas["UserPublic"] | null>(authKeys.me, (user) =>
        user && Boolean(user.consent_pending) !== pending ? { ...user, consent_pending: pending } : user,
      ),
    [queryClient],
  );
}
