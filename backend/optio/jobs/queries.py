"""SQL of private.jobs (20261202200100_jobs.sql): enqueue, claim, finish, prune.

Clients have no right on the table. A request writes its jobs with the connection's own rights
(role none) inside its own transaction, keeping the claims, and goes back to the request's role
at once, as optio/storage/queries.py records stored files; the statements are meant to be
pipelined with the request's other statements. The worker's statements run elevated.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, TypedDict, cast

from ..db import Query, Tx, with_own_rights


class ClaimedRow(TypedDict):
    """A job just claimed; state 'failed' when its last attempt had already been used up by a
    worker that stopped without finishing it (the claim fails it instead of running it)."""

    id: int
    kind: str
    args: dict[str, Any]
    attempts: int
    max_attempts: int
    state: str


class FinishedRow(TypedDict):
    state: str
    run_at: datetime


_ENQUEUE = """
insert into private.jobs (kind, args, run_at, max_attempts, key)
values (%(kind)s, %(args)s::jsonb, coalesce(%(run_at)s::timestamptz, now() + %(delay)s),
        %(max_attempts)s, %(key)s)
on conflict (kind, key) where key is not null do nothing
returning id"""

# One due job, skipping those other workers hold: a queued job whose time has come, or a running
# one whose lease lapsed (its worker stopped without finishing). A job claimed again after a
# lapse records why the attempt before was lost; when that was its last attempt, it fails.
_CLAIM = """
with due as (
  select j.id from private.jobs j
  where (j.state = 'queued' and j.run_at <= now())
     or (j.state = 'running' and j.locked_until <= now())
  order by j.run_at, j.id
  limit 1
  for update skip locked
)
update private.jobs j set
  state = case when j.attempts < j.max_attempts then 'running' else 'failed' end,
  attempts = j.attempts + (j.attempts < j.max_attempts)::int,
  locked_until = case when j.attempts < j.max_attempts then now() + %(lease)s end,
  locked_by = case when j.attempts < j.max_attempts then %(worker)s else j.locked_by end,
  finished_at = case when j.attempts < j.max_attempts then null else now() end,
  last_error = case when j.state = 'running'
    then format('attempt %%s of %%s did not finish: its worker (%%s) stopped or overran its lease',
                j.attempts, j.max_attempts, j.locked_by)
    else j.last_error end
from due where j.id = due.id
returning j.id, j.kind, j.args, j.attempts, j.max_attempts, j.state"""

# Seconds until the next job falls due (a retry's run_at, a lease's end); null when none will.
_NEXT_DUE = """
select greatest(0, extract(epoch from least(
  (select min(j.run_at) from private.jobs j where j.state = 'queued'),
  (select min(j.locked_until) from private.jobs j where j.state = 'running')) - now()))::float8
  as seconds"""

# A worker finishes only the attempt it claimed: when its lease lapsed and another worker took
# the job, `attempts` moved on and this changes nothing.
_DONE = """
update private.jobs set state = 'done', finished_at = now(), locked_until = null
where id = %(id)s and attempts = %(attempt)s and state = 'running'
returning id"""

_FAILED = """
update private.jobs set
  state = case when %(final)s or attempts >= max_attempts then 'failed' else 'queued' end,
  run_at = case when %(final)s or attempts >= max_attempts then run_at else now() + %(delay)s end,
  finished_at = case when %(final)s or attempts >= max_attempts then now() end,
  locked_until = null,
  last_error = %(error)s
where id = %(id)s and attempts = %(attempt)s and state = 'running'
returning state, run_at"""

_PRUNE = """
delete from private.jobs where id in (
  select j.id from private.jobs j where j.state = 'done' and j.finished_at < now() - %(kept)s
  order by j.finished_at limit %(limit)s)
returning id"""


def enqueue(
    kind: str,
    args: Mapping[str, Any],
    *,
    run_at: datetime | timedelta | None,
    max_attempts: int,
    key: str | None,
) -> list[Query]:
    """The statements that write a job in the current transaction; the one before last
    returns its id (no row when a job of this kind and key exists already)."""
    params = {
        "kind": kind,
        "args": json.dumps(dict(args)),
        "run_at": run_at if isinstance(run_at, datetime) else None,
        "delay": run_at if isinstance(run_at, timedelta) else timedelta(0),
        "max_attempts": max_attempts,
        "key": key,
    }
    return with_own_rights((_ENQUEUE, params))


def claim(tx: Tx, worker: str, lease: timedelta) -> tuple[ClaimedRow | None, float | None]:
    """Claim one due job under a lease, committed at once; else the seconds until one is due."""
    claimed, due = tx.run((_CLAIM, {"worker": worker, "lease": lease}), (_NEXT_DUE, None))
    return (cast(ClaimedRow, claimed[0]) if claimed else None), due[0]["seconds"]


def done(tx: Tx, job_id: int, attempt: int) -> bool:
    """Mark the attempt's job done; False when the attempt was no longer the job's current one."""
    return bool(tx.all(_DONE, {"id": job_id, "attempt": attempt}))


def failed(
    tx: Tx, job_id: int, attempt: int, error: str, *, retry_after: timedelta | None
) -> FinishedRow | None:
    """Record the attempt's failure: queued again after `retry_after`, or failed for good when
    `retry_after` is None or the attempts are used up. None when the attempt was superseded."""
    params = {
        "id": job_id,
        "attempt": attempt,
        "error": error,
        "final": retry_after is None,
        "delay": retry_after or timedelta(0),
    }
    return cast(FinishedRow | None, tx.one(_FAILED, params))


def prune(tx: Tx, kept: timedelta, limit: int) -> int:
    """Delete up to `limit` jobs done longer than `kept` ago; how many went."""
    return len(tx.all(_PRUNE, {"kept": kept, "limit": limit}))
