import { useEffect, useRef, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { Card } from "../ui/Page";
import { useFormErrors } from "../ui/useFormErrors";
import { useDeleteAccount } from "./hooks";

/** The danger zone: what deleting the account removes, and a password-confirmed dialog to do it. */
export function DeleteAccount() {
  const [asking, setAsking] = useState(false);
  return (
    <Card aria-labelledby="delete-account" className="border-red-300">
      <h2 id="delete-account" className="text-lg font-semibold text-red-900">
        Delete your account
      </h2>
      <p className="mt-1 text-sm text-slate-700">Deleting your account is final. It cannot be undone. It:</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>deletes your evidence files, quests, tasks and XP, and your diploma page;</li>
        <li>revokes the credentials Optio issued you, so they no longer verify;</li>
        <li>ends your links with parents, advisors and team-mates, and deletes feedback you wrote;</li>
        <li>cancels your paid plan, if you have one (no further payments are taken);</li>
        <li>signs you out everywhere: you cannot log in again with this account.</li>
      </ul>
      <p className="mt-2 text-sm text-slate-700">Want a copy first? Download your data above before you delete.</p>
      <Button variant="danger" className="mt-4" onClick={() => setAsking(true)}>
        Delete my account…
      </Button>
      {asking && <ConfirmDeletion onCancel={() => setAsking(false)} />}
    </Card>
  );
}

function ConfirmDeletion({ onCancel }: { onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = useDeleteAccount();
  const errors = useFormErrors({ wrong_password: "password" });
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // A modal dialog: focus moves in, the rest of the page is inert and Escape closes it.
    if (typeof element.showModal === "function") {
      if (!element.open) element.showModal();
    } else element.setAttribute("open", "");
    return () => element.close?.();
  }, []);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    setMissing(password === "");
    if (password === "") return;
    try {
      await remove.mutateAsync(password);
      navigate("/account-deleted", { replace: true, state: { deleted: true } });
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby="confirm-deletion"
      aria-describedby="confirm-deletion-text"
      onCancel={(event) => {
        event.preventDefault();
        if (!remove.isPending) onCancel();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-red-300 bg-white p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <form onSubmit={confirm} className="space-y-4 p-5" noValidate>
        <h2 id="confirm-deletion" className="text-lg font-semibold text-red-900">
          Delete your account for good?
        </h2>
        <p id="confirm-deletion-text" className="text-sm text-slate-700">
          Everything about you on Optio is deleted and you are signed out. Enter your password to confirm.
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
          <Button type="submit" variant="danger" busy={remove.isPending}>
            Delete my account
          </Button>
          <Button variant="secondary" disabled={remove.isPending} onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </dialog>
  );
}
