import { useState } from "react";
import { SelectField } from "../ui/Field";
import { PageHeader } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import { Empty, QueryState } from "../ui/States";
import { SubmissionReview } from "./SubmissionReview";
import { useQueue, type QueueStatus } from "./hooks";

export function SubmissionQueuePage() {
  const [status, setStatus] = useState<QueueStatus>("pending");
  const [page, setPage] = useState(1);
  const queue = useQueue(status, page);
  return (
    <>
      <PageHeader title="Submission queue" subtitle="Custom quests proposed by students, oldest first." />
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
                    <SubmissionReview submission={s} />
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
