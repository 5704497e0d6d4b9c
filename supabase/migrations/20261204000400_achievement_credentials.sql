-- An unlocked achievement can be issued as an Open Badges 3.0 credential too (issue 18): at the
-- student's request, once per achievement, signed by the `credentials.sign` job enqueued in the
-- same transaction. Shown, listed, bundled and revoked as a quest's credential is.
alter table public.credentials
  add column achievement_key text references public.achievements (key),
  add constraint credentials_one_subject check (quest_id is null or achievement_key is null),
  add constraint credentials_user_id_achievement_key_key unique (user_id, achievement_key);

-- Mine, for an achievement I unlocked (no_data_found otherwise): its credential, issued now or
-- earlier.
create function public.issue_achievement_credential(achievement text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  me uuid := (select auth.uid());
  issued uuid;
begin
  if me is null or not exists (select 1 from public.user_achievements u
                               where u.user_id = me and u.achievement_key = achievement) then
    raise exception 'achievement_not_unlocked' using errcode = 'no_data_found';
  end if;
  insert into public.credentials (user_id, achievement_key) values (me, achievement)
  on conflict (user_id, achievement_key) do nothing
  returning id into issued;
  if issued is null then
    return (select c.id from public.credentials c
            where c.user_id = me and c.achievement_key = achievement);
  end if;
  insert into private.jobs (kind, args, key)
  values ('credentials.sign', jsonb_build_object('credential_id', issued), issued::text)
  on conflict (kind, key) where key is not null do nothing;
  return issued;
end
$$;
revoke all on function public.issue_achievement_credential(text) from public, anon;
grant execute on function public.issue_achievement_credential(text) to authenticated;
