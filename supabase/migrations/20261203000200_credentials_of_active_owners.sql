-- A credential is public only while its owner's diploma is public *and* the owner's account is
-- active, as the diploma itself (private.readable_diploma): deactivating an account hides its
-- credentials from everyone but the owner and admins. The users table is not the reader's to
-- read, so the policy asks a definer function.

create function private.credentials_public(owner uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((select d.is_public and u.is_active
                   from public.diplomas d join public.users u on u.id = d.user_id
                   where d.user_id = owner), false)
$$;
revoke all on function private.credentials_public(uuid) from public;
grant execute on function private.credentials_public(uuid) to anon, authenticated;

alter policy credentials_read on public.credentials using (
  user_id = (select auth.uid())
  or (select private.is_admin())
  or private.credentials_public(user_id)
);
