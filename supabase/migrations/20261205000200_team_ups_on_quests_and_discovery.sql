-- Team-ups (issue 19): teammates invite each other onto quests; answering a request reads the
-- notice that announced it; students may choose to be found by name by students looking for a
-- teammate.

-- One pending request per pair of students and quest, whichever way it was sent (no quest counts
-- as one quest): two students may have several invitations waiting, each onto another quest,
-- never two onto the same one. Replaces one pending request per pair, which kept teammates who
-- had an invitation waiting from asking each other onto any other quest.
drop index public.team_requests_one_pending_per_pair;
create unique index team_requests_one_pending_per_pair_and_quest on public.team_requests
  (least(sender_id, recipient_id), greatest(sender_id, recipient_id), quest_id)
  nulls not distinct where status = 'pending';

-- Teammates (an accepted request between them, either way) ask each other onto a quest: a request
-- naming none would only ask them to become what they already are.
create function private.hold_teammates_to_a_quest() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (
    select 1 from public.team_requests r
    where least(r.sender_id, r.recipient_id) = least(new.sender_id, new.recipient_id)
      and greatest(r.sender_id, r.recipient_id) = greatest(new.sender_id, new.recipient_id)
      and r.status = 'accepted') then
    raise exception 'already_teammates: teammates ask each other onto a quest'
      using errcode = 'check_violation';
  end if;
  return new;
end
$$;
revoke all on function private.hold_teammates_to_a_quest() from public, anon, authenticated;
create trigger team_requests_hold_teammates_to_a_quest before insert on public.team_requests
  for each row when (new.quest_id is null and new.status = 'pending')
  execute function private.hold_teammates_to_a_quest();

-- Answered: the recipient's notice of the request is read, in the answer's transaction (marking
-- it again keeps the first time). A cancelled request leaves it as it was: its recipient did not
-- act on it.
create index notifications_team_request_idx on public.notifications
  (user_id, (data ->> 'request_id')) where type = 'team_request_received';

create function private.read_team_request_notice() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.notifications n set read_at = now()
  where n.user_id = new.recipient_id and n.type = 'team_request_received'
    and n.data ->> 'request_id' = new.id::text and n.read_at is null;
  return null;
end
$$;
revoke all on function private.read_team_request_notice() from public, anon, authenticated;
create trigger team_requests_read_notice after update of status on public.team_requests
  for each row when (old.status = 'pending' and new.status in ('accepted', 'rejected'))
  execute function private.read_team_request_notice();

-- Found by name: off by default; a student turns it on for themselves (the column grant and
-- users_update_own_or_admin). Nothing else of theirs becomes readable.
alter table public.users add column discoverable boolean not null default false;
grant update (discoverable) on public.users to authenticated;
-- A search reads only the students who chose to be found.
create index users_discoverable_idx on public.users (username)
  where discoverable and is_active and role = 'student';

-- Students who chose to be found, for a signed-in active student: those whose username, or the
-- start of a word of whose shown name, begins with `prefix` (2 characters at least, taken
-- literally), a page of ten at most, and whether more follow it; never the caller, never a child
-- still waiting for a parent's consent (who cannot team up yet). Only what a request shows of its
-- other student: id, username and shown name.
create function private.discoverable_students(prefix text, page_size integer, skip integer)
returns table (id uuid, username text, display_name text, more boolean)
language sql stable security definer set search_path = '' as $$
  with wanted as (
    select lower(btrim(prefix)) as term,
           replace(replace(replace(lower(btrim(prefix)), '\', '\\'), '%', '\%'), '_', '\_')
             as pattern)
  select u.id, u.username, s.name,
         count(*) over () > greatest(skip, 0) + least(greatest(page_size, 0), 10)
  from wanted w
  cross join public.users u
  cross join lateral (select coalesce(
      nullif(btrim(u.display_name), ''),
      nullif(btrim(concat_ws(' ', u.first_name, u.last_name)), ''),
      u.username) as name) s
  where length(w.term) >= 2
    and exists (select 1 from public.users me
                where me.id = (select auth.uid()) and me.role = 'student' and me.is_active)
    and u.discoverable and u.is_active and u.role = 'student'
    and u.username is not null
    and u.id <> (select auth.uid())
    and (u.username like w.pattern || '%'
         or lower(s.name) like w.pattern || '%'
         or lower(s.name) like '% ' || w.pattern || '%')
    -- Only a child's consent is looked up: once per row it was most of a broad search's time.
    and (coalesce(u.birth_date <= current_date - interval '13 years', true)
         or not private.consent_pending(u.id))
  order by u.username = w.term desc, u.username, u.id
  limit least(greatest(page_size, 0), 10) offset greatest(skip, 0)
$$;
revoke all on function private.discoverable_students(text, integer, integer)
  from public, anon, authenticated;
grant execute on function private.discoverable_students(text, integer, integer) to authenticated;
