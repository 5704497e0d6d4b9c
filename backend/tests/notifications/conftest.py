"""The cast of a team-up (sender, recipient, other, admin, anon) serves these tests too."""

from ..teams.conftest import cast  # noqa: F401  (a fixture, used by name)
