from __future__ import annotations

import pytest

from optio.storage.sniff import sniff

from .conftest import PDF, PNG


@pytest.mark.parametrize(
    ("data", "kind", "content_type", "extension"),
    [
        (PNG, "image", "image/png", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image", "image/jpeg", "jpg"),
        (b"GIF87a\x01\x00\x01\x00", "image", "image/gif", "gif"),
        (b"GIF89a\x01\x00\x01\x00", "image", "image/gif", "gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image", "image/webp", "webp"),
        (PDF, "document", "application/pdf", "pdf"),
    ],
)
def test_each_accepted_format_is_recognised_by_its_bytes(data, kind, content_type, extension):
    sniffed = sniff(data)
    assert sniffed is not None
    assert (sniffed.kind, sniffed.content_type, sniffed.extension) == (
        kind,
        content_type,
        extension,
    )


def test_a_pdf_named_like_an_image_is_still_a_document():
    # sniff never sees the name "scan.png" or the client's "image/png": only the bytes.
    sniffed = sniff(PDF)
    assert sniffed is not None and sniffed.kind == "document"


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        b"<svg xmlns='http://www.w3.org/2000/svg'></svg>",
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows executable
        b"RIFF\x24\x00\x00\x00WAVEfmt ",  # RIFF, but audio
        b"\x89PNG",  # a truncated signature
        b"",
    ],
    ids=["html", "svg", "exe", "wav", "truncated-png", "empty"],
)
def test_anything_else_is_refused(data):
    assert sniff(data) is None
