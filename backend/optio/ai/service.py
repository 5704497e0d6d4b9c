"""The rules of AI assistance: configured or 503, within the daily quota or 429, every request
recorded in ai_usage whatever its answer, and no database connection held while Gemini thinks.

The reservation is the request's only write and must stand even when the answer is an error
(the request's own transaction would roll it back then), so it is committed in the round trip
that makes it; this also returns the connection to the pool before the slow call. The outcome
is written afterwards in a one-round-trip transaction of its own.

Rules the database enforces (supabase/schema/ai.sql):
- private.reserve_ai_call (20261122000500_ai_usage.sql): the daily quota of my effective tier,
  counted per UTC day under an advisory lock, so two requests cannot both take the last one.
- private.finish_ai_call (20261202000130_elevated_only_definer_functions.sql): only the API's
  elevated side transaction records an outcome, once, for the caller's own pending row.
- policy ai_usage_read_own_or_admin: I read only my own usage; nobody writes it directly.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from pydantic import BaseModel

from ..config import current_settings
from ..db import side_transaction, tx
from ..errors import TooManyRequests
from . import prompts, queries
from .gemini import Prompt, Spend, gemini_client, generate
from .schemas import QuestDraft, QuestDraftIn, TaskSuggestionsDraft, TaskSuggestionsIn

Answer = TypeVar("Answer", bound=BaseModel)


def draft_quest(user_id: uuid.UUID, subject: QuestDraftIn) -> dict[str, Any]:
    draft, left = _assist(user_id, "quest_draft", prompts.quest_draft(subject), QuestDraft)
    return {**draft.model_dump(), "requests_left_today": left}


def suggest_tasks(user_id: uuid.UUID, quest: TaskSuggestionsIn) -> dict[str, Any]:
    suggestions, left = _assist(
        user_id, "task_suggestions", prompts.task_suggestions(quest), TaskSuggestionsDraft
    )
    return {**suggestions.model_dump(), "requests_left_today": left}


def _assist(
    user_id: uuid.UUID, feature: str, prompt: Prompt, schema: type[Answer]
) -> tuple[Answer, int | None]:
    client = gemini_client()
    model = current_settings().gemini_model
    call = queries.reserve(tx(user_id), feature, model)
    limit = call["daily_limit"]
    if call["outcome"] == "limited":
        raise TooManyRequests(
            f"You have used today's {limit} AI requests; the count resets at midnight UTC.",
            code="ai_daily_limit",
            details=[{"daily_limit": limit, "used_today": call["used_today"]}],
        )
    spend = Spend()
    try:
        answer = generate(client, model, prompt, schema, spend)
    finally:
        _record(call["id"], spend)
    return answer, None if limit is None else max(limit - call["used_today"] - 1, 0)


def _record(call_id: uuid.UUID, spend: Spend) -> None:
    # Elevated: clients may not record outcomes (20261202000130), the claims still name the caller.
    with side_transaction(role="elevated") as usage_tx:
        queries.finish(
            usage_tx,
            call_id,
            spend.outcome,
            spend.input_tokens,
            spend.output_tokens,
            spend.attempts,
            spend.latency_ms,
        )
