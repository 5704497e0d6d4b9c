"""The tiers on offer and the one gate: enrollments, submissions and team-ups over a limit
answer 403 `tier_limit` naming the cheapest tier that allows them."""

from __future__ import annotations

import pytest

from ..factories import bearer, login, make_quest, make_user, set_tier, set_tier_features
from ..submissions.conftest import make_submission, suggested_tasks


@pytest.fixture
def student(app):
    user = make_user(app)
    return {**user, "headers": bearer(login(app.test_client(), user))}


def enroll(client, student, quest):
    return client.post(f"/api/quests/{quest['id']}/enroll", headers=student["headers"])


def fill_active_quests(client, conn, student, n):
    quests = [make_quest(conn, tasks=1) for _ in range(n)]
    for quest in quests:
        assert enroll(client, student, quest).status_code == 200
    return quests


def gate_of(resp) -> dict:
    assert resp.status_code == 403, resp.get_json()
    error = resp.get_json()["error"]
    assert error["code"] == "tier_limit"
    [detail] = error["details"]
    assert detail["field"] == "tier"
    return detail


def test_tiers_are_public_cheapest_first_with_their_features(client):
    body = client.get("/api/tiers").get_json()
    assert [t["tier"] for t in body["data"]] == ["free", "supported", "academy"]
    free, supported, academy = body["data"]
    assert (free["price_cents"], free["purchasable"]) == (0, False)
    assert supported["purchasable"] and academy["purchasable"]
    assert free["features"]["max_active_quests"] == 5
    assert academy["features"]["max_active_quests"] is None
    assert academy["features"]["accredited_diploma"] is True
    assert set(free["features"]) >= {
        "max_active_quests",
        "team_ups",
        "custom_quest_submissions",
        "ai_requests_per_day",
        "accredited_diploma",
    }
    assert "stripe_price_id" not in free


def test_enrolling_beyond_the_free_limit_names_the_supported_tier(client, conn, student):
    fill_active_quests(client, conn, student, 5)
    detail = gate_of(enroll(client, student, make_quest(conn)))
    assert detail["feature"] == "max_active_quests"
    assert (detail["tier"], detail["limit"], detail["used"]) == ("free", 5, 5)
    assert detail["required_tier"] == "supported"


def test_over_the_supported_limit_the_academy_tier_is_named(client, conn, student):
    set_tier(conn, student["id"], "supported")
    set_tier_features(conn, "supported", max_active_quests=2)
    fill_active_quests(client, conn, student, 2)
    assert gate_of(enroll(client, student, make_quest(conn)))["required_tier"] == "academy"


def test_when_no_tier_allows_more_none_is_named(client, conn, student):
    for tier in ("free", "supported", "academy"):
        set_tier_features(conn, tier, max_active_quests=1)
    fill_active_quests(client, conn, student, 1)
    assert gate_of(enroll(client, student, make_quest(conn)))["required_tier"] is None


def test_re_enrolling_an_active_quest_at_the_limit_is_still_fine(client, conn, student):
    quests = fill_active_quests(client, conn, student, 5)
    resp = enroll(client, student, quests[0])
    assert resp.status_code == 200
    assert resp.get_json()["status"] == "active"


def test_abandoning_a_quest_frees_a_place(client, conn, student):
    quests = fill_active_quests(client, conn, student, 5)
    client.post(f"/api/quests/{quests[0]['id']}/abandon", headers=student["headers"])
    assert enroll(client, student, make_quest(conn)).status_code == 200
    # ... and resuming the abandoned one is a new active quest again: over the limit.
    gate_of(enroll(client, student, quests[0]))


def test_a_completed_quest_is_not_active(client, conn, student):
    quests = fill_active_quests(client, conn, student, 5)
    task = quests[0]["tasks"][0]["id"]
    done = client.post(
        f"/api/tasks/{task}/complete",
        json={"type": "text", "text": "Done."},
        headers=student["headers"],
    )
    assert done.get_json()["quest_completed"] is True
    assert enroll(client, student, make_quest(conn)).status_code == 200


def test_an_unknown_quest_is_still_not_found_at_the_limit(client, conn, student):
    fill_active_quests(client, conn, student, 5)
    resp = client.post(
        "/api/quests/00000000-0000-0000-0000-000000000000/enroll", headers=student["headers"]
    )
    assert resp.status_code == 404


def test_academy_has_no_limit_on_active_quests(client, conn, student):
    set_tier(conn, student["id"], "academy")
    fill_active_quests(client, conn, student, 7)


def test_a_past_due_user_past_the_grace_period_gets_the_free_limits(client, conn, student):
    set_tier(conn, student["id"], "supported")
    fill_active_quests(client, conn, student, 5)
    conn.execute(
        "update public.users set subscription_status = 'past_due',"
        " subscription_grace_until = now() - interval '1 minute' where id = %s",
        (student["id"],),
    )
    gate_of(enroll(client, student, make_quest(conn)))
    conn.execute(
        "update public.users set subscription_grace_until = now() + interval '1 day' where id = %s",
        (student["id"],),
    )
    assert enroll(client, student, make_quest(conn)).status_code == 200


def proposal():
    return {"title": "My own quest", "suggested_tasks": suggested_tasks(1)}


def test_one_pending_submission_on_free_then_supported_is_named(client, conn, student):
    post = client.post("/api/quest-submissions", json=proposal(), headers=student["headers"])
    assert post.status_code == 201
    again = client.post("/api/quest-submissions", json=proposal(), headers=student["headers"])
    detail = gate_of(again)
    assert (detail["feature"], detail["required_tier"]) == ("custom_quest_submissions", "supported")
    count = conn.execute(
        "select count(*) from public.quest_submissions where user_id = %s", (student["id"],)
    ).fetchone()[0]
    assert count == 1


def test_a_reviewed_submission_no_longer_counts(client, conn, student):
    done = make_submission(conn, student)
    conn.execute(
        "update public.quest_submissions set status = 'rejected', admin_notes = 'no',"
        " reviewed_at = now()"
        " where id = %s",
        (done["id"],),
    )
    post = client.post("/api/quest-submissions", json=proposal(), headers=student["headers"])
    assert post.status_code == 201


def test_team_ups_left_out_of_free_name_the_supported_tier(client, conn, student, app):
    make_user(app, username="buddy")
    set_tier_features(conn, "free", team_ups=False)
    resp = client.post(
        "/api/team-requests", json={"recipient": "buddy"}, headers=student["headers"]
    )
    detail = gate_of(resp)
    assert (detail["feature"], detail["required_tier"]) == ("team_ups", "supported")


def test_the_diploma_is_accredited_as_the_tier_says(client, conn, student):
    def accredited():
        resp = client.get("/api/users/me/diploma", headers=student["headers"])
        return resp.get_json()["accredited"]

    assert accredited() is False
    set_tier(conn, student["id"], "academy")
    assert accredited() is True
    set_tier_features(conn, "academy", accredited_diploma=False)
    assert accredited() is False
