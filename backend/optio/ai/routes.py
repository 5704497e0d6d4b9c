"""Routes of the ai domain."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("ai", __name__, url_prefix="/api")
