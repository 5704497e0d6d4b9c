"""SQL of team-ups. Every query runs as the requesting user, under RLS; the other student's
name and progress come only through the narrow definer functions of 20261122000320."""

from __future__ import annotations

from typing import Any

from ..db import Tx
from ..plans.queries import LOCK_ME, plan_query

ME = "(select auth.uid())"

_SAME_PAIR = """least(r.sender_id, r.recipient_id) = least({a}, {b})
  and greatest(r.sender_id, r.recipient_id) = greatest({a}, {b})"""

# A request as its sender or recipient sees it; `r` is any relation of team_requests rows.
_REQUEST_VIEW = f"""
select r.id, case when r.sender_id = {ME} then 'outgoing' else 'incoming' end as direction,
  r.status, r.message, r.created_at, r.responded_at,
  json_build_object('id', o.id, 'username', p.username, 'display_name', p.display_name) as other,
  case when r.quest_id is null then null
       else json_build_object('id', r.quest_id, 'title', q.title) end as quest
from {{source}} r
cross join lateral (
  select case when r.sender_id = {ME} then r.recipient_id else r.sender_id end as id) o
left join lateral private.team_profile(o.id) p on true
left join public.quests q on q.id = r.quest_id"""


def _view(source: str) -> str:
    return _REQUEST_VIEW.format(source=source)


def sender_context(tx: Tx, recipient: str, quest_id: Any) -> tuple[dict | None, dict | None]:
    """My plan, the recipient's id (None when unknown), whether the quest may be named and
    whether we already are teammates: everything a new request is checked against, at once."""
    context, plan = tx.run(
        (
            "select t.id as recipient_id,"
            " (%(quest)s::uuid is null or exists (select 1 from public.quests q"
            "   where q.id = %(quest)s and q.is_active and q.is_public)) as quest_ok,"
            " (t.id is not null and exists (select 1 from public.team_requests r"
            "   where r.status = 'accepted'"
            f"   and {_SAME_PAIR.format(a='u.id', b='t.id')})) as teammates"
            " from public.users u cross join (select private.find_user_id(%(recipient)s) as id) t"
            f" where u.id = {ME}",
            {"recipient": recipient, "quest": quest_id},
        ),
        plan_query(),
    )
    return (context[0] if context else None), (plan[0] if plan else None)


def send(tx: Tx, recipient_id: Any, quest_id: Any, message: str) -> tuple[bool, dict | None]:
    """Insert the request unless one is pending between us (either way), and read the pending
    one after it: (created, the pending request), in one round trip."""
    pair = _SAME_PAIR.format(a=ME, b="%(recipient)s::uuid")
    params = {"recipient": recipient_id, "quest": quest_id, "message": message}
    inserted, pending = tx.run(
        (
            "insert into public.team_requests (sender_id, recipient_id, quest_id, message)"
            f" values ({ME}, %(recipient)s, %(quest)s, %(message)s)"
            " on conflict do nothing returning id",
            params,
        ),
        (
            _view("public.team_requests") + f" where r.status = 'pending' and {pair}",
            params,
        ),
    )
    return bool(inserted), (pending[0] if pending else None)


_MINE = f"""(r.sender_id = {ME} or r.recipient_id = {ME})
  and (%(status)s::text is null or r.status = %(status)s)
  and (%(direction)s::text is null or (%(direction)s = 'outgoing') = (r.sender_id = {ME}))"""


def list_requests(
    tx: Tx, *, status: str | None, direction: str | None, limit: int, offset: int
) -> tuple[list[dict], int]:
    """One page of my incoming and outgoing requests, newest first, and their count."""
    params = {"status": status, "direction": direction, "limit": limit, "offset": offset}
    page, count = tx.run(
        (
            _view("public.team_requests") + f" where {_MINE} order by r.created_at desc, r.id desc"
            " limit %(limit)s offset %(offset)s",
            params,
        ),
        (f"select count(*) as n from public.team_requests r where {_MINE}", params),
    )
    return page, count[0]["n"]


# Accepting a request that names an active quest enrolls me (the recipient, the only one who
# accepts) in it: I need room in my plan.
_ROOM_FOR_ITS_QUEST = """(%(status)s <> 'accepted' or r.quest_id is null
  or not exists (select 1 from public.quests q where q.id = r.quest_id and q.is_active)
  or private.may_i_take_quest(r.quest_id))"""
_ACTIVE_BESIDES_ITS_QUEST = (
    "private.my_active_quests_besides("
    " (select quest_id from public.team_requests where id = %(id)s))"
)


def decide(tx: Tx, request_id: Any, status: str) -> tuple[dict | None, dict | None, dict | None]:
    """Move my pending request to `status` as the party allowed to (the recipient answers, the
    sender cancels; accepting needs room for its quest), and read the request as it is after
    that and my plan: (changed, state, plan), in one round trip."""
    params = {"id": request_id, "status": status}
    _, changed, state, plan = tx.run(
        LOCK_ME,  # my enrollments take turns with this one
        (
            "with r as (update public.team_requests r set status = %(status)s"
            " where r.id = %(id)s and r.status = 'pending'"
            f"   and case when %(status)s = 'cancelled' then r.sender_id else r.recipient_id end"
            f"     = {ME} and {_ROOM_FOR_ITS_QUEST}"
            " returning r.*)" + _view("r"),
            params,
        ),
        (
            "select r.sender_id, r.recipient_id, r.status, r.quest_id"
            " from public.team_requests r where r.id = %(id)s",
            params,
        ),
        plan_query(_ACTIVE_BESIDES_ITS_QUEST, params),
    )
    return (
        changed[0] if changed else None,
        state[0] if state else None,
        plan[0] if plan else None,
    )


_ACCEPTED = f"r.status = 'accepted' and (r.sender_id = {ME} or r.recipient_id = {ME})"
_TEAMMATE = f"case when r.sender_id = {ME} then r.recipient_id else r.sender_id end"


def teammates(tx: Tx, *, limit: int, offset: int) -> tuple[list[dict], int]:
    """One page of my teammates (newest first) with their progress on the quests we share."""
    params = {"limit": limit, "offset": offset}
    page, count = tx.run(
        (
            # The page first, then the definer functions for its rows only.
            "select m.id, p.username, p.display_name, m.teamed_up_at,"
            " private.teammate_quests(m.id) as shared_quests"
            f" from (select {_TEAMMATE} as id, min(r.responded_at) as teamed_up_at"
            f"   from public.team_requests r where {_ACCEPTED} group by 1"
            "   order by teamed_up_at desc, id limit %(limit)s offset %(offset)s) m"
            " left join lateral private.team_profile(m.id) p on true"
            " order by m.teamed_up_at desc, m.id",
            params,
        ),
        (
            f"select count(distinct {_TEAMMATE}) as n from public.team_requests r"
            f" where {_ACCEPTED}",
            None,
        ),
    )
    return page, count[0]["n"]
