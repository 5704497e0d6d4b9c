"""Models of team-up requests and teammates."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator

from ..fields import NotBlank, Storable, Text
from ..pagination import PageQuery

RequestStatus = Literal["pending", "accepted", "rejected", "cancelled"]
Direction = Literal["incoming", "outgoing"]


class TeamRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    recipient: Annotated[Text, NotBlank] = Field(
        min_length=1, max_length=320, description="The other student's username or e-mail."
    )
    quest_id: uuid.UUID | None = Field(
        default=None,
        description="A quest to take on together; accepting enrolls both. Teammates always "
        "name one.",
    )
    message: Text = Field(default="", max_length=500)

    @field_validator("recipient")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        return value.strip()


class TeamRequestListQuery(PageQuery):
    status: RequestStatus | None = None
    direction: Direction | None = None


class TeammateCard(BaseModel):
    """What a student shows the people they team up with: never their e-mail."""

    id: uuid.UUID
    username: str | None
    display_name: str | None


class QuestRef(BaseModel):
    id: uuid.UUID
    title: str | None = Field(description="Null when the quest is no longer in the catalog.")


class TeamRequestPublic(BaseModel):
    id: uuid.UUID
    direction: Direction = Field(description="incoming: sent to me; outgoing: sent by me.")
    status: RequestStatus
    other: TeammateCard = Field(description="The other student: recipient or sender.")
    quest: QuestRef | None
    message: str
    created_at: datetime
    responded_at: datetime | None


class TeamRequestList(BaseModel):
    data: list[TeamRequestPublic]
    count: int
    page: int
    per_page: int


class SharedQuestProgress(BaseModel):
    """A teammate's progress on a quest we are both enrolled in."""

    quest_id: uuid.UUID
    title: str
    completed_tasks: int
    total_tasks: int
    completed_at: datetime | None


class TeammatePublic(TeammateCard):
    teamed_up_at: datetime
    shared_quests: list[SharedQuestProgress]


class TeammateListQuery(PageQuery):
    """One page of my teammates."""


class TeammateList(BaseModel):
    data: list[TeammatePublic]
    count: int
    page: int
    per_page: int


class TeamDirectoryQuery(BaseModel):
    """Students who chose to be found, by the start of a username or of a word of their name."""

    q: Annotated[str, StringConstraints(min_length=2, max_length=100), Storable] = Field(
        description="The start of a username or of a name; matches nothing under 2 characters "
        "once trimmed."
    )
    page: int = Field(default=1, ge=1, le=1000)
    per_page: int = Field(default=10, ge=1, le=10)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


class DiscoverableStudent(BaseModel):
    """A student who chose to be found: what a request would show of them, nothing more."""

    id: uuid.UUID
    username: str = Field(description="What to send a request to.")
    display_name: str


class TeamDirectoryPage(BaseModel):
    data: list[DiscoverableStudent] = Field(
        description="Exact username first, then by username; never me."
    )
    page: int
    per_page: int
    has_more: bool = Field(description="Whether another page follows this one.")


class TeamDiscoveryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    discoverable: StrictBool = Field(
        description="Whether students looking for a teammate may find me by username or name."
    )


class TeamDiscoveryPublic(BaseModel):
    discoverable: bool = Field(
        description="Whether students looking for a teammate may find me by username or name "
        "(off until I turn it on)."
    )
