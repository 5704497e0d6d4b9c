import { Button } from "../ui/Button";
import { SelectField, TextArea, TextField } from "../ui/Field";
import { PILLARS } from "../ui/pillars";
import type { TaskDraft } from "./hooks";

/** The API's limits on a proposed task (TaskSuggestionIn in optio/submissions/schemas.py). */
export const TASK_LIMITS = { title: 200, description: 5000, xp: { min: 25, max: 200 } };

export const emptyTask = (): TaskDraft => ({ title: "", description: "", pillar: "stem_logic", xp_value: 50 });

/**
 * Editable rows of tasks; `errors` are keyed like the API's ("suggested_tasks.0.title"). `xp` is
 * the XP range the endpoint takes (a proposed task's, unless given).
 */
export function TaskRows({
  tasks,
  onChange,
  errors,
  prefix,
  xp = TASK_LIMITS.xp,
}: {
  tasks: TaskDraft[];
  onChange: (tasks: TaskDraft[]) => void;
  errors: Record<string, string>;
  prefix: string;
  xp?: { min: number; max: number };
}) {
  const update = (i: number, change: Partial<TaskDraft>) =>
    onChange(tasks.map((t, j) => (j === i ? { ...t, ...change } : t)));
  return (
    <ol className="space-y-4">
      {tasks.map((task, i) => (
        <li key={i} className="rounded-lg border border-slate-200 p-3" aria-label={`Task ${i + 1}`}>
          <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_7rem]">
            <TextField
              label={`Task ${i + 1} title`}
              maxLength={TASK_LIMITS.title}
              value={task.title}
              onChange={(e) => update(i, { title: e.target.value })}
              error={errors[`${prefix}.${i}.title`]}
            />
            <SelectField
              label="Pillar"
              value={task.pillar}
              onChange={(e) => update(i, { pillar: e.target.value as TaskDraft["pillar"] })}
              error={errors[`${prefix}.${i}.pillar`]}
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
              min={xp.min}
              max={xp.max}
              step={5}
              hint={`${xp.min}–${xp.max} XP`}
              value={task.xp_value}
              onChange={(e) => update(i, { xp_value: Number(e.target.value) })}
              error={errors[`${prefix}.${i}.xp_value`]}
            />
          </div>
          <TextArea
            className="mt-3"
            rows={2}
            label="Description"
            maxLength={TASK_LIMITS.description}
            value={task.description ?? ""}
            onChange={(e) => update(i, { description: e.target.value })}
            error={errors[`${prefix}.${i}.description`]}
          />
          {tasks.length > 1 && (
            <Button variant="ghost" className="mt-2" onClick={() => onChange(tasks.filter((_, j) => j !== i))}>
              Remove task {i + 1}
            </Button>
          )}
        </li>
      ))}
    </ol>
  );
}
