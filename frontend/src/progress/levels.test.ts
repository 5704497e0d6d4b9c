import { describe, expect, it } from "vitest";
import { levelAt } from "./levels";

// The overall curve's first levels, as public.level_curves has them (50·n·(n−1)).
const OVERALL = [0, 100, 300, 600, 1000];

describe("levelAt", () => {
  it("is the highest level whose threshold the XP reaches, with the XP into it and to the next", () => {
    expect(levelAt(OVERALL, 0)).toEqual({ xp: 0, level: 1, xp_into_level: 0, xp_to_next: 100 });
    expect(levelAt(OVERALL, 99)).toMatchObject({ level: 1, xp_to_next: 1 });
    expect(levelAt(OVERALL, 100)).toMatchObject({ level: 2, xp_into_level: 0, xp_to_next: 200 });
    expect(levelAt(OVERALL, 400)).toMatchObject({ level: 3, xp_into_level: 100, xp_to_next: 200 });
  });

  it("stops at the top of the curve, and counts negative XP as none", () => {
    expect(levelAt(OVERALL, 5000)).toEqual({ xp: 5000, level: 5, xp_into_level: 4000, xp_to_next: null });
    expect(levelAt(OVERALL, -20)).toMatchObject({ level: 1, xp_into_level: 0 });
  });
});
