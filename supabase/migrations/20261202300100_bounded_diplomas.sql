-- The public diploma, bounded and cacheable (issue 15, item 3). private.diploma_document built
-- every completed quest with every task and its evidence: its size and cost grew with the
-- student's history, and its ETag was a hash of the whole document, so even a 304 built it.
--
-- Now a diploma is read in parts, each from one definer function that decides who may see it
-- exactly as before (a public diploma of an active student for anyone; a private one for its
-- owner and admins only):
--
-- * private.diploma_front: the first view, of bounded size whatever the history: the profile,
--   XP per pillar, totals, the quests the student features (at most 6), the 6 most recent
--   completed quests and 6 quests in progress, each quest a summary without its tasks.
-- * private.diploma_quests: the rest of the completed quests, newest first, a page at a time
--   (keyset on completed_at and quest id).
-- * private.diploma_quest: one completed quest with its tasks and evidence.
-- * private.diploma_evidence: the storage key of one evidence file shown on the diploma, which
--   the API signs for whoever asks (signed URLs are never part of a document).
--
-- Each answers with an ETag computed without building its document, from versions the
-- database keeps: the diploma's and profile's updated_at, the tier's accredited mark, the
-- student's XP totals, a version of the student's history (private.diploma_totals, kept by
-- triggers on enrollments and completions) and the updated_at of the quests shown (touched
-- whenever one of their tasks changes). Given the ETags a client already holds, the function
-- leaves the document out when one matches: a 304 costs the lookups of the ETag, not the build.

-- A student's totals and history version -----------------------------------------------------

create table private.diploma_totals (
  user_id uuid primary key references public.users (id) on delete cascade,
  completed_quests integer not null default 0,
  quests_in_progress integer not null default 0,
  completed_tasks integer not null default 0,
  -- Goes up with every change to the student's enrollments or completions.
  version bigint not null default 0
);
-- What a diploma shows of it comes through the definer functions below; no client role reads
-- or writes it.
alter table private.diploma_totals enable row level security;
revoke all on private.diploma_totals from public, anon, authenticated, service_role;

insert into private.diploma_totals (user_id, completed_quests, quests_in_progress, completed_tasks)
select u.id,
  (select count(*) from public.user_quests uq
   where uq.user_id = u.id and uq.completed_at is not null),
  (select count(*) from public.user_quests uq
   where uq.user_id = u.id and uq.is_active and uq.completed_at is null),
  (select count(*) from public.quest_task_completions c where c.user_id = u.id)
from public.users u;

-- Every profile has its row from the start, so the counting triggers only ever update: a
-- count can never be started from a partial history.
create function private.create_diploma_totals() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.diploma_totals (user_id) values (new.id) on conflict (user_id) do nothing;
  return null;
end
$$;

create trigger users_create_diploma_totals after insert on public.users
  for each row execute function private.create_diploma_totals();

-- Statement-level, over transition tables: a statement touching many rows (a quest deleted
-- with its enrollments) updates each student's row once, not once per row.
create function private.count_enrollments() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    update private.diploma_totals t
    set completed_quests = t.completed_quests - o.completed,
        quests_in_progress = t.quests_in_progress - o.going,
        version = t.version + 1
    from (select r.user_id,
                 count(*) filter (where r.completed_at is not null) as completed,
                 count(*) filter (where r.is_active and r.completed_at is null) as going
          from old_rows r group by r.user_id) o
    where t.user_id = o.user_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    update private.diploma_totals t
    set completed_quests = t.completed_quests + n.completed,
        quests_in_progress = t.quests_in_progress + n.going,
        version = t.version + 1
    from (select r.user_id,
                 count(*) filter (where r.completed_at is not null) as completed,
                 count(*) filter (where r.is_active and r.completed_at is null) as going
          from new_rows r group by r.user_id) n
    where t.user_id = n.user_id;
  end if;
  return null;
end
$$;

create trigger user_quests_count_inserted after insert on public.user_quests
  referencing new table as new_rows
  for each statement execute function private.count_enrollments();
create trigger user_quests_count_updated after update on public.user_quests
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.count_enrollments();
create trigger user_quests_count_deleted after delete on public.user_quests
  referencing old table as old_rows
  for each statement execute function private.count_enrollments();

create function private.count_completions() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    update private.diploma_totals t
    set completed_tasks = t.completed_tasks + n.tasks, version = t.version + 1
    from (select r.user_id, count(*) as tasks from new_rows r group by r.user_id) n
    where t.user_id = n.user_id;
  elsif tg_op = 'DELETE' then
    update private.diploma_totals t
    set completed_tasks = t.completed_tasks - o.tasks, version = t.version + 1
    from (select r.user_id, count(*) as tasks from old_rows r group by r.user_id) o
    where t.user_id = o.user_id;
  else
    -- Evidence changed (only the database's own maintenance does that): what is shown may have.
    update private.diploma_totals t set version = t.version + 1
    where t.user_id in (select r.user_id from old_rows r union select r.user_id from new_rows r);
  end if;
  return null;
end
$$;

create trigger completions_count_inserted after insert on public.quest_task_completions
  referencing new table as new_rows
  for each statement execute function private.count_completions();
create trigger completions_count_updated after update on public.quest_task_completions
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.count_completions();
create trigger completions_count_deleted after delete on public.quest_task_completions
  referencing old table as old_rows
  for each statement execute function private.count_completions();

-- A quest's updated_at also moves when one of its tasks changes (a diploma shows task counts,
-- titles and XP), so that it versions everything a diploma shows of the quest.
create function private.touch_quests_of_tasks() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    update public.quests q set updated_at = now()
    where q.id in (select r.quest_id from new_rows r);
  elsif tg_op = 'DELETE' then
    update public.quests q set updated_at = now()
    where q.id in (select r.quest_id from old_rows r);
  else
    update public.quests q set updated_at = now()
    where q.id in (select r.quest_id from old_rows r union select r.quest_id from new_rows r);
  end if;
  return null;
end
$$;

create trigger quest_tasks_touch_quest_inserted after insert on public.quest_tasks
  referencing new table as new_rows
  for each statement execute function private.touch_quests_of_tasks();
create trigger quest_tasks_touch_quest_updated after update on public.quest_tasks
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.touch_quests_of_tasks();
create trigger quest_tasks_touch_quest_deleted after delete on public.quest_tasks
  referencing old table as old_rows
  for each statement execute function private.touch_quests_of_tasks();

-- The lists a diploma pages through, newest first, and the quests in progress.
create index user_quests_completed_keyset_idx on public.user_quests
  (user_id, completed_at desc, quest_id desc) where completed_at is not null;
create index user_quests_in_progress_idx on public.user_quests
  (user_id, started_at desc, quest_id desc) where is_active and completed_at is null;

-- Featured quests ----------------------------------------------------------------------------

-- Up to 6 completed quests the student puts first, in their order.
alter table public.diplomas
  add column featured_quest_ids uuid[] not null default '{}',
  add constraint diplomas_featured_shape check (
    cardinality(featured_quest_ids) <= 6
    and coalesce(array_ndims(featured_quest_ids), 1) = 1
    and array_position(featured_quest_ids, null) is null
  );

grant update (featured_quest_ids) on public.diplomas to authenticated;

-- Each quest once, and a newly featured quest must be one the student completed. A quest
-- featured earlier stays listed (and simply is not shown) if its enrollment is ever removed,
-- so that unpinning another one never fails because of it.
create function private.check_featured_quests() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if cardinality(new.featured_quest_ids) > 6
     or array_position(new.featured_quest_ids, null) is not null then
    return new;  -- for the check diplomas_featured_shape to refuse
  end if;
  if cardinality(new.featured_quest_ids)
     <> (select count(distinct f.id) from unnest(new.featured_quest_ids) f(id)) then
    raise exception 'A quest can be featured only once.'
      using errcode = 'check_violation', constraint = 'diplomas_featured_once';
  end if;
  if exists (
    select 1 from unnest(new.featured_quest_ids) f(id)
    where f.id <> all (old.featured_quest_ids)
      and not exists (
        select 1 from public.user_quests uq
        where uq.user_id = new.user_id and uq.quest_id = f.id and uq.completed_at is not null)
  ) then
    raise exception 'Only a quest the student completed can be featured.'
      using errcode = 'check_violation', constraint = 'diplomas_featured_completed';
  end if;
  return new;
end
$$;

create trigger diplomas_check_featured before update of featured_quest_ids on public.diplomas
  for each row when (new.featured_quest_ids is distinct from old.featured_quest_ids)
  execute function private.check_featured_quests();

-- Reading a diploma --------------------------------------------------------------------------

drop function private.diploma_document(text);

-- The diploma at `diploma_slug` with its owner's profile, when the caller may read it: public
-- with an active owner for anyone, otherwise its owner and admins only. No row otherwise.
create function private.readable_diploma(diploma_slug text)
returns table (diploma public.diplomas, owner public.users, visible_to_anyone boolean)
language sql stable security definer set search_path = '' as $$
  select d, u, d.is_public and u.is_active
  from public.diplomas d
  join public.users u on u.id = d.user_id
  where d.slug = diploma_slug
    -- coalesce: for anon, auth.uid() is null and so is the comparison; null must mean "no".
    and coalesce(
      (d.is_public and u.is_active) or d.user_id = (select auth.uid()) or (select private.is_admin()),
      false)
$$;

-- An evidence file the diploma may link to: a key as the API writes them, in the student's own
-- folder (rows from before the database checked paths may hold anything).
create function private.is_own_evidence_key(path text, owner uuid) returns boolean
language sql immutable set search_path = '' as $$
  select coalesce(
    path ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9a-f]{32}\.[a-z0-9]{1,8}$'
      and split_part(path, '/', 1) = owner::text,
    false)
$$;

-- Completed quests of `student`, in the order of `quests`, as the lists show them: bounded
-- summaries, without tasks, the description cut at 240 characters.
create function private.diploma_quest_summaries(student uuid, quests uuid[]) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', q.id,
      'title', q.title,
      'description', case when length(q.description) <= 240 then q.description
                          else rtrim(left(q.description, 239)) || '…' end,
      'source', q.source,
      'started_at', uq.started_at,
      'completed_at', uq.completed_at,
      'xp_earned', coalesce(done.xp, 0),
      'tasks_completed', done.tasks,
      'pillars', coalesce(done.pillars, '[]'::jsonb))
    order by shown.n), '[]'::jsonb)
  from unnest(quests) with ordinality shown(id, n)
  join public.user_quests uq
    on uq.user_id = student and uq.quest_id = shown.id and uq.completed_at is not null
  join public.quests q on q.id = uq.quest_id
  cross join lateral (
    select sum(c.xp_awarded) as xp, count(*) as tasks,
           jsonb_agg(distinct t.pillar order by t.pillar) as pillars
    from public.quest_task_completions c
    join public.quest_tasks t on t.id = c.task_id
    where c.user_id = student and c.quest_id = uq.quest_id) done
$$;

-- Quests `student` is working on, in the order of `quests`, with their progress.
create function private.diploma_quests_in_progress(student uuid, quests uuid[]) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', q.id, 'title', q.title, 'source', q.source, 'started_at', uq.started_at,
      'total_tasks', p.total_tasks, 'completed_tasks', p.completed_tasks,
      'required_total', p.required_total, 'required_completed', p.required_completed,
      'xp_earned', p.xp_earned, 'xp_available', p.xp_available)
    order by shown.n), '[]'::jsonb)
  from unnest(quests) with ordinality shown(id, n)
  join public.user_quests uq on uq.user_id = student and uq.quest_id = shown.id
  join public.quests q on q.id = uq.quest_id
  cross join lateral (
    select count(*) as total_tasks, count(c.id) as completed_tasks,
           count(*) filter (where t.is_required) as required_total,
           count(c.id) filter (where t.is_required) as required_completed,
           coalesce(sum(c.xp_awarded), 0) as xp_earned,
           coalesce(sum(t.xp_value), 0) as xp_available
    from public.quest_tasks t
    left join public.quest_task_completions c on c.task_id = t.id and c.user_id = student
    where t.quest_id = q.id) p
$$;

-- The first view's document. Its size is bounded whatever the history: at most 6 + 7 + 6
-- quests, each a summary of bounded text (titles 200 characters, descriptions cut at 240), the
-- name cut at 100 characters, headline and bio within their checks (140 and 2,000).
-- tests/diplomas/test_bounds.py builds the worst case and measures it.
create function private.diploma_front_document(
  d public.diplomas, u public.users, accredited boolean,
  featured uuid[], recent uuid[], more jsonb, going uuid[]
) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'slug', d.slug,
    'is_public', d.is_public,
    'headline', d.headline,
    'bio', d.bio,
    'display_name', left(coalesce(
      nullif(trim(u.display_name), ''),
      nullif(trim(concat_ws(' ', u.first_name, u.last_name)), ''),
      u.username,
      'Optio student'), 100),
    'member_since', u.created_at,
    'accredited', accredited,
    'xp', (
      select coalesce(jsonb_object_agg(s.pillar, s.xp_amount), '{}'::jsonb)
      from public.user_skill_xp s where s.user_id = d.user_id),
    'totals', coalesce((
      select jsonb_build_object(
        'completed_quests', t.completed_quests, 'completed_tasks', t.completed_tasks,
        'quests_in_progress', t.quests_in_progress)
      from private.diploma_totals t where t.user_id = d.user_id),
      '{"completed_quests": 0, "completed_tasks": 0, "quests_in_progress": 0}'::jsonb),
    'featured_quests', private.diploma_quest_summaries(d.user_id, featured),
    'recent_quests', private.diploma_quest_summaries(d.user_id, recent),
    'more_quests', more,
    'in_progress_quests', private.diploma_quests_in_progress(d.user_id, going))
$$;

-- The first view of a diploma: its ETag, whether anyone may see it (so shared caches may keep
-- it), and its document, left out (null) when `known` holds the ETag or '*'. No row when the
-- diploma is missing or the caller may not read it.
create function private.diploma_front(diploma_slug text, known text[] default '{}')
returns table (etag text, visible_to_anyone boolean, document jsonb)
language plpgsql stable security definer set search_path = '' as $$
declare
  found_row record;
  d public.diplomas;
  u public.users;
  accredited boolean;
  featured uuid[];
  recent uuid[];
  going uuid[];
  more jsonb;
begin
  select * into found_row from private.readable_diploma(diploma_slug);
  if not found then
    return;
  end if;
  d := found_row.diploma;
  u := found_row.owner;
  visible_to_anyone := found_row.visible_to_anyone;
  accredited := coalesce((
    select (t.features ->> 'accredited_diploma')::boolean
    from public.subscription_tiers t where t.tier_key = u.subscription_tier), false);
  featured := array(
    select f.id from unnest(d.featured_quest_ids) with ordinality f(id, n)
    where exists (
      select 1 from public.user_quests uq
      where uq.user_id = d.user_id and uq.quest_id = f.id and uq.completed_at is not null)
    order by f.n);
  -- One more than shown tells whether there are more.
  recent := array(
    select uq.quest_id from public.user_quests uq
    where uq.user_id = d.user_id and uq.completed_at is not null
    order by uq.completed_at desc, uq.quest_id desc limit 7);
  going := array(
    select uq.quest_id from public.user_quests uq
    where uq.user_id = d.user_id and uq.is_active and uq.completed_at is null
    order by uq.started_at desc, uq.quest_id desc limit 6);

  etag := md5(concat_ws('|', 'front-1', d.id,
    extract(epoch from d.updated_at), extract(epoch from u.updated_at), accredited,
    (select t.version from private.diploma_totals t where t.user_id = d.user_id),
    (select string_agg(s.pillar || '=' || s.xp_amount, ',' order by s.pillar)
     from public.user_skill_xp s where s.user_id = d.user_id),
    (select string_agg(q.id || '@' || extract(epoch from q.updated_at), ',' order by q.id)
     from public.quests q where q.id = any (featured || recent || going))));
  if etag = any (known) or '*' = any (known) then
    return next;
    return;
  end if;

  if cardinality(recent) > 6 then
    recent := recent[1:6];
    more := (
      select jsonb_build_object('completed_at', uq.completed_at, 'id', uq.quest_id)
      from public.user_quests uq where uq.user_id = d.user_id and uq.quest_id = recent[6]);
  end if;
  document := private.diploma_front_document(d, u, accredited, featured, recent, more, going);
  return next;
end
$$;

-- Completed quests of a diploma after the position (`after_completed`, `after_quest`), newest
-- first; the first page without a position. `page_size` is kept within 1-100. The document is
-- {"data": [summaries], "next": {"completed_at", "id"} or null}, left out as diploma_front's.
create function private.diploma_quests(
  diploma_slug text, after_completed timestamptz, after_quest uuid, page_size integer,
  known text[] default '{}'
) returns table (etag text, visible_to_anyone boolean, document jsonb)
language plpgsql stable security definer set search_path = '' as $$
declare
  found_row record;
  d public.diplomas;
  size integer := least(greatest(coalesce(page_size, 20), 1), 100);
  page uuid[];
  next_key jsonb;
begin
  select * into found_row from private.readable_diploma(diploma_slug);
  if not found then
    return;
  end if;
  d := found_row.diploma;
  visible_to_anyone := found_row.visible_to_anyone;
  page := array(
    select uq.quest_id from public.user_quests uq
    where uq.user_id = d.user_id and uq.completed_at is not null
      and (uq.completed_at, uq.quest_id) < (
        coalesce(after_completed, 'infinity'),
        coalesce(after_quest, 'ffffffff-ffff-ffff-ffff-ffffffffffff'))
    order by uq.completed_at desc, uq.quest_id desc limit size + 1);

  etag := md5(concat_ws('|', 'quests-1', d.id,
    (select t.version from private.diploma_totals t where t.user_id = d.user_id),
    extract(epoch from after_completed), after_quest, size,
    (select string_agg(q.id || '@' || extract(epoch from q.updated_at), ',' order by q.id)
     from public.quests q where q.id = any (page))));
  if etag = any (known) or '*' = any (known) then
    return next;
    return;
  end if;

  if cardinality(page) > size then
    page := page[1:size];
    next_key := (
      select jsonb_build_object('completed_at', uq.completed_at, 'id', uq.quest_id)
      from public.user_quests uq where uq.user_id = d.user_id and uq.quest_id = page[size]);
  end if;
  document := jsonb_build_object(
    'data', private.diploma_quest_summaries(d.user_id, page), 'next', next_key);
  return next;
end
$$;

-- One completed quest of a diploma with its completed tasks, in the quest's order, and their
-- evidence: none where the student keeps it private; a file as its completion's id (`file`),
-- which the API turns into a link of its own. No row unless the student completed the quest.
create function private.diploma_quest(diploma_slug text, quest uuid, known text[] default '{}')
returns table (etag text, visible_to_anyone boolean, document jsonb)
language plpgsql stable security definer set search_path = '' as $$
declare
  found_row record;
  d public.diplomas;
  enrollment public.user_quests;
  shown public.quests;
begin
  select * into found_row from private.readable_diploma(diploma_slug);
  if not found then
    return;
  end if;
  d := found_row.diploma;
  select * into enrollment from public.user_quests uq
  where uq.user_id = d.user_id and uq.quest_id = quest and uq.completed_at is not null;
  if not found then
    return;
  end if;
  select * into shown from public.quests q where q.id = quest;
  visible_to_anyone := found_row.visible_to_anyone;

  etag := md5(concat_ws('|', 'quest-1', d.id, quest,
    (select t.version from private.diploma_totals t where t.user_id = d.user_id),
    extract(epoch from shown.updated_at)));
  if etag = any (known) or '*' = any (known) then
    return next;
    return;
  end if;

  document := (
    select jsonb_build_object(
      'id', shown.id,
      'title', shown.title,
      'description', shown.description,
      'source', shown.source,
      'image_url', shown.image_url,
      'started_at', enrollment.started_at,
      'completed_at', enrollment.completed_at,
      'xp_earned', coalesce(sum(c.xp_awarded), 0),
      'tasks', coalesce(jsonb_agg(jsonb_build_object(
          'id', t.id, 'title', t.title, 'pillar', t.pillar, 'xp_awarded', c.xp_awarded,
          'completed_at', c.completed_at,
          'evidence', case when c.is_private then null else jsonb_build_object(
            'type', c.evidence_type, 'text', c.evidence_text, 'url', c.evidence_url,
            'file', case when private.is_own_evidence_key(c.evidence_path, c.user_id)
                         then c.id end,
            'content_type', c.evidence_content_type) end)
        order by t.order_index, t.id), '[]'::jsonb))
    from public.quest_task_completions c
    join public.quest_tasks t on t.id = c.task_id
    where c.user_id = d.user_id and c.quest_id = quest);
  return next;
end
$$;

-- The storage key of an evidence file a diploma shows (its quest completed, the evidence not
-- private, the file the student's own), when the caller may read the diploma; else null.
create function private.diploma_evidence(diploma_slug text, completion uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  found_row record;
begin
  select * into found_row from private.readable_diploma(diploma_slug);
  if not found then
    return null;
  end if;
  return (
    select c.evidence_path
    from public.quest_task_completions c
    join public.user_quests uq
      on uq.user_id = c.user_id and uq.quest_id = c.quest_id and uq.completed_at is not null
    where c.id = completion
      and c.user_id = (found_row.diploma).user_id
      and not c.is_private
      and private.is_own_evidence_key(c.evidence_path, c.user_id));
end
$$;

revoke all on function
  private.create_diploma_totals(), private.count_enrollments(), private.count_completions(),
  private.touch_quests_of_tasks(), private.check_featured_quests(),
  private.readable_diploma(text), private.is_own_evidence_key(text, uuid),
  private.diploma_quest_summaries(uuid, uuid[]), private.diploma_quests_in_progress(uuid, uuid[]),
  private.diploma_front_document(public.diplomas, public.users, boolean, uuid[], uuid[], jsonb, uuid[]),
  private.diploma_front(text, text[]),
  private.diploma_quests(text, timestamptz, uuid, integer, text[]),
  private.diploma_quest(text, uuid, text[]),
  private.diploma_evidence(text, uuid)
  from public, anon, authenticated;
grant execute on function
  private.diploma_front(text, text[]),
  private.diploma_quests(text, timestamptz, uuid, integer, text[]),
  private.diploma_quest(text, uuid, text[]),
  private.diploma_evidence(text, uuid)
  to anon, authenticated;
