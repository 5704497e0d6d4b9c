"""Diplomas: who may read which, their documents with signed file links, and the owner's edits.

Rules the database enforces (supabase/schema/diplomas.sql):
- trigger users_create_diploma (20261122000310_diplomas.sql): every profile gets one diploma
  with a readable unique slug (`first-last`, `-2` on collision).
- policies diplomas_read_public / diplomas_read / diplomas_update_own and the column grant
  update (slug, is_public, headline, bio) (same migration): the public see public diplomas only;
  I change only those columns of mine.
- private.diploma_document (same migration), definer: a document is readable when the diploma
  is public and its owner active, or by its owner or an admin; it never holds the e-mail or
  evidence marked private.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

import psycopg

from ..config import current_settings
from ..db import tx
from ..errors import Conflict, NotFound
from ..quests.service import progress_public
from ..storage import storage
from ..xp.service import xp_public
from . import queries
from .queries import DiplomaDocument
from .schemas import DiplomaUpdate

NO_SUCH_DIPLOMA = "No diploma is published at this address."


@dataclass(frozen=True)
class Diploma:
    """A DiplomaPublic document whose file evidence is still storage paths (see `signed`)."""

    document: dict[str, Any]
    etag: str
    shared: bool  # visible to anyone, so shared caches may keep it


def diploma_by_slug(slug: str) -> Diploma:
    """The diploma at `slug`; a private one reads exactly like a missing one."""
    raw = queries.document_by_slug(tx(), slug)
    if raw is None:
        raise NotFound(NO_SUCH_DIPLOMA)
    return _diploma(raw)


def my_diploma(user_id: uuid.UUID) -> Diploma:
    raw = queries.my_document(tx(user_id))
    if raw is None:
        raise NotFound("You have no diploma.")
    return _diploma(raw)


def update_my_diploma(user_id: uuid.UUID, changes: DiplomaUpdate) -> Diploma:
    try:
        raw = queries.update_mine(tx(user_id), changes.model_dump(exclude_unset=True))
    except psycopg.errors.UniqueViolation as exc:
        raise Conflict("That address is taken: choose another.", code="slug_taken") from exc
    if raw is None:
        raise NotFound("You have no diploma.")
    return _diploma(raw)


def signed(document: dict[str, Any]) -> dict[str, Any]:
    """The document with file evidence as short-lived signed URLs (one batch call)."""
    tasks = [t for q in document["completed_quests"] for t in q["tasks"]]
    paths = [t["evidence"]["path"] for t in tasks if t["evidence"] and t["evidence"]["path"]]
    urls = storage().signed_urls(paths, _ttl()) if paths else {}

    def evidence(found: dict[str, Any] | None) -> dict[str, Any] | None:
        if found is None:
            return None
        shown = {k: v for k, v in found.items() if k != "path"}
        return {**shown, "file_url": urls.get(found["path"]) if found["path"] else None}

    quests = [
        {**q, "tasks": [{**t, "evidence": evidence(t["evidence"])} for t in q["tasks"]]}
        for q in document["completed_quests"]
    ]
    return {**document, "completed_quests": quests}


def _diploma(raw: DiplomaDocument) -> Diploma:
    document = {
        **{k: raw[k] for k in ("slug", "is_public", "display_name", "headline", "bio")},
        "member_since": raw["member_since"],
        "accredited": bool(raw["accredited"]),
        "xp": xp_public(raw["xp"]),
        "completed_quests": raw["completed_quests"],
        "in_progress_quests": [
            {
                **{k: q[k] for k in ("id", "title", "source", "image_url", "started_at")},
                "progress": progress_public(q),
            }
            for q in raw["in_progress_quests"]
        ],
    }
    return Diploma(document, _etag(document), shared=raw["visible_to_anyone"])


def _etag(document: dict[str, Any]) -> str:
    """A hash of the document as stored. Signed URLs change with every signing, so they are left
    out; with files, the hash changes every half URL lifetime instead, so that a client told
    "not modified" still holds links valid for at least that long."""
    has_files = any(
        t["evidence"] and t["evidence"]["path"]
        for q in document["completed_quests"]
        for t in q["tasks"]
    )
    window = int(time.time()) // max(_ttl() // 2, 1) if has_files else None
    serialized = json.dumps([document, window], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(serialized.encode()).hexdigest()[:40]


def _ttl() -> int:
    return current_settings().signed_url_ttl_seconds
