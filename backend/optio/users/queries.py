"""SQL for public.users."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, TypedDict, cast

from psycopg import sql

from ..db import Query, Tx, with_own_rights


class ProfileRow(TypedDict):
    id: uuid.UUID
    email: str
    username: str | None
    first_name: str | None
    last_name: str | None
    display_name: str | None
    role: str
    subscription_tier: str
    created_at: datetime
    consent_pending: bool
    time_zone: str | None
    weekly_xp_goal: int | None
    leaderboard_opt_in: bool
    interests: list[str]
    avatar_path: str | None


class AvatarChangeRow(ProfileRow):
    """My profile after a new picture (or none), and the key of the one it replaced."""

    replaced: str | None


# The profile's columns; consent_pending: under 13 and waiting for a parent's consent (as
# private.consent_pending has it, read from the rows policies show me).
_COLUMNS = """id, email, username, first_name, last_name, display_name, role, subscription_tier,
       created_at, time_zone, weekly_xp_goal, leaderboard_opt_in, interests, avatar_path,
       coalesce(birth_date > current_date - interval '13 years' and not exists (
         select 1 from public.parental_consents c
         where c.student_id = users.id and c.revoked_at is null), false) as consent_pending"""

_PROFILE = f"""
select {_COLUMNS}
from public.users where id = %(id)s"""

_USERNAME_TAKEN = "select exists (select 1 from public.users where username = %(u)s)"

_USER_ID_BY_EMAIL = "select id from public.users where email = %(e)s"
_EMAIL_OF_USERNAME = "select email from public.users where username = %(u)s"

_SET_ROLE = f"""
update public.users set role = %(role)s where id = %(id)s
returning {_COLUMNS}"""


# With the connection's own rights (clients have no grant on avatar_path), on my own row; the
# check users_avatar_in_own_folder keeps it a picture key under my folder. Locks the row to
# read the key it replaces, so two uploads racing each see the other's file.
_SET_AVATAR = f"""
update public.users set avatar_path = %(path)s
from (select u.avatar_path as replaced from public.users u
      where u.id = (select auth.uid()) for update) previous
where users.id = (select auth.uid())
returning previous.replaced, {_COLUMNS}"""


def profile_query(user_id: uuid.UUID) -> Query:
    """The profile's query, to pipeline behind another (e.g. the sign-in that creates a session)."""
    return _PROFILE, {"id": user_id}


def profile(tx: Tx, user_id: uuid.UUID) -> ProfileRow | None:
    return cast(ProfileRow | None, tx.one(*profile_query(user_id)))


def username_taken(tx: Tx, username: str) -> bool:
    return bool(tx.scalar(_USERNAME_TAKEN, {"u": username}))


def user_id_by_email(tx: Tx, email: str) -> uuid.UUID | None:
    return cast(uuid.UUID | None, tx.scalar(_USER_ID_BY_EMAIL, {"e": email.lower()}))


def email_of_username(tx: Tx, username: str) -> str | None:
    return cast(str | None, tx.scalar(_EMAIL_OF_USERNAME, {"u": username}))


def set_role(tx: Tx, user_id: uuid.UUID, role: str) -> ProfileRow | None:
    return cast(ProfileRow | None, tx.one(_SET_ROLE, {"id": user_id, "role": role}))


def _update_me(columns: list[str]) -> sql.Composed:
    """`update public.users set <each column> = its value` on my own row, returning my profile:
    the columns are UserUpdate's fields, never a client's names."""
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in columns
    )
    return sql.SQL(
        "update public.users set {} where id = (select auth.uid()) returning " + _COLUMNS
    ).format(assignments)


def update_me(tx: Tx, changes: dict[str, Any]) -> ProfileRow | None:
    """Update my own row, as myself: the column grants and RLS decide what may change;
    committed in this round trip."""
    rows = tx.run((_update_me(list(changes)), changes), commit=True)[0]
    return cast(ProfileRow | None, rows[0] if rows else None)


def set_avatar(tx: Tx, path: str | None) -> AvatarChangeRow | None:
    """Point my profile at the picture stored under `path` (None: no picture), committed in
    this round trip; my profile and the key it named before."""
    rows = tx.run(*with_own_rights((_SET_AVATAR, {"path": path})), commit=True)[-2]
    return cast(AvatarChangeRow | None, rows[0] if rows else None)
