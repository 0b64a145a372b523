"""One regression test per place input reaches a page: the raw payload never appears, its escaped form does."""
import pytest
from markupsafe import escape

from tests.conftest import sample_result, share, share_id

PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


def page_for(client, fake_engine, paste="tests/t.py::test_a FAILED\nE   RuntimeError: boom\n", files=(), **result):
    if result:
        fake_engine.make = lambda p, f, h: sample_result(p, f, h, **result)
    response = client.get(f"/d/{share_id(share(client, paste=paste, files=files))}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def assert_escaped(html, payload):
    assert payload not in html
    assert str(escape(payload)) in html
    assert "<img src=x" not in html and "<script>alert" not in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_paste_text(client, fake_engine, payload):
    html = page_for(client, fake_engine, paste=f"tests/t.py::test_a FAILED\nsome output {payload}\n")
    assert_escaped(html, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_exception_message(client, fake_engine, payload):
    html = page_for(client, fake_engine, paste=f"E   RuntimeError: {payload}\n", message=f"RuntimeError: {payload}")
    assert_escaped(html, payload)
    assert html.count(str(escape(payload))) >= 2      # the evidence and the highlighted paste


@pytest.mark.parametrize("payload", PAYLOADS)
def test_test_id(client, fake_engine, payload):
    test_id = f"tests/test_x.py::test_a[{payload}]"
    html = page_for(client, fake_engine, paste=f"{test_id} FAILED\n", test_id=test_id)
    assert_escaped(html, test_id)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_fixture_name(client, fake_engine, payload):
    html = page_for(client, fake_engine, fixture=payload)
    assert_escaped(html, payload)
    assert 'data-crossing="0"' in html        # the crossing that carries the name was drawn


@pytest.mark.parametrize("payload", PAYLOADS)
def test_config_key_and_value(client, fake_engine, payload):
    config = f"[pytest]\nasyncio_mode = auto\n{payload} = 1\nasyncio_default_fixture_loop_scope = {payload}\n"
    html = page_for(client, fake_engine, files=[("pytest.ini", config)], config_value=payload)
    assert_escaped(html, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_file_name(client, fake_engine, payload):
    name = f"tests/{payload}.py"
    html = page_for(client, fake_engine, files=[(name, "import pytest\n")])
    assert_escaped(html, name)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_page_title(client, fake_engine, payload):
    test_id = f"tests/test_x.py::test_a[{payload}]"
    html = page_for(client, fake_engine, test_id=test_id, title=f"Title {payload}")
    title = html.split("<title>")[1].split("</title>")[0]
    assert payload not in title and str(escape(payload)) in title
    assert_escaped(html, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_paste_sent_back_on_the_form(client, payload):
    raw = f"</textarea>{payload}"
    html = client.post("/diagnose", data={"paste": " ", "file_name": raw, "file_text": raw}).get_data(as_text=True)
    assert raw not in html and str(escape(raw)) in html


def test_live_preview_script_never_writes_markup(client):
    script = client.get("/static/app.js").get_data(as_text=True)
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "document.write" not in script


def test_the_api_answers_json_not_html(client, fake_engine):
    response = client.post("/api/v1/diagnose", json={"paste": f"E   RuntimeError: {PAYLOADS[0]}"})
    assert response.mimetype == "application/json"


def test_nothing_is_marked_safe_anywhere():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for path in [*root.joinpath("templates").rglob("*.html"), *root.joinpath("web").rglob("*.py"), root / "app.py"]:
        text = path.read_text(encoding="utf-8")
        for marker in ("|safe", "| safe", "Markup(", "autoescape false", "autoescape=False", "|format_html"):
            assert marker not in text, f"{path.name} uses {marker}"


def test_autoescaping_is_on_for_every_template(app):
    assert all(app.jinja_env.autoescape(name) for name in app.jinja_env.list_templates())
