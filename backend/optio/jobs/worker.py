"""The worker: claims due jobs one at a time and runs their handlers (`optio worker`; a thread
of `optio dev`).

The loop claims a job (FOR UPDATE SKIP LOCKED, committed at once with a lease), runs its handler
in the app's context with no transaction open, and records the outcome: done; queued again
after an exponential back-off; or failed, with the last error kept, when the attempts are used
up, the handler raised GiveUp or no handler knows the kind. A worker that dies mid-job lets the
lease lapse and the job runs again (at least once). Idle, it sleeps until a NOTIFY on
`optio_jobs` (sent when a transaction that enqueued commits), the next retry falls due, or
POLL_SECONDS pass. SIGTERM or SIGINT stop it after the job in hand.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import select
import signal
import socket
import threading
import time
from datetime import timedelta
from types import FrameType

import psycopg
from flask import Flask
from psycopg_pool import PoolTimeout

from ..db import database
from ..embedded import database_url
from . import queries
from .registry import GiveUp, Job, UnknownJobKind, load_handlers, registration

log = logging.getLogger(__name__)

_LISTEN = "listen optio_jobs"  # the channel private.jobs_wake_workers() notifies
# A job's handler must finish within its lease, or another worker may start it again. Settings
# to be: JOBS_LEASE_SECONDS and JOBS_POLL_SECONDS (module constants until config.py has them).
LEASE = timedelta(minutes=5)
POLL_SECONDS = 5.0
RETRY_BASE = timedelta(seconds=30)  # 30 s, 1 min, 2 min, ... after attempts 1, 2, 3, ...
RETRY_CAP = timedelta(hours=1)
DONE_KEPT = timedelta(days=14)
PRUNE_EVERY_SECONDS = 3600.0
PRUNE_BATCH = 1000
ERROR_CHARS = 2000
LISTEN_TIMEOUT = 10  # seconds to connect the LISTEN connection before polling instead


def retry_delay(attempt: int) -> timedelta:
    """How long a job waits after its `attempt`-th attempt failed."""
    return min(RETRY_BASE * 2 ** (attempt - 1), RETRY_CAP)


class Worker:
    """One worker: runs one job at a time; run more processes (or instances) for more."""

    def __init__(
        self,
        app: Flask,
        *,
        lease: timedelta = LEASE,
        poll_seconds: float = POLL_SECONDS,
        handler_modules: tuple[str, ...] = (),
        name: str | None = None,
    ):
        load_handlers(handler_modules)
        self.app = app
        self.lease = lease
        self.poll_seconds = poll_seconds
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self._stopping = threading.Event()
        self._wakeup: tuple[socket.socket, socket.socket] | None = None  # while running
        self._listener: psycopg.Connection | None = None
        self._listen_again_at = 0.0
        self._prune_at = 0.0
        self._due_in: float | None = None

    # -- running ---------------------------------------------------------------------------

    def run(self) -> None:
        """Run jobs until `stop()`; the job in hand is finished first."""
        log.info(
            "worker %s started (lease %s s, poll %s s)",
            self.name,
            self.lease.total_seconds(),
            self.poll_seconds,
        )
        self._wakeup = socket.socketpair()
        self._wakeup[1].setblocking(False)
        try:
            self._listen()  # before the first claim, so that no notification falls between
            while not self._stopping.is_set():
                try:
                    if self.run_one():
                        continue
                    self._prune_now_and_then()
                except (psycopg.OperationalError, PoolTimeout) as exc:
                    log.warning("database unavailable (%s): trying again shortly", exc)
                    self._due_in = None
                due_in = self._due_in if self._due_in is not None else math.inf
                self._wait(min(due_in, self.poll_seconds))
        finally:
            self._close_listener()
            for end in self._wakeup:
                end.close()
            log.info("worker %s stopped", self.name)

    def start(self) -> threading.Thread:
        """Run in a daemon thread of this process (`optio dev`)."""
        thread = threading.Thread(target=self.run, name="optio-worker", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        """Stop after the job in hand (callable from a signal handler or another thread)."""
        self._stopping.set()
        if self._wakeup is not None:
            with contextlib.suppress(OSError):  # closed (stopped already), or already woken
                self._wakeup[1].send(b"\0")

    def stop_on_signals(self) -> None:
        """SIGTERM (Render's stop) and SIGINT stop the worker after the job in hand; a second
        one stops the process at once."""

        def graceful(signum: int, frame: FrameType | None) -> None:
            signal.signal(signum, signal.SIG_DFL)
            self.stop()

        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, graceful)

    def run_one(self) -> bool:
        """Claim one due job and run it; False when none was due."""
        with database(self.app).transaction() as claiming:
            row, self._due_in = queries.claim(claiming, self.name, self.lease)
        if row is None:
            return False
        job = Job(row["id"], row["kind"], row["args"], row["attempts"], row["max_attempts"])
        if row["state"] == "failed":
            log.error("job %s (%s) failed: its last attempt did not finish", job.id, job.kind)
            return True
        try:
            handler = registration(job.kind)
        except UnknownJobKind as exc:
            self._failed(job, str(exc), final=True)
            return True
        started = time.monotonic()
        log.info("job %s (%s) attempt %s/%s", job.id, job.kind, job.attempt, job.max_attempts)
        try:
            with self.app.app_context():
                handler.run(job)
        except GiveUp as exc:
            self._failed(job, _error_text(exc), final=True)
        except Exception as exc:  # whatever a handler raises fails this attempt: kept and retried
            log.warning(
                "job %s (%s) attempt %s failed", job.id, job.kind, job.attempt, exc_info=True
            )
            self._failed(job, _error_text(exc), final=False)
        else:
            with database(self.app).transaction() as finishing:
                current = queries.done(finishing, job.id, job.attempt)
            elapsed = (time.monotonic() - started) * 1000
            if current:
                log.info("job %s (%s) done in %.0f ms", job.id, job.kind, elapsed)
            else:
                log.warning(
                    "job %s (%s) done, but its lease had gone to another worker", job.id, job.kind
                )
        return True

    def _failed(self, job: Job, error: str, *, final: bool) -> None:
        retry_after = None if final else retry_delay(job.attempt)
        with database(self.app).transaction() as finishing:
            outcome = queries.failed(finishing, job.id, job.attempt, error, retry_after=retry_after)
        if outcome is None:
            log.warning(
                "job %s (%s) failed, but its lease had gone to another worker", job.id, job.kind
            )
        elif outcome["state"] == "failed":
            log.error("job %s (%s) failed for good: %s", job.id, job.kind, error)
        else:
            log.info("job %s (%s) runs again at %s", job.id, job.kind, outcome["run_at"])

    def _prune_now_and_then(self) -> None:
        if time.monotonic() < self._prune_at:
            return
        self._prune_at = time.monotonic() + PRUNE_EVERY_SECONDS
        with database(self.app).transaction() as pruning:
            pruned = queries.prune(pruning, DONE_KEPT, PRUNE_BATCH)
        if pruned:
            log.info("pruned %s job(s) done more than %s ago", pruned, DONE_KEPT)

    # -- waiting ---------------------------------------------------------------------------

    def _wait(self, seconds: float) -> None:
        """Sleep until a job may be due: a NOTIFY, `seconds` passing, or `stop()`."""
        if self._stopping.is_set() or self._wakeup is None:
            return
        wakeup = self._wakeup[0]
        listener = self._listen()
        watched = [wakeup.fileno()] + ([listener.fileno()] if listener else [])
        readable, _, _ = select.select(watched, [], [], max(seconds, 0.0))
        if wakeup.fileno() in readable:
            wakeup.recv(64)
        if listener is not None and listener.fileno() in readable:
            try:
                list(listener.notifies(timeout=0))  # drained: one claim serves them all
            except psycopg.OperationalError:
                log.warning("lost the LISTEN connection: polling until it is back")
                self._close_listener()

    def _listen(self) -> psycopg.Connection | None:
        """The connection that LISTENs; None (and polling only) while it cannot be made."""
        if self._listener is not None or time.monotonic() < self._listen_again_at:
            return self._listener
        try:
            url = database_url(self.app.config["SETTINGS"])
            listener = psycopg.connect(url, autocommit=True, connect_timeout=LISTEN_TIMEOUT)
            listener.execute(_LISTEN)
        except psycopg.OperationalError as exc:
            log.warning("cannot LISTEN (%s): polling every %s s", exc, self.poll_seconds)
            self._listen_again_at = time.monotonic() + self.poll_seconds
            return None
        self._listener = listener
        return listener

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]
