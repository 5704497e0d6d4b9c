"""Routes of the billing domain."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("billing", __name__, url_prefix="/api")
