"""Share links: post-redirect-get, unguessable ids, redaction before storing, delete once, expiry, re-run."""
import hashlib
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

import analyzer
from tests.conftest import data, share, share_id


def rows(app):
    db = sqlite3.connect(app.config["DATABASE"])
    db.row_factory = sqlite3.Row
    return db.execute("SELECT * FROM diagnosis").fetchall()


def test_diagnose_stores_and_redirects_to_the_share_page(client, fake_engine):
    response = share(client)
    assert response.status_code == 303
    ident = share_id(response)
    assert len(ident) >= 32          # 24 random bytes or more
    page = client.get(f"/d/{ident}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Event-loop mismatch" in html
    assert '<meta name="robots" content="noindex">' in html
    assert page.headers["X-Robots-Tag"] == "noindex"
    assert f"/d/{ident}" in html


def test_ids_differ_every_time(client, fake_engine):
    assert share_id(share(client)) != share_id(share(client))


def test_the_delete_link_is_shown_once(client, fake_engine):
    ident = share_id(share(client))
    first = client.get(f"/d/{ident}").get_data(as_text=True)
    assert 'id="delete-once"' in first and f"/d/{ident}/delete?token=" in first
    second = client.get(f"/d/{ident}").get_data(as_text=True)
    assert 'id="delete-once"' not in second and "/delete?token=" not in second


def delete_token(client, ident):
    html = client.get(f"/d/{ident}").get_data(as_text=True)
    return html.split(f"/d/{ident}/delete?token=")[1].split('"')[0]


def test_delete_token_is_stored_only_as_a_hash(app, client, fake_engine):
    ident = share_id(share(client))
    token = delete_token(client, ident)
    (row,) = rows(app)
    assert row["delete_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in " ".join(str(v) for v in tuple(row))


def test_delete_confirm_then_post_then_gone(client, fake_engine):
    ident = share_id(share(client))
    token = delete_token(client, ident)
    confirm = client.get(f"/d/{ident}/delete?token={token}")
    assert confirm.status_code == 200
    html = confirm.get_data(as_text=True)
    assert f'action="/d/{ident}/delete"' in html and f'value="{token}"' in html and 'method="post"' in html
    assert client.get(f"/d/{ident}").status_code == 200     # the confirm page deletes nothing
    done = client.post(f"/d/{ident}/delete", data={"token": token})
    assert done.status_code == 200 and "Deleted" in done.get_data(as_text=True)
    gone = client.get(f"/d/{ident}")
    assert gone.status_code == 410 and "Gone" in gone.get_data(as_text=True)
    assert client.get(f"/api/v1/d/{ident}").status_code == 410
    assert client.get(f"/d/{ident}/fix/0/0.patch").status_code == 410


def test_delete_with_a_wrong_token_is_refused(client, fake_engine):
    ident = share_id(share(client))
    assert client.get(f"/d/{ident}/delete?token=nope").status_code == 403
    assert client.post(f"/d/{ident}/delete", data={"token": "nope"}).status_code == 403
    assert client.post(f"/d/{ident}/delete", data={}).status_code == 403
    assert client.get(f"/d/{ident}").status_code == 200


def test_deleted_data_is_erased(app, client, fake_engine):
    ident = share_id(share(client, paste="tests/t.py::test_a FAILED\nE RuntimeError: unique-marker-123\n"))
    token = delete_token(client, ident)
    client.post(f"/d/{ident}/delete", data={"token": token})
    (row,) = rows(app)
    assert row["input_json"] is None and row["result_json"] is None and row["deleted_at"]


def test_unknown_id_is_404(client):
    assert client.get("/d/not-a-real-id").status_code == 404
    assert client.get("/api/v1/d/not-a-real-id").status_code == 404


def expire(app, ident):
    db = sqlite3.connect(app.config["DATABASE"])
    past = (datetime.now(timezone.utc) - timedelta(seconds=1)).replace(microsecond=0).isoformat()
    db.execute("UPDATE diagnosis SET expires_at = ? WHERE id = ?", (past, ident))
    db.commit()


def test_expired_links_answer_410(app, client, fake_engine):
    ident = share_id(share(client))
    expire(app, ident)
    page = client.get(f"/d/{ident}")
    assert page.status_code == 410 and "expired" in page.get_data(as_text=True)
    api = client.get(f"/api/v1/d/{ident}")
    assert api.status_code == 410 and "expired" in api.get_json()["error"]
    (row,) = rows(app)
    assert row["input_json"] is None     # expired input is forgotten


@pytest.mark.parametrize("choice, days", [("1d", 1), ("1w", 7), ("1m", 30), ("6m", 182), ("bogus", 30)])
def test_expiry_comes_from_the_configured_choices(app, client, fake_engine, choice, days):
    share_id(share(client, expires=choice))
    (row,) = rows(app)
    lifetime = datetime.fromisoformat(row["expires_at"]) - datetime.fromisoformat(row["created_at"])
    assert lifetime == timedelta(days=days)


SECRET_PASTE = """tests/test_db.py::test_query FAILED
E   RuntimeError: connecting to postgresql://app:hunter2pw@db:5432/app failed
File "/home/alice/proj/tests/test_db.py", line 3
headers = {'Authorization': 'Bearer abc.def.ghi'}
"""


def test_secrets_are_redacted_before_storing_and_the_page_says_so(app, client, fake_engine):
    ident = share_id(share(client, paste=SECRET_PASTE,
                           files=[("tests/conftest.py", "TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'\n")]))
    (row,) = rows(app)
    stored = " ".join(str(v) for v in tuple(row))
    for secret in ("hunter2pw", "alice", "Bearer abc.def.ghi", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"):
        assert secret not in stored
    # The engine saw only the redacted text, so the stored result matches what is shown.
    pasted, files, _ = fake_engine.calls[-1]
    assert "hunter2pw" not in pasted and "/home/<user>/" in pasted
    assert "ghp_" not in files[0][1]
    html = client.get(f"/d/{ident}").get_data(as_text=True)
    assert "hunter2pw" not in html and "alice" not in html
    assert 'id="redactions"' in html
    assert "1 × url-password" in html and "1 × home-directory" in html and "1 × github-token" in html
    assert "test_query" in html       # names are kept


def test_patch_download(client, fake_engine):
    ident = share_id(share(client))
    response = client.get(f"/d/{ident}/fix/0/0.patch")
    assert response.status_code == 200
    assert response.mimetype == "text/x-diff"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert ".patch" in response.headers["Content-Disposition"]
    assert response.get_data(as_text=True).startswith("diff --git a/")
    assert client.get(f"/d/{ident}/fix/0/2.patch").status_code == 404   # a fix without a diff
    assert client.get(f"/d/{ident}/fix/5/0.patch").status_code == 404


def test_an_outdated_diagnosis_offers_a_rerun(app, client, fake_engine, monkeypatch):
    ident = share_id(share(client))
    assert 'id="outdated"' not in client.get(f"/d/{ident}").get_data(as_text=True)
    monkeypatch.setattr(analyzer, "__version__", "99.0.0")
    html = client.get(f"/d/{ident}").get_data(as_text=True)
    assert 'id="outdated"' in html and f'action="/d/{ident}/rerun"' in html
    before = len(fake_engine.calls)
    response = client.post(f"/d/{ident}/rerun")
    assert response.status_code == 303
    new = share_id(response)
    assert new != ident and len(fake_engine.calls) == before + 1
    assert fake_engine.calls[-1][0] == fake_engine.calls[0][0]   # the stored redacted input again
    assert client.get(f"/d/{new}").status_code == 200


def test_rerun_of_an_unknown_id_is_404(client):
    assert client.post("/d/nope/rerun").status_code == 404


def test_the_page_renders_the_stored_input_with_anchors(client, fake_engine):
    ident = share_id(share(client, paste=data("s01-0.24.0-output-rA.txt"),
                           files=[("pytest.ini", data("s01-0.24.0-pytest.ini"))]))
    html = client.get(f"/d/{ident}").get_data(as_text=True)
    assert 'id="paste-L1"' in html and 'id="file-1-L1"' in html
    assert 'class="line line--marked" id="paste-L' in html
    assert 'href="#file-1-L1"' in html


def test_expired_input_is_erased_when_anything_is_stored(app, client, fake_engine):
    old = share_id(share(client))
    expire(app, old)
    share_id(share(client))
    by_id = {row["id"]: row for row in rows(app)}
    assert by_id[old]["input_json"] is None and by_id[old]["result_json"] is None
    assert client.get(f"/d/{old}").status_code == 410
