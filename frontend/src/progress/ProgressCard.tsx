import { Card } from "../ui/Page";
import { ProgressBar } from "../ui/ProgressBar";
import { levelPercent } from "./levels";
import { StreakSummary } from "./StreakSummary";
import type { Level, Progress } from "./types";
import { WeeklyGoal } from "./WeeklyGoal";

/** My overall level and the XP to the next, my streak and this week against my goal. */
export function ProgressCard({ progress }: { progress: Progress }) {
  return (
    <Card aria-labelledby="progress-level" data-testid="progress-card">
      <LevelSummary overall={progress.overall} />
      <div className="mt-6 grid gap-6 border-t border-slate-200 pt-4 sm:grid-cols-2">
        <StreakSummary streak={progress.streak} />
        <WeeklyGoal week={progress.week} />
      </div>
    </Card>
  );
}

function LevelSummary({ overall }: { overall: Level }) {
  const next = overall.level + 1;
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="progress-level" className="text-2xl font-bold text-slate-900">
          Level {overall.level}
        </h2>
        <p className="text-sm text-slate-700">{overall.xp} XP in all</p>
      </div>
      <div className="mt-3">
        <ProgressBar
          percent={levelPercent(overall)}
          label={overall.xp_to_next === null ? "Top level reached" : `XP towards level ${next}`}
        />
        <p className="mt-1 text-sm text-slate-700">
          {overall.xp_to_next === null
            ? "You have reached the top level."
            : `${overall.xp_into_level} of ${overall.xp_into_level + overall.xp_to_next} XP · ${overall.xp_to_next} XP to level ${next}`}
        </p>
      </div>
    </>
  );
}
