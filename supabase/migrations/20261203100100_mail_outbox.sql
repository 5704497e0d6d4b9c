-- The platform's own e-mail (issue 17): a message is a row of private.mail_outbox, written in
-- the transaction of whatever caused it, with a `mail.send` job beside it (optio/mail). A
-- transaction that rolls back leaves no message; the worker sends it outside any transaction
-- and marks it sent, so a failing SMTP server leaves it here to be sent on a later attempt.
--
-- No client role has any right on it (RLS on, no policy, no grant): it holds addresses.

create table private.mail_outbox (
  id bigint generated always as identity primary key,
  kind text not null check (kind ~ '^[a-z][a-z0-9_]*$' and length(kind) <= 60),
  to_user uuid references public.users (id) on delete cascade,
  to_address text not null check (length(to_address) between 3 and 320 and to_address like '%_@_%'),
  subject text not null check (length(subject) between 1 and 300 and subject !~ '[\r\n]'),
  text_body text not null check (length(text_body) between 1 and 100000),
  html_body text check (length(html_body) <= 200000),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0 check (attempts >= 0),
  last_error text check (length(last_error) <= 2000)
);
create index mail_outbox_unsent_idx on private.mail_outbox (created_at) where sent_at is null;
create index mail_outbox_to_user_idx on private.mail_outbox (to_user);
alter table private.mail_outbox enable row level security;
revoke all on private.mail_outbox from public, anon, authenticated, service_role;
