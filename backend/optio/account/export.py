"""Building an export (the `account.export` job) and deleting it when it lapses.

The job runs elevated, as every job does, but reads only through the export's own user:
private.account_export_rows(user) and that user's evidence records. It holds no transaction
while it reads files from storage or stores the zip.
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from datetime import timedelta
from typing import Any

from ..db import database
from ..jobs import Job, enqueue_statements, job_handler
from ..storage import Storage, storage
from ..users.avatar import avatar_storage
from . import queries
from .queries import EvidenceFileRow, ExportTableRow

EXPORT_BUCKET = "exports"
EXPORT_KEPT = timedelta(days=7)
BUILD_KIND = "account.export"
EXPIRE_KIND = "account.export_expire"
README = """Everything Optio holds about you, as of this export.

data/<schema>.<table>.json  every row of that table that names you, as JSON
evidence/<file>             the files you uploaded as evidence (their completions in
                            data/public.quest_task_completions.json name them by path)
avatar/<file>               your profile picture, if you have one
"""


def export_storage() -> Storage:
    """Where export zips are kept: the private `exports` bucket (Supabase Storage)."""
    return storage().in_bucket(EXPORT_BUCKET)


@job_handler(BUILD_KIND, max_attempts=5)
def build(job: Job) -> None:
    export_id = uuid.UUID(str(job.args["export_id"]))
    try:
        build_export(export_id)
    except Exception:
        if job.attempt >= job.max_attempts:  # the last try: no longer pending, so a new one may
            with database().transaction() as writing:
                queries.mark_failed(writing, export_id)
        raise


def build_export(export_id: uuid.UUID) -> bool:
    """Build and store the zip; False when the export is no longer pending (built already,
    or its account deleted)."""
    db = database()
    with db.transaction() as reading:
        building, tables, files = queries.to_build(reading, export_id)
    if building is None:
        return False
    data = zip_export(tables, files, storage(), _avatar(building["avatar_path"]))
    store = export_storage()
    key = store.put(building["user_id"], data, "application/zip", "zip")
    with db.transaction() as writing:
        expires_at = queries.mark_ready(writing, export_id, key, len(data), EXPORT_KEPT)
        if expires_at is not None:
            writing.run(
                *enqueue_statements(
                    EXPIRE_KIND,
                    {"export_id": str(export_id)},
                    run_at=expires_at,
                    key=str(export_id),
                )
            )
    if expires_at is None:
        store.delete(key)  # a run before this one finished it, or the account is gone
        return False
    return True


def _avatar(path: str | None) -> tuple[str, bytes] | None:
    """The profile picture's file name and bytes; None without one (or gone from storage)."""
    content = avatar_storage().get(path) if path else None
    return (path.rsplit("/", 1)[-1], content) if path and content is not None else None


def zip_export(
    tables: list[ExportTableRow],
    files: list[EvidenceFileRow],
    source: Storage,
    avatar: tuple[str, bytes] | None = None,
) -> bytes:
    """The zip: README.txt, data/<schema>.<table>.json, evidence/<file>, avatar/<file>."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for table in tables:
            archive.writestr(f"data/{table['table_name']}.json", _json(table["rows"]))
        for file in files:
            content = source.get(file["path"])
            if content is not None:  # recorded but gone from storage: nothing to give
                name = file["path"].rsplit("/", 1)[-1]
                archive.writestr(f"evidence/{name}", content, zipfile.ZIP_STORED)
        if avatar is not None:
            archive.writestr(f"avatar/{avatar[0]}", avatar[1], zipfile.ZIP_STORED)
    return out.getvalue()


def _json(rows: Any) -> str:
    return json.dumps(rows, indent=2, ensure_ascii=False, sort_keys=True)


@job_handler(EXPIRE_KIND, max_attempts=10)
def expire(job: Job) -> None:
    """Delete a lapsed export's zip, then mark it expired (deleting twice is harmless)."""
    export_id = uuid.UUID(str(job.args["export_id"]))
    db = database()
    with db.transaction() as reading:
        key = queries.lapsed_key(reading, export_id)
    if key is None:
        return
    export_storage().delete(key)
    with db.transaction() as writing:
        queries.mark_expired(writing, export_id)
