"""POST /token: the password, refresh_token and pkce grants (internal/api/token.go and
internal/tokens/service.go RefreshTokenGrant, legacy refresh tokens)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import TYPE_CHECKING

from werkzeug.wrappers import Request, Response

from .gotrue_core import body_of, json_response, password_matches
from .model import AuthApiError, OAuthApiError, RefreshToken, Session, secure_alphanumeric

if TYPE_CHECKING:
    from .gotrue_core import GoTrueCore

    _Base = GoTrueCore
else:
    _Base = object

INVALID_LOGIN = "Invalid login credentials"


class GrantsMixin(_Base):
    def token(self, request: Request) -> Response:
        grant = request.args.get("grant_type", "")
        handlers = {
            "password": self.password_grant,
            "refresh_token": self.refresh_grant,
            "pkce": self.pkce_grant,
        }
        if grant not in handlers:
            raise AuthApiError(400, "invalid_credentials", "unsupported_grant_type")
        return handlers[grant](request)

    def password_grant(self, request: Request) -> Response:
        params = body_of(request)
        email, phone = params.get("email") or "", params.get("phone") or ""
        if email and phone:
            raise AuthApiError(
                400,
                "validation_failed",
                "Only an email address or phone number should be provided on login.",
            )
        if phone:
            raise AuthApiError(422, "phone_provider_disabled", "Phone logins are disabled")
        if not email:
            raise AuthApiError(400, "validation_failed", "missing email or phone")
        row = self.fake.store.by_email(str(email))
        if row is None or not row["encrypted_password"]:
            raise AuthApiError(400, "invalid_credentials", INVALID_LOGIN)
        if row["banned"]:
            raise AuthApiError(400, "user_banned", "User is banned")
        password = str(params.get("password") or "")
        if not password_matches(row, password):
            raise AuthApiError(400, "invalid_credentials", INVALID_LOGIN)
        if row["email_confirmed_at"] is None:
            raise AuthApiError(400, "email_not_confirmed", "Email not confirmed")
        session = self.issue_session(row, "password")
        minimum = self.fake.password_min_length
        if len(password) < minimum:
            session["weak_password"] = {
                "message": f"Password should be at least {minimum} characters.",
                "reasons": ["length"],
            }
        return json_response(200, session)

    def refresh_grant(self, request: Request) -> Response:
        presented = str(body_of(request).get("refresh_token") or "")
        if not presented:
            raise OAuthApiError("invalid_request", "refresh_token required")
        with self.fake.lock:
            token = self.fake.refresh_tokens.get(presented)
        if token is None:
            raise AuthApiError(
                400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"
            )
        row = self.fake.store.with_session(token.user_id, token.session_id)
        if row is None:  # the user was deleted, and with it (ON DELETE CASCADE) its tokens
            self.forget_sessions([token.session_id])
            raise AuthApiError(
                400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"
            )
        if row["banned"]:
            raise AuthApiError(400, "user_banned", "Invalid Refresh Token: User Banned")
        if not row.pop("session_live"):
            raise AuthApiError(
                400, "session_not_found", "Invalid Refresh Token: No Valid Session Found"
            )
        with self.fake.lock:
            session = self.fake.sessions[token.session_id]
            issued = self._rotate(session, token)
        return json_response(200, self.token_response(row, session, issued))

    def _rotate(self, session: Session, token: RefreshToken) -> str:
        """The refresh token to hand out for `token` (called under the lock)."""
        now = self.fake.clock()
        if token.revoked:
            active = session.active_token()
            if active is not None and active.parent == token.token:
                # The client lost the answer of its last refresh: it gets that answer again.
                return active.token
            if now > token.updated_at + self.fake.refresh_token_reuse_interval:
                for other in session.tokens:  # models.RevokeTokenFamily
                    if not other.revoked:
                        other.revoked, other.updated_at = True, now
                raise AuthApiError(
                    400, "refresh_token_already_used", "Invalid Refresh Token: Already Used"
                )
        # GrantRefreshTokenSwap: the presented token revoked, by UpdateOnly(token, "revoked"),
        # which stamps updated_at too (storage.getExcludedColumns never excludes it): a reuse
        # forgiven within the interval starts the token's interval again. Then a child of the
        # presented token in the same session.
        token.revoked, token.updated_at = True, now
        child = RefreshToken(
            secure_alphanumeric(12), token.user_id, session.id, token.token, now, now
        )
        session.tokens.append(child)
        self.fake.refresh_tokens[child.token] = child
        return child.token

    def pkce_grant(self, request: Request) -> Response:
        params = body_of(request)
        code, verifier = params.get("auth_code") or "", params.get("code_verifier") or ""
        if not code or not verifier:
            raise AuthApiError(
                400,
                "validation_failed",
                "invalid request: both auth code and code verifier should be non-empty",
            )
        with self.fake.lock:
            state = next((s for s in self.fake.flow_states.values() if s.auth_code == code), None)
        if state is None or state.user_id is None:
            raise AuthApiError(
                404, "flow_state_not_found", "invalid flow state, no valid flow state found"
            )
        started = state.created_at
        if state.auth_code_issued_at is not None and state.authentication_method == "magiclink":
            started = state.auth_code_issued_at
        if self.fake.clock() > started + self.fake.flow_state_expiry:
            raise AuthApiError(
                422, "flow_state_expired", "invalid flow state, flow state has expired"
            )
        row = self.fake.store.by_id(state.user_id)
        if row is None:
            raise AuthApiError(404, "user_not_found", "User not found")
        if not _verifier_matches(state.code_challenge, state.code_challenge_method, verifier):
            raise AuthApiError(
                400,
                "bad_code_verifier",
                "code challenge does not match previously saved code verifier",
            )
        with self.fake.lock:
            if self.fake.flow_states.pop(state.id, None) is None:  # a racing exchange won
                raise AuthApiError(
                    404, "flow_state_not_found", "invalid flow state, no valid flow state found"
                )
        session = self.issue_session(row, state.authentication_method)
        if state.provider_access_token:
            session["provider_token"] = state.provider_access_token
        return json_response(200, session)


def _verifier_matches(challenge: str | None, method: str | None, verifier: str) -> bool:
    """security.VerifyPKCEChallenge."""
    if challenge is None:
        return False
    if method == "s256":
        digest = hashlib.sha256(verifier.encode()).digest()
        expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        return hmac.compare_digest(challenge, expected)
    if method == "plain":
        return hmac.compare_digest(challenge, verifier)
    return False
