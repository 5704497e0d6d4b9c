"""My notifications: list them, mark them read."""

from __future__ import annotations

import uuid
from typing import Any

from ..db import tx
from ..errors import NotFound
from . import queries
from .schemas import NotificationListQuery


def list_mine(params: NotificationListQuery) -> dict[str, Any]:
    rows, counts = queries.list_mine(tx(), limit=params.per_page, offset=params.offset)
    return params.page_of(rows, **counts)


def mark_read(notification_id: uuid.UUID) -> dict[str, Any]:
    row = queries.mark_read(tx(), notification_id)
    if row is None:
        raise NotFound("No such notification.")
    return row
