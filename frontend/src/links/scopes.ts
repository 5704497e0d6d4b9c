import type { Link, Scope } from "./hooks";

/** What each scope lets a parent or advisor see: `sees` for the student, `shares` for them. */
interface ScopeWords {
  value: Scope;
  label: string;
  sees: string;
  shares: string;
}

const PROGRESS: ScopeWords = {
  value: "progress",
  label: "Progress",
  sees: "quests, tasks done, XP and your diploma preview",
  shares: "their quests, tasks done, XP and diploma preview",
};

export const SCOPES: readonly ScopeWords[] = [
  PROGRESS,
  {
    value: "evidence",
    label: "Evidence",
    sees: "also your evidence, except what you marked private",
    shares: "their progress and evidence, except what they marked private",
  },
  {
    value: "private_evidence",
    label: "Everything",
    sees: "everything, including private evidence",
    shares: "their progress and all their evidence, including what they marked private",
  },
];

export function scopeOf(value: string): ScopeWords {
  return SCOPES.find((s) => s.value === value) ?? PROGRESS;
}

export const RELATIONS: Record<Link["relation"], string> = { parent: "Parent", advisor: "Advisor" };

/** A person's shown name, or a stand-in when they have none. */
export const nameOf = (person: { display_name?: string | null } | null | undefined, fallback = "Someone") =>
  person?.display_name ?? fallback;
