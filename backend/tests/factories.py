"""Small factories with overridable defaults."""

from __future__ import annotations

import itertools
from typing import Any

from flask import Flask

from optio.db import tx
from optio.users.service import create_account

PASSWORD = "correct-horse-battery"
_seq = itertools.count(1)


def make_user(app: Flask, role: str = "student", **overrides: Any) -> dict[str, Any]:
    """A committed account; returns its profile plus the password used."""
    n = next(_seq)
    email = overrides.pop("email", f"user{n}@example.com")
    password = overrides.pop("password", PASSWORD)
    with app.app_context():
        profile = create_account(email, password, role, **overrides)
        tx().commit()
    return {**profile, "password": password}


def login(client, user: dict[str, Any]) -> dict[str, Any]:
    resp = client.post(
        "/api/auth/login", json={"email": user["email"], "password": user["password"]}
    )
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def bearer(session: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {session['access_token']}"}
