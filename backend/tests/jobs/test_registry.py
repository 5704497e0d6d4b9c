"""Handlers are registered once per kind, under a kind the jobs table accepts."""

from __future__ import annotations

import pytest

from optio.jobs import Job, job_handler
from optio.jobs.registry import load_handlers, registration

from . import handlers


def _noop(job: Job) -> None:
    return None


@pytest.mark.parametrize("kind", ["Mail.send", "mail..send", "mail send", "1mail", "x" * 101])
def test_a_kind_must_be_dotted_lower_case_words(kind):
    with pytest.raises(ValueError, match="dotted lower-case words"):
        job_handler(kind)


@pytest.mark.parametrize("max_attempts", [0, 101])
def test_max_attempts_is_between_1_and_100(max_attempts):
    with pytest.raises(ValueError, match="between 1 and 100"):
        job_handler("test.bounds", max_attempts=max_attempts)


def test_a_kind_takes_one_handler():
    with pytest.raises(ValueError, match="already has a handler"):
        job_handler("test.effect")(_noop)


def test_loading_a_handler_module_registers_its_kinds():
    load_handlers(("tests.jobs.handlers",))
    assert registration("test.effect").run is handlers.effect
    assert registration("test.fail").max_attempts == 4
