import { apiAsset, type Schemas } from "../api/client";

/** A completion's evidence; `privateNote` says what "private" means to whoever is looking. */
export function EvidenceView({
  evidence,
  privateNote = "Private: not on your public diploma.",
}: {
  evidence: Schemas["EvidencePublic"];
  privateNote?: string;
}) {
  return (
    <div className="mt-2 rounded-md bg-slate-50 p-3 text-sm text-slate-800">
      {evidence.type === "text" && <p className="whitespace-pre-wrap">{evidence.text}</p>}
      {evidence.type === "link" && evidence.url && (
        <a className="break-all text-brand-700 underline" href={evidence.url} target="_blank" rel="noreferrer noopener">
          {evidence.url}
        </a>
      )}
      {evidence.type === "image" && evidence.file_url && (
        <img src={apiAsset(evidence.file_url)} alt="Evidence image" className="max-h-64 rounded-md" />
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
