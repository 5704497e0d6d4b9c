"""The default rate limit (RATE_LIMIT_DEFAULT per client address) on every route that has no
limits of its own and is not exempt, in one call to the counters' store a request.

Flask-Limiter still counts the limits routes declare (sign-in, AI); on every other request its
before_request hook resolved the same default again and again, a fifth of the API's CPU on a
hot read (README "Under load"). Here the route's standing is looked up once per endpoint, the
limit parsed once per value, and the counter incremented by limits' own fixed-window strategy,
in the same store and with the same fallback: while Redis does not answer, each process counts
in its own memory (so an outage loosens the limit to per-process, it does not fail requests)
and tries Redis again after 1, 2, 4 ... 32 s.
"""

from __future__ import annotations

import functools
import logging
import math
import threading
import time
from typing import Any

from flask import Flask, current_app, request
from flask_limiter import ExemptionScope, Limiter
from flask_limiter.util import get_qualified_name, get_remote_address
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from .config import current_settings

log = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 32


class RouteLimiter(Limiter):
    """Flask-Limiter for the limits that routes declare only: its hook before every request
    (`in_middleware`) would apply the default limit, which DefaultLimit does instead."""

    def _check_request_limit(
        self, callable_name: str | None = None, in_middleware: bool = True
    ) -> None:
        if not in_middleware:
            super()._check_request_limit(callable_name, in_middleware)


@functools.lru_cache(maxsize=16)
def _parsed(limit: str) -> RateLimitItem:
    return parse(limit)


class DefaultLimit:
    def __init__(self, limiter: Limiter, storage_uri: str, options: dict[str, Any]):
        self._limiter = limiter
        shared = not storage_uri.startswith("memory://")
        store = storage_from_string(storage_uri, **(options if shared else {}))
        self._store = FixedWindowRateLimiter(store)
        # Without a shared store the counters are this process's anyway: nothing to fall back to.
        self._local = FixedWindowRateLimiter(MemoryStorage()) if shared else None
        self._applies: dict[str | None, bool] = {}
        self._failures = 0
        self._retry_at = 0.0
        self._lock = threading.Lock()

    def check(self) -> None:
        """Before each request: count it, or refuse it with 429 and Retry-After."""
        if not self._applies_to(request.endpoint):
            return
        item = _parsed(current_settings().rate_limit_default)
        key = ("optio", "default", get_remote_address())
        counter = self._counter()
        try:
            allowed = counter.hit(item, *key)
            if self._failures and counter is self._store:
                self._store_recovered()
        except Exception:  # the store failed (Redis gone): count here until it is back
            assert self._local is not None  # memory storage does not fail
            self._store_failed()
            counter = self._local
            allowed = counter.hit(item, *key)
        if not allowed:
            raise TooManyRequests(str(item), retry_after=self._retry_after(counter, item, key))

    def _applies_to(self, endpoint: str | None) -> bool:
        applies = self._applies.get(endpoint)
        if applies is None:
            applies = self._applies[endpoint] = _default_applies(current_app, self._limiter)
        return applies

    def _counter(self) -> FixedWindowRateLimiter:
        if self._local is None or time.monotonic() >= self._retry_at:
            return self._store
        return self._local

    def _store_failed(self) -> None:
        with self._lock:
            self._failures += 1
            wait = min(MAX_BACKOFF_SECONDS, 2 ** (self._failures - 1))
            self._retry_at = time.monotonic() + wait
        log.warning("rate limit store unreachable: counting in this process for %d s", wait)

    def _store_recovered(self) -> None:
        with self._lock:
            self._failures = 0
        log.info("rate limit store answers again")

    @staticmethod
    def _retry_after(
        counter: FixedWindowRateLimiter, item: RateLimitItem, key: tuple[str, ...]
    ) -> int:
        try:
            reset = counter.get_window_stats(item, *key).reset_time
        except Exception:  # the store failed since: the window is a safe upper bound
            return item.get_expiry()
        return max(1, math.ceil(reset - time.time()))


def _default_applies(app: Flask, limiter: Limiter) -> bool:
    """Flask-Limiter's rule: the default applies to routes without limits of their own (and to
    unknown addresses) unless they are exempt."""
    endpoint = request.endpoint
    if endpoint is None:
        return True
    scope = limiter.limit_manager.exemption_scope(app, endpoint, request.blueprint)
    if scope & ExemptionScope.DEFAULT:
        return False
    view = app.view_functions[endpoint]
    return not limiter.limit_manager.decorated_limits(get_qualified_name(view))


def init_default_limit(app: Flask, limiter: Limiter) -> None:
    default = DefaultLimit(
        limiter, app.config["RATELIMIT_STORAGE_URI"], app.config["RATELIMIT_STORAGE_OPTIONS"]
    )
    app.extensions["optio_default_limit"] = default
    app.before_request(default.check)
