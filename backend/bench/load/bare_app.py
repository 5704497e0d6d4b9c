"""The baseline of `make bench-load`: Flask answering a constant JSON, nothing else. Served with
the API's own gunicorn settings, it is this framework's ceiling on the machine the run is on."""

from flask import Flask


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/bare")
    def bare() -> dict[str, object]:
        return {"status": "ok", "pillars": 5}

    return app
