import { describe, expect, it } from "vitest";
import { cellLabel, dayNumber, heatmapGrid, intensity, longDay, monthMarks, weekdayName } from "./heatmap";

// Friday 11 September to Thursday 3 December 2026: 84 days, as the API sends a Thursday's map.
const RANGE = { first_day: "2026-09-11", last_day: "2026-12-03" };

describe("heatmapGrid", () => {
  it("lays 84 days out as 7 weekday rows by 12 week columns", () => {
    const grid = heatmapGrid({ ...RANGE, days: [] });
    expect(grid.rows).toHaveLength(7);
    expect(grid.rows.every((row) => row.cells.length === 12)).toBe(true);
    expect(grid.weeks).toHaveLength(12);
    expect(grid.weeks[0]).toBe("2026-09-11");
    expect(grid.weeks[11]).toBe("2026-11-27");
  });

  it("starts the rows on the weekday of `from`, so each row is one weekday and `to` ends the last column", () => {
    const grid = heatmapGrid({ ...RANGE, days: [] });
    expect(grid.rows.map((row) => row.weekday)).toEqual([5, 6, 0, 1, 2, 3, 4]); // Friday … Thursday
    expect(grid.rows[0]?.cells.map((cell) => cell?.day)).toContain("2026-10-02");
    expect(grid.rows[6]?.cells[11]?.day).toBe("2026-12-03");
  });

  it("puts each active day in its own cell and fills the rest with zeros", () => {
    const grid = heatmapGrid({
      ...RANGE,
      days: [
        { day: "2026-12-01", tasks: 2, xp: 60 },
        { day: "2026-09-11", tasks: 5, xp: 150 },
      ],
    });
    const tuesday = grid.rows.find((row) => row.weekday === 2);
    expect(tuesday?.cells[11]).toEqual({ day: "2026-12-01", tasks: 2, xp: 60, intensity: 2 });
    expect(grid.rows[0]?.cells[0]).toEqual({ day: "2026-09-11", tasks: 5, xp: 150, intensity: 4 });
    expect(grid.rows[0]?.cells[1]).toEqual({ day: "2026-09-18", tasks: 0, xp: 0, intensity: 0 });
  });

  it("leaves out days outside the range and adds up a day sent twice", () => {
    const grid = heatmapGrid({
      ...RANGE,
      days: [
        { day: "2026-09-10", tasks: 9, xp: 900 },
        { day: "2026-12-04", tasks: 9, xp: 900 },
        { day: "2026-10-01", tasks: 1, xp: 10 },
        { day: "2026-10-01", tasks: 1, xp: 20 },
      ],
    });
    const cells = grid.rows.flatMap((row) => row.cells);
    expect(cells.filter((cell) => cell && cell.tasks > 0)).toEqual([
      { day: "2026-10-01", tasks: 2, xp: 30, intensity: 2 },
    ]);
  });

  it("counts whole calendar days across a change to winter time, whatever zone the browser is in", () => {
    // Europe and the US leave summer time in this range; a 25-hour day would shift cells.
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const grid = heatmapGrid({
        first_day: "2026-10-19",
        last_day: "2026-11-15",
        days: [{ day: "2026-11-02", tasks: 1, xp: 5 }],
      });
      expect(grid.weeks).toEqual(["2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09"]);
      expect(grid.rows[0]?.cells[2]).toMatchObject({ day: "2026-11-02", tasks: 1 });
      expect(grid.rows[6]?.cells[3]?.day).toBe("2026-11-15");
      expect(longDay("2026-11-02", "en-GB")).toBe("Monday 2 November");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("leaves the cells after `to` empty when the range is not whole weeks", () => {
    const grid = heatmapGrid({ first_day: "2026-11-30", last_day: "2026-12-09", days: [] });
    expect(grid.weeks).toEqual(["2026-11-30", "2026-12-07"]);
    expect(grid.rows.map((row) => row.cells[1]?.day ?? null)).toEqual([
      "2026-12-07",
      "2026-12-08",
      "2026-12-09",
      null,
      null,
      null,
      null,
    ]);
  });

  it("draws nothing for a range that is not one", () => {
    expect(heatmapGrid({ first_day: "2026-12-03", last_day: "2026-09-11", days: [] })).toEqual({ weeks: [], rows: [] });
    expect(heatmapGrid({ first_day: "yesterday", last_day: "2026-09-11", days: [] })).toEqual({ weeks: [], rows: [] });
  });
});

describe("days", () => {
  it("reads only real calendar dates", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("2026-02-30")).toBeNull();
    expect(dayNumber("2026-2-3")).toBeNull();
  });

  it("names a cell with its date, tasks and XP", () => {
    expect(cellLabel({ day: "2026-12-01", tasks: 2, xp: 60 }, "en-GB")).toBe("Tuesday 1 December: 2 tasks, 60 XP");
    expect(cellLabel({ day: "2026-12-02", tasks: 1, xp: 10 }, "en-GB")).toBe("Wednesday 2 December: 1 task, 10 XP");
    expect(cellLabel({ day: "2026-12-03", tasks: 0, xp: 0 }, "en-GB")).toBe("Thursday 3 December: no activity");
  });

  it("names the day of the date itself, not of the browser's zone", () => {
    expect(longDay("2026-01-01", "en-GB")).toBe("Thursday 1 January");
    expect(weekdayName(0, "long", "en-GB")).toBe("Sunday");
    expect(weekdayName(1, "short", "en-GB")).toBe("Mon");
  });

  it("marks a month over the first column and where a new one begins", () => {
    expect(monthMarks(["2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09"], "en-GB")).toEqual([
      "Oct",
      null,
      "Nov",
      null,
    ]);
  });
});

describe("intensity", () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 3],
    [5, 4],
    [40, 4],
  ])("draws %i tasks at step %i", (tasks, step) => {
    expect(intensity(tasks)).toBe(step);
  });
});
