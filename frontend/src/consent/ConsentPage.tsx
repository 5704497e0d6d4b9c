import { useEffect, useState, type FormEvent } from "react";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { QueryState } from "../ui/States";
import { useFormErrors } from "../ui/useFormErrors";
import { useConsentStatus, useRequestConsent, useSyncConsentPending, type ConsentStatus } from "./hooks";
import { formatDate, LockedUntilConsent, methodWords } from "./notice";

function RequestForm() {
  const ask = useRequestConsent();
  const errors = useFormErrors();
  const [sent, setSent] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const address = String(new FormData(formElement).get("parent_email")).trim();
    errors.reset();
    setSent(null);
    try {
      await ask.mutateAsync(address);
      setSent(address);
      formElement.reset();
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-labelledby="ask-parent">
      <h2 id="ask-parent" className="text-lg font-semibold">
        Ask a parent
      </h2>
      <p className="text-slate-700">
        We e-mail your parent a link. They read what Optio keeps and decide; the link works for 7 days. You can ask
        three times a day.
      </p>
      <FormError message={errors.form} />
      <TextField
        label="Your parent's e-mail"
        name="parent_email"
        type="email"
        autoComplete="off"
        required
        error={errors.fields.parent_email}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={ask.isPending}>
          Send request
        </Button>
        {sent && (
          <span role="status" className="text-sm text-green-800">
            Request sent to {sent}.
          </span>
        )}
      </div>
    </form>
  );
}

function Status({ status }: { status: ConsentStatus }) {
  const sync = useSyncConsentPending();
  useEffect(() => {
    sync(status.pending);
  }, [sync, status.pending]);

  if (!status.under_13 && !status.consent) {
    return (
      <Card>
        <p>Your account does not need a parent's consent: you can make your diploma public and team up.</p>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {status.pending ? (
        <Card aria-labelledby="waiting">
          <h2 id="waiting" className="text-lg font-semibold">
            Waiting for a parent
          </h2>
          <div className="mt-2 text-slate-800">
            <LockedUntilConsent
              child
              intro="Because you are under 13, a parent needs to say yes before you can use two things:"
            />
          </div>
          <p className="mt-3 text-slate-800" data-testid="last-request">
            {status.requested_to && status.requested_at
              ? `Your last request went to ${status.requested_to} on ${formatDate(status.requested_at)}.`
              : "You have not asked a parent yet."}
          </p>
        </Card>
      ) : (
        <Card aria-labelledby="all-set">
          <h2 id="all-set" className="text-lg font-semibold">
            A parent has consented
          </h2>
          <p className="mt-2 text-slate-800">You can make your diploma public and team up with other students.</p>
        </Card>
      )}
      {status.consent && (
        <Card aria-labelledby="in-force">
          <h2 id="in-force" className="text-lg font-semibold">
            The consent in force
          </h2>
          <p className="mt-2 text-slate-800">
            Given by {status.consent.given_by ?? "a parent"} {methodWords[status.consent.method]} on{" "}
            {formatDate(status.consent.granted_at)} (privacy notice version {status.consent.policy_version}).
          </p>
        </Card>
      )}
      {status.pending && (
        <Card>
          <RequestForm />
        </Card>
      )}
    </div>
  );
}

/** A child's page (under 13): what waits for a parent's consent, and asking a parent for it. */
export function ConsentPage() {
  const status = useConsentStatus();
  return (
    <>
      <PageHeader title="Parental consent" subtitle="What a parent's consent changes on your account." />
      <QueryState query={status} loadingLabel="Loading your consent…">
        {(s) => <Status status={s} />}
      </QueryState>
    </>
  );
}
