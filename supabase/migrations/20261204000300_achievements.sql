-- Achievements (issue 18): defined as data, unlocked once per student in the transaction of the
-- ledger event that earns them, with an optional XP reward recorded in the ledger as its own
-- source ('achievement') and a notification. Adding one backfills it in a background job.

-- Conditions, each on a number the database keeps:
--   {"kind": "tasks_completed", "at_least": n}        task completions in the ledger
--   {"kind": "quests_completed", "at_least": n}
--   {"kind": "total_xp", "at_least": n}
--   {"kind": "pillar_xp", "pillar": "<pillar>", "at_least": n}
--   {"kind": "streak", "at_least": n}                  longest streak, in days
--   {"kind": "evidence_kinds", "at_least": n}          kinds of evidence used (text, link, image, document)
--   {"kind": "team_quests_completed", "at_least": n}   quests completed with an accepted team-up
create function private.valid_achievement_condition(c jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select jsonb_typeof(c) = 'object'
    and jsonb_typeof(c -> 'at_least') = 'number'
    and (c ->> 'at_least') ~ '^[0-9]{1,9}$' and (c ->> 'at_least')::integer >= 1
    and case c ->> 'kind'
      when 'pillar_xp' then
        (c ->> 'pillar') in ('stem_logic', 'life_wellness', 'language_communication',
                             'society_culture', 'arts_creativity')
        and (select count(*) from jsonb_object_keys(c)) = 3
      when 'evidence_kinds' then
        (c ->> 'at_least')::integer <= 4 and (select count(*) from jsonb_object_keys(c)) = 2
      else
        (c ->> 'kind') in ('tasks_completed', 'quests_completed', 'total_xp', 'streak',
                           'team_quests_completed')
        and (select count(*) from jsonb_object_keys(c)) = 2
    end
$$;
revoke all on function private.valid_achievement_condition(jsonb) from public, anon;
grant execute on function private.valid_achievement_condition(jsonb) to authenticated;

create table public.achievements (
  key text primary key check (key ~ '^[a-z][a-z0-9_]{1,49}$'),
  name text not null check (length(name) between 1 and 80),
  description text not null check (length(description) between 1 and 300),
  icon text not null default 'star' check (icon ~ '^[a-z][a-z0-9-]{0,39}$'),
  category text not null
    check (category in ('quests', 'pillars', 'streaks', 'evidence', 'teams', 'xp')),
  condition jsonb not null check (private.valid_achievement_condition(condition)),
  xp_reward integer not null default 0 check (xp_reward between 0 and 1000),
  reward_pillar text check (reward_pillar in ('stem_logic', 'life_wellness',
    'language_communication', 'society_culture', 'arts_creativity')),
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  check ((xp_reward = 0) = (reward_pillar is null))
);
alter table public.achievements enable row level security;
revoke all on public.achievements from anon, authenticated;
grant select on public.achievements to anon, authenticated;
grant insert (key, name, description, icon, category, condition, xp_reward, reward_pillar)
  on public.achievements to authenticated;
-- What an achievement asks and rewards is fixed once students may hold it; retire and add.
grant update (name, description, icon, retired_at) on public.achievements to authenticated;
create policy achievements_read on public.achievements for select to anon, authenticated
  using (true);
create policy achievements_admin_insert on public.achievements for insert to authenticated
  with check ((select private.is_admin()));
create policy achievements_admin_update on public.achievements for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));

create table public.user_achievements (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  achievement_key text not null references public.achievements (key),
  unlocked_at timestamptz not null default now(),
  unique (user_id, achievement_key)
);
create index user_achievements_recent_idx on public.user_achievements (user_id, unlocked_at desc);
create index user_achievements_key_idx on public.user_achievements (achievement_key);
alter table public.user_achievements enable row level security;
revoke all on public.user_achievements from anon, authenticated;
grant select on public.user_achievements to authenticated;
create policy user_achievements_read on public.user_achievements for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin())
         or user_id in (select private.my_students()));

-- The kinds of evidence a student used, looked up by kind.
create index completions_user_kind_idx
  on public.quest_task_completions (user_id, evidence_type);

-- Whether a student meets a condition now.
create function private.meets(uid uuid, c jsonb) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  n bigint := (c ->> 'at_least')::bigint;
begin
  return case c ->> 'kind'
    when 'tasks_completed' then
      (select coalesce(sum(a.tasks), 0) from public.activity_days a where a.user_id = uid) >= n
    when 'quests_completed' then
      (select count(*) from public.user_quests q
       where q.user_id = uid and q.completed_at is not null) >= n
    when 'total_xp' then
      (select coalesce(sum(x.xp_amount), 0) from public.user_skill_xp x where x.user_id = uid) >= n
    when 'pillar_xp' then
      (select coalesce(sum(x.xp_amount), 0) from public.user_skill_xp x
       where x.user_id = uid and x.pillar = c ->> 'pillar') >= n
    when 'streak' then
      (select coalesce(max(s.longest), 0) from public.user_streaks s where s.user_id = uid) >= n
    when 'evidence_kinds' then
      (select count(*) from unnest(array['text', 'link', 'image', 'document']) k(kind)
       where exists (select 1 from public.quest_task_completions t
                     where t.user_id = uid and t.evidence_type = k.kind)) >= n
    when 'team_quests_completed' then
      (select count(*) from public.user_quests q
       where q.user_id = uid and q.completed_at is not null
         and exists (select 1 from public.team_requests r
                     where r.status = 'accepted' and r.quest_id = q.quest_id
                       and uid in (r.sender_id, r.recipient_id))) >= n
    else false
  end;
end
$$;
revoke all on function private.meets(uuid, jsonb) from public, anon, authenticated;

-- Unlock what a student now meets (only `only_key`, when given) and has not unlocked: once,
-- however many transactions race (the unique key; the loser's insert does nothing), with the
-- reward in the ledger and a notification in the same transaction.
create function private.unlock_achievements(uid uuid, only_key text default null)
returns integer
language plpgsql security definer set search_path = '' as $$
declare
  a public.achievements;
  unlocked uuid;
  n integer := 0;
begin
  for a in
    select * from public.achievements x
    where x.retired_at is null and (only_key is null or x.key = only_key)
      and not exists (select 1 from public.user_achievements u
                      where u.user_id = uid and u.achievement_key = x.key)
    order by x.key
  loop
    continue when not private.meets(uid, a.condition);
    insert into public.user_achievements (user_id, achievement_key)
    values (uid, a.key)
    on conflict (user_id, achievement_key) do nothing
    returning id into unlocked;
    continue when unlocked is null;
    n := n + 1;
    perform private.notify(uid, 'achievement_unlocked', jsonb_build_object(
      'achievement_key', a.key, 'name', a.name, 'icon', a.icon, 'xp_reward', a.xp_reward));
    if a.xp_reward > 0 then
      insert into public.xp_events (user_id, pillar, amount, source_type, source_id)
      values (uid, a.reward_pillar, a.xp_reward, 'achievement', unlocked);
    end if;
  end loop;
  return n;
end
$$;
revoke all on function private.unlock_achievements(uuid, text) from public, anon, authenticated;

-- Every ledger event, and every quest completion (marked after its last task's event), may
-- earn one. Runs after the streak and totals triggers of the same event (names sort later).
create function private.earn_achievements() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.unlock_achievements(new.user_id);
  return null;
end
$$;
revoke all on function private.earn_achievements() from public, anon, authenticated;
create trigger xp_events_zz_achievements after insert on public.xp_events
  for each row execute function private.earn_achievements();
create trigger user_quests_achievements after update of completed_at on public.user_quests
  for each row when (old.completed_at is null and new.completed_at is not null)
  execute function private.earn_achievements();

-- Adding an achievement backfills it for students who already qualify, in the background.
create function private.enqueue_achievement_backfill() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.jobs (kind, args)
  values ('achievements.backfill', jsonb_build_object('key', new.key));
  return null;
end
$$;
revoke all on function private.enqueue_achievement_backfill() from public, anon, authenticated;
create trigger achievements_backfill after insert on public.achievements
  for each row execute function private.enqueue_achievement_backfill();

-- One batch of the backfill: the next `batch` users after `after_id` (by id); returns the last
-- id looked at, null when none are left. Idempotent: an unlocked achievement stays as it is.
create function private.backfill_achievement(achievement text, after_id uuid, batch integer)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid;
  last_id uuid;
begin
  for uid in
    select u.id from public.users u
    where after_id is null or u.id > after_id
    order by u.id limit batch
  loop
    perform private.unlock_achievements(uid, achievement);
    last_id := uid;
  end loop;
  return last_id;
end
$$;
revoke all on function private.backfill_achievement(text, uuid, integer)
  from public, anon, authenticated;

-- The catalog to start with.
insert into public.achievements (key, name, description, icon, category, condition, xp_reward,
                                 reward_pillar) values
  ('first_task', 'First step', 'Complete your first task.', 'star', 'quests',
   '{"kind": "tasks_completed", "at_least": 1}', 10, 'life_wellness'),
  ('ten_tasks', 'Getting going', 'Complete 10 tasks.', 'flag', 'quests',
   '{"kind": "tasks_completed", "at_least": 10}', 0, null),
  ('first_quest', 'Quest complete', 'Finish every required task of a quest.', 'trophy', 'quests',
   '{"kind": "quests_completed", "at_least": 1}', 25, 'life_wellness'),
  ('five_quests', 'Explorer', 'Complete 5 quests.', 'compass', 'quests',
   '{"kind": "quests_completed", "at_least": 5}', 50, 'society_culture'),
  ('streak_3', 'On a roll', 'Be active 3 days in a row.', 'flame', 'streaks',
   '{"kind": "streak", "at_least": 3}', 0, null),
  ('streak_7', 'A week strong', 'Be active 7 days in a row.', 'flame', 'streaks',
   '{"kind": "streak", "at_least": 7}', 30, 'life_wellness'),
  ('streak_30', 'Habit formed', 'Be active 30 days in a row.', 'flame', 'streaks',
   '{"kind": "streak", "at_least": 30}', 100, 'life_wellness'),
  ('xp_500', 'Rising', 'Earn 500 XP.', 'bolt', 'xp',
   '{"kind": "total_xp", "at_least": 500}', 0, null),
  ('stem_300', 'Problem solver', 'Earn 300 XP in STEM & Logic.', 'flask', 'pillars',
   '{"kind": "pillar_xp", "pillar": "stem_logic", "at_least": 300}', 0, null),
  ('arts_300', 'Maker', 'Earn 300 XP in Arts & Creativity.', 'palette', 'pillars',
   '{"kind": "pillar_xp", "pillar": "arts_creativity", "at_least": 300}', 0, null),
  ('evidence_3', 'Show your work', 'Use three kinds of evidence.', 'camera', 'evidence',
   '{"kind": "evidence_kinds", "at_least": 3}', 20, 'language_communication'),
  ('team_quest', 'Better together', 'Complete a quest you teamed up on.', 'users', 'teams',
   '{"kind": "team_quests_completed", "at_least": 1}', 25, 'society_culture');
-- Each row above enqueued its backfill, which unlocks it for students who already qualify.
