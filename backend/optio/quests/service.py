"""The quest loop's rules: browse, enroll, abandon, complete a task exactly once.

Rules the database enforces (supabase/schema/quests.sql, xp.sql, storage.sql):
- policies user_quests_enroll (20261202000400_one_policy_per_action.sql),
  user_quests_update_own and completions_insert_own (20261122000200_quest_loop.sql): I enroll
  only myself, in an active quest, and complete tasks only of quests I am actively enrolled in.
- triggers user_quests_hold_tier_limit(_on_resume) (20261202000100_tier_limits_enforced.sql):
  enrolling or resuming needs room in my plan (private.may_take_quest), under a lock on my row.
- triggers completions_from_task, completions_award and UNIQUE (user_id, task_id)
  (20261122000200_quest_loop.sql): a completion's quest and XP come from its task; one XP ledger
  row per completion; the quest is marked completed when its required tasks are.
- trigger completions_evidence_stored (20261202000120_evidence_objects.sql): file evidence names
  a file the API recorded for me in private.evidence_objects, once.
- policy completions_update_own_evidence, the column grant and triggers
  completions_evidence_revised, completions_keep_evidence_revision
  (20261205000700_evidence_edits_and_items.sql): I edit only the evidence columns of my own
  completions (never its XP, task or date), a file by the same rule as on completing; the
  version replaced is kept in evidence_revisions, which only I read. XP is awarded on insert
  only, so an edit awards nothing.
- policies evidence_items_* and trigger evidence_items_checked (same migration): I add further
  evidence (items) only to my own completions, at most private.max_evidence_items() each
  (queries.MAX_EVIDENCE_ITEMS), files by the same rule; items award nothing and are read by
  whoever reads the completion's evidence.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..config import current_settings
from ..db import Tx, tx
from ..errors import Conflict, NotFound
from ..plans.rules import Plan
from ..plans.wording import require
from ..storage import storage
from . import evidence, queries
from .queries import (
    CompletionJson,
    EnrollmentJson,
    EvidenceColumns,
    ProgressCounts,
    ProgressRow,
    TaskForCompletionRow,
    TaskJson,
)
from .schemas import EvidenceIn, EvidenceItemIn, FileEvidenceIn, FileItemIn, QuestListQuery


def _ttl() -> int:
    return current_settings().signed_url_ttl_seconds


def catalog(viewer_id: uuid.UUID | None, params: QuestListQuery) -> dict[str, Any]:
    """A page of the catalog, for a signed-out visitor (None) or with my enrollments."""
    rows, count = queries.catalog(
        tx(viewer_id),
        signed_in=viewer_id is not None,
        pillar=params.pillar,
        source=params.source,
        search=params.search,
        limit=params.per_page,
        offset=params.offset,
    )
    return params.page_of(rows, count)


def quest_detail(viewer_id: uuid.UUID | None, quest_id: uuid.UUID) -> dict[str, Any]:
    """A quest and its tasks; signed in (not None), with my completions and progress."""
    quest = queries.quest_detail(tx(viewer_id), quest_id, signed_in=viewer_id is not None)
    if quest is None:
        raise NotFound("No such quest.")
    done = [t["completion"] for t in quest["tasks"] if t["completion"]]
    public = {c["id"]: c for c in evidence.public(done, _ttl())}
    tasks = [
        {**task, "completion": public[task["completion"]["id"]] if task["completion"] else None}
        for task in quest["tasks"]
    ]
    progress = progress_of(quest["tasks"]) if quest["enrollment"] else None
    return {**quest, "tasks": tasks, "progress": progress}


def progress_of(tasks: list[TaskJson]) -> dict[str, int]:
    """Progress from a quest's tasks, each with my completion or None."""
    done = [t for t in tasks if t["completion"]]
    return progress_public(
        {
            "total_tasks": len(tasks),
            "completed_tasks": len(done),
            "required_total": sum(1 for t in tasks if t["is_required"]),
            "required_completed": sum(1 for t in done if t["is_required"]),
            "xp_earned": sum(t["completion"]["xp_awarded"] for t in done if t["completion"]),
            "xp_available": sum(t["xp_value"] for t in tasks),
        }
    )


def progress_public(counts: ProgressCounts) -> dict[str, int]:
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


def enroll(user_id: uuid.UUID, quest_id: uuid.UUID) -> EnrollmentJson:
    """Start or resume a quest within my tier's limit of active quests; idempotent."""
    enrollment, found, plan = queries.enroll(tx(user_id), quest_id)
    if enrollment is not None:
        return enrollment
    if not found or plan is None:
        raise NotFound("No such quest, or it is no longer active.")
    require(Plan.of(plan), "max_active_quests")
    raise AssertionError("an allowed enrollment of an active quest was not written")


def abandon(user_id: uuid.UUID, quest_id: uuid.UUID) -> EnrollmentJson:
    current = tx(user_id)
    abandoned = queries.abandon(current, quest_id)
    if abandoned is None:
        state = queries.enrollment_state(current, quest_id)
        if state is None:
            raise NotFound("You are not enrolled in this quest.", code="not_enrolled")
        raise Conflict("A completed quest cannot be abandoned.", code="quest_completed")
    return abandoned


def complete_task(
    user_id: uuid.UUID, task_id: uuid.UUID, submitted: EvidenceIn | FileEvidenceIn
) -> tuple[dict[str, Any], bool]:
    """Record the completion and award the task's XP once; a repeat returns the first one."""
    current = tx(user_id)
    task = queries.task_for_completion(current, task_id)
    if task is None:
        raise NotFound("No such task.")
    if task["existing"]:
        return _result(current, task["existing"], None, task, created=False), False
    if not task["enrolled"]:
        raise Conflict("Enroll in this task's quest before completing it.", code="not_enrolled")

    cols = _evidence_columns(current, user_id, submitted)
    row, progress = queries.insert_completion(current, task_id, task["quest_id"], cols)
    if row is None:  # a simultaneous request completed it first: that one counts
        if cols["path"]:
            _delete_file(cols["path"])
        existing = queries.completion(current, task_id)
        if existing is None:  # ... unless it is gone again already
            raise Conflict(
                "This task's completion changed meanwhile: try again.", code="completion_race"
            )
        return _result(current, existing, progress, task, created=False), False
    return _result(current, row, progress, task, created=True), True


def revise_evidence(
    user_id: uuid.UUID,
    quest_id: uuid.UUID,
    task_id: uuid.UUID,
    submitted: EvidenceIn | FileEvidenceIn,
) -> dict[str, Any]:
    """Replace my completion's evidence; the previous version is kept, no XP is awarded."""
    current = tx(user_id)
    cols = _evidence_columns(current, user_id, submitted)
    row = queries.revise_evidence(current, quest_id, task_id, cols)
    if row is None:
        raise NotFound("You have not completed this task.", code="not_completed")
    return evidence.public([row], _ttl())[0]


def add_item(
    user_id: uuid.UUID,
    quest_id: uuid.UUID,
    task_id: uuid.UUID,
    submitted: EvidenceItemIn | FileItemIn,
) -> dict[str, Any]:
    """Add a piece of evidence beside my completion's own, within the cap; no XP."""
    current = tx(user_id)
    cols = _evidence_columns(current, user_id, submitted)
    added = queries.add_item(current, quest_id, task_id, cols)
    if added.item is not None:
        return evidence.public_items([added.item], _ttl())[0]
    if not added.completed:
        raise NotFound("You have not completed this task.", code="not_completed")
    raise Conflict(
        f"A task holds at most {queries.MAX_EVIDENCE_ITEMS} more pieces of evidence:"
        " remove one first.",
        code="evidence_items_full",
    )


def remove_item(
    user_id: uuid.UUID, quest_id: uuid.UUID, task_id: uuid.UUID, item_id: uuid.UUID
) -> None:
    """Remove a piece of my further evidence (its file stays stored, as replaced ones do)."""
    if not queries.remove_item(tx(user_id), quest_id, task_id, item_id):
        raise NotFound("No such piece of evidence of yours.")


def _evidence_columns(
    current: Tx,
    user_id: uuid.UUID,
    submitted: EvidenceIn | FileEvidenceIn | EvidenceItemIn | FileItemIn,
) -> EvidenceColumns:
    """The columns of submitted evidence; a file is stored now, and deleted again should the
    request's transaction roll back."""
    if not isinstance(submitted, FileItemIn):
        return evidence.columns(submitted.root)
    data, unstored, extension = evidence.read_upload(submitted)
    cols = evidence.store(user_id, data, unstored, extension)
    stored = cols["path"]
    if stored is not None:
        current.on_rollback(lambda: _delete_file(stored))
    return cols


def _delete_file(path: str) -> None:
    storage().delete(path)


def _result(
    current: Tx,
    row: CompletionJson,
    progress: ProgressRow | None,
    task: TaskForCompletionRow,
    created: bool,
) -> dict[str, Any]:
    if progress is None:
        progress = queries.progress(current, task["quest_id"])
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
