"""The baselines of `make bench-load`, served with the API's own gunicorn settings.

- `/bare`: Flask answering a constant JSON, nothing else: this framework's ceiling on the
  machine the run is on; every ratio is to it.
- `/bare/db`: the same plus what any endpoint that reads the database cannot avoid: one query
  (`select 1`) on a pooled psycopg connection, as the API's pool is set up.
- `/bare/db-kv`: that plus one call to the rate limits' Redis (an INCR), as every request to
  the API makes. These two are the floor of a database-backed endpoint in this stack.
"""

import os

from flask import Flask


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/bare")
    def bare() -> dict[str, object]:
        return {"status": "ok", "pillars": 5}

    if os.environ.get("DATABASE_URL"):
        add_floor(app, os.environ["DATABASE_URL"], os.environ["REDIS_URL"])
    return app


def add_floor(app: Flask, database_url: str, redis_url: str) -> None:
    from psycopg_pool import ConnectionPool
    from redis import Redis

    pool = ConnectionPool(database_url, min_size=4, max_size=10, kwargs={"autocommit": True})
    redis = Redis.from_url(redis_url)

    def query() -> dict[str, object]:
        with pool.connection() as conn:
            status, pillars = conn.execute("select 'ok', 5").fetchone() or ("", 0)
        return {"status": status, "pillars": pillars}

    @app.get("/bare/db")
    def bare_db() -> dict[str, object]:
        return query()

    @app.get("/bare/db-kv")
    def bare_db_kv() -> dict[str, object]:
        redis.incr("bare:floor")
        return query()
