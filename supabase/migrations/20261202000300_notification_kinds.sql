-- Notifications store what happened (`type`, the kind) and what the words need (`data`); their
-- wording lives in one place, optio/notifications/wording.py, which renders title and body when
-- they are read. The triggers below no longer build English in SQL: each one passes its kind
-- and the names and titles of the moment (a quest's title, a teammate's shown name, tier names)
-- in `data`.
--
-- Rows written before this migration keep the title and body they were written with, and the
-- API shows those; new rows have an empty title and body.

alter table public.notifications alter column title set default '';

create function private.notify(recipient uuid, kind text, payload jsonb) returns void
language sql security definer set search_path = '' as $$
  insert into public.notifications (user_id, type, data) values (recipient, kind, payload)
$$;
revoke all on function private.notify(uuid, text, jsonb) from public, anon, authenticated;

create or replace function private.notify_quest_completed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.notify(
    new.user_id, 'quest_completed',
    jsonb_build_object('quest_id', new.quest_id, 'quest_title', q.title))
  from public.quests q where q.id = new.quest_id;
  return null;
end
$$;

create or replace function private.notify_team_request_received() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.notify(
    new.recipient_id, 'team_request_received',
    jsonb_build_object(
      'request_id', new.id, 'sender_id', new.sender_id, 'quest_id', new.quest_id,
      'sender_name', private.shown_name(new.sender_id),
      'quest_title', (select q.title from public.quests q where q.id = new.quest_id),
      'message', new.message));
  return null;
end
$$;

-- As in 20261122000420_tier_rules.sql; only the notice changed. quest_title is null unless the
-- named quest is active (nobody was enrolled then).
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
    jsonb_build_object(
      'request_id', new.id, 'teammate_id', new.recipient_id, 'quest_id', new.quest_id,
      'enrolled', sender_joined, 'teammate_name', private.shown_name(new.recipient_id),
      'quest_title', quest_title));
  return null;
end
$$;

-- quest_title: the approved quest's title (an admin may have edited it), else the proposal's.
create or replace function private.notify_submission_reviewed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status = 'approved' then
    perform private.notify(
      new.user_id, 'submission_approved',
      jsonb_build_object(
        'submission_id', new.id, 'quest_id', new.approved_quest_id,
        'quest_title', coalesce(
          (select q.title from public.quests q where q.id = new.approved_quest_id), new.title)));
  else
    perform private.notify(
      new.user_id, 'submission_rejected',
      jsonb_build_object(
        'submission_id', new.id, 'notes', new.admin_notes, 'quest_title', new.title));
  end if;
  return null;
end
$$;

-- As in 20261122000410_billing.sql; only the notice changed.
create or replace function private.record_tier_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  event_id text := nullif(current_setting('optio.stripe_event_id', true), '');
  admin_id uuid := case when (select private.is_admin()) then (select auth.uid()) end;
  cause text := case when event_id is not null then 'stripe'
                     when admin_id is not null then 'admin' else 'system' end;
begin
  insert into public.subscription_tier_changes
    (user_id, from_tier, to_tier, cause, stripe_event_id, actor_id)
  values (new.id, old.subscription_tier, new.subscription_tier, cause, event_id, admin_id);
  perform private.notify(
    new.id, 'tier_changed',
    jsonb_build_object(
      'from', old.subscription_tier, 'to', new.subscription_tier,
      'cause', cause, 'stripe_event_id', event_id,
      'from_name', (select t.display_name from public.subscription_tiers t
                    where t.tier_key = old.subscription_tier),
      'to_name', (select t.display_name from public.subscription_tiers t
                  where t.tier_key = new.subscription_tier)));
  return null;
end
$$;

create or replace function private.notify_payment_failed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.notify(
    new.id, 'payment_failed', jsonb_build_object('grace_until', new.subscription_grace_until));
  return null;
end
$$;

drop function private.notify(uuid, text, text, text, jsonb);
