import { useEffect, useState, type DragEvent, type FormEvent } from "react";
import type { Schemas } from "../api/client";
import { Button } from "../ui/Button";
import { Checkbox, FormError, TextArea, TextField } from "../ui/Field";
import { useFormErrors } from "../ui/useFormErrors";
import type { Evidence, EvidenceLimits } from "./hooks";

const MB = 1024 * 1024;
const FILE_KINDS = ["image", "document"] as const;

type Kind = Evidence["type"];
const KINDS: { kind: Kind; label: string }[] = [
  { kind: "text", label: "Text" },
  { kind: "link", label: "Link" },
  { kind: "file", label: "Image or PDF" },
];

/**
 * What is wrong with a file before it is sent, by the API's limits; nothing while they are not
 * known yet (the API checks again, by the file's bytes).
 */
export function fileProblem(file: File, limits: EvidenceLimits | undefined): string | null {
  if (!limits) return null;
  const kind = FILE_KINDS.find((k) => limits[k].content_types.includes(file.type));
  if (!kind) return "Choose an image (PNG, JPEG, WebP, GIF) or a PDF.";
  const limit = limits[kind].max_bytes;
  if (file.size > limit) return `${kind === "document" ? "PDFs" : "Images"} are limited to ${limit / MB} MB.`;
  return null;
}

/** The API's limits on evidence (TextEvidenceIn, LinkEvidenceIn in optio/quests/schemas.py). */
const MAX_TEXT = 10_000;
const MAX_URL = 2048;

/**
 * A link as the API takes it: "example.com/x" becomes "https://example.com/x". A link that names
 * its scheme keeps it ("http://…" stays; "ftp://…" is then refused with a reason).
 */
export function withScheme(link: string): string {
  const text = link.trim();
  if (!text) return text;
  if (text.startsWith("//")) return `https:${text}`;
  // "name:" is a scheme unless digits follow it: "example.com:8080/x" is a host and a port.
  return /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text) ? text : `https://${text}`;
}

function sizeHint(limits: EvidenceLimits): string {
  return `Images up to ${limits.image.max_bytes / MB} MB, PDFs up to ${limits.document.max_bytes / MB} MB.`;
}

/** The form's kind for evidence already given: a file stays a file (to be replaced). */
function kindOf(evidence: Schemas["EvidencePublic"] | undefined): Kind {
  if (!evidence) return "text";
  return evidence.type === "image" || evidence.type === "document" ? "file" : evidence.type;
}

/** A local URL showing the chosen image before it is sent; revoked when the choice changes. */
function usePreview(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file || !file.type.startsWith("image/") || typeof URL.createObjectURL !== "function") {
      setUrl(null);
      return;
    }
    const made = URL.createObjectURL(file);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  return url;
}

export interface EvidenceFormProps {
  /** Names the form for assistive technology ("Evidence for <task>"). */
  taskTitle: string;
  submit: (evidence: Evidence, onProgress: (fraction: number) => void) => Promise<unknown>;
  /** The API's file limits; until they arrive, files are checked by the API alone. */
  limits?: EvidenceLimits;
  /** Evidence already given, to edit: the form starts with it. */
  initial?: Schemas["EvidencePublic"];
  /** The submit button's words. */
  submitLabel?: string;
  /** Shows a Cancel button that calls it. */
  onCancel?: () => void;
  /** Whether to offer keeping the evidence private (further pieces share their completion's). */
  privacy?: boolean;
}

export function EvidenceForm({
  taskTitle,
  submit,
  limits,
  initial,
  submitLabel = "Complete task",
  onCancel,
  privacy = true,
}: EvidenceFormProps) {
  const [kind, setKind] = useState<Kind>(kindOf(initial));
  const [text, setText] = useState(initial?.text ?? "");
  const [url, setUrl] = useState(initial?.url ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const preview = usePreview(kind === "file" ? file : null);
  const [isPrivate, setIsPrivate] = useState(initial?.is_private ?? false);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = useFormErrors({ payload_too_large: "file", unsupported_media_type: "file" });

  function check(): Evidence | null {
    const problems: Record<string, string> = {};
    if (kind === "text" && !text.trim()) problems.text = "Write what you did.";
    const link = withScheme(url);
    if (kind === "link" && link !== url) setUrl(link); // show what is sent
    if (kind === "link" && !/^https?:\/\/\S+$/i.test(link)) problems.url = "Enter a full link, starting with https://.";
    if (kind === "file") {
      const problem = file
        ? fileProblem(file, limits)
        : initial
          ? "Choose a file to replace it with."
          : "Choose a file.";
      if (problem) problems.file = problem;
    }
    setLocal(problems);
    if (Object.keys(problems).length) return null;
    if (kind === "text") return { type: "text", text: text.trim(), isPrivate };
    if (kind === "link") return { type: "link", url: link, isPrivate };
    return { type: "file", file: file as File, isPrivate };
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const evidence = check();
    if (!evidence) return;
    setBusy(true);
    setProgress(evidence.type === "file" ? 0 : null);
    try {
      await submit(evidence, setProgress);
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  const fieldError = (name: string) => local[name] ?? errors.fields[name];

  /** A new file: its problem at once (or none), instead of the last file's. */
  function choose(chosen: File | null) {
    setFile(chosen);
    const { file: _last, ...rest } = local;
    const problem = chosen && fileProblem(chosen, limits);
    setLocal(problem ? { ...rest, file: problem } : rest);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files?.[0];
    if (dropped) choose(dropped);
  }

  return (
    <form onSubmit={onSubmit} className="mt-3 space-y-3" aria-label={`Evidence for ${taskTitle}`} noValidate>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Evidence</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {KINDS.map((k) => (
            <label
              key={k.kind}
              className={`flex min-h-11 cursor-pointer items-center gap-2 rounded-md border px-3 text-sm ${
                kind === k.kind ? "border-brand-700 bg-brand-50 font-semibold" : "border-slate-300 bg-white"
              }`}
            >
              <input
                type="radio"
                name="kind"
                value={k.kind}
                checked={kind === k.kind}
                onChange={() => setKind(k.kind)}
              />
              {k.label}
            </label>
          ))}
        </div>
      </fieldset>
      <FormError message={errors.form} />
      {kind === "text" && (
        <TextArea
          label="What did you do?"
          maxLength={MAX_TEXT}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={fieldError("text")}
        />
      )}
      {kind === "link" && (
        <TextField
          label="Link to your work"
          type="url"
          inputMode="url"
          placeholder="example.com/my-work"
          hint="https:// is added when the link has none."
          maxLength={MAX_URL}
          counter={false}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          onBlur={() => setUrl(withScheme(url))}
          error={fieldError("url")}
        />
      )}
      {kind === "file" && (
        <div
          data-testid="file-drop"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`rounded-md border-2 border-dashed p-3 ${dragging ? "border-brand-700 bg-brand-50" : "border-slate-300"}`}
        >
          <TextField
            label={initial ? "Replace with a file" : "File"}
            type="file"
            accept={limits && FILE_KINDS.flatMap((k) => limits[k].content_types).join(",")}
            hint={[limits && sizeHint(limits), "Or drop a file here."].filter(Boolean).join(" ")}
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
            error={fieldError("file")}
          />
          {file && (
            <p className="mt-2 text-sm text-slate-700" aria-live="polite">
              Chosen: {file.name}
            </p>
          )}
          {preview && (
            <img
              src={preview}
              alt={`Preview of ${file?.name ?? "the chosen image"}`}
              className="mt-2 max-h-48 rounded-md"
            />
          )}
        </div>
      )}
      {privacy && (
        <Checkbox
          label="Keep this evidence private (hidden on my public diploma)"
          checked={isPrivate}
          onChange={(e) => setIsPrivate(e.target.checked)}
        />
      )}
      {progress !== null && (
        <div>
          <label className="text-sm text-slate-700">
            Uploading… {Math.round(progress * 100)}%
            <progress className="mt-1 block h-2 w-full" max={1} value={progress} />
          </label>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
