import { useState, type FormEvent } from "react";
import { Button } from "../ui/Button";
import { FormError, TextArea } from "../ui/Field";
import { Card } from "../ui/Page";
import { useFormErrors } from "../ui/useFormErrors";
import { useRevokeCredential } from "./hooks";

const MAX_REASON = 500;

/** An admin's revocation of one of Optio's credentials: a reason, then a confirmation. */
export function RevokeCredential({ credentialId }: { credentialId: string }) {
  const revoke = useRevokeCredential(credentialId);
  const errors = useFormErrors();
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState(false);
  function ask(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    errors.reset();
    const empty = reason.trim() === "";
    setMissing(empty);
    if (empty) (event.currentTarget.elements.namedItem("reason") as HTMLTextAreaElement | null)?.focus();
    else setConfirming(true);
  }

  async function confirm() {
    try {
      await revoke.mutateAsync(reason.trim());
    } catch (error) {
      errors.capture(error);
      setConfirming(false);
    }
  }

  return (
    <Card aria-labelledby="revoke-credential" className="border-red-200">
      <h2 id="revoke-credential" className="font-semibold">
        Revoke this credential
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        An admin's action: the credential stops verifying everywhere, and its student is told the reason.
      </p>
      {revoke.isSuccess ? (
        <p role="status" className="mt-3 font-medium text-red-800">
          Revoked. The check above runs again.
        </p>
      ) : (
        <form onSubmit={ask} className="mt-3 space-y-3" noValidate>
          <FormError message={errors.form} />
          <TextArea
            label="Reason (the student sees it)"
            name="reason"
            required
            maxLength={MAX_REASON}
            value={reason}
            disabled={confirming}
            onChange={(event) => setReason(event.target.value)}
            error={missing ? "Give a reason for revoking it." : errors.fields.reason}
            hint={`Up to ${MAX_REASON} characters.`}
          />
          {confirming ? (
            <div
              role="group"
              aria-labelledby="revoke-confirm"
              className="rounded-md border border-red-300 bg-red-50 p-3"
            >
              <p id="revoke-confirm" className="font-medium text-red-900">
                Revoke it for good? This cannot be undone.
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                <Button autoFocus variant="danger" busy={revoke.isPending} onClick={() => void confirm()}>
                  Yes, revoke it
                </Button>
                <Button variant="secondary" disabled={revoke.isPending} onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
              </div>
            </div>
          ) : (
            <Button type="submit" variant="danger">
              Revoke this credential
            </Button>
          )}
        </form>
      )}
    </Card>
  );
}
