"""Models of AI assistance: what users ask, what Gemini must answer, and what the API returns.

Gemini's answer is untrusted input. The `…Draft` models are sent to Gemini as the response
schema and parse its answer again here; anything they reject counts as invalid output.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from ..fields import Storable
from ..pillars import Pillar, PillarKey

MIN_XP, MAX_XP = 25, 200


def _distinct(pillars: list[str] | None) -> list[str] | None:
    if pillars is not None and len(set(pillars)) != len(pillars):
        raise ValueError("lists a pillar more than once")
    return pillars


def clamp_xp(value: Any) -> Any:
    """Bring a numeric XP value into [25, 200]; leave anything else for validation to refuse.

    Clamped rather than refused: XP is a tuning number the author reviews anyway, and another
    Gemini call costs more than the correction is worth. A value that is not a number at all
    still makes the answer invalid.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(min(max(value, MIN_XP), MAX_XP))
    return value


# Caps on what users send: their text goes into a prompt, and prompts cost tokens.
Topic = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200), Storable
]
Audience = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Storable
]
Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200), Storable
]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), Storable]
Pillars = Annotated[
    list[Pillar] | None,
    Field(
        min_length=1,
        max_length=5,
        description="Favour these pillars.",
        json_schema_extra={"uniqueItems": True},
    ),
    AfterValidator(_distinct),
]


class QuestDraftIn(BaseModel):
    """What the quest should be about; Gemini drafts a quest with 4 to 8 tasks."""

    model_config = ConfigDict(extra="forbid")
    topic: Topic
    audience: Audience | None = Field(default=None, description="Who will take the quest.")
    pillars: Pillars = None


class TaskSuggestionsIn(BaseModel):
    """The custom quest being written; Gemini suggests 3 to 8 tasks for it."""

    model_config = ConfigDict(extra="forbid")
    title: Title
    description: Description = ""
    pillars: Pillars = None


# What Gemini must answer. Lengths match what the quest and submission endpoints accept, so a
# draft can be saved as it is.
DraftTitle = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
DraftTaskTitle = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]
DraftText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
XpValue = Annotated[int, Field(ge=MIN_XP, le=MAX_XP), BeforeValidator(clamp_xp)]


class TaskDraft(BaseModel):
    title: DraftTaskTitle
    description: DraftText
    pillar: Pillar
    xp_value: XpValue


class QuestDraft(BaseModel):
    title: DraftTitle
    description: DraftText
    tasks: list[TaskDraft] = Field(min_length=4, max_length=8)


class TaskSuggestionsDraft(BaseModel):
    tasks: list[TaskDraft] = Field(min_length=3, max_length=8)


# What the API answers.
class TaskDraftPublic(BaseModel):
    title: str
    description: str
    pillar: PillarKey
    xp_value: int = Field(ge=MIN_XP, le=MAX_XP)


class QuotaLeft(BaseModel):
    requests_left_today: int | None = Field(
        description="AI requests left today (UTC) after this one; null: no daily limit."
    )


class QuestDraftPublic(QuotaLeft):
    """A quest draft, not saved: save it through the admin quest endpoints."""

    title: str
    description: str
    tasks: list[TaskDraftPublic]


class TaskSuggestionsPublic(QuotaLeft):
    """Suggested tasks, not saved: send the chosen ones with a quest submission."""

    tasks: list[TaskDraftPublic]
