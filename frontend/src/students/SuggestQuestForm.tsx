import { useState, type FormEvent } from "react";
import { useQuests } from "../quests/hooks";
import { Button } from "../ui/Button";
import { FormError, SelectField, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { useSuggestQuest } from "./hooks";

/** A parent suggests a quest from the catalog; the child is notified and decides. */
export function SuggestQuestForm({ studentId, who }: { studentId: string; who: string }) {
  const quests = useQuests({ per_page: 100 });
  const suggest = useSuggestQuest(studentId);
  const errors = useFormErrors({ quest_not_found: "quest_id" });
  const [sent, setSent] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const questId = String(form.get("quest_id"));
    errors.reset();
    setSent(null);
    try {
      await suggest.mutateAsync({ quest_id: questId, note: String(form.get("note")).trim() });
      setSent(quests.data?.data.find((q) => q.id === questId)?.title ?? "the quest");
      formElement.reset();
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="suggest-quest">
      <h2 id="suggest-quest" className="text-lg font-semibold">
        Suggest a quest
      </h2>
      <p className="text-sm text-slate-700">{who} gets a notification and decides whether to take it.</p>
      <FormError message={errors.form ?? (quests.error ? "The quest catalog could not be loaded." : null)} />
      <SelectField label="Quest" name="quest_id" required error={errors.fields.quest_id}>
        {quests.data?.data.map((q) => (
          <option key={q.id} value={q.id}>
            {q.title}
          </option>
        ))}
      </SelectField>
      <TextField label="Note (optional)" name="note" maxLength={500} error={errors.fields.note} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={suggest.isPending} disabled={!quests.data?.data.length}>
          Suggest
        </Button>
        {sent && (
          <span role="status" className="text-sm text-green-800">
            Suggested {sent} to {who}.
          </span>
        )}
      </div>
    </form>
  );
}
