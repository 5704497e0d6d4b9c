"""Twenty identical completions at the same instant, through a real HTTP server, against a
committed database: exactly one completion and one XP award."""

import threading

import httpx
import pytest

from ..concurrency import fire_together
from ..factories import bearer, login, make_quest, make_user

CONCURRENCY = 20


@pytest.fixture
def settings_overrides():
    return {"db_pool_max_size": CONCURRENCY}


def test_twenty_simultaneous_completions_award_xp_once(app, client, conn, server):
    quest = make_quest(conn, tasks=2, xp=[120, 30])
    user = make_user(app)
    headers = bearer(login(client, user))
    assert client.post(f"/api/quests/{quest['id']}/enroll", headers=headers).status_code == 200
    task = quest["tasks"][0]

    def send():
        with httpx.Client(base_url=server, timeout=30) as http:
            r = http.post(
                f"/api/tasks/{task['id']}/complete",
                json={"type": "text", "text": "race"},
                headers=headers,
            )
            return r.status_code, r.json()

    results = fire_together([send] * CONCURRENCY)
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] * (CONCURRENCY - 1) + [201], statuses
    assert len({body["completion"]["id"] for _, body in results}) == 1
    assert sum(body["xp_awarded"] for _, body in results) == 120

    counts = conn.execute(
        "select (select count(*) from public.quest_task_completions where user_id = %(u)s),"
        " (select count(*) from public.xp_events where user_id = %(u)s),"
        " (select xp_amount from public.user_skill_xp where user_id = %(u)s)",
        {"u": user["id"]},
    ).fetchone()
    assert counts == (1, 1, 120)


def test_the_last_two_tasks_finished_together_still_complete_the_quest(app, client, conn, server):
    quest = make_quest(conn, tasks=2)
    user = make_user(app)
    headers = bearer(login(client, user))
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    tasks = iter(quest["tasks"])
    lock = threading.Lock()

    def send():
        with lock:
            task = next(tasks)
        with httpx.Client(base_url=server, timeout=30) as http:
            return http.post(
                f"/api/tasks/{task['id']}/complete",
                json={"type": "text", "text": "x"},
                headers=headers,
            ).json()

    results = fire_together([send, send])
    assert sorted(r["quest_completed"] for r in results) == [False, True]
    completed_at = conn.execute(
        "select completed_at from public.user_quests where user_id = %s", (user["id"],)
    ).fetchone()[0]
    assert completed_at is not None
