import { useId } from "react";
import { messageOf } from "../api/errors";
import { useAuth } from "../auth/context";
import { FormError } from "../ui/Field";
import { Card } from "../ui/Page";
import { QueryState } from "../ui/States";
import { useDiscovery, useSetDiscovery } from "./hooks";

/**
 * A student's choice to be found by name by students looking for a teammate: off until they turn
 * it on, saved as soon as it changes. Shown to students only (only students are found).
 */
export function DiscoverySetting() {
  const { user } = useAuth();
  const student = user?.role === "student";
  const discovery = useDiscovery(student);
  const save = useSetDiscovery();
  const id = useId();
  if (!student) return null;
  return (
    <Card aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Be found by other students
      </h2>
      <QueryState query={discovery}>
        {(saved) => {
          const checked = save.isPending ? save.variables : saved.discoverable;
          return (
            <div className="mt-3 space-y-2">
              <div className="flex items-start gap-3">
                <input
                  id={id}
                  type="checkbox"
                  className="mt-0.5 h-5 w-5 shrink-0 rounded border-slate-400 text-brand-700"
                  checked={checked}
                  disabled={save.isPending}
                  aria-describedby={`${id}-description`}
                  onChange={(event) => save.mutate(event.target.checked)}
                />
                <div>
                  <label htmlFor={id} className="font-medium text-slate-900">
                    Let students looking for a teammate find me by my username or name
                  </label>
                  <p id={`${id}-description`} className="text-sm text-slate-600">
                    Off by default. They see your name and username, nothing else, and can send you a request you accept
                    or decline. You can turn it off at any time.
                  </p>
                </div>
              </div>
              {save.isSuccess && (
                <p role="status" className="text-sm text-green-800">
                  {save.data.discoverable
                    ? "Students looking for a teammate can find you now."
                    : "Students can no longer find you by name."}
                </p>
              )}
              <FormError message={save.error ? messageOf(save.error) : null} />
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}
