"""The web app's httpOnly token cookies and the readable CSRF cookie (double submit)."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Response
from werkzeug.wrappers import Response as AnyResponse

from ..config import current_settings

ACCESS_COOKIE = "optio_access"
REFRESH_COOKIE = "optio_refresh"
CSRF_COOKIE = "optio_csrf"
CSRF_HEADER = "X-CSRF-Token"
REFRESH_PATH = "/api/auth"
# The PKCE code verifier of an OAuth sign-in, from its start until the callback's exchange.
OAUTH_VERIFIER_COOKIE = "optio_oauth_verifier"
OAUTH_VERIFIER_TTL_SECONDS = 600


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def set_csrf_cookie(response: Response, token: str) -> None:
    settings = current_settings()
    response.set_cookie(
        CSRF_COOKIE,
        token,
        max_age=settings.refresh_token_ttl_seconds,
        secure=settings.secure_cookies,
        httponly=False,  # the web app reads it and echoes it in X-CSRF-Token
        samesite=settings.cookie_samesite,
        path="/",
    )


def set_session_cookies(
    response: Response, access_token: str, refresh_token: str, csrf_token: str
) -> None:
    settings = current_settings()
    common: dict[str, Any] = {
        "secure": settings.secure_cookies,
        "httponly": True,
        "samesite": settings.cookie_samesite,
    }
    response.set_cookie(
        ACCESS_COOKIE,
        access_token,
        max_age=settings.access_token_ttl_seconds,
        path="/api",
        **common,
    )
    response.set_cookie(
        REFRESH_COOKIE,
        refresh_token,
        max_age=settings.refresh_token_ttl_seconds,
        path=REFRESH_PATH,
        **common,
    )
    set_csrf_cookie(response, csrf_token)


def clear_session_cookies(response: Response) -> None:
    response.delete_cookie(ACCESS_COOKIE, path="/api")
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_PATH)
    response.delete_cookie(CSRF_COOKIE, path="/")


def set_oauth_verifier_cookie(response: AnyResponse, verifier: str) -> None:
    settings = current_settings()
    response.set_cookie(
        OAUTH_VERIFIER_COOKIE,
        verifier,
        max_age=OAUTH_VERIFIER_TTL_SECONDS,
        secure=settings.secure_cookies,
        httponly=True,
        samesite="Lax",  # sent with the web app's own POST of the callback's code
        path=REFRESH_PATH,
    )


def clear_oauth_verifier_cookie(response: Response) -> None:
    response.delete_cookie(OAUTH_VERIFIER_COOKIE, path=REFRESH_PATH)
