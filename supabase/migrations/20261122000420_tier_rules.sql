-- The tier rules in SQL, in one place: "my tier now" and "my tier allows one more". The API's
-- guarded writes (enroll, submit) check them in the statement that writes, and so does the
-- database's own enrollment path: accepting a team-up that names a quest enrolls both students,
-- which must respect max_active_quests like POST /enroll does.

-- The tier a user has right now: a past_due subscription keeps its tier until the grace period
-- ends; then the user is treated as free until Stripe says otherwise.
create function private.effective_tier(member uuid) returns text
language sql stable security definer set search_path = '' as $$
  select case when u.subscription_status = 'past_due' and u.subscription_grace_until < now()
              then 'free' else u.subscription_tier end
  from public.users u where u.id = member
$$;

-- Whether the member's tier includes `feature` (true, or a null limit: no limit) or allows one
-- more use beyond `used` (a number). A key the tier lacks is not included. The same rule as
-- optio/billing/features.py `allows`, which words the refusal.
create function private.tier_allows(member uuid, feature text, used bigint) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((
    select x.value = 'null'::jsonb or x.value = 'true'::jsonb
           or (jsonb_typeof(x.value) = 'number' and used < (x.value #>> '{}')::numeric)
    from public.subscription_tiers t
    cross join lateral (select t.features -> feature as value) x
    where t.tier_key = private.effective_tier(member)), false)
$$;

-- The member's quests in progress other than `quest`: what max_active_quests limits.
create function private.active_quests_besides(member uuid, quest uuid) returns bigint
language sql stable security definer set search_path = '' as $$
  select count(*) from public.user_quests a
  where a.user_id = member and a.is_active and a.completed_at is null and a.quest_id <> quest
$$;

-- Whether the member may be (or stay) enrolled in `quest`: already in it, or room for one more.
create function private.may_take_quest(member uuid, quest uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
      select 1 from public.user_quests s
      where s.user_id = member and s.quest_id = quest and s.is_active)
    or private.tier_allows(member, 'max_active_quests', private.active_quests_besides(member, quest))
$$;

revoke all on function private.effective_tier(uuid), private.tier_allows(uuid, text, bigint),
  private.active_quests_besides(uuid, uuid), private.may_take_quest(uuid, uuid)
  from public, anon, authenticated;
grant execute on function private.effective_tier(uuid), private.tier_allows(uuid, text, bigint),
  private.active_quests_besides(uuid, uuid), private.may_take_quest(uuid, uuid)
  to authenticated, service_role;

-- Accepted: tell the sender, and enroll each student with room for the named quest while it is
-- active (resuming an abandoned enrollment, keeping earlier completions, as POST /enroll does).
-- The API refuses the recipient's acceptance when they have no room; a sender who has filled
-- their plan since asking is teamed up but not enrolled, and told so. Both rows are locked, in
-- id order, so enrollments of either student take turns with this one.
create or replace function private.team_request_accepted() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  quest_title text;
  sender_joined boolean := false;
begin
  select q.title into quest_title from public.quests q where q.id = new.quest_id and q.is_active;
  if quest_title is not null then
    perform 1 from public.users u where u.id in (new.sender_id, new.recipient_id)
      order by u.id for no key update;
    insert into public.user_quests (user_id, quest_id)
    select member, new.quest_id
    from unnest(array[new.sender_id, new.recipient_id]) as member
    where private.may_take_quest(member, new.quest_id)
    on conflict (user_id, quest_id) do update set is_active = true, abandoned_at = null;
    sender_joined := exists (
      select 1 from public.user_quests s
      where s.user_id = new.sender_id and s.quest_id = new.quest_id and s.is_active);
  end if;
  perform private.notify(
    new.sender_id, 'team_request_accepted',
    private.shown_name(new.recipient_id) || ' accepted your team-up',
    case
      when quest_title is null then ''
      when sender_joined then 'You are both enrolled in ' || quest_title || '.'
      else 'You were not enrolled in ' || quest_title
        || ': your plan''s limit of active quests is reached.'
    end,
    jsonb_build_object(
      'request_id', new.id, 'teammate_id', new.recipient_id, 'quest_id', new.quest_id,
      'enrolled', sender_joined));
  return null;
end
$$;
revoke all on function private.team_request_accepted() from public, anon, authenticated;
