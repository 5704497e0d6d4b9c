"""Diplomas: anyone reads a public one; its owner reads, publishes and edits their own."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from flask import Blueprint, Response, after_this_request, redirect, request
from pydantic import BaseModel

from ..api import body, errors, query, response, serialized
from ..auth.identity import Identity, login_required
from ..pagination import KeysetQuery
from . import card, service
from .kept import Key, kept_documents
from .schemas import DiplomaPublic, DiplomaQuestDetail, DiplomaQuestPage, DiplomaUpdate

bp = Blueprint("diplomas", __name__, url_prefix="/api")

NOT_MODIFIED = {304: (None, "Not modified: the If-None-Match ETag is current")}
# What anyone may see, shared caches may keep a minute and serve a while longer as they
# revalidate it; the rest (a private diploma to its owner or an admin) no cache may keep.
SHARED = "public, max-age=60, stale-while-revalidate=600"
UNSHARED = "private, no-store"
# Link-preview crawlers fetch the card once per share; a few minutes is fresh enough for a
# picture of totals, and a browser showing it again need not ask.
CARD_SHARED = "public, max-age=300"


@bp.get("/diplomas/<slug>")
@response(DiplomaPublic, also=NOT_MODIFIED)
@errors(404)
def get_diploma(slug: str):
    """A diploma's first view: public ones for anyone; private ones only for their owner and
    admins.

    A private diploma answers 404 exactly like a missing one. Its size does not grow with the
    student's history: the rest of the completed quests come from /diplomas/{slug}/quests, a
    quest's tasks and evidence from /diplomas/{slug}/quests/{quest_id}. Send the ETag back in
    If-None-Match to get 304 Not Modified.
    """
    return _kept(
        ("front", slug), lambda known: service.diploma_by_slug(slug, known), _json(DiplomaPublic)
    )


@bp.get("/diplomas/<slug>/card.png")
@response(None, description="A 1200x630 PNG (image/png)", also=NOT_MODIFIED)
@errors(404)
def get_diploma_card(slug: str):
    """A diploma's link-preview image: a 1200x630 PNG of the name, top pillars and total XP.

    The Open Graph and Twitter image of the diploma's page, seen by whoever may see its first
    view (/diplomas/{slug}); 404 for anyone else. Send the ETag back in If-None-Match to get 304
    Not Modified.
    """
    return _kept(
        ("card", slug),
        lambda known: service.diploma_card(slug, known),
        card.render,
        mimetype="image/png",
        shared_cache=CARD_SHARED,
    )


@bp.get("/diplomas/<slug>/quests")
@query(KeysetQuery)
@response(DiplomaQuestPage, also=NOT_MODIFIED)
@errors(404)
def get_diploma_quests(page: KeysetQuery, slug: str):
    """A diploma's completed quests, newest first, a page at a time (first view's more_quests,
    then each page's next_cursor); 304 for a matching If-None-Match."""
    return _kept(
        ("quests", slug, request.args.get("cursor", ""), str(page.limit)),
        lambda known: service.completed_quests(slug, page.cursor, page.limit, known),
        _json(DiplomaQuestPage),
    )


@bp.get("/diplomas/<slug>/quests/<uuid:quest_id>")
@response(DiplomaQuestDetail, also=NOT_MODIFIED)
@errors(404)
def get_diploma_quest(slug: str, quest_id: uuid.UUID):
    """One completed quest of a diploma with its tasks and evidence; 304 for a matching
    If-None-Match."""
    return _kept(
        ("quest", slug, str(quest_id)),
        lambda known: service.completed_quest(slug, quest_id, known),
        _json(DiplomaQuestDetail),
    )


@bp.get("/diplomas/<slug>/evidence/<uuid:completion_id>")
@response(None, status=302, description="Found: Location is a short-lived link to the file")
@errors(404)
def get_diploma_evidence(slug: str, completion_id: uuid.UUID):
    """An evidence file a diploma shows: a redirect to a short-lived signed link, which no
    cache may keep."""
    answer = redirect(service.evidence_link(slug, completion_id), 302)
    answer.headers["Cache-Control"] = UNSHARED
    return answer


@bp.get("/users/me/diploma")
@login_required
@response(DiplomaPublic, also=NOT_MODIFIED)
def my_diploma(identity: Identity):
    """My diploma's first view, public or not; 304 for a matching If-None-Match."""
    # Its address names no one: a shared cache keeping it would hand it to the next caller.
    return _conditional(service.my_diploma(identity.user_id, _known()), shareable=False)


@bp.patch("/users/me/diploma")
@login_required
@body(DiplomaUpdate)
@response(DiplomaPublic)
@errors(409)
def update_my_diploma(changes: DiplomaUpdate, identity: Identity):
    """Publish or hide my diploma, change its address, headline or bio, or choose the quests it
    features."""
    return _conditional(service.update_my_diploma(identity.user_id, changes), shareable=False)


def _known() -> list[str]:
    """The ETags the client holds (If-None-Match, compared weakly as RFC 9110 says)."""
    held = request.if_none_match
    return ["*"] if held.star_tag else sorted(held.as_set(include_weak=True))


def _json(model: type[BaseModel]) -> Callable[[dict[str, Any]], bytes]:
    return lambda document: serialized(model, document)


def _kept(
    key: Key,
    fetch: Callable[[Sequence[str]], service.Diploma],
    encode: Callable[[dict[str, Any]], bytes],
    mimetype: str = "application/json",
    shared_cache: str = SHARED,
) -> Any:
    """A public part of a diploma, served from this process's kept copy when the database says
    it is still current (optio.diplomas.kept), else built, encoded, answered and kept if anyone
    may see it. The database is asked once either way."""
    held = _known()
    kept = kept_documents().get(key)
    diploma = fetch([*held, kept.etag] if kept else held)
    body = None
    if diploma.document is not None:
        body = encode(diploma.document)
        if diploma.shared:
            kept_documents().keep(key, diploma.etag, body)
    elif kept is not None and kept.etag == diploma.etag and not _holds(held, diploma.etag):
        body = kept.body
    # No body: a 304, since the client holds this version.
    return _conditional(diploma, body, mimetype=mimetype, shared_cache=shared_cache)


def _holds(held: Sequence[str], etag: str) -> bool:
    return etag in held or "*" in held


def _conditional(
    diploma: service.Diploma,
    body: bytes | None = None,
    shareable: bool = True,
    mimetype: str = "application/json",
    shared_cache: str = SHARED,
) -> Any:
    """Answer with the ETag and caching rules: `body` when given, else 304 when the client
    already holds this version (the database then left the document out), else the document."""

    @after_this_request
    def _validators(answer: Response) -> Response:
        answer.set_etag(diploma.etag)
        answer.headers["Cache-Control"] = shared_cache if shareable and diploma.shared else UNSHARED
        return answer

    if body is not None:
        return Response(body, mimetype=mimetype)
    return (Response(status=304), 304) if diploma.document is None else diploma.document
