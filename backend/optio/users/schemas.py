"""Profile models."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class UserPublic(BaseModel):
    id: uuid.UUID
    email: str
    username: str | None
    first_name: str | None
    last_name: str | None
    display_name: str | None
    role: str
    subscription_tier: str
    created_at: datetime
