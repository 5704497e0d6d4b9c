"""Routes of the diplomas domain."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("diplomas", __name__, url_prefix="/api")
