import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { Schemas } from "../api/client";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { AuthCard } from "./AuthCard";
import { useAuth } from "./context";
import { OAuthButtons } from "./OAuthButtons";

type Role = Schemas["SignupIn"]["role"];

const ROLES: { value: NonNullable<Role>; label: string; does: string }[] = [
  { value: "student", label: "A student", does: "I take quests and build my diploma." },
  { value: "parent", label: "A parent", does: "I follow my children's learning, with their consent." },
  { value: "advisor", label: "An advisor", does: "I mentor students and give feedback on their work." },
];

/** The API's limits on sign-up (SignupIn in optio/auth/schemas.py). */
const MAX_NAME = 100;
const MAX_USERNAME = 30;
const PASSWORD = { min: 8, max: 72 };

function optional(value: FormDataEntryValue | null): string | null {
  const text = String(value ?? "").trim();
  return text ? text : null;
}

export function SignupPage() {
  const { signUp } = useAuth();
  const navigate = useNavigate();
  const errors = useFormErrors({ email_taken: "email", username_taken: "username" });
  const [busy, setBusy] = useState(false);
  const [birthDateMissing, setBirthDateMissing] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    errors.reset();
    const birthDate = optional(form.get("birth_date"));
    setBirthDateMissing(!birthDate);
    if (!birthDate) return;
    setBusy(true);
    try {
      const result = await signUp({
        email: String(form.get("email")),
        password: String(form.get("password")),
        username: optional(form.get("username")),
        first_name: optional(form.get("first_name")),
        last_name: optional(form.get("last_name")),
        birth_date: birthDate,
        role: String(form.get("role") || "student") as Role,
      });
      // Signed in, RedirectIfSignedIn takes the new student on to the welcome steps (under 13: to the
      // consent page); otherwise the account waits for its e-mail link.
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
        <fieldset>
          <legend className="mb-2 text-sm font-semibold text-slate-900">I am</legend>
          <div className="space-y-2">
            {ROLES.map((role) => (
              <label key={role.value} className="flex items-start gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name="role"
                  value={role.value}
                  defaultChecked={role.value === "student"}
                  className="mt-0.5 h-5 w-5 shrink-0"
                />
                <span>
                  <span className="font-semibold">{role.label}</span>: {role.does}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="First name"
            name="first_name"
            autoComplete="given-name"
            maxLength={MAX_NAME}
            counter={false}
            error={errors.fields.first_name}
          />
          <TextField
            label="Last name"
            name="last_name"
            autoComplete="family-name"
            maxLength={MAX_NAME}
            counter={false}
            error={errors.fields.last_name}
          />
        </div>
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={MAX_USERNAME}
          counter={false}
          hint="3–30 lowercase letters, digits or underscores. Teammates can find you by it."
          error={errors.fields.username}
        />
        <TextField label="E-mail" name="email" type="email" autoComplete="email" required error={errors.fields.email} />
        <TextField
          label="Date of birth"
          name="birth_date"
          type="date"
          autoComplete="bday"
          required
          max={new Date().toISOString().slice(0, 10)}
          hint="Kept private: never shown on your diploma. Under 13, a parent's consent is needed to share."
          error={errors.fields.birth_date ?? (birthDateMissing ? "Enter your date of birth." : undefined)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD.min}
          maxLength={PASSWORD.max}
          counter={false}
          hint={`${PASSWORD.min} to ${PASSWORD.max} characters.`}
          error={errors.fields.password}
        />
        <Button type="submit" busy={busy} className="w-full">
          Sign up
        </Button>
      </form>
    </AuthCard>
  );
}
