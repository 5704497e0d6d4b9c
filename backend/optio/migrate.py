"""Apply supabase/migrations in order, recorded where the Supabase CLI records them.

On a database without Supabase's own auth schema (plain PostgreSQL), supabase/local is applied
first: the roles, the auth schema and the helpers that Supabase provides.

A landed migration is never edited: before applying anything, the text of every applied
migration (recorded in schema_migrations.statements) is compared with its file, and a
difference stops the run naming the file. EQUIVALENT_HISTORY lists the known past edits.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

import psycopg

from .config import PROJECT_ROOT

log = logging.getLogger(__name__)
SUPABASE_DIR = PROJECT_ROOT / "supabase"
LOCAL_MARK = "optio-local"
_LOCK_ID = 7_150_011  # advisory lock: one migrator at a time
_NAME = re.compile(r"^(?P<version>\d{14})_(?P<name>[a-z0-9_]+)\.sql$")

# Earlier texts of landed migrations that were edited in place before edits were refused, as
# (version, sha256 of the text that databases recorded). A database that applied one of these
# texts has the same schema as one that applied today's file; never add to this list: write a
# new migration instead.
EQUIVALENT_HISTORY = frozenset(
    {
        # 20261122000500_ai_usage.sql as first landed (commit 2412186): reserve_ai_call read
        # users.subscription_tier; commit 9245aaf made it read private.effective_tier(u.id).
        ("20261122000500", "976776390948cef3b8c357b08bc925640901956536573334cff4fc5fd529c3f1"),
    }
)


class EditedMigration(RuntimeError):
    """An applied migration's file no longer holds the text that was applied."""


def text_digest(sql: str) -> str:
    return hashlib.sha256(sql.encode()).hexdigest()


def migration_files(root: Path = SUPABASE_DIR) -> list[tuple[str, str, Path]]:
    if not (root / "migrations").is_dir():
        # Installed without the checkout (not `pip install -e`): never "apply 0" silently.
        raise FileNotFoundError(f"no supabase/migrations folder under {root}")
    found = []
    for path in sorted((root / "migrations").glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file name not <YYYYMMDDHHMMSS>_<name>.sql: {path.name}")
        found.append((match["version"], match["name"], path))
    return found


def is_local_database(conn: psycopg.Connection) -> bool:
    """True unless the database has Supabase's real auth schema."""
    row = conn.execute(
        "select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = 'auth'"
    ).fetchone()
    return row is None or row[0] == LOCAL_MARK


def applied_versions(conn: psycopg.Connection) -> set[str]:
    exists = conn.execute("select to_regclass('supabase_migrations.schema_migrations')").fetchone()
    if not exists or exists[0] is None:
        return set()
    return {r[0] for r in conn.execute("select version from supabase_migrations.schema_migrations")}


def check_applied_unchanged(conn: psycopg.Connection, root: Path = SUPABASE_DIR) -> None:
    """Raise EditedMigration naming every applied migration whose file changed since."""
    exists = conn.execute("select to_regclass('supabase_migrations.schema_migrations')").fetchone()
    if not exists or exists[0] is None:
        return
    recorded: dict[str, list[str] | None] = dict(
        conn.execute("select version, statements from supabase_migrations.schema_migrations")
    )
    edited = []
    for version, _, path in migration_files(root):
        if version not in recorded or recorded[version] is None:
            continue  # not applied here, or applied by a tool that keeps no text
        statements = recorded[version] or []
        current = path.read_text()
        if len(statements) > 1:
            # The Supabase CLI records a migration split into trimmed statements.
            current, statements = _squeezed(current), [_squeezed("".join(statements))]
        applied = text_digest("".join(statements))
        if applied != text_digest(current) and (version, applied) not in EQUIVALENT_HISTORY:
            edited.append(path.name)
    if edited:
        raise EditedMigration(
            "applied migration(s) edited since they were applied: "
            + ", ".join(edited)
            + ". Landed migrations are never edited: restore the file and add a new migration."
        )


def _squeezed(sql: str) -> str:
    return re.sub(r"\s+", "", sql)


def pending(conninfo: str, root: Path = SUPABASE_DIR) -> list[str]:
    with psycopg.connect(conninfo) as conn:
        done = applied_versions(conn)
    return [f"{v}_{n}" for v, n, _ in migration_files(root) if v not in done]


def migrate(conninfo: str, root: Path = SUPABASE_DIR) -> list[str]:
    """Apply what is missing; return the names applied. Running it twice is a no-op."""
    applied = []
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(%s)", (_LOCK_ID,))
        try:
            check_applied_unchanged(conn, root)
            if is_local_database(conn):
                with conn.transaction():
                    for path in sorted((root / "local").glob("*.sql")):
                        conn.execute(path.read_text())
            _ensure_history_table(conn)
            done = applied_versions(conn)
            for version, name, path in migration_files(root):
                if version in done:
                    continue
                sql = path.read_text()
                with conn.transaction():
                    conn.execute(sql)
                    conn.execute(
                        "insert into supabase_migrations.schema_migrations"
                        " (version, name, statements) values (%s, %s, %s)",
                        (version, name, [sql]),
                    )
                log.info("applied migration %s_%s", version, name)
                applied.append(f"{version}_{name}")
        finally:
            conn.execute("select pg_advisory_unlock(%s)", (_LOCK_ID,))
    return applied


def reset(conninfo: str, root: Path = SUPABASE_DIR) -> list[str]:
    """Drop everything the migrations made and migrate again. Local databases only."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        if not is_local_database(conn):
            raise RuntimeError("refusing to reset a database that has Supabase's own auth schema")
        with conn.transaction():
            conn.execute(
                "drop schema if exists public, private, auth, supabase_migrations cascade;"
                " create schema public;"
            )
    return migrate(conninfo, root)


def seed_sql(conninfo: str, root: Path = SUPABASE_DIR) -> None:
    with psycopg.connect(conninfo) as conn:
        conn.execute((root / "seed.sql").read_text())


def _ensure_history_table(conn: psycopg.Connection) -> None:
    conn.execute(
        "create schema if not exists supabase_migrations;"
        " create table if not exists supabase_migrations.schema_migrations"
        " (version text not null primary key, statements text[], name text)"
    )
