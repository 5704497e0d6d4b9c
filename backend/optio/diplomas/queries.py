"""SQL of diplomas. Each part of a diploma comes from one definer function that decides who may
see it, versions it (the ETag) and leaves its document out when the caller already holds that
version: one round trip, which also commits (a read has nothing to keep open)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, TypedDict, cast

from psycopg import sql

from ..db import Tx
from ..pagination import Position
from ..quests.queries import ProgressCounts


class Versioned(TypedDict):
    """A part of a diploma as the caller may see it: no row at all when they may not."""

    etag: str
    visible_to_anyone: bool
    document: Any  # None when `known` named this etag


class QuestKeyJson(TypedDict):
    """Where a list of completed quests stopped: what its cursor encodes."""

    completed_at: str
    id: str


class QuestSummaryJson(TypedDict):
    id: str
    title: str
    description: str
    source: str
    started_at: str
    completed_at: str
    xp_earned: int
    tasks_completed: int
    pillars: list[str]


class InProgressQuestJson(ProgressCounts):
    id: str
    title: str
    source: str
    started_at: str


class FrontJson(TypedDict):
    """The document private.diploma_front builds."""

    slug: str
    is_public: bool
    headline: str | None
    bio: str | None
    display_name: str
    member_since: str
    accredited: bool
    xp: dict[str, int]
    totals: dict[str, int]
    featured_quests: list[QuestSummaryJson]
    recent_quests: list[QuestSummaryJson]
    more_quests: QuestKeyJson | None
    in_progress_quests: list[InProgressQuestJson]


class QuestPageJson(TypedDict):
    data: list[QuestSummaryJson]
    next: QuestKeyJson | None


class EvidenceJson(TypedDict):
    """Shown evidence of a diploma task; `file` is the completion's id when it has a file."""

    type: str
    text: str | None
    url: str | None
    file: str | None
    content_type: str | None


class DiplomaTaskJson(TypedDict):
    id: str
    title: str
    pillar: str
    xp_awarded: int
    completed_at: str
    evidence: EvidenceJson | None  # None when the student keeps it private


class QuestDetailJson(TypedDict):
    id: str
    title: str
    description: str
    source: str
    image_url: str | None
    started_at: str
    completed_at: str
    xp_earned: int
    tasks: list[DiplomaTaskJson]


FRONT = """
select f.etag, f.visible_to_anyone, f.document
from private.diploma_front(%(slug)s, %(known)s) f"""

MY_FRONT = """
select f.etag, f.visible_to_anyone, f.document
from public.diplomas d
cross join lateral private.diploma_front(d.slug, %(known)s) f
where d.user_id = (select auth.uid())"""

QUESTS = """
select p.etag, p.visible_to_anyone, p.document
from private.diploma_quests(%(slug)s, %(after_at)s, %(after_id)s, %(limit)s, %(known)s) p"""

QUEST = """
select q.etag, q.visible_to_anyone, q.document
from private.diploma_quest(%(slug)s, %(quest_id)s, %(known)s) q"""

EVIDENCE = "select private.diploma_evidence(%(slug)s, %(completion_id)s) as path"

_UPDATE_MINE = sql.SQL(
    "update public.diplomas set {assignments} where user_id = (select auth.uid())"
)


def _versioned(tx: Tx, statement: str, params: dict[str, Any]) -> Versioned | None:
    [rows] = tx.run((statement, params), commit=True)
    return cast(Versioned, rows[0]) if rows else None


def front(tx: Tx, slug: str, known: Sequence[str]) -> Versioned | None:
    """The first view of the diploma at `slug`, or None when it is missing or hidden from the
    caller; its document is a FrontJson."""
    return _versioned(tx, FRONT, {"slug": slug, "known": list(known)})


def my_front(tx: Tx, known: Sequence[str]) -> Versioned | None:
    return _versioned(tx, MY_FRONT, {"known": list(known)})


def quests(
    tx: Tx, slug: str, after: Position | None, limit: int, known: Sequence[str]
) -> Versioned | None:
    """A page of the diploma's completed quests (QuestPageJson) after `after`."""
    params = {
        "slug": slug,
        "after_at": after.at if after else None,
        "after_id": after.id if after else None,
        "limit": limit,
        "known": list(known),
    }
    return _versioned(tx, QUESTS, params)


def quest(tx: Tx, slug: str, quest_id: uuid.UUID, known: Sequence[str]) -> Versioned | None:
    """One completed quest of the diploma (QuestDetailJson)."""
    return _versioned(tx, QUEST, {"slug": slug, "quest_id": quest_id, "known": list(known)})


def evidence_path(tx: Tx, slug: str, completion_id: uuid.UUID) -> str | None:
    """The storage key of a file the diploma shows, when the caller may see it."""
    [rows] = tx.run((EVIDENCE, {"slug": slug, "completion_id": completion_id}), commit=True)
    return cast(str | None, rows[0]["path"])


def update_mine(tx: Tx, changes: dict[str, Any]) -> Versioned | None:
    """Change my diploma as myself (the column grants, RLS and the featured-quests trigger
    decide what may change) and read its new first view, in one round trip."""
    update = _UPDATE_MINE.format(
        assignments=sql.SQL(", ").join(
            sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in changes
        )
    )
    _, rows = tx.run((update, changes), (MY_FRONT, {"known": []}))
    return cast(Versioned, rows[0]) if rows else None
