"""SQL of the parent and advisor views. The caller's links decide everything: the student list
and profile come from private.linked_student, quests from private.linked_quests and
completions from private.linked_completions (evidence blanked outside the link's scope),
XP from user_skill_xp and xp_events under their link policies (20261203200100)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from ..db import Tx

# A student card (StudentCard) from `s`, a row of private.linked_student. Last week's XP and
# the last activity read the ledger by (user_id, created_at): a week of it, never the history.
_CARD = """
select s.id, s.username, s.display_name, s.relation, s.scope, s.link_id, s.linked_at,
       s.diploma_slug, coalesce(s.diploma_public, false) as diploma_public,
       s.completed_quests, s.quests_in_progress, s.completed_tasks,
       (select coalesce(sum(x.xp_amount), 0)::integer from public.user_skill_xp x
        where x.user_id = s.id) as xp_total,
       (select coalesce(sum(e.amount), 0)::integer from public.xp_events e
        where e.user_id = s.id and e.created_at > now() - interval '7 days') as xp_this_week,
       (select e.created_at from public.xp_events e where e.user_id = s.id
        order by e.created_at desc limit 1) as last_active_at"""

_LIST = (
    _CARD
    + """, count(*) over () as total
from private.linked_student(null) s
order by s.linked_at desc, s.id
limit %(limit)s offset %(offset)s"""
)
_ANY = "select count(*) as n from public.student_links where supporter_id = (select auth.uid())"

_ONE = _CARD + "\nfrom private.linked_student(%(student)s) s"

_PILLARS = """
select x.pillar, x.xp_amount::integer as xp from public.user_skill_xp x
where x.user_id = %(student)s and x.xp_amount <> 0"""

_QUESTS = "select * from private.linked_quests(%(student)s)"

_COMPLETIONS = """
select c.*,
       (select count(*) from public.completion_feedback f where f.completion_id = c.id)::integer
         as feedback_count
from private.linked_completions(%(student)s, %(before)s, %(before_id)s, %(limit)s) c"""

_SUGGEST = "select public.suggest_quest(%(student)s, %(quest)s, %(note)s) as outcome"


def students(tx: Tx, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    rows = tx.all(_LIST, {"limit": limit, "offset": offset})
    if rows:
        return [{k: v for k, v in r.items() if k != "total"} for r in rows], rows[0]["total"]
    # Past the last page (or none): the count alone.
    return [], tx.scalar(_ANY)


def overview(
    tx: Tx, student: uuid.UUID
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[dict[str, Any]]]:
    """The card (None when not linked), XP by pillar and quests, in one round trip."""
    card, pillars, quests = tx.run(
        (_ONE, {"student": student}),
        (_PILLARS, {"student": student}),
        (_QUESTS, {"student": student}),
    )
    return (card[0] if card else None), pillars, quests


def completions(
    tx: Tx, student: uuid.UUID, before: tuple[datetime, uuid.UUID] | None, limit: int
) -> tuple[bool, list[dict[str, Any]]]:
    """Whether I am linked to the student, and a page of their completions (one more than
    `limit`, to tell whether there are more)."""
    linked, rows = tx.run(
        ("select private.link_scope(%(student)s) is not null as linked", {"student": student}),
        (
            _COMPLETIONS,
            {
                "student": student,
                "before": before[0] if before else None,
                "before_id": before[1] if before else None,
                "limit": limit + 1,
            },
        ),
    )
    return linked[0]["linked"], rows


def suggest(tx: Tx, student: uuid.UUID, quest: uuid.UUID, note: str) -> str:
    return tx.scalar(_SUGGEST, {"student": student, "quest": quest, "note": note})
