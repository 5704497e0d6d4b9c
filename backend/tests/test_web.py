"""The built web app is served outside /api; the API keeps its own paths and errors."""

import re

import pytest

from .diplomas.conftest import publish
from .factories import make_user


@pytest.fixture
def dist(tmp_path, app):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><title>Optio</title><meta name="description" content="x" />'
        "</head><body></body></html>"
    )
    (tmp_path / "assets" / "app-1a2b.js").write_text("console.log('optio')")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    app.config["WEB_DIST"] = tmp_path
    return tmp_path


def fetch(client, path):
    """GET and close the response (a served file stays open until then)."""
    with client.get(path) as resp:
        resp.get_data()
    return resp


def test_the_root_serves_the_app_and_is_always_revalidated(client, dist):
    resp = fetch(client, "/")
    assert resp.status_code == 200 and b"<title>Optio</title>" in resp.data
    assert resp.headers["Cache-Control"] == "no-cache"
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    # The API's defaults go only where the view set nothing: one CSP, the web app's.
    assert len(resp.headers.get_all("Content-Security-Policy")) == 1
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/dashboard", "/diploma/sam-student", "/quests/abc/def"])
def test_client_routes_fall_back_to_index_html(client, dist, path):
    resp = fetch(client, path)
    assert resp.status_code == 200 and b"<title>Optio</title>" in resp.data


def test_hashed_assets_are_cached_for_a_year(client, dist):
    resp = fetch(client, "/assets/app-1a2b.js")
    assert resp.status_code == 200 and resp.data == b"console.log('optio')"
    assert resp.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_other_files_of_the_build_are_served_as_they_are(client, dist):
    resp = fetch(client, "/favicon.svg")
    assert resp.status_code == 200 and resp.data == b"<svg/>"


def test_a_missing_asset_is_a_404_not_the_app(client, dist):
    assert fetch(client, "/assets/gone-0000.js").status_code == 404


def test_paths_outside_the_build_are_not_served(client, dist, tmp_path):
    (tmp_path.parent / "secret.txt").write_text("no")
    resp = fetch(client, "/../secret.txt")
    assert resp.data != b"no" and b"<title>Optio</title>" in resp.data


@pytest.mark.parametrize("path", ["/api", "/api/nope", "/api/quests/x/y/z"])
def test_api_paths_stay_json_404s(client, dist, path):
    resp = fetch(client, path)
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"


def test_api_routes_keep_answering(client, dist):
    assert client.get("/api/pillars").status_code == 200
    assert client.delete("/api/health").status_code == 405


def test_an_unbuilt_app_says_how_to_build_it(client, app, tmp_path):
    app.config["WEB_DIST"] = tmp_path / "missing"
    resp = fetch(client, "/dashboard")
    assert resp.status_code == 503
    error = resp.get_json()["error"]
    assert error["code"] == "web_app_not_built" and "npm run build" in error["message"]


def test_a_public_diploma_page_carries_its_link_preview(client, app, conn, dist):
    ana = make_user(app, first_name="Ana", last_name="López")
    conn.execute(
        "update public.diplomas set headline = %s where user_id = %s",
        ('Curious about "chance" & <code>', ana["id"]),
    )
    slug = publish(conn, ana["id"])
    html = fetch(client, f"/diploma/{slug}").get_data(as_text=True)
    assert "<title data-preview>Ana López&#x27;s diploma · Optio</title>" in html
    assert '<meta property="og:title" content="Ana López&#x27;s diploma · Optio"' in html
    assert (
        '<meta property="og:description" '
        'content="Curious about &quot;chance&quot; &amp; &lt;code&gt;"' in html
    )
    assert f'<meta property="og:url" content="http://localhost/diploma/{slug}"' in html
    assert '<meta name="twitter:card" content="summary_large_image"' in html
    assert "<title>Optio</title>" not in html and 'content="x"' not in html


def test_a_public_diploma_page_previews_with_its_card_image(client, app, conn, dist):
    ana = make_user(app, first_name="Ana", last_name="López")
    slug = publish(conn, ana["id"])
    html = fetch(client, f"/diploma/{slug}").get_data(as_text=True)
    [image] = re.findall(r'<meta property="og:image" content="([^"]+)"', html)
    assert image.startswith(f"http://localhost/api/diplomas/{slug}/card.png?v=card-")
    assert f'<meta name="twitter:image" content="{image}"' in html
    assert '<meta property="og:image:width" content="1200"' in html
    assert '<meta property="og:image:height" content="630"' in html
    assert '<meta property="og:image:type" content="image/png"' in html
    assert "López&#x27;s Optio diploma: 0 XP" in html  # og:image:alt, twitter:image:alt
    # The address serves the card, and names its version: a change gives a new address.
    card = client.get(image.removeprefix("http://localhost"))
    assert card.status_code == 200 and card.mimetype == "image/png"
    conn.execute("update public.diplomas set headline = 'New' where user_id = %s", (ana["id"],))
    again = fetch(client, f"/diploma/{slug}").get_data(as_text=True)
    assert image not in again and "/card.png?v=card-" in again


def test_a_private_diploma_page_gives_nothing_away(client, app, conn, dist):
    ana = make_user(app, first_name="Ana", last_name="López")
    slug = publish(conn, ana["id"], is_public=False)
    html = fetch(client, f"/diploma/{slug}").get_data(as_text=True)
    assert "López" not in html and "<title>Optio</title>" in html
    assert "card.png" not in html
