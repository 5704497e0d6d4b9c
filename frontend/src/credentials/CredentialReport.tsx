import { useAuth } from "../auth/context";
import { Button } from "../ui/Button";
import { CredentialDetails } from "./CredentialDetails";
import { readCredential } from "./document";
import { fileNameOf, saveJson } from "./download";
import type { CredentialDocument } from "./hooks";
import { RevokeCredential } from "./RevokeCredential";
import { ServerCheck } from "./ServerCheck";
import { useVerification } from "./useVerification";
import { VerificationResult } from "./VerificationResult";

/**
 * One credential on the verify page: the browser's check, what it says, a download, Optio's
 * second opinion and, for an admin and one of Optio's credentials, its revocation.
 */
export function CredentialReport({
  document,
  checkKey,
  credentialId,
}: {
  document: CredentialDocument;
  checkKey: string;
  credentialId: string | null;
}) {
  const { user } = useAuth();
  const check = useVerification(document, checkKey);
  const name = readCredential(document).name ?? "credential";
  const revocable = user?.role === "admin" && credentialId && check.data && check.data.outcome !== "revoked";
  return (
    <div className="space-y-6">
      <VerificationResult check={check} />
      <CredentialDetails document={document} />
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => saveJson(document, fileNameOf(name, "credential"))}>
          Download
        </Button>
      </div>
      <ServerCheck document={document} />
      {revocable && <RevokeCredential credentialId={credentialId} />}
    </div>
  );
}
