import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Schemas } from "../api/client";
import { Card, PageHeader } from "../ui/Page";
import { pillarOf } from "../ui/pillars";
import { QueryState } from "../ui/States";
import { useAnalytics } from "./hooks";

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Card>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-3xl font-bold tabular-nums">{value}</p>
    </Card>
  );
}

function ChartCard({ title, summary, children }: { title: string; summary: string; children: React.ReactElement }) {
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{title}</h2>
      <div className="h-64" role="img" aria-label={`${title}: ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

function TopList({
  title,
  quests,
  field,
}: {
  title: string;
  quests: Schemas["QuestRank"][];
  field: "enrollments" | "completions";
}) {
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{title}</h2>
      {quests.length === 0 ? (
        <p className="text-sm text-slate-700">None yet.</p>
      ) : (
        <ol className="list-inside list-decimal space-y-1 text-sm">
          {quests.map((q) => (
            <li key={q.id}>
              {q.title} <span className="text-slate-600">({q[field]})</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

export function AnalyticsPage() {
  const analytics = useAnalytics();
  return (
    <>
      <PageHeader title="Analytics" subtitle="Users, activity and XP across Optio." />
      <QueryState query={analytics}>
        {(a) => {
          const days = a.completions_per_day.map((d) => ({ ...d, label: d.day.slice(5) }));
          const pillars = a.xp_per_pillar.map((p) => ({ ...p, short: pillarOf(p.pillar)?.short ?? p.name }));
          return (
            <div className="space-y-6">
              <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
                <Stat label="Users" value={a.users.total} />
                <Stat label="Active, 7 days" value={a.users.active_7d} />
                <Stat label="Active, 30 days" value={a.users.active_30d} />
                <Stat label="Deactivated" value={a.users.deactivated} />
              </div>
              <div className="grid gap-6 lg:grid-cols-2">
                <ChartCard
                  title="Task completions, last 30 days"
                  summary={`${a.completions_per_day.reduce((n, d) => n + d.completions, 0)} in total`}
                >
                  <BarChart data={days}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
                    <YAxis allowDecimals={false} width={32} />
                    <Tooltip />
                    <Bar dataKey="completions" name="Completions" fill="#4338ca" isAnimationActive={false} />
                  </BarChart>
                </ChartCard>
                <ChartCard title="XP awarded per pillar" summary={pillars.map((p) => `${p.name} ${p.xp}`).join(", ")}>
                  <BarChart data={pillars}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="short" tick={{ fontSize: 11 }} />
                    <YAxis width={40} />
                    <Tooltip />
                    <Bar dataKey="xp" name="XP" isAnimationActive={false}>
                      {pillars.map((p) => (
                        <Cell key={p.pillar} fill={pillarOf(p.pillar)?.color ?? "#475569"} />
                      ))}
                    </Bar>
                  </BarChart>
                </ChartCard>
                <ChartCard
                  title="Users per tier"
                  summary={a.users_per_tier.map((t) => `${t.tier} ${t.users}`).join(", ")}
                >
                  <BarChart data={a.users_per_tier} layout="vertical">
                    <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="tier" width={80} />
                    <Tooltip />
                    <Bar dataKey="users" name="Users" fill="#047857" isAnimationActive={false} />
                  </BarChart>
                </ChartCard>
                <div className="grid gap-6 sm:grid-cols-2 lg:grid-cols-1">
                  <TopList title="Most enrolled quests" quests={a.top_quests.by_enrollments} field="enrollments" />
                  <TopList title="Most completed quests" quests={a.top_quests.by_completions} field="completions" />
                </div>
              </div>
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
