"""Models of the admin analytics."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field

from ...pillars import PillarKey


class UserCounts(BaseModel):
    total: int
    deactivated: int
    active_7d: int = Field(description="Users who completed a task or enrolled in the last 7 days.")
    active_30d: int = Field(description="The same over the last 30 days.")


class TierCount(BaseModel):
    tier: str
    users: int


class DailyCompletions(BaseModel):
    day: date = Field(description="A UTC calendar day.")
    completions: int


class PillarXp(BaseModel):
    pillar: PillarKey
    name: str
    xp: int


class QuestRank(BaseModel):
    id: uuid.UUID
    title: str
    enrollments: int
    completions: int = Field(description="Enrolled users who completed the quest.")


class TopQuests(BaseModel):
    by_enrollments: list[QuestRank]
    by_completions: list[QuestRank]


class AnalyticsPublic(BaseModel):
    users: UserCounts
    users_per_tier: list[TierCount] = Field(description="Every tier, zeros included.")
    completions_per_day: list[DailyCompletions] = Field(
        description="Task completions on each of the last 30 days (UTC), oldest first."
    )
    xp_per_pillar: list[PillarXp] = Field(description="XP awarded in each of the five pillars.")
    top_quests: TopQuests = Field(description="The ten quests with the most of each.")
