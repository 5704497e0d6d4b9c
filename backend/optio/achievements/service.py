"""Achievements.

Rules the database enforces (supabase/schema/achievements.sql, 20261204000300_achievements.sql):
- achievements: a condition of a known kind (check valid_achievement_condition); only admins
  insert (policy achievements_admin_insert) and only name, description, icon and retired_at
  change (column grants, policy achievements_admin_update).
- private.unlock_achievements, run by triggers on every ledger event and quest completion:
  once per student (unique key), with the reward in the ledger and a notification.
- public.issue_achievement_credential (20261204000400_achievement_credentials.sql): an
  achievement's credential only for its student, once, signed by a job.
- trigger achievements_backfill: adding one enqueues the job that unlocks it for students who
  already qualify (optio/achievements/jobs.py).
"""

from __future__ import annotations

import uuid
from typing import Any

import psycopg

from ..db import tx
from ..errors import Conflict, Invalid, NotFound
from . import queries
from .schemas import AchievementIn, AchievementUpdate

REWARD_PILLAR = "An achievement that gives XP names the pillar it goes to, and only then."
_REWARD_PILLAR = {"field": "reward_pillar", "location": "body", "message": REWARD_PILLAR}


def catalog(user_id: uuid.UUID) -> dict[str, Any]:
    return {"achievements": queries.catalog(tx(user_id))}


def mine(user_id: uuid.UUID) -> dict[str, Any]:
    return {"achievements": queries.mine(tx(user_id))}


def issue_credential(user_id: uuid.UUID, key: str) -> dict[str, Any]:
    """My credential of an achievement I unlocked: issued now, or the one issued before."""
    try:
        issued = queries.issue_credential(tx(user_id), key)
    except psycopg.errors.NoDataFound as exc:
        raise NotFound("You have not unlocked that achievement.") from exc
    return {"credential_id": issued}


def admin_list(admin_id: uuid.UUID) -> dict[str, Any]:
    return {"achievements": queries.admin_list(tx(admin_id))}


def create(admin_id: uuid.UUID, new: AchievementIn) -> dict[str, Any]:
    if (new.xp_reward > 0) != (new.reward_pillar is not None):
        raise Invalid(REWARD_PILLAR, code="reward_pillar", details=[_REWARD_PILLAR])
    try:
        row = queries.create(tx(admin_id), new.model_dump(mode="json"))
    except psycopg.errors.UniqueViolation as exc:
        raise Conflict("An achievement with that key exists.", code="key_taken") from exc
    assert row is not None  # an insert returns its row
    return row


def update(admin_id: uuid.UUID, key: str, changes: AchievementUpdate) -> dict[str, Any]:
    fields = changes.model_dump(exclude_unset=True)
    retired = fields.pop("retired", None)
    row = queries.update(tx(admin_id), key, fields, retired)
    if row is None:
        raise NotFound("No such achievement.")
    return row
