"""PostgreSQL evaluates every permissive policy that applies to a role and an action, row by
row: so each table has at most one permissive policy per role and action (the rights of
several are one policy's OR)."""


def test_no_table_has_two_permissive_policies_for_one_role_and_action(conn):
    overlapping = conn.execute(
        "select tablename, cmd, role, array_agg(policyname order by policyname)"
        " from (select p.tablename, p.policyname, r.role, c.cmd"
        "       from pg_policies p"
        "       cross join unnest(p.roles) r(role)"
        "       cross join unnest(case when p.cmd = 'ALL'"
        "                              then array['SELECT', 'INSERT', 'UPDATE', 'DELETE']"
        "                              else array[p.cmd] end) c(cmd)"
        "       where p.schemaname = 'public' and p.permissive = 'PERMISSIVE') each"
        " group by tablename, cmd, role having count(*) > 1"
        " order by tablename, cmd, role"
    ).fetchall()
    assert overlapping == [], overlapping
