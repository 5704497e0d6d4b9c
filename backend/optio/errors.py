"""One error shape for the whole API: {"error": {"code", "message", "details"}}."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from datetime import date, time
from decimal import Decimal
from typing import Any

import psycopg
from flask import Flask, Response, jsonify
from flask_limiter.errors import RateLimitExceeded
from pydantic import ValidationError
from werkzeug import exceptions as http
from werkzeug.exceptions import HTTPException

from .config import current_settings

log = logging.getLogger(__name__)


class AppError(Exception):
    status = 500
    code = "internal_error"
    message = "Something went wrong."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        details: list[dict[str, Any]] | None = None,
    ):
        super().__init__(message or self.message)
        self.message = message or self.message
        self.code = code or self.code
        self.details = details or []


class BadRequest(AppError):
    status, code, message = 400, "bad_request", "The request could not be understood."


class Unauthorized(AppError):
    status, code, message = 401, "unauthorized", "Sign in to continue."


class Forbidden(AppError):
    status, code, message = 403, "forbidden", "You are not allowed to do that."


class NotFound(AppError):
    status, code, message = 404, "not_found", "Not found."


class Conflict(AppError):
    status, code, message = 409, "conflict", "That conflicts with the current state."


class Invalid(AppError):
    status, code, message = 422, "validation_error", "The request is not valid."


class UriTooLong(AppError):
    status, code, message = 414, "uri_too_long", "The URL is too long."


class UnsupportedMediaType(AppError):
    status, code, message = 415, "unsupported_media_type", "That content type is not supported."


class TooManyRequests(AppError):
    status, code, message = 429, "rate_limited", "Too many requests. Try again later."


class BadGateway(AppError):
    status, code, message = 502, "bad_gateway", "A service we depend on failed."


class Unavailable(AppError):
    status, code, message = 503, "unavailable", "The service is unavailable."


class GatewayTimeout(AppError):
    status, code, message = 504, "gateway_timeout", "A service we depend on timed out."


class DatabaseUnavailable(Unavailable):
    code, message = "database_unavailable", "The database is not answering. Try again shortly."


def error_body(
    status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> tuple[Response, int]:
    return jsonify({"error": {"code": code, "message": message, "details": details or []}}), status


def validation_details(exc: ValidationError, location: str) -> list[dict[str, Any]]:
    """Pydantic errors as [{field, location, message, type, ctx}] with the field path dotted.

    `type` and `ctx` (pydantic's error type and its context, e.g. {"max_length": 200}) are for
    clients to word the problem themselves; `message` is pydantic's English for everyone else."""
    return [
        {
            "field": ".".join(str(p) for p in err["loc"]) or _tag_field(err) or location,
            "location": location,
            "message": err["msg"],
            "type": err["type"],
            "ctx": _json_safe_context(err.get("ctx")),
        }
        for err in exc.errors(include_url=False)
    ]


def _json_safe_context(ctx: Mapping[str, Any] | None) -> dict[str, Any]:
    return {str(key): _json_safe(value) for key, value in (ctx or {}).items()}


def _json_safe(value: Any) -> Any:
    """Numbers, strings, booleans and null as they are (a Decimal bound as a number); what JSON
    cannot hold as text: an exception a validator raised, a compiled pattern, a date bound, an
    infinite float."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Decimal) and value.is_finite():
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, re.Pattern):
        return value.pattern
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(item) for item in value]
    if isinstance(value, Mapping):
        return _json_safe_context(value)
    return str(value)


def _tag_field(err: Any) -> str | None:
    """A bad discriminator of a tagged union names no location; name the tag field."""
    ctx = err.get("ctx") or {}
    return str(ctx["discriminator"]).strip("'") if "discriminator" in ctx else None


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


# How the database's consent locks begin their message (20261203210300_child_consent.sql).
CONSENT_REQUIRED = "consent_required:"


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(AppError)
    def _app_error(exc: AppError):
        return error_body(exc.status, exc.code, exc.message, exc.details)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        status = exc.code or 500
        code = _HTTP_CODES.get(status, "http_error")
        message = exc.description or exc.name
        if status == 429:
            message = f"Too many requests: limit is {exc.description}. Try again later."
        response, status = error_body(status, code, message)
        if isinstance(exc, RateLimitExceeded):  # a route's own limit (Flask-Limiter)
            from .extensions import retry_after_seconds  # extensions -> db -> errors

            window = exc.limit.limit.get_expiry()
            response.headers["Retry-After"] = str(retry_after_seconds(window))
        elif isinstance(exc, http.TooManyRequests) and exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)  # optio.default_limit
        if status == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response, status

    @app.errorhandler(psycopg.OperationalError)  # also psycopg_pool's PoolTimeout
    def _database_unavailable(exc: psycopg.OperationalError):
        log.warning("database unavailable: %s: %s", type(exc).__name__, exc)
        error = DatabaseUnavailable()
        response, status = error_body(error.status, error.code, error.message)
        response.headers["Retry-After"] = str(current_settings().db_retry_after_seconds)
        return response, status

    @app.errorhandler(psycopg.DataError)
    def _data_error(exc: psycopg.DataError):
        # A backstop: request models refuse what PostgreSQL cannot hold before it gets here.
        log.info("value refused by the database: %s", exc)
        return error_body(422, "invalid_value", "A value in the request is not valid.")

    @app.errorhandler(psycopg.errors.InsufficientPrivilege)
    def _refused_by_the_database(exc: psycopg.errors.InsufficientPrivilege):
        # The locks on children's accounts (private.hold_until_consent) say why in the message.
        reason = exc.diag.message_primary or ""
        if reason.startswith(CONSENT_REQUIRED):
            return error_body(
                403,
                "consent_required",
                "A parent must consent first: until then your diploma stays private and you "
                "cannot team up. Ask a parent from the Parental consent page.",
            )
        return _unexpected(exc)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        return error_body(500, "internal_error", "Something went wrong on our side.")
