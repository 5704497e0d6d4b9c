"""Races through a real HTTP server against a committed database: the app served on a free
port by threads, and callables started at the same instant from real threads."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from werkzeug.serving import make_server


@contextmanager
def live_server(app: Flask) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 from a background thread; yields its base URL."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join()


def fire_together(sends: list[Callable[[], Any]]) -> list[Any]:
    """Run every callable in its own thread, released at once by a barrier; their results."""
    barrier, results = threading.Barrier(len(sends)), [None] * len(sends)

    def worker(i: int) -> None:
        barrier.wait()
        results[i] = sends[i]()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(sends))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
