import type { Schemas } from "../api/client";

export type AchievementCategory = Schemas["AchievementIn"]["category"];

/** Where an achievement is listed for students, in the words the admin screens use. */
export const CATEGORIES: Record<AchievementCategory, string> = {
  quests: "Quests",
  pillars: "Pillars",
  streaks: "Streaks",
  evidence: "Evidence",
  teams: "Teams",
  xp: "XP",
};
