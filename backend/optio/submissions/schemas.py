"""Models of custom quest submissions and their review."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from ..fields import Storable
from ..pagination import PageQuery
from ..pillars import Pillar, PillarKey

Status = Literal["pending", "approved", "rejected"]
Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200), Storable
]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), Storable]
TaskTitle = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Storable
]
Notes = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000), Storable
]


class TaskSuggestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: TaskTitle
    description: Description = ""
    pillar: Pillar
    xp_value: int = Field(ge=25, le=200)


Tasks = Annotated[list[TaskSuggestionIn], Field(min_length=1, max_length=20)]


class SubmissionIn(BaseModel):
    """A quest I propose; an admin approves it (maybe edited) or rejects it with notes."""

    model_config = ConfigDict(extra="forbid")
    title: Title
    description: Description = ""
    suggested_tasks: Tasks
    make_public: StrictBool = Field(
        default=False, description="List the quest in the public catalog once approved."
    )


class ApprovalIn(BaseModel):
    """Optional edits applied to the quest created from the submission; send {} for none."""

    model_config = ConfigDict(extra="forbid")
    title: Title | None = None
    description: Description | None = None
    tasks: Tasks | None = Field(default=None, description="Replace the suggested tasks.")


class RejectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    notes: Notes = Field(description="Why, for the author; required.")


class MySubmissionsQuery(PageQuery):
    pass


class QueueQuery(MySubmissionsQuery):
    status: Status | None = Field(default=None, description="Omit for every status.")


class TaskSuggestionPublic(BaseModel):
    title: str
    description: str
    pillar: PillarKey
    xp_value: int


class SubmissionPublic(BaseModel):
    id: uuid.UUID
    title: str
    description: str
    suggested_tasks: list[TaskSuggestionPublic]
    make_public: bool
    status: Status
    approved_quest_id: uuid.UUID | None
    admin_notes: str | None
    reviewed_at: datetime | None
    created_at: datetime
    quest_title: str | None = Field(
        default=None,
        description="The approved quest's title now, which the reviewer may have changed; "
        "null before approval.",
    )


class SubmissionList(BaseModel):
    data: list[SubmissionPublic]
    count: int
    page: int
    per_page: int


class AuthorPublic(BaseModel):
    id: uuid.UUID
    username: str | None
    display_name: str | None


class QueuedSubmission(SubmissionPublic):
    author: AuthorPublic
    reviewed_by: uuid.UUID | None


class QueueList(BaseModel):
    data: list[QueuedSubmission]
    count: int
    page: int
    per_page: int
