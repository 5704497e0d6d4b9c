"""Ed25519 keys as Multikey: multibase base58btc ('z') of the multicodec prefix and the raw key
(W3C Controlled Identifiers, "Multikey"): `z6Mk…` for a public key, `z3u2…` for a secret one."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PUBLIC_PREFIX = b"\xed\x01"  # multicodec ed25519-pub
SECRET_PREFIX = b"\x80\x26"  # multicodec ed25519-priv
_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}


class KeyFormatError(ValueError):
    """Text that is not the key it should be."""


def base58btc(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, digit = divmod(number, 58)
        digits.append(_ALPHABET[digit])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(digits))


def from_base58btc(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _INDEX:
            raise KeyFormatError(f"{char!r} is not a base58btc character")
        number = number * 58 + _INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase(data: bytes) -> str:
    return "z" + base58btc(data)


def from_multibase(text: str) -> bytes:
    if not text.startswith("z"):
        raise KeyFormatError("only base58btc multibase ('z…') is supported")
    return from_base58btc(text[1:])


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_multikey(key: Ed25519PublicKey) -> str:
    return multibase(PUBLIC_PREFIX + raw_public(key))


def secret_multikey(key: Ed25519PrivateKey) -> str:
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return multibase(SECRET_PREFIX + raw)


def public_key(multikey: str) -> Ed25519PublicKey:
    data = from_multibase(multikey)
    if not data.startswith(PUBLIC_PREFIX) or len(data) != 34:
        raise KeyFormatError("not an Ed25519 public Multikey (z6Mk…)")
    return Ed25519PublicKey.from_public_bytes(data[2:])


def secret_key(text: str) -> Ed25519PrivateKey:
    """An Ed25519 secret key from a secret Multikey (z3u2…) or a PKCS#8 PEM."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyFormatError("the PEM key is not an Ed25519 key")
        return key
    data = from_multibase(text)
    if not data.startswith(SECRET_PREFIX) or len(data) != 34:
        raise KeyFormatError("not an Ed25519 secret Multikey (z3u2…) or PEM")
    return Ed25519PrivateKey.from_private_bytes(data[2:])
