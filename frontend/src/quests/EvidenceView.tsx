import { useEffect, useId, useRef, useState, type RefObject } from "react";
import { apiAsset, type Schemas } from "../api/client";
import { Button } from "../ui/Button";

/** Text longer than this (or with more lines than COLLAPSED_LINES) starts collapsed. */
export const COLLAPSE_CHARS = 400;
const COLLAPSED_LINES = 5;

function isLong(text: string): boolean {
  return text.length > COLLAPSE_CHARS || text.split("\n").length > COLLAPSED_LINES;
}

/** Text evidence; a long one shows a few lines and a "Show more" / "Show less" toggle. */
function EvidenceText({ text }: { text: string }) {
  const long = isLong(text);
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  return (
    <>
      <p
        id={id}
        className={`whitespace-pre-wrap ${long && !expanded ? "line-clamp-5" : ""}`}
        data-collapsed={long && !expanded ? "true" : undefined}
      >
        {text}
      </p>
      {long && (
        <button
          type="button"
          className="mt-1 min-h-11 text-sm font-semibold text-brand-700 underline"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? "Show less" : "Show more"}
        </button>
      )}
    </>
  );
}

/** The full image in a modal dialog: Escape or Close closes it, focus goes back to `returnTo`. */
export function Lightbox({
  src,
  alt,
  onClose,
  returnTo,
}: {
  src: string;
  alt: string;
  onClose: () => void;
  returnTo: RefObject<HTMLElement | null>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    const back = returnTo.current;
    if (!element) return;
    if (typeof element.showModal === "function") {
      if (!element.open) element.showModal();
    } else element.setAttribute("open", "");
    return () => {
      element.close?.();
      back?.focus();
    };
  }, [returnTo]);
  return (
    <dialog
      ref={dialog}
      aria-label={alt}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose(); // a click on the backdrop
      }}
      className="m-auto max-h-[95vh] max-w-[95vw] rounded-xl bg-white p-3 shadow-xl backdrop:bg-slate-900/80"
    >
      <figure className="space-y-2">
        <img src={src} alt={alt} className="max-h-[80vh] max-w-full object-contain" />
        <figcaption className="text-sm text-slate-700">{alt}</figcaption>
      </figure>
      <div className="mt-2 flex justify-end">
        <Button variant="secondary" onClick={onClose} autoFocus>
          Close
        </Button>
      </div>
    </dialog>
  );
}

/** Image evidence with its caption; the image opens full size in a lightbox. */
function EvidenceImage({ src, caption }: { src: string; caption: string }) {
  const [enlarged, setEnlarged] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <figure>
      <button
        ref={trigger}
        type="button"
        className="block rounded-md focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-700"
        aria-label={`Enlarge the image: ${caption}`}
        aria-haspopup="dialog"
        onClick={() => setEnlarged(true)}
      >
        <img src={src} alt={caption} className="max-h-64 cursor-zoom-in rounded-md" />
      </button>
      <figcaption className="mt-1 text-xs text-slate-600">{caption}</figcaption>
      {enlarged && <Lightbox src={src} alt={caption} returnTo={trigger} onClose={() => setEnlarged(false)} />}
    </figure>
  );
}

/** A completion's evidence; `privateNote` says what "private" means to whoever is looking. */
export function EvidenceView({
  evidence,
  caption = "Evidence image",
  privateNote = "Private: not on your public diploma.",
}: {
  evidence: Schemas["EvidencePublic"];
  /** What an image shows, as its alt text and caption (e.g. "Evidence for <task>"). */
  caption?: string;
  privateNote?: string;
}) {
  return (
    <div className="mt-2 rounded-md bg-slate-50 p-3 text-sm text-slate-800">
      {evidence.type === "text" && evidence.text && <EvidenceText text={evidence.text} />}
      {evidence.type === "link" && evidence.url && (
        <a className="break-all text-brand-700 underline" href={evidence.url} target="_blank" rel="noreferrer noopener">
          {evidence.url}
        </a>
      )}
      {evidence.type === "image" && evidence.file_url && (
        <EvidenceImage src={apiAsset(evidence.file_url)} caption={caption} />
      )}
      {evidence.type === "document" && evidence.file_url && (
        <a
          className="text-brand-700 underline"
          href={apiAsset(evidence.file_url)}
          target="_blank"
          rel="noreferrer noopener"
        >
          Open the PDF
        </a>
      )}
      {evidence.is_private && <p className="mt-1 text-xs text-slate-600">{privateNote}</p>}
    </div>
  );
}
