"""SQL of AI usage. Rows are written only through the two definer functions of the
ai_usage migration; users read their own rows, admins all of them. Only the reservation is
the user's to call; the outcome is recorded elevated (20261202000130), as `finish` is run."""

from __future__ import annotations

import uuid
from typing import TypedDict, cast

from ..db import Tx


class ReservationRow(TypedDict):
    """A reserved request (outcome 'pending') or the refusal (outcome 'limited')."""

    id: uuid.UUID
    outcome: str
    used_today: int
    daily_limit: int | None


_RESERVE = "select id, outcome, used_today, daily_limit from private.reserve_ai_call(%s, %s)"

_FINISH = "select private.finish_ai_call(%s, %s, %s, %s, %s, %s)"


def reserve(tx: Tx, feature: str, model: str) -> ReservationRow:
    """Take one of today's requests for the caller, or record the refusal (outcome 'limited'),
    and commit in the same round trip: the row stands whatever the request answers."""
    return cast(ReservationRow, tx.run((_RESERVE, (feature, model)), commit=True)[0][0])


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
        (_FINISH, (call_id, outcome, input_tokens, output_tokens, attempts, latency_ms)),
        commit=True,
    )
