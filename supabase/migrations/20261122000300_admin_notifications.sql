-- Accounts that admins manage, the audit log of admin writes, and in-app notifications.

-- Deactivation ------------------------------------------------------------------------------
alter table public.users add column is_active boolean not null default true;

-- A deactivated user is banned in auth.users too (GoTrue reads banned_until on Supabase; the
-- local provider does the same), so sign-in and refresh stop; the API also refuses their
-- still-valid access tokens (see optio/db.py).
create function private.sync_user_ban() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update auth.users
  set banned_until = case when new.is_active then null else 'infinity'::timestamptz end
  where id = new.id;
  return null;
end
$$;
create trigger users_sync_ban after update of is_active on public.users
  for each row when (old.is_active is distinct from new.is_active)
  execute function private.sync_user_ban();

-- Role, tier and activity are an admin's to change, never the user's own.
create function private.guard_admin_columns() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_user in ('anon', 'authenticated')
     and (new.role, new.subscription_tier, new.is_active)
         is distinct from (old.role, old.subscription_tier, old.is_active)
     and not (select private.is_admin()) then
    raise exception 'only an admin may change role, tier or activity'
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;
create trigger users_guard_admin_columns before update on public.users
  for each row execute function private.guard_admin_columns();

grant update (role, subscription_tier, is_active) on public.users to authenticated;
create policy users_update_admin on public.users for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));

-- Admins manage the catalog and may enroll others (approving a submission enrolls its author).
grant insert, update, delete on public.quests, public.quest_tasks to authenticated;
create policy quests_admin_insert on public.quests for insert to authenticated
  with check ((select private.is_admin()));
create policy quests_admin_update on public.quests for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));
create policy quest_tasks_admin_insert on public.quest_tasks for insert to authenticated
  with check ((select private.is_admin()));
create policy quest_tasks_admin_update on public.quest_tasks for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));
create policy quest_tasks_admin_delete on public.quest_tasks for delete to authenticated
  using ((select private.is_admin()));
create policy user_quests_admin_enroll on public.user_quests for insert to authenticated
  with check ((select private.is_admin()));

-- Audit log ---------------------------------------------------------------------------------
create table public.audit_log (
  id bigint generated always as identity primary key,
  actor_id uuid references public.users (id) on delete set null,
  action text not null,
  target_type text not null,
  target_id text,
  before jsonb,
  after jsonb,
  created_at timestamptz not null default now()
);
create index audit_log_actor_id_idx on public.audit_log (actor_id);
create index audit_log_target_idx on public.audit_log (target_type, target_id);
create index audit_log_created_at_idx on public.audit_log (created_at desc);

alter table public.audit_log enable row level security;
revoke all on public.audit_log from anon, authenticated;
grant select, insert on public.audit_log to authenticated;
create policy audit_log_admin_read on public.audit_log for select to authenticated
  using ((select private.is_admin()));
create policy audit_log_admin_write on public.audit_log for insert to authenticated
  with check (actor_id = (select auth.uid()) and (select private.is_admin()));
create trigger audit_log_append_only before update or delete on public.audit_log
  for each row execute function private.forbid_change();

-- Notifications -----------------------------------------------------------------------------
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  type text not null,
  title text not null,
  body text not null default '',
  data jsonb not null default '{}',
  read_at timestamptz,
  created_at timestamptz not null default now()
);
-- Unread first, newest first: the index serves the list and the unread count.
create index notifications_user_list_idx
  on public.notifications (user_id, (read_at is not null), created_at desc);

alter table public.notifications enable row level security;
revoke all on public.notifications from anon, authenticated;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
create policy notifications_read_own on public.notifications for select to authenticated
  using (user_id = (select auth.uid()));
create policy notifications_mark_own on public.notifications for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

-- Notifications are written by the database when something happens, never by clients.
create function private.notify(
  recipient uuid, kind text, title text, body text default '', payload jsonb default '{}'
) returns void
language sql security definer set search_path = '' as $$
  insert into public.notifications (user_id, type, title, body, data)
  values (recipient, kind, title, body, payload)
$$;
revoke all on function private.notify(uuid, text, text, text, jsonb) from public, anon, authenticated;

create function private.notify_quest_completed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.notify(
    new.user_id, 'quest_completed', 'Quest completed: ' || q.title,
    'Every required task is done. It is on your diploma now.',
    jsonb_build_object('quest_id', new.quest_id))
  from public.quests q where q.id = new.quest_id;
  return null;
end
$$;
create trigger user_quests_notify_completed after update of completed_at on public.user_quests
  for each row when (old.completed_at is null and new.completed_at is not null)
  execute function private.notify_quest_completed();

revoke all on function private.sync_user_ban(), private.guard_admin_columns(),
  private.notify_quest_completed() from public, anon, authenticated;
