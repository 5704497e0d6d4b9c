/**
 * What a verify page shows of a credential, read defensively: a pasted document may be any JSON
 * that looks like a credential, so every field may be missing or of another shape.
 */
import { pillarOf } from "../ui/pillars";

type Json = Record<string, unknown>;

export interface CredentialView {
  name: string | null;
  issuer: { name: string | null; id: string | null };
  issuedAt: string | null;
  recipientName: string | null;
  achievement: { name: string | null; description: string | null; criteria: string | null; tags: string[] } | null;
  results: { label: string; value: string }[];
  evidence: { name: string | null; narrative: string | null; url: string | null }[];
}

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);
const object = (value: unknown): Json => (typeof value === "object" && value !== null ? (value as Json) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value == null ? [] : [value]);
const webUrl = (value: unknown): string | null => {
  const url = text(value);
  return url && /^https?:\/\//i.test(url) ? url : null;
};

/** A result's label: the pillar its ResultDescription id ends in, else the id's last part. */
function resultLabel(description: unknown): string {
  const id = text(description) ?? "";
  const key = id.split("/").pop() ?? id;
  return pillarOf(key)?.name ?? (key || "Result");
}

export function readCredential(document: Json): CredentialView {
  const issuer = document.issuer;
  const subject = object(
    Array.isArray(document.credentialSubject) ? document.credentialSubject[0] : document.credentialSubject,
  );
  const achievement = subject.achievement ? object(subject.achievement) : null;
  return {
    name: text(document.name) ?? text(achievement?.name),
    issuer:
      typeof issuer === "string"
        ? { name: null, id: issuer }
        : { name: text(object(issuer).name), id: text(object(issuer).id) },
    issuedAt: text(document.awardedDate) ?? text(document.validFrom) ?? text(document.issuanceDate),
    recipientName: text(subject.name),
    achievement: achievement && {
      name: text(achievement.name),
      description: text(achievement.description),
      criteria: text(object(achievement.criteria).narrative),
      tags: list(achievement.tag).filter((t): t is string => typeof t === "string"),
    },
    results: list(subject.result).map((r) => ({
      label: resultLabel(object(r).resultDescription),
      value: String(object(r).value ?? ""),
    })),
    evidence: list(document.evidence).map((e) => ({
      name: text(object(e).name),
      narrative: text(object(e).narrative),
      url: webUrl(object(e).id),
    })),
  };
}

/** The id of one of this site's credentials (`<origin>/api/credentials/<uuid>`), else null. */
export function ourCredentialId(document: Json, origin = window.location.origin): string | null {
  const id = text(document.id);
  const match = id?.match(/^(.+)\/api\/credentials\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i);
  return match && match[1] === origin ? (match[2] ?? null) : null;
}
