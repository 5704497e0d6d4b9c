"""Connection pool, one transaction per request, and the per-request RLS context.

A request's transaction starts lazily with its first query. The BEGIN and the statement that
sets the role and `request.jwt.claims` (what Supabase's own API does) are pipelined with that
first query, so the context costs no extra round trip.
"""

from __future__ import annotations

import json
import logging
import select
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import psycopg
from flask import Flask, Response, current_app, g, has_request_context, request
from psycopg import sql
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from .config import current_settings
from .errors import Unauthorized

log = logging.getLogger(__name__)

Role = Literal["anon", "authenticated", "elevated"]
READ_METHODS = frozenset({"GET", "HEAD"})  # requests that never write (see Tx)
# A statement is a static string, or composed with psycopg.sql where a part is dynamic.
Statement = str | sql.Composed | sql.SQL
Query = tuple[Statement, dict[str, Any] | Sequence[Any] | None]

# The request's role is saved and restored rather than named, so these statements can never
# leave the transaction in a role it did not have.
_OWN_RIGHTS: list[Query] = [
    ("select set_config('optio.resume_role', current_setting('role'), true)", None),
    ("select set_config('role', 'none', true)", None),
]
_RESUME_ROLE: Query = (
    "select set_config('role', current_setting('optio.resume_role'), true)",
    None,
)


def with_own_rights(query: Query) -> list[Query]:
    """`query` run with the connection's own rights (role none) inside the request's
    transaction, keeping its claims, then back to the request's role: statements to pipeline
    with the request's others, for a table clients have no right on. The one before last is
    `query`."""
    return [*_OWN_RIGHTS, query, _RESUME_ROLE]


# The request's context, pipelined with its first query. For a signed-in user (_SET_USER_CONTEXT;
# a signed-out or elevated request needs only the first statement) it also checks,
# at no extra round trip, that the user still exists and is active and that the token's session
# is still live (not signed out, not ended by a password reset or, with the local provider, by
# refresh-token reuse, which Supabase Auth answers by revoking only the session's refresh
# tokens; Supabase Auth deletes ended sessions, the local provider marks them `revoked_at`, and
# to_jsonb reads either shape). When a check fails the statements that follow run as `anon`
# with no claims, so even a write pipelined behind it cannot act for the user; `Tx.run` then
# answers 401.
_SET_CONTEXT = """
select set_config('role', %(role)s, true),
       set_config('request.jwt.claims', %(claims)s, true),
       set_config('statement_timeout', %(timeout)s, true)"""
_SET_USER_CONTEXT = """
select set_config('role', case when allowed then %(role)s else 'anon' end, true),
       set_config('request.jwt.claims', case when allowed then %(claims)s else '' end, true),
       set_config('statement_timeout', %(timeout)s, true),
       active, live
from (select coalesce(active and live, false) as allowed, active, live
      from (select (select u.is_active from public.users u where u.id = %(user_id)s::uuid)
                     as active,
                   (%(session_id)s::uuid is null or exists (
                      select 1 from auth.sessions s
                      where s.id = %(session_id)s::uuid
                        and (to_jsonb(s) ->> 'revoked_at') is null
                        and coalesce((to_jsonb(s) ->> 'not_after')::timestamptz > now(), true)))
                     as live) who) checked"""


def _refuse_dead_identity(active: bool | None, live: bool) -> None:
    if active is None:
        raise Unauthorized("This account no longer exists.", code="invalid_token")
    if not active:
        raise Unauthorized("This account has been deactivated.", code="account_deactivated")
    if not live:
        raise Unauthorized("This session has ended. Sign in again.", code="session_ended")


class Tx:
    """One database transaction run as one role; counts its round trips to the server."""

    def __init__(self, pool: ConnectionPool, timeout_ms: int, commit_each_run: bool = False):
        self._pool = pool
        self._timeout_ms = timeout_ms
        # For requests that only read (GET, HEAD): every `run` is a transaction of its own,
        # ended in its own round trip, so the request never pays one more for COMMIT. The
        # connection is in autocommit mode then, and PostgreSQL runs the statements of one
        # pipeline (up to its Sync) as one implicit transaction: the context, set first with
        # set_config(..., true), holds for the run's queries and ends with them, and neither
        # BEGIN nor COMMIT is sent.
        self._commit_each_run = commit_each_run
        self._conn: psycopg.Connection | None = None
        self.role: Role = "anon"
        self.claims: dict[str, Any] | None = None
        self.round_trips = 0
        self.finished = False
        self._undo: list[Callable[[], None]] = []

    @property
    def _user_id(self) -> str | None:
        """The user whose session and account the context checks (signed-in requests only)."""
        return (self.claims or {}).get("sub") if self.role == "authenticated" else None

    @property
    def started(self) -> bool:
        return self._conn is not None

    def act_as(self, role: Role, claims: dict[str, Any] | None = None) -> None:
        """Choose who the queries run as; only before the first query."""
        if self.started and (role, claims) != (self.role, self.claims):
            raise RuntimeError("the transaction's role is fixed once it has started")
        self.role, self.claims = role, claims

    def run(self, *queries: Query, commit: bool = False) -> list[list[dict[str, Any]]]:
        """Send the queries in one pipelined round trip; return each one's rows.

        With `commit`, the COMMIT rides in the same round trip and the transaction ends: for
        writes that must stand whatever the request answers later.
        """
        conn, setup = self._connection()
        cursors = []
        context = None
        try:
            with conn.pipeline():
                context = conn.execute(*setup) if setup else None
                for statement, params in queries:
                    cursors.append(conn.cursor(row_factory=dict_row).execute(statement, params))
                if commit and not conn.autocommit:
                    conn.execute("commit")
        except psycopg.Error:
            # A refused identity runs what follows as anon, which may fail: say why it was refused.
            self._check_identity(context)
            raise
        finally:
            self.round_trips += 1
        self._check_identity(context)
        rows = [cur.fetchall() if cur.description else [] for cur in cursors]
        if commit:
            self._end(commit=True)  # already committed: only hands the connection back
        return rows

    def _check_identity(self, context: psycopg.Cursor | None) -> None:
        """Refuse the request when the context found its user or session gone (401)."""
        if context is None or self._user_id is None or context.pgresult is None:
            return
        row = context.fetchone()
        if row is not None and not (row[-2] and row[-1]):
            _refuse_dead_identity(row[-2], row[-1])

    def all(self, statement: Statement, params: Any = None) -> list[dict[str, Any]]:
        return self.run((statement, params))[0]

    def one(self, statement: Statement, params: Any = None) -> dict[str, Any] | None:
        rows = self.all(statement, params)
        return rows[0] if rows else None

    def scalar(self, statement: Statement, params: Any = None) -> Any:
        row = self.one(statement, params)
        return next(iter(row.values())) if row else None

    def on_rollback(self, undo: Callable[[], None]) -> None:
        """Run `undo` if this transaction does not commit (e.g. delete a file stored for it)."""
        self._undo.append(undo)

    def commit(self) -> None:
        self._end(commit=True)

    def rollback(self) -> None:
        self._end(commit=False)

    def _connection(self) -> tuple[psycopg.Connection, Query | None]:
        """The connection, and the context statement when a transaction starts with this run."""
        if self._conn is not None:
            idle = self._conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
            return self._conn, self._context() if idle else None
        if self.finished:
            raise RuntimeError("the transaction has already ended")
        self._conn = checkout(self._pool)
        self._conn.autocommit = self._commit_each_run
        return self._conn, self._context()

    def _context(self) -> Query:
        role = "none" if self.role == "elevated" else self.role
        claims = json.dumps(self.claims) if self.claims else ""
        params = {
            "role": role,
            "claims": claims,
            "timeout": str(self._timeout_ms),
            "user_id": self._user_id,
            "session_id": (self.claims or {}).get("session_id") if self._user_id else None,
        }
        return (_SET_USER_CONTEXT if self._user_id else _SET_CONTEXT, params)

    def _end(self, commit: bool) -> None:
        if self.finished:
            return
        self.finished = True
        conn, self._conn = self._conn, None
        committed = False
        try:
            idle = psycopg.pq.TransactionStatus.IDLE
            if conn is not None and conn.info.transaction_status != idle:
                if commit:
                    conn.commit()
                else:
                    _rollback_unless_dead(conn)
                self.round_trips += 1
            committed = commit
        finally:
            if conn is not None:
                _leave_autocommit(conn)
                self._pool.putconn(conn)
            if not committed:
                for undo in reversed(self._undo):
                    undo()


def checkout(pool: ConnectionPool) -> psycopg.Connection:
    """A pooled connection that is alive as far as can be known without a round trip.

    When the server restarted or failed over since a connection was last used, its socket has
    something to read (the server's goodbye, or EOF) while it should be idle. Then every idle
    connection is suspect: psycopg_pool's `check()` drops the dead ones, and the pool opens new
    ones, so no request fails on a connection that died while it waited in the pool.
    """
    conn = pool.getconn()
    if _idle_and_alive(conn):
        return conn
    conn.close()
    pool.putconn(conn)  # closed: the pool discards it and opens a replacement
    pool.check()
    return pool.getconn()


def _idle_and_alive(conn: psycopg.Connection) -> bool:
    if conn.closed or conn.broken:
        return False
    try:
        readable, _, _ = select.select([conn.fileno()], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable


def _leave_autocommit(conn: psycopg.Connection) -> None:
    """Back to the pool's mode (a client-side flag: no round trip)."""
    if conn.autocommit and not (conn.closed or conn.broken):
        conn.autocommit = False


def _rollback_unless_dead(conn: psycopg.Connection) -> None:
    """Roll back; a connection that died has nothing to roll back, and the pool drops it."""
    try:
        conn.rollback()
    except psycopg.OperationalError:
        if not (conn.closed or conn.broken):
            raise
        log.info("rollback skipped: the connection is gone")


class Database:
    """The pool, created unbound and bound to the app by `init_app`."""

    def __init__(self) -> None:
        self.pool: ConnectionPool | None = None

    def init_app(self, app: Flask, conninfo: str) -> None:
        settings = app.config["SETTINGS"]
        self.pool = ConnectionPool(
            conninfo,
            min_size=settings.db_pool_min_size,
            max_size=settings.db_pool_max_size,
            open=False,
            timeout=settings.db_pool_timeout_seconds,
            # While the database is away the pool gives up on a connection attempt quickly and
            # tries afresh on the next request, so the first request after it returns succeeds
            # (the default backoff would keep retrying ever more slowly for five minutes).
            reconnect_timeout=settings.db_pool_timeout_seconds / 2,
            name="optio",
            kwargs={"autocommit": False},
        )
        app.extensions["optio_db"] = self
        app.after_request(_end_request_transaction)
        app.teardown_appcontext(_release_request_transaction)

    def open(self) -> ConnectionPool:
        assert self.pool is not None, "Database.init_app was not called"
        if self.pool.closed:
            self.pool.open(wait=False)
        return self.pool

    def close(self) -> None:
        if self.pool is not None and not self.pool.closed:
            self.pool.close()

    @contextmanager
    def transaction(
        self, role: Role = "elevated", claims: dict[str, Any] | None = None
    ) -> Iterator[Tx]:
        """A transaction outside a request (CLI, jobs): commits on success, else rolls back."""
        tx = Tx(self.open(), timeout_ms=0)
        tx.act_as(role, claims)
        try:
            yield tx
        except BaseException:
            tx.rollback()
            raise
        tx.commit()


def database(app: Flask | None = None) -> Database:
    return (app or current_app).extensions["optio_db"]


def tx(acting: Any = None) -> Tx:
    """The current request's transaction, created on first use.

    A service acting for a user passes that user (an `Identity` or a user id): outside
    production it must be the one the request's token names, so who acts is never decided
    silently by the claims alone."""
    if "tx" not in g:
        settings = current_settings()
        g.tx = Tx(
            database().open(),
            timeout_ms=settings.db_statement_timeout_ms,
            commit_each_run=has_request_context() and request.method in READ_METHODS,
        )
    if acting is not None and not current_settings().is_production:
        _check_acting_user(g.tx, acting)
    return g.tx


def _check_acting_user(current: Tx, acting: Any) -> None:
    user_id = str(getattr(acting, "user_id", acting))
    subject = (current.claims or {}).get("sub")
    if user_id != subject:
        raise RuntimeError(f"a service acts for {user_id}, but the request's token is {subject}")


def commit_now() -> None:
    """Commit the request's transaction (if one began) before an outside call that ends a
    request whose answer is settled as a success; the request's end then has nothing to commit."""
    current = g.get("tx")
    if current is not None:
        current.commit()


@contextmanager
def side_transaction(role: Literal["elevated"] | None = None) -> Iterator[Tx]:
    """A short transaction of its own, as the request's user, committed when the block ends
    whatever the request answers later (for writes made around a slow external call, with no
    connection held during the call). Its round trips count in the request's.

    With role="elevated" it runs with the connection's own rights but the same claims (so
    auth.uid() still names the user): only for the named definer functions that act on the
    caller's own row yet must not be callable by clients (private.finish_ai_call,
    private.link_stripe_customer)."""
    request_tx = tx()
    side = Tx(database().open(), timeout_ms=request_tx._timeout_ms)
    side.act_as(role or request_tx.role, request_tx.claims)
    try:
        yield side
    except BaseException:
        side.rollback()
        raise
    else:
        side.commit()
    finally:
        request_tx.round_trips += side.round_trips


def _end_request_transaction(response: Response) -> Response:
    current = g.get("tx")
    if current is not None:
        # A 4xx or 5xx answer changes nothing: whatever the request wrote is rolled back.
        if response.status_code < 400:
            current.commit()
        else:
            current.rollback()
        if not current_settings().is_production:
            response.headers["X-DB-Round-Trips"] = str(current.round_trips)
    return response


def _release_request_transaction(exc: BaseException | None) -> None:
    current = g.pop("tx", None)
    if current is not None:
        current.rollback()
