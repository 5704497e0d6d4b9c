"""Models of a student's progression."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Level(BaseModel):
    xp: int
    level: int
    xp_into_level: int
    xp_to_next: int | None = Field(description="Null at the top level of the curve.")


class PillarLevel(Level):
    pillar: str


class ProgressPublic(BaseModel):
    overall: Level
    pillars: list[PillarLevel] = Field(description="Mastery in each of the five pillars.")
