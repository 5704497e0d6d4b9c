"""SQL of AI usage. Rows are written only through the two definer functions of the
ai_usage migration; users read their own rows, admins all of them. Only the reservation is
the user's to call; the outcome is recorded elevated (20261202000130), as `finish` is run."""

from __future__ import annotations

import uuid
from typing import Any

from ..db import Tx


def reserve(tx: Tx, feature: str, model: str) -> dict[str, Any]:
    """Take one of today's requests for the caller, or record the refusal (outcome 'limited'),
    and commit in the same round trip: the row stands whatever the request answers."""
    sql = "select id, outcome, used_today, daily_limit from private.reserve_ai_call(%s, %s)"
    return tx.run((sql, (feature, model)), commit=True)[0][0]


def finish(
    tx: Tx,
    call_id: uuid.UUID,
    outcome: str,
    input_tokens: int,
    output_tokens: int,
    attempts: int,
    latency_ms: int,
) -> None:
    """Record how my pending request ended; `tx` must be elevated with my claims
    (side_transaction(role="elevated")): clients may not call the function."""
    tx.run(
        (
            "select private.finish_ai_call(%s, %s, %s, %s, %s, %s)",
            (call_id, outcome, input_tokens, output_tokens, attempts, latency_ms),
        ),
        commit=True,
    )
