import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { ApiError } from "../api/errors";
import { TaskRows, emptyTask } from "../submissions/TaskRows";
import type { TaskDraft } from "../submissions/hooks";
import { Button } from "../ui/Button";
import { Checkbox, FormError, TextArea, TextField } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { PILLARS, type PillarKey } from "../ui/pillars";
import { useFormErrors } from "../ui/useFormErrors";
import { useCreateQuest, useQuestDraft } from "./hooks";
import { ADMIN_XP } from "./questForm";

// Remembered per tab: a server without a Gemini key answers every request 503 ai_not_configured,
// so asking again would only fail again.
export const DRAFTS_UNAVAILABLE_KEY = "optio.ai-quest-drafts-unavailable";

interface Draft {
  title: string;
  description: string;
  tasks: TaskDraft[];
}

const isNotConfigured = (error: unknown) =>
  error instanceof ApiError && error.status === 503 && error.code === "ai_not_configured";

function Unavailable() {
  return (
    <Card aria-labelledby="ai-unavailable">
      <h2 id="ai-unavailable" className="text-lg font-semibold">
        AI quest drafts are not available on this server.
      </h2>
      <p className="mt-2 text-slate-700">
        No AI service is set up here (the server has no Gemini API key), so it cannot draft quests. You can still write
        a quest yourself.
      </p>
      <Link to="/admin/quests" className="mt-3 inline-block font-medium text-brand-700 underline">
        Write a quest on the quests page
      </Link>
    </Card>
  );
}

/** The quest Gemini drafted, for the admin to review, change and create (or leave unsaved). */
function DraftReview({ initial, requestsLeft }: { initial: Draft; requestsLeft: number | null }) {
  const create = useCreateQuest();
  const navigate = useNavigate();
  const errors = useFormErrors();
  const heading = useRef<HTMLHeadingElement>(null);
  const [title, setTitle] = useState(initial.title);
  const [description, setDescription] = useState(initial.description);
  const [tasks, setTasks] = useState<TaskDraft[]>(initial.tasks);
  const [isActive, setIsActive] = useState(true);
  const [isPublic, setIsPublic] = useState(true);

  // A fresh draft takes the reader to it (the form above stays as it was).
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    try {
      const quest = await create.mutateAsync({
        title,
        description,
        source: "custom",
        tasks,
        is_active: isActive,
        is_public: isPublic,
      });
      navigate(`/admin/quests/${quest.id}`);
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <Card aria-labelledby="draft-heading">
      <form onSubmit={submit} className="space-y-3" noValidate aria-label="Quest draft">
        <h2 id="draft-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
          Review the draft
        </h2>
        <p className="text-sm text-slate-700">
          Nothing is saved yet. Change what you like, then create the quest; you can keep editing it afterwards.
          {requestsLeft != null && ` ${requestsLeft} AI requests left today.`}
        </p>
        <FormError message={errors.form} />
        <TextField
          label="Title"
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.fields.title}
        />
        <TextArea
          label="Description"
          maxLength={5000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.fields.description}
        />
        <h3 className="pt-2 font-semibold">Tasks</h3>
        <TaskRows tasks={tasks} onChange={setTasks} errors={errors.fields} prefix="tasks" xp={ADMIN_XP} />
        <Button variant="secondary" onClick={() => setTasks([...tasks, emptyTask()])}>
          Add a task
        </Button>
        <div className="flex flex-wrap gap-4">
          <Checkbox
            label="Active: students can start it"
            checked={isActive}
            onChange={(e) => setIsActive(e.target.checked)}
          />
          <Checkbox
            label="Public: listed in the quest hub"
            checked={isPublic}
            onChange={(e) => setIsPublic(e.target.checked)}
          />
        </div>
        <Button type="submit" busy={create.isPending}>
          Create quest
        </Button>
      </form>
    </Card>
  );
}

/** /admin/quests/new-draft: a topic in, Gemini's quest out, reviewed and created by the admin. */
export function QuestDraftPage() {
  const ask = useQuestDraft();
  const errors = useFormErrors();
  const [unavailable, setUnavailable] = useState(() => sessionStorage.getItem(DRAFTS_UNAVAILABLE_KEY) !== null);
  const [topic, setTopic] = useState("");
  const [audience, setAudience] = useState("");
  const [pillars, setPillars] = useState<PillarKey[]>([]);
  // Kept here, not read off the mutation: asking again must not drop the draft under review.
  const [draft, setDraft] = useState<{ n: number; quest: Draft; requestsLeft: number | null } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    try {
      const answer = await ask.mutateAsync({
        topic: topic.trim(),
        ...(audience.trim() ? { audience: audience.trim() } : {}),
        ...(pillars.length ? { pillars } : {}),
      });
      setDraft((last) => ({
        n: (last?.n ?? 0) + 1,
        quest: { title: answer.title, description: answer.description, tasks: answer.tasks },
        requestsLeft: answer.requests_left_today,
      }));
    } catch (error) {
      if (isNotConfigured(error)) {
        sessionStorage.setItem(DRAFTS_UNAVAILABLE_KEY, "ai_not_configured");
        setUnavailable(true);
      } else errors.capture(error);
    }
  }

  const togglePillar = (key: PillarKey, on: boolean) =>
    setPillars(on ? [...pillars, key] : pillars.filter((p) => p !== key));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/admin/quests" className="text-brand-700 underline">
          ← All quests
        </Link>
      </p>
      <PageHeader
        title="Draft a quest with AI"
        subtitle="Name a topic and AI drafts a quest with 4 to 8 tasks for you to review. Nothing is saved until you create it."
      />
      {unavailable ? (
        <Unavailable />
      ) : (
        <div className="space-y-6">
          <Card>
            <form onSubmit={submit} className="space-y-3" noValidate aria-label="Ask for a draft">
              <FormError message={errors.form} />
              <TextField
                label="Topic"
                maxLength={200}
                hint="At least 3 characters, e.g. “Build a rain gauge and track a month of weather”."
                value={topic}
                onChange={(e) => setTopic(e.target.value)}
                error={errors.fields.topic}
              />
              <TextField
                label="Who will take it? (optional)"
                maxLength={200}
                value={audience}
                onChange={(e) => setAudience(e.target.value)}
                error={errors.fields.audience}
              />
              <fieldset>
                <legend className="text-sm font-medium text-slate-800">Favour these pillars (optional)</legend>
                <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                  {PILLARS.map((p) => (
                    <Checkbox
                      key={p.key}
                      label={p.name}
                      checked={pillars.includes(p.key)}
                      onChange={(e) => togglePillar(p.key, e.target.checked)}
                    />
                  ))}
                </div>
                {errors.fields.pillars && (
                  <p className="mt-1 text-sm font-medium text-red-700">{errors.fields.pillars}</p>
                )}
              </fieldset>
              <Button type="submit" busy={ask.isPending} disabled={topic.trim().length < 3}>
                {draft ? "Draft again (replaces the draft below)" : "Draft with AI"}
              </Button>
              {ask.isPending && (
                <p role="status" className="text-sm text-slate-600">
                  Drafting… this can take up to half a minute.
                </p>
              )}
            </form>
          </Card>
          {draft && <DraftReview key={draft.n} initial={draft.quest} requestsLeft={draft.requestsLeft} />}
        </div>
      )}
    </>
  );
}
