import type { Schemas } from "../api/client";

// The API's pillar keys are an enum; the mapping takes any string so it can drop unknown ones.
type PillarXp = Omit<Schemas["PillarXp"], "pillar"> & { pillar: string };
import { PILLARS, type PillarKey } from "../ui/pillars";

export interface RadarPoint {
  pillar: PillarKey;
  /** The axis label: short enough for a phone. */
  label: string;
  name: string;
  xp: number;
}

/**
 * The radar's five axes, always all five and always in the same order, whatever the API sends:
 * missing pillars are zero, unknown ones are left out, repeats are added up.
 */
export function radarData(xp: { pillars: readonly PillarXp[] } | null | undefined): RadarPoint[] {
  const byPillar = new Map<string, number>();
  for (const entry of xp?.pillars ?? []) {
    byPillar.set(entry.pillar, (byPillar.get(entry.pillar) ?? 0) + Math.max(0, entry.xp));
  }
  return PILLARS.map((p) => ({ pillar: p.key, label: p.short, name: p.name, xp: byPillar.get(p.key) ?? 0 }));
}

/** The outer ring of the radar: a round number above the largest value, never zero. */
export function radarMax(points: RadarPoint[]): number {
  const top = Math.max(0, ...points.map((p) => p.xp));
  if (top === 0) return 100;
  const step = 10 ** Math.floor(Math.log10(top));
  return Math.ceil(top / step) * step;
}
