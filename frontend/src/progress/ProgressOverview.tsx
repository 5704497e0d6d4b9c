import { QueryState } from "../ui/States";
import { ActivityHeatmap } from "./ActivityHeatmap";
import { useProgress } from "./hooks";
import { LeaderboardCard } from "./LeaderboardCard";
import { NextUpCard } from "./NextUpCard";
import { ProgressCard } from "./ProgressCard";

/** The dashboard's progression: level, streak and goal, next task, activity, team leaderboard. */
export function ProgressOverview() {
  const progress = useProgress();
  return (
    <div className="mb-6 grid gap-6 lg:grid-cols-2">
      <QueryState query={progress} loadingLabel="Loading your progress…">
        {(p) => (
          <>
            <ProgressCard progress={p} />
            <NextUpCard nextUp={p.next_up} />
            <ActivityHeatmap heatmap={p.heatmap} />
          </>
        )}
      </QueryState>
      <LeaderboardCard />
    </div>
  );
}
