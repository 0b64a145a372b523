"""parse(): facts read from real pytest output (copies of real runs under tests/data/pastes)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyzer.pytest_output import parse
from analyzer.text import normalise

PASTES = Path(__file__).parent / "data" / "pastes"
DIFFERENT_LOOP = "attached to a different loop"


def read(name: str) -> str:
    return (PASTES / name).read_text(encoding="utf-8")


def facts_of(paste):
    return parse(normalise(paste))


def load(name: str):
    return facts_of((PASTES / name).read_bytes())


def outcomes(facts) -> list[tuple[str, str, str | None, int]]:
    return [(o.nodeid, o.outcome, o.phase, o.line) for o in facts.outcomes]


def exceptions(facts) -> list[tuple[str, list[int]]]:
    return [(e.type, e.lines) for e in facts.exceptions]


def signature(facts) -> dict:
    """The facts without line numbers: what must not change when a paste is dressed differently."""
    h = facts.header
    value = lambda v: v.value if v else None  # noqa: E731
    return {
        "header": (value(h.python_version), value(h.pytest_version), value(h.platform), value(h.rootdir),
                   value(h.configfile), {k: v.value for k, v in h.plugins.items()}, value(h.asyncio_line),
                   value(h.asyncio_mode), value(h.fixture_loop_scope), value(h.test_loop_scope)),
        "outcomes": [(o.nodeid, o.outcome, o.phase, o.message) for o in facts.outcomes],
        "sections": [(s.title, s.kind, s.test, s.phase, len(s.frames), [v.value for v in s.fixture_lines])
                     for s in facts.sections],
        "exceptions": [(e.type, e.message, e.section, e.origin) for e in facts.exceptions],
        "warnings": [(w.category, w.message, w.location) for w in facts.warnings],
        "summary": facts.summary,
        "summary_line": value(facts.summary_line),
    }


# ---- S01 on pytest-asyncio 1.5.0: the classic, in every verbosity ---------------------------------

def test_s01_rA_header():
    h = load("s01_1.5.0_rA.txt").header
    assert (h.platform.value, h.platform.line) == ("linux", 2)
    assert (h.python_version.value, h.pytest_version.value) == ("3.11.7", "9.2.0")
    assert (h.rootdir.value, h.rootdir.line) == ("/home/dev/proj", 3)
    assert (h.configfile.value, h.configfile.line) == ("pytest.ini", 4)
    assert (h.testpaths.value, h.testpaths.line) == ("tests", 5)
    assert {name: (v.value, v.line) for name, v in h.plugins.items()} == {"asyncio": ("1.5.0", 6), "anyio": ("4.16.0", 6)}
    assert h.asyncio_line.line == 7
    assert h.asyncio_line.value.startswith("asyncio: mode=Mode.AUTO, debug=False")
    assert (h.asyncio_mode.value, h.asyncio_debug.value) == ("auto", "False")
    assert (h.fixture_loop_scope.value, h.fixture_loop_scope_key) == ("session", "asyncio_default_fixture_loop_scope")
    assert h.test_loop_scope.value == "function"


def test_s01_rA_outcomes_sections_and_exceptions():
    facts = load("s01_1.5.0_rA.txt")
    assert facts.is_pytest_output
    assert outcomes(facts) == [("tests/test_users.py::test_select_one", "failed", "call", 149),
                               ("tests/test_users.py::test_create_temp_table", "failed", "call", 150)]
    assert facts.outcomes[0].message == "RuntimeError: Task <Task pendin..."
    assert exceptions(facts) == [("RuntimeError", [78]), ("RuntimeError", [145])]
    first = facts.exceptions[0]
    assert first.message.startswith("Task <Task pending name='Task-2' coro=<test_select_one() running at "
                                    "/home/dev/proj/tests/test_users.py:5>")
    assert first.message.endswith(DIFFERENT_LOOP)
    assert (first.origin, first.section, first.chain) == ("E", "test_select_one", None)
    assert [(s.title, s.kind, s.test, s.phase, s.start, s.end) for s in facts.sections] == [
        ("test_select_one", "failure", "test_select_one", "call", 13, 80),
        ("test_create_temp_table", "failure", "test_create_temp_table", "call", 81, 147)]
    section = facts.sections[0]
    assert [(v.value, v.line) for v in section.fixture_lines] == [
        ("db_session = <sqlalchemy.ext.asyncio.session.AsyncSession object at 0x7fe908a3f490>", 15)]
    assert section.exceptions == [first]
    assert len(section.frames) == 26
    assert (section.frames[0].file, section.frames[0].lineno, section.frames[0].function, section.frames[0].line) == (
        "tests/test_users.py", 5, None, 21)
    assert (section.frames[1].file, section.frames[1].lineno, section.frames[1].function) == (
        ".venv/lib/python3.11/site-packages/sqlalchemy/ext/asyncio/session.py", 652, "execute")
    assert (section.frames[-1].file, section.frames[-1].lineno, section.frames[-1].line) == (
        "asyncpg/protocol/protocol.pyx", 341, 80)
    assert facts.summary == {"failed": 2}
    assert (facts.summary_line.value, facts.summary_line.line) == ("2 failed in 0.46s", 151)
    assert (facts.collected.value, facts.collected.line) == ("collected 2 items", 8)
    assert [(p.value.split()[0], p.line) for p in facts.progress] == [("tests/test_users.py", 10)]
    assert facts.warnings == [] and facts.usage_errors == [] and facts.setup_show == []


def test_s01_q_has_the_same_failures():
    facts = load("s01_1.5.0_q.txt")
    rA = load("s01_1.5.0_rA.txt")
    assert facts.header.python_version is None and facts.header.asyncio_line is None
    assert [o.nodeid for o in facts.outcomes] == [o.nodeid for o in rA.outcomes]
    assert exceptions(facts) == [("RuntimeError", [68]), ("RuntimeError", [135])]
    assert [e.message for e in facts.exceptions] == [e.message for e in rA.exceptions]
    assert facts.summary == {"failed": 2}
    assert facts.summary_line.value == "2 failed in 0.44s"
    assert [p.value.split()[0] for p in facts.progress] == ["FF"]


def test_s01_vv_reads_verbose_outcomes_and_the_untruncated_summary():
    facts = load("s01_1.5.0_vv.txt")
    assert outcomes(facts) == [("tests/test_users.py::test_select_one", "failed", "call", 11),
                               ("tests/test_users.py::test_create_temp_table", "failed", "call", 12),
                               ("tests/test_users.py::test_select_one", "failed", "call", 151),
                               ("tests/test_users.py::test_create_temp_table", "failed", "call", 152)]
    assert facts.outcomes[2].message.startswith("RuntimeError: Task <Task pending name='Task-2'")
    assert facts.outcomes[2].message.endswith(DIFFERENT_LOOP)
    assert facts.collected.value == "collecting ... collected 2 items"
    assert facts.header.pytest_version.value == "9.2.0"
    assert exceptions(facts) == [("RuntimeError", [80]), ("RuntimeError", [147])]


# ---- every pytest-asyncio header format (facts §3.1) and pytest's own header lines ---------------

@pytest.mark.parametrize("line, mode, debug, key, fixture_scope, test_scope", [
    ("asyncio: mode=Mode.STRICT", "strict", None, None, None, None),
    ("asyncio: mode=legacy", "legacy", None, None, None, None),
    ("asyncio: mode=Mode.LEGACY", "legacy", None, None, None, None),
    ("asyncio: mode=Mode.STRICT, default_loop_scope=None", "strict", None, "default_loop_scope", "None", None),
    ('asyncio: mode=Mode.AUTO, default_loop_scope="session"', "auto", None, "default_loop_scope", '"session"', None),
    ("asyncio: mode=Mode.STRICT, asyncio_default_fixture_loop_scope=None",
     "strict", None, "asyncio_default_fixture_loop_scope", "None", None),
    ("asyncio: mode=Mode.STRICT, asyncio_default_fixture_loop_scope=None, asyncio_default_test_loop_scope=function",
     "strict", None, "asyncio_default_fixture_loop_scope", "None", "function"),
    ("asyncio: mode=Mode.STRICT, debug=False, asyncio_default_fixture_loop_scope=None, "
     "asyncio_default_test_loop_scope=function", "strict", "False", "asyncio_default_fixture_loop_scope", "None", "function"),
    ("asyncio: mode=Mode.AUTO, debug=True, asyncio_default_fixture_loop_scope=function, "
     "asyncio_default_test_loop_scope=session", "auto", "True", "asyncio_default_fixture_loop_scope", "function", "session"),
    ("asyncio: mode=strict, debug=False, asyncio_default_fixture_loop_scope=None, "
     "asyncio_default_test_loop_scope=function", "strict", "False", "asyncio_default_fixture_loop_scope", "None", "function"),
    ("asyncio: mode=auto, asyncio_default_fixture_loop_scope=fixture-scope, asyncio_default_test_loop_scope=function",
     "auto", None, "asyncio_default_fixture_loop_scope", "fixture-scope", "function"),
    ('asyncio: mode=Mode.AUTO, asyncio_default_fixture_loop_scope="session", asyncio_default_test_loop_scope=function',
     "auto", None, "asyncio_default_fixture_loop_scope", '"session"', "function"),
])
def test_asyncio_header_line(line, mode, debug, key, fixture_scope, test_scope):
    h = facts_of(f"platform linux -- Python 3.10.12, pytest-8.3.5, pluggy-1.5.0\n{line}\ncollected 0 items").header
    assert (h.asyncio_line.value, h.asyncio_line.line) == (line, 2)
    assert (h.asyncio_mode.value, h.asyncio_mode.line) == (mode, 2)
    assert (h.asyncio_debug.value if h.asyncio_debug else None) == debug
    assert h.fixture_loop_scope_key == key
    assert (h.fixture_loop_scope.value if h.fixture_loop_scope else None) == fixture_scope
    assert (h.test_loop_scope.value if h.test_loop_scope else None) == test_scope


def test_real_0_24_header():
    h = load("s01_0.24.0_rA.txt").header
    assert h.asyncio_line.value == "asyncio: mode=Mode.AUTO, default_loop_scope=session"
    assert (h.fixture_loop_scope.value, h.fixture_loop_scope_key, h.test_loop_scope) == ("session", "default_loop_scope", None)
    assert h.plugins["asyncio"].value == "0.24.0"
    assert h.pytest_version.value == "8.4.2"


def test_pytest6_one_line_rootdir_and_legacy_mode():
    facts = load("pytest6_legacy_header.txt")
    h = facts.header
    assert (h.python_version.value, h.pytest_version.value) == ("3.9.7", "6.2.5")
    assert (h.rootdir.value, h.configfile.value, h.testpaths.value) == ("/home/dev/proj", "setup.cfg", "tests")
    assert h.rootdir.line == h.configfile.line == 3
    assert (h.asyncio_mode.value, h.plugins["asyncio"].value) == ("legacy", "0.17.2")
    assert [(e.type, e.lines, e.origin) for e in facts.exceptions] == [
        ("ScopeMismatch", [12, 13, 14], "bare"), ("ScopeMismatch", [16, 17, 18], "bare")]
    assert facts.exceptions[0].message == (
        "You tried to access the 'function' scoped fixture 'event_loop' with a 'session' scoped request object, "
        "involved factories\ntests/conftest.py:10:  def db()\n"
        ".venv/lib/python3.9/site-packages/pytest_asyncio/plugin.py:112:  def wrapper(*args, **kwargs)")
    assert [(w.category, w.location, w.line) for w in facts.warnings] == [
        ("DeprecationWarning", ".venv/lib/python3.9/site-packages/pytest_asyncio/plugin.py:191", 21)]
    assert facts.warnings[0].message.startswith("The 'asyncio_mode' default value will change to 'strict'")
    assert facts.summary == {"warning": 1, "error": 2}
    assert outcomes(facts) == [("tests/test_db.py::test_a", "error", "setup", 26),
                               ("tests/test_db.py::test_b", "error", "setup", 27)]


@pytest.mark.parametrize("line, rootdir, configfile", [
    ("rootdir: /x, configfile: setup.cfg", "/x", "setup.cfg"),
    ("rootdir: /Users/csaba/work/photon-pump, inifile:", "/Users/csaba/work/photon-pump", None),
    ("rootdir: /tmp, inifile: tox.ini", "/tmp", "tox.ini"),
    (r"rootdir: C:\Users\dev\proj", r"C:\Users\dev\proj", None),
])
def test_rootdir_forms(line, rootdir, configfile):
    h = facts_of(line).header
    assert h.rootdir.value == rootdir
    assert (h.configfile.value if h.configfile else None) == configfile


def test_pytest9_configfile_warning_is_kept_as_printed():
    h = facts_of("rootdir: /x\nconfigfile: pytest.ini (WARNING: ignoring pytest config in pyproject.toml!)").header
    assert (h.configfile.value, h.configfile.line) == ("pytest.ini (WARNING: ignoring pytest config in pyproject.toml!)", 2)


@pytest.mark.parametrize("line, platform, python, pytest_version", [
    ("platform linux -- Python 3.12.3, pytest-8.3.2, pluggy-1.5.0 -- /home/marco/zoo/.venv/bin/python3",
     "linux", "3.12.3", "8.3.2"),
    ("platform darwin -- Python 3.6.1, pytest-3.0.7, py-1.4.33, pluggy-0.4.0", "darwin", "3.6.1", "3.0.7"),
    ("platform linux -- Python 3.5.3[pypy-5.8.0-beta], pytest-3.2.2, py-1.4.34, pluggy-0.4.0", "linux", "3.5.3", "3.2.2"),
    ("platform win32 -- Python 3.13.0rc1, pytest-8.3.3, pluggy-1.5.0", "win32", "3.13.0rc1", "8.3.3"),
])
def test_platform_line(line, platform, python, pytest_version):
    h = facts_of(line).header
    assert (h.platform.value, h.python_version.value, h.pytest_version.value) == (platform, python, pytest_version)


def test_plugins_line():
    plugins = facts_of("plugins: typeguard-4.3.0, trio-0.8.0, anyio-4.4.0, asyncio-0.24.1.dev20+gb1dc0c3, "
                       "django-test-migrations-1.2.0, asyncio-cooperative-0.30.0").header.plugins
    assert {k: v.value for k, v in plugins.items()} == {
        "typeguard": "4.3.0", "trio": "0.8.0", "anyio": "4.4.0", "asyncio": "0.24.1.dev20+gb1dc0c3",
        "django-test-migrations": "1.2.0", "asyncio-cooperative": "0.30.0"}


# ---- ERRORS entries, teardown errors, warnings ------------------------------------------------------

def test_s05_vv_warning_before_the_banner_and_a_teardown_error():
    facts = load("s05_1.5.0_vv.txt")
    [warning] = facts.warnings
    assert (warning.category, warning.line, warning.lines) == ("PytestDeprecationWarning", 1, [1, 2])
    assert warning.location == "/home/dev/proj/.venv/lib/python3.11/site-packages/pytest_asyncio/plugin.py:306"
    assert warning.message.startswith('The configuration option "asyncio_default_fixture_loop_scope" is unset.\n'
                                      "The event loop scope for asynchronous fixtures will default to the fixture scope.")
    assert warning.message.endswith('Set it to "fixture-scope" to keep the current behavior.')
    assert facts.header.python_version.line == 6
    assert outcomes(facts) == [
        ("tests/test_cache.py::test_set_and_get", "failed", "call", 14),
        ("tests/test_cache.py::test_exists", "passed", "call", 15),
        ("tests/test_cache.py::test_exists", "error", "teardown", 16),
        ("tests/test_cache.py::test_set_and_get", "failed", "call", 146),
        ("tests/test_cache.py::test_exists", "error", "teardown", 147)]
    assert [(s.title, s.kind, s.test, s.phase) for s in facts.sections] == [
        ("ERROR at teardown of test_exists", "error", "test_exists", "teardown"),
        ("test_set_and_get", "failure", "test_set_and_get", "call")]
    assert [(e.type, e.message, e.line, e.section) for e in facts.exceptions][0] == (
        "RuntimeError", "Event loop is closed", 71, "ERROR at teardown of test_exists")
    assert facts.exceptions[1].message.endswith(DIFFERENT_LOOP)
    assert facts.summary == {"failed": 1, "passed": 1, "error": 1}


def test_s05_warnings_summary_with_multi_line_message_and_passes_block():
    facts = load("s05_0.23.8_test_loop_scope_rA.txt")
    assert [(w.category, w.location, w.line, w.lines) for w in facts.warnings] == [
        ("PytestConfigWarning", ".venv/lib/python3.11/site-packages/_pytest/config/__init__.py:1474", 137, [137]),
        ("DeprecationWarning", "tests/test_cache.py::test_set_and_get", 142, list(range(142, 150)))]
    assert facts.warnings[0].message == "Unknown config option: asyncio_default_test_loop_scope"
    assert facts.warnings[1].message == (
        "The event_loop fixture provided by pytest-asyncio has been redefined in\n"
        "/home/dev/proj/tests/conftest.py:10\n"
        "Replacing the event_loop fixture with a custom implementation is deprecated\n"
        "and will lead to errors in the future.\n"
        "If you want to request an asyncio event loop with a scope other than function\n"
        'scope, use the "scope" argument to the asyncio mark when marking the tests.\n'
        "If you want to return different types of event loops, use the event_loop_policy\n"
        "fixture.")
    assert facts.header.asyncio_line.value == "asyncio: mode=Mode.AUTO"
    assert outcomes(facts) == [("tests/test_cache.py::test_exists", "passed", "call", 156),
                               ("tests/test_cache.py::test_exists", "error", "teardown", 157),
                               ("tests/test_cache.py::test_set_and_get", "failed", "call", 158)]
    assert facts.summary == {"failed": 1, "passed": 1, "warning": 2, "error": 1}
    assert [(s.title, s.start, s.end) for s in facts.sections] == [
        ("ERROR at teardown of test_exists", 12, 63), ("test_set_and_get", 65, 134)]
    assert [v.line for v in facts.sections[1].fixture_lines] == [67]


def test_bare_scope_mismatch_entry():
    facts = load("s05_0.21.2_scope_mismatch_rA.txt")
    first = facts.exceptions[0]
    assert (first.type, first.lines, first.origin, first.section) == (
        "ScopeMismatch", [13, 14, 15, 16], "bare", "ERROR at setup of test_set_and_get")
    assert first.message == (
        "You tried to access the function scoped fixture event_loop with a session scoped request object. "
        "Requesting fixture stack:\ntests/conftest.py:9:  def redis_client()\nRequested fixture:\n"
        ".venv/lib/python3.11/site-packages/pytest_asyncio/plugin.py:561:  "
        "def event_loop(request: _pytest.fixtures.FixtureRequest) -> Iterator[asyncio.events.AbstractEventLoop]")
    assert len(facts.exceptions) == 2
    assert [s.frames for s in facts.sections] == [[], []]
    assert [(o.outcome, o.phase, o.message) for o in facts.outcomes] == [
        ("error", "setup", "Failed: ScopeMismatch: You trie..."), ("error", "setup", "Failed: ScopeMismatch: You tried to ...")]


def test_fixture_not_found_and_available_fixtures():
    facts = load("s13_1.0.0_rA.txt")
    assert [(e.type, e.message, e.lines, e.origin) for e in facts.exceptions] == [
        ("", "fixture '_sesion_event_loop' not found", [line], "E") for line in (22, 37, 52, 68)]
    assert facts.available_fixtures[:5] == ["_class_event_loop", "_function_event_loop", "_module_event_loop",
                                            "_package_event_loop", "_session_event_loop"]
    assert "unused_udp_port_factory" in facts.available_fixtures and len(facts.available_fixtures) == 37
    section = facts.sections[0]
    assert [(f.file, f.lineno, f.line) for f in section.frames] == [
        ("/home/dev/proj/tests/test_control.py", 1, 13), ("/home/dev/proj/tests/conftest.py", 11, 16),
        ("/home/dev/proj/tests/conftest.py", 11, 26)]
    assert facts.header.fixture_loop_scope.value == "sesion"
    assert [o.phase for o in facts.outcomes] == ["setup"] * 4
    assert facts.summary == {"error": 4}


def test_usage_error_line():
    facts = load("s13_1.5.0_rA.txt")
    assert [(u.value, u.line) for u in facts.usage_errors] == [
        ("ERROR: 'sesion' is not a valid asyncio_default_fixture_loop_scope. Valid scopes are: "
         "function, class, module, package, session.", 1)]
    assert facts.is_pytest_output and facts.exceptions == []


def test_collection_error_with_dotted_exception_type():
    facts = load("s10a_0.25.3_multiple_loops_rA.txt")
    [section] = facts.sections
    assert (section.title, section.kind, section.test, section.phase) == (
        "ERROR collecting tests/test_control.py", "error", "tests/test_control.py", "collection")
    [exc] = facts.exceptions
    assert (exc.type, exc.lines) == ("pytest_asyncio.plugin.MultipleEventLoopsRequestedError", [46, 47, 48, 49, 50, 51])
    assert exc.message.splitlines() == [
        "Multiple asyncio event loops with different scopes have been requested",
        "by tests/test_control.py::test_pg. The test explicitly requests the event_loop fixture, while",
        "another event loop with session scope is provided by .",
        'Remove "event_loop" from the requested fixture in your test to run the test',
        'in a session-scoped event loop or remove the scope argument from the "asyncio"',
        "mark to run the test in a function-scoped event loop."]
    assert outcomes(facts) == [("tests/test_control.py", "error", "collection", 53)]
    assert facts.collected.value == "collected 0 items / 1 error"


def test_async_fixture_nobody_handled_pytest9():
    facts = load("s06_1.5.0_rA.txt")
    assert [(e.type, e.lines, e.origin, e.section) for e in facts.exceptions] == [
        ("", [13, 14], "bare", "ERROR at setup of test_insert_item"),
        ("", [16, 17], "bare", "ERROR at setup of test_expected_count")]
    assert facts.exceptions[0].message == (
        "'test_insert_item' requested an async fixture 'db', with no plugin or hook that handled it. This is an error, "
        "as pytest does not natively support it.\n"
        "See: https://docs.pytest.org/en/stable/deprecations.html#sync-test-depending-on-async-fixture")
    assert facts.header.asyncio_mode.value == "strict"


def test_async_def_not_supported_and_removed_in_9_warnings():
    facts = load("s02d_1.0.0_rA.txt")
    assert [(e.type, e.lines[0], e.lines[-1]) for e in facts.exceptions] == [("", 13, 19), ("", 21, 27)]
    assert facts.exceptions[0].message.splitlines()[:2] == [
        "async def functions are not natively supported.",
        "You need to install a suitable plugin for your async framework, for example:"]
    assert [(w.category, w.location, w.lines) for w in facts.warnings] == [
        ("PytestRemovedIn9Warning", "tests/test_users.py::test_select_one", [30, 31]),
        ("PytestRemovedIn9Warning", "tests/test_users.py::test_create_temp_table", [35, 36])]
    assert facts.warnings[0].message.endswith("\nSee: https://docs.pytest.org/en/stable/deprecations.html"
                                              "#sync-test-depending-on-async-fixture")
    assert facts.header.configfile.value == "pyproject.toml"


def test_sync_test_client_frames_and_fixture_values():
    facts = load("s07_1.5.0_rA.txt")
    [section] = facts.sections
    assert [v.value.split(" = ")[0] for v in section.fixture_lines] == ["client", "redis_client"]
    assert any("anyio/from_thread.py" in f.file for f in section.frames)
    assert any("starlette/testclient.py" in f.file for f in section.frames)
    [exc] = facts.exceptions
    assert exc.message.startswith("Task <Task pending name='anyio.from_thread.BlockingPortal._call_func'")
    assert [w.category for w in facts.warnings] == ["StarletteDeprecationWarning"]


# ---- --setup-show, tb styles, chains and groups (real pytest 9.2 output) -------------------------------

def test_setup_show_verbose():
    facts = load("setup_show_v.txt")
    events = [(e.kind, e.name, e.scope, e.params, e.outcome, e.fixtures, e.line) for e in facts.setup_show]
    assert events[:9] == [
        ("setup", "redis_client", "session", None, None, [], 8),
        ("setup", "engine", "module", None, None, ["redis_client"], 9),
        ("setup", "db_session", "function", None, None, ["engine"], 10),
        ("setup", "flavour", "function", "['a']", None, [], 11),
        ("call", "tests/test_a.py::test_ok[a]", None, None, "passed",
         ["db_session", "engine", "flavour", "redis_client", "request"], 12),
        ("teardown", "flavour", "function", "['a']", None, [], 13),
        ("teardown", "db_session", "function", None, None, [], 14),
        ("setup", "db_session", "function", None, None, ["engine"], 16),
        ("setup", "flavour", "function", "['b']", None, [], 17)]
    calls = [(e.name, e.outcome, e.line) for e in facts.setup_show if e.kind == "call"]
    assert calls == [("tests/test_a.py::test_ok[a]", "passed", 12), ("tests/test_a.py::test_ok[b]", "passed", 18),
                     ("tests/test_a.py::TestGroup::test_chain", "failed", 23),
                     ("tests/test_a.py::TestGroup::test_group", "failed", 26),
                     ("tests/test_a.py::test_context", "failed", 28), ("tests/test_a.py::test_assert", "failed", 30)]
    assert events[-2:] == [("teardown", "engine", "module", None, None, [], 31),
                           ("teardown", "redis_client", "session", None, None, [], 32)]


def test_setup_show_quiet_progress_letters():
    facts = load("setup_show.txt")
    calls = [(e.name, e.outcome, e.fixtures[:1], e.line) for e in facts.setup_show if e.kind == "call"]
    assert calls == [("tests/test_a.py::test_ok[a]", "passed", ["db_session"], 12),
                     ("tests/test_a.py::test_ok[b]", "passed", ["db_session"], 17),
                     ("tests/test_a.py::TestGroup::test_chain", "failed", ["db_session"], 21),
                     ("tests/test_a.py::TestGroup::test_group", "failed", [], 23),
                     ("tests/test_a.py::test_context", "failed", ["redis_client"], 24),
                     ("tests/test_a.py::test_assert", "failed", ["engine"], 25)]
    assert len(facts.setup_show) == 20


def test_long_tracebacks_with_chains_and_an_exception_group():
    facts = load("setup_show_v.txt")
    assert [(e.type, e.message, e.lines, e.chain, e.origin, e.section) for e in facts.exceptions] == [
        ("KeyError", "'session'", [43], None, "E", "TestGroup.test_chain"),
        ("RuntimeError", "Event loop is closed", [57], "cause", "E", "TestGroup.test_chain"),
        ("ExceptionGroup", "unhandled errors in a TaskGroup (1 sub-exception)", [64], None, "traceback",
         "TestGroup.test_group"),
        ("RuntimeError", "Task got Future <Future pending> attached to a different loop", [66], None, "traceback",
         "TestGroup.test_group"),
        ("KeyError", "'x'", [75], None, "E", "test_context"),
        ("ValueError", "The future belongs to a different loop than the one specified as the loop argument", [88],
         "context", "E", "test_context"),
        ("AssertionError", "assert 'engine' == 'other'\n\n  - other\n  + engine", [97, 98, 99, 100], None, "E",
         "test_assert")]
    chain = facts.sections[0]
    assert [v.value for v in chain.fixture_lines] == ["self = <test_a.TestGroup object at 0x7fe8351df050>",
                                                      "db_session = <object object at 0x7fe8369a5540>"]
    assert [(f.file, f.lineno) for f in facts.sections[1].frames] == [("/home/dev/proj/tests/test_a.py", 15)]


def test_native_tracebacks():
    facts = load("tb_native.txt")
    assert [(e.type, e.lines, e.chain, e.origin) for e in facts.exceptions] == [
        ("KeyError", [14], None, "traceback"), ("RuntimeError", [70], "cause", "traceback"),
        ("ExceptionGroup", [124], None, "traceback"), ("RuntimeError", [126], None, "traceback"),
        ("KeyError", [133], None, "traceback"), ("ValueError", [189], "context", "traceback"),
        ("AssertionError", [243], None, "traceback")]
    assert [s.kind for s in facts.sections] == ["failure"] * 4
    first = facts.sections[0].frames
    assert (first[0].file, first[0].lineno, first[0].function, first[0].line) == (
        "/home/dev/proj/tests/test_a.py", 10, "test_chain", 12)


def test_tb_line_quiet():
    facts = load("tb_line_q.txt")
    assert [(e.type, e.lines, e.chain) for e in facts.exceptions] == [
        ("KeyError", [3], None), ("RuntimeError", [6], "cause"), ("ExceptionGroup", [11], None),
        ("RuntimeError", [13], None), ("KeyError", [16], None), ("ValueError", [19], "context"),
        ("AssertionError", [21], None)]
    assert facts.summary == {"failed": 4, "passed": 2}
    assert [o.nodeid for o in facts.outcomes][:1] == ["tests/test_a.py::TestGroup::test_chain"]


def test_collection_import_error():
    facts = load("collect_error_q.txt")
    assert [(e.type, e.lines, e.origin) for e in facts.exceptions] == [
        ("", [4, 5, 6], "bare"), ("ModuleNotFoundError", [12], "E")]
    assert facts.exceptions[0].message.startswith("ImportError while importing test module")
    assert facts.summary == {"deselected": 6, "error": 1}
    assert outcomes(facts) == [("tests/test_broken.py", "error", "collection", 14)]


def test_internal_error():
    facts = load("internalerror.txt")
    [exc] = facts.exceptions
    assert (exc.type, exc.lines, exc.origin) == ("pytest.PytestDeprecationWarning", [19, 20], "internal")
    assert exc.message.startswith('The configuration option "asyncio_default_fixture_loop_scope" is unset.\n'
                                  "The event loop scope for asynchronous fixtures")
    [usage] = facts.usage_errors
    assert usage.line == 19
    assert usage.value.startswith('INTERNALERROR> pytest.PytestDeprecationWarning: The configuration option '
                                  '"asyncio_default_fixture_loop_scope" is unset.\nThe event loop scope')
    assert facts.warnings == []


def test_internal_error_without_traceback():
    facts = facts_of("INTERNALERROR> TypeError: /x/pyproject.toml: config option "
                     "'asyncio_default_fixture_loop_scope' expects a string, got int: 1")
    assert [(e.type, e.message) for e in facts.exceptions] == [
        ("TypeError", "/x/pyproject.toml: config option 'asyncio_default_fixture_loop_scope' expects a string, got int: 1")]
    assert len(facts.usage_errors) == 1


def test_xdist_verbose():
    facts = load("xdist_v.txt")
    assert [(o.nodeid, o.outcome, o.phase, o.worker, o.line) for o in facts.outcomes] == [
        ("tests/test_api.py::test_list_jobs", "passed", "call", "gw0", 15),
        ("tests/test_api.py::test_get_job", "failed", "call", "gw1", 17),
        ("tests/test_api.py::test_delete_job", "error", "teardown", "gw0", 18),
        ("tests/test_api.py::test_get_job", "failed", "call", None, 61),
        ("tests/test_api.py::test_delete_job", "error", "teardown", None, 62)]
    assert [(e.type, e.lines, e.section) for e in facts.exceptions] == [
        ("RuntimeError", [41], "ERROR at teardown of test_delete_job"), ("RuntimeError", [57], "test_get_job")]
    assert [[v.value for v in s.fixture_lines] for s in facts.sections] == [
        [], ["db_pool = <asyncpg.pool.Pool object at 0x7f3a1c2b4e50>"]]
    assert {k: v.value for k, v in facts.header.plugins.items()} == {"xdist": "3.6.1", "asyncio": "0.24.0"}


# ---- plain tracebacks, bug reports, partial pastes -------------------------------------------------

def test_plain_python_traceback_in_a_report():
    facts = load("plain_traceback.txt")
    [section] = facts.sections
    assert (section.kind, section.test, section.start, section.end) == ("traceback", None, 3, 24)
    assert [(f.file, f.lineno, f.function) for f in section.frames][:2] == [
        ("/home/dev/proj/app/worker.py", 41, "<module>"), ("/usr/lib/python3.11/asyncio/runners.py", 190, "run")]
    assert [(e.type, e.message, e.lines, e.chain, e.origin) for e in facts.exceptions] == [
        ("RuntimeError", "<Queue at 0x7f1c2a3b4d90 maxsize=0 tasks=1> is bound to a different event loop", [13], None,
         "traceback"),
        ("RuntimeError", "Event loop is closed", [24], "context", "traceback")]
    assert facts.is_pytest_output and facts.outcomes == []


def test_seed_report_wrapped_exception_is_one_exception():
    facts = load("seed_report.txt")
    assert facts.is_pytest_output
    [exc] = facts.exceptions
    assert (exc.type, exc.line, exc.lines, exc.origin) == ("RuntimeError", 11, [11, 12, 13, 14, 15], "E")
    assert exc.message == ("Task <Task pending name='Task-14' coro=<test_job_api() running at "
                           r"tests\api\test_jobs.py:18> cb=[_run_until_complete_cb() at "
                           r"C:\...\asyncio\base_events.py:182]> got Future <Future pending "
                           "cb=[_chain_future.<locals>._call_check_cancel() at "
                           r"C:\...\asyncio\futures.py:391]> attached to a different loop")
    [section] = facts.sections
    assert (section.kind, section.start, section.end) == ("traceback", 9, 15)
    assert [(f.file, f.lineno, f.function, f.line) for f in section.frames] == [
        (r"tests\utils\helpers.py", 23, "seed_data", 9)]
    assert [(o.nodeid, o.outcome, o.line) for o in facts.outcomes] == [
        (r"tests\api\test_jobs.py::test_job_api[职位_列表_有数据]", "passed", 53),
        (r"tests\api\test_jobs.py::test_job_api[职位_列表_关键词搜索]", "passed", 54),
        (r"tests\api\test_jobs.py::test_job_api[职位_列表_分页]", "passed", 55),
        (r"tests\api\test_jobs.py::test_job_api[职位_热门_默认]", "passed", 56),
        (r"tests\api\test_jobs.py::test_job_api[职位_详情_存在]", "passed", 57),
        (r"tests\flows\test_job_flows.py::TestJobCoreFlows::test_hotjobs_flow", "passed", 58)]
    assert facts.header.python_version is None and facts.summary == {}


def test_exception_lines_in_a_fenced_bug_report_are_joined():
    paste = ("The e2e tests fail with\n\n```\n"
             "RuntimeError: Task <Task pending ... BaseHTTPMiddleware...> got Future <Future pending>\n"
             "attached to a different loop\n```\n\nRoot cause: the fixture calls asyncio.run.\n"
             "RuntimeError: Event loop is closed\nis what we get later.")
    facts = facts_of(paste)
    assert [(e.type, e.message, e.lines, e.origin, e.section) for e in facts.exceptions] == [
        ("RuntimeError", "Task <Task pending ... BaseHTTPMiddleware...> got Future <Future pending> " + DIFFERENT_LOOP,
         [4, 5], "text", None),
        ("RuntimeError", "Event loop is closed", [9], "text", None)]


def test_known_error_texts_without_type_in_prose():
    paste = ("```text\n'test_crud' requested an async fixture 'client', with no plugin or hook\n"
             "that handled it. This is an error, as pytest does not natively support it.\n```")
    [exc] = facts_of(paste).exceptions
    assert (exc.type, exc.lines) == ("", [2, 3])
    assert exc.message == ("'test_crud' requested an async fixture 'client', with no plugin or hook that handled it. "
                           "This is an error, as pytest does not natively support it.")


def test_other_exception_forms_in_text():
    facts = facts_of("<class 'asyncpg.exceptions._base.InterfaceError'>: cannot perform operation: another operation "
                     "is in progress\nsqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called\n"
                     "asyncio.exceptions.CancelledError\nError: something else\nNote: not an exception")
    assert [(e.type, e.message) for e in facts.exceptions] == [
        ("asyncpg.exceptions._base.InterfaceError", "cannot perform operation: another operation is in progress"),
        ("sqlalchemy.exc.MissingGreenlet", "greenlet_spawn has not been called"),
        ("asyncio.exceptions.CancelledError", "")]


def test_loose_warnings():
    facts = facts_of('PytestDeprecationWarning: The configuration option "asyncio_default_fixture_loop_scope" is unset.\n'
                     "The event loop scope for asynchronous fixtures will default to the fixture caching scope.\n\n"
                     "- /root/env/lib/python3.11/site-packages/_pytest/config/__init__.py:1441: PytestConfigWarning: "
                     "Unknown config option: asyncio_default_fixture_loop_scope")
    assert [(w.category, w.location, w.lines) for w in facts.warnings] == [
        ("PytestDeprecationWarning", None, [1, 2]),
        ("PytestConfigWarning", "/root/env/lib/python3.11/site-packages/_pytest/config/__init__.py:1441", [4])]
    assert facts.warnings[0].message.endswith("\nThe event loop scope for asynchronous fixtures will default to the "
                                              "fixture caching scope.")
    assert facts.exceptions == []


def test_short_summary_alone_gives_the_exceptions():
    facts = facts_of("FAILED tests/test_a.py::test_one[a b] - RuntimeError: Event loop is closed\n"
                     "ERROR tests/test_a.py::test_two - Failed: ScopeMismatch: You tried to access the function scoped\n"
                     "SKIPPED [1] tests/test_a.py:12: async def function and no async plugin installed (see warnings)\n"
                     "XFAIL tests/test_a.py::test_three - flaky\n"
                     "PASSED tests/test_a.py::test_four\n"
                     "FAILED to connect to the database")
    assert [(o.nodeid, o.outcome, o.message) for o in facts.outcomes] == [
        ("tests/test_a.py::test_one[a b]", "failed", "RuntimeError: Event loop is closed"),
        ("tests/test_a.py::test_two", "error", "Failed: ScopeMismatch: You tried to access the function scoped"),
        ("tests/test_a.py:12", "skipped", "async def function and no async plugin installed (see warnings)"),
        ("tests/test_a.py::test_three", "xfailed", "flaky"),
        ("tests/test_a.py::test_four", "passed", None)]
    assert [(e.type, e.message, e.origin, e.lines) for e in facts.exceptions] == [
        ("RuntimeError", "Event loop is closed", "summary", [1]),
        ("ScopeMismatch", "You tried to access the function scoped", "summary", [2])]


@pytest.mark.parametrize("line, summary", [
    ("============================== 2 failed in 0.46s ===============================", {"failed": 2}),
    ("2 failed in 0.4s", {"failed": 2}),
    ("1 failed, 1 passed, 1 error in 0.20s", {"failed": 1, "passed": 1, "error": 1}),
    ("======================== 1 passed, 1 warnings in 0.07 seconds =========================",
     {"passed": 1, "warning": 1}),
    ("=== 172 passed, 4 skipped, 1 warning in 3.78s ===", {"passed": 172, "skipped": 4, "warning": 1}),
    ("=========== 3 failed, 20 deselected, 1 xfailed in 75.20s (0:01:15) ===========",
     {"failed": 3, "deselected": 20, "xfailed": 1}),
    ("============================ no tests ran in 0.01s =============================", {}),
])
def test_closing_summary_line(line, summary):
    facts = facts_of(f"some noise\n{line}")
    assert facts.summary == summary
    assert facts.summary_line.line == 2
    assert facts.summary_line.value == line.strip("= ")


def test_prose_is_not_pytest_output():
    facts = facts_of("We pinned pytest-asyncio to 0.21 and the failures went away.\n2 failed tests were flaky.")
    assert not facts.is_pytest_output
    assert facts.summary == {} and facts.exceptions == []


def test_find_returns_cleaned_lines_with_original_numbers():
    facts = facts_of("\x1b[31mE   RuntimeError: Event loop is closed\x1b[0m\n")
    assert [(v.value, v.line) for v in facts.find("Event loop is closed")] == [
        ("E   RuntimeError: Event loop is closed", 1)]


# ---- the same output dressed differently gives the same facts -----------------------------------

def _colour(paste: str) -> str:
    out = []
    for line in paste.splitlines():
        if line.startswith("E "):
            line = f"\x1b[1m\x1b[31m{line}\x1b[0m"
        elif line.startswith("="):
            line = f"\x1b[31m\x1b[1m{line}\x1b[0m"
        elif line.startswith("FAILED"):
            line = f"\x1b[31mFAILED\x1b[0m {line[7:]}"
        out.append(line)
    return "\n".join(out)


def _github(paste: str) -> str:
    body = [f"2024-05-01T10:00:{k % 60:02d}.{k:07d}Z {line}" for k, line in enumerate(paste.splitlines())]
    return "\n".join(["2024-05-01T10:00:00.0000000Z ##[group]Run python -m pytest -rA", *body,
                      "2024-05-01T10:00:59.0000000Z ##[error]Process completed with exit code 1."])


VARIANTS = {
    "ansi": (_colour, 0),
    "crlf": (lambda p: p.replace("\n", "\r\n"), 0),
    "bytes-bom": (lambda p: "\ufeff" + p, 0),
    "github": (_github, 1),
    "tox": (lambda p: "\n".join("py311: " + line for line in p.splitlines()), 0),
    "fenced-report": (lambda p: "Upgrading broke our suite:\n\n```console\n$ pytest -rA\n" + p + "```\nAny idea?", 4),
    "blog-indented": (lambda p: "Output:\n\n" + "\n".join("    " + line for line in p.splitlines()) + "\n\nThanks", 2),
    "quoted": (lambda p: "On Monday you wrote:\n" + "\n".join("> " + line for line in p.splitlines()), 1),
    "html": (lambda p: p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;"), 0),
    "tabs": (lambda p: p.replace("    ", "\t"), 0),
    "hard-wrapped": (lambda p: "\n".join(line[k:k + 80] for line in p.splitlines()
                                         for k in range(0, max(len(line), 1), 80)), None),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_dressed_variants_of_a_real_output_give_the_same_facts(variant):
    original = read("s01_1.5.0_rA.txt")
    dress, offset = VARIANTS[variant]
    facts = facts_of(dress(original))
    expected = signature(facts_of(original))
    got = signature(facts)
    if variant == "hard-wrapped":
        expected.pop("outcomes"), got.pop("outcomes")   # short summary lines were cut to 80 columns anyway
    assert got == expected
    text = facts.text.original.splitlines()
    for exc in facts.exceptions:
        assert "E   RuntimeError: Task <Task pending" in text[exc.line - 1].replace("&lt;", "<")
    if offset is not None:
        assert [e.line for e in facts.exceptions] == [78 + offset, 145 + offset]
        assert [o.line for o in facts.outcomes] == [149 + offset, 150 + offset]
        assert facts.header.asyncio_line.line == 7 + offset


# ---- size ------------------------------------------------------------------------------------------

def test_a_large_ci_log():
    """About 5 MB of CI log around real failures: normalise and parse in one linear pass."""
    output = read("s05_0.23.8_test_loop_scope_rA.txt").splitlines()
    noise = [f"Collecting package-{k}==1.{k} (from -r requirements.txt (line {k}))" for k in range(300)]
    lines: list[str] = []
    rounds = 0
    while sum(len(line) + 30 for line in lines) < 5_000_000:
        lines += noise + output + ["x" * 10_000 + " === " + "=" * 2000]
        rounds += 1
    log = "\n".join(f"2024-05-01T10:00:00.1234567Z \x1b[36m{line}\x1b[0m" for line in lines)
    assert len(log) > 5_000_000
    facts = facts_of(log)
    assert len(facts.text) == len(lines)
    assert len(facts.exceptions) == 2 * rounds
    assert len(facts.warnings) == 2 * rounds
    assert facts.summary["failed"] == rounds
    assert re.fullmatch(r"1 failed, 1 passed, 2 warnings, 1 error in 0\.24s", facts.summary_line.value)


# ---- more shapes ------------------------------------------------------------------------------------

def test_source_lines_show_the_code_of_the_traceback():
    seed = load("seed_report.txt").sections[0]
    assert [(v.value, v.line) for v in seed.source_lines] == [("await test_db[coll_name].insert_many(docs)", 10)]
    s01 = load("s01_1.5.0_rA.txt").sections[0]
    assert [(v.value, v.line) for v in s01.source_lines[:2]] == [
        ("async def test_select_one(db_session):", 17), ('result = await db_session.execute(text("SELECT 1"))', 18)]
    assert ("return await waiter", 77) in [(v.value, v.line) for v in s01.source_lines]
    plain = load("plain_traceback.txt").sections[0]
    assert [v.value for v in plain.source_lines][:2] == ["asyncio.run(main())", "return runner.run(main)"]


def test_setup_show_of_older_pytest():
    # pytest 5 to 8.x glued the progress letter to the fixtures list.
    facts = facts_of("test_count.py \nSETUP    S cards_db\n"
                     "        test_count.py::test_empty (fixtures used: cards_db).\n"
                     "        test_count.py::test_two (fixtures used: cards_db)F\n"
                     "TEARDOWN S cards_db\n\n=== 1 failed, 1 passed in 0.04s ===")
    assert [(e.kind, e.name, e.scope, e.outcome, e.fixtures) for e in facts.setup_show] == [
        ("setup", "cards_db", "session", None, []),
        ("call", "test_count.py::test_empty", None, "passed", ["cards_db"]),
        ("call", "test_count.py::test_two", None, "failed", ["cards_db"]),
        ("teardown", "cards_db", "session", None, [])]
    assert [(o.nodeid, o.outcome) for o in facts.outcomes] == [
        ("test_count.py::test_empty", "passed"), ("test_count.py::test_two", "failed")]


def test_setup_show_of_pytest_asyncio_internal_loop_fixtures():
    facts = facts_of("SETUP    S _session_event_loop\n    SETUP    M tests/test_a.py::<event_loop>\n"
                     "        SETUP    F _function_scoped_runner (fixtures used: event_loop_policy)\n"
                     "        SETUP    F db_session['pg'] (fixtures used: _function_scoped_runner)")
    assert [(e.name, e.scope, e.params, e.fixtures) for e in facts.setup_show] == [
        ("_session_event_loop", "session", None, []), ("tests/test_a.py::<event_loop>", "module", None, []),
        ("_function_scoped_runner", "function", None, ["event_loop_policy"]),
        ("db_session", "function", "['pg']", ["_function_scoped_runner"])]


def test_unraisable_exception_warning_carries_a_traceback():
    paste = "\n".join([
        "=============================== warnings summary ===============================",
        "tests/test_cache.py::test_exists",
        "  /home/dev/proj/.venv/lib/python3.11/site-packages/_pytest/unraisableexception.py:85: "
        "PytestUnraisableExceptionWarning: Exception ignored in: <function BaseEventLoop.__del__ at 0x7f2b1c0e4d60>",
        "  ",
        "  Traceback (most recent call last):",
        '    File "/usr/lib/python3.11/asyncio/base_events.py", line 692, in __del__',
        "      self.close()",
        "  RuntimeError: Event loop is closed",
        "  ",
        "    warnings.warn(pytest.PytestUnraisableExceptionWarning(msg))",
        "",
        "-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html",
        "============================== 1 passed, 1 warning in 0.10s =============================="])
    facts = facts_of(paste)
    [warning] = facts.warnings
    assert (warning.category, warning.location, warning.lines) == (
        "PytestUnraisableExceptionWarning", "tests/test_cache.py::test_exists", [3, 4, 5, 6, 7, 8])
    assert warning.message.splitlines()[-1] == "RuntimeError: Event loop is closed"
    assert [(e.type, e.message, e.lines, e.origin) for e in facts.exceptions] == [
        ("RuntimeError", "Event loop is closed", [8], "traceback")]
    assert facts.summary == {"passed": 1, "warning": 1}


def test_captured_log_traceback_inside_an_entry():
    paste = "\n".join([
        "=================================== FAILURES ===================================",
        "___________________________________ test_one ___________________________________",
        "tests/test_a.py:5: in test_one",
        "    await client.get('/')",
        "E   TimeoutError",
        "------------------------------ Captured log call -------------------------------",
        "ERROR    asyncio:base_events.py:1785 Task exception was never retrieved",
        "future: <Task finished name='Task-3' coro=<worker() done> exception=RuntimeError('Event loop is closed')>",
        "Traceback (most recent call last):",
        '  File "/home/dev/proj/app/worker.py", line 12, in worker',
        "    await asyncio.sleep(1)",
        "RuntimeError: Event loop is closed",
        "=========================== short test summary info ============================",
        "FAILED tests/test_a.py::test_one - TimeoutError"])
    facts = facts_of(paste)
    assert [(e.type, e.message, e.section, e.origin) for e in facts.exceptions] == [
        ("TimeoutError", "", "test_one", "E"), ("RuntimeError", "Event loop is closed", "test_one", "traceback")]
    [section] = facts.sections
    assert [(f.file, f.lineno) for f in section.frames] == [("tests/test_a.py", 5), ("/home/dev/proj/app/worker.py", 12)]


@pytest.mark.parametrize("line, kind, message", [
    ("E   Failed: ScopeMismatch: You tried to access the function scoped fixture _function_scoped_runner",
     "ScopeMismatch", "You tried to access the function scoped fixture _function_scoped_runner"),
    ("E   asyncpg.exceptions._base.InterfaceError: cannot perform operation: another operation is in progress",
     "asyncpg.exceptions._base.InterfaceError", "cannot perform operation: another operation is in progress"),
    ("E   pytest.PytestRemovedIn9Warning: 'test_1' requested an async fixture 'afix', with no plugin or hook that "
     "handled it.", "pytest.PytestRemovedIn9Warning",
     "'test_1' requested an async fixture 'afix', with no plugin or hook that handled it."),
    ("E       asyncio.exceptions.CancelledError", "asyncio.exceptions.CancelledError", ""),
    ("E       TypeError: fixture() got an unexpected keyword argument 'loop_scope'",
     "TypeError", "fixture() got an unexpected keyword argument 'loop_scope'"),
    ("E       KeyError: 'sesion'", "KeyError", "'sesion'"),
])
def test_e_line_types(line, kind, message):
    [exc] = facts_of(line).exceptions
    assert (exc.type, exc.message, exc.origin) == (kind, message, "E")


def test_assertion_e_lines_take_their_type_from_the_crash_line():
    # From a real Nixpkgs CI report (zeroconf).
    paste = "\n".join([
        "=================================== FAILURES ===================================",
        "__________________________ test_run_coro_with_timeout __________________________",
        "",
        "    @pytest.mark.asyncio",
        "    async def test_run_coro_with_timeout() -> None:",
        ">       assert task is not None",
        "E       assert None is not None",
        "",
        "tests/utils/test_asyncio.py:139: AssertionError"])
    [exc] = facts_of(paste).exceptions
    assert (exc.type, exc.message, exc.lines, exc.section) == (
        "AssertionError", "assert None is not None", [7], "test_run_coro_with_timeout")


def test_single_error_progress_line_is_not_an_e_line():
    facts = facts_of("E                                                                        [100%]")
    assert facts.exceptions == [] and [p.line for p in facts.progress] == [1]


def test_lines_matching_and_find_agree_with_a_line_scan():
    import re as _re
    from analyzer.pytest_output import parse
    from analyzer.text import normalise
    facts = parse(normalise("a Event loop is closed\nb\nclosed twice: Event loop is closed, Event loop is closed\n"
                            "c\nEvent loop is closed\n"))
    assert [v.line for v in facts.lines_matching(_re.compile("Event loop is closed"))] == [1, 3, 5]
    assert [v.line for v in facts.find("Event loop is closed")] == [1, 3, 5]
    assert facts.find("not in the paste") == []


def test_argument_values_of_a_library_frame_are_not_fixtures():
    paste = """=================================== FAILURES ===================================
_____________________________ test_unknown_profile _____________________________

self = <redis.asyncio.connection.Connection(host=127.0.0.1,port=6379,db=0)>
disable_decoding = False, timeout = None

    async def read_response(
>       response = await self._read_response_from_parser()
E       RuntimeError: Task <Task pending name='Task-3'> got Future <Future pending> attached to a different loop

/venv/lib/python3.11/site-packages/redis/asyncio/connection.py:1286: RuntimeError
"""
    assert parse(normalise(paste)).fixture_values() == []
    in_class = paste.replace("<redis.asyncio.connection.Connection(host=127.0.0.1,port=6379,db=0)>",
                             "<tests.test_profiles.TestProfiles object at 0x7f00>")
    assert [name for name, _ in parse(normalise(in_class)).fixture_values()] == ["disable_decoding"]


NOTE = """Fix teardown of the stream

pytest-asyncio's event-loop runner and pytest-playwright's sync driver
can't share the main thread, mixing them trips teardown with "Cannot run the event loop
while another loop is running" (warned now).

- a list item that is
- not joined
"""


def test_a_note_s_sentence_wrapped_mid_way_is_read_on_across_the_wrap():
    facts = parse(normalise(NOTE))
    found = facts.lines_matching(re.compile(r"Cannot run the event loop while another loop is running"))
    assert [v.line for v in found] == [4]
    assert found[0].value.startswith("can't share the main thread") and found[0].value.endswith("(warned now).")
    assert [v.line for v in facts.find("the event loop while another")] == [4]
    assert not facts.lines_matching(re.compile(r"is not joined"))      # (list items stay lines)
    assert not facts.lines_matching(re.compile(r"stream pytest-asyncio"))   # (nor a title and its body)
    # a line matched alone keeps its own text
    assert facts.lines_matching(re.compile(r"sync driver"))[0].value == "pytest-asyncio's event-loop runner and pytest-playwright's sync driver"


def test_pytest_output_is_never_read_across_lines():
    output = ("=================================== FAILURES ===================================\n"
              "E   RuntimeError: Task got Future attached to a different loop that is very long here\n"
              "tests/test_a.py:3: RuntimeError\n=========================== 1 failed in 0.01s ===========================\n")
    facts = parse(normalise(output))
    assert facts.is_pytest_output and not facts.lines_matching(re.compile(r"long here tests/"))


def test_the_first_line_matching_is_found_past_soft_wraps():
    facts = parse(normalise(NOTE))
    assert facts.first_matching(re.compile(r"list item")).line == 7
