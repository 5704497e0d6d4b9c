"""Storage fixtures: a LocalStorage in a temporary directory, wired into the test app."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from optio.storage import make_storage
from optio.storage.local import LocalStorage
from optio.storage.routes import bp

SECRET = b"s" * 32
OWNER = uuid.UUID("0b7c6a52-7d1e-4f5e-8a3c-2f9d41e6b8a0")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def local(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "storage", SECRET)


@pytest.fixture
def settings_overrides(tmp_path: Path) -> dict:
    return {"storage_backend": "local", "storage_dir": tmp_path / "storage"}


@pytest.fixture
def wired_app(app):
    """The app with storage wired; does the wiring itself while create_app does not yet."""
    if "optio_storage" not in app.extensions:
        app.extensions["optio_storage"] = make_storage(app.config["SETTINGS"])
        app.register_blueprint(bp)
    return app


@pytest.fixture
def app_storage(wired_app) -> LocalStorage:
    storage = wired_app.extensions["optio_storage"]
    assert isinstance(storage, LocalStorage)
    return storage
