"""Job handlers by kind: `@job_handler("mail.send")` registers a function that runs one job.

A handler gets the `Job` (its id, kind, arguments and attempt number) inside the app's context
and does its work in transactions of its own (`database().transaction()`), never holding one
across a call to the outside world. Delivery is at least once, so a handler must be
idempotent: the same job may run again after a crash or a lapsed lease. Key each effect by the
job (`job.id`) or by the thing it acts on, e.g. an insert with ON CONFLICT DO NOTHING, an
idempotency key sent to the outside service, a "sent_at is null" condition.

A handler raises to fail the attempt (retried with back-off until max_attempts), or `GiveUp` to
fail the job at once when trying again cannot help (an address the mail server refuses).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# Modules whose import registers the application's handlers (e.g. "optio.mail.jobs"). The web
# app loads them before its first enqueue, so that a kind without a handler fails in the
# request that names it rather than in the worker; the worker loads them at start.
HANDLER_MODULES: tuple[str, ...] = (
    "optio.account.export",
    "optio.account.deletion",
    "optio.achievements.jobs",
    "optio.credentials.jobs",
    "optio.mail.jobs",
    "optio.mail.digest",
    "optio.mail.notification",
)

DEFAULT_MAX_ATTEMPTS = 5
# As the jobs.kind check constraint (20261202200100_jobs.sql) has it.
_KIND = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")


@dataclass(frozen=True)
class Job:
    """One attempt at a job, as its handler sees it."""

    id: int
    kind: str
    args: Mapping[str, Any]
    attempt: int  # 1 for the first run; a job that runs again after a crash counts up
    max_attempts: int


Handler = Callable[[Job], None]


@dataclass(frozen=True)
class Registration:
    kind: str
    run: Handler
    max_attempts: int


class GiveUp(Exception):
    """Raised by a handler when trying again cannot help: the job fails at once."""


class UnknownJobKind(LookupError):
    """A kind no handler is registered for (a typo, or a module missing in HANDLER_MODULES)."""


_handlers: dict[str, Registration] = {}


def job_handler(
    kind: str, *, max_attempts: int = DEFAULT_MAX_ATTEMPTS
) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of `kind` (one handler per kind)."""
    if not _KIND.match(kind) or len(kind) > 100:
        raise ValueError(f"job kind {kind!r} is not dotted lower-case words (e.g. 'mail.send')")
    if not 1 <= max_attempts <= 100:
        raise ValueError("max_attempts is between 1 and 100")

    def register(run: Handler) -> Handler:
        if kind in _handlers and _handlers[kind].run is not run:
            raise ValueError(f"job kind {kind!r} already has a handler")
        _handlers[kind] = Registration(kind, run, max_attempts)
        return run

    return register


def load_handlers(extra: tuple[str, ...] = ()) -> None:
    """Import the modules that register handlers (importing one twice does nothing)."""
    for module in (*HANDLER_MODULES, *extra):
        importlib.import_module(module)


def registration(kind: str) -> Registration:
    """The handler of `kind`; UnknownJobKind when there is none."""
    found = _handlers.get(kind)
    if found is None:
        known = ", ".join(sorted(_handlers)) or "none"
        raise UnknownJobKind(f"no handler for job kind {kind!r} (known: {known})")
    return found
