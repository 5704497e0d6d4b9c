"""Models of quest and task management."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ...fields import Change, FormBool, NotNull, Search, Storable
from ...pagination import PageQuery
from ...pillars import Pillar, PillarKey
from ...quests.schemas import Source

Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Storable
]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), Storable]
XpValue = Annotated[int, Field(gt=0, le=10_000)]

# A quest's image: an https:// address (plain http would be mixed content on the site), or a
# path on this site such as the seeded art under /quest-art/ (credentials make it absolute with
# the public URL). ASCII URL characters only; the same pattern documents it, so that a request
# the document allows is one the API takes. The database keeps a looser floor
# (quests_image_url_check, 20261205000400_quest_image_url.sql).
IMAGE_URL_MAX_LENGTH = 2048
_URL_CHARS = r"[A-Za-z0-9._~!$&'()*+,;=:@%/?#-]"
_HOST_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
IMAGE_URL_PATTERN = (
    rf"^(?:https://{_HOST_LABEL}(?:\.{_HOST_LABEL})*(?::[0-9]{{1,5}})?(?:[/?#]{_URL_CHARS}*)?"
    rf"|/[A-Za-z0-9._~!$&'()*+,;=:@%-]{_URL_CHARS}*)$"
)
_IMAGE_URL = re.compile(IMAGE_URL_PATTERN.removeprefix("^").removesuffix("$"))


def _image_url(value: str) -> str:
    if len(value) > IMAGE_URL_MAX_LENGTH:
        raise PydanticCustomError(
            "image_url_too_long",
            "An image URL can be at most {max_length} characters.",
            {"max_length": IMAGE_URL_MAX_LENGTH},
        )
    if _IMAGE_URL.fullmatch(value) is None:
        raise PydanticCustomError(
            "image_url",
            "Give an https:// address or a path on this site starting with /, such as "
            "/quest-art/algebra.svg.",
        )
    return value


ImageUrl = Annotated[
    str,
    AfterValidator(_image_url),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": IMAGE_URL_MAX_LENGTH,
            "pattern": IMAGE_URL_PATTERN,
            "examples": ["https://example.com/quest.png", "/quest-art/algebra.svg"],
        }
    ),
    Storable,
]


class AdminQuestListQuery(PageQuery):
    search: Search = Field(default=None, description="In title or description.")
    is_active: FormBool | None = None


class TaskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Title
    description: Description = ""
    pillar: Pillar
    xp_value: XpValue
    is_required: StrictBool = True


class TaskUpdate(Change):
    title: Annotated[Title | None, NotNull] = None
    description: Annotated[Description | None, NotNull] = None
    pillar: Annotated[Pillar | None, NotNull] = None
    xp_value: Annotated[XpValue | None, NotNull] = None
    is_required: Annotated[StrictBool | None, NotNull] = None


class QuestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Title
    description: Description = ""
    source: Source = "custom"
    is_active: StrictBool = True
    is_public: StrictBool = True
    image_url: ImageUrl | None = Field(
        default=None, description="An https:// URL or a path on this site (/quest-art/…)."
    )
    tasks: list[TaskIn] = Field(min_length=1, max_length=100, description="In this order.")


class QuestUpdate(Change):
    title: Annotated[Title | None, NotNull] = None
    description: Annotated[Description | None, NotNull] = None
    source: Annotated[Source | None, NotNull] = None
    is_active: Annotated[StrictBool | None, NotNull] = None
    is_public: Annotated[StrictBool | None, NotNull] = None
    image_url: ImageUrl | None = Field(
        default=None,
        description="An https:// URL or a path on this site (/quest-art/…); null removes it.",
    )


class TaskOrder(BaseModel):
    model_config = ConfigDict(extra="forbid")
    task_ids: list[uuid.UUID] = Field(
        max_length=500,
        description="Every task of the quest, each once, in the new order.",
        json_schema_extra={"uniqueItems": True},
    )

    @field_validator("task_ids")
    @classmethod
    def _each_once(cls, value: list[uuid.UUID]) -> list[uuid.UUID]:
        if len(set(value)) != len(value):
            raise ValueError("lists a task more than once")
        return value


class AdminTaskPublic(BaseModel):
    id: uuid.UUID
    quest_id: uuid.UUID
    title: str
    description: str
    pillar: PillarKey
    xp_value: int
    order_index: int
    is_required: bool
    completions: int = Field(description="Students who completed it; such a task stays.")


class AdminQuestBase(BaseModel):
    id: uuid.UUID
    title: str
    description: str
    source: Source
    is_active: bool
    is_public: bool
    image_url: str | None
    created_by: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
    enrollments: int
    completions: int = Field(description="Enrolled students who completed the quest.")


class AdminQuestSummary(AdminQuestBase):
    pillars: list[PillarKey]
    task_count: int
    total_xp: int


class AdminQuestList(BaseModel):
    data: list[AdminQuestSummary]
    count: int
    page: int
    per_page: int


class AdminQuestDetail(AdminQuestBase):
    tasks: list[AdminTaskPublic]
