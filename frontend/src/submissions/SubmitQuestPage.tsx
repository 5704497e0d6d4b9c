import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { Button } from "../ui/Button";
import { Checkbox, FormError, TextArea, TextField } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { Empty, QueryState } from "../ui/States";
import { useFormErrors } from "../ui/useFormErrors";
import { AiSuggestions } from "./AiSuggestions";
import { TaskRows, emptyTask } from "./TaskRows";
import { useMySubmissions, useSubmitQuest, type TaskDraft } from "./hooks";
import { plural } from "../ui/plural";

/** The API's limits on a proposal (SubmissionIn in optio/submissions/schemas.py). */
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 5000;

const STATUS: Record<string, string> = {
  pending: "Waiting for review",
  approved: "Approved",
  rejected: "Not approved",
};

function MySubmissions() {
  const mine = useMySubmissions();
  return (
    <QueryState query={mine}>
      {(list) =>
        list.data.length === 0 ? (
          <Empty title="No proposals yet">Propose a quest above; an admin reviews it.</Empty>
        ) : (
          <ul className="space-y-3">
            {list.data.map((s) => (
              <li key={s.id} data-testid="my-submission">
                <Card>
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="font-semibold">{s.quest_title ?? s.title}</h3>
                    <span className="text-sm font-medium">{STATUS[s.status] ?? s.status}</span>
                  </div>
                  {s.quest_title && s.quest_title !== s.title && (
                    <p className="text-sm text-slate-700">Proposed as “{s.title}”; the reviewer renamed it.</p>
                  )}
                  <p className="text-sm text-slate-600">
                    {plural(s.suggested_tasks.length, "task")} · sent {new Date(s.created_at).toLocaleDateString()}
                  </p>
                  {s.admin_notes && <p className="mt-2 text-sm text-slate-800">Reviewer's notes: {s.admin_notes}</p>}
                  {s.approved_quest_id && (
                    <Link className="mt-2 inline-block text-brand-700 underline" to={`/quests/${s.approved_quest_id}`}>
                      Open the quest
                    </Link>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}

export function SubmitQuestPage() {
  const submit = useSubmitQuest();
  const errors = useFormErrors();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [makePublic, setMakePublic] = useState(true);
  const [tasks, setTasks] = useState<TaskDraft[]>([emptyTask()]);
  const [sent, setSent] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    setSent(false);
    try {
      await submit.mutateAsync({ title, description, make_public: makePublic, suggested_tasks: tasks });
      setSent(true);
      setTitle("");
      setDescription("");
      setTasks([emptyTask()]);
    } catch (error) {
      errors.capture(error);
    }
  }

  const addTasks = (more: TaskDraft[]) => {
    const blank = tasks.length === 1 && !tasks[0]?.title;
    setTasks([...(blank ? [] : tasks), ...more].slice(0, 20));
  };

  return (
    <>
      <PageHeader
        title="Propose a quest"
        subtitle="Design your own quest. An admin reviews it; once approved you are enrolled."
      />
      <div className="space-y-8">
        <Card>
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            {sent && (
              <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
                Sent for review. You will get a notification when it has been reviewed.
              </p>
            )}
            <FormError message={errors.form} />
            <TextField
              label="Quest title"
              maxLength={MAX_TITLE}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              error={errors.fields.title}
            />
            <TextArea
              label="What is it about?"
              maxLength={MAX_DESCRIPTION}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              error={errors.fields.description}
            />
            <Checkbox
              label="List it in the public catalog once approved"
              checked={makePublic}
              onChange={(e) => setMakePublic(e.target.checked)}
            />
            <AiSuggestions title={title} description={description} onAdd={addTasks} />
            <fieldset>
              <legend className="mb-2 text-lg font-semibold">Tasks</legend>
              {errors.fields.suggested_tasks && (
                <p className="mb-2 text-sm text-red-700">{errors.fields.suggested_tasks}</p>
              )}
              <TaskRows tasks={tasks} onChange={setTasks} errors={errors.fields} prefix="suggested_tasks" />
              <Button
                variant="secondary"
                className="mt-3"
                disabled={tasks.length >= 20}
                onClick={() => setTasks([...tasks, emptyTask()])}
              >
                Add a task
              </Button>
            </fieldset>
            <Button type="submit" busy={submit.isPending}>
              Send for review
            </Button>
          </form>
        </Card>
        <section>
          <h2 className="mb-3 text-xl font-semibold">Your proposals</h2>
          <MySubmissions />
        </section>
      </div>
    </>
  );
}
