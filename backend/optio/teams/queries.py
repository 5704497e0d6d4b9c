"""SQL of team-ups. Every query runs as the requesting user, under RLS; the other student's
name and progress come only through the narrow definer functions of 20261122000320."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TypedDict, cast

from psycopg import sql

from ..db import Tx
from ..plans.queries import LOCK_ME, PlanRow, plan_query


class OtherJson(TypedDict):
    """The other student of a request (json_build_object: the id is a string)."""

    id: str
    username: str | None
    display_name: str | None


class QuestRefJson(TypedDict):
    id: str
    title: str | None


class TeamRequestRow(TypedDict):
    """A request as its sender or recipient sees it."""

    id: uuid.UUID
    direction: str
    status: str
    message: str
    created_at: datetime
    responded_at: datetime | None
    other: OtherJson
    quest: QuestRefJson | None


class SenderContextRow(TypedDict):
    recipient_id: uuid.UUID | None
    quest_ok: bool
    teammates: bool


class RequestStateRow(TypedDict):
    sender_id: uuid.UUID
    recipient_id: uuid.UUID
    status: str
    quest_id: uuid.UUID | None


class SharedQuestJson(TypedDict):
    """A teammate's progress on a quest we share (private.teammate_quests)."""

    quest_id: str
    title: str
    completed_tasks: int
    total_tasks: int
    completed_at: str | None


class TeammateRow(TypedDict):
    id: uuid.UUID
    username: str | None
    display_name: str | None
    teamed_up_at: datetime
    shared_quests: list[SharedQuestJson]


class CountRow(TypedDict):
    n: int


class DiscoverableRow(TypedDict):
    """A student who chose to be found, and whether more matches follow the page."""

    id: uuid.UUID
    username: str
    display_name: str
    more: bool


class DiscoveryRow(TypedDict):
    discoverable: bool


# The recipient (None when unknown), whether the quest may be named, whether we are teammates.
_SENDER_CONTEXT = """
select t.id as recipient_id,
       (%(quest)s::uuid is null or exists (
          select 1 from public.quests q
          where q.id = %(quest)s and q.is_active and q.is_public)) as quest_ok,
       (t.id is not null and exists (
          select 1 from public.team_requests r
          where r.status = 'accepted'
            and least(r.sender_id, r.recipient_id) = least(u.id, t.id)
            and greatest(r.sender_id, r.recipient_id) = greatest(u.id, t.id))) as teammates
from public.users u cross join (select private.find_user_id(%(recipient)s) as id) t
where u.id = (select auth.uid())"""

# Unless a request between us onto the same quest (or both onto none) is pending either way (the
# unique index team_requests_one_pending_per_pair_and_quest): then nothing.
_INSERT_REQUEST = """
insert into public.team_requests (sender_id, recipient_id, quest_id, message)
values ((select auth.uid()), %(recipient)s, %(quest)s, %(message)s)
on conflict do nothing returning id"""

# A request as its sender or recipient sees it (RequestRow): the other student's name comes only
# through private.team_profile. Read from `r`, a team_requests row or a CTE of them.
_REQUEST_AS_I_SEE_IT = """
select r.id,
       case when r.sender_id = (select auth.uid()) then 'outgoing' else 'incoming' end
         as direction,
       r.status, r.message, r.created_at, r.responded_at,
       json_build_object('id', o.id, 'username', p.username, 'display_name', p.display_name)
         as other,
       case when r.quest_id is null then null
            else json_build_object('id', r.quest_id, 'title', q.title) end as quest
from {requests} r
cross join lateral (
  select case when r.sender_id = (select auth.uid()) then r.recipient_id else r.sender_id end
    as id) o
left join lateral private.team_profile(o.id) p on true
left join public.quests q on q.id = r.quest_id"""
_MY_VIEW_OF_REQUESTS = _REQUEST_AS_I_SEE_IT.format(requests="public.team_requests")

_PENDING_BETWEEN_US = (
    _MY_VIEW_OF_REQUESTS
    + """
where r.status = 'pending'
  and least(r.sender_id, r.recipient_id) = least((select auth.uid()), %(recipient)s::uuid)
  and greatest(r.sender_id, r.recipient_id) = greatest((select auth.uid()), %(recipient)s::uuid)
  and r.quest_id is not distinct from %(quest)s::uuid"""
)

_MY_REQUESTS = (
    _MY_VIEW_OF_REQUESTS
    + """
where (r.sender_id = (select auth.uid()) or r.recipient_id = (select auth.uid()))
  and (%(status)s::text is null or r.status = %(status)s)
  and (%(direction)s::text is null
       or (%(direction)s = 'outgoing') = (r.sender_id = (select auth.uid())))
order by r.created_at desc, r.id desc
limit %(limit)s offset %(offset)s"""
)

_COUNT_MY_REQUESTS = """
select count(*) as n from public.team_requests r
where (r.sender_id = (select auth.uid()) or r.recipient_id = (select auth.uid()))
  and (%(status)s::text is null or r.status = %(status)s)
  and (%(direction)s::text is null
       or (%(direction)s = 'outgoing') = (r.sender_id = (select auth.uid())))"""

# Move my pending request to %(status)s as the party allowed to (the recipient answers, the
# sender cancels). Accepting a request that names an active quest enrolls me (the recipient)
# in it: I need room in my plan.
_DECIDE = """
with r as (
  update public.team_requests r set status = %(status)s
  where r.id = %(id)s and r.status = 'pending'
    and case when %(status)s = 'cancelled' then r.sender_id else r.recipient_id end
        = (select auth.uid())
    and (%(status)s <> 'accepted' or r.quest_id is null
         or not exists (select 1 from public.quests q where q.id = r.quest_id and q.is_active)
         or private.may_i_take_quest(r.quest_id))
  returning r.*)""" + _REQUEST_AS_I_SEE_IT.format(requests="r")

_REQUEST_STATE = """
select r.sender_id, r.recipient_id, r.status, r.quest_id
from public.team_requests r where r.id = %(id)s"""

# What max_active_quests limits when accepting: my quests in progress besides the request's.
_ACTIVE_BESIDES_ITS_QUEST = sql.SQL("""private.my_active_quests_besides(
  (select quest_id from public.team_requests where id = %(id)s))""")

# The page first, then the definer functions for its rows only.
_MY_TEAMMATES = """
select m.id, p.username, p.display_name, m.teamed_up_at,
       private.teammate_quests(m.id) as shared_quests
from (
  select case when r.sender_id = (select auth.uid()) then r.recipient_id else r.sender_id end
           as id,
         min(r.responded_at) as teamed_up_at
  from public.team_requests r
  where r.status = 'accepted'
    and (r.sender_id = (select auth.uid()) or r.recipient_id = (select auth.uid()))
  group by 1
  order by teamed_up_at desc, id limit %(limit)s offset %(offset)s) m
left join lateral private.team_profile(m.id) p on true
order by m.teamed_up_at desc, m.id"""

_COUNT_MY_TEAMMATES = """
select count(distinct case when r.sender_id = (select auth.uid()) then r.recipient_id
                           else r.sender_id end) as n
from public.team_requests r
where r.status = 'accepted'
  and (r.sender_id = (select auth.uid()) or r.recipient_id = (select auth.uid()))"""


# The opt-in and the caller's own role are private.discoverable_students's to check.
_DIRECTORY = """
select s.id, s.username, s.display_name, s.more
from private.discoverable_students(%(q)s, %(limit)s, %(offset)s) s"""

_MY_DISCOVERY = """
select u.discoverable from public.users u where u.id = (select auth.uid())"""

_SET_MY_DISCOVERY = """
update public.users u set discoverable = %(discoverable)s
where u.id = (select auth.uid()) returning u.discoverable"""


def sender_context(
    tx: Tx, recipient: str, quest_id: uuid.UUID | None
) -> tuple[SenderContextRow | None, PlanRow | None]:
    """My plan, the recipient's id (None when unknown), whether the quest may be named and
    whether we already are teammates: everything a new request is checked against, at once."""
    context, plan = tx.run(
        (_SENDER_CONTEXT, {"recipient": recipient, "quest": quest_id}),
        plan_query(),
    )
    return (
        cast(SenderContextRow, context[0]) if context else None,
        cast(PlanRow, plan[0]) if plan else None,
    )


def send(
    tx: Tx, recipient_id: uuid.UUID, quest_id: uuid.UUID | None, message: str
) -> tuple[bool, TeamRequestRow | None]:
    """Insert the request unless one onto the same quest is pending between us (either way), and
    read the pending one after it: (created, the pending request), in one round trip."""
    params = {"recipient": recipient_id, "quest": quest_id, "message": message}
    inserted, pending = tx.run((_INSERT_REQUEST, params), (_PENDING_BETWEEN_US, params))
    return bool(inserted), (cast(TeamRequestRow, pending[0]) if pending else None)


def list_requests(
    tx: Tx, *, status: str | None, direction: str | None, limit: int, offset: int
) -> tuple[list[TeamRequestRow], int]:
    """One page of my incoming and outgoing requests, newest first, and their count."""
    params = {"status": status, "direction": direction, "limit": limit, "offset": offset}
    page, count = tx.run((_MY_REQUESTS, params), (_COUNT_MY_REQUESTS, params))
    return cast(list[TeamRequestRow], page), cast(CountRow, count[0])["n"]


def decide(
    tx: Tx, request_id: uuid.UUID, status: str
) -> tuple[TeamRequestRow | None, RequestStateRow | None, PlanRow | None]:
    """Move my pending request to `status` as the party allowed to (the recipient answers, the
    sender cancels; accepting needs room for its quest), and read the request as it is after
    that and my plan: (changed, state, plan), in one round trip."""
    params = {"id": request_id, "status": status}
    _, changed, state, plan = tx.run(
        LOCK_ME,  # my enrollments take turns with this one
        (_DECIDE, params),
        (_REQUEST_STATE, params),
        plan_query(_ACTIVE_BESIDES_ITS_QUEST, params),
    )
    return (
        cast(TeamRequestRow, changed[0]) if changed else None,
        cast(RequestStateRow, state[0]) if state else None,
        cast(PlanRow, plan[0]) if plan else None,
    )


def teammates(tx: Tx, *, limit: int, offset: int) -> tuple[list[TeammateRow], int]:
    """One page of my teammates (newest first) with their progress on the quests we share."""
    params = {"limit": limit, "offset": offset}
    page, count = tx.run((_MY_TEAMMATES, params), (_COUNT_MY_TEAMMATES, None))
    return cast(list[TeammateRow], page), cast(CountRow, count[0])["n"]


def directory(tx: Tx, q: str, *, limit: int, offset: int) -> list[DiscoverableRow]:
    """One page of the students who chose to be found whose username or name starts with `q`."""
    params = {"q": q, "limit": limit, "offset": offset}
    return cast(list[DiscoverableRow], tx.all(_DIRECTORY, params))


def my_discovery(tx: Tx) -> DiscoveryRow | None:
    return cast(DiscoveryRow | None, tx.one(_MY_DISCOVERY))


def set_my_discovery(tx: Tx, discoverable: bool) -> DiscoveryRow | None:
    return cast(DiscoveryRow | None, tx.one(_SET_MY_DISCOVERY, {"discoverable": discoverable}))
