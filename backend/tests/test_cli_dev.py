"""`optio dev` as a developer runs it: a port already taken is the first thing said, and the
embedded PostgreSQL it starts is stopped when it ends, whichever way it ends.

The runs are real processes on real ports (pgserver stops its server in atexit, which only a real
exit runs) with an embedded PostgreSQL of their own under tmp_path.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from click.testing import CliRunner

from optio.cli import listen_problem, main

OPTIO = Path(sys.executable).parent / "optio"


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port another program listens on (on 127.0.0.1, where `optio dev` serves)."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


@pytest.fixture
def data_dir(monkeypatch, tmp_path) -> Path:
    """OPTIO_DATA_DIR of a development run with the embedded database (no DATABASE_URL)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPTIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", "")  # wins over a developer's .env
    monkeypatch.setenv("OPTIO_ENV", "development")
    monkeypatch.delenv("PORT", raising=False)
    return tmp_path / "data"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("given_by", ["PORT", "--port"])
def test_dev_on_a_taken_port_says_so_first_and_starts_no_database(
    data_dir, taken_port, monkeypatch, given_by
):
    if given_by == "PORT":
        monkeypatch.setenv("PORT", str(taken_port))
        args = ["dev"]
    else:
        args = ["dev", "--port", str(taken_port)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    said = re.fullmatch(
        rf"Error: Port {taken_port} is in use: stop what holds it or run PORT=(\d+) make dev\n",
        result.output,
    )
    assert said, result.output
    assert listen_problem(int(said[1])) is None  # the port it suggests is free
    assert not (data_dir / "pg").exists()


def test_dev_check_port_on_a_free_port_starts_nothing(data_dir):
    result = CliRunner().invoke(main, ["dev", "--check-port", "--port", str(free_port())])
    assert (result.exit_code, result.output) == (0, "")
    assert not (data_dir / "pg").exists()


def test_dev_check_port_on_a_taken_port_fails(data_dir, taken_port):
    result = CliRunner().invoke(main, ["dev", "--check-port", "--port", str(taken_port)])
    assert result.exit_code == 1
    assert f"Port {taken_port} is in use" in result.output


class DevRun:
    """`optio dev` in a process of its own, its output in a file."""

    def __init__(self, data_dir: Path, log: Path):
        self.port, self.log, self.data_dir = free_port(), log, data_dir
        env = {
            **os.environ,
            "OPTIO_DATA_DIR": str(data_dir),
            "DATABASE_URL": "",
            "OPTIO_ENV": "development",
            "PORT": str(self.port),
            "BCRYPT_ROUNDS": "4",
            "LOG_LEVEL": "INFO",  # what a developer sees by default
        }
        with log.open("w") as out:
            self.process = subprocess.Popen(  # noqa: S603  (this checkout's own command)
                [str(OPTIO), "dev"], stdout=out, stderr=subprocess.STDOUT, env=env
            )

    @property
    def output(self) -> str:
        return self.log.read_text()

    def serving(self) -> int:
        """Wait until it answers; the embedded PostgreSQL's pid."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/api/health").status_code == 200:
                    return int((self.data_dir / "pg" / "postmaster.pid").read_text().split()[0])
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"optio dev did not answer in 60 s:\n{self.output}")

    def end(self, sig: signal.Signals) -> int | None:
        self.process.send_signal(sig)
        return self.process.wait(timeout=30)


def running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def stopped(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not running(pid)


@pytest.fixture
def runs(data_dir, tmp_path) -> Iterator[list[DevRun]]:
    """Start runs with `runs.append(DevRun(...))`; whatever a failing test leaves is killed."""
    started: list[DevRun] = []
    yield started
    for run in started:
        if run.process.poll() is None:
            run.process.kill()
            run.process.wait()
    postmaster = data_dir / "pg" / "postmaster.pid"
    if postmaster.exists():
        pid = int(postmaster.read_text().split()[0])
        if running(pid) and psutil.Process(pid).name() == "postgres":
            os.kill(pid, signal.SIGKILL)


def test_dev_ended_with_ctrl_c_stops_its_database_and_says_nothing_of_pgserver(
    data_dir, tmp_path, runs
):
    runs.append(run := DevRun(data_dir, tmp_path / "dev.log"))
    postgres = run.serving()
    assert run.end(signal.SIGINT) == 0, run.output
    assert stopped(postgres)
    # pgserver's INFO lines: each pg_ctl command line and its output.
    assert "pgserver" not in run.output, run.output
    assert f"Optio on http://127.0.0.1:{run.port}" in run.output


def test_dev_ended_with_sigterm_stops_its_database(data_dir, tmp_path, runs):
    runs.append(run := DevRun(data_dir, tmp_path / "dev.log"))
    postgres = run.serving()
    assert run.end(signal.SIGTERM) == 0, run.output
    assert stopped(postgres)


def test_dev_after_a_run_killed_outright_stops_the_database_that_run_left(data_dir, tmp_path, runs):
    runs.append(killed := DevRun(data_dir, tmp_path / "killed.log"))
    postgres = killed.serving()
    killed.end(signal.SIGKILL)
    assert running(postgres)  # what a kill -9 leaves behind

    runs.append(run := DevRun(data_dir, tmp_path / "dev.log"))
    assert run.serving() == postgres  # the next run takes that server over
    assert run.end(signal.SIGINT) == 0, run.output
    assert stopped(postgres)
