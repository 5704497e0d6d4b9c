import { describe, expect, it } from "vitest";
import { RADAR_FLOOR, labelCentre, radarData, radarIsEmpty, radarMax, radarPlot } from "./radarData";

describe("radarData", () => {
  it("gives all five pillars in display order, with zeros for pillars without XP", () => {
    const points = radarData({ pillars: [{ pillar: "arts_creativity", name: "Arts & Creativity", xp: 40 }] });
    expect(points.map((p) => p.pillar)).toEqual([
      "stem_logic",
      "life_wellness",
      "language_communication",
      "society_culture",
      "arts_creativity",
    ]);
    expect(points.map((p) => p.xp)).toEqual([0, 0, 0, 0, 40]);
  });

  it("keeps each pillar's XP whatever order the API sends them in", () => {
    const points = radarData({
      pillars: [
        { pillar: "society_culture", name: "Society & Culture", xp: 100 },
        { pillar: "stem_logic", name: "STEM & Logic", xp: 250 },
      ],
    });
    expect(Object.fromEntries(points.map((p) => [p.pillar, p.xp]))).toMatchObject({
      stem_logic: 250,
      society_culture: 100,
    });
  });

  it("labels axes with short names and keeps the full name", () => {
    const [stem] = radarData({ pillars: [] });
    expect(stem).toMatchObject({ label: "STEM", name: "STEM & Logic", color: "#1d4ed8" });
  });

  it("leaves out unknown pillars, adds up repeats and ignores negative XP", () => {
    const points = radarData({
      pillars: [
        { pillar: "stem_logic", name: "", xp: 10 },
        { pillar: "stem_logic", name: "", xp: 5 },
        { pillar: "astrology", name: "", xp: 99 },
        { pillar: "life_wellness", name: "", xp: -3 },
      ],
    });
    expect(points).toHaveLength(5);
    expect(points.find((p) => p.pillar === "stem_logic")?.xp).toBe(15);
    expect(points.find((p) => p.pillar === "life_wellness")?.xp).toBe(0);
  });

  it("draws an empty radar for a missing XP document", () => {
    expect(radarData(undefined).every((p) => p.xp === 0)).toBe(true);
  });
});

describe("radarMax", () => {
  it.each([
    [0, 100],
    [7, 7],
    [40, 40],
    [250, 300],
    [1234, 2000],
  ])("puts the outer ring for a top value of %i at %i", (top, ring) => {
    const points = radarData({ pillars: [{ pillar: "stem_logic", name: "", xp: top }] });
    expect(radarMax(points)).toBe(ring);
  });
});

describe("radarPlot", () => {
  it("keeps a pillar without XP off the centre, so one pillar's XP still draws a shape", () => {
    const plotted = radarPlot(radarData({ pillars: [{ pillar: "stem_logic", name: "", xp: 120 }] }));
    // The ring is at 200; 120 is 60% of the way from the floor to it.
    const [stem, ...rest] = plotted.map((p) => p.shown);
    expect(stem).toBeCloseTo(200 * (RADAR_FLOOR + (1 - RADAR_FLOOR) * 0.6));
    expect(rest).toEqual([1, 2, 3, 4].map(() => 200 * RADAR_FLOOR));
    expect(RADAR_FLOOR).toBeGreaterThanOrEqual(0.1);
  });

  it("draws any XP further out than none, and keeps the order of the values", () => {
    const plotted = radarPlot(
      radarData({
        pillars: [
          { pillar: "stem_logic", name: "", xp: 1 },
          { pillar: "arts_creativity", name: "", xp: 900 },
          { pillar: "society_culture", name: "", xp: 450 },
        ],
      }),
    );
    const shown = Object.fromEntries(plotted.map((p) => [p.pillar, p.shown]));
    expect(shown.stem_logic).toBeGreaterThan(shown.life_wellness as number);
    expect(shown.arts_creativity).toBe(radarMax(plotted));
    expect(shown.society_culture).toBeGreaterThan(shown.stem_logic as number);
    expect(shown.society_culture).toBeLessThan(shown.arts_creativity as number);
  });

  it("keeps each point's XP for the numbers beside the chart", () => {
    const [stem] = radarPlot(radarData({ pillars: [{ pillar: "stem_logic", name: "", xp: 40 }] }));
    expect(stem).toMatchObject({ pillar: "stem_logic", xp: 40 });
  });
});

describe("radarIsEmpty", () => {
  it("is empty with no XP at all, and not with XP in any one pillar", () => {
    expect(radarIsEmpty(radarData({ pillars: [] }))).toBe(true);
    expect(radarIsEmpty(radarData({ pillars: [{ pillar: "life_wellness", name: "", xp: 0 }] }))).toBe(true);
    expect(radarIsEmpty(radarData({ pillars: [{ pillar: "life_wellness", name: "", xp: 5 }] }))).toBe(false);
  });
});

describe("labelCentre", () => {
  it.each([
    [90, 0, -1], // the top axis: straight up
    [0, 1, 0], // 3 o'clock: to the right
    [180, -1, 0], // 9 o'clock: to the left
    [-90, 0, 1], // straight down
  ])("pushes the label of the axis at %i° outwards", (angle, dx, dy) => {
    const centre = labelCentre(100, 100, angle, 40, 30);
    expect(Math.sign(Math.round(centre.x - 100))).toBe(dx);
    expect(Math.sign(Math.round(centre.y - 100))).toBe(dy);
  });

  it("pushes by half the label's size, so the label does not cover the axis end", () => {
    expect(labelCentre(0, 0, 0, 40, 30).x).toBeCloseTo(22);
    expect(labelCentre(0, 0, 90, 40, 30).y).toBeCloseTo(-17);
  });
});
