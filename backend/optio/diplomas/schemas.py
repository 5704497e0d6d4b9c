"""Models of the diploma: the first view anyone may be shown, its completed quests a page or
one at a time, and what its owner may change."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool, StringConstraints, field_validator

from ..fields import BlankIsNone, Change, NotNull, Storable
from ..pillars import PillarKey
from ..quests.schemas import ProgressPublic, Source
from ..xp.schemas import XpPublic

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[
    str, StringConstraints(min_length=3, max_length=60, pattern=SLUG_PATTERN), Storable
]
Headline = Annotated[str, StringConstraints(max_length=140), Storable]
Bio = Annotated[str, StringConstraints(max_length=2000), Storable]
MAX_FEATURED = 6


class DiplomaEvidence(BaseModel):
    type: Literal["text", "link", "image", "document"]
    text: str | None = None
    url: str | None = None
    file_url: str | None = Field(
        default=None,
        description="The file's address on this API, which redirects to a short-lived link.",
    )
    content_type: str | None = None


class DiplomaTask(BaseModel):
    id: uuid.UUID
    title: str
    pillar: PillarKey
    xp_awarded: int
    completed_at: datetime
    evidence: DiplomaEvidence | None = Field(
        description="None when the student keeps this evidence private."
    )


class DiplomaQuestSummary(BaseModel):
    """A completed quest as the diploma's lists show it: no tasks, a bounded description."""

    id: uuid.UUID
    title: str
    description: str = Field(
        description="At most 240 characters: a longer one is cut and ends with '…' (the "
        "quest's own endpoint has it whole)."
    )
    source: Source
    started_at: datetime
    completed_at: datetime
    xp_earned: int
    tasks_completed: int
    pillars: list[PillarKey] = Field(description="The pillars of the tasks completed.")


class DiplomaQuestDetail(BaseModel):
    """One completed quest with its tasks and their evidence."""

    id: uuid.UUID
    title: str
    description: str
    source: Source
    image_url: str | None
    started_at: datetime
    completed_at: datetime
    xp_earned: int
    tasks: list[DiplomaTask] = Field(description="The tasks completed, in the quest's order.")


class DiplomaQuestPage(BaseModel):
    data: list[DiplomaQuestSummary] = Field(description="Newest first.")
    next_cursor: str | None = Field(description="The cursor of the next page; null at the end.")


class QuestInProgress(BaseModel):
    id: uuid.UUID
    title: str
    source: Source
    started_at: datetime
    progress: ProgressPublic


class DiplomaTotals(BaseModel):
    completed_quests: int
    completed_tasks: int
    quests_in_progress: int


class DiplomaPublic(BaseModel):
    """A diploma's first view: its size does not grow with the student's history."""

    slug: str = Field(description="The diploma's address: /diplomas/{slug}.")
    is_public: bool
    display_name: str = Field(description="At most 100 characters.")
    headline: str | None
    bio: str | None
    member_since: datetime
    accredited: bool = Field(description="Issued under a plan that carries the Accredited mark.")
    xp: XpPublic
    totals: DiplomaTotals
    featured_quests: list[DiplomaQuestSummary] = Field(
        description="The completed quests the student puts first (at most 6), in their order."
    )
    recent_quests: list[DiplomaQuestSummary] = Field(
        description="The 6 most recently completed quests, newest first."
    )
    more_quests: str | None = Field(
        description="The cursor of GET /diplomas/{slug}/quests for the completed quests after "
        "recent_quests; null when there are none."
    )
    in_progress_quests: list[QuestInProgress] = Field(
        description="The 6 most recently started; totals.quests_in_progress counts them all."
    )


class DiplomaUpdate(Change):
    """What I may change on my diploma; null or a blank headline or bio clears it."""

    is_public: Annotated[StrictBool | None, NotNull] = None
    slug: Annotated[Slug | None, NotNull] = Field(
        default=None, description="3-60 of a-z, 0-9 and single hyphens."
    )
    headline: Annotated[Headline | None, BlankIsNone] = None
    bio: Annotated[Bio | None, BlankIsNone] = None
    featured_quest_ids: Annotated[list[uuid.UUID] | None, NotNull] = Field(
        default=None,
        max_length=MAX_FEATURED,
        description="Completed quests of mine to show first, in this order; [] shows none.",
        json_schema_extra={"uniqueItems": True},
    )

    @field_validator("featured_quest_ids")
    @classmethod
    def _each_once(cls, value: list[uuid.UUID] | None) -> list[uuid.UUID] | None:
        if value is not None and len(set(value)) != len(value):
            raise ValueError("lists a quest more than once")
        return value
