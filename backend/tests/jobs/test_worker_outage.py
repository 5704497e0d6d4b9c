"""A worker outlives its database connections: cut, it listens again and keeps running jobs;
unreachable, it waits and tries again instead of dying."""

from __future__ import annotations

import logging
import time

import pytest

from optio import create_app
from optio.jobs.worker import Worker

from ..conftest import TEST_SETTINGS
from .conftest import enqueue_committed, job_row

pytestmark = pytest.mark.usefixtures("job_tables")

_LISTENING = (
    "select count(*) from pg_stat_activity"
    " where datname = current_database() and query = 'listen optio_jobs'"
)


def _wait_for(check, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_worker_whose_connections_are_cut_listens_again_and_runs_jobs(app, conn):
    worker = Worker(app, poll_seconds=60)
    thread = worker.start()
    try:
        _wait_for(lambda: conn.execute(_LISTENING).fetchone()[0] == 1)
        conn.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity"
            " where datname = current_database() and pid <> pg_backend_pid()"
        )
        _wait_for(lambda: conn.execute(_LISTENING).fetchone()[0] == 1)  # a new connection
        job_id = enqueue_committed(app)
        _wait_for(lambda: job_row(conn, job_id)["state"] == "done", seconds=5)  # woken, not polled
    finally:
        worker.stop()
        thread.join(10)
    assert not thread.is_alive()


def test_a_worker_waits_out_a_database_it_cannot_reach(tmp_path, caplog):
    app = create_app(
        {
            **TEST_SETTINGS,
            # Nothing listens on port 1: every connection is refused at once.
            "database_url": "postgresql://postgres@127.0.0.1:1/optio?connect_timeout=1",
            "db_pool_timeout_seconds": 0.2,
            "storage_dir": tmp_path,
        }
    )
    worker = Worker(app, poll_seconds=0.1)
    with caplog.at_level(logging.WARNING, logger="optio.jobs.worker"):
        thread = worker.start()
        try:
            _wait_for(lambda: "database unavailable" in caplog.text)
            assert thread.is_alive()
        finally:
            worker.stop()
            thread.join(10)
            app.extensions["optio_db"].close()
    assert not thread.is_alive()
    assert "cannot LISTEN" in caplog.text
