-- Profiles: one public.users row per auth.users row, created by the database when the auth
-- user is. Users read and edit their own profile (never their role or tier); admins read all.

create schema if not exists private;
revoke all on schema private from public;
-- Policies run with the caller's rights, so the API roles may use the helpers that policies
-- call; the schema is not exposed through Supabase's data API, so they cannot call them there.
grant usage on schema private to anon, authenticated, service_role;

create table public.users (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  username text,
  first_name text,
  last_name text,
  display_name text,
  role text not null default 'student'
    check (role in ('student', 'parent', 'advisor', 'admin')),
  subscription_tier text not null default 'free',
  subscription_status text,
  stripe_customer_id text unique,
  stripe_subscription_id text unique,
  current_period_end timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint users_username_format check (username ~ '^[a-z0-9_]{3,30}$')
);
create unique index users_username_key on public.users (username);
create index users_email_idx on public.users (lower(email));

alter table public.users enable row level security;

create function private.is_admin() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.users where id = (select auth.uid()) and role = 'admin'
  )
$$;
revoke all on function private.is_admin() from public;
grant execute on function private.is_admin() to anon, authenticated, service_role;

create policy users_select_own_or_admin on public.users
  for select to authenticated
  using (id = (select auth.uid()) or (select private.is_admin()));

create policy users_update_own on public.users
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- Column rights decide which fields a user may change: role, tier and billing columns are
-- written only by the API's elevated paths (admin jobs, the Stripe webhook).
revoke all on public.users from anon, authenticated;
grant select on public.users to authenticated;
grant update (username, first_name, last_name, display_name) on public.users to authenticated;

create function private.set_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create trigger users_set_updated_at before update on public.users
  for each row execute function private.set_updated_at();

-- A readable default username from the e-mail's local part, made unique with a suffix.
create function private.unique_username(base text) returns text
language plpgsql set search_path = '' as $$
declare
  stem text := left(coalesce(nullif(regexp_replace(lower(base), '[^a-z0-9_]', '', 'g'), ''), 'user'), 24);
  candidate text;
  n int := 1;
begin
  if length(stem) < 3 then
    stem := rpad(stem, 3, '_');
  end if;
  candidate := stem;
  while exists (select 1 from public.users where username = candidate) loop
    n := n + 1;
    candidate := stem || n::text;
  end loop;
  return candidate;
end
$$;

create function private.handle_new_auth_user() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  meta jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
begin
  insert into public.users (id, email, username, first_name, last_name, display_name)
  values (
    new.id,
    new.email,
    coalesce(lower(meta ->> 'username'), private.unique_username(split_part(new.email, '@', 1))),
    meta ->> 'first_name',
    meta ->> 'last_name',
    coalesce(
      meta ->> 'display_name',
      nullif(trim(concat_ws(' ', meta ->> 'first_name', meta ->> 'last_name')), '')
    )
  );
  return new;
end
$$;

create function private.sync_auth_user_email() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.users set email = new.email where id = new.id;
  return new;
end
$$;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_auth_user();

create trigger on_auth_user_email_changed after update of email on auth.users
  for each row when (old.email is distinct from new.email)
  execute function private.sync_auth_user_email();

revoke all on function private.unique_username(text), private.handle_new_auth_user(),
  private.sync_auth_user_email(), private.set_updated_at() from public, anon, authenticated;
