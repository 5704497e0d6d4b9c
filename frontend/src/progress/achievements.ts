import { pillarOf } from "../ui/pillars";
import type { Achievement } from "./types";

/** The catalog split for showing: unlocked ones newest first, then the locked in catalog order. */
export function splitAchievements(catalog: Achievement[]): { unlocked: Achievement[]; locked: Achievement[] } {
  const unlocked = catalog
    .filter((a) => a.unlocked_at !== null)
    .sort((a, b) => Date.parse(b.unlocked_at ?? "") - Date.parse(a.unlocked_at ?? ""));
  return { unlocked, locked: catalog.filter((a) => a.unlocked_at === null) };
}

/** "+50 XP in Arts & Creativity", or null for an achievement that gives no XP. */
export function rewardText(achievement: Pick<Achievement, "xp_reward" | "reward_pillar">): string | null {
  if (achievement.xp_reward <= 0) return null;
  const pillar = achievement.reward_pillar && (pillarOf(achievement.reward_pillar)?.name ?? achievement.reward_pillar);
  return `+${achievement.xp_reward} XP${pillar ? ` in ${pillar}` : ""}`;
}
