"""The issuer of Optio's credentials: a did:web of the public site, its Ed25519 keys, its DID
document (served at /.well-known/did.json) and its Open Badges Profile.

The signing key comes from CREDENTIAL_SIGNING_KEY; outside production, when it is unset, one is
generated once into OPTIO_DATA_DIR/credential-key and kept. Keys of earlier rotations
(CREDENTIAL_RETIRED_KEYS) stay in the DID document, so credentials they signed still verify.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from flask import Flask, current_app

from ..config import Settings
from .loader import CREDENTIALS_V2, OB_V3
from .multikey import KeyFormatError, public_key, public_multikey, secret_key, secret_multikey
from .proof import ProofError

DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
ISSUER_NAME = "Optio"


def did_web(site_url: str) -> str:
    """did:web of a site URL: the host (a port's colon percent-encoded), then path segments."""
    parts = urlsplit(site_url)
    host = quote(parts.netloc, safe="")
    path = [quote(segment, safe="") for segment in parts.path.split("/") if segment]
    return ":".join(["did", "web", host, *path])


@dataclass(frozen=True)
class Issuer:
    site_url: str
    key: Ed25519PrivateKey
    retired: tuple[str, ...] = ()  # public Multikeys of earlier signing keys

    @property
    def did(self) -> str:
        return did_web(self.site_url)

    @property
    def public_multikey(self) -> str:
        return public_multikey(self.key.public_key())

    @property
    def verification_method(self) -> str:
        return self.method_id(self.public_multikey)

    def method_id(self, multikey: str) -> str:
        return f"{self.did}#{multikey}"

    def did_document(self) -> dict[str, Any]:
        keys = [self.public_multikey, *(k for k in self.retired if k != self.public_multikey)]
        methods = [
            {
                "id": self.method_id(key),
                "type": "Multikey",
                "controller": self.did,
                "publicKeyMultibase": key,
            }
            for key in keys
        ]
        ids = [method["id"] for method in methods]
        return {
            "@context": DID_CONTEXTS,
            "id": self.did,
            "verificationMethod": methods,
            "assertionMethod": ids,
            "authentication": [ids[0]],
        }

    def profile(self) -> dict[str, Any]:
        """The issuer as an Open Badges Profile (also embedded in each credential)."""
        return {"id": self.did, "type": ["Profile"], "name": ISSUER_NAME, "url": self.site_url}

    def profile_document(self) -> dict[str, Any]:
        return {"@context": [CREDENTIALS_V2, OB_V3], **self.profile()}

    def public_key_of(self, method: str) -> Ed25519PublicKey:
        """The key of one of this issuer's verification methods, current or retired."""
        for entry in self.did_document()["verificationMethod"]:
            if entry["id"] == method:
                return public_key(entry["publicKeyMultibase"])
        raise ProofError(f"{method} is not a key of {self.did}.")


def load_issuer(settings: Settings) -> Issuer:
    if settings.credential_signing_key is not None:
        key = secret_key(settings.credential_signing_key.get_secret_value())
    else:
        key = _development_key(settings.optio_data_dir / "credential-key")
    for retired in settings.credential_retired_keys:
        public_key(retired)  # a malformed one fails at start, not in a verifier's hands
    return Issuer(settings.site_url, key, tuple(settings.credential_retired_keys))


def _development_key(path: Path) -> Ed25519PrivateKey:
    """The key kept at `path`, made on first use (readable by its owner only)."""
    try:
        return secret_key(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f".{path.name}.{os.getpid()}")
    fresh.write_text(secret_multikey(Ed25519PrivateKey.generate()) + "\n", encoding="utf-8")
    fresh.chmod(0o600)
    try:
        os.link(fresh, path)  # the first process to get here wins; others read its key
    except FileExistsError:
        pass
    finally:
        fresh.unlink()
    return secret_key(path.read_text(encoding="utf-8"))


def init_issuer(app: Flask) -> None:
    """A configured key is loaded now, so a malformed one stops the start; the development
    key is made on first use (commands such as `optio openapi` never need it)."""
    settings = app.config["SETTINGS"]
    if settings.credential_signing_key is not None or settings.credential_retired_keys:
        app.extensions["optio_issuer"] = _loaded(settings)


def _loaded(settings: Settings) -> Issuer:
    try:
        return load_issuer(settings)
    except (KeyFormatError, ValueError) as exc:
        raise ValueError(f"CREDENTIAL_SIGNING_KEY or CREDENTIAL_RETIRED_KEYS: {exc}") from None


def issuer() -> Issuer:
    found = current_app.extensions.get("optio_issuer")
    if found is None:
        found = current_app.extensions["optio_issuer"] = _loaded(current_app.config["SETTINGS"])
    return found
