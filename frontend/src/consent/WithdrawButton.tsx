import { useId, useState } from "react";
import { messageOf } from "../api/errors";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";

/** Withdrawing consent, asked twice: the child's diploma goes private at once. */
export function WithdrawButton({
  name,
  busy,
  error,
  onConfirm,
}: {
  name: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const consequence = useId();
  if (!asking) {
    return (
      <Button variant="secondary" onClick={() => setAsking(true)} aria-label={`Withdraw consent for ${name}`}>
        Withdraw consent
      </Button>
    );
  }
  return (
    <div
      role="alertdialog"
      aria-label={`Withdraw consent for ${name}?`}
      aria-describedby={consequence}
      className="rounded-md border border-red-300 bg-red-50 p-3"
    >
      <p id={consequence} className="text-sm text-red-900">
        Withdraw your consent for {name}? Their diploma becomes private at once and they can no longer team up with
        other students. Their quests and XP stay.
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button variant="danger" busy={busy} onClick={onConfirm}>
          Yes, withdraw
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => setAsking(false)}>
          Keep my consent
        </Button>
      </div>
      {Boolean(error) && <FormError message={messageOf(error)} />}
    </div>
  );
}
