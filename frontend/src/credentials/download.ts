/** Save a JSON document as a file the browser downloads (pretty-printed: people open these). */
export function saveJson(document: unknown, filename: string): void {
  const blob = new Blob([JSON.stringify(document, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  window.document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; the URL is no longer needed after this turn.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a title: lower case, dashes, no characters file systems dislike. */
export function fileNameOf(title: string, suffix: string): string {
  const stem = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${stem || "credential"}-${suffix}.json`;
}
