"""normalise(): cleaning a paste while keeping every line's original number."""
from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from analyzer.text import UnreadableInput, normalise

PASTES = Path(__file__).parent / "data" / "pastes"


def read(name: str) -> str:
    return (PASTES / name).read_text(encoding="utf-8")


def texts(paste) -> list[str]:
    return [line.text for line in normalise(paste).lines]


# ---- the line map -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["s01_1.5.0_rA.txt", "seed_report.txt", "s05_1.5.0_vv.txt"])
def test_one_line_per_original_line_numbered_from_one(name):
    paste = read(name)
    text = normalise(paste)
    assert text.original == paste
    assert len(text) == len(paste.splitlines())
    assert [line.number for line in text] == list(range(1, len(paste.splitlines()) + 1))


def test_real_output_is_unchanged():
    paste = read("s01_1.5.0_rA.txt")
    text = normalise(paste)
    assert [line.text for line in text] == [raw.rstrip() for raw in paste.splitlines()]
    assert text.notes == []


def test_seed_keeps_the_wrapped_lines_apart_with_their_numbers():
    lines = normalise(read("seed_report.txt")).lines
    assert lines[10].number == 11
    assert lines[10].text == "E RuntimeError: Task <Task pending name='Task-14' coro=<test_job_api() running at"
    assert lines[11].text == r"tests\api\test_jobs.py:18> cb=[_run_until_complete_cb() at"
    assert lines[14].text == r"C:\...\asyncio\futures.py:391]> attached to a different loop"
    assert all(line.continued == [] for line in lines)


# ---- line endings, colour, control characters ---------------------------------------------------

def test_crlf():
    text = normalise("collected 2 items\r\n\r\nFAILED a.py::t\r\n")
    assert [l.text for l in text] == ["collected 2 items", "", "FAILED a.py::t"]
    assert "converted CRLF line endings" in text.notes


def test_lone_cr_is_a_line_break_like_splitlines():
    text = normalise("collecting ... \rcollected 2 items\nnext")
    assert [l.text for l in text] == ["collecting ...", "collected 2 items", "next"]
    assert [l.number for l in text] == [1, 2, 3]
    assert "treated lone carriage returns as line breaks" in text.notes


def test_ansi_colour_codes():
    text = normalise("\x1b[31m\x1b[1mE   RuntimeError: Event loop is closed\x1b[0m\n"
                     "\x1b[32m1 passed\x1b[0m\x1b[31m, \x1b[1m1 failed\x1b[0m\x1b[31m in 0.1s\x1b[0m")
    assert [l.text for l in text] == ["E   RuntimeError: Event loop is closed", "1 passed, 1 failed in 0.1s"]
    assert "removed ANSI colour codes" in text.notes


def test_colour_codes_that_lost_their_escape_byte():
    paste = "[1m[31mE   RuntimeError: boom[0m\n[32m1 passed[0m\n1m___ ERROR at setup of test_x ___\n"
    assert texts(paste) == ["E   RuntimeError: boom", "1 passed", "___ ERROR at setup of test_x ___"]


def test_a_test_id_like_colour_code_survives_when_the_paste_has_no_other_codes():
    assert texts("tests/test_a.py::test_t[1m] PASSED") == ["tests/test_a.py::test_t[1m] PASSED"]


def test_control_characters_and_invisible_spaces():
    assert texts("collected 2 items\n" * 20 + "a\x08b\x00c\u200bd\xa0e")[-1] == "abcd e"


def test_tabs_expanded():
    text = normalise("def f():\n\treturn 1")
    assert [l.text for l in text] == ["def f():", "    return 1"]
    assert "expanded tabs" in text.notes


# ---- CI prefixes --------------------------------------------------------------------------

def test_github_actions_timestamps_and_markers():
    paste = ("2024-05-01T10:00:00.1234567Z ##[group]Run python -m pytest -rA\n"
             "2024-05-01T10:00:00.1234567Z python -m pytest -rA\n"
             "2024-05-01T10:00:01.0000000Z ##[endgroup]\n"
             "2024-05-01T10:00:02.5000000Z ============================= test session starts ==============================\n"
             "2024-05-01T10:00:03.5000000Z \n"
             "2024-05-01T10:00:04.5000000Z ##[error]Process completed with exit code 1.")
    text = normalise(paste)
    assert [l.text for l in text] == [
        "Run python -m pytest -rA", "python -m pytest -rA", "",
        "============================= test session starts ==============================", "",
        "Process completed with exit code 1."]
    assert "removed CI timestamps" in text.notes
    assert "removed CI log markers (##[group] …)" in text.notes


def test_gitlab_and_bracketed_timestamps():
    assert texts("2024-05-01T10:00:00.123456Z 00O collected 2 items\n[2024-05-01 10:00:00] FAILED a.py::t\n"
                 "[10:00:00] PASSED a.py::u") == ["collected 2 items", "FAILED a.py::t", "PASSED a.py::u"]


def test_build_service_time_prefix():
    # From a real openSUSE build log (aiorpcX with pytest-asyncio 1.0).
    paste = ("[   19s] ______ ERROR at setup of TestSOCKSProxy.test_good_SOCKS4[True-::1-auth1] _______\n"
             "[   19s] E       fixture 'event_loop' not found")
    text = normalise(paste)
    assert [l.text for l in text] == [
        "______ ERROR at setup of TestSOCKSProxy.test_good_SOCKS4[True-::1-auth1] _______",
        "E       fixture 'event_loop' not found"]
    assert "removed build-log time prefixes" in text.notes


def test_tox_prefixes():
    paste = "py311 run-test: commands[0] | pytest -rA\npy311: FAILED tests/a.py::t - RuntimeError: x\npy3.12-django: ok"
    text = normalise(paste)
    assert [l.text for l in text] == ["commands[0] | pytest -rA", "FAILED tests/a.py::t - RuntimeError: x", "ok"]
    assert "removed tox environment prefixes" in text.notes


def test_xdist_worker_prefix_is_moved_to_the_line_and_the_rest_stays_readable():
    text = normalise("[gw0] [ 50%] PASSED tests/x.py::t\n[gw1] linux -- Python 3.11.7 /usr/bin/python\nplain")
    assert [(l.text, l.worker) for l in text] == [
        ("[ 50%] PASSED tests/x.py::t", "gw0"), ("linux -- Python 3.11.7 /usr/bin/python", "gw1"), ("plain", None)]
    assert "removed pytest-xdist worker prefixes ([gw0])" in text.notes


def test_prefixes_stack_timestamp_then_xdist():
    text = normalise("2024-05-01T10:00:00.1Z [gw3] [ 75%] FAILED tests/x.py::t")
    assert (text.lines[0].text, text.lines[0].worker) == ("[ 75%] FAILED tests/x.py::t", "gw3")


# ---- Markdown, HTML, indentation, quotes ------------------------------------------------------

def test_markdown_fences_become_empty_lines_and_mark_the_fenced_ones():
    text = normalise("I get:\n```pytb\nE   RuntimeError: x\n```\nthanks")
    assert [(l.text, l.fenced) for l in text] == [
        ("I get:", False), ("", False), ("E   RuntimeError: x", True), ("", False), ("thanks", False)]
    assert "removed Markdown code fences" in text.notes


def test_inline_code_fence_on_one_line_keeps_its_text():
    assert texts("```RuntimeError: Event loop is closed```") == ["RuntimeError: Event loop is closed"]


def test_html_escapes_from_a_blog():
    paste = "E   RuntimeError: Task &lt;Task pending name=&#39;Task-2&#39;&gt; got Future &lt;Future pending&gt;"
    text = normalise(paste)
    assert text.lines[0].text == "E   RuntimeError: Task <Task pending name='Task-2'> got Future <Future pending>"
    assert "unescaped HTML entities" in text.notes


def test_ampersands_stay_when_the_paste_is_not_html_escaped():
    assert texts("url?a=1&copy=2 &amp") == ["url?a=1&copy=2 &amp"]


def test_whole_paste_indented_is_dedented():
    paste = "\n".join("    " + line if line else "" for line in read("s01_1.5.0_rA.txt").splitlines())
    text = normalise(paste)
    assert [l.text for l in text] == [raw.rstrip() for raw in read("s01_1.5.0_rA.txt").splitlines()]
    assert "removed common indentation" in text.notes


def test_indented_block_of_pytest_output_inside_prose_is_dedented():
    paste = ("My tests fail:\n\n"
             "    _____ test_select_one _____\n"
             "    tests/test_users.py:5: in test_select_one\n"
             "        await db.execute()\n"
             "    E   RuntimeError: Event loop is closed\n"
             "\nAny idea?")
    assert texts(paste) == ["My tests fail:", "", "_____ test_select_one _____", "tests/test_users.py:5: in test_select_one",
                            "    await db.execute()", "E   RuntimeError: Event loop is closed", "", "Any idea?"]


def test_indented_code_and_setup_show_lines_are_not_dedented():
    paste = read("setup_show_v.txt")
    assert texts(paste)[25] == "        tests/test_a.py::TestGroup::test_group FAILED"
    source = "x = 1\n    async def test_x(db):\n        await db.ping()\ny = 2"
    assert texts(source) == source.splitlines()


def test_quote_markers():
    paste = ("> ____ test_x ____\n> \n> E   RuntimeError: Event loop is closed\n> tests/x.py:3: RuntimeError\n\n"
             "reply text")
    text = normalise(paste)
    assert [l.text for l in text][:4] == ["____ test_x ____", "", "E   RuntimeError: Event loop is closed",
                                          "tests/x.py:3: RuntimeError"]
    assert "removed quote markers (> )" in text.notes


def test_pytest_source_markers_are_not_quote_markers():
    paste = read("s13_1.0.0_rA.txt")
    assert texts(paste)[22].startswith(">       available fixtures: _class_event_loop")


# ---- bytes --------------------------------------------------------------------------------

def test_utf8_bytes_with_bom():
    text = normalise(codecs.BOM_UTF8 + "tests/t.py::test_job[职位] PASSED\n".encode())
    assert text.lines[0].text == "tests/t.py::test_job[职位] PASSED"
    assert "removed the byte-order mark" in text.notes


def test_str_with_bom():
    assert normalise("\ufeffcollected 1 item").lines[0].text == "collected 1 item"


def test_a_few_invalid_bytes_are_replaced():
    data = ("x" * 400 + "\n").encode() + b"E   RuntimeError: caf\xe9 closed\n"
    text = normalise(data)
    assert text.lines[1].text == "E   RuntimeError: caf\ufffd closed"
    assert "replaced bytes that are not valid UTF-8" in text.notes


def test_latin1_text_falls_back_to_latin1():
    data = "Échec: événement déjà fermé à côté\n".encode("latin-1") * 3
    text = normalise(data)
    assert text.lines[0].text == "Échec: événement déjà fermé à côté"
    assert "decoded as Latin-1 (the paste is not UTF-8)" in text.notes


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_from_a_powershell_redirect(encoding):
    data = "===== test session starts =====\r\nE   RuntimeError: Event loop is closed\r\n".encode(encoding)
    text = normalise(data)
    assert [l.text for l in text] == ["===== test session starts =====", "E   RuntimeError: Event loop is closed"]
    assert "decoded UTF-16 text" in text.notes


# ---- unreadable input -----------------------------------------------------------------------

@pytest.mark.parametrize("paste", ["", "   \n\t\n", b"", b"\r\n\r\n", "\x1b[0m\x1b[31m\n"])
def test_empty_input(paste):
    with pytest.raises(UnreadableInput) as info:
        normalise(paste)
    assert str(info.value)


def test_binary_junk():
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(UnreadableInput, match="binary"):
        normalise(junk)


def test_nul_bytes():
    with pytest.raises(UnreadableInput, match="binary"):
        normalise("PK\x03\x04" + "\x00\x00ab" * 200)


def test_control_characters():
    with pytest.raises(UnreadableInput, match="binary"):
        normalise("".join(chr(c) for c in range(1, 9)) * 50 + "text")


def test_a_stray_nul_in_a_long_log_is_tolerated():
    text = normalise("x" * 1000 + "\x00\ncollected 1 item")
    assert text.lines[1].text == "collected 1 item"


def test_not_text_at_all():
    with pytest.raises(UnreadableInput):
        normalise(None)
