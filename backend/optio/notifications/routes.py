"""My in-app notifications."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ..api import errors, query, response
from ..auth.identity import Identity, login_required
from . import service
from .schemas import NotificationList, NotificationListQuery, NotificationPublic

bp = Blueprint("notifications", __name__, url_prefix="/api")


@bp.get("/notifications")
@login_required
@query(NotificationListQuery)
@response(NotificationList)
def list_notifications(params: NotificationListQuery, identity: Identity):
    """My notifications, unread first and then newest, with the unread count."""
    return service.list_mine(params)


@bp.post("/notifications/<uuid:notification_id>/read")
@login_required
@response(NotificationPublic)
@errors(404)
def mark_read(notification_id: uuid.UUID, identity: Identity):
    """Mark one of my notifications read; marking it again changes nothing."""
    return service.mark_read(notification_id)
