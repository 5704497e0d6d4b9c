import { useParams } from "react-router-dom";
import { ApiError, messageOf } from "../api/errors";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { ErrorState, Loading } from "../ui/States";
import { useAnswerConsent, useConsentLink, type ConsentLinkInfo } from "./hooks";
import { formatDate, LockedUntilConsent, PrivacyNotice } from "./notice";
import { WithdrawButton } from "./WithdrawButton";

const TOKEN = /^[0-9a-f]{64}$/;

const NOT_VALID =
  "This consent link is not valid. Check that you opened the whole address from the e-mail; if it still does " +
  "not work, ask your child to send a new request.";

function outcome(info: ConsentLinkInfo, name: string): string {
  switch (info.status) {
    case "pending":
      return `The link works until ${formatDate(info.expires_at)}.`;
    case "granted":
      return `You consented. ${name} can make their diploma public and team up with other students.`;
    case "declined":
      return `You declined. Nothing changes for ${name}: their diploma stays private and they cannot team up. If you change your mind, ask them to send a new request.`;
    case "revoked":
      return `You withdrew your consent. ${name}'s diploma is private again and they cannot team up.`;
    case "expired":
      return `This link has expired, unanswered. Ask ${name} to send a new request from their account.`;
  }
}

function Answer({ token, info }: { token: string; info: ConsentLinkInfo }) {
  const answer = useAnswerConsent(token);
  const name = info.student_name ?? "Your child";
  const refused = answer.error instanceof ApiError && answer.error.code === "consent_link_not_found";
  return (
    <div className="space-y-6">
      <Card aria-labelledby="request">
        <h2 id="request" className="text-lg font-semibold">
          {name} asks for your consent
        </h2>
        <div className="mt-2 space-y-2 text-slate-800">
          <p>
            {name} signed up for Optio, a platform for self-directed learning, and gave {info.parent_email} as a
            parent's address.
          </p>
          <LockedUntilConsent intro="Because they are under 13, a parent's consent is needed before two things:" />
        </div>
        <p role="status" className="mt-3 font-medium text-slate-900">
          {outcome(info, name)}
        </p>
        <FormError message={answer.error ? (refused ? NOT_VALID : messageOf(answer.error)) : null} />
        {info.status === "pending" && (
          <div className="mt-4 flex flex-wrap gap-2">
            <Button
              busy={answer.isPending && answer.variables === "grant"}
              disabled={answer.isPending}
              onClick={() => answer.mutate("grant")}
            >
              Consent
            </Button>
            <Button
              variant="secondary"
              busy={answer.isPending && answer.variables === "decline"}
              disabled={answer.isPending}
              onClick={() => answer.mutate("decline")}
            >
              Decline
            </Button>
          </div>
        )}
        {info.status === "granted" && (
          <div className="mt-4">
            <WithdrawButton
              name={name}
              busy={answer.isPending}
              error={null}
              onConfirm={() => answer.mutate("revoke")}
            />
          </div>
        )}
      </Card>
      <Card>
        <PrivacyNotice policyVersion={info.policy_version} />
      </Card>
    </div>
  );
}

/** The page a parent opens from the consent e-mail, signed out: read, then consent or decline. */
export function ParentConsentPage() {
  const { token = "" } = useParams();
  const wellFormed = TOKEN.test(token);
  const link = useConsentLink(token, wellFormed);
  let body;
  if (!wellFormed || (link.error instanceof ApiError && link.error.status === 404)) {
    body = <FormError message={NOT_VALID} />;
  } else if (link.isPending) {
    body = <Loading label="Opening the consent request…" />;
  } else if (link.error || !link.data) {
    body = <ErrorState error={link.error} retry={() => void link.refetch()} />;
  } else {
    body = <Answer token={token} info={link.data} />;
  }
  return (
    <>
      <PageHeader title="Parental consent" subtitle="For a child under 13 who uses Optio." />
      {body}
    </>
  );
}
