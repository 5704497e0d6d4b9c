"""The weekly digest to parents, scheduled with keyed jobs (there is no cron).

- `mail.digest` {week: "2026-W48", chain} runs on the Monday after that ISO week (06:00 UTC),
  keyed by the week, so it runs once per week whatever restarts: it enqueues one
  `mail.digest_parent` job per parent who has a child linked as a parent and wants the digest,
  keyed by parent and week, and, when `chain`, the next week's `mail.digest`.
- `optio worker` and `optio dev` call `schedule` at start: this week's `mail.digest` (keyed, so
  usually already there), which starts the chain on a fresh database or restarts a broken one.
- `mail.digest_parent` writes the parent's digest (digest_content) with the outbox key
  `digest:<parent>:<week>`: a parent gets at most one digest a week, however often the jobs
  run, and none when they turned the digest off or no child did anything.
- `optio mail digest [--week]` enqueues a week's fan-out now (the last full week by default).
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, date, datetime, time, timedelta

import psycopg
from flask import Flask
from psycopg_pool import PoolTimeout

from ..config import current_settings
from ..db import Query, Tx, database
from ..jobs import Job, enqueue, enqueue_statements, job_handler
from ..jobs.registry import load_handlers, registration
from .digest_content import children_week, digest_text, short_week_label
from .outbox import Mail, statements

log = logging.getLogger(__name__)

DIGEST = "mail.digest"
PARENT = "mail.digest_parent"
# When a week's digest goes out: the Monday after it, early morning in Europe, night in the US.
SEND_AFTER = timedelta(days=7, hours=6)

# One job per parent with a child linked as a parent, who is active and wants the digest.
_FAN_OUT = """
insert into private.jobs (kind, args, max_attempts, key)
select %(kind)s, jsonb_build_object('parent_id', p.id, 'week', %(week)s::text), %(max_attempts)s,
       p.id || ':' || %(week)s::text
from (select distinct l.supporter_id as id from public.student_links l
      where l.relation = 'parent') parents
join public.users p on p.id = parents.id
where p.is_active and private.wants_mail(p.id, 'digest')
on conflict (kind, key) where key is not null do nothing"""

_PARENT = """
select u.email from public.users u
where u.id = %(id)s and u.is_active and private.wants_mail(u.id, 'digest')"""


def week_of(moment: datetime | date) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> datetime:
    """Monday 00:00 UTC of an ISO week ("2026-W48"); ValueError for anything else."""
    year, _, number = week.partition("-W")
    monday = date.fromisocalendar(int(year), int(number), 1)
    return datetime.combine(monday, time(), UTC)


def last_full_week(now: datetime) -> str:
    return week_of(now - timedelta(days=7))


def _fan_out_statements(week: str, *, chain: bool) -> list[Query]:
    load_handlers()
    fan_out: Query = (
        _FAN_OUT,
        {"kind": PARENT, "week": week, "max_attempts": registration(PARENT).max_attempts},
    )
    if not chain:
        return [fan_out]
    following = week_of(week_start(week) + timedelta(days=7))
    return [fan_out, *_scheduled(following)]


def _scheduled(week: str) -> list[Query]:
    run_at = week_start(week) + SEND_AFTER
    return enqueue_statements(DIGEST, {"week": week, "chain": True}, run_at=run_at, key=week)


@job_handler(DIGEST)
def digest_week(job: Job) -> None:
    week = job.args["week"]
    with database().transaction() as current:
        current.run(*_fan_out_statements(week, chain=bool(job.args.get("chain"))))


@job_handler(PARENT)
def digest_for_parent(job: Job) -> None:
    parent, week = uuid.UUID(job.args["parent_id"]), job.args["week"]
    start = week_start(week)
    db = database()
    with db.transaction() as checking:
        email = checking.scalar(_PARENT, {"id": parent})
    if email is None:
        return  # gone, deactivated, or the digest turned off
    claims = {"sub": str(parent), "role": "authenticated"}
    with db.transaction("authenticated", claims) as as_parent:
        text = digest_text(children_week(as_parent, start), start, current_settings().site_url)
        if text is None:
            return
        mail = Mail(
            to=email,
            kind="digest",
            subject=f"Your children's week on Optio: {short_week_label(start)}",
            text=text,
            to_user=parent,
            key=f"digest:{parent}:{week}",
        )
        as_parent.run(*statements(mail))


def schedule(app: Flask, now: datetime | None = None) -> None:
    """This week's `mail.digest`, unless it is there already (worker start). A worker starts
    also while the database is away: then the chain, if broken, waits for the next start."""
    week = week_of(now or datetime.now(UTC))
    try:
        with app.app_context(), database(app).transaction() as current:
            current.run(*_scheduled(week))
    except (psycopg.OperationalError, PoolTimeout) as exc:
        log.warning("weekly digest not scheduled, the database is unavailable: %s", exc)


def enqueue_now(current: Tx, week: str) -> int | None:
    """A week's fan-out, due now and outside the chain (`optio mail digest`); the job's id."""
    week_start(week)  # refuses a malformed week
    return enqueue(current, DIGEST, {"week": week, "chain": False})
