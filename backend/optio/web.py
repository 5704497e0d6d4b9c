"""The built web app (frontend/dist), served beside the API: `/api` stays the API's.

Any other path answers with the file of that name in the build, or with `index.html` so that
the app's client-side routes (`/quests/…`, `/diploma/…`) load on a reload or a shared link.
Hashed assets under `assets/` never change, so browsers keep them for a year; `index.html`
is always revalidated so that a new build is picked up at once.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, send_from_directory
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

from .config import PROJECT_ROOT
from .errors import NotFound, Unavailable

DEFAULT_DIST = PROJECT_ROOT / "frontend" / "dist"
ASSET_MAX_AGE = 365 * 24 * 3600
# The API's own CSP is `default-src 'none'`; the app needs its scripts, styles (charts set
# inline styles), evidence images (signed URLs, local or Supabase Storage) and the API.
WEB_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; connect-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

bp = Blueprint("web", __name__)


class WebPath(PathConverter):
    """A path outside `/api`, so unknown API paths stay JSON 404s and wrong methods 405s."""

    regex = r"(?!api(?:/|$))[^/].*?"


@bp.record_once
def _add_converter(state) -> None:
    state.app.url_map.converters["webpath"] = WebPath


def dist_dir() -> Path:
    """The build to serve: app.config["WEB_DIST"] (tests set it), else frontend/dist."""
    return Path(current_app.config.get("WEB_DIST", DEFAULT_DIST))


@bp.get("/", defaults={"path": ""})
@bp.get("/<webpath:path>")
def web_app(path: str) -> Response:
    """The web app: a file of the build, or index.html for the app's own routes."""
    dist = dist_dir()
    if not (dist / "index.html").is_file():
        raise Unavailable(
            f"The web app is not built ({dist} has no index.html): run `make dev`, or "
            "`cd frontend && npm ci && npm run build`.",
            code="web_app_not_built",
        )
    target = safe_join(str(dist), path) if path else None
    if target and Path(target).is_file():
        cacheable = path.startswith("assets/")
        response = send_from_directory(dist, path, max_age=ASSET_MAX_AGE if cacheable else 0)
        if cacheable:
            response.headers["Cache-Control"] = f"public, max-age={ASSET_MAX_AGE}, immutable"
    elif path.startswith("assets/"):
        raise NotFound()  # a stale asset name must not get index.html as its script
    else:
        response = send_from_directory(dist, "index.html", max_age=0)
        response.headers["Cache-Control"] = "no-cache"
    response.headers["Content-Security-Policy"] = WEB_CSP
    return response
