import type { Schemas } from "../api/client";
import { ProgressBar } from "../ui/ProgressBar";

type Quest = Schemas["StudentQuest"];

function QuestRow({ quest, who }: { quest: Quest; who: string }) {
  const percent = quest.total_tasks ? (100 * quest.completed_tasks) / quest.total_tasks : 0;
  return (
    <li>
      <p className="text-sm font-medium text-slate-900">{quest.title}</p>
      <p className="mb-1 text-sm text-slate-700">
        {quest.completed_tasks} of {quest.total_tasks} tasks · {quest.xp_earned} XP
        {quest.completed_at && ` · completed ${new Date(quest.completed_at).toLocaleDateString()}`}
      </p>
      <ProgressBar percent={percent} label={`${who} on ${quest.title}`} />
    </li>
  );
}

/** Quests in progress, or recently completed, with how far along each is. */
export function StudentQuests({ quests, who, empty }: { quests: Quest[]; who: string; empty: string }) {
  if (quests.length === 0) return <p className="text-sm text-slate-700">{empty}</p>;
  return (
    <ul className="space-y-4">
      {quests.map((q) => (
        <QuestRow key={q.quest_id} quest={q} who={who} />
      ))}
    </ul>
  );
}
