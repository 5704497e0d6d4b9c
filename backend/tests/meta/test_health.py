def test_health_reports_a_healthy_database(client):
    resp = client.get("/api/health")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["status"] == "healthy" and body["database"] == "ok" and body["version"]
