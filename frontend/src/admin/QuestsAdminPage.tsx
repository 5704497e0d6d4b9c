import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { TaskRows, emptyTask } from "../submissions/TaskRows";
import type { TaskDraft } from "../submissions/hooks";
import { Button, ButtonLink } from "../ui/Button";
import { FormError, SelectField, TextArea, TextField } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { Pagination } from "../ui/Pagination";
import { SOURCES } from "../ui/pillars";
import { Empty, QueryState } from "../ui/States";
import { useFormErrors } from "../ui/useFormErrors";
import { useAdminQuests, useCreateQuest } from "./hooks";
import { ADMIN_XP } from "./questForm";

const SHOWN = { all: undefined, active: true, inactive: false } as const;
type Shown = keyof typeof SHOWN;

function NewQuest({ onClose }: { onClose: () => void }) {
  const create = useCreateQuest();
  const navigate = useNavigate();
  const errors = useFormErrors();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [tasks, setTasks] = useState<TaskDraft[]>([emptyTask()]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    try {
      const quest = await create.mutateAsync({
        title,
        description,
        source: "custom",
        tasks,
        is_active: true,
        is_public: true,
      });
      navigate(`/admin/quests/${quest.id}`);
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <Card className="mb-6">
      <form onSubmit={submit} className="space-y-3" noValidate aria-label="New quest">
        <h2 className="text-lg font-semibold">New quest</h2>
        <FormError message={errors.form} />
        <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.fields.title} />
        <TextArea
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.fields.description}
        />
        <TaskRows tasks={tasks} onChange={setTasks} errors={errors.fields} prefix="tasks" xp={ADMIN_XP} />
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setTasks([...tasks, emptyTask()])}>
            Add a task
          </Button>
          <Button type="submit" busy={create.isPending}>
            Create quest
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}

export function QuestsAdminPage() {
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<Shown>("all");
  const [creating, setCreating] = useState(false);
  const quests = useAdminQuests(search.trim(), page, SHOWN[shown]);
  return (
    <>
      <PageHeader
        title="Quests and tasks"
        subtitle="Every quest, inactive and private ones too."
        actions={
          <>
            <ButtonLink variant="secondary" to="/admin/quests/new-draft">
              Draft with AI
            </ButtonLink>
            {!creating && <Button onClick={() => setCreating(true)}>New quest</Button>}
          </>
        }
      />
      {creating && <NewQuest onClose={() => setCreating(false)} />}
      <div className="mb-4 flex flex-wrap items-start gap-3">
        <TextField
          className="w-full max-w-md"
          label="Search quests"
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
        />
        <SelectField
          label="Show"
          value={shown}
          onChange={(e) => {
            setShown(e.target.value as Shown);
            setPage(1);
          }}
        >
          <option value="all">All quests</option>
          <option value="active">Active only</option>
          <option value="inactive">Inactive only</option>
        </SelectField>
      </div>
      <QueryState query={quests}>
        {(list) =>
          list.data.length === 0 ? (
            <Empty title="No quests match" />
          ) : (
            <>
              <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
                {list.data.map((q) => (
                  <li key={q.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                    <div>
                      <Link to={`/admin/quests/${q.id}`} className="font-medium text-brand-800 underline">
                        {q.title}
                      </Link>
                      <p className="text-xs text-slate-600">
                        {SOURCES[q.source] ?? q.source} · {q.task_count} tasks · {q.total_xp} XP · {q.enrollments}{" "}
                        enrolled · {q.completions} completed
                      </p>
                    </div>
                    <div className="flex gap-1 text-xs">
                      {!q.is_active && <span className="rounded bg-slate-200 px-2 py-0.5">inactive</span>}
                      {!q.is_public && <span className="rounded bg-amber-100 px-2 py-0.5">private</span>}
                    </div>
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
