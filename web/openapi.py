"""The OpenAPI 3.1 description of the JSON API (schema 1 of the result, CONTRACT.md)."""
from __future__ import annotations

import analyzer

NULLABLE_STR = {"type": ["string", "null"]}
VERDICTS = ["loop-mismatch", "asyncio-misconfiguration", "not-loop-related", "no-failure", "unknown"]
SCOPES = ["session", "package", "module", "class", "function", "foreign"]
STEP_KINDS = ["fixture-setup", "test-call", "fixture-teardown", "loop-created", "loop-closed"]


def _error(text: str) -> dict:
    return {"description": text, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
    "File": {"type": "object", "required": ["text"],
             "properties": {"name": {"type": "string", "description": "pytest.ini, pyproject.toml, tests/conftest.py…; "
                                                                     "guessed from the text when empty"},
                            "text": {"type": "string"}}},
    "DiagnoseRequest": {
        "type": "object", "required": ["paste"],
        "properties": {
            "paste": {"type": "string", "description": "pytest output as copied"},
            "files": {"type": "array", "items": {"$ref": "#/components/schemas/File"}},
            "hints": {"type": "object", "properties": {"pytest_asyncio_version": {"type": "string"},
                                                       "python_version": {"type": "string"}}},
            "share": {"type": "boolean", "default": False,
                      "description": "store the (redacted) diagnosis and answer a share link"},
            "expires": {"type": "string", "description": "share lifetime key, e.g. 1d, 1w, 1m, 6m"},
        },
    },
    "Evidence": {"type": "object", "required": ["file", "line", "text"],
                 "properties": {"file": {"type": "string"}, "line": {"type": "integer"}, "text": {"type": "string"}}},
    "Fix": {
        "type": "object",
        "required": ["kind", "title", "explanation", "tradeoff", "recommended", "requires", "diff"],
        "properties": {"kind": {"type": "string"}, "title": {"type": "string"}, "explanation": {"type": "string"},
                       "tradeoff": {"type": "string"}, "recommended": {"type": "boolean"},
                       "requires": NULLABLE_STR, "diff": NULLABLE_STR},
    },
    "Finding": {
        "type": "object",
        "required": ["pattern", "code", "title", "summary", "confidence", "evidence", "affected_tests", "fixes"],
        "properties": {
            "pattern": {"type": "string"}, "code": {"type": "string"}, "title": {"type": "string"},
            "summary": {"type": "string"}, "confidence": {"type": "string", "enum": ["high", "medium", "low"]},
            "evidence": {"type": "array", "items": {"$ref": "#/components/schemas/Evidence"}},
            "affected_tests": {"type": "array", "items": {"type": "string"}},
            "fixes": {"type": "array", "items": {"$ref": "#/components/schemas/Fix"}},
        },
    },
    "Environment": {
        "type": "object",
        "properties": {
            **{key: NULLABLE_STR for key in ("python_version", "pytest_version", "pytest_asyncio_version", "platform",
                                              "asyncio_mode", "default_fixture_loop_scope", "default_test_loop_scope",
                                              "config_file")},
            "sources": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    },
    "Timeline": {
        "type": "object",
        "properties": {
            "loops": {"type": "array", "items": {
                "type": "object", "required": ["id", "scope", "label"],
                "properties": {"id": {"type": "string"}, "scope": {"type": "string", "enum": SCOPES},
                               "label": {"type": "string"}, "closed_at": {"type": ["integer", "null"]}}}},
            "steps": {"type": "array", "items": {
                "type": "object", "required": ["order", "kind", "name", "loop"],
                "properties": {"order": {"type": "integer"}, "kind": {"type": "string", "enum": STEP_KINDS},
                               "name": {"type": "string"}, "loop": {"type": "string"},
                               "outcome": {"type": ["string", "null"]}, "inferred": {"type": "boolean"}}}},
            "crossings": {"type": "array", "items": {
                "type": "object", "required": ["object", "created_on", "used_on"],
                "properties": {"object": {"type": "string"}, "created_on": {"type": "string"},
                               "used_on": {"type": "string"}, "at": NULLABLE_STR}}},
        },
    },
    "Redaction": {"type": "object", "properties": {"kind": {"type": "string"}, "count": {"type": "integer"},
                                                   "reason": {"type": "string"}}},
    "Share": {"type": "object", "required": ["id", "url", "expires_at"],
              "properties": {"id": {"type": "string"}, "url": {"type": "string", "format": "uri"},
                             "delete_url": {"type": "string", "format": "uri",
                                            "description": "shown only in the answer that created the share"},
                             "expires_at": {"type": "string", "format": "date-time"}}},
    "Result": {
        "type": "object",
        "required": ["schema", "analyzer_version", "verdict", "environment", "findings", "timeline", "assumptions"],
        "properties": {
            "schema": {"type": "integer", "const": 1},
            "analyzer_version": {"type": "string"},
            "verdict": {"type": "string", "enum": VERDICTS},
            "environment": {"$ref": "#/components/schemas/Environment"},
            "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
            "timeline": {"$ref": "#/components/schemas/Timeline"},
            "assumptions": {"type": "array", "items": {"type": "string"}},
            "reason": NULLABLE_STR,
            "share": {"$ref": "#/components/schemas/Share"},
            "redactions": {"type": "array", "items": {"$ref": "#/components/schemas/Redaction"}},
        },
    },
}


def description(server: str) -> dict:
    """The OpenAPI document, with ``server`` as the base address."""
    result = {"application/json": {"schema": {"$ref": "#/components/schemas/Result"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Loop Doctor API", "version": analyzer.__version__,
                 "description": "Diagnose pytest-asyncio event-loop failures from pytest output."},
        "servers": [{"url": server}],
        "paths": {
            "/api/v1/diagnose": {"post": {
                "operationId": "diagnose",
                "summary": "Diagnose pytest output; with share=true, store it and answer a share link",
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/DiagnoseRequest"}}}},
                "responses": {"200": {"description": "the diagnosis", "content": result},
                              "400": _error("malformed body or empty paste"),
                              "413": _error("body over the size limit"),
                              "422": _error("share asked for input that cannot be read as text"),
                              "429": _error("too many requests from this address")},
            }},
            "/api/v1/d/{id}": {"get": {
                "operationId": "getDiagnosis",
                "summary": "A shared diagnosis",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "the stored diagnosis", "content": result},
                              "404": _error("unknown id"),
                              "410": _error("expired or deleted")},
            }},
            "/api/v1/openapi.json": {"get": {
                "operationId": "openapi",
                "summary": "This description",
                "responses": {"200": {"description": "OpenAPI 3.1 document",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}},
            }},
        },
        "components": {"schemas": SCHEMAS},
    }
