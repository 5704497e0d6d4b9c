/** What a completed task earned beyond its XP: a new level, newly unlocked achievements. */
import type { Achievement, AchievementList, Progress } from "./types";

export type Moment =
  { kind: "level"; key: string; level: number } | { kind: "achievement"; key: string; achievement: Achievement };

/** Progress and unlocked achievements as they were, or are; undefined when not known. */
export interface Standing {
  progress?: Pick<Progress, "overall">;
  unlocked?: AchievementList;
}

/**
 * The moments between two standings: a level-up when the overall level rose, and one per
 * achievement unlocked since, oldest first. Nothing is claimed about what was not known before:
 * with no earlier standing every achievement would look new.
 */
export function momentsBetween(before: Standing, after: Standing): Moment[] {
  const moments: Moment[] = [];
  const was = before.progress?.overall.level;
  const now = after.progress?.overall.level;
  if (was !== undefined && now !== undefined && now > was) {
    moments.push({ kind: "level", key: `level-${now}`, level: now });
  }
  if (before.unlocked && after.unlocked) {
    const had = new Set(before.unlocked.achievements.map((a) => a.key));
    const fresh = after.unlocked.achievements.filter((a) => !had.has(a.key)).reverse(); // the API sends newest first
    moments.push(...fresh.map((achievement) => ({ kind: "achievement" as const, key: achievement.key, achievement })));
  }
  return moments;
}

/** The words a screen reader hears, and everyone reads, for a moment. */
export function momentText(moment: Moment): string {
  return moment.kind === "level"
    ? `Level up! You reached level ${moment.level}.`
    : `Achievement unlocked: ${moment.achievement.name}`;
}
