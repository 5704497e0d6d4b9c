"""Models of links between students and their parents and advisors, and of invitations."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..fields import NotBlank, Text
from ..pagination import PageQuery

Scope = Literal["progress", "evidence", "private_evidence"]
Relation = Literal["parent", "advisor"]
InvitationStatus = Literal["pending", "accepted", "declined", "cancelled"]

SCOPE_HELP = (
    "What the parent or advisor sees: progress (quests, tasks done, XP), evidence (also the "
    "evidence not marked private), private_evidence (all evidence)."
)


class Person(BaseModel):
    """The other side of a link or invitation: a name, never an e-mail."""

    id: uuid.UUID | None
    display_name: str | None


class LinkPublic(BaseModel):
    id: uuid.UUID
    relation: Relation = Field(description="What the supporter is to the student.")
    scope: Scope = Field(description=SCOPE_HELP)
    my_side: Literal["student", "supporter"]
    student: Person
    supporter: Person
    created_at: datetime
    updated_at: datetime


class LinkList(BaseModel):
    data: list[LinkPublic]
    count: int
    page: int
    per_page: int


class LinkListQuery(PageQuery):
    pass


class LinkScopeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scope: Scope = Field(description=SCOPE_HELP)


class InvitationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    recipient: Annotated[Text, NotBlank] = Field(
        min_length=1, max_length=320, description="The student's username or e-mail."
    )
    scope: Scope | None = Field(
        default=None, description="Asked for; the student can change it. " + SCOPE_HELP
    )

    @field_validator("recipient")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        return value.strip()


class InvitationPublic(BaseModel):
    id: uuid.UUID
    kind: Literal["invite", "code"] = Field(
        description="invite: a parent or advisor asked a student; code: a student's one-time code."
    )
    direction: Literal["incoming", "outgoing"]
    status: InvitationStatus
    relation: Relation | None
    scope: Scope | None
    other: Person | None = Field(description="The other side, when there is one yet.")
    invitee_email: str | None = Field(
        description="An invitation sent to an address with no account yet (to its sender only)."
    )
    expires_at: datetime
    created_at: datetime
    responded_at: datetime | None
    link_id: uuid.UUID | None


class InvitationList(BaseModel):
    data: list[InvitationPublic]
    count: int
    page: int
    per_page: int


class InvitationListQuery(PageQuery):
    status: InvitationStatus | None = None


class CodeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scope: Scope | None = Field(
        default=None,
        description="The scope the link gets; by default the one of the redeemer's role.",
    )


class CodeOut(BaseModel):
    code: str = Field(description="Shown once: give it to your parent or advisor.")
    expires_at: datetime
    invitation_id: uuid.UUID


class RedeemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: Annotated[Text, NotBlank] = Field(min_length=1, max_length=40)
