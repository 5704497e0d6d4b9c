import { useEffect } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { ButtonLink } from "../ui/Button";
import { PageHeader } from "../ui/Page";
import { useForgetSession } from "./hooks";

/** Where deleting an account lands: signed out, with word that it is done. */
export function AccountDeletedPage() {
  const deleted = (useLocation().state as { deleted?: boolean } | null)?.deleted === true;
  const forget = useForgetSession();
  // The API ended the session with the account; only a real deletion forgets it here, not a
  // visit to this address.
  useEffect(() => {
    if (deleted) forget();
  }, [deleted, forget]);

  if (!deleted) return <Navigate to="/" replace />; // reached without deleting: nothing to say
  return (
    <>
      <PageHeader title="Your account is deleted" />
      <p role="status" className="mb-6 rounded-md bg-green-50 p-3 text-green-900">
        Your account and everything about you on Optio have been deleted, and you are signed out. Thank you for learning
        with us.
      </p>
      <div className="flex flex-wrap gap-2">
        <ButtonLink to="/quests">Browse quests</ButtonLink>
        <ButtonLink to="/signup" variant="secondary">
          Create a new account
        </ButtonLink>
      </div>
    </>
  );
}
