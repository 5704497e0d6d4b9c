import { useState } from "react";
import type { Schemas } from "../api/client";
import { TaskRows } from "../submissions/TaskRows";
import type { TaskDraft } from "../submissions/hooks";
import { Button } from "../ui/Button";
import { FormError, TextArea, TextField } from "../ui/Field";
import { Card } from "../ui/Page";
import { pillarOf } from "../ui/pillars";
import { useFormErrors } from "../ui/useFormErrors";
import { useReview } from "./hooks";

/** What became of a reviewed submission, for the queue to say once its card has gone. */
export type ReviewOutcome =
  { kind: "approved"; title: string; questId: string | null } | { kind: "rejected"; title: string };

/** One pending submission: approve it as written or with edits, or reject it with notes. */
export function SubmissionReview({
  submission,
  onReviewed,
}: {
  submission: Schemas["QueuedSubmission"];
  onReviewed?: (outcome: ReviewOutcome) => void;
}) {
  const { approve, reject } = useReview();
  const errors = useFormErrors();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(submission.title);
  const [description, setDescription] = useState(submission.description);
  const [tasks, setTasks] = useState<TaskDraft[]>(submission.suggested_tasks as TaskDraft[]);
  const [notes, setNotes] = useState("");
  const author = submission.author.display_name ?? submission.author.username ?? "A student";

  async function run(action: () => Promise<unknown>) {
    errors.reset();
    try {
      await action();
    } catch (error) {
      errors.capture(error);
    }
  }

  const onApprove = () =>
    run(async () => {
      const body = editing ? { title, description, tasks } : {};
      const approved = await approve.mutateAsync({ id: submission.id, body });
      // The quest's title: the edited one when edited (the API trims it too).
      const questTitle = editing ? title.trim() : submission.title;
      onReviewed?.({ kind: "approved", title: questTitle, questId: approved.approved_quest_id });
    });
  const onReject = () =>
    run(async () => {
      await reject.mutateAsync({ id: submission.id, notes: notes.trim() });
      onReviewed?.({ kind: "rejected", title: submission.title });
    });

  return (
    <Card>
      <article aria-label={`Submission: ${submission.title}`} data-testid="queued-submission">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">{submission.title}</h2>
          <p className="text-sm text-slate-600">
            by {author} · {new Date(submission.created_at).toLocaleDateString()} ·{" "}
            {submission.make_public ? "public" : "private"}
          </p>
        </div>
        <FormError message={errors.form} />
        {editing ? (
          <div className="mt-3 space-y-3">
            <TextField
              label="Title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              error={errors.fields.title}
            />
            <TextArea
              label="Description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              error={errors.fields.description}
            />
            <TaskRows tasks={tasks} onChange={setTasks} errors={errors.fields} prefix="tasks" />
          </div>
        ) : (
          <>
            {submission.description && (
              <p className="mt-2 whitespace-pre-wrap text-slate-800">{submission.description}</p>
            )}
            <ol className="mt-3 list-inside list-decimal space-y-1 text-sm">
              {submission.suggested_tasks.map((t, i) => (
                <li key={i}>
                  {t.title} · {pillarOf(t.pillar)?.name ?? t.pillar} · {t.xp_value} XP
                </li>
              ))}
            </ol>
          </>
        )}
        {submission.status === "pending" ? (
          <div className="mt-4 space-y-3 border-t border-slate-200 pt-4">
            <div className="flex flex-wrap gap-2">
              <Button busy={approve.isPending} onClick={onApprove}>
                {editing ? "Approve with edits" : "Approve"}
              </Button>
              <Button variant="secondary" onClick={() => setEditing((e) => !e)} aria-pressed={editing}>
                {editing ? "Discard edits" : "Edit before approving"}
              </Button>
            </div>
            <TextArea
              label="Notes for the author (needed to reject)"
              rows={2}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              error={errors.fields.notes}
            />
            <Button variant="danger" busy={reject.isPending} disabled={!notes.trim()} onClick={onReject}>
              Reject
            </Button>
          </div>
        ) : (
          <p className="mt-3 text-sm text-slate-700">
            {submission.status === "approved" ? "Approved" : "Rejected"}
            {submission.admin_notes && `: ${submission.admin_notes}`}
          </p>
        )}
      </article>
    </Card>
  );
}
