"""The weekly digest to parents through a real SMTP server: each child's week within the link's
scope, one message a week however often the jobs run, none when turned off or when no child did
anything, and a chain of weekly jobs keyed by the week."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from optio import create_app
from optio.cli import main
from optio.db import database
from optio.mail.digest import enqueue_now, schedule, week_of, week_start

from ..conftest import TEST_SETTINGS
from ..factories import make_quest
from ..jobs.conftest import run_due_jobs
from ..links.conftest import make_link
from ..teams.conftest import complete, enroll

THIS_WEEK = week_of(datetime.now(UTC))


def run_digest(app, week: str = THIS_WEEK) -> None:
    with app.app_context(), database(app).transaction() as current:
        enqueue_now(current, week)
    run_due_jobs(app)


def digests(inbox) -> dict[str, list[str]]:
    """Plain text of each digest received, by address."""
    found: dict[str, list[str]] = {}
    for message in inbox.messages:
        if message["Subject"].startswith("Your children's week on Optio"):
            text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
            found.setdefault(message["To"], []).append(text)
    return found


def section(text: str, name: str) -> str:
    """The part of a digest about one child (up to the next blank line)."""
    start = text.index(f"\n\n{name}\n") + 2
    end = text.find("\n\n", start)
    return text[start : end if end != -1 else None]


@pytest.fixture
def family(conn, people, work):
    """Besides `work` (the student's public and private essays; the parent follows with scope
    evidence): the parent also follows other_student with scope progress, who finished a
    one-task quest this week, and stranger_parent follows the student with private_evidence."""
    quest = make_quest(conn, tasks=1, title="Bridges", xp=40, pillars=["arts_creativity"])
    enroll(conn, people["other_student"], quest["id"])
    complete(conn, people["other_student"], quest["tasks"][0]["id"], "progress-only essay")
    make_link(conn, people["other_student"], people["parent"], "parent", "progress")
    make_link(conn, people["student"], people["stranger_parent"], "parent", "private_evidence")
    return quest


def test_the_digest_tells_each_child_s_week_within_the_link_s_scope(app, smtp, users, family):
    run_digest(app)
    mails = digests(smtp[0])
    [parent_digest] = mails.pop(users["parent"]["email"])
    evidence_scope = section(parent_digest, "Student")
    assert "Tasks done (2)" in evidence_scope
    assert "my public essay" in evidence_scope
    assert "my private diary" not in parent_digest
    progress_scope = section(parent_digest, "Other_Student")
    assert "Completed: Bridges" in progress_scope and "Started: Bridges" in progress_scope
    assert "XP: 40 (Arts & Creativity 40)" in progress_scope
    assert "progress-only essay" not in parent_digest
    assert "Highlights" not in progress_scope

    [private_scope] = mails.pop(users["stranger_parent"]["email"])
    assert "my private diary" in private_scope and "my public essay" in private_scope
    assert mails == {}  # not the advisor, nor parents with no child


def test_a_digest_carries_a_link_that_turns_the_digest_off(app, smtp, users, family):
    run_digest(app)
    [message] = [m for m in smtp[0].messages if m["To"] == users["parent"]["email"]]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message["List-Unsubscribe"].strip("<>").replace(app.config["SETTINGS"].site_url, "")
    resp = app.test_client().post(url, data="List-Unsubscribe=One-Click")
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["category"] == "digest"
    smtp[0].messages.clear()
    run_digest(app, week_of(datetime.now(UTC) + timedelta(days=7)))  # the next week's
    assert users["parent"]["email"] not in digests(smtp[0])


def test_a_week_s_digest_is_sent_once_however_often_its_jobs_run(app, conn, smtp, users, family):
    run_digest(app)
    assert len(smtp[0].messages) == 2
    run_digest(app)  # the week's fan-out again: its per-parent jobs exist already
    # The per-parent jobs again, as after a crash or a pruned job: the outbox key holds.
    conn.execute(
        "update private.jobs set state = 'queued', finished_at = null, attempts = 0,"
        " run_at = now() where kind = 'mail.digest_parent'"
    )
    assert run_due_jobs(app) == 2
    assert len(smtp[0].messages) == 2
    assert conn.execute(
        "select count(*) from private.mail_outbox where kind = 'digest'"
    ).fetchone() == (2,)


def test_a_parent_who_turned_the_digest_off_gets_none(app, client, smtp, users, sessions, family):
    off = client.patch(
        "/api/users/me/notification-preferences", json={"digest": False}, headers=sessions["parent"]
    )
    assert off.status_code == 200, off.get_json()
    run_digest(app)
    assert list(digests(smtp[0])) == [users["stranger_parent"]["email"]]


def test_a_child_with_nothing_that_week_is_said_so(app, conn, smtp, people, users, work):
    make_link(conn, people["other_student"], people["parent"], "parent", "evidence")
    run_digest(app)
    [text] = digests(smtp[0])[users["parent"]["email"]]
    assert section(text, "Other_Student") == "Other_Student\nNo activity this week."
    assert "my public essay" in section(text, "Student")


def test_no_digest_when_no_child_did_anything_that_week(app, smtp, family):
    run_digest(app, week_of(datetime.now(UTC) - timedelta(days=7)))
    assert smtp[0].messages == []


def test_the_weekly_chain_is_keyed_by_the_week(app, conn, smtp, family):
    schedule(app)
    schedule(app)  # a second worker start: still one job for the week
    [(args, run_at)] = conn.execute(
        "select args, run_at from private.jobs where kind = 'mail.digest'"
    ).fetchall()
    assert args == {"week": THIS_WEEK, "chain": True}
    assert run_at == week_start(THIS_WEEK) + timedelta(days=7, hours=6)  # the Monday after
    run_due_jobs(app)
    assert smtp[0].messages == []  # not due yet

    conn.execute("update private.jobs set run_at = now() where kind = 'mail.digest'")
    run_due_jobs(app)
    assert len(digests(smtp[0])) == 2
    following = week_of(datetime.now(UTC) + timedelta(days=7))
    assert conn.execute(
        "select key, state from private.jobs where kind = 'mail.digest' order by id"
    ).fetchall() == [(THIS_WEEK, "done"), (following, "queued")]


def test_a_worker_starting_while_the_database_is_away_still_starts(tmp_path, caplog):
    app = create_app(
        {
            **TEST_SETTINGS,
            "database_url": "postgresql://postgres@127.0.0.1:1/optio?connect_timeout=1",
            "db_pool_timeout_seconds": 0.2,
            "storage_dir": tmp_path,
        }
    )
    try:
        with caplog.at_level(logging.WARNING, logger="optio.mail.digest"):
            schedule(app)  # does not raise: the next start schedules the week
    finally:
        app.extensions["optio_db"].close()
    assert "weekly digest not scheduled" in caplog.text


def test_mail_digest_enqueues_a_week_now_and_refuses_a_malformed_one(
    app, conn, monkeypatch, database_url
):
    monkeypatch.setenv("DATABASE_URL", database_url)
    runner = CliRunner()
    done = runner.invoke(main, ["mail", "digest", "--week", "2026-W48"])
    assert done.exit_code == 0, done.output
    assert "digest of 2026-W48 enqueued" in done.output
    assert conn.execute(
        "select args, run_at <= now() from private.jobs where kind = 'mail.digest'"
    ).fetchall() == [({"week": "2026-W48", "chain": False}, True)]
    refused = runner.invoke(main, ["mail", "digest", "--week", "last week"])
    assert refused.exit_code == 2 and "not an ISO week" in refused.output
