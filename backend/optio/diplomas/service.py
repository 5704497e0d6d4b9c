"""Diplomas: who may read which, a bounded first view, completed quests a page or one at a time,
evidence files through short-lived links, and the owner's edits.

Rules the database enforces (supabase/schema/diplomas.sql):
- trigger users_create_diploma (20261122000310_diplomas.sql): every profile gets one diploma
  with a readable unique slug (`first-last`, `-2` on collision).
- policies diplomas_read_public / diplomas_read / diplomas_update_own and the column grant
  update (slug, is_public, headline, bio, featured_quest_ids) (same migration and
  20261202300100_bounded_diplomas.sql): the public see public diplomas only; I change only
  those columns of mine.
- check diplomas_featured_shape and trigger diplomas_check_featured
  (20261202300100_bounded_diplomas.sql): at most 6 featured quests, each once, each one I
  completed when I add it.
- private.readable_diploma, used by private.diploma_front / diploma_quests / diploma_quest /
  diploma_evidence (same migration), definer: a diploma is readable when it is public and its
  owner active, or by its owner or an admin; nothing read through them holds the e-mail,
  evidence marked private, or a file outside the student's own folder.
- private.diploma_totals, kept by statement triggers on user_quests and
  quest_task_completions, and quests.updated_at, touched when a task changes (same migration):
  the counts a diploma shows and the versions its ETags are made of, so a 304 never builds a
  document.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg

from ..config import current_settings
from ..db import tx
from ..errors import Conflict, Invalid, NotFound
from ..pagination import Position, cursor_of
from ..quests.service import progress_public
from ..storage import storage
from ..xp.service import xp_public
from . import queries
from .queries import (
    EvidenceJson,
    FrontJson,
    QuestDetailJson,
    QuestKeyJson,
    QuestPageJson,
    Versioned,
)
from .schemas import DiplomaUpdate

NO_SUCH_DIPLOMA = "No diploma is published at this address."
NO_SUCH_QUEST = "This diploma shows no such completed quest."
NO_SUCH_FILE = "This diploma shows no such file."
NOT_COMPLETED = "Only a quest you completed can be featured."


@dataclass(frozen=True)
class Diploma:
    """A part of a diploma as the caller may see it."""

    etag: str
    shared: bool  # visible to anyone, so shared caches may keep it
    document: dict[str, Any] | None  # None: the caller's If-None-Match names this version


def diploma_by_slug(slug: str, known: Sequence[str] = ()) -> Diploma:
    """The first view of the diploma at `slug`; a private one reads exactly like a missing one."""
    found = queries.front(tx(), slug, known)
    if found is None:
        raise NotFound(NO_SUCH_DIPLOMA)
    return _answer(found, _front, slug)


CARD_TAG = "card-1."  # the card's ETag is the first view's under this prefix; bump it on a redesign


def diploma_card(slug: str, known: Sequence[str] = ()) -> Diploma:
    """What the link-preview card of the diploma at `slug` is drawn from (optio.diplomas.card):
    its first view, seen by whoever may read that and versioned by it, since the card shows
    nothing else. So it costs the same one round trip, and a 304 draws nothing."""
    front = diploma_by_slug(
        slug, [k.removeprefix(CARD_TAG) for k in known if k == "*" or k.startswith(CARD_TAG)]
    )
    return Diploma(CARD_TAG + front.etag, front.shared, front.document)


def my_diploma(user_id: uuid.UUID, known: Sequence[str] = ()) -> Diploma:
    found = queries.my_front(tx(user_id), known)
    if found is None:
        raise NotFound("You have no diploma.")
    return _answer(found, _front, "")


def update_my_diploma(user_id: uuid.UUID, changes: DiplomaUpdate) -> Diploma:
    try:
        found = queries.update_mine(tx(user_id), changes.model_dump(exclude_unset=True))
    except psycopg.errors.UniqueViolation as exc:
        raise Conflict("That address is taken: choose another.", code="slug_taken") from exc
    except psycopg.errors.CheckViolation as exc:
        # The request model already keeps the list to 6 quests, each once.
        if exc.diag.constraint_name != "diplomas_featured_completed":
            raise
        raise Invalid(
            NOT_COMPLETED, code="featured_not_completed", details=[_NOT_COMPLETED]
        ) from exc
    if found is None:
        raise NotFound("You have no diploma.")
    return _answer(found, _front, "")


def completed_quests(
    slug: str, after: Position | None, limit: int, known: Sequence[str] = ()
) -> Diploma:
    """A page of the diploma's completed quests, newest first, after `after`."""
    found = queries.quests(tx(), slug, after, limit, known)
    if found is None:
        raise NotFound(NO_SUCH_DIPLOMA)
    return _answer(found, _page, slug)


def completed_quest(slug: str, quest_id: uuid.UUID, known: Sequence[str] = ()) -> Diploma:
    """One completed quest of the diploma, with its tasks and evidence."""
    found = queries.quest(tx(), slug, quest_id, known)
    if found is None:
        raise NotFound(NO_SUCH_QUEST)
    return _answer(found, _quest, slug)


def evidence_link(slug: str, completion_id: uuid.UUID) -> str:
    """A short-lived link to an evidence file the diploma shows. The query has committed by
    then, so no transaction waits on Storage."""
    path = queries.evidence_path(tx(), slug, completion_id)
    link = storage().signed_urls([path], current_settings().signed_url_ttl_seconds) if path else {}
    if path not in link:
        raise NotFound(NO_SUCH_FILE)
    return link[path]


def _answer(found: Versioned, shape: Callable[[Any, str], dict[str, Any]], slug: str) -> Diploma:
    raw = found["document"]
    document = None if raw is None else shape(raw, slug)
    return Diploma(found["etag"], found["visible_to_anyone"], document)


def _front(raw: FrontJson, _slug: str) -> dict[str, Any]:
    return {
        **raw,
        "xp": xp_public(raw["xp"]),
        "more_quests": _cursor(raw["more_quests"]),
        "in_progress_quests": [
            {
                **{k: q[k] for k in ("id", "title", "source", "started_at")},
                "progress": progress_public(q),
            }
            for q in raw["in_progress_quests"]
        ],
    }


def _page(raw: QuestPageJson, _slug: str) -> dict[str, Any]:
    return {"data": raw["data"], "next_cursor": _cursor(raw["next"])}


def _quest(raw: QuestDetailJson, slug: str) -> dict[str, Any]:
    """File evidence as this API's link to it (signed only when followed: no signed URL is ever
    part of a document that may be cached)."""

    def evidence(found: EvidenceJson | None) -> dict[str, Any] | None:
        if found is None:
            return None
        shown = {k: v for k, v in found.items() if k != "file"}
        file = found["file"]
        return {**shown, "file_url": f"/api/diplomas/{slug}/evidence/{file}" if file else None}

    tasks = [{**t, "evidence": evidence(t["evidence"])} for t in raw["tasks"]]
    return {**raw, "tasks": tasks}


def _cursor(key: QuestKeyJson | None) -> str | None:
    return cursor_of(key["completed_at"], key["id"]) if key else None


_NOT_COMPLETED = {
    "field": "featured_quest_ids",
    "location": "body",
    "message": NOT_COMPLETED,
    "type": "featured_not_completed",
}
