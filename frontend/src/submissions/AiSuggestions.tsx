import { useState } from "react";
import { ApiError, messageOf } from "../api/errors";
import { Button } from "../ui/Button";
import { PillarBadge } from "../ui/PillarBadge";
import { useTaskSuggestions, type TaskDraft } from "./hooks";

// Remembered per tab: when the server has no AI, asking again would only fail again.
const UNAVAILABLE_KEY = "optio.ai-unavailable";

/**
 * Gemini's task ideas for the quest being written. The API cannot say ahead of time whether AI
 * is configured, so nothing is asked until the student presses the button; a 503 then hides it.
 */
export function AiSuggestions({
  title,
  description,
  onAdd,
}: {
  title: string;
  description: string;
  onAdd: (tasks: TaskDraft[]) => void;
}) {
  const suggest = useTaskSuggestions();
  const [unavailable, setUnavailable] = useState(() => sessionStorage.getItem(UNAVAILABLE_KEY));

  if (unavailable) {
    return <p className="text-sm text-slate-600">AI task suggestions are not available on this server.</p>;
  }

  async function ask() {
    try {
      await suggest.mutateAsync({ title: title.trim(), description: description.trim() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 503) {
        sessionStorage.setItem(UNAVAILABLE_KEY, error.code);
        setUnavailable(error.code);
      }
    }
  }

  const tasks = suggest.data?.tasks ?? [];
  return (
    <div className="rounded-lg border border-brand-100 bg-brand-50 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-800">Stuck? Let AI suggest tasks from your title and description.</p>
        <Button variant="secondary" busy={suggest.isPending} disabled={title.trim().length < 3} onClick={ask}>
          Suggest tasks
        </Button>
      </div>
      {suggest.error && !(suggest.error instanceof ApiError && suggest.error.status === 503) && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {messageOf(suggest.error)}
        </p>
      )}
      {tasks.length > 0 && (
        <>
          <ul className="mt-3 space-y-2">
            {tasks.map((t, i) => (
              <li key={i} className="flex flex-wrap items-center justify-between gap-2 rounded bg-white p-2">
                <span>
                  <span className="font-medium">{t.title}</span> <PillarBadge pillar={t.pillar} />{" "}
                  <span className="text-xs text-slate-600">{t.xp_value} XP</span>
                </span>
                <Button variant="ghost" onClick={() => onAdd([t])}>
                  Add
                </Button>
              </li>
            ))}
          </ul>
          <Button className="mt-2" variant="secondary" onClick={() => onAdd(tasks)}>
            Add all
          </Button>
          {suggest.data?.requests_left_today != null && (
            <p className="mt-2 text-xs text-slate-600">{suggest.data.requests_left_today} AI requests left today.</p>
          )}
        </>
      )}
    </div>
  );
}
