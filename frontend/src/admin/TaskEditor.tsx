import { useState } from "react";
import type { Schemas } from "../api/client";
import { Button } from "../ui/Button";
import { Checkbox, FormError, SelectField, TextField } from "../ui/Field";
import { PILLARS } from "../ui/pillars";
import { useFormErrors } from "../ui/useFormErrors";
import type { useQuestWrites } from "./hooks";

type Writes = ReturnType<typeof useQuestWrites>;
type Pillar = Schemas["TaskIn"]["pillar"];

/** One task of a quest, edited in place; moved up or down; deleted while nobody completed it. */
export function TaskEditor({
  task,
  writes,
  onMove,
}: {
  task: Schemas["AdminTaskPublic"];
  writes: Writes;
  onMove: (delta: -1 | 1) => void;
}) {
  const errors = useFormErrors({ task_has_completions: "delete" });
  const [draft, setDraft] = useState({
    title: task.title,
    pillar: task.pillar as Pillar,
    xp_value: task.xp_value,
    is_required: task.is_required,
  });
  const dirty =
    draft.title !== task.title ||
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
      <FormError message={errors.form ?? errors.fields.delete} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_6rem]">
        <TextField
          label="Title"
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
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Checkbox
          label="Required"
          checked={draft.is_required}
          onChange={(e) => setDraft({ ...draft, is_required: e.target.checked })}
        />
        <span className="text-xs text-slate-600">{task.completions} completions</span>
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
          onClick={() => run(() => writes.updateTask.mutateAsync({ taskId: task.id, body: draft }))}
        >
          Save task
        </Button>
        <Button
          variant="danger"
          disabled={task.completions > 0}
          onClick={() => run(() => writes.deleteTask.mutateAsync(task.id))}
        >
          Delete
        </Button>
      </div>
    </li>
  );
}
