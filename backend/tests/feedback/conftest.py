"""The links cast (tests/links/conftest.py), for feedback threads."""

from ..links.conftest import people, sessions, users, work  # noqa: F401  (fixtures)
