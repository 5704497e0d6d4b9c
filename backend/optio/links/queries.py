"""SQL of links and invitations. Everything runs as the requesting user: links are made only by
the definer functions of 20261203200100_student_links.sql, which check the caller's role; the
other side's name comes only through private.link_party_name."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, TypedDict

from ..db import Tx


class OutcomeRow(TypedDict, total=False):
    outcome: str
    invitation_id: uuid.UUID | None
    student_id: uuid.UUID | None
    invitee_email: str | None
    link_id: uuid.UUID | None
    code: str | None
    expires_at: datetime | None


_INVITE = "select * from public.invite_student(%(recipient)s, %(scope)s)"
_CODE = "select * from public.create_link_code(%(scope)s)"
_REDEEM = "select * from public.redeem_link_code(%(code)s)"
_ANSWER = "select * from public.answer_link_invitation(%(id)s, %(answer)s)"
_MY_NAME = "select private.link_party_name((select auth.uid())) as name"

_LINK_AS_I_SEE_IT = """
select l.id, l.relation, l.scope, l.created_at, l.updated_at,
       case when l.student_id = (select auth.uid()) then 'student' else 'supporter' end as my_side,
       json_build_object('id', l.student_id,
                         'display_name', private.link_party_name(l.student_id)) as student,
       json_build_object('id', l.supporter_id,
                         'display_name', private.link_party_name(l.supporter_id)) as supporter
from public.student_links l"""

_MY_LINKS = (
    _LINK_AS_I_SEE_IT
    + """
where l.student_id = (select auth.uid()) or l.supporter_id = (select auth.uid())
order by l.created_at desc, l.id desc
limit %(limit)s offset %(offset)s"""
)
_MY_LINK_COUNT = """
select count(*) as n from public.student_links l
where l.student_id = (select auth.uid()) or l.supporter_id = (select auth.uid())"""

_ONE_LINK = _LINK_AS_I_SEE_IT + "\nwhere l.id = %(id)s"

_SET_SCOPE = """
update public.student_links set scope = %(scope)s where id = %(id)s returning id"""

_END = "delete from public.student_links where id = %(id)s returning id"

_INVITATION_AS_I_SEE_IT = """
select i.id, i.kind, i.status, i.relation, i.scope, i.expires_at, i.created_at,
       i.responded_at, i.link_id,
       case when (i.kind = 'invite' and i.supporter_id = (select auth.uid()))
              or (i.kind = 'code' and i.student_id = (select auth.uid()))
            then 'outgoing' else 'incoming' end as direction,
       case when i.supporter_id = (select auth.uid()) then i.invitee_email end as invitee_email,
       case when o.id is null then null
            else json_build_object('id', o.id, 'display_name', private.link_party_name(o.id))
       end as other
from public.link_invitations i
cross join lateral (
  select case when i.supporter_id = (select auth.uid()) then i.student_id
              when i.kind = 'code' then (select l.supporter_id from public.student_links l
                                         where l.id = i.link_id)
              else i.supporter_id end as id) o"""

_MY_INVITATIONS = (
    _INVITATION_AS_I_SEE_IT
    + """
where %(status)s::text is null or i.status = %(status)s
order by i.created_at desc, i.id desc
limit %(limit)s offset %(offset)s"""
)
_MY_INVITATION_COUNT = """
select count(*) as n from public.link_invitations i
where %(status)s::text is null or i.status = %(status)s"""

_ONE_INVITATION = _INVITATION_AS_I_SEE_IT + "\nwhere i.id = %(id)s"


def invite(tx: Tx, recipient: str, scope: str | None) -> tuple[OutcomeRow, str | None]:
    """The outcome, and my shown name (for the e-mail to an address with no account)."""
    found, me = tx.run((_INVITE, {"recipient": recipient, "scope": scope}), (_MY_NAME, None))
    return found[0], me[0]["name"] if me else None  # type: ignore[return-value]


def create_code(tx: Tx, scope: str | None) -> OutcomeRow:
    return tx.all(_CODE, {"scope": scope})[0]  # type: ignore[return-value]


def redeem(tx: Tx, code: str) -> OutcomeRow:
    """A failed attempt is committed at once: it counts toward the caller's throttle although
    the request answers with an error."""
    found: OutcomeRow = tx.all(_REDEEM, {"code": code})[0]  # type: ignore[assignment]
    if found["outcome"] != "linked":
        tx.commit()
    return found


def answer(tx: Tx, invitation_id: uuid.UUID, answer: str) -> tuple[OutcomeRow, Any]:
    """The outcome and the invitation as I see it afterwards (None when I cannot see it)."""
    found, seen = tx.run(
        (_ANSWER, {"id": invitation_id, "answer": answer}),
        (_ONE_INVITATION, {"id": invitation_id}),
    )
    return found[0], seen[0] if seen else None  # type: ignore[return-value]


def invitation(tx: Tx, invitation_id: uuid.UUID) -> dict[str, Any] | None:
    return tx.one(_ONE_INVITATION, {"id": invitation_id})


def invitations(
    tx: Tx, status: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    rows, count = tx.run(
        (_MY_INVITATIONS, {"status": status, "limit": limit, "offset": offset}),
        (_MY_INVITATION_COUNT, {"status": status}),
    )
    return rows, count[0]["n"]


def links(tx: Tx, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    rows, count = tx.run((_MY_LINKS, {"limit": limit, "offset": offset}), (_MY_LINK_COUNT, None))
    return rows, count[0]["n"]


def link(tx: Tx, link_id: uuid.UUID) -> dict[str, Any] | None:
    return tx.one(_ONE_LINK, {"id": link_id})


def set_scope(tx: Tx, link_id: uuid.UUID, scope: str) -> tuple[bool, dict[str, Any] | None]:
    """Whether the scope changed (only the student may), and the link as I see it after."""
    changed, seen = tx.run(
        (_SET_SCOPE, {"id": link_id, "scope": scope}), (_ONE_LINK, {"id": link_id})
    )
    return bool(changed), seen[0] if seen else None


def end(tx: Tx, link_id: uuid.UUID) -> bool:
    return tx.one(_END, {"id": link_id}) is not None
