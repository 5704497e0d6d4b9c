import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PILLARS } from "../ui/pillars";

// The seeded quests' illustrations (supabase/seed.sql points at them), served from the web app.
const DIR = join(__dirname, "..", "..", "public", "quest-art");
const FILES = readdirSync(DIR).filter((name) => name.endsWith(".svg"));
const PILLAR_COLOURS = new Set<string>(PILLARS.map((p) => p.color));

describe("quest art", () => {
  it("has one illustration per seeded quest", () => {
    expect(FILES).toHaveLength(16);
  });

  it.each(FILES)("%s is a small 16:9 SVG in the pillars' colours, with nothing active in it", (name) => {
    const path = join(DIR, name);
    const text = readFileSync(path, "utf8");
    expect(statSync(path).size).toBeLessThan(4096);
    expect(text).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 320 180" width="320" height="180">/,
    );
    expect(text.trimEnd().endsWith("</svg>")).toBe(true);
    // Shown through <img>, which runs no script; still, nothing that would run or load elsewhere.
    expect(text).not.toMatch(/<script|<foreignObject|\bon[a-z]+=|href=|url\(|@import/i);
    const colours = new Set(text.match(/#[0-9a-f]{6}\b/gi)?.map((c) => c.toLowerCase()));
    expect([...colours].some((c) => PILLAR_COLOURS.has(c))).toBe(true);
  });

  it("parses as SVG", () => {
    for (const name of FILES) {
      const doc = new DOMParser().parseFromString(readFileSync(join(DIR, name), "utf8"), "image/svg+xml");
      expect(doc.querySelector("parsererror"), name).toBeNull();
      expect(doc.documentElement.nodeName).toBe("svg");
    }
  });
});
