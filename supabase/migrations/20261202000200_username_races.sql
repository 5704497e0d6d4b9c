-- Sign-ups racing for one username. The profile trigger used to pick a derived username by
-- looking for a free one and inserting it, so two sign-ups from the same e-mail local part at
-- once could both pick `sam2` and one failed; an explicit username taken meanwhile failed the
-- same way, as an anonymous unique violation. Now a derived username that loses the race is
-- derived again (the next attempt sees the winner's row), and an explicit one raises
-- unique_violation on users_username_key with the message 'username_taken', which the API
-- answers with 409 username_taken.

create or replace function private.handle_new_auth_user() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  meta jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
  chosen text := lower(meta ->> 'username');
  candidate text;
  violated text;
  attempts int := 0;
begin
  loop
    candidate := coalesce(chosen, private.unique_username(split_part(new.email, '@', 1)));
    begin
      insert into public.users (id, email, username, first_name, last_name, display_name)
      values (
        new.id,
        new.email,
        candidate,
        meta ->> 'first_name',
        meta ->> 'last_name',
        coalesce(
          meta ->> 'display_name',
          nullif(trim(concat_ws(' ', meta ->> 'first_name', meta ->> 'last_name')), '')
        )
      );
      return new;
    exception when unique_violation then
      get stacked diagnostics violated = constraint_name;
      if violated is distinct from 'users_username_key' then
        raise;
      end if;
      if chosen is not null then
        raise exception 'username_taken'
          using errcode = 'unique_violation', constraint = 'users_username_key',
                detail = format('The username %s is taken.', chosen);
      end if;
      -- Each lost race means another sign-up took the name; a run of them is not expected.
      attempts := attempts + 1;
      if attempts >= 100 then
        raise;
      end if;
    end;
  end loop;
end
$$;

revoke all on function private.handle_new_auth_user() from public, anon, authenticated;
