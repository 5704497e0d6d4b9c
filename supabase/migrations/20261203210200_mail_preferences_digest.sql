-- E-mail preferences, unsubscribing without signing in, and the weekly digest to parents
-- (issue 17). Each platform e-mail to a user belongs to a category the user may turn off:
--   links     invitations and new links (notifications link_invited, link_created)
--   feedback  feedback on a completion and replies (feedback_received, feedback_reply)
--   digest    the weekly digest of linked children's work, to parents
-- Messages in no category (an address with no account yet, an export a user asked for) are
-- always sent. Every rule that decides whether a message is written reads private.wants_mail.

create function private.mail_category(kind text) returns text
language sql immutable set search_path = '' as $$
  select case
    when kind in ('link_invited', 'link_created') then 'links'
    when kind in ('feedback_received', 'feedback_reply') then 'feedback'
    when kind = 'digest' then 'digest'
  end
$$;
revoke all on function private.mail_category(text) from public, anon, authenticated;

-- One row per user who changed anything; no row means every category is on.
create table public.mail_preferences (
  user_id uuid primary key default auth.uid() references public.users (id) on delete cascade,
  links boolean not null default true,
  feedback boolean not null default true,
  digest boolean not null default true,
  updated_at timestamptz not null default now()
);
alter table public.mail_preferences enable row level security;
create policy mail_preferences_read on public.mail_preferences for select to authenticated
  using (user_id = (select auth.uid()));
create policy mail_preferences_insert on public.mail_preferences for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy mail_preferences_update on public.mail_preferences for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
revoke all on public.mail_preferences from anon, authenticated;
grant select on public.mail_preferences to authenticated;
grant insert (user_id, links, feedback, digest) on public.mail_preferences to authenticated;
grant update (links, feedback, digest) on public.mail_preferences to authenticated;
create trigger mail_preferences_set_updated_at before update on public.mail_preferences
  for each row execute function private.set_updated_at();

-- Whether `person` gets e-mail of `category` (true for a message in no category).
create function private.wants_mail(person uuid, category text) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((
    select case category when 'links' then p.links when 'feedback' then p.feedback
                         when 'digest' then p.digest end
    from public.mail_preferences p where p.user_id = person), true)
$$;
revoke all on function private.wants_mail(uuid, text) from public, anon, authenticated;

-- Notifications are mailed only to users who want their category.
create or replace function private.mail_notification() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not private.wants_mail(new.user_id, private.mail_category(new.type)) then
    return null;
  end if;
  insert into private.jobs (kind, args, max_attempts, key)
  values ('mail.notification', jsonb_build_object('notification_id', new.id), 5,
          'notification:' || new.id)
  on conflict do nothing;
  return null;
end
$$;

-- Unsubscribe links: each message in a category is sent with a fresh random token (minted by
-- the `mail.send` job just before sending, so it is never stored in clear), kept here as its
-- SHA-256 with the user and category it turns off. Anyone holding the token (the recipient, a
-- mail client's one-click POST) may turn that one category off, signed out.
create table private.mail_unsubscribe_tokens (
  token_hash bytea primary key check (length(token_hash) = 32),
  user_id uuid not null references public.users (id) on delete cascade,
  category text not null check (category in ('links', 'feedback', 'digest')),
  created_at timestamptz not null default now()
);
create index mail_unsubscribe_tokens_user_idx on private.mail_unsubscribe_tokens (user_id);
alter table private.mail_unsubscribe_tokens enable row level security;
revoke all on private.mail_unsubscribe_tokens from public, anon, authenticated, service_role;

-- An address as a hint of whose it is: j***@example.com.
create function private.masked_email(address text) returns text
language sql immutable set search_path = '' as $$
  select left(address, 1) || '***' || substr(address, position('@' in address))
$$;
revoke all on function private.masked_email(text) from public, anon, authenticated;

-- What an unsubscribe token names: its category, whether that e-mail is still on, and the
-- masked address. No row for a token nobody was sent.
create function public.mail_unsubscribe_preview(token text)
returns table (category text, subscribed boolean, email_hint text)
language sql stable security definer set search_path = '' as $$
  select t.category, private.wants_mail(t.user_id, t.category), private.masked_email(u.email)
  from private.mail_unsubscribe_tokens t
  join public.users u on u.id = t.user_id
  where t.token_hash = sha256(convert_to(token, 'UTF8'))
$$;
revoke all on function public.mail_unsubscribe_preview(text) from public;
grant execute on function public.mail_unsubscribe_preview(text) to anon, authenticated;

-- Turns off the category a token names (again: no change); no row for an unknown token.
create function public.unsubscribe_mail(token text)
returns table (category text, subscribed boolean, email_hint text)
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.mail_preferences as p (user_id, links, feedback, digest)
  select t.user_id, t.category <> 'links', t.category <> 'feedback', t.category <> 'digest'
  from private.mail_unsubscribe_tokens t
  where t.token_hash = sha256(convert_to(token, 'UTF8'))
  on conflict (user_id) do update
    set links = p.links and excluded.links, feedback = p.feedback and excluded.feedback,
        digest = p.digest and excluded.digest;
  return query select * from public.mail_unsubscribe_preview(token);
end
$$;
revoke all on function public.unsubscribe_mail(text) from public;
grant execute on function public.unsubscribe_mail(text) to anon, authenticated;

-- At most one message per key (e.g. a parent's digest of one week), whatever job writes it.
alter table private.mail_outbox add column key text unique check (length(key) <= 200);
