"""Diploma factories: students with history written straight to the database, for speed."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
import pytest

from optio.storage import storage

from ..conftest import acting_as
from ..factories import make_quest, make_user, signed_in

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def diploma_of(conn: psycopg.Connection, user_id: Any) -> dict[str, Any]:
    row = conn.execute(
        "select id, slug, is_public, headline, bio from public.diplomas where user_id = %s",
        (user_id,),
    ).fetchone()
    assert row is not None
    return dict(zip(("id", "slug", "is_public", "headline", "bio"), row, strict=True))


def publish(conn: psycopg.Connection, user_id: Any, is_public: bool = True) -> str:
    """Make the user's diploma public (or private); returns its slug."""
    return conn.execute(
        "update public.diplomas set is_public = %s where user_id = %s returning slug",
        (is_public, user_id),
    ).fetchone()[0]


def complete(
    conn: psycopg.Connection,
    user_id: Any,
    quest: dict[str, Any],
    evidence: list[dict[str, Any]] | None = None,
) -> None:
    """Enroll the user and complete the quest's first len(evidence) tasks (all, by default) with
    the given evidence columns (default: public text)."""
    evidence = evidence or [{} for _ in quest["tasks"]]
    conn.execute(
        "insert into public.user_quests (user_id, quest_id) values (%s, %s) on conflict do nothing",
        (user_id, quest["id"]),
    )
    for task, given in zip(quest["tasks"], evidence, strict=False):
        cols = {"evidence_type": "text", "evidence_text": f"Did {task['id']}", **given}
        names = ", ".join(cols)
        marks = ", ".join(["%s"] * len(cols))
        conn.execute(
            f"insert into public.quest_task_completions (user_id, task_id, {names})"
            f" values (%s, %s, {marks})",
            (user_id, task["id"], *cols.values()),
        )


def history(conn: psycopg.Connection, user_id: Any, completions: int) -> None:
    """`completions` completed tasks across completed quests of 10 tasks; every third one's
    evidence is private."""
    for start in range(0, completions, 10):
        quest = make_quest(conn, tasks=10, xp=25)
        conn.execute(
            "insert into public.user_quests (user_id, quest_id) values (%s, %s)",
            (user_id, quest["id"]),
        )
        with conn.cursor() as cur:
            cur.executemany(
                "insert into public.quest_task_completions"
                " (user_id, task_id, evidence_type, evidence_text, is_private)"
                " values (%s, %s, 'text', %s, %s)",
                [
                    (user_id, t["id"], f"work {start + i}", (start + i) % 3 == 0)
                    for i, t in enumerate(quest["tasks"][: completions - start])
                ],
            )


def stored_png(app, owner_id: uuid.UUID) -> str:
    """A PNG in the app's evidence storage; returns its key."""
    with app.app_context():
        return storage().put(owner_id, PNG, "image/png", "png")


@pytest.fixture
def student(client, app):
    """A signed-in student: (profile, headers)."""
    return signed_in(client, app, first_name="Ana", last_name="López")


@pytest.fixture
def visitor(app):
    """A client with no session: `client` keeps the cookies of whoever signed in last."""
    return app.test_client()


@pytest.fixture
def admin_headers(client, app):
    return signed_in(client, app, role="admin")[1]


# Who may do what, through the API and the database roles -------------------------------------

ACTORS = ["anon", "owner", "other", "admin"]
DENIED = "denied"


@pytest.fixture
def people(app, conn):
    """The owner's diploma is private unless a test publishes it."""
    owner = make_user(app, first_name="Olga", last_name="Owner")
    other = make_user(app, first_name="Otto", last_name="Other")
    admin = make_user(app, role="admin", first_name="Ada", last_name="Admin")
    return {"anon": None, "owner": owner, "other": other, "admin": admin}


def actor_id(people, actor):
    return people[actor]["id"] if people[actor] else None


def attempt_as(conn, people, actor, statement, params=()):
    """The statement's row count as `actor`, or DENIED when the database refuses it outright."""
    with acting_as(conn, actor_id(people, actor)) as cur:
        try:
            cur.execute(statement, params)
        except psycopg.errors.InsufficientPrivilege:
            return DENIED
        return len(cur.fetchall()) if cur.description else cur.rowcount


@pytest.fixture
def completed(conn, people):
    """A quest the owner completed, and one they only started."""
    done, going = make_quest(conn, tasks=1), make_quest(conn, tasks=2)
    complete(conn, people["owner"]["id"], done)
    complete(conn, people["owner"]["id"], going, [{}])
    return {"done": done["id"], "going": going["id"]}


@pytest.fixture
def maya(client, app, conn):
    """Maya's public diploma: a completed quest with a file, another in progress."""
    user, headers = signed_in(client, app, first_name="Maya", last_name="Ray")
    done = make_quest(conn, title="Map the stars", tasks=2)
    complete(
        conn,
        user["id"],
        done,
        [
            {},
            {
                "evidence_type": "image",
                "evidence_text": None,
                "evidence_path": stored_png(app, user["id"]),
                "evidence_content_type": "image/png",
                "evidence_size": 48,
            },
        ],
    )
    going = make_quest(conn, title="Learn a song", tasks=3)
    complete(conn, user["id"], going, [{}])
    slug = publish(conn, user["id"])
    return {**user, "headers": headers, "slug": slug, "done": done, "going": going}


def parts(person) -> list[str]:
    slug = person["slug"]
    return [
        f"/api/diplomas/{slug}",
        f"/api/diplomas/{slug}/quests",
        f"/api/diplomas/{slug}/quests/{person['done']['id']}",
    ]
