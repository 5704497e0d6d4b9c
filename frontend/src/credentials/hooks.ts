import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";

export type CredentialDocument = Schemas["JsonLd"];

export const credentialKeys = {
  all: ["credentials"] as const,
  mine: ["credentials", "mine"] as const,
  diploma: (slug: string) => ["credentials", "diploma", slug] as const,
  document: (id: string) => ["credentials", "document", id] as const,
  check: (key: string) => ["credentials", "check", key] as const,
};

/** The signed-in student's credentials, newest first (one per completed quest). */
export function useMyCredentials(enabled = true) {
  return useQuery({
    queryKey: credentialKeys.mine,
    queryFn: () => unwrap(api.GET("/api/users/me/credentials")),
    enabled,
  });
}

/** A diploma's credentials, as the reader may see them (none when the diploma is not theirs to see). */
export function useDiplomaCredentials(slug: string) {
  return useQuery({
    queryKey: credentialKeys.diploma(slug),
    queryFn: () => unwrap(api.GET("/api/diplomas/{slug}/credentials", { params: { path: { slug } } })),
  });
}

export function fetchCredential(id: string): Promise<CredentialDocument> {
  return unwrap(api.GET("/api/credentials/{credential_id}", { params: { path: { credential_id: id } } }));
}

/** One signed credential, exactly as its issuer signed it. */
export function useCredentialDocument(id: string) {
  return useQuery({ queryKey: credentialKeys.document(id), queryFn: () => fetchCredential(id) });
}

/** An admin's revocation; every credential view (and its check) is asked again after it. */
export function useRevokeCredential(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST("/api/admin/credentials/{credential_id}/revoke", {
          params: { path: { credential_id: id } },
          body: { reason },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });
}

/** Optio's own server-side check of a credential (a second opinion to the browser's); the API
 * takes the credential as pasted JSON text. */
export function useServerCheck() {
  return useMutation({
    mutationFn: (credential: CredentialDocument) =>
      unwrap(api.POST("/api/credentials/verify", { body: { credential: JSON.stringify(credential) } })),
  });
}
