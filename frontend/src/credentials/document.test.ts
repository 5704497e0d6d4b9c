import { describe, expect, it } from "vitest";
import { ourCredentialId, readCredential } from "./document";

const ID = "0b5c6a1e-8d2f-4c3a-9e7b-1f2a3b4c5d6e";

const OPTIO_BADGE = {
  id: `https://optio.app/api/credentials/${ID}`,
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  name: "Brilliant: Logic",
  issuer: { id: "did:web:optio.app", type: ["Profile"], name: "Optio" },
  validFrom: "2026-03-01T10:00:00Z",
  awardedDate: "2026-03-01T10:00:00Z",
  credentialSubject: {
    type: ["AchievementSubject"],
    name: "Ana López",
    achievement: {
      name: "Brilliant: Logic",
      description: "Reason step by step.",
      criteria: { narrative: "Complete every required task." },
      tag: ["STEM & Logic", "Language & Communication"],
    },
    result: [
      { type: ["Result"], resultDescription: "https://optio.app/pillars/stem_logic", value: "150" },
      { type: ["Result"], resultDescription: "https://optio.app/pillars/language_communication", value: "50" },
    ],
  },
  evidence: [
    { type: ["Evidence"], name: "Grid puzzles", narrative: "Solved all twelve." },
    { type: ["Evidence"], name: "Proof", id: "https://example.com/proof", narrative: "A link." },
    { type: ["Evidence"], name: "Script", id: "javascript:alert(1)" },
  ],
};

describe("readCredential", () => {
  it("reads what the verify page shows of an Optio credential, pillars by name", () => {
    expect(readCredential(OPTIO_BADGE)).toEqual({
      name: "Brilliant: Logic",
      issuer: { name: "Optio", id: "did:web:optio.app" },
      issuedAt: "2026-03-01T10:00:00Z",
      recipientName: "Ana López",
      achievement: {
        name: "Brilliant: Logic",
        description: "Reason step by step.",
        criteria: "Complete every required task.",
        tags: ["STEM & Logic", "Language & Communication"],
      },
      results: [
        { label: "STEM & Logic", value: "150" },
        { label: "Language & Communication", value: "50" },
      ],
      evidence: [
        { name: "Grid puzzles", narrative: "Solved all twelve.", url: null },
        { name: "Proof", narrative: "A link.", url: "https://example.com/proof" },
        { name: "Script", narrative: null, url: null },
      ],
    });
  });

  it("copes with a bare credential: an issuer by id, no subject name, no achievement", () => {
    expect(readCredential({ issuer: "did:key:z6Mk", credentialSubject: {} })).toMatchObject({
      name: null,
      issuer: { name: null, id: "did:key:z6Mk" },
      recipientName: null,
      achievement: null,
      results: [],
      evidence: [],
    });
  });
});

describe("ourCredentialId", () => {
  it("is the id of a credential of this site, and null for any other", () => {
    expect(ourCredentialId(OPTIO_BADGE, "https://optio.app")).toBe(ID);
    expect(ourCredentialId(OPTIO_BADGE, "https://other.example")).toBeNull();
    expect(ourCredentialId({ id: "urn:uuid:" + ID }, "https://optio.app")).toBeNull();
  });
});
