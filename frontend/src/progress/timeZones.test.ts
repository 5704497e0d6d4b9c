import { describe, expect, it } from "vitest";
import { parseGoal, timeZoneChoices } from "./timeZones";

describe("parseGoal", () => {
  it.each([
    ["", null],
    ["  ", null],
    ["10", 10],
    [" 250 ", 250],
    ["100000", 100_000],
  ])("reads %j as a goal of %s", (text, goal) => {
    expect(parseGoal(text)).toEqual({ ok: true, goal });
  });

  it.each(["9", "100001", "12.5", "-20", "1e3", "lots"])("refuses %j with words saying what fits", (text) => {
    expect(parseGoal(text)).toEqual({ ok: false, problem: expect.stringContaining("from 10 to 100,000") });
  });
});

describe("timeZoneChoices", () => {
  it("lists the known zones sorted, with UTC, leaving this device's out (it is offered first)", () => {
    expect(timeZoneChoices(["Europe/Paris", "America/New_York", "Asia/Tokyo"], null, "Europe/Paris")).toEqual([
      "America/New_York",
      "Asia/Tokyo",
      "UTC",
    ]);
  });

  it("keeps a saved zone this browser does not know, once", () => {
    expect(timeZoneChoices(["Europe/Kyiv"], "Europe/Kiev", null)).toEqual(["Europe/Kiev", "Europe/Kyiv", "UTC"]);
    expect(timeZoneChoices(["UTC"], "UTC", null)).toEqual(["UTC"]);
  });
});
