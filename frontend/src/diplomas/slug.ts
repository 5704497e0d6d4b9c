/**
 * A diploma address as the student types it: lowercase ASCII letters and digits, one hyphen
 * between words ("Ana María López" → "ana-maria-lopez"). A hyphen may end it while typing (the
 * next word is coming); `finished` drops it, as the API's pattern ^[a-z0-9]+(-[a-z0-9]+)*$ asks.
 */
export function slugify(typed: string, finished = false): string {
  const slug = typed
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // the accents NFKD split off their letters
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, SLUG_MAX_LENGTH);
  return finished ? slug.replace(/-+$/, "") : slug;
}

/** The API's limit on an address (Slug in optio/diplomas/schemas.py). */
export const SLUG_MAX_LENGTH = 60;
