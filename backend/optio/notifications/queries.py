"""SQL of notifications: only my own, under RLS (the database writes them, by trigger)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, TypedDict, cast

from ..db import Tx


class NotificationRow(TypedDict):
    """A notification as stored: title and body are empty unless written before
    20261202000300_notification_kinds.sql (wording.py words the rest)."""

    id: uuid.UUID
    type: str
    title: str
    body: str
    data: dict[str, Any]
    read_at: datetime | None
    created_at: datetime


class NotificationCounts(TypedDict):
    count: int
    unread_count: int


class UnreadCountRow(TypedDict):
    unread_count: int


class MarkedRow(TypedDict):
    marked: int


_UNREAD_COUNT = """
select count(*) as unread_count from public.notifications n
where n.user_id = (select auth.uid()) and n.read_at is null"""

_MARK_ALL_READ = """
with marked as (
  update public.notifications n set read_at = now()
  where n.user_id = (select auth.uid()) and n.read_at is null
  returning 1)
select count(*) as marked from marked"""


def list_mine(
    tx: Tx, *, limit: int, offset: int
) -> tuple[list[NotificationRow], NotificationCounts]:
    """One page, unread first and then newest, with my total and unread counts."""
    page, counts = tx.run(
        (
            "select n.id, n.type, n.title, n.body, n.data, n.read_at, n.created_at"
            " from public.notifications n where n.user_id = (select auth.uid())"
            " order by (n.read_at is not null), n.created_at desc, n.id desc"
            " limit %(limit)s offset %(offset)s",
            {"limit": limit, "offset": offset},
        ),
        (
            "select count(*) as count, count(*) filter (where n.read_at is null) as unread_count"
            " from public.notifications n where n.user_id = (select auth.uid())",
            None,
        ),
    )
    return cast(list[NotificationRow], page), cast(NotificationCounts, counts[0])


def mark_read(tx: Tx, notification_id: uuid.UUID) -> NotificationRow | None:
    """Mark it read once; marking it again keeps the first time. None when not mine."""
    row = tx.one(
        "update public.notifications n set read_at = coalesce(n.read_at, now())"
        " where n.id = %(id)s and n.user_id = (select auth.uid())"
        " returning n.id, n.type, n.title, n.body, n.data, n.read_at, n.created_at",
        {"id": notification_id},
    )
    return cast(NotificationRow | None, row)


def unread_count(tx: Tx) -> int:
    """How many of my notifications are unread: one statement, for the badge that polls it."""
    return cast(UnreadCountRow, tx.all(_UNREAD_COUNT)[0])["unread_count"]


def mark_all_read(tx: Tx) -> int:
    """Mark every unread notification of mine read, in one statement; how many it marked."""
    return cast(MarkedRow, tx.all(_MARK_ALL_READ)[0])["marked"]
