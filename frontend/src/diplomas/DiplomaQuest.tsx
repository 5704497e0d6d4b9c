import { useId, useState, type ReactNode } from "react";
import type { Schemas } from "../api/client";
import { Button } from "../ui/Button";
import { PillarBadge } from "../ui/PillarBadge";
import { SOURCES } from "../ui/pillars";
import { DiplomaWork } from "./DiplomaWork";

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/**
 * A completed quest on a diploma: its summary, and its tasks and evidence once opened (fetched
 * then, so the diploma itself stays small however many quests it holds). `action` is an extra
 * control (the editor's feature button). `level` is its title's heading level (3 by default).
 */
export function DiplomaQuest({
  slug,
  quest,
  action,
  level = 3,
}: {
  slug: string;
  quest: Schemas["DiplomaQuestSummary"];
  action?: ReactNode;
  level?: HeadingLevel;
}) {
  const [open, setOpen] = useState(false);
  const Title = `h${level}` as const;
  const workId = useId();
  const tasks = `${quest.tasks_completed} ${quest.tasks_completed === 1 ? "task" : "tasks"}`;
  return (
    <article
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      aria-labelledby={`${workId}-title`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Title id={`${workId}-title`} className="break-words text-lg font-semibold">
          {quest.title}
        </Title>
        <p className="text-sm text-slate-700">
          {SOURCES[quest.source] ?? quest.source} · {quest.xp_earned} XP · completed{" "}
          {new Date(quest.completed_at).toLocaleDateString()}
        </p>
      </div>
      {!open && quest.description && <p className="mt-2 text-sm text-slate-700">{quest.description}</p>}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {quest.pillars.map((pillar) => (
          <PillarBadge key={pillar} pillar={pillar} />
        ))}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          aria-expanded={open}
          aria-controls={open ? workId : undefined}
          onClick={() => setOpen(!open)}
        >
          {open ? `Hide the work (${tasks})` : `Show the work (${tasks})`}
        </Button>
        {action}
      </div>
      {open && (
        <div id={workId} className="mt-3">
          <DiplomaWork slug={slug} questId={quest.id} />
        </div>
      )}
    </article>
  );
}
