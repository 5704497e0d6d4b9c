"""What one check found: ok, FAILED with each problem and its fix, or skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import httpx

# Seconds any one network call of a check may take (connect, and each read).
TIMEOUT_SECONDS = 5.0
_MESSAGE_LENGTH = 200

Status = Literal["ok", "FAILED", "skipped"]


@dataclass(frozen=True)
class Problem:
    reason: str  # what is wrong, in plain words
    fix: str  # what to change

    def line(self) -> str:
        stop = "" if self.reason.endswith((".", "?", "!")) else "."
        return f"{self.reason}{stop} Fix: {self.fix}"


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    detail: str = ""  # what was found (ok) or why nothing was checked (skipped)
    problems: tuple[Problem, ...] = field(default=())

    @property
    def failed(self) -> bool:
        return self.status == "FAILED"

    def line(self) -> str:
        text = " | ".join(p.line() for p in self.problems) if self.problems else self.detail
        return f"{self.name:<15} {self.status:<8} {text}".rstrip()


def ok(name: str, detail: str) -> CheckResult:
    return CheckResult(name, "ok", detail)


def skipped(name: str, why: str) -> CheckResult:
    return CheckResult(name, "skipped", why)


def failed(name: str, reason: str, fix: str) -> CheckResult:
    return CheckResult(name, "FAILED", problems=(Problem(reason, fix),))


def outcome(name: str, problems: list[Problem], detail: str) -> CheckResult:
    """FAILED with `problems` when there are any, else ok with `detail`."""
    if problems:
        return CheckResult(name, "FAILED", problems=tuple(problems))
    return ok(name, detail)


def not_set(name: str, setting: str, needed_for: str) -> CheckResult:
    return failed(name, f"{setting} is not set ({needed_for})", f"set {setting}")


def http_client() -> httpx.Client:
    return httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False)


def network_error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def server_says(response: httpx.Response) -> str:
    """The error message of a JSON answer (Supabase's `message`/`msg`/`error`), shortened."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:_MESSAGE_LENGTH]
    if isinstance(body, dict):
        for key in ("message", "msg", "error_description", "error"):
            if isinstance(body.get(key), str):
                return body[key][:_MESSAGE_LENGTH]
    return str(body)[:_MESSAGE_LENGTH]
