-- Billing: Stripe events applied exactly once, each user's subscription state, and the history
-- of every tier change with its cause. Only the Stripe webhook (elevated) writes the billing
-- columns; admins change tiers through PATCH /api/admin/users/{id}.

-- Users' billing state -----------------------------------------------------------------------
alter table public.users
  add column subscription_price_id text,
  -- While past_due, the tier is kept until then; after it the user is treated as free.
  add column subscription_grace_until timestamptz,
  -- The last Stripe event applied to stripe_subscription_id: its `created` and its rank within
  -- that second (created 0 < updated, invoices 1 < deleted 2), so older events are ignored.
  add column stripe_event_at timestamptz,
  add column stripe_event_rank smallint;

-- Stripe events ------------------------------------------------------------------------------
-- One row per event applied: inserted in the transaction that applies the event, so a repeated
-- delivery finds the row and changes nothing, and a failed one leaves no row behind.
create table public.stripe_events (
  id text primary key,
  type text not null,
  created_at timestamptz not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  user_id uuid references public.users (id) on delete set null,
  outcome text not null default 'received'
);
create index stripe_events_user_id_idx on public.stripe_events (user_id);
create index stripe_events_received_at_idx on public.stripe_events (received_at desc);

alter table public.stripe_events enable row level security;
revoke all on public.stripe_events from anon, authenticated;
grant select on public.stripe_events to authenticated;
create policy stripe_events_admin_read on public.stripe_events for select to authenticated
  using ((select private.is_admin()));

-- Tier history -------------------------------------------------------------------------------
create table public.subscription_tier_changes (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.users (id) on delete cascade,
  from_tier text not null references public.subscription_tiers (tier_key),
  to_tier text not null references public.subscription_tiers (tier_key),
  cause text not null check (cause in ('stripe', 'admin', 'system')),
  stripe_event_id text references public.stripe_events (id),
  actor_id uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint tier_changes_event_is_the_cause check ((cause = 'stripe') = (stripe_event_id is not null))
);
create index tier_changes_user_idx on public.subscription_tier_changes (user_id, created_at desc);
create index tier_changes_event_idx on public.subscription_tier_changes (stripe_event_id);
create index tier_changes_actor_idx on public.subscription_tier_changes (actor_id);
create index tier_changes_from_tier_idx on public.subscription_tier_changes (from_tier);
create index tier_changes_to_tier_idx on public.subscription_tier_changes (to_tier);

alter table public.subscription_tier_changes enable row level security;
revoke all on public.subscription_tier_changes from anon, authenticated;
grant select on public.subscription_tier_changes to authenticated;
create policy tier_changes_read_own_or_admin on public.subscription_tier_changes
  for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));
create trigger tier_changes_append_only before update or delete on public.subscription_tier_changes
  for each row execute function private.forbid_change();

-- Every tier change, whoever makes it, is recorded and the user told. The webhook names its
-- event in the transaction-local setting optio.stripe_event_id; an admin is the signed-in
-- caller; anything else (SQL by hand, jobs) is 'system'.
create function private.record_tier_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  event_id text := nullif(current_setting('optio.stripe_event_id', true), '');
  admin_id uuid := case when (select private.is_admin()) then (select auth.uid()) end;
  cause text := case when event_id is not null then 'stripe'
                     when admin_id is not null then 'admin' else 'system' end;
  old_name text := (select t.display_name from public.subscription_tiers t
                    where t.tier_key = old.subscription_tier);
  new_name text := (select t.display_name from public.subscription_tiers t
                    where t.tier_key = new.subscription_tier);
begin
  insert into public.subscription_tier_changes
    (user_id, from_tier, to_tier, cause, stripe_event_id, actor_id)
  values (new.id, old.subscription_tier, new.subscription_tier, cause, event_id, admin_id);
  perform private.notify(
    new.id, 'tier_changed', 'Your plan is now ' || new_name,
    case cause when 'admin' then 'An administrator changed your plan from '
               else 'Your plan changed from ' end || old_name || ' to ' || new_name || '.',
    jsonb_build_object('from', old.subscription_tier, 'to', new.subscription_tier,
                       'cause', cause, 'stripe_event_id', event_id));
  return null;
end
$$;
create trigger users_record_tier_change after update of subscription_tier on public.users
  for each row when (old.subscription_tier is distinct from new.subscription_tier)
  execute function private.record_tier_change();

-- A failed payment is worth a notice: the plan stays until the grace period ends.
create function private.notify_payment_failed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.notify(
    new.id, 'payment_failed', 'Your payment failed',
    'Update your payment method to keep your plan'
      || coalesce(' after ' || to_char(new.subscription_grace_until at time zone 'utc',
                                       'YYYY-MM-DD'), '') || '.',
    jsonb_build_object('grace_until', new.subscription_grace_until));
  return null;
end
$$;
create trigger users_notify_payment_failed after update of subscription_status on public.users
  for each row when (new.subscription_status = 'past_due'
                     and old.subscription_status is distinct from 'past_due')
  execute function private.notify_payment_failed();

-- Checkout stores the Stripe customer it created on the caller's own row, once; users have no
-- write right on the billing columns.
create function private.link_stripe_customer(customer text) returns text
language sql security definer set search_path = '' as $$
  update public.users set stripe_customer_id = coalesce(stripe_customer_id, customer)
  where id = (select auth.uid())
  returning stripe_customer_id
$$;

revoke all on function private.record_tier_change(), private.notify_payment_failed(),
  private.link_stripe_customer(text) from public, anon, authenticated;
grant execute on function private.link_stripe_customer(text) to authenticated;
