"""`optio db seed`'s demo data (development only): supabase/seed.sql, the demo accounts, the
links of the demo parent and advisor to the demo student, and the student's history."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from .config import Settings

DEMO_PASSWORD = "optio-dev-password"  # noqa: S105 - development-only demo accounts
DEMO_ACCOUNTS = [
    (
        "student@optio.dev",
        "student",
        {"first_name": "Sam", "last_name": "Student", "username": "demo_student"},
    ),
    (
        "admin@optio.dev",
        "admin",
        {"first_name": "Ada", "last_name": "Admin", "username": "demo_admin"},
    ),
    (
        "parent@optio.dev",
        "parent",
        {"first_name": "Pat", "last_name": "Parent", "username": "demo_parent"},
    ),
    (
        "advisor@optio.dev",
        "advisor",
        {"first_name": "Alex", "last_name": "Advisor", "username": "demo_advisor"},
    ),
]
# The demo parent and advisor follow the demo student, each with their default scope.
_DEMO_LINKS = """
insert into public.student_links (student_id, supporter_id, relation, scope)
select s.id, p.id, p.role, private.default_link_scope(p.role)
from public.users s join public.users p on p.username in ('demo_parent', 'demo_advisor')
where s.username = 'demo_student'
on conflict (student_id, supporter_id) do nothing"""


def seed(conninfo: str) -> None:
    """Load the demo data into the database at `conninfo`; repeatable."""
    from . import create_app, demo_history
    from .db import tx
    from .migrate import seed_sql
    from .users.service import create_account

    if Settings().is_production:
        raise click.ClickException("refusing to seed demo data in production")
    app = create_app()
    seed_sql(conninfo)
    with app.app_context():
        accounts = [
            create_account(email, DEMO_PASSWORD, role, **profile)
            for email, role, profile in DEMO_ACCOUNTS
        ]
        tx().run((_DEMO_LINKS, None), commit=True)
    demo_history.add(conninfo, accounts[0]["id"], datetime.now(UTC))
    click.echo(f"seeded demo data; demo accounts (password: {DEMO_PASSWORD}):")
    for email, role, _ in DEMO_ACCOUNTS:
        click.echo(f"  {email:<20} {role}")
