from optio import create_app

from ..conftest import TEST_SETTINGS


def test_health_answers_503_when_the_database_does_not_answer():
    app = create_app(
        {
            **TEST_SETTINGS,
            "database_url": "postgresql://nobody@127.0.0.1:1/none?connect_timeout=1",
            "db_pool_timeout_seconds": 1,
        }
    )
    try:
        resp = app.test_client().get("/api/health")
    finally:
        app.extensions["optio_db"].close()
    assert resp.status_code == 503
    assert resp.get_json()["error"]["code"] == "database_unavailable"
