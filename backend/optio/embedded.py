"""The database URL: DATABASE_URL, or an embedded PostgreSQL (pgserver) under OPTIO_DATA_DIR."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import psycopg

from .config import Settings

log = logging.getLogger(__name__)
_servers: dict[Path, Any] = {}  # keep handles alive: pgserver stops a server with its last handle
EMBEDDED_DB_NAME = "optio"
# pgserver counts the processes holding a server in this file of its data directory and stops the
# server when the last one exits.
HANDLES = ".handle_pids.json"
# How much later than the last write of HANDLES a holder may seem to have started (mtime
# resolution, the rounding of start times, the clock set forward) before its pid counts as reused.
CLOCK_SLACK_SECONDS = 60.0


def database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    return embedded_database_url(settings.optio_data_dir / "pg", EMBEDDED_DB_NAME)


def embedded_database_url(pgdata: Path, dbname: str) -> str:
    """Start (or join) the embedded server in `pgdata` and make sure `dbname` exists."""
    server = start_embedded(pgdata)
    admin_url = server.get_uri()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (dbname,)).fetchone()
        if not exists:
            conn.execute(
                psycopg.sql.SQL("create database {}").format(psycopg.sql.Identifier(dbname))
            )
    return server.get_uri(dbname)


def start_embedded(pgdata: Path) -> Any:
    """The server in `pgdata`, started or joined; it is stopped when the last process holding it
    exits, including a server a killed process left running."""
    import pgserver  # imported here: it is only needed when no DATABASE_URL is set
    from pgserver.postgres_server import PostgresServer

    pgdata = pgdata.resolve()
    if pgdata not in _servers:
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        quiet_pgserver()
        log.info("starting embedded PostgreSQL in %s", pgdata)
        # pgserver's own lock, which it takes to read and write the same files.
        with PostgresServer._lock:
            forget_gone_holders(pgdata)
            forget_stale_postmaster_pid(pgdata)
        _servers[pgdata] = pgserver.get_server(pgdata, cleanup_mode="stop")
    return _servers[pgdata]


def quiet_pgserver() -> None:
    """pgserver logs every pg_ctl command line and its output at INFO (a dozen lines as `optio
    dev` exits): keep its warnings and errors only, unless its level was set on purpose."""
    logger = logging.getLogger("pgserver")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)


def forget_gone_holders(pgdata: Path) -> None:
    """Take the pids of processes that are gone out of pgserver's list of holders.

    A process killed outright (kill -9, a closed terminal) never takes its pid out; the server it
    started keeps running, and every later run would join it and, seeing another holder, leave it
    running on exit. Without those pids, the next run is the server's last holder and stops it."""
    handles = pgdata / HANDLES
    try:
        written = handles.stat().st_mtime
        pids = json.loads(handles.read_text())
    except (FileNotFoundError, ValueError):
        return
    holding = [pid for pid in pids if _may_hold(pid, written)]
    if holding != pids:
        log.info("embedded PostgreSQL: processes %s are gone", sorted(set(pids) - set(holding)))
        handles.write_text(json.dumps(holding))


def _may_hold(pid: int, written: float) -> bool:
    """Whether `pid` may still be a process that registered in the list last written at `written`
    (a process started after that write has a reused pid)."""
    import psutil  # pgserver's own dependency

    try:
        process = psutil.Process(pid)
        return (
            process.status() != psutil.STATUS_ZOMBIE
            and process.create_time() <= written + CLOCK_SLACK_SECONDS
        )
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:  # another user's process: it may be a holder
        return True


def forget_stale_postmaster_pid(pgdata: Path) -> None:
    """Remove postmaster.pid when its pid now belongs to a process that is not PostgreSQL.

    PostgreSQL leaves the file behind when it is killed; pgserver takes any live process with that
    pid for the server (hands out its socket, and would kill that process on exit) and postgres
    refuses to start over it. A dead pid is left alone: postgres itself knows that file is stale."""
    import psutil  # pgserver's own dependency

    postmaster_pid = pgdata / "postmaster.pid"
    try:
        pid = int(postmaster_pid.read_text().split("\n", 1)[0])
        name = psutil.Process(pid).name()
    except (FileNotFoundError, ValueError, psutil.NoSuchProcess, psutil.AccessDenied):
        return
    if not name.startswith("postgres"):  # postgres, or postgres.exe
        log.warning("%s named process %d (%s), not PostgreSQL: removed", postmaster_pid, pid, name)
        postmaster_pid.unlink()
