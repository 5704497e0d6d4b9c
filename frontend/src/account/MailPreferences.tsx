import { useState, type FormEvent } from "react";
import { Button } from "../ui/Button";
import { FormError } from "../ui/Field";
import { Card } from "../ui/Page";
import { QueryState } from "../ui/States";
import { useFormErrors } from "../ui/useFormErrors";
import { CATEGORY_ORDER, MAIL_CATEGORIES } from "../mail/categories";
import { useChangeMailPreferences, useMailPreferences, type MailPreferences as Preferences } from "./hooks";

/** Which e-mail Optio sends me, one checkbox per category, saved together. */
export function MailPreferences() {
  const query = useMailPreferences();
  return (
    <Card aria-labelledby="mail-preferences">
      <h2 id="mail-preferences" className="text-lg font-semibold">
        E-mail notifications
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Choose which e-mail Optio sends you. Messages about your account itself, such as password resets, always come.
        Your notifications inside Optio do not change.
      </p>
      <QueryState query={query} loadingLabel="Loading your e-mail choices…">
        {(saved) => <PreferencesForm saved={saved} />}
      </QueryState>
    </Card>
  );
}

function PreferencesForm({ saved }: { saved: Preferences }) {
  const change = useChangeMailPreferences();
  const errors = useFormErrors();
  const [chosen, setChosen] = useState<Preferences>(saved);
  const [done, setDone] = useState(false);
  const changes = Object.fromEntries(CATEGORY_ORDER.filter((c) => chosen[c] !== saved[c]).map((c) => [c, chosen[c]]));

  async function save(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    try {
      await change.mutateAsync(changes);
      setDone(true);
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <form onSubmit={save} className="mt-4 space-y-4" noValidate>
      <FormError message={errors.form} />
      <fieldset className="space-y-3">
        <legend className="sr-only">E-mail me about</legend>
        {CATEGORY_ORDER.map((category) => {
          const words = MAIL_CATEGORIES[category];
          const id = `mail-${category}`;
          return (
            <div key={category} className="flex items-start gap-3">
              <input
                id={id}
                type="checkbox"
                className="mt-0.5 h-5 w-5 shrink-0 rounded border-slate-400 text-brand-700"
                checked={chosen[category]}
                aria-describedby={`${id}-description`}
                onChange={(event) => {
                  setDone(false);
                  setChosen({ ...chosen, [category]: event.target.checked });
                }}
              />
              <div>
                <label htmlFor={id} className="font-medium text-slate-900">
                  {words.label}
                </label>
                <p id={`${id}-description`} className="text-sm text-slate-600">
                  {words.description}
                </p>
              </div>
            </div>
          );
        })}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={change.isPending} disabled={Object.keys(changes).length === 0}>
          Save e-mail choices
        </Button>
        {done && (
          <span role="status" className="text-sm text-green-800">
            Saved. Optio will e-mail you only about what is ticked.
          </span>
        )}
      </div>
    </form>
  );
}
