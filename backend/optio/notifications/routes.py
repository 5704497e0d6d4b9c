"""My in-app notifications."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ..api import errors, query, response
from ..auth.identity import Identity, login_required
from . import service
from .schemas import (
    NotificationList,
    NotificationListQuery,
    NotificationPublic,
    NotificationsMarkedRead,
    NotificationUnreadCount,
)

bp = Blueprint("notifications", __name__, url_prefix="/api")


@bp.get("/notifications")
@login_required
@query(NotificationListQuery)
@response(NotificationList)
def list_notifications(params: NotificationListQuery, identity: Identity):
    """My notifications, unread first and then newest, with the unread count."""
    return service.list_mine(params)


@bp.get("/notifications/unread-count")
@login_required
@response(NotificationUnreadCount)
def unread_count(identity: Identity):
    """How many of my notifications are unread: one query, cheap enough to poll."""
    return service.unread_count(identity.user_id)


@bp.post("/notifications/read-all")
@login_required
@response(NotificationsMarkedRead)
def mark_all_read(identity: Identity):
    """Mark every unread notification of mine read, and say how many that was."""
    return service.mark_all_read(identity.user_id)


@bp.post("/notifications/<uuid:notification_id>/read")
@login_required
@response(NotificationPublic)
@errors(404)
def mark_read(notification_id: uuid.UUID, identity: Identity):
    """Mark one of my notifications read; marking it again changes nothing."""
    return service.mark_read(notification_id)
