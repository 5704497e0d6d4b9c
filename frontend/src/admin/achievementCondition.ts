import type { Schemas } from "../api/client";
import { pillarOf } from "../ui/pillars";

/** What unlocks an achievement, as an admin writes it (AchievementIn.condition). */
export type Condition = Schemas["AchievementIn"]["condition"];
export type ConditionKind = Condition["kind"];

/** The kinds of condition, in the words the form offers them. */
export const CONDITION_KINDS: readonly { kind: ConditionKind; label: string }[] = [
  { kind: "tasks_completed", label: "Tasks completed" },
  { kind: "quests_completed", label: "Quests completed" },
  { kind: "team_quests_completed", label: "Team quests completed" },
  { kind: "total_xp", label: "Total XP" },
  { kind: "pillar_xp", label: "XP in one pillar" },
  { kind: "streak", label: "Streak (days in a row)" },
  { kind: "evidence_kinds", label: "Kinds of evidence used" },
];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A condition in plain words: "Complete 10 tasks", "Earn 300 XP in STEM & Logic". The API
 * hands conditions back as loose objects, so anything unexpected reads as "Unknown condition".
 */
export function conditionText(condition: Record<string, unknown>): string {
  const n = condition.at_least;
  if (typeof n !== "number") return "Unknown condition";
  switch (condition.kind) {
    case "tasks_completed":
      return `Complete ${plural(n, "task", "tasks")}`;
    case "quests_completed":
      return `Complete ${plural(n, "quest", "quests")}`;
    case "team_quests_completed":
      return `Complete ${plural(n, "quest", "quests")} you teamed up on`;
    case "total_xp":
      return `Earn ${n} XP`;
    case "pillar_xp": {
      const pillar = typeof condition.pillar === "string" ? condition.pillar : "";
      return `Earn ${n} XP in ${pillarOf(pillar)?.name ?? (pillar || "a pillar")}`;
    }
    case "streak":
      return `Keep a ${n}-day streak`;
    case "evidence_kinds":
      return `Use ${plural(n, "kind", "kinds")} of evidence`;
    default:
      return "Unknown condition";
  }
}
