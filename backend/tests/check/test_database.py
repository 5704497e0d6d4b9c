"""`database`: against the test PostgreSQL, migrated from the real migrations."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg import sql

from optio.check import database, run_checks
from optio.migrate import migration_files

from .conftest import only_failure, result

pytestmark = pytest.mark.usefixtures("services", "stripe_api")


def test_a_migrated_database_with_the_api_roles_passes(settings):
    found = result(run_checks(settings()), "database")
    assert found.status == "ok", found.line()
    assert "migrated" in found.detail and "anon, authenticated, service_role" in found.detail


def test_an_unreachable_database_fails_with_the_connection_error(settings):
    line = only_failure(
        settings(database_url="postgresql://optio:hunter2-password@127.0.0.1:1/optio"),
        "database",
    )
    assert "cannot connect with DATABASE_URL" in line
    assert "127.0.0.1" in line and "hunter2-password" not in line


def test_a_pending_migration_fails_naming_it(settings, conn):
    version, name, _ = migration_files()[-1]
    conn.execute("delete from supabase_migrations.schema_migrations where version = %s", (version,))
    line = only_failure(settings(), "database")
    assert f"1 migration(s) not applied: {version}_{name}" in line
    assert "optio db migrate" in line


def test_an_applied_migration_whose_file_changed_fails_naming_it(settings, conn):
    version, name, _ = migration_files()[0]
    conn.execute(
        "update supabase_migrations.schema_migrations set statements = array['select 1']"
        " where version = %s",
        (version,),
    )
    line = only_failure(settings(), "database")
    assert f"edited since they were applied: {version}_{name}.sql" in line


def test_a_missing_api_role_fails_naming_it(settings, monkeypatch):
    # The API roles are cluster-wide and every test needs them: ask for one that is not there.
    monkeypatch.setattr(database, "APP_ROLES", (*database.APP_ROLES, "optio_missing_role"))
    line = only_failure(settings(), "database")
    assert "role optio_missing_role does not exist" in line


@pytest.fixture
def stranger(conn, pg_admin_url, database_url):
    """A login role with no right in the database beyond connecting, and no API role."""
    name = f"optio_check_{uuid.uuid4().hex[:8]}"
    ident = sql.Identifier(name)
    conn.execute(sql.SQL("create role {} login password 'plain-user-password'").format(ident))
    yield (
        name,
        psycopg.conninfo.make_conninfo(database_url, user=name, password="plain-user-password"),
    )
    conn.execute(sql.SQL("drop owned by {}").format(ident))
    with psycopg.connect(pg_admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("drop role {}").format(ident))


@pytest.fixture
def plain_user(conn, stranger):
    """A login role that may read the migration history but is granted no API role."""
    name, url = stranger
    ident = sql.Identifier(name)
    conn.execute(sql.SQL("grant usage on schema supabase_migrations to {}").format(ident))
    conn.execute(
        sql.SQL("grant select on supabase_migrations.schema_migrations to {}").format(ident)
    )
    return name, url


def test_a_user_that_cannot_switch_to_the_request_roles_fails(settings, plain_user):
    name, url = plain_user
    line = only_failure(settings(database_url=url), "database")
    assert f"{name} (DATABASE_URL's user) cannot switch to role anon" in line
    assert "cannot switch to role authenticated" in line
    assert "plain-user-password" not in line


def test_a_user_that_may_not_read_the_migration_history_fails(settings, stranger):
    _, url = stranger
    line = only_failure(settings(database_url=url), "database")
    assert "the database refused a query: permission denied for" in line
    assert "connect as the project's owner (postgres)" in line


def test_migrations_that_cannot_be_read_fail(settings, monkeypatch, tmp_path):
    # Installed without the checkout: no supabase/migrations to compare the database with.
    monkeypatch.setattr(database, "MIGRATIONS_ROOT", tmp_path)
    line = only_failure(settings(), "database")
    assert f"the migrations cannot be read: no supabase/migrations folder under {tmp_path}" in line


def test_without_a_database_url_outside_production_the_check_is_skipped(settings):
    found = result(run_checks(settings(optio_env="development", database_url=None)), "database")
    assert found.status == "skipped" and "DATABASE_URL is not set" in found.detail
