"""The built web app (frontend/dist), served beside the API: `/api` stays the API's.

Any other path answers with the file of that name in the build, or with `index.html` so that
the app's client-side routes (`/quests/…`, `/diploma/…`) load on a reload or a shared link.
Hashed assets under `assets/` never change, so browsers keep them for a year; `index.html`
is always revalidated so that a new build is picked up at once.

Link previews (Open Graph, Twitter) are read by crawlers that run no JavaScript, so a public
diploma's `index.html` carries its title, description and card image (a PNG drawn by
/api/diplomas/<slug>/card.png) from the server.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, current_app, make_response, request, send_from_directory
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

from .config import PROJECT_ROOT
from .diplomas.card import HEIGHT as CARD_HEIGHT
from .diplomas.card import WIDTH as CARD_WIDTH
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

PREVIEW_MARK = "data-preview"  # the app replaces these tags with its own once it runs
_DIPLOMA_PATH = re.compile(r"^diploma/([^/]+)$")
_DEFAULT_HEAD = re.compile(r"<title>[^<]*</title>|<meta name=\"description\"[^>]*>")

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
        response = make_response(_index_html(dist, path))
        response.headers["Cache-Control"] = "no-cache"
    response.headers["Content-Security-Policy"] = WEB_CSP
    return response


def _index_html(dist: Path, path: str) -> str:
    html = (dist / "index.html").read_text(encoding="utf-8")
    match = _DIPLOMA_PATH.match(path)
    if not match:
        return html
    from .diplomas.service import CARD_TAG, diploma_by_slug

    try:
        found = diploma_by_slug(match[1])
    except NotFound:  # private or missing: the app says so
        return html
    if found.document is None:  # not asked conditionally, so never: for the type checker
        return html
    # The card's address names its version: link-preview services keep an image by its URL for
    # days, and a new one appears as soon as the diploma changes.
    card = (
        f"{request.host_url}api/diplomas/{quote(found.document['slug'])}/card.png"
        f"?v={CARD_TAG}{found.etag[:10]}"
    )
    tags = preview_tags(found.document, request.base_url, card)
    return _DEFAULT_HEAD.sub("", html).replace("</head>", f"{tags}\n  </head>", 1)


def preview_tags(diploma: dict[str, Any], url: str, card: str) -> str:
    """The head of a shared public diploma: title, description, Open Graph and Twitter card,
    with the diploma's card image (`card`, an absolute URL)."""
    name = diploma["display_name"]
    title = f"{name}'s diploma · Optio"
    quests = diploma["totals"]["completed_quests"]
    description = diploma.get("headline") or (
        f"{name} has earned {diploma['xp']['total']} XP and completed "
        f"{quests} quest{'' if quests == 1 else 's'} on Optio."
    )
    alt = f"{name}'s Optio diploma: {diploma['xp']['total']} XP"
    meta = [
        ("name", "description", description),
        ("property", "og:type", "profile"),
        ("property", "og:site_name", "Optio"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:image", card),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(CARD_WIDTH)),
        ("property", "og:image:height", str(CARD_HEIGHT)),
        ("property", "og:image:alt", alt),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", card),
        ("name", "twitter:image:alt", alt),
    ]
    lines = [f"<title {PREVIEW_MARK}>{escape(title)}</title>"] + [
        f'<meta {attr}="{key}" content="{escape(value)}" {PREVIEW_MARK} />'
        for attr, key, value in meta
    ]
    return "\n    ".join(lines)
