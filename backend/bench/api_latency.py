"""Latency and SQL round trips of the hot read endpoints, for a student with a long history
(the public diploma read signed out), then how the public diploma's first view grows with the
history: the same requests for a student with 5,000 and one with 500,000 completions.

Runs the real app in-process against the embedded PostgreSQL (a scratch database under
.optio/bench-pg), so anyone can rerun it: `make bench`. Prints Markdown tables. Building the
500,000 completions (through the real triggers, in batches) takes a few minutes; set
BENCH_GROWTH=0 to skip that part.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid

import psycopg
from psycopg import sql

from optio import create_app
from optio.config import PROJECT_ROOT
from optio.db import tx
from optio.embedded import start_embedded
from optio.migrate import migrate, seed_sql
from optio.users.service import create_account

COMPLETIONS = 5000  # issue 18: progress and the dashboard at 5,000 completions
REQUESTS = 300
# The long history the diploma's first view must not grow with (issue 15, item 3).
GROWTH = int(os.environ.get("BENCH_GROWTH", "500000"))
# Completions per transaction: each updates its pillar's XP total, whose row versions pile up
# until the transaction ends (5,000 at a time is 30 times slower than 500).
BATCH = 500
BENCH_NAME = "optio_bench"
BENCH_DB = sql.Identifier(BENCH_NAME)


def scratch_database() -> tuple[str, str]:
    """A migrated, seeded database; returns its URL and the server's admin URL."""
    server = start_embedded(PROJECT_ROOT / ".optio" / "bench-pg")
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute(sql.SQL("drop database if exists {} with (force)").format(BENCH_DB))
        conn.execute(sql.SQL("create database {}").format(BENCH_DB))
    url = server.get_uri(BENCH_NAME)
    migrate(url)
    seed_sql(url)
    return url, server.get_uri()


def history(url: str, user_id: uuid.UUID, completions: int = COMPLETIONS) -> str:
    """`completions` completed tasks over quests of 10 tasks, `BATCH` at a time; returns one
    quest's id."""
    firsts = [
        _completed_quests(url, user_id, min(BATCH, completions - start))
        for start in range(0, completions, BATCH)
    ]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("analyze")
    return firsts[0]


def _completed_quests(url: str, user_id: uuid.UUID, completions: int) -> str:
    with psycopg.connect(url, autocommit=True) as conn:
        quest_ids = [
            r[0]
            for r in conn.execute(
                "insert into public.quests (title, source) select 'Bench quest ' || g, 'custom'"
                " from generate_series(1, %s) g returning id",
                (completions // 10,),
            )
        ]
        conn.execute(
            "insert into public.quest_tasks (quest_id, title, pillar, xp_value, order_index)"
            " select q, 'Task ' || i,"
            " (array['stem_logic','life_wellness','language_communication','society_culture',"
            "  'arts_creativity'])[1 + i %% 5], 25 + i * 10, i"
            " from unnest(%s::uuid[]) q, generate_series(0, 9) i",
            (quest_ids,),
        )
        conn.execute(
            "insert into public.user_quests (user_id, quest_id) select %s, q from unnest(%s::uuid[]) q",
            (user_id, quest_ids),
        )
        conn.execute(
            "insert into public.quest_task_completions (user_id, task_id, evidence_type, evidence_text)"
            " select %s, t.id, 'text', 'done' from public.quest_tasks t"
            " where t.quest_id = any(%s::uuid[])",
            (user_id, quest_ids),
        )
    return str(quest_ids[0])


def measure(client, path: str, headers: dict, status: int = 200) -> tuple[float, float, int]:
    for _ in range(20):  # warm the pool and the plan cache
        client.get(path, headers=headers)
    timings, trips = [], set()
    for _ in range(REQUESTS):
        start = time.perf_counter()
        resp = client.get(path, headers=headers)
        timings.append((time.perf_counter() - start) * 1000)
        assert resp.status_code == status, resp.get_json()
        trips.add(int(resp.headers["X-DB-Round-Trips"]))
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return statistics.median(timings), p95, max(trips)


def growth(app, url: str, client, slug: str) -> None:
    """The public diploma signed out, for the student above and one with GROWTH completions,
    both measured once the long history exists: requests, and the first view's time in
    PostgreSQL (EXPLAIN ANALYZE of its function, as anon)."""
    with app.app_context():
        long_history = create_account("long@example.com", "bench-password", "student")
        tx().commit()
    started = time.perf_counter()
    history(url, long_history["id"], GROWTH)
    built = time.perf_counter() - started
    with psycopg.connect(url, autocommit=True) as conn:
        long_slug = conn.execute(
            "update public.diplomas set is_public = true where user_id = %s returning slug",
            (long_history["id"],),
        ).fetchone()[0]
    print(f"\nThe public diploma, signed out, as history grows ({GROWTH:,} completions built")
    print(f"in {built:.0f} s): medians of {REQUESTS} requests, round trips in brackets.\n")
    print(f"| | {COMPLETIONS:,} completions | {GROWTH:,} completions | growth |")
    print("| --- | ---: | ---: | ---: |")
    rows: dict[str, list[float]] = {}
    trips: dict[str, int] = {}
    etags = {who: client.get(f"/api/diplomas/{who}").headers["ETag"] for who in (slug, long_slug)}
    for label, path, status in (
        ("`GET /api/diplomas/{slug}`, ms", "/api/diplomas/{}", 200),
        ("the same, 304, ms", "/api/diplomas/{}", 304),
        ("`GET …/quests?limit=20`, ms", "/api/diplomas/{}/quests?limit=20", 200),
    ):
        requests = [
            (path.format(who), {"If-None-Match": etags[who]} if status == 304 else {})
            for who in (slug, long_slug)
        ]
        medians, trips[label] = alternating(client, requests, status)
        rows[label] = medians
    rows["first view in PostgreSQL, ms"] = database_ms(url, [slug, long_slug])
    rows["first view, bytes"] = [
        len(client.get(f"/api/diplomas/{who}").data) for who in (slug, long_slug)
    ]
    for label, (short, long) in rows.items():
        shown = [f"{v:,.0f}" if "bytes" in label else f"{v:.2f}" for v in (short, long)]
        if label in trips:
            shown = [f"{v} ({trips[label]})" for v in shown]
        print(f"| {label} | {shown[0]} | {shown[1]} | {long / short:.2f}x |")


def alternating(client, requests: list[tuple[str, dict]], status: int) -> tuple[list[float], int]:
    """Median ms of each request, asked in turn so that a busy machine slows them alike."""
    for path, headers in requests * 20:  # warm the pool and the plan cache
        client.get(path, headers=headers)
    timings: list[list[float]] = [[] for _ in requests]
    trips = set()
    for _ in range(REQUESTS):
        for timing, (path, headers) in zip(timings, requests, strict=True):
            start = time.perf_counter()
            resp = client.get(path, headers=headers)
            timing.append((time.perf_counter() - start) * 1000)
            assert resp.status_code == status, resp.get_json()
            trips.add(int(resp.headers["X-DB-Round-Trips"]))
    return [statistics.median(t) for t in timings], max(trips)


def database_ms(url: str, slugs: list[str]) -> list[float]:
    """Median execution time of each diploma's first view function, as a signed-out reader,
    asked in turn."""
    timings: list[list[float]] = [[] for _ in slugs]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("set role anon")
        for _ in range(REQUESTS):
            for timing, slug in zip(timings, slugs, strict=True):
                plan = conn.execute(
                    "explain (analyze, format json) select * from private.diploma_front(%s)",
                    (slug,),
                ).fetchone()[0]
                timing.append(plan[0]["Execution Time"])
    return [statistics.median(t[20:]) for t in timings]


def main() -> int:
    url, admin_url = scratch_database()
    app = create_app(
        {
            "_env_file": None,
            "database_url": url,
            "log_level": "WARNING",
            "rate_limit_default": "1000000/minute",  # measure the API, not the limiter
        }
    )
    with app.app_context():
        user = create_account("bench@example.com", "bench-password", "student")
        tx().commit()
    quest_id = history(url, user["id"])
    client = app.test_client()
    login = client.post(
        "/api/auth/login", json={"email": "bench@example.com", "password": "bench-password"}
    ).get_json()
    headers = {"Authorization": f"Bearer {login['access_token']}"}
    diploma = client.patch("/api/users/me/diploma", json={"is_public": True}, headers=headers)
    slug = diploma.get_json()["slug"]
    print(f"Student with {COMPLETIONS} completions; {REQUESTS} requests each, in-process.\n")
    print("| endpoint | median ms | p95 ms | SQL round trips |\n| --- | ---: | ---: | ---: |")
    for path, as_user in (
        ("/api/users/me/dashboard", headers),
        ("/api/users/me/progress", headers),
        (f"/api/quests/{quest_id}", headers),
        ("/api/quests?per_page=20", headers),
        ("/api/users/me/xp", headers),
        ("/api/auth/me", headers),
        (f"/api/diplomas/{slug}", {}),  # signed out, as a resume reader would open it
        (f"/api/diplomas/{slug}/quests?limit=20", {}),
        (f"/api/diplomas/{slug}/quests/{quest_id}", {}),
        ("/api/tiers", {}),
    ):
        median, p95, trips = measure(client, path, as_user)
        shown = path.replace(quest_id, "{id}").replace(slug, "{slug}")
        print(f"| `GET {shown}` | {median:.2f} | {p95:.2f} | {trips} |")
    if GROWTH:
        growth(app, url, client, slug)
    app.extensions["optio_db"].close()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("drop database {} with (force)").format(BENCH_DB))
    return 0


if __name__ == "__main__":
    sys.exit(main())
