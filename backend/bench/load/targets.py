"""What a load run requests: the hot endpoints, as the students of a generated dataset would.

Signed-in requests rotate over the 64 students whose history is closest to the median, each
with a real session and a token the API verifies; POST complete takes a fresh (student, task)
pair every time, so each request really completes a task.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import psycopg

from optio.auth.tokens import TokenService
from optio.config import Settings

MEDIAN_STUDENTS = 64

Variant = dict[str, Any]


@dataclass
class Target:
    name: str
    label: str
    variants: list[Variant]
    once_each: bool = False  # each variant may be sent only once (a write)
    single: int = 0  # of those, how many the end keeps for the single-connection measurement

    def single_variants(self) -> list[Variant]:
        return self.variants[-self.single :] if self.once_each else self.variants

    def load_variants(self) -> list[Variant]:
        return self.variants[: -self.single] if self.once_each else self.variants


def targets(url: str, jwt_secret: str, jwt_issuer: str, pairs: int, single: int) -> list[Target]:
    """`pairs` fresh (student, task) pairs for the load on POST complete, `single` more."""
    with psycopg.connect(url, autocommit=True) as conn:
        students = median_students(conn)
        long_slug = conn.execute(
            "select d.slug from public.diplomas d join public.quest_task_completions c"
            " using (user_id) where d.is_public group by d.slug order by count(*) desc limit 1"
        ).fetchone()[0]
        median_slug = next(s["slug"] for s in students if s["public"])
        fresh = conn.execute(
            """select uq.user_id, t.id from public.user_quests uq
               join public.quest_tasks t on t.quest_id = uq.quest_id
               where uq.is_active and uq.completed_at is null
                 and not exists (select 1 from public.quest_task_completions c
                                 where c.user_id = uq.user_id and c.task_id = t.id)
               order by md5(uq.user_id::text || t.id::text) limit %s""",
            (pairs + single,),
        ).fetchall()
        bearer = tokens(
            conn, jwt_secret, jwt_issuer, {s["id"] for s in students} | {u for u, _ in fresh}
        )

    def signed_in(path: str, student: dict[str, Any]) -> Variant:
        return {"method": "GET", "path": path, "headers": bearer[student["id"]]}

    evidence = json.dumps({"type": "text", "text": "Measured under load."})
    completes = [
        {
            "method": "POST",
            "path": f"/api/tasks/{task}/complete",
            "headers": {**bearer[user], "Content-Type": "application/json"},
            "body": evidence,
        }
        for user, task in fresh
    ]
    return [
        Target("plans", "`GET /api/tiers` (plans)", [{"method": "GET", "path": "/api/tiers"}]),
        Target(
            "quest",
            "`GET /api/quests/{id}`",
            [signed_in(f"/api/quests/{s['quest_id']}", s) for s in students],
        ),
        Target(
            "dashboard",
            "`GET /api/users/me/dashboard`",
            [signed_in("/api/users/me/dashboard", s) for s in students],
        ),
        Target(
            "xp", "`GET /api/users/me/xp`", [signed_in("/api/users/me/xp", s) for s in students]
        ),
        Target(
            "diploma",
            "public diploma, median student",
            [{"method": "GET", "path": f"/api/diplomas/{median_slug}"}],
        ),
        Target("quests", "`GET /api/quests`", [signed_in("/api/quests", s) for s in students]),
        Target(
            "complete",
            "`POST /api/tasks/{id}/complete`",
            completes,
            once_each=True,
            single=min(single, len(completes) // 2),
        ),
        Target(
            "diploma_long",
            "public diploma, longest history",
            [{"method": "GET", "path": f"/api/diplomas/{long_slug}"}],
        ),
    ]


def median_students(conn: psycopg.Connection) -> list[dict[str, Any]]:
    """The students whose completion count is nearest the median, each with a quest of theirs."""
    rows = conn.execute(
        """with counts as (
             select user_id, count(*) as n from public.quest_task_completions group by user_id),
           median as (select percentile_disc(0.5) within group (order by n) as m from counts)
           select c.user_id, d.slug, d.is_public,
                  (select uq.quest_id from public.user_quests uq
                   where uq.user_id = c.user_id order by uq.started_at desc limit 1)
           from counts c cross join median
           join public.diplomas d on d.user_id = c.user_id
           order by abs(c.n - median.m), c.user_id limit %s""",
        (MEDIAN_STUDENTS,),
    ).fetchall()
    return [{"id": r[0], "slug": r[1], "public": r[2], "quest_id": r[3]} for r in rows]


def tokens(
    conn: psycopg.Connection, secret: str, issuer: str, user_ids: set[Any]
) -> dict[Any, dict[str, str]]:
    """An Authorization header per user, for a session of their own (as signing in makes)."""
    service = TokenService(Settings(supabase_jwt_secret=secret, jwt_issuer=issuer))
    users = conn.execute(
        """with made as (
             insert into auth.sessions (user_id) select unnest(%s::uuid[]) returning id, user_id)
           select made.id as session_id, u.id, u.email, u.raw_app_meta_data, u.raw_user_meta_data
           from made join auth.users u on u.id = made.user_id""",
        (list(user_ids),),
    ).fetchall()
    headers = {}
    for session_id, user_id, email, app_meta, user_meta in users:
        user = {
            "id": user_id,
            "email": email,
            "raw_app_meta_data": app_meta,
            "raw_user_meta_data": user_meta,
        }
        token, _ = service.issue(user, session_id)
        headers[user_id] = {"Authorization": f"Bearer {token}"}
    return headers


# bare_app.py: the ceiling every ratio is to, then the floor of a database-backed endpoint.
BASELINES = [
    Target("bare", "bare Flask JSON", [{"method": "GET", "path": "/bare"}]),
    Target("bare-db", "floor: bare Flask + 1 query", [{"method": "GET", "path": "/bare/db"}]),
    Target(
        "bare-db-kv",
        "floor: bare Flask + 1 query + 1 Redis call",
        [{"method": "GET", "path": "/bare/db-kv"}],
    ),
]
