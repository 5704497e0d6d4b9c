"""Shapes of the credentials API. The credentials themselves are JSON-LD documents, passed
through as signed (a model would reorder or drop what the signature covers)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from ..fields import Text

MAX_PASTED_CHARACTERS = 2_000_000  # a learner record of some hundreds of credentials


class CredentialSummary(BaseModel):
    id: UUID
    quest_id: UUID | None = Field(
        description="None for an achievement's credential, or once an admin removed the quest"
    )
    achievement_key: str | None = Field(description="Set for an achievement's credential")
    quest_title: str = Field(description="The quest's title, or the achievement's name")
    issued_at: datetime
    signed: bool
    revoked_at: datetime | None
    revoked_reason: str | None


class CredentialList(BaseModel):
    items: list[CredentialSummary]


class DiplomaCredential(BaseModel):
    id: UUID
    quest_id: UUID | None = Field(
        description="None for an achievement's credential, or once an admin removed the quest"
    )
    achievement_key: str | None = Field(description="Set for an achievement's credential")
    quest_title: str = Field(description="The quest's title, or the achievement's name")
    issued_at: datetime
    revoked: bool


class DiplomaCredentialList(BaseModel):
    items: list[DiplomaCredential]


class RevokeIn(BaseModel):
    reason: Text = Field(min_length=1, max_length=500)


class RevokedOut(BaseModel):
    id: UUID
    revoked_at: datetime
    revoked_reason: str


class CredentialVerifyIn(BaseModel):
    credential: Text = Field(
        max_length=MAX_PASTED_CHARACTERS,
        description="An Open Badges 3.0 credential, as pasted: its JSON text. Text that is not a"
        " credential is answered with a failed `format` check.",
    )


class CredentialCheckOut(BaseModel):
    name: str = Field(description="format, proof, dates or status")
    ok: bool
    message: str


class CredentialVerifyOut(BaseModel):
    verified: bool
    revoked: bool | None
    checks: list[CredentialCheckOut]
