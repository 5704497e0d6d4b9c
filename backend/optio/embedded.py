"""The database URL: DATABASE_URL, or an embedded PostgreSQL (pgserver) under OPTIO_DATA_DIR."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import psycopg

from .config import Settings

log = logging.getLogger(__name__)
_servers: dict[Path, Any] = {}  # keep handles alive: pgserver stops a server with its last handle
EMBEDDED_DB_NAME = "optio"


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
    import pgserver  # imported here: it is only needed when no DATABASE_URL is set

    pgdata = pgdata.resolve()
    if pgdata not in _servers:
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        log.info("starting embedded PostgreSQL in %s", pgdata)
        _servers[pgdata] = pgserver.get_server(pgdata, cleanup_mode="stop")
    return _servers[pgdata]
