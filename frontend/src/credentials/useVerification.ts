import { useQuery } from "@tanstack/react-query";
import { credentialKeys, type CredentialDocument } from "./hooks";

/**
 * The browser's own check of a credential. The verifier (Digital Bazaar's libraries, most of
 * the verify page's weight) loads on first use. `key` names the document: a revocation
 * invalidates every credential query, and with them this check, which then runs again.
 */
export function useVerification(document: CredentialDocument, key: string) {
  return useQuery({
    queryKey: credentialKeys.check(key),
    queryFn: async () => {
      const { verifyCredential } = await import("./verifier/verify");
      return verifyCredential(document);
    },
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
}
