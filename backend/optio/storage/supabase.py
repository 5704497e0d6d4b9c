"""Evidence in Supabase Storage: a private bucket, read only through signed URLs.

This module only translates between the `supabase` client and the app's Storage interface.
"""

from __future__ import annotations

import copy
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from storage3 import SyncStorageClient
from storage3.exceptions import StorageApiError
from storage3.utils import StorageException
from supabase import ClientOptions, create_client

from ..config import Settings
from ..errors import Unavailable
from .base import is_key, new_key

log = logging.getLogger(__name__)
REMOVE_BATCH = 1000  # Storage's most prefixes in one delete


def _unavailable(exc: Exception) -> Unavailable:
    log.warning("Supabase Storage unavailable: %s", exc)
    return Unavailable(
        "File storage is unavailable right now. Try again shortly.", code="storage_unavailable"
    )


def _status(exc: StorageApiError) -> int:
    # Storage sends statusCode as a string ("500"); the client passes it on as it came.
    try:
        return int(exc.status)
    except (TypeError, ValueError):
        return 0


@contextmanager
def _as_app_errors() -> Iterator[None]:
    """Network failures, 5xx and 429 mean "try later"; other refusals are our bug and stay."""
    try:
        yield
    except httpx.HTTPError as exc:
        raise _unavailable(exc) from exc
    except StorageApiError as exc:
        if _status(exc) >= 500 or _status(exc) == 429:
            raise _unavailable(exc) from exc
        raise
    except StorageException as exc:  # the client could not make sense of the answer
        raise _unavailable(exc) from exc


class SupabaseStorage:
    def __init__(self, settings: Settings):
        if not settings.supabase_url or not settings.supabase_service_role_key:
            raise ValueError(
                "STORAGE_BACKEND=supabase needs SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY"
            )
        self.url = settings.supabase_url
        self.service_role_key = settings.supabase_service_role_key
        self.bucket = settings.storage_bucket

    @contextmanager
    def _storage(self) -> Iterator[SyncStorageClient]:
        # A client per call, closed after it: nothing connects at import time or outlives a request.
        options = ClientOptions(auto_refresh_token=False, persist_session=False)
        with create_client(self.url, self.service_role_key, options=options).storage as storage:
            yield storage

    def put(self, owner_id: uuid.UUID, data: bytes, content_type: str, extension: str) -> str:
        key = new_key(owner_id, extension)
        with self._storage() as storage, _as_app_errors():
            storage.from_(self.bucket).upload(
                key, data, {"content-type": content_type, "upsert": "false"}
            )
        return key

    def delete(self, key: str) -> None:
        # Storage answers 200 with an empty list for keys it does not have.
        with self._storage() as storage, _as_app_errors():
            storage.from_(self.bucket).remove([key])

    def delete_all(self, keys: list[str]) -> None:
        with self._storage() as storage, _as_app_errors():
            for start in range(0, len(keys), REMOVE_BATCH):
                storage.from_(self.bucket).remove(keys[start : start + REMOVE_BATCH])

    def get(self, key: str) -> bytes | None:
        with self._storage() as storage:
            try:
                with _as_app_errors():
                    return storage.from_(self.bucket).download(key)
            except StorageApiError as exc:
                if _status(exc) in (400, 404):  # Storage's "not found" (NoSuchKey)
                    return None
                raise

    def in_bucket(self, bucket: str) -> SupabaseStorage:
        other = copy.copy(self)
        other.bucket = bucket
        return other

    def signed_urls(self, keys: list[str], expires_in: int) -> dict[str, str]:
        keys = [key for key in keys if is_key(key)]
        if not keys:
            return {}
        with self._storage() as storage, _as_app_errors():
            signed = storage.from_(self.bucket).create_signed_urls(keys, expires_in)
        urls = {}
        for item in signed:
            if item["signedURL"] and not item["error"]:
                urls[item["path"]] = item["signedURL"]
            else:
                log.warning("no signed URL for %s: %s", item["path"], item["error"])
        return urls
