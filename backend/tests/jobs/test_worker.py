"""The worker in this process: runs jobs, retries with back-off, fails after max attempts
keeping the last error, takes back jobs whose lease lapsed, and never lets two workers run one
job at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest

from optio.db import database
from optio.jobs import queries
from optio.jobs.worker import RETRY_CAP, Worker, retry_delay

from ..concurrency import fire_together
from .conftest import effects, enqueue_committed, job_row, runs

pytestmark = pytest.mark.usefixtures("job_tables")


def _seconds_until_run_at(conn, job_id: int) -> float:
    return conn.execute(
        "select extract(epoch from run_at - now())::float8 from private.jobs where id = %s",
        (job_id,),
    ).fetchone()[0]


def _make_due(conn, job_id: int) -> None:
    conn.execute("update private.jobs set run_at = now() where id = %s", (job_id,))


def _wait_for(check, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@contextmanager
def _running(*workers: Worker) -> Iterator[None]:
    threads = [w.start() for w in workers]
    try:
        yield
    finally:
        for w in workers:
            w.stop()
        for t in threads:
            t.join(10)
            assert not t.is_alive()


def test_a_due_job_runs_once_and_is_done(app, conn):
    job_id = enqueue_committed(app, args={"note": "hello"})
    worker = Worker(app, name="w1")
    assert worker.run_one() is True
    job = job_row(conn, job_id)
    assert (job["state"], job["attempts"], job["locked_until"]) == ("done", 1, None)
    assert job["finished_at"] is not None and job["last_error"] is None
    assert runs(conn, job_id) == [(1, "w1", True)] and effects(conn, job_id) == 1
    assert worker.run_one() is False


def test_a_job_waits_for_its_time(app, conn):
    job_id = enqueue_committed(app, run_at=timedelta(minutes=5))
    assert Worker(app).run_one() is False
    assert job_row(conn, job_id)["state"] == "queued"


def test_a_failed_attempt_is_retried_with_exponential_back_off(app, conn):
    job_id = enqueue_committed(app, "test.fail")
    worker = Worker(app)
    for attempt, delay in [(1, 30), (2, 60), (3, 120)]:
        assert worker.run_one() is True
        job = job_row(conn, job_id)
        assert (job["state"], job["attempts"]) == ("queued", attempt)
        assert job["last_error"] == f"RuntimeError: boom on attempt {attempt}"
        assert delay - 5 < _seconds_until_run_at(conn, job_id) <= delay
        assert worker.run_one() is False  # not due before its back-off
        _make_due(conn, job_id)


def test_back_off_doubles_up_to_its_cap():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert retry_delay(8) == retry_delay(30) == RETRY_CAP


def test_a_job_failing_every_attempt_fails_after_max_attempts_keeping_the_last_error(app, conn):
    job_id = enqueue_committed(app, "test.fail", max_attempts=2)
    worker = Worker(app)
    worker.run_one()
    _make_due(conn, job_id)
    worker.run_one()
    job = job_row(conn, job_id)
    assert (job["state"], job["attempts"]) == ("failed", 2)
    assert job["last_error"] == "RuntimeError: boom on attempt 2"
    assert job["finished_at"] is not None
    assert worker.run_one() is False


def test_a_handler_giving_up_fails_the_job_at_once(app, conn):
    job_id = enqueue_committed(app, "test.give_up")
    Worker(app).run_one()
    job = job_row(conn, job_id)
    assert (job["state"], job["attempts"]) == ("failed", 1)
    assert job["last_error"] == "GiveUp: the address does not exist"


def test_a_job_of_an_unknown_kind_fails_with_a_clear_error(app, conn):
    # Written as a trigger or an older release might: enqueue() refuses unknown kinds.
    job_id = conn.execute(
        "insert into private.jobs (kind) values ('test.nobody_handles') returning id"
    ).fetchone()[0]
    Worker(app).run_one()
    job = job_row(conn, job_id)
    assert (job["state"], job["attempts"]) == ("failed", 1)
    assert job["last_error"].startswith("no handler for job kind 'test.nobody_handles'")


def test_a_job_whose_lease_lapsed_runs_again_and_says_why(app, conn):
    job_id = conn.execute(
        "insert into private.jobs (kind, state, attempts, locked_until, locked_by)"
        " values ('test.effect', 'running', 1, now() - interval '1 second', 'gone:1')"
        " returning id"
    ).fetchone()[0]
    Worker(app, name="w2").run_one()
    job = job_row(conn, job_id)
    assert (job["state"], job["attempts"]) == ("done", 2)
    assert job["last_error"] == (
        "attempt 1 of 5 did not finish: its worker (gone:1) stopped or overran its lease"
    )
    assert runs(conn, job_id) == [(2, "w2", True)]


def test_a_running_job_within_its_lease_is_not_taken(app, conn):
    conn.execute(
        "insert into private.jobs (kind, state, attempts, locked_until, locked_by)"
        " values ('test.effect', 'running', 1, now() + interval '1 minute', 'busy:1')"
    )
    assert Worker(app).run_one() is False


def test_a_lapsed_last_attempt_fails_the_job_without_running_it(app, conn):
    job_id = conn.execute(
        "insert into private.jobs (kind, state, attempts, max_attempts, locked_until, locked_by)"
        " values ('test.effect', 'running', 2, 2, now() - interval '1 second', 'gone:1')"
        " returning id"
    ).fetchone()[0]
    assert Worker(app).run_one() is True
    job = job_row(conn, job_id)
    assert (job["state"], job["attempts"]) == ("failed", 2)
    assert job["last_error"].startswith("attempt 2 of 2 did not finish")
    assert runs(conn, job_id) == []


def test_a_worker_whose_lease_was_taken_over_cannot_finish_the_job(app, conn):
    job_id = enqueue_committed(app)
    with database(app).transaction() as current:
        first, _ = queries.claim(current, "slow:1", timedelta(seconds=30))
    conn.execute("update private.jobs set locked_until = now() where id = %s", (job_id,))
    with database(app).transaction() as current:
        second, _ = queries.claim(current, "fresh:2", timedelta(seconds=30))
    assert first and second and (first["attempts"], second["attempts"]) == (1, 2)
    with database(app).transaction() as current:
        assert queries.done(current, job_id, attempt=1) is False
        assert queries.failed(current, job_id, 1, "late", retry_after=None) is None
    job = job_row(conn, job_id)
    assert (job["state"], job["attempts"], job["locked_by"]) == ("running", 2, "fresh:2")


def test_simultaneous_claims_of_one_job_give_it_to_one_worker(app):
    enqueue_committed(app)

    def claim(name: str):
        with database(app).transaction() as current:
            return queries.claim(current, name, timedelta(seconds=30))[0]

    claimed = fire_together([lambda n=n: claim(f"w{n}") for n in range(4)])
    assert len([c for c in claimed if c is not None]) == 1


def test_two_workers_never_run_the_same_job(app, conn):
    ids = [enqueue_committed(app, args={"sleep": 0.02}) for _ in range(30)]
    done = "select count(*) from private.jobs where state = 'done'"
    with _running(
        Worker(app, name="a", poll_seconds=0.05), Worker(app, name="b", poll_seconds=0.05)
    ):
        _wait_for(lambda: conn.execute(done).fetchone()[0] == len(ids))
    per_job = conn.execute(
        "select job_id, count(*), min(worker) from public.test_job_runs group by job_id"
    ).fetchall()
    assert sorted(j for j, _, _ in per_job) == ids
    assert {n for _, n, _ in per_job} == {1}
    assert {w for _, _, w in per_job} == {"a", "b"}  # both worked, side by side


def test_an_idle_worker_wakes_when_a_job_is_committed(app, conn):
    worker = Worker(app, poll_seconds=60)
    with _running(worker):
        time.sleep(0.5)  # idle, waiting for up to a minute
        job_id = enqueue_committed(app)
        _wait_for(lambda: job_row(conn, job_id)["state"] == "done", seconds=5)


def test_an_idle_worker_prunes_jobs_done_long_ago(app, conn):
    conn.execute(
        "insert into private.jobs (kind, state, attempts, finished_at) values"
        " ('test.effect', 'done', 1, now() - interval '15 days'),"
        " ('test.effect', 'done', 1, now() - interval '1 day'),"
        " ('test.effect', 'failed', 1, now() - interval '90 days')"
    )
    with _running(Worker(app, poll_seconds=0.05)):
        _wait_for(lambda: conn.execute("select count(*) from private.jobs").fetchone()[0] == 2)
    kept = conn.execute("select state from private.jobs order by finished_at").fetchall()
    assert kept == [("failed",), ("done",)]


def test_a_worker_that_overran_its_lease_leaves_the_job_to_the_one_that_took_it_over(
    app, conn, caplog
):
    job_id = enqueue_committed(app, args={"sleep": 1})
    slow = Worker(app, name="slow", lease=timedelta(seconds=0.2))
    with _running(slow):
        _wait_for(lambda: runs(conn, job_id) != [])
        with _running(Worker(app, name="fresh", poll_seconds=0.05)):
            _wait_for(lambda: job_row(conn, job_id)["state"] == "done")
            _wait_for(lambda: "done, but its lease had gone to another worker" in caplog.text)
    assert runs(conn, job_id) == [(1, "slow", True), (2, "fresh", True)]
    job = job_row(conn, job_id)
    assert (job["state"], job["attempts"], job["locked_by"]) == ("done", 2, "fresh")
    assert effects(conn, job_id) == 1
