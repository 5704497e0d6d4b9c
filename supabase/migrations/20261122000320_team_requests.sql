-- Team-ups: one student asks another to team up, optionally on a quest. At most one pending
-- request per pair of students, whichever way it was sent; the recipient accepts or rejects, the
-- sender cancels, only while it is pending. The database writes the notifications and, when an
-- accepted request names a quest, enrolls both students in it.

create table public.team_requests (
  id uuid primary key default gen_random_uuid(),
  sender_id uuid not null references public.users (id) on delete cascade,
  recipient_id uuid not null references public.users (id) on delete cascade,
  quest_id uuid references public.quests (id) on delete set null,
  message text not null default '' check (length(message) <= 500),
  status text not null default 'pending'
    check (status in ('pending', 'accepted', 'rejected', 'cancelled')),
  created_at timestamptz not null default now(),
  responded_at timestamptz,
  constraint team_requests_not_to_self check (sender_id <> recipient_id),
  constraint team_requests_responded_when_decided check ((status = 'pending') = (responded_at is null))
);
-- The pair in a canonical order, so A->B and B->A are the same pair: this unique index is what
-- turns two simultaneous requests between the same students into one row and one conflict.
create unique index team_requests_one_pending_per_pair on public.team_requests
  (least(sender_id, recipient_id), greatest(sender_id, recipient_id)) where status = 'pending';
create index team_requests_pair_idx on public.team_requests
  (least(sender_id, recipient_id), greatest(sender_id, recipient_id), status);
create index team_requests_sender_idx on public.team_requests (sender_id, created_at desc);
create index team_requests_recipient_idx on public.team_requests (recipient_id, created_at desc);
create index team_requests_quest_id_idx on public.team_requests (quest_id);

-- Row-level security ------------------------------------------------------------------------

alter table public.team_requests enable row level security;
revoke all on public.team_requests from anon, authenticated;
grant select on public.team_requests to authenticated;
-- Status, timestamps and responded_at are the database's: a request starts pending.
grant insert (sender_id, recipient_id, quest_id, message) on public.team_requests to authenticated;
grant update (status) on public.team_requests to authenticated;

create policy team_requests_read_own on public.team_requests for select to authenticated
  using (
    sender_id = (select auth.uid())
    or recipient_id = (select auth.uid())
    or (select private.is_admin())
  );
-- Only as the sender, and only naming a quest of the public catalog (the recipient must be able
-- to see the quest they are invited to; the subquery runs under quests' own policies).
create policy team_requests_send on public.team_requests for insert to authenticated
  with check (
    sender_id = (select auth.uid())
    and status = 'pending'
    and (quest_id is null or exists (
      select 1 from public.quests q where q.id = quest_id and q.is_active and q.is_public))
  );
create policy team_requests_respond on public.team_requests for update to authenticated
  using (recipient_id = (select auth.uid()) and status = 'pending')
  with check (recipient_id = (select auth.uid()) and status in ('accepted', 'rejected'));
create policy team_requests_cancel on public.team_requests for update to authenticated
  using (sender_id = (select auth.uid()) and status = 'pending')
  with check (sender_id = (select auth.uid()) and status = 'cancelled');

-- State changes -----------------------------------------------------------------------------

-- Only pending -> accepted | rejected (by the recipient) or cancelled (by the sender), and only
-- the status changes; the policies say the same for the API roles, this holds for every role.
create function private.team_request_transition() returns trigger
language plpgsql set search_path = '' as $$
begin
  if (new.id, new.sender_id, new.recipient_id, new.quest_id, new.message, new.created_at)
     is distinct from (old.id, old.sender_id, old.recipient_id, old.quest_id, old.message, old.created_at) then
    raise exception 'only the status of a team request changes' using errcode = 'check_violation';
  end if;
  if old.status <> 'pending' or new.status = 'pending' then
    raise exception 'a team request goes from pending to a decision once (was %, now %)',
      old.status, new.status using errcode = 'check_violation';
  end if;
  if current_user in ('anon', 'authenticated') then
    if new.status in ('accepted', 'rejected') and (select auth.uid()) is distinct from old.recipient_id
       or new.status = 'cancelled' and (select auth.uid()) is distinct from old.sender_id then
      raise exception 'only the recipient answers a team request and only the sender cancels it'
        using errcode = 'insufficient_privilege';
    end if;
  end if;
  new.responded_at := now();
  return new;
end
$$;
create trigger team_requests_transition before update on public.team_requests
  for each row execute function private.team_request_transition();

-- The name a student shows to a teammate: display name, else first and last, else username.
create function private.shown_name(person uuid) returns text
language sql stable security definer set search_path = '' as $$
  select coalesce(
    nullif(trim(u.display_name), ''),
    nullif(trim(concat_ws(' ', u.first_name, u.last_name)), ''),
    u.username)
  from public.users u where u.id = person
$$;

create function private.notify_team_request_received() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.notify(
    new.recipient_id, 'team_request_received',
    private.shown_name(new.sender_id) || ' wants to team up'
      || coalesce(' on ' || (select q.title from public.quests q where q.id = new.quest_id), ''),
    new.message,
    jsonb_build_object('request_id', new.id, 'sender_id', new.sender_id, 'quest_id', new.quest_id));
  return null;
end
$$;
create trigger team_requests_notify_received after insert on public.team_requests
  for each row execute function private.notify_team_request_received();

-- Accepted: tell the sender, and enroll both students in the named quest while it is active
-- (resuming an abandoned enrollment, keeping earlier completions, as POST /enroll does).
create function private.team_request_accepted() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.notify(
    new.sender_id, 'team_request_accepted',
    private.shown_name(new.recipient_id) || ' accepted your team-up',
    coalesce('You are both enrolled in ' || (
      select q.title from public.quests q where q.id = new.quest_id and q.is_active) || '.', ''),
    jsonb_build_object(
      'request_id', new.id, 'teammate_id', new.recipient_id, 'quest_id', new.quest_id));
  if new.quest_id is not null then
    insert into public.user_quests (user_id, quest_id)
    select member, q.id
    from public.quests q, unnest(array[new.sender_id, new.recipient_id]) as member
    where q.id = new.quest_id and q.is_active
    on conflict (user_id, quest_id) do update set is_active = true, abandoned_at = null;
  end if;
  return null;
end
$$;
create trigger team_requests_on_accept after update of status on public.team_requests
  for each row when (old.status = 'pending' and new.status = 'accepted')
  execute function private.team_request_accepted();

-- Narrow reads across users (public.users, enrollments and completions are hidden by RLS) ---

-- The id of an active student by username or e-mail, for a signed-in caller; nothing else.
create function private.find_user_id(identifier text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  wanted text := lower(trim(identifier));
  matched uuid;
begin
  if (select auth.uid()) is null then
    return null;
  end if;
  if position('@' in wanted) > 0 then  -- usernames cannot hold '@'
    select u.id into matched from public.users u
    where lower(u.email) = wanted and u.is_active order by u.created_at limit 1;
  else
    select u.id into matched from public.users u where u.username = wanted and u.is_active;
  end if;
  return matched;
end
$$;

-- Whether the caller and `other` have a team request between them, of the given statuses.
create function private.shares_team_request(other uuid, statuses text[]) returns boolean
language sql stable security definer set search_path = '' as $$
  select (select auth.uid()) is not null and exists (
    select 1 from public.team_requests r
    where least(r.sender_id, r.recipient_id) = least(other, (select auth.uid()))
      and greatest(r.sender_id, r.recipient_id) = greatest(other, (select auth.uid()))
      and r.status = any (statuses))
$$;

-- Username and shown name of someone the caller has a team request with (any status); no row
-- for anyone else. Never the e-mail or any other column.
create function private.team_profile(other uuid)
returns table (username text, display_name text)
language sql stable security definer set search_path = '' as $$
  select u.username, private.shown_name(u.id)
  from public.users u
  where u.id = other
    and private.shares_team_request(other, array['pending', 'accepted', 'rejected', 'cancelled'])
$$;

-- A teammate's progress on the quests both are enrolled in (not abandoned): the quest's title
-- and counts of tasks only, never evidence; '[]' unless an accepted request joins the two.
create function private.teammate_quests(teammate uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
      'quest_id', q.id, 'title', q.title,
      'completed_tasks', p.completed_tasks, 'total_tasks', p.total_tasks,
      'completed_at', theirs.completed_at)
    order by theirs.started_at desc, q.id), '[]'::jsonb)
  from public.user_quests theirs
  join public.user_quests mine on mine.quest_id = theirs.quest_id
    and mine.user_id = (select auth.uid()) and mine.is_active
  join public.quests q on q.id = theirs.quest_id
  cross join lateral (
    select count(*) as total_tasks, count(c.id) as completed_tasks
    from public.quest_tasks t
    left join public.quest_task_completions c on c.task_id = t.id and c.user_id = theirs.user_id
    where t.quest_id = q.id) p
  where theirs.user_id = teammate and theirs.is_active
    and private.shares_team_request(teammate, array['accepted'])
$$;

revoke all on function private.team_request_transition(), private.shown_name(uuid),
  private.notify_team_request_received(), private.team_request_accepted(),
  private.find_user_id(text), private.shares_team_request(uuid, text[]),
  private.team_profile(uuid), private.teammate_quests(uuid)
  from public, anon, authenticated;
grant execute on function private.find_user_id(text), private.team_profile(uuid),
  private.teammate_quests(uuid) to authenticated;
