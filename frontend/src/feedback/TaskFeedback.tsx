import { FeedbackThread } from "./FeedbackThread";
import { useFeedbackThread } from "./hooks";

/** On the student's own completed task: the advisors' feedback, once there is some. */
export function TaskFeedback({ completionId, taskTitle }: { completionId: string; taskTitle: string }) {
  const thread = useFeedbackThread(completionId);
  if (!thread.data || thread.data.count === 0) return null;
  return <FeedbackThread completionId={completionId} thread={thread.data} label={taskTitle} />;
}
