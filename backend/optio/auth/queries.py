"""SQL of the local auth provider (schema auth). Runs only on the elevated auth path."""

from __future__ import annotations

import uuid
from typing import Any, NotRequired, TypedDict, cast

import psycopg
from psycopg.types.json import Jsonb

from ..db import Tx
from ..users import queries as users
from ..users.queries import ProfileRow


class AuthUserRow(TypedDict):
    """What an access token is issued from: an auth.users row's id, e-mail and metadata."""

    id: uuid.UUID
    email: str
    raw_app_meta_data: dict[str, Any] | None
    raw_user_meta_data: dict[str, Any] | None


class SignedUpRow(AuthUserRow):
    session_id: uuid.UUID


class SignInRow(AuthUserRow):
    encrypted_password: str | None
    banned: bool


class SessionRow(TypedDict):
    session_id: uuid.UUID


class RefreshRow(TypedDict):
    """`refresh`'s answer: the outcome and, for a known token, its session and user."""

    outcome: str
    session_id: NotRequired[uuid.UUID]
    id: NotRequired[uuid.UUID]
    email: NotRequired[str]
    raw_app_meta_data: NotRequired[dict[str, Any] | None]
    raw_user_meta_data: NotRequired[dict[str, Any] | None]


# The user and their first session and refresh token; nothing when the e-mail is taken.
_CREATE_USER_WITH_SESSION = """
with created as (
  insert into auth.users as u (id, email, encrypted_password, email_confirmed_at,
                               last_sign_in_at, raw_user_meta_data)
  values (%(id)s, %(email)s, %(hash)s, now(), now(), %(meta)s)
  on conflict (email) do nothing
  returning u.id, u.email, u.raw_app_meta_data, u.raw_user_meta_data),
s as (
  insert into auth.sessions (user_id) select id from created returning id, user_id),
t as (
  insert into auth.refresh_tokens (session_id, user_id, token_hash, expires_at)
  select id, user_id, %(token)s, now() + make_interval(secs => %(ttl)s) from s)
select created.*, s.id as session_id from created join s on s.user_id = created.id"""

_USER_FOR_SIGN_IN = """
select u.id, u.email, u.raw_app_meta_data, u.raw_user_meta_data, u.encrypted_password,
       (u.banned_until is not null and u.banned_until > now()) as banned
from auth.users u where u.email = %(email)s"""

_START_SESSION = """
with s as (
  insert into auth.sessions (user_id) values (%(user)s) returning id, user_id),
t as (
  insert into auth.refresh_tokens (session_id, user_id, token_hash, expires_at)
  select id, user_id, %(hash)s, now() + make_interval(secs => %(ttl)s) from s),
seen as (
  update auth.users set last_sign_in_at = now() where id = %(user)s)
select id as session_id from s"""

_REFRESH = """
with presented as (
  select rt.id, rt.session_id, rt.user_id, rt.revoked, rt.expires_at > now() as unexpired,
         s.revoked_at is null as session_live,
         coalesce(u.banned_until > now(), false) as banned
  from auth.refresh_tokens rt
  join auth.sessions s on s.id = rt.session_id
  join auth.users u on u.id = rt.user_id
  where rt.token_hash = %(old)s),
spent as (
  update auth.refresh_tokens rt
  set revoked = true, revoked_at = coalesce(rt.revoked_at, now())
  from presented p
  where rt.id = p.id and p.session_live and not p.banned and rt.expires_at > now()
    and (not rt.revoked or (%(reuse)s > 0
         and rt.revoked_at > now() - make_interval(secs => %(reuse)s)))
  returning rt.session_id, rt.user_id),
fresh as (
  insert into auth.refresh_tokens (session_id, user_id, token_hash, expires_at)
  select session_id, user_id, %(new)s, now() + make_interval(secs => %(ttl)s)
  from spent returning session_id),
ended as (
  update auth.sessions s
  set revoked_at = now(), revoked_reason = 'refresh_token_reuse'
  from presented p
  where s.id = p.session_id and s.revoked_at is null
    and p.session_live and not p.banned and (p.revoked or p.unexpired)
    and not exists (select 1 from spent)
  returning s.id)
select case when exists (select 1 from fresh) then 'rotated'
            when p.banned then 'banned'
            when p.session_live and (p.revoked or p.unexpired) then 'reused'
            else 'invalid' end as outcome,
       p.session_id, u.id, u.email, u.raw_app_meta_data, u.raw_user_meta_data
from presented p join auth.users u on u.id = p.user_id"""

_REVOKE_SESSION = """
update auth.sessions set revoked_at = now(), revoked_reason = 'sign_out'
where id = %(session)s and user_id = %(user)s and revoked_at is null"""

_STORE_RESET_LINK = """
insert into auth.password_reset_tokens (user_id, token_hash, expires_at)
select id, %(hash)s, now() + make_interval(secs => %(ttl)s)
from auth.users where email = %(email)s returning id"""

# Spend a live reset token: set the password and end every session of its user.
_SPEND_RESET_LINK = """
with used as (
  update auth.password_reset_tokens set used_at = now()
  where token_hash = %(token)s and used_at is null and expires_at > now()
  returning user_id),
pw as (
  update auth.users set encrypted_password = %(pw)s, updated_at = now()
  where id = (select user_id from used)),
ended as (
  update auth.sessions set revoked_at = now(), revoked_reason = 'password_reset'
  where user_id = (select user_id from used) and revoked_at is null)
select user_id from used"""


def create_user_with_session(
    tx: Tx,
    user_id: uuid.UUID,
    email: str,
    password_hash: str,
    metadata: dict[str, Any],
    token_hash: str,
    ttl: int,
) -> tuple[SignedUpRow | None, ProfileRow | None]:
    """Create the auth user, signed in: (the user with its session_id, its profile), or
    (None, None) when the e-mail is taken. One round trip: the profile, made by trigger, is read
    by a second statement pipelined behind the first, which is why the id is chosen here.

    A taken username raises UniqueViolation on users_username_key (see `username_taken`).
    """
    created, profile = tx.run(
        (
            _CREATE_USER_WITH_SESSION,
            {
                "id": user_id,
                "email": email,
                "hash": password_hash,
                "meta": Jsonb(metadata),
                "token": token_hash,
                "ttl": ttl,
            },
        ),
        users.profile_query(user_id),
    )
    if not created:
        return None, None
    return cast(SignedUpRow, created[0]), cast(ProfileRow, profile[0]) if profile else None


def username_taken(exc: psycopg.errors.UniqueViolation) -> bool:
    """The sign-up failed because its explicit username is someone else's (racing or not)."""
    return exc.diag.constraint_name == "users_username_key"


def user_for_sign_in(tx: Tx, email: str, *, commit: bool = False) -> SignInRow | None:
    """The login of `email`; with `commit`, the transaction ends in the same round trip."""
    [rows] = tx.run((_USER_FOR_SIGN_IN, {"email": email}), commit=commit)
    return cast(SignInRow | None, rows[0] if rows else None)


_NEW_HASH_ENDING_SESSIONS = """
with pw as (
  update auth.users set encrypted_password = %(pw)s, updated_at = now() where id = %(user)s)
update auth.sessions set revoked_at = now(), revoked_reason = 'password_change'
where user_id = %(user)s and revoked_at is null"""


def change_password(
    tx: Tx, user_id: uuid.UUID, password_hash: str, token_hash: str, ttl: int
) -> tuple[SessionRow, ProfileRow | None]:
    """Set the password and end every session, then start the one that replaces them (with
    the profile): one round trip."""
    _, session, profile = tx.run(
        (_NEW_HASH_ENDING_SESSIONS, {"user": user_id, "pw": password_hash}),
        (_START_SESSION, {"user": user_id, "hash": token_hash, "ttl": ttl}),
        users.profile_query(user_id),
    )
    return cast(SessionRow, session[0]), cast(ProfileRow, profile[0]) if profile else None


def start_session(
    tx: Tx, user_id: uuid.UUID, token_hash: str, ttl: int
) -> tuple[SessionRow, ProfileRow | None]:
    """A new session with its first refresh token, also stamping the sign-in; with the
    user's profile, read in the same round trip."""
    session, profile = tx.run(
        (_START_SESSION, {"user": user_id, "hash": token_hash, "ttl": ttl}),
        users.profile_query(user_id),
    )
    return cast(SessionRow, session[0]), cast(ProfileRow, profile[0]) if profile else None


# What presenting a refresh token came to (column `outcome` of `refresh`'s row).
ROTATED, REUSED, BANNED, INVALID = "rotated", "reused", "banned", "invalid"


def refresh(tx: Tx, old_hash: str, new_hash: str, ttl: int, reuse_interval: int) -> RefreshRow:
    """Trade a refresh token for a new one in the same session, in one statement.

    `outcome` says what happened:
    - rotated: the token was live, or spent less than `reuse_interval` seconds ago (a retry,
      a second tab; counted from its first spend), and its successor was issued;
    - banned: the account is deactivated; nothing changed;
    - reused: the token was spent longer ago (or, with no interval, by a racing request):
      its session has been revoked (reason refresh_token_reuse); commit before failing;
    - invalid: unknown, expired, or its session had already ended.

    A racing presentation of the same token waits for the first one's row lock and then
    re-checks the row, so it sees the spend that happened meanwhile.
    """
    row = tx.one(
        _REFRESH,
        {
            "old": old_hash,
            "new": new_hash,
            "ttl": ttl,
            "reuse": reuse_interval,
        },
    )
    return cast(RefreshRow, row) if row is not None else {"outcome": INVALID}


def revoke_session(tx: Tx, session_id: str, user_id: uuid.UUID | str) -> None:
    tx.run((_REVOKE_SESSION, {"session": session_id, "user": user_id}))


def create_reset_token(tx: Tx, email: str, token_hash: str, ttl: int) -> bool:
    """Store a reset token for the user with this e-mail; False when there is no such user."""
    row = tx.one(_STORE_RESET_LINK, {"email": email, "hash": token_hash, "ttl": ttl})
    return row is not None


def use_reset_token(tx: Tx, token_hash: str, password_hash: str) -> bool:
    """Spend a live reset token: set the password and end every session of its user."""
    row = tx.one(_SPEND_RESET_LINK, {"token": token_hash, "pw": password_hash})
    return row is not None
