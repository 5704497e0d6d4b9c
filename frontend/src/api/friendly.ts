/**
 * Plain words for the API's validation details. Each detail names pydantic's error `type` and its
 * context `ctx` (e.g. `{"max_length": 200}`); its `message` is pydantic's English ("String should
 * have at most 200 characters"), which is what a type not known here falls back to.
 */

export interface ValidationDetail {
  field?: string;
  message?: string;
  type?: string;
  ctx?: Record<string, unknown>;
}

const USERNAME = "Use 3–30 lowercase letters, digits or underscores.";
const SLUG = "Use lowercase letters, digits and single hyphens, e.g. ada-lovelace.";
const EMAIL = "Enter an e-mail address like name@example.com.";
const WEB_ADDRESS = "Enter a full web address, e.g. https://example.com.";
const NOT_RIGHT = "This doesn't look right.";

/** Fields whose pattern has words of its own, by the field's name or by the pattern itself. */
const PATTERNS: { fields: string[]; pattern: string; words: string }[] = [
  { fields: ["username"], pattern: "^[a-z0-9_]{3,30}$", words: USERNAME },
  { fields: ["slug"], pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", words: SLUG },
];

const numbers = new Intl.NumberFormat("en-US");

/** A number from the context (a JSON number, or a numeral the API sent as text), formatted. */
function num(ctx: Record<string, unknown> | undefined, key: string): string | null {
  const value = ctx?.[key];
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() ? Number(value) : NaN;
  if (Number.isFinite(n)) return numbers.format(n);
  return typeof value === "string" && value ? value : null; // a date bound, say
}

function plural(count: string, one: string, many: string): string {
  return `${count} ${count === "1" ? one : many}`;
}

function lastName(field: string | undefined): string {
  const parts = (field ?? "").split(".");
  return parts[parts.length - 1] ?? "";
}

type Wording = (detail: ValidationDetail) => string | null;

const BY_TYPE: Record<string, Wording> = {
  missing: () => "This is required.",
  string_too_short: ({ ctx }) => {
    const n = num(ctx, "min_length");
    if (n === null) return null;
    return n === "1" ? "This is required." : `Use at least ${plural(n, "character", "characters")}.`;
  },
  string_too_long: ({ ctx }) => {
    const n = num(ctx, "max_length");
    return n === null ? null : `Use at most ${plural(n, "character", "characters")}.`;
  },
  too_short: ({ ctx }) => {
    const n = num(ctx, "min_length");
    return n === null ? null : `Add at least ${plural(n, "item", "items")}.`;
  },
  too_long: ({ ctx }) => {
    const n = num(ctx, "max_length");
    return n === null ? null : `Use at most ${plural(n, "item", "items")}.`;
  },
  less_than_equal: ({ ctx }) => bound(ctx, "le", "Use a number of at most"),
  greater_than_equal: ({ ctx }) => bound(ctx, "ge", "Use a number of at least"),
  less_than: ({ ctx }) => bound(ctx, "lt", "Use a number below"),
  greater_than: ({ ctx }) => bound(ctx, "gt", "Use a number above"),
  multiple_of: ({ ctx }) => bound(ctx, "multiple_of", "Use a multiple of"),
  int_parsing: () => "Enter a whole number.",
  int_type: () => "Enter a whole number.",
  int_from_float: () => "Enter a whole number.",
  float_parsing: () => "Enter a number.",
  float_type: () => "Enter a number.",
  decimal_parsing: () => "Enter a number.",
  bool_parsing: () => "Choose yes or no.",
  bool_type: () => "Choose yes or no.",
  string_type: () => "Enter some text.",
  string_pattern_mismatch: ({ field, ctx }) => {
    const name = lastName(field);
    const known = PATTERNS.find((p) => p.fields.includes(name) || p.pattern === ctx?.pattern);
    return known ? known.words : NOT_RIGHT;
  },
  value_error: ({ ctx, message }) => {
    // pydantic's e-mail check says why in `reason`; every other value error is our validators' own.
    const email = typeof ctx?.reason === "string" || /^value is not a valid email address/i.test(message ?? "");
    return email ? EMAIL : null;
  },
  url_parsing: () => WEB_ADDRESS,
  url_scheme: () => WEB_ADDRESS,
  url_type: () => WEB_ADDRESS,
  url_syntax_violation: () => WEB_ADDRESS,
  url_too_long: ({ ctx }) => {
    const n = num(ctx, "max_length");
    return n === null ? null : `Use at most ${plural(n, "character", "characters")}.`;
  },
  literal_error: () => "Choose one of the options.",
  enum: () => "Choose one of the options.",
  union_tag_invalid: () => "Choose one of the options.",
  uuid_parsing: () => NOT_RIGHT,
  uuid_type: () => NOT_RIGHT,
  date_parsing: () => "Enter a date like 2010-05-31.",
  date_from_datetime_parsing: () => "Enter a date like 2010-05-31.",
  date_type: () => "Enter a date like 2010-05-31.",
  date_past: () => "Enter a date in the past.",
  date_future: () => "Enter a date in the future.",
  datetime_parsing: () => "Enter a date and time.",
  datetime_from_date_parsing: () => "Enter a date and time.",
  datetime_type: () => "Enter a date and time.",
};

function bound(ctx: Record<string, unknown> | undefined, key: string, words: string): string | null {
  const n = num(ctx, key);
  return n === null ? null : `${words} ${n}.`;
}

/**
 * Our own validators' words stay, without pydantic's prefix: "Value error, That username is
 * taken." → "That username is taken."; "Value error, must not be in the future" → "Must not be in
 * the future.". A message without the prefix is left as it is.
 */
export function tidy(message: string): string {
  const match = /^(?:Value error|Assertion failed), (.+)$/s.exec(message);
  if (!match?.[1]) return message;
  const text = match[1].trim();
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** What to show for one detail: plain words for a known type, else the API's (tidied) message. */
export function friendlyMessage(detail: ValidationDetail, fallback: string): string {
  const words = detail.type ? BY_TYPE[detail.type]?.(detail) : null;
  return words ?? tidy(detail.message ?? fallback);
}
