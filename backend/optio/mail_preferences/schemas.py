"""E-mail preference and unsubscribe models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool, StringConstraints

from ..fields import Change, NotNull, Storable

Category = Literal["links", "feedback", "digest"]


class MailPreferencesPublic(BaseModel):
    """Which e-mail I get, by category (all on until I change them)."""

    links: bool = Field(description="Invitations and new links with parents and advisors.")
    feedback: bool = Field(description="Feedback on a completion, and replies to it.")
    digest: bool = Field(description="The weekly digest of linked children's work (parents).")


class MailPreferencesUpdate(Change):
    """The categories to turn on (true) or off (false); those left out keep their setting."""

    links: Annotated[StrictBool | None, NotNull] = None
    feedback: Annotated[StrictBool | None, NotNull] = None
    digest: Annotated[StrictBool | None, NotNull] = None


class UnsubscribeQuery(BaseModel):
    token: Annotated[str, StringConstraints(min_length=20, max_length=100), Storable]


class UnsubscribePublic(BaseModel):
    """The category an unsubscribe link turns off, whether it is still on, and a hint of the
    address it was sent to."""

    category: Category
    subscribed: bool
    email_hint: str
