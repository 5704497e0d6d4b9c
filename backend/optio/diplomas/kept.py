"""Public diploma documents this process already built, each under the ETag it was built for
(their JSON, and the link-preview card's PNG, which costs some 20 ms to draw).

The database still answers every request: it checks who may read the diploma and computes its
current ETag, and is told the kept one as if the client held it (If-None-Match). When that is
still current it leaves the document out (a fifth of the cost of building it, see README
"Under load") and the kept bytes are served; otherwise it builds the new version, which
replaces the kept one. So nothing kept here can outlive a change, a diploma made private is
404 at once, and another instance that keeps nothing answers the same, only slower.
Only documents anyone may see are kept, and only within a byte budget (least recently used
first out).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import NamedTuple

from flask import Flask, current_app

Key = tuple[str, ...]


class Kept(NamedTuple):
    etag: str
    body: bytes


class KeptDocuments:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._bytes = 0
        self._kept: OrderedDict[Key, Kept] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> Kept | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
            return kept

    def keep(self, key: Key, etag: str, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._kept[key] = Kept(etag, body)
            self._bytes += len(body)
            while self._bytes > self.max_bytes:
                _, dropped = self._kept.popitem(last=False)
                self._bytes -= len(dropped.body)

    @property
    def size(self) -> int:
        return self._bytes


def init_kept_documents(app: Flask) -> None:
    app.extensions["optio_kept_diplomas"] = KeptDocuments(
        app.config["SETTINGS"].diploma_cache_bytes
    )


def kept_documents() -> KeptDocuments:
    return current_app.extensions["optio_kept_diplomas"]
