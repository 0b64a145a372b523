"""Format-preserving edits and the diffs they produce: they must apply with patch -p1."""
import subprocess

import pytest

from analyzer import edits, fixes
from analyzer.edits import EditError, FileEdit


def apply(tmp_path, files: dict, diff: str) -> dict:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    done = subprocess.run(["patch", "-p1", "--batch", "--forward"], input=diff, text=True,
                          cwd=tmp_path, capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return {p.relative_to(tmp_path).as_posix(): p.read_text() for p in tmp_path.rglob("*") if p.is_file()}


INI = "[pytest]\nasyncio_mode = auto\n# shared loop for the db\nasyncio_default_fixture_loop_scope = session  ; why\ntestpaths = tests\n"


def test_set_option_moves_an_inline_comment_out_of_the_ini_value():
    # pytest keeps "; why" as part of an INI value, so the comment moves to its own line.
    out = edits.set_option("pytest.ini", INI, 1, "[pytest]", "asyncio_default_fixture_loop_scope", "function", key_line=4)
    assert out.splitlines()[2:5] == ["# shared loop for the db", "# why", "asyncio_default_fixture_loop_scope = function"]


def test_set_option_keeps_a_toml_comment_in_place():
    text = '[tool.pytest.ini_options]\nasyncio_mode = "strict"  # see docs\n'
    out = edits.set_option("pyproject.toml", text, 1, "[tool.pytest.ini_options]", "asyncio_mode", "auto", key_line=2)
    assert out == '[tool.pytest.ini_options]\nasyncio_mode = "auto"  # see docs\n'



def test_set_option_adds_after_last_setting_of_section():
    text = "[pytest]\nasyncio_mode = auto\n\n[flake8]\nmax-line-length = 99\n"
    out = edits.set_option("tox.ini", text, 1, "[pytest]", "asyncio_default_test_loop_scope", "session")
    assert out == "[pytest]\nasyncio_mode = auto\nasyncio_default_test_loop_scope = session\n\n[flake8]\nmax-line-length = 99\n"


def test_set_option_quotes_toml_and_appends_missing_section():
    text = '[project]\nname = "x"\n'
    out = edits.set_option("pyproject.toml", text, None, "[tool.pytest.ini_options]", "asyncio_mode", "auto")
    assert out.endswith('\n[tool.pytest.ini_options]\nasyncio_mode = "auto"\n')
    edits.check_valid("pyproject.toml", out)


def test_unified_diff_is_git_style_and_applies(tmp_path):
    after = edits.set_option("pytest.ini", INI, 1, "[pytest]", "asyncio_default_fixture_loop_scope", "function", key_line=4)
    diff = edits.unified_diff([FileEdit("pytest.ini", INI, after)])
    assert diff.startswith("diff --git a/pytest.ini b/pytest.ini\n--- a/pytest.ini\n+++ b/pytest.ini\n@@ ")
    assert "-asyncio_default_fixture_loop_scope = session  ; why\n" in diff
    assert "+asyncio_default_fixture_loop_scope = function\n" in diff
    assert apply(tmp_path, {"pytest.ini": INI}, diff)["pytest.ini"] == after


def test_new_file_diff_applies(tmp_path):
    diff = edits.unified_diff([FileEdit("pytest.ini", None, "[pytest]\nasyncio_mode = auto\n")])
    assert "--- /dev/null\n+++ b/pytest.ini" in diff
    assert apply(tmp_path, {}, diff)["pytest.ini"] == "[pytest]\nasyncio_mode = auto\n"


def test_missing_final_newline_is_handled(tmp_path):
    before = "[pytest]\nasyncio_mode = strict"
    after = edits.set_option("pytest.ini", before, 1, "[pytest]", "asyncio_mode", "auto", key_line=2)
    diff = edits.unified_diff([FileEdit("pytest.ini", before, after)])
    assert apply(tmp_path, {"pytest.ini": before}, diff)["pytest.ini"] == after


def test_check_valid_rejects_broken_python_and_toml():
    with pytest.raises(EditError):
        edits.check_valid("conftest.py", "def f(:\n")
    with pytest.raises(EditError):
        edits.check_valid("pyproject.toml", "[tool.pytest.ini_options]\nasyncio_mode = auto\n")


TESTS = '''"""Users."""
import pytest
from sqlalchemy import text


@pytest.mark.asyncio
async def test_one(db):
    assert await db.execute(text("SELECT 1"))


class TestMore:
    pytestmark = pytest.mark.asyncio

    async def test_two(self, db):
        pass
'''


def test_mark_module_tests_marks_module_and_closest_markers():
    out = fixes.mark_module_tests(TESTS, "loop_scope", "session")
    assert 'pytestmark = pytest.mark.asyncio(loop_scope="session")\n' in out
    assert '@pytest.mark.asyncio(loop_scope="session")\nasync def test_one' in out
    assert '    pytestmark = pytest.mark.asyncio(loop_scope="session")\n' in out
    assert out.index("pytestmark =") > out.index("from sqlalchemy import text")
    edits.check_valid("tests/test_users.py", out)


def test_mark_module_tests_adds_import_when_missing():
    out = fixes.mark_module_tests("async def test_x(db):\n    pass\n", "scope", "session")
    assert out.startswith("import pytest\n")
    assert 'pytestmark = pytest.mark.asyncio(scope="session")' in out
    edits.check_valid("t.py", out)


CONFTEST = '''import asyncio
import os

import pytest


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.get_event_loop_policy().new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
async def redis_client():
    yield os.environ
'''


def test_set_fixture_kwargs_switches_decorator_and_imports():
    out = fixes.set_fixture_kwargs(CONFTEST, "redis_client", None, {"loop_scope": "session"}, asyncio_decorator=True)
    assert '@pytest_asyncio.fixture(scope="session", loop_scope="session")\nasync def redis_client' in out
    assert "import pytest_asyncio\n" in out
    edits.check_valid("conftest.py", out)


def test_set_fixture_kwargs_removes_a_keyword():
    out = fixes.set_fixture_kwargs(CONFTEST, "redis_client", None, {"scope": None})
    assert "@pytest.fixture\nasync def redis_client" in out


def test_remove_function_drops_override_and_unused_import():
    out = fixes.remove_function(CONFTEST, "event_loop")
    assert "def event_loop" not in out and "import asyncio" not in out
    assert out.startswith("import os\n")
    assert '\n\n\n@pytest.fixture(scope="session")\nasync def redis_client' in out
    edits.check_valid("conftest.py", out)


def test_collection_hook_added_to_conftest():
    out = fixes.add_collection_hook(CONFTEST, "loop_scope", "session")
    assert "from pytest_asyncio import is_async_test\n" in out
    assert 'marker = pytest.mark.asyncio(loop_scope="session")' in out
    edits.check_valid("conftest.py", out)


def test_replace_event_loop_requests():
    text = "async def test_x(db, event_loop):\n    fut = event_loop.create_future()\n"
    out = fixes.replace_event_loop_requests(text, {"test_x"})
    assert "async def test_x(db):" in out
    assert "fut = asyncio.get_running_loop().create_future()" in out
    assert out.startswith("import asyncio\n")


def test_set_option_without_comment_adds_no_blank_line():
    text = "[pytest]\nasyncio_default_fixture_loop_scope = session\ntestpaths = tests\n"
    out = edits.set_option("pytest.ini", text, 1, "[pytest]", "asyncio_default_fixture_loop_scope", "function", key_line=2)
    assert out == "[pytest]\nasyncio_default_fixture_loop_scope = function\ntestpaths = tests\n"


def _read_bytes_apply(tmp_path, files: dict, diff: str) -> dict:
    """``apply`` with every byte kept: files and diff written and read back without newline translation."""
    for name, text in files.items():
        (tmp_path / name).write_bytes(text.encode())
    done = subprocess.run(["patch", "-p1", "--batch", "--forward", "--fuzz=0"], input=diff.encode(),
                          cwd=tmp_path, capture_output=True)
    assert done.returncode == 0, (done.stdout + done.stderr).decode()
    return {name: (tmp_path / name).read_bytes().decode() for name in files}


@pytest.mark.parametrize("ends", [["\r\n"] * 5, ["\r\n", "\n", "\r\n", "\n", "\r\n"], ["\r\n"] * 4 + [""]])
def test_diffs_keep_each_lines_own_ending(tmp_path, ends):
    lines = INI.splitlines()
    original = "".join(line + end for line, end in zip(lines, ends))
    assert edits.line_endings(original) == ends
    read = original.replace("\r\n", "\n")          # what the engine reads and edits
    after = edits.set_option("pytest.ini", read, 1, "[pytest]", "asyncio_default_fixture_loop_scope", "function",
                             key_line=4)
    diff = edits.restore_line_endings(edits.unified_diff([FileEdit("pytest.ini", read, after)]), {"pytest.ini": ends})
    patched = _read_bytes_apply(tmp_path, {"pytest.ini": original}, diff)["pytest.ini"]
    # the kept lines keep their own ends; the added ones take the file's usual one
    usual = max(("\n", "\r\n"), key=ends.count)
    assert patched.replace("\r\n", "\n") == after
    assert patched.startswith(lines[0] + ends[0] + lines[1] + ends[1] + lines[2] + ends[2])
    assert f"# why{usual}asyncio_default_fixture_loop_scope = function{usual}" in patched


def test_line_ends_of_other_files_are_left_alone():
    diff = edits.unified_diff([FileEdit("a.ini", "[pytest]\nx = 1\n", "[pytest]\nx = 2\n"),
                               FileEdit("b.ini", "[pytest]\ny = 1\n", "[pytest]\ny = 2\n")])
    out = edits.restore_line_endings(diff, {"b.ini": ["\r\n", "\r\n"]})
    assert out.split("diff --git a/b.ini")[0] == diff.split("diff --git a/b.ini")[0]
    assert "+y = 2\r\n" in out and " [pytest]\r\n" in out and "+++ b/b.ini\n" in out


def test_a_folder_ending_in_b_and_a_removed_line_starting_with_dashes_keep_their_ends(tmp_path):
    (tmp_path / "proj b").mkdir()
    before = "[pytest]\n-- keep\nasyncio_mode = strict\n"
    after = "[pytest]\nasyncio_mode = auto\n"
    original = before.replace("\n", "\r\n")
    diff = edits.restore_line_endings(edits.unified_diff([FileEdit("proj b/pytest.ini", before, after)]),
                                      {"proj b/pytest.ini": ["\r\n"] * 3})
    assert _read_bytes_apply(tmp_path, {"proj b/pytest.ini": original}, diff)["proj b/pytest.ini"] == \
        after.replace("\n", "\r\n")


def test_a_file_with_a_lone_cr_end_keeps_the_plain_diff():
    diff = edits.unified_diff([FileEdit("pytest.ini", "[pytest]\nx = 1\n", "[pytest]\nx = 2\n")])
    assert edits.restore_line_endings(diff, {"pytest.ini": ["\r", "\r\n"]}) == diff


# ---- a current loop for the failing sync tests (pytest-asyncio 1.4.0's change) ----------------------------

NO_LOOP_PASTE = """platform linux -- Python 3.12.3, pytest-9.2.0, pluggy-1.7.0
plugins: asyncio-1.5.0
collected 3 items

{failed}

E           RuntimeError: There is no current event loop in thread 'MainThread'.
FAILED {nodeid} - RuntimeError: There is no current event loop in thread 'MainThread'.
========================= 1 failed, 2 passed in 0.05s =========================
"""

SYNC_TESTS = '''import asyncio

import pytest


class TestLegacy:
    @pytest.mark.parametrize("n", [1, 2])
    def test_wrapper(self, n):
        assert asyncio.get_event_loop().run_until_complete(asyncio.sleep(0, n)) == n

    async def test_async(self):
        await asyncio.sleep(0)
'''


def diagnose_no_loop(nodeid: str, files: dict) -> dict:
    import analyzer
    paste = NO_LOOP_PASTE.format(failed="tests/test_legacy.py F..", nodeid=nodeid)
    return analyzer.diagnose(paste, files=list(files.items())).to_dict()["findings"][0]["fixes"][0]


@pytest.mark.parametrize("nodeid", ["tests/test_legacy.py::TestLegacy::test_wrapper[2]",
                                    "proj\\tests\\test_legacy.py::TestLegacy::test_wrapper[1]"])
def test_a_failing_sync_method_gets_the_fixture_from_the_given_conftest(tmp_path, nodeid):
    files = {"pytest.ini": "[pytest]\nasyncio_mode = auto\n",
             "tests/conftest.py": '"""Shared fixtures."""\nimport pytest\n\n\n@pytest.fixture\ndef answer():\n    return 42\n',
             "tests/test_legacy.py": SYNC_TESTS}
    fix = diagnose_no_loop(nodeid, files)
    assert fix["recommended"] and fix["kind"] == "other" and fix["requires"] is None
    out = apply(tmp_path, files, fix["diff"])
    # above the method's own decorators, at its indentation; the async test is left alone
    assert '    @pytest.mark.usefixtures("current_event_loop")\n    @pytest.mark.parametrize' in out["tests/test_legacy.py"]
    assert out["tests/test_legacy.py"].count("usefixtures") == 1
    conftest = out["tests/conftest.py"]
    assert conftest.startswith('"""Shared fixtures."""\nimport asyncio\nimport pytest\n')
    assert "def answer():" in conftest and "def current_event_loop():" in conftest
    compile(conftest, "conftest.py", "exec")


def test_no_fixture_diff_when_the_failing_test_is_not_in_the_files():
    files = {"tests/test_legacy.py": SYNC_TESTS}
    fix = diagnose_no_loop("tests/test_other.py::test_wrapper", files)
    assert fix["recommended"] and not fix.get("diff")


def test_no_fixture_diff_when_the_paste_shows_a_conftest_that_was_not_given():
    import analyzer
    paste = NO_LOOP_PASTE.format(failed="tests/conftest.py:3: in <module>",
                                 nodeid="tests/test_legacy.py::TestLegacy::test_wrapper[1]")
    fix = analyzer.diagnose(paste, files=[("tests/test_legacy.py", SYNC_TESTS)]).to_dict()["findings"][0]["fixes"][0]
    assert not fix.get("diff")


def test_the_current_loop_fixture_goes_where_every_marked_test_sees_it(tmp_path):
    # failing sync tests in two folders, a conftest.py given only for one of them: the fixture goes above both
    paste = NO_LOOP_PASTE.format(failed="tests/api/test_legacy.py F", nodeid="tests/api/test_legacy.py::TestLegacy::"
                                 "test_wrapper[1]").replace(
        "FAILED", "FAILED tests/db/test_legacy.py::TestLegacy::test_wrapper[1] - RuntimeError: no current loop\nFAILED", 1)
    files = {"tests/api/test_legacy.py": SYNC_TESTS, "tests/db/test_legacy.py": SYNC_TESTS,
             "tests/db/conftest.py": "import pytest\n"}
    import analyzer
    fix = analyzer.diagnose(paste, files=list(files.items())).to_dict()["findings"][0]["fixes"][0]
    out = apply(tmp_path, files, fix["diff"])
    assert "def current_event_loop():" in out["tests/conftest.py"]
    assert "current_event_loop" not in out["tests/db/conftest.py"]
    assert all("usefixtures" in out[f"tests/{d}/test_legacy.py"] for d in ("api", "db"))


def test_an_import_inside_a_function_does_not_count_as_the_modules():
    text = "def pytest_configure(config):\n    import pytest\n    import asyncio\n"
    after = edits.add_import(text, "import pytest", "pytest")
    assert after.startswith("import pytest\n")
    assert edits.has_import("try:\n    import pytest\nexcept ImportError:\n    pytest = None\n", "pytest")
