"""Health, the OpenAPI document and the docs page."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, send_from_directory
from pydantic import BaseModel

from .. import __version__
from ..api import errors, response
from ..db import tx
from ..errors import Unavailable
from ..extensions import limiter
from ..openapi import openapi_document
from ..web import dist_dir

bp = Blueprint("meta", __name__, url_prefix="/api")
docs = Blueprint("docs", __name__, url_prefix="/api/docs")

# Swagger UI 5 (it reads OpenAPI 3.1), built with the web app as a page of its own
# (frontend/api-docs.html); its scripts and styles are the build's /assets.
DOCS_PAGE = "api-docs.html"


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
@errors(503)
def docs_page():
    """Interactive API documentation (Swagger UI, built with the web app)."""
    dist = dist_dir()
    if not (dist / DOCS_PAGE).is_file():
        raise Unavailable(
            f"The API docs are built with the web app ({dist} has no {DOCS_PAGE}): run "
            "`make web-build`. The OpenAPI document is at /api/openapi.json.",
            code="web_app_not_built",
        )
    return send_from_directory(dist, DOCS_PAGE, max_age=0)
