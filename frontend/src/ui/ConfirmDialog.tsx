import { useId, type ReactNode } from "react";
import { Button } from "./Button";
import { FormError } from "./Field";
import { useModalDialog } from "./useModalDialog";

/**
 * A modal question before an action that cannot be taken back or changes someone's rights:
 * focus moves in, the page behind is inert, Escape or Cancel changes nothing. Render it while
 * the question stands; `error` shows what went wrong if the action failed.
 */
export function ConfirmDialog({
  title,
  children,
  confirm,
  danger = false,
  busy = false,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  /** The confirming button's words, e.g. "Delete task". */
  confirm: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useModalDialog();
  const titleId = useId();
  const textId = useId();

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
      className={
        "m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border bg-white p-0 shadow-xl backdrop:bg-slate-900/50 " +
        (danger ? "border-red-300" : "border-slate-300")
      }
    >
      <div className="space-y-4 p-5">
        <h2 id={titleId} className={`text-lg font-semibold ${danger ? "text-red-900" : "text-slate-900"}`}>
          {title}
        </h2>
        <div id={textId} className="text-sm text-slate-700">
          {children}
        </div>
        <FormError message={error} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button variant={danger ? "danger" : "primary"} busy={busy} onClick={onConfirm}>
            {confirm}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
