"""Account management: the rules an admin keeps when changing someone's account."""

from __future__ import annotations

import uuid
from typing import Any

from ...db import tx
from ...errors import Conflict, NotFound
from . import queries
from .schemas import AdminUserUpdate, UserListQuery


def users(params: UserListQuery) -> dict[str, Any]:
    rows, count = queries.users(
        tx(),
        search=params.search,
        role=params.role,
        limit=params.per_page,
        offset=params.offset,
    )
    return params.page_of(rows, count)


def update_user(admin_id: uuid.UUID, user_id: uuid.UUID, update: AdminUserUpdate) -> dict:
    """Change role, tier or activity; an admin may not demote or deactivate themselves (so the
    platform always keeps the admin who is acting)."""
    changes = update.model_dump(exclude_unset=True)
    if user_id == admin_id and (
        changes.get("role", "admin") != "admin" or changes.get("is_active", True) is False
    ):
        raise Conflict(
            "You cannot demote or deactivate your own account.", code="cannot_change_self"
        )
    updated, user = queries.update_user(tx(), user_id, changes)
    if updated is None or user is None:
        raise NotFound("No such user.")
    return user
