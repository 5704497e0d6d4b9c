"""Admins add, change and retire achievements; adding one unlocks it in the background for
exactly the students who already qualify, and running that backfill again changes nothing.
Nobody else writes the catalog or an unlock, as a direct client with plain SQL."""

from __future__ import annotations

import json

import psycopg
import pytest

from ..account.conftest import run_jobs
from ..conftest import acting_as
from ..factories import make_quest, signed_in
from .conftest import complete

NEW = {
    "key": "two_tasks",
    "name": "Double",
    "description": "Complete two tasks.",
    "icon": "flag",
    "category": "quests",
    "condition": {"kind": "tasks_completed", "at_least": 2},
    "xp_reward": 20,
    "reward_pillar": "society_culture",
}


def student_with_tasks(client, app, conn, n):
    quest = make_quest(conn, tasks=3)
    user, headers = signed_in(client, app)
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    for task in quest["tasks"][:n]:
        assert complete(client, headers, task["id"]).status_code == 201
    return user


def holders(conn):
    return conn.execute(
        "select user_id, count(*) from public.user_achievements"
        " where achievement_key = 'two_tasks' group by user_id"
    ).fetchall()


def test_adding_one_backfills_exactly_the_qualifying_students_once(client, app, conn):
    _, admin = signed_in(client, app, role="admin")
    qualified = [student_with_tasks(client, app, conn, n)["id"] for n in (2, 3)]
    student_with_tasks(client, app, conn, 1)
    answer = client.post("/api/admin/achievements", json=NEW, headers=admin)
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["unlocked_by"] == 0
    assert holders(conn) == []  # not in the admin's request: in the background
    assert run_jobs(app) >= 1
    assert sorted(holders(conn)) == sorted((u, 1) for u in qualified)
    rewards = conn.execute(
        "select count(*), sum(amount) from public.xp_events where source_type = 'achievement'"
    ).fetchone()
    assert rewards == (2, 40)

    # Again: the same job run twice (a retry after a crash) changes nothing.
    conn.execute(
        "insert into private.jobs (kind, args) values ('achievements.backfill', %s)",
        (json.dumps({"key": "two_tasks"}),),
    )
    assert run_jobs(app) == 1
    assert sorted(holders(conn)) == sorted((u, 1) for u in qualified)
    assert (
        conn.execute(
            "select count(*) from public.xp_events where source_type = 'achievement'"
        ).fetchone()[0]
        == 2
    )
    listed = client.get("/api/admin/achievements", headers=admin).get_json()
    assert [(a["key"], a["unlocked_by"]) for a in listed["achievements"]] == [("two_tasks", 2)]


def test_an_admin_renames_and_retires_and_each_change_is_audited(client, app, conn):
    _, admin = signed_in(client, app, role="admin")
    client.post("/api/admin/achievements", json=NEW, headers=admin)
    renamed = client.patch(
        "/api/admin/achievements/two_tasks", json={"name": "Twice"}, headers=admin
    )
    assert renamed.status_code == 200 and renamed.get_json()["name"] == "Twice"
    retired = client.patch(
        "/api/admin/achievements/two_tasks", json={"retired": True}, headers=admin
    )
    assert retired.get_json()["retired_at"] is not None
    restored = client.patch(
        "/api/admin/achievements/two_tasks", json={"retired": False}, headers=admin
    )
    assert restored.get_json()["retired_at"] is None
    actions = [
        r[0]
        for r in conn.execute(
            "select action from public.audit_log where target_type = 'achievement' order by id"
        )
    ]
    assert actions == ["achievement.create"] + ["achievement.update"] * 3
    missing = client.patch("/api/admin/achievements/nope", json={"name": "X"}, headers=admin)
    assert missing.status_code == 404


@pytest.mark.parametrize(
    "change, field",
    [
        ({"key": "Bad Key"}, "key"),
        ({"condition": {"kind": "tasks_completed", "at_least": 0}}, "condition"),
        ({"condition": {"kind": "magic", "at_least": 1}}, "condition"),
        ({"condition": {"kind": "evidence_kinds", "at_least": 5}}, "condition"),
        ({"xp_reward": 10, "reward_pillar": None}, "reward_pillar"),
    ],
)
def test_a_bad_achievement_is_refused_and_nothing_is_added(client, app, conn, change, field):
    _, admin = signed_in(client, app, role="admin")
    answer = client.post("/api/admin/achievements", json={**NEW, **change}, headers=admin)
    assert answer.status_code in (400, 422), answer.get_json()
    assert field in json.dumps(answer.get_json())
    assert conn.execute("select count(*) from public.achievements").fetchone()[0] == 0


def test_a_taken_key_is_a_conflict(client, app):
    _, admin = signed_in(client, app, role="admin")
    client.post("/api/admin/achievements", json=NEW, headers=admin)
    answer = client.post("/api/admin/achievements", json=NEW, headers=admin)
    assert answer.status_code == 409


def test_students_neither_add_nor_unlock_nor_change_one(client, app, conn):
    student, headers = signed_in(client, app)
    assert client.post("/api/admin/achievements", json=NEW, headers=headers).status_code == 403
    admin, admin_headers = signed_in(client, app, role="admin")
    client.post("/api/admin/achievements", json=NEW, headers=admin_headers)
    with acting_as(conn, student["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(
            "insert into public.user_achievements (user_id, achievement_key)"
            " values (%s, 'two_tasks')",
            (student["id"],),
        )
    with acting_as(conn, student["id"]) as cur:
        cur.execute("update public.achievements set name = 'Mine' where key = 'two_tasks'")
        assert cur.rowcount == 0
    with acting_as(conn, student["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute(
            "insert into public.achievements (key, name, description, category, condition)"
            " values ('x_y', 'X', 'X', 'xp', '{\"kind\": \"total_xp\", \"at_least\": 1}')"
        )
    with acting_as(conn, admin["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("update public.achievements set condition = '{}' where key = 'two_tasks'")
    with acting_as(conn, student["id"]) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        cur.execute("select private.unlock_achievements(%s)", (student["id"],))
