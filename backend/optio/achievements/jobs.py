"""The backfill of a new achievement: every student who already meets it unlocks it, in
batches of their own transactions. Idempotent: an unlocked achievement is left as it is."""

from __future__ import annotations

from ..db import database
from ..jobs.registry import Job, job_handler

BATCH = 500
_BATCH = "select private.backfill_achievement(%(key)s, %(after)s, %(n)s)"


@job_handler("achievements.backfill")
def backfill(job: Job) -> None:
    after = None
    while True:
        with database().transaction() as tx:
            after = tx.scalar(_BATCH, {"key": job.args["key"], "after": after, "n": BATCH})
        if after is None:
            return
