"""Auth use cases: the provider does the credential work, we add the profile and cookies.

Rules the database enforces (supabase/schema/users.sql; the local provider's tables in
supabase/local/02_local_auth_provider.sql):
- trigger on_auth_user_created (20261202000200_username_races.sql): the profile comes with the
  auth user, its username unique.
- trigger on_auth_user_email_changed (20261122000100_users.sql): the profile's e-mail follows
  the auth user's.
- the request context (optio/db.py) refuses a token whose session ended or whose user is gone
  or deactivated, in the statement that already rides with the first query.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..config import current_settings
from ..db import commit_now, tx
from ..errors import Conflict, Invalid, NotFound, Unauthorized, Unavailable
from ..users import avatar
from ..users import queries as users
from ..users.queries import ProfileRow
from .providers import AuthSession, provider
from .schemas import ChangePasswordIn, SignupIn


def session_payload(session: AuthSession) -> dict[str, Any]:
    """The session with the user's profile, read on the elevated auth path."""
    profile = session.profile
    if profile is None:
        current = tx()
        current.act_as("elevated")
        profile = users.profile(current, session.user_id)
    if profile is None:
        raise Unauthorized("This account has no profile.", code="no_profile")
    ttl = current_settings().access_token_ttl_seconds
    return {
        "access_token": session.access_token,
        "refresh_token": session.refresh_token,
        "expires_at": session.expires_at,
        "expires_in": ttl,
        "user": _with_picture(profile),
    }


def _with_picture(profile: ProfileRow) -> dict[str, Any]:
    """The session's user with their picture signed. Signing is a storage call: the session's
    writes are committed first (no transaction is held across it); a storage outage leaves the
    picture out rather than failing the sign-in (avatar.public)."""
    if profile["avatar_path"]:
        commit_now()
    return avatar.public(profile)


def sign_up(payload: SignupIn) -> AuthSession | None:
    auth = provider()
    # The local provider learns of a taken username from the database as it creates the user;
    # through Supabase Auth that error comes back as GoTrue's opaque 500, so ask first, and
    # again when a sign-up racing for the username got it in between.
    asks = bool(payload.username) and not auth.reports_taken_usernames
    if asks:
        _refuse_a_taken_username(payload.username)
    metadata = payload.model_dump(
        include={"username", "first_name", "last_name", "birth_date", "role"},
        exclude_none=True,
        mode="json",
    )
    try:
        return auth.sign_up(payload.email, payload.password, metadata)
    except Unavailable:
        if asks:
            _refuse_a_taken_username(payload.username)
        raise


def sign_in_address(identifier: str) -> str:
    """The e-mail a sign-in names: itself, or a username's account's (children whose account a
    parent made sign in with their username). An unknown username signs in as no one."""
    if "@" in identifier:
        return identifier
    current = tx()
    current.act_as("elevated")
    return users.email_of_username(current, identifier) or f"{identifier}@unknown.invalid"


def _refuse_a_taken_username(username: str | None) -> None:
    current = tx()
    current.act_as("elevated")
    if username and users.username_taken(current, username):
        raise Conflict("That username is taken.", code="username_taken")


def my_profile(user_id: uuid.UUID) -> dict[str, Any]:
    """My profile, its picture signed once the read has ended."""
    profile = users.profile(tx(user_id), user_id)
    if profile is None:
        raise NotFound("Your profile was not found.")
    return avatar.public(profile)


def change_password(email: str, payload: ChangePasswordIn) -> AuthSession:
    """A new password for the account of `email` (the token's), proven by the current one."""
    if payload.new_password == payload.current_password:
        raise Invalid(
            "Choose a password you have not used here.",
            code="same_password",
            details=[{"field": "new_password", "message": "Choose a new password."}],
        )
    return provider().change_password(email, payload.current_password, payload.new_password)


def confirm_link_base() -> str:
    """The web app's page that e-mail links open (supabase/templates link it the same way)."""
    return current_settings().web_url + "/auth/confirm"


def oauth_callback_url() -> str:
    """Where Supabase Auth sends the browser back with an OAuth sign-in's code."""
    return current_settings().web_url + "/auth/callback"
