"""The links cast (tests/links/conftest.py), for the parent and advisor views."""

from ..links.conftest import people, sessions, users, work  # noqa: F401  (fixtures)
