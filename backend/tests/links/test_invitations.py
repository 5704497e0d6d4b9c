"""Invitations and one-time codes through the API: who may send and answer them, expiry, single
use, a wrong recipient, throttling, and races that must make one link."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest

from ..concurrency import fire_together
from ..factories import bearer, login, make_user

INVITE = "/api/links/invitations"


def invite(client, headers, recipient, **fields):
    return client.post(INVITE, json={"recipient": recipient, **fields}, headers=headers)


def test_a_parent_invites_by_username_and_the_student_accepts(client, conn, people, sessions):
    sent = invite(client, sessions["parent"], "student")
    assert sent.status_code == 201, sent.get_json()
    invitation = sent.get_json()
    assert invitation["direction"] == "outgoing" and invitation["status"] == "pending"
    assert invitation["scope"] == "evidence" and invitation["relation"] == "parent"
    assert invitation["other"] == {"id": str(people["student"]), "display_name": "Student"}

    incoming = client.get(INVITE, headers=sessions["student"]).get_json()
    assert [i["direction"] for i in incoming["data"]] == ["incoming"]
    assert incoming["data"][0]["other"]["display_name"] == "Parent"

    accepted = client.post(f"{INVITE}/{invitation['id']}/accept", headers=sessions["student"])
    assert accepted.status_code == 200, accepted.get_json()
    assert accepted.get_json()["status"] == "accepted" and accepted.get_json()["link_id"]

    links = client.get("/api/links", headers=sessions["parent"]).get_json()["data"]
    assert [(k["my_side"], k["scope"], k["student"]["display_name"]) for k in links] == [
        ("supporter", "evidence", "Student")
    ]
    kinds = Counter(t for (t,) in conn.execute("select type from public.notifications").fetchall())
    assert kinds == Counter({"link_invited": 1, "link_created": 2})


@pytest.mark.parametrize(
    ("actor", "recipient", "status", "code"),
    [
        ("student", "other_student", 403, "not_a_supporter"),
        ("parent", "nobody_here", 404, "recipient_not_found"),
        ("parent", "advisor", 403, "not_a_student"),
        ("parent", "parent", 422, "cannot_link_self"),
    ],
)
def test_who_may_invite_whom(client, sessions, actor, recipient, status, code):
    answer = invite(client, sessions[actor], recipient)
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (status, code)


def test_one_pending_invitation_and_no_second_link(client, sessions, people, conn):
    assert invite(client, sessions["advisor"], "student").status_code == 201
    again = invite(client, sessions["advisor"], "student")
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "invitation_pending")
    conn.execute("update public.link_invitations set status = 'cancelled'")
    conn.execute(
        "insert into public.student_links (student_id, supporter_id, relation, scope)"
        " values (%s, %s, 'advisor', 'progress')",
        (people["student"], people["advisor"]),
    )
    linked = invite(client, sessions["advisor"], "student")
    assert (linked.status_code, linked.get_json()["error"]["code"]) == (409, "already_linked")


@pytest.mark.parametrize(
    ("actor", "answer", "status"),
    [
        ("other_student", "accept", 404),  # the wrong recipient does not even see it
        ("stranger_parent", "cancel", 404),
        ("parent", "accept", 403),  # the sender cannot answer for the student
        ("student", "cancel", 403),  # nor the student withdraw it
        ("student", "decline", 200),
        ("parent", "cancel", 200),
    ],
)
def test_who_answers_an_invitation(client, sessions, actor, answer, status):
    invitation = invite(client, sessions["parent"], "student").get_json()
    got = client.post(f"{INVITE}/{invitation['id']}/{answer}", headers=sessions[actor])
    assert got.status_code == status, got.get_json()


def test_an_expired_or_answered_invitation_cannot_be_accepted(client, conn, sessions):
    invitation = invite(client, sessions["parent"], "student").get_json()
    conn.execute("update public.link_invitations set expires_at = now() - interval '1 second'")
    late = client.post(f"{INVITE}/{invitation['id']}/accept", headers=sessions["student"])
    assert (late.status_code, late.get_json()["error"]["code"]) == (409, "expired")
    conn.execute("update public.link_invitations set expires_at = now() + interval '1 day'")
    assert (
        client.post(f"{INVITE}/{invitation['id']}/decline", headers=sessions["student"]).status_code
        == 200
    )
    again = client.post(f"{INVITE}/{invitation['id']}/accept", headers=sessions["student"])
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "not_pending")
    assert conn.execute("select count(*) from public.student_links").fetchone()[0] == 0


def test_an_address_without_an_account_is_invited_and_accepts_after_signing_up(
    app, client, conn, sessions
):
    sent = invite(client, sessions["advisor"], "New.Kid@Example.com", scope="evidence")
    assert sent.status_code == 201, sent.get_json()
    assert sent.get_json()["invitee_email"] == "new.kid@example.com"
    assert sent.get_json()["other"] is None
    mail = conn.execute(
        "select to_address, subject, text_body from private.mail_outbox where kind = 'link_invitation'"
    ).fetchall()
    assert [(to, subject) for to, subject, _ in mail] == [
        ("new.kid@example.com", "Advisor invited you to Optio")
    ]
    assert "/links" in mail[0][2]

    kid = make_user(app, email="new.kid@example.com", username="new_kid")
    headers = bearer(login(app.test_client(), kid))
    seen = client.get(INVITE, headers=headers).get_json()["data"]
    assert [(i["direction"], i["invitee_email"]) for i in seen] == [("incoming", None)]
    accepted = client.post(f"{INVITE}/{seen[0]['id']}/accept", headers=headers)
    assert accepted.status_code == 200, accepted.get_json()
    assert conn.execute("select scope from public.student_links").fetchall() == [("evidence",)]
    other = client.get(INVITE, headers=sessions["other_student"]).get_json()
    assert other["count"] == 0


def test_a_code_links_once_and_is_shown_once(client, conn, people, sessions):
    made = client.post("/api/links/codes", json={}, headers=sessions["student"])
    assert made.status_code == 201, made.get_json()
    code = made.get_json()["code"]
    assert len(code) == 14 and code.count("-") == 2
    listed = client.get(INVITE, headers=sessions["student"]).get_json()["data"]
    assert code not in str(listed) and listed[0]["kind"] == "code"

    redeemed = client.post(
        "/api/links/codes/redeem",
        json={"code": code.lower().replace("-", " ")},
        headers=sessions["advisor"],
    )
    assert redeemed.status_code == 201, redeemed.get_json()
    assert redeemed.get_json()["relation"] == "advisor"
    assert redeemed.get_json()["scope"] == "progress"  # the advisor default
    again = client.post("/api/links/codes/redeem", json={"code": code}, headers=sessions["parent"])
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "code_used")
    assert conn.execute("select count(*) from public.student_links").fetchone()[0] == 1


def test_codes_expire_are_for_students_and_come_five_at_a_time(client, conn, sessions):
    refused = client.post("/api/links/codes", json={}, headers=sessions["parent"])
    assert refused.get_json()["error"]["code"] == "not_a_student"
    codes = [
        client.post("/api/links/codes", json={"scope": "progress"}, headers=sessions["student"])
        for _ in range(6)
    ]
    assert [c.status_code for c in codes] == [201] * 5 + [409]
    conn.execute("update public.link_invitations set expires_at = now() - interval '1 second'")
    late = client.post(
        "/api/links/codes/redeem",
        json={"code": codes[0].get_json()["code"]},
        headers=sessions["parent"],
    )
    assert (late.status_code, late.get_json()["error"]["code"]) == (409, "expired")
    student_redeems = client.post(
        "/api/links/codes/redeem",
        json={"code": codes[1].get_json()["code"]},
        headers=sessions["other_student"],
    )
    assert student_redeems.get_json()["error"]["code"] == "not_a_supporter"


@pytest.fixture
def settings_overrides():
    return {"rate_limit_link_code": "1000/minute", "db_pool_max_size": 8}


def test_wrong_codes_are_throttled_in_the_database(client, conn, sessions):
    answers = [
        client.post(
            "/api/links/codes/redeem",
            json={"code": f"0000-0000-{n:04d}"},
            headers=sessions["parent"],
        ).status_code
        for n in range(11)
    ]
    assert answers == [404] * 10 + [429]
    # counted in the database, so committed although each answer was an error
    assert conn.execute("select count(*) from private.link_code_failures").fetchone()[0] == 10


def test_two_accepts_at_once_make_one_link(app, client, conn, sessions, server):
    invitation = invite(client, sessions["parent"], "student").get_json()

    def accept():
        with httpx.Client(base_url=server, timeout=30) as http:
            return http.post(
                f"{INVITE}/{invitation['id']}/accept", headers=sessions["student"]
            ).status_code

    assert Counter(fire_together([accept] * 4)) == Counter({200: 1, 409: 3})
    assert conn.execute("select count(*) from public.student_links").fetchone()[0] == 1


def test_two_supporters_redeeming_one_code_at_once_make_one_link(client, conn, sessions, server):
    code = client.post("/api/links/codes", json={}, headers=sessions["student"]).get_json()["code"]

    def redeem(who):
        with httpx.Client(base_url=server, timeout=30) as http:
            return http.post(
                "/api/links/codes/redeem", json={"code": code}, headers=sessions[who]
            ).status_code

    results = fire_together(
        [lambda w=w: redeem(w) for w in ("parent", "advisor", "stranger_parent")]
    )
    assert Counter(results) == Counter({201: 1, 409: 2})
    assert conn.execute("select count(*) from public.student_links").fetchone()[0] == 1


def test_only_the_student_sets_the_scope_and_either_side_ends(client, conn, people, sessions):
    code = client.post("/api/links/codes", json={}, headers=sessions["student"]).get_json()["code"]
    link = client.post(
        "/api/links/codes/redeem", json={"code": code}, headers=sessions["parent"]
    ).get_json()
    by_parent = client.patch(
        f"/api/links/{link['id']}", json={"scope": "private_evidence"}, headers=sessions["parent"]
    )
    assert (by_parent.status_code, by_parent.get_json()["error"]["code"]) == (
        403,
        "not_the_student",
    )
    by_student = client.patch(
        f"/api/links/{link['id']}", json={"scope": "progress"}, headers=sessions["student"]
    )
    assert by_student.status_code == 200 and by_student.get_json()["scope"] == "progress"
    assert (
        client.patch(
            f"/api/links/{link['id']}",
            json={"scope": "progress"},
            headers=sessions["other_student"],
        ).status_code
        == 404
    )
    assert (
        client.delete(f"/api/links/{link['id']}", headers=sessions["other_student"]).status_code
        == 404
    )
    assert client.delete(f"/api/links/{link['id']}", headers=sessions["parent"]).status_code == 204
    assert conn.execute("select count(*) from public.student_links").fetchone()[0] == 0
