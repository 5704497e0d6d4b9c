"""SQL of parental consent (supabase/schema/consent.sql, 20261203210300_child_consent.sql)."""

from __future__ import annotations

import uuid
from typing import Any

from ..db import Tx

_STATUS = """
select coalesce(u.birth_date > current_date - interval '13 years', false) as under_13,
       coalesce(u.birth_date > current_date - interval '13 years' and c.id is null, false)
         as pending,
       case when c.id is not null then json_build_object(
         'method', c.method, 'policy_version', c.policy_version, 'granted_at', c.granted_at,
         'given_by', coalesce(private.link_party_name(c.parent_id), c.parent_email))
       end as consent,
       r.parent_email as requested_to, r.created_at as requested_at
from public.users u
left join public.parental_consents c on c.student_id = u.id and c.revoked_at is null
left join private.my_consent_request() r on true
where u.id = (select auth.uid())"""

_REQUEST = "select * from public.request_parental_consent(%(address)s)"
_MY_NAME = """
select coalesce(first_name, display_name, username) as name, username
from public.users where id = (select auth.uid())"""

_INFO = "select * from public.consent_request_info(%(token)s)"
_ANSWER = "select * from public.answer_consent_request(%(token)s, %(decision)s, %(policy)s)"

_CHILDREN = """
select c.student_id as id, private.link_party_name(c.student_id) as display_name,
       c.granted_at, c.policy_version
from public.parental_consents c
where c.parent_id = (select auth.uid()) and c.revoked_at is null
order by c.granted_at, c.student_id"""

_REVOKE = "select public.revoke_parental_consent(%(child)s) as revoked"

_CHILD_ADDED = "select private.record_child_added(%(child)s, %(parent)s, %(policy)s)"
_CHILD = """
select u.id, u.username, u.display_name, u.birth_date, l.id as link_id
from public.users u join public.student_links l on l.student_id = u.id
where u.id = %(child)s and l.supporter_id = %(parent)s"""


def status(tx: Tx) -> dict[str, Any] | None:
    return tx.one(_STATUS)


def request(tx: Tx, address: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The outcome of asking (with the token for the mail) and the child's name."""
    asked, me = tx.run((_REQUEST, {"address": address}), (_MY_NAME, None))
    return asked[0], me[0]


def info(tx: Tx, token: str) -> dict[str, Any] | None:
    return tx.one(_INFO, {"token": token})


def answer(tx: Tx, token: str, decision: str, policy: str) -> dict[str, Any]:
    answered = tx.one(_ANSWER, {"token": token, "decision": decision, "policy": policy})
    assert answered is not None  # the function always answers one row
    return answered


def children(tx: Tx) -> list[dict[str, Any]]:
    return tx.all(_CHILDREN)


def revoke(tx: Tx, child: uuid.UUID) -> bool:
    return bool(tx.scalar(_REVOKE, {"child": child}))


def child_added(tx: Tx, child: uuid.UUID, parent: uuid.UUID, policy: str) -> dict[str, Any]:
    """On the elevated path: the parent's consent and link; the child as the parent sees it."""
    _, row = tx.run(
        (_CHILD_ADDED, {"child": child, "parent": parent, "policy": policy}),
        (_CHILD, {"child": child, "parent": parent}),
    )
    return row[0]
