"""Achievements unlock once per student, in the transaction of the event that earns them: the
reward is a ledger event of its own and a notification says so; under a race of completions
that each earn it, still once."""

from __future__ import annotations

import httpx
import pytest

from ..concurrency import fire_together
from ..factories import bearer, login, make_quest, make_user, signed_in
from .conftest import add_achievement, complete

RACERS = 20


@pytest.fixture
def settings_overrides():
    return {"db_pool_max_size": RACERS}


def unlocks(conn, user_id):
    return conn.execute(
        "select (select count(*) from public.user_achievements where user_id = %(u)s),"
        " (select count(*) from public.xp_events where user_id = %(u)s"
        "   and source_type = 'achievement'),"
        " (select count(*) from public.notifications where user_id = %(u)s"
        "   and type = 'achievement_unlocked')",
        {"u": user_id},
    ).fetchone()


def test_a_completion_unlocks_with_its_reward_and_a_notification(client, app, conn):
    add_achievement(
        conn, "first_step", {"kind": "tasks_completed", "at_least": 1}, 15, "arts_creativity"
    )
    add_achievement(conn, "two_quests", {"kind": "quests_completed", "at_least": 2})
    quest = make_quest(conn, tasks=2, xp=30, pillars=["stem_logic"])
    user, headers = signed_in(client, app)
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    assert complete(client, headers, quest["tasks"][0]["id"]).status_code == 201
    assert unlocks(conn, user["id"]) == (1, 1, 1)
    xp = client.get("/api/users/me/xp", headers=headers).get_json()
    assert {p["pillar"]: p["xp"] for p in xp["pillars"]}["arts_creativity"] == 15
    assert complete(client, headers, quest["tasks"][1]["id"]).status_code == 201
    assert unlocks(conn, user["id"]) == (1, 1, 1)  # once, and the quest count is not yet 2
    mine = client.get("/api/users/me/achievements", headers=headers).get_json()
    assert [a["key"] for a in mine["achievements"]] == ["first_step"]
    notes = client.get("/api/notifications", headers=headers).get_json()
    titles = [n["title"] for n in notes["data"]]
    assert "Achievement unlocked: First Step" in titles


def test_each_condition_kind_unlocks_at_its_threshold(client, app, conn):
    for key, condition in (
        ("pillar", {"kind": "pillar_xp", "pillar": "stem_logic", "at_least": 60}),
        ("total", {"kind": "total_xp", "at_least": 90}),
        ("kinds", {"kind": "evidence_kinds", "at_least": 2}),
        ("streak", {"kind": "streak", "at_least": 1}),
        ("quest", {"kind": "quests_completed", "at_least": 1}),
        ("tasks", {"kind": "tasks_completed", "at_least": 3}),
        ("team", {"kind": "team_quests_completed", "at_least": 1}),
    ):
        add_achievement(conn, f"c_{key}", condition)
    quest = make_quest(conn, tasks=3, xp=30, pillars=["stem_logic"])
    user, headers = signed_in(client, app)
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)

    def held():
        return {
            r[0]
            for r in conn.execute(
                "select achievement_key from public.user_achievements where user_id = %s",
                (user["id"],),
            )
        }

    complete(client, headers, quest["tasks"][0]["id"])
    assert held() == {"c_streak"}
    complete(client, headers, quest["tasks"][1]["id"], kind="link")
    assert held() == {"c_streak", "c_pillar", "c_kinds"}
    complete(client, headers, quest["tasks"][2]["id"])
    assert held() == {"c_streak", "c_pillar", "c_kinds", "c_total", "c_quest", "c_tasks"}


def test_racing_completions_that_each_earn_it_unlock_it_once(app, client, conn, server):
    add_achievement(
        conn, "race_prize", {"kind": "tasks_completed", "at_least": 1}, 15, "stem_logic"
    )
    quest = make_quest(conn, tasks=RACERS, xp=10)
    user = make_user(app)
    headers = bearer(login(client, user))
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)

    def send(task_id):
        def go():
            with httpx.Client(base_url=server, timeout=60) as http:
                return http.post(
                    f"/api/tasks/{task_id}/complete",
                    json={"type": "text", "text": "done"},
                    headers=headers,
                )

        return go

    results = fire_together([send(t["id"]) for t in quest["tasks"]])
    assert [r.status_code for r in results] == [201] * RACERS
    assert unlocks(conn, user["id"]) == (1, 1, 1)
    tasks = conn.execute(
        "select sum(tasks) from public.activity_days where user_id = %s", (user["id"],)
    ).fetchone()[0]
    assert tasks == RACERS


def test_a_retired_achievement_is_not_unlocked_and_is_kept_by_holders(client, app, conn):
    add_achievement(conn, "old_one", {"kind": "tasks_completed", "at_least": 1})
    quest = make_quest(conn, tasks=1)
    _, holder_headers = signed_in(client, app)
    client.post(f"/api/quests/{quest['id']}/enroll", headers=holder_headers)
    complete(client, holder_headers, quest["tasks"][0]["id"])
    conn.execute("update public.achievements set retired_at = now() where key = 'old_one'")
    late, late_headers = signed_in(client, app)
    client.post(f"/api/quests/{quest['id']}/enroll", headers=late_headers)
    complete(client, late_headers, quest["tasks"][0]["id"])
    assert unlocks(conn, late["id"])[0] == 0
    catalog = client.get("/api/achievements", headers=late_headers).get_json()
    assert catalog["achievements"] == []
    held = client.get("/api/achievements", headers=holder_headers).get_json()
    assert [(a["key"], a["unlocked_at"] is not None) for a in held["achievements"]] == [
        ("old_one", True)
    ]


def test_a_quest_completed_with_a_teammate_unlocks_the_team_achievement(client, app, conn):
    add_achievement(conn, "together", {"kind": "team_quests_completed", "at_least": 1})
    alone, teamed = make_quest(conn, tasks=1), make_quest(conn, tasks=1)
    user, headers = signed_in(client, app)
    mate = make_user(app)
    request = conn.execute(
        "insert into public.team_requests (sender_id, recipient_id, quest_id)"
        " values (%s, %s, %s) returning id",
        (user["id"], mate["id"], teamed["id"]),
    ).fetchone()[0]
    conn.execute("update public.team_requests set status = 'accepted' where id = %s", (request,))
    for quest in (alone, teamed):
        client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
        complete(client, headers, quest["tasks"][0]["id"])
        held = unlocks(conn, user["id"])[0]
        assert held == (1 if quest is teamed else 0)
