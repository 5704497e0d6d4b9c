"""Mail through the outbox: written in the causing transaction (a rollback sends nothing), sent by
the job to a real SMTP server, never twice, and kept for later when the server refuses."""

from __future__ import annotations

import psycopg
import pytest

from optio.db import database
from optio.mail import Mail, statements

from ..jobs.conftest import run_due_jobs

WELCOME = Mail(
    to="parent@example.com",
    subject="Ana invited you to follow her work",
    text="Open https://optio.test/links to accept.",
    html="<p>Open <a href='https://optio.test/links'>your links</a> to accept.</p>",
    kind="link_invitation",
)


def write(app, mail: Mail = WELCOME) -> int:
    with app.app_context(), database(app).transaction() as current:
        return current.run(*statements(mail))[-2][0]["outbox_id"]


def outbox_row(conn, outbox_id):
    return conn.execute(
        "select sent_at is not null, attempts, last_error from private.mail_outbox where id = %s",
        (outbox_id,),
    ).fetchone()


def test_a_message_arrives_once(app, conn, smtp):
    inbox, _ = smtp
    outbox_id = write(app)
    assert inbox.messages == []  # nothing is sent in the writing transaction
    assert run_due_jobs(app) == 1
    [message] = inbox.messages
    assert message["To"] == "parent@example.com"
    assert message["From"] == "Optio <hello@optio.test>"
    assert message["Subject"] == "Ana invited you to follow her work"
    assert f"outbox-{outbox_id}" in message["Message-ID"]
    assert message.get_body(("plain",)).get_content().strip() == WELCOME.text
    assert "your links" in message.get_body(("html",)).get_content()
    assert outbox_row(conn, outbox_id) == (True, 1, None)
    # The job again (a crash after sending, a lapsed lease), or `optio mail send`: no second mail.
    from optio.mail.jobs import send_one

    with app.app_context():
        assert send_one(outbox_id) is False
    assert len(inbox.messages) == 1


def test_a_rolled_back_transaction_sends_nothing(app, conn, smtp):
    inbox, _ = smtp
    with app.app_context(), pytest.raises(RuntimeError), database(app).transaction() as current:
        current.run(*statements(WELCOME))
        raise RuntimeError("the request failed after writing")
    assert conn.execute("select count(*) from private.mail_outbox").fetchone() == (0,)
    assert conn.execute(
        "select count(*) from private.jobs where kind = 'mail.send'"
    ).fetchone() == (0,)
    assert run_due_jobs(app) == 0 and inbox.messages == []


def test_a_refusing_server_leaves_the_message_for_later(app, conn, smtp):
    inbox, _ = smtp
    inbox.refusing = True
    outbox_id = write(app)
    assert run_due_jobs(app) == 1  # the attempt ran, and failed
    sent, attempts, error = outbox_row(conn, outbox_id)
    assert (sent, attempts) == (False, 1) and "451" in error
    job = conn.execute(
        "select state, attempts from private.jobs where key = %s", (f"mail:{outbox_id}",)
    ).fetchone()
    assert job == ("queued", 1)  # to be tried again after its back-off
    inbox.refusing = False
    conn.execute("update private.jobs set run_at = now() where key = %s", (f"mail:{outbox_id}",))
    assert run_due_jobs(app) == 1
    assert len(inbox.messages) == 1 and outbox_row(conn, outbox_id)[0] is True


def test_no_client_reads_or_writes_the_outbox(app, conn, smtp):
    write(app)
    for role in ("anon", "authenticated"):
        with conn.transaction(force_rollback=True):
            conn.execute(f"set local role {role}")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("select * from private.mail_outbox")


@pytest.mark.parametrize(
    "bad",
    [
        {"subject": "Two\r\nBcc: everyone@example.com"},
        {"to": "nobody"},
        {"text": ""},
        {"kind": "Not A Kind"},
    ],
)
def test_the_database_refuses_a_malformed_message(app, smtp, bad):
    fields = {**WELCOME.__dict__, **bad}
    with pytest.raises(psycopg.errors.CheckViolation):
        write(app, Mail(**fields))
