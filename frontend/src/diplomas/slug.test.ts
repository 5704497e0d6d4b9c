import { describe, expect, it } from "vitest";
import { SLUG_MAX_LENGTH, slugify } from "./slug";

describe("slugify", () => {
  it.each([
    ["Ana María López", "ana-maria-lopez"],
    ["  Sam's  Diploma!! ", "sam-s-diploma-"],
    ["--already-fine", "already-fine"],
    ["Ünïcödé 2026", "unicode-2026"],
  ])("turns %j into %j as it is typed", (typed, slug) => {
    expect(slugify(typed)).toBe(slug);
  });

  it("drops a trailing hyphen once finished, and keeps within the API's length", () => {
    expect(slugify("ada lovelace ", true)).toBe("ada-lovelace");
    expect(slugify("a".repeat(80))).toHaveLength(SLUG_MAX_LENGTH);
  });
});
