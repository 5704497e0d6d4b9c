import type { Level } from "./types";

/** How far into its level an XP total is, 0 to 100; full at the top of the curve. */
export function levelPercent({ xp_into_level: into, xp_to_next: toNext }: Level): number {
  if (toNext === null) return 100;
  const span = into + toNext;
  return span > 0 ? (into / span) * 100 : 0;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The level `xp` reaches on a curve (each level's threshold, level 1's first), as the API's. */
export function levelAt(thresholds: number[], xp: number): Level {
  const held = Math.max(xp, 0);
  let index = 0;
  while ((thresholds[index + 1] ?? Infinity) <= held) index += 1;
  const next = thresholds[index + 1];
  return {
    xp: held,
    level: index + 1,
    xp_into_level: held - (thresholds[index] ?? 0),
    xp_to_next: next === undefined ? null : next - held,
  };
}
