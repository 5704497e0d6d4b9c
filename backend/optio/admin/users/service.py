"""Account management: the rules an admin keeps when changing someone's account.

Rules the database enforces (supabase/schema/users.sql, admin.sql):
- policy users_update_own_or_admin (20261202000400_one_policy_per_action.sql) and trigger
  users_guard_admin_columns (20261122000300_admin_notifications.sql): only admins change role,
  tier and activation.
- trigger users_sync_ban (same migration): deactivating bans the auth user, so they cannot sign
  in; the request context refuses their existing tokens.
- trigger users_record_tier_change (20261122000410_billing.sql): a tier change is recorded with
  the admin as its cause, and the user is told.
"""

from __future__ import annotations

import uuid
from typing import Any

from ...db import tx
from ...errors import Conflict, NotFound
from . import queries
from .queries import AdminUserRow
from .schemas import AdminUserUpdate, UserListQuery


def users(admin_id: uuid.UUID, params: UserListQuery) -> dict[str, Any]:
    rows, count = queries.users(
        tx(admin_id),
        search=params.search,
        role=params.role,
        limit=params.per_page,
        offset=params.offset,
    )
    return params.page_of(rows, count)


def update_user(admin_id: uuid.UUID, user_id: uuid.UUID, update: AdminUserUpdate) -> AdminUserRow:
    """Change role, tier or activity; an admin may not demote or deactivate themselves (so the
    platform always keeps the admin who is acting)."""
    changes = update.model_dump(exclude_unset=True)
    if user_id == admin_id and (
        changes.get("role", "admin") != "admin" or changes.get("is_active", True) is False
    ):
        raise Conflict(
            "You cannot demote or deactivate your own account.", code="cannot_change_self"
        )
    updated, user = queries.update_user(tx(admin_id), user_id, changes)
    if updated is None or user is None:
        raise NotFound("No such user.")
    return user
