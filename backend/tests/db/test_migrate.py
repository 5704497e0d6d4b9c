"""The migration runner against empty databases: the embedded server, and Debian's PostgreSQL 15
(`make test` installs the postgresql-15 package when it is missing)."""

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from optio.migrate import (
    EQUIVALENT_HISTORY,
    SUPABASE_DIR,
    EditedMigration,
    migrate,
    migration_files,
    reset,
    text_digest,
)

PG15_BIN = Path("/usr/lib/postgresql/15/bin")


@pytest.fixture
def empty_db(pg_admin_url):
    name = f"optio_empty_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    yield psycopg.conninfo.make_conninfo(pg_admin_url, dbname=name)
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("drop database {} with (force)").format(sql.Identifier(name)))


def recorded(url):
    with psycopg.connect(url) as conn:
        return [
            r[0]
            for r in conn.execute(
                "select version from supabase_migrations.schema_migrations order by 1"
            )
        ]


def test_migrations_apply_to_an_empty_database_and_are_recorded(empty_db):
    applied = migrate(empty_db)
    versions = [v for v, _, _ in migration_files()]
    assert [a.split("_")[0] for a in applied] == versions
    assert recorded(empty_db) == versions


def test_migrating_twice_is_a_no_op(empty_db):
    migrate(empty_db)
    assert migrate(empty_db) == []


def test_rls_is_enabled_on_every_public_table(empty_db):
    migrate(empty_db)
    with psycopg.connect(empty_db) as conn:
        unprotected = conn.execute(
            "select relname from pg_class where relnamespace = 'public'::regnamespace"
            " and relkind = 'r' and not relrowsecurity"
        ).fetchall()
    assert unprotected == []


def test_reset_drops_data_and_migrates_again(empty_db):
    migrate(empty_db)
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute("insert into auth.users (email) values ('gone@example.com')")
    reset(empty_db)
    with psycopg.connect(empty_db) as conn:
        assert conn.execute("select count(*) from public.users").fetchone()[0] == 0
    assert recorded(empty_db) == [v for v, _, _ in migration_files()]


def test_a_database_with_supabase_auth_is_not_given_the_local_emulation(empty_db):
    """On Supabase the auth schema is Supabase's own: the runner must leave it alone."""
    with psycopg.connect(empty_db, autocommit=True) as conn:
        migrate(empty_db)  # roles exist cluster-wide after this; now pretend auth is Supabase's
        conn.execute(
            "drop schema auth cascade; create schema auth; comment on schema auth is 'Supabase';"
            " create table auth.users (id uuid primary key, email text, raw_user_meta_data jsonb);"
            " create table auth.marker (kept boolean default true);"
            " insert into auth.marker default values;"
        )
    migrate(empty_db)
    with psycopg.connect(empty_db) as conn:
        assert conn.execute("select to_regclass('auth.sessions')").fetchone()[0] is None
        assert conn.execute("select kept from auth.marker").fetchone()[0] is True
    with pytest.raises(RuntimeError, match="refusing to reset"):
        reset(empty_db)


def test_an_applied_migration_edited_since_is_refused_before_anything_is_applied(
    empty_db, tmp_path
):
    root = tmp_path / "supabase"
    shutil.copytree(SUPABASE_DIR / "local", root / "local")
    (root / "migrations").mkdir()
    first, second = migration_files()[:2]
    shutil.copy(first[2], root / "migrations")
    migrate(empty_db, root)
    edited = root / "migrations" / first[2].name
    edited.write_text(edited.read_text() + "\n-- an edit\n")
    shutil.copy(second[2], root / "migrations")
    with pytest.raises(EditedMigration, match=first[2].name):
        migrate(empty_db, root)
    assert recorded(empty_db) == [first[0]]


# The text 20261122000500_ai_usage.sql had when it landed (commit 2412186), before it was edited.
AI_USAGE_AS_LANDED = (
    "  join public.subscription_tiers t on t.tier_key = u.subscription_tier\n",
    "  -- The tier the caller has now (a past_due subscription past its grace period counts"
    " as free).\n",
    "  join public.subscription_tiers t on t.tier_key = private.effective_tier(u.id)\n",
)


def test_a_database_that_applied_the_known_earlier_text_still_migrates(empty_db):
    version = "20261122000500"
    path = next(p for v, _, p in migration_files() if v == version)
    old_join, comment, new_join = AI_USAGE_AS_LANDED
    as_landed = path.read_text().replace(comment, "").replace(new_join, old_join)
    assert (version, text_digest(as_landed)) in EQUIVALENT_HISTORY
    migrate(empty_db)
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute(
            "update supabase_migrations.schema_migrations set statements = array[%s]"
            " where version = %s",
            (as_landed, version),
        )
        conn.execute(
            "update supabase_migrations.schema_migrations set statements = array['edited']"
            " where version = (select max(version) from supabase_migrations.schema_migrations)"
        )
    with pytest.raises(EditedMigration) as refused:
        migrate(empty_db)  # the other edit is refused, and only it
    last = migration_files()[-1][2]
    assert last.name in str(refused.value) and path.name not in str(refused.value)
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute(
            "update supabase_migrations.schema_migrations set statements = array[%s]"
            " where version = %s",
            (last.read_text(), last.name[:14]),
        )
    assert migrate(empty_db) == []


@pytest.fixture
def postgresql_15():
    """A throwaway Debian PostgreSQL 15 cluster on a unix socket, run as an unprivileged user."""
    if not (PG15_BIN / "postgres").exists():
        pytest.fail(f"PostgreSQL 15 is not installed at {PG15_BIN}: apt-get install postgresql-15")
    tmp_path = Path(tempfile.mkdtemp(prefix="optio-pg15-"))  # pytest's tmp dirs are root-only
    data, sock = tmp_path / "data", tmp_path / "sock"
    sock.mkdir()
    preexec = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        from pgserver.utils import ensure_user_exists

        ensure_user_exists("pgserver")
        user = pwd.getpwnam("pgserver")
        os.chown(tmp_path, user.pw_uid, user.pw_gid)
        os.chown(sock, user.pw_uid, user.pw_gid)

        def preexec():
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)

    def run(*args):
        done = subprocess.run(args, capture_output=True, text=True, preexec_fn=preexec, check=False)  # noqa: S603 - PostgreSQL's own binaries, constant arguments
        assert done.returncode == 0, done.stderr

    run(str(PG15_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust")
    run(
        str(PG15_BIN / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(tmp_path / "log"),
        "-w",
        "-o",
        f"-k {sock} -c listen_addresses=''",
        "start",
    )
    try:
        yield f"postgresql://postgres@/postgres?host={sock}"
    finally:
        run(str(PG15_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(tmp_path, ignore_errors=True)


def test_migrations_apply_to_an_empty_postgresql_15(postgresql_15):
    applied = migrate(postgresql_15)
    assert len(applied) == len(migration_files())
    with psycopg.connect(postgresql_15) as conn:
        assert conn.execute("show server_version_num").fetchone()[0].startswith("15")
    assert recorded(postgresql_15) == [v for v, _, _ in migration_files()]
    assert migrate(postgresql_15) == []
