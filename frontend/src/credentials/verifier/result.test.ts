import { describe, expect, it } from "vitest";
import { credentialProblem, datesCheck, outcomeOf, statusListsOf, type Check } from "./result";

const NOW = new Date("2026-06-01T00:00:00Z");
const check = (name: Check["name"], ok: boolean | null): Check => ({ name, ok, message: "" });

describe("outcomeOf", () => {
  it.each([
    [[true, true, true], "verified"],
    [[true, false, true], "revoked"],
    [[false, null, true], "invalid"],
    [[false, false, true], "invalid"],
    [[true, null, true], "unchecked"],
    [[null, null, true], "unchecked"],
    [[true, true, false], "invalid"],
  ] as const)("signature, status, dates %j: %s", ([signature, status, dates], outcome) => {
    expect(outcomeOf([check("signature", signature), check("status", status), check("dates", dates)])).toBe(outcome);
  });
});

describe("datesCheck", () => {
  it("passes a credential within its dates, and fails one not yet valid or expired", () => {
    expect(datesCheck({ validFrom: "2026-01-01T00:00:00Z" }, NOW).ok).toBe(true);
    expect(datesCheck({ validFrom: "2026-07-01T00:00:00Z" }, NOW)).toMatchObject({
      ok: false,
      message: /not valid yet/,
    });
    expect(datesCheck({ validFrom: "2025-01-01T00:00:00Z", validUntil: "2026-01-01T00:00:00Z" }, NOW)).toMatchObject({
      ok: false,
      message: /expired/,
    });
  });
});

describe("statusListsOf", () => {
  it("lists the status list credentials of one entry or several", () => {
    const entry = (n: number) => ({ type: "BitstringStatusListEntry", statusListCredential: `https://x.example/${n}` });
    expect(statusListsOf({ credentialStatus: entry(1) })).toEqual(["https://x.example/1"]);
    expect(statusListsOf({ credentialStatus: [entry(1), entry(2)] })).toEqual([
      "https://x.example/1",
      "https://x.example/2",
    ]);
    expect(statusListsOf({})).toEqual([]);
  });
});

describe("credentialProblem", () => {
  it("says in plain words why some JSON is not a credential to check", () => {
    expect(credentialProblem([1, 2])).toMatch(/one JSON object/);
    expect(credentialProblem({ name: "x" })).toMatch(/not a verifiable credential/);
    expect(credentialProblem({ "@context": [], type: ["VerifiableCredential"] })).toMatch(/no signature/);
    expect(credentialProblem({ "@context": [], type: ["VerifiableCredential"], proof: {} })).toBeNull();
  });
});
