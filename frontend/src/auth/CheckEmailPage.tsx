import { useId, useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router-dom";
import { ApiError } from "../api/errors";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { useCooldown } from "../ui/useCooldown";
import { useFormErrors } from "../ui/useFormErrors";
import { AuthCard } from "./AuthCard";
import { useResendConfirmation } from "./hooks";

/** The API lets an address ask twice a minute; one ask a minute keeps clear of that. */
export const RESEND_COOLDOWN_SECONDS = 60;

const TOO_OFTEN = "You asked for a new link too often. Wait a minute, then try again.";

/**
 * After a sign-up the provider wants confirmed: where the link went, what to do with it, and a
 * way to have it sent again. Opened without an address (a bookmark, a new tab), it asks for one.
 */
export function CheckEmailPage() {
  const location = useLocation();
  const [email, setEmail] = useState((location.state as { email?: string } | null)?.email ?? "");
  const resend = useResendConfirmation();
  const errors = useFormErrors();
  const cooldown = useCooldown(RESEND_COOLDOWN_SECONDS);
  const waitId = useId();

  function send(address: string) {
    errors.reset();
    resend.mutate(address, {
      onSuccess: () => {
        setEmail(address);
        cooldown.start();
      },
      onError: (error) => {
        errors.capture(error);
        if (error instanceof ApiError && error.status === 429) cooldown.start();
      },
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send(String(new FormData(event.currentTarget).get("email")).trim());
  }

  const waiting = cooldown.left > 0;
  const sendButton = (
    <Button
      type={email ? "button" : "submit"}
      variant={email ? "secondary" : "primary"}
      busy={resend.isPending}
      disabled={waiting}
      aria-describedby={waiting ? waitId : undefined}
      onClick={email ? () => send(email) : undefined}
      className="w-full"
    >
      Send the link again
    </Button>
  );

  return (
    <AuthCard
      title="Check your e-mail"
      footer={
        <>
          Confirmed already?{" "}
          <Link className="font-semibold text-brand-700 underline" to="/login">
            Log in
          </Link>
        </>
      }
    >
      <div className="space-y-4">
        {email ? (
          <>
            <p className="text-slate-800">
              We sent a link to <strong className="break-all">{email}</strong>.
            </p>
            <p className="text-sm text-slate-700">
              Open it to confirm your account; it signs you in here. No e-mail after a few minutes? Look in the spam
              folder, or send the link again.
            </p>
            <p className="text-sm text-slate-700">
              Wrong address?{" "}
              <Link className="text-brand-700 underline" to="/signup">
                Sign up again
              </Link>
              .
            </p>
          </>
        ) : (
          <p className="text-sm text-slate-700">
            Enter the e-mail you signed up with and we will send the confirmation link again.
          </p>
        )}
        {resend.isSuccess && (
          <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
            {resend.data.message}
          </p>
        )}
        <FormError
          message={resend.error instanceof ApiError && resend.error.status === 429 ? TOO_OFTEN : errors.form}
        />
        {email ? (
          sendButton
        ) : (
          <form onSubmit={submit} className="space-y-4" noValidate>
            <TextField
              label="E-mail"
              name="email"
              type="email"
              autoComplete="email"
              required
              error={errors.fields.email}
            />
            {sendButton}
          </form>
        )}
        {waiting && (
          <p id={waitId} className="text-center text-sm text-slate-700">
            You can send it again in {cooldown.left} s.
          </p>
        )}
      </div>
    </AuthCard>
  );
}
