import { useState, type FormEvent } from "react";
import { useAuth } from "../auth/context";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { Card } from "../ui/Page";
import { useFormErrors } from "../ui/useFormErrors";
import { useChangePassword } from "./hooks";

/** A new password, proven by the current one; other devices are signed out. */
export function ChangePassword() {
  const { startSession } = useAuth();
  const change = useChangePassword();
  const errors = useFormErrors({ wrong_password: "current_password" });
  const [done, setDone] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    errors.reset();
    setDone(false);
    try {
      const session = await change.mutateAsync({
        current_password: String(data.get("current_password") ?? ""),
        new_password: String(data.get("new_password") ?? ""),
      });
      startSession(session);
      form.reset();
      setDone(true);
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <Card aria-labelledby="change-password">
      <h2 id="change-password" className="text-lg font-semibold">
        Password
      </h2>
      <p className="mt-1 text-sm text-slate-700">Changing it signs you out everywhere else.</p>
      <form onSubmit={save} className="mt-4 space-y-4" noValidate>
        <FormError message={errors.form} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Current password"
            name="current_password"
            type="password"
            autoComplete="current-password"
            required
            error={errors.fields.current_password}
          />
          <TextField
            label="New password"
            name="new_password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            maxLength={72}
            counter={false}
            required
            hint="At least 8 characters."
            error={errors.fields.new_password}
          />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" busy={change.isPending}>
            Change password
          </Button>
          {done && (
            <p role="status" className="text-sm text-green-800">
              Your password is changed. Other devices were signed out.
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
