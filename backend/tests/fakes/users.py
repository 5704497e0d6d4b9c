"""The fake GoTrue's SQL: users in auth.users and sessions in auth.sessions of the app's own
database, written on autocommit connections of the fake's own (GoTrue's role in Supabase).

Inserting into auth.users fires the app's trigger that makes the public.users profile, as on
Supabase; a trigger that raises makes GoTrue answer 500 "Database error saving new user".
"""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from .model import AuthApiError

# banned_until may be 'infinity' (the app bans a deactivated user so), which Python's datetime
# cannot hold: it is read as text, and compared in SQL.
USER_COLUMNS = """
  u.id, u.aud, u.role, u.email, u.encrypted_password, u.email_confirmed_at,
  u.raw_app_meta_data, u.raw_user_meta_data, u.last_sign_in_at, u.created_at, u.updated_at,
  u.banned_until::text as banned_until, coalesce(u.banned_until > now(), false) as banned"""

_BY_EMAIL = f"select {USER_COLUMNS} from auth.users u where lower(u.email) = lower(%(email)s)"
_BY_ID = f"select {USER_COLUMNS} from auth.users u where u.id = %(id)s"
_WITH_SESSION = f"""
select {USER_COLUMNS},
       exists (select 1 from auth.sessions s where s.id = %(session)s and s.user_id = u.id)
         as session_live
from auth.users u where u.id = %(id)s"""
_INSERT = f"""
insert into auth.users as u (id, aud, role, email, encrypted_password, email_confirmed_at,
                             raw_app_meta_data, raw_user_meta_data)
values (%(id)s, 'authenticated', 'authenticated', %(email)s, %(password)s,
        case when %(confirmed)s then now() end, %(app)s, %(meta)s)
returning {USER_COLUMNS}"""
_START_SESSION = f"""
with s as (insert into auth.sessions (user_id) values (%(id)s) returning id),
     u as (update auth.users set last_sign_in_at = now() where id = %(id)s returning *)
select s.id as session_id, {USER_COLUMNS} from s, u"""


class UserStore:
    """auth.users and auth.sessions of one test database."""

    def __init__(self, database_url: str) -> None:
        self.pool = ConnectionPool(
            database_url,
            min_size=0,
            max_size=8,
            kwargs={"autocommit": True, "row_factory": dict_row},
            open=True,
            name="fake-supabase",
        )

    def close(self) -> None:
        self.pool.close()

    def _one(self, statement: str, params: dict[str, Any]) -> dict[str, Any] | None:
        with self.pool.connection() as conn:
            return conn.execute(statement, params).fetchone()

    def by_email(self, email: str) -> dict[str, Any] | None:
        return self._one(_BY_EMAIL, {"email": email})

    def by_id(self, user_id: uuid.UUID | str) -> dict[str, Any] | None:
        return self._one(_BY_ID, {"id": user_id})

    def with_session(self, user_id: uuid.UUID | str, session_id: uuid.UUID | str | None):
        return self._one(_WITH_SESSION, {"id": user_id, "session": session_id})

    def insert(
        self,
        user_id: uuid.UUID,
        email: str | None,
        password_hash: str | None,
        confirmed: bool,
        app_metadata: dict[str, Any],
        user_metadata: dict[str, Any],
    ) -> dict[str, Any]:
        params = {
            "id": user_id,
            "email": email,
            "password": password_hash,
            "confirmed": confirmed,
            "app": Jsonb(app_metadata),
            "meta": Jsonb(user_metadata),
        }
        try:
            row = self._one(_INSERT, params)
        except psycopg.Error as exc:
            # signupNewUser: whatever the insert (or a trigger on it) refused.
            raise AuthApiError(500, "unexpected_failure", "Database error saving new user") from exc
        assert row is not None
        return row

    def update(self, user_id: uuid.UUID | str, **columns: Any) -> dict[str, Any]:
        """Set columns (values as given; dicts as jsonb; the string 'now()' as the time)."""
        sets, params = [], {"id": user_id}
        for name, value in {**columns, "updated_at": "now()"}.items():
            if value == "now()":
                sets.append(f"{name} = now()")
            else:
                sets.append(f"{name} = %({name})s")
                params[name] = Jsonb(value) if isinstance(value, dict) else value
        statement = f"update auth.users u set {', '.join(sets)} where u.id = %(id)s returning {USER_COLUMNS}"
        try:
            row = self._one(statement, params)
        except psycopg.Error as exc:
            raise AuthApiError(500, "unexpected_failure", "Database error updating user") from exc
        if row is None:
            raise AuthApiError(404, "user_not_found", "User not found")
        return row

    def start_session(self, user_id: uuid.UUID) -> tuple[uuid.UUID, dict[str, Any]]:
        """A new auth.sessions row, stamping the user's last sign-in; (session id, user row)."""
        row = self._one(_START_SESSION, {"id": user_id})
        if row is None:
            raise AuthApiError(500, "unexpected_failure", "Database error creating new session")
        return row.pop("session_id"), row

    def delete_sessions(
        self, user_id: uuid.UUID | str, only: uuid.UUID | None = None, keep: uuid.UUID | None = None
    ) -> list[uuid.UUID]:
        """models.Logout / LogoutSession / LogoutAllExceptMe: GoTrue deletes ended sessions."""
        with self.pool.connection() as conn:
            rows = conn.execute(
                "delete from auth.sessions where user_id = %(user)s"
                " and (%(only)s::uuid is null or id = %(only)s)"
                " and (%(keep)s::uuid is null or id <> %(keep)s) returning id",
                {"user": user_id, "only": only, "keep": keep},
            ).fetchall()
        return [row["id"] for row in rows]

    def delete(self, user_id: uuid.UUID | str) -> bool:
        """models.Destroy: the user and, by the foreign keys, their sessions; whether it was
        there."""
        with self.pool.connection() as conn:
            row = conn.execute(
                "delete from auth.users where id = %(id)s returning id", {"id": user_id}
            ).fetchone()
        return row is not None
