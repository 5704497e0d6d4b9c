import { useState, type FormEvent } from "react";
import { Button } from "../ui/Button";
import { FormError, SelectField, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { useInvite, type Scope } from "./hooks";
import { SCOPES } from "./scopes";

/** A parent or advisor invites a student by username or e-mail. */
export function InviteForm() {
  const invite = useInvite();
  const errors = useFormErrors({
    recipient_not_found: "recipient",
    cannot_link_self: "recipient",
    not_a_student: "recipient",
    already_linked: "recipient",
    invitation_pending: "recipient",
  });
  const [sent, setSent] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const recipient = String(form.get("recipient")).trim();
    const scope = String(form.get("scope")) as Scope | "";
    errors.reset();
    setSent(null);
    try {
      await invite.mutateAsync({ recipient, scope: scope || null });
      setSent(recipient);
      formElement.reset();
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-labelledby="invite-student">
      <h2 id="invite-student" className="text-lg font-semibold">
        Invite a student
      </h2>
      <FormError message={errors.form} />
      <TextField
        label="Student's username or e-mail"
        name="recipient"
        required
        autoComplete="off"
        error={errors.fields.recipient}
        hint="An e-mail address without an account gets an invitation to join."
      />
      <SelectField
        label="Ask to see"
        name="scope"
        error={errors.fields.scope}
        hint="The student decides, and can change it at any time."
      >
        <option value="">The usual for your role</option>
        {SCOPES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}: {s.shares}
          </option>
        ))}
      </SelectField>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={invite.isPending}>
          Send invitation
        </Button>
        {sent && (
          <span role="status" className="text-sm text-green-800">
            Invitation sent to {sent}.
          </span>
        )}
      </div>
    </form>
  );
}
