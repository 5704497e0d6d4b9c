"""What every fake GoTrue endpoint shares: request parsing, the error bodies, the user's JSON,
sessions with their access and refresh tokens, one-time tokens and the mailbox."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
import uuid
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import bcrypt
import jwt
from werkzeug.wrappers import Request, Response

from .model import (
    API_VERSION_2024_01_01,
    API_VERSION_HEADER,
    AuthApiError,
    FlowState,
    Identity,
    Mail,
    OAuthApiError,
    RefreshToken,
    Session,
    UserExtra,
    otp,
    secure_alphanumeric,
    timestamp,
)

if TYPE_CHECKING:
    from .server import FakeSupabase

# checkmail.ValidateFormat's pattern, as GoTrue uses it (internal/api/mail.go validateEmail).
_EMAIL = re.compile(
    r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9]"
    r"(?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$"
)
_BEARER = re.compile(r"^(?:B|b)earer (\S+$)")
_CODE_CHALLENGE = re.compile(r"^[a-zA-Z._~0-9-]+$")
BCRYPT_COST = 4  # GoTrue uses bcrypt.DefaultCost (10); the fake trades that for speed


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers, mimetype="application/json")


def error_response(request: Request, exc: AuthApiError | OAuthApiError) -> Response:
    """HandleResponseError (internal/api/errors.go): the 2024-01-01 body when the client asks
    for that API version (supabase-py always does), the older one otherwise."""
    if isinstance(exc, OAuthApiError):
        return json_response(400, {"error": exc.error, "error_description": exc.description})
    if request.headers.get(API_VERSION_HEADER, "") >= API_VERSION_2024_01_01:
        body = {"code": exc.code, "message": exc.message, **exc.extra}
        return json_response(exc.status, body, {API_VERSION_HEADER: API_VERSION_2024_01_01})
    body = {"code": exc.status, "error_code": exc.code, "msg": exc.message, **exc.extra}
    return json_response(exc.status, body, {"x-sb-error-code": exc.code})


def body_of(request: Request) -> dict[str, Any]:
    """retrieveRequestParams: the JSON body (an empty body is no parameters)."""
    raw = request.get_data()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError as exc:
        raise AuthApiError(400, "bad_json", f"Could not parse request body as JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise AuthApiError(400, "bad_json", "Could not parse request body as JSON: not an object")
    return body


def token_hash(email: str, code: str) -> str:
    """crypto.GenerateTokenHash: what the e-mail link carries ({{ .TokenHash }})."""
    return hashlib.sha224((email + code).encode()).hexdigest()


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode()[:72], bcrypt.gensalt(BCRYPT_COST)).decode()


def password_matches(row: dict[str, Any], password: str) -> bool:
    stored = row.get("encrypted_password")
    candidate = password.encode()
    # Go's bcrypt refuses passwords over 72 bytes: such a password never matches.
    if not stored or len(candidate) > 72:
        return False
    return bcrypt.checkpw(candidate, stored.encode())


class GoTrueCore:
    """State and helpers of the fake Auth server; the endpoints are in gotrue.py."""

    def __init__(self, fake: FakeSupabase) -> None:
        self.fake = fake

    # -- parameters -------------------------------------------------------------------------

    def validate_email(self, email: Any) -> str:
        if not email:
            raise AuthApiError(400, "validation_failed", "An email address is required")
        email = str(email)
        if len(email) > 255:
            raise AuthApiError(400, "validation_failed", "An email address is too long")
        if not _EMAIL.match(email):
            raise AuthApiError(
                400, "validation_failed", "Unable to validate email address: invalid format"
            )
        return email.lower()

    def check_password_strength(self, password: str) -> None:
        minimum = self.fake.password_min_length
        if len(password) < minimum:
            raise AuthApiError(
                422,
                "weak_password",
                f"Password should be at least {minimum} characters.",
                weak_password={"reasons": ["length"]},
            )

    @staticmethod
    def validate_pkce(method: str, challenge: str) -> None:
        if bool(challenge) != bool(method):
            raise AuthApiError(
                400,
                "validation_failed",
                "PKCE flow requires code_challenge_method and code_challenge",
            )
        if challenge and not 43 <= len(challenge) <= 128:
            raise AuthApiError(
                400, "validation_failed", "code challenge has to be between 43 and 128 characters"
            )
        if challenge and not _CODE_CHALLENGE.match(challenge):
            raise AuthApiError(
                400,
                "validation_failed",
                "code challenge can only contain alphanumeric characters, hyphens, periods,"
                " underscores and tildes",
            )
        if method and method.lower() not in ("s256", "plain"):
            raise AuthApiError(
                400, "validation_failed", f'unsupported code_challenge method "{method}"'
            )

    def referrer(self, request: Request, body: dict[str, Any] | None = None) -> str:
        """utilities.GetReferrer: redirect_to when it is an http(s) URL, else the site URL
        (the fake allows every such URL; hosted Supabase checks an allow list)."""
        wanted = request.args.get("redirect_to") or (body or {}).get("redirect_to") or ""
        return wanted if urlsplit(wanted).scheme in ("http", "https") else self.fake.site_url

    # -- users --------------------------------------------------------------------------------

    def user_extra(self, user_id: uuid.UUID) -> UserExtra:
        with self.fake.lock:
            return self.fake.extras.setdefault(user_id, UserExtra())

    def identities(self, row: dict[str, Any]) -> list[Identity]:
        """The user's identities; a user the fake did not create (the seed, a test's INSERT)
        has the e-mail identity GoTrue would have given it."""
        extra = self.user_extra(row["id"])
        if extra.identities or not row["email"]:
            return list(extra.identities)
        return [self.email_identity(row)]

    def email_identity(self, row: dict[str, Any], data: dict[str, Any] | None = None) -> Identity:
        identity_data = {
            "sub": str(row["id"]),
            "email": row["email"],
            "email_verified": row["email_confirmed_at"] is not None,
            "phone_verified": False,
        }
        for key, value in (data or {}).items():
            identity_data.setdefault(key, value)
        return Identity(
            id=uuid.uuid4(),
            provider_id=str(row["id"]),
            user_id=row["id"],
            provider="email",
            identity_data=identity_data,
            created_at=row["created_at"],
            updated_at=row["created_at"],
            last_sign_in_at=row["created_at"],
        )

    def user_json(self, row: dict[str, Any]) -> dict[str, Any]:
        """models.User as JSON (omitempty fields left out when empty)."""
        extra = self.user_extra(row["id"])
        confirmed = timestamp(row["email_confirmed_at"])
        optional = {
            "email_confirmed_at": confirmed,
            "confirmed_at": confirmed,
            "confirmation_sent_at": timestamp(extra.confirmation_sent_at),
            "recovery_sent_at": timestamp(extra.recovery_sent_at),
            "new_email": extra.email_change or None,
            "email_change_sent_at": timestamp(extra.email_change_sent_at),
            "invited_at": timestamp(extra.invited_at),
            "last_sign_in_at": timestamp(row["last_sign_in_at"]),
            "banned_until": row["banned_until"],
        }
        return {
            "id": str(row["id"]),
            "aud": row["aud"],
            "role": row["role"],
            "email": row["email"] or "",
            "phone": "",
            **{key: value for key, value in optional.items() if value},
            "app_metadata": row["raw_app_meta_data"] or {},
            "user_metadata": row["raw_user_meta_data"] or {},
            "identities": [identity.as_json() for identity in self.identities(row)],
            "created_at": timestamp(row["created_at"]),
            "updated_at": timestamp(row["updated_at"]),
            "is_anonymous": False,
        }

    def confirm(self, row: dict[str, Any]) -> dict[str, Any]:
        """User.Confirm: confirmed now, user_metadata.email_verified, one-time tokens gone."""
        extra = self.user_extra(row["id"])
        with self.fake.lock:
            extra.confirmation_token = ""
            extra.clear_one_time_tokens()
            for identity in extra.identities:
                if identity.provider == "email":
                    identity.identity_data["email_verified"] = True
        meta = {**(row["raw_user_meta_data"] or {}), "email_verified": True}
        return self.fake.store.update(
            row["id"], email_confirmed_at="now()", raw_user_meta_data=meta
        )

    def providers_metadata(self, row: dict[str, Any]) -> dict[str, Any]:
        """UpdateAppMetaDataProviders: app_metadata.providers in the order identities came."""
        providers: list[str] = []
        for identity in sorted(self.identities(row), key=lambda i: i.created_at):
            if identity.provider not in providers:
                providers.append(identity.provider)
        app = dict(row["raw_app_meta_data"] or {})
        app["providers"] = providers
        if providers:
            app["provider"] = providers[0]
        return app

    # -- sessions and tokens ---------------------------------------------------------------

    def issue_session(self, row: dict[str, Any], method: str) -> dict[str, Any]:
        """tokenService.IssueRefreshToken: a new session (an auth.sessions row), its first
        refresh token and an access token, as the AccessTokenResponse."""
        session_id, row = self.fake.store.start_session(row["id"])
        now = self.fake.clock()
        session = Session(session_id, row["id"], amr=[(method, int(time.time()))])
        token = RefreshToken(secure_alphanumeric(12), row["id"], session_id, "", now, now)
        session.tokens.append(token)
        with self.fake.lock:
            self.fake.sessions[session_id] = session
            self.fake.refresh_tokens[token.token] = token
        return self.token_response(row, session, token.token)

    def token_response(self, row: dict[str, Any], session: Session, refresh: str) -> dict:
        access, expires_at = self.access_token(row, session)
        return {
            "access_token": access,
            "token_type": "bearer",
            "expires_in": expires_at - int(time.time()),
            "expires_at": expires_at,
            "refresh_token": refresh,
            "user": self.user_json(row),
        }

    def access_token(self, row: dict[str, Any], session: Session) -> tuple[str, int]:
        """GenerateAccessToken (internal/tokens/service.go), HS256 with the JWT secret."""
        now = int(time.time())
        exp = now + self.fake.jwt_expiry
        claims = {
            "iss": f"{self.fake.url}/auth/v1",
            "sub": str(row["id"]),
            "aud": row["aud"],
            "exp": exp,
            "iat": now,
            "email": row["email"] or "",
            "phone": "",
            "app_metadata": row["raw_app_meta_data"] or {},
            "user_metadata": row["raw_user_meta_data"] or {},
            "role": row["role"],
            "aal": "aal1",
            "amr": [
                {"method": method, "timestamp": at}
                for method, at in sorted(session.amr, key=lambda m: -m[1])
            ],
            "session_id": str(session.id),
            "is_anonymous": False,
        }
        return jwt.encode(claims, self.fake.jwt_secret, algorithm="HS256"), exp

    def forget_sessions(self, session_ids: list[uuid.UUID]) -> None:
        """What ON DELETE CASCADE does to a deleted session's refresh tokens in GoTrue."""
        with self.fake.lock:
            for session_id in session_ids:
                session = self.fake.sessions.pop(session_id, None)
                for token in session.tokens if session else []:
                    self.fake.refresh_tokens.pop(token.token, None)

    def authenticate(self, request: Request) -> tuple[dict[str, Any], Session | None]:
        """requireAuthentication: the user (and session) of the bearer token."""
        found = _BEARER.match(request.headers.get("Authorization", ""))
        if not found:
            raise AuthApiError(
                401, "no_authorization", "This endpoint requires a valid Bearer token"
            )
        try:
            claims = jwt.decode(
                found.group(1),
                self.fake.jwt_secret,
                algorithms=["HS256"],
                options={"verify_aud": False},
            )
        except jwt.PyJWTError as exc:
            raise AuthApiError(
                403, "bad_jwt", f"invalid JWT: unable to parse or verify signature, {exc}"
            ) from exc
        if not claims.get("sub"):
            raise AuthApiError(403, "bad_jwt", "invalid claim: missing sub claim")
        try:
            user_id = uuid.UUID(claims["sub"])
            session_id = uuid.UUID(claims["session_id"]) if claims.get("session_id") else None
        except (ValueError, TypeError) as exc:
            raise AuthApiError(400, "bad_jwt", "invalid claim: sub claim must be a UUID") from exc
        row = self.fake.store.with_session(user_id, session_id)
        if row is None:
            raise AuthApiError(403, "user_not_found", "User from sub claim in JWT does not exist")
        session = None
        if session_id is not None:
            if not row.pop("session_live"):
                raise AuthApiError(
                    403, "session_not_found", "Session from session_id claim in JWT does not exist"
                )
            with self.fake.lock:
                session = self.fake.sessions.setdefault(
                    session_id, Session(session_id, user_id, amr=[("password", int(time.time()))])
                )
        if row["banned"]:
            raise AuthApiError(403, "user_banned", "User is banned")
        return row, session

    # -- e-mail -----------------------------------------------------------------------------

    def rate_limit(self, sent_at: float | None) -> None:
        """validateSentWithinFrequencyLimit, with SMTP_MAX_FREQUENCY = email_rate_limit_seconds."""
        frequency = self.fake.email_rate_limit_seconds
        if sent_at is None or frequency is None:
            return
        left = sent_at + frequency - self.fake.clock()
        if left > 0:
            raise AuthApiError(
                429,
                "over_email_send_rate_limit",
                f"For security purposes, you can only request this after {int(left)} seconds.",
            )

    def mail(self, kind: str, email: str, hashed: str, code: str, redirect_to: str) -> None:
        """Put what the template would send into the mailbox: its link goes to GET /verify."""
        query = urlencode({"token": hashed, "type": kind, "redirect_to": redirect_to})
        link = f"{self.fake.url}/auth/v1/verify?{query}"
        with self.fake.lock:
            self.fake.mailbox.append(Mail(kind, email, hashed, redirect_to, code, link))

    def new_token(self, email: str, flow: str) -> tuple[str, str]:
        """(otp, token hash as stored: prefixed pkce_ in a PKCE flow)."""
        code = otp()
        hashed = token_hash(email, code)
        return code, f"pkce_{hashed}" if flow == "pkce" else hashed

    def send_confirmation(self, row: dict[str, Any], redirect_to: str, flow: str, kind="signup"):
        extra = self.user_extra(row["id"])
        self.rate_limit(extra.confirmation_sent_at)
        code, stored = self.new_token(row["email"], flow)
        with self.fake.lock:
            extra.confirmation_token, extra.confirmation_sent_at = stored, self.fake.clock()
            if kind == "invite":
                extra.invited_at = extra.confirmation_sent_at
        self.mail(kind, row["email"], stored, code, redirect_to)

    def send_recovery(self, row: dict[str, Any], redirect_to: str, flow: str, kind="recovery"):
        extra = self.user_extra(row["id"])
        self.rate_limit(extra.recovery_sent_at)
        code, stored = self.new_token(row["email"], flow)
        with self.fake.lock:
            extra.recovery_token, extra.recovery_sent_at = stored, self.fake.clock()
        self.mail(kind, row["email"], stored, code, redirect_to)

    def send_email_change(self, row: dict[str, Any], new_email: str, redirect_to: str, flow: str):
        """sendEmailChange: a link to the new address, and with secure e-mail change (GoTrue's
        default) one to the current address as well."""
        extra = self.user_extra(row["id"])
        self.rate_limit(extra.email_change_sent_at)
        new_code, new_token = self.new_token(new_email, flow)
        current = None
        if self.fake.secure_email_change and row["email"]:
            current = self.new_token(row["email"], flow)
        with self.fake.lock:
            extra.email_change = new_email
            extra.email_change_token_new = new_token
            extra.email_change_token_current = current[1] if current else ""
            extra.email_change_confirm_status = 0
            extra.email_change_sent_at = self.fake.clock()
        if current:
            self.mail("email_change", row["email"], current[1], current[0], redirect_to)
        self.mail("email_change", new_email, new_token, new_code, redirect_to)

    # -- PKCE -------------------------------------------------------------------------------

    def flow_state(
        self,
        provider: str,
        method: str,
        challenge: str,
        challenge_method: str,
        user_id: uuid.UUID | None = None,
        redirect_to: str = "",
    ) -> FlowState:
        state = FlowState(
            id=uuid.uuid4(),
            auth_code=str(uuid.uuid4()) if challenge else None,
            code_challenge=challenge or None,
            code_challenge_method=challenge_method.lower() or None,
            provider_type=provider,
            authentication_method=method,
            created_at=self.fake.clock(),
            user_id=user_id,
            redirect_to=redirect_to,
        )
        with self.fake.lock:
            self.fake.flow_states[state.id] = state
        return state

    def issue_auth_code(self, user_id: uuid.UUID, method: str) -> str:
        """pkce.go issueAuthCode: the code of the user's newest flow for `method`."""
        with self.fake.lock:
            states = [
                s
                for s in self.fake.flow_states.values()
                if s.user_id == user_id and s.authentication_method == method
            ]
            if not states or not states[-1].is_pkce:
                raise AuthApiError(
                    422, "flow_state_not_found", "No valid flow state found for user."
                )
            states[-1].auth_code_issued_at = self.fake.clock()
            return str(states[-1].auth_code)

    @staticmethod
    def random_password() -> str:
        return secrets.token_urlsafe(32)


def with_query(url: str, query: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query=f"{parts.query}&{query}" if parts.query else query))


def error_url(redirect_to: str, exc: AuthApiError, pkce: bool) -> str:
    """prepErrorRedirectURL: the error in the fragment, and in the query for a PKCE flow."""
    oauth = {400: "invalid_request", 401: "unauthorized_client", 403: "access_denied"}
    error = {"error": oauth.get(exc.status, "server_error"), "error_code": exc.code}
    error["error_description"] = exc.message
    url = with_query(redirect_to, urlencode(error)) if pkce else redirect_to
    return f"{url.split('#')[0]}#{urlencode({**error, 'sb': ''})}"
