"""My XP and my dashboard, and what they cost in SQL round trips."""

import pytest

from ..factories import make_quest, signed_in


def enroll_and_complete(client, headers, quest, n):
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    for task in quest["tasks"][:n]:
        assert (
            client.post(
                f"/api/tasks/{task['id']}/complete",
                json={"type": "text", "text": "done"},
                headers=headers,
            ).status_code
            == 201
        )


def test_my_xp_lists_all_five_pillars_with_zeros(client, app):
    _, headers = signed_in(client, app)
    body = client.get("/api/users/me/xp", headers=headers).get_json()
    assert [p["xp"] for p in body["pillars"]] == [0, 0, 0, 0, 0] and body["total"] == 0
    assert body["pillars"][2] == {
        "pillar": "language_communication",
        "name": "Language & Communication",
        "xp": 0,
    }


def test_my_xp_sums_my_completions_only(client, app, conn):
    quest = make_quest(conn, tasks=2, xp=[30, 70], pillars=["life_wellness", "society_culture"])
    _, headers = signed_in(client, app)
    _, other = signed_in(client, app)
    enroll_and_complete(client, headers, quest, 2)
    enroll_and_complete(client, other, quest, 1)
    body = client.get("/api/users/me/xp", headers=headers).get_json()
    assert {p["pillar"]: p["xp"] for p in body["pillars"]}["society_culture"] == 70
    assert body["total"] == 100


def test_the_dashboard_shows_active_and_completed_quests_recent_work_and_xp(client, app, conn):
    active = make_quest(conn, title="Active", tasks=3, xp=50)
    done = make_quest(conn, title="Done", tasks=1, xp=100, pillars=["arts_creativity"])
    _, headers = signed_in(client, app)
    enroll_and_complete(client, headers, active, 1)
    enroll_and_complete(client, headers, done, 1)
    body = client.get("/api/users/me/dashboard", headers=headers).get_json()
    assert [q["title"] for q in body["active_quests"]] == ["Active"]
    assert body["active_quests"][0]["progress"]["completed_tasks"] == 1
    assert body["active_quests"][0]["progress"]["percent"] == 33
    assert [q["title"] for q in body["completed_quests"]] == ["Done"]
    assert [c["quest_title"] for c in body["recent_completions"]] == ["Done", "Active"]
    assert body["xp"]["total"] == 150 and len(body["xp"]["pillars"]) == 5


def test_the_dashboard_needs_a_signed_in_user(client):
    assert client.get("/api/users/me/dashboard").status_code == 401


def _history(conn, user_id, completions):
    """`completions` completed tasks across quests of 10 tasks, written straight to the database."""
    quests = -(-completions // 10)
    for _ in range(quests):
        quest = make_quest(conn, tasks=10, xp=25)
        conn.execute(
            "insert into public.user_quests (user_id, quest_id) values (%s, %s)",
            (user_id, quest["id"]),
        )
        with conn.cursor() as cur:
            cur.executemany(
                "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text)"
                " values (%s, %s, 'text', 'done')",
                [(user_id, t["id"]) for t in quest["tasks"]][:completions],
            )
        completions -= 10
    return quest


@pytest.mark.parametrize("completions", [0, 500])
def test_the_dashboard_and_quest_detail_cost_at_most_three_round_trips(
    client, app, conn, completions
):
    user, headers = signed_in(client, app)
    quest = _history(conn, user["id"], completions) if completions else make_quest(conn)
    assert (
        conn.execute(
            "select count(*) from public.quest_task_completions where user_id = %s", (user["id"],)
        ).fetchone()[0]
        == completions
    )

    dashboard = client.get("/api/users/me/dashboard", headers=headers)
    assert dashboard.status_code == 200
    assert int(dashboard.headers["X-DB-Round-Trips"]) <= 3
    assert dashboard.get_json()["xp"]["total"] == 25 * completions

    detail = client.get(f"/api/quests/{quest['id']}", headers=headers)
    assert detail.status_code == 200
    assert int(detail.headers["X-DB-Round-Trips"]) <= 3

    catalog = client.get("/api/quests?per_page=100", headers=headers)
    assert int(catalog.headers["X-DB-Round-Trips"]) <= 3
