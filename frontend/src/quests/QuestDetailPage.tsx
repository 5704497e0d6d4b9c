import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiError } from "../api/errors";
import { useAuth } from "../auth/context";
import { Button, ButtonLink } from "../ui/Button";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { FormError } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { PillarBadge } from "../ui/PillarBadge";
import { ProgressBar } from "../ui/ProgressBar";
import { QueryState } from "../ui/States";
import { SOURCES } from "../ui/pillars";
import { messageOf } from "../api/errors";
import { QuestCredential } from "../credentials/QuestCredential";
import { Recognition } from "../progress/Recognition";
import { useRecognition } from "../progress/useRecognition";
import { Celebration } from "./Celebration";
import { QuestImage } from "./QuestImage";
import { TaskItem, type EvidenceChanges, type TaskForm } from "./TaskItem";
import { useCompleteTask, useEnrollment, useEvidenceItems, useQuest, useReviseEvidence } from "./hooks";
import { plural } from "../ui/plural";

/** The quest page of a quest that does not exist (or no longer does): no retry, a way back. */
function QuestGone() {
  return (
    <>
      <PageHeader
        title="This quest does not exist or was removed"
        subtitle="The link may be mistyped, or the quest was retired."
      />
      <ButtonLink to="/quests">Back to the quests</ButtonLink>
    </>
  );
}

export function QuestDetailPage() {
  const { questId = "" } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const quest = useQuest(questId);
  const { enroll, abandon } = useEnrollment(questId);
  const completion = useCompleteTask();
  const revision = useReviseEvidence(questId);
  const items = useEvidenceItems(questId);
  const changes: EvidenceChanges = {
    edit: (taskId, evidence) => revision.mutateAsync({ taskId, evidence }),
    addItem: (taskId, evidence) => items.add.mutateAsync({ taskId, evidence }),
    removeItem: (taskId, itemId) => items.remove.mutateAsync({ taskId, itemId }),
  };
  const [celebrate, setCelebrate] = useState(false);
  const [confirmAbandon, setConfirmAbandon] = useState(false);
  /** The one evidence form open on the page, and whose; undefined: completing the first task
   * still to do (also after an edit or an addition is saved or cancelled: back to the work in
   * hand). */
  const [openForm, setOpenForm] = useState<{ task: string; form: TaskForm } | null | undefined>(undefined);
  const recognition = useRecognition(Boolean(user) && quest.data?.enrollment?.status === "active");

  if (quest.error instanceof ApiError && quest.error.status === 404) return <QuestGone />;

  return (
    <QueryState query={quest} loadingLabel="Loading the quest…">
      {(q) => {
        const status = q.enrollment?.status;
        const active = status === "active";
        const next = q.tasks.find((t) => !t.completion);
        const open = openForm === undefined ? (next ? { task: next.id, form: "complete" as const } : null) : openForm;
        return (
          <>
            <p className="mb-2 text-sm">
              <Link to="/quests" className="text-brand-700 underline">
                ← All quests
              </Link>
            </p>
            <QuestImage
              src={q.image_url}
              pillars={q.pillars}
              priority
              className="mb-6 max-w-2xl rounded-xl border border-slate-200"
            />
            <PageHeader
              title={q.title}
              subtitle={`${SOURCES[q.source] ?? q.source} · ${plural(q.task_count, "task")} · ${q.total_xp} XP`}
              actions={
                !user ? (
                  <ButtonLink to={`/login?next=/quests/${q.id}`}>Log in to start</ButtonLink>
                ) : active ? (
                  <Button variant="secondary" busy={abandon.isPending} onClick={() => setConfirmAbandon(true)}>
                    Abandon quest
                  </Button>
                ) : status === "completed" ? null : (
                  <Button busy={enroll.isPending} onClick={() => enroll.mutate()}>
                    {status === "abandoned" ? "Resume quest" : "Start quest"}
                  </Button>
                )
              }
            />
            <FormError message={enroll.error ? messageOf(enroll.error) : null} />
            {confirmAbandon && (
              <ConfirmDialog
                title="Abandon this quest?"
                confirm="Abandon quest"
                danger
                busy={abandon.isPending}
                error={abandon.error ? messageOf(abandon.error) : null}
                onCancel={() => {
                  abandon.reset();
                  setConfirmAbandon(false);
                }}
                onConfirm={() => abandon.mutate(undefined, { onSuccess: () => setConfirmAbandon(false) })}
              >
                You keep the XP and the tasks you completed, and you can resume the quest later.
              </ConfirmDialog>
            )}
            {celebrate && (
              <Celebration
                title={q.title}
                xp={q.progress?.xp_earned ?? q.total_xp}
                onClose={() => setCelebrate(false)}
              />
            )}
            <Card className="mb-6">
              <p className="whitespace-pre-wrap text-slate-800">{q.description}</p>
              <div className="mt-3 flex flex-wrap gap-1.5">
                {q.pillars.map((p) => (
                  <PillarBadge key={p} pillar={p} />
                ))}
              </div>
              {q.progress && (
                <div className="mt-4">
                  <div className="mb-1 flex justify-between text-sm text-slate-700">
                    <span>
                      {q.progress.completed_tasks} of {plural(q.progress.total_tasks, "task")}
                      {status === "completed" && " · completed"}
                    </span>
                    <span>
                      {q.progress.xp_earned} / {q.progress.xp_available} XP
                    </span>
                  </div>
                  <ProgressBar percent={q.progress.percent} label="Quest progress" />
                </div>
              )}
            </Card>
            {user && status === "completed" && <QuestCredential questId={q.id} />}
            <h2 className="mb-3 text-xl font-semibold">Tasks</h2>
            {!active && user && status !== "completed" && (
              <p className="mb-3 text-sm text-slate-700">Start the quest to complete its tasks.</p>
            )}
            <ol className="space-y-3">
              {q.tasks.map((task) => (
                <TaskItem
                  key={task.id}
                  task={task}
                  canComplete={active}
                  open={open?.task === task.id ? open.form : null}
                  onOpen={(form) => setOpenForm({ task: task.id, form })}
                  onClose={() => setOpenForm(undefined)}
                  complete={async (taskId, evidence, onProgress) => {
                    const result = await recognition.recognise(() =>
                      completion.mutateAsync({ taskId, evidence, onProgress }),
                    );
                    if (result.quest_completed && result.created) setCelebrate(true);
                    setOpenForm(undefined); // on to the next task still to do
                    return result;
                  }}
                  changes={user ? changes : undefined}
                />
              ))}
            </ol>
            {status === "completed" && !celebrate && (
              <p className="mt-6 text-center">
                <Button variant="ghost" onClick={() => navigate("/dashboard")}>
                  Back to your dashboard
                </Button>
              </p>
            )}
            {user && (
              <Recognition gain={recognition.gain} moments={recognition.moments} dismiss={recognition.dismiss} />
            )}
          </>
        );
      }}
    </QueryState>
  );
}
