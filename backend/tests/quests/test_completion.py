"""Enrollment and task completion: XP exactly once, in the same transaction."""

import pytest

from ..factories import make_quest, signed_in


@pytest.fixture
def quest(conn):
    return make_quest(
        conn, tasks=3, xp=[40, 60, 100], pillars=["stem_logic", "stem_logic", "arts_creativity"]
    )


@pytest.fixture
def student(client, app):
    return signed_in(client, app)


def enroll(client, quest, headers):
    return client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)


def complete(client, task, headers, **evidence):
    payload = evidence or {"type": "text", "text": "I did it, here is how."}
    return client.post(f"/api/tasks/{task['id']}/complete", json=payload, headers=headers)


def xp_rows(conn, user):
    return conn.execute(
        "select pillar, xp_amount from public.user_skill_xp where user_id = %s order by pillar",
        (user["id"],),
    ).fetchall()


def test_enrolling_is_idempotent(client, conn, quest, student):
    _user, headers = student
    first, second = enroll(client, quest, headers), enroll(client, quest, headers)
    assert first.status_code == second.status_code == 200
    assert first.get_json()["status"] == "active"
    assert first.get_json()["started_at"] == second.get_json()["started_at"]
    assert conn.execute("select count(*) from public.user_quests").fetchone()[0] == 1


def test_enrolling_needs_a_signed_in_user(client, quest):
    assert enroll(client, quest, {}).status_code == 401


def test_enrolling_in_an_inactive_quest_is_not_found(client, conn, student):
    hidden = make_quest(conn, is_active=False)
    assert enroll(client, hidden, student[1]).status_code == 404


def test_completing_a_task_awards_its_xp_to_its_pillar(client, conn, quest, student):
    user, headers = student
    enroll(client, quest, headers)
    resp = complete(client, quest["tasks"][0], headers)
    assert resp.status_code == 201
    body = resp.get_json()
    assert body["created"] is True and body["xp_awarded"] == 40
    assert body["completion"]["evidence"] == {
        "type": "text",
        "text": "I did it, here is how.",
        "url": None,
        "file_url": None,
        "content_type": None,
        "size": None,
        "is_private": False,
    }
    assert body["progress"]["completed_tasks"] == 1 and body["progress"]["xp_earned"] == 40
    assert xp_rows(conn, user) == [("stem_logic", 40)]


def test_second_completion_of_a_task_awards_no_xp(client, conn, quest, student):
    user, headers = student
    enroll(client, quest, headers)
    first = complete(client, quest["tasks"][0], headers)
    again = complete(client, quest["tasks"][0], headers, type="text", text="Different words")
    assert again.status_code == 200
    body = again.get_json()
    assert body["created"] is False and body["xp_awarded"] == 0
    assert body["completion"]["id"] == first.get_json()["completion"]["id"]
    assert body["completion"]["evidence"]["text"] == "I did it, here is how."
    assert xp_rows(conn, user) == [("stem_logic", 40)]
    assert conn.execute("select count(*) from public.xp_events").fetchone()[0] == 1


def test_the_xp_comes_from_the_task_never_the_client(client, conn, quest, student):
    user, headers = student
    enroll(client, quest, headers)
    resp = complete(client, quest["tasks"][0], headers, type="text", text="x", xp_awarded=9999)
    assert resp.status_code == 422  # unknown fields are refused outright
    assert xp_rows(conn, user) == []


def test_completing_without_enrolling_is_refused(client, conn, quest, student):
    resp = complete(client, quest["tasks"][0], student[1])
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "not_enrolled"
    assert conn.execute("select count(*) from public.quest_task_completions").fetchone()[0] == 0


def test_completing_an_unknown_task_is_not_found(client, student):
    resp = client.post(
        "/api/tasks/00000000-0000-4000-8000-000000000000/complete",
        json={"type": "text", "text": "x"},
        headers=student[1],
    )
    assert resp.status_code == 404


@pytest.mark.parametrize(
    "evidence,field",
    [
        ({"type": "text", "text": ""}, "text.text"),
        ({"type": "text", "text": "   "}, "text.text"),
        ({"type": "text", "text": "x" * 10_001}, "text.text"),
        ({"type": "link", "url": "javascript:alert(1)"}, "link.url"),
        ({"type": "link", "url": "ftp://example.com/file"}, "link.url"),
        ({"type": "video", "url": "https://example.com"}, "type"),
    ],
)
def test_bad_evidence_answers_422_and_awards_nothing(client, conn, quest, student, evidence, field):
    user, headers = student
    enroll(client, quest, headers)
    resp = complete(client, quest["tasks"][0], headers, **evidence)
    assert resp.status_code == 422
    fields = {d["field"] for d in resp.get_json()["error"]["details"]}
    assert any(f.startswith(field) or field in f for f in fields), fields
    assert conn.execute("select count(*) from public.quest_task_completions").fetchone()[0] == 0
    assert xp_rows(conn, user) == []


def test_link_evidence_is_kept(client, quest, student):
    _, headers = student
    enroll(client, quest, headers)
    resp = complete(
        client,
        quest["tasks"][1],
        headers,
        type="link",
        url="https://example.com/my-work",
        is_private=True,
    )
    assert resp.status_code == 201
    evidence = resp.get_json()["completion"]["evidence"]
    assert evidence["url"] == "https://example.com/my-work" and evidence["is_private"] is True


def test_the_quest_completes_when_every_required_task_is_done(client, conn, student):
    _, headers = student
    quest = make_quest(conn, tasks=3, required=[True, True, False])
    enroll(client, quest, headers)
    assert complete(client, quest["tasks"][0], headers).get_json()["quest_completed"] is False
    last = complete(client, quest["tasks"][1], headers).get_json()
    assert last["quest_completed"] is True
    detail = client.get(f"/api/quests/{quest['id']}", headers=headers).get_json()
    assert detail["enrollment"]["status"] == "completed"
    assert detail["progress"]["required_completed"] == detail["progress"]["required_total"] == 2
    # The optional task can still be done afterwards, and the quest stays completed once.
    optional = complete(client, quest["tasks"][2], headers).get_json()
    assert optional["created"] is True and optional["quest_completed"] is False


def test_with_no_required_task_every_task_is_needed(client, conn, student):
    _, headers = student
    quest = make_quest(conn, tasks=2, required=[False, False])
    enroll(client, quest, headers)
    assert complete(client, quest["tasks"][0], headers).get_json()["quest_completed"] is False
    assert complete(client, quest["tasks"][1], headers).get_json()["quest_completed"] is True


def test_abandoning_keeps_xp_and_completions_and_re_enrolling_resumes(client, conn, quest, student):
    user, headers = student
    enroll(client, quest, headers)
    complete(client, quest["tasks"][0], headers)
    abandoned = client.post(f"/api/quests/{quest['id']}/abandon", headers=headers)
    assert abandoned.status_code == 200 and abandoned.get_json()["status"] == "abandoned"
    assert xp_rows(conn, user) == [("stem_logic", 40)]

    blocked = complete(client, quest["tasks"][1], headers)
    assert blocked.status_code == 409

    resumed = enroll(client, quest, headers).get_json()
    assert resumed["status"] == "active" and resumed["abandoned_at"] is None
    detail = client.get(f"/api/quests/{quest['id']}", headers=headers).get_json()
    assert detail["progress"]["completed_tasks"] == 1 and detail["progress"]["xp_earned"] == 40


def test_abandoning_a_quest_i_am_not_in_is_not_found(client, quest, student):
    resp = client.post(f"/api/quests/{quest['id']}/abandon", headers=student[1])
    assert resp.status_code == 404


def test_a_completed_quest_cannot_be_abandoned(client, conn, student):
    _, headers = student
    quest = make_quest(conn, tasks=1)
    enroll(client, quest, headers)
    complete(client, quest["tasks"][0], headers)
    resp = client.post(f"/api/quests/{quest['id']}/abandon", headers=headers)
    assert resp.status_code == 409 and resp.get_json()["error"]["code"] == "quest_completed"


def test_abandoned_quests_leave_the_dashboard_active_list(client, quest, student):
    _, headers = student
    enroll(client, quest, headers)
    assert (
        len(client.get("/api/users/me/dashboard", headers=headers).get_json()["active_quests"]) == 1
    )
    client.post(f"/api/quests/{quest['id']}/abandon", headers=headers)
    assert client.get("/api/users/me/dashboard", headers=headers).get_json()["active_quests"] == []
