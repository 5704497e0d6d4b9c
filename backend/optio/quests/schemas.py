"""Models of the quest catalog, enrollment and task completion."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    PlainValidator,
    RootModel,
    StrictBool,
    UrlConstraints,
    WithJsonSchema,
)
from werkzeug.datastructures import FileStorage

from ..fields import FormBool, NotBlank, NotNull, Search, Text
from ..pagination import PageQuery
from ..pillars import Pillar, PillarKey

Source = Literal["khan_academy", "brilliant", "custom"]
EnrollmentStatus = Literal["active", "completed", "abandoned"]
WebUrl = Annotated[HttpUrl, UrlConstraints(allowed_schemes=["http", "https"], max_length=2048)]


def _uploaded_file(value: Any) -> FileStorage:
    if not isinstance(value, FileStorage) or not value.filename:
        raise ValueError("attach the evidence file as the multipart field 'file'")
    return value


UploadedFile = Annotated[
    FileStorage,
    PlainValidator(_uploaded_file),
    WithJsonSchema({"type": "string", "format": "binary"}),
]


class QuestListQuery(PageQuery):
    pillar: Pillar | None = None
    source: Source | None = None
    search: Search = None


class EnrollmentPublic(BaseModel):
    status: EnrollmentStatus
    started_at: datetime
    completed_at: datetime | None
    abandoned_at: datetime | None


class QuestSummary(BaseModel):
    id: uuid.UUID
    title: str
    description: str
    source: Source
    image_url: str | None
    pillars: list[PillarKey]
    task_count: int
    total_xp: int
    completed_tasks: int = 0
    enrollment: EnrollmentPublic | None = None


class QuestList(BaseModel):
    data: list[QuestSummary]
    count: int
    page: int
    per_page: int


class EvidencePublic(BaseModel):
    type: Literal["text", "link", "image", "document"]
    text: str | None = None
    url: str | None = None
    file_url: str | None = Field(default=None, description="A signed URL that expires.")
    content_type: str | None = None
    size: int | None = None
    is_private: bool


class EvidenceItemPublic(BaseModel):
    """A further piece of a completion's evidence; private when the completion is."""

    id: uuid.UUID
    type: Literal["text", "link", "image", "document"]
    text: str | None = None
    url: str | None = None
    file_url: str | None = Field(default=None, description="A signed URL that expires.")
    content_type: str | None = None
    size: int | None = None


class CompletionPublic(BaseModel):
    id: uuid.UUID
    task_id: uuid.UUID
    quest_id: uuid.UUID
    xp_awarded: int
    completed_at: datetime
    evidence: EvidencePublic
    items: list[EvidenceItemPublic] = Field(
        default_factory=list, description="Further evidence, after `evidence`; oldest first."
    )


class TaskPublic(BaseModel):
    id: uuid.UUID
    title: str
    description: str
    pillar: PillarKey
    xp_value: int
    order_index: int
    is_required: bool
    completion: CompletionPublic | None = None


class ProgressPublic(BaseModel):
    completed_tasks: int
    total_tasks: int
    required_completed: int
    required_total: int
    percent: int
    xp_earned: int
    xp_available: int


class QuestDetail(QuestSummary):
    tasks: list[TaskPublic]
    progress: ProgressPublic | None = None


class TextItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["text"]
    text: Annotated[Text, NotBlank] = Field(min_length=1, max_length=10_000)


class LinkItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["link"]
    url: WebUrl


class TextEvidenceIn(TextItemIn):
    is_private: StrictBool = False


class LinkEvidenceIn(LinkItemIn):
    is_private: StrictBool = False


class EvidenceIn(
    RootModel[Annotated[TextEvidenceIn | LinkEvidenceIn, Field(discriminator="type")]]
):
    """Text or link evidence as JSON; files go as multipart (see FileEvidenceIn)."""


class EvidenceItemIn(RootModel[Annotated[TextItemIn | LinkItemIn, Field(discriminator="type")]]):
    """A further piece of evidence, text or a link, as JSON; files go as multipart (FileItemIn).
    It is private when its completion is."""


class FileItemIn(BaseModel):
    """Image (PNG, JPEG, WebP, GIF; ≤ 10 MB) or document (PDF; ≤ 25 MB), recognised by its bytes."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    file: UploadedFile
    type: Annotated[Literal["image", "document"] | None, NotNull] = Field(
        default=None, description="Omit to take the kind the file's bytes show."
    )


class FileEvidenceIn(FileItemIn):
    """Image (PNG, JPEG, WebP, GIF; ≤ 10 MB) or document (PDF; ≤ 25 MB), recognised by its bytes."""

    is_private: FormBool = False


class CompletionResult(BaseModel):
    completion: CompletionPublic
    created: bool = Field(description="False when the task was already completed: no XP again.")
    xp_awarded: int
    quest_completed: bool
    progress: ProgressPublic
