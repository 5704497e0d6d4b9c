"""FakeSupabase: the fake Auth and Storage APIs served over real HTTP from a thread."""

from __future__ import annotations

import json
import threading
import time
import traceback
import uuid
from collections import deque
from typing import Any

import jwt
from werkzeug.exceptions import HTTPException
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from . import gotrue, storage
from .gotrue_core import error_response
from .model import (
    AuthApiError,
    FlowState,
    Mail,
    OAuthApiError,
    RefreshToken,
    Session,
    StorageApiError,
    StoredObject,
    UserExtra,
)
from .users import UserStore

# The Supabase CLI's local development secret and keys (`supabase status` prints them).
JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"
# What GoTrue serves without an API key: the links in e-mails and the OAuth redirects.
_OPEN_AUTH_PATHS = {"/auth/v1/verify", "/auth/v1/authorize", "/auth/v1/callback"}


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class FakeSupabase:
    """Supabase's Auth (GoTrue) and Storage APIs for tests; see tests/fakes/__init__.py.

    Settings (public attributes, restored by `reset`): auto_confirm, oauth_providers,
    email_rate_limit_seconds, secure_email_change, refresh_token_reuse_interval, jwt_expiry,
    otp_expiry, flow_state_expiry, password_min_length, site_url, buckets, unavailable.
    """

    def __init__(self, jwt_secret: str = JWT_SECRET) -> None:
        self.jwt_secret = jwt_secret
        self.anon_key = self._api_key("anon")
        self.service_role_key = self._api_key("service_role")
        self.lock = threading.RLock()
        self._store: UserStore | None = None
        self._database_url: str | None = None
        self.gotrue = gotrue.GoTrue(self)
        self.storage = storage.Storage(self)
        self.reset()
        self._server = make_server(
            "127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_QuietHandler
        )
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="fake-supabase", daemon=True
        )
        self._thread.start()

    def _api_key(self, role: str) -> str:
        claims = {"iss": "supabase-demo", "role": role, "exp": 1983812996}
        return jwt.encode(claims, self.jwt_secret, algorithm="HS256")

    # -- the interface tests use ----------------------------------------------------------

    def use_database(self, database_url: str | None) -> None:
        """Keep users and sessions in this database (a test's own); None lets go of it."""
        if database_url == self._database_url:
            return
        old, self._store, self._database_url = self._store, None, database_url
        if old is not None:
            old.close()
        if database_url is not None:
            self._store = UserStore(database_url)

    def reset(self) -> None:
        """Forget tokens, sessions, mail, objects and failures; restore the default settings
        (those of supabase/config.toml: no e-mail confirmation, reuse interval 10 s)."""
        with self.lock:
            self.auto_confirm = True
            self.oauth_providers: set[str] = {"google", "apple"}
            self.email_rate_limit_seconds: float | None = None
            self.secure_email_change = True
            self.refresh_token_reuse_interval = 10.0
            self.jwt_expiry = 3600
            self.otp_expiry = 86400.0
            self.flow_state_expiry = 300.0
            self.password_min_length = 6
            self.site_url = "http://127.0.0.1:5000"
            self.unavailable = False
            self.buckets: dict[str, dict[str, Any]] = {
                "evidence": {"public": False, "file_size_limit": None, "allowed_mime_types": None},
                "exports": {
                    "public": False,
                    "file_size_limit": None,
                    "allowed_mime_types": ["application/zip"],
                },
                "avatars": {  # as 20261205000800_avatars.sql makes it
                    "public": False,
                    "file_size_limit": 2 * 1024 * 1024,
                    "allowed_mime_types": ["image/png", "image/jpeg", "image/webp"],
                },
            }
            self.mailbox: list[Mail] = []
            self.failures: list[str] = []
            self.extras: dict[uuid.UUID, UserExtra] = {}
            self.sessions: dict[uuid.UUID, Session] = {}
            self.refresh_tokens: dict[str, RefreshToken] = {}
            self.flow_states: dict[uuid.UUID, FlowState] = {}
            self.oauth_queue: dict[str, deque[dict[str, Any]]] = {}
            self.objects: dict[tuple[str, str], StoredObject] = {}
            self._clock_offset = 0.0

    def next_oauth_identity(self, provider: str, email: str, **metadata: Any) -> None:
        """The identity the provider reports at the next GET /authorize?provider=...:
        metadata such as name, avatar_url, sub, email_verified (default True)."""
        with self.lock:
            self.oauth_queue.setdefault(provider, deque()).append({"email": email, **metadata})

    def mails_to(self, email: str, type: str | None = None) -> list[Mail]:
        with self.lock:
            return [
                m
                for m in self.mailbox
                if m.email == email.lower() and (type is None or m.type == type)
            ]

    def clock(self) -> float:
        """The time the fake's expiries count with (OTPs, PKCE flows, reuse interval, mail
        rate limit); access tokens use the real time, which the app checks them against."""
        return time.time() + self._clock_offset

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward."""
        with self.lock:
            self._clock_offset += seconds

    @property
    def store(self) -> UserStore:
        if self._store is None:
            raise RuntimeError("FakeSupabase has no database: call use_database(url) first")
        return self._store

    def close(self) -> None:
        self._server.shutdown()
        self._thread.join()
        self._server.server_close()
        self.use_database(None)

    # -- serving ---------------------------------------------------------------------------

    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        try:
            response = self._dispatch(request)
        except Exception:
            failure = f"{request.method} {request.full_path}\n{traceback.format_exc()}"
            with self.lock:
                self.failures.append(failure)
            response = _json(500, {"code": "unexpected_failure", "message": failure})
        finally:
            request.close()  # the temporary files of a multipart upload
        return response(environ, start_response)

    def _dispatch(self, request: Request) -> Response:
        path = request.path
        if self.unavailable:
            return _json(503, {"message": "An invalid response was received from the upstream"})
        if path.startswith("/auth/v1/"):
            if path not in _OPEN_AUTH_PATHS:
                refused = self._refuse_api_key(request)
                if refused is not None:
                    return refused
            return self._route(request, gotrue.ROUTES, self.gotrue)
        if path.startswith("/storage/v1/"):
            return self._route(request, storage.ROUTES, self.storage)
        return _json(404, {"message": "no Route matched with those values"})

    def _refuse_api_key(self, request: Request) -> Response | None:
        """What the API gateway in front of GoTrue answers for a missing or unknown key."""
        key = request.headers.get("apikey") or request.args.get("apikey")
        if not key:
            return _json(401, {"message": "No API key found in request"})
        if key not in (self.anon_key, self.service_role_key):
            return _json(401, {"message": "Invalid API key"})
        return None

    def _route(self, request: Request, routes: Any, handlers: Any) -> Response:
        adapter = routes.bind_to_environ(request.environ)
        try:
            endpoint, values = adapter.match()
        except HTTPException as exc:
            return _json(exc.code or 404, {"code": "not_found", "message": exc.description})
        try:
            return getattr(handlers, endpoint)(request, **values)
        except (AuthApiError, OAuthApiError) as exc:
            return error_response(request, exc)
        except StorageApiError as exc:
            return storage.storage_error_response(exc)


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")
