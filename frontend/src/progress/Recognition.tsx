import { Confetti } from "../quests/Celebration";
import { AchievementIcon } from "./AchievementIcon";
import { rewardText } from "./achievements";
import { momentText, type Moment } from "./recognition";
import type { Gain } from "./useRecognition";

/**
 * Where completed tasks are recognised: "+N XP", a level-up, each achievement unlocked. One live
 * region that is always on the page, so screen readers announce what appears in it.
 */
export function Recognition({
  gain,
  moments,
  dismiss,
}: {
  gain: Gain | null;
  moments: Moment[];
  dismiss: (key: string) => void;
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="recognition"
      className="pointer-events-none fixed inset-x-4 bottom-4 z-40 flex flex-col items-end gap-2 sm:left-auto sm:w-96"
    >
      {gain && (
        <p
          key={gain.id}
          className="rounded-full bg-brand-700 px-4 py-2 text-lg font-bold text-white shadow-lg motion-safe:animate-rise"
        >
          +{gain.xp} XP<span className="sr-only"> earned</span>
        </p>
      )}
      {moments.map((moment) => (
        <MomentCard key={moment.key} moment={moment} dismiss={() => dismiss(moment.key)} />
      ))}
    </div>
  );
}

function MomentCard({ moment, dismiss }: { moment: Moment; dismiss: () => void }) {
  const level = moment.kind === "level";
  const reward = moment.kind === "achievement" ? rewardText(moment.achievement) : null;
  return (
    <section
      aria-label={momentText(moment)}
      className={`pointer-events-auto relative w-full overflow-hidden rounded-xl border-2 bg-white p-4 shadow-lg motion-safe:animate-rise ${
        level ? "border-green-600" : "border-amber-500"
      }`}
    >
      {level && <Confetti />}
      <div className="relative flex items-start gap-3">
        {moment.kind === "achievement" && (
          <span className="flex h-11 w-11 shrink-0 items-center justify-center rounded-full bg-amber-100 text-amber-800">
            <AchievementIcon icon={moment.achievement.icon} />
          </span>
        )}
        <div className="min-w-0 flex-1">
          <p className={`font-bold ${level ? "mt-4 text-xl text-green-900" : "text-slate-900"}`}>
            {momentText(moment)}
          </p>
          {moment.kind === "achievement" && (
            <p className="text-sm text-slate-700">
              {moment.achievement.description}
              {reward && ` ${reward}.`}
            </p>
          )}
        </div>
        <button
          type="button"
          className="min-h-11 shrink-0 px-2 text-sm text-slate-700 underline"
          onClick={dismiss}
          aria-label={`Dismiss: ${momentText(moment)}`}
        >
          Dismiss
        </button>
      </div>
    </section>
  );
}
