"""SQL of the record of stored evidence files (private.evidence_objects), which the database
checks every completion a student writes against (20261202000120_evidence_objects.sql).

Clients have no right on the record, or else anyone could vouch for a file they never
uploaded; the API writes it with the connection's own rights (role none) inside the request's
transaction, keeping the claims, and goes back to the request's role at once. The statements
here are meant to be pipelined with the write that uses the file: no round trip of their own.
"""

from __future__ import annotations

from typing import Any

from ..db import Query, with_own_rights


def record(path: str, content_type: str, size: int) -> list[Query]:
    """Record the file just stored under `path` as the signed-in user's."""
    return with_own_rights(
        (
            "insert into private.evidence_objects (path, owner, content_type, size)"
            " values (%(path)s, (select auth.uid()), %(content_type)s, %(size)s)",
            {"path": path, "content_type": content_type, "size": size},
        )
    )


def forget_if_unused(path: str) -> list[Query]:
    """Drop the record again when no completion took the file (a simultaneous request
    completed the task first and its file counts; this one is deleted), so that it can never
    back a completion written later."""
    params: dict[str, Any] = {"path": path}
    return with_own_rights(
        (
            "delete from private.evidence_objects o where o.path = %(path)s"
            " and o.owner = (select auth.uid()) and not exists ("
            "  select 1 from public.quest_task_completions c where c.evidence_path = o.path)",
            params,
        )
    )
