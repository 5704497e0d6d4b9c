"""Accounts made by operators (CLI, seed), and my own profile.

Rules the database enforces (supabase/schema/users.sql):
- trigger on_auth_user_created (private.handle_new_auth_user, last defined in
  20261202000200_username_races.sql): every auth user gets a profile; a taken explicit username
  fails (409 username_taken), a derived one is derived again.
- policy users_update_own_or_admin (20261202000400_one_policy_per_action.sql) and the column
  grant update (username, first_name, last_name, display_name) (20261122000100_users.sql): I
  change only those columns of my own row.
- check users_avatar_in_own_folder and no client grant on avatar_path
  (20261205000800_avatars.sql): my picture is a key of ours under my folder, written by the API
  only (avatar.py).
- trigger users_guard_admin_columns (20261122000300_admin_notifications.sql): role, tier and
  activation change only by an admin.
"""

from __future__ import annotations

import uuid
from typing import Any

import psycopg

from ..auth.providers import provider
from ..db import tx
from ..errors import Conflict, Invalid, NotFound
from . import avatar, queries
from .queries import ProfileRow
from .schemas import UserUpdate

UNKNOWN_ZONE = "That time zone is not one we know: pick one like Europe/Paris."
_UNKNOWN_ZONE = {"field": "time_zone", "location": "body", "message": UNKNOWN_ZONE}


def create_account(email: str, password: str, role: str = "student", **profile: Any) -> ProfileRow:
    """Create a user through the auth provider, then give it `role`; returns the profile.

    The account signs in with `password` at once. An existing account with this e-mail keeps
    its password and gets the role.
    """
    current = tx()
    current.act_as("elevated")
    user_id = queries.user_id_by_email(current, email)
    if user_id is None:
        try:
            provider().create_user(email, password, profile)
        except Conflict as exc:
            # Created meanwhile: it gets the role all the same. A taken username is the caller's.
            if exc.code != "email_taken":
                raise
        # Read back by e-mail: the auth provider made it on a connection of its own.
        user_id = queries.user_id_by_email(current, email)
    account = None if user_id is None else queries.set_role(current, user_id, role)
    if account is None:
        raise NotFound(f"No account was made for {email}.")
    return account


def update_me(user_id: uuid.UUID, changes: UserUpdate) -> dict[str, Any]:
    """My changed profile, committed before its picture is signed (a storage call)."""
    try:
        row = queries.update_me(tx(user_id), changes.model_dump(exclude_unset=True))
    except psycopg.errors.UniqueViolation as exc:
        raise Conflict("That username is taken.", code="username_taken") from exc
    except psycopg.errors.CheckViolation as exc:
        if exc.diag.constraint_name != "users_time_zone_check":
            raise
        raise Invalid(UNKNOWN_ZONE, code="unknown_time_zone", details=[_UNKNOWN_ZONE]) from exc
    if row is None:
        raise NotFound("Your profile was not found.")
    return avatar.public(row)
