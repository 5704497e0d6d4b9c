import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import type { Schemas } from "../api/client";
import { QuestImage } from "../quests/QuestImage";
import { Button } from "../ui/Button";
import { Checkbox, FormError, TextArea, TextField } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { QueryState } from "../ui/States";
import { useFormErrors } from "../ui/useFormErrors";
import { TaskEditor } from "./TaskEditor";
import { useAdminQuest, useQuestWrites } from "./hooks";

// What the API takes as an image (admin QuestIn / QuestUpdate): an https:// address or a path on
// this site. The preview loads only such an address, not every prefix typed on the way to one.
const IMAGE_URL = /^(https:\/\/[A-Za-z0-9][^\s]*|\/[^/\s][^\s]*)$/;

/** The quest's pillars as the catalog lists them (sorted): its image's fallback shows the first. */
function pillarsOf(quest: Schemas["AdminQuestDetail"]): string[] {
  return [...new Set(quest.tasks.map((t) => t.pillar))].sort();
}

function QuestForm({
  quest,
  writes,
}: {
  quest: Schemas["AdminQuestDetail"];
  writes: ReturnType<typeof useQuestWrites>;
}) {
  const errors = useFormErrors();
  const [saved, setSaved] = useState(false);
  const [imageUrl, setImageUrl] = useState(quest.image_url ?? "");
  const image = imageUrl.trim();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    errors.reset();
    setSaved(false);
    try {
      await writes.update.mutateAsync({
        title: String(form.get("title")),
        description: String(form.get("description")),
        is_active: form.get("is_active") === "on",
        is_public: form.get("is_public") === "on",
        // Only when changed: an image set before the API required https must not block a save.
        ...(image !== (quest.image_url ?? "") ? { image_url: image || null } : {}),
      });
      setSaved(true);
    } catch (error) {
      errors.capture(error);
    }
  }
  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <FormError message={errors.form} />
      <TextField label="Title" name="title" defaultValue={quest.title} error={errors.fields.title} />
      <TextArea
        label="Description"
        name="description"
        defaultValue={quest.description}
        error={errors.fields.description}
      />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_14rem] sm:items-start">
        <TextField
          label="Image URL"
          name="image_url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={imageUrl}
          onChange={(event) => setImageUrl(event.target.value)}
          hint="An https:// address or a path on this site, such as /quest-art/logic.svg. Empty: the first pillar's colour and icon."
          error={errors.fields.image_url}
        />
        <figure>
          <QuestImage
            src={IMAGE_URL.test(image) ? image : null}
            pillars={pillarsOf(quest)}
            priority
            className="rounded-lg border border-slate-200"
          />
          <figcaption className="mt-1 text-xs text-slate-600">Preview on the quest's card and page</figcaption>
        </figure>
      </div>
      <div className="flex flex-wrap gap-4">
        <Checkbox name="is_active" label="Active" defaultChecked={quest.is_active} />
        <Checkbox name="is_public" label="Public" defaultChecked={quest.is_public} />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" busy={writes.update.isPending}>
          Save quest
        </Button>
        {saved && (
          <span role="status" className="text-sm text-green-800">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

export function QuestEditorPage() {
  const { questId = "" } = useParams();
  const quest = useAdminQuest(questId);
  const writes = useQuestWrites(questId);
  return (
    <QueryState query={quest}>
      {(q) => {
        const move = (index: number, delta: -1 | 1) => {
          const ids = q.tasks.map((t) => t.id);
          const target = index + delta;
          if (target < 0 || target >= ids.length) return;
          [ids[index], ids[target]] = [ids[target] as string, ids[index] as string];
          writes.reorder.mutate(ids);
        };
        return (
          <>
            <p className="mb-2 text-sm">
              <Link to="/admin/quests" className="text-brand-700 underline">
                ← All quests
              </Link>
            </p>
            <PageHeader title={q.title} subtitle={`${q.enrollments} enrolled · ${q.completions} completed`} />
            <div className="space-y-6">
              <Card>
                <QuestForm key={q.updated_at} quest={q} writes={writes} />
              </Card>
              <section>
                <h2 className="mb-3 text-xl font-semibold">Tasks</h2>
                <ol className="space-y-3" aria-label="Tasks">
                  {q.tasks.map((t, i) => (
                    <TaskEditor key={`${t.id}-${t.order_index}`} task={t} writes={writes} onMove={(d) => move(i, d)} />
                  ))}
                </ol>
                <Button
                  className="mt-3"
                  variant="secondary"
                  busy={writes.addTask.isPending}
                  onClick={() =>
                    writes.addTask.mutate({
                      title: "New task",
                      pillar: "stem_logic",
                      xp_value: 50,
                      description: "",
                      is_required: true,
                    })
                  }
                >
                  Add a task
                </Button>
              </section>
            </div>
          </>
        );
      }}
    </QueryState>
  );
}
