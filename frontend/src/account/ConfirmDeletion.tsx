import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { useModalDialog } from "../ui/useModalDialog";

/**
 * A modal dialog that deletes an account once the signed-in user's password confirms it: mine,
 * or a child's (the parent's own password). 403 `wrong_password` shows next to the field.
 */
export function ConfirmDeletion({
  title,
  text,
  action,
  remove,
  busy,
  onDeleted,
  onCancel,
}: {
  title: string;
  text: ReactNode;
  /** The submit button's words. */
  action: string;
  remove: (password: string) => Promise<unknown>;
  busy: boolean;
  onDeleted: () => void;
  onCancel: () => void;
}) {
  const dialog = useModalDialog();
  const errors = useFormErrors({ wrong_password: "password" });
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState(false);
  const titleId = useId();
  const textId = useId();

  async function confirm(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    setMissing(password === "");
    if (password === "") return;
    try {
      await remove(password);
    } catch (error) {
      errors.capture(error);
      return;
    }
    onDeleted();
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-red-300 bg-white p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <form onSubmit={confirm} className="space-y-4 p-5" noValidate>
        <h2 id={titleId} className="text-lg font-semibold text-red-900">
          {title}
        </h2>
        <p id={textId} className="text-sm text-slate-700">
          {text}
        </p>
        <FormError message={errors.form} />
        <TextField
          label="Your password"
          name="password"
          type="password"
          autoComplete="current-password"
          autoFocus
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={missing ? "Enter your password." : errors.fields.password}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="danger" busy={busy}>
            {action}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </dialog>
  );
}
