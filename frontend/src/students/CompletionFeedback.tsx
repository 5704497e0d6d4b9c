import { useId, useState } from "react";
import { FeedbackThread } from "../feedback/FeedbackThread";
import { useFeedbackThread } from "../feedback/hooks";
import { Button } from "../ui/Button";
import { QueryState } from "../ui/States";
import type { StudentCompletion } from "./hooks";

/** An advisor's (or, read-only, a parent's) way into a completion's feedback thread. */
export function CompletionFeedback({ completion, advisor }: { completion: StudentCompletion; advisor: boolean }) {
  const [open, setOpen] = useState(false);
  const panel = useId();
  const thread = useFeedbackThread(completion.id, open);
  const count = completion.feedback_count;
  const label = advisor ? (count > 0 ? `Feedback (${count})` : "Give feedback") : `Read feedback (${count})`;
  return (
    <div className="mt-2">
      <Button
        variant="ghost"
        aria-expanded={open}
        aria-controls={panel}
        aria-label={`${label}: ${completion.task_title}`}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </Button>
      <div id={panel}>
        {open && (
          <QueryState query={thread} loadingLabel="Loading the feedback…">
            {(t) => (
              <FeedbackThread
                completionId={completion.id}
                thread={t}
                label={completion.task_title}
                writeLabel="Your feedback"
                writeAction="Send feedback"
              />
            )}
          </QueryState>
        )}
      </div>
    </div>
  );
}
