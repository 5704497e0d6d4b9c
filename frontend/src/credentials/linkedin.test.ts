import { describe, expect, it } from "vitest";
import { linkedInUrl, verifyUrl } from "./linkedin";

const ID = "0b5c6a1e-8d2f-4c3a-9e7b-1f2a3b4c5d6e";

describe("linkedInUrl", () => {
  it("fills in LinkedIn's certification form with the quest, the month it was issued and the verify page", () => {
    const url = new URL(
      linkedInUrl(
        { credentialId: ID, title: "Brilliant: Logic & Proofs", issuedAt: "2026-03-31T23:30:00Z" },
        "https://optio.app",
      ),
    );
    expect(`${url.origin}${url.pathname}`).toBe("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Brilliant: Logic & Proofs",
      organizationName: "Optio",
      issueYear: "2026",
      issueMonth: "3",
      certUrl: `https://optio.app/verify/${ID}`,
      certId: ID,
    });
  });

  it("encodes the title so that it cannot add parameters of its own", () => {
    const url = linkedInUrl(
      { credentialId: ID, title: "A&B=C #1?", issuedAt: "2026-01-05T00:00:00Z" },
      "https://optio.app",
    );
    expect(url).not.toContain("A&B");
    expect(new URL(url).searchParams.get("name")).toBe("A&B=C #1?");
  });
});

describe("verifyUrl", () => {
  it("is this site's verify page of the credential", () => {
    expect(verifyUrl(ID)).toBe(`${window.location.origin}/verify/${ID}`);
  });
});
