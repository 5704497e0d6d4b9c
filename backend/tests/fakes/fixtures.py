"""Pytest fixtures of the fakes, imported by tests/conftest.py.

`fake_supabase_server` is one FakeSupabase for the whole run (started by tests/conftest.py
already when the run is `--auth-provider=supabase`); `fake_supabase` is that server bound to
the test's own database and reset before and after the test. A test that made the fake fail
(an exception inside it, not a refusal it answered) fails at teardown with the traceback.
A test with a database of its own (another cluster) binds the server with `bound_to`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from .server import FakeSupabase

_running: FakeSupabase | None = None


def start_fake_supabase() -> FakeSupabase:
    """The run's FakeSupabase, started on first use."""
    global _running
    if _running is None:
        _running = FakeSupabase()
    return _running


def stop_fake_supabase() -> None:
    global _running
    if _running is not None:
        _running.close()
        _running = None


@pytest.fixture(scope="session")
def fake_supabase_server() -> Iterator[FakeSupabase]:
    yield start_fake_supabase()
    stop_fake_supabase()


@contextmanager
def bound_to(fake: FakeSupabase, database_url: str) -> Iterator[FakeSupabase]:
    """`fake`, reset, keeping its users in `database_url` until the end; then reset again, and
    an AssertionError if it failed while serving."""
    fake.reset()
    fake.use_database(database_url)
    try:
        yield fake
        failures = list(fake.failures)
    finally:
        fake.use_database(None)
        fake.reset()
    assert not failures, "FakeSupabase failed while serving:\n" + "\n".join(failures)


@pytest.fixture
def fake_supabase(fake_supabase_server: FakeSupabase, database_url: str) -> Iterator[FakeSupabase]:
    with bound_to(fake_supabase_server, database_url) as fake:
        yield fake
