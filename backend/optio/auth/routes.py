"""Sign-up, sign-in (password or OAuth), e-mail links, token refresh, sign-out, password
reset and CSRF."""

from __future__ import annotations

from flask import Blueprint, Response, after_this_request, redirect, request
from flask_limiter.util import get_remote_address

from ..api import body, errors, response
from ..config import current_settings
from ..errors import BadRequest, NotFound, Unauthorized
from ..extensions import limiter
from ..users.schemas import UserPublic
from . import service
from .cookies import (
    OAUTH_VERIFIER_COOKIE,
    REFRESH_COOKIE,
    clear_oauth_verifier_cookie,
    clear_session_cookies,
    new_csrf_token,
    set_csrf_cookie,
    set_oauth_verifier_cookie,
    set_session_cookies,
)
from .identity import Identity, csrf_exempt, login_required, require_csrf
from .providers import AuthSession, provider
from .schemas import (
    AuthSettingsPublic,
    ChangePasswordIn,
    ConfirmationRequiredPublic,
    CsrfPublic,
    ForgotPasswordIn,
    LoginIn,
    MessagePublic,
    OAuthCallbackIn,
    RefreshIn,
    ResendIn,
    ResetPasswordIn,
    SessionPublic,
    SignupIn,
    VerifyIn,
)

bp = Blueprint("auth", __name__, url_prefix="/api/auth")


def _auth_limit() -> str:
    return current_settings().rate_limit_auth


def _email() -> str:
    data = request.get_json(silent=True)
    email = data.get("email") if isinstance(data, dict) else None
    return str(email).strip().lower() if email else "-"


def _email_key() -> str:
    return f"email:{_email()}"


def _account_and_address_key() -> str:
    return f"account:{_email()}:{get_remote_address()}"


per_ip = limiter.limit(_auth_limit)
# Sign-up and reset mail are limited per e-mail wherever the requests come from (no mailbox
# flooding). Sign-in per account *and* client address: failing logins sent from elsewhere must
# not lock the owner out of their account.
per_email = limiter.limit(_auth_limit, key_func=_email_key)
per_account_and_address = limiter.limit(_auth_limit, key_func=_account_and_address_key)
per_email_resend = limiter.limit(
    lambda: current_settings().rate_limit_resend, key_func=lambda: f"resend:{_email()}"
)


def _with_cookies(session: AuthSession) -> None:
    @after_this_request
    def _set(resp: Response) -> Response:
        if resp.status_code < 400:
            set_session_cookies(resp, session.access_token, session.refresh_token, new_csrf_token())
        return resp


@bp.post("/signup")
@per_ip
@per_email
@csrf_exempt
@body(SignupIn)
@response(
    SessionPublic,
    status=201,
    description="Signed up and signed in",
    also={
        202: (
            ConfirmationRequiredPublic,
            "Signed up, not yet signed in: the e-mail's link (to /auth/confirm) confirms it",
        )
    },
)
@errors(409, 429)
def signup(payload: SignupIn):
    """Create an account and sign in.

    When the Supabase project confirms e-mail addresses, sign-up answers 202
    `confirmation_required` instead: POST /api/auth/verify with the link's token signs in, and
    POST /api/auth/resend sends the link again.
    """
    session = service.sign_up(payload)
    if session is None:
        message = "Check your e-mail: open the link we sent to confirm your account."
        return {"message": message, "email": payload.email}, 202
    _with_cookies(session)
    return service.session_payload(session)


@bp.post("/resend")
@per_ip
@per_email_resend
@csrf_exempt
@body(ResendIn)
@response(MessagePublic, status=202, description="Accepted, whether or not a link was pending")
@errors(429)
def resend(payload: ResendIn):
    """Send a sign-up (or e-mail change) confirmation link again."""
    provider().resend(payload.email, payload.type, service.confirm_link_base())
    return {"message": "If that e-mail is waiting for confirmation, a new link is on its way."}


@bp.post("/verify")
@per_ip
@csrf_exempt
@body(VerifyIn)
@response(
    SessionPublic,
    description="The link's account is signed in",
    also={202: (MessagePublic, "Link accepted; open the one sent to the other address too")},
)
@errors(422, 429)
def verify(payload: VerifyIn):
    """Sign in with an e-mail link's token: sign-up confirmation, magic link, invite, e-mail
    change (Supabase's verifyOtp with `token_hash`); a link works once."""
    session = provider().verify(payload.token_hash, payload.type)
    if session is None:
        message = "Link accepted. Open the link sent to your other address to finish the change."
        return {"message": message}, 202
    _with_cookies(session)
    return service.session_payload(session)


@bp.get("/settings")
@response(AuthSettingsPublic)
def auth_settings():
    """How users can sign in here, for the sign-in page."""
    return {"oauth_providers": current_settings().oauth_providers}


@bp.get("/oauth/<oauth_provider>")
@per_ip
@response(None, status=302, description="To the provider's sign-in, through Supabase Auth")
@errors(404, 429)
def oauth_start(oauth_provider: str):
    """Start signing in with an OAuth provider (one of /api/auth/settings' oauth_providers).

    Redirects to Supabase Auth's /authorize with a PKCE challenge; the challenge's verifier
    stays in an httpOnly cookie until POST /api/auth/oauth/callback.
    """
    if oauth_provider not in current_settings().oauth_providers:
        raise NotFound("This sign-in provider is not available.", code="unknown_provider")
    url, verifier = provider().oauth_start(oauth_provider, service.oauth_callback_url())
    answer = redirect(url, code=302)
    set_oauth_verifier_cookie(answer, verifier)
    return answer


@bp.post("/oauth/callback")
@per_ip
@csrf_exempt  # PKCE binds the code to this browser's verifier cookie
@body(OAuthCallbackIn)
@response(SessionPublic)
@errors(400, 403, 429)
def oauth_callback(payload: OAuthCallbackIn):
    """Finish an OAuth sign-in: trade the callback's code (and the verifier cookie) for a
    session. A code works once and only in the browser that started the sign-in."""

    @after_this_request
    def _forget_verifier(resp: Response) -> Response:
        clear_oauth_verifier_cookie(resp)
        return resp

    verifier = request.cookies.get(OAUTH_VERIFIER_COOKIE)
    if not verifier:
        raise BadRequest(
            "This sign-in was started in another browser or too long ago. Try signing in again.",
            code="oauth_verifier_missing",
        )
    session = provider().oauth_exchange(payload.code, verifier)
    _with_cookies(session)
    return service.session_payload(session)


@bp.post("/login")
@per_ip
@per_account_and_address
@csrf_exempt
@body(LoginIn)
@response(SessionPublic)
@errors(401, 403, 429)
def login(payload: LoginIn):
    """Sign in with e-mail (or username) and password; also sets the web app's cookies."""
    session = provider().sign_in(service.sign_in_address(payload.email), payload.password)
    _with_cookies(session)
    return service.session_payload(session)


@bp.post("/refresh")
@csrf_exempt
@body(RefreshIn)
@response(SessionPublic)
@errors(401, 403)
def refresh(payload: RefreshIn):
    """Trade a refresh token (body or cookie) for a new session; the old token is spent."""
    token = payload.refresh_token
    if token is None:
        require_csrf()
        token = request.cookies.get(REFRESH_COOKIE)
    if not token:
        raise Unauthorized("No refresh token was sent.", code="invalid_refresh_token")
    session = provider().refresh(token)
    _with_cookies(session)
    return service.session_payload(session)


@bp.post("/logout")
@login_required
@response(None, status=204, description="Signed out")
def logout(identity: Identity):
    """End this session: its refresh tokens stop working and the cookies are cleared."""
    provider().sign_out(identity.access_token, identity.session_id)

    @after_this_request
    def _clear(resp: Response) -> Response:
        clear_session_cookies(resp)
        return resp


@bp.get("/me")
@login_required
@response(UserPublic)
def me(identity: Identity):
    """The signed-in user's profile."""
    return service.my_profile(identity.user_id)


@bp.post("/password/forgot")
@per_ip
@per_email
@csrf_exempt
@body(ForgotPasswordIn)
@response(MessagePublic, status=202, description="Accepted, whether or not the e-mail is known")
@errors(429)
def forgot_password(payload: ForgotPasswordIn):
    """Send a password reset link to the e-mail, if it has an account."""
    provider().request_password_reset(payload.email, service.confirm_link_base())
    return {"message": "If that e-mail has an account, a reset link is on its way."}


@bp.post("/password/reset")
@per_ip
@csrf_exempt
@body(ResetPasswordIn)
@response(None, status=204, description="Password changed; every session was ended")
@errors(422, 429)
def reset_password(payload: ResetPasswordIn):
    """Set a new password with a reset token; the token works once."""
    provider().reset_password(payload.token, payload.password)


@bp.post("/me/password")
@per_ip
@login_required
@body(ChangePasswordIn)
@response(SessionPublic, description="Changed: every other session ended; this is the new one")
@errors(403, 422, 429)
def change_password(payload: ChangePasswordIn, identity: Identity):
    """Change my password, proven by the current one; also sets the web app's new cookies."""
    session = service.change_password(identity.email, payload)
    _with_cookies(session)
    return service.session_payload(session)


@bp.get("/csrf")
@response(CsrfPublic)
def csrf():
    """A CSRF token for cookie-authenticated writes; also set as the readable optio_csrf cookie."""
    token = new_csrf_token()

    @after_this_request
    def _set(resp: Response) -> Response:
        set_csrf_cookie(resp, token)
        return resp

    return {"csrf_token": token}
