"""Models of quest and task management."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator

from ...fields import Change, FormBool, NotNull, Search, Storable
from ...pagination import PageQuery
from ...pillars import Pillar, PillarKey
from ...quests.schemas import Source, WebUrl

Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Storable
]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), Storable]
XpValue = Annotated[int, Field(gt=0, le=10_000)]


class AdminQuestListQuery(PageQuery):
    search: Search = Field(default=None, description="In title or description.")
    is_active: FormBool | None = None


class TaskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Title
    description: Description = ""
    pillar: Pillar
    xp_value: XpValue
    is_required: StrictBool = True


class TaskUpdate(Change):
    title: Annotated[Title | None, NotNull] = None
    description: Annotated[Description | None, NotNull] = None
    pillar: Annotated[Pillar | None, NotNull] = None
    xp_value: Annotated[XpValue | None, NotNull] = None
    is_required: Annotated[StrictBool | None, NotNull] = None


class QuestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Title
    description: Description = ""
    source: Source = "custom"
    is_active: StrictBool = True
    is_public: StrictBool = True
    image_url: WebUrl | None = None
    tasks: list[TaskIn] = Field(min_length=1, max_length=100, description="In this order.")


class QuestUpdate(Change):
    title: Annotated[Title | None, NotNull] = None
    description: Annotated[Description | None, NotNull] = None
    source: Annotated[Source | None, NotNull] = None
    is_active: Annotated[StrictBool | None, NotNull] = None
    is_public: Annotated[StrictBool | None, NotNull] = None
    image_url: WebUrl | None = Field(default=None, description="null removes the image.")


class TaskOrder(BaseModel):
    model_config = ConfigDict(extra="forbid")
    task_ids: list[uuid.UUID] = Field(
        max_length=500,
        description="Every task of the quest, each once, in the new order.",
        json_schema_extra={"uniqueItems": True},
    )

    @field_validator("task_ids")
    @classmethod
    def _each_once(cls, value: list[uuid.UUID]) -> list[uuid.UUID]:
        if len(set(value)) != len(value):
            raise ValueError("lists a task more than once")
        return value


class AdminTaskPublic(BaseModel):
    id: uuid.UUID
    quest_id: uuid.UUID
    title: str
    description: str
    pillar: PillarKey
    xp_value: int
    order_index: int
    is_required: bool
    completions: int = Field(description="Students who completed it; such a task stays.")


class AdminQuestBase(BaseModel):
    id: uuid.UUID
    title: str
    description: str
    source: Source
    is_active: bool
    is_public: bool
    image_url: str | None
    created_by: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
    enrollments: int
    completions: int = Field(description="Enrolled students who completed the quest.")


class AdminQuestSummary(AdminQuestBase):
    pillars: list[PillarKey]
    task_count: int
    total_xp: int


class AdminQuestList(BaseModel):
    data: list[AdminQuestSummary]
    count: int
    page: int
    per_page: int


class AdminQuestDetail(AdminQuestBase):
    tasks: list[AdminTaskPublic]
