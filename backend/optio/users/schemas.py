"""Profile models."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator


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
    """Fields I may change on my own profile (role and tier are not among them)."""

    model_config = ConfigDict(extra="forbid")
    username: str | None = Field(default=None, pattern=r"^[a-z0-9_]{3,30}$")
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    display_name: str | None = Field(default=None, max_length=100)

    @model_validator(mode="after")
    def _something(self) -> UserUpdate:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        return self
