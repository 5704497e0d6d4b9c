-- The tier rules of 20261122000420_tier_rules.sql take any user's id and run with the owner's
-- rights: executable by `authenticated`, they told anyone another user's tier and how many
-- quests they have in progress. They are now for the database's own definer code only (the
-- tier-limit triggers, team-up acceptance, AI reservations run as the owner and keep them);
-- the API's statements, which run as the signed-in user, call these caller-scoped variants,
-- which answer for auth.uid() and nobody else.

revoke execute on function private.effective_tier(uuid), private.tier_allows(uuid, text, bigint),
  private.active_quests_besides(uuid, uuid), private.may_take_quest(uuid, uuid)
  from public, anon, authenticated;

-- My tier right now (a past_due subscription past its grace period counts as free).
create function private.my_effective_tier() returns text
language sql stable security definer set search_path = '' as $$
  select private.effective_tier((select auth.uid()))
$$;

-- Whether my tier includes `feature`, or allows one more use of it beyond `used`.
create function private.my_tier_allows(feature text, used bigint) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.tier_allows((select auth.uid()), feature, used)
$$;

-- My quests in progress other than `quest`.
create function private.my_active_quests_besides(quest uuid) returns bigint
language sql stable security definer set search_path = '' as $$
  select private.active_quests_besides((select auth.uid()), quest)
$$;

-- Whether I may be (or stay) enrolled in `quest`.
create function private.may_i_take_quest(quest uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.may_take_quest((select auth.uid()), quest)
$$;

revoke all on function private.my_effective_tier(), private.my_tier_allows(text, bigint),
  private.my_active_quests_besides(uuid), private.may_i_take_quest(uuid)
  from public, anon, authenticated;
grant execute on function private.my_effective_tier(), private.my_tier_allows(text, bigint),
  private.my_active_quests_besides(uuid), private.may_i_take_quest(uuid)
  to authenticated, service_role;
