import type { Schemas } from "../api/client";

// The API's pillar keys are an enum; the mapping takes any string so it can drop unknown ones.
type PillarXp = Omit<Schemas["PillarXp"], "pillar"> & { pillar: string };
import { PILLARS, type PillarKey } from "../ui/pillars";

export interface RadarPoint {
  pillar: PillarKey;
  /** The axis label: short enough for a phone. */
  label: string;
  name: string;
  color: string;
  xp: number;
}

export interface PlottedPoint extends RadarPoint {
  /** The radius the point is drawn at, on a scale of 0 to radarMax: see radarPlot. */
  shown: number;
}

/**
 * How far out a pillar without XP is still drawn, as a share of the outer ring: with XP in only
 * one or two pillars the shape stays a shape (not a line to the centre) and every axis keeps its
 * dot. Everything else is drawn proportionally between this and the ring.
 */
export const RADAR_FLOOR = 0.15;

/**
 * The radar's five axes, always all five and always in the same order, whatever the API sends:
 * missing pillars are zero, unknown ones are left out, repeats are added up.
 */
export function radarData(xp: { pillars: readonly PillarXp[] } | null | undefined): RadarPoint[] {
  const byPillar = new Map<string, number>();
  for (const entry of xp?.pillars ?? []) {
    byPillar.set(entry.pillar, (byPillar.get(entry.pillar) ?? 0) + Math.max(0, entry.xp));
  }
  return PILLARS.map((p) => ({
    pillar: p.key,
    label: p.short,
    name: p.name,
    color: p.color,
    xp: byPillar.get(p.key) ?? 0,
  }));
}

/** The outer ring of the radar: a round number above the largest value, never zero. */
export function radarMax(points: RadarPoint[]): number {
  const top = Math.max(0, ...points.map((p) => p.xp));
  if (top === 0) return 100;
  const step = 10 ** Math.floor(Math.log10(top));
  return Math.ceil(top / step) * step;
}

/** Each point's drawn radius: RADAR_FLOOR of the ring for no XP, the whole ring for radarMax. */
export function radarPlot(points: RadarPoint[]): PlottedPoint[] {
  const max = radarMax(points);
  return points.map((p) => ({ ...p, shown: max * (RADAR_FLOOR + ((1 - RADAR_FLOOR) * Math.min(p.xp, max)) / max) }));
}

/** Whether there is nothing to draw yet: no XP in any pillar. */
export function radarIsEmpty(points: RadarPoint[]): boolean {
  return points.every((p) => p.xp === 0);
}

/**
 * Where an axis label goes: its centre pushed out from the axis end (x, y) along the axis, by
 * half the label's box, so that the box never covers the chart. `angle` is recharts' (degrees,
 * counter-clockwise from 3 o'clock).
 */
export function labelCentre(x: number, y: number, angle: number, width: number, height: number) {
  const radians = (-angle * Math.PI) / 180;
  return { x: x + Math.cos(radians) * (width / 2 + 2), y: y + Math.sin(radians) * (height / 2 + 2) };
}
