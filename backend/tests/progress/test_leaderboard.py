"""The weekly leaderboard: only my teammates, only those who opted in, and only once I did;
off by default. Checked through the API and as a direct client."""

from __future__ import annotations

from ..conftest import acting_as
from ..factories import signed_in
from .test_streaks import record


def team_up(conn, a, b):
    request = conn.execute(
        "insert into public.team_requests (sender_id, recipient_id) values (%s, %s) returning id",
        (a["id"], b["id"]),
    ).fetchone()[0]
    conn.execute(
        "update public.team_requests set status = 'accepted', responded_at = now() where id = %s",
        (request,),
    )


def test_only_teammates_who_opted_in_are_ranked_and_only_for_those_who_did(client, app, conn):
    me, headers = signed_in(client, app, display_name="Me")
    mate, mate_headers = signed_in(client, app, display_name="Mate")
    shy, _ = signed_in(client, app, display_name="Shy")
    stranger, stranger_headers = signed_in(client, app, display_name="Stranger")
    team_up(conn, me, mate)
    team_up(conn, shy, me)
    now = conn.execute("select now()").fetchone()[0]
    for user, xp in ((me, 30), (mate, 50), (shy, 80), (stranger, 90)):
        record(conn, user["id"], now, amount=xp)

    board = client.get("/api/users/me/leaderboard", headers=headers).get_json()
    assert (board["opted_in"], board["entries"]) == (False, [])
    for h in (headers, mate_headers, stranger_headers):
        client.patch("/api/users/me", json={"leaderboard_opt_in": True}, headers=h)
    board = client.get("/api/users/me/leaderboard", headers=headers).get_json()
    assert board["opted_in"] is True
    assert [(e["name"], e["xp"], e["is_me"]) for e in board["entries"]] == [
        ("Mate", 50, False),
        ("Me", 30, True),
    ]
    alone = client.get("/api/users/me/leaderboard", headers=stranger_headers).get_json()
    assert [e["name"] for e in alone["entries"]] == ["Stranger"]
    with acting_as(conn, shy["id"]) as cur:  # not opted in: sees nobody, directly either
        assert cur.execute("select count(*) from public.teammate_leaderboard()").fetchone()[0] == 0
        assert (
            cur.execute(
                "select count(*) from public.activity_days where user_id <> %s", (shy["id"],)
            ).fetchone()[0]
            == 0
        )
