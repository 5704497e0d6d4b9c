"""Who is asking: the verified token of this request, CSRF for cookie writes, route guards."""

from __future__ import annotations

import functools
import hmac
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, g, request

from ..db import tx
from ..errors import Forbidden, Unauthorized
from .cookies import ACCESS_COOKIE, CSRF_COOKIE, CSRF_HEADER
from .tokens import InvalidToken, TokenService

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

View = Callable[..., Any]


@dataclass(frozen=True)
class Identity:
    user_id: uuid.UUID
    email: str
    session_id: str | None
    claims: dict[str, Any]
    via_cookie: bool
    # The access token this request presented (sign-out ends its session).
    access_token: str


def tokens() -> TokenService:
    return current_app.extensions["optio_tokens"]


def current_identity() -> Identity | None:
    return g.get("identity")


def load_identity() -> None:
    """before_request: verify the token, if any, and run the request's queries as its user."""
    g.identity = None
    token, via_cookie = _presented_token()
    if token is None:
        return
    try:
        claims = tokens().verify(token)
    except InvalidToken as exc:
        if via_cookie:
            return  # an expired cookie on a public page is an anonymous visit; the app refreshes
        raise Unauthorized(f"The access token is not valid: {exc}.", code="invalid_token") from exc
    g.identity = Identity(
        user_id=uuid.UUID(claims["sub"]),
        email=claims.get("email", ""),
        session_id=claims.get("session_id"),
        claims=claims,
        via_cookie=via_cookie,
        access_token=token,
    )
    if via_cookie and not _csrf_exempt():
        require_csrf()
    tx().act_as("authenticated", claims)


def require_csrf() -> None:
    """Cookie-authenticated writes must echo the CSRF cookie in the X-CSRF-Token header."""
    if request.method in SAFE_METHODS:
        return
    cookie = request.cookies.get(CSRF_COOKIE, "")
    header = request.headers.get(CSRF_HEADER, "")
    if not cookie or not hmac.compare_digest(cookie, header):
        raise Forbidden(
            "Cookie-authenticated writes need the X-CSRF-Token header (GET /api/auth/csrf).",
            code="csrf_failed",
        )


def _presented_token() -> tuple[str | None, bool]:
    auth = request.headers.get("Authorization", "")
    if auth:
        scheme, _, value = auth.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise Unauthorized("Use 'Authorization: Bearer <token>'.", code="invalid_token")
        return value.strip(), False
    cookie = request.cookies.get(ACCESS_COOKIE)
    return (cookie, True) if cookie else (None, False)


def _csrf_exempt() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(view and view.__dict__.get("csrf_exempt"))


def csrf_exempt(view: View) -> View:
    """Mark a route that needs no CSRF header (it does not act on a cookie's identity)."""
    view.__dict__["csrf_exempt"] = True
    return view


def login_required(view: View) -> View:
    """The route needs a signed-in user; the view receives it as `identity`."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        identity = current_identity()
        if identity is None:
            raise Unauthorized()
        return view(*args, identity=identity, **kwargs)

    wrapper.__dict__["openapi"] = {**wrapper.__dict__.get("openapi", {}), "auth": True}
    return wrapper


def admin_required(view: View) -> View:
    """The route needs a signed-in admin (RLS checks again on every row); passes `identity`."""

    @login_required
    @functools.wraps(view)
    def wrapper(*args: Any, identity: Identity, **kwargs: Any) -> Any:
        if not tx(identity).scalar("select private.is_admin()"):
            raise Forbidden("This needs an admin.", code="admin_only")
        return view(*args, identity=identity, **kwargs)

    meta = wrapper.__dict__["openapi"]
    meta["errors"] = {*meta.get("errors", set()), 403}
    return wrapper
