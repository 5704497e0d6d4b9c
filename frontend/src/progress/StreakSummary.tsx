import { plural } from "./levels";
import type { Streak } from "./types";

/** Days in a row with a completed task, today's state, and the freezes that cover a missed day. */
export function StreakSummary({ streak }: { streak: Streak }) {
  return (
    <section aria-labelledby="progress-streak">
      <h3 id="progress-streak" className="font-semibold text-slate-900">
        Streak
      </h3>
      <p className="mt-1 text-2xl font-bold text-slate-900">{plural(streak.current, "day")}</p>
      {streak.active_today ? (
        <p className="mt-1 inline-flex items-center gap-1 rounded-full bg-green-100 px-2 py-0.5 text-sm font-medium text-green-900">
          <span aria-hidden>✓</span> Active today
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-700">
          {streak.current > 0
            ? "Complete a task today to keep your streak going."
            : "Complete a task to start a streak."}
        </p>
      )}
      <dl className="mt-3 space-y-1 text-sm">
        <div className="flex justify-between gap-3">
          <dt className="text-slate-700">Longest streak</dt>
          <dd className="font-semibold">{plural(streak.longest, "day")}</dd>
        </div>
        <div className="flex justify-between gap-3">
          <dt className="text-slate-700">Freezes left this month</dt>
          <dd className="font-semibold">
            {streak.freezes_left} of {streak.freezes_per_month}
          </dd>
        </div>
      </dl>
      <p className="mt-1 text-xs text-slate-600">A freeze keeps your streak alive on a day you miss.</p>
    </section>
  );
}
