"""Latency and SQL round trips of the hot read endpoints, for a student with a long history
(the public diploma read signed out).

Runs the real app in-process against the embedded PostgreSQL (a scratch database under
.optio/bench-pg), so anyone can rerun it: `make bench`. Prints a Markdown table.
"""

from __future__ import annotations

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

COMPLETIONS = 1000
REQUESTS = 300
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


def history(url: str, user_id: uuid.UUID) -> str:
    """COMPLETIONS completed tasks over quests of 10 tasks; returns one quest's id."""
    with psycopg.connect(url, autocommit=True) as conn:
        quest_ids = [
            r[0]
            for r in conn.execute(
                "insert into public.quests (title, source) select 'Bench quest ' || g, 'custom'"
                " from generate_series(1, %s) g returning id",
                (COMPLETIONS // 10,),
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
        conn.execute("analyze")
    return str(quest_ids[0])


def measure(client, path: str, headers: dict) -> tuple[float, float, int]:
    for _ in range(20):  # warm the pool and the plan cache
        client.get(path, headers=headers)
    timings, trips = [], set()
    for _ in range(REQUESTS):
        start = time.perf_counter()
        resp = client.get(path, headers=headers)
        timings.append((time.perf_counter() - start) * 1000)
        assert resp.status_code == 200, resp.get_json()
        trips.add(int(resp.headers["X-DB-Round-Trips"]))
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return statistics.median(timings), p95, max(trips)


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
        (f"/api/quests/{quest_id}", headers),
        ("/api/quests?per_page=20", headers),
        ("/api/users/me/xp", headers),
        ("/api/auth/me", headers),
        (f"/api/diplomas/{slug}", {}),  # signed out, as a resume reader would open it
        ("/api/tiers", {}),
    ):
        median, p95, trips = measure(client, path, as_user)
        shown = path.replace(quest_id, "{id}").replace(slug, "{slug}")
        print(f"| `GET {shown}` | {median:.2f} | {p95:.2f} | {trips} |")
    app.extensions["optio_db"].close()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("drop database {} with (force)").format(BENCH_DB))
    return 0


if __name__ == "__main__":
    sys.exit(main())
