"""Flask extensions, created unbound here and bound in create_app()."""

from __future__ import annotations

import logging
import math
import time

from flask import Flask
from flask_cors import CORS
from flask_limiter.util import get_remote_address

from .db import Database
from .default_limit import RouteLimiter, init_default_limit

log = logging.getLogger(__name__)

# Seconds a rate-limit check waits for Redis (connect, and each reply). Without a timeout a
# Redis that accepts connections but never answers would hold every request forever.
REDIS_TIMEOUT_SECONDS = 0.5
LIMITER_STORAGE_OPTIONS = {
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    "socket_timeout": REDIS_TIMEOUT_SECONDS,
}


# The limits routes declare; the default limit is optio.default_limit's (read per app at
# request time, so each app bound to this one module-level extension keeps its own).
limiter = RouteLimiter(key_func=get_remote_address)
cors = CORS()


def retry_after_seconds(window_seconds: int) -> int:
    """Seconds until the limit this request broke lets requests through again: read from the
    counter's store (one call, on the refused request only), else the limit's whole window."""
    current = limiter.current_limit
    try:
        if current is not None:
            return max(1, math.ceil(current.window[0] - time.time()))
    except Exception:  # the store failed (Redis gone): the window is a safe upper bound
        log.warning("rate limit reset time unavailable", exc_info=True)
    return max(1, window_seconds)


def init_extensions(app: Flask, conninfo: str) -> None:
    settings = app.config["SETTINGS"]
    Database().init_app(app, conninfo)  # each app owns its pool: app.extensions["optio_db"]
    app.config.update(
        # Counters in Redis are shared by every worker and instance; memory:// counts in this
        # process only (development and tests; production refuses it).
        RATELIMIT_STORAGE_URI=settings.redis_url or "memory://",
        RATELIMIT_STORAGE_OPTIONS=LIMITER_STORAGE_OPTIONS,
        # When Redis stops answering, each process counts the same limits in its own memory
        # (and tries Redis again after 1, 2, 4 ... 32 s) instead of failing the request: an
        # outage loosens the limits to per-process ones for its length, it does not take the
        # API down. Requests already waiting on Redis when it failed are let through, the error
        # logged, rather than answered 500. Only with Redis: memory:// cannot fail, so there an
        # error is our own and must surface.
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_SWALLOW_ERRORS=bool(settings.redis_url),
        # No X-RateLimit-* headers on every answer: Flask-Limiter reads them back from Redis in
        # two more round trips per request (a third of the API's CPU on a hot read, see README
        # "Under load"). A 429 still says when to come back (Retry-After, retry_after_seconds).
        RATELIMIT_HEADERS_ENABLED=False,
        RATELIMIT_KEY_PREFIX="optio",
    )
    limiter.init_app(app)
    init_default_limit(app, limiter)
    if not settings.cors_origins:
        return  # one origin (render.yaml): no cross-origin answers, and no hook on every request
    cors.init_app(
        app,
        resources={r"/api/*": {"origins": settings.cors_origins}},
        supports_credentials=True,
        allow_headers=["Authorization", "Content-Type", "X-CSRF-Token", "X-Request-ID"],
        expose_headers=["X-Request-ID"],
    )
