"""Models of account management."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool

from ...fields import Change, NotNull, Search
from ...pagination import PageQuery

Role = Literal["student", "parent", "advisor", "admin"]
Tier = Literal["free", "supported", "academy"]


class UserListQuery(PageQuery):
    search: Search = Field(default=None, description="Part of the e-mail, username or a name.")
    role: Role | None = None


class AdminUserPublic(BaseModel):
    id: uuid.UUID
    email: str
    username: str | None
    first_name: str | None
    last_name: str | None
    display_name: str | None
    role: Role
    subscription_tier: str
    subscription_status: str | None
    is_active: bool
    created_at: datetime
    updated_at: datetime


class AdminUserList(BaseModel):
    data: list[AdminUserPublic]
    count: int
    page: int
    per_page: int


class AdminUserUpdate(Change):
    """What an admin may change on an account. Deactivating stops sign-in, refresh and every
    access token the user still holds."""

    role: Annotated[Role | None, NotNull] = None
    subscription_tier: Annotated[Tier | None, NotNull] = None
    is_active: Annotated[StrictBool | None, NotNull] = None
