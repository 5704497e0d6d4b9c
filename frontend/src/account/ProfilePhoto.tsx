import { useId, useState, type ChangeEvent } from "react";
import { messageOf } from "../api/errors";
import type { Schemas } from "../api/client";
import { Avatar, nameOf } from "../ui/Avatar";
import { Button, buttonClass } from "../ui/Button";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { FormError } from "../ui/Field";
import { useRemoveAvatar, useSetAvatar } from "./hooks";

const TYPES = ["image/png", "image/jpeg", "image/webp"];
const MAX_BYTES = 2 * 1024 * 1024;

/** Why a file cannot be my photo, in plain words; null when it can (the API checks again). */
export function photoProblem(file: File): string | null {
  if (!TYPES.includes(file.type)) return "That file is not a photo we can use: pick a PNG, JPEG or WebP image.";
  if (file.size > MAX_BYTES) return "That photo is larger than 2 MB: pick a smaller one.";
  return null;
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsDataURL(file);
  });
}

/** My picture, or my initials: pick a photo, see it, then save it; or remove it (asked first). */
export function ProfilePhoto({ user }: { user: Schemas["UserPublic"] }) {
  const upload = useSetAvatar();
  const remove = useRemoveAvatar();
  const inputId = useId();
  const [chosen, setChosen] = useState<{ file: File; preview: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ""; // picking the same file again fires again
    if (!file) return;
    setError(null);
    const problem = photoProblem(file);
    if (problem) {
      setChosen(null);
      setError(problem);
      return;
    }
    try {
      setChosen({ file, preview: await readAsDataUrl(file) });
    } catch {
      setError("That file could not be read: pick another one.");
    }
  }

  async function save() {
    if (!chosen) return;
    setError(null);
    try {
      await upload.mutateAsync(chosen.file);
      setChosen(null);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  async function confirmRemove() {
    setRemoveError(null);
    try {
      await remove.mutateAsync();
      setAsking(false);
    } catch (failure) {
      setRemoveError(messageOf(failure));
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-4">
      <Avatar name={nameOf(user)} src={chosen?.preview ?? user.avatar_url} className="h-14 w-14 text-xl" />
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <input
            id={inputId}
            type="file"
            accept={TYPES.join(",")}
            onChange={choose}
            disabled={chosen !== null}
            className="peer sr-only"
            aria-describedby={`${inputId}-hint`}
          />
          {chosen ? (
            <>
              <Button onClick={save} busy={upload.isPending}>
                Save photo
              </Button>
              <Button variant="secondary" onClick={() => setChosen(null)} disabled={upload.isPending}>
                Cancel
              </Button>
            </>
          ) : (
            <>
              <label
                htmlFor={inputId}
                className={buttonClass(
                  "secondary",
                  "cursor-pointer peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600",
                )}
              >
                Upload a photo
              </label>
              {user.avatar_url && (
                <Button variant="secondary" onClick={() => setAsking(true)}>
                  Remove photo
                </Button>
              )}
            </>
          )}
        </div>
        <p id={`${inputId}-hint`} className="text-xs text-slate-600">
          {chosen ? "This is how your photo will look. Save it to show it." : "PNG, JPEG or WebP, up to 2 MB."}
        </p>
        <FormError message={error} />
      </div>
      {asking && (
        <ConfirmDialog
          title="Remove your photo?"
          confirm="Remove photo"
          busy={remove.isPending}
          error={removeError}
          onConfirm={() => void confirmRemove()}
          onCancel={() => {
            setAsking(false);
            setRemoveError(null);
          }}
        >
          Your initials will show instead.
        </ConfirmDialog>
      )}
    </div>
  );
}
