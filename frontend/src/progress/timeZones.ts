/** The IANA time zone this browser is in, or null when it will not say. */
export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null; // an engine without time zone data: the student types one in
  }
}

/** Every zone the browser knows, or null in one too old to list them. */
export function knownTimeZones(): string[] | null {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : null;
}

/**
 * The zones to choose from, sorted, besides this device's (offered on its own): the known ones,
 * UTC (which some browsers leave out) and the saved one even if this browser does not know it.
 */
export function timeZoneChoices(known: string[], saved: string | null, device: string | null): string[] {
  const all = new Set([...known, "UTC", ...(saved ? [saved] : [])]);
  if (device) all.delete(device);
  return [...all].sort((a, b) => a.localeCompare(b));
}

export type GoalInput = { ok: true; goal: number | null } | { ok: false; problem: string };

export const GOAL_MIN = 10;
export const GOAL_MAX = 100_000;

/** A weekly XP goal as typed: empty for none, else a whole number the API accepts. */
export function parseGoal(text: string): GoalInput {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, goal: null };
  const goal = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (Number.isInteger(goal) && goal >= GOAL_MIN && goal <= GOAL_MAX) return { ok: true, goal };
  return { ok: false, problem: "Enter a whole number from 10 to 100,000, or leave it empty for no goal." };
}
