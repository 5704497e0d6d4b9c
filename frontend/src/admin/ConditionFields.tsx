import { SelectField, TextField } from "../ui/Field";
import { PILLARS, type PillarKey } from "../ui/pillars";
import { CONDITION_KINDS, conditionText, type ConditionKind } from "./achievementCondition";

export interface ConditionDraft {
  kind: ConditionKind;
  atLeast: string;
  pillar: PillarKey;
}

/** What unlocks a new achievement: a kind, how many, and for pillar XP which pillar. */
export function ConditionFields({
  draft,
  onChange,
  errors,
}: {
  draft: ConditionDraft;
  onChange: (draft: ConditionDraft) => void;
  errors: Record<string, string>;
}) {
  const n = Number(draft.atLeast);
  const preview =
    draft.atLeast !== "" && Number.isInteger(n) && n >= 1
      ? `In plain words: ${conditionText({ kind: draft.kind, pillar: draft.pillar, at_least: n })}.`
      : "A whole number, 1 or more.";
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-900">Unlocked when</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label="Condition"
          value={draft.kind}
          onChange={(e) => onChange({ ...draft, kind: e.target.value as ConditionKind })}
          error={errors.kind ?? errors.condition}
        >
          {CONDITION_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="At least"
          type="number"
          inputMode="numeric"
          min={1}
          max={draft.kind === "evidence_kinds" ? 4 : undefined}
          step={1}
          value={draft.atLeast}
          onChange={(e) => onChange({ ...draft, atLeast: e.target.value })}
          hint={preview}
          error={errors.at_least}
        />
        {draft.kind === "pillar_xp" && (
          <SelectField
            label="Pillar"
            value={draft.pillar}
            onChange={(e) => onChange({ ...draft, pillar: e.target.value as PillarKey })}
            error={errors.pillar}
          >
            {PILLARS.map((p) => (
              <option key={p.key} value={p.key}>
                {p.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
    </fieldset>
  );
}
