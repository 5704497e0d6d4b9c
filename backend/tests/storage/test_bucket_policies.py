"""The evidence bucket and its policies (20261202100100_evidence_bucket.sql) on a database
bootstrapped with Supabase Storage's own schema (supabase_storage_schema/, vendored), as on a
hosted project; and that plain PostgreSQL, which has no storage schema, skips them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from optio.migrate import SUPABASE_DIR, migrate
from optio.storage.base import new_key
from optio.storage.sniff import ACCEPTED, JPEG, MAX_BYTES, PNG, WEBP
from optio.users.avatar import MAX_AVATAR_BYTES

STORAGE_SCHEMA = Path(__file__).parent / "supabase_storage_schema"
MIGRATION = SUPABASE_DIR / "migrations" / "20261202100100_evidence_bucket.sql"
POLICIES = {
    "evidence_bucket_select_own": "SELECT",
    "evidence_bucket_insert_own": "INSERT",
    "evidence_bucket_update_own": "UPDATE",
    "evidence_bucket_delete_own": "DELETE",
}
A = uuid.UUID("6f1c2a4e-93b7-4d0a-8e55-0c1d2e3f4a5b")
B = uuid.UUID("a3e4f5d6-1b2c-4d3e-9f80-7a6b5c4d3e2f")

# What a Supabase database has before Storage migrates it (the supabase/postgres image makes
# these roles); supabase/local/00_roles.sql makes only the API roles. NOLOGIN: nothing here
# needs to sign in as them. Roles belong to the whole server, hence the lock.
_ROLES = """
select pg_advisory_xact_lock(7150012);
do $$
declare
  r text;
begin
  foreach r in array array['postgres', 'anon', 'authenticated', 'service_role',
      'authenticator', 'supabase_storage_admin'] loop
    if not exists (select from pg_roles where rolname = r) then
      execute format('create role %I nologin noinherit', r);
    end if;
  end loop;
end
$$;
"""
# As Storage's migration runner sets them (src/internal/database/migrations/migrate.ts): it
# installs the schema grants itself, and its tables belong to supabase_storage_admin as on a
# hosted project.
_STORAGE_SETTINGS = """
select set_config('search_path', 'storage, public, extensions', false),
  set_config('storage.install_roles', 'true', false),
  set_config('storage.multitenant', 'false', false),
  set_config('storage.anon_role', 'anon', false),
  set_config('storage.authenticated_role', 'authenticated', false),
  set_config('storage.service_role', 'service_role', false),
  set_config('storage.super_user', 'supabase_storage_admin', false)
"""


def _storage_migrations() -> list[Path]:
    files = list(STORAGE_SCHEMA.glob("*.sql"))
    assert files, f"no vendored storage migrations in {STORAGE_SCHEMA}"
    # Storage orders them by the number before the first dash ("00010" is 10).
    return sorted(files, key=lambda p: int(p.name.split("-", 1)[0]))


def apply_storage_schema(url: str) -> None:
    """Supabase Storage's tenant migrations, applied the way its runner applies them."""
    with psycopg.connect(url, autocommit=True) as conn:
        with conn.transaction():
            conn.execute(_ROLES)
        conn.execute(_STORAGE_SETTINGS)
        for path in _storage_migrations():
            text = path.read_text()
            if text.startswith("-- postgres-migrations disable-transaction"):
                conn.execute(text)  # one CONCURRENTLY statement: no transaction around it
            else:
                with conn.transaction():
                    conn.execute(text)


@contextmanager
def fresh_database(pg_admin_url: str) -> Iterator[str]:
    name = f"optio_storage_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    try:
        yield psycopg.conninfo.make_conninfo(pg_admin_url, dbname=name)
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("drop database {} with (force)").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def supabase_url(pg_admin_url: str) -> Iterator[str]:
    """A database with Supabase Storage's schema and then all our migrations. Tests change it
    only inside transactions they roll back."""
    with fresh_database(pg_admin_url) as url:
        apply_storage_schema(url)
        migrate(url)
        yield url


@pytest.fixture
def sb(supabase_url: str) -> Iterator[psycopg.Connection]:
    """The superuser on that database, for arranging and checking."""
    with psycopg.connect(supabase_url, autocommit=True) as connection:
        yield connection


@contextmanager
def storage_request(
    conn: psycopg.Connection, user_id: uuid.UUID | None
) -> Iterator[psycopg.Cursor]:
    """A transaction as Storage's API runs a request's SQL (src/internal/database/postgres/
    scope.ts): the token's role and claims, and deletes allowed; rolled back at the end."""
    role = "authenticated" if user_id else "anon"
    claims = f'{{"sub": "{user_id}", "role": "authenticated"}}' if user_id else '{"role": "anon"}'
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        cur.execute(
            "select set_config('role', %s, true), set_config('request.jwt.claims', %s, true),"
            " set_config('storage.allow_delete_query', 'true', true)",
            (role, claims),
        )
        yield cur


def put_object(cur: psycopg.Cursor, name: str, bucket: str = "evidence") -> None:
    cur.execute(
        "insert into storage.objects (bucket_id, name, metadata) values (%s, %s, %s)",
        (bucket, name, '{"mimetype": "image/png", "size": 68}'),
    )


def names(cur: psycopg.Cursor) -> list[str]:
    cur.execute("select name from storage.objects order by name")
    return [r[0] for r in cur.fetchall()]


def evidence_policies(conn: psycopg.Connection) -> dict[str, tuple[str, list[str]]]:
    rows = conn.execute(
        "select policyname, cmd, roles::text[] from pg_policies"
        " where schemaname = 'storage' and tablename = 'objects'"
        " and policyname like 'evidence_bucket_%'"
    ).fetchall()
    return {name: (cmd, roles) for name, cmd, roles in rows}


def bucket(conn: psycopg.Connection) -> tuple[bool, int, list[str]]:
    row = conn.execute(
        "select public, file_size_limit, allowed_mime_types from storage.buckets"
        " where id = 'evidence' and name = 'evidence'"
    ).fetchone()
    assert row is not None, "no evidence bucket"
    return row


def test_the_evidence_bucket_is_private_with_the_limits_the_api_enforces(sb):
    public, size_limit, mime_types = bucket(sb)
    assert public is False
    assert size_limit == max(MAX_BYTES.values())
    assert sorted(mime_types) == sorted(s.content_type for s in ACCEPTED)


def test_the_avatars_bucket_is_private_for_pictures_up_to_2_mb(sb):
    row = sb.execute(
        "select public, file_size_limit, allowed_mime_types from storage.buckets"
        " where id = 'avatars' and name = 'avatars'"
    ).fetchone()
    assert row is not None, "no avatars bucket"
    public, size_limit, mime_types = row
    assert (public, size_limit) == (False, MAX_AVATAR_BYTES)
    assert sorted(mime_types) == sorted(s.content_type for s in (PNG, JPEG, WEBP))
    with storage_request(sb, A) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        put_object(cur, new_key(A, "png"), "avatars")  # the API's service role only


def test_each_action_has_one_policy_for_authenticated_only(sb):
    assert evidence_policies(sb) == {
        name: (cmd, ["authenticated"]) for name, cmd in POLICIES.items()
    }


def test_a_user_writes_reads_replaces_and_deletes_objects_in_their_own_folder(sb):
    key, renamed = new_key(A, "png"), new_key(A, "pdf")
    with storage_request(sb, A) as cur:
        put_object(cur, key)
        assert names(cur) == [key]
        cur.execute(
            "update storage.objects set name = %s, metadata = '{}' where name = %s",
            (renamed, key),
        )
        assert cur.rowcount == 1
        cur.execute("delete from storage.objects where name = %s", (renamed,))
        assert cur.rowcount == 1
        assert names(cur) == []


def test_a_user_sees_none_of_another_users_objects(sb):
    with sb.transaction(force_rollback=True):
        put_object(sb.cursor(), new_key(B, "png"))
        with storage_request(sb, A) as cur:
            assert names(cur) == []
            cur.execute("select count(*) from storage.objects where bucket_id = 'evidence'")
            assert cur.fetchone() == (0,)


def test_a_user_cannot_change_or_delete_another_users_objects(sb):
    theirs = new_key(B, "png")
    with sb.transaction(force_rollback=True):
        put_object(sb.cursor(), theirs)
        with storage_request(sb, A) as cur:
            cur.execute("update storage.objects set metadata = '{}' where bucket_id = 'evidence'")
            assert cur.rowcount == 0
            cur.execute("delete from storage.objects where bucket_id = 'evidence'")
            assert cur.rowcount == 0
        assert sb.execute(
            "select metadata->>'size' from storage.objects where name = %s", (theirs,)
        ).fetchone() == ("68",)


@pytest.mark.parametrize(
    ("bucket_id", "name"),
    [
        ("evidence", new_key(B, "png")),
        ("evidence", f"{uuid.uuid4().hex}.png"),
        ("evidence", f"x/{A}/{uuid.uuid4().hex}.png"),
        ("avatars", new_key(A, "png")),
    ],
    ids=["another-users-folder", "no-folder", "own-id-not-first-folder", "another-bucket"],
)
def test_a_user_cannot_write_outside_their_evidence_folder(sb, bucket_id, name):
    # The avatars bucket (20261205000800_avatars.sql) has no client policies at all.
    with storage_request(sb, A) as cur, pytest.raises(psycopg.errors.InsufficientPrivilege):
        put_object(cur, name, bucket_id)


def test_a_user_cannot_move_their_object_into_another_users_folder(sb):
    mine = new_key(A, "png")
    with storage_request(sb, A) as cur:
        put_object(cur, mine)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cur.execute(
                "update storage.objects set name = %s where name = %s", (new_key(B, "png"), mine)
            )


def test_anon_sees_and_writes_nothing(sb):
    with sb.transaction(force_rollback=True):
        put_object(sb.cursor(), new_key(A, "png"))
        with storage_request(sb, None) as cur:
            assert names(cur) == []
            cur.execute("update storage.objects set metadata = '{}'")
            assert cur.rowcount == 0
            cur.execute("delete from storage.objects")
            assert cur.rowcount == 0
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                put_object(cur, new_key(A, "png"))


def test_a_bucket_made_by_hand_before_is_brought_in_line(pg_admin_url):
    with fresh_database(pg_admin_url) as url:
        apply_storage_schema(url)
        with psycopg.connect(url, autocommit=True) as conn:
            # A hand-made public bucket without limits, and a same-named policy letting any
            # signed-in user read every object in it.
            conn.execute(
                "insert into storage.buckets (id, name, public) values"
                " ('evidence', 'evidence', true)"
            )
            conn.execute(
                "create policy evidence_bucket_select_own on storage.objects for select"
                " to authenticated using (bucket_id = 'evidence')"
            )
        migrate(url)
        with psycopg.connect(url, autocommit=True) as conn:
            public, size_limit, mime_types = bucket(conn)
            assert (public, size_limit) == (False, max(MAX_BYTES.values()))
            assert sorted(mime_types) == sorted(s.content_type for s in ACCEPTED)
            assert set(evidence_policies(conn)) == set(POLICIES)
            with conn.transaction(force_rollback=True):
                put_object(conn.cursor(), new_key(B, "png"))
                with storage_request(conn, A) as cur:
                    assert names(cur) == []


def test_running_the_migration_again_changes_nothing(sb, supabase_url):
    def state() -> tuple[object, ...]:
        return (
            bucket(sb),
            sb.execute("select count(*) from storage.buckets").fetchone(),
            sorted(
                sb.execute(
                    "select policyname, cmd, roles::text[], qual, with_check from pg_policies"
                    " where schemaname = 'storage'"
                ).fetchall()
            ),
        )

    before = state()
    with sb.transaction(force_rollback=True):
        sb.execute(MIGRATION.read_text())
        assert state() == before
    assert migrate(supabase_url) == []


def test_on_plain_postgresql_the_migration_applies_and_does_nothing(conn):
    assert conn.execute("select to_regnamespace('storage')").fetchone() == (None,)
    assert conn.execute(
        "select 1 from supabase_migrations.schema_migrations where version = %s",
        (MIGRATION.name.split("_", 1)[0],),
    ).fetchone() == (1,)
    assert conn.execute(
        "select count(*) from pg_policies where policyname like 'evidence_bucket_%'"
    ).fetchone() == (0,)
