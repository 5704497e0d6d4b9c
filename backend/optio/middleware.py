"""Request IDs, security headers and request logging."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request
from pydantic import TypeAdapter, ValidationError
from werkzeug.exceptions import BadRequest as MalformedRequest
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import current_settings
from .errors import BadRequest, Invalid, UriTooLong, validation_details
from .fields import Text, unstorable

log = logging.getLogger("optio.request")
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
API_CSP = "default-src 'none'; frame-ancestors 'none'"
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'none'"
)


def init_middleware(app: Flask) -> None:
    trust_proxies(app)
    app.before_request(_start_request)
    # Before the rate limiter's and the identity's hooks (registered later): these read neither.
    app.before_request(_refuse_long_url)
    app.before_request(_refuse_unstorable_path)
    app.before_request(_parse_json_body)
    app.after_request(_finish_request)


def trust_proxies(app: Flask) -> None:
    """Take the client's address, scheme and host from the X-Forwarded-* headers that the
    TRUSTED_PROXY_HOPS proxies in front of us (Render: 1) add; with 0, from no header at all,
    since anyone can send them. Rate limits per address depend on it."""
    hops = app.config["SETTINGS"].trusted_proxy_hops
    if hops > 0:
        # Wrapping wsgi_app is how Werkzeug documents ProxyFix; mypy sees a method replaced.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )


def _start_request() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.started_at = time.perf_counter()


def _finish_request(response: Response) -> Response:
    request_id = g.get("request_id") or uuid.uuid4().hex
    headers = response.headers
    headers["X-Request-ID"] = request_id
    # The defaults a view did not set, found in one pass: Werkzeug's setdefault would scan
    # every header once per default (a tenth of a hot read's CPU).
    present = {name.lower() for name, _ in headers.items()}
    csp = DOCS_CSP if request.path.startswith("/api/docs") else API_CSP
    defaults = [*SECURITY_HEADERS.items(), ("Content-Security-Policy", csp)]
    # Production is served over HTTPS only, whatever scheme the proxy's hop to us used.
    if request.is_secure or current_settings().is_production:
        defaults.append(("Strict-Transport-Security", "max-age=63072000"))
    headers.extend([(name, value) for name, value in defaults if name.lower() not in present])
    elapsed_ms = (time.perf_counter() - g.get("started_at", time.perf_counter())) * 1000
    log.info(
        "%s %s %s %.1fms",
        request.method,
        request.path,
        response.status_code,
        elapsed_ms,
        extra={"request_id": request_id},
    )
    return response


# Requests a proxy or browser would refuse anyway; 8 KiB is what common proxies allow.
MAX_URL_BYTES = 8 * 1024
_PATH_STRINGS: TypeAdapter[dict[str, Text]] = TypeAdapter(dict[str, Text])


def _refuse_long_url() -> None:
    """A path and query string over MAX_URL_BYTES is a JSON 414, whatever the route."""
    environ = request.environ
    size = len(environ.get("PATH_INFO", "")) + len(environ.get("QUERY_STRING", ""))
    if size > MAX_URL_BYTES:
        raise UriTooLong(f"The URL's path and query string exceed {MAX_URL_BYTES} bytes.")


def _refuse_unstorable_path() -> None:
    """Path parameters are request strings like any other: `Text` (no NUL) or a 422 naming them.
    Query strings and bodies are checked by their models (optio.api)."""
    strings = {k: v for k, v in (request.view_args or {}).items() if isinstance(v, str)}
    if not any(map(unstorable, strings.values())):
        return  # the common case, without a validator's cost on every request
    try:
        _PATH_STRINGS.validate_python(strings)
    except ValidationError as exc:
        raise Invalid(
            "The request path is not valid.", details=validation_details(exc, "path")
        ) from None


def _parse_json_body() -> None:
    """Parse a JSON body once, first: the rate limiter's key functions and the views then read
    Flask's cached result. JSON nested deeper than the parser recurses (RecursionError) is
    malformed JSON like any other: 400, before anything else runs."""
    if request.content_length == 0 or not request.is_json or not request.get_data():
        return  # an empty body is the view's to refuse (optio.api.json_body)
    try:
        request.get_json()
    except (RecursionError, MalformedRequest):
        raise BadRequest("The request body is not valid JSON.") from None
