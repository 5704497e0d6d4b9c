"""Routes of the submissions domain."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("submissions", __name__, url_prefix="/api")
