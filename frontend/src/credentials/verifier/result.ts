/**
 * What a check of a credential found, in plain words: the three checks and the outcome they add
 * up to. Kept apart from verify.ts so that pages can use it without loading the verifier.
 */

export type Outcome = "verified" | "revoked" | "invalid" | "unchecked";

export interface Check {
  name: "signature" | "status" | "dates";
  /** null: it could not be checked. */
  ok: boolean | null;
  message: string;
}

export interface Verification {
  outcome: Outcome;
  checks: Check[];
}

type Json = Record<string, unknown>;

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: "long" });

function validDate(value: unknown): string | null {
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : null;
}

/** The validity window (VC 2.0's validFrom/validUntil, or 1.1's issuanceDate/expirationDate). */
export function validityOf(credential: Json): { from: string | null; until: string | null } {
  return {
    from: validDate(credential.validFrom ?? credential.issuanceDate),
    until: validDate(credential.validUntil ?? credential.expirationDate),
  };
}

export function datesCheck(credential: Json, now: Date): Check {
  const { from, until } = validityOf(credential);
  if (from && Date.parse(from) > now.getTime()) {
    return { name: "dates", ok: false, message: `It is not valid yet: it starts on ${day(from)}.` };
  }
  if (until && Date.parse(until) < now.getTime()) {
    return { name: "dates", ok: false, message: `It expired on ${day(until)}.` };
  }
  const since = from ? `Valid since ${day(from)}` : "Valid";
  return { name: "dates", ok: true, message: until ? `${since}, until ${day(until)}.` : `${since}, with no end date.` };
}

/** The status list credentials a credential's BitstringStatusListEntry (or entries) name. */
export function statusListsOf(credential: Json): string[] {
  const status = credential.credentialStatus;
  const entries = Array.isArray(status) ? status : status ? [status] : [];
  return entries
    .map((entry) => (entry as Json | null)?.statusListCredential)
    .filter((url): url is string => typeof url === "string");
}

/** Revoked beats everything but a bad signature; any check that could not run leaves it open. */
export function outcomeOf(checks: Check[]): Outcome {
  const of = (name: Check["name"]) => checks.find((c) => c.name === name);
  if (of("signature")?.ok === false) return "invalid";
  if (of("status")?.ok === false) return "revoked";
  if (checks.some((c) => c.ok === null)) return "unchecked";
  if (checks.some((c) => c.ok === false)) return "invalid";
  return "verified";
}

/** What a JSON value must look like before it is worth checking as a credential. */
export function credentialProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "This JSON is not a credential: a credential is one JSON object.";
  }
  const json = value as Json;
  const types = Array.isArray(json.type) ? json.type : [json.type];
  if (!json["@context"] || !types.includes("VerifiableCredential")) {
    return "This JSON is not a verifiable credential: it has no VerifiableCredential type or no @context.";
  }
  if (!json.proof) return "This credential carries no signature (proof), so it cannot be verified.";
  return null;
}
