"""`optio db snapshot`: the rules the database enforces, as they stand after every migration.

supabase/migrations/ is the schema's history; supabase/schema/<domain>.sql is its current state,
one file per domain: tables (columns, constraints, indexes), row-level security, policies,
grants, functions and triggers of the schemas public and private, read from the catalog of a
scratch database migrated from nothing. Every table and function belongs to a domain named
below: an object missing from the maps stops the snapshot, so the maps stay complete.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

from .config import PROJECT_ROOT
from .migrate import migrate

SCHEMA_DIR = PROJECT_ROOT / "supabase" / "schema"

TABLES = {
    "public.users": "users",
    "auth.users": "users",  # Supabase's own table: only the project's triggers on it are shown
    "public.quests": "quests",
    "public.quest_tasks": "quests",
    "public.user_quests": "quests",
    "public.quest_task_completions": "quests",
    "public.evidence_revisions": "quests",
    "public.evidence_items": "quests",
    "public.xp_events": "xp",
    "public.user_skill_xp": "xp",
    "public.diplomas": "diplomas",
    "public.team_requests": "teams",
    "public.quest_submissions": "submissions",
    "public.subscription_tiers": "billing",
    "public.stripe_events": "billing",
    "public.subscription_tier_changes": "billing",
    "public.ai_usage": "ai",
    "public.notifications": "notifications",
    "public.audit_log": "admin",
    "private.evidence_objects": "storage",
    "private.jobs": "jobs",
    "private.diploma_totals": "diplomas",
    "public.credentials": "credentials",
    "private.mail_outbox": "mail",
    "public.mail_preferences": "mail",
    "private.mail_unsubscribe_tokens": "mail",
    "public.student_links": "links",
    "public.link_invitations": "links",
    "private.link_code_failures": "links",
    "public.completion_feedback": "feedback",
    "public.level_curves": "xp",
    "public.parental_consents": "consent",
    "private.consent_requests": "consent",
    "public.account_exports": "account",
    "private.time_zone_changes": "progress",
    "public.activity_days": "progress",
    "public.user_streaks": "progress",
    "public.streak_freezes": "progress",
    "public.achievements": "achievements",
    "public.user_achievements": "achievements",
}

# Functions that are not a trigger's, or whose rule belongs elsewhere than their trigger's table.
# Any other function takes the domain of the table its trigger is on.
FUNCTIONS = {
    "private.is_admin": "shared",
    "private.forbid_change": "shared",
    "private.set_updated_at": "shared",
    "private.unique_username": "users",
    "private.create_diploma": "diplomas",
    "private.create_diploma_for_new_user": "diplomas",
    "private.readable_diploma": "diplomas",
    "private.is_own_evidence_key": "diplomas",
    "private.diploma_quest_summaries": "diplomas",
    "private.diploma_quests_in_progress": "diplomas",
    "private.diploma_front_document": "diplomas",
    "private.diploma_front": "diplomas",
    "private.diploma_quests": "diplomas",
    "private.diploma_quest": "diplomas",
    "private.diploma_evidence": "diplomas",
    "private.create_diploma_totals": "diplomas",
    "private.count_enrollments": "diplomas",
    "private.count_completions": "diplomas",
    "private.diploma_slug_base": "diplomas",
    "private.slug_words": "diplomas",
    "private.award_completion": "xp",
    "private.issue_credential": "credentials",
    "private.credentials_public": "credentials",
    "private.revoke_credentials_of_deleted_user": "credentials",
    "public.revoke_credential": "credentials",
    "private.default_link_scope": "links",
    "private.link_from": "links",
    "private.link_party_name": "links",
    "private.link_scope": "links",
    "private.linked_completions": "links",
    "private.linked_student": "links",
    "private.linked_quests": "links",
    "public.suggest_quest": "links",
    "private.my_active_role": "links",
    "private.my_email": "links",
    "private.my_students": "links",
    "private.sees_evidence": "links",
    "public.answer_link_invitation": "links",
    "public.create_link_code": "links",
    "public.invite_student": "links",
    "public.redeem_link_code": "links",
    "private.feedback_from_completion": "feedback",
    "private.notify_feedback": "feedback",
    "private.reads_feedback": "feedback",
    "private.writes_feedback": "feedback",
    "private.completion_owner": "feedback",
    "private.mail_notification": "mail",
    "private.mail_category": "mail",
    "private.wants_mail": "mail",
    "private.masked_email": "mail",
    "public.mail_unsubscribe_preview": "mail",
    "public.unsubscribe_mail": "mail",
    "private.is_under_13": "consent",
    "private.consent_pending": "consent",
    "private.manages_child": "consent",
    "private.sets_link_scope": "consent",
    "private.my_consent_request": "consent",
    "private.hold_until_consent": "consent",
    "private.record_child_added": "consent",
    "public.request_parental_consent": "consent",
    "public.consent_request_info": "consent",
    "public.answer_consent_request": "consent",
    "public.revoke_parental_consent": "consent",
    "public.request_child_export": "account",
    "private.shown_name": "teams",
    "private.find_user_id": "teams",
    "private.shares_team_request": "teams",
    "private.team_profile": "teams",
    "private.teammate_quests": "teams",
    "private.discoverable_students": "teams",
    "private.valid_suggested_tasks": "submissions",
    "private.effective_tier": "billing",
    "private.tier_allows": "billing",
    "private.active_quests_besides": "billing",
    "private.may_take_quest": "billing",
    "private.my_effective_tier": "billing",
    "private.my_tier_allows": "billing",
    "private.my_active_quests_besides": "billing",
    "private.may_i_take_quest": "billing",
    "private.link_stripe_customer": "billing",
    "private.record_tier_change": "billing",
    "private.notify_payment_failed": "billing",
    "private.reserve_ai_call": "ai",
    "private.finish_ai_call": "ai",
    "private.notify": "notifications",
    "private.adopt_stored_evidence": "storage",
    "public.request_account_export": "account",
    "private.start_export": "account",
    "public.level_at": "xp",
    "private.user_columns": "account",
    "private.account_export_rows": "account",
    "private.delete_account": "account",
    "private.completion_evidence_stored": "storage",
    "private.completion_evidence_revised": "quests",
    "private.keep_evidence_revision": "quests",
    "private.evidence_item_checked": "quests",
    "private.count_evidence_items": "quests",
    "private.max_evidence_items": "quests",
    "private.is_time_zone": "progress",
    "private.check_time_zone": "progress",
    "private.record_time_zone": "progress",
    "private.zone_at": "progress",
    "public.streak_freezes_per_month": "progress",
    "private.bridge_gap": "progress",
    "private.rebuild_streak": "progress",
    "private.count_active_day": "progress",
    "private.record_activity": "progress",
    "private.streak_today": "progress",
    "public.my_streak": "progress",
    "public.teammate_leaderboard": "progress",
    "private.valid_achievement_condition": "achievements",
    "private.meets": "achievements",
    "private.unlock_achievements": "achievements",
    "private.earn_achievements": "achievements",
    "private.enqueue_achievement_backfill": "achievements",
    "private.backfill_achievement": "achievements",
    "public.issue_achievement_credential": "credentials",
}

HEADER = """\
-- GENERATED by `optio db snapshot` from supabase/migrations: do not edit.
-- The {domain} domain's tables, row-level security, policies, grants, functions and triggers
-- as they stand after every migration. Change the schema with a new migration, then run
-- `cd backend && ../.venv/bin/optio db snapshot`; `optio db snapshot --check` (make lint,
-- tests/db/test_schema_snapshot.py) fails while this file is stale.
"""


class UnmappedObject(RuntimeError):
    """A table or function that optio/schema_snapshot.py assigns to no domain."""


def snapshot(admin_url: str) -> dict[str, str]:
    """{file name: text} of a database migrated from nothing on `admin_url`'s server."""
    with scratch_database(admin_url) as url:
        migrate(url)
        return render(url)


@contextmanager
def scratch_database(admin_url: str) -> Iterator[str]:
    name = f"optio_snapshot_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    try:
        yield psycopg.conninfo.make_conninfo(admin_url, dbname=name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
            )


def render(url: str) -> dict[str, str]:
    """{file name: text} of the already migrated database at `url`."""
    parts: dict[str, list[str]] = defaultdict(list)
    with psycopg.connect(url) as conn:
        conn.execute("set search_path = ''")  # every name schema-qualified
        tables = [r[0] for r in conn.execute(_Q_TABLES)]
        unmapped = sorted(set(tables) - set(TABLES))
        triggers: dict[str, list[str]] = defaultdict(list)
        for table, name, definition in conn.execute(_Q_TRIGGERS):
            if table not in TABLES:
                unmapped.append(f"{table} (trigger {name})")
            triggers[table].append(f"{definition};\n")
        for table in tables + sorted(t for t in triggers if t not in tables):
            if table in TABLES:
                definition = _table(conn, table) if table in tables else _rule(table) + "\n"
                parts[TABLES[table]].append(definition + "".join(triggers[table]))
        for function, tables_of_triggers, definition, grants in conn.execute(_Q_FUNCTIONS):
            domains = {TABLES.get(t) for t in tables_of_triggers or []}
            domain = FUNCTIONS.get(function) or (domains.pop() if len(domains) == 1 else None)
            if domain is None:
                unmapped.append(f"{function} (function)")
                continue
            parts[domain].append(definition.rstrip() + ";\n" + "".join(grants))
        parts["shared"].append("".join(r[0] for r in conn.execute(_Q_SCHEMA_GRANTS)))
    if unmapped:
        raise UnmappedObject(
            "no domain for " + ", ".join(unmapped) + ": add them to optio/schema_snapshot.py"
        )
    return {
        f"{domain}.sql": HEADER.format(domain=domain) + "".join("\n" + p for p in texts)
        for domain, texts in sorted(parts.items())
    }


def write(files: dict[str, str], directory: Path = SCHEMA_DIR) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.sql"):
        if stale.name not in files:
            stale.unlink()
    for name, text in files.items():
        (directory / name).write_text(text)


def differing(files: dict[str, str], directory: Path = SCHEMA_DIR) -> list[str]:
    """Names of the files that are missing, stale or extra in `directory`."""
    on_disk = {p.name: p.read_text() for p in directory.glob("*.sql")} if directory.is_dir() else {}
    return sorted(n for n in set(files) | set(on_disk) if files.get(n) != on_disk.get(n))


def _rule(table: str) -> str:
    return f"-- {table} " + "-" * (94 - len(table))


def _table(conn: psycopg.Connection, table: str) -> str:
    columns = [r[0] for r in conn.execute(_Q_COLUMNS, {"t": table})]
    constraints = [r[0] for r in conn.execute(_Q_CONSTRAINTS, {"t": table})]
    body = ",\n  ".join(columns + constraints)
    text = _rule(table) + f"\ncreate table {table} (\n  {body}\n);\n"
    text += "".join(f"{r[0]};\n" for r in conn.execute(_Q_INDEXES, {"t": table}))
    text += "".join(r[0] for r in conn.execute(_Q_TABLE_SECURITY, {"t": table}))
    return text


_Q_TABLES = """
select c.oid::regclass::text from pg_class c
where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace)
  and c.relkind in ('r', 'p', 'v', 'm', 'f')
order by c.relnamespace::regnamespace::text, c.relname
"""

_Q_COLUMNS = """
select quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
  || case a.attidentity when 'a' then ' generated always as identity'
                        when 'd' then ' generated by default as identity' else '' end
  || case when a.attgenerated = 's'
          then ' generated always as (' || pg_get_expr(d.adbin, d.adrelid) || ') stored'
          when d.adbin is not null then ' default ' || pg_get_expr(d.adbin, d.adrelid)
          else '' end
  || case when a.attnotnull then ' not null' else '' end
from pg_attribute a
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where a.attrelid = %(t)s::regclass and a.attnum > 0 and not a.attisdropped
order by a.attnum
"""

_Q_CONSTRAINTS = """
select 'constraint ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid, true)
from pg_constraint c where c.conrelid = %(t)s::regclass
order by c.conname
"""

_Q_INDEXES = """
select pg_get_indexdef(i.indexrelid) from pg_index i
where i.indrelid = %(t)s::regclass
  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid
                  and c.conrelid = i.indrelid)
order by i.indexrelid::regclass::text
"""

# Row-level security, policies, then table and column grants (the owner's own rights left out).
_Q_TABLE_SECURITY = """
select format('alter table %%s %%s row level security;%%s', c.oid::regclass,
              case when c.relrowsecurity then 'enable' else 'disable' end,
              case when c.relforcerowsecurity then ' -- forced' else '' end) || E'\n'
from pg_class c where c.oid = %(t)s::regclass
union all (
  select format('create policy %%I on %%s as %%s for %%s to %%s%%s%%s;', p.policyname,
                %(t)s::regclass, lower(p.permissive), lower(p.cmd), array_to_string(p.roles, ', '),
                ' using (' || p.qual || ')', ' with check (' || p.with_check || ')') || E'\n'
  from pg_policies p where format('%%I.%%I', p.schemaname, p.tablename)::regclass = %(t)s::regclass
  order by p.policyname)
union all (
  select format('grant %%s on %%s to %%s;', string_agg(lower(x.privilege_type), ', '
                order by x.privilege_type), c.oid::regclass, g.name) || E'\n'
  from pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) x
  cross join lateral (select coalesce((select r.rolname::text from pg_roles r
                                       where r.oid = x.grantee), 'public') as name) g
  where c.oid = %(t)s::regclass and x.grantee <> c.relowner
  group by c.oid, g.name order by g.name)
union all (
  select format('grant %%s (%%s) on %%s to %%s;', lower(x.privilege_type),
                string_agg(quote_ident(a.attname), ', ' order by a.attnum), a.attrelid::regclass,
                g.name) || E'\n'
  from pg_attribute a, aclexplode(a.attacl) x
  cross join lateral (select coalesce((select r.rolname::text from pg_roles r
                                       where r.oid = x.grantee), 'public') as name) g
  where a.attrelid = %(t)s::regclass and a.attacl is not null
  group by a.attrelid, x.privilege_type, g.name order by g.name, x.privilege_type)
"""

_Q_TRIGGERS = """
select t.tgrelid::regclass::text, t.tgname, pg_get_triggerdef(t.oid, true)
from pg_trigger t
join pg_proc p on p.oid = t.tgfoid
join pg_class c on c.oid = t.tgrelid
where not t.tgisinternal
  and (c.relnamespace in ('public'::regnamespace, 'private'::regnamespace)
       or p.pronamespace in ('public'::regnamespace, 'private'::regnamespace))
order by t.tgrelid::regclass::text, t.tgname
"""

_Q_FUNCTIONS = """
select p.oid::regproc::text,
  (select array_agg(distinct t.tgrelid::regclass::text) from pg_trigger t where t.tgfoid = p.oid),
  pg_get_functiondef(p.oid),
  coalesce((select array_agg(format('grant execute on function %s(%s) to %s;', p.oid::regproc,
                                    pg_get_function_identity_arguments(p.oid), g.name) || E'\n'
                             order by g.name)
            from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) x
            cross join lateral (select coalesce((select r.rolname::text from pg_roles r
                                                 where r.oid = x.grantee), 'public') as name) g
            where x.grantee <> p.proowner),
           array['-- execute: its owner only' || E'\n'])
from pg_proc p
where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
order by p.pronamespace::regnamespace::text, p.proname,
  pg_get_function_identity_arguments(p.oid)
"""

_Q_SCHEMA_GRANTS = """
select format('grant %s on schema %I to %s;', string_agg(lower(x.privilege_type), ', '
              order by x.privilege_type), n.nspname, g.name) || E'\n'
from pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) x
cross join lateral (select coalesce((select r.rolname::text from pg_roles r
                                     where r.oid = x.grantee), 'public') as name) g
where n.nspname in ('public', 'private') and x.grantee <> n.nspowner
group by n.nspname, g.name order by n.nspname, g.name
"""
