import { Link } from "react-router-dom";
import type { Schemas } from "../api/client";
import { PillarBadge } from "../ui/PillarBadge";
import { SOURCES } from "../ui/pillars";
import { QuestImage } from "./QuestImage";
import { plural } from "../ui/plural";

const STATUS: Record<string, { label: string; className: string }> = {
  active: { label: "In progress", className: "bg-amber-100 text-amber-900" },
  completed: { label: "Completed", className: "bg-green-100 text-green-900" },
  abandoned: { label: "Abandoned", className: "bg-slate-200 text-slate-800" },
};

export function QuestCard({ quest }: { quest: Schemas["QuestSummary"] }) {
  const status = quest.enrollment ? STATUS[quest.enrollment.status] : undefined;
  return (
    <article className="flex h-full flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <QuestImage src={quest.image_url} pillars={quest.pillars} />
      <div className="flex flex-1 flex-col p-4">
        <div className="flex items-start justify-between gap-2">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            {SOURCES[quest.source] ?? quest.source}
          </p>
          {status && (
            <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${status.className}`}>{status.label}</span>
          )}
        </div>
        <h2 className="mt-1 text-lg font-semibold">
          <Link to={`/quests/${quest.id}`} className="hover:underline">
            {quest.title}
          </Link>
        </h2>
        <p className="mt-1 line-clamp-3 flex-1 text-sm text-slate-700">{quest.description}</p>
        <div className="mt-3 flex flex-wrap gap-1.5">
          {quest.pillars.map((p) => (
            <PillarBadge key={p} pillar={p} />
          ))}
        </div>
        <p className="mt-3 text-sm text-slate-700">
          {plural(quest.task_count, "task")} · {quest.total_xp} XP
        </p>
      </div>
    </article>
  );
}
