"""Diplomas: anyone reads a public one; its owner reads, publishes and edits their own."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, after_this_request, request

from ..api import body, errors, response
from ..auth.identity import Identity, login_required
from . import service
from .schemas import DiplomaPublic, DiplomaUpdate

bp = Blueprint("diplomas", __name__, url_prefix="/api")


NOT_MODIFIED = {304: (None, "Not modified: the If-None-Match ETag is current")}


@bp.get("/diplomas/<slug>")
@response(DiplomaPublic, also=NOT_MODIFIED)
@errors(404)
def get_diploma(slug: str):
    """A diploma: public ones for anyone; private ones only for their owner and admins.

    A private diploma answers 404 exactly like a missing one. Send the ETag back in
    If-None-Match to get 304 Not Modified.
    """
    return _conditional(service.diploma_by_slug(slug))


@bp.get("/users/me/diploma")
@login_required
@response(DiplomaPublic, also=NOT_MODIFIED)
def my_diploma(identity: Identity):
    """My diploma as it reads, public or not; 304 for a matching If-None-Match."""
    return _conditional(service.my_diploma(identity.user_id))


@bp.patch("/users/me/diploma")
@login_required
@body(DiplomaUpdate)
@response(DiplomaPublic)
@errors(409)
def update_my_diploma(changes: DiplomaUpdate, identity: Identity):
    """Publish or hide my diploma, or change its address, headline or bio."""
    return service.signed(service.update_my_diploma(identity.user_id, changes).document)


def _conditional(diploma: service.Diploma) -> Any:
    """Answer with the ETag and caching rules; 304 when the client already holds this version.
    Shared caches may keep only what anyone may see."""
    cache = "public, max-age=60" if diploma.shared else "private, no-store"
    not_modified = request.if_none_match.contains_weak(diploma.etag)
    document = None if not_modified else service.signed(diploma.document)

    @after_this_request
    def _validators(answer: Response) -> Response:
        answer.set_etag(diploma.etag)
        answer.headers["Cache-Control"] = cache
        return answer

    return (Response(status=304), 304) if not_modified else document
