"""Profile models."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)
from werkzeug.datastructures import FileStorage

from ..fields import Change, NotNull, Storable
from ..pillars import Pillar, PillarKey

USERNAME_PATTERN = r"^[a-z0-9_]{3,30}$"
Username = Annotated[str, StringConstraints(pattern=USERNAME_PATTERN), Storable]
Name = Annotated[str, StringConstraints(max_length=100), Storable]
# An IANA zone name ("Europe/Paris"); the database checks it is one it knows.
TimeZone = Annotated[
    str,
    StringConstraints(max_length=64, pattern=r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$"),
    Storable,
]


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
    consent_pending: bool = Field(
        default=False,
        description="Under 13 and waiting for a parent's consent: the diploma stays private "
        "and team-ups are refused until a parent consents.",
    )
    time_zone: str | None = Field(
        description="IANA zone the days of my streak are counted in; null: UTC."
    )
    weekly_xp_goal: int | None
    leaderboard_opt_in: bool
    interests: list[PillarKey] = Field(description="The pillars I want to grow, as I picked them.")
    avatar_url: str | None = Field(
        default=None,
        description="A short-lived signed URL of my profile picture; null: none (show initials).",
    )


class UserUpdate(Change):
    """Fields I may change on my own profile (role and tier are not among them). A username
    can be changed but not removed; null clears a name."""

    username: Annotated[Username | None, NotNull] = None
    first_name: Name | None = None
    last_name: Name | None = None
    display_name: Name | None = None
    time_zone: TimeZone | None = Field(
        default=None, description="IANA zone, e.g. Europe/Paris; null counts days in UTC."
    )
    weekly_xp_goal: Annotated[int, Field(ge=10, le=100000)] | None = Field(
        default=None, description="XP I aim for each week (Monday to Sunday); null: none."
    )
    leaderboard_opt_in: Annotated[StrictBool | None, NotNull] = Field(
        default=None, description="Show me on my teammates' weekly leaderboard, and them on mine."
    )
    interests: Annotated[list[Pillar] | None, NotNull] = Field(
        default=None, max_length=5, description="The pillars I want to grow; [] for none."
    )

    @field_validator("interests")
    @classmethod
    def _distinct(cls, interests: list[str] | None) -> list[str] | None:
        return None if interests is None else list(dict.fromkeys(interests))


def _picture(value: Any) -> FileStorage:
    if not isinstance(value, FileStorage) or not value.filename:
        raise ValueError("attach the picture as the multipart field 'file'")
    return value


class AvatarIn(BaseModel):
    """A profile picture: PNG, JPEG or WebP (recognised by its bytes), at most 2 MB."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    file: Annotated[
        FileStorage,
        PlainValidator(_picture),
        WithJsonSchema({"type": "string", "format": "binary"}),
    ]
