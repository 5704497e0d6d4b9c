"""Flask extensions, created unbound here and bound in create_app()."""

from __future__ import annotations

from flask import Flask
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .db import Database

db = Database()
limiter = Limiter(key_func=get_remote_address)
cors = CORS()


def init_extensions(app: Flask, conninfo: str) -> None:
    settings = app.config["SETTINGS"]
    db.init_app(app, conninfo)
    app.config.update(
        RATELIMIT_STORAGE_URI=settings.redis_url or "memory://",
        RATELIMIT_DEFAULT=settings.rate_limit_default,
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
