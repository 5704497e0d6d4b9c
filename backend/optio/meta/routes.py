"""Health, the OpenAPI document and the docs page."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, jsonify, send_from_directory
from pydantic import BaseModel
from swagger_ui_bundle import swagger_ui_path

from .. import __version__
from ..api import errors, response
from ..db import tx
from ..extensions import limiter
from ..openapi import openapi_document

bp = Blueprint("meta", __name__, url_prefix="/api")
docs = Blueprint("docs", __name__, url_prefix="/api/docs")

DOCS_PAGE = Path(__file__).with_name("docs.html")


class HealthPublic(BaseModel):
    status: str
    database: str
    version: str


@bp.get("/health")
@limiter.exempt
@response(HealthPublic)
@errors(503)
def health():
    """Whether the API and its database answer."""
    tx().scalar("select 1")  # a database that does not answer: 503 database_unavailable
    return {"status": "healthy", "database": "ok", "version": __version__}


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document of this API."""
    if "openapi" not in current_app.extensions:
        current_app.extensions["openapi"] = openapi_document(current_app)
    return jsonify(current_app.extensions["openapi"])


@docs.get("")
def docs_page():
    """Interactive API documentation (Swagger UI, served from this API)."""
    return send_from_directory(DOCS_PAGE.parent, DOCS_PAGE.name)


@docs.get("/<path:filename>")
def docs_asset(filename: str):
    if filename == "optio-init.js":
        return send_from_directory(DOCS_PAGE.parent, filename)
    return send_from_directory(swagger_ui_path, filename)
