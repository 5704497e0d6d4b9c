import { useState } from "react";
import { messageOf } from "../api/errors";
import { buttonClass, Button, ButtonLink } from "../ui/Button";
import { fileNameOf, saveJson } from "./download";
import { fetchCredential } from "./hooks";
import { linkedInUrl } from "./linkedin";

export interface CredentialSummary {
  id: string;
  quest_title: string;
  issued_at: string;
  revoked: boolean;
  revoked_reason?: string | null;
}

/** The signed credential of a quest, saved as a .json file. */
function DownloadCredential({ credential }: { credential: CredentialSummary }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setBusy(true);
    setError(null);
    try {
      saveJson(await fetchCredential(credential.id), fileNameOf(credential.quest_title, "credential"));
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button variant="secondary" busy={busy} onClick={() => void download()}>
        Download credential <span className="sr-only">of {credential.quest_title}</span>
      </Button>
      {error && (
        <p role="alert" className="w-full text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </>
  );
}

/** What a quest's credential lets its reader do: keep it, show it on LinkedIn, check it. */
export function CredentialActions({ credential }: { credential: CredentialSummary }) {
  const verify = (
    <ButtonLink variant="ghost" to={`/verify/${credential.id}`}>
      Verify <span className="sr-only">the credential of {credential.quest_title}</span>
    </ButtonLink>
  );
  if (credential.revoked) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded-full border border-red-300 bg-red-50 px-3 py-1 text-sm font-semibold text-red-800">
          Credential revoked
        </span>
        {credential.revoked_reason && <span className="text-sm text-slate-700">{credential.revoked_reason}</span>}
        {verify}
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <DownloadCredential credential={credential} />
      <a
        className={buttonClass("ghost")}
        href={linkedInUrl({
          credentialId: credential.id,
          title: credential.quest_title,
          issuedAt: credential.issued_at,
        })}
        target="_blank"
        rel="noopener noreferrer"
      >
        Add to LinkedIn <span className="sr-only">(opens LinkedIn in a new tab)</span>
      </a>
      {verify}
    </div>
  );
}
