"""Load-test data at scale: `optio db seed --scale USERS:COMPLETIONS` (issue 15, item 1).

`seed_scale` adds, to a migrated database (with or without the demo seed):

- USERS load users `load-00001@example.com`... (usernames `load_00001`...), all with the
  password `load-password`; students but for a parent and an advisor in every hundred; 60% of
  diplomas public, with a headline and bio;
- a catalog of max(50, USERS/50) active public quests (more when the histories need them) of
  ten required tasks each, across the pillars, 10 to 100 XP a task, some with an image;
- enrollments and task completions: COMPLETIONS in all among the students, each student near
  COMPLETIONS/students (so the median student is typical), mostly whole quests plus up to two
  part-done ones; evidence mostly text, some links, a few image and PDF files (recorded in
  private.evidence_objects; no bytes are stored), one in ten private;
- one more student, `load-long@example.com`, with `long_history` completions (public diploma);
- what the triggers derive, exactly as they derive it (load.py): the XP ledger and pillar
  totals, completed quests, notifications; plus team-up requests between students.

Randomness comes from `random.Random(seed)`: a seed gives the same people, catalog and
histories; times are relative to the moment of seeding. The load happens in one transaction,
triggers off (superuser only), then ANALYZE. 10,000 users with 500,000 completions take about
25 seconds on two cores against the embedded PostgreSQL.
"""

from __future__ import annotations

import random
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import bcrypt
import psycopg

from . import load
from .plan import Person, Plan, plan

PASSWORD = "load-password"  # noqa: S105 - the shared password of throwaway load-test accounts
DEFAULT_LONG_HISTORY = 2000

_MIGRATED = "select to_regclass('public.quest_task_completions') is not null"
_SEEDED = "select exists (select 1 from auth.users where email like 'load-%@example.com')"
_TAKEN_SLUGS = "select slug from public.diplomas"


class ScaleSeedRefused(RuntimeError):
    """The database is not one to seed at scale (not migrated, seeded already, no superuser)."""


@dataclass(frozen=True)
class Student:
    """A load user the harness asks for by name."""

    id: str
    email: str
    slug: str
    completions: int


@dataclass(frozen=True)
class ScaleSummary:
    counts: dict[str, int]
    long_history: Student
    median_student: Student
    quest_id: str  # the quest with the most enrollments
    password: str
    elapsed_seconds: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        c = self.counts
        return (
            f"seeded at scale in {self.elapsed_seconds:.1f} s: {c['users']} users,"
            f" {c['quests']} quests, {c['enrollments']} enrollments"
            f" ({c['completed_quests']} completed), {c['completions']} completions,"
            f" {c['xp_events']} XP events, {c['notifications']} notifications,"
            f" {c['team_requests']} team requests; password {self.password};"
            f" long history {self.long_history.email} (/diplomas/{self.long_history.slug}),"
            f" median student {self.median_student.email} (/diplomas/{self.median_student.slug},"
            f" {self.median_student.completions} completions)"
        )


def seed_scale(
    conninfo: str,
    users: int,
    completions: int,
    long_history: int = DEFAULT_LONG_HISTORY,
    seed: int = 1,
    bcrypt_rounds: int = 10,
) -> ScaleSummary:
    """Add `users` load users sharing `completions` completions, and the long-history student
    with `long_history` more, to the database at `conninfo`."""
    if users < 1 or completions < 0 or long_history < 0:
        raise ValueError("users must be at least 1, completions and long_history at least 0")
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - picks data, not secrets
    now = datetime.now(UTC)
    password_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(bcrypt_rounds)).decode()
    with psycopg.connect(conninfo) as conn:
        if not _answer(conn, _MIGRATED):
            raise ScaleSeedRefused("the database is not migrated: run `optio db migrate` first")
        if _answer(conn, _SEEDED):
            raise ScaleSeedRefused(
                "this database already has load users (load-…@example.com): reset it first"
            )
        taken = {slug for (slug,) in conn.execute(_TAKEN_SLUGS)}
        made = plan(rng, now, users, completions, long_history, taken)
        try:
            counts = load.write(conn, made, rng, now, password_hash)
        except load.NeedsSuperuser as exc:
            raise ScaleSeedRefused(str(exc)) from exc
        _check(made, counts)
        conn.commit()
        conn.autocommit = True
        conn.execute(load.ANALYZE)
    return ScaleSummary(
        counts=_counts(made, counts),
        long_history=_student(made, made.long_history),
        median_student=_student(made, made.median_student),
        quest_id=str(made.busiest_quest.id),
        password=PASSWORD,
        elapsed_seconds=round(time.perf_counter() - started, 1),
    )


def _answer(conn: psycopg.Connection[Any], query: str) -> bool:
    row = conn.execute(query).fetchone()
    return bool(row and row[0])


def _check(made: Plan, counts: dict[str, int]) -> None:
    """What the database derived must be what the plan meant; else nothing is committed."""
    meant = {
        "completions": sum(made.completions_by_person.values()),
        "xp_events": sum(made.completions_by_person.values()),
        "completed_quests": sum(e.completed for e in made.enrollments),
    }
    got = {name: counts[name] for name in meant}
    if got != meant:
        raise RuntimeError(f"scale seed is inconsistent: planned {meant}, wrote {got}")


def _counts(made: Plan, written: dict[str, int]) -> dict[str, int]:
    return {
        "users": len(made.people),
        "students": sum(p.role == "student" for p in made.people),
        "public_diplomas": sum(p.is_public for p in made.people),
        "quests": len(made.quests),
        "tasks": sum(len(q.tasks) for q in made.quests),
        "enrollments": len(made.enrollments),
        **written,
    }


def _student(made: Plan, person: Person) -> Student:
    return Student(
        id=str(person.id),
        email=person.email,
        slug=person.slug,
        completions=made.completions_by_person[person.id],
    )
