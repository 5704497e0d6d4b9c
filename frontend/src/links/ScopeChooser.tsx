import { useId } from "react";
import { messageOf } from "../api/errors";
import { FormError } from "../ui/Field";
import { useSetScope, type Link } from "./hooks";
import { SCOPES, nameOf, scopeOf } from "./scopes";

/** The student's choice of what one parent or advisor sees; saved as soon as it changes. */
export function ScopeChooser({ link }: { link: Link }) {
  const setScope = useSetScope();
  const name = useId();
  const who = nameOf(link.supporter, "They");
  // The choice shows at once; the list catches up when it is read again.
  const chosen = (!setScope.isError && setScope.variables?.scope) || link.scope;
  return (
    <fieldset className="mt-3" disabled={setScope.isPending}>
      <legend className="text-sm font-medium text-slate-800">What {who} sees</legend>
      <div className="mt-2 space-y-2">
        {SCOPES.map((scope) => (
          <label key={scope.value} className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={name}
              value={scope.value}
              checked={chosen === scope.value}
              onChange={() => setScope.mutate({ id: link.id, scope: scope.value })}
              className="mt-0.5 h-5 w-5 shrink-0"
            />
            <span>
              <span className="font-semibold">{scope.label}</span>: {scope.sees}
            </span>
          </label>
        ))}
      </div>
      {setScope.isSuccess && (
        <p role="status" className="mt-2 text-sm text-green-800">
          Saved: {who} now sees {scopeOf(chosen).sees}.
        </p>
      )}
      {setScope.error && <FormError message={messageOf(setScope.error)} />}
    </fieldset>
  );
}
