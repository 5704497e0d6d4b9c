"""Evidence: from the request into completion columns, and from columns out to the client."""

from __future__ import annotations

import uuid
from typing import Any

from ..errors import AppError, UnsupportedMediaType
from ..storage import storage
from ..storage.sniff import MAX_BYTES, sniff
from .queries import CompletionJson, EvidenceColumns, EvidenceItemJson
from .schemas import FileEvidenceIn, FileItemIn, LinkItemIn, TextItemIn

ACCEPTED = "PNG, JPEG, WebP or GIF images up to 10 MB, or PDF documents up to 25 MB"


class PayloadTooLarge(AppError):
    status, code, message = 413, "payload_too_large", "The file is too large."


def columns(evidence: TextItemIn | LinkItemIn) -> EvidenceColumns:
    """Columns for text or link evidence (an item's privacy is its completion's: False here)."""
    return {
        "type": evidence.type,
        "text": evidence.text if isinstance(evidence, TextItemIn) else None,
        "url": str(evidence.url) if isinstance(evidence, LinkItemIn) else None,
        "path": None,
        "content_type": None,
        "size": None,
        "is_private": getattr(evidence, "is_private", False),
    }


def read_upload(form: FileItemIn) -> tuple[bytes, EvidenceColumns, str]:
    """The file's bytes, its columns (path still to be filled) and the extension to store it
    under; checks kind and size."""
    data = form.file.stream.read(MAX_BYTES["document"] + 1)
    found = sniff(data)
    if found is None or (form.type and form.type != found.kind):
        claimed = form.type or "evidence"
        raise UnsupportedMediaType(f"That file is not accepted as {claimed}: send {ACCEPTED}.")
    if len(data) > MAX_BYTES[found.kind]:
        limit_mb = MAX_BYTES[found.kind] // (1024 * 1024)
        raise PayloadTooLarge(f"{found.kind.capitalize()} evidence is limited to {limit_mb} MB.")
    cols: EvidenceColumns = {
        "type": found.kind,
        "text": None,
        "url": None,
        "path": None,
        "content_type": found.content_type,
        "size": len(data),
        "is_private": form.is_private if isinstance(form, FileEvidenceIn) else False,
    }
    return data, cols, found.extension


def store(
    owner_id: uuid.UUID, data: bytes, cols: EvidenceColumns, extension: str
) -> EvidenceColumns:
    if cols["content_type"] is None:
        raise ValueError("a file is stored with the content type its bytes showed")
    return {**cols, "path": storage().put(owner_id, data, cols["content_type"], extension)}


def _item(item: EvidenceItemJson, urls: dict[str, str]) -> dict[str, Any]:
    path = item["evidence_path"]
    return {
        "id": item["id"],
        "type": item["evidence_type"],
        "text": item["evidence_text"],
        "url": item["evidence_url"],
        "file_url": urls.get(path) if path else None,
        "content_type": item["evidence_content_type"],
        "size": item["evidence_size"],
    }


def public_items(items: list[EvidenceItemJson], ttl: int) -> list[dict[str, Any]]:
    """Further pieces of evidence as EvidenceItemPublic dicts, files as signed URLs."""
    paths = [i["evidence_path"] for i in items if i["evidence_path"]]
    urls = storage().signed_urls(paths, ttl) if paths else {}
    return [_item(i, urls) for i in items]


def public(rows: list[CompletionJson], ttl: int) -> list[dict[str, Any]]:
    """Completion rows as CompletionPublic dicts, files (of their items too) as signed URLs,
    in one batch call."""
    paths = [r["evidence_path"] for r in rows if r["evidence_path"]] + [
        i["evidence_path"] for r in rows for i in r.get("items", []) if i["evidence_path"]
    ]
    urls = storage().signed_urls(paths, ttl) if paths else {}
    return [
        {
            **{k: r[k] for k in ("id", "task_id", "quest_id", "xp_awarded", "completed_at")},
            "evidence": {
                "type": r["evidence_type"],
                "text": r["evidence_text"],
                "url": r["evidence_url"],
                "file_url": urls.get(r["evidence_path"]) if r["evidence_path"] else None,
                "content_type": r["evidence_content_type"],
                "size": r["evidence_size"],
                "is_private": r["is_private"],
            },
            "items": [_item(i, urls) for i in r.get("items", [])],
        }
        for r in rows
    ]
