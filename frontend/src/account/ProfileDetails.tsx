import { useState, type FormEvent } from "react";
import { useAuth } from "../auth/context";
import { Button } from "../ui/Button";
import { FormError, TextField } from "../ui/Field";
import { Card } from "../ui/Page";
import { useFormErrors } from "../ui/useFormErrors";
import { useChangeProfile, type ProfileChanges } from "./hooks";
import { ProfilePhoto } from "./ProfilePhoto";

const NAMES = [
  { name: "first_name", label: "First name", autoComplete: "given-name" },
  { name: "last_name", label: "Last name", autoComplete: "family-name" },
  { name: "display_name", label: "Display name", autoComplete: "nickname" },
] as const;

/** My names and username: what teammates, parents and my diploma's visitors see. */
export function ProfileDetails() {
  const { user } = useAuth();
  const change = useChangeProfile();
  const errors = useFormErrors({ username_taken: "username" });
  const [saved, setSaved] = useState(false);
  if (!user) return null;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!user) return;
    const form = new FormData(event.currentTarget);
    const changes: ProfileChanges = {};
    for (const { name } of NAMES) {
      const value = String(form.get(name) ?? "").trim();
      if (value !== (user[name] ?? "")) changes[name] = value || null;
    }
    const username = String(form.get("username") ?? "").trim();
    if (username !== (user.username ?? "")) changes.username = username;
    errors.reset();
    setSaved(false);
    try {
      if (Object.keys(changes).length) await change.mutateAsync(changes);
      setSaved(true);
    } catch (error) {
      errors.capture(error);
    }
  }

  return (
    <Card aria-labelledby="profile-details">
      <div className="min-w-0">
        <h2 id="profile-details" className="text-lg font-semibold">
          Profile
        </h2>
        <p className="break-words text-sm text-slate-700">
          Your name and username, as teammates, supporters and your diploma&apos;s visitors see them.
        </p>
      </div>
      <div className="mt-4">
        <ProfilePhoto user={user} />
      </div>
      <form onSubmit={save} onChange={() => setSaved(false)} className="mt-4 space-y-4" noValidate>
        <FormError message={errors.form} />
        <div className="grid gap-4 sm:grid-cols-2">
          {NAMES.map(({ name, label, autoComplete }) => (
            <TextField
              key={name}
              label={label}
              name={name}
              autoComplete={autoComplete}
              maxLength={100}
              defaultValue={user[name] ?? ""}
              error={errors.fields[name]}
            />
          ))}
          <TextField
            label="Username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={30}
            defaultValue={user.username ?? ""}
            hint="3–30 lowercase letters, digits or underscores."
            error={errors.fields.username}
          />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" busy={change.isPending}>
            Save profile
          </Button>
          {saved && (
            <p role="status" className="text-sm text-green-800">
              Your profile is saved.
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
