"""Credentials: the signed documents, the issuer's DID document and profile, status lists,
revocation, and a verifier for any pasted credential."""

from __future__ import annotations

import json
import uuid
from typing import Any

from flask import Blueprint, Response
from pydantic import RootModel

from ..api import body, errors, response
from ..auth.identity import Identity, admin_required, login_required
from ..config import current_settings
from ..extensions import limiter
from . import service
from .issuer import issuer
from .schemas import (
    CredentialList,
    CredentialVerifyIn,
    CredentialVerifyOut,
    DiplomaCredentialList,
    RevokedOut,
    RevokeIn,
)
from .verify import check_pasted

bp = Blueprint("credentials", __name__, url_prefix="/api")
well_known = Blueprint("well_known", __name__)


class JsonLd(RootModel[dict[str, Any]]):
    """A JSON-LD document, exactly as signed."""


def _document(document: dict[str, Any], cache: str) -> Response:
    answer = Response(json.dumps(document, ensure_ascii=False), mimetype="application/json")
    answer.headers["Cache-Control"] = cache
    return answer


@well_known.get("/.well-known/did.json")
@response(JsonLd)
def did_document():
    """The issuer's DID document (did:web): its current and earlier signing keys."""
    return _document(issuer().did_document(), "public, max-age=300")


@bp.get("/credentials/issuer")
@response(JsonLd)
def issuer_profile():
    """The issuer of Optio's credentials, as an Open Badges Profile."""
    return _document(issuer().profile_document(), "public, max-age=300")


@bp.get("/credentials/status/<int:list_id>")
@response(JsonLd)
@errors(404)
def status_list(list_id: int):
    """A signed BitstringStatusListCredential: bit N set when position N is revoked."""
    return _document(service.status_lists().get(list_id), "public, max-age=60")


@bp.get("/credentials/<uuid:credential_id>")
@response(JsonLd)
@errors(404)
def get_credential(credential_id: uuid.UUID):
    """A quest's or an achievement's signed Open Badges 3.0 credential: public while its owner's
    diploma is public, otherwise to its owner and admins."""
    return _document(service.credential(credential_id), "private, no-store")


@bp.get("/diplomas/<slug>/credentials")
@response(DiplomaCredentialList)
def diploma_credentials(slug: str):
    """A diploma's credentials, newest first: public while the diploma is public, otherwise to
    its owner and admins (an empty list to anyone else)."""
    return {
        "items": [
            {**c, "revoked": c["revoked_at"] is not None} for c in service.diploma_credentials(slug)
        ]
    }


@bp.get("/diplomas/<slug>/clr")
@response(JsonLd)
@errors(404)
def learner_record(slug: str):
    """The diploma as a signed CLR 2.0 learner record bundling its live quest credentials."""
    answer = _document(service.record_of_diploma(slug), "private, no-store")
    answer.headers["Content-Disposition"] = f'attachment; filename="{slug}-learner-record.json"'
    return answer


@bp.get("/users/me/credentials")
@login_required
@response(CredentialList)
def my_credentials(identity: Identity):
    """My credentials, newest first (one per completed quest)."""
    return {"items": service.my_credentials(identity.user_id)}


@bp.post("/admin/credentials/<uuid:credential_id>/revoke")
@admin_required
@body(RevokeIn)
@response(RevokedOut)
@errors(404)
def revoke_credential(payload: RevokeIn, credential_id: uuid.UUID, identity: Identity):
    """Revoke a credential, with a reason the student is told (audit-logged)."""
    return service.revoke(credential_id, payload.reason)


@bp.post("/credentials/verify")
@limiter.limit(lambda: current_settings().rate_limit_verify)
@body(CredentialVerifyIn)
@response(CredentialVerifyOut)
@errors(429)
def verify_credential(payload: CredentialVerifyIn):
    """Check any Open Badges 3.0 credential (ours, or another issuer's did:key or did:web one),
    pasted as JSON text: its signature, its revocation status and its validity dates, each with
    its result (or a failed `format` check for text that is not a credential)."""

    result = check_pasted(payload.credential, issuer(), service.is_ours_revoked)
    return {
        "verified": result.verified,
        "revoked": result.revoked,
        "checks": [vars(check) for check in result.checks],
    }
