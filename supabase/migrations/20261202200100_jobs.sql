-- Background jobs: work that must not run inside a request (e-mail, credential signing, exports,
-- backfills, Stripe reconciliation). A job is written in the transaction of the request (or the
-- trigger) that causes it, so a rolled-back request leaves none; `optio worker` claims due jobs
-- with FOR UPDATE SKIP LOCKED under a lease, runs the handler registered for the kind, retries a
-- failure with exponential back-off and fails the job after max_attempts, keeping the last
-- error (optio/jobs/). Delivery is at least once: handlers are idempotent.
--
-- In schema private, with no right for any API role: Supabase's Data API does not expose it,
-- and no client can read a job's arguments (addresses, user ids) or enqueue work. The API writes
-- jobs with the connection's own rights inside the request's transaction (optio/jobs/queries.py),
-- as it records stored evidence files; definer functions (a trigger's too) may insert directly.

create table private.jobs (
  id bigint generated always as identity primary key,
  -- The handler's name, e.g. 'mail.send' (optio/jobs/registry.py).
  kind text not null check (kind ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$' and length(kind) <= 100),
  args jsonb not null default '{}' check (jsonb_typeof(args) = 'object'),
  -- queued: waits for run_at; running: claimed, the lease ends at locked_until; done; failed.
  state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  max_attempts integer not null default 5 check (max_attempts between 1 and 100),
  run_at timestamptz not null default now(),
  -- A worker that stops without finishing (crash, kill, lost connection) lets its lease lapse;
  -- the job is then claimable again.
  locked_until timestamptz,
  locked_by text,
  last_error text,
  -- At most one job of a kind per key, ever (e.g. one digest per parent and week): enqueueing
  -- a key again does nothing.
  key text check (length(key) <= 200),
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint jobs_attempts_within_max check (attempts between 0 and max_attempts),
  constraint jobs_lease_while_running check ((state = 'running') = (locked_until is not null)),
  constraint jobs_finished_when_over check ((state in ('done', 'failed')) = (finished_at is not null))
);
-- What the worker's claim reads: due queued jobs, and running jobs whose lease has lapsed.
create index jobs_queued_idx on private.jobs (run_at) where state = 'queued';
create index jobs_leased_idx on private.jobs (locked_until) where state = 'running';
-- Done jobs are pruned after a while (failed ones stay for someone to look at).
create index jobs_done_idx on private.jobs (finished_at) where state = 'done';
create unique index jobs_kind_key_idx on private.jobs (kind, key) where key is not null;

-- Only the API (with the connection's own rights) and definer functions read or write it.
alter table private.jobs enable row level security;
revoke all on private.jobs from public, anon, authenticated, service_role;

-- Wake the idle workers (LISTEN optio_jobs). PostgreSQL delivers a notification only when the
-- transaction that sent it commits: a rolled-back request wakes nobody. Workers also poll, so a
-- lost notification only delays a job.
create function private.jobs_wake_workers() returns trigger
language plpgsql set search_path = '' as $$
begin
  perform pg_notify('optio_jobs', '');
  return null;
end
$$;
revoke all on function private.jobs_wake_workers() from public;
create trigger jobs_wake_workers after insert on private.jobs
  for each statement execute function private.jobs_wake_workers();
