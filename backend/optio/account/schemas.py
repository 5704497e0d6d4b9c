"""Models of data rights: my exports, and the confirmation that deletes my account."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from ..fields import Text


class ExportPublic(BaseModel):
    id: uuid.UUID
    status: Literal["pending", "ready", "failed", "expired"] = Field(
        description="pending while the zip is built; ready to download until expires_at."
    )
    size: int | None = Field(description="The zip's size in bytes, once built.")
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None = Field(description="When the zip is deleted.")
    download_url: str | None = Field(
        description="A short-lived signed URL of the zip while it is ready, else null."
    )
    download_url_expires_at: datetime | None


class ExportList(BaseModel):
    data: list[ExportPublic] = Field(description="Newest first (the last 20).")


class AccountDeletion(BaseModel):
    """Deleting my account is final: confirm it with my current password."""

    password: Text = Field(min_length=1, max_length=200)
