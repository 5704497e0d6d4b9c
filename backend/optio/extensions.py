"""Flask extensions, created unbound here and bound in create_app()."""

from __future__ import annotations

from flask import Flask
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .config import current_settings
from .db import Database


def _default_limit() -> str:
    # Read per app at request time: Flask-Limiter keeps the default limits of the first app it
    # was bound to, so a plain RATELIMIT_DEFAULT would ignore every later app's settings.
    return current_settings().rate_limit_default


limiter = Limiter(key_func=get_remote_address, default_limits=[_default_limit])
cors = CORS()


def init_extensions(app: Flask, conninfo: str) -> None:
    settings = app.config["SETTINGS"]
    Database().init_app(app, conninfo)  # each app owns its pool: app.extensions["optio_db"]
    app.config.update(
        RATELIMIT_STORAGE_URI=settings.redis_url or "memory://",
        RATELIMIT_HEADERS_ENABLED=True,
        RATELIMIT_KEY_PREFIX="optio",
    )
    limiter.init_app(app)
    cors.init_app(
        app,
        resources={r"/api/*": {"origins": settings.cors_origins}},
        supports_credentials=True,
        allow_headers=["Authorization", "Content-Type", "X-CSRF-Token", "X-Request-ID"],
        expose_headers=["X-Request-ID"],
    )
