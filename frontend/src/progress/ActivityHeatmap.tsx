import { Card } from "../ui/Page";
import { INTENSITY_STEPS, cellLabel, heatmapGrid, longDay, monthMarks, weekdayName, type Intensity } from "./heatmap";
import type { Heatmap } from "./types";

// Each step with activity stands 3:1 or more against the white card (WCAG 1.4.11); the numbers
// are in every cell's words, so colour is never the only way to tell.
const SWATCH: Record<Intensity, string> = {
  0: "#f1f5f9",
  1: "#16a34a",
  2: "#15803d",
  3: "#166534",
  4: "#14532d",
};

function Swatch({ intensity, title }: { intensity: Intensity; title?: string }) {
  return (
    <span
      className="block h-4 w-4 rounded-sm border border-slate-300"
      style={{ background: SWATCH[intensity], borderColor: intensity > 0 ? SWATCH[intensity] : undefined }}
      title={title}
    />
  );
}

/** The last 12 weeks, a square a day: a table whose rows are weekdays and columns weeks. */
export function ActivityHeatmap({ heatmap }: { heatmap: Heatmap }) {
  const { weeks, rows } = heatmapGrid(heatmap);
  const months = monthMarks(weeks);
  const quiet = !heatmap.days.some((d) => d.tasks > 0);
  return (
    <Card aria-labelledby="activity">
      <h2 id="activity" className="text-lg font-semibold">
        Activity
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        Tasks completed each day, {longDay(heatmap.first_day)} to {longDay(heatmap.last_day)}.
      </p>
      <div className="overflow-x-auto">
        <table className="border-separate border-spacing-1" data-testid="heatmap">
          <caption className="sr-only">Tasks completed each day over the last 12 weeks</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Weekday</span>
              </th>
              {weeks.map((week, i) => (
                <th
                  key={week}
                  scope="col"
                  className="relative h-4 w-4 p-0 text-left text-xs font-normal text-slate-600"
                >
                  <span aria-hidden className="absolute bottom-0 left-0 whitespace-nowrap">
                    {months[i]}
                  </span>
                  <span className="sr-only">Week of {longDay(week)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.weekday}>
                <th scope="row" className="pr-1 text-right text-xs font-normal text-slate-600">
                  <span aria-hidden>{weekdayName(row.weekday, "short")}</span>
                  <span className="sr-only">{weekdayName(row.weekday, "long")}</span>
                </th>
                {row.cells.map((cell, i) => (
                  <td key={cell?.day ?? `after-${i}`} className="p-0">
                    {cell && (
                      <>
                        <Swatch intensity={cell.intensity} title={cellLabel(cell)} />
                        <span className="sr-only">{cellLabel(cell)}</span>
                      </>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul aria-label="Legend" className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        {INTENSITY_STEPS.map((step) => (
          <li key={step.intensity} className="flex items-center gap-1.5">
            <Swatch intensity={step.intensity} />
            {step.label}
          </li>
        ))}
      </ul>
      {quiet && (
        <p className="mt-3 text-sm text-slate-700">
          No tasks in the last 12 weeks yet. Complete one and its day fills in here.
        </p>
      )}
    </Card>
  );
}
