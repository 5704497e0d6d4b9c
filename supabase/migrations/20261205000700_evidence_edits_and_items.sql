-- A student edits the evidence of their own completion (fixes a typo, a broken link, replaces a
-- photo). The completion, its XP and its date stay as they are: XP is awarded by the insert
-- trigger completions_award alone, and no client may write xp_awarded, task_id, quest_id,
-- user_id or completed_at. Every evidence change keeps the version it replaced in
-- public.evidence_revisions, written by a trigger and read by the student alone. Further
-- pieces of evidence for the same task live in public.evidence_items (below).

create table public.evidence_revisions (
  id uuid primary key default gen_random_uuid(),
  completion_id uuid not null references public.quest_task_completions (id) on delete cascade,
  user_id uuid not null references public.users (id) on delete cascade,
  evidence_type text not null
    check (evidence_type in ('text', 'link', 'image', 'document')),
  evidence_text text,
  evidence_url text,
  evidence_path text,
  evidence_content_type text,
  evidence_size integer,
  is_private boolean not null,
  -- When this version was replaced.
  revised_at timestamptz not null default now()
);
create index evidence_revisions_completion_idx on public.evidence_revisions
  (completion_id, revised_at desc, id);
create index evidence_revisions_user_idx on public.evidence_revisions (user_id);
alter table public.evidence_revisions enable row level security;
revoke all on public.evidence_revisions from anon, authenticated;
grant select on public.evidence_revisions to authenticated;
create policy evidence_revisions_read_own on public.evidence_revisions for select to authenticated
  using (user_id = (select auth.uid()));

-- The student updates the evidence columns of their own completions, and nothing else.
grant update (evidence_type, evidence_text, evidence_url, evidence_path, is_private)
  on public.quest_task_completions to authenticated;
create policy completions_update_own_evidence on public.quest_task_completions
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- Edited evidence holds to the rules of evidence written with a completion
-- (20261202000120_evidence_objects.sql): a file is one the API recorded for the student, its
-- type and size come from the record; the columns of the other kinds are cleared, so that a
-- client switching kinds cannot leave a stale file (or text) behind. The superuser and jobs
-- are not held to it, as on insert.
create function private.completion_evidence_revised() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  stored record;
begin
  if new.user_id is distinct from (select auth.uid()) then
    return new;
  end if;
  if new.evidence_type in ('image', 'document') then
    select o.content_type, o.size into stored from private.evidence_objects o
    where o.path = new.evidence_path and o.owner = new.user_id;
    if not found then
      raise exception 'evidence % is not a file you stored', new.evidence_path
        using errcode = 'insufficient_privilege';
    end if;
    if (stored.content_type = 'application/pdf') <> (new.evidence_type = 'document') then
      raise exception 'the stored file (%) is not % evidence', stored.content_type,
        new.evidence_type using errcode = 'check_violation';
    end if;
    new.evidence_content_type := stored.content_type;
    new.evidence_size := stored.size;
    new.evidence_text := null;
    new.evidence_url := null;
  else
    new.evidence_path := null;
    new.evidence_content_type := null;
    new.evidence_size := null;
    if new.evidence_type = 'text' then
      new.evidence_url := null;
    else
      new.evidence_text := null;
    end if;
  end if;
  return new;
end
$$;
create trigger completions_evidence_revised
  before update of evidence_type, evidence_text, evidence_url, evidence_path, is_private
  on public.quest_task_completions
  for each row execute function private.completion_evidence_revised();

-- The version replaced, kept whoever made the change.
create function private.keep_evidence_revision() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.evidence_revisions (
    completion_id, user_id, evidence_type, evidence_text, evidence_url, evidence_path,
    evidence_content_type, evidence_size, is_private)
  values (
    old.id, old.user_id, old.evidence_type, old.evidence_text, old.evidence_url,
    old.evidence_path, old.evidence_content_type, old.evidence_size, old.is_private);
  return null;
end
$$;
create trigger completions_keep_evidence_revision
  after update of evidence_type, evidence_text, evidence_url, evidence_path, is_private
  on public.quest_task_completions
  for each row
  when ((old.evidence_type, old.evidence_text, old.evidence_url, old.evidence_path, old.is_private)
        is distinct from
        (new.evidence_type, new.evidence_text, new.evidence_url, new.evidence_path, new.is_private))
  execute function private.keep_evidence_revision();

revoke all on function private.completion_evidence_revised(), private.keep_evidence_revision()
  from public, anon, authenticated, service_role;

-- More evidence for one task (a photo and a paragraph): items beside the completion's own
-- evidence, added and removed by the student. They award nothing, share the completion's
-- privacy, are read by whoever reads its evidence, and are capped per completion. A file item
-- is a file the API recorded for the student, backing nothing else.
create table public.evidence_items (
  id uuid primary key default gen_random_uuid(),
  completion_id uuid not null references public.quest_task_completions (id) on delete cascade,
  user_id uuid not null references public.users (id) on delete cascade,
  evidence_type text not null check (evidence_type in ('text', 'link', 'image', 'document')),
  evidence_text text check (length(evidence_text) <= 10000),
  evidence_url text check (evidence_url ~* '^https?://' and length(evidence_url) <= 2048),
  evidence_path text,
  evidence_content_type text,
  evidence_size integer check (evidence_size > 0),
  created_at timestamptz not null default now(),
  constraint evidence_items_matches_type check (
    (evidence_type = 'text' and length(btrim(evidence_text)) > 0
      and num_nonnulls(evidence_url, evidence_path) = 0)
    or (evidence_type = 'link' and evidence_url is not null
      and num_nonnulls(evidence_text, evidence_path) = 0)
    or (evidence_type in ('image', 'document') and evidence_path is not null
      and num_nonnulls(evidence_text, evidence_url) = 0))
);
create index evidence_items_completion_idx on public.evidence_items (completion_id, created_at, id);
create index evidence_items_user_idx on public.evidence_items (user_id);
create unique index evidence_items_path_key on public.evidence_items (evidence_path)
  where evidence_path is not null;
alter table public.evidence_items enable row level security;
revoke all on public.evidence_items from anon, authenticated;
grant select, delete on public.evidence_items to authenticated;
grant insert (completion_id, user_id, evidence_type, evidence_text, evidence_url, evidence_path)
  on public.evidence_items to authenticated;

-- Read with the completion's evidence: its student, admins, and supporters whose link's scope
-- shows evidence of that privacy (as completions_read).
create policy evidence_items_read on public.evidence_items for select to authenticated
  using (
    user_id = (select auth.uid())
    or (select private.is_admin())
    or (user_id in (select private.my_students()) and exists (
      select 1 from public.quest_task_completions c
      where c.id = evidence_items.completion_id
        and private.sees_evidence(c.user_id, c.is_private))));
create policy evidence_items_add_own on public.evidence_items for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (
      select 1 from public.quest_task_completions c
      where c.id = evidence_items.completion_id and c.user_id = (select auth.uid())));
create policy evidence_items_remove_own on public.evidence_items for delete to authenticated
  using (user_id = (select auth.uid()));

-- At most this many items beside a completion's own evidence.
create function private.max_evidence_items() returns integer
language sql immutable set search_path = '' as $$ select 5 $$;
revoke all on function private.max_evidence_items()
  from public, anon, authenticated, service_role;

-- A student's item: a file is theirs and recorded (type and size from the record) and backs no
-- completion; the items of a completion take turns (a lock on it) and stay within the cap.
create function private.evidence_item_checked() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  stored record;
begin
  perform 1 from public.quest_task_completions c where c.id = new.completion_id for update;
  if (select count(*) from public.evidence_items i where i.completion_id = new.completion_id)
     >= private.max_evidence_items() then
    raise exception 'evidence_items_full: a task holds at most % more pieces of evidence',
      private.max_evidence_items() using errcode = 'check_violation',
      constraint = 'evidence_items_limit';
  end if;
  if new.user_id is distinct from (select auth.uid()) then
    return new;
  end if;
  if new.evidence_type in ('image', 'document') then
    select o.content_type, o.size into stored from private.evidence_objects o
    where o.path = new.evidence_path and o.owner = new.user_id;
    if not found or exists (
      select 1 from public.quest_task_completions c where c.evidence_path = new.evidence_path
    ) then
      raise exception 'evidence % is not a file you stored for it', new.evidence_path
        using errcode = 'insufficient_privilege';
    end if;
    if (stored.content_type = 'application/pdf') <> (new.evidence_type = 'document') then
      raise exception 'the stored file (%) is not % evidence', stored.content_type,
        new.evidence_type using errcode = 'check_violation';
    end if;
    new.evidence_content_type := stored.content_type;
    new.evidence_size := stored.size;
  end if;
  return new;
end
$$;
create trigger evidence_items_checked before insert on public.evidence_items
  for each row execute function private.evidence_item_checked();
revoke all on function private.evidence_item_checked() from public, anon, authenticated, service_role;

-- What a diploma or a supporter shows may have changed.
create function private.count_evidence_items() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update private.diploma_totals t set version = t.version + 1
  where t.user_id in (select r.user_id from changed r);
  return null;
end
$$;
create trigger evidence_items_added after insert on public.evidence_items
  referencing new table as changed for each statement
  execute function private.count_evidence_items();
create trigger evidence_items_removed after delete on public.evidence_items
  referencing old table as changed for each statement
  execute function private.count_evidence_items();
revoke all on function private.count_evidence_items() from public, anon, authenticated, service_role;
