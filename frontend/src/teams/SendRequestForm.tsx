import { useState, type FormEvent } from "react";
import { ConsentRequiredHint } from "../consent/ConsentRequiredHint";
import { useDashboard } from "../dashboard/hooks";
import { Button } from "../ui/Button";
import { FormError, SelectField, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { useSendRequest } from "./hooks";
import { RecipientField } from "./RecipientField";

export function SendRequestForm() {
  const send = useSendRequest();
  const errors = useFormErrors({
    recipient_not_found: "recipient",
    cannot_team_with_self: "recipient",
    already_teammates: "quest_id", // teammates invite each other onto a quest
    request_pending: "recipient",
    quest_not_found: "quest_id",
  });
  const [sent, setSent] = useState<string | null>(null);
  const [recipientText, setRecipientText] = useState("");
  const dashboard = useDashboard();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const recipient = recipientText.trim();
    errors.reset();
    setSent(null);
    try {
      await send.mutateAsync({
        recipient,
        message: String(form.get("message")).trim(),
        quest_id: String(form.get("quest_id")) || null,
      });
      setSent(recipient);
      setRecipientText("");
      formElement.reset();
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-labelledby="send-request">
      <h2 id="send-request" className="text-lg font-semibold">
        Team up with someone
      </h2>
      <FormError message={errors.form} />
      <ConsentRequiredHint error={send.error} />
      <RecipientField value={recipientText} onChange={setRecipientText} error={errors.fields.recipient} />
      <SelectField
        label="On a quest (optional)"
        name="quest_id"
        error={errors.fields.quest_id}
        hint="Accepting enrolls you both. To invite a teammate again, choose a quest."
      >
        <option value="">No particular quest</option>
        {dashboard.data?.active_quests.map((q) => (
          <option key={q.id} value={q.id}>
            {q.title}
          </option>
        ))}
      </SelectField>
      <TextField label="Message (optional)" name="message" maxLength={500} error={errors.fields.message} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={send.isPending}>
          Send request
        </Button>
        {sent && (
          <span role="status" className="text-sm text-green-800">
            Request sent to {sent}.
          </span>
        )}
      </div>
    </form>
  );
}
