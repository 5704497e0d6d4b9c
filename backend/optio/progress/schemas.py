"""Models of a student's progression."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field

from ..pillars import Pillar


class Level(BaseModel):
    xp: int
    level: int
    xp_into_level: int
    xp_to_next: int | None = Field(description="Null at the top level of the curve.")


class PillarLevel(Level):
    pillar: Pillar


class Streak(BaseModel):
    current: int = Field(description="Days in a row, today included once active; 0 when broken.")
    longest: int
    active_today: bool
    freezes_per_month: int
    freezes_left: int = Field(description="Freezes this month still has for a missed day.")


class Week(BaseModel):
    starts_on: date = Field(description="This week's Monday, in my time zone.")
    xp: int
    goal: int | None


class ActiveDay(BaseModel):
    day: date
    tasks: int
    xp: int


class Heatmap(BaseModel):
    first_day: date = Field(description="The Monday 11 weeks before this week's, in my zone.")
    last_day: date = Field(description="Today, in my zone.")
    days: list[ActiveDay] = Field(description="Days with a completed task; the rest are empty.")


class NextUp(BaseModel):
    quest_id: uuid.UUID
    quest_title: str
    task_id: uuid.UUID
    task_title: str
    pillar: Pillar
    xp_value: int


class MyProgress(BaseModel):
    overall: Level
    pillars: list[PillarLevel] = Field(description="Mastery in each of the five pillars.")
    streak: Streak
    week: Week
    heatmap: Heatmap
    next_up: NextUp | None = Field(description="The next task of my most recently active quest.")
    time_zone: str | None = Field(description="The zone my days are counted in; null: UTC.")


class LeaderboardEntry(BaseModel):
    user_id: uuid.UUID
    name: str
    xp: int
    is_me: bool


class Leaderboard(BaseModel):
    opted_in: bool = Field(description="Off by default: only teammates who opted in appear.")
    week_starts_on: date
    entries: list[LeaderboardEntry]


class Curves(BaseModel):
    overall: list[int] = Field(description="XP each overall level needs: index 0 is level 1.")
    pillar: list[int] = Field(description="XP each mastery level of a pillar needs.")


class LevelCurves(BaseModel):
    """The curves levels follow, so that any XP total shown (a diploma's, a student's) can show
    its level: the highest whose threshold the XP reaches."""

    curves: Curves
