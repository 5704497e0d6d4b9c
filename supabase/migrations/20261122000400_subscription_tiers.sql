-- Subscription tiers and what each allows. The features are data, read by the API's one gating
-- helper (optio/billing/features.py) and by anyone who wants to compare plans (GET /api/tiers).
--
-- Feature keys (null limit = no limit):
--   max_active_quests            quests a student may have active at once
--   team_ups                     may send and accept team-up requests
--   custom_quest_submissions     custom quests a student may have pending review at once
--   ai_requests_per_day          AI calls per UTC day
--   accredited_diploma           the diploma carries the "Accredited" mark

create table public.subscription_tiers (
  tier_key text primary key check (tier_key ~ '^[a-z][a-z0-9_]{1,30}$'),
  display_name text not null,
  description text not null default '',
  price_cents integer not null check (price_cents >= 0),
  currency text not null default 'usd' check (currency ~ '^[a-z]{3}$'),
  stripe_price_id text unique,
  features jsonb not null check (jsonb_typeof(features) = 'object'),
  sort_order integer not null unique
);

insert into public.subscription_tiers
  (tier_key, display_name, description, price_cents, features, sort_order)
values
  ('free', 'Free', 'Take quests, earn XP and publish your diploma.', 0,
   '{"max_active_quests": 5, "team_ups": true, "custom_quest_submissions": 1,
     "ai_requests_per_day": 10, "accredited_diploma": false}', 0),
  ('supported', 'Supported', 'More quests at once, more custom quests and more AI help.', 1000,
   '{"max_active_quests": 20, "team_ups": true, "custom_quest_submissions": 5,
     "ai_requests_per_day": 50, "accredited_diploma": false}', 1),
  ('academy', 'Academy', 'Everything, without limits, and an accredited diploma.', 5000,
   '{"max_active_quests": null, "team_ups": true, "custom_quest_submissions": null,
     "ai_requests_per_day": 200, "accredited_diploma": true}', 2);

alter table public.subscription_tiers enable row level security;
grant select on public.subscription_tiers to anon, authenticated;
create policy subscription_tiers_read on public.subscription_tiers
  for select to anon, authenticated using (true);

-- A user's tier is always one of the tiers.
alter table public.users
  add constraint users_subscription_tier_fkey
  foreign key (subscription_tier) references public.subscription_tiers (tier_key);
create index users_subscription_tier_idx on public.users (subscription_tier);
