-- Feedback on a completion (issue 17): a short thread an advisor linked to the student starts,
-- and the student and the student's advisors continue. The thread is read by the student, the
-- student's linked advisors, linked parents whose scope covers evidence, and admins.
-- Notifications of the kinds listed in notifications_mail below are also e-mailed: the
-- `mail.notification` job (optio/mail/notification.py) words the message and writes it to the
-- outbox, once per notification.

create table public.completion_feedback (
  id uuid primary key default gen_random_uuid(),
  completion_id uuid not null references public.quest_task_completions (id) on delete cascade,
  student_id uuid not null references public.users (id) on delete cascade,
  author_id uuid not null references public.users (id) on delete cascade,
  body text not null check (length(btrim(body)) between 1 and 2000),
  created_at timestamptz not null default now()
);
create index completion_feedback_thread_idx on public.completion_feedback
  (completion_id, created_at, id);
create index completion_feedback_student_idx on public.completion_feedback (student_id);
create index completion_feedback_author_idx on public.completion_feedback (author_id);
alter table public.completion_feedback enable row level security;

-- Whether the caller reads the feedback threads on `student`'s completions.
create function private.reads_feedback(student uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select student = (select auth.uid()) or (select private.is_admin()) or exists (
    select 1 from public.student_links l
    where l.student_id = student and l.supporter_id = (select auth.uid())
      and (l.relation = 'advisor' or l.scope in ('evidence', 'private_evidence')))
$$;
revoke all on function private.reads_feedback(uuid) from public, anon;
grant execute on function private.reads_feedback(uuid) to authenticated;

-- Whether the caller may write on `completion`'s thread: a linked advisor, or the student on a
-- thread an advisor started.
create function private.writes_feedback(completion uuid, student uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
      select 1 from public.student_links l
      where l.student_id = student and l.supporter_id = (select auth.uid())
        and l.relation = 'advisor')
    or (student = (select auth.uid()) and exists (
      select 1 from public.completion_feedback f where f.completion_id = completion))
$$;
revoke all on function private.writes_feedback(uuid, uuid) from public, anon;
grant execute on function private.writes_feedback(uuid, uuid) to authenticated;

-- The student whose completion it is, to a caller who reads its thread (else null).
create function private.completion_owner(completion uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select c.user_id from public.quest_task_completions c
  where c.id = completion and private.reads_feedback(c.user_id)
$$;
revoke all on function private.completion_owner(uuid) from public, anon;
grant execute on function private.completion_owner(uuid) to authenticated;

create policy completion_feedback_read on public.completion_feedback for select to authenticated
  using ((select private.reads_feedback(student_id)));
create policy completion_feedback_write on public.completion_feedback for insert to authenticated
  with check (author_id = (select auth.uid()) and private.writes_feedback(completion_id, student_id));
revoke all on public.completion_feedback from anon, authenticated;
grant select on public.completion_feedback to authenticated;
grant insert (completion_id, body) on public.completion_feedback to authenticated;

-- The author is the caller and the student the completion's: never what the client says.
create function private.feedback_from_completion() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.author_id := coalesce((select auth.uid()), new.author_id);
  select c.user_id into new.student_id
  from public.quest_task_completions c where c.id = new.completion_id;
  if new.student_id is null then
    raise exception 'completion % does not exist', new.completion_id
      using errcode = 'foreign_key_violation';
  end if;
  new.body := btrim(new.body);
  return new;
end
$$;
revoke all on function private.feedback_from_completion() from public, anon, authenticated;
create trigger completion_feedback_fill before insert on public.completion_feedback
  for each row execute function private.feedback_from_completion();

-- The student hears of an advisor's words; the advisors on the thread hear the student's reply.
create function private.notify_feedback() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  about jsonb;
begin
  select jsonb_build_object('completion_id', new.completion_id, 'feedback_id', new.id,
                            'author_name', private.shown_name(new.author_id),
                            'task_title', t.title, 'quest_id', c.quest_id, 'quest_title', q.title,
                            'student_id', new.student_id)
  into about
  from public.quest_task_completions c
  join public.quest_tasks t on t.id = c.task_id
  join public.quests q on q.id = c.quest_id
  where c.id = new.completion_id;
  if new.author_id <> new.student_id then
    perform private.notify(new.student_id, 'feedback_received', about);
  else
    perform private.notify(a.author_id, 'feedback_reply', about)
    from (select distinct f.author_id from public.completion_feedback f
          where f.completion_id = new.completion_id and f.author_id <> new.student_id) a
    where exists (select 1 from public.student_links l
                  where l.student_id = new.student_id and l.supporter_id = a.author_id);
  end if;
  return null;
end
$$;
revoke all on function private.notify_feedback() from public, anon, authenticated;
create trigger completion_feedback_notify after insert on public.completion_feedback
  for each row execute function private.notify_feedback();

-- E-mail for the notifications that warrant one: one `mail.notification` job per notification,
-- and at most one outbox message (the unique notification_id).
alter table private.mail_outbox
  add column notification_id uuid unique references public.notifications (id) on delete set null;

create function private.mail_notification() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.jobs (kind, args, max_attempts, key)
  values ('mail.notification', jsonb_build_object('notification_id', new.id), 5,
          'notification:' || new.id)
  on conflict do nothing;
  return null;
end
$$;
revoke all on function private.mail_notification() from public, anon, authenticated;
create trigger notifications_mail after insert on public.notifications
  for each row
  when (new.type in ('link_invited', 'link_created', 'feedback_received', 'feedback_reply'))
  execute function private.mail_notification();
