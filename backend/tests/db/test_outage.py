"""The database goes away under a running server and comes back.

A PostgreSQL cluster of its own (the shared test cluster keeps running) is stopped
(`pg_ctl stop -m fast`: every connection is terminated, as in a restart or a failover) and started
again under a live HTTP server. While it is down every request answers 503 `database_unavailable` with Retry-After within
3 s; from the first request after it is back, every request answers 200, including those that get
a pooled connection that died while the server was away; and what was acknowledged stays.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pgserver
import psycopg
import pytest
from pgserver._commands import pg_ctl

from optio import create_app
from optio.migrate import migrate

from ..concurrency import fire_together, live_server
from ..conftest import TEST_SETTINGS
from ..factories import bearer, login, make_user
from ..fakes.fixtures import bound_to

POOL = 4


class Cluster:
    def __init__(self, pgdata: Path):
        self.server = pgserver.get_server(pgdata, cleanup_mode="stop")
        self.pgdata = pgdata

    def url(self, dbname: str = "postgres") -> str:
        return self.server.get_uri(dbname)

    def stop(self) -> None:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.pgdata, user=self.server.system_user)

    def start(self) -> None:
        for _ in range(20):  # a loaded machine may still be releasing the old server's resources
            try:
                self.server.ensure_postgres_running()
                return
            except subprocess.CalledProcessError:
                time.sleep(0.5)
        self.server.ensure_postgres_running()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    cluster = Cluster(tmp_path_factory.mktemp("outage") / "pg")
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute("create database optio")
    migrate(cluster.url("optio"))
    yield cluster
    cluster.server.cleanup()


@pytest.fixture
def fake_supabase_on_cluster(fake_supabase_server, cluster: Cluster):
    """FakeSupabase keeping its users and sessions in this cluster's database."""
    with bound_to(fake_supabase_server, cluster.url("optio")) as fake:
        yield fake


@pytest.fixture
def outage_app(cluster: Cluster, tmp_path, auth_provider, request):
    if auth_provider == "supabase":
        request.getfixturevalue("fake_supabase_on_cluster")
    app = create_app(
        {
            **TEST_SETTINGS,
            "database_url": cluster.url("optio"),
            "storage_dir": tmp_path / "storage",
            "db_pool_max_size": POOL,
            "db_pool_timeout_seconds": 2,
            "rate_limit_default": "10000/minute",
        }
    )
    yield app
    app.extensions["optio_db"].close()


def _timed(
    http: httpx.Client, method: str, path: str, **kwargs: Any
) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    resp = http.request(method, path, **kwargs)
    return resp, time.monotonic() - started


def _fill_the_pool(base: str, headers: dict[str, str]) -> None:
    """Requests at once, so that the pool holds POOL connections that will all die."""

    def me() -> int:
        with httpx.Client(base_url=base, timeout=30) as http:
            return http.get("/api/auth/me", headers=headers).status_code

    assert fire_together([me] * POOL * 2) == [200] * POOL * 2


def _every_request_succeeds(base: str, headers: dict[str, str], count: int) -> None:
    def me() -> int:
        with httpx.Client(base_url=base, timeout=30) as http:
            return http.get("/api/auth/me", headers=headers).status_code

    with httpx.Client(base_url=base, timeout=30) as http:
        statuses = [http.get("/api/health").status_code for _ in range(count)]
        statuses += [http.get("/api/auth/me", headers=headers).status_code for _ in range(count)]
    statuses += fire_together([me] * POOL * 2)
    assert statuses == [200] * len(statuses)


def test_an_outage_answers_503_quickly_and_heals_without_a_500(outage_app, cluster):
    client = outage_app.test_client()
    user = make_user(outage_app)
    headers = bearer(login(client, user))
    with live_server(outage_app) as base, httpx.Client(base_url=base, timeout=30) as http:
        _fill_the_pool(base, headers)
        before = http.patch("/api/users/me", json={"first_name": "Before"}, headers=headers)
        assert before.status_code == 200

        cluster.stop()
        try:
            for method, path, body in [
                ("GET", "/api/health", None),
                ("GET", "/api/auth/me", None),
                ("PATCH", "/api/users/me", {"first_name": "During"}),
                ("GET", "/api/quests", None),
                ("GET", "/api/health", None),
            ]:
                resp, took = _timed(http, method, path, json=body, headers=headers)
                assert resp.status_code == 503, (path, resp.text)
                assert resp.json()["error"]["code"] == "database_unavailable"
                assert int(resp.headers["Retry-After"]) > 0
                assert took < 3, (path, took)
        finally:
            cluster.start()

        _every_request_succeeds(base, headers, count=10)
        assert http.get("/api/auth/me", headers=headers).json()["first_name"] == "Before"
        after = http.patch("/api/users/me", json={"first_name": "After"}, headers=headers)
        assert after.status_code == 200
    with psycopg.connect(cluster.url("optio")) as conn:
        row = conn.execute("select first_name from public.users where id = %s", (user["id"],))
        assert row.fetchone() == ("After",)


def test_a_restart_while_idle_fails_no_request(outage_app, cluster):
    """Every pooled connection died while idle: none of them reaches a request."""
    client = outage_app.test_client()
    headers = bearer(login(client, make_user(outage_app)))
    with live_server(outage_app) as base:
        _fill_the_pool(base, headers)
        cluster.stop()
        cluster.start()
        _every_request_succeeds(base, headers, count=10)
