-- Tier limits held by the database. Supabase's Data API lets any signed-in user write their own
-- enrollments, submissions and team-up requests directly, as `authenticated`, whatever the API
-- checks: so the limits of 20261122000420_tier_rules.sql (the same rules, not a copy) are
-- checked here too, on every write a user makes for themself.
--
-- Whose writes: a student's own (auth.uid() = the row's user, not an admin). Every write a
-- client role can make to these tables is its own (the policies say so), and the API's guarded
-- writes check the same rule first, under the same lock, to answer 403 `tier_limit` with a
-- friendly message. Other writers decide for themselves: accepting a team-up enrolls the sender
-- only where private.may_take_quest allows, an admin approving a submission enrolls its author
-- in the quest they proposed whatever their plan (their own submission too: admins are staff,
-- and their direct writes are not limited), and jobs or the superuser are not limited.
--
-- Concurrency: the user's row is locked (for no key update, held to commit), so a user's
-- limited writes take turns; each statement of a volatile plpgsql function takes a new snapshot
-- in READ COMMITTED, so the count after the lock sees what the previous holder committed.
--
-- A refusal is insufficient_privilege (PostgREST answers 403) with a message that starts with
-- `tier_limit`, and the feature as detail.

create function private.hold_active_quest_limit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.user_id is distinct from (select auth.uid()) or (select private.is_admin()) then
    return new;
  end if;
  perform 1 from public.users u where u.id = new.user_id for no key update;
  if not private.may_take_quest(new.user_id, new.quest_id) then
    raise exception 'tier_limit: your plan allows no more active quests at once'
      using errcode = 'insufficient_privilege', detail = 'max_active_quests',
            hint = 'Finish or abandon a quest, or upgrade your plan.';
  end if;
  return new;
end
$$;

-- Fires only for a row that becomes an active quest in progress: enrolling, or resuming an
-- abandoned enrollment (is_active false -> true). Staying, abandoning and finishing are free.
create trigger user_quests_hold_tier_limit before insert on public.user_quests
  for each row when (new.is_active and new.completed_at is null)
  execute function private.hold_active_quest_limit();
create trigger user_quests_hold_tier_limit_on_resume before update on public.user_quests
  for each row when (new.is_active and new.completed_at is null
                     and not (old.is_active and old.completed_at is null))
  execute function private.hold_active_quest_limit();

create function private.hold_submission_limit() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.user_id is distinct from (select auth.uid()) or (select private.is_admin()) then
    return new;
  end if;
  perform 1 from public.users u where u.id = new.user_id for no key update;
  if not private.tier_allows(new.user_id, 'custom_quest_submissions', (
      select count(*) from public.quest_submissions s
      where s.user_id = new.user_id and s.status = 'pending')) then
    raise exception 'tier_limit: your plan allows no more custom quests waiting for review'
      using errcode = 'insufficient_privilege', detail = 'custom_quest_submissions',
            hint = 'Wait for a review, or upgrade your plan.';
  end if;
  return new;
end
$$;

-- Submissions start pending (the insert policy); only an admin's review changes the status,
-- and that only ever lowers the count.
create trigger quest_submissions_hold_tier_limit before insert on public.quest_submissions
  for each row when (new.status = 'pending')
  execute function private.hold_submission_limit();

-- Sending a team-up request needs a plan with team_ups (a yes/no feature: nothing to count,
-- so nothing to lock).
create function private.hold_team_ups() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.sender_id is distinct from (select auth.uid()) or (select private.is_admin()) then
    return new;
  end if;
  if not private.tier_allows(new.sender_id, 'team_ups', 0) then
    raise exception 'tier_limit: your plan does not include team-ups'
      using errcode = 'insufficient_privilege', detail = 'team_ups',
            hint = 'Upgrade your plan.';
  end if;
  return new;
end
$$;
create trigger team_requests_hold_tier_limit before insert on public.team_requests
  for each row execute function private.hold_team_ups();

revoke all on function private.hold_active_quest_limit(), private.hold_submission_limit(),
  private.hold_team_ups() from public, anon, authenticated;
