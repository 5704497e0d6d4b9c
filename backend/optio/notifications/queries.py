"""SQL of notifications: only my own, under RLS (the database writes them, by trigger)."""

from __future__ import annotations

from typing import Any

from ..db import Tx

COLUMNS = "n.id, n.type, n.title, n.body, n.data, n.read_at, n.created_at"
MINE = "n.user_id = (select auth.uid())"


def list_mine(tx: Tx, *, limit: int, offset: int) -> tuple[list[dict], dict]:
    """One page, unread first and then newest, with my total and unread counts."""
    page, counts = tx.run(
        (
            f"select {COLUMNS} from public.notifications n where {MINE}"
            " order by (n.read_at is not null), n.created_at desc, n.id desc"
            " limit %(limit)s offset %(offset)s",
            {"limit": limit, "offset": offset},
        ),
        (
            "select count(*) as count, count(*) filter (where n.read_at is null) as unread_count"
            f" from public.notifications n where {MINE}",
            None,
        ),
    )
    return page, counts[0]


def mark_read(tx: Tx, notification_id: Any) -> dict | None:
    """Mark it read once; marking it again keeps the first time. None when not mine."""
    return tx.one(
        "update public.notifications n set read_at = coalesce(n.read_at, now())"
        f" where n.id = %(id)s and {MINE} returning {COLUMNS}",
        {"id": notification_id},
    )
