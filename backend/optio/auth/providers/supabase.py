"""The production provider: Supabase Auth (GoTrue) owns users, passwords and sessions.

This module only translates between the `supabase` client and the app's AuthSession and errors.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal, cast

from supabase import ClientOptions, create_client
from supabase_auth import SyncGoTrueClient
from supabase_auth.errors import AuthApiError, AuthError, AuthRetryableError, AuthUnknownError
from supabase_auth.types import AuthResponse, Provider

from ...config import Settings
from ...errors import AppError, BadRequest, Conflict, Forbidden, Invalid, Unauthorized, Unavailable
from ..schemas import LinkType, ResendType
from .base import AuthSession

log = logging.getLogger(__name__)


FlowType = Literal["implicit", "pkce"]


class RateLimited(AppError):
    status, code, message = 429, "rate_limited", "Too many attempts. Try again later."


# (error class, code, message): an instance is built per failure, never shared between requests.
ErrorSpec = tuple[type[AppError], str, str]

# GoTrue error codes that mean the same thing whichever call returned them.
_BY_GOTRUE_CODE: dict[str, ErrorSpec] = {
    "user_already_exists": (Conflict, "email_taken", "An account with this e-mail already exists."),
    "email_exists": (Conflict, "email_taken", "An account with this e-mail already exists."),
    "weak_password": (Invalid, "weak_password", "Choose a stronger password."),
    "same_password": (Invalid, "same_password", "Choose a password you have not used here."),
    "email_not_confirmed": (Forbidden, "email_not_confirmed", "Confirm your e-mail first."),
    "user_banned": (Forbidden, "account_deactivated", "This account has been deactivated."),
    "refresh_token_already_used": (
        Unauthorized,
        "refresh_token_reused",
        "This refresh token was already used; the session has been ended.",
    ),
}
_WRONG_CREDENTIALS = (Unauthorized, "invalid_credentials", "Wrong e-mail or password.")
_WRONG_PASSWORD = (Forbidden, "wrong_password", "That is not your current password.")
_BAD_REFRESH_TOKEN = (Unauthorized, "invalid_refresh_token", "The refresh token is not valid.")
_BAD_RESET_TOKEN = (Invalid, "invalid_reset_token", "This reset link is not valid or has expired.")
_BAD_LINK = (Invalid, "invalid_link", "This link is not valid or has expired.")
# flow_state_not_found (a replayed code), bad_code_verifier, flow_state_expired and friends.
_BAD_OAUTH_CODE = (
    BadRequest,
    "invalid_oauth_code",
    "That sign-in did not complete or has expired. Try signing in again.",
)


def _app_error(exc: AuthError, rejected: ErrorSpec | None) -> AppError | None:
    status = getattr(exc, "status", None) or 0
    # Retryable covers network failures and 502-504; Unknown is an error body that is not JSON.
    if isinstance(exc, AuthRetryableError | AuthUnknownError) or status >= 500:
        log.warning("Supabase Auth unavailable: %s", exc)
        return Unavailable(
            "Sign-in is unavailable right now. Try again shortly.", code="auth_unavailable"
        )
    if status == 429:
        return RateLimited()
    # Codes differ across GoTrue versions (older ones send none), so other refusals by the
    # server mean what this call's `rejected` says; client-side errors stay as they are.
    known = _BY_GOTRUE_CODE.get(exc.code or "")
    spec = known or (rejected if isinstance(exc, AuthApiError) else None)
    if spec is None:
        return None
    cls, code, message = spec
    return cls(message, code=code)


@contextmanager
def _as_app_errors(rejected: ErrorSpec | None = None) -> Iterator[None]:
    """Raise the client's errors as the app's; `rejected` is what this call's other 4xx mean."""
    try:
        yield
    except AuthError as exc:
        error = _app_error(exc, rejected)
        if error is None:
            raise
        raise error from exc


def _signed_in(response: AuthResponse) -> AuthSession:
    session = response.session
    if session is None:
        raise RuntimeError("Supabase Auth answered a sign-in without a session")
    expires_at = session.expires_at or round(time.time()) + session.expires_in
    return AuthSession(
        session.access_token, session.refresh_token, expires_at, uuid.UUID(session.user.id)
    )


class SupabaseProvider:
    reports_taken_usernames = False
    login_in_database = False

    def __init__(self, settings: Settings):
        if not settings.supabase_url or not settings.supabase_anon_key:
            raise ValueError("AUTH_PROVIDER=supabase needs SUPABASE_URL and SUPABASE_ANON_KEY")
        self.url = settings.supabase_url
        self.anon_key = settings.supabase_anon_key
        self.service_role_key = settings.supabase_service_role_key

    @contextmanager
    def _gotrue(
        self, flow_type: FlowType = "implicit", key: str | None = None
    ) -> Iterator[SyncGoTrueClient]:
        # A client per call: its in-memory session is one user's and must not outlive the request.
        # Implicit flow but for OAuth, whose PKCE verifier the caller takes out of the client.
        options = ClientOptions(
            auto_refresh_token=False, persist_session=False, flow_type=flow_type
        )
        with create_client(self.url, key or self.anon_key, options=options).auth as auth:
            yield auth

    def sign_up(self, email: str, password: str, metadata: dict[str, Any]) -> AuthSession | None:
        with self._gotrue() as auth, _as_app_errors():
            response = auth.sign_up(
                {"email": email, "password": password, "options": {"data": metadata}}
            )
        # With e-mail confirmation on, GoTrue creates the user but starts no session.
        return _signed_in(response) if response.session else None

    def create_user(self, email: str, password: str, metadata: dict[str, Any]) -> None:
        # Through the admin API: a public sign-up would wait for the e-mail's confirmation
        # (and send the mail) when the project confirms sign-ups, as hosted projects do.
        if not self.service_role_key:
            raise ValueError("creating an account needs SUPABASE_SERVICE_ROLE_KEY")
        with self._gotrue(key=self.service_role_key) as auth, _as_app_errors():
            auth.admin.create_user(
                {
                    "email": email,
                    "password": password,
                    "email_confirm": True,
                    "user_metadata": metadata,
                }
            )

    def sign_in(self, email: str, password: str) -> AuthSession:
        with self._gotrue() as auth, _as_app_errors(_WRONG_CREDENTIALS):
            return _signed_in(auth.sign_in_with_password({"email": email, "password": password}))

    def password_matches(self, email: str, password: str) -> bool:
        try:
            session = self.sign_in(email, password)
        except Unauthorized as exc:
            if exc.code == "invalid_credentials":
                return False
            raise
        self.sign_out(session.access_token, None)  # the check's own session, not the user's
        return True

    def delete_login(self, user_id: uuid.UUID) -> None:
        if not self.service_role_key:
            raise ValueError("deleting an account needs SUPABASE_SERVICE_ROLE_KEY")
        with self._gotrue(key=self.service_role_key) as auth, _as_app_errors():
            try:
                auth.admin.delete_user(str(user_id))
            except AuthApiError as exc:
                if exc.status != 404:  # gone already: a retry after a lost answer
                    raise

    def refresh(self, refresh_token: str) -> AuthSession:
        with self._gotrue() as auth, _as_app_errors(_BAD_REFRESH_TOKEN):
            return _signed_in(auth.refresh_session(refresh_token))

    def sign_out(self, access_token: str | None, session_id: str | None) -> None:
        # GoTrue reads the session from the token's session_id claim; nothing else is sent.
        if access_token is None:
            return
        with self._gotrue() as auth, _as_app_errors():
            try:
                # Despite the name this is the user's own POST /logout, not a service-role call:
                # auth.sign_out() would need the refresh token we do not have.
                auth.admin.sign_out(access_token, scope="local")
            except AuthApiError as exc:
                # GoTrue no longer accepts this token or finds its session: as the client's own
                # sign_out does, count that as signed out.
                if exc.status not in (401, 403, 404):
                    raise

    def request_password_reset(self, email: str, redirect_to: str) -> None:
        with self._gotrue() as auth, _as_app_errors():
            auth.reset_password_for_email(email, {"redirect_to": redirect_to})

    def reset_password(self, token: str, new_password: str) -> None:
        with self._gotrue() as auth, _as_app_errors():
            with _as_app_errors(_BAD_RESET_TOKEN):
                # Keeps the recovery session in this client, which update_user then uses.
                auth.verify_otp({"type": "recovery", "token_hash": token})
            auth.update_user({"password": new_password})
            # GoTrue ends the user's other sessions on a password change; this ends the last one.
            auth.sign_out({"scope": "global"})

    def change_password(self, email: str, current: str, new: str) -> AuthSession:
        with self._gotrue() as auth:
            with _as_app_errors(_WRONG_PASSWORD):
                # The proof, and the session GoTrue keeps when the password changes: it ends
                # every other one (User.UpdatePassword's LogoutAllExceptMe).
                signed_in = auth.sign_in_with_password({"email": email, "password": current})
            with _as_app_errors():
                auth.update_user({"password": new})
        return _signed_in(signed_in)

    def resend(self, email: str, kind: ResendType, redirect_to: str) -> None:
        with self._gotrue() as auth, _as_app_errors():
            auth.resend(
                {"type": kind, "email": email, "options": {"email_redirect_to": redirect_to}}
            )

    def verify(self, token_hash: str, kind: LinkType) -> AuthSession | None:
        with self._gotrue() as auth, _as_app_errors(_BAD_LINK):
            response = auth.verify_otp({"type": kind, "token_hash": token_hash})
        return _signed_in(response) if response.session else None

    def oauth_start(self, oauth_provider: str, redirect_to: str) -> tuple[str, str]:
        with self._gotrue("pkce") as auth:
            url = auth.sign_in_with_oauth(
                {
                    "provider": cast(Provider, oauth_provider),
                    "options": {"redirect_to": redirect_to},
                }
            ).url
            # Where the client keeps the verifier of the challenge it put in the URL.
            verifier = auth._storage.get_item(f"{auth._storage_key}-code-verifier")
        if not verifier:
            raise RuntimeError("the Supabase client made no PKCE code verifier")
        return url, verifier

    def oauth_exchange(self, code: str, verifier: str) -> AuthSession:
        with self._gotrue("pkce") as auth, _as_app_errors(_BAD_OAUTH_CODE):
            return _signed_in(
                auth.exchange_code_for_session({"auth_code": code, "code_verifier": verifier})
            )
