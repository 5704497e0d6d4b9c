-- The quest loop: quests and their tasks, enrollments, completions with evidence, and XP.
-- XP is awarded by the database in the transaction that records the completion: a completion
-- writes one ledger row (unique per completion), the ledger keeps the pillar totals, and the
-- totals are never written by a client role.

create table public.quests (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 5000),
  source text not null default 'custom' check (source in ('khan_academy', 'brilliant', 'custom')),
  is_active boolean not null default true,
  is_public boolean not null default true,
  created_by uuid references public.users (id) on delete set null,
  image_url text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index quests_catalog_idx on public.quests (created_at desc, id) where is_active and is_public;
create index quests_source_idx on public.quests (source);
create index quests_created_by_idx on public.quests (created_by);

create table public.quest_tasks (
  id uuid primary key default gen_random_uuid(),
  quest_id uuid not null references public.quests (id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 5000),
  pillar text not null check (pillar in (
    'stem_logic', 'life_wellness', 'language_communication', 'society_culture', 'arts_creativity'
  )),
  xp_value integer not null check (xp_value > 0),
  order_index integer not null default 0,
  is_required boolean not null default true,
  created_at timestamptz not null default now()
);
create index quest_tasks_quest_order_idx on public.quest_tasks (quest_id, order_index, id);
create index quest_tasks_pillar_idx on public.quest_tasks (pillar, quest_id);

create table public.user_quests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  quest_id uuid not null references public.quests (id) on delete cascade,
  is_active boolean not null default true,
  started_at timestamptz not null default now(),
  completed_at timestamptz,
  abandoned_at timestamptz,
  unique (user_id, quest_id)
);
create index user_quests_quest_id_idx on public.user_quests (quest_id);
create index user_quests_user_completed_idx on public.user_quests (user_id, completed_at desc);

create table public.quest_task_completions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  quest_id uuid not null references public.quests (id) on delete cascade,
  task_id uuid not null references public.quest_tasks (id) on delete cascade,
  evidence_type text not null check (evidence_type in ('text', 'link', 'image', 'document')),
  evidence_text text check (length(evidence_text) <= 10000),
  evidence_url text check (evidence_url ~* '^https?://'),
  evidence_path text,
  evidence_content_type text,
  evidence_size integer check (evidence_size > 0),
  is_private boolean not null default false,
  xp_awarded integer not null default 0,
  completed_at timestamptz not null default now(),
  unique (user_id, task_id),
  constraint completions_evidence_matches_type check (
    (evidence_type = 'text' and evidence_text is not null and length(evidence_text) > 0)
    or (evidence_type = 'link' and evidence_url is not null)
    or (evidence_type in ('image', 'document') and evidence_path is not null)
  )
);
create index completions_user_recent_idx on public.quest_task_completions (user_id, completed_at desc);
create index completions_user_quest_idx on public.quest_task_completions (user_id, quest_id);
create index completions_quest_id_idx on public.quest_task_completions (quest_id);
create index completions_task_id_idx on public.quest_task_completions (task_id);

create table public.xp_events (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.users (id) on delete cascade,
  pillar text not null,
  amount integer not null check (amount <> 0),
  source_type text not null,
  source_id uuid not null,
  created_at timestamptz not null default now(),
  unique (source_type, source_id)
);
create index xp_events_user_id_idx on public.xp_events (user_id);

create table public.user_skill_xp (
  user_id uuid not null references public.users (id) on delete cascade,
  pillar text not null,
  xp_amount bigint not null default 0,
  updated_at timestamptz not null default now(),
  primary key (user_id, pillar)
);

-- Derived values, kept by the database ------------------------------------------------------

create trigger quests_set_updated_at before update on public.quests
  for each row execute function private.set_updated_at();

-- A completion's quest and XP come from its task, whatever the client sent.
create function private.completion_from_task() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  task record;
begin
  select t.quest_id, t.xp_value into task from public.quest_tasks t where t.id = new.task_id;
  if not found then
    raise exception 'task % does not exist', new.task_id using errcode = 'foreign_key_violation';
  end if;
  new.quest_id := task.quest_id;
  new.xp_awarded := task.xp_value;
  return new;
end
$$;

-- One ledger row per completion (unique per source), then the quest's completion check.
create function private.award_completion() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.xp_events (user_id, pillar, amount, source_type, source_id)
  select new.user_id, t.pillar, new.xp_awarded, 'task_completion', new.id
  from public.quest_tasks t where t.id = new.task_id;

  -- Serialize a user's completions within one quest, so that two tasks finished at the same
  -- instant still see each other and the quest is marked completed by whichever comes last.
  perform 1 from public.user_quests
  where user_id = new.user_id and quest_id = new.quest_id for update;

  -- Done when every required task is completed (every task, when none is required).
  update public.user_quests uq set completed_at = now()
  where uq.user_id = new.user_id and uq.quest_id = new.quest_id and uq.completed_at is null
    and not exists (
      select 1 from public.quest_tasks t
      where t.quest_id = new.quest_id
        and (t.is_required or not exists (
          select 1 from public.quest_tasks r where r.quest_id = new.quest_id and r.is_required))
        and not exists (
          select 1 from public.quest_task_completions c
          where c.user_id = new.user_id and c.task_id = t.id)
    );
  return null;
end
$$;

-- Pillar totals follow the ledger with an atomic upsert: no read-modify-write anywhere.
create function private.add_to_pillar_total() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.user_skill_xp as s (user_id, pillar, xp_amount)
  values (new.user_id, new.pillar, new.amount)
  on conflict (user_id, pillar)
  do update set xp_amount = s.xp_amount + excluded.xp_amount, updated_at = now();
  return null;
end
$$;

-- The ledger is append-only, for every role.
create function private.forbid_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end
$$;

create trigger completions_from_task before insert on public.quest_task_completions
  for each row execute function private.completion_from_task();
create trigger completions_award after insert on public.quest_task_completions
  for each row execute function private.award_completion();
create trigger xp_events_to_totals after insert on public.xp_events
  for each row execute function private.add_to_pillar_total();
create trigger xp_events_append_only before update or delete on public.xp_events
  for each row execute function private.forbid_change();

revoke all on function private.completion_from_task(), private.award_completion(),
  private.add_to_pillar_total(), private.forbid_change() from public, anon, authenticated;

-- Row-level security ------------------------------------------------------------------------

alter table public.quests enable row level security;
alter table public.quest_tasks enable row level security;
alter table public.user_quests enable row level security;
alter table public.quest_task_completions enable row level security;
alter table public.xp_events enable row level security;
alter table public.user_skill_xp enable row level security;

revoke all on public.quests, public.quest_tasks, public.user_quests,
  public.quest_task_completions, public.xp_events, public.user_skill_xp from anon, authenticated;

grant select on public.quests, public.quest_tasks to anon, authenticated;
grant select on public.user_quests, public.quest_task_completions, public.xp_events,
  public.user_skill_xp to authenticated;
grant insert (user_id, quest_id) on public.user_quests to authenticated;
grant update (is_active, abandoned_at) on public.user_quests to authenticated;
grant insert (user_id, task_id, evidence_type, evidence_text, evidence_url, evidence_path,
  evidence_content_type, evidence_size, is_private) on public.quest_task_completions to authenticated;

create policy quests_read_public on public.quests for select to anon
  using (is_active and is_public);
create policy quests_read on public.quests for select to authenticated
  using (
    (is_active and is_public)
    or created_by = (select auth.uid())
    or (select private.is_admin())
  );

-- A task is visible exactly when its quest is (the subquery is itself under quests' policies).
create policy quest_tasks_read on public.quest_tasks for select to anon, authenticated
  using (exists (select 1 from public.quests q where q.id = quest_id));

create policy user_quests_read_own on public.user_quests for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));
create policy user_quests_enroll_self on public.user_quests for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (select 1 from public.quests q where q.id = quest_id and q.is_active)
  );
create policy user_quests_update_own on public.user_quests for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy completions_read_own on public.quest_task_completions for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));
-- Only for one's own active enrollment in the task's quest.
create policy completions_insert_own on public.quest_task_completions for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (
      select 1 from public.user_quests uq join public.quest_tasks t on t.quest_id = uq.quest_id
      where t.id = task_id and uq.user_id = (select auth.uid()) and uq.is_active
    )
  );

create policy xp_events_read_own on public.xp_events for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));
create policy user_skill_xp_read_own on public.user_skill_xp for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));
