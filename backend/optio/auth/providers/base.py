"""What every auth provider does, and what it hands back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from ...users.queries import ProfileRow
from ..schemas import LinkType, ResendType


@dataclass(frozen=True)
class AuthSession:
    access_token: str
    refresh_token: str
    expires_at: int
    user_id: uuid.UUID
    # The user's profile when the provider read it on the way (saves the caller a round trip).
    profile: ProfileRow | None = None


class AuthProvider(Protocol):
    # Whether sign_up raises Conflict(code="username_taken") itself, even for a racing sign-up.
    reports_taken_usernames: bool

    def sign_up(
        self, email: str, password: str, metadata: dict[str, Any]
    ) -> AuthSession | None: ...

    def sign_in(self, email: str, password: str) -> AuthSession: ...

    def create_user(self, email: str, password: str, metadata: dict[str, Any]) -> None:
        """An account made by an operator (`optio users create`, the seed): it signs in with
        `password` at once, whether or not sign-ups must confirm their e-mail, and gets no
        mail; Conflict(code="email_taken") when the e-mail has an account."""

    def refresh(self, refresh_token: str) -> AuthSession: ...

    def sign_out(self, access_token: str | None, session_id: str | None) -> None: ...

    def request_password_reset(self, email: str, redirect_to: str) -> None: ...

    def reset_password(self, token: str, new_password: str) -> None: ...

    def change_password(self, email: str, current: str, new: str) -> AuthSession:
        """Set a new password, proven by the current one (Forbidden(code="wrong_password")
        otherwise): every session of the account ends and the new one returned replaces them."""

    def resend(self, email: str, kind: ResendType, redirect_to: str) -> None:
        """Send a sign-up or e-mail change confirmation again (`kind`: signup, email_change)."""

    def verify(self, token_hash: str, kind: LinkType) -> AuthSession | None:
        """Turn an e-mail link's token into a session; None when the link was accepted but
        another one must be opened too (the other address's, in a secure e-mail change)."""

    def oauth_start(self, oauth_provider: str, redirect_to: str) -> tuple[str, str]:
        """The provider's sign-in URL (with a PKCE challenge) and the code verifier to keep."""

    def oauth_exchange(self, code: str, verifier: str) -> AuthSession:
        """The session for an OAuth callback's code and the verifier of its challenge."""

    # Whether the login lives in this database (auth.users is the provider's own table), so
    # that deleting an account deletes it in the same transaction (optio/account/deletion.py).
    login_in_database: bool

    def password_matches(self, email: str, password: str) -> bool:
        """Whether `password` is the account's current one (no session is left behind)."""

    def delete_login(self, user_id: uuid.UUID) -> None:
        """Delete the login for good (Supabase Auth's admin API); a login already gone is
        fine. Nothing for a provider whose logins live in the database."""
