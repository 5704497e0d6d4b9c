"""`optio dev` runs background jobs in its own process: development needs no second command."""

from __future__ import annotations

import threading
import time

import pytest
from click.testing import CliRunner
from flask import Flask

from optio import cli
from optio.db import database

from .conftest import enqueue_committed, job_row

pytestmark = pytest.mark.usefixtures("job_tables")


def test_optio_dev_runs_jobs_while_it_serves_and_stops_its_worker_after(
    monkeypatch, database_url, conn, tmp_path
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("OPTIO_ENV", "test")
    monkeypatch.setattr(cli, "seed", lambda: None)  # the demo data is not what this is about
    seen: dict[str, object] = {}

    def serve(app: Flask, **options: object) -> None:
        """Stands in for the dev server: a job enqueued meanwhile is run."""
        job_id = enqueue_committed(app)
        deadline = time.monotonic() + 10
        while job_row(conn, job_id)["state"] != "done" and time.monotonic() < deadline:
            time.sleep(0.05)
        seen["state"] = job_row(conn, job_id)["state"]
        seen["app"] = app

    monkeypatch.setattr(Flask, "run", serve)
    result = CliRunner().invoke(cli.main, ["dev", "--port", "5999"])
    assert result.exit_code == 0, result.output
    assert seen["state"] == "done"
    assert not [t for t in threading.enumerate() if t.name == "optio-worker"]
    database(seen["app"]).close()
