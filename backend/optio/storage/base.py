"""The interface every evidence store keeps, and the random names it stores files under."""

from __future__ import annotations

import re
import uuid
from typing import Protocol

_EXTENSION = re.compile(r"^[a-z0-9]{1,8}$")
# Exactly what `new_key` writes: <owner uuid>/<32 hex>.<extension>. The same pattern guards
# private.evidence_objects.path in the database (20261202000120_evidence_objects.sql).
_KEY = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9a-f]{32}\.[a-z0-9]{1,8}\Z"
)


class InvalidKey(ValueError):
    """A key that is not one of ours: absolute, with dot segments, or otherwise malformed."""


def is_key(key: str) -> bool:
    """Whether `key` is one our storage could have written. Paths stored before the database
    checked them may be anything; signing skips the others instead of failing the page."""
    return bool(_KEY.match(key))


def new_key(owner_id: uuid.UUID, extension: str) -> str:
    """A fresh random object name under the owner's folder; nothing of the upload's name."""
    if not _EXTENSION.match(extension):
        raise ValueError(f"not a file extension: {extension!r}")
    return f"{owner_id}/{uuid.uuid4().hex}.{extension}"


class Storage(Protocol):
    def put(self, owner_id: uuid.UUID, data: bytes, content_type: str, extension: str) -> str:
        """Store `data` under a new random key and return the key."""
        ...

    def delete(self, key: str) -> None:
        """Remove the object; a key that is already gone is fine."""
        ...

    def delete_all(self, keys: list[str]) -> None:
        """Remove every object of `keys` (in batches where the store takes them)."""
        ...

    def get(self, key: str) -> bytes | None:
        """The object's bytes; None when there is no such object."""
        ...

    def in_bucket(self, bucket: str) -> Storage:
        """The same store for another private bucket (Supabase Storage); the local store keeps
        every bucket in its one directory, under the same owner folders."""
        ...

    def signed_urls(self, keys: list[str], expires_in: int) -> dict[str, str]:
        """Short-lived URLs for `keys` in one batch; keys with no object, and strings that are
        not keys of ours (`is_key`), are left out."""
        ...
