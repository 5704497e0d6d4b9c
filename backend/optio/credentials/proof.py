"""Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C VC Data Integrity EdDSA
Cryptosuites v1.0, section 3.2): the document and the proof options are each canonicalized with
RDF Dataset Canonicalization (RDFC-1.0, pyld's URDNA2015), hashed with SHA-256, and the proof
options' hash followed by the document's is signed with Ed25519. The signature goes in
`proofValue` as base58btc multibase."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

from .loader import load_document
from .multikey import KeyFormatError, from_multibase, multibase

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(ValueError):
    """Why a proof does not hold, in words a verifier can show."""


def canonical(document: dict[str, Any]) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document, with only the bundled contexts."""
    return jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": load_document,
            "safe": True,  # a term no context defines is an error, not silently dropped
        },
    )


def _hash_data(unsecured: dict[str, Any], options: dict[str, Any]) -> bytes:
    options = {**options, "@context": unsecured["@context"]}
    options.pop("proofValue", None)
    return (
        hashlib.sha256(canonical(options).encode()).digest()
        + hashlib.sha256(canonical(unsecured).encode()).digest()
    )


def sign(
    unsecured: dict[str, Any],
    key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime | None = None,
) -> dict[str, Any]:
    """`unsecured` with an assertion proof by `key`, named by `verification_method`."""
    when = (created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = key.sign(_hash_data(unsecured, options))
    return {**unsecured, "proof": {**options, "proofValue": multibase(signature)}}


def verify(
    secured: dict[str, Any], public_key_of: Callable[[str], Ed25519PublicKey]
) -> dict[str, Any]:
    """Check the document's one eddsa-rdfc-2022 proof; its proof options when it holds, else
    ProofError. `public_key_of(verification_method)` resolves the key (or raises ProofError)."""
    proof = secured.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("The credential has no proof (or more than one).")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(f"The proof is not a {PROOF_TYPE} with the {CRYPTOSUITE} cryptosuite.")
    if proof.get("proofPurpose") != "assertionMethod":
        raise ProofError("The proof's purpose is not assertionMethod.")
    method = proof.get("verificationMethod")
    if not isinstance(method, str):
        raise ProofError("The proof names no verification method.")
    unsecured = {k: v for k, v in secured.items() if k != "proof"}
    try:
        signature = from_multibase(str(proof.get("proofValue", "")))
        data = _hash_data(unsecured, proof)
    except KeyFormatError as exc:
        raise ProofError(f"The proof value is not valid: {exc}.") from None
    except jsonld.JsonLdError as exc:
        raise ProofError(
            f"The credential is not valid JSON-LD here: {_jsonld_reason(exc)}."
        ) from None
    try:
        public_key_of(method).verify(signature, data)
    except InvalidSignature:
        raise ProofError("The signature does not match: the credential was changed.") from None
    return proof


def _jsonld_reason(exc: Any) -> str:
    cause = exc
    while getattr(cause, "cause", None) is not None:
        cause = cause.cause
    return str(getattr(cause, "message", cause)).split("\n")[0]
