import { useState } from "react";
import { messageOf } from "../api/errors";
import { Button } from "../ui/Button";
import { FormError, SelectField } from "../ui/Field";
import { useCreateCode, type Scope } from "./hooks";
import { SCOPES } from "./scopes";

/** A student's one-time code for a parent or advisor, shown once, with a copy button. */
export function CodeMaker() {
  const create = useCreateCode();
  const [scope, setScope] = useState<Scope | "">("");
  const [copied, setCopied] = useState(false);
  const made = create.data;

  async function copy(code: string) {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="space-y-3">
      <h2 className="text-lg font-semibold">Give a parent or advisor a code</h2>
      <p className="text-sm text-slate-700">
        They enter it on their Links page to follow your work. It works once, for 72 hours.
      </p>
      <SelectField label="What they will see" value={scope} onChange={(e) => setScope(e.target.value as Scope | "")}>
        <option value="">The usual for their role (parents: evidence, advisors: progress)</option>
        {SCOPES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}: {s.sees}
          </option>
        ))}
      </SelectField>
      <Button
        busy={create.isPending}
        onClick={() => {
          setCopied(false);
          create.mutate(scope || null);
        }}
      >
        Make a code
      </Button>
      <FormError message={create.error ? messageOf(create.error) : null} />
      {made && (
        <div className="rounded-md border border-brand-600 bg-brand-50 p-4" data-testid="link-code">
          <p className="text-sm text-slate-800">Your code (shown only now):</p>
          <p className="mt-1 font-mono text-2xl font-bold tracking-widest text-slate-900" data-testid="link-code-value">
            {made.code}
          </p>
          <p className="mt-1 text-sm text-slate-700">Valid until {new Date(made.expires_at).toLocaleString()}.</p>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <Button variant="secondary" onClick={() => void copy(made.code)}>
              Copy code
            </Button>
            {copied && (
              <span role="status" className="text-sm text-green-800">
                Copied.
              </span>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
