import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../api/client";
import { unwrap } from "../api/errors";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { AuthCard } from "./AuthCard";

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const navigate = useNavigate();
  const errors = useFormErrors({ invalid_reset_token: "token" });
  const [mismatch, setMismatch] = useState<string | undefined>();
  const reset = useMutation({
    mutationFn: (password: string) => unwrap(api.POST("/api/auth/password/reset", { body: { token, password } })),
    onMutate: errors.reset,
    onError: errors.capture,
    onSuccess: () =>
      navigate("/login", { replace: true, state: { notice: "Your password was changed. Log in with the new one." } }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("confirm"))) return setMismatch("The two passwords differ.");
    setMismatch(undefined);
    reset.mutate(password);
  }

  if (!token) {
    return (
      <AuthCard title="Choose a new password">
        <p className="text-slate-700">
          This page needs the link from your e-mail.{" "}
          <Link className="text-brand-700 underline" to="/forgot-password">
            Ask for a new link
          </Link>
          .
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={errors.fields.token ?? errors.form} />
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
