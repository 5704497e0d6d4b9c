"""People and activity for the admin tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from ..factories import signed_in


@pytest.fixture
def admin(client, app) -> tuple[dict[str, Any], dict[str, str]]:
    """A signed-in admin and their Authorization header."""
    return signed_in(client, app, role="admin", first_name="Ada", last_name="Admin")


@pytest.fixture
def student(client, app) -> tuple[dict[str, Any], dict[str, str]]:
    """A signed-in student and their Authorization header."""
    return signed_in(client, app)


def enroll(conn, user_id, quest_id, *, at: datetime | None = None, completed: bool = False):
    """An enrollment started `at` (now by default), optionally marked completed."""
    conn.execute(
        "insert into public.user_quests (user_id, quest_id, started_at, completed_at)"
        " values (%s, %s, coalesce(%s, now()), case when %s then now() end)",
        (user_id, quest_id, at, completed),
    )


def complete(conn, user_id, task_id, *, at: datetime | None = None) -> None:
    """A text completion at `at` (now by default); the database awards its XP."""
    conn.execute(
        "insert into public.quest_task_completions"
        " (user_id, task_id, evidence_type, evidence_text, completed_at)"
        " values (%s, %s, 'text', 'done', coalesce(%s, now()))",
        (user_id, task_id, at),
    )


def audit_rows(conn, action: str | None = None) -> list[dict[str, Any]]:
    rows = conn.execute(
        "select actor_id, action, target_type, target_id, before, after from public.audit_log"
        " where %(action)s::text is null or action = %(action)s order by id",
        {"action": action},
    ).fetchall()
    keys = ("actor_id", "action", "target_type", "target_id", "before", "after")
    return [dict(zip(keys, row, strict=True)) for row in rows]
