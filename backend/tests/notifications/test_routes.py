"""My notifications: written by the database when something happens, listed unread first,
marked read once."""

import pytest

from ..factories import make_quest
from ..teams.conftest import ACTORS, send


def notify(conn, user_id, title, *, minutes_ago=0, read=False, kind="test"):
    return conn.execute(
        "insert into public.notifications (user_id, type, title, created_at, read_at)"
        " select %(u)s, %(k)s, %(t)s, t.at, case when %(r)s then t.at end"
        " from (select now() - make_interval(mins => %(ago)s) as at) t returning id",
        {"u": user_id, "k": kind, "t": title, "r": read, "ago": minutes_ago},
    ).fetchone()[0]


def titles(client, headers, query=""):
    return [
        n["title"] for n in client.get(f"/api/notifications{query}", headers=headers).json["data"]
    ]


# --- the permission matrix ------------------------------------------------------------------

LIST_SEES = {"sender": [], "recipient": ["for recipient"], "other": [], "admin": []}
READ = {"anon": 401, "sender": 404, "recipient": 200, "other": 404, "admin": 404}


@pytest.mark.parametrize("actor", ACTORS)
def test_each_user_lists_only_their_own_notifications(client, conn, cast, actor):
    notify(conn, cast["recipient"]["user"]["id"], "for recipient")
    resp = client.get("/api/notifications", headers=cast[actor]["headers"])
    if actor == "anon":
        assert resp.status_code == 401
        return
    assert [n["title"] for n in resp.json["data"]] == LIST_SEES[actor]


@pytest.mark.parametrize("actor", ACTORS)
def test_only_its_owner_marks_a_notification_read(client, conn, cast, actor):
    notification = notify(conn, cast["recipient"]["user"]["id"], "for recipient")
    resp = client.post(f"/api/notifications/{notification}/read", headers=cast[actor]["headers"])
    assert resp.status_code == READ[actor]
    read_at = conn.execute(
        "select read_at from public.notifications where id = %s", (notification,)
    ).fetchone()[0]
    assert (read_at is not None) == (READ[actor] == 200)


# --- created by the database ------------------------------------------------------------------


def test_a_request_notifies_its_recipient_and_accepting_notifies_its_sender(client, conn, cast):
    quest = make_quest(conn, title="Rocketry")
    sent = send(
        client, cast["sender"]["headers"], "recipient", quest_id=str(quest["id"]), message="Hi!"
    )
    request_id = sent.json["id"]
    (received,) = client.get("/api/notifications", headers=cast["recipient"]["headers"]).json[
        "data"
    ]
    assert received["type"] == "team_request_received"
    assert received["title"] == "Sender wants to team up on Rocketry"
    assert received["body"] == "Hi!"
    assert received["data"] == {
        "request_id": request_id,
        "sender_id": str(cast["sender"]["user"]["id"]),
        "quest_id": str(quest["id"]),
        "sender_name": "Sender",
        "quest_title": "Rocketry",
        "message": "Hi!",
    }
    stored = conn.execute("select title, body from public.notifications").fetchall()
    assert stored == [("", "")]  # the words are the API's (wording.py), not the database's
    assert titles(client, cast["sender"]["headers"]) == []

    client.post(f"/api/team-requests/{request_id}/accept", headers=cast["recipient"]["headers"])
    (accepted,) = client.get("/api/notifications", headers=cast["sender"]["headers"]).json["data"]
    assert accepted["type"] == "team_request_accepted"
    assert accepted["title"] == "Recipient accepted your team-up"
    assert accepted["body"] == "You are both enrolled in Rocketry."
    assert accepted["data"]["request_id"] == request_id


@pytest.mark.parametrize("action", ["reject", "cancel"])
def test_rejecting_or_cancelling_notifies_nobody_more(client, cast, action):
    request_id = send(client, cast["sender"]["headers"], "recipient").json["id"]
    decider = "recipient" if action == "reject" else "sender"
    client.post(f"/api/team-requests/{request_id}/{action}", headers=cast[decider]["headers"])
    assert titles(client, cast["sender"]["headers"]) == []
    assert len(titles(client, cast["recipient"]["headers"])) == 1


def test_completing_a_quest_notifies_its_student(client, conn, cast):
    quest = make_quest(conn, tasks=1, title="Tiny")
    headers = cast["other"]["headers"]
    client.post(f"/api/quests/{quest['id']}/enroll", headers=headers)
    done = client.post(
        f"/api/tasks/{quest['tasks'][0]['id']}/complete",
        json={"type": "text", "text": "done"},
        headers=headers,
    )
    assert done.json["quest_completed"] is True
    body = client.get("/api/notifications", headers=headers).json
    assert [(n["type"], n["title"]) for n in body["data"]] == [
        ("quest_completed", "Quest completed: Tiny")
    ]
    assert body["data"][0]["data"] == {"quest_id": str(quest["id"]), "quest_title": "Tiny"}


# --- listing and reading ----------------------------------------------------------------------


def test_unread_come_first_then_newest_with_the_unread_count(client, conn, cast):
    me = cast["sender"]["user"]["id"]
    notify(conn, me, "old unread", minutes_ago=50)
    notify(conn, me, "new read", minutes_ago=1, read=True)
    notify(conn, me, "new unread", minutes_ago=10)
    notify(conn, me, "old read", minutes_ago=40, read=True)
    notify(conn, cast["other"]["user"]["id"], "not mine")
    resp = client.get("/api/notifications", headers=cast["sender"]["headers"])
    assert int(resp.headers["X-DB-Round-Trips"]) == 1
    body = resp.json
    assert [n["title"] for n in body["data"]] == [
        "new unread",
        "old unread",
        "new read",
        "old read",
    ]
    assert (body["count"], body["unread_count"], body["page"], body["per_page"]) == (4, 2, 1, 20)
    page = client.get("/api/notifications?per_page=3&page=2", headers=cast["sender"]["headers"])
    assert [n["title"] for n in page.json["data"]] == ["old read"]
    assert page.json["count"] == 4 and page.json["unread_count"] == 2


def test_marking_read_is_idempotent_and_moves_it_down(client, conn, cast):
    me, headers = cast["sender"]["user"]["id"], cast["sender"]["headers"]
    first = notify(conn, me, "first", minutes_ago=5)
    notify(conn, me, "second", minutes_ago=10)
    resp = client.post(f"/api/notifications/{first}/read", headers=headers)
    assert resp.status_code == 200 and resp.json["read_at"] is not None
    assert int(resp.headers["X-DB-Round-Trips"]) == 2
    again = client.post(f"/api/notifications/{first}/read", headers=headers)
    assert again.status_code == 200 and again.json["read_at"] == resp.json["read_at"]
    body = client.get("/api/notifications", headers=headers).json
    assert [n["title"] for n in body["data"]] == ["second", "first"]
    assert body["unread_count"] == 1


def test_an_unknown_notification_is_404(client, cast):
    resp = client.post(
        "/api/notifications/00000000-0000-0000-0000-000000000000/read",
        headers=cast["sender"]["headers"],
    )
    assert resp.status_code == 404


@pytest.mark.parametrize("query", ["page=0", "per_page=101", "per_page=abc"])
def test_bad_paging_is_422(client, cast, query):
    resp = client.get(f"/api/notifications?{query}", headers=cast["sender"]["headers"])
    assert resp.status_code == 422


# --- the unread count, and marking them all read ------------------------------------------------


def _read_at(conn, notification):
    return conn.execute(
        "select read_at from public.notifications where id = %s", (notification,)
    ).fetchone()[0]


def test_the_unread_count_counts_only_my_unread_in_one_round_trip(client, conn, cast):
    me = cast["sender"]["user"]["id"]
    notify(conn, me, "unread one")
    notify(conn, me, "unread two", minutes_ago=5)
    notify(conn, me, "read", read=True)
    notify(conn, cast["other"]["user"]["id"], "not mine")
    resp = client.get("/api/notifications/unread-count", headers=cast["sender"]["headers"])
    assert resp.status_code == 200
    assert resp.json == {"unread_count": 2}
    assert int(resp.headers["X-DB-Round-Trips"]) == 1
    empty = client.get("/api/notifications/unread-count", headers=cast["recipient"]["headers"])
    assert empty.json == {"unread_count": 0}


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/api/notifications/unread-count"), ("post", "/api/notifications/read-all")],
)
def test_signed_out_there_is_no_count_and_nothing_to_mark(client, method, path):
    assert getattr(client, method)(path).status_code == 401


def test_mark_all_read_marks_only_my_unread_keeping_earlier_reads(client, conn, cast):
    me, headers = cast["sender"]["user"]["id"], cast["sender"]["headers"]
    unread = [notify(conn, me, "one"), notify(conn, me, "two", minutes_ago=3)]
    earlier = notify(conn, me, "read long ago", minutes_ago=60, read=True)
    kept_at = _read_at(conn, earlier)
    theirs = notify(conn, cast["other"]["user"]["id"], "not mine")

    resp = client.post("/api/notifications/read-all", headers=headers)
    assert resp.status_code == 200
    assert resp.json == {"marked": 2}
    assert int(resp.headers["X-DB-Round-Trips"]) == 2  # the update, commit
    assert all(_read_at(conn, n) is not None for n in unread)
    assert _read_at(conn, earlier) == kept_at
    assert _read_at(conn, theirs) is None
    count = client.get("/api/notifications/unread-count", headers=headers).json
    assert count == {"unread_count": 0}

    again = client.post("/api/notifications/read-all", headers=headers)
    assert again.json == {"marked": 0}
