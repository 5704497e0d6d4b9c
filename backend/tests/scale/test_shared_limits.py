"""Two API instances behind one proxy count the login limit (RATE_LIMIT_AUTH per account and
client address) together through Redis, as one instance does; and a Redis outage neither fails
requests nor lifts the limit."""

from __future__ import annotations

import os
import signal
import time
from itertools import cycle, islice

import httpx
import pytest

from ..concurrency import fire_together
from .conftest import redis_client

LIMIT = 4  # settings_overrides: RATE_LIMIT_AUTH=4/minute
OVER_THE_LIMIT = [401] * LIMIT + [429]


def login(url: str, email: str, address: str) -> int:
    """One failing sign-in from `address` (the proxy's X-Forwarded-For); its status."""
    resp = httpx.post(
        f"{url}/api/auth/login",
        json={"email": email, "password": "a-wrong-password"},
        headers={"X-Forwarded-For": address},
        timeout=30,
    )
    return resp.status_code


def attempts(urls: list[str], email: str, address: str, count: int = LIMIT + 1) -> list[int]:
    """`count` failing sign-ins for one account from one address, sent to `urls` in turn."""
    return [login(url, email, address) for url in islice(cycle(urls), count)]


def test_attempts_split_across_two_instances_are_limited_as_on_one(start_instances, key_value):
    first, second = start_instances(2, redis_url=key_value.connection_url)
    on_one = attempts([first], "one@example.com", "198.51.100.1")
    on_two = attempts([first, second], "two@example.com", "198.51.100.2")
    assert on_one == on_two == OVER_THE_LIMIT
    # Whichever worker of whichever instance took an attempt, it went to one counter in Redis.
    [key] = redis_client(key_value).keys("*account:two@example.com:198.51.100.2*")
    assert int(redis_client(key_value).get(key)) == LIMIT + 1


def test_without_redis_each_instance_counts_alone(start_instances):
    # The same attempts, REDIS_URL unset (memory://, which production refuses): no instance
    # saw more than three of them, so none refused any.
    first, second = start_instances(2, redis_url=None)
    assert attempts([first, second], "two@example.com", "198.51.100.2") == [401] * (LIMIT + 1)


def _stop(server) -> None:
    server.stop()  # connections refused


def _hang(server) -> None:
    # Connections still open and new ones accepted by the kernel, but nothing answers.
    os.kill(redis_client(server).info("server")["process_id"], signal.SIGSTOP)


@pytest.mark.parametrize("outage", [_stop, _hang], ids=["stopped", "hung"])
def test_a_redis_outage_neither_fails_requests_nor_lifts_the_limit(
    start_instances, key_value, outage
):
    # One worker: its in-memory fallback then counts every attempt this test sends.
    [url] = start_instances(1, workers=1, redis_url=key_value.connection_url)
    assert login(url, "before@example.com", "203.0.113.1") == 401  # counted in Redis
    outage(key_value)
    started = time.monotonic()
    # Requests that were waiting on Redis when it failed are let through, not answered 500.
    together = fire_together(
        [
            lambda i=i: login(url, f"at-once-{i}@example.com", f"203.0.113.{10 + i}")
            for i in range(8)
        ]
    )
    assert together == [401] * 8
    # Then the instance counts in its own memory: the limit still holds, per process.
    assert attempts([url], "victim@example.com", "203.0.113.2") == OVER_THE_LIMIT
    # A hung Redis costs a request at most its timeouts (0.5 s each), never a hang: without
    # them the first of these requests would still be waiting.
    assert time.monotonic() - started < 10


# The default limit (RATE_LIMIT_DEFAULT per client address, optio.default_limit) ------------


def pillars(url: str, address: str) -> int:
    resp = httpx.get(f"{url}/api/pillars", headers={"X-Forwarded-For": address}, timeout=30)
    return resp.status_code


DEFAULT = {"rate_limit_default": f"{LIMIT}/minute"}
OVER_THE_DEFAULT = [200] * LIMIT + [429]


def test_the_default_limit_is_counted_together_too(start_instances, key_value):
    first, second = start_instances(2, redis_url=key_value.connection_url, **DEFAULT)
    urls = islice(cycle([first, second]), LIMIT + 1)
    assert [pillars(url, "198.51.100.9") for url in urls] == OVER_THE_DEFAULT


@pytest.mark.parametrize("outage", [_stop, _hang], ids=["stopped", "hung"])
def test_a_redis_outage_keeps_the_default_limit_per_process(start_instances, key_value, outage):
    [url] = start_instances(1, workers=1, redis_url=key_value.connection_url, **DEFAULT)
    assert pillars(url, "203.0.113.50") == 200  # counted in Redis
    outage(key_value)
    started = time.monotonic()
    together = fire_together([lambda i=i: pillars(url, f"203.0.113.{60 + i}") for i in range(8)])
    assert together == [200] * 8
    assert [pillars(url, "203.0.113.51") for _ in range(LIMIT + 1)] == OVER_THE_DEFAULT
    assert time.monotonic() - started < 10
