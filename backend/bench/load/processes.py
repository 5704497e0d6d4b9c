"""The processes a load run measures: the API under render.yaml's start command, the bare-Flask
baseline under the same settings, and the CPU time each of them (and PostgreSQL) spends."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def start_command(render_yaml: Path) -> str:
    """The web service's start command in render.yaml (the first gunicorn one)."""
    match = re.search(r"startCommand:\s*(.*gunicorn.*)", render_yaml.read_text())
    if match is None:
        raise SystemExit(f"no gunicorn startCommand in {render_yaml}")
    return match.group(1).strip()


def baseline_command(api_command: str, app_dir: Path) -> str:
    """The same command serving bare_app instead of the API."""
    app_spec = re.search(r"gunicorn\s+(\S+)", api_command)
    assert app_spec is not None
    bare = f"{shlex.quote('bare_app:create_app()')} --pythonpath {shlex.quote(str(app_dir))}"
    return api_command.replace(app_spec.group(1), bare, 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A shell command serving HTTP on $PORT, started from `cwd` with `env` added."""

    def __init__(self, name: str, command: str, cwd: Path, env: dict[str, str], log: Path):
        self.name, self.port = name, free_port()
        self._log = log.open("w")
        self.process = subprocess.Popen(
            ["sh", "-c", command],
            cwd=cwd,
            env={**os.environ, **env, "PORT": str(self.port)},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.log = log

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, path: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited: see {self.log}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(
            f"{self.name} did not answer {path} within {timeout:.0f} s: see {self.log}"
        )

    def cpu_seconds(self) -> float:
        return tree_cpu_seconds(self.process.pid)

    def profile(self, seconds: float, out: Path) -> subprocess.Popen[bytes]:
        """py-spy sampling the server (gunicorn's master and its workers) for `seconds`, as
        collapsed stacks in `out`."""
        master = next(pid for pid, parent in _parents().items() if parent == self.process.pid)
        return subprocess.Popen(
            [
                py_spy(),
                "record",
                "--pid",
                str(master),
                "--subprocesses",
                "--nonblocking",
                "--gil",
                "--duration",
                str(max(1, round(seconds))),
                "--rate",
                "200",
                "--format",
                "raw",
                "--output",
                str(out),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
        self._log.close()


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()  # fields from the 3rd on (the name may hold spaces)


def py_spy() -> str:
    return str(Path(sys.executable).parent / "py-spy")


def _stats() -> dict[int, list[str]]:
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            stats[int(entry.name)] = fields
    return stats


def _parents() -> dict[int, int]:
    return {pid: int(fields[1]) for pid, fields in _stats().items()}


def tree_cpu_seconds(root: int) -> float:
    """User and system CPU of `root` and every live descendant, plus what the children that
    ended and were waited for had spent (a PostgreSQL backend per connection, say)."""
    stats = _stats()
    parents = {pid: int(fields[1]) for pid, fields in stats.items()}
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        fields = stats.get(pid)
        if fields is not None:
            # utime, stime, cutime, cstime: fields 14-17 of /proc/pid/stat
            total += sum(int(v) for v in fields[11:15])
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total / TICKS


def postmaster_pid(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().split()[0])
