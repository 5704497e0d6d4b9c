"""The file evidence limits, published so that clients check a file before sending it."""

from __future__ import annotations

from flask import Blueprint

from ..api import response
from .schemas import EvidenceLimits
from .sniff import ACCEPTED, MAX_BYTES

bp = Blueprint("evidence", __name__, url_prefix="/api/evidence")


@bp.get("/limits")
@response(EvidenceLimits)
def evidence_limits():
    """The content types and largest size of each kind of file evidence."""
    return {
        kind: {
            "content_types": [s.content_type for s in ACCEPTED if s.kind == kind],
            "max_bytes": max_bytes,
        }
        for kind, max_bytes in MAX_BYTES.items()
    }
