"""A child under 13 who signed up (birth date given), an older student, a parent; SMTP for the
consent mails (tests/mail/conftest.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ..factories import bearer, login, make_user
from ..mail.conftest import settings_overrides, smtp  # noqa: F401  (fixtures)


def years_ago(years: int) -> str:
    today = date.today()
    return today.replace(year=today.year - years, day=min(today.day, 28)).isoformat()


@pytest.fixture
def child(app) -> dict[str, Any]:
    return make_user(app, username="kid", first_name="Kim", birth_date=years_ago(10))


@pytest.fixture
def teen(app) -> dict[str, Any]:
    return make_user(app, username="teen", first_name="Tess", birth_date=years_ago(15))


@pytest.fixture
def parent(app) -> dict[str, Any]:
    return make_user(app, role="parent", username="mum", first_name="Mia")


@pytest.fixture
def heads(app, child, teen, parent) -> dict[str, dict[str, str]]:
    return {
        name: bearer(login(app.test_client(), user))
        for name, user in (("child", child), ("teen", teen), ("parent", parent))
    }
