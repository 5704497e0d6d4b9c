import { Link } from "react-router-dom";
import { ProgressBar } from "../ui/ProgressBar";
import { longDay } from "./heatmap";
import type { Week } from "./types";

/** This week's XP, against my weekly goal when I have set one. */
export function WeeklyGoal({ week }: { week: Week }) {
  const { xp, goal } = week;
  return (
    <section aria-labelledby="progress-week">
      <h3 id="progress-week" className="font-semibold text-slate-900">
        This week
      </h3>
      <p className="text-xs text-slate-600">Since {longDay(week.starts_on)}</p>
      {goal === null ? (
        <>
          <p className="mt-1 text-2xl font-bold text-slate-900">{xp} XP</p>
          <p className="mt-1 text-sm text-slate-700">
            No weekly goal yet.{" "}
            <Link to="/settings" className="text-brand-700 underline">
              Set a weekly XP goal
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mt-1 text-2xl font-bold text-slate-900">
            {xp} <span className="text-base font-medium text-slate-700">of {goal} XP</span>
          </p>
          <div className="mt-2">
            <ProgressBar percent={goal > 0 ? (xp / goal) * 100 : 100} label="Weekly goal" />
          </div>
          <p className="mt-1 text-sm text-slate-700">
            {xp >= goal ? "Goal reached. Well done!" : `${goal - xp} XP to go.`}{" "}
            <Link to="/settings" className="text-brand-700 underline">
              Change your goal
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
