import { AchievementCredential } from "./AchievementCredential";
import { AchievementIcon } from "./AchievementIcon";
import { rewardText } from "./achievements";
import type { Achievement } from "./types";

const unlockedOn = (at: string) => new Date(at).toLocaleDateString(undefined, { dateStyle: "long" });

/** One achievement: unlocked with its date, or greyed (still readable) with how to earn it. */
export function AchievementItem({ achievement }: { achievement: Achievement }) {
  const { unlocked_at: at } = achievement;
  const reward = rewardText(achievement);
  return (
    <li
      data-testid="achievement"
      className={`flex gap-3 rounded-xl border p-4 ${
        at ? "border-amber-300 bg-white shadow-sm" : "border-dashed border-slate-300 bg-slate-50"
      }`}
    >
      <span
        className={`flex h-11 w-11 shrink-0 items-center justify-center rounded-full ${
          at ? "bg-amber-100 text-amber-800" : "bg-slate-200 text-slate-600"
        }`}
      >
        <AchievementIcon icon={achievement.icon} />
      </span>
      <div className="min-w-0">
        <h3 className={`font-semibold ${at ? "text-slate-900" : "text-slate-700"}`}>{achievement.name}</h3>
        <p className="text-sm text-slate-700">{achievement.description}</p>
        <p className="mt-1 text-sm text-slate-600">
          {at ? (
            <>
              Unlocked on <time dateTime={at}>{unlockedOn(at)}</time>
            </>
          ) : (
            "Locked"
          )}
          {reward && ` · ${reward}`}
        </p>
        <div className="mt-2">
          <AchievementCredential achievement={achievement} />
        </div>
      </div>
    </li>
  );
}
