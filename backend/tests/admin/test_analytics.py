"""GET /api/admin/analytics, checked against activity made for the test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ..factories import make_quest, make_user
from .conftest import complete, enroll


def _ago(days: float) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


@pytest.fixture
def activity(app, conn, admin):
    """Ann is active this week, Ben this month (and is deactivated), Cy 40 days ago only."""
    ann, ben, cy = make_user(app), make_user(app), make_user(app)
    conn.execute(
        "update public.users set subscription_tier = 'supported' where id = %s", (cy["id"],)
    )
    conn.execute("update public.users set is_active = false where id = %s", (ben["id"],))
    orbits = make_quest(
        conn, tasks=2, title="Orbits", xp=[10, 20], pillars=["stem_logic", "life_wellness"]
    )
    poems = make_quest(conn, tasks=1, title="Poems", xp=30, pillars=["arts_creativity"])
    make_quest(conn, tasks=1, title="Untouched")
    t = {"ann_1": _ago(2), "ann_2": _ago(1), "ben": _ago(10), "cy": _ago(40)}
    enroll(conn, ann["id"], orbits["id"], at=t["ann_1"])
    complete(conn, ann["id"], orbits["tasks"][0]["id"], at=t["ann_1"])
    complete(conn, ann["id"], orbits["tasks"][1]["id"], at=t["ann_2"])  # finishes Orbits
    enroll(conn, ben["id"], orbits["id"], at=t["ben"])
    complete(conn, ben["id"], orbits["tasks"][0]["id"], at=t["ben"])
    enroll(conn, cy["id"], poems["id"], at=t["cy"])
    complete(conn, cy["id"], poems["tasks"][0]["id"], at=t["cy"])  # finishes Poems
    return {"times": t, "orbits": orbits, "poems": poems}


def test_user_counts_and_activity_windows(client, admin, activity):
    resp = client.get("/api/admin/analytics", headers=admin[1])
    assert resp.status_code == 200
    assert resp.get_json()["users"] == {
        "total": 4,
        "deactivated": 1,
        "active_7d": 1,
        "active_30d": 2,
    }


def test_an_enrollment_alone_makes_a_user_active(client, app, conn, admin):
    quest = make_quest(conn)
    enroll(conn, make_user(app)["id"], quest["id"], at=_ago(3))
    users = client.get("/api/admin/analytics", headers=admin[1]).get_json()["users"]
    assert (users["active_7d"], users["active_30d"]) == (1, 1)


def test_completions_per_day_cover_thirty_days_with_zeros(client, admin, activity):
    days = client.get("/api/admin/analytics", headers=admin[1]).get_json()["completions_per_day"]
    today = datetime.now(UTC).date()
    assert len(days) == 30
    assert days[-1]["day"] == today.isoformat()
    assert [d["day"] for d in days] == [
        (today - timedelta(days=29 - i)).isoformat() for i in range(30)
    ]
    expected: dict[str, int] = {}
    for key in ("ann_1", "ann_2", "ben"):  # Cy's completion is older than 30 days
        day = activity["times"][key].date().isoformat()
        expected[day] = expected.get(day, 0) + 1
    assert {d["day"]: d["completions"] for d in days if d["completions"]} == expected
    assert sum(d["completions"] for d in days) == 3


def test_xp_per_pillar_lists_all_five_in_order(client, admin, activity):
    xp = client.get("/api/admin/analytics", headers=admin[1]).get_json()["xp_per_pillar"]
    assert [(p["pillar"], p["xp"]) for p in xp] == [
        ("stem_logic", 20),
        ("life_wellness", 20),
        ("language_communication", 0),
        ("society_culture", 0),
        ("arts_creativity", 30),
    ]
    assert xp[0]["name"] == "STEM & Logic"


def test_users_per_tier_include_empty_tiers(client, admin, activity):
    tiers = client.get("/api/admin/analytics", headers=admin[1]).get_json()["users_per_tier"]
    assert tiers == [
        {"tier": "free", "users": 3},
        {"tier": "supported", "users": 1},
        {"tier": "academy", "users": 0},
    ]


def test_top_quests_rank_by_enrollments_and_by_completions(client, admin, activity):
    top = client.get("/api/admin/analytics", headers=admin[1]).get_json()["top_quests"]
    assert [(q["title"], q["enrollments"], q["completions"]) for q in top["by_enrollments"]] == [
        ("Orbits", 2, 1),
        ("Poems", 1, 1),
    ]
    assert [q["title"] for q in top["by_completions"]] == ["Orbits", "Poems"]
    assert top["by_enrollments"][0]["id"] == str(activity["orbits"]["id"])


def test_top_quests_are_the_ten_first(client, app, conn, admin):
    users = [make_user(app) for _ in range(2)]
    quests = [make_quest(conn, tasks=1, title=f"Quest {i:02}") for i in range(12)]
    for quest in quests[:3]:
        for user in users:
            enroll(conn, user["id"], quest["id"], completed=True)
    for quest in quests[3:]:
        enroll(conn, users[0]["id"], quest["id"])
    top = client.get("/api/admin/analytics", headers=admin[1]).get_json()["top_quests"]
    assert [q["title"] for q in top["by_enrollments"]] == [f"Quest {i:02}" for i in range(10)]
    assert [q["title"] for q in top["by_completions"]] == ["Quest 00", "Quest 01", "Quest 02"]


def test_an_empty_platform_answers_zeros(client, admin):
    body = client.get("/api/admin/analytics", headers=admin[1]).get_json()
    assert body["users"] == {"total": 1, "deactivated": 0, "active_7d": 0, "active_30d": 0}
    assert len(body["completions_per_day"]) == 30
    assert {p["xp"] for p in body["xp_per_pillar"]} == {0}
    assert body["top_quests"] == {"by_enrollments": [], "by_completions": []}


def test_analytics_cost_three_round_trips(client, admin, activity):
    resp = client.get("/api/admin/analytics", headers=admin[1])
    assert resp.status_code == 200
    # The admin check (with the request context), every aggregate in one pipeline; a read
    # commits with each.
    assert resp.headers["X-DB-Round-Trips"] == "2"
