/**
 * The 12-week activity calendar as a grid: seven rows (one weekday each) by one column per week.
 * Days are the API's calendar dates in the student's own zone, so all arithmetic here is on
 * "YYYY-MM-DD" strings counted as whole days (UTC, never the browser's zone): a visitor in
 * another zone, or a change to summer time, cannot move a day into the wrong cell.
 */
import type { ActiveDay, Day, Heatmap } from "./types";

const DAY_MS = 86_400_000;
// 4 January 1970, day 3 since the epoch, was a Sunday.
const A_SUNDAY = 3;

/** Whole days since 1970-01-01 of a "YYYY-MM-DD", or null for anything else. */
export function dayNumber(day: Day): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  // Date.UTC rolls 2026-02-30 over into March; such a day is not a day.
  return new Date(ms).getUTCDate() === date ? ms / DAY_MS : null;
}

export function dayOf(n: number): Day {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 for Sunday to 6 for Saturday. */
export function weekdayOf(n: number): number {
  return (((n - A_SUNDAY) % 7) + 7) % 7;
}

export type Intensity = 0 | 1 | 2 | 3 | 4;

/** How dark a day is drawn, by the tasks done that day. */
export function intensity(tasks: number): Intensity {
  if (tasks <= 0) return 0;
  if (tasks === 1) return 1;
  if (tasks === 2) return 2;
  if (tasks <= 4) return 3;
  return 4;
}

/** The legend, one step per intensity. */
export const INTENSITY_STEPS: { intensity: Intensity; label: string }[] = [
  { intensity: 0, label: "No tasks" },
  { intensity: 1, label: "1 task" },
  { intensity: 2, label: "2 tasks" },
  { intensity: 3, label: "3 or 4 tasks" },
  { intensity: 4, label: "5 or more tasks" },
];

export interface HeatmapCell extends ActiveDay {
  intensity: Intensity;
}

export interface HeatmapGrid {
  /** The first day of each column. */
  weeks: Day[];
  /** Seven rows starting with the weekday of `first_day`; null past `last_day`. */
  rows: { weekday: number; cells: (HeatmapCell | null)[] }[];
}

/** The grid from `first_day` to `last_day`; days outside them are left out, repeats added up. */
export function heatmapGrid({ first_day, last_day, days }: Heatmap): HeatmapGrid {
  const first = dayNumber(first_day);
  const last = dayNumber(last_day);
  if (first === null || last === null || last < first) return { weeks: [], rows: [] };
  const byDay = new Map<number, { tasks: number; xp: number }>();
  for (const entry of days) {
    const n = dayNumber(entry.day);
    if (n === null || n < first || n > last) continue;
    const seen = byDay.get(n) ?? { tasks: 0, xp: 0 };
    byDay.set(n, { tasks: seen.tasks + entry.tasks, xp: seen.xp + entry.xp });
  }
  const columns = Math.ceil((last - first + 1) / 7);
  const weeks = Array.from({ length: columns }, (_, c) => dayOf(first + c * 7));
  const rows = Array.from({ length: 7 }, (_, r) => ({
    weekday: weekdayOf(first + r),
    cells: weeks.map((_, c) => {
      const n = first + c * 7 + r;
      if (n > last) return null;
      const { tasks, xp } = byDay.get(n) ?? { tasks: 0, xp: 0 };
      return { day: dayOf(n), tasks, xp, intensity: intensity(tasks) };
    }),
  }));
  return { weeks, rows };
}

function format(n: number, options: Intl.DateTimeFormatOptions, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(new Date(n * DAY_MS));
}

/** "Tuesday 1 December" (in the reader's language), for a "YYYY-MM-DD". */
export function longDay(day: Day, locale?: string): string {
  const n = dayNumber(day);
  return n === null ? day : format(n, { weekday: "long", day: "numeric", month: "long" }, locale);
}

/** "Tuesday 1 December: 2 tasks, 60 XP", or ": no activity". */
export function cellLabel(cell: ActiveDay, locale?: string): string {
  const activity =
    cell.tasks > 0 ? `${cell.tasks} ${cell.tasks === 1 ? "task" : "tasks"}, ${cell.xp} XP` : "no activity";
  return `${longDay(cell.day, locale)}: ${activity}`;
}

export function weekdayName(weekday: number, style: "long" | "short", locale?: string): string {
  return format(A_SUNDAY + weekday, { weekday: style }, locale);
}

/** Each column's month, shown only where a new month begins (and over the first column). */
export function monthMarks(weeks: Day[], locale?: string): (string | null)[] {
  return weeks.map((week, i) => {
    const n = dayNumber(week);
    const before = i > 0 ? weeks[i - 1] : undefined;
    if (n === null || (before && before.slice(0, 7) === week.slice(0, 7))) return null;
    return format(n, { month: "short" }, locale);
  });
}
