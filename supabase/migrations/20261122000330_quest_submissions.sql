-- Custom quest submissions: a student proposes a quest with suggested tasks; an admin approves
-- it (the API then creates the quest, its tasks and the author's enrollment in the same
-- transaction) or rejects it with notes. The author hears the outcome by notification.

-- A submission's suggested tasks: 1 to 20 objects {title, description, pillar, xp_value}, with
-- the same limits the API checks, so no client and no bug can store tasks an approval would
-- turn into an invalid quest.
create function private.valid_suggested_tasks(tasks jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select case
    when jsonb_typeof(tasks) is distinct from 'array' then false
    when jsonb_array_length(tasks) not between 1 and 20 then false
    else not exists (
      select 1 from jsonb_array_elements(tasks) t
      where case
        when jsonb_typeof(t) <> 'object' then true
        when jsonb_typeof(t -> 'title') is distinct from 'string'
          or length(btrim(t ->> 'title')) not between 1 and 200 then true
        when coalesce(jsonb_typeof(t -> 'description'), 'string') <> 'string'
          or length(coalesce(t ->> 'description', '')) > 5000 then true
        when coalesce(t ->> 'pillar', '') not in (
          'stem_logic', 'life_wellness', 'language_communication', 'society_culture',
          'arts_creativity') then true
        when jsonb_typeof(t -> 'xp_value') is distinct from 'number' then true
        else (t ->> 'xp_value')::numeric not between 25 and 200
          or (t ->> 'xp_value')::numeric <> trunc((t ->> 'xp_value')::numeric)
      end
    )
  end
$$;
-- Check constraints run with the inserting role's rights.
revoke all on function private.valid_suggested_tasks(jsonb) from public, anon;
grant execute on function private.valid_suggested_tasks(jsonb) to authenticated, service_role;

create table public.quest_submissions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  title text not null check (length(btrim(title)) between 3 and 200),
  description text not null default '' check (length(description) <= 5000),
  suggested_tasks jsonb not null check (private.valid_suggested_tasks(suggested_tasks)),
  make_public boolean not null default false,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  approved_quest_id uuid references public.quests (id) on delete set null,
  admin_notes text check (length(admin_notes) <= 5000),
  reviewed_by uuid references public.users (id) on delete set null,
  reviewed_at timestamptz,
  created_at timestamptz not null default now(),
  -- reviewed_by and approved_quest_id may later become null (reviewer or quest deleted).
  constraint quest_submissions_review_state check (
    case status
      when 'pending' then reviewed_at is null and reviewed_by is null
        and approved_quest_id is null
      when 'approved' then reviewed_at is not null
      else reviewed_at is not null and approved_quest_id is null
        and length(btrim(coalesce(admin_notes, ''))) > 0
    end
  )
);
-- Mine, newest first (and the author policy); the admin queue by status, oldest first.
create index quest_submissions_user_created_idx
  on public.quest_submissions (user_id, created_at desc, id);
create index quest_submissions_status_created_idx
  on public.quest_submissions (status, created_at, id);
create index quest_submissions_approved_quest_id_idx
  on public.quest_submissions (approved_quest_id);
create index quest_submissions_reviewed_by_idx on public.quest_submissions (reviewed_by);

-- A submission is reviewed once: approved or rejected, it never changes status again.
create function private.review_once() returns trigger
language plpgsql set search_path = '' as $$
begin
  if old.status <> 'pending' and new.status is distinct from old.status then
    raise exception 'submission % was already %', old.id, old.status
      using errcode = 'check_violation';
  end if;
  return new;
end
$$;
create trigger quest_submissions_review_once before update of status on public.quest_submissions
  for each row execute function private.review_once();

create function private.notify_submission_reviewed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status = 'approved' then
    -- Named as approved (an admin may have edited the title); the quest was created in the
    -- same statement, and this trigger runs after it.
    perform private.notify(
      new.user_id, 'submission_approved',
      'Quest approved: ' || coalesce(
        (select q.title from public.quests q where q.id = new.approved_quest_id), new.title),
      'Your quest is live and you are enrolled in it.',
      jsonb_build_object('submission_id', new.id, 'quest_id', new.approved_quest_id));
  else
    perform private.notify(
      new.user_id, 'submission_rejected', 'Quest not approved: ' || new.title,
      new.admin_notes,
      jsonb_build_object('submission_id', new.id, 'notes', new.admin_notes));
  end if;
  return null;
end
$$;
create trigger quest_submissions_notify_reviewed after update of status
  on public.quest_submissions
  for each row when (old.status = 'pending' and new.status <> 'pending')
  execute function private.notify_submission_reviewed();

revoke all on function private.review_once(), private.notify_submission_reviewed()
  from public, anon, authenticated;

-- Row-level security ------------------------------------------------------------------------

alter table public.quest_submissions enable row level security;
revoke all on public.quest_submissions from anon, authenticated;

-- Authors write only what they propose; status, review and quest columns keep their defaults.
grant select on public.quest_submissions to authenticated;
grant insert (user_id, title, description, suggested_tasks, make_public)
  on public.quest_submissions to authenticated;
grant update (status, approved_quest_id, admin_notes, reviewed_by, reviewed_at)
  on public.quest_submissions to authenticated;

create policy quest_submissions_read_own_or_admin on public.quest_submissions
  for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));
create policy quest_submissions_insert_own on public.quest_submissions
  for insert to authenticated
  with check (user_id = (select auth.uid()) and status = 'pending');
-- An admin reviews, in their own name.
create policy quest_submissions_review_admin on public.quest_submissions
  for update to authenticated
  using ((select private.is_admin()))
  with check ((select private.is_admin()) and reviewed_by = (select auth.uid()));
