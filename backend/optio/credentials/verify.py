"""Checking a pasted credential, ours or another issuer's: its proof, its status, its dates.

Keys are resolved from `did:key` (the key is the identifier) and `did:web` (our own from
memory; another issuer's DID document from https://<host>/.well-known/did.json). A status list
of ours is read from the database; another issuer's is fetched and its own proof checked.
Contexts are only ever the bundled ones (loader.py).
"""

from __future__ import annotations

import base64
import gzip
import ipaddress
import json
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .issuer import Issuer
from .multikey import KeyFormatError, public_key
from .proof import ProofError, verify

FETCH_TIMEOUT_SECONDS = 5.0
MAX_FETCHED_BYTES = 1024 * 1024


@dataclass
class Check:
    name: str
    ok: bool
    message: str


@dataclass
class Verification:
    checks: list[Check] = field(default_factory=list)
    revoked: bool | None = None

    @property
    def verified(self) -> bool:
        return all(check.ok for check in self.checks)

    def add(self, name: str, ok: bool, message: str) -> None:
        self.checks.append(Check(name, ok, message))


def check_pasted(
    text: str,
    ours: Issuer,
    our_revoked: Callable[[int, int], bool],
    now: datetime | None = None,
) -> Verification:
    """Every check of a pasted credential; text that is not one fails the `format` check."""
    try:
        credential = json.loads(text)
    except ValueError:
        return _not_a_credential("This is not JSON.")
    if not isinstance(credential, dict):
        return _not_a_credential("This is not a JSON object.")
    types = credential.get("type")
    if not isinstance(credential.get("@context"), list) or not (
        isinstance(types, list) and "VerifiableCredential" in types
    ):
        return _not_a_credential(
            "This is not a verifiable credential: it needs an @context list and the"
            " VerifiableCredential type."
        )
    return check_credential(credential, ours, our_revoked, now)


def _not_a_credential(message: str) -> Verification:
    result = Verification()
    result.add("format", False, message)
    return result


def check_credential(
    credential: dict[str, Any],
    ours: Issuer,
    our_revoked: Callable[[int, int], bool],
    now: datetime | None = None,
) -> Verification:
    """Every check of `credential`; `our_revoked(list_id, position)` reads our own lists."""
    result = Verification()
    resolver = _Resolver(ours)
    try:
        verify(credential, resolver.public_key_of)
        result.add(
            "proof", True, "The signature is valid: nothing was changed since it was signed."
        )
    except ProofError as exc:
        result.add("proof", False, str(exc))
    _check_dates(credential, now or datetime.now(UTC), result)
    _check_status(credential, ours, our_revoked, resolver, result)
    return result


def _check_dates(credential: dict[str, Any], now: datetime, result: Verification) -> None:
    try:
        start = _instant(credential.get("validFrom"))
        end = _instant(credential.get("validUntil"))
    except ValueError:
        result.add("dates", False, "validFrom or validUntil is not a date and time.")
        return
    if start is not None and start > now:
        result.add("dates", False, f"Not valid before {start:%Y-%m-%d %H:%M} UTC.")
    elif end is not None and end < now:
        result.add("dates", False, f"Expired on {end:%Y-%m-%d %H:%M} UTC.")
    else:
        result.add("dates", True, "Within its validity dates.")


def _instant(value: Any) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _check_status(
    credential: dict[str, Any],
    ours: Issuer,
    our_revoked: Callable[[int, int], bool],
    resolver: _Resolver,
    result: Verification,
) -> None:
    entry = credential.get("credentialStatus")
    if entry is None:
        result.add("status", True, "The issuer gives no way to revoke it.")
        return
    if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
        result.add("status", False, "Its status is not a BitstringStatusListEntry.")
        return
    try:
        position = int(entry["statusListIndex"])
        url = str(entry["statusListCredential"])
    except (KeyError, TypeError, ValueError):
        result.add("status", False, "Its status entry has no list or position.")
        return
    prefix = f"{ours.site_url}/api/credentials/status/"
    try:
        if url.startswith(prefix) and url[len(prefix) :].isdigit():
            revoked = our_revoked(int(url[len(prefix) :]), position)
        else:
            revoked = _fetched_bit(url, position, resolver, str(entry.get("statusPurpose")))
    except (ProofError, ValueError, httpx.HTTPError) as exc:
        result.add("status", False, f"Its status list could not be checked: {exc}")
        return
    result.revoked = revoked
    if revoked:
        result.add("status", False, "The issuer has revoked it.")
    else:
        result.add("status", True, "Not revoked.")


def _fetched_bit(url: str, position: int, resolver: _Resolver, purpose: str) -> bool:
    listed = _fetch_json(url)
    verify(listed, resolver.public_key_of)
    subject = listed.get("credentialSubject") or {}
    if subject.get("statusPurpose") != purpose:
        raise ValueError("the list's purpose is not the entry's")
    return bit_at(str(subject.get("encodedList", "")), position)


def bit_at(encoded: str, position: int) -> bool:
    if not encoded.startswith("u"):
        raise ValueError("the list is not base64url multibase")
    raw = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    if not 0 <= position < len(bits) * 8:
        raise ValueError("the position is outside the list")
    return bool(bits[position // 8] & (0x80 >> (position % 8)))


class _Resolver:
    def __init__(self, ours: Issuer):
        self._ours = ours

    def public_key_of(self, method: str) -> Ed25519PublicKey:
        did, _, fragment = method.partition("#")
        try:
            if did == self._ours.did:
                return self._ours.public_key_of(method)
            if did.startswith("did:key:"):
                key = did.removeprefix("did:key:")
                if fragment and fragment != key:
                    raise ProofError(f"{method} is not the key of {did}.")
                return public_key(key)
            if did.startswith("did:web:"):
                return self._web_key(did, method)
        except KeyFormatError as exc:
            raise ProofError(f"The issuer's key is not an Ed25519 key: {exc}.") from None
        raise ProofError(f"Keys of {did.split(':')[:2]} issuers cannot be checked here.")

    def _web_key(self, did: str, method: str) -> Ed25519PublicKey:
        parts = [unquote(part) for part in did.removeprefix("did:web:").split(":")]
        path = "/".join(parts[1:]) + "/did.json" if parts[1:] else ".well-known/did.json"
        try:
            document = _fetch_json(f"https://{parts[0]}/{path}")
        except (httpx.HTTPError, ValueError) as exc:
            raise ProofError(f"The issuer's DID document could not be read: {exc}.") from None
        fragment = "#" + method.partition("#")[2]
        for entry in document.get("verificationMethod") or []:
            named = isinstance(entry, dict) and entry.get("id") in (method, fragment)
            if named and entry.get("type") == "Multikey" and entry.get("publicKeyMultibase"):
                return public_key(str(entry["publicKeyMultibase"]))
        raise ProofError(f"{did} lists no Multikey {method}.")


def _refuse_private(url: str) -> None:
    """Only https, and only to public addresses: a pasted credential must not make the API
    reach its own network (169.254.169.254, localhost, the database)."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError(f"{url} is not an https:// address")
    try:
        found = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError:
        raise ValueError(f"{parts.hostname} does not resolve") from None
    for *_, address in found:
        if not ipaddress.ip_address(address[0]).is_global:
            raise ValueError(f"{parts.hostname} is not a public address")


def _fetch_json(url: str) -> dict[str, Any]:
    _refuse_private(url)
    with httpx.Client(timeout=FETCH_TIMEOUT_SECONDS, follow_redirects=False) as client:
        answer = client.get(url, headers={"Accept": "application/json"})
    answer.raise_for_status()
    if len(answer.content) > MAX_FETCHED_BYTES:
        raise ValueError(f"{url} is larger than {MAX_FETCHED_BYTES} bytes")
    found = answer.json()
    if not isinstance(found, dict):
        raise ValueError(f"{url} is not a JSON object")
    return found
