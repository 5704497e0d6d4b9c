"""Background jobs on PostgreSQL: work that must not run inside a request (e-mail, credential
signing, exports, backfills, Stripe reconciliation).

    @job_handler("mail.send")               # in the domain's jobs.py, listed in HANDLER_MODULES
    def send_mail(job: Job) -> None: ...    # idempotent: it may run more than once

    current.run(*other_statements, *enqueue_statements("mail.send", {"outbox_id": ...}))
    enqueue(tx(user_id), "mail.send", {...})            # alone: one round trip

A job is written in the request's own transaction, so a request that rolls back leaves no job
(and, the NOTIFY being delivered on commit, wakes no worker); pipelined with the request's other
statements it costs no round trip. `optio worker` (a thread of `optio dev`) runs the jobs: see
worker.py for claiming, leases, retries and stopping, registry.py for handlers.

Rules the database enforces (supabase/schema/jobs.sql, 20261202200100_jobs.sql):
- private.jobs has no grant to anon, authenticated or service_role and RLS on without policies:
  no client reads or writes a job (the API writes them with the connection's own rights).
- kind is dotted lower-case words; args a JSON object; state one of queued, running, done,
  failed; attempts never above max_attempts; a running job has a lease (locked_until) and only
  it; done and failed jobs have finished_at; at most one job per (kind, key) when key is set.
- trigger jobs_wake_workers: an insert notifies `optio_jobs` on commit.

Why our own table rather than a queue library such as procrastinate (weighed for issue 15):
- Exposure. procrastinate's tables and its many plpgsql functions live in `public` by default,
  which Supabase's Data API serves to anon and authenticated clients (functions through /rpc,
  executable by PUBLIC unless revoked, again after each upgrade); moving them to another schema
  goes through search_path and its own migrations have named `public` (procrastinate issue
  #1434). Here the table is in `private`, with nothing granted, tested as a client.
- The request's transaction. Its `defer` goes through its own connector, i.e. another
  connection and transaction: a rolled-back request would still have enqueued, unless we called
  its versioned SQL function (procrastinate_defer_jobs_v1) on our connection ourselves. Here
  enqueueing is one INSERT pipelined with the request's statements: no extra round trip.
- Migrations. Its schema ships as its own migration files per release, which we would copy into
  supabase/migrations on each upgrade; ours is one migration like every other table.
- Fit. Its worker is asyncio with sync tasks in threads, and a crashed worker's jobs come back
  only through worker heartbeats plus a retry of stalled jobs that we would schedule ourselves
  (get_stalled_jobs, retry_job); our app is synchronous psycopg 3, and a lease in the row brings
  a job back by itself. What we need is small enough to own: four modules, tests/jobs/.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from ..db import Query, Tx
from . import queries
from .registry import GiveUp, Job, UnknownJobKind, job_handler, load_handlers, registration

__all__ = [
    "GiveUp",
    "Job",
    "UnknownJobKind",
    "enqueue",
    "enqueue_statements",
    "enqueued_id",
    "job_handler",
]


def enqueue_statements(
    kind: str,
    args: Mapping[str, Any] | None = None,
    *,
    run_at: datetime | timedelta | None = None,
    key: str | None = None,
    max_attempts: int | None = None,
) -> list[Query]:
    """Statements that enqueue a job in the transaction they run in, to pipeline with others
    (`tx.run(q1, *enqueue_statements(...))`). `run_at` is a time, or a delay from the
    transaction's start; `key` makes the job unique for its kind (enqueued again, it is not
    written); `max_attempts` defaults to the handler's. UnknownJobKind for a kind no handler
    takes; TypeError for arguments that are not JSON."""
    load_handlers()
    handler = registration(kind)
    return queries.enqueue(
        kind,
        args or {},
        run_at=run_at,
        max_attempts=max_attempts or handler.max_attempts,
        key=key,
    )


def enqueue(
    current: Tx,
    kind: str,
    args: Mapping[str, Any] | None = None,
    *,
    run_at: datetime | timedelta | None = None,
    key: str | None = None,
    max_attempts: int | None = None,
) -> int | None:
    """Enqueue a job in `current` in a round trip of its own; its id (None when `key` had
    been used already). Prefer pipelining `enqueue_statements` with a statement the request
    sends anyway."""
    statements = enqueue_statements(kind, args, run_at=run_at, key=key, max_attempts=max_attempts)
    return enqueued_id(current.run(*statements))


def enqueued_id(results: list[list[dict[str, Any]]]) -> int | None:
    """The job's id from the results of a pipeline that ended with `enqueue_statements`."""
    written = results[-2]
    return written[0]["id"] if written else None
