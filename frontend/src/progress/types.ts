/** The progression API's shapes, as the generated schema has them. */
import type { Schemas } from "../api/client";

/** A date without a time or zone, "YYYY-MM-DD", as the API counts days in my time zone. */
export type Day = string;

export type Level = Schemas["Level"];
export type PillarLevel = Schemas["PillarLevel"];
export type Streak = Schemas["Streak"];
export type Week = Schemas["Week"];
export type ActiveDay = Schemas["ActiveDay"];
/** The last 12 weeks, first_day (a Monday) to last_day (today); days without activity are left out. */
export type Heatmap = Schemas["Heatmap"];
export type NextUp = Schemas["NextUp"];
/** GET /api/users/me/progress */
export type Progress = Schemas["MyProgress"];
export type Achievement = Schemas["AchievementPublic"];
export type AchievementCategory = Achievement["category"];
/** GET /api/achievements (the catalog) and GET /api/users/me/achievements (mine, newest first). */
export type AchievementList = Schemas["AchievementList"];
export type LeaderboardEntry = Schemas["LeaderboardEntry"];
/** GET /api/users/me/leaderboard: entries stay empty until I opt in. */
export type Leaderboard = Schemas["Leaderboard"];
/** The progression settings of my profile (GET /api/auth/me, PATCH /api/users/me). */
export type ProgressProfile = Pick<Schemas["UserPublic"], "time_zone" | "weekly_xp_goal" | "leaderboard_opt_in">;
