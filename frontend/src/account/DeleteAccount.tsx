import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "../ui/Button";
import { Card } from "../ui/Page";
import { ConfirmDeletion } from "./ConfirmDeletion";
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
      {asking && <ConfirmMyDeletion onCancel={() => setAsking(false)} />}
    </Card>
  );
}

function ConfirmMyDeletion({ onCancel }: { onCancel: () => void }) {
  const remove = useDeleteAccount();
  const navigate = useNavigate();
  return (
    <ConfirmDeletion
      title="Delete your account for good?"
      text="Everything about you on Optio is deleted and you are signed out. Enter your password to confirm."
      action="Delete my account"
      remove={remove.mutateAsync}
      busy={remove.isPending}
      onDeleted={() => navigate("/account-deleted", { replace: true, state: { deleted: true } })}
      onCancel={onCancel}
    />
  );
}
