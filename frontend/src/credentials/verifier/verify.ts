/**
 * Checks a credential in the browser with Digital Bazaar's libraries, independently of Optio's
 * server: its Data Integrity proof (eddsa-rdfc-2022), its Bitstring Status List entry and its
 * validity dates. Loaded on demand (it is most of the verify page's weight).
 */
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import { makeDocumentLoader, type LoaderOptions } from "./loader";
import { datesCheck, outcomeOf, statusListsOf, validityOf, type Check, type Verification } from "./result";

type Json = Record<string, unknown>;

function reason(error: (Error & { errors?: Error[]; cause?: unknown }) | undefined): string {
  if (!error) return "no reason given";
  if (error.errors?.length) return error.errors.map((e) => e.message).join("; ");
  return error.message;
}

export async function verifyCredential(
  credential: Json,
  { now = new Date(), ...loaderOptions }: { now?: Date } & Omit<LoaderOptions, "statusLists"> = {},
): Promise<Verification> {
  const dates = datesCheck(credential, now);
  const statusLists = statusListsOf(credential);
  const { documentLoader, failures } = makeDocumentLoader({ ...loaderOptions, statusLists });
  // The dates are judged above; the proof is checked as of a moment the credential was valid,
  // so that an expired credential still tells whether it is genuine.
  const { from } = validityOf(credential);
  const at = dates.ok || !from ? now : new Date(from);
  const result = await vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader,
    checkStatus: credential.credentialStatus ? checkStatus : undefined,
    now: at,
  });
  const proof = result.results?.[0];
  const signature: Check = proof?.verified
    ? {
        name: "signature",
        ok: true,
        message: "The signature is valid: its issuer signed it, and it has not changed since.",
      }
    : failures.length
      ? { name: "signature", ok: null, message: `The signature could not be checked: ${failures[0]}` }
      : {
          name: "signature",
          ok: false,
          message: `The signature does not match: it was changed after it was signed, or not signed by its issuer (${reason(proof?.error ?? result.error)}).`,
        };
  const checks = [signature, statusOf(credential, result, signature), dates];
  return { outcome: outcomeOf(checks), checks };
}

function statusOf(credential: Json, result: vc.VerifyResult, signature: Check): Check {
  if (!credential.credentialStatus) {
    return { name: "status", ok: true, message: "It has no revocation status: its issuer cannot revoke it." };
  }
  const status = result.statusResult;
  if (!signature.ok || !status) {
    return { name: "status", ok: null, message: "Not checked, as the signature did not verify." };
  }
  if (status.results?.some((r) => r.status === true)) {
    return { name: "status", ok: false, message: "Revoked: its issuer's status list marks it as revoked." };
  }
  if (!status.verified) {
    return { name: "status", ok: null, message: `Its revocation status could not be checked: ${reason(status.error)}` };
  }
  return { name: "status", ok: true, message: "Not revoked: its issuer's signed status list says it still stands." };
}
