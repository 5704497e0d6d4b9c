import { useState } from "react";
import { apiAsset } from "../api/client";

/** The first letters of a name's first and last words ("Ana María López" gives "AL"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const picked = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return picked
    .map((word = "") => Array.from(word)[0] ?? "")
    .join("")
    .toUpperCase();
}

// Background colours white text reads on at AA (4.5:1), one per name.
const COLOURS = ["#4338ca", "#1d4ed8", "#047857", "#b45309", "#7e22ce", "#be123c", "#0f766e"];

function colourOf(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return COLOURS[hash % COLOURS.length] ?? "#4338ca";
}

/**
 * A person's picture, or their initials in a coloured circle; decorative either way (alt=""), as
 * their name is always beside it. A picture that fails to load (its signed URL lapsed) gives way
 * to the initials.
 */
export function Avatar({
  name,
  src,
  className = "h-8 w-8 text-sm",
}: {
  name: string;
  src?: string | null;
  className?: string;
}) {
  const [failed, setFailed] = useState<string | null>(null);
  if (src && failed !== src) {
    return (
      <img
        src={apiAsset(src)}
        alt=""
        onError={() => setFailed(src)}
        className={`inline-block shrink-0 rounded-full object-cover ${className}`}
      />
    );
  }
  return (
    <span
      aria-hidden
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-bold text-white ${className}`}
      style={{ background: colourOf(name) }}
    >
      {initialsOf(name) || "?"}
    </span>
  );
}

/** What to call a user: their display name, else first and last name, else their e-mail. */
export function nameOf(user: {
  display_name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string;
}): string {
  return user.display_name ?? ([user.first_name, user.last_name].filter(Boolean).join(" ") || user.email);
}
