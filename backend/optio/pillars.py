"""The five skill pillars, and the old keys still accepted on input."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator

PILLARS: dict[str, str] = {
    "stem_logic": "STEM & Logic",
    "life_wellness": "Life & Wellness",
    "language_communication": "Language & Communication",
    "society_culture": "Society & Culture",
    "arts_creativity": "Arts & Creativity",
}
LEGACY_PILLARS = {
    "critical_thinking": "stem_logic",
    "practical_skills": "life_wellness",
    "communication": "language_communication",
    "cultural_literacy": "society_culture",
    "creativity": "arts_creativity",
}

PillarKey = Literal[
    "stem_logic", "life_wellness", "language_communication", "society_culture", "arts_creativity"
]


def _current_key(value: object) -> object:
    if isinstance(value, str):
        key = value.strip().lower()
        return LEGACY_PILLARS.get(key, key)
    return value


Pillar = Annotated[PillarKey, BeforeValidator(_current_key)]
"""A pillar key on input: current keys, or old ones mapped to the current ones."""


def all_pillars_xp(totals: dict[str, int]) -> list[dict[str, object]]:
    """Every pillar in display order with its XP, zeros included."""
    return [{"pillar": k, "name": name, "xp": int(totals.get(k, 0))} for k, name in PILLARS.items()]
