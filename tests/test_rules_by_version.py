"""Each rule's recommended fix per release, on pastes in the exact formats those releases print."""
import pytest

from analyzer import diagnose

HEADER = """============================= test session starts ==============================
platform linux -- Python 3.11.7, pytest-8.4.2, pluggy-1.6.0
rootdir: /home/dev/proj
configfile: pytest.ini
plugins: asyncio-{version}
{asyncio_line}
collected 2 items

"""
ASYNCIO_LINES = {
    "0.21.2": "asyncio: mode=Mode.AUTO",
    "0.23.8": "asyncio: mode=Mode.AUTO",
    "0.25.3": "asyncio: mode=Mode.AUTO, asyncio_default_fixture_loop_scope={fd}",
    "1.5.0": "asyncio: mode=Mode.AUTO, debug=False, asyncio_default_fixture_loop_scope={fd}, asyncio_default_test_loop_scope=function",
}
CONFTEST = '''import pytest
import redis.asyncio as redis


@pytest.fixture(scope="session")
async def redis_client():
    client = redis.Redis()
    yield client
    await client.aclose()
'''
TESTS = '''async def test_one(redis_client):
    assert await redis_client.ping()


async def test_two(redis_client):
    assert await redis_client.ping()
'''
SCOPE_MISMATCH = """==================================== ERRORS ====================================
_________________________ ERROR at setup of test_one __________________________
ScopeMismatch: You tried to access the function scoped fixture {loop_fixture} with a session scoped request object. Requesting fixture stack:
tests/conftest.py:5:  def redis_client()
Requested fixture:
.venv/lib/python3.11/site-packages/pytest_asyncio/plugin.py:700:  def {loop_fixture}(request)
=========================== short test summary info ============================
ERROR tests/test_a.py::test_one - Failed: ScopeMismatch: You tried to access the func...
ERROR tests/test_a.py::test_two - Failed: ScopeMismatch: You tried to access the func...
============================== 2 errors in 0.05s ===============================
"""
DIFFERENT_LOOP = """=================================== FAILURES ===================================
___________________________________ test_one ___________________________________

redis_client = <redis.asyncio.client.Redis(<ConnectionPool>)>

    async def test_one(redis_client):
>       assert await redis_client.ping()
E       RuntimeError: Task <Task pending name='Task-3' coro=<test_one() running at /home/dev/proj/tests/test_a.py:2> cb=[_run_until_complete_cb() at /usr/lib/python3.11/asyncio/base_events.py:180]> got Future <Future pending> attached to a different loop

tests/test_a.py:2: RuntimeError
=========================== short test summary info ============================
FAILED tests/test_a.py::test_one - RuntimeError: Task <Task pending name='Task-3...
PASSED tests/test_a.py::test_two
========================= 1 failed, 1 passed in 0.05s ==========================
"""


def run(version, body, ini="[pytest]\nasyncio_mode = auto\n", fd="None", **fmt):
    paste = HEADER.format(version=version, asyncio_line=ASYNCIO_LINES[version].format(fd=fd)) + body.format(**fmt)
    files = [("pytest.ini", ini), ("tests/conftest.py", CONFTEST), ("tests/test_a.py", TESTS)]
    result = diagnose(paste, files)
    finding = result.findings[0]
    return result, finding, finding.recommended_fix


def test_function_default_on_session_fixture_1_5_moves_everything_to_the_session_loop():
    result, finding, fix = run("1.5.0", SCOPE_MISMATCH, "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n",
                               fd="function", loop_fixture="_function_scoped_runner")
    assert finding.code == "LD002" and finding.affected_tests == ["tests/test_a.py::test_one", "tests/test_a.py::test_two"]
    assert fix.kind.value == "set-default-test-loop-scope" and fix.requires == "pytest-asyncio>=0.26"
    assert "-asyncio_default_fixture_loop_scope = function\n+asyncio_default_fixture_loop_scope = session\n" in fix.diff
    assert "+asyncio_default_test_loop_scope = session\n" in fix.diff
    assert "redis_client" in finding.summary


def test_function_default_on_session_fixture_0_25_drops_the_session_caching():
    result, finding, fix = run("0.25.3", SCOPE_MISMATCH, "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n",
                               fd="function", loop_fixture="event_loop")
    assert finding.code == "LD002"
    assert fix.kind.value == "set-fixture-scope"
    assert '-@pytest.fixture(scope="session")\n+@pytest.fixture\n' in fix.diff
    kinds = [f.kind.value for f in finding.fixes]
    assert "set-default-test-loop-scope" in kinds  # offered, but not for 0.25
    loop_scope_fix = next(f for f in finding.fixes if f.kind.value == "set-fixture-loop-scope")
    assert '+@pytest_asyncio.fixture(scope="session", loop_scope="session")' in loop_scope_fix.diff
    assert '+pytestmark = pytest.mark.asyncio(loop_scope="session")' in loop_scope_fix.diff


def test_session_fixture_on_0_21_is_a_scope_mismatch_on_event_loop():
    result, finding, fix = run("0.21.2", SCOPE_MISMATCH, loop_fixture="event_loop")
    assert finding.code == "LD002"
    assert fix.kind.value == "set-fixture-scope"
    assert any(f.requires == "pytest-asyncio<0.23" for f in finding.fixes)  # the era's event_loop override


def test_session_fixture_on_0_23_marks_tests_with_the_scope_keyword():
    result, finding, fix = run("0.23.8", DIFFERENT_LOOP)
    assert finding.code == "LD001"
    assert fix.kind.value == "mark-tests-loop-scope"
    assert '+pytestmark = pytest.mark.asyncio(scope="session")' in fix.diff  # loop_scope= is ignored by 0.23


def test_session_fixture_on_1_5_runs_tests_on_the_session_loop():
    result, finding, fix = run("1.5.0", DIFFERENT_LOOP)
    assert finding.code == "LD001" and finding.confidence.value == "high"
    assert fix.kind.value == "set-default-test-loop-scope"
    assert "asyncio_default_fixture_loop_scope = function" not in fix.diff  # would be a ScopeMismatch
    assert result.timeline.crossings[0].object == "redis_client"


def test_event_loop_requested_on_1_x():
    paste = HEADER.format(version="1.5.0", asyncio_line=ASYNCIO_LINES["1.5.0"].format(fd="function")) + """
==================================== ERRORS ====================================
_________________________ ERROR at setup of test_one __________________________
file /home/dev/proj/tests/test_a.py, line 1
  async def test_one(event_loop):
E       fixture 'event_loop' not found
>       available fixtures: _class_scoped_runner, _function_scoped_runner, _module_scoped_runner, _package_scoped_runner, _session_scoped_runner, cache, capfd
>       use 'pytest --fixtures [testpath]' for help on them.
=========================== short test summary info ============================
ERROR tests/test_a.py::test_one
=============================== 1 error in 0.01s ===============================
"""
    files = [("tests/test_a.py", "async def test_one(event_loop):\n    fut = event_loop.create_future()\n    fut.set_result(1)\n    assert await fut == 1\n")]
    finding = diagnose(paste, files).findings[0]
    assert finding.code == "LD005"
    fix = finding.recommended_fix
    assert "+async def test_one():\n" in fix.diff and "asyncio.get_running_loop().create_future()" in fix.diff


def test_unmarked_async_tests_in_strict_mode():
    paste = HEADER.format(version="1.5.0", asyncio_line="asyncio: mode=Mode.STRICT, debug=False, asyncio_default_fixture_loop_scope=function, asyncio_default_test_loop_scope=function") + """
=================================== FAILURES ===================================
___________________________________ test_one ___________________________________
async def functions are not natively supported.
You need to install a suitable plugin for your async framework, for example:
  - anyio
  - pytest-asyncio
=========================== short test summary info ============================
FAILED tests/test_a.py::test_one - Failed: async def functions are not natively supported.
============================== 1 failed in 0.01s ===============================
"""
    result = diagnose(paste, [("pytest.ini", "[pytest]\nasyncio_mode = strict\n")])
    finding = result.findings[0]
    assert (result.verdict.value, finding.code) == ("asyncio-misconfiguration", "LD006")
    assert finding.recommended_fix.kind.value == "set-asyncio-mode-auto"
    assert "-asyncio_mode = strict\n+asyncio_mode = auto\n" in finding.recommended_fix.diff


@pytest.mark.parametrize("message", [
    "asyncpg.exceptions._base.InterfaceError: cannot perform operation: another operation is in progress",
    "RuntimeError: Attempted to exit cancel scope in a different task than it was entered in",
    "sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here.",
])
def test_non_loop_asyncio_errors_get_no_loop_advice(message):
    paste = f"E   {message}\n========================= 1 failed in 0.05s ==========================\n"
    result = diagnose(paste, [("pytest.ini", "[pytest]\nasyncio_mode = auto\n")])
    assert result.verdict.value == "not-loop-related"
    assert [f.code for f in result.findings] == ["LD011"]
    assert all(fix.diff is None and fix.kind.value == "other" for fix in result.findings[0].fixes)


def test_no_current_loop_after_async_tests_on_1_4_is_the_release_change():
    paste = HEADER.format(version="1.4.1", asyncio_line="asyncio: mode=Mode.AUTO, debug=False, "
                          "asyncio_default_fixture_loop_scope=function, asyncio_default_test_loop_scope=function") + """
=================================== FAILURES ===================================
________________________________ test_sync_after ________________________________

    def test_sync_after():
>       loop = asyncio.get_event_loop()
E       RuntimeError: There is no current event loop in thread 'MainThread'.

tests/test_a.py:9: RuntimeError
=========================== short test summary info ============================
FAILED tests/test_a.py::test_sync_after - RuntimeError: There is no current event loop in thread 'MainThread'.
========================= 1 failed, 1 passed in 0.05s ==========================
"""
    result = diagnose(paste)
    finding = result.findings[0]
    assert finding.code == "LD010" and result.verdict.value == "loop-mismatch"
    assert finding.recommended_fix.kind.value == "other"
    pin = next(f for f in finding.fixes if f.kind.value == "change-pytest-asyncio-version")
    assert pin.requires == "pytest-asyncio>=1.3,<1.4"


def test_yanked_0_22_is_upgraded():
    paste = HEADER.format(version="0.22.0", asyncio_line="asyncio: mode=Mode.STRICT") + DIFFERENT_LOOP.format()
    finding = diagnose(paste).findings[0]
    assert finding.code == "LD010"
    assert finding.recommended_fix.kind.value == "change-pytest-asyncio-version"
    assert finding.recommended_fix.requires == "pytest-asyncio>=0.24"
