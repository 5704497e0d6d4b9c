-- Levels and pillar mastery (issue 18): thresholds are data, one curve for the overall level
-- and one for each pillar's mastery. A level is the highest whose threshold the XP reaches.
create table public.level_curves (
  curve text not null check (curve in ('overall', 'pillar')),
  level integer not null check (level between 1 and 1000),
  xp_required bigint not null check (xp_required >= 0),
  primary key (curve, level),
  -- Level 1 needs nothing; each level needs more than the one before (trigger below).
  check ((level = 1) = (xp_required = 0))
);

alter table public.level_curves enable row level security;
revoke all on public.level_curves from anon, authenticated;
grant select on public.level_curves to anon, authenticated;
grant insert, update, delete on public.level_curves to authenticated;
create policy level_curves_read on public.level_curves for select to anon, authenticated
  using (true);
create policy level_curves_admin_insert on public.level_curves for insert to authenticated
  with check ((select private.is_admin()));
create policy level_curves_admin_update on public.level_curves for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));
create policy level_curves_admin_delete on public.level_curves for delete to authenticated
  using ((select private.is_admin()));

-- Thresholds rise strictly with the level, checked after each statement over the whole curve.
create function private.level_curves_rise() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (
    select 1 from (
      select xp_required, lag(xp_required) over (partition by curve order by level) as before,
             level, lag(level) over (partition by curve order by level) as level_before
      from public.level_curves) c
    where c.before is not null and (c.xp_required <= c.before or c.level <> c.level_before + 1)
  ) or exists (
    select 1 from public.level_curves c group by c.curve having min(c.level) <> 1
  ) then
    raise exception 'a curve starts at level 1 and each level needs more XP than the one before'
      using errcode = 'check_violation';
  end if;
  return null;
end
$$;
revoke all on function private.level_curves_rise() from public, anon, authenticated;
create trigger level_curves_rise after insert or update or delete on public.level_curves
  for each statement execute function private.level_curves_rise();

-- The documented curves: overall level n needs 50·n·(n−1) XP (0, 100, 300, 600, 1000 …),
-- 60 levels; a pillar's mastery level n needs 25·n·(n−1) (0, 50, 150, 300 …), 30 levels.
insert into public.level_curves (curve, level, xp_required)
select 'overall', n, 50 * n * (n - 1) from generate_series(1, 60) n
union all
select 'pillar', n, 25 * n * (n - 1) from generate_series(1, 30) n;

-- The level an amount of XP reaches on a curve, the XP into it and the XP still needed for the
-- next (null at the top level).
create function public.level_at(curve_name text, xp bigint)
returns table (level integer, xp_into_level bigint, xp_to_next bigint)
language sql stable set search_path = '' as $$
  select c.level, greatest(xp, 0) - c.xp_required,
         (select n.xp_required - greatest(xp, 0) from public.level_curves n
          where n.curve = curve_name and n.level = c.level + 1)
  from public.level_curves c
  where c.curve = curve_name and c.xp_required <= greatest(xp, 0)
  order by c.level desc
  limit 1
$$;
revoke all on function public.level_at(text, bigint) from public;
grant execute on function public.level_at(text, bigint) to anon, authenticated;
