"""Job handlers for the tests, registered on import (the tests' `optio worker` subprocesses
import them with --handlers-from tests.jobs.handlers).

test.effect records each run in test_job_runs and its effect once per job in test_job_effects
(keyed by the job's id, ON CONFLICT DO NOTHING: idempotent, as every handler must be)."""

from __future__ import annotations

import time

from optio.db import database
from optio.jobs import GiveUp, Job, job_handler

TABLES = """
create table public.test_job_runs (
  job_id bigint not null, attempt integer not null, worker text not null,
  started_at timestamptz not null default clock_timestamp(), finished_at timestamptz);
create table public.test_job_effects (job_id bigint primary key, effects integer not null);
"""


@job_handler("test.effect")
def effect(job: Job) -> None:
    """Args: hang_on_first (sleep an hour on attempt 1, after the effect), sleep (seconds)."""
    with database().transaction() as current:
        current.run(
            (
                "insert into public.test_job_runs (job_id, attempt, worker)"
                " values (%s, %s, (select locked_by from private.jobs where id = %s))",
                (job.id, job.attempt, job.id),
            ),
            (
                "insert into public.test_job_effects (job_id, effects) values (%s, 1)"
                " on conflict (job_id) do nothing",
                (job.id,),
            ),
        )
    if job.args.get("hang_on_first") and job.attempt == 1:
        time.sleep(3600)
    time.sleep(float(job.args.get("sleep", 0)))
    with database().transaction() as current:
        current.run(
            (
                "update public.test_job_runs set finished_at = clock_timestamp()"
                " where job_id = %s and attempt = %s",
                (job.id, job.attempt),
            )
        )


@job_handler("test.fail", max_attempts=4)
def fail(job: Job) -> None:
    raise RuntimeError(f"boom on attempt {job.attempt}")


@job_handler("test.give_up")
def give_up(job: Job) -> None:
    raise GiveUp("the address does not exist")
