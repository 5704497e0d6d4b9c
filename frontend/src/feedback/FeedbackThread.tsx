import { useId, type FormEvent } from "react";
import type { Schemas } from "../api/client";
import { Button } from "../ui/Button";
import { FormError, TextArea } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { useWriteFeedback } from "./hooks";

type Thread = Schemas["FeedbackThread"];

function authorOf(message: Schemas["FeedbackPublic"]): string {
  if (message.author.is_me) return "You";
  return message.author.display_name ?? (message.author.is_student ? "The student" : "An advisor");
}

function ReplyForm({ completionId, label, action }: { completionId: string; label: string; action: string }) {
  const write = useWriteFeedback(completionId);
  const errors = useFormErrors({ feedback_not_allowed: "body" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    errors.reset();
    try {
      await write.mutateAsync(String(new FormData(formElement).get("body")).trim());
      formElement.reset();
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="mt-3 space-y-2">
      <FormError message={errors.form} />
      <TextArea label={label} name="body" rows={3} maxLength={2000} required error={errors.fields.body} />
      <Button type="submit" busy={write.isPending}>
        {action}
      </Button>
    </form>
  );
}

/**
 * A completion's feedback, oldest first, and a box to write in when the API says I may.
 * `label` names the work, for screen readers and the tests.
 */
export function FeedbackThread({
  completionId,
  thread,
  label,
  writeLabel = "Your reply",
  writeAction = "Reply",
}: {
  completionId: string;
  thread: Thread;
  label: string;
  writeLabel?: string;
  writeAction?: string;
}) {
  const heading = useId();
  return (
    <section aria-labelledby={heading} className="mt-3 rounded-md border border-slate-200 p-3" data-testid="feedback">
      <h4 id={heading} className="text-sm font-semibold text-slate-800">
        Feedback on {label}
      </h4>
      {thread.data.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">No feedback yet.</p>
      ) : (
        <ol className="mt-2 space-y-2" aria-label={`Feedback on ${label}`}>
          {thread.data.map((m) => (
            <li key={m.id} className={`rounded-md p-2 text-sm ${m.author.is_me ? "bg-brand-50" : "bg-slate-50"}`}>
              <p className="text-xs text-slate-700">
                <span className="font-semibold">{authorOf(m)}</span> · {new Date(m.created_at).toLocaleString()}
              </p>
              <p className="mt-1 whitespace-pre-wrap text-slate-900">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {thread.count > thread.data.length && (
        <p className="mt-1 text-xs text-slate-600">Showing the first {thread.data.length} messages.</p>
      )}
      {thread.can_reply && <ReplyForm completionId={completionId} label={writeLabel} action={writeAction} />}
    </section>
  );
}
