import { useState } from "react";
import type { Schemas } from "../api/client";
import { Button } from "../ui/Button";
import { messageOf } from "../api/errors";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { Checkbox, FormError, SelectField, TextArea, TextField } from "../ui/Field";
import { PILLARS } from "../ui/pillars";
import { useFormErrors } from "../ui/useFormErrors";
import type { useQuestWrites } from "./hooks";

type Writes = ReturnType<typeof useQuestWrites>;
type Pillar = Schemas["TaskIn"]["pillar"];

/** The API's limits on a task's text (Title and Description in optio/admin/quests/schemas.py). */
const LIMITS = { title: 200, description: 5000 };

/**
 * One task of a quest, edited in place; moved up or down; deleted, after a confirmation, while
 * nobody completed it (the API refuses to delete a completed task: 409 task_has_completions).
 */
export function TaskEditor({
  task,
  writes,
  onMove,
}: {
  task: Schemas["AdminTaskPublic"];
  writes: Writes;
  onMove: (delta: -1 | 1) => void;
}) {
  const errors = useFormErrors();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [draft, setDraft] = useState({
    title: task.title,
    description: task.description,
    pillar: task.pillar as Pillar,
    xp_value: task.xp_value,
    is_required: task.is_required,
  });
  const dirty =
    draft.title !== task.title ||
    draft.description !== task.description ||
    draft.pillar !== task.pillar ||
    draft.xp_value !== task.xp_value ||
    draft.is_required !== task.is_required;

  async function run(action: () => Promise<unknown>) {
    errors.reset();
    try {
      await action();
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-3">
      <FormError message={errors.form} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_6rem]">
        <TextField
          label="Title"
          maxLength={LIMITS.title}
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          error={errors.fields.title}
        />
        <SelectField
          label="Pillar"
          value={draft.pillar}
          onChange={(e) => setDraft({ ...draft, pillar: e.target.value as Pillar })}
        >
          {PILLARS.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="XP"
          type="number"
          value={draft.xp_value}
          onChange={(e) => setDraft({ ...draft, xp_value: Number(e.target.value) })}
          error={errors.fields.xp_value}
        />
      </div>
      <TextArea
        className="mt-3"
        rows={2}
        label="Description"
        maxLength={LIMITS.description}
        hint="What the student does and what counts as done."
        value={draft.description}
        onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        error={errors.fields.description}
      />
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Checkbox
          label="Required"
          checked={draft.is_required}
          onChange={(e) => setDraft({ ...draft, is_required: e.target.checked })}
        />
        <span className="text-xs text-slate-600">
          {task.completions} completions{task.completions > 0 && " (a completed task cannot be deleted)"}
        </span>
        <span className="flex-1" />
        <Button variant="ghost" onClick={() => onMove(-1)} aria-label={`Move ${task.title} up`}>
          ↑
        </Button>
        <Button variant="ghost" onClick={() => onMove(1)} aria-label={`Move ${task.title} down`}>
          ↓
        </Button>
        <Button
          variant="secondary"
          disabled={!dirty}
          busy={writes.updateTask.isPending && writes.updateTask.variables?.taskId === task.id}
          onClick={() =>
            run(async () => {
              const saved = await writes.updateTask.mutateAsync({ taskId: task.id, body: draft });
              // As the API keeps it (text trimmed), so that the saved task reads as unchanged.
              setDraft({
                title: saved.title,
                description: saved.description,
                pillar: saved.pillar,
                xp_value: saved.xp_value,
                is_required: saved.is_required,
              });
            })
          }
        >
          Save task
        </Button>
        <Button
          variant="danger"
          disabled={task.completions > 0}
          onClick={() => {
            writes.deleteTask.reset();
            setConfirmDelete(true);
          }}
          aria-label={`Delete ${task.title}`}
        >
          Delete
        </Button>
      </div>
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete the task “${task.title}”?`}
          confirm="Delete task"
          danger
          busy={writes.deleteTask.isPending}
          error={writes.deleteTask.error ? messageOf(writes.deleteTask.error) : null}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() =>
            writes.deleteTask.mutate(task.id, {
              onSuccess: () => setConfirmDelete(false),
            })
          }
        >
          Nobody has completed it, so no student loses work or XP. It is removed from the quest for everyone, the
          deletion is recorded in the audit log, and it cannot be undone.
        </ConfirmDialog>
      )}
    </li>
  );
}
