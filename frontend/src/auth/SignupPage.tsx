import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { AuthCard } from "./AuthCard";
import { useAuth } from "./context";
import { OAuthButtons } from "./OAuthButtons";

function optional(value: FormDataEntryValue | null): string | null {
  const text = String(value ?? "").trim();
  return text ? text : null;
}

export function SignupPage() {
  const { signUp } = useAuth();
  const navigate = useNavigate();
  const errors = useFormErrors({ email_taken: "email", username_taken: "username" });
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    errors.reset();
    try {
      const result = await signUp({
        email: String(form.get("email")),
        password: String(form.get("password")),
        username: optional(form.get("username")),
        first_name: optional(form.get("first_name")),
        last_name: optional(form.get("last_name")),
      });
      // Signed in, RedirectIfSignedIn takes the new student on to the quests; otherwise the
      // account waits for its e-mail link.
      if ("confirmation" in result) navigate("/signup/check-email", { state: { email: result.confirmation.email } });
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Create your account"
      footer={
        <>
          Already have one?{" "}
          <Link className="font-semibold text-brand-700 underline" to="/login">
            Log in
          </Link>
        </>
      }
    >
      <OAuthButtons />
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={errors.form} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="First name" name="first_name" autoComplete="given-name" error={errors.fields.first_name} />
          <TextField label="Last name" name="last_name" autoComplete="family-name" error={errors.fields.last_name} />
        </div>
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          hint="Teammates can find you by it."
          error={errors.fields.username}
        />
        <TextField label="E-mail" name="email" type="email" autoComplete="email" required error={errors.fields.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          error={errors.fields.password}
        />
        <Button type="submit" busy={busy} className="w-full">
          Sign up
        </Button>
      </form>
    </AuthCard>
  );
}
