import { apiAsset, type Schemas } from "../api/client";
import { PillarBadge } from "../ui/PillarBadge";
import { ErrorState, Loading } from "../ui/States";
import { useDiplomaQuest } from "./hooks";

function Evidence({ evidence }: { evidence: Schemas["DiplomaEvidence"] }) {
  if (evidence.type === "text") return <p className="whitespace-pre-wrap text-sm text-slate-800">{evidence.text}</p>;
  if (evidence.type === "link" && evidence.url)
    return (
      <a
        className="break-all text-sm text-brand-700 underline"
        href={evidence.url}
        target="_blank"
        rel="noreferrer noopener nofollow"
      >
        {evidence.url}
      </a>
    );
  if (evidence.type === "image" && evidence.file_url)
    return (
      <img
        src={apiAsset(evidence.file_url)}
        alt="Evidence"
        loading="lazy"
        className="max-h-72 rounded-md border border-slate-200"
      />
    );
  if (evidence.file_url)
    return (
      <a
        className="text-sm text-brand-700 underline"
        href={apiAsset(evidence.file_url)}
        target="_blank"
        rel="noreferrer noopener"
      >
        Open the document
      </a>
    );
  return null;
}

/** The tasks a student completed in a quest, with their evidence: loaded when the quest opens. */
export function DiplomaWork({ slug, questId }: { slug: string; questId: string }) {
  const quest = useDiplomaQuest(slug, questId, true);
  if (quest.isPending) return <Loading label="Loading the work…" />;
  if (quest.error || !quest.data) return <ErrorState error={quest.error} retry={() => void quest.refetch()} />;
  const { description, tasks } = quest.data;
  return (
    <div className="space-y-3">
      {description && <p className="whitespace-pre-wrap text-sm text-slate-700">{description}</p>}
      <ol className="space-y-3">
        {tasks.map((task) => (
          <li key={task.id} className="border-l-4 border-brand-100 pl-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{task.title}</span>
              <PillarBadge pillar={task.pillar} />
              <span className="text-xs text-slate-600">+{task.xp_awarded} XP</span>
            </div>
            {task.evidence ? (
              <div className="mt-1">
                <Evidence evidence={task.evidence} />
              </div>
            ) : (
              <p className="mt-1 text-xs text-slate-600">The evidence is private.</p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
