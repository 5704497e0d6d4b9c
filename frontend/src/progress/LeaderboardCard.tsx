import { Link } from "react-router-dom";
import { Card } from "../ui/Page";
import { Empty, QueryState } from "../ui/States";
import { longDay } from "./heatmap";
import { useLeaderboard } from "./hooks";
import type { Leaderboard } from "./types";

/** This week's XP among teammates who chose to share it, or how to join in. */
export function LeaderboardCard() {
  const board = useLeaderboard();
  return (
    <Card aria-labelledby="leaderboard">
      <h2 id="leaderboard" className="mb-3 text-lg font-semibold">
        Team leaderboard
      </h2>
      <QueryState query={board} loadingLabel="Loading the leaderboard…">
        {(b) => <Board board={b} />}
      </QueryState>
    </Card>
  );
}

function Board({ board }: { board: Leaderboard }) {
  if (!board.opted_in) {
    return (
      <p className="text-sm text-slate-700">
        See how your week compares with your teammates'. The leaderboard is off until you turn it on: only teammates who
        also turn it on see it, and they see your name and this week's XP, nothing else.{" "}
        <Link to="/settings" className="text-brand-700 underline">
          Turn it on in Settings
        </Link>
      </p>
    );
  }
  if (board.entries.length === 0) {
    return (
      <Empty title="No one on the leaderboard yet">
        Only teammates who also turn the leaderboard on appear here.{" "}
        <Link to="/team" className="text-brand-700 underline">
          Team up with someone
        </Link>
      </Empty>
    );
  }
  const entries = [...board.entries].sort((a, b) => b.xp - a.xp);
  return (
    <>
      <p className="mb-2 text-sm text-slate-700">XP this week, since {longDay(board.week_starts_on)}.</p>
      <ol className="divide-y divide-slate-200">
        {entries.map((entry, i) => (
          <li
            key={entry.user_id}
            className={`flex items-center justify-between gap-3 px-2 py-2 ${entry.is_me ? "rounded-md bg-brand-50 font-semibold" : ""}`}
          >
            <span>
              <span className="mr-2 tabular-nums text-slate-600">{i + 1}.</span>
              {entry.name}
              {entry.is_me && " (you)"}
            </span>
            <span className="tabular-nums">{entry.xp} XP</span>
          </li>
        ))}
      </ol>
      {entries.every((e) => e.is_me) && (
        <p className="mt-2 text-sm text-slate-600">None of your teammates has turned the leaderboard on yet.</p>
      )}
    </>
  );
}
