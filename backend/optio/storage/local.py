"""Evidence on the local disk, served by the API through short-lived HMAC-signed URLs."""

from __future__ import annotations

import hashlib
import hmac
import os
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

from ..config import Settings
from .base import InvalidKey, is_key, new_key

URL_PREFIX = "/api/storage/evidence/"


def signing_secret(settings: Settings) -> bytes:
    """The URL-signing key, derived from the JWT secret so it never doubles as a token key."""
    if not settings.supabase_jwt_secret:
        raise ValueError("STORAGE_BACKEND=local needs SUPABASE_JWT_SECRET to sign URLs")
    return hmac.new(
        settings.supabase_jwt_secret.encode(), b"optio-storage-signing", hashlib.sha256
    ).digest()


class LocalStorage:
    def __init__(self, root: Path, secret: bytes):
        self.root = root
        self.secret = secret

    def path_of(self, key: str) -> Path:
        """Where `key` lives under the root; raises InvalidKey for anything that could escape."""
        parts = key.split("/")
        if (
            not key
            or key.startswith("/")
            or "\\" in key
            or "\0" in key
            or any(part in ("", ".", "..") for part in parts)
        ):
            raise InvalidKey(f"not a storage key: {key!r}")
        path = self.root.joinpath(*parts)
        # Belt and braces: a symlink under the root must not lead out of it either.
        if not path.resolve().is_relative_to(self.root.resolve()):
            raise InvalidKey(f"not a storage key: {key!r}")
        return path

    def put(self, owner_id: uuid.UUID, data: bytes, content_type: str, extension: str) -> str:
        key = new_key(owner_id, extension)
        target = self.path_of(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target and rename: a reader never sees half a file.
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".upload-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return key

    def delete(self, key: str) -> None:
        self.path_of(key).unlink(missing_ok=True)

    def delete_all(self, keys: list[str]) -> None:
        for key in keys:
            self.delete(key)

    def get(self, key: str) -> bytes | None:
        try:
            return self.path_of(key).read_bytes()
        except FileNotFoundError:
            return None

    def in_bucket(self, bucket: str) -> LocalStorage:
        return self

    def signature(self, key: str, expires: int) -> str:
        return hmac.new(self.secret, f"{key}:{expires}".encode(), hashlib.sha256).hexdigest()

    def verify(self, key: str, expires: int, signature: str) -> bool:
        """Whether the URL's signature is ours for this key and it has not expired."""
        if expires <= time.time():
            return False
        return hmac.compare_digest(self.signature(key, expires), signature)

    def signed_urls(self, keys: list[str], expires_in: int) -> dict[str, str]:
        expires = int(time.time()) + expires_in
        return {
            key: f"{URL_PREFIX}{quote(key)}?"
            + urlencode({"expires": expires, "signature": self.signature(key, expires)})
            for key in keys
            if is_key(key) and self.path_of(key).is_file()
        }
