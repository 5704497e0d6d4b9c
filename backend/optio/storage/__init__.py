"""Evidence files behind one interface, chosen by STORAGE_BACKEND.

Rules the database enforces (supabase/schema/storage.sql, which is built on plain PostgreSQL
and so lacks the bucket and its policies; tests/storage/test_bucket_policies.py checks them):
- private.evidence_objects and trigger completions_evidence_stored
  (20261202000120_evidence_objects.sql): only the API records a stored file, under its owner's
  folder; a completion names one of its student's recorded files, once.
- bucket `evidence` and policies evidence_bucket_{select,insert,update,delete}_own on
  storage.objects (20261202100100_evidence_bucket.sql; only where Supabase's storage schema
  exists): the bucket is private, holds at most sniff.MAX_BYTES' largest size and the types
  sniff.ACCEPTED names; a signed-in user touches only objects under their own
  `<user id>/` folder, anon none.
- bucket `avatars` (20261205000800_avatars.sql; same condition): private, PNG, JPEG or WebP up
  to 2 MB, no client policies: the API stores profile pictures (optio/users/avatar.py).
"""

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
