"""Models of the diploma: the document anyone may be shown, and what its owner may change."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool, StringConstraints

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


class DiplomaEvidence(BaseModel):
    type: Literal["text", "link", "image", "document"]
    text: str | None = None
    url: str | None = None
    file_url: str | None = Field(default=None, description="A signed URL that expires.")
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


class CompletedQuest(BaseModel):
    id: uuid.UUID
    title: str
    description: str
    source: Source
    image_url: str | None
    started_at: datetime
    completed_at: datetime
    xp_earned: int
    tasks: list[DiplomaTask] = Field(description="The tasks completed, in the quest's order.")


class QuestInProgress(BaseModel):
    id: uuid.UUID
    title: str
    source: Source
    image_url: str | None
    started_at: datetime
    progress: ProgressPublic


class DiplomaPublic(BaseModel):
    slug: str = Field(description="The diploma's address: /diplomas/{slug}.")
    is_public: bool
    display_name: str
    headline: str | None
    bio: str | None
    member_since: datetime
    accredited: bool = Field(description="Issued under a plan that carries the Accredited mark.")
    xp: XpPublic
    completed_quests: list[CompletedQuest]
    in_progress_quests: list[QuestInProgress]


class DiplomaUpdate(Change):
    """What I may change on my diploma; null or a blank headline or bio clears it."""

    is_public: Annotated[StrictBool | None, NotNull] = None
    slug: Annotated[Slug | None, NotNull] = Field(
        default=None, description="3-60 of a-z, 0-9 and single hyphens."
    )
    headline: Annotated[Headline | None, BlankIsNone] = None
    bio: Annotated[Bio | None, BlankIsNone] = None
