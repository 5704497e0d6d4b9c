-- Children under 13: a birth date kept on the profile (never public), a parent's consent
-- recorded (who, when, how, which policy) and revocable, and the locks that hold until it is
-- given: no public diploma, no team-ups. A parent who consented from their own account
-- manages the child's link scopes.

alter table public.users add column birth_date date
  constraint users_birth_date_check check (birth_date >= date '1900-01-01');

-- The sign-up's birth date rides in the auth user's metadata, as the names do; so does the
-- kind of account chosen at sign-up (a student, a parent or an advisor: never an admin).
create or replace function private.handle_new_auth_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  meta jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
  chosen text := lower(meta ->> 'username');
  born date;
  candidate text;
  violated text;
  attempts int := 0;
begin
  begin
    born := (meta ->> 'birth_date')::date;
  exception when others then
    born := null;  -- not a date: unknown, as when none was given
  end;
  loop
    candidate := coalesce(chosen, private.unique_username(split_part(new.email, '@', 1)));
    begin
      insert into public.users
        (id, email, username, first_name, last_name, display_name, birth_date, role)
      values (
        new.id,
        new.email,
        candidate,
        meta ->> 'first_name',
        meta ->> 'last_name',
        coalesce(
          meta ->> 'display_name',
          nullif(trim(concat_ws(' ', meta ->> 'first_name', meta ->> 'last_name')), '')
        ),
        case when born between date '1900-01-01' and current_date then born end,
        case when meta ->> 'role' in ('parent', 'advisor') then meta ->> 'role' else 'student' end
      );
      return new;
    exception when unique_violation then
      get stacked diagnostics violated = constraint_name;
      if violated is distinct from 'users_username_key' then
        raise;
      end if;
      if chosen is not null then
        raise exception 'username_taken'
          using errcode = 'unique_violation', constraint = 'users_username_key',
                detail = format('The username %s is taken.', chosen);
      end if;
      -- Each lost race means another sign-up took the name; a run of them is not expected.
      attempts := attempts + 1;
      if attempts >= 100 then
        raise;
      end if;
    end;
  end loop;
end
$$;

create table public.parental_consents (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references public.users (id) on delete cascade,
  -- Who consented: a parent's account, or the address a consent request went to.
  parent_id uuid references public.users (id) on delete set null,
  parent_email text check (length(parent_email) between 3 and 320),
  method text not null check (method in ('parent_account', 'email_link')),
  policy_version text not null check (length(policy_version) between 1 and 40),
  granted_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references public.users (id) on delete set null,
  check (parent_id is not null or parent_email is not null)
);
create unique index parental_consents_one_active_idx
  on public.parental_consents (student_id) where revoked_at is null;
create index parental_consents_parent_idx
  on public.parental_consents (parent_id) where parent_id is not null;

alter table public.parental_consents enable row level security;
revoke all on public.parental_consents from anon, authenticated;
grant select on public.parental_consents to authenticated;
create policy parental_consents_read on public.parental_consents for select to authenticated
  using (student_id = (select auth.uid()) or parent_id = (select auth.uid())
         or (select private.is_admin()));

-- A consent request mailed to a parent: the token is in the mail only (its SHA-256 here).
create table private.consent_requests (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references public.users (id) on delete cascade,
  parent_email text not null check (length(parent_email) between 3 and 320),
  token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '7 days',
  answered_at timestamptz,
  answer text check (answer in ('granted', 'declined')),
  consent_id uuid references public.parental_consents (id) on delete set null
);
create index consent_requests_student_idx on private.consent_requests (student_id, created_at);
alter table private.consent_requests enable row level security;
revoke all on private.consent_requests from anon, authenticated;

create function private.is_under_13(who uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(
    (select u.birth_date > current_date - interval '13 years' from public.users u where u.id = who),
    false)
$$;

-- Whether the account waits for a parent's consent: under 13 and none in force.
create function private.consent_pending(who uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.is_under_13(who) and not exists (
    select 1 from public.parental_consents c where c.student_id = who and c.revoked_at is null)
$$;

-- Whether I consented for this child from my account, and the consent stands.
create function private.manages_child(child uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.parental_consents c
    where c.student_id = child and c.parent_id = (select auth.uid()) and c.revoked_at is null)
$$;

-- Whether I set this student's links' scopes: my own, unless I am under 13; or my child's.
create function private.sets_link_scope(student uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select (student = (select auth.uid()) and not private.is_under_13(student))
         or private.manages_child(student)
$$;

-- Age and consent of others are no client's business: only definer code asks about anyone.
revoke all on function private.is_under_13(uuid), private.consent_pending(uuid),
  private.manages_child(uuid), private.sets_link_scope(uuid) from public;
grant execute on function private.manages_child(uuid), private.sets_link_scope(uuid)
  to authenticated;

-- Where my latest consent request went, and when (the requests are not readable by clients).
create function private.my_consent_request()
returns table (parent_email text, created_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select r.parent_email, r.created_at from private.consent_requests r
  where r.student_id = (select auth.uid()) order by r.created_at desc limit 1
$$;
revoke all on function private.my_consent_request() from public;
grant execute on function private.my_consent_request() to authenticated;

-- The locks. Raised as insufficient_privilege with a 'consent_required:' message, which the API
-- answers as 403 consent_required.
create function private.hold_until_consent() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  who uuid;
begin
  if tg_table_name = 'diplomas' then
    if not new.is_public or (tg_op = 'UPDATE' and old.is_public) then
      return new;
    end if;
    who := new.user_id;
  elsif tg_op = 'INSERT' then
    who := new.sender_id;
    if private.consent_pending(new.recipient_id) then
      raise exception 'consent_required: % cannot team up until a parent consents',
        'this student' using errcode = 'insufficient_privilege';
    end if;
  else
    if new.status is distinct from 'accepted' or old.status = 'accepted' then
      return new;
    end if;
    who := new.recipient_id;
    if private.consent_pending(new.sender_id) then
      raise exception 'consent_required: the other student cannot team up until a parent consents'
        using errcode = 'insufficient_privilege';
    end if;
  end if;
  if private.consent_pending(who) then
    raise exception 'consent_required: a parent must consent before % ',
      case tg_table_name when 'diplomas' then 'the diploma can be public'
                         else 'you can team up' end
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;
revoke all on function private.hold_until_consent() from public, anon, authenticated;

create trigger diplomas_hold_until_consent before insert or update of is_public
  on public.diplomas for each row execute function private.hold_until_consent();
create trigger team_requests_hold_until_consent before insert or update of status
  on public.team_requests for each row execute function private.hold_until_consent();

-- Revoking consent locks again: the diploma goes private at once.
create function private.consent_revoked() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not private.consent_pending(new.student_id) then
    return new;  -- another consent stands (there is at most one, but say what is meant)
  end if;
  update public.diplomas set is_public = false where user_id = new.student_id and is_public;
  perform private.notify(new.student_id, 'consent_revoked', '{}'::jsonb);
  return new;
end
$$;
revoke all on function private.consent_revoked() from public, anon, authenticated;
create trigger parental_consents_revoked after update of revoked_at on public.parental_consents
  for each row when (old.revoked_at is null and new.revoked_at is not null)
  execute function private.consent_revoked();

-- A child under 13 does not set their own links' scopes: the parent who consented does.
drop policy student_links_scope on public.student_links;
create policy student_links_scope on public.student_links for update to authenticated
  using (private.sets_link_scope(student_id)) with check (private.sets_link_scope(student_id));

-- A child asks a parent by e-mail. Outcomes: requested (with the token for the mail),
-- not_needed, too_many (3 a day).
create function public.request_parental_consent(address text)
returns table (outcome text, request_id uuid, token text)
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  made text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
  made_id uuid;
begin
  if me is null or not private.consent_pending(me) then
    return query select 'not_needed', null::uuid, null::text; return;
  end if;
  perform 1 from public.users where id = me for update;  -- one count at a time
  if (select count(*) from private.consent_requests r
      where r.student_id = me and r.created_at > now() - interval '1 day') >= 3 then
    return query select 'too_many', null::uuid, null::text; return;
  end if;
  insert into private.consent_requests (student_id, parent_email, token_hash)
  values (me, lower(trim(address)), sha256(convert_to(made, 'UTF8')))
  returning id into made_id;
  return query select 'requested', made_id, made;
end
$$;

-- What a consent link is about, for the signed-out page: the child's name, the address, and
-- where it stands (pending, granted, declined, revoked, expired); nothing for a wrong token.
create function public.consent_request_info(token text)
returns table (status text, student_name text, parent_email text, expires_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select case
           when c.revoked_at is not null then 'revoked'
           when r.answer is not null then r.answer
           when r.expires_at <= now() then 'expired'
           else 'pending' end,
         coalesce(u.first_name, u.display_name, u.username),
         r.parent_email, r.expires_at
  from private.consent_requests r
  join public.users u on u.id = r.student_id
  left join public.parental_consents c on c.id = r.consent_id
  where r.token_hash = sha256(convert_to(token, 'UTF8'))
$$;

-- A parent answers a consent link, signed out: grant, decline, or later revoke what it granted.
-- Outcomes: granted, declined, revoked, not_found, expired, answered (already), not_granted.
create function public.answer_consent_request(token text, decision text, policy text)
returns table (outcome text, student_id uuid)
language plpgsql security definer set search_path = '' as $$
declare
  r private.consent_requests;
  made uuid;
begin
  select * into r from private.consent_requests q
  where q.token_hash = sha256(convert_to(token, 'UTF8')) for update;
  if not found then
    return query select 'not_found', null::uuid; return;
  end if;
  if decision = 'revoke' then
    update public.parental_consents c set revoked_at = now(), revoked_by = (select auth.uid())
    where c.id = r.consent_id and c.revoked_at is null;
    return query select case when found then 'revoked' else 'not_granted' end, r.student_id;
    return;
  end if;
  if r.answered_at is not null then
    return query select 'answered', r.student_id; return;
  end if;
  if r.expires_at <= now() then
    return query select 'expired', r.student_id; return;
  end if;
  if decision = 'grant' then
    if private.consent_pending(r.student_id) then
      insert into public.parental_consents (student_id, parent_email, method, policy_version)
      values (r.student_id, r.parent_email, 'email_link', policy)
      returning id into made;
      perform private.notify(r.student_id, 'consent_granted', '{}'::jsonb);
    end if;
    update private.consent_requests set answered_at = now(), answer = 'granted', consent_id = made
    where id = r.id;
    return query select 'granted', r.student_id; return;
  end if;
  update private.consent_requests set answered_at = now(), answer = 'declined' where id = r.id;
  return query select 'declined', r.student_id;
end
$$;

-- A parent who consented from their account ends it (the child locks again).
create function public.revoke_parental_consent(child uuid) returns boolean
language sql security definer set search_path = '' as $$
  update public.parental_consents c set revoked_at = now(), revoked_by = (select auth.uid())
  where c.student_id = child and c.revoked_at is null
    and (c.parent_id = (select auth.uid()) or (select private.is_admin()))
  returning true
$$;

-- After a parent made a child's account (on the elevated path): the consent, given from the
-- parent's account, and the parent's link.
create function private.record_child_added(child uuid, parent uuid, policy text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.parental_consents (student_id, parent_id, method, policy_version)
  values (child, parent, 'parent_account', policy);
  insert into public.student_links (student_id, supporter_id, relation, scope)
  values (child, parent, 'parent', private.default_link_scope('parent'));
end
$$;
revoke all on function private.record_child_added(uuid, uuid, text) from public, anon, authenticated;

revoke all on function public.request_parental_consent(text), public.consent_request_info(text),
  public.answer_consent_request(text, text, text), public.revoke_parental_consent(uuid)
  from public;
grant execute on function public.request_parental_consent(text),
  public.revoke_parental_consent(uuid) to authenticated;
grant execute on function public.consent_request_info(text),
  public.answer_consent_request(text, text, text) to anon, authenticated;

-- A parent who consented from their account exports their child's data, as the child could:
-- the same export row and job (20261203210100), readable by that parent while consent stands
-- (one policy for both readers: two permissive policies would each be evaluated).
create function public.request_child_export(child uuid)
returns public.account_exports
language plpgsql security definer set search_path = '' as $$
begin
  if not private.manages_child(child) then
    raise exception 'not_your_child' using errcode = 'no_data_found';
  end if;
  return private.start_export(child);
end
$$;
revoke all on function public.request_child_export(uuid) from public, anon;
grant execute on function public.request_child_export(uuid) to authenticated;

drop policy account_exports_read_own on public.account_exports;
create policy account_exports_read on public.account_exports for select to authenticated
  using (user_id = (select auth.uid()) or private.manages_child(user_id));
