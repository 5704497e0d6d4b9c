import { useState } from "react";
import { Link } from "react-router-dom";
import { SelectField } from "../ui/Field";
import { PageHeader } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import { Empty, QueryState } from "../ui/States";
import { SubmissionReview, type ReviewOutcome } from "./SubmissionReview";
import { useQueue, type QueueStatus } from "./hooks";

/**
 * The last review's outcome. The live region is always there (empty at first), so that a screen
 * reader announces what is put in it; the reviewed card itself leaves the queue.
 */
function Outcome({ outcome }: { outcome: ReviewOutcome | null }) {
  return (
    <div role="status" className="mb-4 empty:hidden">
      {outcome?.kind === "approved" && (
        <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          <strong>Approved:</strong> {outcome.title} is now a quest.{" "}
          {outcome.questId && (
            <Link to={`/admin/quests/${outcome.questId}`} className="font-medium underline">
              Open it in the quest editor
            </Link>
          )}
        </p>
      )}
      {outcome?.kind === "rejected" && (
        <p className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-900">
          <strong>Rejected:</strong> {outcome.title}. Its author can read your notes.
        </p>
      )}
    </div>
  );
}

export function SubmissionQueuePage() {
  const [status, setStatus] = useState<QueueStatus>("pending");
  const [page, setPage] = useState(1);
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(null);
  const queue = useQueue(status, page);
  return (
    <>
      <PageHeader title="Submission queue" subtitle="Custom quests proposed by students, oldest first." />
      <Outcome outcome={outcome} />
      <SelectField
        className="mb-6 max-w-xs"
        label="Show"
        value={status}
        onChange={(e) => {
          setStatus(e.target.value as QueueStatus);
          setPage(1);
        }}
      >
        <option value="pending">Waiting for review</option>
        <option value="approved">Approved</option>
        <option value="rejected">Rejected</option>
      </SelectField>
      <QueryState query={queue}>
        {(list) =>
          list.data.length === 0 ? (
            <Empty title="Nothing here">No submissions with this status.</Empty>
          ) : (
            <>
              <ul className="space-y-4">
                {list.data.map((s) => (
                  <li key={s.id}>
                    <SubmissionReview submission={s} onReviewed={setOutcome} />
                  </li>
                ))}
              </ul>
              <Pagination page={page} perPage={list.per_page} count={list.count} onPage={setPage} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
