import { apiAsset, type Schemas } from "../api/client";
import { PillarBadge } from "../ui/PillarBadge";
import { SOURCES } from "../ui/pillars";

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

export function DiplomaQuest({ quest }: { quest: Schemas["CompletedQuest"] }) {
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-lg font-semibold">{quest.title}</h3>
        <p className="text-sm text-slate-700">
          {SOURCES[quest.source] ?? quest.source} · {quest.xp_earned} XP · completed{" "}
          {new Date(quest.completed_at).toLocaleDateString()}
        </p>
      </div>
      <ol className="mt-3 space-y-3">
        {quest.tasks.map((task) => (
          <li key={task.id} className="border-l-4 border-brand-100 pl-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{task.title}</span>
              <PillarBadge pillar={task.pillar} />
              <span className="text-xs text-slate-600">+{task.xp_awarded} XP</span>
            </div>
            {task.evidence && (
              <div className="mt-1">
                <Evidence evidence={task.evidence} />
              </div>
            )}
          </li>
        ))}
      </ol>
    </article>
  );
}
