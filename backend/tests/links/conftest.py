"""The cast of links: a student with work (a public, a private completion), their linked parent
and advisor, an unlinked parent and advisor, another student and an admin; and factories that
write links and invitations straight to the database."""

from __future__ import annotations

from typing import Any

import pytest

from ..factories import bearer, login, make_quest, make_user
from ..teams.conftest import complete, enroll

CAST = {
    "student": "student",
    "parent": "parent",
    "advisor": "advisor",
    "stranger_parent": "parent",
    "stranger_advisor": "advisor",
    "other_student": "student",
    "admin": "admin",
}


def make_link(conn, student: Any, supporter: Any, relation: str, scope: str | None = None) -> Any:
    """A committed link; its id."""
    return conn.execute(
        "insert into public.student_links (student_id, supporter_id, relation, scope)"
        " values (%s, %s, %s, coalesce(%s, private.default_link_scope(%s))) returning id",
        (student, supporter, relation, scope, relation),
    ).fetchone()[0]


@pytest.fixture
def users(app) -> dict[str, dict[str, Any]]:
    return {
        name: make_user(app, role=role, username=name, first_name=name.title())
        for name, role in CAST.items()
    }


@pytest.fixture
def people(users) -> dict[str, Any]:
    """Each actor's user id (None for anon)."""
    return {"anon": None, **{name: user["id"] for name, user in users.items()}}


@pytest.fixture
def work(conn, people) -> dict[str, Any]:
    """The student's quest with one public and one private text completion; the links of the
    parent (default scope: evidence) and the advisor (default: progress)."""
    quest = make_quest(conn, tasks=3)
    enroll(conn, people["student"], quest["id"])
    complete(conn, people["student"], quest["tasks"][0]["id"], "my public essay")
    complete(conn, people["student"], quest["tasks"][1]["id"], "my private diary", private=True)
    ids = dict(
        conn.execute(
            "select task_id, id from public.quest_task_completions where user_id = %s",
            (people["student"],),
        ).fetchall()
    )
    return {
        "quest": quest,
        "public": ids[quest["tasks"][0]["id"]],
        "private": ids[quest["tasks"][1]["id"]],
        "parent_link": make_link(conn, people["student"], people["parent"], "parent"),
        "advisor_link": make_link(conn, people["student"], people["advisor"], "advisor"),
    }


@pytest.fixture
def sessions(app, users) -> dict[str, dict[str, str]]:
    """Authorization headers of each actor ({} for anon), each signed in on its own client."""
    headers = {name: bearer(login(app.test_client(), user)) for name, user in users.items()}
    return {"anon": {}, **headers}
