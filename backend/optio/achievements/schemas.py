"""Models of achievements."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool, StringConstraints

from ..fields import Change, NotNull, Storable
from ..pillars import Pillar

Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,49}$"), Storable]
Icon = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,39}$"), Storable]
Name = Annotated[str, StringConstraints(min_length=1, max_length=80), Storable]
Description = Annotated[str, StringConstraints(min_length=1, max_length=300), Storable]
Category = Literal["quests", "pillars", "streaks", "evidence", "teams", "xp"]
AtLeast = Annotated[int, Field(ge=1, le=999_999_999)]


class CountCondition(BaseModel):
    kind: Literal[
        "tasks_completed", "quests_completed", "total_xp", "streak", "team_quests_completed"
    ]
    at_least: AtLeast


class PillarCondition(BaseModel):
    kind: Literal["pillar_xp"]
    pillar: Pillar
    at_least: AtLeast


class EvidenceCondition(BaseModel):
    kind: Literal["evidence_kinds"]
    at_least: Annotated[int, Field(ge=1, le=4)]


Condition = Annotated[
    CountCondition | PillarCondition | EvidenceCondition, Field(discriminator="kind")
]


class AchievementPublic(BaseModel):
    key: str
    name: str
    description: str
    icon: str
    category: Category
    xp_reward: int
    reward_pillar: Pillar | None
    unlocked_at: datetime | None = Field(description="When I unlocked it; null while locked.")
    credential_id: uuid.UUID | None = Field(
        description="My verifiable credential of it (GET /credentials/{id}), once issued."
    )


class AchievementList(BaseModel):
    achievements: list[AchievementPublic]


class AchievementAdmin(BaseModel):
    key: str
    name: str
    description: str
    icon: str
    category: Category
    condition: dict[str, Any] = Field(description="What unlocks it (see AchievementIn.condition).")
    xp_reward: int
    reward_pillar: Pillar | None
    created_at: datetime
    retired_at: datetime | None
    unlocked_by: int = Field(description="How many students have unlocked it.")


class AchievementAdminList(BaseModel):
    achievements: list[AchievementAdmin]


class AchievementIn(BaseModel):
    """A new achievement; students who already meet it unlock it in the background."""

    key: Key
    name: Name
    description: Description
    icon: Icon = "star"
    category: Category
    condition: Condition
    xp_reward: Annotated[int, Field(ge=0, le=1000)] = 0
    reward_pillar: Pillar | None = Field(
        default=None, description="The pillar the reward's XP goes to; needed when xp_reward > 0."
    )


class AchievementUpdate(Change):
    """What an admin may change once students may hold it; what it asks and gives is fixed."""

    name: Annotated[Name | None, NotNull] = None
    description: Annotated[Description | None, NotNull] = None
    icon: Annotated[Icon | None, NotNull] = None
    retired: Annotated[StrictBool | None, NotNull] = Field(
        default=None, description="Retired: no longer unlocked; those who have it keep it."
    )


class AchievementCredential(BaseModel):
    credential_id: uuid.UUID = Field(
        description="GET /credentials/{id} gives it signed (by a job, or by that first read)."
    )
