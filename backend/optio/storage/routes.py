"""Serving locally stored evidence through the signed URLs LocalStorage hands out."""

from __future__ import annotations

import math
import time

from flask import Blueprint, request, send_file

from ..api import errors
from ..errors import Forbidden, NotFound
from . import storage
from .base import InvalidKey
from .local import LocalStorage
from .sniff import HEADER_SIZE, sniff

bp = Blueprint("storage", __name__, url_prefix="/api/storage")


# Keys are always <owner>/<name>; two plain segments (not <path:key>) keep the rule's OpenAPI
# path a plain template.
@bp.get("/evidence/<owner>/<name>")
@errors(403, 404)
def evidence_file(owner: str, name: str):
    """Download an evidence file through a signed URL (local storage only)."""
    local = storage()
    if not isinstance(local, LocalStorage):
        raise NotFound()  # Supabase Storage serves its own signed URLs.
    key = f"{owner}/{name}"
    expires = request.args.get("expires", type=int)
    signature = request.args.get("signature", "")
    if expires is None or not local.verify(key, expires, signature):
        raise Forbidden("This link is not valid or has expired.", code="invalid_signature")
    try:
        path = local.path_of(key)
    except InvalidKey:
        raise NotFound() from None
    if not path.is_file():
        raise NotFound()
    with path.open("rb") as file:
        sniffed = sniff(file.read(HEADER_SIZE))
    inline = sniffed is not None and sniffed.kind == "image"
    response = send_file(
        path,
        mimetype=sniffed.content_type if sniffed else "application/octet-stream",
        as_attachment=not inline,
        download_name=name,
    )
    response.headers["Cache-Control"] = f"private, max-age={math.floor(expires - time.time())}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
