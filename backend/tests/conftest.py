"""Every test runs against a real PostgreSQL with the real migrations.

The session starts an embedded server (pgserver) under .optio/test-pg, or uses
OPTIO_TEST_DATABASE_URL's server, migrates a template database once, and gives each test
its own database copied from that template: tests are isolated even when they commit, which
the race tests must.

`--auth-provider=supabase` runs the suite a second way, as production runs: AUTH_PROVIDER and
STORAGE_BACKEND supabase, against tests/fakes' FakeSupabase over real HTTP (its users and
sessions in the test's database, as GoTrue keeps them). Tests marked `local_only` (about the
local provider's own tables and internals) are deselected in that run.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import psycopg
import pytest
from click.testing import CliRunner
from psycopg import sql

from optio import create_app
from optio.config import PROJECT_ROOT
from optio.embedded import start_embedded
from optio.migrate import migrate
from optio.storage.local import URL_PREFIX as LOCAL_URL_PREFIX
from optio.storage.local import LocalStorage

from .concurrency import live_server
from .factories import make_user  # noqa: F401  (re-exported for tests)
from .fakes import FakeSupabase
from .fakes.fixtures import (  # noqa: F401  (fixtures, registered by being imported here)
    fake_supabase,
    fake_supabase_server,
    start_fake_supabase,
    stop_fake_supabase,
)

# Per process, so that two test runs at once (two terminals, helpers) do not share a template.
TEMPLATE = f"optio_test_template_{os.getpid()}"
TEST_SETTINGS = {
    "_env_file": None,
    "optio_env": "test",
    "redis_url": None,
    "auth_provider": "local",
    "supabase_url": None,
    "bcrypt_rounds": 4,
    "db_pool_min_size": 0,
    "db_pool_max_size": 4,
    "db_pool_timeout_seconds": 5,
    "log_level": "WARNING",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--auth-provider",
        choices=("local", "supabase"),
        default="local",
        help="local (default): the built-in auth provider and local storage; supabase: both"
        " through the supabase client against tests/fakes' FakeSupabase, as in production",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--auth-provider") == "supabase":
        fake = start_fake_supabase()
        TEST_SETTINGS.update(
            auth_provider="supabase",
            storage_backend="supabase",
            supabase_url=fake.url,
            supabase_anon_key=fake.anon_key,
            supabase_service_role_key=fake.service_role_key,
            supabase_jwt_secret=fake.jwt_secret,
        )


def pytest_unconfigure(config: pytest.Config) -> None:
    stop_fake_supabase()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Each run leaves out the other provider's own tests: the supabase run those of the local
    provider's internals (`local_only`), the local run those of Supabase Auth's (`supabase_only`)."""
    other = "local_only" if config.getoption("--auth-provider") == "supabase" else "supabase_only"
    left_out = [item for item in items if item.get_closest_marker(other)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker(other)]


@pytest.fixture(scope="session")
def auth_provider(pytestconfig: pytest.Config) -> str:
    """The run's provider: "local" or "supabase" (--auth-provider)."""
    return pytestconfig.getoption("--auth-provider")


def _with_db(url: str, dbname: str) -> str:
    return psycopg.conninfo.make_conninfo(url, dbname=dbname)


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    url = os.environ.get("OPTIO_TEST_DATABASE_URL")
    if url:
        return url
    server = start_embedded(PROJECT_ROOT / ".optio" / "test-pg")
    url = server.get_uri()
    with psycopg.connect(url, autocommit=True) as conn:
        # Durability is worth nothing to a throwaway test cluster; speed is.
        for name in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.execute(sql.SQL("alter system set {} = off").format(sql.Identifier(name)))
        conn.execute("select pg_reload_conf()")
    return url


STARTER_CATALOG_OUT = """
delete from private.jobs where kind = 'achievements.backfill';
delete from public.achievements;"""


@pytest.fixture(scope="session")
def template_db(pg_admin_url: str) -> Iterator[str]:
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(TEMPLATE))
        )
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(TEMPLATE)))
    migrate(_with_db(pg_admin_url, TEMPLATE))
    with psycopg.connect(_with_db(pg_admin_url, TEMPLATE), autocommit=True) as conn:
        # Tests start from an empty achievements catalog (each adds what it tests), so that the
        # starter catalog's rewards and notifications leave other tests' XP and inboxes alone.
        conn.execute(STARTER_CATALOG_OUT)
    yield TEMPLATE
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(TEMPLATE))
        )


@pytest.fixture
def database_url(pg_admin_url: str, template_db: str) -> Iterator[str]:
    name = f"optio_test_{uuid.uuid4().hex[:16]}"
    ident = sql.Identifier(name)
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("create database {} template {} strategy file_copy").format(
                ident, sql.Identifier(template_db)
            )
        )
    yield _with_db(pg_admin_url, name)
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("drop database if exists {} with (force)").format(ident))


@pytest.fixture
def settings_overrides() -> dict:
    """Override in a test module to change settings for its app."""
    return {}


@pytest.fixture
def storage_dir(tmp_path):
    return tmp_path / "storage"


@pytest.fixture
def app(database_url: str, settings_overrides: dict, storage_dir, auth_provider, request):
    if auth_provider == "supabase":
        request.getfixturevalue("fake_supabase")  # bound to this test's database
    app = create_app(
        {
            **TEST_SETTINGS,
            "database_url": database_url,
            "storage_dir": storage_dir,
            **settings_overrides,
        }
    )
    yield app
    app.extensions["optio_db"].close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def server(app):
    """The app served over real HTTP from threads, for race tests; its base URL."""
    with live_server(app) as url:
        yield url


class StoredEvidence:
    """The app's evidence storage seen from outside, whichever backend the run has: the files
    under STORAGE_DIR, or FakeSupabase's Storage objects."""

    def __init__(self, storage_dir: Path, fake: FakeSupabase | None) -> None:
        self.storage_dir, self.fake = storage_dir, fake

    def keys(self) -> list[str]:
        """The keys of every stored object."""
        if self.fake is not None:
            with self.fake.lock:
                return sorted(name for _, name in self.fake.objects)
        root = self.storage_dir
        files = root.rglob("*") if root.exists() else []
        return sorted(p.relative_to(root).as_posix() for p in files if p.is_file())

    def is_signed_url(self, url: str) -> bool:
        """Whether `url` is a signed, expiring URL of the run's storage."""
        query = parse_qs(urlsplit(url).query)
        if self.fake is not None:
            signed = f"{self.fake.url}/storage/v1/object/sign/"
            return url.startswith(signed) and "token" in query
        return url.startswith(LOCAL_URL_PREFIX) and {"expires", "signature"} <= query.keys()

    def fetch(self, client: Any, url: str) -> tuple[int, bytes, str | None]:
        """GET a file_url the API handed out: (status, bytes, content type). Supabase's signed
        URLs lead to Storage itself, the local backend's to the API; a diploma's file links
        redirect to one of those."""
        if self.fake is not None and url.startswith(self.fake.url):
            answer = httpx.get(url)
            return answer.status_code, answer.content, answer.headers.get("content-type")
        with client.get(url) as served:
            if served.status_code == 302:
                return self.fetch(client, served.headers["Location"])
            return served.status_code, served.data, served.headers.get("Content-Type")


@pytest.fixture
def stored_evidence(app, storage_dir: Path, request) -> StoredEvidence:
    local = isinstance(app.extensions["optio_storage"], LocalStorage)
    return StoredEvidence(storage_dir, None if local else request.getfixturevalue("fake_supabase"))


@pytest.fixture
def reset_token(auth_provider, caplog, request) -> Callable[[Any, str], str]:
    """Ask for a password reset for `email` through `client`; the token_hash of the link that
    went out, where each provider sends it: the local provider's log, FakeSupabase's mailbox."""

    def ask(client: Any, email: str) -> str:
        with caplog.at_level(logging.WARNING, logger="optio.auth.providers.local"):
            resp = client.post("/api/auth/password/forgot", json={"email": email})
        assert resp.status_code == 202, resp.get_json()
        if auth_provider == "supabase":
            mails = request.getfixturevalue("fake_supabase").mails_to(email, "recovery")
            assert mails, "Supabase Auth mails the reset link"
            return mails[-1].token_hash
        links = [r.getMessage() for r in caplog.records if "password reset link" in r.getMessage()]
        assert links, "the local provider logs the reset link"
        query = parse_qs(urlsplit(links[-1].split()[-1]).query)
        assert query["type"] == ["recovery"]
        return query["token_hash"][0]

    return ask


@pytest.fixture
def cli(monkeypatch, database_url, tmp_path) -> CliRunner:
    """The `optio` command on the test's database, from a directory without a .env."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("OPTIO_ENV", "test")
    monkeypatch.setenv("BCRYPT_ROUNDS", "4")
    return CliRunner()


@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    """A direct connection as the superuser, for arranging data and asserting on it."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        yield connection


@contextmanager
def acting_as(conn: psycopg.Connection, user_id: uuid.UUID | None) -> Iterator[psycopg.Cursor]:
    """A transaction as `authenticated` with a token for `user_id` (anon when None), like
    Supabase's API; rolled back at the end."""
    role = "authenticated" if user_id else "anon"
    claims = f'{{"sub": "{user_id}", "role": "authenticated"}}' if user_id else ""
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        cur.execute(
            "select set_config('role', %s, true), set_config('request.jwt.claims', %s, true)",
            (role, claims),
        )
        yield cur
