"""`urls`: FRONTEND_URL, CORS_ORIGINS and the cookie settings agree with each other and with
production (https, and a web app on another origin allowed by CORS)."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..config import Settings
from .result import CheckResult, Problem, outcome

NAME = "urls"
_CORS_FIX = "CORS_ORIGINS is a JSON list of origins: '[\"https://app.example.com\"]'"


def check_urls(settings: Settings) -> CheckResult:
    problems = _frontend_problems(settings) + _cors_problems(settings)
    problems += _cookie_problems(settings)
    cors = ", ".join(settings.cors_origins) or "none (the web app is served by this API)"
    return outcome(
        NAME,
        problems,
        f"web app {settings.web_url}; CORS origins {cors}; cookies"
        f" {'Secure; ' if settings.secure_cookies else ''}SameSite={settings.cookie_samesite}",
    )


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _frontend_problems(settings: Settings) -> list[Problem]:
    url = settings.frontend_url
    if not url:
        if not settings.is_production:
            return []
        return [
            Problem(
                f"FRONTEND_URL is not set: password-reset links and Stripe's return pages would"
                f" point at {settings.web_url}",
                "set FRONTEND_URL to the web app's public https URL (this service's own URL"
                " when it serves the web app)",
            )
        ]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [
            Problem(
                f"FRONTEND_URL={url} is not an absolute http(s) URL",
                "set FRONTEND_URL to the web app's URL, e.g. https://app.example.com",
            )
        ]
    if settings.is_production and parts.scheme != "https":
        return [
            Problem(
                f"FRONTEND_URL={url} is http in production: links in e-mails and Stripe's"
                " returns would leave https, and Secure cookies would not be sent",
                f"set FRONTEND_URL=https://{parts.netloc}{parts.path}",
            )
        ]
    return []


def _cors_problems(settings: Settings) -> list[Problem]:
    problems = []
    for entry in settings.cors_origins:
        parts = urlsplit(entry)
        if entry in ("*", ".*"):
            problems.append(
                Problem(
                    f"CORS_ORIGINS allows {entry!r}: any web site could call the API with a"
                    " signed-in user's cookies",
                    f"list the web app's origin only. {_CORS_FIX}",
                )
            )
        elif parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(
                Problem(f"CORS origin {entry!r} is not an origin (scheme://host)", _CORS_FIX)
            )
        elif parts.path or parts.query or parts.fragment:
            problems.append(
                Problem(
                    f"CORS origin {entry!r} has a path or trailing slash: browsers send an"
                    " origin without one, so it never matches",
                    f"write it as {origin_of(entry)}",
                )
            )
        elif settings.is_production and parts.scheme != "https":
            problems.append(
                Problem(
                    f"CORS origin {entry!r} is http in production",
                    f"use https://{parts.netloc}",
                )
            )
    web = origin_of(settings.web_url)
    allowed = {origin_of(o) for o in settings.cors_origins}
    if settings.frontend_url and settings.cors_origins and web not in allowed:
        problems.append(
            Problem(
                f"the web app's origin {web} (FRONTEND_URL) is not in CORS_ORIGINS"
                f" ({', '.join(settings.cors_origins)}): browsers would block its API calls",
                f"add {web} to CORS_ORIGINS, or set CORS_ORIGINS='[]' when this API serves"
                " the web app itself",
            )
        )
    return problems


def _cookie_problems(settings: Settings) -> list[Problem]:
    if settings.cookie_samesite == "None" and not settings.secure_cookies:
        return [
            Problem(
                "COOKIE_SAMESITE=None without Secure cookies: browsers drop such cookies, so"
                " nobody would stay signed in",
                "set COOKIE_SECURE=true (over https), or COOKIE_SAMESITE=Lax when the web app"
                " and the API share a site",
            )
        ]
    if settings.is_production and not settings.secure_cookies:
        return [
            Problem(
                "COOKIE_SECURE=false in production: the session cookies could travel over"
                " plain http",
                "unset COOKIE_SECURE (production defaults to Secure)",
            )
        ]
    return []
