"""My notifications: list them, mark them read, worded here from their kind and data.

Rules the database enforces (supabase/schema/notifications.sql):
- policies notifications_read_own / notifications_mark_own and the column grant update (read_at)
  (20261122000300_admin_notifications.sql): I read only mine and may only mark them read.
- private.notify (20261202000300_notification_kinds.sql), definer, callable by no API role: only
  the database writes notifications, by trigger, storing a kind and its data, no words.
- trigger team_requests_read_notice (20261205000200_team_ups_on_quests_and_discovery.sql):
  accepting or rejecting a team-up request marks its recipient's team_request_received notice
  read, in the answer's transaction.
- triggers user_quests_notify_completed, team_requests_notify_received, team_requests_on_accept,
  quest_submissions_notify_reviewed, users_record_tier_change, users_notify_payment_failed
  (20261202000300_notification_kinds.sql): one notification per event, worded by wording.py.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..db import tx
from ..errors import NotFound
from . import queries
from .queries import NotificationRow
from .schemas import NotificationListQuery
from .wording import words


def list_mine(params: NotificationListQuery) -> dict[str, Any]:
    rows, counts = queries.list_mine(tx(), limit=params.per_page, offset=params.offset)
    return params.page_of([shown(row) for row in rows], **counts)


def mark_read(notification_id: uuid.UUID) -> dict[str, Any]:
    row = queries.mark_read(tx(), notification_id)
    if row is None:
        raise NotFound("No such notification.")
    return shown(row)


def unread_count(user_id: uuid.UUID) -> dict[str, int]:
    return {"unread_count": queries.unread_count(tx(user_id))}


def mark_all_read(user_id: uuid.UUID) -> dict[str, int]:
    return {"marked": queries.mark_all_read(tx(user_id))}


def shown(row: NotificationRow) -> dict[str, Any]:
    """The row with its words: the stored ones (older rows), else its kind's wording."""
    title, body = words(row["type"], row["data"], row["title"], row["body"])
    return {**row, "title": title, "body": body}
