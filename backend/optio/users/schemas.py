"""Profile models."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

from ..fields import NotNull, Storable

USERNAME_PATTERN = r"^[a-z0-9_]{3,30}$"
Username = Annotated[str, StringConstraints(pattern=USERNAME_PATTERN), Storable]
Name = Annotated[str, StringConstraints(max_length=100), Storable]


class UserPublic(BaseModel):
    id: uuid.UUID
    email: str
    username: str | None
    first_name: str | None
    last_name: str | None
    display_name: str | None
    role: str
    subscription_tier: str
    created_at: datetime


class UserUpdate(BaseModel):
    """Fields I may change on my own profile (role and tier are not among them). A username
    can be changed but not removed; null clears a name."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})
    username: Annotated[Username | None, NotNull] = None
    first_name: Name | None = None
    last_name: Name | None = None
    display_name: Name | None = None

    @model_validator(mode="after")
    def _something(self) -> UserUpdate:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        return self
