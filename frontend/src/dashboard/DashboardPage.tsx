import { Link } from "react-router-dom";
import { useAuth } from "../auth/context";
import { ConsentBanner } from "../consent/ConsentBanner";
import { PillarLevels } from "../progress/PillarLevels";
import { ProgressOverview } from "../progress/ProgressOverview";
import { ButtonLink } from "../ui/Button";
import { Card, PageHeader } from "../ui/Page";
import { PillarBadge } from "../ui/PillarBadge";
import { plural } from "../ui/plural";
import { ProgressBar } from "../ui/ProgressBar";
import { Empty, QueryState } from "../ui/States";
import { useDashboard } from "./hooks";
import { PillarRadar } from "./PillarRadar";

/** "Welcome back" to a student with XP to their name, "Welcome" to one yet to start. */
function greeting(firstName: string | null | undefined, totalXp: number | undefined): string {
  if (!firstName || totalXp === undefined) return "Your quests and XP.";
  return `${totalXp > 0 ? "Welcome back" : "Welcome"}, ${firstName}.`;
}

export function DashboardPage() {
  const { user } = useAuth();
  const dashboard = useDashboard();
  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle={greeting(user?.first_name, dashboard.data?.xp.total)}
        actions={<ButtonLink to="/quests">Find a quest</ButtonLink>}
      />
      <ConsentBanner />
      <ProgressOverview />
      <QueryState query={dashboard} loadingLabel="Loading your dashboard…">
        {(d) => (
          <div className="grid gap-6 lg:grid-cols-2">
            <Card className="lg:col-span-2">
              <h2 className="text-lg font-semibold">Your XP</h2>
              <p className="mb-2 text-sm text-slate-700">
                {d.xp.total} XP · {plural(d.completed_quests.length, "quest")} completed · {d.active_quests.length} in
                progress
              </p>
              <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
                <PillarRadar xp={d.xp} />
                <PillarLevels />
              </div>
            </Card>
            <Card>
              <h2 className="mb-3 text-lg font-semibold">Active quests</h2>
              {d.active_quests.length === 0 ? (
                <Empty title="No active quests">
                  <Link className="text-brand-700 underline" to="/quests">
                    Browse the quests
                  </Link>{" "}
                  and start one.
                </Empty>
              ) : (
                <ul className="space-y-4">
                  {d.active_quests.map((q) => (
                    <li key={q.id}>
                      <Link to={`/quests/${q.id}`} className="font-medium text-brand-800 underline">
                        {q.title}
                      </Link>
                      <p className="mb-1 text-sm text-slate-700">
                        {q.progress.completed_tasks} of {q.progress.total_tasks} tasks · {q.progress.xp_earned} XP
                      </p>
                      <ProgressBar percent={q.progress.percent} label={`${q.title} progress`} />
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            <Card>
              <h2 className="mb-3 text-lg font-semibold">Recent completions</h2>
              {d.recent_completions.length === 0 ? (
                <Empty title="Nothing completed yet">Finish a task with evidence to earn XP.</Empty>
              ) : (
                <ul className="divide-y divide-slate-200">
                  {d.recent_completions.map((c) => (
                    <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <div>
                        <p className="font-medium">{c.task_title}</p>
                        <p className="text-sm text-slate-700">{c.quest_title}</p>
                      </div>
                      <div className="flex items-center gap-2">
                        <PillarBadge pillar={c.pillar} />
                        <span className="text-sm font-semibold">+{c.xp_awarded} XP</span>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            {d.completed_quests.length > 0 && (
              <Card className="lg:col-span-2">
                <h2 className="mb-3 text-lg font-semibold">Completed quests</h2>
                <ul className="grid gap-2 sm:grid-cols-2">
                  {d.completed_quests.map((q) => (
                    <li key={q.id}>
                      <Link to={`/quests/${q.id}`} className="text-brand-800 underline">
                        {q.title}
                      </Link>
                      {q.completed_at && (
                        <span className="ml-2 text-sm text-slate-600">
                          {new Date(q.completed_at).toLocaleDateString()}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              </Card>
            )}
          </div>
        )}
      </QueryState>
    </>
  );
}
