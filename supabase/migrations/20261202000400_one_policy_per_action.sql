-- One permissive policy per table, role and action. PostgreSQL evaluates every permissive
-- policy that applies, for every row; where two applied (a user's own rows and an admin's, or
-- the two parties of a team-up), their OR becomes one policy with exactly the same rights.
-- tests/db/test_policy_shape.py keeps it so; the RLS tests of each table prove the rights.

drop policy users_update_own on public.users;
drop policy users_update_admin on public.users;
create policy users_update_own_or_admin on public.users for update to authenticated
  using (id = (select auth.uid()) or (select private.is_admin()))
  with check (id = (select auth.uid()) or (select private.is_admin()));

drop policy user_quests_enroll_self on public.user_quests;
drop policy user_quests_admin_enroll on public.user_quests;
-- Myself into an active quest; an admin anyone (approving a submission enrolls its author).
create policy user_quests_enroll on public.user_quests for insert to authenticated
  with check (
    (user_id = (select auth.uid())
     and exists (select 1 from public.quests q where q.id = quest_id and q.is_active))
    or (select private.is_admin())
  );

drop policy team_requests_respond on public.team_requests;
drop policy team_requests_cancel on public.team_requests;
-- A pending request: its recipient accepts or rejects it, its sender cancels it.
create policy team_requests_decide on public.team_requests for update to authenticated
  using (
    status = 'pending'
    and (recipient_id = (select auth.uid()) or sender_id = (select auth.uid()))
  )
  with check (
    (recipient_id = (select auth.uid()) and status in ('accepted', 'rejected'))
    or (sender_id = (select auth.uid()) and status = 'cancelled')
  );
