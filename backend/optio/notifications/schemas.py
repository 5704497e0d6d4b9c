"""Models of in-app notifications."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from ..pagination import PageQuery


class NotificationListQuery(PageQuery):
    """One page of my notifications."""


class NotificationPublic(BaseModel):
    id: uuid.UUID
    type: str = Field(
        description="e.g. team_request_received, team_request_accepted, quest_completed."
    )
    title: str
    body: str
    data: dict[str, Any] = Field(description="Ids of what it is about, by type.")
    read_at: datetime | None
    created_at: datetime


class NotificationList(BaseModel):
    data: list[NotificationPublic] = Field(description="Unread first, then newest first.")
    count: int
    unread_count: int
    page: int
    per_page: int


class NotificationUnreadCount(BaseModel):
    unread_count: int = Field(description="How many of my notifications are unread.")


class NotificationsMarkedRead(BaseModel):
    marked: int = Field(description="How many were unread and are read now.")
