-- Diplomas: every student has one, at a stable readable address (`/diplomas/ana-lopez`), private
-- until they publish it. Other students' quests, completions, XP and profile stay hidden by RLS;
-- a diploma is read through one definer function that returns exactly what a diploma shows.

create table public.diplomas (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null unique references public.users (id) on delete cascade,
  slug text not null unique,
  is_public boolean not null default false,
  headline text check (length(headline) <= 140),
  bio text check (length(bio) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint diplomas_slug_format check (
    length(slug) between 3 and 60 and slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'
  )
);

create trigger diplomas_set_updated_at before update on public.diplomas
  for each row execute function private.set_updated_at();

-- Slugs -------------------------------------------------------------------------------------

-- ASCII letters and digits of `name` joined by single hyphens, lower case: accents dropped
-- (canonical decomposition, then the combining marks removed), the Latin letters that do not
-- decompose spelled out, apostrophes dropped (O'Brien -> obrien), everything else a hyphen.
create function private.slug_words(name text) returns text
language plpgsql stable set search_path = '' as $$
declare
  s text := coalesce(name, '');
begin
  if current_setting('server_encoding') = 'UTF8' then
    s := regexp_replace(normalize(s, NFKD), '[\u0300-\u036f]', '', 'g');
  end if;
  s := lower(s);
  s := replace(replace(replace(replace(s, 'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th');
  s := replace(s, 'Æ', 'ae');
  s := replace(replace(replace(s, 'Œ', 'oe'), 'Þ', 'th'), 'ẞ', 'ss');
  s := translate(s, 'øØłŁđĐðÐħĦıŋŊĸſ', 'oollddddhhinnks');
  s := regexp_replace(s, '[''’ʼ]', '', 'g');
  s := regexp_replace(s, '[^a-z0-9]+', '-', 'g');
  return trim(both '-' from s);
end
$$;

-- The slug a new diploma starts from: `first-last`, or the username when the name gives fewer
-- than three usable characters (a name in another script), or 'student'. Room is left for `-N`.
create function private.diploma_slug_base(first_name text, last_name text, username text)
returns text
language plpgsql stable set search_path = '' as $$
declare
  candidate text;
begin
  foreach candidate in array array[
    private.slug_words(concat_ws(' ', first_name, last_name)),
    private.slug_words(username),
    'student'
  ] loop
    candidate := trim(both '-' from left(candidate, 50));
    if length(candidate) >= 3 then
      return candidate;
    end if;
  end loop;
  return 'student';
end
$$;

-- Give the user their diploma under the first free slug: base, base-2, base-3... A racing
-- sign-up that takes the same slug first makes the insert fail; then the next one is tried.
create function private.create_diploma(
  owner uuid, first_name text, last_name text, username text
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  base text := private.diploma_slug_base(first_name, last_name, username);
  candidate text := base;
  n int := 1;
begin
  loop
    while exists (select 1 from public.diplomas where slug = candidate) loop
      n := n + 1;
      candidate := base || '-' || n::text;
    end loop;
    begin
      insert into public.diplomas (user_id, slug) values (owner, candidate)
      on conflict (user_id) do nothing;
      return;
    exception when unique_violation then
      n := n + 1;
      candidate := base || '-' || n::text;
    end;
  end loop;
end
$$;

create function private.create_diploma_for_new_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.create_diploma(new.id, new.first_name, new.last_name, new.username);
  return null;
end
$$;

create trigger users_create_diploma after insert on public.users
  for each row execute function private.create_diploma_for_new_user();

-- Everyone who signed up before diplomas existed gets one, oldest first (one statement per user,
-- so each sees the slugs given before it).
do $$
declare
  u record;
begin
  for u in
    select id, first_name, last_name, username from public.users order by created_at, id
  loop
    perform private.create_diploma(u.id, u.first_name, u.last_name, u.username);
  end loop;
end
$$;

-- Reading a diploma ---------------------------------------------------------------------------

-- The whole diploma behind `diploma_slug` as one document, or null when there is none or the
-- caller may not see it (a private diploma reads exactly like a missing one). Visible when it is
-- public and its owner active, to its owner, and to admins. Never the e-mail, never evidence the
-- student marked private. `visible_to_anyone` tells the API whether shared caches may keep it.
create function private.diploma_document(diploma_slug text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  d public.diplomas;
  u public.users;
  anyone boolean;
begin
  select * into d from public.diplomas where slug = diploma_slug;
  if not found then
    return null;
  end if;
  select * into u from public.users where id = d.user_id;
  anyone := d.is_public and u.is_active;
  -- coalesce: for anon, auth.uid() is null and so is the comparison; null must mean "no".
  if not coalesce(anyone or d.user_id = (select auth.uid()) or (select private.is_admin()), false)
  then
    return null;
  end if;

  return jsonb_build_object(
    'slug', d.slug,
    'is_public', d.is_public,
    'visible_to_anyone', anyone,
    'headline', d.headline,
    'bio', d.bio,
    'display_name', coalesce(
      nullif(trim(u.display_name), ''),
      nullif(trim(concat_ws(' ', u.first_name, u.last_name)), ''),
      u.username,
      'Optio student'),
    'member_since', u.created_at,
    'subscription_tier', u.subscription_tier,
    'xp', (
      select coalesce(jsonb_object_agg(s.pillar, s.xp_amount), '{}'::jsonb)
      from public.user_skill_xp s where s.user_id = d.user_id),
    'completed_quests', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'id', q.id, 'title', q.title, 'description', q.description, 'source', q.source,
          'image_url', q.image_url, 'started_at', uq.started_at,
          'completed_at', uq.completed_at, 'xp_earned', coalesce(done.xp, 0),
          'tasks', coalesce(done.tasks, '[]'::jsonb))
        order by uq.completed_at desc, q.id), '[]'::jsonb)
      from public.user_quests uq
      join public.quests q on q.id = uq.quest_id
      left join lateral (
        select sum(c.xp_awarded) as xp, jsonb_agg(jsonb_build_object(
            'id', t.id, 'title', t.title, 'pillar', t.pillar, 'xp_awarded', c.xp_awarded,
            'completed_at', c.completed_at,
            'evidence', case when c.is_private then null else jsonb_build_object(
              'type', c.evidence_type, 'text', c.evidence_text, 'url', c.evidence_url,
              'path', c.evidence_path, 'content_type', c.evidence_content_type) end)
          order by t.order_index, t.id) as tasks
        from public.quest_task_completions c
        join public.quest_tasks t on t.id = c.task_id
        where c.user_id = uq.user_id and c.quest_id = uq.quest_id) done on true
      where uq.user_id = d.user_id and uq.completed_at is not null),
    'in_progress_quests', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'id', q.id, 'title', q.title, 'source', q.source, 'image_url', q.image_url,
          'started_at', uq.started_at, 'total_tasks', p.total_tasks,
          'completed_tasks', p.completed_tasks, 'required_total', p.required_total,
          'required_completed', p.required_completed, 'xp_earned', p.xp_earned,
          'xp_available', p.xp_available)
        order by uq.started_at desc, q.id), '[]'::jsonb)
      from public.user_quests uq
      join public.quests q on q.id = uq.quest_id
      cross join lateral (
        select count(*) as total_tasks, count(c.id) as completed_tasks,
               count(*) filter (where t.is_required) as required_total,
               count(c.id) filter (where t.is_required) as required_completed,
               coalesce(sum(c.xp_awarded), 0) as xp_earned,
               coalesce(sum(t.xp_value), 0) as xp_available
        from public.quest_tasks t
        left join public.quest_task_completions c
          on c.task_id = t.id and c.user_id = uq.user_id
        where t.quest_id = q.id) p
      where uq.user_id = d.user_id and uq.is_active and uq.completed_at is null)
  );
end
$$;

revoke all on function private.slug_words(text), private.diploma_slug_base(text, text, text),
  private.create_diploma(uuid, text, text, text), private.create_diploma_for_new_user(),
  private.diploma_document(text) from public, anon, authenticated;
grant execute on function private.diploma_document(text) to anon, authenticated;

-- Row-level security ------------------------------------------------------------------------

alter table public.diplomas enable row level security;

revoke all on public.diplomas from anon, authenticated;
grant select on public.diplomas to anon, authenticated;
-- The owner edits the address, visibility and texts; rows are made and removed only with users.
grant update (slug, is_public, headline, bio) on public.diplomas to authenticated;

create policy diplomas_read_public on public.diplomas for select to anon
  using (is_public);
create policy diplomas_read on public.diplomas for select to authenticated
  using (is_public or user_id = (select auth.uid()) or (select private.is_admin()));
create policy diplomas_update_own on public.diplomas for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));
