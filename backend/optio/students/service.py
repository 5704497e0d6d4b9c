"""What a parent or advisor sees of their linked students, within each link's scope.

Rules the database enforces (supabase/schema/links.sql): every read here goes through the
caller's link (private.linked_student, linked_quests, linked_completions, the link policies of
user_skill_xp and xp_events), so a student who ends a link or narrows its scope is hidden or
blanked at once; public.suggest_quest takes a parent link.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..config import current_settings
from ..db import tx
from ..errors import Forbidden, NotFound
from ..pagination import cursor_of
from ..storage import storage
from . import queries
from .schemas import StudentCompletionQuery, StudentListQuery

_NOT_LINKED = "No such student among those you follow."


def students(user_id: uuid.UUID, params: StudentListQuery) -> dict[str, Any]:
    rows, count = queries.students(tx(user_id), limit=params.per_page, offset=params.offset)
    return params.page_of(rows, count)


def overview(user_id: uuid.UUID, student_id: uuid.UUID) -> dict[str, Any]:
    card, pillars, quests = queries.overview(tx(user_id), student_id)
    if card is None:
        raise NotFound(_NOT_LINKED, code="student_not_linked")
    return {
        "student": card,
        "xp_by_pillar": {p["pillar"]: p["xp"] for p in pillars},
        "in_progress": [q for q in quests if q["completed_at"] is None],
        "completed": [q for q in quests if q["completed_at"] is not None],
    }


def completions(
    user_id: uuid.UUID, student_id: uuid.UUID, params: StudentCompletionQuery
) -> dict[str, Any]:
    linked, rows = queries.completions(tx(user_id), student_id, params.cursor, params.limit)
    if not linked:
        raise NotFound(_NOT_LINKED, code="student_not_linked")
    page = rows[: params.limit]
    paths = [r["evidence_path"] for r in page if r["evidence_path"]]
    urls = storage().signed_urls(paths, current_settings().signed_url_ttl_seconds) if paths else {}
    last = page[-1] if len(rows) > params.limit else None
    return {
        "data": [_completion(r, urls) for r in page],
        "next_cursor": cursor_of(last["completed_at"], last["id"]) if last else None,
    }


def _completion(row: dict[str, Any], urls: dict[str, str]) -> dict[str, Any]:
    shown = {
        k: row[k]
        for k in (
            "id",
            "quest_id",
            "quest_title",
            "task_id",
            "task_title",
            "pillar",
            "xp_awarded",
            "completed_at",
            "is_private",
            "feedback_count",
        )
    }
    if not row["evidence_shown"]:
        return {**shown, "evidence": None}
    path = row["evidence_path"]
    return {
        **shown,
        "evidence": {
            "type": row["evidence_type"],
            "text": row["evidence_text"],
            "url": row["evidence_url"],
            "file_url": urls.get(path) if path else None,
            "content_type": row["evidence_content_type"],
            "size": row["evidence_size"],
            "is_private": row["is_private"],
        },
    }


def suggest(user_id: uuid.UUID, student_id: uuid.UUID, quest_id: uuid.UUID, note: str) -> None:
    outcome = queries.suggest(tx(user_id), student_id, quest_id, note)
    if outcome == "not_linked":
        raise Forbidden(
            "Only a parent linked to this student can suggest quests.", code="not_their_parent"
        )
    if outcome == "no_quest":
        raise NotFound("No such quest in the catalog.", code="quest_not_found")
