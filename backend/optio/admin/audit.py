"""SQL that writes a row and its audit_log entry in one statement, as the admin under RLS."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from ..db import Query

# The changed fields of one row as two jsonb objects (only the keys whose value changed).
_DIFF = sql.SQL("""
  select n.id, jsonb_object_agg(b.key, b.value) as before, jsonb_object_agg(a.key, a.value) as after
  from old o join new n on n.id = o.id
  cross join lateral jsonb_each(to_jsonb(o) - 'id') b
  join lateral jsonb_each(to_jsonb(n) - 'id') a on a.key = b.key
  where a.value is distinct from b.value
  group by n.id""")

# Lock and read the row, update it, and log what really changed, in one statement.
_AUDITED_UPDATE = sql.SQL("""
with old as (select t.id, {columns} from {table} t where {where} for no key update),
new as (update {table} t set {assignments} from old where t.id = old.id
  returning t.id, {new_columns}),
audit as (insert into public.audit_log
  (actor_id, action, target_type, target_id, before, after)
  select (select auth.uid()), %(_action)s, %(_target_type)s, d.id::text, d.before, d.after
  from ({diff}) d returning id)
select old.id, exists (select 1 from audit) as audited from old""")


def audited_update(
    table: str,
    changes: dict[str, Any],
    where: sql.SQL,
    params: dict[str, Any],
    *,
    action: str,
    target_type: str,
) -> Query:
    """Update the row matched by `where` (on alias t) and log the fields that really changed.

    The row is locked and read before the update in the same statement, so `before` is what
    this update replaced. Returns the row's id when it was found, and whether it was audited;
    no row when `where` matched nothing (RLS included). Unchanged values write no audit row.
    """
    columns = sql.SQL(", ").join(sql.Identifier(c) for c in changes)
    statement = _AUDITED_UPDATE.format(
        columns=columns,
        table=sql.Identifier("public", table),
        where=where,
        assignments=sql.SQL(", ").join(
            sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(f"_set_{c}"))
            for c in changes
        ),
        new_columns=sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(c)) for c in changes),
        diff=_DIFF,
    )
    values = {f"_set_{c}": v for c, v in changes.items()}
    return statement, {
        **params,
        **values,
        "_action": action,
        "_target_type": target_type,
    }
