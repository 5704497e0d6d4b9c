"""Models of parental consent and of the accounts parents make for their children."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
)

from ..auth.schemas import NewPassword, _bcrypt_sized
from ..dates import BirthDate
from ..fields import Storable, Text
from ..users.schemas import Username

ParentEmail = Annotated[EmailStr, Storable, AfterValidator(str.lower)]
ConsentToken = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class ConsentPublic(BaseModel):
    method: Literal["parent_account", "email_link"]
    policy_version: str
    granted_at: datetime
    given_by: str | None = Field(description="The parent's name, or the address they answered.")


class ConsentStatus(BaseModel):
    under_13: bool
    pending: bool = Field(
        description="True while a parent's consent is needed: no public diploma, no team-ups."
    )
    consent: ConsentPublic | None
    requested_to: str | None = Field(description="Where the latest consent request went.")
    requested_at: datetime | None


class ConsentRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    parent_email: ParentEmail


class ConsentLinkInfo(BaseModel):
    status: Literal["pending", "granted", "declined", "revoked", "expired"]
    student_name: str | None
    parent_email: str
    expires_at: datetime
    policy_version: str


class ConsentAnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["grant", "decline", "revoke"]


class ChildIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: Username
    password: NewPassword
    first_name: Text = Field(min_length=1, max_length=100)
    birth_date: BirthDate

    _password_bytes = field_validator("password")(_bcrypt_sized)


class ChildPublic(BaseModel):
    id: uuid.UUID
    username: str
    display_name: str | None
    birth_date: date
    link_id: uuid.UUID


class ManagedChild(BaseModel):
    id: uuid.UUID
    display_name: str | None
    granted_at: datetime
    policy_version: str


class ManagedChildren(BaseModel):
    data: list[ManagedChild]
