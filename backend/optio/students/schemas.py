"""Models of what a parent or advisor sees of the students linked to them."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from ..fields import Text
from ..links.schemas import SCOPE_HELP, Relation, Scope
from ..pagination import KeysetQuery, PageQuery
from ..quests.schemas import EvidencePublic


class StudentCard(BaseModel):
    """A linked student as their parents and advisors see them: never their e-mail."""

    id: uuid.UUID
    username: str | None
    display_name: str | None
    relation: Relation = Field(description="What I am to the student.")
    scope: Scope = Field(description=SCOPE_HELP)
    link_id: uuid.UUID
    linked_at: datetime
    diploma_slug: str | None
    diploma_public: bool
    completed_quests: int
    quests_in_progress: int
    completed_tasks: int
    xp_total: int
    xp_this_week: int = Field(description="XP earned in the last 7 days.")
    last_active_at: datetime | None = Field(description="When they last earned XP.")


class StudentList(BaseModel):
    data: list[StudentCard]
    count: int
    page: int
    per_page: int


class StudentListQuery(PageQuery):
    pass


class StudentQuest(BaseModel):
    quest_id: uuid.UUID
    title: str
    image_url: str | None
    started_at: datetime
    completed_at: datetime | None
    completed_tasks: int
    total_tasks: int
    xp_earned: int


class StudentOverview(BaseModel):
    student: StudentCard
    xp_by_pillar: dict[str, int] = Field(description="XP in each pillar with any.")
    in_progress: list[StudentQuest] = Field(description="Newest first, 20 at most.")
    completed: list[StudentQuest] = Field(description="The 10 most recently completed.")


class StudentCompletion(BaseModel):
    """A completed task; `evidence` is null when the link's scope does not cover it."""

    id: uuid.UUID
    quest_id: uuid.UUID
    quest_title: str
    task_id: uuid.UUID
    task_title: str
    pillar: str
    xp_awarded: int
    completed_at: datetime
    is_private: bool
    evidence: EvidencePublic | None
    feedback_count: int


class StudentCompletionPage(BaseModel):
    data: list[StudentCompletion]
    next_cursor: str | None = Field(description="The cursor of the next page; null at the end.")


class StudentCompletionQuery(KeysetQuery):
    pass


class SuggestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quest_id: uuid.UUID
    note: Text = Field(default="", max_length=500)


class SuggestionOut(BaseModel):
    suggested: bool
