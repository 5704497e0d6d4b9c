"""The body of `optio db seed --scale`: refuse production, seed, print the summary."""

from __future__ import annotations

import json

import click

from ..config import Settings
from ..embedded import database_url
from . import ScaleSeedRefused, seed_scale


def report(
    users: int, completions: int, *, long_history: int, random_seed: int, as_json: bool
) -> None:
    settings = Settings()
    if settings.is_production:
        raise click.ClickException("refusing to seed load-test data in production")
    try:
        summary = seed_scale(
            database_url(settings),
            users,
            completions,
            long_history,
            seed=random_seed,
            bcrypt_rounds=settings.bcrypt_rounds,
        )
    except ScaleSeedRefused as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(summary.as_dict(), indent=2) if as_json else summary.line())
