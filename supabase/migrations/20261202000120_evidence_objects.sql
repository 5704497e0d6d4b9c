-- File evidence is a file the API stored for that student, and nothing else. Completions are
-- written by their student (Supabase's Data API lets them insert their own rows directly), so
-- a client could name another user's private file as its evidence (the API then signed it and
-- served the bytes, on the quest page and the public diploma), a path that breaks signing, or
-- a file that was never uploaded, and still be awarded the task's XP.
--
-- The API records each file it stores in private.evidence_objects, with the connection's own
-- rights, in the transaction of the completion that uses it; a completion a student writes
-- must name one of their own recorded files, takes its content type and size from the record,
-- and one file backs at most one completion.

create table private.evidence_objects (
  -- The storage key, as optio/storage/base.py new_key writes it: <owner>/<32 hex>.<extension>.
  path text primary key
    check (path ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9a-f]{32}\.[a-z0-9]{1,8}$'),
  owner uuid not null references public.users (id) on delete cascade,
  -- What the bytes were sniffed as (optio/storage/sniff.py), never what a client said.
  content_type text not null check (content_type in
    ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf')),
  size integer not null check (size > 0),
  created_at timestamptz not null default now(),
  constraint evidence_objects_in_owners_folder check (split_part(path, '/', 1) = owner::text)
);
create index evidence_objects_owner_idx on private.evidence_objects (owner);

-- Only the API (elevated) and definer functions read or write it.
alter table private.evidence_objects enable row level security;
revoke all on private.evidence_objects from public, anon, authenticated, service_role;

-- A student's own completion: file evidence names one of their recorded files (and takes its
-- type and size from it); text and link evidence carry no file. The rule binds the writes a
-- student makes for themself (every write a client role can make here); the superuser and jobs
-- writing history are not held to it.
create function private.completion_evidence_stored() returns trigger
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
  elsif num_nonnulls(new.evidence_path, new.evidence_content_type, new.evidence_size) > 0 then
    raise exception '% evidence has no file', new.evidence_type using errcode = 'check_violation';
  end if;
  return new;
end
$$;
create trigger completions_evidence_stored before insert on public.quest_task_completions
  for each row execute function private.completion_evidence_stored();

-- Students name the file; its type and size come from the record.
revoke insert (evidence_content_type, evidence_size) on public.quest_task_completions
  from authenticated;

-- Rows written before this migration: record each file that is in its student's own folder
-- and looks like a key our storage writes, for the first completion that names it; withdraw
-- every other file reference (another user's file, a path that is not a key, a file reused by
-- a later completion), keeping the completion and its XP without a file. Returns how many
-- completions lost their file. Run once below; kept for operators repairing imported data.
create function private.adopt_stored_evidence() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  withdrawn integer;
begin
  insert into private.evidence_objects (path, owner, content_type, size, created_at)
  select distinct on (c.evidence_path)
    c.evidence_path, c.user_id, c.evidence_content_type, c.evidence_size, c.completed_at
  from public.quest_task_completions c
  where c.evidence_type in ('image', 'document')
    and c.evidence_path ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9a-f]{32}\.[a-z0-9]{1,8}$'
    and split_part(c.evidence_path, '/', 1) = c.user_id::text
    and c.evidence_size > 0
    and c.evidence_content_type in
      ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf')
    and (c.evidence_content_type = 'application/pdf') = (c.evidence_type = 'document')
  order by c.evidence_path, c.completed_at, c.id
  on conflict (path) do nothing;

  update public.quest_task_completions c
  set evidence_path = null, evidence_content_type = null, evidence_size = null
  where num_nonnulls(c.evidence_path, c.evidence_content_type, c.evidence_size) > 0
    and (c.evidence_type not in ('image', 'document')
      or not exists (
        select 1 from private.evidence_objects o
        where o.path = c.evidence_path and o.owner = c.user_id)
      or exists (
        select 1 from public.quest_task_completions e
        where e.evidence_path = c.evidence_path and e.user_id = c.user_id
          and (e.completed_at, e.id) < (c.completed_at, c.id)));
  get diagnostics withdrawn = row_count;
  return withdrawn;
end
$$;
revoke all on function private.completion_evidence_stored(), private.adopt_stored_evidence()
  from public, anon, authenticated, service_role;

-- A withdrawn file leaves image or document evidence without a path (shown without a file);
-- the trigger above still requires one of every completion a student writes.
alter table public.quest_task_completions
  drop constraint completions_evidence_matches_type,
  add constraint completions_evidence_matches_type check (
    (evidence_type = 'text' and evidence_text is not null and length(evidence_text) > 0)
    or (evidence_type = 'link' and evidence_url is not null)
    or evidence_type in ('image', 'document')
  );

select private.adopt_stored_evidence();

-- One stored file backs at most one completion, else one upload would earn every task's XP.
create unique index completions_evidence_path_key on public.quest_task_completions (evidence_path)
  where evidence_path is not null;
