"""Request field types for dates."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator


def _a_birth_date(value: date) -> date:
    if value > date.today():
        raise ValueError("must not be in the future")
    if value < date(1900, 1, 1):
        raise ValueError("must be after 1900")
    return value


BirthDate = Annotated[date, AfterValidator(_a_birth_date)]
