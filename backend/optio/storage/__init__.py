"""Evidence files behind one interface, chosen by STORAGE_BACKEND."""

from __future__ import annotations

from flask import current_app

from ..config import Settings
from .base import InvalidKey, Storage


def storage() -> Storage:
    return current_app.extensions["optio_storage"]


def make_storage(settings: Settings) -> Storage:
    if settings.storage_backend == "supabase":
        from .supabase import SupabaseStorage

        return SupabaseStorage(settings)
    from .local import LocalStorage, signing_secret

    return LocalStorage(settings.storage_dir, signing_secret(settings))


__all__ = ["InvalidKey", "Storage", "make_storage", "storage"]
