-- Parents and advisors linked to students (issue 17). A link joins one student to one parent or
-- advisor and carries the scope the student chose for it:
--   progress          quests, tasks done, XP, the diploma as it would look in public
--   evidence          progress, and the evidence of every completion not marked private
--   private_evidence  progress, and all evidence
-- A link is made only by the functions below: a parent or advisor invites a student (by username
-- or e-mail, also an e-mail with no account yet) and the student accepts, or a student hands out
-- a one-time code that a parent or advisor redeems. Either side ends a link by deleting it;
-- the student changes its scope. Ending a link hides everything at once: every rule below reads
-- the live row.

create table public.student_links (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references public.users (id) on delete cascade,
  supporter_id uuid not null references public.users (id) on delete cascade,
  relation text not null check (relation in ('parent', 'advisor')),
  scope text not null check (scope in ('progress', 'evidence', 'private_evidence')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint student_links_pair_key unique (student_id, supporter_id),
  constraint student_links_not_self check (student_id <> supporter_id)
);
create index student_links_supporter_idx on public.student_links (supporter_id, created_at desc);
alter table public.student_links enable row level security;

create policy student_links_read on public.student_links for select to authenticated
  using (student_id = (select auth.uid()) or supporter_id = (select auth.uid())
         or (select private.is_admin()));
create policy student_links_scope on public.student_links for update to authenticated
  using (student_id = (select auth.uid())) with check (student_id = (select auth.uid()));
create policy student_links_end on public.student_links for delete to authenticated
  using (student_id = (select auth.uid()) or supporter_id = (select auth.uid())
         or (select private.is_admin()));
revoke all on public.student_links from anon, authenticated;
grant select, delete on public.student_links to authenticated;
grant update (scope) on public.student_links to authenticated;

create trigger student_links_set_updated_at before update on public.student_links
  for each row execute function private.set_updated_at();

-- The default scope of a relation: parents see non-private evidence, advisors progress only.
create function private.default_link_scope(relation text) returns text
language sql immutable set search_path = '' as $$
  select case relation when 'parent' then 'evidence' else 'progress' end
$$;
revoke all on function private.default_link_scope(text) from public, anon, authenticated;

-- Invitations (a supporter asks a student) and one-time codes (a student hands one out).
create table public.link_invitations (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('invite', 'code')),
  student_id uuid references public.users (id) on delete cascade,
  supporter_id uuid references public.users (id) on delete cascade,
  invitee_email text check (length(invitee_email) between 3 and 320),
  relation text check (relation in ('parent', 'advisor')),
  scope text check (scope in ('progress', 'evidence', 'private_evidence')),
  code_hash bytea unique,
  status text not null default 'pending'
    check (status in ('pending', 'accepted', 'declined', 'cancelled')),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  responded_at timestamptz,
  link_id uuid references public.student_links (id) on delete set null,
  constraint link_invitations_shape check (
    (kind = 'invite' and supporter_id is not null and relation is not null
       and (student_id is not null or invitee_email is not null) and code_hash is null)
    or (kind = 'code' and student_id is not null and supporter_id is null
       and invitee_email is null and code_hash is not null))
);
-- One pending invitation from a supporter to a student (or an address).
create unique index link_invitations_one_pending_key on public.link_invitations
  (supporter_id, coalesce(student_id::text, lower(invitee_email))) where status = 'pending' and kind = 'invite';
create index link_invitations_student_idx on public.link_invitations (student_id, created_at desc);
create index link_invitations_supporter_idx on public.link_invitations (supporter_id, created_at desc);
create index link_invitations_email_idx on public.link_invitations (lower(invitee_email))
  where invitee_email is not null;
alter table public.link_invitations enable row level security;

-- The caller's own e-mail, for invitations sent to an address before its account existed.
create function private.my_email() returns text
language sql stable security definer set search_path = '' as $$
  select lower(u.email) from public.users u where u.id = (select auth.uid())
$$;
revoke all on function private.my_email() from public, anon;
grant execute on function private.my_email() to authenticated;

create policy link_invitations_read on public.link_invitations for select to authenticated
  using (student_id = (select auth.uid()) or supporter_id = (select auth.uid())
         or (student_id is null and lower(invitee_email) = (select private.my_email()))
         or (select private.is_admin()));
revoke all on public.link_invitations from anon, authenticated;
grant select (id, kind, student_id, supporter_id, invitee_email, relation, scope, status,
              expires_at, created_at, responded_at, link_id)
  on public.link_invitations to authenticated;

-- Failed code redemptions, to throttle guessing by any client (also one that skips the API).
create table private.link_code_failures (
  user_id uuid not null references public.users (id) on delete cascade,
  failed_at timestamptz not null default now()
);
create index link_code_failures_user_idx on private.link_code_failures (user_id, failed_at desc);
alter table private.link_code_failures enable row level security;
revoke all on private.link_code_failures from public, anon, authenticated, service_role;

-- The caller's role, or null when signed out or deactivated.
create function private.my_active_role() returns text
language sql stable security definer set search_path = '' as $$
  select u.role from public.users u where u.id = (select auth.uid()) and u.is_active
$$;
revoke all on function private.my_active_role() from public, anon, authenticated;

-- A parent or advisor invites a student by username or e-mail. Outcomes: 'invited' (with the
-- invitation; `student_id` null when the address has no account yet), 'not_a_supporter',
-- 'not_found' (a username nobody has), 'not_a_student', 'self', 'already_linked', 'pending'.
create function public.invite_student(identifier text, chosen_scope text default null)
returns table (outcome text, invitation_id uuid, student_id uuid, invitee_email text)
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  my_role text := private.my_active_role();
  wanted text := lower(trim(identifier));
  found public.users;
  made uuid;
begin
  if my_role is null or my_role not in ('parent', 'advisor') then
    return query select 'not_a_supporter', null::uuid, null::uuid, null::text; return;
  end if;
  if chosen_scope is not null and chosen_scope not in ('progress', 'evidence', 'private_evidence') then
    raise exception 'unknown scope %', chosen_scope using errcode = 'check_violation';
  end if;
  if position('@' in wanted) > 0 then
    select u.* into found from public.users u
    where lower(u.email) = wanted and u.is_active order by u.created_at limit 1;
  else
    select u.* into found from public.users u where u.username = wanted and u.is_active;
  end if;
  if found.id is null and position('@' in wanted) = 0 then
    return query select 'not_found', null::uuid, null::uuid, null::text; return;
  end if;
  if found.id = me then
    return query select 'self', null::uuid, null::uuid, null::text; return;
  end if;
  if found.id is not null and found.role <> 'student' then
    return query select 'not_a_student', null::uuid, null::uuid, null::text; return;
  end if;
  if found.id is not null and exists (
      select 1 from public.student_links l where l.student_id = found.id and l.supporter_id = me) then
    return query select 'already_linked', null::uuid, found.id, null::text; return;
  end if;
  insert into public.link_invitations
    (kind, student_id, supporter_id, invitee_email, relation, scope, expires_at)
  values ('invite', found.id, me, case when found.id is null then wanted end, my_role,
          coalesce(chosen_scope, private.default_link_scope(my_role)), now() + interval '14 days')
  on conflict do nothing
  returning id into made;
  if made is null then
    return query select 'pending', null::uuid, found.id, null::text; return;
  end if;
  if found.id is not null then
    perform private.notify(found.id, 'link_invited', jsonb_build_object(
      'invitation_id', made, 'supporter_name', private.shown_name(me), 'relation', my_role));
  end if;
  return query select 'invited', made, found.id, case when found.id is null then wanted end;
end
$$;
revoke all on function public.invite_student(text, text) from public, anon;
grant execute on function public.invite_student(text, text) to authenticated;

-- A student makes a one-time code (12 hex digits from gen_random_uuid, shown once, stored as
-- its SHA-256), valid 72 hours; at most 5 unexpired unused codes at once. Outcomes: 'created'
-- (with the code), 'not_a_student', 'too_many'.
create function public.create_link_code(chosen_scope text default null)
returns table (outcome text, invitation_id uuid, code text, expires_at timestamptz)
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  fresh text := upper(left(replace(gen_random_uuid()::text, '-', ''), 12));
  made public.link_invitations;
begin
  if private.my_active_role() is distinct from 'student' then
    return query select 'not_a_student', null::uuid, null::text, null::timestamptz; return;
  end if;
  if chosen_scope is not null and chosen_scope not in ('progress', 'evidence', 'private_evidence') then
    raise exception 'unknown scope %', chosen_scope using errcode = 'check_violation';
  end if;
  perform 1 from public.users u where u.id = me for no key update;  -- one count at a time
  if (select count(*) from public.link_invitations i
      where i.student_id = me and i.kind = 'code' and i.status = 'pending'
        and i.expires_at > now()) >= 5 then
    return query select 'too_many', null::uuid, null::text, null::timestamptz; return;
  end if;
  insert into public.link_invitations (kind, student_id, scope, code_hash, expires_at)
  values ('code', me, chosen_scope, sha256(convert_to(fresh, 'UTF8')), now() + interval '72 hours')
  returning * into made;
  return query select 'created', made.id,
    substr(fresh, 1, 4) || '-' || substr(fresh, 5, 4) || '-' || substr(fresh, 9, 4), made.expires_at;
end
$$;
revoke all on function public.create_link_code(text) from public, anon;
grant execute on function public.create_link_code(text) to authenticated;

-- Makes the link of an accepted invitation (the caller holds the invitation's row lock).
create function private.link_from(invitation public.link_invitations, student uuid, supporter uuid,
                                  relation text)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  made uuid;
begin
  insert into public.student_links (student_id, supporter_id, relation, scope)
  values (student, supporter, relation,
          coalesce(invitation.scope, private.default_link_scope(relation)))
  on conflict (student_id, supporter_id) do nothing
  returning id into made;
  if made is null then
    return null;
  end if;
  update public.link_invitations
  set status = 'accepted', responded_at = now(), link_id = made,
      student_id = student
  where id = invitation.id;
  perform private.notify(student, 'link_created', jsonb_build_object(
    'link_id', made, 'supporter_name', private.shown_name(supporter), 'relation', relation));
  perform private.notify(supporter, 'link_created', jsonb_build_object(
    'link_id', made, 'student_name', private.shown_name(student), 'relation', relation));
  return made;
end
$$;
revoke all on function private.link_from(public.link_invitations, uuid, uuid, text)
  from public, anon, authenticated;

-- A parent or advisor redeems a student's code. Outcomes: 'linked' (with the link),
-- 'not_a_supporter', 'throttled' (10 failures within an hour), 'invalid' (no such code),
-- 'expired', 'used', 'already_linked'. A failure is counted, and kept: nothing raises.
create function public.redeem_link_code(code text)
returns table (outcome text, link_id uuid, student_id uuid)
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  my_role text := private.my_active_role();
  found public.link_invitations;
  made uuid;
begin
  if my_role is null or my_role not in ('parent', 'advisor') then
    return query select 'not_a_supporter', null::uuid, null::uuid; return;
  end if;
  if (select count(*) from private.link_code_failures f
      where f.user_id = me and f.failed_at > now() - interval '1 hour') >= 10 then
    return query select 'throttled', null::uuid, null::uuid; return;
  end if;
  select i.* into found from public.link_invitations i
  where i.kind = 'code'
    and i.code_hash = sha256(convert_to(upper(regexp_replace(code, '[^0-9A-Fa-f]', '', 'g')), 'UTF8'))
  for update;
  if found.id is null then
    insert into private.link_code_failures (user_id) values (me);
    return query select 'invalid', null::uuid, null::uuid; return;
  end if;
  if found.status <> 'pending' then
    insert into private.link_code_failures (user_id) values (me);
    return query select 'used', null::uuid, null::uuid; return;
  end if;
  if found.expires_at <= now() then
    insert into private.link_code_failures (user_id) values (me);
    return query select 'expired', null::uuid, null::uuid; return;
  end if;
  if found.student_id = me then
    return query select 'invalid', null::uuid, null::uuid; return;
  end if;
  made := private.link_from(found, found.student_id, me, my_role);
  if made is null then
    return query select 'already_linked', null::uuid, found.student_id; return;
  end if;
  return query select 'linked', made, found.student_id;
end
$$;
revoke all on function public.redeem_link_code(text) from public, anon;
grant execute on function public.redeem_link_code(text) to authenticated;

-- Answers an invitation: the invited student accepts or declines; its sender cancels (also a
-- code, by its student). Outcomes: 'accepted' (with the link), 'declined', 'cancelled',
-- 'not_found' (not the caller's to see), 'not_yours' (seen, but the other side's to answer),
-- 'not_a_student' (accepting or declining needs the student role), 'not_pending', 'expired',
-- 'already_linked'.
create function public.answer_link_invitation(invitation uuid, answer text)
returns table (outcome text, link_id uuid)
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  my_email text := private.my_email();
  found public.link_invitations;
  is_invitee boolean;
  is_sender boolean;
  made uuid;
begin
  if answer not in ('accept', 'decline', 'cancel') then
    raise exception 'unknown answer %', answer using errcode = 'check_violation';
  end if;
  select i.* into found from public.link_invitations i where i.id = invitation for update;
  is_sender := coalesce((found.kind = 'invite' and found.supporter_id = me)
                        or (found.kind = 'code' and found.student_id = me), false);
  is_invitee := coalesce(found.kind = 'invite'
    and (found.student_id = me or (found.student_id is null and lower(found.invitee_email) = my_email)),
    false);
  if not (is_sender or is_invitee) then
    return query select 'not_found', null::uuid; return;
  end if;
  if (answer = 'cancel' and not is_sender) or (answer <> 'cancel' and not is_invitee) then
    return query select 'not_yours', null::uuid; return;
  end if;
  if answer <> 'cancel' and private.my_active_role() is distinct from 'student' then
    return query select 'not_a_student', null::uuid; return;
  end if;
  if found.status <> 'pending' then
    return query select 'not_pending', null::uuid; return;
  end if;
  if answer = 'cancel' then
    update public.link_invitations set status = 'cancelled', responded_at = now()
    where id = found.id;
    return query select 'cancelled', null::uuid; return;
  end if;
  if found.expires_at <= now() then
    return query select 'expired', null::uuid; return;
  end if;
  if answer = 'decline' then
    update public.link_invitations set status = 'declined', responded_at = now(), student_id = me
    where id = found.id;
    return query select 'declined', null::uuid; return;
  end if;
  made := private.link_from(found, me, found.supporter_id, found.relation);
  if made is null then
    return query select 'already_linked', null::uuid; return;
  end if;
  return query select 'accepted', made;
end
$$;
revoke all on function public.answer_link_invitation(uuid, text) from public, anon;
grant execute on function public.answer_link_invitation(uuid, text) to authenticated;

-- What a linked parent or advisor may see of a student's work. `private.link_scope` is the
-- caller's scope on `student` (null: no link); `private.sees_evidence` whether the caller may
-- read the evidence of one completion of the student (their own, an admin, or a link whose
-- scope covers it).
create function private.link_scope(student uuid) returns text
language sql stable security definer set search_path = '' as $$
  select l.scope from public.student_links l
  where l.student_id = student and l.supporter_id = (select auth.uid())
$$;
revoke all on function private.link_scope(uuid) from public, anon;
grant execute on function private.link_scope(uuid) to authenticated;

create function private.sees_evidence(student uuid, is_private boolean) returns boolean
language sql stable security definer set search_path = '' as $$
  select student = (select auth.uid()) or (select private.is_admin()) or coalesce(
    (select l.scope = 'private_evidence' or (l.scope = 'evidence' and not is_private)
     from public.student_links l
     where l.student_id = student and l.supporter_id = (select auth.uid())), false)
$$;
revoke all on function private.sees_evidence(uuid, boolean) from public, anon;
grant execute on function private.sees_evidence(uuid, boolean) to authenticated;

-- The students linked to the caller (any scope), for policies that read with `in`.
create function private.my_students() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select l.student_id from public.student_links l where l.supporter_id = (select auth.uid())
$$;
revoke all on function private.my_students() from public, anon;
grant execute on function private.my_students() to authenticated;

-- Progress (any scope): enrolments, XP totals and the XP ledger of a linked student.
drop policy user_quests_read_own on public.user_quests;
create policy user_quests_read on public.user_quests for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin())
         or user_id in (select private.my_students()));
drop policy user_skill_xp_read_own on public.user_skill_xp;
create policy user_skill_xp_read on public.user_skill_xp for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin())
         or user_id in (select private.my_students()));
drop policy xp_events_read_own on public.xp_events;
create policy xp_events_read on public.xp_events for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin())
         or user_id in (select private.my_students()));

-- Evidence (by scope): a completion row carries its evidence, so a linked supporter reads the
-- row only when the scope covers it. Progress-only supporters see completions without
-- evidence through private.linked_completions.
drop policy completions_read_own on public.quest_task_completions;
create policy completions_read on public.quest_task_completions for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin())
         or (user_id in (select private.my_students()) and private.sees_evidence(user_id, is_private)));

-- A linked student's completions, newest first, with the evidence blanked where the caller's
-- scope does not cover it (`evidence_shown` false). Empty when the caller is not linked (nor
-- the student, nor an admin).
create function private.linked_completions(student uuid, before timestamptz, before_id uuid,
                                           page_size integer)
returns table (id uuid, quest_id uuid, quest_title text, task_id uuid, task_title text,
               pillar text, xp_awarded integer, completed_at timestamptz, is_private boolean,
               evidence_shown boolean, evidence_type text, evidence_text text,
               evidence_url text, evidence_path text, evidence_content_type text,
               evidence_size integer)
language sql stable security definer set search_path = '' as $$
  select c.id, c.quest_id, q.title, c.task_id, t.title, t.pillar, c.xp_awarded, c.completed_at,
         c.is_private, shown.ok,
         case when shown.ok then c.evidence_type end,
         case when shown.ok then c.evidence_text end,
         case when shown.ok then c.evidence_url end,
         case when shown.ok then c.evidence_path end,
         case when shown.ok then c.evidence_content_type end,
         case when shown.ok then c.evidence_size end
  from public.quest_task_completions c
  join public.quest_tasks t on t.id = c.task_id
  join public.quests q on q.id = c.quest_id
  cross join lateral (select private.sees_evidence(c.user_id, c.is_private) as ok) shown
  where c.user_id = student
    and (student = (select auth.uid()) or (select private.is_admin())
         or private.link_scope(student) is not null)
    and (before is null or (c.completed_at, c.id) < (before, before_id))
  order by c.completed_at desc, c.id desc
  limit least(greatest(page_size, 1), 101)
$$;
revoke all on function private.linked_completions(uuid, timestamptz, uuid, integer) from public, anon;
grant execute on function private.linked_completions(uuid, timestamptz, uuid, integer) to authenticated;

-- A linked student's quests: those in progress (newest first, 20 at most) and the last 10
-- completed, with tasks done out of all; empty when the caller is not linked.
create function private.linked_quests(student uuid)
returns table (quest_id uuid, title text, image_url text, started_at timestamptz,
               completed_at timestamptz, completed_tasks integer, total_tasks integer,
               xp_earned integer)
language sql stable security definer set search_path = '' as $$
  select q.id, q.title, q.image_url, uq.started_at, uq.completed_at, done.tasks, total.tasks,
         done.xp
  from (
    (select uq.* from public.user_quests uq
     where uq.user_id = student and uq.is_active and uq.completed_at is null
     order by uq.started_at desc, uq.quest_id desc limit 20)
    union all
    (select uq.* from public.user_quests uq
     where uq.user_id = student and uq.completed_at is not null
     order by uq.completed_at desc, uq.quest_id desc limit 10)) uq
  join public.quests q on q.id = uq.quest_id
  cross join lateral (
    select count(*)::integer as tasks, coalesce(sum(c.xp_awarded), 0)::integer as xp
    from public.quest_task_completions c
    where c.user_id = student and c.quest_id = uq.quest_id) done
  cross join lateral (
    select count(*)::integer as tasks from public.quest_tasks t where t.quest_id = uq.quest_id) total
  where student = (select auth.uid()) or (select private.is_admin())
     or private.link_scope(student) is not null
  order by uq.completed_at is not null, coalesce(uq.completed_at, uq.started_at) desc
$$;
revoke all on function private.linked_quests(uuid) from public, anon;
grant execute on function private.linked_quests(uuid) to authenticated;

-- A parent suggests a quest in the catalog to a linked child, who is notified and decides.
-- Outcomes: 'suggested', 'not_linked' (no parent link to this student), 'no_quest'.
create function public.suggest_quest(student uuid, quest uuid, note text default '')
returns text
language plpgsql security definer set search_path = '' as $$
declare
  title text;
begin
  if not exists (select 1 from public.student_links l
                 where l.student_id = student and l.supporter_id = (select auth.uid())
                   and l.relation = 'parent') then
    return 'not_linked';
  end if;
  select q.title into title from public.quests q
  where q.id = quest and q.is_active and q.is_public;
  if title is null then
    return 'no_quest';
  end if;
  if length(coalesce(note, '')) > 500 then
    raise exception 'a suggestion note is at most 500 characters' using errcode = 'check_violation';
  end if;
  perform private.notify(student, 'quest_suggested', jsonb_build_object(
    'quest_id', quest, 'quest_title', title, 'parent_name', private.shown_name((select auth.uid())),
    'note', coalesce(note, '')));
  return 'suggested';
end
$$;
revoke all on function public.suggest_quest(uuid, uuid, text) from public, anon;
grant execute on function public.suggest_quest(uuid, uuid, text) to authenticated;

-- A student's last week of XP and last activity read the ledger by time: no whole history.
create index xp_events_user_time_idx on public.xp_events (user_id, created_at desc);

-- A linked student's profile as their supporters see it (never the e-mail), with the diploma's
-- address and totals; null when not linked.
create function private.linked_student(student uuid)
returns table (id uuid, username text, display_name text, relation text, scope text,
               link_id uuid, linked_at timestamptz, diploma_slug text, diploma_public boolean,
               completed_quests integer, quests_in_progress integer, completed_tasks integer)
language sql stable security definer set search_path = '' as $$
  select u.id, u.username, private.shown_name(u.id), l.relation, l.scope, l.id, l.created_at,
         d.slug, d.is_public, coalesce(t.completed_quests, 0), coalesce(t.quests_in_progress, 0),
         coalesce(t.completed_tasks, 0)
  from public.student_links l
  join public.users u on u.id = l.student_id
  left join public.diplomas d on d.user_id = u.id
  left join private.diploma_totals t on t.user_id = u.id
  where l.supporter_id = (select auth.uid()) and (student is null or l.student_id = student)
$$;
revoke all on function private.linked_student(uuid) from public, anon;
grant execute on function private.linked_student(uuid) to authenticated;

-- The shown name of the caller, of the other side of a link or invitation the caller is party
-- to, or of anyone to an admin; null otherwise.
create function private.link_party_name(person uuid) returns text
language sql stable security definer set search_path = '' as $$
  select private.shown_name(person)
  where person = (select auth.uid()) or (select private.is_admin()) or exists (
    select 1 from public.student_links l
    where (l.student_id = person and l.supporter_id = (select auth.uid()))
       or (l.supporter_id = person and l.student_id = (select auth.uid())))
  or exists (
    select 1 from public.link_invitations i
    where (i.student_id = person and i.supporter_id = (select auth.uid()))
       or (i.supporter_id = person and (i.student_id = (select auth.uid())
           or (i.student_id is null and lower(i.invitee_email) = (select private.my_email())))))
$$;
revoke all on function private.link_party_name(uuid) from public, anon;
grant execute on function private.link_party_name(uuid) to authenticated;

-- A supporter whose scope covers evidence reads a linked student's diploma as it would look in
-- public, also while it is private (a public diploma shows evidence not marked private).
create or replace function private.readable_diploma(diploma_slug text)
returns table (diploma public.diplomas, owner public.users, visible_to_anyone boolean)
language sql stable security definer set search_path = '' as $$
  select d, u, d.is_public and u.is_active
  from public.diplomas d
  join public.users u on u.id = d.user_id
  where d.slug = diploma_slug
    -- coalesce: for anon, auth.uid() is null and so is the comparison; null must mean "no".
    and coalesce(
      (d.is_public and u.is_active) or d.user_id = (select auth.uid()) or (select private.is_admin())
        or (u.is_active and private.link_scope(d.user_id) in ('evidence', 'private_evidence')),
      false)
$$;
