"""Pillars, XP totals and the dashboard."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel

from ..pillars import PillarKey
from ..quests.schemas import ProgressPublic, Source


class PillarPublic(BaseModel):
    key: PillarKey
    name: str


class PillarList(BaseModel):
    data: list[PillarPublic]


class PillarXp(BaseModel):
    pillar: PillarKey
    name: str
    xp: int


class XpPublic(BaseModel):
    pillars: list[PillarXp]
    total: int


class DashboardQuest(BaseModel):
    id: uuid.UUID
    title: str
    source: Source
    image_url: str | None
    started_at: datetime
    completed_at: datetime | None
    progress: ProgressPublic


class RecentCompletion(BaseModel):
    id: uuid.UUID
    task_id: uuid.UUID
    task_title: str
    quest_id: uuid.UUID
    quest_title: str
    pillar: PillarKey
    xp_awarded: int
    completed_at: datetime


class DashboardPublic(BaseModel):
    active_quests: list[DashboardQuest]
    completed_quests: list[DashboardQuest]
    recent_completions: list[RecentCompletion]
    xp: XpPublic
