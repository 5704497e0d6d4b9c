import { describe, expect, it } from "vitest";
import { plural } from "./plural";

describe("plural", () => {
  it("says one thing in the singular and every other count in the plural", () => {
    expect(plural(1, "quest")).toBe("1 quest");
    expect(plural(0, "quest")).toBe("0 quests");
    expect(plural(2, "activity", "activities")).toBe("2 activities");
    expect(plural(12000, "task")).toBe((12000).toLocaleString() + " tasks");
  });
});
