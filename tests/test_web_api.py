"""The JSON API of CONTRACT.md: diagnose, share, fetch, the OpenAPI description, errors as JSON."""
import json

import pytest
from openapi_spec_validator import validate

CONTRACT_KEYS = ["schema", "analyzer_version", "verdict", "environment", "findings", "timeline", "assumptions"]
PASTE = "tests/test_users.py::test_select_one FAILED\nE   RuntimeError: attached to a different loop\n"


def post(client, body, **kwargs):
    return client.post("/api/v1/diagnose", json=body, **kwargs)


def test_diagnose_answers_the_contract_json(client, fake_engine):
    response = post(client, {"paste": PASTE, "files": [{"name": "pytest.ini", "text": "[pytest]\n"}],
                             "hints": {"pytest_asyncio_version": "0.24.0"}})
    assert response.status_code == 200
    body = response.get_json()
    assert all(key in body for key in CONTRACT_KEYS)
    assert body["schema"] == 1 and body["verdict"] == "loop-mismatch"
    assert "share" not in body
    paste, files, hints = fake_engine.calls[-1]
    assert paste == PASTE and files == [("pytest.ini", "[pytest]\n")] and hints == {"pytest_asyncio_version": "0.24.0"}


def test_unnamed_files_get_a_name(client, fake_engine):
    post(client, {"paste": PASTE, "files": [{"text": "[pytest]\nasyncio_mode = auto\n"}]})
    (name, _), = fake_engine.calls[-1][1]
    assert name


def test_share_stores_and_answers_the_links(client, fake_engine):
    response = post(client, {"paste": PASTE, "share": True, "expires": "1w"})
    assert response.status_code == 200
    body = response.get_json()
    share = body["share"]
    assert set(share) >= {"id", "url", "delete_url", "expires_at"}
    assert share["url"].endswith(f"/d/{share['id']}") and share["url"].startswith("http")
    assert f"/d/{share['id']}/delete?token=" in share["delete_url"]
    fetched = client.get(f"/api/v1/d/{share['id']}")
    assert fetched.status_code == 200
    stored = fetched.get_json()
    assert stored["verdict"] == body["verdict"] and "delete_url" not in stored["share"]
    assert fetched.headers["X-Robots-Tag"] == "noindex"
    # The delete link from the API works.
    token = share["delete_url"].split("token=")[1]
    assert client.post(f"/d/{share['id']}/delete", data={"token": token}).status_code == 200
    assert client.get(f"/api/v1/d/{share['id']}").status_code == 410


def test_share_redacts(client, fake_engine):
    body = post(client, {"paste": PASTE + "password=hunter22\n", "share": True}).get_json()
    assert {"kind": "secret-value", "count": 1} .items() <= body["redactions"][0].items()
    assert "hunter22" not in json.dumps(client.get(f"/api/v1/d/{body['share']['id']}").get_json())


@pytest.mark.parametrize("kwargs, message", [
    ({"data": "paste=x", "content_type": "application/x-www-form-urlencoded"}, "JSON"),
    ({"data": "{not json", "content_type": "application/json"}, "JSON object"),
    ({"json": ["a list"]}, "JSON object"),
    ({"json": {}}, "pytest output"),
    ({"json": {"paste": ""}}, "empty"),
    ({"json": {"paste": "   \n"}}, "empty"),
    ({"json": {"paste": 12}}, "text"),
    ({"json": {"paste": "x", "files": "pytest.ini"}}, "files"),
    ({"json": {"paste": "x", "files": [{"name": "a", "text": 3}]}}, "text"),
    ({"json": {"paste": "x", "hints": []}}, "hints"),
    ({"json": {"paste": "x", "hints": {"pytest_asyncio_version": "latest; rm -rf"}}}, "version"),
    ({"json": {"paste": "x", "share": "yes"}}, "share"),
    ({"json": {"paste": "x", "share": True, "expires": "forever"}}, "expires"),
])
def test_malformed_bodies_are_400_json(client, fake_engine, kwargs, message):
    response = client.post("/api/v1/diagnose", **kwargs)
    assert response.status_code == 400
    assert response.is_json and message in response.get_json()["error"]


def test_oversize_body_is_413_json(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = post(client, {"paste": "x" * 5000})
    assert response.status_code == 413
    assert response.is_json and "limit" in response.get_json()["error"]


def test_unreadable_input_answers_the_reason(client, fake_engine):
    from analyzer.model import Result, Verdict

    fake_engine.make = lambda *a: Result(Verdict.UNKNOWN, "0.1.0", reason="This looks like binary data.",
                                          unreadable=True)
    plain = post(client, {"paste": "\x00\x01\x02 binary"})
    assert plain.status_code == 200 and plain.get_json()["reason"] == "This looks like binary data."
    shared = post(client, {"paste": "\x00\x01\x02 binary", "share": True})
    assert shared.status_code == 422 and shared.get_json()["error"] == "This looks like binary data."


def test_unknown_api_paths_and_methods_answer_json(client):
    missing = client.get("/api/v1/nothing")
    assert missing.status_code == 404 and missing.is_json
    wrong = client.get("/api/v1/diagnose")
    assert wrong.status_code == 405 and wrong.is_json and "POST" in wrong.headers["Allow"]


def test_openapi_description_is_valid(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    assert set(spec["paths"]) == {"/api/v1/diagnose", "/api/v1/d/{id}", "/api/v1/openapi.json"}
    assert {"200", "400", "413"} <= set(spec["paths"]["/api/v1/diagnose"]["post"]["responses"])
    assert {"200", "404", "410"} <= set(spec["paths"]["/api/v1/d/{id}"]["get"]["responses"])


def test_results_match_the_openapi_schema(client, fake_engine):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    spec = client.get("/api/v1/openapi.json").get_json()
    schema = {"$ref": "urn:spec#/components/schemas/Result"}
    registry = Registry().with_resource("urn:spec", Resource.opaque(spec))
    body = post(client, {"paste": PASTE, "share": True}).get_json()
    Draft202012Validator(schema, registry=registry).validate(body)
