"""Fixtures for the web tests: an app on a temporary instance folder, its client, fixed results."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import analyzer
from analyzer.model import (Confidence, Crossing, Environment, Evidence, Finding, Fix, FixKind, Loop, Pattern,
                            Result, Scope, Step, StepKind, Timeline, Verdict)

DATA = Path(__file__).parent / "data" / "web"

DIFF = """diff --git a/pytest.ini b/pytest.ini
--- a/pytest.ini
+++ b/pytest.ini
@@ -1,3 +1,3 @@
 [pytest]
 asyncio_mode = auto
-asyncio_default_fixture_loop_scope = session
+asyncio_default_fixture_loop_scope = function
"""


def data(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.fixture
def app(tmp_path):
    from app import create_app

    return create_app({
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret",
        "RATELIMIT_ENABLED": False,
    })


@pytest.fixture
def client(app):
    return app.test_client()


def sample_result(paste: str = "", files=(), hints=None, *, test_id: str | None = None, fixture: str = "db_session",
                  message: str | None = None, title: str = "An async fixture runs on a wider loop than its test",
                  config_value: str = "session", file_name: str | None = None) -> Result:
    """A fixed loop-mismatch result shaped like the engine's, echoing parts of the input."""
    lines = paste.splitlines() or [""]
    error_line = next((i for i, line in enumerate(lines, 1) if "Error" in line), 1)
    tests = re.findall(r"\S+\.py::[^\s]+", paste)
    test_id = test_id or (tests[0] if tests else "tests/test_users.py::test_select_one")
    files = list(files)
    config_name = file_name or (files[0][0] if files else "pytest.ini")
    evidence = [Evidence("<paste>", error_line, message or lines[error_line - 1])]
    if files:
        evidence.append(Evidence(config_name, 1, files[0][1].splitlines()[0] if files[0][1] else ""))
    fixes = [
        Fix(FixKind.SET_DEFAULT_FIXTURE_LOOP_SCOPE, "Run fixtures on the test's loop",
            "Set asyncio_default_fixture_loop_scope to function.", "Fixtures are set up once per test.",
            recommended=True, requires="pytest-asyncio>=0.24", diff=DIFF.replace("pytest.ini", config_name)),
        Fix(FixKind.SET_DEFAULT_TEST_LOOP_SCOPE, "Run tests on the session loop",
            "Set asyncio_default_test_loop_scope to session.", "Tests share one loop.",
            requires="pytest-asyncio>=0.26", diff="--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"),
        Fix(FixKind.OTHER, "Explain in words", "No diff for this one.", "None."),
    ]
    finding = Finding(Pattern.FIXTURE_LOOP_WIDER, "LD001", title,
                      f"{fixture} was set up on the session loop; {test_id} awaited it on its own loop.",
                      Confidence.HIGH, evidence, [test_id], fixes)
    env = Environment(python_version="3.11.7", pytest_version="8.4.2", pytest_asyncio_version="0.24.0",
                      asyncio_mode="auto", default_fixture_loop_scope=config_value, config_file=config_name,
                      sources={"default_fixture_loop_scope": f"{config_name}:3", "asyncio_mode": "paste:7"})
    timeline = Timeline(
        loops=[Loop("L1", Scope.SESSION, "session loop"), Loop("L2", Scope.FUNCTION, "function loop #1", closed_at=3),
               Loop("L3", Scope.FUNCTION, "function loop #2", closed_at=6)],
        steps=[Step(1, StepKind.FIXTURE_SETUP, fixture, "L1"),
               Step(2, StepKind.TEST_CALL, test_id, "L2", "failed"),
               Step(3, StepKind.FIXTURE_TEARDOWN, fixture, "L1", inferred=True),
               Step(4, StepKind.FIXTURE_SETUP, fixture, "L1", inferred=True),
               Step(5, StepKind.TEST_CALL, test_id + "x", "L3", "failed"),
               Step(6, StepKind.FIXTURE_TEARDOWN, fixture, "L1", inferred=True)],
        crossings=[Crossing(fixture, "L1", "L2", test_id), Crossing(fixture, "L1", "L3", test_id + "x")],
    )
    return Result(Verdict.LOOP_MISMATCH, analyzer.__version__, env, [finding], timeline,
                  ["No config file was given: assumed pytest.ini."])


class FakeEngine:
    """Stands in for ``analyzer.diagnose``: ``make(paste, files, hints)`` builds the result."""

    def __init__(self):
        self.calls = []
        self.make = lambda paste, files, hints: sample_result(paste, files, hints)

    def __call__(self, paste, files=(), hints=None):
        self.calls.append((paste, list(files), dict(hints or {})))
        return self.make(paste, list(files), hints or {})


@pytest.fixture
def fake_engine(monkeypatch):
    engine = FakeEngine()
    monkeypatch.setattr(analyzer, "diagnose", engine)
    return engine


def engine_ready() -> bool:
    try:
        analyzer.diagnose("x")
        return True
    except Exception:
        return False


def share(client, paste="tests/test_users.py::test_select_one FAILED\nE   RuntimeError: attached to a different loop\n",
          files=(), version="", expires="1m"):
    """Post the paste form; returns the response (a 303 to the share page when it worked)."""
    names = [n for n, _ in files] or [""]
    texts = [t for _, t in files] or [""]
    return client.post("/diagnose", data={"paste": paste, "file_name": names, "file_text": texts,
                                          "pytest_asyncio_version": version, "expires": expires})


def share_id(response) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return response.headers["Location"].rsplit("/d/", 1)[1]
