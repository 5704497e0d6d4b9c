"""`optio check`: the settings checked against the real services, one result per check.

Render runs it before each deploy, after `optio db migrate`; any FAILED stops the deploy.
Every network call has a timeout, and a failure to reach a service is a FAILED result with
the error's text, never an exception. No result ever holds a secret.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from urllib.parse import urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

from ..config import Settings
from .ai import check_gemini
from .billing import check_stripe
from .credentials import check_credentials
from .database import check_database
from .rate_limits import check_redis
from .result import CheckResult, Problem, failed
from .supabase import check_jwks, check_storage_bucket, check_supabase_auth
from .urls import check_urls

CHECKS: tuple[Callable[[Settings], CheckResult], ...] = (
    check_database,
    check_redis,
    check_supabase_auth,
    check_jwks,
    check_storage_bucket,
    check_stripe,
    check_gemini,
    check_urls,
    check_credentials,
)
_MIN_MASKED = 6  # shorter values ("x") would mask ordinary words


def run_checks(settings: Settings) -> list[CheckResult]:
    secrets = _secrets(settings)
    return [_masked(_run(check, settings), secrets) for check in CHECKS]


def _run(check: Callable[[Settings], CheckResult], settings: Settings) -> CheckResult:
    name = check.__name__.removeprefix("check_")
    try:
        return check(settings)
    except Exception as exc:
        # A service answering in a shape no check expects: the deploy stops on a FAILED line
        # with the error's text (never a traceback that might quote a setting).
        return failed(
            name,
            f"the check broke on an unexpected answer ({type(exc).__name__}: {exc})",
            "run `optio check` again; if it persists, report it with this line",
        )


def _secrets(settings: Settings) -> list[str]:
    values = [
        settings.supabase_anon_key,
        settings.supabase_service_role_key,
        settings.supabase_jwt_secret,
        settings.stripe_secret_key,
        settings.stripe_webhook_secret,
        settings.gemini_api_key,
        settings.credential_signing_key.get_secret_value()
        if settings.credential_signing_key
        else None,
    ]
    if settings.smtp_url:
        with suppress(ValueError):
            values.append(urlsplit(settings.smtp_url.get_secret_value()).password or "")
    if settings.database_url:
        # Not a connection string: no password to hide, and the database check says so.
        with suppress(psycopg.ProgrammingError):
            values.append(str(conninfo_to_dict(settings.database_url).get("password") or ""))
    if settings.redis_url:
        with suppress(ValueError):  # not a URL: no password to hide, and the redis check says so
            values.append(urlsplit(settings.redis_url).password or "")
    return sorted({v for v in values if v and len(v) >= _MIN_MASKED}, key=len, reverse=True)


def _masked(result: CheckResult, secrets: list[str]) -> CheckResult:
    def mask(text: str) -> str:
        for secret in secrets:
            text = text.replace(secret, "***")
        return text

    return replace(
        result,
        detail=mask(result.detail),
        problems=tuple(Problem(mask(p.reason), mask(p.fix)) for p in result.problems),
    )


__all__ = ["CHECKS", "CheckResult", "run_checks"]
