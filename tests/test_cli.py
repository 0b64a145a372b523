"""The command line: formats, exit codes, file names relative to --root."""
import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data" / "engine"
ROOT = Path(__file__).resolve().parent.parent


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "analyzer", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=60)


def test_json_result_with_a_config_file(tmp_path):
    (tmp_path / "pytest.ini").write_text((DATA / "s01-pytest.ini").read_text())
    done = run(str(DATA / "s01-1.5.0-rA.txt"), "pytest.ini", "--root", str(tmp_path), "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["schema"] == 1 and result["verdict"] == "loop-mismatch"
    assert result["findings"][0]["code"] == "LD001"
    fix = next(f for f in result["findings"][0]["fixes"] if f["recommended"])
    assert "--- a/pytest.ini\n+++ b/pytest.ini" in fix["diff"]
    assert {"file": "pytest.ini", "line": 3, "text": "asyncio_default_fixture_loop_scope = session"} in result["findings"][0]["evidence"]


def test_text_report_names_the_pattern_and_shows_the_diff():
    done = run(str(DATA / "s13-1.5.0-rA.txt"))
    out = done.stdout.decode()
    assert done.returncode == 0
    assert "[LD007]" in out and "Recommended fix" in out
    assert "+asyncio_default_fixture_loop_scope = function" in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_standard_input_is_read_with_dash():
    done = run("-", "--format", "json", stdin=(DATA / "s01-1.5.0-rA.txt").read_bytes())
    assert json.loads(done.stdout)["environment"]["pytest_asyncio_version"] == "1.5.0"


def test_unusable_input_exits_2_with_a_reason():
    done = run("-", stdin=b"\x00\x01\x02\xff" * 100)
    assert done.returncode == 2
    assert done.stderr.decode().startswith("error: ") and done.stdout == b""
    empty = run("-", stdin=b"   \n")
    assert empty.returncode == 2


def test_missing_file_exits_2():
    done = run("does-not-exist.txt")
    assert done.returncode == 2 and b"cannot read" in done.stderr


def test_hint_sets_the_version_when_the_paste_has_none():
    paste = b"E   RuntimeError: Task <Task pending> got Future <Future pending> attached to a different loop\n"
    done = run("-", "--pytest-asyncio", "0.25.3", "--format", "json", stdin=paste)
    result = json.loads(done.stdout)
    assert result["environment"]["pytest_asyncio_version"] == "0.25.3"
    assert result["environment"]["sources"]["pytest_asyncio_version"] == "hint"
