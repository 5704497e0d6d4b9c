/** Progression as the API answers it, for the tests of this folder and the pages that show it. */
import type { Achievement, Leaderboard, Progress } from "./types";

export function aProgress(extra: Partial<Progress> = {}): Progress {
  return {
    overall: { xp: 340, level: 3, xp_into_level: 40, xp_to_next: 160 },
    pillars: [
      { pillar: "stem_logic", xp: 250, level: 3, xp_into_level: 50, xp_to_next: 100 },
      { pillar: "life_wellness", xp: 0, level: 1, xp_into_level: 0, xp_to_next: 50 },
      { pillar: "language_communication", xp: 40, level: 1, xp_into_level: 40, xp_to_next: 10 },
      { pillar: "society_culture", xp: 0, level: 1, xp_into_level: 0, xp_to_next: 50 },
      { pillar: "arts_creativity", xp: 50, level: 2, xp_into_level: 0, xp_to_next: 100 },
    ],
    streak: { current: 4, longest: 9, active_today: true, freezes_per_month: 2, freezes_left: 1 },
    week: { starts_on: "2026-11-30", xp: 60, goal: 200 },
    heatmap: {
      first_day: "2026-09-11",
      last_day: "2026-12-03",
      days: [
        { day: "2026-12-01", tasks: 2, xp: 60 },
        { day: "2026-11-20", tasks: 1, xp: 25 },
      ],
    },
    next_up: {
      quest_id: "44444444-4444-4444-4444-444444444444",
      quest_title: "Probability Basics",
      task_id: "55555555-5555-5555-5555-555555555555",
      task_title: "Flip a coin 100 times",
      pillar: "stem_logic",
      xp_value: 25,
    },
    time_zone: "Europe/London",
    ...extra,
  };
}

export function anAchievement(key: string, extra: Partial<Achievement> = {}): Achievement {
  return {
    key,
    name: `The ${key}`,
    description: `What ${key} asks of you.`,
    icon: "star",
    category: "quests",
    xp_reward: 0,
    reward_pillar: null,
    credential_id: null,
    unlocked_at: null,
    ...extra,
  };
}

export function aLeaderboard(extra: Partial<Leaderboard> = {}): Leaderboard {
  return { opted_in: false, week_starts_on: "2026-11-30", entries: [], ...extra };
}

/** GET /api/levels as the migration's curves have it: 50·n·(n−1) overall, 25·n·(n−1) a pillar. */
export const CURVES = {
  curves: {
    overall: Array.from({ length: 60 }, (_, i) => 50 * (i + 1) * i),
    pillar: Array.from({ length: 30 }, (_, i) => 25 * (i + 1) * i),
  },
};
