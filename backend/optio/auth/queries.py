"""SQL of the local auth provider (schema auth). Runs only on the elevated auth path."""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from ..db import Tx

_USER_COLUMNS = "u.id, u.email, u.raw_app_meta_data, u.raw_user_meta_data"


def insert_user(tx: Tx, email: str, password_hash: str, metadata: dict) -> dict | None:
    """The new auth user, or None when the e-mail is taken. Its profile row comes by trigger."""
    return tx.one(
        "insert into auth.users as u (email, encrypted_password, email_confirmed_at,"
        " raw_user_meta_data) values (%(email)s, %(hash)s, now(), %(meta)s)"
        f" on conflict (email) do nothing returning {_USER_COLUMNS}",
        {"email": email, "hash": password_hash, "meta": Jsonb(metadata)},
    )


def user_for_sign_in(tx: Tx, email: str) -> dict | None:
    return tx.one(
        f"select {_USER_COLUMNS}, u.encrypted_password,"
        " (u.banned_until is not null and u.banned_until > now()) as banned"
        " from auth.users u where u.email = %(email)s",
        {"email": email},
    )


def start_session(tx: Tx, user_id: Any, token_hash: str, ttl: int) -> dict:
    """A new session with its first refresh token; also stamps the sign-in."""
    row = tx.one(
        "with s as (insert into auth.sessions (user_id) values (%(user)s) returning id, user_id),"
        " t as (insert into auth.refresh_tokens (session_id, user_id, token_hash, expires_at)"
        "   select id, user_id, %(hash)s, now() + make_interval(secs => %(ttl)s) from s),"
        " seen as (update auth.users set last_sign_in_at = now() where id = %(user)s)"
        " select id as session_id from s",
        {"user": user_id, "hash": token_hash, "ttl": ttl},
    )
    assert row is not None
    return row


def rotate_refresh_token(tx: Tx, old_hash: str, new_hash: str, ttl: int) -> dict | None:
    """Spend a live refresh token and issue its successor in the same session, atomically.

    None when the token is unknown, spent, expired, or its session was revoked.
    """
    return tx.one(
        "with spent as ("
        "  update auth.refresh_tokens rt set revoked = true from auth.sessions s"
        "  where rt.token_hash = %(old)s and not rt.revoked and rt.expires_at > now()"
        "    and s.id = rt.session_id and s.revoked_at is null"
        "  returning rt.session_id, rt.user_id),"
        " fresh as ("
        "  insert into auth.refresh_tokens (session_id, user_id, token_hash, expires_at)"
        "  select session_id, user_id, %(new)s, now() + make_interval(secs => %(ttl)s)"
        "  from spent returning session_id, user_id)"
        f" select f.session_id, {_USER_COLUMNS} from fresh f"
        " join auth.users u on u.id = f.user_id"
        " where u.banned_until is null or u.banned_until <= now()",
        {"old": old_hash, "new": new_hash, "ttl": ttl},
    )


def revoke_session_of_spent_token(tx: Tx, token_hash: str) -> bool:
    """A spent token presented again: revoke its whole session. True when that happened."""
    row = tx.one(
        "update auth.sessions set revoked_at = now(), revoked_reason = 'refresh_token_reuse'"
        " where id = (select session_id from auth.refresh_tokens"
        "             where token_hash = %(hash)s and revoked)"
        " and revoked_at is null returning id",
        {"hash": token_hash},
    )
    return row is not None


def revoke_session(tx: Tx, session_id: str, user_id: Any) -> None:
    tx.run(
        (
            "update auth.sessions set revoked_at = now(), revoked_reason = 'sign_out'"
            " where id = %(session)s and user_id = %(user)s and revoked_at is null",
            {"session": session_id, "user": user_id},
        )
    )


def create_reset_token(tx: Tx, email: str, token_hash: str, ttl: int) -> bool:
    """Store a reset token for the user with this e-mail; False when there is no such user."""
    row = tx.one(
        "insert into auth.password_reset_tokens (user_id, token_hash, expires_at)"
        " select id, %(hash)s, now() + make_interval(secs => %(ttl)s)"
        " from auth.users where email = %(email)s returning id",
        {"email": email, "hash": token_hash, "ttl": ttl},
    )
    return row is not None


def use_reset_token(tx: Tx, token_hash: str, password_hash: str) -> bool:
    """Spend a live reset token: set the password and end every session of its user."""
    row = tx.one(
        "with used as ("
        "  update auth.password_reset_tokens set used_at = now()"
        "  where token_hash = %(token)s and used_at is null and expires_at > now()"
        "  returning user_id),"
        " pw as (update auth.users set encrypted_password = %(pw)s, updated_at = now()"
        "  where id = (select user_id from used)),"
        " ended as (update auth.sessions set revoked_at = now(), revoked_reason = 'password_reset'"
        "  where user_id = (select user_id from used) and revoked_at is null)"
        " select user_id from used",
        {"token": token_hash, "pw": password_hash},
    )
    return row is not None
