"""My data: exports of everything about me (built by export.py's job), and deleting my account
(deletion.py).

Rules the database enforces (20261203210100_account_data_rights.sql; supabase/schema/account.sql):
- public.account_exports: a user reads only their own exports; no client writes them except
  through public.request_account_export(), which writes the row and its `account.export` job
  together; at most one pending export per user (account_exports_one_pending_key); a ready
  export has its zip's key, a built one its size and expiry.
- private.user_columns(): which columns of public and private tables hold a user's id (foreign
  keys to public.users or auth.users, and uuid columns named like user_id): what an export
  contains (private.account_export_rows) is read from the catalog, never listed by hand.
- private.delete_account(): API only (no client grant); deletes or anonymizes every row naming
  the account and writes an audit entry that does not; the append-only ledgers (xp_events,
  subscription_tier_changes, audit_log, private.forbid_change) let only such a deletion, run
  with the owner's rights, touch rows naming the account being deleted.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import psycopg

from ..config import current_settings
from ..db import tx
from ..errors import Conflict, NotFound
from ..jobs import load_handlers
from . import queries
from .export import export_storage
from .queries import ExportRow

LISTED = 20


def request_export(user_id: uuid.UUID, child: uuid.UUID | None = None) -> dict[str, Any]:
    """Start an export of everything about me, or about a child I consented for from my
    account; 409 while one is still being built."""
    load_handlers()  # the kind the database enqueues must have its handler (registry.py)
    asked = queries.request_export() if child is None else queries.request_child_export(child)
    try:
        [row] = tx(user_id).run(asked)[0]
    except psycopg.errors.UniqueViolation as exc:
        raise Conflict(
            "An export of this data is already being prepared.", code="export_pending"
        ) from exc
    except psycopg.errors.NoDataFound as exc:
        raise NotFound(NOT_MY_CHILD, code="not_your_child") from exc
    return _public(cast(ExportRow, row))[0]


NOT_MY_CHILD = "You manage no child with that id (consent given from your account)."


def child_exports(user_id: uuid.UUID, child: uuid.UUID) -> dict[str, Any]:
    return {"data": _public(*queries.childs(tx(user_id), child, LISTED))}


def my_exports(user_id: uuid.UUID) -> dict[str, Any]:
    return {"data": _public(*queries.mine(tx(user_id), LISTED))}


def my_export(user_id: uuid.UUID, export_id: uuid.UUID) -> dict[str, Any]:
    row = queries.one(tx(user_id), export_id)
    if row is None:
        raise NotFound("No such export.")
    return _public(row)[0]


def _public(*rows: ExportRow) -> list[dict[str, Any]]:
    """The exports, with a signed URL of each zip that is ready (one storage call for all)."""
    now = datetime.now(UTC)
    ready = [
        row["storage_key"]
        for row in rows
        if row["status"] == "ready" and row["storage_key"] and (row["expires_at"] or now) > now
    ]
    ttl = current_settings().signed_url_ttl_seconds
    urls = export_storage().signed_urls(ready, ttl) if ready else {}
    lapses = now + timedelta(seconds=ttl)
    return [
        {
            **row,
            "download_url": (url := urls.get(row["storage_key"] or "")),
            "download_url_expires_at": lapses if url else None,
        }
        for row in rows
    ]
