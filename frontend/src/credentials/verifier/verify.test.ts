// @vitest-environment node
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { createCredential, createList } from "@digitalbazaar/vc-bitstring-status-list";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { makeDocumentLoader, OB_V3 } from "./loader";
import { verifyCredential } from "./verify";

const HERE = new URL("https://optio.example/verify");
const STATUS_LIST = "https://school.example/status/1";
const CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2";

let did = "";
let suite: DataIntegrityProof;

beforeAll(async () => {
  const key = await Ed25519Multikey.generate({});
  const multikey = key.publicKeyMultibase;
  did = `did:key:${multikey}`;
  key.id = `${did}#${multikey}`;
  key.controller = did;
  suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 });
});

/** Signed by another school's did:key, with this loader (the same contexts). */
async function sign(unsigned: object): Promise<Record<string, unknown>> {
  const { documentLoader } = makeDocumentLoader({ here: HERE });
  return (await vc.issue({ credential: structuredClone(unsigned), suite, documentLoader })) as Record<string, unknown>;
}

function badge(extra: object = {}) {
  return {
    "@context": [CREDENTIALS_V2, OB_V3],
    id: "urn:uuid:6c2f1e3a-2d3b-4b8e-9a53-0f8f1b2c3d4e",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: did, type: ["Profile"], name: "Another school" },
    validFrom: "2025-01-01T00:00:00Z",
    name: "Robotics",
    credentialSubject: {
      type: ["AchievementSubject"],
      achievement: {
        id: "https://school.example/badges/robotics",
        type: ["Achievement"],
        name: "Robotics",
        description: "Built a robot.",
        criteria: { narrative: "Build a robot." },
      },
    },
    ...extra,
  };
}

const STATUS_ENTRY = {
  credentialStatus: {
    id: `${STATUS_LIST}#7`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: "7",
    statusListCredential: STATUS_LIST,
  },
};

async function statusList(revoked: boolean) {
  const list = await createList({ length: 131_072 });
  if (revoked) list.setStatus(7, true);
  const unsigned = await createCredential({ id: STATUS_LIST, list, statusPurpose: "revocation" });
  return sign({ ...unsigned, issuer: did, validFrom: "2025-01-01T00:00:00Z" });
}

const ok = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
const byName = (checks: { name: string; ok: boolean | null }[]) =>
  Object.fromEntries(checks.map((c) => [c.name, c.ok]));

describe("verifyCredential", () => {
  it("verifies another issuer's did:key credential, fetching nothing", async () => {
    const fetcher = vi.fn();
    const result = await verifyCredential(await sign(badge()), { here: HERE, fetcher });
    expect(result.outcome).toBe("verified");
    expect(byName(result.checks)).toEqual({ signature: true, status: true, dates: true });
    expect(fetcher).not.toHaveBeenCalled();
  });

  it("finds a changed credential not valid, and leaves its status unchecked", async () => {
    const signed = await sign(badge(STATUS_ENTRY));
    const fetcher = vi.fn();
    const result = await verifyCredential({ ...signed, name: "Rocket science" }, { here: HERE, fetcher });
    expect(result.outcome).toBe("invalid");
    expect(byName(result.checks)).toEqual({ signature: false, status: null, dates: true });
    expect(fetcher).not.toHaveBeenCalled();
  });

  it("finds a credential signed by a key its issuer does not hold not valid", async () => {
    const signed = await sign(badge());
    const other = await Ed25519Multikey.generate({});
    const issuer = { id: `did:key:${other.publicKeyMultibase}`, type: ["Profile"], name: "Optio" };
    const result = await verifyCredential({ ...signed, issuer }, { here: HERE });
    expect(result.outcome).toBe("invalid");
    expect(byName(result.checks)).toMatchObject({ signature: false });
  });

  it("says a credential naming a context it does not hold could not be checked", async () => {
    const signed = await sign(badge());
    const odd = { ...signed, "@context": [...(signed["@context"] as string[]), "https://evil.example/context.json"] };
    const fetcher = vi.fn();
    const result = await verifyCredential(odd, { here: HERE, fetcher });
    expect(result.outcome).toBe("unchecked");
    expect(result.checks[0]?.message).toContain("https://evil.example/context.json");
    expect(fetcher).not.toHaveBeenCalled();
  });

  it("reads revocation from the issuer's signed status list, asking the server past its cache", async () => {
    const signed = await sign(badge(STATUS_ENTRY));
    const live = vi.fn(async () => ok(await statusList(false)));
    expect((await verifyCredential(signed, { here: HERE, fetcher: live })).outcome).toBe("verified");
    expect(live).toHaveBeenCalledWith(STATUS_LIST, expect.objectContaining({ cache: "no-cache" }));
    const revoked = vi.fn(async () => ok(await statusList(true)));
    const result = await verifyCredential(signed, { here: HERE, fetcher: revoked });
    expect(result.outcome).toBe("revoked");
    expect(byName(result.checks)).toEqual({ signature: true, status: false, dates: true });
  });

  it("still checks the signature of an expired credential, and says it expired", async () => {
    const signed = await sign(badge({ validUntil: "2025-06-01T00:00:00Z" }));
    const result = await verifyCredential(signed, { here: HERE });
    expect(result.outcome).toBe("invalid");
    expect(byName(result.checks)).toEqual({ signature: true, status: true, dates: false });
  });
});
