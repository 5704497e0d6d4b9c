"""The app of one API instance started by tests/scale in its own process, under gunicorn as
render.yaml starts it: `gunicorn "tests.scale.instance:app()"`, its settings in the
environment variable OPTIO_TEST_INSTANCE (JSON), so that no .env or shell variable leaks in."""

from __future__ import annotations

import json
import os

from flask import Flask

from optio import create_app

SETTINGS_VARIABLE = "OPTIO_TEST_INSTANCE"


def app() -> Flask:
    return create_app({**json.loads(os.environ[SETTINGS_VARIABLE]), "_env_file": None})
