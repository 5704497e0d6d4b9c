"""The `optio` command: dev, worker, openapi, check, db (migrate reset seed check snapshot), users
create, credentials new-key, mail (ls send digest)"""

from __future__ import annotations

import errno
import json
import signal
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from types import FrameType

import click
from click.core import ParameterSource
from werkzeug.serving import WSGIRequestHandler

from .config import Settings


def _conninfo() -> str:
    from .embedded import database_url

    return database_url(Settings())


@click.group()
def main() -> None:
    """Optio's command line."""


@click.group("db")
def db_group() -> None:
    """Database migrations and demo data."""


@db_group.command("migrate")
def db_migrate() -> None:
    """Apply supabase/migrations that are not applied yet."""
    from .migrate import migrate

    applied = migrate(_conninfo())
    click.echo(f"applied {len(applied)} migration(s)" + "".join(f"\n  {a}" for a in applied))


@db_group.command("check")
def db_check() -> None:
    """Exit non-zero when the database is unreachable or has migrations pending."""
    from .migrate import pending

    missing = pending(_conninfo())
    if missing:
        click.echo("pending migrations:\n  " + "\n  ".join(missing))
        sys.exit(1)
    click.echo("database is up to date")


@db_group.command("snapshot")
@click.option("--check", is_flag=True, help="Exit non-zero when supabase/schema/ is stale.")
def db_snapshot(check: bool) -> None:
    """Write supabase/schema/<domain>.sql from a scratch database migrated from nothing."""
    from psycopg.conninfo import make_conninfo

    from . import schema_snapshot

    files = schema_snapshot.snapshot(make_conninfo(_conninfo(), dbname="postgres"))
    if not check:
        schema_snapshot.write(files)
        click.echo(f"wrote {len(files)} file(s) to {schema_snapshot.SCHEMA_DIR}")
        return
    stale = schema_snapshot.differing(files)
    if stale:
        click.echo(
            "supabase/schema/ differs from the migrations (run `optio db snapshot`):\n  "
            + "\n  ".join(stale)
        )
        sys.exit(1)
    click.echo("supabase/schema/ is up to date")


@db_group.command("reset")
@click.confirmation_option(prompt="Drop every table and migrate again?")
def db_reset() -> None:
    """Drop everything and migrate again (local databases only, never production)."""
    from .migrate import reset

    if Settings().is_production:
        raise click.ClickException("refusing to reset a production database")
    applied = reset(_conninfo())
    click.echo(f"reset; applied {len(applied)} migration(s)")


def _users_and_completions(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[int, int] | None:
    """--scale's USERS:COMPLETIONS as two numbers."""
    if value is None:
        return None
    users, _, completions = value.partition(":")
    if not (users.isdigit() and completions.isdigit() and int(users) >= 1):
        raise click.BadParameter("USERS:COMPLETIONS, e.g. 10000:500000 (at least one user)")
    return int(users), int(completions)


@db_group.command("seed")
@click.option(
    "--scale",
    metavar="USERS:COMPLETIONS",
    callback=_users_and_completions,
    help="Instead of the demo data, load-test data: USERS users (load-00001@example.com...,"
    " password load-password) sharing COMPLETIONS task completions, with enrollments, XP,"
    " notifications and team-ups, plus one long-history student.",
)
@click.option(
    "--long-history",
    type=click.IntRange(min=0),
    default=2000,
    show_default=True,
    help="With --scale: completions of the long-history student (load-long@example.com).",
)
@click.option(
    "--seed",
    "random_seed",
    type=int,
    default=1,
    show_default=True,
    help="With --scale: the random seed (the same seed gives the same data).",
)
@click.option("--json", "as_json", is_flag=True, help="With --scale: print the summary as JSON.")
def db_seed(
    scale: tuple[int, int] | None, long_history: int, random_seed: int, as_json: bool
) -> None:
    """Load supabase/seed.sql and the demo accounts (development only); with --scale, load-test
    data instead (a migrated database, a superuser connection, not production)."""
    if scale is None:
        context = click.get_current_context()
        if any(
            context.get_parameter_source(name) is not ParameterSource.DEFAULT
            for name in ("long_history", "random_seed", "as_json")
        ):
            raise click.UsageError("--long-history, --seed and --json go with --scale")
        seed()
        return
    from .seed_scale.command import report

    report(*scale, long_history=long_history, random_seed=random_seed, as_json=as_json)


def seed() -> None:
    from .demo import seed as seed_demo

    seed_demo(_conninfo())


@click.group("users")
def users_group() -> None:
    """Accounts."""


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True, prompt=True, hide_input=True)
@click.option(
    "--role", type=click.Choice(["student", "parent", "advisor", "admin"]), default="student"
)
def users_create(email: str, password: str, role: str) -> None:
    """Create an account (or give an existing one the role)."""
    from . import create_app
    from .db import tx
    from .users.service import create_account

    app = create_app()
    with app.app_context():
        profile = create_account(email.lower(), password, role)
        tx().commit()
    click.echo(f"{profile['email']} ({profile['role']}) id={profile['id']}")


DEV_HOST = "127.0.0.1"


@main.command("dev")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=None, help="Defaults to PORT (5000)."
)
@click.option(
    "--check-port",
    is_flag=True,
    hidden=True,
    help="Only check that the port is free (make dev, before it builds the web app).",
)
def dev(port: int | None, check_port: bool) -> None:
    """Migrate, seed the demo data and serve the API on 127.0.0.1, running background jobs (first
    of all, exit 1 when the port is taken)."""
    settings = Settings()
    port = port or settings.port
    refuse_taken_port(port)  # before the embedded database starts and the migrations run
    if check_port:
        return
    from . import create_app
    from .jobs.worker import Worker
    from .mail.digest import schedule as schedule_digest
    from .migrate import migrate

    with hangup_and_term_as_interrupt():
        migrate(_conninfo())
        seed()
        app = create_app()
        click.echo(
            f"Optio on http://{DEV_HOST}:{port}  (API: /api, docs: http://{DEV_HOST}:{port}/api/docs)"
        )
        # Background jobs run in this process too, so development needs no second command.
        jobs = Worker(app)
        schedule_digest(app)
        working = jobs.start()
        try:
            app.run(
                host=DEV_HOST,
                port=port,
                debug=False,
                use_reloader=False,
                threaded=True,
                request_handler=JsonErrorRequestHandler,
            )
        finally:
            jobs.stop()  # after the job in hand; Ctrl-C again to leave at once
            working.join()


def refuse_taken_port(port: int) -> None:
    """Exit with what to do when the dev server could not listen on `port`."""
    problem = listen_problem(port)
    if problem is None:
        return
    if problem.errno != errno.EADDRINUSE:
        raise click.ClickException(f"Cannot listen on {DEV_HOST}:{port}: {problem.strerror}")
    later = range(port + 1, min(port + 100, 65536))
    free = next((p for p in later if listen_problem(p) is None), port + 1)
    message = f"Port {port} is in use: stop what holds it or run PORT={free} make dev"
    if sys.platform == "darwin" and port == 5000:
        message += " (on macOS the AirPlay Receiver holds 5000: System Settings, AirDrop & Handoff)"
    raise click.ClickException(message)


def listen_problem(port: int) -> OSError | None:
    """Why a server could not listen on DEV_HOST:`port` now, or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As werkzeug's server does: a port whose last connections are in TIME_WAIT is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((DEV_HOST, port))
            probe.listen(1)
        except OSError as exc:
            return exc
    return None


@contextmanager
def hangup_and_term_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal) end `optio dev` as Ctrl-C does: the worker finishes
    its job and the embedded database is stopped on the way out, instead of left running."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class JsonErrorRequestHandler(WSGIRequestHandler):
    """The dev server's own answers (a request line over 64 KiB, a malformed one) in the API's
    error shape instead of http.server's HTML page; everything else is the app's."""

    error_content_type = "application/json"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        error_code = {400: "bad_request", 414: "uri_too_long", 431: "headers_too_large"}.get(
            code, "http_error"
        )
        text = message or HTTPStatus(code).phrase
        # http.server fills in %(message)s HTML-escaped (& < >), which leaves JSON valid; the
        # JSON escaping has to be ours.
        self.error_message_format = json.dumps(
            {"error": {"code": error_code, "message": "%(message)s", "details": []}}
        )
        super().send_error(code, json.dumps(text)[1:-1], explain)


@main.command("worker")
@click.option(
    "--lease-seconds",
    type=click.FloatRange(min=0, min_open=True),
    help="How long a claimed job is this worker's before another may run it again (default 300).",
)
@click.option(
    "--poll-seconds",
    type=click.FloatRange(min=0, min_open=True),
    help="Longest idle wait when no notification comes (default 5).",
)
@click.option(
    "--handlers-from",
    "modules",
    multiple=True,
    metavar="MODULE",
    help="Also import this module's job handlers (tests).",
)
def worker(
    lease_seconds: float | None, poll_seconds: float | None, modules: tuple[str, ...]
) -> None:
    """Run background jobs until SIGTERM or Ctrl-C, finishing the job in hand (Render's worker
    service; `optio dev` runs one itself)."""
    from datetime import timedelta

    from . import create_app
    from .jobs.worker import LEASE, POLL_SECONDS, Worker
    from .mail.digest import schedule as schedule_digest

    jobs = Worker(
        create_app(),
        lease=LEASE if lease_seconds is None else timedelta(seconds=lease_seconds),
        poll_seconds=POLL_SECONDS if poll_seconds is None else poll_seconds,
        handler_modules=modules,
    )
    schedule_digest(jobs.app)
    jobs.stop_on_signals()
    jobs.run()


@main.command("check")
def check() -> None:
    """Check these settings against the real services (Render's pre-deploy step); exit 1 when
    any check FAILED."""
    from .check.command import report

    sys.exit(report())


@main.command("openapi")
def openapi() -> None:
    """Print the API's OpenAPI document (no database needed: the web app's client is made
    from it)."""
    import json

    from . import create_app
    from .openapi import openapi_document

    # The pool opens on first use, which this never reaches; .env is left out so the
    # document is the same on every machine.
    app = create_app(
        {"_env_file": None, "optio_env": "development", "database_url": "postgresql:///unused"}
    )
    with app.app_context():
        click.echo(json.dumps(openapi_document(app), indent=2, sort_keys=True))


@click.group("mail")
def mail_group() -> None:
    """The platform's own e-mail: the outbox, and development's mail directory."""


@mail_group.command("ls")
def mail_ls() -> None:
    """List the messages written to OPTIO_DATA_DIR/mail (development, without SMTP_URL),
    newest first: file, recipient, subject."""
    from email import policy
    from email.parser import BytesParser

    folder = Settings().optio_data_dir / "mail"
    files = sorted(folder.glob("*.eml"), reverse=True) if folder.is_dir() else []
    if not files:
        click.echo(f"No mail in {folder}.")
    for path in files:
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        click.echo(f"{path.name}  {message['To']}  {message['Subject']}")


@mail_group.command("send")
def mail_send() -> None:
    """Send every message of the outbox not sent yet, now (the worker sends them too; a message
    is never sent twice). Exit 1 when any could not be sent."""
    from . import create_app
    from .db import database
    from .mail.jobs import send_one
    from .mail.outbox import unsent

    app = create_app()
    failed = 0
    with app.app_context():
        with database().transaction() as reading:
            waiting = unsent(reading)
        for outbox_id in waiting:
            try:
                send_one(outbox_id)
            except Exception as exc:  # recorded on the row; the others still go
                failed += 1
                click.echo(f"message {outbox_id} not sent: {type(exc).__name__}: {exc}", err=True)
    click.echo(f"{len(waiting) - failed} sent, {failed} not sent")
    sys.exit(1 if failed else 0)


@mail_group.command("digest")
@click.option("--week", help="ISO week, e.g. 2026-W48 (default: the last full week, UTC).")
def mail_digest(week: str | None) -> None:
    """Enqueue the weekly digest of a week now: one job per parent (a parent is never sent the
    same week twice). The worker also sends each week's on the Monday after it."""
    from datetime import UTC, datetime

    from . import create_app
    from .db import database
    from .mail.digest import enqueue_now, last_full_week

    week = week or last_full_week(datetime.now(UTC))
    app = create_app()
    try:
        with app.app_context(), database().transaction() as current:
            job_id = enqueue_now(current, week)
    except ValueError as exc:
        raise click.BadParameter(
            f"{week!r} is not an ISO week like 2026-W48", param_hint="--week"
        ) from exc
    click.echo(f"digest of {week} enqueued (job {job_id}); `optio worker` sends it")


@click.group("credentials")
def credentials_group() -> None:
    """The issuer's signing keys."""


@credentials_group.command("new-key")
def new_key() -> None:
    """Print a new Ed25519 signing key for CREDENTIAL_SIGNING_KEY, and its public Multikey (to
    list in CREDENTIAL_RETIRED_KEYS once it is replaced, so what it signed still verifies)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from .credentials.multikey import public_multikey, secret_multikey

    key = Ed25519PrivateKey.generate()
    click.echo(f"CREDENTIAL_SIGNING_KEY={secret_multikey(key)}")
    public = public_multikey(key.public_key())
    click.echo(f"# its public key, for CREDENTIAL_RETIRED_KEYS after a rotation: {public}")


main.add_command(db_group)
main.add_command(users_group)
main.add_command(credentials_group)
main.add_command(mail_group)
