"""The notice of a team-up request is read once its recipient answers it: in the answer's own
transaction (trigger team_requests_read_notice), through the API and as a direct client."""

import pytest

from ..conftest import acting_as
from ..teams.conftest import make_request, send


def _notices(conn, user_id):
    """{request_id: read} of the user's team_request_received notices."""
    rows = conn.execute(
        "select data ->> 'request_id', read_at is not null from public.notifications"
        " where user_id = %s and type = 'team_request_received'",
        (user_id,),
    ).fetchall()
    return dict(rows)


def _unread(client, headers):
    return client.get("/api/notifications/unread-count", headers=headers).json["unread_count"]


@pytest.mark.parametrize("answer", ["accept", "reject"])
def test_answering_a_request_reads_its_notice_and_only_its_own(client, conn, cast, answer):
    recipient = cast["recipient"]
    answered = send(client, cast["sender"]["headers"], "recipient").json["id"]
    waiting = send(client, cast["other"]["headers"], "recipient").json["id"]
    assert _unread(client, recipient["headers"]) == 2

    resp = client.post(f"/api/team-requests/{answered}/{answer}", headers=recipient["headers"])
    assert resp.status_code == 200
    assert int(resp.headers["X-DB-Round-Trips"]) == 2  # unchanged: the trigger rides along
    assert _notices(conn, recipient["user"]["id"]) == {answered: True, waiting: False}
    assert _unread(client, recipient["headers"]) == 1


def test_accepting_leaves_the_senders_new_notice_unread(client, conn, cast):
    request_id = send(client, cast["sender"]["headers"], "recipient").json["id"]
    client.post(f"/api/team-requests/{request_id}/accept", headers=cast["recipient"]["headers"])
    (accepted,) = client.get("/api/notifications", headers=cast["sender"]["headers"]).json["data"]
    assert accepted["type"] == "team_request_accepted" and accepted["read_at"] is None


def test_a_cancelled_request_leaves_its_notice_as_it_was(client, conn, cast):
    request_id = send(client, cast["sender"]["headers"], "recipient").json["id"]
    client.post(f"/api/team-requests/{request_id}/cancel", headers=cast["sender"]["headers"])
    assert _notices(conn, cast["recipient"]["user"]["id"]) == {request_id: False}


def test_a_notice_read_before_the_answer_keeps_its_first_read_time(client, conn, cast):
    headers = cast["recipient"]["headers"]
    request_id = send(client, cast["sender"]["headers"], "recipient").json["id"]
    (notice,) = client.get("/api/notifications", headers=headers).json["data"]
    first = client.post(f"/api/notifications/{notice['id']}/read", headers=headers).json["read_at"]
    client.post(f"/api/team-requests/{request_id}/accept", headers=headers)
    (after,) = [
        n
        for n in client.get("/api/notifications", headers=headers).json["data"]
        if n["id"] == notice["id"]
    ]
    assert after["read_at"] == first


@pytest.mark.parametrize("status", ["accepted", "rejected"])
def test_a_direct_client_answering_reads_the_notice_in_the_same_transaction(conn, cast, status):
    recipient = cast["recipient"]["user"]["id"]
    request_id = make_request(conn, cast["sender"]["user"]["id"], recipient)  # notifies
    with acting_as(conn, recipient) as cur:
        unread = "select count(*) from public.notifications where read_at is null"
        assert cur.execute(unread).fetchone()[0] == 1
        cur.execute(
            "update public.team_requests set status = %s where id = %s", (status, request_id)
        )
        assert cur.execute(unread).fetchone()[0] == 0
