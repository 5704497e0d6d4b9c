"""The demo student's history (development only): five weeks of work on the seeded quests, so a
newcomer signing in as student@optio.dev sees the product alive. Two quests completed with their
evidence, a third under way (its next task is "next up"), a streak of the last days, missed days
bridged by freezes, the achievements the triggers unlock on the way, and a public diploma.

Written as the service role with past completion times: the ledger events are dated from them,
and every derived row (XP totals, active days, streak, achievements) comes from the triggers.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import psycopg

QUEST = "5eed0000-0000-4000-8000-0000000000{:02d}"
TASK = "5eed0000-0000-4000-8001-00000000{:02d}{:02d}"

# (days ago, hour UTC, quest, task, evidence): text, or a link when it starts with https://.
HISTORY = [
    (
        34,
        16,
        1,
        1,
        "Solved the first 20 practice problems on variables; wrote down the 3 I got wrong and why.",
    ),
    (33, 17, 1, 2, "https://www.khanacademy.org/math/algebra/x2f8bb11595b61c86:solve-equations"),
    (31, 15, 1, 3, "Graphed y = 2x + 1 and y = -x + 4 by hand and found where they cross: (1, 3)."),
    (
        29,
        18,
        1,
        4,
        "Made a one-page cheat sheet of the equation-solving steps, with an example for each.",
    ),
    (28, 16, 1, 5, "Finished the unit test with 17 of 20; redid the three misses until right."),
    (22, 15, 7, 1, "Picked my project: a small poster series about the birds on our street."),
    (20, 16, 7, 2, "https://www.example.org/sam/bird-sketches"),
    (
        19,
        17,
        7,
        3,
        "Tried watercolour for the first time; the robin worked, the crow did not (yet).",
    ),
    (15, 16, 7, 4, "Showed the three posters to my class and asked for one thing to change each."),
    (13, 18, 7, 5, "Wrote what I would do differently: plan the layout before painting."),
    (3, 16, 3, 1, "Read about the first farming villages and listed 5 things farming changed."),
    (2, 17, 3, 2, "https://www.khanacademy.org/humanities/world-history/world-history-beginnings"),
    (1, 15, 3, 3, "Drew a map of the Silk Road's main routes and the goods that moved on each."),
]
ENROLLED = (1, 7, 3)

_HAS_HISTORY = "select exists (select 1 from public.quest_task_completions where user_id = %s)"
_ENROLL = """
insert into public.user_quests (user_id, quest_id, started_at) values (%s, %s, %s)
on conflict do nothing"""
_COMPLETE = """
insert into public.quest_task_completions
  (user_id, task_id, evidence_type, evidence_text, evidence_url, completed_at)
values (%s, %s, %s, %s, %s, %s)"""
_PUBLISH = "update public.diplomas set is_public = true where user_id = %s"
# Findable by name on the team page, so a new student's search there finds someone.
_DISCOVERABLE = "update public.users set discoverable = true where id = %s"


def add(conninfo: str, student_id: Any, now: datetime) -> bool:
    """Write the history unless the student has one; whether it was written."""
    with psycopg.connect(conninfo) as conn:
        if conn.execute(_HAS_HISTORY, (student_id,)).fetchone() == (True,):
            return False
        at = {(q, t): _when(now, ago, hour) for ago, hour, q, t, _ in HISTORY}
        for quest in ENROLLED:
            started = min(when for (q, _), when in at.items() if q == quest)
            conn.execute(_ENROLL, (student_id, QUEST.format(quest), started - timedelta(hours=1)))
        for _, _, quest, task, evidence in HISTORY:
            link = evidence.startswith("https://")
            conn.execute(
                _COMPLETE,
                (
                    student_id,
                    TASK.format(quest, task),
                    "link" if link else "text",
                    None if link else evidence,
                    evidence if link else None,
                    at[(quest, task)],
                ),
            )
        conn.execute(_PUBLISH, (student_id,))
        conn.execute(_DISCOVERABLE, (student_id,))
    return True


def _when(now: datetime, days_ago: int, hour: int) -> datetime:
    return (now - timedelta(days=days_ago)).replace(hour=hour, minute=0, second=0, microsecond=0)
