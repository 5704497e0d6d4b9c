import { EvidenceView } from "../quests/EvidenceView";
import { Button } from "../ui/Button";
import { PillarBadge } from "../ui/PillarBadge";
import { ErrorState, Loading } from "../ui/States";
import { CompletionFeedback } from "./CompletionFeedback";
import { useStudentCompletions, type StudentCard, type StudentCompletion } from "./hooks";

/** Why a completion's evidence is not shown, in plain words. */
function hiddenNote(completion: StudentCompletion, who: string): string {
  return completion.is_private
    ? `${who} marked this evidence private; it is not shared with you.`
    : `${who} shares progress only with you, so the evidence is not shown.`;
}

function CompletionRow({
  completion,
  student,
  who,
}: {
  completion: StudentCompletion;
  student: StudentCard;
  who: string;
}) {
  const advisor = student.relation === "advisor";
  // Parents read the thread along only when their link shows evidence.
  const feedback = advisor || (student.scope !== "progress" && completion.feedback_count > 0);
  return (
    <li className="py-4" data-testid="completion">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold">{completion.task_title}</h3>
          <p className="text-sm text-slate-700">
            {completion.quest_title} · {new Date(completion.completed_at).toLocaleDateString()}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <PillarBadge pillar={completion.pillar} />
          <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
            {completion.xp_awarded} XP
          </span>
        </div>
      </div>
      {completion.evidence ? (
        <EvidenceView evidence={completion.evidence} privateNote={`Marked private by ${who}.`} />
      ) : (
        <p className="mt-2 rounded-md bg-slate-50 p-3 text-sm italic text-slate-700">{hiddenNote(completion, who)}</p>
      )}
      {feedback && <CompletionFeedback completion={completion} advisor={advisor} />}
    </li>
  );
}

/** A student's completed tasks, newest first, as far as the link shows them. */
export function CompletionList({ student, who }: { student: StudentCard; who: string }) {
  const completions = useStudentCompletions(student.id);
  if (completions.isPending) return <Loading label="Loading completed tasks…" />;
  if (completions.isError) return <ErrorState error={completions.error} retry={() => void completions.refetch()} />;
  const rows = completions.data.pages.flatMap((p) => p.data);
  if (rows.length === 0) return <p className="text-sm text-slate-700">{who} has not completed a task yet.</p>;
  return (
    <>
      <ul className="divide-y divide-slate-200" aria-label="Completed tasks">
        {rows.map((c) => (
          <CompletionRow key={c.id} completion={c} student={student} who={who} />
        ))}
      </ul>
      {completions.hasNextPage && (
        <Button
          variant="secondary"
          className="mt-3"
          busy={completions.isFetchingNextPage}
          onClick={() => void completions.fetchNextPage()}
        >
          Show more
        </Button>
      )}
    </>
  );
}
