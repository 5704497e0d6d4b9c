from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import psycopg
import pytest
from flask import Flask

from optio.db import database
from optio.jobs import enqueue
from optio.jobs.worker import Worker

from .handlers import TABLES


@pytest.fixture
def job_tables(conn: psycopg.Connection) -> None:
    """The tables the test handlers write their runs and effects to."""
    conn.execute(TABLES)


def enqueue_committed(
    app: Flask,
    kind: str = "test.effect",
    args: dict[str, Any] | None = None,
    *,
    run_at: datetime | timedelta | None = None,
    max_attempts: int | None = None,
) -> int:
    """A job enqueued and committed outside any request; its id."""
    with database(app).transaction() as current:
        job_id = enqueue(current, kind, args, run_at=run_at, max_attempts=max_attempts)
    assert job_id is not None
    return job_id


def job_row(conn: psycopg.Connection, job_id: int) -> dict[str, Any]:
    with conn.cursor(row_factory=psycopg.rows.dict_row) as cur:
        row = cur.execute("select * from private.jobs where id = %s", (job_id,)).fetchone()
    assert row is not None
    return row


def runs(conn: psycopg.Connection, job_id: int) -> list[tuple[int, str, bool]]:
    """(attempt, worker, finished) of each run of the job, in order."""
    return conn.execute(
        "select attempt, worker, finished_at is not null from public.test_job_runs"
        " where job_id = %s order by attempt",
        (job_id,),
    ).fetchall()


def effects(conn: psycopg.Connection, job_id: int) -> int:
    row = conn.execute(
        "select coalesce(sum(effects), 0) from public.test_job_effects where job_id = %s",
        (job_id,),
    ).fetchone()
    return int(row[0])


def run_due_jobs(app: Flask) -> int:
    """Run every job that is due, one after another, as the worker would; how many ran."""
    worker = Worker(app)
    ran = 0
    while worker.run_one():
        ran += 1
    return ran
