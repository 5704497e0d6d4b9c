import { useState, type FormEvent } from "react";
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

export interface EvidenceFormProps {
  /** Names the form for assistive technology ("Evidence for <task>"). */
  taskTitle: string;
  submit: (evidence: Evidence, onProgress: (fraction: number) => void) => Promise<unknown>;
  /** The API's file limits; until they arrive, files are checked by the API alone. */
  limits?: EvidenceLimits;
}

export function EvidenceForm({ taskTitle, submit, limits }: EvidenceFormProps) {
  const [kind, setKind] = useState<Kind>("text");
  const [text, setText] = useState("");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [isPrivate, setIsPrivate] = useState(false);
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
      const problem = file ? fileProblem(file, limits) : "Choose a file.";
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
        <TextField
          label="File"
          type="file"
          accept={limits && FILE_KINDS.flatMap((k) => limits[k].content_types).join(",")}
          hint={limits && sizeHint(limits)}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          error={fieldError("file")}
        />
      )}
      <Checkbox
        label="Keep this evidence private (hidden on my public diploma)"
        checked={isPrivate}
        onChange={(e) => setIsPrivate(e.target.checked)}
      />
      {progress !== null && (
        <div>
          <label className="text-sm text-slate-700">
            Uploading… {Math.round(progress * 100)}%
            <progress className="mt-1 block h-2 w-full" max={1} value={progress} />
          </label>
        </div>
      )}
      <Button type="submit" busy={busy}>
        Complete task
      </Button>
    </form>
  );
}
