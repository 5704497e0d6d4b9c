"""The permission matrix of the team-up endpoints: anon, the request's sender and recipient,
another student and an admin, against each endpoint."""

import pytest

from .conftest import ACTORS, DECIDED, DECISIONS, make_request, send


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", list(DECISIONS))
def test_only_the_right_party_decides_a_request(client, conn, cast, pending, action, actor):
    resp = client.post(f"/api/team-requests/{pending}/{action}", headers=cast[actor]["headers"])
    expected = DECISIONS[action][actor]
    assert resp.status_code == expected, resp.get_json()
    status = conn.execute(
        "select status from public.team_requests where id = %s", (pending,)
    ).fetchone()[0]
    if expected == 200:
        assert resp.get_json()["status"] == status == DECIDED[action]
    else:
        assert status == "pending"
        code = {401: "unauthorized", 403: "not_your_request", 404: "not_found"}[expected]
        assert resp.get_json()["error"]["code"] == code


# Creating: a request is pending between sender and recipient, and each actor asks the recipient.
SEND_TO_RECIPIENT = {"anon": 401, "sender": 409, "recipient": 422, "other": 201, "admin": 201}


@pytest.mark.parametrize("actor", ACTORS)
def test_who_may_send_a_request_to_the_recipient(client, cast, pending, actor):
    resp = send(client, cast[actor]["headers"], "recipient")
    assert resp.status_code == SEND_TO_RECIPIENT[actor], resp.get_json()


# Listing: what each actor sees of the pending request (the list is always one's own).
LISTED = {"sender": ["outgoing"], "recipient": ["incoming"], "other": [], "admin": []}


@pytest.mark.parametrize("actor", ACTORS)
def test_each_actor_lists_only_their_own_requests(client, cast, pending, actor):
    resp = client.get("/api/team-requests", headers=cast[actor]["headers"])
    if actor == "anon":
        assert resp.status_code == 401
        return
    assert resp.status_code == 200
    body = resp.get_json()
    assert [r["direction"] for r in body["data"]] == LISTED[actor]
    assert body["count"] == len(LISTED[actor])


TEAMMATES = {"sender": ["recipient"], "recipient": ["sender"], "other": [], "admin": []}


@pytest.mark.parametrize("actor", ACTORS)
def test_each_actor_sees_only_their_own_teammates(client, conn, cast, actor):
    make_request(
        conn, cast["sender"]["user"]["id"], cast["recipient"]["user"]["id"], status="accepted"
    )
    resp = client.get("/api/teammates", headers=cast[actor]["headers"])
    if actor == "anon":
        assert resp.status_code == 401
        return
    assert resp.status_code == 200
    assert [t["username"] for t in resp.get_json()["data"]] == TEAMMATES[actor]
