"""The timeline: loops, ordered steps and crossings; exact from --setup-show, inferred otherwise."""
from pathlib import Path

from analyzer import diagnose

DATA = Path(__file__).parent / "data" / "engine"


def test_setup_show_gives_exact_order_and_crossings():
    timeline = diagnose((DATA / "setup-show-1.5.0.txt").read_text()).to_dict()["timeline"]
    assert [(l["id"], l["scope"]) for l in timeline["loops"]] == [
        ("session-loop", "session"), ("function-loop-1", "function"), ("function-loop-2", "function")]
    steps = [(s["kind"], s["name"], s["loop"], s["outcome"]) for s in timeline["steps"]]
    assert steps == [
        ("loop-created", "session loop", "session-loop", None),
        ("fixture-setup", "pending", "session-loop", None),
        ("loop-created", "function loop #1", "function-loop-1", None),
        ("test-call", "test_q.py::test_one", "function-loop-1", "failed"),
        ("loop-closed", "function loop #1", "function-loop-1", None),
        ("fixture-teardown", "pending", "session-loop", None),
        ("fixture-setup", "pending", "session-loop", None),
        ("loop-created", "function loop #2", "function-loop-2", None),
        ("test-call", "test_q.py::test_two", "function-loop-2", "failed"),
        ("loop-closed", "function loop #2", "function-loop-2", None),
        ("fixture-teardown", "pending", "session-loop", None),
        ("loop-closed", "session loop", "session-loop", None),
    ]
    assert [s["order"] for s in timeline["steps"]] == list(range(1, 13))
    assert not any(s["inferred"] for s in timeline["steps"][:-1])  # only the run's end is inferred
    assert timeline["crossings"] == [
        {"object": "pending", "created_on": "session-loop", "used_on": "function-loop-1", "at": "test_q.py::test_one"},
        {"object": "pending", "created_on": "session-loop", "used_on": "function-loop-2", "at": "test_q.py::test_two"},
    ]
    closed = {l["id"]: l["closed_at"] for l in timeline["loops"]}
    assert closed == {"function-loop-1": 5, "function-loop-2": 10, "session-loop": 12}


def test_without_setup_show_steps_are_inferred():
    timeline = diagnose((DATA / "s01-1.5.0-rA.txt").read_text()).to_dict()["timeline"]
    assert {l["scope"] for l in timeline["loops"]} == {"session", "function"}
    assert all(s["inferred"] for s in timeline["steps"] if s["kind"] != "loop-closed" or s["loop"] == "session-loop")
    assert [c["object"] for c in timeline["crossings"]] == ["db_session", "db_session"]


def test_no_timeline_for_a_passing_run_or_a_non_loop_failure():
    passing = "tests/test_a.py::test_1 PASSED\n==== 1 passed in 0.01s ====\n"
    assert diagnose(passing).to_dict()["timeline"] == {"loops": [], "steps": [], "crossings": []}
    busy = ("E   asyncpg.exceptions._base.InterfaceError: cannot perform operation: another operation is in progress\n"
            "==== 1 failed in 0.2s ====\n")
    result = diagnose(busy).to_dict()
    assert result["verdict"] == "not-loop-related"
    assert result["timeline"]["steps"] == []
