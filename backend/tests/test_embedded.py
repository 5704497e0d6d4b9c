"""The embedded PostgreSQL (pgserver) is stopped when the last process holding it exits, even when
an earlier holder was killed outright and left it running, or left a postmaster.pid naming a pid
that another program now has.

Each holder is a real process: atexit, where pgserver stops the server, only runs on a real exit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

# Starts (or joins) the server in argv[1], proves it answers, prints the postmaster's pid and
# holds the server until its stdin closes; then exits normally.
HOLDER = """
import sys
from pathlib import Path

import psycopg

from optio.embedded import start_embedded

server = start_embedded(Path(sys.argv[1]))
psycopg.connect(server.get_uri()).close()
print(server.get_pid(), flush=True)
sys.stdin.read()
"""


class Holder:
    def __init__(self, pgdata: Path):
        self.process = subprocess.Popen(  # noqa: S603  (this interpreter, this checkout's code)
            [sys.executable, "-c", HOLDER, str(pgdata)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"the holder did not start: {self.process.communicate()[1]}")
        self.postmaster = int(line)

    def exit(self) -> str:
        """Close its stdin: it exits normally. Its stderr."""
        _, err = self.process.communicate(timeout=20)
        assert self.process.returncode == 0, err
        return err

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no atexit, nothing cleaned up
        self.process.communicate(timeout=20)


def gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def pgdata(tmp_path: Path) -> Iterator[Path]:
    """A data directory of its own; a server a failing test leaves running in it is killed."""
    pgdata = tmp_path / "pg"
    yield pgdata
    started = pgdata / "postmaster.pid"
    if started.exists():
        pid = int(started.read_text().split("\n", 1)[0])
        try:
            if psutil.Process(pid).name() == "postgres":
                os.kill(pid, signal.SIGKILL)
        except psutil.NoSuchProcess:
            pass


def test_a_server_a_killed_holder_left_running_is_stopped_when_the_next_holder_exits(pgdata):
    first = Holder(pgdata)
    first.kill()
    assert not gone(first.postmaster, seconds=0.5), "pgserver stopped it after all"

    second = Holder(pgdata)
    assert second.postmaster == first.postmaster  # joined, not started again
    second.exit()
    assert gone(first.postmaster)
    assert not (pgdata / "postmaster.pid").exists()


def test_a_holder_still_running_keeps_the_server_when_another_exits(pgdata):
    first = Holder(pgdata)
    second = Holder(pgdata)
    second.exit()
    assert not gone(first.postmaster, seconds=0.5)
    first.exit()
    assert gone(first.postmaster)


def test_a_killed_holders_pid_now_used_by_a_newer_process_does_not_keep_the_server(pgdata):
    first = Holder(pgdata)
    first.kill()
    # pgserver's list of holders, as a process given the killed one's pid after it died finds it.
    newer = subprocess.Popen(["sleep", "30"])  # noqa: S607
    try:
        handles = pgdata / ".handle_pids.json"
        handles.write_text(f"[{newer.pid}]")
        an_hour_ago = time.time() - 3600
        os.utime(handles, (an_hour_ago, an_hour_ago))
        second = Holder(pgdata)
        second.exit()
        assert gone(first.postmaster)
        assert newer.poll() is None
    finally:
        newer.kill()
        newer.wait()


def test_a_postmaster_pid_naming_another_program_is_not_taken_for_the_server(pgdata):
    first = Holder(pgdata)
    backends = psutil.Process(first.postmaster).children()
    first.kill()
    os.kill(first.postmaster, signal.SIGKILL)  # PostgreSQL killed too: postmaster.pid stays
    assert gone(first.postmaster)
    psutil.wait_procs(backends, timeout=10)  # they leave when their postmaster is gone
    other = subprocess.Popen(["sleep", "30"])  # noqa: S607  (a program that got the pid since)
    try:
        stale = (pgdata / "postmaster.pid").read_text().split("\n", 1)[1]
        (pgdata / "postmaster.pid").write_text(f"{other.pid}\n{stale}")

        second = Holder(pgdata)  # it connects: a server of its own was started
        assert second.postmaster != other.pid
        err = second.exit()
        assert gone(second.postmaster)
        assert other.poll() is None, "pgserver killed the program it took for the server"
        assert f"named process {other.pid} (sleep), not PostgreSQL: removed" in err
    finally:
        other.kill()
        other.wait()


def test_pgserver_says_nothing_below_a_warning(pgdata):
    """pgserver logs each pg_ctl command and its output at INFO; the app logs at INFO."""
    exits_at_once = HOLDER.replace("sys.stdin.read()", "")
    script = f"import logging\nlogging.basicConfig(level=logging.INFO)\n{exits_at_once}"
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script, str(pgdata)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert gone(int(done.stdout))
    assert "INFO:pgserver" not in done.stderr
    assert "INFO:optio.embedded:starting embedded PostgreSQL" in done.stderr  # INFO is shown
