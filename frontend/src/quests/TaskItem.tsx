import type { Schemas } from "../api/client";
import { TaskFeedback } from "../feedback/TaskFeedback";
import { PillarBadge } from "../ui/PillarBadge";
import { EvidenceForm } from "./EvidenceForm";
import { EvidenceView } from "./EvidenceView";
import { useEvidenceLimits, type CompletionResult, type Evidence } from "./hooks";

export function TaskItem({
  task,
  canComplete,
  complete,
}: {
  task: Schemas["TaskPublic"];
  canComplete: boolean;
  complete: (taskId: string, evidence: Evidence, onProgress: (f: number) => void) => Promise<CompletionResult>;
}) {
  const done = Boolean(task.completion);
  const limits = useEvidenceLimits(canComplete && !done).data;
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="task">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="font-semibold">
          {done && (
            <span aria-hidden className="mr-1 text-green-700">
              ✓
            </span>
          )}
          {task.title}
          {done && <span className="sr-only"> (done)</span>}
        </h3>
        <div className="flex flex-wrap items-center gap-2">
          <PillarBadge pillar={task.pillar} />
          <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
            {task.xp_value} XP
          </span>
          {!task.is_required && <span className="text-xs text-slate-600">optional</span>}
        </div>
      </div>
      {task.description && <p className="mt-1 text-sm text-slate-700">{task.description}</p>}
      {task.completion ? (
        <>
          <EvidenceView evidence={task.completion.evidence} />
          <TaskFeedback completionId={task.completion.id} taskTitle={task.title} />
        </>
      ) : (
        canComplete && (
          <EvidenceForm
            taskTitle={task.title}
            submit={(evidence, onProgress) => complete(task.id, evidence, onProgress)}
            limits={limits}
          />
        )
      )}
    </li>
  );
}
