import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";

export type Scope = Schemas["LinkPublic"]["scope"];
export type Link = Schemas["LinkPublic"];
export type Invitation = Schemas["InvitationPublic"];

export const linkKeys = {
  all: ["links"] as const,
  mine: () => [...linkKeys.all, "mine"] as const,
  pendingInvitations: () => [...linkKeys.all, "invitations", "pending"] as const,
};

export function useLinks() {
  return useQuery({
    queryKey: linkKeys.mine(),
    queryFn: () => unwrap(api.GET("/api/links", { params: { query: { per_page: 100 } } })),
  });
}

export function usePendingInvitations() {
  return useQuery({
    queryKey: linkKeys.pendingInvitations(),
    queryFn: () =>
      unwrap(api.GET("/api/links/invitations", { params: { query: { status: "pending", per_page: 100 } } })),
  });
}

/** After any change to links: the lists here, and the parent and advisor views. */
function useRefreshLinks() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: linkKeys.all });
    void queryClient.invalidateQueries({ queryKey: ["students"] });
  };
}

export function useSetScope() {
  const onSuccess = useRefreshLinks();
  return useMutation({
    mutationFn: ({ id, scope }: { id: string; scope: Scope }) =>
      unwrap(api.PATCH("/api/links/{link_id}", { params: { path: { link_id: id } }, body: { scope } })),
    onSuccess,
  });
}

export function useEndLink() {
  const onSuccess = useRefreshLinks();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/links/{link_id}", { params: { path: { link_id: id } } })),
    onSuccess,
  });
}

export function useInvite() {
  const onSuccess = useRefreshLinks();
  return useMutation({
    mutationFn: (body: Schemas["InvitationIn"]) => unwrap(api.POST("/api/links/invitations", { body })),
    onSuccess,
  });
}

export type Answer = "accept" | "decline" | "cancel";

export function useAnswerInvitation() {
  const onSuccess = useRefreshLinks();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: Answer }) => {
      const params = { params: { path: { invitation_id: id } } };
      if (answer === "accept") return unwrap(api.POST("/api/links/invitations/{invitation_id}/accept", params));
      if (answer === "decline") return unwrap(api.POST("/api/links/invitations/{invitation_id}/decline", params));
      return unwrap(api.POST("/api/links/invitations/{invitation_id}/cancel", params));
    },
    onSuccess,
  });
}

export function useCreateCode() {
  const onSuccess = useRefreshLinks();
  return useMutation({
    mutationFn: (scope: Scope | null) => unwrap(api.POST("/api/links/codes", { body: { scope } })),
    onSuccess,
  });
}

export function useRedeemCode() {
  const onSuccess = useRefreshLinks();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST("/api/links/codes/redeem", { body: { code } })),
    onSuccess,
  });
}
