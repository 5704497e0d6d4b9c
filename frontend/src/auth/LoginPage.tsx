import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { AuthCard } from "./AuthCard";
import { useAuth } from "./context";
import { OAuthButtons } from "./OAuthButtons";
import { homeOf, safeNext } from "./RequireAuth";

export function LoginPage() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    errors.reset();
    try {
      const user = await signIn({ email: String(form.get("email")), password: String(form.get("password")) });
      navigate(safeNext(location.search, homeOf(user)), { replace: true }); // before RedirectIfSignedIn would
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Log in"
      footer={
        <>
          New here?{" "}
          <Link className="font-semibold text-brand-700 underline" to="/signup">
            Create an account
          </Link>
        </>
      }
    >
      <OAuthButtons />
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={errors.form} />
        <TextField
          label="E-mail or username"
          name="email"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          required
          error={errors.fields.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.fields.password}
        />
        <Button type="submit" busy={busy} className="w-full">
          Log in
        </Button>
        <p className="text-center text-sm">
          <Link className="text-brand-700 underline" to="/forgot-password">
            Forgot your password?
          </Link>
        </p>
      </form>
    </AuthCard>
  );
}
