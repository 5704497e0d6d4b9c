import { useState, type FormEvent } from "react";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { useRedeemCode } from "./hooks";
import { nameOf } from "./scopes";

/** A parent or advisor enters the one-time code a student gave them. */
export function RedeemForm() {
  const redeem = useRedeemCode();
  const errors = useFormErrors({
    code_invalid: "code",
    code_used: "code",
    expired: "code",
    already_linked: "code",
    too_many_attempts: "code",
  });
  const [linked, setLinked] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const code = String(new FormData(formElement).get("code")).trim();
    errors.reset();
    setLinked(null);
    try {
      const link = await redeem.mutateAsync(code);
      setLinked(nameOf(link.student, "the student"));
      formElement.reset();
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-labelledby="redeem-code">
      <h2 id="redeem-code" className="text-lg font-semibold">
        Enter a student's code
      </h2>
      <FormError message={errors.form} />
      <TextField
        label="Code"
        name="code"
        required
        autoComplete="off"
        placeholder="XXXX-XXXX-XXXX"
        className="max-w-xs"
        error={errors.fields.code}
        hint="The student makes it on their Links page; it works once, for 72 hours."
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={redeem.isPending}>
          Link
        </Button>
        {linked && (
          <span role="status" className="text-sm text-green-800">
            You are now linked with {linked}.
          </span>
        )}
      </div>
    </form>
  );
}
