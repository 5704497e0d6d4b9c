import { useState, type ChangeEvent, type FormEvent } from "react";
import { Button } from "../ui/Button";
import { TextArea, TextField } from "../ui/Field";
import { Card } from "../ui/Page";
import type { CredentialDocument } from "./hooks";
import { credentialProblem } from "./verifier/result";

// Far above any credential (a learner record of many quests is a few hundred kB).
const MAX_BYTES = 5 * 1024 * 1024;

/** The credential in some text, or a plain-words reason it is not one. */
export function parseCredential(text: string): { credential: CredentialDocument } | { problem: string } {
  if (!text.trim()) return { problem: "Paste a credential's JSON, or choose its .json file." };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "This is not JSON: check that you copied the whole credential, from { to }." };
  }
  const problem = credentialProblem(value);
  return problem ? { problem } : { credential: value as CredentialDocument };
}

/** A credential pasted or chosen as a file, handed on once it parses as one. */
export function CredentialInput({ onCredential }: { onCredential: (credential: CredentialDocument) => void }) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  function check(source: string, form: HTMLFormElement | null) {
    const parsed = parseCredential(source);
    if ("credential" in parsed) {
      setProblem(null);
      onCredential(parsed.credential);
    } else {
      setProblem(parsed.problem);
      (form?.elements.namedItem("credential") as HTMLTextAreaElement | null)?.focus();
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    check(text, event.currentTarget);
  }

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    const form = event.target.form;
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setProblem("This file is too large to be a credential.");
      return;
    }
    let content: string;
    try {
      content = await file.text();
    } catch {
      setProblem("This file could not be read. Try choosing it again.");
      return;
    }
    setText(content);
    check(content, form);
  }

  return (
    <Card>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextArea
          label="Paste the credential's JSON"
          name="credential"
          rows={8}
          className="font-mono"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={problem ?? undefined}
          hint="An Open Badges 3.0 credential, as downloaded from Optio or another issuer."
        />
        <TextField
          label="Or choose a .json file"
          name="file"
          type="file"
          accept=".json,application/json,application/ld+json"
          onChange={(event) => void choose(event)}
        />
        <Button type="submit">Check this credential</Button>
      </form>
    </Card>
  );
}
