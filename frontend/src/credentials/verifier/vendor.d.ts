// The few parts of Digital Bazaar's verifier libraries the app uses (they ship no types).

declare module "@digitalbazaar/vc" {
  import type { DocumentLoader } from "./loader";
  export interface ProofResult {
    verified: boolean;
    error?: Error;
  }
  export interface StatusResult {
    verified: boolean;
    results?: { status?: boolean }[];
    error?: Error;
  }
  export interface VerifyResult {
    verified: boolean;
    results?: ProofResult[];
    statusResult?: StatusResult;
    error?: Error & { errors?: Error[] };
  }
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: (options: object) => Promise<StatusResult>;
    now?: Date;
  }): Promise<VerifyResult>;
  // The tests sign credentials of their own.
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
  }): Promise<object>;
}

declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown; signer?: unknown });
  }
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: unknown;
}

declare module "@digitalbazaar/vc-bitstring-status-list" {
  import type { StatusResult } from "@digitalbazaar/vc";
  export function checkStatus(options: object): Promise<StatusResult>;
  interface StatusList {
    setStatus(position: number, status: boolean): void;
  }
  export function createList(options: { length: number }): Promise<StatusList>;
  export function createCredential(options: {
    id: string;
    list: StatusList;
    statusPurpose: string;
  }): Promise<Record<string, unknown>>;
}

declare module "@digitalbazaar/credentials-context" {
  export const contexts: Map<string, object>;
}

declare module "@digitalbazaar/multikey-context" {
  export const contexts: Map<string, object>;
}

declare module "did-context" {
  export const contexts: Map<string, object>;
}

// Only the tests use it (to sign credentials of their own).
declare module "@digitalbazaar/ed25519-multikey" {
  export interface KeyPair {
    id: string;
    controller: string;
    publicKeyMultibase: string;
    signer(): unknown;
  }
  export function generate(options: { id?: string; controller?: string }): Promise<KeyPair>;
}
