"""Recognise an upload by its first bytes, never by its name or the client's content type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Sniffed:
    kind: Literal["image", "document"]
    content_type: str
    extension: str


PNG = Sniffed("image", "image/png", "png")
JPEG = Sniffed("image", "image/jpeg", "jpg")
GIF = Sniffed("image", "image/gif", "gif")
WEBP = Sniffed("image", "image/webp", "webp")
PDF = Sniffed("document", "application/pdf", "pdf")
ACCEPTED = (PNG, JPEG, WEBP, GIF, PDF)
# The largest file of each kind we store (GET /api/evidence/limits tells the web app).
MAX_BYTES = {"image": 10 * 1024 * 1024, "document": 25 * 1024 * 1024}

_PREFIXES: tuple[tuple[bytes, Sniffed], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"%PDF-", PDF),
)

# Enough bytes for every signature above and WebP's RIFF header.
HEADER_SIZE = 16


def sniff(data: bytes) -> Sniffed | None:
    """What `data` is, from its magic bytes; None for anything we do not accept."""
    for prefix, sniffed in _PREFIXES:
        if data.startswith(prefix):
            return sniffed
    # RIFF <4-byte little-endian size> WEBP: RIFF alone is also WAV and AVI.
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    return None
