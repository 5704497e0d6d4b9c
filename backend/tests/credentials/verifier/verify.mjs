// Verifies credentials with Digital Bazaar's libraries, not Optio's code: stdin is
// {"credential": {...} or "credentials": [...], "documents": {url-or-did: document}}, stdout
// the result as JSON, {"verified": bool, "revoked": bool | null, "error": string | null} or a
// list of them.
// The document loader holds only the contexts of these npm packages, plus what the test hands
// in (the Open Badges context, the issuer's DID document, the status list credential); any
// other URL is an error, so nothing is fetched.
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as didContext from 'did-context';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const {credential, credentials, documents} = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const known = new Map([
  ...credentialsContext.contexts,
  ...multikeyContext.contexts,
  ...didContext.contexts,
  ...Object.entries(documents),
]);

async function documentLoader(url) {
  const [base, fragment] = url.split('#');
  const document = known.get(url) ?? known.get(base);
  if(!document) {
    throw new Error(`the verifier holds no document for ${url}`);
  }
  if(base.startsWith('did:') && fragment) {
    // A verification method of a DID document, in the shape Multikey expects.
    const method = (document.verificationMethod || []).find(m => m.id === url);
    if(!method) {
      throw new Error(`${base} lists no verification method ${url}`);
    }
    return {
      contextUrl: null, documentUrl: url,
      document: {'@context': 'https://w3id.org/security/multikey/v1', ...method}
    };
  }
  return {contextUrl: null, documentUrl: url, document};
}

const message = error => error && (error.errors
  ? error.errors.map(e => e.message).join('; ') : error.message);

async function verify(credential) {
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  const result = await vc.verifyCredential({
    credential, suite, documentLoader,
    checkStatus: credential.credentialStatus ? checkStatus : undefined,
  });
  const status = result.statusResult;
  const firstError = result.error ?? result.results?.find(r => r.error)?.error;
  return {
    verified: result.verified,
    revoked: status ? Boolean(status.results?.[0]?.status) : null,
    error: message(firstError) ?? message(status?.error) ?? null,
  };
}

const results = [];
for (const each of credentials ?? [credential]) {
  results.push(await verify(each));
}
console.log(JSON.stringify(credentials ? results : results[0]));
