import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { CLR_V2, CONTEXTS, didKeyDocument, didWebUrl, fetchableUrl, makeDocumentLoader, OB_V3 } from "./loader";

const HERE = new URL("http://127.0.0.1:5123/verify/abc");
const OURS = "did:web:127.0.0.1%3A5123";
const KEY = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
const DID_DOCUMENT = {
  "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
  id: OURS,
  verificationMethod: [{ id: `${OURS}#${KEY}`, type: "Multikey", controller: OURS, publicKeyMultibase: KEY }],
};

// Vitest runs in frontend/; the API's bundled contexts are the originals of the copies here.
const API_CONTEXTS = join(process.cwd(), "..", "backend", "optio", "credentials", "contexts");
const OUR_CONTEXTS = join(process.cwd(), "src", "credentials", "verifier", "contexts");

const answer = (body: unknown, status = 200) => Promise.resolve(new Response(JSON.stringify(body), { status }));

describe("didWebUrl", () => {
  it("fetches this site's own DID document from its own origin, whatever the scheme", () => {
    expect(didWebUrl(OURS, HERE)).toBe("/.well-known/did.json");
    expect(didWebUrl("did:web:optio.app", new URL("https://optio.app/verify"))).toBe("/.well-known/did.json");
  });

  it("maps another site's did:web to https, with a port and path segments", () => {
    expect(didWebUrl("did:web:school.example", HERE)).toBe("https://school.example/.well-known/did.json");
    expect(didWebUrl("did:web:school.example%3A8443:users:ana", HERE)).toBe(
      "https://school.example:8443/users/ana/did.json",
    );
  });
});

describe("fetchableUrl", () => {
  it("fetches a URL of this origin by its path, and others as they are", () => {
    expect(fetchableUrl("http://127.0.0.1:5123/api/credentials/status/0", HERE)).toBe("/api/credentials/status/0");
    expect(fetchableUrl("https://school.example/status/1", HERE)).toBe("https://school.example/status/1");
  });
});

describe("didKeyDocument", () => {
  it("reads an Ed25519 did:key's document from the key itself", () => {
    const did = `did:key:${KEY}`;
    expect(didKeyDocument(did)).toMatchObject({
      id: did,
      verificationMethod: [{ id: `${did}#${KEY}`, type: "Multikey", controller: did, publicKeyMultibase: KEY }],
      assertionMethod: [`${did}#${KEY}`],
    });
  });

  it("refuses other kinds of key", () => {
    expect(() => didKeyDocument("did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169")).toThrow(/Ed25519/);
  });
});

describe("makeDocumentLoader", () => {
  it("holds the W3C, Open Badges 3.0.3 and CLR 2.0.1 contexts, fetching none", async () => {
    const fetcher = vi.fn();
    const { documentLoader } = makeDocumentLoader({ here: HERE, fetcher });
    for (const url of ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/did/v1", OB_V3, CLR_V2]) {
      expect((await documentLoader(url)).document).toBe(CONTEXTS.get(url));
    }
    expect(fetcher).not.toHaveBeenCalled();
  });

  it("has the very Open Badges and CLR contexts the API signs with, byte for byte", () => {
    for (const [url, name] of [
      [OB_V3, "ob-v3p0-3.0.3.json"],
      [CLR_V2, "clr-v2p0-2.0.1.json"],
    ] as const) {
      const original = readFileSync(join(API_CONTEXTS, name), "utf8");
      expect(readFileSync(join(OUR_CONTEXTS, name), "utf8")).toBe(original);
      expect(CONTEXTS.get(url)).toEqual(JSON.parse(original));
    }
  });

  it("answers a verification method with its DID document's entry, in Multikey's context", async () => {
    const fetcher = vi.fn(() => answer(DID_DOCUMENT));
    const { documentLoader } = makeDocumentLoader({ here: HERE, fetcher });
    const method = await documentLoader(`${OURS}#${KEY}`);
    expect(method.document).toEqual({
      "@context": "https://w3id.org/security/multikey/v1",
      ...DID_DOCUMENT.verificationMethod[0],
    });
    expect((await documentLoader(OURS)).document).toEqual(DID_DOCUMENT);
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(fetcher).toHaveBeenCalledWith("/.well-known/did.json", expect.anything());
  });

  it("fetches only the status lists it was told of, and records what it could not load", async () => {
    const fetcher = vi.fn(() => answer({ error: "gone" }, 404));
    const status = "http://127.0.0.1:5123/api/credentials/status/0";
    const { documentLoader, failures } = makeDocumentLoader({ here: HERE, fetcher, statusLists: [status] });
    await expect(documentLoader("https://evil.example/context.json")).rejects.toThrow(/does not hold/);
    expect(fetcher).not.toHaveBeenCalled();
    await expect(documentLoader(status)).rejects.toThrow(/404/);
    expect(fetcher).toHaveBeenCalledWith("/api/credentials/status/0", expect.objectContaining({ cache: "no-cache" }));
    expect(failures).toHaveLength(2);
  });

  it("does not count a key its issuer does not list as a failure to load", async () => {
    const { documentLoader, failures } = makeDocumentLoader({ here: HERE, fetcher: () => answer(DID_DOCUMENT) });
    await expect(documentLoader(`${OURS}#z6MkOther`)).rejects.toThrow(/lists no verification method/);
    expect(failures).toEqual([]);
  });
});
