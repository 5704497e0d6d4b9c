"""Jobs are written in the request's own transaction: pipelined with its statements at no
extra round trip, gone with it when it rolls back, and waking workers only when it commits."""

from __future__ import annotations

import re
from datetime import timedelta

import psycopg
import pytest
from flask import Blueprint

from optio.auth.identity import Identity, login_required
from optio.db import database, tx
from optio.errors import Conflict
from optio.jobs import UnknownJobKind, enqueue, enqueue_statements, enqueued_id

from ..factories import signed_in
from .conftest import job_row

_ROLE = ("select current_setting('role') as role, auth.uid() as uid", None)


def _routes() -> Blueprint:
    """Routes that enqueue the way services will."""
    bp = Blueprint("test_jobs", __name__, url_prefix="/api/test-jobs")

    @bp.post("/read")
    @login_required
    def read(identity: Identity):
        (role,) = tx(identity).run(_ROLE)
        return {"role": role[0]["role"]}

    @bp.post("/read-and-enqueue")
    @login_required
    def read_and_enqueue(identity: Identity):
        rows = tx(identity).run(
            _ROLE,
            *enqueue_statements("test.effect", {"user": str(identity.user_id)}),
            _ROLE,
        )
        after = rows[-1][0]
        return {
            "job_id": enqueued_id(rows[:-1]),
            "role": rows[0][0]["role"],
            "role_after": after["role"],
            "uid_after": str(after["uid"]),
        }

    @bp.post("/enqueue")
    @login_required
    def enqueue_alone(identity: Identity):
        return {"job_id": enqueue(tx(identity), "test.effect", {"n": 1})}

    @bp.post("/enqueue-then-<failure>")
    @login_required
    def enqueue_then_fail(identity: Identity, failure: str):
        enqueue(tx(identity), "test.effect", {"doomed": True})
        if failure == "conflict":
            raise Conflict("Refused after enqueueing.")
        raise RuntimeError("a bug after enqueueing")

    return bp


@pytest.fixture
def client(app):
    app.register_blueprint(_routes())
    return app.test_client()


@pytest.fixture
def user_and_headers(client, app):
    return signed_in(client, app)


@pytest.fixture
def headers(user_and_headers):
    return user_and_headers[1]


def _jobs(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute("select kind, args, state from private.jobs order by id").fetchall()


def test_a_job_pipelined_with_a_request_statement_costs_no_round_trip(client, headers, conn):
    plain = client.post("/api/test-jobs/read", headers=headers)
    resp = client.post("/api/test-jobs/read-and-enqueue", headers=headers)
    assert plain.status_code == resp.status_code == 200, resp.get_json()
    assert resp.headers["X-DB-Round-Trips"] == plain.headers["X-DB-Round-Trips"]
    job = job_row(conn, resp.get_json()["job_id"])
    assert (job["kind"], job["state"], job["attempts"]) == ("test.effect", "queued", 0)


def test_enqueueing_leaves_the_request_in_its_own_role_and_claims(client, user_and_headers):
    user, headers = user_and_headers
    body = client.post("/api/test-jobs/read-and-enqueue", headers=headers).get_json()
    assert body["role"] == body["role_after"] == "authenticated"
    assert body["uid_after"] == str(user["id"])


def test_a_job_enqueued_alone_costs_one_round_trip(client, headers, conn):
    resp = client.post("/api/test-jobs/enqueue", headers=headers)
    assert resp.status_code == 200
    # One for the request's context with the enqueue, one for the commit.
    assert resp.headers["X-DB-Round-Trips"] == "2"
    assert _jobs(conn) == [("test.effect", {"n": 1}, "queued")]


@pytest.mark.parametrize(("failure", "status"), [("conflict", 409), ("crash", 500)])
def test_a_request_that_fails_after_enqueueing_leaves_no_job(
    client, headers, conn, failure, status
):
    resp = client.post(f"/api/test-jobs/enqueue-then-{failure}", headers=headers)
    assert resp.status_code == status
    assert _jobs(conn) == []


def test_workers_are_woken_only_when_the_request_commits(client, headers, database_url):
    with psycopg.connect(database_url, autocommit=True) as listener:
        listener.execute("listen optio_jobs")
        client.post("/api/test-jobs/enqueue-then-conflict", headers=headers)
        assert list(listener.notifies(timeout=0.3)) == []
        client.post("/api/test-jobs/enqueue", headers=headers)
        assert [n.channel for n in listener.notifies(timeout=2, stop_after=1)] == ["optio_jobs"]


def test_a_kind_without_a_handler_is_refused_when_enqueued():
    with pytest.raises(UnknownJobKind, match=re.escape("no handler for job kind 'test.typo'")):
        enqueue_statements("test.typo", {})


def test_arguments_must_be_json():
    with pytest.raises(TypeError):
        enqueue_statements("test.effect", {"when": object()})


def test_a_key_enqueues_its_job_once(app, conn):
    with database(app).transaction() as current:
        first = enqueue(current, "test.effect", {"week": 49}, key="digest:2026-W49")
        again = enqueue(current, "test.effect", {"week": 49}, key="digest:2026-W49")
    assert first is not None and again is None
    assert conn.execute("select count(*) from private.jobs").fetchone()[0] == 1


def test_a_job_can_wait_a_delay_and_takes_the_handlers_max_attempts(app, conn):
    with database(app).transaction() as current:
        job_id = enqueue(current, "test.fail", run_at=timedelta(minutes=10))
    job = job_row(conn, job_id)
    assert job["max_attempts"] == 4
    assert timedelta(minutes=9) < job["run_at"] - job["created_at"] <= timedelta(minutes=10)
