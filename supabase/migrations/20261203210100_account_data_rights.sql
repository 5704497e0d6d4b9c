-- Data rights (issue 17, item 6): any user can export everything about them and delete their
-- account (optio/account).
--
-- Which rows are "about" a user is read from the catalog, not listed by hand, so a table added
-- later is exported (and checked by tests/account/test_export.py) without anyone remembering
-- to: private.user_columns() names every column of a table in public or private that holds a
-- user's id, i.e. has a foreign key to public.users or auth.users, or is a uuid named like one
-- (user_id, *_user_id, to_user, student_id, supporter_id, author_id, owner, sender_id,
-- recipient_id).
--
-- An export is a row of public.account_exports, requested through
-- public.request_account_export(), which writes the row and its job (account.export) in the
-- caller's transaction; at most one is pending per user (a unique index). The job reads the
-- rows with private.account_export_rows(user) (the connection's own rights, that user's rows
-- only), zips them with the user's evidence files, stores the zip in the private `exports`
-- bucket (where Supabase's storage schema exists) and marks the row ready; a week later the
-- zip is deleted (account.export_expire) and the row marked expired.
--
-- Deleting an account is private.delete_account(user, forget_login), called by the API only,
-- after the user confirmed their password and after the outside world (Stripe, Storage) was
-- told. Rows that name the user go: the foreign keys cascade (or set null where a row must
-- outlive its author: credentials keep their status-list bit, audit entries and tier changes
-- made by an admin stay without their actor), and rows of others that name the user in free
-- text (notices, queued mail, invitations to their e-mail, job arguments) are deleted; audit
-- entries about them are kept with the target forgotten. Feedback they wrote on others' work
-- goes with them (its foreign key cascades): the words are theirs, and often name them or
-- their relation to the student, so keeping them without an author would not forget them.
-- The append-only ledgers
-- (xp_events, subscription_tier_changes, audit_log) refuse every change, except, during an
-- account deletion run with the owner's rights, a change to a row that names the account
-- being deleted: the ledger of a person who is gone is deleted with them, not anonymized, since
-- a ledger row without its user has nobody to count for.

-- Exports --------------------------------------------------------------------------------------
create table public.account_exports (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  status text not null default 'pending'
    check (status in ('pending', 'ready', 'failed', 'expired')),
  storage_key text,
  size bigint check (size >= 0),
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  expires_at timestamptz,
  -- The zip is kept until expires_at; then a job deletes it and the row says so.
  constraint account_exports_ready_with_file
    check ((status = 'ready') = (storage_key is not null)),
  constraint account_exports_built_with_expiry
    check ((status in ('ready', 'expired')) = (size is not null and expires_at is not null)),
  constraint account_exports_finished_when_over
    check ((status = 'pending') = (finished_at is null))
);
create index account_exports_user_idx on public.account_exports (user_id, created_at desc);
-- One export in the making per user: a second request waits for the first.
create unique index account_exports_one_pending_key on public.account_exports (user_id)
  where status = 'pending';
alter table public.account_exports enable row level security;
revoke all on public.account_exports from anon, authenticated;
grant select on public.account_exports to authenticated;
create policy account_exports_read_own on public.account_exports for select to authenticated
  using (user_id = (select auth.uid()));

-- A new export of someone's data and its job, in the caller's transaction (a request that rolls
-- back leaves neither). unique_violation (account_exports_one_pending_key) while one is pending.
-- Who may ask is the caller's to check.
create function private.start_export(who uuid)
returns public.account_exports
language plpgsql
security definer
set search_path = ''
as $$
declare
  made public.account_exports;
begin
  insert into public.account_exports (user_id) values (who) returning * into made;
  insert into private.jobs (kind, args, max_attempts, key)
  values ('account.export', jsonb_build_object('export_id', made.id), 5, made.id::text);
  return made;
end
$$;
revoke all on function private.start_export(uuid) from public, anon, authenticated;

-- The caller's own new export.
create function public.request_account_export()
returns public.account_exports
language plpgsql
security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is null then
    raise exception 'sign in to export your data' using errcode = 'insufficient_privilege';
  end if;
  return private.start_export((select auth.uid()));
end
$$;
revoke all on function public.request_account_export() from public, anon;
grant execute on function public.request_account_export() to authenticated;

-- Every column in public or private that holds a user's id, per table.
create function private.user_columns()
returns table (schema_name text, table_name text, column_names text[])
language sql
stable
set search_path = ''
as $$
  with found as (
    select n.nspname::text as schema_name, c.relname::text as table_name,
           a.attname::text as column_name
    from pg_catalog.pg_constraint k
    join pg_catalog.pg_class c on c.oid = k.conrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
    where k.contype = 'f'
      and k.confrelid in ('public.users'::regclass, 'auth.users'::regclass)
      and n.nspname in ('public', 'private')
      and c.oid <> 'public.users'::regclass
    union
    select n.nspname, c.relname, a.attname
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname in ('public', 'private')
      and a.attnum > 0 and not a.attisdropped
      and a.atttypid = 'uuid'::regtype
      and c.oid <> 'public.users'::regclass
      and (a.attname in ('user_id', 'to_user', 'student_id', 'supporter_id', 'author_id',
                         'owner', 'sender_id', 'recipient_id')
           or a.attname like '%\_user\_id')
    union
    select 'public', 'users', 'id'
  )
  select schema_name, table_name, array_agg(column_name order by column_name)
  from found group by schema_name, table_name
$$;
revoke all on function private.user_columns() from public, anon, authenticated;

-- Every row about `who`, as one JSON array per table ("schema.table"). Only the API's export
-- job calls it, with the connection's own rights.
create function private.account_export_rows(who uuid)
returns table (table_name text, rows jsonb)
language plpgsql
stable
set search_path = ''
as $$
declare
  t record;
  matches text;
begin
  for t in select * from private.user_columns() order by 1, 2 loop
    select string_agg(format('t.%I = $1', c), ' or ') into matches from unnest(t.column_names) c;
    table_name := t.schema_name || '.' || t.table_name;
    execute format(
      'select coalesce(jsonb_agg(to_jsonb(t)), ''[]''::jsonb) from %I.%I t where %s',
      t.schema_name, t.table_name, matches)
      into rows using who;
    return next;
  end loop;
end
$$;
revoke all on function private.account_export_rows(uuid) from public, anon, authenticated;

-- Deletion ---------------------------------------------------------------------------------------
-- Append-only, but for the rows of the account being deleted (private.delete_account sets
-- optio.deleting_account and optio.deleting_email for its transaction). Clients can set that setting too, yet they never
-- run as the owner, and no function they may call deletes a user.
create or replace function private.forbid_change()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  deleting text := coalesce(current_setting('optio.deleting_account', true), '');
  mail text := coalesce(current_setting('optio.deleting_email', true), '');
begin
  if deleting <> '' and current_user not in ('anon', 'authenticated', 'service_role')
     and (strpos(to_jsonb(old)::text, deleting) > 0
          or (mail <> '' and strpos(lower(to_jsonb(old)::text), mail) > 0)) then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end
$$;

-- Delete the account `who` and everything naming it; write an audit entry that does not name
-- it. With forget_login the login (auth.users, its sessions) goes too (the local provider's);
-- without, it is banned and its sessions ended, and Supabase Auth deletes it next. Null when
-- there is no such account; else the storage keys of its files at this moment
-- ({"evidence": [...], "exports": [...]}), for the API to delete any stored since it looked.
create function private.delete_account(who uuid, forget_login boolean)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  gone public.users;
  mail text;
  keys jsonb;
begin
  select * into gone from public.users where id = who for update;
  if not found then
    return null;
  end if;
  mail := lower(gone.email);
  perform set_config('optio.deleting_account', who::text, true),
          set_config('optio.deleting_email', mail, true);
  select jsonb_build_object(
    'evidence', coalesce((select jsonb_agg(o.path) from private.evidence_objects o
                          where o.owner = who), '[]'::jsonb),
    'exports', coalesce((select jsonb_agg(e.storage_key) from public.account_exports e
                         where e.user_id = who and e.storage_key is not null), '[]'::jsonb))
  into keys;

  delete from public.users where id = who;  -- the foreign keys cascade or set null
  delete from auth.sessions where user_id = who;
  if forget_login then
    delete from auth.users where id = who;
  else
    update auth.users set banned_until = 'infinity' where id = who;
  end if;

  -- Last, so that what the cascade wrote (notices to the other side of a link) goes too.
  delete from public.notifications n
  where strpos(n.data::text, who::text) > 0 or strpos(lower(n.data::text), mail) > 0;
  delete from private.mail_outbox m
  where lower(m.to_address) = mail
     or strpos(m.text_body, who::text) > 0 or strpos(lower(m.text_body), mail) > 0
     or strpos(coalesce(m.html_body, ''), who::text) > 0
     or strpos(lower(coalesce(m.html_body, '')), mail) > 0;
  delete from public.link_invitations i where lower(i.invitee_email) = mail;
  delete from private.jobs j
  where strpos(j.args::text, who::text) > 0 or strpos(lower(j.args::text), mail) > 0;
  update public.audit_log a set target_id = null, before = null, after = null
  where a.target_id = who::text
     or strpos(coalesce(a.before::text, ''), who::text) > 0
     or strpos(coalesce(a.after::text, ''), who::text) > 0
     or strpos(lower(coalesce(a.before::text, '')), mail) > 0
     or strpos(lower(coalesce(a.after::text, '')), mail) > 0;

  insert into public.audit_log (actor_id, action, target_type, target_id, after)
  values (null, 'account.delete', 'user', null,
          jsonb_build_object('role', gone.role, 'tier', gone.subscription_tier,
                             'subscribed', gone.stripe_subscription_id is not null));
  return keys;
end
$$;
revoke all on function private.delete_account(uuid, boolean) from public, anon, authenticated;

-- The bucket export zips are kept in (STORAGE_BACKEND=supabase). Private, with no policy for
-- clients: only the API's service role reads and writes it, and users download through the
-- signed URLs the API hands their owner. Only where Supabase's storage schema exists.
do $$
begin
  if to_regclass('storage.buckets') is null then
    return;
  end if;
  insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
  values ('exports', 'exports', false, null, array['application/zip'])
  on conflict (id) do update set
    public = excluded.public,
    allowed_mime_types = excluded.allowed_mime_types;
end
$$;
