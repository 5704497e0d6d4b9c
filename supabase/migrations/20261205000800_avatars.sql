-- A profile picture (issue 19): users.avatar_path names the user's picture in the private
-- `avatars` bucket; the API signs a short-lived URL of it for the profile answers
-- (optio/users/avatar.py).
--
-- Only the API writes the column, with the connection's own rights, after it stored the file
-- (PUT/DELETE /api/users/me/avatar): clients get no update grant on it, so a client writing
-- public.users directly cannot point it anywhere. Whoever writes it, the check keeps it a key
-- our storage writes (optio/storage/base.py new_key) of a picture, under the user's own folder:
-- <user id>/<32 hex>.<png|jpg|webp>.

alter table public.users add column avatar_path text
  constraint users_avatar_in_own_folder check (
    avatar_path ~ ('^' || id::text || '/[0-9a-f]{32}\.(png|jpg|webp)$'));
-- No grant: `grant update (...)` on public.users names its client-writable columns one by one
-- (20261122000100_users.sql and later), and this is not among them.
revoke update (avatar_path) on public.users from authenticated, anon;

-- Deleting an account also answers its picture's key, under 'avatars', for the API to delete
-- the file (optio/account/deletion.py). Otherwise as in 20261203210100_account_data_rights.sql.

create or replace function private.delete_account(who uuid, forget_login boolean)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $function$
declare
  gone public.users;
  mail text;
  keys jsonb;
begin
  select * into gone from public.users where id = who for update;
  if not found then
    return null;
  end if;
  mail := lower(gone.email);
  perform set_config('optio.deleting_account', who::text, true),
          set_config('optio.deleting_email', mail, true);
  select jsonb_build_object(
    'evidence', coalesce((select jsonb_agg(o.path) from private.evidence_objects o
                          where o.owner = who), '[]'::jsonb),
    'exports', coalesce((select jsonb_agg(e.storage_key) from public.account_exports e
                         where e.user_id = who and e.storage_key is not null), '[]'::jsonb),
    'avatars', case when gone.avatar_path is null then '[]'::jsonb
                    else jsonb_build_array(gone.avatar_path) end)
  into keys;

  delete from public.users where id = who;  -- the foreign keys cascade or set null
  delete from auth.sessions where user_id = who;
  if forget_login then
    delete from auth.users where id = who;
  else
    update auth.users set banned_until = 'infinity' where id = who;
  end if;

  -- Last, so that what the cascade wrote (notices to the other side of a link) goes too.
  delete from public.notifications n
  where strpos(n.data::text, who::text) > 0 or strpos(lower(n.data::text), mail) > 0;
  delete from private.mail_outbox m
  where lower(m.to_address) = mail
     or strpos(m.text_body, who::text) > 0 or strpos(lower(m.text_body), mail) > 0
     or strpos(coalesce(m.html_body, ''), who::text) > 0
     or strpos(lower(coalesce(m.html_body, '')), mail) > 0;
  delete from public.link_invitations i where lower(i.invitee_email) = mail;
  delete from private.jobs j
  where strpos(j.args::text, who::text) > 0 or strpos(lower(j.args::text), mail) > 0;
  update public.audit_log a set target_id = null, before = null, after = null
  where a.target_id = who::text
     or strpos(coalesce(a.before::text, ''), who::text) > 0
     or strpos(coalesce(a.after::text, ''), who::text) > 0
     or strpos(lower(coalesce(a.before::text, '')), mail) > 0
     or strpos(lower(coalesce(a.after::text, '')), mail) > 0;

  insert into public.audit_log (actor_id, action, target_type, target_id, after)
  values (null, 'account.delete', 'user', null,
          jsonb_build_object('role', gone.role, 'tier', gone.subscription_tier,
                             'subscribed', gone.stripe_subscription_id is not null));
  return keys;
end
$function$;
revoke all on function private.delete_account(uuid, boolean) from public, anon, authenticated;

-- The private bucket of pictures, for the API's service role only (like 'exports'): no
-- policies on storage.objects, clients see pictures through the signed URLs the API hands out.
-- Only where Supabase's storage schema exists.
do $$
begin
  if to_regclass('storage.buckets') is null then
    return;
  end if;
  insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
  values ('avatars', 'avatars', false, 2 * 1024 * 1024,
    array['image/png', 'image/jpeg', 'image/webp'])
  on conflict (id) do update set
    public = excluded.public,
    file_size_limit = excluded.file_size_limit,
    allowed_mime_types = excluded.allowed_mime_types;
end
$$;
