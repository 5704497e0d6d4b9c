-- One row per AI request (quest drafts, task suggestions): who asked, which model, tokens in
-- and out, latency and how it ended. The rows are also the daily quota: a user's requests of
-- the current UTC day are counted against the `ai_requests_per_day` of their tier.
--
-- Outcomes:
--   pending          reserved, the call to Gemini is under way
--   ok               a valid answer was returned
--   invalid_output   Gemini answered twice with output that failed the schema
--   upstream_error   Gemini (or the way to it) failed: 4xx/5xx, connection refused, not JSON
--   timeout          no answer within GEMINI_TIMEOUT_SECONDS
--   error            the API failed for another reason while calling
--   limited          refused by the daily quota; Gemini was not called
--
-- Users read their own rows and admins read all; nobody writes them directly. The API writes
-- them through two definer functions, so a user holding a token cannot rewrite their history
-- to win back quota through Supabase's data API.

create table public.ai_usage (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  feature text not null check (feature in ('quest_draft', 'task_suggestions')),
  model text not null,
  input_tokens integer not null default 0 check (input_tokens >= 0),
  output_tokens integer not null default 0 check (output_tokens >= 0),
  attempts smallint not null default 0 check (attempts >= 0),
  latency_ms integer not null default 0 check (latency_ms >= 0),
  outcome text not null default 'pending' check (outcome in
    ('pending', 'ok', 'invalid_output', 'upstream_error', 'timeout', 'error', 'limited')),
  created_at timestamptz not null default now()
);
-- Serves the per-user, per-day count of the quota and each user's history (newest first).
create index ai_usage_user_day_idx on public.ai_usage (user_id, created_at);

alter table public.ai_usage enable row level security;
revoke all on public.ai_usage from anon, authenticated;
grant select on public.ai_usage to authenticated;
create policy ai_usage_read_own_or_admin on public.ai_usage for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));

-- Reserve one AI request for the caller, or record its refusal. Returns the row's id, its
-- outcome ('pending' or 'limited'), the requests counted today before this one and the daily
-- limit (null: unlimited).
--
-- A request counts unless it was refused or the provider failed (no tokens were billed then).
-- The day is the UTC day, whatever the session's time zone. Two requests at once must not
-- both take the day's last request: the advisory lock makes the second wait for the first to
-- commit, and each statement of this volatile function then sees what the first wrote.
create function private.reserve_ai_call(call_feature text, call_model text)
returns table (id uuid, outcome text, used_today integer, daily_limit integer)
language plpgsql volatile security definer set search_path = '' as $$
declare
  caller uuid := (select auth.uid());
  day_start timestamptz := date_trunc('day', now() at time zone 'UTC') at time zone 'UTC';
  tier_limit integer;
  used integer;
begin
  if caller is null then
    raise exception 'sign in to use AI assistance' using errcode = 'insufficient_privilege';
  end if;
  perform pg_advisory_xact_lock(hashtext('public.ai_usage'), hashtext(caller::text));

  -- The tier the caller has now (a past_due subscription past its grace period counts as free).
  select (t.features ->> 'ai_requests_per_day')::integer into tier_limit
  from public.users u
  join public.subscription_tiers t on t.tier_key = private.effective_tier(u.id)
  where u.id = caller;
  if not found then
    raise exception 'no profile for this user' using errcode = 'insufficient_privilege';
  end if;

  select count(*) into used
  from public.ai_usage a
  where a.user_id = caller and a.created_at >= day_start
    and a.outcome not in ('limited', 'upstream_error');

  return query
  insert into public.ai_usage as a (user_id, feature, model, outcome)
  values (caller, call_feature, call_model,
          case when tier_limit is null or used < tier_limit then 'pending' else 'limited' end)
  returning a.id, a.outcome, used, tier_limit;
end
$$;

-- Record how the caller's pending request ended; a row is finished once.
create function private.finish_ai_call(
  call_id uuid, call_outcome text, call_input_tokens integer, call_output_tokens integer,
  call_attempts integer, call_latency_ms integer
) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if call_outcome not in ('ok', 'invalid_output', 'upstream_error', 'timeout', 'error') then
    raise exception 'not a final outcome: %', call_outcome using errcode = 'check_violation';
  end if;
  update public.ai_usage
  set outcome = call_outcome, input_tokens = call_input_tokens,
      output_tokens = call_output_tokens, attempts = call_attempts, latency_ms = call_latency_ms
  where id = call_id and user_id = (select auth.uid()) and outcome = 'pending';
end
$$;

revoke all on function private.reserve_ai_call(text, text),
  private.finish_ai_call(uuid, text, integer, integer, integer, integer)
  from public, anon, authenticated;
grant execute on function private.reserve_ai_call(text, text),
  private.finish_ai_call(uuid, text, integer, integer, integer, integer) to authenticated;
