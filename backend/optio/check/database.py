"""`database`: reachable, every migration applied and unedited, the API roles in place."""

from __future__ import annotations

import psycopg
from psycopg.conninfo import make_conninfo

from ..config import Settings
from ..migrate import SUPABASE_DIR, EditedMigration, check_applied_unchanged, pending
from .result import TIMEOUT_SECONDS, CheckResult, Problem, failed, outcome, skipped

NAME = "database"
# Roles each request switches into (db.py: set_config('role', ...)), and service_role, which
# the migrations grant to; Supabase has them all, plain PostgreSQL gets them from
# supabase/local. The connecting user must be able to become the first two.
SWITCHED_ROLES = ("anon", "authenticated")
APP_ROLES = (*SWITCHED_ROLES, "service_role")
MIGRATIONS_ROOT = SUPABASE_DIR  # what `optio db migrate` applies

_ROLES = """
select wanted,
       r.oid is not null as present,
       r.oid is not null and pg_has_role(current_user, r.oid, 'member') as member
from unnest(%(roles)s::text[]) as wanted
left join pg_roles r on r.rolname = wanted"""


def check_database(settings: Settings) -> CheckResult:
    if not settings.database_url:  # production settings refuse to load without one
        return skipped(NAME, "DATABASE_URL is not set (the embedded development database)")
    conninfo = make_conninfo(settings.database_url, connect_timeout=str(round(TIMEOUT_SECONDS)))
    try:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            user = conn.info.user
            problems = _role_problems(conn, user)
            try:
                check_applied_unchanged(conn, MIGRATIONS_ROOT)
            except EditedMigration as exc:
                problems.append(
                    Problem(str(exc), "restore the file; `optio db migrate` refuses to run")
                )
        missing = pending(conninfo, MIGRATIONS_ROOT)
    except (FileNotFoundError, ValueError) as exc:
        return failed(
            NAME,
            f"the migrations cannot be read: {exc}",
            "run the check from the repository's checkout (backend installed with pip -e), the"
            " same place `optio db migrate` runs",
        )
    except psycopg.OperationalError as exc:
        return failed(
            NAME,
            f"cannot connect with DATABASE_URL: {_one_line(exc)}",
            "check DATABASE_URL's host, port, user and password (on Supabase: the session"
            " pooler's URL, port 5432)",
        )
    except psycopg.Error as exc:
        return failed(
            NAME,
            f"the database refused a query: {_one_line(exc)}",
            "connect as the project's owner (postgres), the user `optio db migrate` runs as",
        )
    if missing:
        problems.append(
            Problem(
                f"{len(missing)} migration(s) not applied: {', '.join(missing)}",
                "run `optio db migrate` before this check",
            )
        )
    return outcome(NAME, problems, f"connected as {user}; migrated; roles {', '.join(APP_ROLES)}")


def _role_problems(conn: psycopg.Connection, user: str) -> list[Problem]:
    problems = []
    for role, present, member in conn.execute(_ROLES, {"roles": list(APP_ROLES)}):
        if not present:
            problems.append(
                Problem(
                    f"role {role} does not exist",
                    "use a Supabase database (it has the API roles) or run `optio db migrate`,"
                    " which creates them on plain PostgreSQL",
                )
            )
        elif role in SWITCHED_ROLES and not member:
            problems.append(
                Problem(
                    f"{user} (DATABASE_URL's user) cannot switch to role {role}, which every"
                    " request runs as",
                    f"grant {role} to {user}, or connect as the project's owner (postgres)",
                )
            )
    return problems


def _one_line(exc: Exception) -> str:
    return " ".join(part.strip() for part in str(exc).splitlines() if part.strip())[:300]
