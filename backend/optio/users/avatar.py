"""My profile picture: stored in the private `avatars` bucket, shown through signed URLs.

Rules the database enforces (20261205000800_avatars.sql, supabase/schema/users.sql):
- check users_avatar_in_own_folder: users.avatar_path is null or a picture key of ours under the
  user's own folder (<user id>/<32 hex>.<png|jpg|webp>).
- clients have no update grant on avatar_path: only the API writes it, with the connection's
  own rights on the caller's own row (queries.set_avatar).
- private.delete_account answers the picture's key under 'avatars' (account/deletion.py
  deletes the file).

Order: the file is stored before the write (no transaction is held during the upload); the
write commits in its own round trip; then the picture it replaced is deleted. When storage
fails at that point the request still succeeds and the old file is left as an orphan under the
user's folder (logged), like a deleted account's late files.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from ..config import current_settings
from ..db import tx
from ..errors import AppError, NotFound, UnsupportedMediaType
from ..storage import Storage, storage
from ..storage.sniff import JPEG, PNG, WEBP, sniff
from . import queries
from .queries import ProfileRow
from .schemas import AvatarIn

log = logging.getLogger(__name__)
AVATAR_BUCKET = "avatars"
MAX_AVATAR_BYTES = 2 * 1024 * 1024
_PICTURES = (PNG, JPEG, WEBP)


class PictureTooLarge(AppError):
    status, code, message = 413, "payload_too_large", "The file is too large."


def avatar_storage() -> Storage:
    """Where profile pictures are kept: the private `avatars` bucket (Supabase Storage)."""
    return storage().in_bucket(AVATAR_BUCKET)


def public(profile: ProfileRow) -> dict[str, Any]:
    """The profile as UserPublic: its picture as a signed URL (no storage call without one).
    A storage outage shows the initials instead of failing the profile (or the write before)."""
    path = profile["avatar_path"]
    url = None
    if path:
        ttl = current_settings().signed_url_ttl_seconds
        try:
            url = avatar_storage().signed_urls([path], ttl).get(path)
        except AppError as exc:
            log.warning("a profile picture could not be signed (%s)", exc.code)
    return {**profile, "avatar_url": url}


def set_avatar(user_id: uuid.UUID, upload: AvatarIn) -> dict[str, Any]:
    data = upload.file.stream.read(MAX_AVATAR_BYTES + 1)
    found = sniff(data)
    if found not in _PICTURES:
        raise UnsupportedMediaType(
            "That file is not a picture we accept: send a PNG, JPEG or WebP image."
        )
    if len(data) > MAX_AVATAR_BYTES:
        raise PictureTooLarge("A profile picture is limited to 2 MB.")
    key = avatar_storage().put(user_id, data, found.content_type, found.extension)
    try:
        row = queries.set_avatar(tx(user_id), key)
    except BaseException:
        _delete_quietly(key)
        raise
    if row is None:
        _delete_quietly(key)
        raise NotFound("Your profile was not found.")
    if row["replaced"] and row["replaced"] != key:
        _delete_quietly(row["replaced"])
    return public(row)


def remove_avatar(user_id: uuid.UUID) -> None:
    row = queries.set_avatar(tx(user_id), None)
    if row is None:
        raise NotFound("Your profile was not found.")
    if row["replaced"]:
        _delete_quietly(row["replaced"])


def _delete_quietly(key: str) -> None:
    """The write has settled: a storage outage now is logged, not answered."""
    try:
        avatar_storage().delete(key)
    except AppError as exc:
        log.warning("a profile picture is left in storage (%s)", exc.code)
