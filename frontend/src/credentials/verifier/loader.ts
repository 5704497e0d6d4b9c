/**
 * The verifier's JSON-LD document loader. It holds only the W3C contexts of Digital Bazaar's
 * packages and the Open Badges 3.0.3 and CLR 2.0.1 contexts (bundled: what a context says is part
 * of what is signed, so none is fetched), and fetches only DID documents (did:web; did:key is
 * read from the key itself) and status list credentials. Mirrors the backend's test verifier
 * (backend/tests/credentials/verifier/verify.mjs).
 */
import * as credentialsContext from "@digitalbazaar/credentials-context";
import * as multikeyContext from "@digitalbazaar/multikey-context";
import * as didContext from "did-context";
import clrContext from "./contexts/clr-v2p0-2.0.1.json";
import obContext from "./contexts/ob-v3p0-3.0.3.json";

export const OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const CLR_V2 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json";
const DID_V1 = "https://www.w3.org/ns/did/v1";
const MULTIKEY_V1 = "https://w3id.org/security/multikey/v1";

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** A document the loader could not get: the credential could not be checked, not "invalid". */
export class DocumentUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DocumentUnavailable";
  }
}

export const CONTEXTS: ReadonlyMap<string, object> = new Map<string, object>([
  ...credentialsContext.contexts,
  ...multikeyContext.contexts,
  ...didContext.contexts,
  [OB_V3, obContext],
  [CLR_V2, clrContext],
]);

/**
 * Where a did:web's DID document lives (did:web method spec): `https://host[:port]` then
 * `/.well-known/did.json`, or the path segments then `/did.json`. The site this app is served
 * from is fetched on its own origin, whatever the scheme (the CSP allows only 'self'; locally
 * the DID is of http://127.0.0.1:PORT).
 */
export function didWebUrl(did: string, here: URL): string {
  const [, , host = "", ...path] = did.split(":");
  const authority = decodeURIComponent(host);
  if (!authority || authority.includes("/")) throw new DocumentUnavailable(`${did} is not a did:web.`);
  const file = path.length ? `/${path.map(decodeURIComponent).join("/")}/did.json` : "/.well-known/did.json";
  return authority === here.host ? file : `https://${authority}${file}`;
}

/** A document URL on this app's origin is fetched by its path (same origin). */
export function fetchableUrl(url: string, here: URL): string {
  const parsed = new URL(url);
  return parsed.origin === here.origin ? `${parsed.pathname}${parsed.search}` : parsed.href;
}

// Multibase 'z' (base58btc) of the multicodec ed25519-pub (0xed 0x01) and 32 bytes starts "z6Mk".
const ED25519_MULTIKEY = /^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/;

/** A did:key's DID document, from the key itself (Ed25519 Multikeys only). */
export function didKeyDocument(did: string): object {
  const key = did.slice("did:key:".length);
  if (!ED25519_MULTIKEY.test(key))
    throw new DocumentUnavailable(`${did} is not an Ed25519 did:key this page can read.`);
  const method = `${did}#${key}`;
  return {
    "@context": [DID_V1, MULTIKEY_V1],
    id: did,
    verificationMethod: [{ id: method, type: "Multikey", controller: did, publicKeyMultibase: key }],
    assertionMethod: [method],
    authentication: [method],
  };
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface LoaderOptions {
  /** The status list credentials the credential names: the only http(s) URLs fetched. */
  statusLists?: readonly string[];
  here?: URL;
  fetcher?: Fetch;
}

/**
 * A loader for one verification. `failures` lists what it could not load, so that a failed
 * check can tell "could not be checked" from "not valid".
 */
export function makeDocumentLoader({
  statusLists = [],
  here = new URL(window.location.href),
  fetcher = (url, init) => fetch(url, init),
}: LoaderOptions = {}) {
  const failures: string[] = [];
  const fetched = new Map<string, Promise<object>>();

  // Documents addressed by URL, not API calls: whatever host a credential names, read verbatim.
  async function get(url: string): Promise<object> {
    // Status lists change when a credential is revoked: ask the server, not the HTTP cache.
    const response = await fetcher(url, { headers: { Accept: "application/json" }, cache: "no-cache" });
    if (!response.ok) throw new DocumentUnavailable(`${url} answered ${response.status}.`);
    return (await response.json()) as object;
  }

  async function resolve(base: string): Promise<object> {
    const known = CONTEXTS.get(base);
    if (known) return known;
    if (base.startsWith("did:key:")) return didKeyDocument(base);
    const target = base.startsWith("did:web:")
      ? didWebUrl(base, here)
      : statusLists.includes(base)
        ? fetchableUrl(base, here)
        : null;
    if (!target) throw new DocumentUnavailable(`This page does not hold ${base}, so it cannot check what it says.`);
    if (!fetched.has(target)) fetched.set(target, get(target));
    return fetched.get(target)!;
  }

  const documentLoader: DocumentLoader = async (url) => {
    const [base = url, fragment] = url.split("#");
    let document: object;
    try {
      document = await resolve(base);
    } catch (error) {
      failures.push(error instanceof DocumentUnavailable ? error.message : `${url} could not be loaded.`);
      throw error;
    }
    if (base.startsWith("did:") && fragment) {
      // A verification method of a DID document, in the shape Multikey expects.
      const methods = (document as { verificationMethod?: { id?: string }[] }).verificationMethod ?? [];
      const method = methods.find((m) => m.id === url);
      // Not a failure to load: the issuer does not own this key, so the proof is not theirs.
      if (!method) throw new Error(`${base} lists no verification method ${url}.`);
      return { contextUrl: null, documentUrl: url, document: { "@context": MULTIKEY_V1, ...method } };
    }
    return { contextUrl: null, documentUrl: url, document };
  };

  return { documentLoader, failures };
}
