import { useState } from "react";
import type { Schemas } from "../api/client";
import { messageOf } from "../api/errors";
import { TaskFeedback } from "../feedback/TaskFeedback";
import { Button } from "../ui/Button";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { PillarBadge } from "../ui/PillarBadge";
import { EvidenceForm } from "./EvidenceForm";
import { EvidenceView } from "./EvidenceView";
import { useEvidenceLimits, type CompletionResult, type Evidence, type EvidenceItem } from "./hooks";

/** Further pieces of evidence a task holds beside its own (private.max_evidence_items()). */
export const MAX_EVIDENCE_ITEMS = 5;

/** Which evidence form of a task is open: completing it, editing its evidence, adding more. */
export type TaskForm = "complete" | "edit" | "add";

/** What a completed task's evidence can be changed with; without it, it is shown only. */
export interface EvidenceChanges {
  edit: (taskId: string, evidence: Evidence) => Promise<unknown>;
  addItem: (taskId: string, evidence: Evidence) => Promise<unknown>;
  removeItem: (taskId: string, itemId: string) => Promise<unknown>;
}

function ItemList({
  items,
  caption,
  remove,
}: {
  items: EvidenceItem[];
  caption: string;
  remove?: (itemId: string) => Promise<unknown>;
}) {
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!items.length) return null;
  return (
    <ul className="space-y-2" aria-label="More evidence">
      {items.map((item, n) => (
        <li key={item.id}>
          <EvidenceView evidence={{ ...item, is_private: false }} caption={`${caption} (${n + 2})`} />
          {remove && (
            <Button variant="ghost" aria-label={`Remove this evidence (${n + 2})`} onClick={() => setAsking(item.id)}>
              Remove
            </Button>
          )}
        </li>
      ))}
      {asking && remove && (
        <ConfirmDialog
          title="Remove this evidence?"
          confirm="Remove"
          danger
          busy={busy}
          error={error}
          onCancel={() => {
            setAsking(null);
            setError(null);
          }}
          onConfirm={async () => {
            setBusy(true);
            try {
              await remove(asking);
              setAsking(null);
              setError(null);
            } catch (failure) {
              setError(messageOf(failure));
            } finally {
              setBusy(false);
            }
          }}
        >
          It no longer shows with this task. The task stays completed and its XP stays yours.
        </ConfirmDialog>
      )}
    </ul>
  );
}

/**
 * A task of a quest page. One evidence form is open at a time on the page (`open`): the others
 * offer to open theirs ("Complete this task"; "Edit evidence" and "Add more evidence" once
 * completed).
 */
export function TaskItem({
  task,
  canComplete,
  open,
  onOpen,
  onClose,
  complete,
  changes,
}: {
  task: Schemas["TaskPublic"];
  canComplete: boolean;
  open: TaskForm | null;
  onOpen: (form: TaskForm) => void;
  onClose: () => void;
  complete: (taskId: string, evidence: Evidence, onProgress: (f: number) => void) => Promise<CompletionResult>;
  changes?: EvidenceChanges;
}) {
  const completion = task.completion;
  const form = completion
    ? changes && open !== "complete"
      ? open
      : null
    : canComplete && open === "complete"
      ? open
      : null;
  const limits = useEvidenceLimits(form !== null).data;
  const caption = `Evidence for ${task.title}`;
  const items = completion?.items ?? [];
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="task">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="font-semibold">
          {completion && (
            <span aria-hidden className="mr-1 text-green-700">
              ✓
            </span>
          )}
          {task.title}
          {completion && <span className="sr-only"> (done)</span>}
        </h3>
        <div className="flex flex-wrap items-center gap-2">
          <PillarBadge pillar={task.pillar} />
          <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
            {task.xp_value} XP
          </span>
          {!task.is_required && <span className="text-xs text-slate-600">optional</span>}
        </div>
      </div>
      {task.description && <p className="mt-1 text-sm text-slate-700">{task.description}</p>}
      {completion ? (
        <>
          {form === "edit" && changes ? (
            <EvidenceForm
              taskTitle={task.title}
              initial={completion.evidence}
              submitLabel="Save evidence"
              limits={limits}
              submit={async (evidence) => {
                await changes.edit(task.id, evidence);
                onClose();
              }}
              onCancel={onClose}
            />
          ) : (
            <EvidenceView evidence={completion.evidence} caption={caption} />
          )}
          <ItemList
            items={items}
            caption={caption}
            remove={changes && ((itemId) => changes.removeItem(task.id, itemId))}
          />
          {form === "add" && changes && (
            <EvidenceForm
              taskTitle={`${task.title} (more evidence)`}
              submitLabel="Add evidence"
              privacy={false}
              limits={limits}
              submit={async (evidence) => {
                await changes.addItem(task.id, evidence);
                onClose();
              }}
              onCancel={onClose}
            />
          )}
          {changes && form === null && (
            <div className="mt-2 flex flex-wrap gap-2">
              <Button variant="ghost" aria-label={`Edit evidence for ${task.title}`} onClick={() => onOpen("edit")}>
                Edit evidence
              </Button>
              {items.length < MAX_EVIDENCE_ITEMS && (
                <Button
                  variant="ghost"
                  aria-label={`Add more evidence for ${task.title}`}
                  onClick={() => onOpen("add")}
                >
                  Add more evidence
                </Button>
              )}
            </div>
          )}
          <TaskFeedback completionId={completion.id} taskTitle={task.title} />
        </>
      ) : form === "complete" ? (
        <EvidenceForm
          taskTitle={task.title}
          submit={(evidence, onProgress) => complete(task.id, evidence, onProgress)}
          limits={limits}
        />
      ) : (
        canComplete && (
          <Button
            variant="secondary"
            className="mt-3"
            aria-label={`Complete this task: ${task.title}`}
            onClick={() => onOpen("complete")}
          >
            Complete this task
          </Button>
        )
      )}
    </li>
  );
}
