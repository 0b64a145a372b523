"""Diffs written for config files the user did not paste: applied with patch(1) to plausible real files."""
import shutil
import subprocess

import pytest

from analyzer import diagnose

pytestmark = pytest.mark.skipif(not shutil.which("patch"), reason="needs patch(1)")

HEADER = """============================= test session starts ==============================
platform linux -- Python 3.11.7, pytest-8.4.2, pluggy-1.6.0
rootdir: /home/dev/proj
configfile: {config}
plugins: asyncio-{version}
{asyncio_line}
collected 2 items

"""
UNMARKED = """tests/test_a.py FF                                                       [100%]

=================================== FAILURES ===================================
___________________________________ test_one ___________________________________
async def functions are not natively supported.
You need to install a suitable plugin for your async framework, for example:
  - anyio
  - pytest-asyncio
  - pytest-tornasync
  - pytest-trio
  - pytest-twisted
___________________________________ test_two ___________________________________
async def functions are not natively supported.
You need to install a suitable plugin for your async framework, for example:
  - anyio
  - pytest-asyncio
  - pytest-tornasync
  - pytest-trio
  - pytest-twisted
=========================== short test summary info ============================
FAILED tests/test_a.py::test_one - Failed: async def functions are not natively supported.
FAILED tests/test_a.py::test_two - Failed: async def functions are not natively supported.
============================== 2 failed in 0.02s ===============================
"""


def _recommended_diff(paste: str) -> str:
    finding = diagnose(paste).to_dict()["findings"][0]
    return next(f for f in finding["fixes"] if f["recommended"])["diff"]


def _patch(tmp_path, name: str, text: str, diff: str) -> str:
    (tmp_path / name).write_text(text)
    (tmp_path / "fix.diff").write_text(diff)
    done = subprocess.run(["patch", "-p1", "--batch", "--forward", "--fuzz=0", "-i", "fix.diff"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return (tmp_path / name).read_text()


def test_a_key_added_under_a_section_with_lines_around_it(tmp_path):
    paste = HEADER.format(config="pytest.ini", version="1.5.0", asyncio_line=(
        "asyncio: mode=Mode.STRICT, debug=False, asyncio_default_fixture_loop_scope=None, "
        "asyncio_default_test_loop_scope=function")) + UNMARKED
    diff = _recommended_diff(paste)
    ini = "# project settings\n[pytest]\ntestpaths = tests\nmarkers =\n    slow: slow tests\n"
    after = _patch(tmp_path, "pytest.ini", ini, diff)
    assert after == ("# project settings\n[pytest]\nasyncio_mode = auto\ntestpaths = tests\nmarkers =\n"
                     "    slow: slow tests\n")


def test_a_changed_value_and_an_added_key_in_one_diff(tmp_path):
    errors = """tests/test_a.py .F                                                       [100%]

=================================== FAILURES ===================================
___________________________________ test_two ___________________________________

pool = <asyncpg.pool.Pool object at 0x7f1e2c3b4d60>

    async def test_two(pool):
>       assert await pool.fetchval("SELECT 1") == 1
E       RuntimeError: Task <Task pending name='Task-5' coro=<test_two() running at /home/dev/proj/tests/test_a.py:7>> got Future <Future pending> attached to a different loop

tests/test_a.py:7: RuntimeError
=========================== short test summary info ============================
FAILED tests/test_a.py::test_two - RuntimeError: Task <Task pending name='Task-5' coro=<test_two() running at /home/dev/proj/tests/test_a.py:7>> got Future <Future pending> attached to a different loop
========================= 1 failed, 1 passed in 0.05s ==========================
"""
    paste = HEADER.format(config="pytest.ini", version="1.5.0", asyncio_line=(
        "asyncio: mode=Mode.AUTO, debug=False, asyncio_default_fixture_loop_scope=session, "
        "asyncio_default_test_loop_scope=function")) + errors
    diff = _recommended_diff(paste)
    ini = "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = session\ntestpaths = tests\n"
    after = _patch(tmp_path, "pytest.ini", ini, diff)
    assert "asyncio_default_fixture_loop_scope = session" in after
    assert after.splitlines()[1] == "asyncio_default_test_loop_scope = session"


def test_a_rejected_quoted_value_is_replaced_not_duplicated(tmp_path):
    paste = ("ERROR: '\"function\"' is not a valid asyncio_default_fixture_loop_scope. Valid scopes are: "
             "function, class, module, package, session.\n")
    result = diagnose(paste).to_dict()
    assert result["environment"]["default_fixture_loop_scope"] == '"function"'
    diff = _recommended_diff(paste)
    ini = '[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = "function"\n'
    after = _patch(tmp_path, "pytest.ini", ini, diff)
    assert after == "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"


def test_a_conftest_the_paste_shows_is_not_created_again():
    setup_error = """tests/test_a.py EE                                                       [100%]

==================================== ERRORS ====================================
__________________________ ERROR at setup of test_one __________________________
ScopeMismatch: You tried to access the function scoped fixture event_loop with a session scoped request object. Requesting fixture stack:
tests/conftest.py:8:  def pool()
Requested fixture:
/usr/lib/python3.11/site-packages/pytest_asyncio/plugin.py:480:  def event_loop(request: 'FixtureRequest') -> Iterator[asyncio.AbstractEventLoop]
=========================== short test summary info ============================
ERROR tests/test_a.py::test_one - Failed: ScopeMismatch: You tried to access the function scoped fixture event_loop with a session scoped request object. Requesting fixture stack:
========================= 1 passed, 1 error in 0.05s ===========================
"""
    paste = HEADER.format(config="pytest.ini", version="0.21.2", asyncio_line="asyncio: mode=Mode.AUTO") + setup_error
    result = diagnose(paste).to_dict()
    recommended = next(f for f in result["findings"][0]["fixes"] if f["recommended"])
    assert recommended["title"].startswith("Share one loop: an event_loop fixture")
    assert recommended["diff"] is None and "def event_loop():" in recommended["explanation"]
    assert "tests/conftest.py was not given, so this fix shows the fixture to add instead of a diff." in result["assumptions"]


def test_a_config_in_a_folder_whose_name_has_a_space_is_found_by_patch(tmp_path):
    paste = HEADER.format(config="ci tools/pytest.ini", version="1.5.0", asyncio_line=(
        "asyncio: mode=Mode.STRICT, debug=False, asyncio_default_fixture_loop_scope=None, "
        "asyncio_default_test_loop_scope=function")) + UNMARKED
    diff = _recommended_diff(paste)
    (tmp_path / "ci tools").mkdir()
    after = _patch(tmp_path, "ci tools/pytest.ini", "[pytest]\ntestpaths = tests\n", diff)
    assert after == "[pytest]\nasyncio_mode = auto\ntestpaths = tests\n"
