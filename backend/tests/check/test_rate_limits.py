"""`redis`: against real Valkey servers (Render Key Value's engine), set up as each case needs."""

from __future__ import annotations

import socket
import time

import pytest
import redis

from optio.check import rate_limits, run_checks
from optio.check.rate_limits import check_redis

from ..scale.key_value import free_port, key_value_server
from .conftest import only_failure, result

pytestmark = pytest.mark.usefixtures("services", "stripe_api")


def test_a_redis_that_takes_the_limiters_counters_passes(settings, key_value_url):
    found = result(run_checks(settings()), "redis")
    assert found.status == "ok", found.line()
    port = key_value_url.rsplit(":", 1)[1]
    assert found.detail == f"127.0.0.1:{port} answers; rate-limit counters shared there"


def test_the_check_counts_as_the_limiter_does_on_a_key_that_expires(settings, key_value_url):
    run_checks(settings())
    client = redis.Redis.from_url(key_value_url)
    assert int(client.get("LIMITS:optio/check")) >= 1
    # It expires on its own (-1 would be never); 0 when a slow run of the checks nears the end.
    assert 0 <= client.ttl("LIMITS:optio/check") <= 10


def test_an_unreachable_redis_fails_naming_its_address(settings):
    port = free_port()
    line = only_failure(settings(redis_url=f"redis://127.0.0.1:{port}/0"), "redis")
    assert f"Redis at 127.0.0.1:{port} could not be reached (ConnectionError: " in line
    assert "Connection refused" in line
    assert "the Key Value instance's internal URL" in line


def test_a_redis_that_never_answers_fails_within_the_timeout(settings, monkeypatch):
    monkeypatch.setattr(rate_limits, "TIMEOUT_SECONDS", 0.3)
    with socket.socket() as silent:  # accepts connections (the kernel does), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        started = time.monotonic()
        line = only_failure(settings(redis_url=f"redis://127.0.0.1:{port}/0"), "redis")
    assert time.monotonic() - started < 3
    assert f"Redis at 127.0.0.1:{port} could not be reached (TimeoutError: " in line


@pytest.mark.parametrize("credentials", [":the-wrong-password@", ""], ids=["wrong", "none"])
def test_a_password_redis_refuses_fails_without_printing_it(settings, tmp_path, credentials):
    with key_value_server(tmp_path) as server:
        server.client().config_set("requirepass", "the-right-password")
        port = server.port
        line = only_failure(settings(redis_url=f"redis://{credentials}127.0.0.1:{port}/0"), "redis")
    assert f"Redis at 127.0.0.1:{port} refused REDIS_URL's credentials" in line
    assert "the-wrong-password" not in line and "the-right-password" not in line


def test_a_read_only_replica_fails(settings, tmp_path):
    with key_value_server(tmp_path, replicaof=f"127.0.0.1 {free_port()}") as server:
        port = server.port
        line = only_failure(settings(redis_url=server.connection_url), "redis")
    assert f"Redis at 127.0.0.1:{port} refuses writes, as a read-only replica does" in line
    assert "point REDIS_URL at the primary" in line


def test_a_full_redis_that_evicts_nothing_fails(settings, tmp_path):
    with key_value_server(tmp_path, maxmemory="1", **{"maxmemory-policy": "noeviction"}) as server:
        port = server.port
        line = only_failure(settings(redis_url=server.connection_url), "redis")
    assert f"Redis at 127.0.0.1:{port} is full and refuses writes" in line


def test_a_user_that_may_not_run_the_limiters_script_fails(settings, tmp_path):
    with key_value_server(tmp_path) as server:
        server.client().acl_setuser(
            "limited", enabled=True, passwords=["+limited-password"], keys=["*"],
            commands=["+@all", "-@scripting"],
        )  # fmt: skip
        url = f"redis://limited:limited-password@127.0.0.1:{server.port}/0"
        line = only_failure(settings(redis_url=url), "redis")
    assert "REDIS_URL's user may not run the rate limiter's commands" in line
    assert "evalsha" in line.lower()


@pytest.mark.parametrize(
    "url,said",
    [
        ("memcached://cache.internal:11211", "REDIS_URL is not a Redis URL (memcached)"),
        ("cache.internal:6379", "REDIS_URL is not a Redis URL (no scheme)"),
        ("redis://cache.internal:port/0", "REDIS_URL cannot be read (Port could not be cast"),
    ],
)
def test_a_url_that_is_not_redis_fails(settings, url, said):
    assert said in only_failure(settings(redis_url=url), "redis")


def test_without_redis_url_outside_production_the_check_is_skipped(settings):
    found = result(run_checks(settings(optio_env="development", redis_url=None)), "redis")
    assert found.status == "skipped"
    assert found.detail == "REDIS_URL is not set: rate limits are counted per process"


def test_without_redis_url_in_production_the_check_fails(settings):
    # Production settings already refuse to load without it; the check says so on its own too.
    found = check_redis(settings().model_copy(update={"redis_url": None}))
    assert found.status == "FAILED"
    assert "REDIS_URL is not set: each process and instance would count rate limits alone" in (
        found.line()
    )
