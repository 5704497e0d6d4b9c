"""Notification e-mail end to end: an invitation, a new link and feedback each reach the real
SMTP server with their words and a link to where they are answered, once; a refusing server
leaves them in the outbox until a later run sends them."""

from __future__ import annotations

from ..feedback.test_threads import thread_url
from ..jobs.conftest import run_due_jobs


def by_recipient(inbox) -> dict[str, list[tuple[str, str]]]:
    """(subject, plain text) of each message, by address."""
    mails: dict[str, list[tuple[str, str]]] = {}
    for message in inbox.messages:
        body = message.get_body(("plain",)).get_content()
        mails.setdefault(message["To"], []).append((message["Subject"], body))
    return mails


def outbox(conn) -> list[tuple[str, str, bool]]:
    return conn.execute(
        "select kind, to_address, sent_at is not null from private.mail_outbox order by id"
    ).fetchall()


def test_an_invitation_and_the_new_link_are_mailed_once(app, client, conn, smtp, users, sessions):
    inbox, _ = smtp
    sent = client.post(
        "/api/links/invitations", json={"recipient": "student"}, headers=sessions["parent"]
    )
    assert sent.status_code == 201, sent.get_json()
    assert inbox.messages == []  # the request only wrote the notification and its job
    run_due_jobs(app)
    [(subject, text)] = by_recipient(inbox)[users["student"]["email"]]
    assert subject == "Parent asks to follow your work"
    assert "nothing is shared until you accept" in text
    assert f"Open Optio: {app.config['SETTINGS'].site_url}/links" in text

    accepted = client.post(
        f"/api/links/invitations/{sent.get_json()['id']}/accept", headers=sessions["student"]
    )
    assert accepted.status_code == 200, accepted.get_json()
    run_due_jobs(app)
    mails = by_recipient(inbox)
    assert [s for s, _ in mails[users["parent"]["email"]]] == ["You now follow Student"]
    assert [s for s, _ in mails[users["student"]["email"]]] == [
        "Parent asks to follow your work",
        "Parent now follows your work as your parent",
    ]
    # The jobs again, as a crashed worker's lapsed lease would: nothing is written or sent twice.
    conn.execute(
        "update private.jobs set state = 'queued', finished_at = null, attempts = 0, run_at = now()"
        " where kind = 'mail.notification'"
    )
    run_due_jobs(app)
    assert len(inbox.messages) == 3
    assert [kind for kind, _, _ in outbox(conn)] == ["link_invited", "link_created", "link_created"]


def test_feedback_and_the_reply_are_mailed(app, client, conn, smtp, users, sessions, work):
    inbox, _ = smtp
    url = thread_url(work["public"])
    for author, body in (("advisor", "Cite a source?"), ("student", "Added two.")):
        assert client.post(url, json={"body": body}, headers=sessions[author]).status_code == 201
    run_due_jobs(app)
    mails = by_recipient(inbox)
    [(subject, text)] = mails[users["student"]["email"]]
    assert subject.startswith("Advisor left feedback on ")
    assert f"/quests/{work['quest']['id']}" in text
    [(subject, text)] = mails[users["advisor"]["email"]]
    assert subject.startswith("Student replied about ")
    assert f"/students/{users['student']['id']}" in text


def test_a_refusing_server_keeps_the_mail_for_later(app, client, conn, smtp, users, sessions, work):
    inbox, _ = smtp
    inbox.refusing = True
    url = thread_url(work["public"])
    assert client.post(url, json={"body": "Nice."}, headers=sessions["advisor"]).status_code == 201
    run_due_jobs(app)
    assert inbox.messages == []
    assert outbox(conn) == [("feedback_received", users["student"]["email"], False)]
    inbox.refusing = False
    conn.execute("update private.jobs set run_at = now() where kind = 'mail.send'")
    run_due_jobs(app)
    assert [m["To"] for m in inbox.messages] == [users["student"]["email"]]
    assert outbox(conn) == [("feedback_received", users["student"]["email"], True)]
