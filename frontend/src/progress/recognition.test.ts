import { describe, expect, it } from "vitest";
import { momentsBetween, momentText } from "./recognition";
import { anAchievement } from "./fixtures";
import type { Level } from "./types";

const at = (level: number): { overall: Level } => ({
  overall: { xp: level * 100, level, xp_into_level: 0, xp_to_next: 100 },
});

const unlocked = (...keys: string[]) => ({
  achievements: keys.map((k) => anAchievement(k, { unlocked_at: "2026-12-03T10:00:00Z" })),
});

describe("momentsBetween", () => {
  it("finds a level-up when the overall level rose", () => {
    expect(momentsBetween({ progress: at(2) }, { progress: at(3) })).toEqual([
      { kind: "level", key: "level-3", level: 3 },
    ]);
  });

  it("names only the level reached when a completion jumps more than one", () => {
    expect(momentsBetween({ progress: at(2) }, { progress: at(5) }).map(momentText)).toEqual([
      "Level up! You reached level 5.",
    ]);
  });

  it("finds no level-up when the level stayed the same", () => {
    expect(momentsBetween({ progress: at(3) }, { progress: at(3) })).toEqual([]);
  });

  it("gives one moment per newly unlocked achievement, oldest first, after the level-up", () => {
    const moments = momentsBetween(
      { progress: at(1), unlocked: unlocked("first-task") },
      { progress: at(2), unlocked: unlocked("streak-3", "first-quest", "first-task") },
    );
    expect(moments.map(momentText)).toEqual([
      "Level up! You reached level 2.",
      "Achievement unlocked: The first-quest",
      "Achievement unlocked: The streak-3",
    ]);
  });

  it("claims nothing about what was not known before the completion", () => {
    expect(momentsBetween({}, { progress: at(4), unlocked: unlocked("first-task") })).toEqual([]);
  });

  it("claims nothing when the new standing could not be fetched", () => {
    expect(momentsBetween({ progress: at(1), unlocked: unlocked() }, {})).toEqual([]);
  });
});
