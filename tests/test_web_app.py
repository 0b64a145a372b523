"""The factory, the paste page, static files and the headers every response carries."""
import pytest

from app import create_app

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def test_factory_is_not_testing_by_default(tmp_path):
    assert not create_app({"INSTANCE_PATH": str(tmp_path)}).testing
    assert create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path)}).testing


def test_settings_come_from_the_environment_then_the_test_mapping(tmp_path, monkeypatch):
    monkeypatch.setenv("LOOP_DOCTOR_MAX_CONTENT_LENGTH", "1234")
    monkeypatch.setenv("LOOP_DOCTOR_RATELIMIT_SHARE", "7")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "RATELIMIT_SHARE": 9})
    assert app.config["MAX_CONTENT_LENGTH"] == 1234
    assert app.config["MAX_FORM_MEMORY_SIZE"] == 1234   # a paste is one form field: same limit
    assert app.config["RATELIMIT_SHARE"] == 9


def test_database_and_secret_live_in_the_instance_folder(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "inst")})
    assert app.config["DATABASE"] == str(tmp_path / "inst" / "loop-doctor.sqlite")
    assert (tmp_path / "inst" / "secret_key").stat().st_size >= 32
    again = create_app({"INSTANCE_PATH": str(tmp_path / "inst")})
    assert again.config["SECRET_KEY"] == app.config["SECRET_KEY"]


def test_paste_page(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<form method="post" action="/diagnose"' in html
    assert 'name="paste"' in html and 'name="file_name"' in html and 'name="file_text"' in html
    assert 'name="pytest_asyncio_version"' in html and 'name="expires"' in html
    assert 'value="1m" selected' in html
    assert ">Diagnose</button>" in html
    assert "<script>" not in html and " style=" not in html


def test_add_box_without_javascript_keeps_what_was_typed(client):
    response = client.post("/diagnose", data={"action": "add-box", "paste": "my output", "file_name": ["pytest.ini", ""],
                                              "file_text": ["[pytest]", ""]})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count('name="file_text"') == 3 + 1   # three boxes, plus the script's template
    assert ">my output</textarea>" in html and 'value="pytest.ini"' in html


@pytest.mark.parametrize("path, kind", [("/static/style.css", "text/css"), ("/static/app.js", "text/javascript")])
def test_static_files_are_served_locally(client, path, kind):
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == kind
    assert b"http://" not in response.data and b"https://" not in response.data


def test_stylesheet_has_light_and_dark_and_visible_focus(client):
    css = client.get("/static/style.css").get_data(as_text=True)
    assert "prefers-color-scheme: dark" in css and "--bg:" in css and ":focus-visible" in css
    assert "@import" not in css


@pytest.mark.parametrize("path", ["/", "/kb", "/static/style.css", "/api/v1/openapi.json", "/nowhere"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client):
    for path in ("/", "/kb", "/nowhere"):
        html = client.get(path).get_data(as_text=True)
        assert "<style" not in html and " style=" not in html and " on" + "click=" not in html
        for chunk in html.split("<script")[1:]:
            assert chunk.lstrip().startswith("src=")


def test_behind_a_trusted_proxy_the_client_address_is_the_forwarded_one(tmp_path, fake_engine):
    from tests.conftest import share

    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x", "TRUSTED_PROXIES": 1,
                      "RATELIMIT_ENABLED": True, "RATELIMIT_SHARE": 1})
    client = app.test_client()
    assert share(client).status_code == 303
    other = client.post("/diagnose", data={"paste": "x"}, headers={"X-Forwarded-For": "203.0.113.7"})
    assert other.status_code == 303
    assert client.post("/diagnose", data={"paste": "x"}, headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 429
