"""Levels from the curves in public.level_curves: the level any amount of XP reaches equals a
reference computed from the documented formulas, and only admins change a curve, which must
keep rising."""

from __future__ import annotations

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..conftest import acting_as
from ..factories import make_user

CURVES = {"overall": (50, 60), "pillar": (25, 30)}  # XP factor, top level


def reference(curve: str, xp: int) -> tuple[int, int, int | None]:
    """Level n needs factor * n * (n - 1) XP (20261204000100_levels.sql)."""
    factor, top = CURVES[curve]

    def need(n: int) -> int:
        return factor * n * (n - 1)

    level = max(n for n in range(1, top + 1) if need(n) <= max(xp, 0))
    return level, max(xp, 0) - need(level), None if level == top else need(level + 1) - max(xp, 0)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(curve=st.sampled_from(sorted(CURVES)), xp=st.integers(min_value=-10, max_value=500_000))
def test_the_level_of_any_xp_follows_the_curve(conn, curve, xp):
    row = conn.execute("select * from public.level_at(%s, %s)", (curve, xp)).fetchone()
    assert row == reference(curve, xp)


def test_the_boundaries_of_the_first_levels(conn):
    levels = [
        conn.execute("select level from public.level_at('overall', %s)", (xp,)).fetchone()[0]
        for xp in (0, 99, 100, 299, 300, 600)
    ]
    assert levels == [1, 1, 2, 2, 3, 4]


def test_anyone_reads_the_curves_and_only_an_admin_changes_them(app, conn):
    student, admin = make_user(app)["id"], make_user(app, role="admin")["id"]
    for who in (None, student):
        with acting_as(conn, who) as cur:
            assert cur.execute("select count(*) from public.level_curves").fetchone() == (90,)
    with acting_as(conn, student) as cur:
        cur.execute("update public.level_curves set xp_required = xp_required + 1 where level = 60")
        assert cur.rowcount == 0  # no row is theirs to change
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cur.execute("insert into public.level_curves values ('overall', 61, 999999)")
    with acting_as(conn, admin) as cur:
        cur.execute("insert into public.level_curves values ('overall', 61, 999999)")
        assert cur.rowcount == 1


@pytest.mark.parametrize(
    "change",
    [
        "update public.level_curves set xp_required = 50 where curve = 'overall' and level = 3",
        "insert into public.level_curves values ('overall', 62, 9999999)",  # skips level 61
        "delete from public.level_curves where curve = 'pillar' and level = 1",
    ],
)
def test_a_curve_keeps_rising_without_gaps(conn, change):
    with pytest.raises(psycopg.errors.CheckViolation):
        conn.execute(change)
