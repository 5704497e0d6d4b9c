from ..factories import bearer, login, make_user


def test_a_deactivated_users_existing_token_stops_working(client, app, conn):
    user = make_user(app)
    headers = bearer(login(client, user))
    assert client.get("/api/auth/me", headers=headers).status_code == 200
    conn.execute("update public.users set is_active = false where id = %s", (user["id"],))
    resp = client.get("/api/auth/me", headers=headers)
    assert resp.status_code == 401
    assert resp.get_json()["error"]["code"] == "account_deactivated"
    assert resp.headers["X-DB-Round-Trips"] == "1"  # the check rode with the read


def test_a_deactivated_user_cannot_sign_in_or_refresh(client, app, conn):
    user = make_user(app)
    session = login(client, user)
    conn.execute("update public.users set is_active = false where id = %s", (user["id"],))
    login_resp = client.post(
        "/api/auth/login", json={"email": user["email"], "password": user["password"]}
    )
    assert login_resp.status_code == 403
    assert login_resp.get_json()["error"]["code"] == "account_deactivated"
    refresh = client.post("/api/auth/refresh", json={"refresh_token": session["refresh_token"]})
    assert refresh.status_code == 403
    assert refresh.get_json()["error"]["code"] == "account_deactivated"


def test_reactivating_restores_sign_in(client, app, conn):
    user = make_user(app)
    conn.execute("update public.users set is_active = false where id = %s", (user["id"],))
    conn.execute("update public.users set is_active = true where id = %s", (user["id"],))
    assert (
        client.post(
            "/api/auth/login", json={"email": user["email"], "password": user["password"]}
        ).status_code
        == 200
    )
