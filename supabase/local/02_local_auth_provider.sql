-- Tables of the built-in auth provider (AUTH_PROVIDER=local). Only the API's own connection
-- touches them; the API roles have no rights here.
create table if not exists auth.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_reason text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

-- Refresh tokens are stored as SHA-256 hashes and rotated on every use. A spent (revoked) token
-- presented again within REFRESH_REUSE_INTERVAL_SECONDS of `revoked_at` (a retry, a second tab)
-- gets a sibling token in the same session; later, it revokes its whole session (theft).
create table if not exists auth.refresh_tokens (
  id bigint generated always as identity primary key,
  session_id uuid not null references auth.sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  token_hash text not null unique,
  revoked boolean not null default false,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
-- This file is re-applied on every migrate: columns added later come as `add column if not exists`.
alter table auth.refresh_tokens add column if not exists revoked_at timestamptz;
create index if not exists refresh_tokens_session_id_idx on auth.refresh_tokens (session_id);
create index if not exists refresh_tokens_user_id_idx on auth.refresh_tokens (user_id);

create table if not exists auth.password_reset_tokens (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index if not exists password_reset_tokens_user_id_idx on auth.password_reset_tokens (user_id);

revoke all on auth.sessions, auth.refresh_tokens, auth.password_reset_tokens
  from anon, authenticated, service_role;
revoke all on auth.users from anon, authenticated;
