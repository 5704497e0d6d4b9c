"""Models of feedback threads on completions."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..fields import NotBlank, Text
from ..pagination import PageQuery


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: Annotated[Text, NotBlank] = Field(min_length=1, max_length=2000)


class FeedbackAuthor(BaseModel):
    id: uuid.UUID
    display_name: str | None
    is_me: bool
    is_student: bool = Field(description="Whether the author is the student whose work it is.")


class FeedbackPublic(BaseModel):
    id: uuid.UUID
    completion_id: uuid.UUID
    author: FeedbackAuthor
    body: str
    created_at: datetime


class FeedbackThread(BaseModel):
    data: list[FeedbackPublic] = Field(description="Oldest first.")
    count: int
    page: int
    per_page: int
    can_reply: bool = Field(description="Whether I may write on this thread now.")


class FeedbackQuery(PageQuery):
    per_page: int = Field(default=50, ge=1, le=100)
