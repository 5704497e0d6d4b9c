import { useRef, useState } from "react";
import { useParams } from "react-router-dom";
import { ApiError } from "../api/errors";
import { ButtonLink, Button } from "../ui/Button";
import { Card, PageHeader } from "../ui/Page";
import { ErrorState, Loading } from "../ui/States";
import { CredentialInput } from "./CredentialInput";
import { CredentialReport } from "./CredentialReport";
import { ourCredentialId } from "./document";
import { useCredentialDocument, type CredentialDocument } from "./hooks";

const SUBTITLE = "Check that a credential is genuine: signed by its issuer, unchanged and not revoked.";

/** /verify/:credentialId: one of Optio's credentials, by the address its owner shared. */
export function VerifyCredentialPage() {
  const { credentialId = "" } = useParams();
  const credential = useCredentialDocument(credentialId);
  let body;
  if (credential.isPending) body = <Loading label="Loading the credential…" />;
  else if (credential.error instanceof ApiError && [404, 422].includes(credential.error.status)) {
    body = (
      <Card>
        <h2 className="text-xl font-bold">No credential is shown at this address</h2>
        <p className="mt-2 text-slate-700">
          It does not exist, or its owner's diploma is private. If you have the credential's file, you can check that
          instead.
        </p>
        <ButtonLink className="mt-4" to="/verify">
          Check a credential file
        </ButtonLink>
      </Card>
    );
  } else if (credential.error || !credential.data) {
    body = <ErrorState error={credential.error} retry={() => void credential.refetch()} />;
  } else {
    body = <CredentialReport document={credential.data} checkKey={credentialId} credentialId={credentialId} />;
  }
  return (
    <>
      <PageHeader title="Verify a credential" subtitle={SUBTITLE} />
      {body}
    </>
  );
}

/** /verify: any Open Badges 3.0 credential, pasted or chosen as a file. */
export function VerifyPastedPage() {
  const [pasted, setPasted] = useState<{ document: CredentialDocument; count: number } | null>(null);
  // Each credential checked gets a check of its own, however many came before it.
  const checked = useRef(0);
  return (
    <>
      <PageHeader title="Verify a credential" subtitle={SUBTITLE} />
      {pasted ? (
        <div className="space-y-6">
          <CredentialReport
            document={pasted.document}
            checkKey={`pasted-${pasted.count}`}
            credentialId={ourCredentialId(pasted.document)}
          />
          <Button variant="secondary" onClick={() => setPasted(null)}>
            Check another credential
          </Button>
        </div>
      ) : (
        <CredentialInput onCredential={(document) => setPasted({ document, count: ++checked.current })} />
      )}
    </>
  );
}
