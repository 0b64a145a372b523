"""Errors are answers: friendly pages (JSON under /api/), never a stack trace; CSRF and rate limits."""
import pytest

from analyzer.model import Result, Verdict
from tests.conftest import share, share_id


def test_empty_paste_is_answered_on_the_form(client, fake_engine):
    response = client.post("/diagnose", data={"paste": "   ", "file_name": "pytest.ini", "file_text": "[pytest]"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'role="alert"' in html and "empty" in html
    assert ">[pytest]</textarea>" in html          # what was typed is kept
    assert fake_engine.calls == []


def test_bad_version_is_answered_on_the_form(client, fake_engine):
    response = client.post("/diagnose", data={"paste": "x", "pytest_asyncio_version": "<latest>"})
    assert response.status_code == 400 and "0.24.0" in response.get_data(as_text=True)


def test_oversize_paste_gets_a_friendly_413_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 2048
    response = client.post("/diagnose", data={"paste": "x" * 10_000})
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Too large" in html and "<!doctype html>" in html and "Traceback" not in html


def test_default_limit_is_large_enough_for_a_big_paste(client, fake_engine):
    big = "tests/t.py::test_a FAILED\nE   RuntimeError: attached to a different loop\n" + "log line\n" * 200_000
    response = share(client, paste=big)      # ~1.8 MB: over Flask's default form field limit
    assert response.status_code == 303


def binary_result(*args):
    return Result(Verdict.UNKNOWN, "0.1.0", reason="The paste looks like binary data, not text.", unreadable=True)


def test_binary_junk_shows_the_engine_reason(client, fake_engine):
    fake_engine.make = binary_result
    response = share(client, paste="\x00\x01\x02\x03PK\x03\x04")
    assert response.status_code == 422
    assert "The paste looks like binary data, not text." in response.get_data(as_text=True)


def test_binary_junk_when_the_engine_raises(client, fake_engine):
    from analyzer.text import UnreadableInput

    def raise_unreadable(*args):
        raise UnreadableInput("Nothing readable: 98% of the bytes are not text.")

    fake_engine.make = raise_unreadable
    response = share(client, paste="\x00\x01\x02")
    assert response.status_code == 422
    assert "Nothing readable: 98% of the bytes are not text." in response.get_data(as_text=True)
    api = client.post("/api/v1/diagnose", json={"paste": "\x00\x01"})
    assert api.status_code == 200 and api.get_json()["verdict"] == "unknown"


def test_unknown_verdict_is_a_normal_page(client, fake_engine):
    fake_engine.make = lambda *a: Result(Verdict.UNKNOWN, "0.1.0", reason="No pytest output was found.")
    ident = share_id(share(client, paste="hello"))
    html = client.get(f"/d/{ident}").get_data(as_text=True)
    assert "Not recognised" in html and "No pytest output was found." in html


@pytest.mark.parametrize("path, status, words", [
    ("/no/such/page", 404, "Not found"),
    ("/kb/LD999", 404, "knowledge-base"),
    ("/d/abc", 404, "no diagnosis"),
])
def test_not_found_pages(client, path, status, words):
    response = client.get(path)
    assert response.status_code == status
    assert words in response.get_data(as_text=True)


def test_method_not_allowed_is_a_page(client):
    response = client.get("/diagnose")
    assert response.status_code == 405
    assert "Method not allowed" in response.get_data(as_text=True) and "POST" in response.headers["Allow"]


def test_engine_crash_is_a_500_page_without_details(client, fake_engine):
    def crash(*args):
        raise RuntimeError("secret internal detail /srv/engine.py line 42")

    fake_engine.make = crash
    response = share(client)
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Something went wrong" in html
    assert "secret internal detail" not in html and "Traceback" not in html and "engine.py" not in html
    api = client.post("/api/v1/diagnose", json={"paste": "x"})
    assert api.status_code == 500 and api.is_json and "internal detail" not in api.get_data(as_text=True)


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
])
def test_cross_site_form_posts_are_refused(client, fake_engine, headers):
    response = client.post("/diagnose", data={"paste": "x"}, headers=headers)
    assert response.status_code == 403
    assert fake_engine.calls == []


@pytest.mark.parametrize("headers", [
    {},                                                 # old browsers and scripts send neither
    {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
    {"Sec-Fetch-Site": "none"},                         # typed or bookmarked by the user
    {"Origin": "http://localhost"},
])
def test_same_site_form_posts_work(client, fake_engine, headers):
    assert client.post("/diagnose", data={"paste": "x"}, headers=headers).status_code == 303


def test_cross_site_delete_is_refused(client, fake_engine):
    ident = share_id(share(client))
    html = client.get(f"/d/{ident}").get_data(as_text=True)
    token = html.split("delete?token=")[1].split('"')[0]
    response = client.post(f"/d/{ident}/delete", data={"token": token}, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert client.get(f"/d/{ident}").status_code == 200


def test_rate_limit(tmp_path, fake_engine):
    from app import create_app

    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x",
                      "RATELIMIT_ENABLED": True, "RATELIMIT_SHARE": 2, "RATELIMIT_DIAGNOSE": 3})
    client = app.test_client()
    assert [share(client).status_code for _ in range(3)] == [303, 303, 429]
    limited = share(client)
    assert "Slow down" in limited.get_data(as_text=True) and limited.headers["Retry-After"]
    answers = [client.post("/api/v1/diagnose", json={"paste": "x"}).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    api = client.post("/api/v1/diagnose", json={"paste": "x", "share": True})
    assert api.status_code == 429 and api.is_json
    other = app.test_client()
    other_address = other.post("/api/v1/diagnose", json={"paste": "x"}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other_address.status_code == 200


def test_rate_limit_is_off_in_tests_by_default(app):
    assert app.config["RATELIMIT_ENABLED"] is False
