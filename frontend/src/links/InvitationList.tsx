import { messageOf } from "../api/errors";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { useAnswerInvitation, type Answer, type Invitation } from "./hooks";
import { RELATIONS, nameOf, scopeOf } from "./scopes";

const LABELS: Record<Answer, string> = { accept: "Accept", decline: "Decline", cancel: "Cancel" };

function describe(invitation: Invitation): { who: string; what: string } {
  const expires = `expires ${new Date(invitation.expires_at).toLocaleString()}`;
  const scope = invitation.scope ? scopeOf(invitation.scope).sees : null;
  if (invitation.kind === "code") {
    return { who: "One-time code", what: `Not used yet · ${expires}` };
  }
  if (invitation.direction === "incoming") {
    const relation = invitation.relation ? RELATIONS[invitation.relation].toLowerCase() : "supporter";
    return {
      who: nameOf(invitation.other),
      what: `Wants to follow your work as your ${relation}${scope ? `, seeing ${scope}` : ""} · ${expires}`,
    };
  }
  return {
    who: invitation.other ? nameOf(invitation.other, "A student") : (invitation.invitee_email ?? "A student"),
    what: `Waiting for an answer${invitation.other ? "" : " (not signed up yet)"} · ${expires}`,
  };
}

function InvitationRow({ invitation, answers }: { invitation: Invitation; answers: Answer[] }) {
  const answer = useAnswerInvitation();
  const { who, what } = describe(invitation);
  const expired = new Date(invitation.expires_at).getTime() < Date.now();
  return (
    <li className="py-3" data-testid="invitation">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="font-medium">{who}</p>
          <p className="text-sm text-slate-700">{expired ? "Expired" : what}</p>
        </div>
        {!expired && (
          <div className="flex gap-2">
            {answers.map((a) => (
              <Button
                key={a}
                variant={a === "accept" ? "primary" : "secondary"}
                busy={answer.isPending && answer.variables?.answer === a}
                disabled={answer.isPending}
                onClick={() => answer.mutate({ id: invitation.id, answer: a })}
                aria-label={`${LABELS[a]}: ${who}`}
              >
                {LABELS[a]}
              </Button>
            ))}
          </div>
        )}
      </div>
      {answer.error && <FormError message={messageOf(answer.error)} />}
    </li>
  );
}

/** Pending invitations (or codes) with the answers open to me. */
export function InvitationList({
  label,
  invitations,
  answers,
  empty,
}: {
  label: string;
  invitations: Invitation[];
  answers: Answer[];
  empty: string;
}) {
  if (invitations.length === 0) return <p className="mt-2 text-sm text-slate-700">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-200" aria-label={label}>
      {invitations.map((i) => (
        <InvitationRow key={i.id} invitation={i} answers={answers} />
      ))}
    </ul>
  );
}
