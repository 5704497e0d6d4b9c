"""`redis`: REDIS_URL answers and takes the rate limiter's counters, so that every process and
instance counts the rate limits together (without it each one counts alone)."""

from __future__ import annotations

from urllib.parse import urlsplit

import redis
from limits.storage import RedisStorage
from redis.exceptions import NoPermissionError

from ..config import Settings
from .result import TIMEOUT_SECONDS, CheckResult, failed, network_error, ok, skipped

NAME = "redis"
# What the limiter itself accepts with the redis client (limits' RedisStorage).
SCHEMES = ("redis://", "rediss://", "redis+unix://")
# Incremented like a rate-limit counter (the limiter's own Lua script), expiring on its own.
_PROBE_KEY = "optio/check"
_PROBE_SECONDS = 10
_URL_FIX = (
    "set REDIS_URL to the Key Value instance's internal URL, redis://<host>:6379 (render.yaml"
    " wires it from the instance; elsewhere: the Redis server's URL)"
)


def check_redis(settings: Settings) -> CheckResult:
    url = settings.redis_url
    if not url:
        if settings.is_production:  # production settings refuse to load without one
            return failed(
                NAME,
                "REDIS_URL is not set: each process and instance would count rate limits alone,"
                " so N of them allow N times every limit",
                _URL_FIX,
            )
        return skipped(NAME, "REDIS_URL is not set: rate limits are counted per process")
    if not url.startswith(SCHEMES):
        scheme = url.split("://", 1)[0] if "://" in url else "no scheme"
        return failed(NAME, f"REDIS_URL is not a Redis URL ({scheme})", _URL_FIX)
    where = _where(url)
    try:
        storage = RedisStorage(
            url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
        )
        storage.get_connection().ping()
        storage.incr(_PROBE_KEY, _PROBE_SECONDS)
    except ValueError as exc:
        return failed(NAME, f"REDIS_URL cannot be read ({exc})", _URL_FIX)
    except redis.AuthenticationError as exc:
        return failed(
            NAME,
            f"Redis at {where} refused REDIS_URL's credentials ({exc})",
            "copy the instance's URL again, with its user and password if it has them",
        )
    except (redis.ConnectionError, redis.TimeoutError) as exc:
        return failed(
            NAME,
            f"Redis at {where} could not be reached ({network_error(exc)})",
            "check REDIS_URL's host and port; on Render, the Key Value instance's internal URL"
            " reaches it only from services in its region",
        )
    except redis.ReadOnlyError as exc:
        return failed(
            NAME,
            f"Redis at {where} refuses writes, as a read-only replica does ({exc})",
            "point REDIS_URL at the primary",
        )
    except redis.OutOfMemoryError as exc:
        return failed(
            NAME,
            f"Redis at {where} is full and refuses writes ({exc})",
            "give the instance more memory, or an evicting maxmemory policy (allkeys-lru)",
        )
    except NoPermissionError as exc:
        return failed(
            NAME,
            f"REDIS_URL's user may not run the rate limiter's commands ({exc})",
            "allow that user EVALSHA, INCRBY, EXPIRE and GET on all keys, or use the default user",
        )
    except redis.RedisError as exc:
        return failed(
            NAME,
            f"Redis at {where} answered with an error ({exc})",
            "run the check again; if it persists, look at the instance's logs",
        )
    return ok(NAME, f"{where} answers; rate-limit counters shared there")


def _where(url: str) -> str:
    """host:port (or the socket's path): never the URL, which may hold a password."""
    parts = urlsplit(url)
    if url.startswith("redis+unix://"):
        return parts.path
    try:
        port = parts.port or 6379
    except ValueError:
        port = 6379  # the client refuses the URL and says why
    return f"{parts.hostname or 'localhost'}:{port}"
