"""SQL of data rights: exports (public.account_exports, under RLS for their owner; built by the
export job with the connection's own rights) and account deletion (private.delete_account,
called by the API only). See 20261203210100_account_data_rights.sql."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, TypedDict, cast

from ..db import Query, Tx, with_own_rights


class ExportRow(TypedDict):
    id: uuid.UUID
    status: str
    storage_key: str | None
    size: int | None
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None


class ExportTableRow(TypedDict):
    table_name: str  # "schema.table"
    rows: list[dict[str, Any]]


class EvidenceFileRow(TypedDict):
    path: str
    content_type: str


class BuildingRow(TypedDict):
    user_id: uuid.UUID
    avatar_path: str | None


class DeletionFactsRow(TypedDict):
    email: str
    stripe_subscription_id: str | None
    subscription_status: str | None
    evidence_keys: list[str]
    export_keys: list[str]
    avatar_path: str | None


class GuardianRow(TypedDict):
    """The parent asking to delete a child's account: their e-mail (to check their password)
    and whether their consent for the child stands (as private.manages_child has it)."""

    email: str
    manages: bool


_COLUMNS = "e.id, e.status, e.storage_key, e.size, e.created_at, e.finished_at, e.expires_at"

# As the caller: the definer function writes the row and its job; RLS shows only one's own.
_REQUEST = f"select {_COLUMNS} from public.request_account_export() e"
_MINE = f"""
select {_COLUMNS} from public.account_exports e
where e.user_id = (select auth.uid()) order by e.created_at desc, e.id limit %(limit)s"""
_REQUEST_FOR_CHILD = f"select {_COLUMNS} from public.request_child_export(%(child)s) e"
_CHILDS = f"""
select {_COLUMNS} from public.account_exports e
where e.user_id = %(child)s order by e.created_at desc, e.id limit %(limit)s"""
_ONE = f"select {_COLUMNS} from public.account_exports e where e.id = %(id)s"

# The export job's, elevated: only the export's own user's rows.
_BUILDING = """
select e.user_id, u.avatar_path
from public.account_exports e join public.users u on u.id = e.user_id
where e.id = %(id)s and e.status = 'pending'"""
_TABLES = """
select r.table_name, r.rows
from public.account_exports e, private.account_export_rows(e.user_id) r
where e.id = %(id)s and e.status = 'pending'"""
_EVIDENCE = """
select o.path, o.content_type
from public.account_exports e join private.evidence_objects o on o.owner = e.user_id
where e.id = %(id)s and e.status = 'pending' order by o.path"""
_READY = """
update public.account_exports
set status = 'ready', storage_key = %(key)s, size = %(size)s, finished_at = now(),
    expires_at = now() + %(kept)s
where id = %(id)s and status = 'pending'
returning expires_at"""
_FAILED = """
update public.account_exports set status = 'failed', finished_at = now()
where id = %(id)s and status = 'pending'"""
_LAPSED_KEY = """
select e.storage_key from public.account_exports e
where e.id = %(id)s and e.status = 'ready' and e.expires_at <= now()"""
_EXPIRED = """
update public.account_exports set status = 'expired', storage_key = null
where id = %(id)s and status = 'ready' and expires_at <= now()"""

# Deletion: what the outside world must be told, read before anything changes.
_DELETION_FACTS = """
select u.email, u.stripe_subscription_id, u.subscription_status,
       coalesce((select array_agg(o.path order by o.path) from private.evidence_objects o
                 where o.owner = u.id), '{}') as evidence_keys,
       coalesce((select array_agg(e.storage_key order by e.storage_key)
                 from public.account_exports e
                 where e.user_id = u.id and e.storage_key is not null), '{}') as export_keys,
       u.avatar_path
from public.users u where u.id = %(user)s"""
_GUARDIAN = """
select u.email, exists (
  select 1 from public.parental_consents c
  where c.student_id = %(child)s and c.parent_id = u.id and c.revoked_at is null) as manages
from public.users u where u.id = %(parent)s"""
_DELETE = "select private.delete_account(%(user)s, %(forget_login)s) as keys"


def request_export() -> Query:
    """The caller's new export (unique_violation while one is pending)."""
    return (_REQUEST, None)


def request_child_export(child: uuid.UUID) -> Query:
    """A new export of my child's data (no_data_found unless I consented for them from my
    account; unique_violation while one is pending)."""
    return (_REQUEST_FOR_CHILD, {"child": child})


def childs(tx: Tx, child: uuid.UUID, limit: int) -> list[ExportRow]:
    """My child's exports (policy account_exports_read: none unless I manage them)."""
    return cast(list[ExportRow], tx.all(_CHILDS, {"child": child, "limit": limit}))


def one(tx: Tx, export_id: uuid.UUID) -> ExportRow | None:
    return cast(ExportRow | None, tx.one(_ONE, {"id": export_id}))


def mine(tx: Tx, limit: int) -> list[ExportRow]:
    return cast(list[ExportRow], tx.all(_MINE, {"limit": limit}))


def to_build(
    tx: Tx, export_id: uuid.UUID
) -> tuple[BuildingRow | None, list[ExportTableRow], list[EvidenceFileRow]]:
    """The export's user (with their picture's key), their rows per table and their evidence
    files (nothing when the export is no longer pending), in one round trip."""
    params = {"id": export_id}
    building, tables, files = tx.run((_BUILDING, params), (_TABLES, params), (_EVIDENCE, params))
    return (
        cast(BuildingRow, building[0]) if building else None,
        cast(list[ExportTableRow], tables),
        cast(list[EvidenceFileRow], files),
    )


def mark_ready(
    tx: Tx, export_id: uuid.UUID, key: str, size: int, kept: timedelta
) -> datetime | None:
    """When the zip expires; None when the export is no longer pending (its zip is surplus)."""
    row = tx.one(_READY, {"id": export_id, "key": key, "size": size, "kept": kept})
    return row["expires_at"] if row else None


def mark_failed(tx: Tx, export_id: uuid.UUID) -> None:
    tx.run((_FAILED, {"id": export_id}))


def lapsed_key(tx: Tx, export_id: uuid.UUID) -> str | None:
    return tx.scalar(_LAPSED_KEY, {"id": export_id})


def mark_expired(tx: Tx, export_id: uuid.UUID) -> None:
    tx.run((_EXPIRED, {"id": export_id}))


def deletion_facts(
    tx: Tx, user_id: uuid.UUID, parent: uuid.UUID | None = None
) -> tuple[DeletionFactsRow | None, GuardianRow | None]:
    """Read (with the parent who asks, when a parent deletes a child's account), and end `tx`
    in the same round trip (nothing is held during the calls after)."""
    asked: list[Query] = [(_DELETION_FACTS, {"user": user_id})]
    if parent is not None:
        asked.append((_GUARDIAN, {"parent": parent, "child": user_id}))
    facts, *guardian = tx.run(*asked, commit=True)
    return (
        cast(DeletionFactsRow | None, facts[0] if facts else None),
        cast(GuardianRow | None, guardian[0][0] if guardian and guardian[0] else None),
    )


def delete_account(user_id: uuid.UUID, forget_login: bool) -> list[Query]:
    """Statements deleting the account with the connection's own rights, to run in the
    request's transaction; the one before last answers the keys of the files it had, as
    {"evidence": [...], "exports": [...], "avatars": [...]} (null: no such account)."""
    return with_own_rights((_DELETE, {"user": user_id, "forget_login": forget_login}))
