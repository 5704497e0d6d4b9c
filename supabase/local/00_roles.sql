-- What a Supabase database already has and plain PostgreSQL lacks: the API roles.
-- Applied by `optio db migrate` only to databases without Supabase's own auth schema.
-- Idempotent: safe to run again.
do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- The connecting role switches into these per request (`set_config('role', ...)`), as
-- PostgREST does on Supabase.
grant anon, authenticated, service_role to current_user;

grant usage on schema public to anon, authenticated, service_role;

-- Supabase grants table rights in public to the API roles by default and relies on RLS;
-- we reproduce that so our migrations are tested against the same defaults.
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
