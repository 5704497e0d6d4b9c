"""The body of `optio check`: settings from the environment, one line per check, exit 1 when
anything FAILED (settings that do not load at all are one FAILED line of their own)."""

from __future__ import annotations

import click
from pydantic import ValidationError

from ..config import Settings
from . import run_checks
from .result import CheckResult, Problem


def report() -> int:
    try:
        settings = Settings()
    except ValidationError as exc:
        click.echo(settings_failure(exc).line())
        return 1
    results = run_checks(settings)
    for result in results:
        click.echo(result.line())
    return 1 if any(r.failed for r in results) else 0


def settings_failure(exc: ValidationError) -> CheckResult:
    """The settings' own refusals (production guards, malformed values), never the values."""
    problems = []
    for error in exc.errors(include_input=False, include_url=False):
        field = ".".join(str(part) for part in error["loc"]).upper()
        message = error["msg"].removeprefix("Value error, ")
        reason = f"{field}: {message}" if field else message
        problems.append(Problem(reason, "change the environment variables named"))
    return CheckResult("settings", "FAILED", problems=tuple(problems))
