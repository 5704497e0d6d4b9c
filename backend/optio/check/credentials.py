"""`credentials`: the issuer's signing key and earlier keys load, and name the issuer
(did:web of PUBLIC_URL) that credentials will carry."""

from __future__ import annotations

from ..config import Settings
from ..credentials.issuer import load_issuer
from ..credentials.multikey import KeyFormatError
from .result import CheckResult, failed, ok, skipped

NAME = "credentials"


def check_credentials(settings: Settings) -> CheckResult:
    if settings.credential_signing_key is None:
        return skipped(NAME, "no CREDENTIAL_SIGNING_KEY: development makes one in OPTIO_DATA_DIR")
    try:
        issuer = load_issuer(settings)
    except (KeyFormatError, ValueError) as exc:
        return failed(
            NAME,
            f"CREDENTIAL_SIGNING_KEY or CREDENTIAL_RETIRED_KEYS is not an Ed25519 key ({exc})",
            "set CREDENTIAL_SIGNING_KEY to the output of `optio credentials new-key`, and list"
            " only public keys (z6Mk...) in CREDENTIAL_RETIRED_KEYS",
        )
    retired = len(issuer.retired)
    return ok(
        NAME,
        f"issuer {issuer.did}; signing key {issuer.public_multikey}"
        + (f"; {retired} earlier key(s) still listed" if retired else ""),
    )
