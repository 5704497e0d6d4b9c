"""The built-in provider: users in auth.users with bcrypt hashes, tokens in Supabase's format.

It plays the part GoTrue plays on Supabase, so its queries run on the elevated path.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from typing import Any
from urllib.parse import urlencode

import bcrypt
import psycopg

from ...config import Settings
from ...db import Tx, side_transaction, tx
from ...errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from .. import queries
from ..queries import AuthUserRow, SignInRow
from ..schemas import LinkType, ResendType
from ..tokens import TokenService
from .base import AuthSession

log = logging.getLogger(__name__)
BCRYPT_MAX_BYTES = 72  # bcrypt reads no more; 5.x refuses longer input outright


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LocalProvider:
    reports_taken_usernames = True
    login_in_database = True

    def __init__(self, settings: Settings, token_service: TokenService):
        self.settings = settings
        self.tokens = token_service
        # Compared against when the e-mail is unknown, so both paths take as long.
        self._dummy_hash = bcrypt.hashpw(b"optio-dummy", bcrypt.gensalt(settings.bcrypt_rounds))

    def _tx(self) -> Tx:
        current = tx()
        current.act_as("elevated")
        return current

    def hash_password(self, password: str) -> str:
        salt = bcrypt.gensalt(self.settings.bcrypt_rounds)
        return bcrypt.hashpw(password.encode(), salt).decode()

    def sign_up(self, email: str, password: str, metadata: dict[str, Any]) -> AuthSession:
        refresh_token = secrets.token_urlsafe(32)
        try:
            user, profile = queries.create_user_with_session(
                self._tx(),
                uuid.uuid4(),
                email,
                self.hash_password(password),
                metadata,
                _hash_token(refresh_token),
                self._refresh_ttl,
            )
        except psycopg.errors.UniqueViolation as exc:
            if queries.username_taken(exc):
                raise Conflict("That username is taken.", code="username_taken") from exc
            raise
        if user is None:
            raise Conflict("An account with this e-mail already exists.", code="email_taken")
        access, expires_at = self.tokens.issue(user, user["session_id"])
        return AuthSession(access, refresh_token, expires_at, user["id"], profile)

    def create_user(self, email: str, password: str, metadata: dict[str, Any]) -> None:
        # Local sign-ups need no confirmation: an operator's account is a sign-up.
        self.sign_up(email, password, metadata)

    def _is_password_of(self, user: SignInRow | None, password: str) -> bool:
        stored = user["encrypted_password"] if user else None
        hashed = stored.encode() if stored else self._dummy_hash
        candidate = password.encode()
        # bcrypt refuses more than 72 bytes and sign-up never stores such a password: compare
        # the first 72 all the same, so that a too-long password costs what a wrong one does.
        matches = bcrypt.checkpw(candidate[:BCRYPT_MAX_BYTES], hashed)
        return matches and len(candidate) <= BCRYPT_MAX_BYTES and bool(stored)

    def sign_in(self, email: str, password: str) -> AuthSession:
        db = self._tx()
        user = queries.user_for_sign_in(db, email)
        if user is None or not self._is_password_of(user, password):
            raise Unauthorized("Wrong e-mail or password.", code="invalid_credentials")
        if user["banned"]:
            raise Forbidden("This account has been deactivated.", code="account_deactivated")
        return self._start_session(db, user)

    def password_matches(self, email: str, password: str) -> bool:
        # Read in a transaction of its own: the request's runs as its user, not elevated.
        with side_transaction("elevated") as db:
            user = queries.user_for_sign_in(db, email, commit=True)
        return self._is_password_of(user, password)

    def change_password(self, email: str, current: str, new: str) -> AuthSession:
        db = self._tx()
        user = queries.user_for_sign_in(db, email)
        if user is None or not self._is_password_of(user, current):
            raise Forbidden("That is not your current password.", code="wrong_password")
        refresh_token = secrets.token_urlsafe(32)
        session, profile = queries.change_password(
            db, user["id"], self.hash_password(new), _hash_token(refresh_token), self._refresh_ttl
        )
        access, expires_at = self.tokens.issue(user, session["session_id"])
        return AuthSession(access, refresh_token, expires_at, user["id"], profile)

    def delete_login(self, user_id: uuid.UUID) -> None:
        """Nothing: private.delete_account deletes auth.users with the account."""

    def refresh(self, refresh_token: str) -> AuthSession:
        db = self._tx()
        new_token = secrets.token_urlsafe(32)
        row = queries.refresh(
            db,
            _hash_token(refresh_token),
            _hash_token(new_token),
            self._refresh_ttl,
            self.settings.refresh_reuse_interval_seconds,
        )
        outcome = row["outcome"]
        if outcome == queries.BANNED:
            raise Forbidden("This account has been deactivated.", code="account_deactivated")
        if outcome == queries.REUSED:
            # Keep the revocation although this request fails: late reuse means theft.
            db.commit()
            raise Unauthorized(
                "This refresh token was already used; the session has been ended.",
                code="refresh_token_reused",
            )
        if outcome != queries.ROTATED:
            raise Unauthorized("The refresh token is not valid.", code="invalid_refresh_token")
        access, expires_at = self.tokens.issue(row, row["session_id"])
        return AuthSession(access, new_token, expires_at, row["id"])

    def sign_out(self, access_token: str | None, session_id: str | None) -> None:
        claims = self.tokens.verify(access_token) if access_token else {}
        if session_id and claims:
            queries.revoke_session(self._tx(), session_id, claims["sub"])

    def request_password_reset(self, email: str, redirect_to: str) -> None:
        token = secrets.token_urlsafe(32)
        ttl = self.settings.password_reset_ttl_seconds
        if queries.create_reset_token(self._tx(), email, _hash_token(token), ttl):
            # Development has no mailer: the link goes to the log instead. It has the shape of
            # Supabase's recovery link (supabase/templates/recovery.html).
            link = f"{redirect_to}?{urlencode({'token_hash': token, 'type': 'recovery'})}"
            log.warning("password reset link for %s: %s", email, link)

    def reset_password(self, token: str, new_password: str) -> None:
        hashed = self.hash_password(new_password)
        if not queries.use_reset_token(self._tx(), _hash_token(token), hashed):
            raise Invalid(
                "This reset link is not valid or has expired.", code="invalid_reset_token"
            )

    def resend(self, email: str, kind: ResendType, redirect_to: str) -> None:
        """Nothing to send: local sign-up and e-mail changes need no confirmation."""

    def verify(self, token_hash: str, kind: LinkType) -> AuthSession | None:
        # The only links this provider makes are recovery links, which /password/reset takes.
        raise Invalid("This link is not valid or has expired.", code="invalid_link")

    def oauth_start(self, oauth_provider: str, redirect_to: str) -> tuple[str, str]:
        raise NotFound("This sign-in provider is not available.", code="unknown_provider")

    def oauth_exchange(self, code: str, verifier: str) -> AuthSession:
        raise NotFound("This sign-in provider is not available.", code="unknown_provider")

    @property
    def _refresh_ttl(self) -> int:
        return self.settings.refresh_token_ttl_seconds

    def _start_session(self, db: Tx, user: AuthUserRow) -> AuthSession:
        refresh_token = secrets.token_urlsafe(32)
        session, profile = queries.start_session(
            db, user["id"], _hash_token(refresh_token), self._refresh_ttl
        )
        access, expires_at = self.tokens.issue(user, session["session_id"])
        return AuthSession(access, refresh_token, expires_at, user["id"], profile)
