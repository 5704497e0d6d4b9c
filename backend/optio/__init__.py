"""Optio's API: create_app() builds it in a few named steps."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask

__version__ = "0.1.0"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app; `config` overrides settings (tests pass DATABASE_URL and friends)."""
    from .auth.identity import load_identity
    from .auth.providers import make_provider
    from .auth.tokens import TokenService
    from .config import Settings
    from .credentials.issuer import init_issuer
    from .diplomas.kept import init_kept_documents
    from .embedded import database_url
    from .errors import register_error_handlers
    from .extensions import init_extensions
    from .middleware import init_middleware
    from .storage import make_storage

    settings = Settings(**(config or {}))
    app = OptioFlask(__name__, static_folder=None)
    app.config.update(SETTINGS=settings, MAX_CONTENT_LENGTH=settings.max_content_length)
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )

    init_middleware(app)
    init_extensions(app, database_url(settings))
    tokens = TokenService(settings)
    app.extensions["optio_tokens"] = tokens
    app.extensions["optio_auth_provider"] = make_provider(settings, tokens)
    app.extensions["optio_storage"] = make_storage(settings)
    init_kept_documents(app)
    init_issuer(app)
    app.before_request(load_identity)
    register_blueprints(app)
    register_error_handlers(app)
    register_cli(app)
    if settings.optio_env != "test":  # a test run builds hundreds of apps that must be collected
        # What exists now (modules, the app) lives as long as the process: keep full collections
        # from walking it again and again. Large responses (a page of 100 quests, a long list)
        # otherwise trigger collections that pause a request for ~90 ms (see `make bench`).
        gc.freeze()
    return app


class OptioFlask(Flask):
    """Flask, checking each hook and view for `async def` once instead of on every call (Flask
    asks `inspect` some fourteen times a request; the API has no async views)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sync: dict[Callable[..., Any], Callable[..., Any]] = {}

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        sync = self._sync.get(func)
        if sync is None:
            sync = self._sync[func] = super().ensure_sync(func)
        return sync


def register_blueprints(app: Flask) -> None:
    from .account.routes import bp as account
    from .achievements.routes import bp as achievements
    from .admin.routes import bp as admin
    from .ai.routes import bp as ai
    from .auth.routes import bp as auth
    from .billing.routes import bp as billing
    from .consent.routes import bp as consent
    from .credentials.routes import bp as credentials
    from .credentials.routes import well_known
    from .diplomas.routes import bp as diplomas
    from .feedback.routes import bp as feedback
    from .links.routes import bp as links
    from .mail_preferences.routes import bp as mail_preferences
    from .meta.routes import bp as meta
    from .meta.routes import docs
    from .notifications.routes import bp as notifications
    from .progress.routes import bp as progress
    from .quests.routes import bp as quests
    from .storage.limits_route import bp as evidence
    from .storage.routes import bp as storage
    from .students.routes import bp as students
    from .submissions.routes import bp as submissions
    from .teams.routes import bp as teams
    from .users.routes import bp as users
    from .web import bp as web
    from .xp.routes import bp as xp

    for blueprint in (
        meta,
        docs,
        auth,
        users,
        account,
        quests,
        xp,
        progress,
        achievements,
        storage,
        evidence,
        diplomas,
        credentials,
        well_known,
        teams,
        links,
        consent,
        students,
        feedback,
        submissions,
        notifications,
        mail_preferences,
        billing,
        ai,
        admin,
        web,  # last: the web app answers the paths outside /api
    ):
        app.register_blueprint(blueprint)


def register_cli(app: Flask) -> None:
    from .cli import db_group, users_group

    app.cli.add_command(db_group)
    app.cli.add_command(users_group)
