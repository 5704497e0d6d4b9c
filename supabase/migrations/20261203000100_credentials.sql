-- Open Badges 3.0 credentials (issue 16): exactly one per completed quest, signed outside the
-- request by a job (optio.credentials.jobs), revocable by admins.
--
-- A credential row is written by the trigger that sees a quest become completed, in the same
-- statement as the completion: a completion that rolls back issues nothing, and the unique
-- (user_id, quest_id) keeps it to one under any race. `document` (the signed credential) stays
-- empty until the job, or the first read, signs it.
--
-- Revocation is a bit in a Bitstring Status List at `status_index`. That bit must outlive the
-- account: deleting a user revokes their credentials and forgets who they were (user_id and the
-- document go), but the row and its index stay, so a copy kept elsewhere verifies as revoked.

create table public.credentials (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references public.users (id) on delete set null,
  -- An admin may remove the quest: what it earned stays issued (the signed document names it).
  quest_id uuid references public.quests (id) on delete set null,
  status_index bigint generated always as identity (minvalue 0 start with 0) unique,
  issued_at timestamptz not null default now(),
  document jsonb,
  signed_at timestamptz,
  revoked_at timestamptz,
  revoked_reason text check (length(revoked_reason) between 1 and 500),
  revoked_by uuid references public.users (id) on delete set null,
  unique (user_id, quest_id),
  constraint credentials_signed_with_document check ((document is null) = (signed_at is null)),
  constraint credentials_revoked_with_reason check ((revoked_at is null) = (revoked_reason is null)),
  constraint credentials_document_is_object check (jsonb_typeof(document) = 'object')
);
create index credentials_revoked_idx on public.credentials (status_index) where revoked_at is not null;
create index credentials_unsigned_idx on public.credentials (issued_at) where signed_at is null;
alter table public.credentials enable row level security;

-- Readable by its owner and admins, and by anyone while the owner's diploma is public (a
-- credential is meant to be shown; the API shows the signed document only). No client writes.
create policy credentials_read on public.credentials for select to anon, authenticated using (
  user_id = (select auth.uid())
  or (select private.is_admin())
  or exists (select 1 from public.diplomas d where d.user_id = credentials.user_id and d.is_public)
);
revoke all on public.credentials from anon, authenticated;
grant select on public.credentials to anon, authenticated;

create function private.issue_credential() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  issued uuid;
begin
  insert into public.credentials (user_id, quest_id) values (new.user_id, new.quest_id)
  on conflict (user_id, quest_id) do nothing
  returning id into issued;
  if issued is not null then
    insert into private.jobs (kind, args, key)
    values ('credentials.sign', jsonb_build_object('credential_id', issued), issued::text)
    on conflict (kind, key) where key is not null do nothing;
  end if;
  return null;
end
$$;
revoke all on function private.issue_credential() from public, anon, authenticated;

create trigger user_quests_issue_credential
after update of completed_at on public.user_quests for each row
when (old.completed_at is null and new.completed_at is not null)
execute function private.issue_credential();
create trigger user_quests_issue_credential_on_insert
after insert on public.user_quests for each row when (new.completed_at is not null)
execute function private.issue_credential();

-- An admin revokes with a reason: audit-logged, the student notified. Callable by any signed-in
-- client, refused (42501) unless the caller is an admin; revoking twice keeps the first.
create function public.revoke_credential(credential uuid, reason text)
returns public.credentials
language plpgsql security definer set search_path = '' as $$
declare
  revoked public.credentials;
begin
  if not private.is_admin() then
    raise exception 'only admins revoke credentials' using errcode = '42501';
  end if;
  update public.credentials c
  set revoked_at = now(), revoked_reason = reason, revoked_by = auth.uid()
  where c.id = credential and c.revoked_at is null
  returning * into revoked;
  if revoked.id is null then
    select * into revoked from public.credentials c where c.id = credential;
    return revoked;  -- already revoked, or none: the caller tells which
  end if;
  insert into public.audit_log (actor_id, action, target_type, target_id, after)
  values (auth.uid(), 'credential.revoke', 'credential', credential::text,
          jsonb_build_object('reason', reason, 'user_id', revoked.user_id,
                             'quest_id', revoked.quest_id));
  if revoked.user_id is not null then
    perform private.notify(
      revoked.user_id, 'credential_revoked',
      jsonb_build_object('credential_id', revoked.id, 'quest_id', revoked.quest_id,
                         'quest_title', (select q.title from public.quests q
                                         where q.id = revoked.quest_id),
                         'reason', reason));
  end if;
  return revoked;
end
$$;
revoke all on function public.revoke_credential(uuid, text) from public, anon;
grant execute on function public.revoke_credential(uuid, text) to authenticated;

create function private.revoke_credentials_of_deleted_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.credentials
  set revoked_at = coalesce(revoked_at, now()),
      revoked_reason = coalesce(revoked_reason, 'The account was deleted.'),
      document = null, signed_at = null
  where user_id = old.id;
  return old;
end
$$;
revoke all on function private.revoke_credentials_of_deleted_user() from public, anon, authenticated;
create trigger users_revoke_credentials before delete on public.users for each row
execute function private.revoke_credentials_of_deleted_user();

-- Quests completed before this migration get their credentials too.
insert into public.credentials (user_id, quest_id, issued_at)
select uq.user_id, uq.quest_id, uq.completed_at from public.user_quests uq
where uq.completed_at is not null
on conflict (user_id, quest_id) do nothing;
insert into private.jobs (kind, args, key)
select 'credentials.sign', jsonb_build_object('credential_id', c.id), c.id::text
from public.credentials c where c.signed_at is null
on conflict (kind, key) where key is not null do nothing;
