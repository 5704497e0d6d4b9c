"""The streak rule, written plainly over a list of ledger instants and the student's zone
history, to check the database's incremental streak against (20261204000200_streaks.sql)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

FREEZES_PER_MONTH = 2


@dataclass(frozen=True)
class Streak:
    current: int
    longest: int
    active_today: bool
    freezes_left: int


def zone_at(zones: list[tuple[datetime, str]], at: datetime) -> str:
    """The zone in force at `at`: the latest change at or before it; UTC before any."""
    current = "UTC"
    for since, zone in sorted(zones):
        if since <= at:
            current = zone
    return current


def local_day(zones: list[tuple[datetime, str]], at: datetime) -> date:
    return at.astimezone(ZoneInfo(zone_at(zones, at))).date()


def _missed(after: date, before: date) -> list[date]:
    return [after + timedelta(days=n) for n in range(1, (before - after).days)]


def _can_freeze(missed: list[date], used: Counter) -> bool:
    wanted = Counter((d.year, d.month) for d in missed)
    return all(used[m] + n <= FREEZES_PER_MONTH for m, n in wanted.items())


def streak(events: list[datetime], zones: list[tuple[datetime, str]], now: datetime) -> Streak:
    days = sorted({local_day(zones, at) for at in events})
    used: Counter = Counter()
    length = longest = 0
    previous: date | None = None
    for day in days:
        missed = [] if previous is None else _missed(previous, day)
        if previous is not None and _can_freeze(missed, used):
            used.update((d.year, d.month) for d in missed)
            length += 1
        else:
            length = 1
        longest = max(longest, length)
        previous = day
    today = now.astimezone(ZoneInfo(zone_at(zones, now))).date()
    month = (today.year, today.month)
    if previous is None:
        return Streak(0, 0, False, FREEZES_PER_MONTH)
    pending = [d for d in _missed(previous, today)]
    alive = previous >= today - timedelta(days=1) or _can_freeze(pending, used)
    left = FREEZES_PER_MONTH - used[month]
    if alive:
        left -= sum(1 for d in pending if (d.year, d.month) == month)
    return Streak(length if alive else 0, longest, previous >= today, max(left, 0))
