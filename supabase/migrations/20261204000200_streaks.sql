-- Rhythm (issue 18): the student's time zone, weekly XP goal and leaderboard opt-in; active days
-- and streaks with freezes, all kept from the XP ledger by triggers.
--
-- A day is a date in the zone the student had when the ledger event happened (the zone's
-- history is kept), so changing zone, a daylight-saving shift or a request that commits late
-- never moves a day that was already counted, and a day is counted once.

alter table public.users
  add column time_zone text,
  add column weekly_xp_goal integer check (weekly_xp_goal between 10 and 100000),
  add column leaderboard_opt_in boolean not null default false;
grant update (time_zone, weekly_xp_goal, leaderboard_opt_in) on public.users to authenticated;

-- An IANA zone name PostgreSQL knows ('Europe/Paris', 'UTC'); not an offset or POSIX rule
-- ('UTC+5'), which `at time zone` would also take.
create function private.is_time_zone(zone text) returns boolean
language sql stable set search_path = '' as $$
  select length(zone) <= 64 and exists (select 1 from pg_catalog.pg_timezone_names n
                                         where n.name = zone)
$$;
revoke all on function private.is_time_zone(text) from public, anon, authenticated;

create function private.check_time_zone() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.time_zone is not null and not private.is_time_zone(new.time_zone) then
    raise exception 'unknown time zone: %', new.time_zone
      using errcode = 'check_violation', constraint = 'users_time_zone_check';
  end if;
  return new;
end
$$;
revoke all on function private.check_time_zone() from public, anon, authenticated;
create trigger users_check_time_zone before insert or update of time_zone on public.users
  for each row execute function private.check_time_zone();

-- Every zone a student has had, from when. Before the first row the zone is UTC.
create table private.time_zone_changes (
  user_id uuid not null references public.users (id) on delete cascade,
  since timestamptz not null,
  time_zone text not null,
  primary key (user_id, since)
);

create function private.record_time_zone() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.time_zone_changes (user_id, since, time_zone)
  values (new.id, now(), coalesce(new.time_zone, 'UTC'))
  on conflict (user_id, since) do update set time_zone = excluded.time_zone;
  return null;
end
$$;
revoke all on function private.record_time_zone() from public, anon, authenticated;
create trigger users_record_time_zone after update of time_zone on public.users
  for each row when (old.time_zone is distinct from new.time_zone)
  execute function private.record_time_zone();

-- The student's zone at an instant.
create function private.zone_at(uid uuid, at timestamptz) returns text
language sql stable security definer set search_path = '' as $$
  select coalesce((select z.time_zone from private.time_zone_changes z
                   where z.user_id = uid and z.since <= at
                   order by z.since desc limit 1), 'UTC')
$$;
revoke all on function private.zone_at(uuid, timestamptz) from public, anon, authenticated;

-- Each local day with ledger activity: tasks completed that day and the XP the ledger gained.
create table public.activity_days (
  user_id uuid not null references public.users (id) on delete cascade,
  day date not null,
  tasks integer not null default 0 check (tasks >= 0),
  xp bigint not null default 0,
  primary key (user_id, day)
);
alter table public.activity_days enable row level security;
revoke all on public.activity_days from anon, authenticated;
grant select on public.activity_days to authenticated;
create policy activity_days_read on public.activity_days for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin())
         or user_id in (select private.my_students()));

-- A student's streak as of their last active day, and the days freezes covered.
create table public.user_streaks (
  user_id uuid primary key references public.users (id) on delete cascade,
  current_length integer not null check (current_length >= 1),
  longest integer not null check (longest >= current_length),
  last_day date not null
);
alter table public.user_streaks enable row level security;
revoke all on public.user_streaks from anon, authenticated;
grant select on public.user_streaks to authenticated;
create policy user_streaks_read on public.user_streaks for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin())
         or user_id in (select private.my_students()));

create table public.streak_freezes (
  user_id uuid not null references public.users (id) on delete cascade,
  day date not null,
  primary key (user_id, day)
);
alter table public.streak_freezes enable row level security;
revoke all on public.streak_freezes from anon, authenticated;
grant select on public.streak_freezes to authenticated;
create policy streak_freezes_read on public.streak_freezes for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));

-- The rule: each calendar month grants this many freezes. A missed day inside a streak uses
-- one when the month has one left; a gap is bridged only when every missed day in it can be,
-- else the streak ends and no freeze is used.
create function public.streak_freezes_per_month() returns integer
language sql immutable set search_path = '' as $$ select 2 $$;
grant execute on function public.streak_freezes_per_month() to anon, authenticated;

-- Whether the days strictly between `after` and `before` can all be frozen; with `apply`,
-- freeze them. A gap of more than two months' allowance can never be bridged.
create function private.bridge_gap(uid uuid, after date, before date, apply boolean)
returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  allowance integer := public.streak_freezes_per_month();
begin
  if before - after - 1 <= 0 then
    return true;
  end if;
  if before - after - 1 > 2 * allowance then
    return false;
  end if;
  if exists (
    select 1
    from (select date_trunc('month', g.d)::date as month, count(*) as missed
          from generate_series(after + 1, before - 1, interval '1 day') g(d)
          group by 1) m
    where m.missed + (select count(*) from public.streak_freezes f
                      where f.user_id = uid and f.day >= m.month
                        and f.day < (m.month + interval '1 month')::date) > allowance
  ) then
    return false;
  end if;
  if apply then
    insert into public.streak_freezes (user_id, day)
    select uid, g.d::date from generate_series(after + 1, before - 1, interval '1 day') g(d)
    on conflict do nothing;
  end if;
  return true;
end
$$;
revoke all on function private.bridge_gap(uuid, date, date, boolean) from public, anon, authenticated;

-- The streak rebuilt from the active days alone (what the incremental path must always equal).
create function private.rebuild_streak(uid uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  d date;
  prev date;
  len integer := 0;
  best integer := 0;
begin
  delete from public.streak_freezes where user_id = uid;
  for d in select a.day from public.activity_days a where a.user_id = uid and a.tasks > 0
           order by a.day loop
    if prev is not null and private.bridge_gap(uid, prev, d, true) then
      len := len + 1;
    else
      len := 1;
    end if;
    best := greatest(best, len);
    prev := d;
  end loop;
  if prev is null then
    delete from public.user_streaks where user_id = uid;
  else
    insert into public.user_streaks (user_id, current_length, longest, last_day)
    values (uid, len, best, prev)
    on conflict (user_id) do update
      set current_length = excluded.current_length, longest = excluded.longest,
          last_day = excluded.last_day;
  end if;
end
$$;
revoke all on function private.rebuild_streak(uuid) from public, anon, authenticated;

-- A new active day: extend, bridge or restart the streak; a day earlier than the last one (a
-- late commit, a zone moved west) rebuilds it. The streak row's lock serializes a student.
create function private.count_active_day(uid uuid, d date) returns void
language plpgsql security definer set search_path = '' as $$
declare
  s public.user_streaks;
begin
  select * into s from public.user_streaks where user_id = uid for update;
  if not found then
    insert into public.user_streaks (user_id, current_length, longest, last_day)
    values (uid, 1, 1, d)
    on conflict (user_id) do nothing;
    if found then
      return;
    end if;
    select * into s from public.user_streaks where user_id = uid for update;
  end if;
  if d > s.last_day then
    if private.bridge_gap(uid, s.last_day, d, true) then
      s.current_length := s.current_length + 1;
    else
      s.current_length := 1;
    end if;
    update public.user_streaks
    set current_length = s.current_length, longest = greatest(s.longest, s.current_length),
        last_day = d
    where user_id = uid;
  else
    perform private.rebuild_streak(uid);
  end if;
end
$$;
revoke all on function private.count_active_day(uuid, date) from public, anon, authenticated;

-- Each ledger event lands on its local day; a task completion that makes a day active counts
-- it toward the streak.
create function private.record_activity() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  d date := (new.created_at at time zone private.zone_at(new.user_id, new.created_at))::date;
  is_task boolean := new.source_type = 'task_completion';
  tasks_now integer;
begin
  insert into public.activity_days as a (user_id, day, tasks, xp)
  values (new.user_id, d, is_task::integer, new.amount)
  on conflict (user_id, day)
  do update set tasks = a.tasks + excluded.tasks, xp = a.xp + excluded.xp
  returning a.tasks into tasks_now;
  if is_task and tasks_now = 1 then
    perform private.count_active_day(new.user_id, d);
  end if;
  return null;
end
$$;
revoke all on function private.record_activity() from public, anon, authenticated;
create trigger xp_events_to_activity after insert on public.xp_events
  for each row execute function private.record_activity();

-- The streak as of today in the student's zone: still alive while the days missed since the
-- last active one (today aside, which is not over) can be frozen; how many freezes this month
-- still has once those are counted.
create function private.streak_today(uid uuid)
returns table (current integer, longest integer, active_today boolean, freezes_left integer,
               today date)
language sql stable security definer set search_path = '' as $$
  with t as (
    select (now() at time zone coalesce(u.time_zone, 'UTC'))::date as today
    from public.users u where u.id = uid
  ), s as (
    select st.*, t.today,
           st.user_id is not null
             and (st.last_day >= t.today - 1
                  or private.bridge_gap(uid, st.last_day, t.today, false)) as alive
    from t left join public.user_streaks st on st.user_id = uid
  )
  select case when s.alive then s.current_length else 0 end,
         coalesce(s.longest, 0),
         coalesce(s.last_day >= s.today, false),
         greatest(public.streak_freezes_per_month()
           - (select count(*) from public.streak_freezes f
              where f.user_id = uid and f.day >= date_trunc('month', s.today)::date
                and f.day < (date_trunc('month', s.today) + interval '1 month')::date)::integer
           - case when s.alive and s.last_day < s.today - 1
               then (select count(*) from generate_series(
                       greatest(s.last_day + 1, date_trunc('month', s.today)::date),
                       s.today - 1, interval '1 day'))::integer
               else 0 end, 0),
         s.today
  from s
$$;
revoke all on function private.streak_today(uuid) from public, anon, authenticated;

-- My streak, for the API and direct clients (nobody else's).
create function public.my_streak()
returns table (current integer, longest integer, active_today boolean, freezes_left integer,
               today date)
language sql stable security definer set search_path = '' as $$
  select * from private.streak_today((select auth.uid())) where (select auth.uid()) is not null
$$;
revoke all on function public.my_streak() from public, anon;
grant execute on function public.my_streak() to authenticated;

-- The ledger event of a completion is dated when the task was completed (now(), as before, for
-- every client insert: clients cannot set completed_at; a seed of past activity can).
create or replace function private.award_completion() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.xp_events (user_id, pillar, amount, source_type, source_id, created_at)
  select new.user_id, t.pillar, new.xp_awarded, 'task_completion', new.id, new.completed_at
  from public.quest_tasks t where t.id = new.task_id;

  -- Serialize a user's completions within one quest, so that two tasks finished at the same
  -- instant still see each other and the quest is marked completed by whichever comes last.
  perform 1 from public.user_quests
  where user_id = new.user_id and quest_id = new.quest_id for update;

  -- Done when every required task is completed (every task, when none is required).
  update public.user_quests uq set completed_at = new.completed_at
  where uq.user_id = new.user_id and uq.quest_id = new.quest_id and uq.completed_at is null
    and not exists (
      select 1 from public.quest_tasks t
      where t.quest_id = new.quest_id
        and (t.is_required or not exists (
          select 1 from public.quest_tasks r where r.quest_id = new.quest_id and r.is_required))
        and not exists (
          select 1 from public.quest_task_completions c
          where c.user_id = new.user_id and c.task_id = t.id)
    );
  return null;
end
$$;

-- The weekly leaderboard among my teammates (an accepted team-up either way), only when I opted
-- in and only those of them who did too; each one's week runs Monday to Sunday in their zone.
-- No one else's ranking is ever shown: there is no global board.
create function public.teammate_leaderboard()
returns table (user_id uuid, name text, xp bigint, is_me boolean)
language sql stable security definer set search_path = '' as $$
  with me as (
    select u.id from public.users u
    where u.id = (select auth.uid()) and u.leaderboard_opt_in
  ), people as (
    select me.id from me
    union
    select case when r.sender_id = me.id then r.recipient_id else r.sender_id end
    from me join public.team_requests r
      on r.status = 'accepted' and me.id in (r.sender_id, r.recipient_id)
  )
  select u.id, coalesce(u.display_name, u.username, 'A teammate'),
         (select coalesce(sum(a.xp), 0) from public.activity_days a
          where a.user_id = u.id
            and a.day >= date_trunc('week', now() at time zone coalesce(u.time_zone, 'UTC'))::date
         )::bigint,
         u.id = (select auth.uid())
  from people p join public.users u on u.id = p.id
  where u.leaderboard_opt_in and u.is_active
  order by 3 desc, 2, 1
  limit 50
$$;
revoke all on function public.teammate_leaderboard() from public, anon;
grant execute on function public.teammate_leaderboard() to authenticated;
