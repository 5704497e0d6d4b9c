"""Connection pool, one transaction per request, and the per-request RLS context.

A request's transaction starts lazily with its first query. The BEGIN and the statement that
sets the role and `request.jwt.claims` (what Supabase's own API does) are pipelined with that
first query, so the context costs no extra round trip.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import psycopg
from flask import Flask, Response, current_app, g
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from .errors import Unauthorized

Role = Literal["anon", "authenticated", "elevated"]
Query = tuple[str, dict[str, Any] | Sequence[Any] | None]

_SET_CONTEXT = (
    "select set_config('role', %(role)s, true),"
    " set_config('request.jwt.claims', %(claims)s, true),"
    " set_config('statement_timeout', %(timeout)s, true),"
    # A deactivated user's access token stays valid until it expires; refuse it here, in the
    # statement that already rides with the first query, so the check costs no round trip.
    " (select u.is_active from public.users u where u.id = %(user_id)s::uuid) as active"
)


class Tx:
    """One database transaction run as one role; counts its round trips to the server."""

    def __init__(self, pool: ConnectionPool, timeout_ms: int):
        self._pool = pool
        self._timeout_ms = timeout_ms
        self._conn: psycopg.Connection | None = None
        self.role: Role = "anon"
        self.claims: dict[str, Any] | None = None
        self.round_trips = 0
        self.finished = False
        self._undo: list[Callable[[], None]] = []

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
        with conn.pipeline():
            context = conn.execute(*setup) if setup else None
            for sql, params in queries:
                cursors.append(conn.cursor(row_factory=dict_row).execute(sql, params))
            if commit:
                conn.execute("commit")
        self.round_trips += 1
        rows = [cur.fetchall() if cur.description else [] for cur in cursors]
        if commit:
            self._end(commit=True)  # already committed: only hands the connection back
        if context is not None and context.fetchone()[-1] is False:  # type: ignore[index]
            raise Unauthorized("This account has been deactivated.", code="account_deactivated")
        return rows

    def all(self, sql: str, params: Any = None) -> list[dict[str, Any]]:
        return self.run((sql, params))[0]

    def one(self, sql: str, params: Any = None) -> dict[str, Any] | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Any = None) -> Any:
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None

    def on_rollback(self, undo: Callable[[], None]) -> None:
        """Run `undo` if this transaction does not commit (e.g. delete a file stored for it)."""
        self._undo.append(undo)

    def commit(self) -> None:
        self._end(commit=True)

    def rollback(self) -> None:
        self._end(commit=False)

    def _connection(self) -> tuple[psycopg.Connection, Query | None]:
        if self._conn is not None:
            return self._conn, None
        if self.finished:
            raise RuntimeError("the transaction has already ended")
        self._conn = self._pool.getconn()
        role = "none" if self.role == "elevated" else self.role
        claims = json.dumps(self.claims) if self.claims else ""
        user_id = (self.claims or {}).get("sub") if self.role == "authenticated" else None
        params = {
            "role": role,
            "claims": claims,
            "timeout": str(self._timeout_ms),
            "user_id": user_id,
        }
        return self._conn, (_SET_CONTEXT, params)

    def _end(self, commit: bool) -> None:
        if self.finished:
            return
        self.finished = True
        conn, self._conn = self._conn, None
        committed = False
        try:
            idle = psycopg.pq.TransactionStatus.IDLE
            if conn is not None and conn.info.transaction_status != idle:
                conn.commit() if commit else conn.rollback()
                self.round_trips += 1
            committed = commit
        finally:
            if conn is not None:
                self._pool.putconn(conn)
            if not committed:
                for undo in reversed(self._undo):
                    undo()


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


def tx() -> Tx:
    """The current request's transaction, created on first use."""
    if "tx" not in g:
        settings = current_app.config["SETTINGS"]
        g.tx = Tx(database().open(), timeout_ms=settings.db_statement_timeout_ms)
    return g.tx


@contextmanager
def side_transaction() -> Iterator[Tx]:
    """A short transaction of its own, as the request's user, committed when the block ends
    whatever the request answers later (for writes made around a slow external call, with no
    connection held during the call). Its round trips count in the request's."""
    request_tx = tx()
    side = Tx(database().open(), timeout_ms=request_tx._timeout_ms)
    side.act_as(request_tx.role, request_tx.claims)
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
        if not current_app.config["SETTINGS"].is_production:
            response.headers["X-DB-Round-Trips"] = str(current.round_trips)
    return response


def _release_request_transaction(exc: BaseException | None) -> None:
    current = g.pop("tx", None)
    if current is not None:
        current.rollback()
