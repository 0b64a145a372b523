"""Real pastes through the real engine: the page, the API and the library give the same diagnosis."""
import re

import pytest
from markupsafe import escape

import analyzer
from tests.conftest import DATA, data, share, share_id

SEED_CONFIG = "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = session\n"
S01 = data("s01-0.24.0-output-rA.txt")
S01_FILES = [("pytest.ini", data("s01-0.24.0-pytest.ini")), ("tests/conftest.py", data("s01-0.24.0-conftest.py")),
             ("tests/test_users.py", data("s01-0.24.0-test_users.py"))]


@pytest.mark.parametrize("paste, files", [(S01, S01_FILES), (data("seed_report.txt"), [("pytest.ini", SEED_CONFIG)])],
                         ids=["s01", "seed"])
def test_real_paste_page(client, paste, files):
    html = client.get(f"/d/{share_id(share(client, paste=paste, files=files))}").get_data(as_text=True)
    assert "Event-loop mismatch" in html
    assert len(set(re.findall(r'data-loop="([^"]+)"', html))) >= 2
    assert "data-crossing=" in html
    assert 'id="recommended-fix"' in html
    assert 'class="line line--marked"' in html


def test_api_and_library_agree(client):
    body = client.post("/api/v1/diagnose", json={
        "paste": S01, "files": [{"name": n, "text": t} for n, t in S01_FILES]}).get_json()
    direct = analyzer.diagnose(S01, files=S01_FILES).to_dict()
    assert body == direct
    assert body["verdict"] == "loop-mismatch"


def test_stored_result_is_the_diagnosis_of_the_redacted_input(client):
    paste = S01.replace("/home/dev/proj", "/home/alice/proj")
    body = client.post("/api/v1/diagnose", json={"paste": paste, "share": True}).get_json()
    assert "alice" not in str(body)
    stored = client.get(f"/api/v1/d/{body['share']['id']}").get_json()
    assert stored["findings"] == body["findings"]


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_payloads_in_a_real_paste_are_escaped(client, payload):
    paste = (S01.replace("test_select_one", f"test_select_one[{payload}]", 3)
                .replace("attached to a different loop", f"attached to a different loop {payload}"))
    files = [("pytest.ini", data("s01-0.24.0-pytest.ini") + f"\n{payload} = {payload}\n")]
    html = client.get(f"/d/{share_id(share(client, paste=paste, files=files))}").get_data(as_text=True)
    assert payload not in html
    assert str(escape(payload)) in html


CORPUS = sorted((DATA / "corpus").iterdir())


def corpus_input(case):
    files = [(p.name if p.name != "conftest.py" else "tests/conftest.py", p.read_text(encoding="utf-8"))
             for p in sorted(case.iterdir()) if p.name != "output-rA.txt"]
    return (case / "output-rA.txt").read_text(encoding="utf-8"), files


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.name)
def test_corpus_runs_render(client, case):
    from web.views import VERDICT_WORDS

    paste, files = corpus_input(case)
    body = client.post("/api/v1/diagnose", json={"paste": paste, "files": [{"name": n, "text": t} for n, t in files],
                                                 "share": True}).get_json()
    page = client.get(f"/d/{body['share']['id']}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'<h1 id="verdict-title">{escape(VERDICT_WORDS[body["verdict"]][0])}</h1>' in html
    for finding in body["findings"]:
        assert str(escape(finding["title"])) in html
        if finding["fixes"]:
            assert 'id="recommended-fix"' in html
    assert len(re.findall(r'data-loop="', html)) == len(body["timeline"]["loops"])
    if body["verdict"] == "no-failure":
        assert not body["findings"]


def test_binary_junk_is_answered_with_the_engine_reason(client):
    junk = bytes(range(256)).decode("latin-1") * 20
    response = share(client, paste=junk)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "binary" in html and 'role="alert"' in html
    api = client.post("/api/v1/diagnose", json={"paste": junk})
    assert api.status_code == 200 and api.get_json()["verdict"] == "unknown" and "binary" in api.get_json()["reason"]
    assert client.post("/api/v1/diagnose", json={"paste": junk, "share": True}).status_code == 422


def test_text_that_is_not_pytest_output_is_a_normal_unknown_page(client):
    html = client.get(f"/d/{share_id(share(client, paste='hello, world'))}").get_data(as_text=True)
    assert "Not recognised" in html


def test_notes_of_a_passing_run_are_shown(client):
    paste = ("plugins: asyncio-0.23.8\n"
             "  /venv/lib/python3.11/site-packages/_pytest/config/__init__.py:1439: PytestConfigWarning: "
             "Unknown config option: asyncio_default_fixture_loop_scope\n"
             "======================== 2 passed, 1 warning in 0.05s =========================\n")
    page = client.post("/diagnose", data={"paste": paste}, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="notes"' in html
    assert "pytest-asyncio&gt;=0.24" in html


def test_form_boxes_sent_with_crlf_get_the_lf_diff(client):
    # A browser sends a text box's line breaks as CRLF, whatever the file has; the API keeps the ends it is given.
    crlf = [(name, text.replace("\n", "\r\n")) for name, text in S01_FILES]
    ident = share_id(share(client, paste=S01, files=crlf))
    stored = client.get(f"/api/v1/d/{ident}").get_json()
    diff = next(f for f in stored["findings"][0]["fixes"] if f["recommended"])["diff"]
    assert diff == next(f for f in analyzer.diagnose(S01, files=S01_FILES).to_dict()["findings"][0]["fixes"]
                        if f["recommended"])["diff"]
    api = client.post("/api/v1/diagnose", json={"paste": S01, "files": [{"name": n, "text": t} for n, t in crlf]})
    api_diff = next(f for f in api.get_json()["findings"][0]["fixes"] if f["recommended"])["diff"]
    assert "\r\n" in api_diff and api_diff.replace("\r\n", "\n") == diff
