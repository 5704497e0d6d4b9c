import { useState, type FormEvent } from "react";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import { useAddChild } from "./hooks";

const today = () => new Date().toISOString().slice(0, 10);

/** A parent makes their child's account; the child signs in with the username, no e-mail. */
export function AddChildForm() {
  const add = useAddChild();
  const errors = useFormErrors({ username_taken: "username" });
  const [added, setAdded] = useState<{ name: string; username: string } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    errors.reset();
    setAdded(null);
    try {
      const child = await add.mutateAsync({
        username: String(form.get("username")).trim().toLowerCase(),
        password: String(form.get("password")),
        first_name: String(form.get("first_name")).trim(),
        birth_date: String(form.get("birth_date")),
      });
      setAdded({ name: child.display_name ?? child.username, username: child.username });
      formElement.reset();
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-labelledby="add-child">
      <h2 id="add-child" className="text-lg font-semibold">
        Add a child
      </h2>
      <p className="text-slate-700">
        For a child under 13 without an e-mail address. Your child signs in with the username and password you choose
        here. Adding them records your consent, and you follow their work from Students.
      </p>
      <FormError message={errors.form} />
      <TextField
        label="Child's first name"
        name="first_name"
        autoComplete="off"
        required
        maxLength={100}
        error={errors.fields.first_name}
      />
      <TextField
        label="Child's username"
        name="username"
        autoComplete="off"
        required
        hint="3 to 30 lowercase letters, digits or _. Your child signs in with it."
        error={errors.fields.username}
      />
      <TextField
        label="Child's password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        error={errors.fields.password}
      />
      <TextField
        label="Child's date of birth"
        name="birth_date"
        type="date"
        required
        max={today()}
        hint="Kept private: never shown on the diploma."
        error={errors.fields.birth_date}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={add.isPending}>
          Add child
        </Button>
        {added && (
          <span role="status" className="text-sm text-green-800">
            Added {added.name}: they sign in with the username {added.username}.
          </span>
        )}
      </div>
    </form>
  );
}
