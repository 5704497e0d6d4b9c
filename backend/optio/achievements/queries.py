"""SQL of achievements, as the signed-in user under RLS."""

from __future__ import annotations

from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from ..db import Tx

_FIELDS = "a.key, a.name, a.description, a.icon, a.category, a.xp_reward, a.reward_pillar"

# The catalog in force, with any I unlocked that has since retired; mine first, newest first.
_CATALOG = f"""
select {_FIELDS}, u.unlocked_at, c.id as credential_id
from public.achievements a
left join public.user_achievements u
  on u.achievement_key = a.key and u.user_id = (select auth.uid())
left join public.credentials c
  on c.achievement_key = a.key and c.user_id = (select auth.uid())
where a.retired_at is null or u.id is not null
order by u.unlocked_at desc nulls last, a.category, a.key"""

_MINE = f"""
select {_FIELDS}, u.unlocked_at, c.id as credential_id
from public.user_achievements u
join public.achievements a on a.key = u.achievement_key
left join public.credentials c on c.achievement_key = a.key and c.user_id = u.user_id
where u.user_id = (select auth.uid())
order by u.unlocked_at desc, a.key"""

_ADMIN_COLUMNS = """key, name, description, icon, category, condition, xp_reward, reward_pillar,
       created_at, retired_at"""

_ADMIN_LIST = f"""
select {_ADMIN_COLUMNS},
       (select count(*) from public.user_achievements u where u.achievement_key = a.key)::int
         as unlocked_by
from public.achievements a
order by a.retired_at is not null, a.category, a.key"""

# Insert or change a row and write its audit_log entry in one statement.
_AUDITED = """
with changed as ({change} returning {columns}),
audit as (insert into public.audit_log (actor_id, action, target_type, target_id, after)
  select (select auth.uid()), %(_action)s, 'achievement', c.key, to_jsonb(c) from changed c)
select c.*, (select count(*) from public.user_achievements u
             where u.achievement_key = c.key)::int as unlocked_by
from changed c"""

_INSERT = """insert into public.achievements
  (key, name, description, icon, category, condition, xp_reward, reward_pillar)
values (%(key)s, %(name)s, %(description)s, %(icon)s, %(category)s, %(condition)s,
        %(xp_reward)s, %(reward_pillar)s)"""


_ISSUE = "select public.issue_achievement_credential(%(key)s) as id"


def issue_credential(tx: Tx, key: str) -> Any:
    return tx.scalar(_ISSUE, {"key": key})


def catalog(tx: Tx) -> list[dict[str, Any]]:
    return tx.all(_CATALOG)


def mine(tx: Tx) -> list[dict[str, Any]]:
    return tx.all(_MINE)


def admin_list(tx: Tx) -> list[dict[str, Any]]:
    return tx.all(_ADMIN_LIST)


def create(tx: Tx, fields: dict[str, Any]) -> dict[str, Any] | None:
    statement = _AUDITED.format(change=_INSERT, columns=_ADMIN_COLUMNS)
    params = {**fields, "condition": Jsonb(fields["condition"]), "_action": "achievement.create"}
    return tx.one(statement, params)


_RETIRE = sql.SQL("retired_at = case when %(_retired)s then coalesce(a.retired_at, now()) end")


def update(
    tx: Tx, key: str, changes: dict[str, Any], retired: bool | None
) -> dict[str, Any] | None:
    """`changes` holds AchievementUpdate's columns, never a client's names."""
    assignments: list[sql.Composable] = [
        sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in changes
    ]
    if retired is not None:
        assignments.append(_RETIRE)
    if not assignments:
        assignments.append(sql.SQL("name = a.name"))
    change = sql.SQL("update public.achievements a set {} where a.key = %(_key)s").format(
        sql.SQL(", ").join(assignments)
    )
    statement = sql.SQL(_AUDITED).format(change=change, columns=sql.SQL(_ADMIN_COLUMNS))
    params = {**changes, "_key": key, "_retired": retired, "_action": "achievement.update"}
    return tx.one(statement, params)
