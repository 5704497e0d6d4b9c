import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Link } from "react-router-dom";
import { api } from "../api/client";
import { unwrap } from "../api/errors";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { AuthCard } from "./AuthCard";

export function ForgotPasswordPage() {
  const errors = useFormErrors();
  const send = useMutation({
    mutationFn: (email: string) => unwrap(api.POST("/api/auth/password/forgot", { body: { email } })),
    onMutate: errors.reset,
    onError: errors.capture,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send.mutate(String(new FormData(event.currentTarget).get("email")));
  }

  return (
    <AuthCard
      title="Forgot your password?"
      footer={
        <Link className="text-brand-700 underline" to="/login">
          Back to log in
        </Link>
      }
    >
      {send.isSuccess ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
          {send.data.message}
        </p>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <p className="text-sm text-slate-700">We will e-mail you a link to choose a new password.</p>
          <FormError message={errors.form} />
          <TextField
            label="E-mail"
            name="email"
            type="email"
            autoComplete="email"
            required
            error={errors.fields.email}
          />
          <Button type="submit" busy={send.isPending} className="w-full">
            Send the link
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
