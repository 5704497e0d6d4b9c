"""Accounts made by operators (CLI, seed), and my own profile."""

from __future__ import annotations

from typing import Any

import psycopg

from ..auth.providers import provider
from ..db import tx
from ..errors import Conflict, NotFound
from . import queries
from .schemas import UserUpdate


def create_account(email: str, password: str, role: str = "student", **profile: Any) -> dict:
    """Create a user through the auth provider, then give it `role`; returns the profile.

    An existing account with this e-mail keeps its password and gets the role.
    """
    current = tx()
    current.act_as("elevated")
    user_id = queries.user_id_by_email(current, email)
    if user_id is None:
        try:
            provider().sign_up(email, password, profile)
        except Conflict as exc:
            # Created meanwhile: it gets the role all the same. A taken username is the caller's.
            if exc.code != "email_taken":
                raise
        # Read back by e-mail: a provider that wants the e-mail confirmed returns no session.
        user_id = queries.user_id_by_email(current, email)
    return queries.set_role(current, user_id, role)


def update_me(changes: UserUpdate) -> dict:
    try:
        row = queries.update_me(tx(), changes.model_dump(exclude_unset=True))
    except psycopg.errors.UniqueViolation as exc:
        raise Conflict("That username is taken.", code="username_taken") from exc
    if row is None:
        raise NotFound("Your profile was not found.")
    return row
