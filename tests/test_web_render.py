"""Highlighting yields tokens, not markup; long inputs keep the evidence; the timeline is placed sanely."""
from analyzer.model import PASTE
from web import render
from web.timeline import BOX_W, layout


def text_of(lines):
    return "\n".join("".join(value for _, value in line) for line in lines)


def test_tokens_reproduce_the_text_line_for_line():
    source = "[pytest]\nasyncio_mode = auto\n\n# comment\n"
    lines = render.token_lines(source, render.lexer_for("pytest.ini"))
    assert len(lines) == 4 and text_of(lines) == source.rstrip("\n")
    assert any(cls for line in lines for cls, _ in line)


def test_line_count_matches_with_and_without_a_final_newline():
    for source, count in [("a", 1), ("a\n", 1), ("a\n\nb", 3), ("", 0), ("a\r\nb\rc", 3)]:
        assert len(render.token_lines(source, render.lexer_for(None))) == count, source


def test_ansi_codes_and_control_characters_are_not_shown():
    lines = render.token_lines("\x1b[31mFAILED\x1b[0m x\x07y", render.lexer_for(None))
    assert text_of(lines) == "FAILED x\N{REPLACEMENT CHARACTER}y"


def test_lexers_by_name():
    assert render.lexer_for("tests/conftest.py").name == "Python"
    assert render.lexer_for("pyproject.toml").name == "TOML"
    assert render.lexer_for("tox.ini").name == "INI"
    assert render.lexer_for("setup.cfg").name == "INI"
    assert render.lexer_for("notes").name == "Text only"
    assert render.lexer_for(None).name == "pytest output"


def test_pytest_output_tokens():
    lines = render.token_lines("E   RuntimeError: boom\n==== FAILURES ====\n", render.lexer_for(None))
    assert lines[0] == [("gr", "E   RuntimeError: boom")]
    assert lines[1] == [("gh", "==== FAILURES ====")]


def test_long_text_keeps_its_start_and_the_evidence():
    source = "\n".join(f"line {n}" for n in range(1, 10_001))
    rows = render.code_rows(source, render.lexer_for(None), {5000}, max_lines=300)
    shown = [row.number for row in rows if not row.gap]
    assert 1 in shown and 100 in shown and 5000 in shown and 9000 not in shown
    assert any(row.marked and row.number == 5000 for row in rows)
    assert sum(row.gap for row in rows) + len(shown) == 10_000


def test_diff_tokens():
    lines = render.diff_lines("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n")
    assert ("gd", "-old") in lines[3] and ("gi", "+new") in lines[4]


def test_kb_paragraphs_mark_inline_code():
    assert render.paragraphs("Set `asyncio_mode`.\n\nSecond.") == [
        [("text", "Set "), ("code", "asyncio_mode"), ("text", ".")], [("text", "Second.")]]


TIMELINE = {
    "loops": [{"id": "S", "scope": "session", "label": "session loop", "closed_at": None},
              {"id": "F1", "scope": "function", "label": "function loop #1", "closed_at": 3}],
    "steps": [{"order": 1, "kind": "fixture-setup", "name": "db", "loop": "S", "outcome": None, "inferred": False},
              {"order": 2, "kind": "loop-created", "name": "F1", "loop": "F1", "outcome": None, "inferred": True},
              {"order": 3, "kind": "test-call", "name": "tests/t.py::test_a[x]", "loop": "F1", "outcome": "failed",
               "inferred": False},
              {"order": 4, "kind": "fixture-teardown", "name": "db", "loop": "S", "outcome": None, "inferred": True}],
    "crossings": [{"object": "db", "created_on": "S", "used_on": "F1", "at": "tests/t.py::test_a[x]"}],
}


def test_layout_places_boxes_in_step_order_on_their_lanes():
    picture = layout(TIMELINE)
    assert [lane.id for lane in picture.lanes] == ["S", "F1"]
    assert [box.order for box in picture.boxes] == [1, 3, 4]
    xs = [box.x for box in picture.boxes]
    assert xs == sorted(xs)
    setup, call, teardown = picture.boxes
    assert setup.y < call.y and setup.y == teardown.y
    assert call.short == "test_a[x]" and teardown.inferred
    assert picture.lanes[1].closed and not picture.lanes[0].closed
    assert picture.lanes[1].x2 >= call.x + BOX_W


def test_layout_draws_each_crossing_from_maker_to_user():
    (arrow,) = layout(TIMELINE).arrows
    assert arrow.object == "db" and arrow.created_on == "S" and arrow.used_on == "F1"
    assert arrow.path.startswith("M ") and all(ch in "MVH .0123456789-" for ch in arrow.path)


def test_layout_of_nothing():
    assert layout({}) is None
    assert layout({"loops": [{"id": "a", "scope": "function", "label": "x"}]}).boxes == []


def test_evidence_anchors(app):
    from web.page import diagnosis_page
    from web.store import Stored, now

    result = {"findings": [{"evidence": [{"file": PASTE, "line": 2, "text": "b"},
                                         {"file": "conftest.py", "line": 1, "text": "x"},
                                         {"file": "other.py", "line": 1, "text": "y"}]}]}
    stored = Stored("id", now(), now(), "0.1.0", {"paste": "a\nb\n", "files": [
        {"name": "tests/conftest.py", "text": "x\n"}]}, result, [])
    page = diagnosis_page(stored, 100)
    assert [e["href"] for e in page.evidence[0]] == ["#paste-L2", "#file-1-L1", None]
    assert page.sources[0].rows[1].marked and page.sources[1].rows[0].marked


def test_setting_sources_link_to_their_line(app):
    from web.page import diagnosis_page
    from web.store import Stored, now

    result = {"environment": {"asyncio_mode": "auto", "sources": {
        "asyncio_mode": "<paste>:7", "default_fixture_loop_scope": "pytest.ini:3",
        "default_test_loop_scope": "unset (default for 0.24.0)"}}}
    stored = Stored("id", now(), now(), "0.1.0", {"paste": "a\n", "files": [{"name": "pytest.ini", "text": "x\n"}]},
                    result, [])
    rows = {row["field"]: row for row in diagnosis_page(stored, 100).environment}
    assert (rows["asyncio_mode"]["source"], rows["asyncio_mode"]["source_href"]) == ("pytest output:7", "#paste-L7")
    assert rows["default_fixture_loop_scope"]["source_href"] == "#file-1-L3"
    assert rows["default_test_loop_scope"] == {**rows["default_test_loop_scope"],
                                               "source": "unset (default for 0.24.0)", "source_href": None}
