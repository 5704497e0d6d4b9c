import { useState, type FormEvent } from "react";
import type { Schemas } from "../api/client";
import { Button } from "../ui/Button";
import { FormError, SelectField, TextArea, TextField } from "../ui/Field";
import { Card } from "../ui/Page";
import { PILLARS, type PillarKey } from "../ui/pillars";
import { useFormErrors } from "../ui/useFormErrors";
import { CATEGORIES, type AchievementCategory } from "./achievementCategories";
import type { Condition } from "./achievementCondition";
import { ConditionFields, type ConditionDraft } from "./ConditionFields";
import { useCreateAchievement } from "./hooks";

// The API's own patterns (AchievementIn.key and .icon); its message for a mismatch is the regex.
const KEY = /^[a-z][a-z0-9_]{1,49}$/;
const ICON = /^[a-z][a-z0-9-]{0,39}$/;
const KEY_PROBLEM = "Use 2 to 50 lower-case letters, digits or _, starting with a letter.";
const ICON_PROBLEM = "Use lower-case letters, digits or -, starting with a letter (such as star).";

function conditionOf({ kind, atLeast, pillar }: ConditionDraft): Condition {
  const at_least = Number(atLeast);
  if (kind === "pillar_xp") return { kind, pillar, at_least };
  if (kind === "evidence_kinds") return { kind, at_least };
  return { kind, at_least };
}

/** Adding an achievement; what it asks and gives cannot be changed afterwards. */
export function NewAchievementForm({
  onAdded,
  onClose,
}: {
  onAdded: (achievement: Schemas["AchievementAdmin"]) => void;
  onClose: () => void;
}) {
  const create = useCreateAchievement();
  const errors = useFormErrors({ key_taken: "key" });
  const [key, setKey] = useState("");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [icon, setIcon] = useState("star");
  const [category, setCategory] = useState<AchievementCategory>("quests");
  const [condition, setCondition] = useState<ConditionDraft>({
    kind: "tasks_completed",
    atLeast: "",
    pillar: "stem_logic",
  });
  const [xpReward, setXpReward] = useState("0");
  const [rewardPillar, setRewardPillar] = useState<PillarKey | "">("");
  const [problems, setProblems] = useState<Record<string, string>>({});
  const rewarded = Number(xpReward) > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const found: Record<string, string> = {};
    if (!KEY.test(key)) found.key = KEY_PROBLEM;
    if (!ICON.test(icon)) found.icon = ICON_PROBLEM;
    setProblems(found);
    if (Object.keys(found).length) return;
    try {
      const added = await create.mutateAsync({
        key,
        name,
        description,
        icon,
        category,
        condition: conditionOf(condition),
        xp_reward: Number(xpReward),
        reward_pillar: rewarded && rewardPillar ? rewardPillar : null,
      });
      onAdded(added);
    } catch (error) {
      errors.capture(error);
    }
  }

  const fieldError = (field: string) => problems[field] ?? errors.fields[field];
  return (
    <Card className="mb-6">
      <form onSubmit={submit} className="space-y-3" noValidate aria-label="New achievement">
        <h2 className="text-lg font-semibold">New achievement</h2>
        <FormError message={errors.form} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Name"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            error={fieldError("name")}
          />
          <TextField
            label="Key"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            hint="2 to 50 lower-case letters, digits or _, starting with a letter. It cannot be changed."
            error={fieldError("key")}
          />
        </div>
        <TextArea
          label="Description (students see it)"
          rows={2}
          maxLength={300}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={fieldError("description")}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Icon"
            value={icon}
            onChange={(e) => setIcon(e.target.value)}
            hint="A picture's name, such as star, flame or trophy."
            error={fieldError("icon")}
          />
          <SelectField
            label="Category"
            value={category}
            onChange={(e) => setCategory(e.target.value as AchievementCategory)}
            error={fieldError("category")}
          >
            {Object.entries(CATEGORIES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
        <ConditionFields draft={condition} onChange={setCondition} errors={errors.fields} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Reward XP"
            type="number"
            inputMode="numeric"
            min={0}
            max={1000}
            step={1}
            value={xpReward}
            onChange={(e) => setXpReward(e.target.value)}
            hint="From 0 to 1,000; 0 for no reward."
            error={fieldError("xp_reward")}
          />
          {rewarded && (
            <SelectField
              label="Reward pillar"
              value={rewardPillar}
              onChange={(e) => setRewardPillar(e.target.value as PillarKey | "")}
              error={fieldError("reward_pillar")}
            >
              <option value="">Choose a pillar</option>
              {PILLARS.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name}
                </option>
              ))}
            </SelectField>
          )}
        </div>
        <p className="text-sm text-slate-600">What it asks and gives cannot be changed once it is added.</p>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" busy={create.isPending}>
            Add achievement
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
