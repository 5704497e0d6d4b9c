"""Team-up requests through the API: who may do what, the rules of a request's life, and what
each call costs in SQL round trips."""

import pytest

from optio.notifications.wording import words

from ..factories import make_quest, make_user, set_tier_features
from .conftest import DECIDED, DECISIONS, enroll, make_request, send

# --- sending ----------------------------------------------------------------------------------


def test_a_request_is_sent_by_username_and_shows_the_recipients_name_not_their_email(
    client, conn, cast
):
    resp = send(client, cast["sender"]["headers"], "recipient", message="Quest together?")
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["direction"] == "outgoing" and body["status"] == "pending"
    assert body["other"] == {
        "id": str(cast["recipient"]["user"]["id"]),
        "username": "recipient",
        "display_name": "Recipient",
    }
    assert body["message"] == "Quest together?" and body["quest"] is None
    assert body["responded_at"] is None
    assert cast["recipient"]["user"]["email"] not in resp.get_data(as_text=True)
    assert int(resp.headers["X-DB-Round-Trips"]) == 3  # context, insert + read, commit


def test_a_request_is_sent_by_email_in_any_case(client, cast):
    email = cast["recipient"]["user"]["email"].upper()
    resp = send(client, cast["sender"]["headers"], f"  {email} ")
    assert resp.status_code == 201
    assert resp.get_json()["other"]["username"] == "recipient"


@pytest.mark.parametrize("recipient", ["nobody_here", "nobody@example.com"])
def test_an_unknown_recipient_is_404(client, cast, recipient):
    resp = send(client, cast["sender"]["headers"], recipient)
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "recipient_not_found"


def test_a_deactivated_student_cannot_be_found(client, conn, cast):
    conn.execute("update public.users set is_active = false where username = 'recipient'")
    assert send(client, cast["sender"]["headers"], "recipient").status_code == 404


def test_a_request_to_oneself_is_422_naming_the_recipient_field(client, cast):
    resp = send(client, cast["sender"]["headers"], cast["sender"]["user"]["email"])
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "cannot_team_with_self"
    assert [d["field"] for d in error["details"]] == ["recipient"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "recipient"),
        ({"recipient": "   "}, "recipient"),
        ({"recipient": "recipient", "message": "x" * 501}, "message"),
        ({"recipient": "recipient", "quest_id": "not-a-uuid"}, "quest_id"),
        ({"recipient": "recipient", "status": "accepted"}, "status"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, conn, cast, payload, field):
    resp = client.post("/api/team-requests", json=payload, headers=cast["sender"]["headers"])
    assert resp.status_code == 422
    assert field in [d["field"] for d in resp.get_json()["error"]["details"]]
    assert conn.execute("select count(*) from public.team_requests").fetchone()[0] == 0


def test_a_pending_request_either_way_is_409(client, conn, cast, pending):
    again = send(client, cast["sender"]["headers"], "recipient")
    back = send(client, cast["recipient"]["headers"], "sender")
    assert again.status_code == back.status_code == 409
    assert (
        again.get_json()["error"]["code"] == back.get_json()["error"]["code"] == "request_pending"
    )
    assert "accept or reject" in back.get_json()["error"]["message"]
    assert conn.execute("select count(*) from public.team_requests").fetchone()[0] == 1


@pytest.mark.parametrize("ended", ["reject", "cancel"])
def test_a_new_request_is_allowed_after_a_rejection_or_a_cancellation(
    client, conn, cast, pending, ended
):
    decider = "recipient" if ended == "reject" else "sender"
    client.post(f"/api/team-requests/{pending}/{ended}", headers=cast[decider]["headers"])
    assert send(client, cast["sender"]["headers"], "recipient").status_code == 201
    assert send(client, cast["recipient"]["headers"], "other").status_code == 201
    rows = conn.execute("select status from public.team_requests order by created_at").fetchall()
    assert [r[0] for r in rows] == [DECIDED[ended], "pending", "pending"]


def test_teammates_cannot_ask_each_other_again_without_a_quest(client, cast, pending):
    client.post(f"/api/team-requests/{pending}/accept", headers=cast["recipient"]["headers"])
    resp = send(client, cast["recipient"]["headers"], "sender")
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "already_teammates"


def test_teammates_invite_each_other_onto_a_quest_and_accepting_enrolls_both(
    client, conn, cast, pending
):
    client.post(f"/api/team-requests/{pending}/accept", headers=cast["recipient"]["headers"])
    quest = make_quest(conn, title="Birdwatching")
    resp = send(client, cast["recipient"]["headers"], "sender", quest_id=str(quest["id"]))
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["quest"] == {"id": str(quest["id"]), "title": "Birdwatching"}
    assert int(resp.headers["X-DB-Round-Trips"]) == 3
    accepted = client.post(
        f"/api/team-requests/{resp.get_json()['id']}/accept", headers=cast["sender"]["headers"]
    )
    assert accepted.status_code == 200
    assert _enrolled_in(conn, quest["id"]) == {
        cast["sender"]["user"]["id"],
        cast["recipient"]["user"]["id"],
    }
    teammates = client.get("/api/teammates", headers=cast["sender"]["headers"]).get_json()
    assert teammates["count"] == 1  # still one teammate, now with a quest in common


def test_invitations_wait_onto_several_quests_but_never_twice_onto_one(client, conn, cast):
    rocketry, chess = make_quest(conn), make_quest(conn)
    sender, recipient = cast["sender"]["headers"], cast["recipient"]["headers"]
    assert send(client, sender, "recipient", quest_id=str(rocketry["id"])).status_code == 201
    assert send(client, sender, "recipient", quest_id=str(chess["id"])).status_code == 201
    assert send(client, sender, "recipient").status_code == 201  # onto no quest: one more

    again = send(client, sender, "recipient", quest_id=str(rocketry["id"]))
    back = send(client, recipient, "sender", quest_id=str(rocketry["id"]))
    assert again.status_code == back.status_code == 409
    assert (
        again.get_json()["error"]["code"] == back.get_json()["error"]["code"] == "request_pending"
    )
    assert back.get_json()["error"]["message"] == (
        "They have already asked you onto this quest: accept or reject their request."
    )
    count = "select count(*) from public.team_requests where status = 'pending'"
    assert conn.execute(count).fetchone()[0] == 3


def test_becoming_teammates_meanwhile_is_still_already_teammates_not_an_error(
    client, conn, cast, pending, monkeypatch
):
    """The request is accepted between reading the sender's context and the insert: the
    database refuses the insert (hold_teammates_to_a_quest) and the answer is the same 409."""
    from optio.teams import queries

    read = queries.sender_context

    def read_before_the_acceptance(*args, **kwargs):
        context, plan = read(*args, **kwargs)
        return ({**context, "teammates": False} if context else context), plan

    monkeypatch.setattr(queries, "sender_context", read_before_the_acceptance)
    client.post(f"/api/team-requests/{pending}/accept", headers=cast["recipient"]["headers"])
    resp = send(client, cast["recipient"]["headers"], "sender")
    assert resp.status_code == 409
    assert resp.get_json()["error"]["code"] == "already_teammates"
    assert conn.execute("select count(*) from public.team_requests").fetchone()[0] == 1


def test_a_request_names_only_an_active_public_quest(client, conn, cast):
    hidden = make_quest(conn, is_public=False)
    retired = make_quest(conn, is_active=False)
    for quest in (hidden, retired):
        resp = send(client, cast["sender"]["headers"], "recipient", quest_id=str(quest["id"]))
        assert resp.status_code == 404
        assert resp.get_json()["error"]["code"] == "quest_not_found"
    quest = make_quest(conn, title="Rocketry")
    resp = send(client, cast["sender"]["headers"], "recipient", quest_id=str(quest["id"]))
    assert resp.status_code == 201
    assert resp.get_json()["quest"] == {"id": str(quest["id"]), "title": "Rocketry"}


def test_sending_needs_the_team_ups_feature_of_my_tier(client, conn, cast):
    set_tier_features(conn, "free", team_ups=False)
    resp = send(client, cast["sender"]["headers"], "recipient")
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "tier_limit"
    conn.execute("update public.users set subscription_tier = 'academy' where username = 'sender'")
    assert send(client, cast["sender"]["headers"], "recipient").status_code == 201


# --- deciding ---------------------------------------------------------------------------------


@pytest.mark.parametrize("action", list(DECISIONS))
def test_a_decided_request_cannot_be_decided_again(client, cast, pending, action):
    decider = "sender" if action == "cancel" else "recipient"
    headers = cast[decider]["headers"]
    first = client.post(f"/api/team-requests/{pending}/{action}", headers=headers)
    assert first.status_code == 200
    assert first.get_json()["responded_at"] is not None
    assert int(first.headers["X-DB-Round-Trips"]) == 2  # update + state, commit
    for again in DECISIONS:
        if DECISIONS[again][decider] == 200:
            resp = client.post(f"/api/team-requests/{pending}/{again}", headers=headers)
            assert resp.status_code == 409
            assert resp.get_json()["error"]["code"] == "request_not_pending"


def test_an_unknown_request_is_404(client, cast):
    resp = client.post(
        "/api/team-requests/00000000-0000-0000-0000-000000000000/accept",
        headers=cast["recipient"]["headers"],
    )
    assert resp.status_code == 404


def test_accepting_a_request_with_a_quest_enrolls_both_resuming_an_abandoned_enrollment(
    client, conn, cast
):
    quest = make_quest(conn, tasks=2)
    sender, recipient = cast["sender"]["user"]["id"], cast["recipient"]["user"]["id"]
    enroll(conn, recipient, quest["id"])
    conn.execute(
        "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text)"
        " values (%s, %s, 'text', 'kept')",
        (recipient, quest["tasks"][0]["id"]),
    )
    conn.execute(
        "update public.user_quests set is_active = false, abandoned_at = now() where user_id = %s",
        (recipient,),
    )
    sent = send(client, cast["sender"]["headers"], "recipient", quest_id=str(quest["id"]))
    request_id = sent.get_json()["id"]
    resp = client.post(
        f"/api/team-requests/{request_id}/accept", headers=cast["recipient"]["headers"]
    )
    assert resp.status_code == 200
    assert resp.get_json()["direction"] == "incoming"
    assert resp.get_json()["other"]["username"] == "sender"
    rows = conn.execute(
        "select user_id, is_active, abandoned_at from public.user_quests where quest_id = %s",
        (quest["id"],),
    ).fetchall()
    assert sorted(rows) == sorted([(sender, True, None), (recipient, True, None)])
    completions = conn.execute(
        "select count(*) from public.quest_task_completions where user_id = %s", (recipient,)
    ).fetchone()[0]
    assert completions == 1
    # Both see it as an active quest on their dashboards.
    for who in ("sender", "recipient"):
        dashboard = client.get("/api/users/me/dashboard", headers=cast[who]["headers"]).get_json()
        assert [q["id"] for q in dashboard["active_quests"]] == [str(quest["id"])]


def _at_the_active_quest_limit(conn, user_id):
    """Free allows one active quest, and `user_id` has one (another quest)."""
    set_tier_features(conn, "free", max_active_quests=1)
    enroll(conn, user_id, make_quest(conn)["id"])


def _enrolled_in(conn, quest_id):
    return {
        r[0]
        for r in conn.execute(
            "select user_id from public.user_quests where quest_id = %s and is_active",
            (quest_id,),
        )
    }


def test_accepting_a_quest_request_without_room_in_my_plan_is_a_tier_limit(client, conn, cast):
    quest = make_quest(conn)
    recipient = cast["recipient"]["user"]["id"]
    request_id = make_request(conn, cast["sender"]["user"]["id"], recipient, quest_id=quest["id"])
    _at_the_active_quest_limit(conn, recipient)
    resp = client.post(
        f"/api/team-requests/{request_id}/accept", headers=cast["recipient"]["headers"]
    )
    assert resp.status_code == 403
    error = resp.get_json()["error"]
    assert error["code"] == "tier_limit"
    assert error["details"][0]["feature"] == "max_active_quests"
    assert error["details"][0]["required_tier"] == "supported"
    status = conn.execute(
        "select status from public.team_requests where id = %s", (request_id,)
    ).fetchone()[0]
    assert (status, _enrolled_in(conn, quest["id"])) == ("pending", set())


def test_accepting_a_quest_i_am_already_in_needs_no_room(client, conn, cast):
    quest = make_quest(conn)
    recipient = cast["recipient"]["user"]["id"]
    set_tier_features(conn, "free", max_active_quests=1)
    enroll(conn, recipient, quest["id"])
    request_id = make_request(conn, cast["sender"]["user"]["id"], recipient, quest_id=quest["id"])
    resp = client.post(
        f"/api/team-requests/{request_id}/accept", headers=cast["recipient"]["headers"]
    )
    assert resp.status_code == 200
    assert _enrolled_in(conn, quest["id"]) == {recipient, cast["sender"]["user"]["id"]}


def test_a_sender_whose_plan_is_full_is_teamed_up_but_not_enrolled_and_told(client, conn, cast):
    quest = make_quest(conn, title="Stargazing")
    sender, recipient = cast["sender"]["user"]["id"], cast["recipient"]["user"]["id"]
    request_id = make_request(conn, sender, recipient, quest_id=quest["id"])
    _at_the_active_quest_limit(conn, sender)
    resp = client.post(
        f"/api/team-requests/{request_id}/accept", headers=cast["recipient"]["headers"]
    )
    assert resp.status_code == 200
    assert _enrolled_in(conn, quest["id"]) == {recipient}
    data = conn.execute(
        "select data from public.notifications"
        " where user_id = %s and type = 'team_request_accepted'",
        (sender,),
    ).fetchone()[0]
    assert (
        words("team_request_accepted", data)[1]
        == "You were not enrolled in Stargazing: your plan's limit of active quests is reached."
    )
    assert data["enrolled"] is False


@pytest.mark.parametrize("action", ["reject", "cancel"])
def test_rejecting_or_cancelling_enrolls_nobody(client, conn, cast, action):
    quest = make_quest(conn)
    sent = send(client, cast["sender"]["headers"], "recipient", quest_id=str(quest["id"]))
    decider = "recipient" if action == "reject" else "sender"
    client.post(
        f"/api/team-requests/{sent.get_json()['id']}/{action}", headers=cast[decider]["headers"]
    )
    assert conn.execute("select count(*) from public.user_quests").fetchone()[0] == 0


# --- listing ----------------------------------------------------------------------------------


def test_my_requests_list_both_directions_newest_first_with_filters(client, conn, cast, app):
    extra = make_user(app, username="extra", display_name="Extra Person")
    me = cast["recipient"]["user"]["id"]
    make_request(conn, cast["sender"]["user"]["id"], me, minutes_ago=30)
    make_request(conn, me, cast["other"]["user"]["id"], status="cancelled", minutes_ago=20)
    make_request(conn, me, extra["id"], minutes_ago=10)
    make_request(conn, cast["sender"]["user"]["id"], cast["other"]["user"]["id"])  # not mine
    headers = cast["recipient"]["headers"]
    resp = client.get("/api/team-requests", headers=headers)
    assert int(resp.headers["X-DB-Round-Trips"]) == 1
    body = resp.get_json()
    assert body["count"] == 3 and body["page"] == 1 and body["per_page"] == 20
    assert [r["other"]["username"] for r in body["data"]] == ["extra", "other", "sender"]
    assert body["data"][0]["other"]["display_name"] == "Extra Person"
    assert body["data"][2]["direction"] == "incoming"

    def usernames(query):
        return [
            r["other"]["username"]
            for r in client.get(f"/api/team-requests?{query}", headers=headers).get_json()["data"]
        ]

    assert usernames("direction=incoming") == ["sender"]
    assert usernames("direction=outgoing") == ["extra", "other"]
    assert usernames("status=pending") == ["extra", "sender"]
    assert usernames("status=pending&direction=outgoing") == ["extra"]
    page2 = client.get("/api/team-requests?per_page=2&page=2", headers=headers).get_json()
    assert [r["other"]["username"] for r in page2["data"]] == ["sender"]
    assert page2["count"] == 3


@pytest.mark.parametrize(
    "query", ["page=0", "per_page=101", "per_page=0", "status=maybe", "direction=sideways"]
)
def test_bad_list_parameters_are_422(client, cast, query):
    for path in ("/api/team-requests", "/api/teammates"):
        resp = client.get(f"{path}?{query}", headers=cast["sender"]["headers"])
        if path == "/api/teammates" and query.startswith(("status", "direction")):
            continue  # teammates take no filters; unknown keys are ignored
        assert resp.status_code == 422, (path, query)
