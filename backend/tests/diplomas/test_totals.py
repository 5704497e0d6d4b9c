"""The totals a diploma shows are kept by the database and always equal a recount, whatever
changes the history: enrolling, completing, abandoning, an admin removing a task or a quest."""

from __future__ import annotations

import pytest

from ..factories import make_quest, signed_in
from .conftest import complete

RECOUNT = """
select
  (select count(*) from public.user_quests uq
   where uq.user_id = u.id and uq.completed_at is not null),
  (select count(*) from public.user_quests uq
   where uq.user_id = u.id and uq.is_active and uq.completed_at is null),
  (select count(*) from public.quest_task_completions c where c.user_id = u.id)
from public.users u where u.id = %(id)s"""

KEPT = """
select completed_quests, quests_in_progress, completed_tasks, version
from private.diploma_totals where user_id = %(id)s"""


def totals(conn, user_id) -> tuple[tuple[int, ...], int]:
    """(kept counts, version), after checking the counts against a recount."""
    *kept, version = conn.execute(KEPT, {"id": user_id}).fetchone()
    assert tuple(kept) == conn.execute(RECOUNT, {"id": user_id}).fetchone()
    return tuple(kept), version


@pytest.fixture
def lea(client, app, conn):
    user, headers = signed_in(client, app)
    return {**user, "headers": headers}


def test_a_new_student_starts_at_zero(conn, lea):
    assert totals(conn, lea["id"]) == ((0, 0, 0), 0)


def test_enrolling_completing_and_abandoning_through_the_api_keep_the_counts(client, conn, lea):
    quest = make_quest(conn, tasks=2)
    other = make_quest(conn, tasks=1)
    steps = [
        ("post", f"/api/quests/{quest['id']}/enroll", None, (0, 1, 0)),
        ("post", f"/api/quests/{other['id']}/enroll", None, (0, 2, 0)),
        (
            "post",
            f"/api/tasks/{quest['tasks'][0]['id']}/complete",
            {"type": "text", "text": "a"},
            (0, 2, 1),
        ),
        (
            "post",
            f"/api/tasks/{quest['tasks'][1]['id']}/complete",
            {"type": "text", "text": "b"},
            (1, 1, 2),
        ),
        ("post", f"/api/quests/{other['id']}/abandon", None, (1, 0, 2)),
        ("post", f"/api/quests/{other['id']}/enroll", None, (1, 1, 2)),
    ]
    version = 0
    for method, url, body, expected in steps:
        resp = getattr(client, method)(url, json=body, headers=lea["headers"])
        assert resp.status_code < 300, (url, resp.get_json())
        counts, newer = totals(conn, lea["id"])
        assert counts == expected, url
        assert newer > version, url
        version = newer


def test_an_admin_removing_a_task_or_a_quest_keeps_the_counts(app, client, conn, lea):
    quests = [make_quest(conn, tasks=3) for _ in range(3)]
    for quest in quests:
        complete(conn, lea["id"], quest)
    someone = signed_in(client, app)[0]
    complete(conn, someone["id"], quests[0], [{}])
    assert totals(conn, lea["id"])[0] == (3, 0, 9)
    conn.execute("delete from public.quest_tasks where id = %s", (quests[0]["tasks"][0]["id"],))
    assert totals(conn, lea["id"])[0] == (3, 0, 8)
    conn.execute("delete from public.quests where id = any(%s)", ([q["id"] for q in quests[:2]],))
    assert totals(conn, lea["id"])[0] == (1, 0, 3)
    assert totals(conn, someone["id"])[0] == (0, 0, 0)


def test_removing_a_student_removes_their_totals(conn, lea):
    conn.execute(  # enrolled only: a student with XP cannot be removed (xp_events append-only)
        "insert into public.user_quests (user_id, quest_id) values (%s, %s)",
        (lea["id"], make_quest(conn, tasks=2)["id"]),
    )
    conn.execute("delete from auth.users where id = %s", (lea["id"],))
    assert conn.execute(KEPT, {"id": lea["id"]}).fetchone() is None


def test_changing_a_task_touches_its_quest(conn):
    quest = make_quest(conn, tasks=2)

    def updated_at():
        return conn.execute(
            "select updated_at from public.quests where id = %s", (quest["id"],)
        ).fetchone()[0]

    before = updated_at()
    conn.execute(
        "update public.quest_tasks set xp_value = 99 where id = %s", (quest["tasks"][0]["id"],)
    )
    touched = updated_at()
    assert touched > before
    conn.execute("delete from public.quest_tasks where id = %s", (quest["tasks"][1]["id"],))
    assert updated_at() > touched
