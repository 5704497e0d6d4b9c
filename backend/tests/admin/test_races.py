"""Catalog edits racing with students and with each other, against a committed database."""

from __future__ import annotations

import threading
import time

import httpx
import psycopg
import pytest

from ..factories import make_quest, make_user
from .conftest import enroll

CONCURRENCY = 8


@pytest.fixture
def settings_overrides():
    return {"db_pool_max_size": CONCURRENCY + 2}


def _wait_until_blocked(database_url: str, timeout: float = 10.0) -> None:
    """Until some session of the app waits for a lock."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(database_url, autocommit=True) as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.execute(
                "select count(*) from pg_stat_activity"
                " where datname = current_database() and wait_event_type = 'Lock'"
            ).fetchone()[0]
            if waiting:
                return
            time.sleep(0.02)
    raise AssertionError("the delete never waited for the completion's lock")


def test_a_task_completed_while_it_is_being_deleted_is_kept(app, conn, admin, database_url, server):
    quest = make_quest(conn, tasks=2)
    task = quest["tasks"][0]
    student = make_user(app)
    enroll(conn, student["id"], quest["id"])
    result: dict = {}

    with conn.transaction():  # a completion being recorded, not yet committed
        conn.execute(
            "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text)"
            " values (%s, %s, 'text', 'just in time')",
            (student["id"], task["id"]),
        )
        deleter = threading.Thread(
            target=lambda: result.update(
                resp=httpx.delete(
                    f"{server}/api/admin/quests/{quest['id']}/tasks/{task['id']}",
                    headers=admin[1],
                    timeout=30,
                )
            )
        )
        deleter.start()
        _wait_until_blocked(database_url)
    deleter.join(timeout=30)

    assert result["resp"].status_code == 409
    kept = conn.execute(
        "select (select count(*) from public.quest_tasks where id = %(t)s),"
        " (select count(*) from public.quest_task_completions where task_id = %(t)s),"
        " (select count(*) from public.xp_events where user_id = %(u)s)",
        {"t": task["id"], "u": student["id"]},
    ).fetchone()
    assert kept == (1, 1, 1)


def test_tasks_added_at_the_same_time_each_get_their_own_place(conn, admin, server):
    quest = make_quest(conn, tasks=1)
    barrier = threading.Barrier(CONCURRENCY)
    statuses: list[int] = []

    def add(i: int) -> None:
        with httpx.Client(base_url=server, timeout=30) as http:
            barrier.wait()
            resp = http.post(
                f"/api/admin/quests/{quest['id']}/tasks",
                json={"title": f"Extra {i}", "pillar": "stem_logic", "xp_value": 5},
                headers=admin[1],
            )
        statuses.append(resp.status_code)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(CONCURRENCY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert statuses == [201] * CONCURRENCY
    indexes = [
        r[0]
        for r in conn.execute(
            "select order_index from public.quest_tasks where quest_id = %s order by order_index",
            (quest["id"],),
        )
    ]
    assert indexes == list(range(CONCURRENCY + 1))
