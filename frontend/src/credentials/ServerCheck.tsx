import { messageOf } from "../api/errors";
import { Button } from "../ui/Button";
import { Card } from "../ui/Page";
import { useServerCheck, type CredentialDocument } from "./hooks";
import { CheckList } from "./VerificationResult";

// The server names its checks "proof", "status" and "dates"; this page says "signature".
const NAMES: Record<string, string> = { proof: "signature" };

/** A second opinion: Optio's server checks the same document with its own code. */
export function ServerCheck({ document }: { document: CredentialDocument }) {
  const check = useServerCheck();
  return (
    <Card aria-labelledby="server-check">
      <h2 id="server-check" className="font-semibold">
        Second opinion
      </h2>
      <p className="mt-1 text-sm text-slate-700">Optio's server can check the same document with its own code.</p>
      <Button variant="secondary" className="mt-3" busy={check.isPending} onClick={() => check.mutate(document)}>
        Check with Optio's server
      </Button>
      <div role="status" className="mt-2">
        {check.data && (
          <>
            <p className="font-semibold">
              Optio's server: {check.data.verified ? "verified" : check.data.revoked ? "revoked" : "not verified"}.
            </p>
            <CheckList checks={check.data.checks.map((c) => ({ ...c, name: NAMES[c.name] ?? c.name }))} />
          </>
        )}
      </div>
      {check.error && (
        <p role="alert" className="mt-2 text-sm font-medium text-red-700">
          {messageOf(check.error)}
        </p>
      )}
    </Card>
  );
}
