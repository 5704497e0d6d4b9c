"""The fake Supabase Auth (GoTrue) endpoints, under /auth/v1.

Each handler follows the Go handler of the same name in supabase/auth internal/api (see
tests/fakes/__init__.py for the version): the same checks in the same order, the same status
codes, error codes and messages.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from werkzeug.routing import Map, Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from .gotrue_core import (
    GoTrueCore,
    body_of,
    error_url,
    hash_password,
    json_response,
    password_matches,
    token_hash,
    with_query,
)
from .gotrue_grants import GrantsMixin
from .gotrue_oauth import OAuthMixin
from .model import AuthApiError, timestamp

ROUTES = Map(
    [
        Rule("/auth/v1/health", endpoint="health", methods=["GET"]),
        Rule("/auth/v1/settings", endpoint="settings", methods=["GET"]),
        Rule("/auth/v1/.well-known/jwks.json", endpoint="jwks", methods=["GET"]),
        Rule("/auth/v1/signup", endpoint="signup", methods=["POST"]),
        Rule("/auth/v1/token", endpoint="token", methods=["POST"]),
        Rule("/auth/v1/verify", endpoint="verify", methods=["GET", "POST"]),
        Rule("/auth/v1/resend", endpoint="resend", methods=["POST"]),
        Rule("/auth/v1/recover", endpoint="recover", methods=["POST"]),
        Rule("/auth/v1/otp", endpoint="otp", methods=["POST"]),
        Rule("/auth/v1/invite", endpoint="invite", methods=["POST"]),
        Rule("/auth/v1/user", endpoint="user", methods=["GET", "PUT"]),
        Rule("/auth/v1/logout", endpoint="logout", methods=["POST"]),
        Rule("/auth/v1/authorize", endpoint="authorize", methods=["GET"]),
        Rule("/auth/v1/admin/users", endpoint="admin_create_user", methods=["POST"]),
        Rule("/auth/v1/admin/users/<user_id>", endpoint="admin_delete_user", methods=["DELETE"]),
    ]
)
_VERIFY_TYPES = {"signup", "invite", "recovery", "magiclink", "email_change", "email"}
SINGLE_CONFIRMATION = (
    "Confirmation link accepted. Please proceed to confirm link sent to the other email"
)


class GoTrue(GrantsMixin, OAuthMixin, GoTrueCore):
    def health(self, request: Request) -> Response:
        return json_response(
            200,
            {
                "version": "fake",
                "name": "GoTrue",
                "description": "GoTrue is a user registration and authentication API",
            },
        )

    def settings(self, request: Request) -> Response:
        external = {name: name in self.fake.oauth_providers for name in ("apple", "google")}
        return json_response(
            200,
            {
                "external": {**external, "email": True, "phone": False, "anonymous_users": False},
                "disable_signup": False,
                "mailer_autoconfirm": self.fake.auto_confirm,
                "phone_autoconfirm": False,
                "sms_provider": "",
                "saml_enabled": False,
                "saml_private_key_next_configured": False,
                "passkeys_enabled": False,
            },
        )

    def jwks(self, request: Request) -> Response:
        # An HS256 project publishes no keys: its tokens are checked with the shared secret.
        return json_response(200, {"keys": []})

    # -- sign-up ----------------------------------------------------------------------------

    def signup(self, request: Request) -> Response:
        params = body_of(request)
        password = str(params.get("password") or "")
        challenge = str(params.get("code_challenge") or "")
        challenge_method = str(params.get("code_challenge_method") or "")
        if not password:
            raise AuthApiError(400, "validation_failed", "Signup requires a valid password")
        self.check_password_strength(password)
        if params.get("email") and params.get("phone"):
            raise AuthApiError(
                400,
                "validation_failed",
                "Only an email address or phone number should be provided on signup.",
            )
        self.validate_pkce(challenge_method, challenge)
        if params.get("phone"):
            raise AuthApiError(400, "phone_provider_disabled", "Phone signups are disabled")
        if not params.get("email"):
            raise AuthApiError(
                400, "validation_failed", "Sign up only available with email provider"
            )
        email = self.validate_email(params["email"])
        data = params.get("data") if isinstance(params.get("data"), dict) else {}
        flow = "pkce" if challenge else "implicit"
        redirect_to = self.referrer(request, params)
        row = self.fake.store.by_email(email)
        if row is not None and row["email_confirmed_at"] is not None:
            if self.fake.auto_confirm:
                raise AuthApiError(422, "user_already_exists", "User already registered")
            # Confirmations on: a fake user, so that sign-up does not tell who is registered.
            return json_response(200, self.sanitized_user(email, data))
        if row is None:
            row = self.create_email_user(email, password, data)
        if self.fake.auto_confirm:
            row = self.confirm(row)
            return json_response(200, self.issue_session(row, "password"))
        if flow == "pkce":
            self.flow_state("email", "email/signup", challenge, challenge_method, row["id"])
        self.send_confirmation(row, redirect_to, flow)
        return json_response(200, self.user_json(self.fake.store.by_id(row["id"]) or row))

    def create_email_user(self, email: str, password: str | None, data: dict) -> dict[str, Any]:
        """signupNewUser with the e-mail identity; user_metadata is the identity's data, as
        RemoveUnconfirmedIdentities leaves it."""
        user_id = uuid.uuid4()
        identity_data = {"sub": str(user_id), "email": email}
        identity_data.update({"email_verified": False, "phone_verified": False})
        for key, value in data.items():
            identity_data.setdefault(key, value)
        row = self.fake.store.insert(
            user_id,
            email,
            hash_password(password) if password else None,
            confirmed=False,
            app_metadata={"provider": "email", "providers": ["email"]},
            user_metadata=identity_data,
        )
        identity = self.email_identity(row, data)
        with self.fake.lock:
            self.user_extra(row["id"]).identities = [identity]
        return row

    def sanitized_user(self, email: str, data: dict[str, Any]) -> dict[str, Any]:
        """signup.go sanitizeUser."""
        now = self.fake.clock()
        fake_id = str(uuid.uuid4())
        return {
            "id": fake_id,
            "aud": "authenticated",
            "role": "",
            "email": email,
            "phone": "",
            "confirmation_sent_at": timestamp(now),
            "app_metadata": {"provider": "email", "providers": ["email"]},
            "user_metadata": data,
            "identities": [],
            "created_at": timestamp(now),
            "updated_at": timestamp(now),
            "is_anonymous": False,
        }

    # -- e-mail links -----------------------------------------------------------------------

    def resend(self, request: Request) -> Response:
        params = body_of(request)
        kind = params.get("type")
        if kind not in ("signup", "email_change", "sms", "phone_change"):
            raise AuthApiError(
                400,
                "validation_failed",
                "Missing one of these types: signup, email_change, sms, phone_change",
            )
        challenge = str(params.get("code_challenge") or "")
        challenge_method = str(params.get("code_challenge_method") or "")
        self.validate_pkce(challenge_method, challenge)
        if not params.get("email"):
            if kind == "signup":
                raise AuthApiError(
                    400, "validation_failed", "Type provided requires an email address"
                )
            raise AuthApiError(400, "validation_failed", "Missing email address or phone number")
        email = self.validate_email(params["email"])
        row = self.fake.store.by_email(email)
        if row is None:
            return json_response(200, {})
        extra = self.user_extra(row["id"])
        flow = "pkce" if challenge else "implicit"
        redirect_to = self.referrer(request, params)
        if kind == "signup":
            if row["email_confirmed_at"] is not None:
                return json_response(200, {})
            if flow == "pkce":
                self.flow_state("email", "email/signup", challenge, challenge_method, row["id"])
            self.send_confirmation(row, redirect_to, flow)
        elif kind == "email_change":
            if not extra.email_change:
                return json_response(200, {})
            if flow == "pkce":
                self.flow_state(
                    "email_change", "email_change", challenge, challenge_method, row["id"]
                )
            self.send_email_change(row, extra.email_change, redirect_to, flow)
        return json_response(200, {})

    def recover(self, request: Request) -> Response:
        params = body_of(request)
        challenge = str(params.get("code_challenge") or "")
        challenge_method = str(params.get("code_challenge_method") or "")
        if not params.get("email"):
            raise AuthApiError(400, "validation_failed", "Password recovery requires an email")
        email = self.validate_email(params["email"])
        self.validate_pkce(challenge_method, challenge)
        row = self.fake.store.by_email(email)
        if row is None:
            return json_response(200, {})
        flow = "pkce" if challenge else "implicit"
        if flow == "pkce":
            self.flow_state("recovery", "recovery", challenge, challenge_method, row["id"])
        self.send_recovery(row, self.referrer(request, params), flow)
        return json_response(200, {})

    def otp(self, request: Request) -> Response:
        """MagicLink (e-mail only): a magic link to a confirmed user; an unknown or unconfirmed
        e-mail signs up first (create_user, the default), as GoTrue does."""
        params = body_of(request)
        email = self.validate_email(params.get("email"))
        challenge = str(params.get("code_challenge") or "")
        challenge_method = str(params.get("code_challenge_method") or "")
        self.validate_pkce(challenge_method, challenge)
        data = params.get("data") if isinstance(params.get("data"), dict) else {}
        flow = "pkce" if challenge else "implicit"
        redirect_to = self.referrer(request, params)
        row = self.fake.store.by_email(email)
        if row is None or row["email_confirmed_at"] is None:
            if params.get("create_user") is False:
                raise AuthApiError(422, "otp_disabled", "Signups not allowed for otp")
            row = row or self.create_email_user(email, self.random_password(), data)
            if not self.fake.auto_confirm:
                self.send_confirmation(row, redirect_to, flow)
                return json_response(200, {})
            row = self.confirm(row)
        if flow == "pkce":
            self.flow_state("magiclink", "magiclink", challenge, challenge_method, row["id"])
        self.send_recovery(row, redirect_to, flow, kind="magiclink")
        return json_response(200, {})

    def invite(self, request: Request) -> Response:
        """POST /invite (service role only): a user without a password and an invite link."""
        self.require_service_role(request)
        params = body_of(request)
        email = self.validate_email(params.get("email"))
        data = params.get("data") if isinstance(params.get("data"), dict) else {}
        row = self.fake.store.by_email(email)
        if row is not None and row["email_confirmed_at"] is not None:
            raise AuthApiError(
                422, "email_exists", "A user with this email address has already been registered"
            )
        row = row or self.create_email_user(email, None, data)
        self.send_confirmation(row, self.referrer(request, params), "implicit", kind="invite")
        return json_response(200, self.user_json(row))

    def admin_create_user(self, request: Request) -> Response:
        """POST /admin/users (adminUserCreate, service role only): a user with the password
        given (no strength check) or a random one, confirmed when email_confirm is true; no
        session, no mail. E-mail only: the fake has no phone."""
        self.require_service_role(request)
        params = body_of(request)
        if not params.get("email"):
            raise AuthApiError(
                400, "validation_failed", "Cannot create a user without either an email or phone"
            )
        email = self.validate_email(params["email"])
        if self.fake.store.by_email(email) is not None:
            raise AuthApiError(
                422, "email_exists", "A user with this email address has already been registered"
            )
        password = str(params.get("password") or "") or self.random_password()
        if len(password.encode()) > 72:
            raise AuthApiError(400, "validation_failed", "bcrypt: password length exceeds 72 bytes")
        data = params.get("user_metadata") if isinstance(params.get("user_metadata"), dict) else {}
        try:
            row = self.fake.store.insert(
                uuid.uuid4(),
                email,
                hash_password(password),
                confirmed=bool(params.get("email_confirm")),
                app_metadata={"provider": "email", "providers": ["email"]},
                user_metadata=data,
            )
        except AuthApiError as exc:
            raise AuthApiError(exc.status, exc.code, "Database error creating new user") from exc
        with self.fake.lock:
            self.user_extra(row["id"]).identities = [self.email_identity(row)]
        return json_response(200, self.user_json(row))

    def admin_delete_user(self, request: Request, user_id: str) -> Response:
        """DELETE /admin/users/{id} (adminUserDelete, service role only): the user, their
        sessions and identities go (hard delete; the fake has no soft delete)."""
        self.require_service_role(request)
        try:
            uid = uuid.UUID(user_id)
        except ValueError:
            raise AuthApiError(404, "user_not_found", "User not found") from None
        if self.fake.store.by_id(uid) is None:
            raise AuthApiError(404, "user_not_found", "User not found")
        self.forget_sessions(self.fake.store.delete_sessions(uid))
        self.fake.store.delete(uid)
        with self.fake.lock:
            self.fake.extras.pop(uid, None)
        return json_response(200, {})

    def require_service_role(self, request: Request) -> None:
        if request.headers.get("Authorization") != f"Bearer {self.fake.service_role_key}":
            raise AuthApiError(403, "not_admin", "User not allowed")

    # -- verify -----------------------------------------------------------------------------

    def verify(self, request: Request) -> Response:
        if request.method == "GET":
            return self.verify_get(request)
        params = body_of(request)
        kind = str(params.get("type") or "")
        token, hashed = str(params.get("token") or ""), str(params.get("token_hash") or "")
        if not kind:
            raise AuthApiError(400, "validation_failed", "Verify requires a verification type")
        if bool(token) == bool(hashed):
            raise AuthApiError(
                400, "validation_failed", "Verify requires either a token or a token hash"
            )
        if token:
            if not params.get("email") or params.get("phone"):
                raise AuthApiError(
                    400,
                    "validation_failed",
                    "Only an email address or phone number should be provided on verify",
                )
            email = self.validate_email(params["email"])
            row, kind = self.user_by_otp(kind, email, token_hash(email, token))
        else:
            if params.get("email") or params.get("phone") or params.get("redirect_to"):
                raise AuthApiError(
                    400, "validation_failed", "Only the token_hash and type should be provided"
                )
            row, kind = self.user_by_token_hash(
                kind, hashed, "Email link is invalid or has expired"
            )
        row = self.apply_verification(kind, row, hashed or token_hash(row["email"] or "", token))
        if row is None:
            return json_response(200, {"msg": SINGLE_CONFIRMATION, "code": "200"})
        return json_response(200, self.issue_session(row, "otp"))

    def verify_get(self, request: Request) -> Response:
        """GET /verify, the link in the e-mail: a 303 to redirect_to with the session in the
        fragment (implicit flow) or ?code= (a pkce_ token), or the error in the fragment."""
        kind, token = request.args.get("type", ""), request.args.get("token", "")
        redirect_to = self.referrer(request)
        if not kind:
            raise AuthApiError(400, "validation_failed", "Verify requires a verification type")
        if not token:
            raise AuthApiError(400, "validation_failed", "Verify requires a token or a token hash")
        pkce = token.startswith("pkce_")
        try:
            row, kind = self.user_by_token_hash(kind, token, "Email link is invalid or has expired")
            row = self.apply_verification(kind, row, token)
            if row is None:
                fragment = urlencode({"message": SINGLE_CONFIRMATION, "sb": ""})
                return redirect(f"{redirect_to}#{fragment}", 303)
            if pkce:
                method = {"signup": "email/signup", "invite": "invite"}.get(kind, kind)
                query = urlencode({"code": self.issue_auth_code(row["id"], method)})
                return redirect(with_query(redirect_to, query), 303)
            session = self.issue_session(row, "otp")
        except AuthApiError as exc:
            return redirect(error_url(redirect_to, exc, pkce), 303)
        fragment = urlencode(
            {
                "access_token": session["access_token"],
                "expires_at": session["expires_at"],
                "expires_in": session["expires_in"],
                "refresh_token": session["refresh_token"],
                "token_type": "bearer",
                "type": kind,
                "sb": "",
            }
        )
        return redirect(f"{redirect_to}#{fragment}", 303)

    def _token_kinds(self, kind: str) -> list[tuple[str, str]]:
        """Which stored tokens a verification type may match, and the type each one means."""
        if kind in ("signup", "invite"):
            return [("confirmation_token", kind)]
        if kind in ("recovery", "magiclink"):
            return [("recovery_token", kind)]
        if kind == "email_change":
            return [("email_change_token_new", kind), ("email_change_token_current", kind)]
        if kind == "email":
            return [("confirmation_token", "signup"), ("recovery_token", "magiclink")]
        raise AuthApiError(400, "validation_failed", "Invalid email verification type")

    def _sent_at(self, extra, field: str) -> float | None:
        return {
            "confirmation_token": extra.confirmation_sent_at,
            "recovery_token": extra.recovery_sent_at,
        }.get(field, extra.email_change_sent_at)

    def user_by_token_hash(self, kind: str, hashed: str, message: str):
        """verifyTokenHash: the user whose stored token is exactly `hashed`."""
        kinds = self._token_kinds(kind)
        with self.fake.lock:
            match = next(
                (
                    (user_id, field, meaning)
                    for user_id, extra in self.fake.extras.items()
                    for field, meaning in kinds
                    if getattr(extra, field) and getattr(extra, field) == hashed
                ),
                None,
            )
        if match is None:
            raise AuthApiError(403, "otp_expired", message)
        user_id, field, meaning = match
        return self._live_token_user(user_id, field, message), meaning

    def user_by_otp(self, kind: str, email: str, hashed: str):
        """verifyUserAndToken: the user of `email`, whose token is the six digits' hash."""
        message = "Token has expired or is invalid"
        kinds = self._token_kinds(kind)
        row = self.fake.store.by_email(email)
        if row is None:
            raise AuthApiError(403, "otp_expired", message)
        if row["banned"]:
            raise AuthApiError(403, "user_banned", "User is banned")
        extra = self.user_extra(row["id"])
        for field, meaning in kinds:
            stored = getattr(extra, field)
            if stored and stored in (hashed, f"pkce_{hashed}"):
                return self._live_token_user(row["id"], field, message), meaning
        raise AuthApiError(403, "otp_expired", message)

    def _live_token_user(self, user_id: uuid.UUID, field: str, message: str) -> dict[str, Any]:
        row = self.fake.store.by_id(user_id)
        if row is None:
            raise AuthApiError(403, "otp_expired", message)
        if row["banned"]:
            raise AuthApiError(403, "user_banned", "User is banned")
        sent_at = self._sent_at(self.user_extra(user_id), field)
        if sent_at is None or self.fake.clock() > sent_at + self.fake.otp_expiry:
            raise AuthApiError(403, "otp_expired", message)
        return row

    def apply_verification(self, kind: str, row: dict[str, Any], hashed: str):
        """signupVerify / recoverVerify / emailChangeVerify; None when an e-mail change still
        waits for its other link."""
        extra = self.user_extra(row["id"])
        if kind in ("signup", "invite"):
            if not row["encrypted_password"] and extra.invited_at is not None:
                row = self.fake.store.update(
                    row["id"], encrypted_password=hash_password(self.random_password())
                )
            row = self.confirm(row)
        elif kind in ("recovery", "magiclink"):
            with self.fake.lock:
                extra.clear_one_time_tokens()
            if row["email_confirmed_at"] is None:
                row = self.confirm(row)
        else:
            secure = self.fake.secure_email_change and not self.fake.auto_confirm
            if secure and extra.email_change_confirm_status == 0 and row["email"]:
                with self.fake.lock:
                    extra.email_change_confirm_status = 1
                    for field in ("email_change_token_current", "email_change_token_new"):
                        if getattr(extra, field) == hashed:
                            setattr(extra, field, "")
                return None
            row = self.confirm_email_change(row)
        return self.fake.store.update(row["id"], raw_app_meta_data=self.providers_metadata(row))

    def confirm_email_change(self, row: dict[str, Any]) -> dict[str, Any]:
        extra = self.user_extra(row["id"])
        new_email = extra.email_change
        with self.fake.lock:
            extra.email_change = ""
            extra.email_change_confirm_status = 0
            extra.clear_one_time_tokens()
            for identity in extra.identities:
                if identity.provider == "email":
                    identity.identity_data.update(email=new_email, email_verified=True)
        row = self.fake.store.update(row["id"], email=new_email)
        return row if row["email_confirmed_at"] is not None else self.confirm(row)

    # -- the signed-in user -----------------------------------------------------------------

    def user(self, request: Request) -> Response:
        row, session = self.authenticate(request)
        if request.method == "GET":
            return json_response(200, self.user_json(row))
        params = body_of(request)
        email = self.validate_email(params["email"]) if params.get("email") else ""
        password = params.get("password")
        if password is not None:
            self.check_password_strength(str(password))
        if email and email != row["email"]:
            other = self.fake.store.by_email(email)
            if other is not None and other["id"] != row["id"]:
                raise AuthApiError(
                    422,
                    "email_exists",
                    "A user with this email address has already been registered",
                )
        if password:
            if password_matches(row, str(password)):
                raise AuthApiError(
                    422,
                    "same_password",
                    "New password should be different from the old password.",
                )
            row = self.fake.store.update(row["id"], encrypted_password=hash_password(password))
            with self.fake.lock:
                self.user_extra(row["id"]).clear_one_time_tokens()
            # User.UpdatePassword: every other session of the user ends (LogoutAllExceptMe).
            keep = session.id if session else None
            self.forget_sessions(self.fake.store.delete_sessions(row["id"], keep=keep))
        if isinstance(params.get("data"), dict):
            meta = dict(row["raw_user_meta_data"] or {})
            for key, value in params["data"].items():
                if value is None:
                    meta.pop(key, None)
                else:
                    meta[key] = value
            row = self.fake.store.update(row["id"], raw_user_meta_data=meta)
        if email and email != row["email"]:
            challenge = str(params.get("code_challenge") or "")
            challenge_method = str(params.get("code_challenge_method") or "")
            flow = "pkce" if challenge else "implicit"
            if flow == "pkce":
                self.flow_state(
                    "email_change", "email_change", challenge, challenge_method, row["id"]
                )
            self.send_email_change(row, email, self.referrer(request, params), flow)
        return json_response(200, self.user_json(row))

    def logout(self, request: Request) -> Response:
        scope = request.args.get("scope") or "global"
        if scope not in ("global", "local", "others"):
            raise AuthApiError(400, "validation_failed", f'Unsupported logout scope "{scope}"')
        row, session = self.authenticate(request)
        store = self.fake.store
        if session is not None and scope == "local":
            ended = store.delete_sessions(row["id"], only=session.id)
        elif session is not None and scope == "others":
            ended = store.delete_sessions(row["id"], keep=session.id)
        else:
            ended = store.delete_sessions(row["id"])
        self.forget_sessions(ended)
        return Response(status=204)
