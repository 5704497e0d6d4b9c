"""What a parent's weekly digest says: each linked child's week, read with the parent's own
rights, so the digest never shows more than the parent could see in the app.

Per child: quests completed and started, tasks done, XP by pillar, and up to three evidence
highlights. Evidence comes from private.linked_completions, which blanks it where the link's
scope does not cover it (progress: none; evidence: not what is marked private;
private_evidence: all). A child with nothing that week is listed as "No activity this week.";
when no child did anything, there is no digest.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, TypedDict, cast

from ..db import Tx
from ..pillars import PILLARS

HIGHLIGHTS = 3
HIGHLIGHT_CHARS = 200


class ChildWeekRow(TypedDict):
    student_id: str
    name: str
    xp: list[dict[str, Any]]  # {pillar, xp}, most first
    quests_completed: list[str]
    quests_started: list[str]
    tasks: list[dict[str, Any]]  # {task, quest, shown, type, text, url}, newest first


# The caller's children (links as a parent) and their week, [start, end). Completions are read
# through linked_completions (at most 100 a week per child: the page it allows).
_CHILDREN = """
select s.id::text as student_id, coalesce(s.display_name, s.username, 'Your child') as name,
  coalesce((
    select jsonb_agg(jsonb_build_object('pillar', x.pillar, 'xp', x.xp)
                     order by x.xp desc, x.pillar)
    from (select e.pillar, sum(e.amount)::integer as xp from public.xp_events e
          where e.user_id = s.id and e.created_at >= %(start)s and e.created_at < %(end)s
          group by e.pillar having sum(e.amount) <> 0) x), '[]') as xp,
  coalesce((
    select jsonb_agg(q.title order by q.completed_at) from private.linked_quests(s.id) q
    where q.completed_at >= %(start)s and q.completed_at < %(end)s), '[]') as quests_completed,
  coalesce((
    select jsonb_agg(q.title order by q.started_at) from private.linked_quests(s.id) q
    where q.started_at >= %(start)s and q.started_at < %(end)s), '[]') as quests_started,
  coalesce((
    select jsonb_agg(jsonb_build_object(
             'task', c.task_title, 'quest', c.quest_title, 'shown', c.evidence_shown,
             'type', c.evidence_type, 'text', c.evidence_text, 'url', c.evidence_url)
           order by c.completed_at desc, c.id desc)
    from private.linked_completions(s.id, %(end)s, 'ffffffff-ffff-ffff-ffff-ffffffffffff', 100) c
    where c.completed_at >= %(start)s), '[]') as tasks
from private.linked_student(null) s
where s.relation = 'parent'
order by name, s.id"""


def children_week(tx: Tx, start: datetime) -> list[ChildWeekRow]:
    """The week from `start` (a Monday, UTC) of each child linked to the transaction's user."""
    rows = tx.all(_CHILDREN, {"start": start, "end": start + timedelta(days=7)})
    return cast(list[ChildWeekRow], rows)


def active(child: ChildWeekRow) -> bool:
    return bool(
        child["xp"] or child["quests_completed"] or child["quests_started"] or child["tasks"]
    )


def _highlight(task: dict[str, Any]) -> str | None:
    if not task["shown"]:
        return None
    if task["text"]:
        words = " ".join(task["text"].split())
        if len(words) > HIGHLIGHT_CHARS:
            words = words[: HIGHLIGHT_CHARS - 1].rstrip() + "…"
        return f'{task["task"]} ({task["quest"]}): "{words}"'
    if task["url"]:
        return f"{task['task']} ({task['quest']}): {task['url']}"
    if task["type"]:
        return f"{task['task']} ({task['quest']}): a file"
    return None


def child_section(child: ChildWeekRow, site: str) -> str:
    lines = [child["name"]]
    if not active(child):
        return "\n".join([*lines, "No activity this week."])
    if child["quests_completed"]:
        lines.append("Completed: " + ", ".join(child["quests_completed"]))
    if child["quests_started"]:
        lines.append("Started: " + ", ".join(child["quests_started"]))
    if child["tasks"]:
        titles = ", ".join(task["task"] for task in child["tasks"])
        lines.append(f"Tasks done ({len(child['tasks'])}): {titles}")
    if child["xp"]:
        total = sum(entry["xp"] for entry in child["xp"])
        by_pillar = ", ".join(
            f"{PILLARS.get(entry['pillar'], entry['pillar'])} {entry['xp']}"
            for entry in child["xp"]
        )
        lines.append(f"XP: {total} ({by_pillar})")
    highlights = [h for h in map(_highlight, child["tasks"]) if h][:HIGHLIGHTS]
    if highlights:
        lines.append("Highlights:")
        lines += [f"  - {h}" for h in highlights]
    lines.append(f"More: {site}/students/{child['student_id']}")
    return "\n".join(lines)


def week_label(start: datetime) -> str:
    end = start + timedelta(days=6)
    return f"Monday {start.day} {start:%B} to Sunday {end.day} {end:%B %Y}"


def short_week_label(start: datetime) -> str:
    """For a subject short enough to stay on one header line."""
    end = start + timedelta(days=6)
    return f"{start.day} {start:%b} to {end.day} {end:%b}"


def digest_text(children: list[ChildWeekRow], start: datetime, site: str) -> str | None:
    """The digest's text; None when no child did anything that week."""
    if not any(map(active, children)):
        return None
    sections = "\n\n".join(child_section(child, site) for child in children)
    intro = f"What your children did on Optio from {week_label(start)}."
    return f"{intro}\n\n{sections}\n"
