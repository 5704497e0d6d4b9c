import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { ApiError } from "../api/errors";
import { Button, ButtonLink } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { AuthCard } from "./AuthCard";
import { useResetPassword } from "./hooks";

const TITLE = "Choose a new password";

/** The old links' address, /reset-password?token=…; e-mails now link /auth/confirm (ConfirmPage). */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  return <NewPasswordForm token={params.get("token") ?? ""} />;
}

function AskForNewLink() {
  return (
    <Link className="text-brand-700 underline" to="/forgot-password">
      Ask for a new link
    </Link>
  );
}

/** A password reset link's form: the new password twice, then the way back to logging in. */
export function NewPasswordForm({ token }: { token: string }) {
  const errors = useFormErrors({ invalid_reset_token: "token" });
  const [mismatch, setMismatch] = useState<string | undefined>();
  const reset = useResetPassword(token);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("confirm"))) return setMismatch("The two passwords differ.");
    setMismatch(undefined);
    errors.reset();
    reset.mutate(password, { onError: errors.capture });
  }

  if (!token) {
    return (
      <AuthCard title={TITLE}>
        <p className="text-slate-700">
          This page needs the link from your e-mail. <AskForNewLink />.
        </p>
      </AuthCard>
    );
  }

  if (reset.isSuccess) {
    return (
      <AuthCard title="Password changed">
        <p role="status" className="mb-4 rounded-md bg-green-50 p-3 text-green-900">
          Your password was changed. You were signed out everywhere: log in with the new one.
        </p>
        <ButtonLink to="/login" className="w-full">
          Log in
        </ButtonLink>
      </AuthCard>
    );
  }

  const linkSpent = reset.error instanceof ApiError && reset.error.code === "invalid_reset_token";
  return (
    <AuthCard title={TITLE}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={errors.fields.token ?? errors.form} />
        {linkSpent && (
          <p className="text-sm">
            <AskForNewLink />
          </p>
        )}
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          error={errors.fields.password}
        />
        <TextField
          label="Repeat it"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={mismatch}
        />
        <Button type="submit" busy={reset.isPending} className="w-full">
          Change password
        </Button>
      </form>
    </AuthCard>
  );
}
