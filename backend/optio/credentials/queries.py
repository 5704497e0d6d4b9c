"""SQL of the credentials domain (supabase/migrations/20261203000100_credentials.sql)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from ..db import Tx, with_own_rights

# Everything a credential says, in one round trip: a quest's (its tasks, evidence and XP) or an
# achievement's. Only for signing, with the connection's own rights: it reads the recipient's
# e-mail, which only ever leaves as a salted hash. Evidence marked private is left out here.
_TO_SIGN = """
select c.id, c.status_index, c.issued_at, c.quest_id, c.user_id, c.document,
       u.email, d.is_public as diploma_public, d.slug, private.shown_name(u.id) as name,
       q.title, q.description, q.image_url,
       a.key as achievement_key, a.name as achievement_name,
       a.description as achievement_description, a.category as achievement_category,
       coalesce((select jsonb_agg(jsonb_build_object(
                   'title', t.title, 'description', t.description, 'pillar', t.pillar,
                   'required', t.is_required) order by t.order_index, t.id)
                 from public.quest_tasks t where t.quest_id = c.quest_id), '[]') as tasks,
       coalesce((select jsonb_agg(jsonb_build_object(
                   'id', k.id, 'task', t.title, 'type', k.evidence_type,
                   'text', k.evidence_text, 'url', k.evidence_url)
                   order by t.order_index, t.id)
                 from public.quest_task_completions k
                 join public.quest_tasks t on t.id = k.task_id
                 where k.user_id = c.user_id and k.quest_id = c.quest_id
                   and not k.is_private), '[]') as evidence,
       coalesce((select jsonb_object_agg(pillar, xp) from (
                   select t.pillar, sum(k.xp_awarded) as xp
                   from public.quest_task_completions k
                   join public.quest_tasks t on t.id = k.task_id
                   where k.user_id = c.user_id and k.quest_id = c.quest_id
                   group by t.pillar) per_pillar), '{}') as xp
from public.credentials c
join public.users u on u.id = c.user_id
left join public.quests q on q.id = c.quest_id
left join public.achievements a on a.key = c.achievement_key
left join public.diplomas d on d.user_id = c.user_id
where c.id = %(id)s and (q.id is not null or a.key is not null)"""

_STORE = """
update public.credentials set document = %(document)s, signed_at = now()
where id = %(id)s and signed_at is null and user_id is not null
returning document"""

# As the request's role: the credentials policy decides who sees what.
_VISIBLE = """
select c.id, c.document, c.revoked_at
from public.credentials c where c.id = %(id)s"""

# What a list shows of a credential: a quest's, or an achievement's (named by the achievement;
# a removed quest is named by the signed document).
_LISTED = """c.id, c.quest_id, c.achievement_key, c.issued_at, c.revoked_at,
       coalesce(q.title, a.name, c.document->>'name', 'A removed quest') as quest_title"""

_MINE = f"""
select {_LISTED}, c.revoked_reason, c.signed_at is not null as signed
from public.credentials c left join public.quests q on q.id = c.quest_id
left join public.achievements a on a.key = c.achievement_key
where c.user_id = %(user_id)s
order by c.issued_at desc, c.id desc
limit %(limit)s"""

# Status lists hold every position, whoever's credential it is, or was: read with the
# connection's own rights. The version (count and latest revocation) says when to sign again;
# the positions are read only then.
_REVOKED_VERSION = """
select count(*) as revoked, max(revoked_at) as latest from public.credentials
where revoked_at is not null and status_index >= %(first)s and status_index < %(after)s"""

_REVOKED_POSITIONS = """
select coalesce(array_agg(status_index - %(first)s order by status_index), '{}') as positions
from public.credentials
where revoked_at is not null and status_index >= %(first)s and status_index < %(after)s"""

_IS_REVOKED = """
select exists (select 1 from public.credentials
               where status_index = %(index)s and revoked_at is not null) as revoked"""

# A diploma's credentials, as the caller may see them (the diplomas and credentials policies).
_OF_DIPLOMA = f"""
select {_LISTED}, c.revoked_at is not null as revoked
from public.diplomas d
join public.credentials c on c.user_id = d.user_id
left join public.quests q on q.id = c.quest_id
left join public.achievements a on a.key = c.achievement_key
where d.slug = %(slug)s
order by c.issued_at desc, c.id desc"""

# What a learner record bundles: the live ones, oldest first, with their documents.
_LIVE_OF_DIPLOMA = """
select c.id, c.document
from public.diplomas d join public.credentials c on c.user_id = d.user_id
where d.slug = %(slug)s and c.revoked_at is null
order by c.issued_at, c.id"""

# The learner record's recipient, and whose it is: the connection's own rights (the e-mail
# only ever leaves as a salted hash), for a diploma the caller could see.
_RECIPIENT = """
select u.email, d.is_public, private.shown_name(u.id) as name
from public.diplomas d join public.users u on u.id = d.user_id
where d.slug = %(slug)s"""

_REVOKE = "select * from public.revoke_credential(%(id)s, %(reason)s)"


def to_sign(tx: Tx, credential_id: UUID) -> dict[str, Any] | None:
    return tx.one(_TO_SIGN, {"id": credential_id})


def store_signed(tx: Tx, credential_id: UUID, document: Any) -> dict[str, Any] | None:
    return tx.one(_STORE, {"id": credential_id, "document": Jsonb(document)})


def visible(tx: Tx, credential_id: UUID) -> dict[str, Any] | None:
    return tx.one(_VISIBLE, {"id": credential_id})


def mine(tx: Tx, user_id: UUID, limit: int) -> list[dict[str, Any]]:
    return tx.all(_MINE, {"user_id": user_id, "limit": limit})


def _own_rights_row(tx: Tx, statement: str, params: dict[str, Any]) -> dict[str, Any]:
    rows = tx.run(*with_own_rights((statement, params)))
    return rows[-2][0]


def revoked_version(tx: Tx, first: int, size: int) -> dict[str, Any]:
    return _own_rights_row(tx, _REVOKED_VERSION, {"first": first, "after": first + size})


def revoked_positions(tx: Tx, first: int, size: int) -> list[int]:
    found = _own_rights_row(tx, _REVOKED_POSITIONS, {"first": first, "after": first + size})
    return list(found["positions"])


def is_revoked(tx: Tx, status_index: int) -> bool:
    return bool(_own_rights_row(tx, _IS_REVOKED, {"index": status_index})["revoked"])


def of_diploma(tx: Tx, slug: str) -> list[dict[str, Any]]:
    return tx.all(_OF_DIPLOMA, {"slug": slug})


def live_of_diploma(tx: Tx, slug: str) -> list[dict[str, Any]]:
    return tx.all(_LIVE_OF_DIPLOMA, {"slug": slug})


def recipient(tx: Tx, slug: str) -> dict[str, Any] | None:
    rows = tx.run(*with_own_rights((_RECIPIENT, {"slug": slug})))
    return rows[-2][0] if rows[-2] else None


def revoke(tx: Tx, credential_id: UUID, reason: str) -> dict[str, Any] | None:
    row = tx.one(_REVOKE, {"id": credential_id, "reason": reason})
    return row if row and row.get("id") else None
