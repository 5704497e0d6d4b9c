"""GET /api/users/me/progress beyond levels: the week against my goal, the heatmap and next up,
in my time zone; the time zone and goal set through PATCH /api/users/me; at most 3 round trips
for a student with 5,000 completions, as for the dashboard."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from ..factories import make_quest, signed_in
from .test_streaks import record


def progress(client, headers):
    answer = client.get("/api/users/me/progress", headers=headers)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json(), int(answer.headers["X-DB-Round-Trips"])


def test_the_week_and_the_heatmap_count_my_days_in_my_zone(client, app, conn):
    user, headers = signed_in(client, app)
    answer = client.patch(
        "/api/users/me",
        json={"time_zone": "Pacific/Kiritimati", "weekly_xp_goal": 150},
        headers=headers,
    )
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["time_zone"] == "Pacific/Kiritimati"  # UTC+14
    now = conn.execute("select now()").fetchone()[0]
    today = conn.execute("select (now() at time zone 'Pacific/Kiritimati')::date").fetchone()[0]
    record(conn, user["id"], now, amount=40)
    record(conn, user["id"], now, amount=20)
    record(conn, user["id"], now - timedelta(days=100), amount=10)  # before the heatmap
    body, trips = progress(client, headers)
    assert trips <= 3
    assert body["time_zone"] == "Pacific/Kiritimati"
    assert body["week"] == {
        "starts_on": str(today - timedelta(days=today.weekday())),
        "xp": 60,
        "goal": 150,
    }
    assert body["heatmap"]["last_day"] == str(today)
    first = today - timedelta(days=today.weekday() + 77)
    assert body["heatmap"]["first_day"] == str(first)
    assert body["heatmap"]["days"] == [{"day": str(today), "tasks": 2, "xp": 60}]
    assert body["streak"] == {
        "current": 1,
        "longest": 1,
        "active_today": True,
        "freezes_per_month": 2,
        "freezes_left": 2,
    }
    assert body["overall"]["xp"] == 70  # the ledger's sum, the old day's included


def test_next_up_is_the_next_task_of_my_latest_quest(client, app, conn):
    older = make_quest(conn, tasks=2)
    latest = make_quest(conn, tasks=3, required=[False, True, True])
    _, headers = signed_in(client, app)
    body, _ = progress(client, headers)
    assert body["next_up"] is None
    client.post(f"/api/quests/{latest['id']}/enroll", headers=headers)
    client.post(f"/api/quests/{older['id']}/enroll", headers=headers)
    assert progress(client, headers)[0]["next_up"]["quest_id"] == str(older["id"])
    client.post(
        f"/api/tasks/{latest['tasks'][1]['id']}/complete",
        json={"type": "text", "text": "done"},
        headers=headers,
    )
    nxt = progress(client, headers)[0]["next_up"]
    assert (nxt["quest_id"], nxt["task_id"]) == (str(latest["id"]), str(latest["tasks"][2]["id"]))
    assert nxt["quest_title"] == latest["title"]


def test_a_time_zone_that_does_not_exist_is_refused_and_nothing_changes(client, app):
    _, headers = signed_in(client, app)
    for zone in ("Mars/Olympus_Mons", "UTC+5", "../etc", "x" * 70):
        answer = client.patch("/api/users/me", json={"time_zone": zone}, headers=headers)
        assert answer.status_code in (400, 422), (zone, answer.get_json())
        assert answer.get_json()["error"]["details"][0]["field"] == "time_zone"
    for goal in (0, 5, 100001):
        answer = client.patch("/api/users/me", json={"weekly_xp_goal": goal}, headers=headers)
        assert answer.status_code == 422
    me = client.get("/api/auth/me", headers=headers).get_json()
    assert (me["time_zone"], me["weekly_xp_goal"]) == (None, None)


def test_a_zone_change_is_kept_in_the_history_days_are_counted_in(client, app, conn):
    user, headers = signed_in(client, app)
    client.patch("/api/users/me", json={"time_zone": "Asia/Tokyo"}, headers=headers)
    client.patch("/api/users/me", json={"time_zone": "America/Chicago"}, headers=headers)
    zones = [
        r[0]
        for r in conn.execute(
            "select time_zone from private.time_zone_changes where user_id = %s order by since",
            (user["id"],),
        )
    ]
    assert zones == ["Asia/Tokyo", "America/Chicago"]


def test_with_5000_completions_progress_and_dashboard_stay_within_3_round_trips(client, app, conn):
    user, headers = signed_in(client, app)
    quests = [uuid.uuid4() for _ in range(500)]
    conn.execute(
        "insert into public.quests (id, title) select q, 'Long ' || q from unnest(%s::uuid[]) q",
        (quests,),
    )
    conn.execute(
        "insert into public.quest_tasks (quest_id, title, pillar, xp_value, order_index)"
        " select q, 'Task ' || i, 'stem_logic', 10, i from unnest(%s::uuid[]) q,"
        " generate_series(0, 9) i",
        (quests,),
    )
    conn.execute(
        "insert into public.user_quests (user_id, quest_id) select %s, q from unnest(%s::uuid[]) q",
        (user["id"], quests),
    )
    # Spread over 500 days, one quest a day, as the service role would seed a history.
    conn.execute(
        "insert into public.quest_task_completions"
        " (user_id, task_id, evidence_type, evidence_text, completed_at)"
        " select %s, t.id, 'text', 'done',"
        "  now() - make_interval(days => 500 - q.n::int, mins => t.order_index)"
        " from unnest(%s::uuid[]) with ordinality q(id, n)"
        " join public.quest_tasks t on t.quest_id = q.id",
        (user["id"], quests),
    )
    assert (
        conn.execute(
            "select count(*) from public.quest_task_completions where user_id = %s", (user["id"],)
        ).fetchone()[0]
        == 5000
    )
    body, trips = progress(client, headers)
    assert trips <= 3
    assert body["overall"]["xp"] == 50000
    assert body["streak"]["longest"] == 500
    assert body["streak"]["current"] == 500
    heat = body["heatmap"]
    shown = date.fromisoformat(heat["last_day"]) - date.fromisoformat(heat["first_day"])
    assert len(heat["days"]) == shown.days + 1  # every day of the 12 weeks, active
    dashboard = client.get("/api/users/me/dashboard", headers=headers)
    assert dashboard.status_code == 200
    assert int(dashboard.headers["X-DB-Round-Trips"]) <= 3
