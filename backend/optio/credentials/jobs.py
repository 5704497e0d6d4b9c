"""The credentials domain's background jobs."""

from __future__ import annotations

import uuid

from ..jobs import Job, job_handler
from .service import sign_credential


@job_handler("credentials.sign")
def sign(job: Job) -> None:
    """Sign a completed quest's credential (a no-op when it is signed already, or gone)."""
    sign_credential(uuid.UUID(str(job.args["credential_id"])))
