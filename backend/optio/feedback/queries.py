"""SQL of feedback threads: read under policy completion_feedback_read, written under
completion_feedback_write (20261203200200_completion_feedback.sql); author names through
private.link_party_name (the student and their linked supporters see each other's names)."""

from __future__ import annotations

import uuid
from typing import Any

from ..db import Tx

_AS_I_SEE_IT = """
select f.id, f.completion_id, f.body, f.created_at,
       json_build_object(
         'id', f.author_id,
         'display_name', private.link_party_name(f.author_id),
         'is_me', f.author_id = (select auth.uid()),
         'is_student', f.author_id = f.student_id) as author
from public.completion_feedback f"""

_THREAD = (
    _AS_I_SEE_IT
    + """
where f.completion_id = %(completion)s
order by f.created_at, f.id
limit %(limit)s offset %(offset)s"""
)

# Whether the thread is mine to read (I see the completion's owner through a link or am them)
# and to write on, with its length.
_STATE = """
select private.reads_feedback(o.user_id) as reads,
       private.writes_feedback(%(completion)s, o.user_id) as writes,
       (select count(*) from public.completion_feedback f
        where f.completion_id = %(completion)s)::integer as n
from (select private.completion_owner(%(completion)s) as user_id) o
where o.user_id is not null"""

_WRITE = """
insert into public.completion_feedback (completion_id, body)
values (%(completion)s, %(body)s) returning id"""

_ONE = _AS_I_SEE_IT + "\nwhere f.id = %(id)s"


def thread(
    tx: Tx, completion: uuid.UUID, limit: int, offset: int
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    state, rows = tx.run(
        (_STATE, {"completion": completion}),
        (_THREAD, {"completion": completion, "limit": limit, "offset": offset}),
    )
    return (state[0] if state else None), rows


def state(tx: Tx, completion: uuid.UUID) -> dict[str, Any] | None:
    return tx.one(_STATE, {"completion": completion})


def write(tx: Tx, completion: uuid.UUID, body: str) -> dict[str, Any] | None:
    written = tx.one(_WRITE, {"completion": completion, "body": body})
    return tx.one(_ONE, {"id": written["id"]}) if written else None
