"""The quest loop's rules: browse, enroll, abandon, complete a task exactly once."""

from __future__ import annotations

import uuid
from typing import Any

from ..config import current_settings
from ..db import tx
from ..errors import Conflict, NotFound
from ..plans.rules import Plan
from ..plans.wording import require
from ..storage import storage
from . import evidence, queries
from .schemas import EvidenceIn, FileEvidenceIn, QuestListQuery


def _ttl() -> int:
    return current_settings().signed_url_ttl_seconds


def catalog(params: QuestListQuery, signed_in: bool) -> dict[str, Any]:
    rows, count = queries.catalog(
        tx(),
        signed_in=signed_in,
        pillar=params.pillar,
        source=params.source,
        search=params.search,
        limit=params.per_page,
        offset=params.offset,
    )
    return params.page_of(rows, count)


def quest_detail(quest_id: uuid.UUID, signed_in: bool) -> dict[str, Any]:
    quest = queries.quest_detail(tx(), quest_id, signed_in)
    if quest is None:
        raise NotFound("No such quest.")
    done = [t["completion"] for t in quest["tasks"] if t["completion"]]
    public = {c["id"]: c for c in evidence.public(done, _ttl())}
    for task in quest["tasks"]:
        if task["completion"]:
            task["completion"] = public[task["completion"]["id"]]
    quest["progress"] = progress_of(quest["tasks"]) if quest["enrollment"] else None
    return quest


def progress_of(tasks: list[dict[str, Any]]) -> dict[str, int]:
    """Progress from a quest's tasks, each with my completion or None."""
    done = [t for t in tasks if t["completion"]]
    return progress_public(
        {
            "total_tasks": len(tasks),
            "completed_tasks": len(done),
            "required_total": sum(1 for t in tasks if t["is_required"]),
            "required_completed": sum(1 for t in done if t["is_required"]),
            "xp_earned": sum(t["completion"]["xp_awarded"] for t in done),
            "xp_available": sum(t["xp_value"] for t in tasks),
        }
    )


def progress_public(counts: dict[str, Any]) -> dict[str, int]:
    """ProgressPublic from counts; with no required task, every task is required."""
    total, completed = counts["total_tasks"], counts["completed_tasks"]
    any_required = counts["required_total"] > 0
    return {
        "completed_tasks": completed,
        "total_tasks": total,
        "required_total": counts["required_total"] if any_required else total,
        "required_completed": counts["required_completed"] if any_required else completed,
        "percent": round(100 * completed / total) if total else 0,
        "xp_earned": counts["xp_earned"],
        "xp_available": counts["xp_available"],
    }


def enroll(quest_id: uuid.UUID) -> dict[str, Any]:
    """Start or resume a quest within my tier's limit of active quests; idempotent."""
    enrollment, found, plan = queries.enroll(tx(), quest_id)
    if enrollment is not None:
        return enrollment
    if not found or plan is None:
        raise NotFound("No such quest, or it is no longer active.")
    require(Plan.of(plan), "max_active_quests")
    raise AssertionError("an allowed enrollment of an active quest was not written")


def abandon(quest_id: uuid.UUID) -> dict[str, Any]:
    current = tx()
    row = queries.abandon(current, quest_id)
    if row is None:
        state = queries.enrollment_state(current, quest_id)
        if state is None:
            raise NotFound("You are not enrolled in this quest.", code="not_enrolled")
        raise Conflict("A completed quest cannot be abandoned.", code="quest_completed")
    return row["enrollment"]


def complete_task(
    user_id: uuid.UUID, task_id: uuid.UUID, submitted: EvidenceIn | FileEvidenceIn
) -> tuple[dict[str, Any], bool]:
    """Record the completion and award the task's XP once; a repeat returns the first one."""
    current = tx()
    task = queries.task_for_completion(current, task_id)
    if task is None:
        raise NotFound("No such task.")
    if task["existing"]:
        return _result(task["existing"], None, task, created=False), False
    if not task["enrolled"]:
        raise Conflict("Enroll in this task's quest before completing it.", code="not_enrolled")

    if isinstance(submitted, FileEvidenceIn):
        data, cols = evidence.read_upload(submitted)
        cols = evidence.store(user_id, data, cols)
        current.on_rollback(lambda: _delete_file(cols["path"]))
    else:
        cols = evidence.columns(submitted.root)

    row, progress = queries.insert_completion(current, task_id, task["quest_id"], cols)
    if row is None:  # a simultaneous request completed it first: that one counts
        if cols["path"]:
            _delete_file(cols["path"])
        existing = queries.completion(current, task_id)
        assert existing is not None
        return _result(existing, progress, task, created=False), False
    return _result(row, progress, task, created=True), True


def _delete_file(path: str) -> None:
    storage().delete(path)


def _result(
    row: dict[str, Any], progress: dict[str, Any] | None, task: dict[str, Any], created: bool
) -> dict[str, Any]:
    if progress is None:
        progress = queries.progress(tx(), task["quest_id"])
    completed_now = (
        task["quest_completed_at"] is None and progress["quest_completed_at"] is not None
    )
    return {
        "completion": evidence.public([row], _ttl())[0],
        "created": created,
        "xp_awarded": row["xp_awarded"] if created else 0,
        "quest_completed": created and completed_now,
        "progress": progress_public(progress),
    }
