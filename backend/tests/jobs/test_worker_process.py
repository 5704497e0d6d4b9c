"""`optio worker` as Render runs it, in a process of its own against the test's database:
killed mid-job, its job runs again and its effect happens once; stopped with SIGTERM, it
finishes the job in hand and takes no other."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import effects, enqueue_committed, job_row, runs

BACKEND = Path(__file__).resolve().parents[2]
OPTIO = Path(sys.executable).with_name("optio")

pytestmark = pytest.mark.usefixtures("job_tables")


@pytest.fixture
def start_worker(database_url: str, tmp_path: Path) -> Iterator[Callable[[], subprocess.Popen]]:
    """Starts `optio worker` with a two-second lease and the tests' handlers; each is killed
    at the end if still running. Their output goes to tmp_path/worker-<n>.log."""
    started: list[subprocess.Popen] = []
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "OPTIO_ENV": "test",
        "LOG_LEVEL": "INFO",
        "PYTHONPATH": str(BACKEND),
    }

    def start() -> subprocess.Popen:
        command = [str(OPTIO), "worker", "--lease-seconds", "2", "--poll-seconds", "0.2"]
        command += ["--handlers-from", "tests.jobs.handlers"]
        with (tmp_path / f"worker-{len(started) + 1}.log").open("w") as log:
            process = subprocess.Popen(  # noqa: S603 - our own console script, constant arguments
                command, cwd=BACKEND, env=env, stdout=log, stderr=log
            )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(10)


def _wait_for(check: Callable[[], bool], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_a_job_whose_worker_is_killed_mid_job_runs_again_and_its_effect_happens_once(
    app, conn, start_worker
):
    job_id = enqueue_committed(app, args={"hang_on_first": True})
    first = start_worker()
    _wait_for(lambda: runs(conn, job_id) != [], "the first attempt to start")
    assert effects(conn, job_id) == 1

    os.kill(first.pid, signal.SIGKILL)  # mid-job: attempt 1 hangs after its effect
    assert first.wait(10) == -signal.SIGKILL
    assert job_row(conn, job_id)["state"] == "running"

    second = start_worker()
    _wait_for(lambda: job_row(conn, job_id)["state"] == "done", "the job to run again")
    job = job_row(conn, job_id)
    assert job["attempts"] == 2
    assert job["last_error"].startswith("attempt 1 of 5 did not finish")
    assert [(attempt, finished) for attempt, _, finished in runs(conn, job_id)] == [
        (1, False),
        (2, True),
    ]
    assert effects(conn, job_id) == 1

    second.send_signal(signal.SIGTERM)
    assert second.wait(10) == 0


def test_sigterm_finishes_the_job_in_hand_and_takes_no_other(app, conn, start_worker):
    job_id = enqueue_committed(app, args={"sleep": 1.5})
    worker = start_worker()
    _wait_for(lambda: runs(conn, job_id) != [], "the job to start")
    waiting = enqueue_committed(app)

    worker.send_signal(signal.SIGTERM)
    assert worker.wait(20) == 0
    assert job_row(conn, job_id)["state"] == "done"
    assert runs(conn, job_id)[0][2] is True  # finished, not cut short
    assert (job_row(conn, waiting)["state"], job_row(conn, waiting)["attempts"]) == ("queued", 0)
