"""Streaks from the ledger: for any completions at any instants, across zones with daylight-saving
shifts and zone changes, committed in any order (a late request), the streak the triggers keep
equals the plain reference (streak_reference.py), and rebuilding it from the days changes
nothing. A day is counted once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..conftest import acting_as
from ..factories import make_user
from . import streak_reference
from .streak_reference import Streak

# Zones with and without daylight saving, far apart: the last 70 days hold the autumn shifts of
# Europe and North America and the spring one of Australia.
ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "America/Los_Angeles",
]
WINDOW = timedelta(days=70)

instants = st.integers(min_value=0, max_value=int(WINDOW.total_seconds()))  # seconds ago
# Daylight-saving shifts of 2026 (UTC), whatever the date the tests run on: completions within
# a day and a half of them, and zone changes too.
SHIFTS = [
    datetime(2026, 3, 8, 7, tzinfo=UTC),
    datetime(2026, 3, 29, 1, tzinfo=UTC),
    datetime(2026, 4, 4, 16, tzinfo=UTC),
    datetime(2026, 10, 25, 1, tzinfo=UTC),
    datetime(2026, 11, 1, 6, tzinfo=UTC),
]
near_shift = st.builds(
    lambda shift, seconds: shift + timedelta(seconds=seconds),
    st.sampled_from(SHIFTS),
    st.integers(min_value=-36 * 3600, max_value=36 * 3600),
)


def record(conn, user_id, at: datetime, source: str = "task_completion", amount: int = 10):
    conn.execute(
        "insert into public.xp_events (user_id, pillar, amount, source_type, source_id, created_at)"
        " values (%s, 'stem_logic', %s, %s, %s, %s)",
        (user_id, amount, source, uuid.uuid4(), at),
    )


def my_streak(conn, user_id) -> Streak:
    with acting_as(conn, user_id) as cur:
        row = cur.execute(
            "select current, longest, active_today, freezes_left from public.my_streak()"
        ).fetchone()
    return Streak(*row)


def stored(conn, user_id):
    return (
        conn.execute(
            "select current_length, longest, last_day from public.user_streaks where user_id = %s",
            (user_id,),
        ).fetchone(),
        conn.execute(
            "select array_agg(day order by day) from public.streak_freezes where user_id = %s",
            (user_id,),
        ).fetchone()[0],
    )


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    # Completions: seconds before now, in the order their requests commit.
    completions=st.lists(instants, max_size=40),
    # Zone changes: seconds before now and the zone chosen then.
    changes=st.lists(st.tuples(instants, st.sampled_from(ZONES)), max_size=4),
    # A few completions with a habit: on most of the last days, to make long streaks likely.
    habit=st.lists(st.integers(min_value=0, max_value=69), max_size=60, unique=True),
    around_shifts=st.lists(near_shift, max_size=12),
    zones_around_shifts=st.lists(st.tuples(near_shift, st.sampled_from(ZONES)), max_size=3),
)
def test_the_streak_equals_the_reference_over_the_ledger(
    app, conn, completions, changes, habit, around_shifts, zones_around_shifts
):
    now = conn.execute("select now()").fetchone()[0]
    user_id = make_user(app)["id"]
    zones = [(now - timedelta(seconds=ago), zone) for ago, zone in changes]
    zones += [(at, zone) for at, zone in zones_around_shifts if at < now]
    zones = list({since: (since, zone) for since, zone in reversed(zones)}.values())  # one a time
    for since, zone in zones:
        conn.execute(
            "insert into private.time_zone_changes (user_id, since, time_zone) values (%s, %s, %s)"
            " on conflict do nothing",
            (user_id, since, zone),
        )
    current_zone = streak_reference.zone_at(zones, now)
    conn.execute("update public.users set time_zone = %s where id = %s", (current_zone, user_id))
    # The update recorded the zone as of now, as the reference expects it from now on.
    zones.append((conn.execute("select now()").fetchone()[0], current_zone))
    events = [now - timedelta(seconds=ago) for ago in completions]
    events += [now - timedelta(days=d, hours=1) for d in habit]
    events += [at for at in around_shifts if at < now]
    for at in events:
        record(conn, user_id, at)
    record(conn, user_id, now - timedelta(days=3), source="achievement")  # not a task: no day

    now = conn.execute("select now()").fetchone()[0]
    assert my_streak(conn, user_id) == streak_reference.streak(events, zones, now)
    before = stored(conn, user_id)
    conn.execute("select private.rebuild_streak(%s)", (user_id,))
    assert stored(conn, user_id) == before
    days = conn.execute(
        "select count(*), coalesce(sum(tasks), 0) from public.activity_days"
        " where user_id = %s and tasks > 0",
        (user_id,),
    ).fetchone()
    assert days == (len({streak_reference.local_day(zones, at) for at in events}), len(events))


def test_a_missed_day_uses_a_freeze_and_a_long_gap_ends_the_streak(app, conn):
    user_id = make_user(app)["id"]
    now = conn.execute("select now()").fetchone()[0]
    today = now.date()  # UTC, the zone of a student who has not chosen one
    noon = datetime(today.year, today.month, today.day, 12, tzinfo=now.tzinfo)
    # 5 days missed (10 to 6 ago): more than freezes can bridge, the streak restarts; the day 3
    # days ago is frozen, and so is yesterday while today is not over.
    for days_ago in (12, 11, 5, 4, 2):
        record(conn, user_id, noon - timedelta(days=days_ago))
    streak = my_streak(conn, user_id)
    assert (streak.current, streak.longest) == (3, 3)
    assert not streak.active_today
    record(conn, user_id, noon)
    record(conn, user_id, noon)  # twice the same day: counted once
    assert my_streak(conn, user_id).current == 4
    assert my_streak(conn, user_id).active_today


def test_nobody_reads_another_students_streak(app, conn):
    owner = make_user(app)["id"]
    other = make_user(app)["id"]
    record(conn, owner, conn.execute("select now()").fetchone()[0])
    with acting_as(conn, other) as cur:
        assert cur.execute("select count(*) from public.user_streaks").fetchone()[0] == 0
        assert cur.execute("select count(*) from public.activity_days").fetchone()[0] == 0
        assert cur.execute("select current from public.my_streak()").fetchone()[0] == 0
