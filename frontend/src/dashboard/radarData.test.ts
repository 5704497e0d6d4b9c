import { describe, expect, it } from "vitest";
import { radarData, radarMax } from "./radarData";

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
    expect(stem).toMatchObject({ label: "STEM", name: "STEM & Logic" });
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
