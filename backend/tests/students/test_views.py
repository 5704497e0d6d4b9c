"""What a parent and an advisor see of their students: the list, one student's quests and XP,
their completions within the link's scope, suggestions; and what each costs in round trips."""

from __future__ import annotations

import pytest

from ..factories import bearer, login, make_quest, make_user
from ..links.conftest import make_link
from ..teams.conftest import complete, enroll


def rounds(answer) -> int:
    return int(answer.headers["X-DB-Round-Trips"])


def test_the_student_list_shows_activity(client, people, sessions, work):
    answer = client.get("/api/students", headers=sessions["parent"])
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["count"] == 1
    [card] = body["data"]
    assert card["id"] == str(people["student"]) and card["display_name"] == "Student"
    assert (card["relation"], card["scope"]) == ("parent", "evidence")
    assert card["xp_this_week"] == card["xp_total"] == 100
    assert card["completed_tasks"] == 2 and card["quests_in_progress"] == 1
    assert card["last_active_at"] is not None
    assert "email" not in card
    empty = client.get("/api/students", headers=sessions["stranger_parent"]).get_json()
    assert (empty["count"], empty["data"]) == (0, [])
    past_the_end = client.get("/api/students?page=2", headers=sessions["parent"]).get_json()
    assert (past_the_end["count"], past_the_end["data"]) == (1, [])


def test_one_student_overview(client, people, sessions, work):
    answer = client.get(f"/api/students/{people['student']}", headers=sessions["advisor"])
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert sum(body["xp_by_pillar"].values()) == 100
    [quest] = body["in_progress"]
    assert (quest["completed_tasks"], quest["total_tasks"]) == (2, 3)
    assert body["completed"] == []
    assert (
        client.get(
            f"/api/students/{people['student']}", headers=sessions["stranger_advisor"]
        ).status_code
        == 404
    )


# Completions with evidence shown, by who asks.
EVIDENCE = {"parent": ["my public essay", None], "advisor": [None, None]}


@pytest.mark.parametrize("role", EVIDENCE)
def test_completions_show_evidence_within_the_scope(client, people, sessions, work, role):
    answer = client.get(f"/api/students/{people['student']}/completions", headers=sessions[role])
    assert answer.status_code == 200, answer.get_json()
    rows = answer.get_json()["data"]
    texts = sorted(
        [r["evidence"]["text"] if r["evidence"] else None for r in rows], key=lambda t: t is None
    )
    assert texts == EVIDENCE[role]
    assert len(rows) == 2 and all(r["quest_id"] == str(work["quest"]["id"]) for r in rows)


def test_narrowing_the_scope_hides_the_evidence_through_the_api(client, people, sessions, work):
    url = f"/api/students/{people['student']}/completions"
    assert any(
        r["evidence"] for r in client.get(url, headers=sessions["parent"]).get_json()["data"]
    )
    narrowed = client.patch(
        f"/api/links/{work['parent_link']}", json={"scope": "progress"}, headers=sessions["student"]
    )
    assert narrowed.status_code == 200
    rows = client.get(url, headers=sessions["parent"]).get_json()["data"]
    assert len(rows) == 2 and all(r["evidence"] is None for r in rows)
    client.delete(f"/api/links/{work['parent_link']}", headers=sessions["student"])
    assert client.get(url, headers=sessions["parent"]).status_code == 404


def test_completions_come_a_page_at_a_time(client, people, sessions, work):
    url = f"/api/students/{people['student']}/completions?limit=1"
    first = client.get(url, headers=sessions["parent"]).get_json()
    assert len(first["data"]) == 1 and first["next_cursor"]
    second = client.get(
        f"{url}&cursor={first['next_cursor']}", headers=sessions["parent"]
    ).get_json()
    assert len(second["data"]) == 1 and second["next_cursor"] is None
    assert first["data"][0]["id"] != second["data"][0]["id"]


def test_a_parent_suggests_a_quest(client, conn, people, sessions, work):
    quest = make_quest(conn, tasks=1, title="Build a birdhouse")
    url = f"/api/students/{people['student']}/suggestions"
    sent = client.post(
        url, json={"quest_id": str(quest["id"]), "note": "For spring?"}, headers=sessions["parent"]
    )
    assert sent.status_code == 201, sent.get_json()
    [(data,)] = conn.execute(
        "select data from public.notifications where type = 'quest_suggested'"
    ).fetchall()
    assert data["quest_title"] == "Build a birdhouse" and data["note"] == "For spring?"
    by_advisor = client.post(url, json={"quest_id": str(quest["id"])}, headers=sessions["advisor"])
    assert by_advisor.status_code == 403
    unknown = client.post(
        url, json={"quest_id": str(people["student"])}, headers=sessions["parent"]
    )
    assert unknown.status_code == 404


def _students_of(app, conn, supporter_role: str, n: int, completions_each: int = 3):
    supporter = make_user(app, role=supporter_role)
    quest = make_quest(conn, tasks=completions_each)
    for _ in range(n):
        student = make_user(app)
        enroll(conn, student["id"], quest["id"])
        for task in quest["tasks"]:
            complete(conn, student["id"], task["id"])
        make_link(conn, student["id"], supporter["id"], supporter_role)
        last = student
    return bearer(login(app.test_client(), supporter)), last


@pytest.mark.parametrize(("role", "students"), [("parent", 3), ("advisor", 30)])
def test_dashboards_take_at_most_three_round_trips(app, client, conn, role, students):
    headers, one = _students_of(app, conn, role, students)
    listed = client.get("/api/students?per_page=100", headers=headers)
    assert listed.get_json()["count"] == students
    overview = client.get(f"/api/students/{one['id']}", headers=headers)
    work = client.get(f"/api/students/{one['id']}/completions", headers=headers)
    assert [a.status_code for a in (listed, overview, work)] == [200, 200, 200]
    assert max(rounds(a) for a in (listed, overview, work)) <= 3
