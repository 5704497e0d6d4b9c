import { describe, expect, it } from "vitest";
import { conditionText } from "./achievementCondition";

describe("conditionText", () => {
  it.each([
    [{ kind: "tasks_completed", at_least: 10 }, "Complete 10 tasks"],
    [{ kind: "tasks_completed", at_least: 1 }, "Complete 1 task"],
    [{ kind: "quests_completed", at_least: 1 }, "Complete 1 quest"],
    [{ kind: "quests_completed", at_least: 5 }, "Complete 5 quests"],
    [{ kind: "team_quests_completed", at_least: 1 }, "Complete 1 quest you teamed up on"],
    [{ kind: "team_quests_completed", at_least: 2 }, "Complete 2 quests you teamed up on"],
    [{ kind: "total_xp", at_least: 500 }, "Earn 500 XP"],
    [{ kind: "pillar_xp", pillar: "stem_logic", at_least: 300 }, "Earn 300 XP in STEM & Logic"],
    [{ kind: "pillar_xp", pillar: "arts_creativity", at_least: 50 }, "Earn 50 XP in Arts & Creativity"],
    [{ kind: "streak", at_least: 7 }, "Keep a 7-day streak"],
    [{ kind: "evidence_kinds", at_least: 3 }, "Use 3 kinds of evidence"],
    [{ kind: "evidence_kinds", at_least: 1 }, "Use 1 kind of evidence"],
  ])("says %o as %j", (condition, words) => {
    expect(conditionText(condition)).toBe(words);
  });

  it("names a pillar it does not know by its key", () => {
    expect(conditionText({ kind: "pillar_xp", pillar: "astronomy", at_least: 10 })).toBe("Earn 10 XP in astronomy");
  });

  it("reads a kind it does not know, or a missing number, as unknown", () => {
    expect(conditionText({ kind: "logins", at_least: 3 })).toBe("Unknown condition");
    expect(conditionText({ kind: "streak" })).toBe("Unknown condition");
  });
});
