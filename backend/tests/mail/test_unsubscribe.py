"""Unsubscribing from a received e-mail, signed out: the mail carries the link and RFC 8058's
one-click headers; the link shows what it would do, turns off only its category, and a forged
token changes nothing. Preferences decide which notifications are mailed at all."""

from __future__ import annotations

import re

import pytest

from ..feedback.test_threads import thread_url
from ..jobs.conftest import run_due_jobs

URL = "/api/mail/unsubscribe"
# What a mail client POSTs (RFC 8058), with no cookie and no CSRF header.
ONE_CLICK = {
    "data": "List-Unsubscribe=One-Click",
    "content_type": "application/x-www-form-urlencoded",
}


def preferences(conn, user_id) -> tuple[bool, bool, bool] | None:
    return conn.execute(
        "select links, feedback, digest from public.mail_preferences where user_id = %s",
        (user_id,),
    ).fetchone()


def feedback_mail(app, client, smtp, sessions, work):
    """The advisor's feedback, mailed to the student; the message received."""
    url = thread_url(work["public"])
    assert client.post(url, json={"body": "Good."}, headers=sessions["advisor"]).status_code == 201
    run_due_jobs(app)
    [message] = smtp[0].messages
    return message


def token_of(message) -> str:
    text = message.get_body(("plain",)).get_content()
    [token] = re.findall(r"/unsubscribe\?token=([A-Za-z0-9_-]+)", text)
    return token


def test_a_mail_carries_its_unsubscribe_link_and_one_click_headers(
    app, client, smtp, sessions, work
):
    message = feedback_mail(app, client, smtp, sessions, work)
    token = token_of(message)
    site = app.config["SETTINGS"].site_url
    assert message["List-Unsubscribe"] == f"<{site}{URL}?token={token}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # On the wire as a plain URL, as mail clients read it (not folded into encoded-words).
    raw = smtp[0].raw[-1].decode()
    assert f"\r\nList-Unsubscribe: <{site}{URL}?token={token}>\r\n" in raw
    assert "e-mail about feedback on work" in message.get_body(("plain",)).get_content()


def test_the_link_from_a_mail_turns_its_category_off_signed_out(
    app, client, conn, smtp, users, sessions, work
):
    student = users["student"]
    token = token_of(feedback_mail(app, client, smtp, sessions, work))
    stranger = app.test_client()  # no cookie, no token
    shown = stranger.get(URL, query_string={"token": token})
    assert shown.status_code == 200, shown.get_json()
    assert shown.get_json() == {
        "category": "feedback",
        "subscribed": True,
        "email_hint": student["email"][0] + "***@" + student["email"].split("@")[1],
    }
    assert preferences(conn, student["id"]) is None  # looking changes nothing

    done = stranger.post(URL, query_string={"token": token}, **ONE_CLICK)
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["subscribed"] is False
    assert preferences(conn, student["id"]) == (True, False, True)  # only feedback is off
    assert stranger.post(URL, query_string={"token": token}).status_code == 200  # again: same

    url = thread_url(work["public"])
    assert client.post(url, json={"body": "More?"}, headers=sessions["advisor"]).status_code == 201
    run_due_jobs(app)
    assert len(smtp[0].messages) == 1  # the second feedback is not mailed


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_token_is_refused_and_changes_nothing(
    app, client, conn, smtp, users, sessions, work, method
):
    real = token_of(feedback_mail(app, client, smtp, sessions, work))
    forged = real[:-4] + ("AAAA" if not real.endswith("AAAA") else "BBBB")
    resp = getattr(app.test_client(), method)(URL, query_string={"token": forged}, **ONE_CLICK)
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "invalid_unsubscribe_token"
    assert getattr(app.test_client(), method)(URL).status_code == 422  # no token at all
    assert preferences(conn, users["student"]["id"]) is None


def test_a_category_turned_off_is_not_mailed(app, client, conn, smtp, users, sessions):
    off = client.patch(
        "/api/users/me/notification-preferences",
        json={"links": False},
        headers=sessions["student"],
    )
    assert off.status_code == 200, off.get_json()
    sent = client.post(
        "/api/links/invitations", json={"recipient": "student"}, headers=sessions["parent"]
    )
    assert sent.status_code == 201, sent.get_json()
    run_due_jobs(app)
    assert smtp[0].messages == []
    assert conn.execute(
        "select count(*) from private.jobs where kind = 'mail.notification'"
    ).fetchone() == (0,)


def test_a_category_turned_off_after_the_notification_is_not_mailed(
    app, client, conn, smtp, users, sessions
):
    sent = client.post(
        "/api/links/invitations", json={"recipient": "student"}, headers=sessions["parent"]
    )
    assert sent.status_code == 201, sent.get_json()
    conn.execute(
        "insert into public.mail_preferences (user_id, links) values (%s, false)",
        (users["student"]["id"],),
    )
    assert run_due_jobs(app) == 1  # the notification's job ran, and wrote nothing
    assert smtp[0].messages == []
    assert conn.execute("select count(*) from private.mail_outbox").fetchone() == (0,)
