"""GET /api/teammates: accepted teammates, each with their progress on the quests we share and
nothing else of theirs."""

import pytest

from ..factories import make_quest
from .conftest import complete, enroll, make_request


@pytest.fixture
def team(conn, cast):
    """Sender and recipient are teammates; both are enrolled in `shared`; the recipient alone
    in `theirs`; the recipient abandoned `left`, which the sender is still on."""
    me, mate = cast["sender"]["user"]["id"], cast["recipient"]["user"]["id"]
    quests = {
        "shared": make_quest(conn, tasks=3, title="Shared"),
        "theirs": make_quest(conn, tasks=2, title="Theirs only"),
        "left": make_quest(conn, tasks=2, title="Abandoned by them"),
    }
    for name, users in (("shared", (me, mate)), ("theirs", (mate,)), ("left", (me, mate))):
        for user in users:
            enroll(conn, user, quests[name]["id"])
    conn.execute(
        "update public.user_quests set is_active = false, abandoned_at = now()"
        " where user_id = %s and quest_id = %s",
        (mate, quests["left"]["id"]),
    )
    complete(conn, mate, quests["shared"]["tasks"][0]["id"], text="my private diary", private=True)
    complete(conn, mate, quests["shared"]["tasks"][1]["id"], text="a public note")
    complete(conn, mate, quests["theirs"]["tasks"][0]["id"], text="elsewhere")
    make_request(conn, me, mate, status="accepted")
    return quests


def test_a_teammates_progress_covers_only_the_quests_we_share(client, cast, team):
    resp = client.get("/api/teammates", headers=cast["sender"]["headers"])
    assert resp.status_code == 200
    assert int(resp.headers["X-DB-Round-Trips"]) == 1
    body = resp.get_json()
    assert body["count"] == 1 and body["page"] == 1 and body["per_page"] == 20
    (mate,) = body["data"]
    assert mate["id"] == str(cast["recipient"]["user"]["id"])
    assert (mate["username"], mate["display_name"]) == ("recipient", "Recipient")
    assert mate["shared_quests"] == [
        {
            "quest_id": str(team["shared"]["id"]),
            "title": "Shared",
            "completed_tasks": 2,
            "total_tasks": 3,
            "completed_at": None,
        }
    ]


def test_a_teammate_sees_none_of_my_evidence_or_email(client, cast, team):
    text = client.get("/api/teammates", headers=cast["sender"]["headers"]).get_data(as_text=True)
    for secret in ("my private diary", "a public note", "elsewhere", "Theirs only", "Abandoned"):
        assert secret not in text
    assert cast["recipient"]["user"]["email"] not in text


def test_teammates_are_listed_both_ways_once_each_newest_first(client, conn, cast, app):
    me = cast["recipient"]["user"]["id"]
    make_request(conn, cast["sender"]["user"]["id"], me, status="accepted", minutes_ago=60)
    make_request(conn, me, cast["other"]["user"]["id"], status="accepted", minutes_ago=5)
    make_request(conn, me, cast["admin"]["user"]["id"], status="rejected")
    make_request(conn, cast["sender"]["user"]["id"], cast["other"]["user"]["id"], status="accepted")
    # An accepted pair that teamed up twice (a later request after the first) is one teammate.
    conn.execute(
        "insert into public.team_requests (sender_id, recipient_id, status, responded_at)"
        " values (%s, %s, 'accepted', now())",
        (me, cast["sender"]["user"]["id"]),
    )
    headers = cast["recipient"]["headers"]
    body = client.get("/api/teammates", headers=headers).get_json()
    assert [t["username"] for t in body["data"]] == ["other", "sender"]
    assert body["count"] == 2
    page2 = client.get("/api/teammates?per_page=1&page=2", headers=headers).get_json()
    assert [t["username"] for t in page2["data"]] == ["sender"] and page2["count"] == 2


def test_a_pending_request_makes_no_teammate(client, conn, cast):
    make_request(conn, cast["sender"]["user"]["id"], cast["recipient"]["user"]["id"])
    body = client.get("/api/teammates", headers=cast["sender"]["headers"]).get_json()
    assert body == {"data": [], "count": 0, "page": 1, "per_page": 20}


def test_the_teammates_list_costs_one_round_trip_however_many_teammates(client, conn, cast, app):
    quest = make_quest(conn, tasks=2)
    me = cast["sender"]["user"]["id"]
    enroll(conn, me, quest["id"])
    for n in range(15):
        mate = conn.execute(
            "insert into auth.users (email) values (%s) returning id", (f"mate{n}@example.com",)
        ).fetchone()[0]
        enroll(conn, mate, quest["id"])
        make_request(conn, me, mate, status="accepted")
    resp = client.get("/api/teammates", headers=cast["sender"]["headers"])
    assert len(resp.get_json()["data"]) == 15
    assert all(len(t["shared_quests"]) == 1 for t in resp.get_json()["data"])
    assert int(resp.headers["X-DB-Round-Trips"]) == 1
