"""Reading whole bug reports: code quoted in them, versions named in prose, output cut short."""
from functools import partial

import pytest

import analyzer
from analyzer.engine import quoted_code
from analyzer.environment import _MENTION
from analyzer.pytest_output import parse
from analyzer.text import normalise
from tests.scaling import assert_about_linear

# The readings of the rules, each held to its evidence: the wording guess (tests/test_guess.py) stays out.
diagnose = partial(analyzer.diagnose, guess=False)

REPORT = """When I run my tests the second one fails with "attached to a different loop".

conftest.py:

    @pytest.fixture(scope='session')
    def app():
        return create_app()

and test_stuff.py:

    @pytest.mark.asyncio
    async def test_stuff(app):
        await app['stuff'].do_async_stuff()

Any idea?
"""


def test_indented_blocks_of_a_prose_report_are_code():
    names = [name for name, _ in quoted_code(REPORT, with_indented=True)]
    assert names == ["<paste> block 1/conftest.py", "<paste> block 2/test_quoted.py"]
    assert quoted_code(REPORT) == []   # only fenced blocks unless asked


def test_a_sync_session_fixture_used_by_async_tests_is_cached_across_loops():
    finding = _top(REPORT)
    assert finding["pattern"] == "fixture-cached-longer-than-its-loop"


def test_quoted_code_cut_mid_statement_is_read_up_to_the_cut():
    report = "```py\nimport pytest\n\n@pytest.fixture(scope=\"module\")\ndef container():\n    return 1\n\nasync d\n...\n```\n"
    [(name, code)] = quoted_code(report)
    assert name == "<paste> block 1/conftest.py" and code.rstrip().endswith("return 1")


def test_versions_named_in_prose_and_pins():
    said = {text: (m.group(1) if (m := _MENTION.search(text)) else None) for text in (
        'pytest-asyncio = "==0.23.7"', "pytest-asyncio (`0.23.7`) is broken", "with pytest-asyncio v0.21.1",
        "see pytest-asyncio.readthedocs.io/en/v0.21.1", "pytest-asyncio 3 tests fail")}
    assert said == {'pytest-asyncio = "==0.23.7"': "0.23.7", "pytest-asyncio (`0.23.7`) is broken": "0.23.7",
                    "with pytest-asyncio v0.21.1": "0.21.1", "see pytest-asyncio.readthedocs.io/en/v0.21.1": None,
                    "pytest-asyncio 3 tests fail": None}


def test_internal_error_traceback_with_elided_frames_names_the_plugin():
    paste = """platform win32 -- Python 3.8.10, pytest-7.4.3, pluggy-1.3.0
rootdir: D:\\a\\proj
plugins: asyncio-0.23.0
asyncio: mode=auto
collecting ... collected 21 items
INTERNALERROR> Traceback (most recent call last):
...
INTERNALERROR>   File "C:\\env\\lib\\site-packages\\pytest_asyncio\\plugin.py", line 610, in pytest_collectstart
...
INTERNALERROR>   File "C:\\env\\lib\\site-packages\\_pytest\\outcomes.py", line 179, in skip
INTERNALERROR>     raise Skipped(msg=reason, allow_module_level=allow_module_level)
INTERNALERROR> Skipped: skipping tests on windows
"""
    facts = parse(normalise(paste))
    assert [(e.type, e.origin) for e in facts.exceptions] == [("Skipped", "internal")]
    finding = _top(paste)
    assert finding["pattern"] == "plugin-version-bug"
    assert next(f for f in finding["fixes"] if f["recommended"])["requires"] == "pytest-asyncio!=0.23.0"


def test_a_failed_progress_line_is_a_failure_when_the_summary_is_cut():
    paste = """platform linux -- Python 3.7.11, pytest-7.1.2, pluggy-1.0.0
rootdir: /home/ci, configfile: setup.cfg
plugins: asyncio-0.19.0
asyncio: mode=strict
collected 1 item

t.py F                                                                   [100%]

```
import pytest

@pytest.fixture
async def async_fixture1():
    yield "value"

@pytest.mark.asyncio
async def test_async_fixture1(async_fixture1):
    assert async_fixture1 == "value"
```
"""
    result = diagnose(paste).to_dict()
    assert result["verdict"] == "asyncio-misconfiguration"
    assert result["findings"][0]["pattern"] == "strict-mode-unmarked-async"
    assert next(f for f in result["findings"][0]["fixes"] if f["recommended"])["kind"] == "use-asyncio-fixture-decorator"


def test_a_config_line_offered_as_the_remedy_is_not_the_setup():
    report = ("Just one thing: you might need to add\n\npytest.ini\n```\n[pytest]\nasyncio_mode=auto\n```\n\n"
              "Otherwise tests fail with errors:\n```\n=== short test summary info ===\n"
              "FAILED tests/test_auth.py::test_refresh - AttributeError: 'async_generator' object has no "
              "attribute 'get'\n```\n")
    result = diagnose(report).to_dict()
    assert result["environment"]["asyncio_mode"] != "auto"
    assert [f["code"] for f in result["findings"]][:1] == ["LD006"]
    # The same line described as the failing setup is read as the setup.
    for said in ("our config is", "I added the following to my config:", "adding this did not help:"):
        setup = report.replace("you might need to add", said)
        assert diagnose(setup).to_dict()["environment"]["asyncio_mode"] == "auto", said


def test_a_crossing_said_in_words_and_its_mechanism():
    wider = ("Tests reused Redis pools across pytest event loops. We ran session-scoped async fixtures, but "
             "unscoped async tests ran on function-scoped loops, and later tests saw connections created on "
             "loops that pytest had closed.\n")
    assert [f["pattern"] for f in diagnose(wider).to_dict()["findings"]][:1] == ["fixture-loop-wider-than-test-loop"]
    pooled = ("The engine pooled aiosqlite connections; under per-test event loops a pooled connection could be "
              "torn down in a loop other than the one that opened it.\n")
    assert [f["pattern"] for f in diagnose(pooled).to_dict()["findings"]][:1] == ["object-bound-at-import"]
    for other in ("Our tests create a client per test and close it.\n",
                  "I reuse the same dict across nested for loops; it was created in the previous loop iteration.\n"):
        assert diagnose(other).to_dict()["verdict"] == "unknown", other


def _first(paste):
    result = diagnose(paste).to_dict()
    return result["verdict"], [f["code"] for f in result["findings"]][:1]


def _top(paste):
    """The likeliest finding, as the JSON result gives it."""
    return diagnose(paste).to_dict()["findings"][0]


NOT_NATIVE = ("```\nFAILED tests/test_echo.py::test_echo_async - Failed: async def functions are not natively "
              "supported.\n```\n\n")


def test_unmarked_async_tests_said_in_words_are_strict_mode_not_a_missing_plugin():
    assert _first(NOT_NATIVE) == ("asyncio-misconfiguration", ["LD009"])
    said = NOT_NATIVE + "The test is failing because it is not marked with `@pytest.mark.asyncio`.\n"
    assert _first(said) == ("asyncio-misconfiguration", ["LD006"])
    installed = NOT_NATIVE + "I tried `pip install pytest-asyncio` without any difference.\n"
    assert _first(installed) == ("asyncio-misconfiguration", ["LD006"])
    # Installed somewhere else than where pytest runs is the missing plugin after all.
    elsewhere = NOT_NATIVE + "pytest-asyncio is installed in my venv, but I run the global pytest from pipx.\n"
    assert _first(elsewhere) == ("asyncio-misconfiguration", ["LD009"])


def test_a_crash_line_without_its_e_lines_still_names_the_error():
    paste = ("```\n/usr/local/lib/python3.7/asyncio/tasks.py:449: TimeoutError\n"
             "----- Captured log teardown -----\n"
             "ERROR    asyncio:base_events.py:1619 Task was destroyed but it is pending!\n"
             "task: <Task pending coro=<RedisConnection._read_data() running at /x/connection.py:186>>\n```\n")
    facts = parse(normalise(paste))
    assert [(e.type, e.origin) for e in facts.exceptions] == [("TimeoutError", "line")]
    assert _first(paste) == ("not-loop-related", ["LD011"])
    # The destroyed task alone, reported for itself, is a resource left running at the loop's end.
    alone = "Warning log from pytest\n\n```\nTask was destroyed but it is pending!\ntask: <Task pending name='Task-90'>\n```\n"
    assert _first(alone) == ("loop-mismatch", ["LD008"])


def test_the_plugins_own_runner_finding_its_loop_running_is_the_release():
    paste = """____ test_isfile ____
/site-packages/pytest_asyncio/plugin.py:879: in inner
    _loop.run_until_complete(task)
/usr/lib/python3.8/asyncio/base_events.py:592: in run_until_complete
    self._check_running()
_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _

    def _check_running(self):
        if self.is_running():
>           raise RuntimeError('This event loop is already running')
E           RuntimeError: This event loop is already running

/usr/lib/python3.8/asyncio/base_events.py:552: RuntimeError
"""
    assert _first(paste) == ("loop-mismatch", ["LD010"])
    by_the_app = paste.replace("/site-packages/pytest_asyncio/plugin.py:879: in inner",
                               "tests/test_app.py:12: in test_isfile")
    assert _first(by_the_app) == ("loop-mismatch", ["LD004"])
    # pytest started from a notebook: the running loop is the notebook's, not a release bug.
    assert _first(paste + "\nI run the tests from a Jupyter notebook with ipytest.\n")[1] != ["LD010"]


def test_a_crossing_where_the_code_shows_one_loop_points_at_the_release():
    report = '''```
import pytest
from aiohttp.client import ClientSession


@pytest.fixture
async def session():
    session = ClientSession()
    yield session
    await session.close()


@pytest.mark.asyncio
async def test_aiohttp(session):
    async with session.get('http://example.com/') as response:
        pass
```

```
Traceback (most recent call last):
  File "/usr/local/lib/python3.7/site-packages/_pytest/python.py", line 170, in pytest_pyfunc_call
  File "/usr/src/tests/test_aiohttp.py", line 16, in test_aiohttp
    async with session.get('http://example.com/') as response:
  File "/usr/local/lib/python3.7/site-packages/aiohttp/helpers.py", line 579, in __enter__
    raise RuntimeError('Timeout context manager should be used '
RuntimeError: Timeout context manager should be used inside a task
```
'''
    result = diagnose(report).to_dict()
    finding = result["findings"][0]
    assert (finding["code"], finding["confidence"]) == ("LD010", "medium")
    # The newest line Python 3.7 can install, and strict mode's decorator named for the plain @pytest.fixture.
    [recommended] = [f for f in finding["fixes"] if f["recommended"]]
    assert recommended["requires"] == "pytest-asyncio>=0.21" and "@pytest_asyncio.fixture" in recommended["explanation"]
    # A session-scoped fixture in the same code is the wider loop instead.
    wide = report.replace("@pytest.fixture\n", '@pytest.fixture(scope="session")\n')
    assert _top(wide)["code"] != "LD010"


def test_a_run_that_hangs_is_not_a_loop_problem():
    paste = ("```\nplatform linux -- Python 3.13.2, pytest-8.3.5, pluggy-1.5.0\nplugins: asyncio-0.25.3\n"
             "collected 2 items\n\ntest_main.py .      [ 50%]\ntest_main_broken.py\n```\n\nhangs forever.\n")
    assert _first(paste) == ("not-loop-related", ["LD011"])
    # Unless the report ties the hang to a loop: then the run simply did not finish, and says so.
    tied = paste.replace("hangs forever.", "It hangs forever awaiting the redis client made on the first test's loop.")
    result = diagnose(tied).to_dict()
    assert result["verdict"] == "unknown" and "did not finish" in result["reason"]


def test_a_crossing_blamed_on_a_missing_close_is_the_unclosed_resource():
    error = ("```\nTask <Task pending name='Task-14' coro=<run_migrations_online() running at env.py:27>> got "
             "Future <Future pending cb=[Protocol._on_waiter_completed()]> attached to a different loop\n```\n")
    assert _first("Without this dispose call, my test case gets:\n\n" + error) == ("loop-mismatch", ["LD008"])
    assert _first("My test case gets:\n\n" + error)[1] != ["LD008"]


def test_the_suites_own_event_loop_shown_failing_in_the_plugins_hook_is_the_override():
    paste = """==================================== ERRORS ====================================
__________________ ERROR at setup of test_basic_usage[shell] ___________________
fixturedef = <FixtureDef argname='event_loop' scope='function' baseid='tests/test_asyncio.py'>
    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(
        fixturedef: FixtureDef,
    ) -> Generator[None, Any, None]:
"""
    result = diagnose(paste).to_dict()
    finding = result["findings"][0]
    assert finding["code"] == "LD005" and "tests/test_asyncio.py defines its own event_loop" in finding["summary"]
    assert [f["title"] for f in finding["fixes"] if f["recommended"]] == ["Remove the event_loop override"]
    # Another error raised there is that error, not the override's warning.
    other = paste + "E       OSError: [Errno 98] Address already in use\n"
    assert [f["code"] for f in diagnose(other).to_dict()["findings"]][:1] != ["LD005"]


def test_database_errors_of_another_kind_are_not_loop_problems():
    for line in ("django.core.exceptions.SynchronousOnlyOperation: You cannot call this from an async context - "
                 "use a thread or sync_to_async.",
                 "E       psycopg2.InterfaceError: connection already closed",
                 "FAILED test_api.py::test_read_devices - AssertionError: DatabaseBackend is not running"):
        result = diagnose(f"```\n{line}\n```\n").to_dict()
        assert (result["verdict"], [f["code"] for f in result["findings"]]) == ("not-loop-related", ["LD011"]), line
        assert not any(fix["diff"] for f in result["findings"] for fix in f["fixes"])


def test_a_release_change_said_as_a_change_from_one_version_to_another():
    paste = ("```\ntests/test_layers.py::test_send_receive FAILED      [ 65%]\n...\n"
             "E       AttributeError: 'AsyncGenerator' object has no attribute 'send'\n```\n\n"
             "This has recently popped up. It's a change in `pytest-asyncio` from 0.14.0 to 0.15.0\n")
    finding = _top(paste)
    assert finding["code"] == "LD010"
    assert [f["requires"] for f in finding["fixes"] if f["recommended"]] == ["pytest-asyncio>=0.14,<0.15"]
    # The same words about another library's versions do not blame the plugin.
    other = paste.replace("It's a change in `pytest-asyncio` from 0.14.0 to 0.15.0", "It popped up when httpx went "
                          "from 0.23.0 to 0.24.1")
    assert [f["code"] for f in diagnose(other).to_dict()["findings"]][:1] != ["LD010"]


def test_a_shared_object_imported_from_the_project_is_not_blamed_on_the_release():
    report = '''```
import pytest
from aiohttp import ClientSession
from app.cache import cache


@pytest.fixture
async def client():
    client = ClientSession()
    yield client
    await client.close()


@pytest.mark.asyncio
async def test_query(client):
    await cache.get("key")
```

```
RuntimeError: Task <Task pending> got Future <Future pending> attached to a different loop
```
'''
    assert [f["code"] for f in diagnose(report).to_dict()["findings"]][:1] != ["LD010"]
    factory = report.replace("from app.cache import cache", "from app.db import SessionLocal")
    assert [f["code"] for f in diagnose(factory).to_dict()["findings"]][:1] != ["LD010"]
    # Without the import, nothing outside the code shown is in play.
    whole = report.replace("from app.cache import cache\n", "").replace('await cache.get("key")', "await client.get('/')")
    assert [f["code"] for f in diagnose(whole).to_dict()["findings"]][:1] == ["LD010"]


def test_the_unset_scope_warning_wrapped_by_a_post_is_still_the_warning():
    paste = ("We see the following warnings:\n\n```\nwarnings.warn(PytestDeprecationWarning(_DEFAULT_FIXTURE_LOOP_SCOPE_UNSET))\n\n"
             "..../site-packages/pytest_asyncio/plugin.py:208:\nPytestDeprecationWarning: The configuration option\n"
             '"asyncio_default_fixture_loop_scope" is unset. The event loop scope for\n'
             "asynchronous fixtures will default to the fixture caching scope.\n```\n")
    assert _first(paste) == ("asyncio-misconfiguration", ["LD007"])
    # The same warning above a run that shows its tests is not what the report is about.
    run = paste.replace("```\n", "```\ncollected 2 items\n\ntest_main.py .    [ 50%]\ntest_slow.py\n", 1) + "\nhangs forever.\n"
    assert _first(run) == ("not-loop-related", ["LD011"])


def test_a_never_awaited_coroutine_in_a_strict_mode_run_with_failures_is_a_fixture_left_unrun():
    paste = ("/usr/lib/python3/dist-packages/pygments/lexer.py:48: RuntimeWarning: coroutine 'bus_address' was "
             "never awaited\n\nplatform linux -- Python 3.8.10, pytest-7.4.0, pluggy-1.2.0\nrootdir: /app\n"
             "plugins: asyncio-0.21.1\nasyncio: mode=strict\ncollected 2 items\n\n"
             "test/test_basics.py::test_basics PASSED\ntest/test_basics.py::test_list_names FAILED\n")
    result = diagnose(paste).to_dict()
    finding = result["findings"][0]
    assert (finding["code"], finding["confidence"]) == ("LD006", "medium") and "bus_address" in finding["summary"]
    # In auto mode the same line is a missing await, not strict mode.
    assert _first(paste.replace("mode=strict", "mode=auto"))[1] != ["LD006"]


def test_more_asyncio_errors_that_are_not_loop_problems():
    for line in ("E       TypeError: object MagicMock can't be used in 'await' expression",
                 "ERROR:asyncio:Task exception was never retrieved",
                 "E       ImportError: cannot import name 'coroutine' from 'asyncio' (/usr/lib/python3.11/asyncio/__init__.py)",
                 "E       TypeError: Queue.__init__() got an unexpected keyword argument 'loop'"):
        assert _first(f"```\n{line}\n```\n") == ("not-loop-related", ["LD011"]), line


def test_a_withdrawn_release_named_in_a_report_is_the_answer():
    paste = ("pytest-asyncio v0.22.0 breaks our session scoped asyncio fixtures (they now raise `ScopeMismatch: You "
             "tried to access the function scoped fixture event_loop with a module scoped request object`).\n")
    finding = _top(paste)
    assert finding["code"] == "LD010" and "yanked" in finding["summary"]


def test_a_pin_that_avoids_a_release_is_a_release_problem():
    paste = ("fix: pinning `pytest-asyncio` to version `0.21.1` to avoid problems running unit tests\n\n"
             "Looks like `pytest-asyncio` latest version (`0.23.2`) was causing some problems, with:\n\n"
             "```\nRuntimeError: There is no current event loop in thread 'MainThread'.\n```\n")
    finding = _top(paste)
    assert finding["code"] == "LD010" and "0.21.1" in finding["fixes"][0]["requires"]
    # "pin" alone, without the plugin named on its line, blames no release.
    other = paste.replace("pinning `pytest-asyncio`", "pinning `httpx`").replace("`pytest-asyncio` latest", "the latest")
    assert _first(other)[1] != ["LD010"]


def test_a_mock_without_the_async_protocol_is_not_a_loop_problem():
    paste = ("```\n    async def is_valid(username):\n>       async with aiohttp.ClientSession() as session:\n"
             "E       AttributeError: __aexit__\n\nextimulate/endpoint.py:11: AttributeError\n```\n")
    assert _first(paste) == ("not-loop-related", ["LD011"])


def test_an_odm_never_initialised_points_at_its_async_fixture_left_unrun():
    paste = ("it show lots of `CollectionWasNotInitialized`; it seems init_beanie is never called\n```\n"
             ">           raise CollectionWasNotInitialized\nE           beanie.exceptions.CollectionWasNotInitialized\n\n"
             "beanie/odm/documents.py:779: CollectionWasNotInitialized\n```\n")
    finding = _top(paste)
    assert (finding["code"], finding["confidence"]) == ("LD006", "medium") and "init_beanie" in finding["summary"]


def test_a_sync_test_client_named_in_prose_of_any_language():
    paste = ("RuntimeError: Event loop is closed\n\n"
             "테스트 함수는 async def로 정의되어 있고, 테스트 클라이언트로는 동기 기반의 TestClient를 사용\n")
    assert _first(paste) == ("loop-mismatch", ["LD004"])


def test_asyncio_primitives_named_in_prose_are_shared_objects():
    paste = ("avoid re-using asyncio.Locks across event loops\n\nmay occur in tests if the Proxy object lives longer "
             "than the loop that is running when it's created.\n\n> got Future <Future pending> attached to a "
             "different loop\n")
    assert _first(paste) == ("loop-mismatch", ["LD003"])


def test_plain_python_errors_with_no_loop_in_sight_are_not_loop_problems():
    run = ("collected 1 item\n\n_tests.py E\n\n==== ERRORS ====\n____ ERROR at setup of test_create_user ____\n\n"
           "    @pytest.fixture(scope=\"module\")\n    def event_loop(client):\n>       yield client.task.get_loop()\n"
           "E       AttributeError: 'Future' object has no attribute 'get_loop'\n\n_tests.py:24: AttributeError\n"
           "==== 1 error in 0.30s ====\n")
    result = diagnose(run).to_dict()
    assert (result["verdict"], result["findings"][0]["confidence"]) == ("not-loop-related", "low")
    # A failed assertion with nothing of loops around it reads the same way (a timing assertion, a mock's calls).
    asserted = ("collected 1 item\n\ntests/test_pipeline.py F\n\n==== FAILURES ====\n____ test_fail_fast ____\n\n"
                "    async def test_fail_fast():\n        elapsed = await run_pipeline()\n>       assert elapsed < 0.8\n"
                "E       AssertionError: fail-fast still waited 0.81s for slow task\n\n"
                "tests/test_pipeline.py:9: AssertionError\n==== 1 failed in 0.90s ====\n")
    assert _first(asserted) == ("not-loop-related", ["LD011"])
    # Not when the failing test's code drives a loop itself: its assertion may be that loop's doing.
    assert _first(asserted.replace("elapsed = await run_pipeline()",
                                   "elapsed = await loop.run_in_executor(None, run)"))[0] == "unknown"
    # An error about coroutines may be strict mode; a driver's cut "another ope…" or a lost connection may be a
    # client bound to another loop; pytest's own config frames are a release matter.
    assert _first(run.replace("'Future' object", "'coroutine' object"))[0] != "not-loop-related"
    for error in ("InterfaceError: <class 'asyncpg.exceptions._base.InterfaceError'>: cannot perform operation: another ope...",
                  "APIError: OpenAIException - Connection error.", "InvalidatePoolError: ()"):
        assert _first(run.replace("AttributeError: 'Future' object has no attribute 'get_loop'", error))[0] == "unknown"
    quoted = ('```\n  File "D:\\.venv\\lib\\site-packages\\_pytest\\config\\argparsing.py", line 177, in addini\n'
              '    assert type in (None, "pathlist", "args", "linelist", "bool")\nAssertionError: type: string\n```\n')
    assert _first("I receive the following error when executing test cases:\n" + quoted)[0] != "not-loop-related"


def test_event_loop_missing_after_a_newer_plugin_is_the_removed_fixture():
    paste = "With more recent versions of pytest-asyncio most tests fail with\n\n    fixture 'event_loop' not found\n"
    assert _first(paste) == ("loop-mismatch", ["LD005"])
    assert _first("Most tests fail with\n\n    fixture 'event_loop' not found\n") == ("asyncio-misconfiguration", ["LD009"])


def test_a_coroutine_run_at_import_binds_what_it_makes_to_the_import_loop():
    paste = ("I have 1 REST endpoint on aiohttp\n\n```\ndb = Gino()\napp = web.Application(middlewares=[db])\n\n"
             "async def register(request):\n    return await User.query.gino.first()\n\n"
             "asyncio.get_event_loop().run_until_complete(db.set_bind(conf.DB))\n```\n\n"
             "Once I call it from a pytest function I got:\n\n```\nasync def test_hello(aiohttp_client, loop):\n"
             "    await register({})\n```\n")
    finding = _top(paste)
    assert finding["code"] == "LD003" and "run_until_complete(db.set_bind" in finding["evidence"][0]["text"]
    # The same call inside a function runs when called, not at import.
    inside = paste.replace("asyncio.get_event_loop().run_until_complete", "def bind():\n    asyncio.get_event_loop().run_until_complete")
    assert _first(inside)[1] != ["LD003"]


def test_unclosed_resource_warnings_pasted_alone_are_the_subject():
    warning = ("tests/test_bottery.py::test_default_properties\n  bottery/tests/test_bottery.py:22: RuntimeWarning: "
               "coroutine 'ClientSession.close' was never awaited\n    bot.session.close()\n")
    assert _first(f"Session of the bot fixture must be closed after use.\n```\n{warning}```\n") == ("loop-mismatch", ["LD008"])
    # The same warning in the summary of a passing run is not a failure to diagnose.
    run = f"collected 1 item\n\ntests/test_bottery.py .\n\n==== warnings summary ====\n{warning}\n==== 1 passed, 1 warning in 0.1s ====\n"
    assert _first(run) == ("no-failure", [])


def test_a_patch_about_the_removed_event_loop_fixture():
    paste = ("Update tests not to use the deprecated `event_loop` fixture that's been removed in pytest-asyncio >= "
             "1.0.0. Instead, use `asyncio.get_running_loop()`.\n")
    assert _first(paste) == ("loop-mismatch", ["LD005"])


def test_more_shapes_of_real_reports():
    # A release upgrade said as the cause.
    kopf = ("Async tests freeze: fixtures created in different event loops than the test itself.\n\n"
            "Originally caused by pytest-asyncio upgrade from 0.10.0 to 0.11.0.\n")
    assert _first(kopf) == ("loop-mismatch", ["LD010"])
    # A closed loop that depends on which tests ran before: an object shared between tests.
    flaky = ("`tests/test_lifespan.py::test_drain` failed once on CI with `RuntimeError: Event loop is closed`, then "
             "passed on a re-run: order-dependent under `-n auto` + `pytest-randomly`.\n")
    assert _first(flaky) == ("loop-mismatch", ["LD003"])
    # The override's deprecation warning cut short inside the plugin's fixture hook.
    cut = ('  File "/venv/lib/python3.10/site-packages/pytest_asyncio/plugin.py", line 751, in pytest_fixture_setup\n'
           "    warnings.warn(\nDeprecationWarning: The event_loop fixture provided by pytest-a\n[...]\n")
    assert _first(cut) == ("loop-mismatch", ["LD005"])
    # 0.21's warning that an override left its loop open, with the override quoted.
    override = ('"pytest-asyncio will close the event loop for you, but future versions of the library will no longer '
                'do so."\n\n```\n@pytest.fixture(scope="session")\ndef event_loop():\n'
                "    loop = asyncio.get_event_loop_policy().new_event_loop()\n    yield loop\n    loop.close()\n```\n")
    assert _first(override) == ("loop-mismatch", ["LD005"])


def test_a_run_that_never_finishes_said_plainly():
    paste = ("It hangs even when there is an actual online network.\n```\npython3.12 -m pytest -v -k test_unknown_args\n"
             "platform linux -- Python 3.12.1, pytest-7.4.4\nplugins: asyncio-0.20.3, timeout-2.2.0\n"
             "asyncio: mode=Mode.STRICT\ncollected 565 items / 564 deselected / 1 selected\n```\nWorks with python3.11\n")
    assert _first(paste) == ("not-loop-related", ["LD011"])


def test_a_fixture_yielding_inside_a_task_group_is_not_a_loop_problem():
    code = ("```python\nimport anyio\nimport pytest\n\n\n@pytest.fixture\nasync def client():\n"
            "    async with anyio.create_task_group() as tg:\n        yield \"client\"\n\n\n"
            "async def test_something(client):\n    pass\n```\n")
    paste = f"```bash\npip install anyio pytest pytest-asyncio\n```\n\n{code}\nThe test fails during teardown.\n"
    result = diagnose(paste).to_dict()
    assert result["verdict"] == "not-loop-related" and result["findings"][0]["evidence"][0]["text"] == 'yield "client"'
    # An app's lifespan may yield inside its task group: that is no fixture.
    lifespan = paste.replace("@pytest.fixture\n", "@contextlib.asynccontextmanager\n")
    assert _first(lifespan)[1] != ["LD011"]


def test_reports_that_name_the_plugins_own_changes():
    # asyncio.Runner is the plugin's runner: quoted without a traceback, the loop it found running is the plugin's.
    runner = ("All async tests fail with RuntimeError: Runner.run() cannot be called from a running event loop. "
              "This is caused by pytest-asyncio 1.3.0 being installed, which is incompatible with the test setup.\n")
    assert _first(runner) == ("loop-mismatch", ["LD010"])
    # 0.19's new default: the tests were never marked, whatever the report says broke them.
    strict = "With pytest-asyncio==0.19.0 the asyncio-mode has been defaulted to strict. This breaks most of our tests.\n"
    assert _first(strict) == ("asyncio-misconfiguration", ["LD006"])


def test_new_readings_hold_back_where_the_report_says_otherwise():
    # An AttributeError inside asyncio's transport is no plain error of the code.
    transport = ("collected 2 items\n\ntests/test_db.py .F\n\n==== FAILURES ====\n____ test_second ____\n\n"
                 "venv/lib/python3.11/site-packages/asyncpg/connection.py:1421: in execute\n    return await self._protocol.query(query, timeout)\n"
                 "/usr/lib/python3.11/asyncio/selector_events.py:1082: in write\n    n = self._sock.send(data)\n"
                 "E   AttributeError: 'NoneType' object has no attribute 'send'\n==== 1 failed, 1 passed in 0.3s ====\n")
    assert _first(transport)[0] != "not-loop-related"
    # A plain asyncio script with no tests is not an import-time binding in a test suite.
    script = "```python\nimport asyncio\n\nasync def main():\n    pass\n\nasyncio.get_event_loop().run_until_complete(main())\n```\n"
    assert _first(script)[1] != ["LD003"]
    # Pinning everything blames no release.
    pinned = ("Our requirements-dev.txt pins pytest-asyncio==0.23.5 (we pin everything).\n\n"
              "```\nE   RuntimeError: Task <Task pending> got Future <Future pending> attached to a different loop\n```\n")
    assert _first(pinned)[1] != ["LD010"]
    # The TestClient the report left behind is not the one in use.
    switched = ("I switched from starlette's TestClient to httpx.AsyncClient, and now the second test fails:\n\n"
                "```\nE   RuntimeError: Event loop is closed\n```\n")
    assert _first(switched)[1] != ["LD004"]
    # A header without the plugin outweighs "after upgrading pytest-asyncio".
    missing = ("After upgrading pytest-asyncio every test errors:\n\n```\nplatform linux -- Python 3.11.6, pytest-8.1.0, "
               "pluggy-1.4.0\nrootdir: /app\nplugins: anyio-4.3.0, cov-5.0.0\ncollected 1 item\n\n"
               "E       fixture 'event_loop' not found\n```\n")
    assert _first(missing) == ("asyncio-misconfiguration", ["LD009"])
    # An asyncio.Lock tried as a guard is not a shared object.
    tried = ("I tried guarding the call with an asyncio.Lock but it did not help.\n\n"
             "```\nE   RuntimeError: Task <Task pending> got Future <Future pending> attached to a different loop\n```\n")
    assert _first(tried)[1] != ["LD003"]


def test_a_paste_cut_inside_a_traceback_says_so():
    paste = ("==== FAILURES ====\n____ test_second ____\n\n    async def test_second():\n        client = prepare_test()\n"
             ">       response = await client.post(\"/foo\")\n\ntests/test_sse.py:33: \n"
             "_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _\n.venv/lib/python3.8/site-packages/httpx/_client.py:1848: in post\n"
             "    return await self.request(\n")
    result = diagnose(paste).to_dict()
    assert result["verdict"] == "unknown" and "stops before the error" in result["reason"]


def test_the_unset_warning_said_in_words_and_a_header_cut_mid_word():
    said = ("Set `asyncio_default_fixture_loop_scope` to silence a bunch of warnings\n\nNot setting this is deprecated. "
            "We don't even use async fixtures.\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD007"])
    cut = ("```\n[asyncio][ERROR] Unclosed client session\nclient_session: <aiohttp.client.ClientSession object at 0xff>\n```\n"
           "plugins: anyio-4.12.1, asyncio-1.3.0\nasyncio: mode=Mode.AUTO, debug=False, asyncio_default_fixture_loop_scope=None,"
           " asyncio_default_test_loop_scope=funct\n")
    assert _first(cut) == ("loop-mismatch", ["LD008"])


def test_prose_reports_about_the_event_loop_fixture_and_the_marker():
    assert _first("Remove custom event loop fixture\n\nThe custom fixture does not shut the loop down between tests.\n") \
        == ("loop-mismatch", ["LD005"])
    assert _first("two pytest tests failing right now because event_loop fixture doesn't exist\n") \
        == ("asyncio-misconfiguration", ["LD009"])
    chinese = ("项目用 pytest-asyncio strict 模式（未设 `asyncio_mode = auto`）。在 strict 模式下，没有 `@pytest.mark.asyncio` "
               "装饰器的 `async def test_*()` 会被收集成 coroutine 而静默不执行。\n")
    assert _first(chinese) == ("asyncio-misconfiguration", ["LD006"])


def test_a_mock_said_not_awaitable_in_prose():
    paste = ("Teardown now awaits `client.async_disconnect()`. Two mock clients only had a plain `MagicMock` for that "
             "method; they now provide an awaitable `async_disconnect` so teardown succeeds.\n")
    assert _first(paste) == ("not-loop-related", ["LD011"])


def test_a_cached_engine_factory_is_a_shared_object():
    paste = ("The first async test passes, the second fails with RuntimeError: Task got Future attached to a different "
             "loop.\n\n@lru_cache()\ndef get_async_engine():\n    return create_async_engine(DATABASE_URL)\n")
    assert _first(paste) == ("loop-mismatch", ["LD003"])


def test_a_loop_said_left_running_before_the_plugin_started_its_own():
    paste = ("When I run async tests using pytest-asyncio after integration tests using playwright-pytest (sync API "
             "only), those tests fail. Why is there still some event loop running after the integration tests "
             "finished?\n\n```\n    @functools.wraps(func)\n    def inner(*args, **kwargs):\n[...]\n```\n")
    assert _first(paste) == ("loop-mismatch", ["LD004"])


def test_more_prose_shapes_of_strict_mode_old_warnings_leaks_and_plugin_clashes():
    strict = ("pytest-asyncio runs in **strict** mode here, so an `async def test_...` that is not marked is collected, "
              "skipped, and counted as a skip:\n\n```\nSKIPPED [13] async def function and no async plugin installed\n```\n")
    assert _first(strict) == ("asyncio-misconfiguration", ["LD006"])
    warning = ("```\nE               DeprecationWarning: pytest-asyncio detected an unclosed event loop when tearing down "
               "the event_loop\nE               fixture: <uvloop.Loop running=False closed=False debug=False>\n"
               "E               pytest-asyncio will close the event loop for you, but future versions of the\n"
               "E               library will no longer do so.\n```\n")
    assert _first(warning) == ("loop-mismatch", ["LD005"])
    leak = "- keep the shared async test fixture off the global connection pool so tests do not leak pooled sockets\n"
    assert _first(leak) == ("loop-mismatch", ["LD008"])
    clash = ("pytest-asyncio seems to interfere with anyio's pytest plugin somehow:\n\n```\n"
             "tests/test_pytest_plugin.py FF..FF\n==== 2 failed, 4 passed in 1.2s ====\n```\n")
    assert _first(clash) == ("loop-mismatch", ["LD004"])


def test_the_release_that_stopped_leaving_a_loop_set_named_in_prose():
    paste = ("pytest-asyncio 1.4.0 ships a behavior change that breaks the test suite.\n\n"
             "- `pytest-asyncio==1.4.0` → 140 failed, 744 errors\n- `pytest-asyncio==1.3.0` → 2646 passed\n\n"
             "Error pattern: `RuntimeError: There is no current event loop in thread 'MainThread'` raised at "
             "`asyncio.get_event_loop()` calls inside sync fixture bodies.\n")
    finding = _top(paste)
    assert finding["code"] == "LD010" and finding["fixes"][0]["recommended"] and finding["fixes"][0]["kind"] == "other"
    assert "1.4.0 no event loop is left set" in finding["summary"]


def test_a_deadlocked_run_is_not_a_loop_problem():
    paste = ("A full-suite run produced no output for three hours. It was not slow, it was deadlocked.\n\n"
             "```\n    run_until_complete (asyncio/base_events.py:678)\n    inner (pytest_asyncio/plugin.py:905)\n```\n")
    assert _first(paste) == ("not-loop-related", ["LD011"])


def test_shapes_of_plugins_other_than_pytest_asyncio_and_old_releases():
    # Releases up to 0.20.2 call get_event_loop() themselves: CPython 3.10.9 made that warn.
    warned = ("CPython 3.10.9 tweaked the DeprecationWarning of asyncio.get_event_loop(). As a consequence tests are "
              "now failing again.\n")
    finding = _top(warned)
    assert finding["code"] == "LD010" and finding["fixes"][0]["requires"].startswith("pytest-asyncio>=0.20.3")
    # pytest-aiohttp 1.0's renamed fixtures.
    assert _first("```\nE       fixture 'test_client' not found\n```\n") == ("not-loop-related", ["LD011"])
    # aiohttp's own loop fixture beside pytest-asyncio's.
    both = 'Replace the `loop` fixture with the `event_loop` fixture.\n\nThis fixes the "Event loop is closed" error.\n'
    assert _first(both) == ("loop-mismatch", ["LD004"])
    # A client made outside the tests on the default loop.
    default = ("ZKClient was initiated without the loop argument and was called while not inside the "
               "@pytest.mark.asyncio decorator, so it uses the default asyncio event\nloop.\n\nHence tests complained "
               'that "Future attached to a different loop".\n')
    assert _first(default) == ("loop-mismatch", ["LD003"])
    # Tasks left pending when the loop closed.
    pending = ("```\nRuntimeError: Event loop is closed\nTask was destroyed but it is pending!\n"
               "task: <Task pending coro=<Queue.get() running at asyncio/queues.py:159>>\n```\n")
    assert _first(pending) == ("loop-mismatch", ["LD008"])


def test_prose_that_names_what_is_missing_or_removed():
    removed = ("pytest asyncio deprecated the event_loop fixture almost two years ago (ver 0.23 was released in Dec "
               "2023) and removed it in version 1.0.\n")
    assert _first(removed) == ("loop-mismatch", ["LD005"])
    missing = "Tests fail on CI because pytest-asyncio is not installed. Fixes 20 failing async tests.\n"
    assert _first(missing) == ("asyncio-misconfiguration", ["LD009"])


def test_a_sync_test_clients_portal_and_a_legacy_mode_warning_said_in_words():
    portal = ("0.69 introduces a RuntimeError: Task <...>got Future <Future pending> attached to a different loop\n\n```\n"
              "main.py::test_read_main FAILED\n\n    def test_read_main():\n>       response = test_client.get(\"/obj\")\n\n"
              "main.py:76: \n_ _ _ _ _ _ _ _ _ _\n..\\venv\\lib\\site-packages\\starlette\\testclient.py:263: in send\n"
              "    portal.call(self.app, scope, receive, send)\n[...]\n```\n")
    assert _first(portal) == ("loop-mismatch", ["LD004"])
    legacy = ("pytest-asyncio introduced a new mode parameter and warns if it is set to legacy:\n\n```\n"
              "E       Failed: nomatch: '* 1 passed in *'\n```\n")
    assert _first(legacy) == ("asyncio-misconfiguration", ["LD007"])
    removed = "The first two failures are clearly related to the `loop` parameter being removed in Python 3.10.\n"
    assert _first(removed) == ("not-loop-related", ["LD011"])


def test_home_assistants_lingering_timer_check_is_a_leftover_at_the_loops_end():
    lingering = ("```console\nERROR tests/components/demo/test_select.py::test_setup - Failed: Lingering timer after job "
                 "<Job call_later 2 HassJobType.Coroutinefunction <function Coordinator.refresh at 0x7f9aaebfbd00>>\n"
                 "ERROR tests/components/demo/test_number.py::test_setup - Failed: Lingering task after test "
                 "<Task pending name='Task-12' coro=<Coordinator.poll() running at coordinator.py:40>>\n```\n")
    assert _first(lingering) == ("loop-mismatch", ["LD008"])
    # Older releases of the check said "Linger task".
    assert _first(lingering.replace("Lingering timer after job", "Linger task after test").replace(
        "Lingering task", "Linger task")) == ("loop-mismatch", ["LD008"])
    # Beside a failure of another kind the leftovers are beside the point.
    other = lingering.replace("```\n", "FAILED tests/test_x.py::test_y - AssertionError: assert 1 == 2\n```\n", 1)
    assert _first(other)[1] != ["LD008"]


def test_a_connection_leak_said_in_words():
    said = ("I got the following build error in the pytest check. After some digging, it seems this could be due to a "
            "connection leak in the test code. I think that the database connections aren't being closed correctly.\n")
    assert _first(said) == ("loop-mismatch", ["LD008"])


def test_pytest_8_collection_crashes_0_23_before_0_23_5():
    crash = ("============================= test session starts ==============================\n"
             "platform linux -- Python 3.11.7, pytest-8.0.0rc1, pluggy-1.3.0\n"
             "plugins: asyncio-0.23.3\nasyncio: mode=Mode.AUTO\ncollecting ... collected 0 items\n"
             "INTERNALERROR> Traceback (most recent call last):\n"
             "INTERNALERROR>   File \"/venv/lib/python3.11/site-packages/_pytest/main.py\", line 323, in _main\n"
             "INTERNALERROR>     config.hook.pytest_collection(session=session)\n")
    result = diagnose(crash).to_dict()
    assert (result["verdict"], result["findings"][0]["code"]) == ("loop-mismatch", "LD010")
    assert result["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio>=0.23.5"
    # The same crash on pytest 7 is not that incompatibility.
    older = crash.replace("pytest-8.0.0rc1", "pytest-7.4.4")
    assert "pytest 8" not in (diagnose(older).to_dict()["findings"] or [{"summary": ""}])[0]["summary"]


def test_a_breaking_change_blamed_on_a_named_release():
    said = ("I have run into what appears to be a new breaking change on the 0.23.3 patch release of pytest-asyncio.\n\n"
            "```\nINTERNALERROR> E   ImportError: cannot import name 'build' from 'pkg' (pkg/__init__.py)\n```\n")
    assert _first(said) == ("loop-mismatch", ["LD010"])


def test_an_async_fixture_method_on_another_instance_before_0_20_2():
    report = ("pytest-asyncio 0.18.1\n```\nclass TestClassAsync:\n    @pytest_asyncio.fixture()\n    async def init(self):\n"
              "        self.X = True\n\n    async def test_function(self, init):\n        assert self.X is True\n```\n"
              "```\n=================================== FAILURES ===================================\n"
              "_________________________ TestClassAsync.test_function _________________________\n\n"
              "    async def test_function(self, init):\n>       assert self.X is True\n"
              "E       AttributeError: 'TestClassAsync' object has no attribute 'X'\n\n"
              "pytest_test.py:27: AttributeError\n```\n")
    result = diagnose(report).to_dict()
    assert (result["verdict"], result["findings"][0]["code"]) == ("loop-mismatch", "LD010")
    assert result["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio>=0.20.2"
    fixed = report.replace("0.18.1", "0.21.1")
    assert _first(fixed) == ("not-loop-related", ["LD011"])


def test_a_context_variable_lost_between_an_async_fixture_and_its_test():
    report = ("The ContextVar set in my async fixture is not visible in the test.\n\n```python\nblah = ContextVar(\"blah\")\n\n"
              "@pytest_asyncio.fixture\nasync def my_var():\n    blah.set(\"hello\")\n    yield blah\n\n"
              "@pytest.mark.asyncio\nasync def test_blah(my_var):\n    assert my_var.get() == \"hello\"\n```\n\n"
              "```\nE       LookupError: <ContextVar name='blah' at 0x7f0c2b0>\n```\n")
    result = diagnose(report).to_dict()
    assert (result["verdict"], result["findings"][0]["code"]) == ("loop-mismatch", "LD010")
    assert result["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio>=1.1"
    on_311 = diagnose(report, hints={"python_version": "3.12.1"}).to_dict()
    assert on_311["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio>=0.25"
    fixed = diagnose(report, hints={"pytest_asyncio_version": "1.1.0"}).to_dict()
    assert "ContextVar" not in (fixed["findings"] or [{"summary": ""}])[0]["summary"]
    blamed = ("This is more of a pytest-asyncio bug, see https://github.com/pytest-dev/pytest-asyncio/issues/127\n\n"
              "```python\n@pytest.mark.asyncio\nasync def test_global(test_context):\n    assert quart.g.test == 'value'\n```\n")
    assert _first(blamed) == ("loop-mismatch", ["LD010"])


def test_the_unset_scope_warning_a_report_is_about_on_a_passing_run():
    warning = ('/venv/lib/python3.11/site-packages/pytest_asyncio/plugin.py:208: PytestDeprecationWarning: The '
               'configuration option "asyncio_default_fixture_loop_scope" is unset.\n'
               "  warnings.warn(PytestDeprecationWarning(_DEFAULT_FIXTURE_LOOP_SCOPE_UNSET))\n"
               "============================= test session starts ==============================\n"
               "platform darwin -- Python 3.11.9, pytest-8.3.3, pluggy-1.5.0\nplugins: asyncio-0.24.0\n"
               "asyncio: mode=Mode.STRICT, default_loop_scope=None\ncollected 4 items\n\n"
               "tests/test_app.py ....                                                  [100%]\n")
    assert _first("Unit tests of the example print the following warnings:\n```\n" + warning + "```\n") == (
        "asyncio-misconfiguration", ["LD007"])
    # The same passing run pasted without a word about it is a run with nothing to fix.
    assert diagnose(warning).to_dict()["verdict"] == "no-failure"


def test_unmarked_async_tests_quoted_beside_a_header_with_a_strict_default_release():
    report = ("`test_init.py`\n```python\nasync def test_async_setup(hass):\n"
              "    assert await async_setup_component(hass, DOMAIN, {}) is True\n```\n\nIn pytest 9+, this fails\n```\n"
              "$ pytest tests\n============================= test session starts ==============================\n"
              "platform linux -- Python 3.13.3, pytest-9.0.0, pluggy-1.6.0\nrootdir: /workspaces/custom\n"
              "plugins: anyio-4.10.0, asyncio-1.3.0, xdist-3.8.0\n```\n")
    assert _first(report) == ("asyncio-misconfiguration", ["LD006"])
    # A mode set by the config the report shows is not the default: the unmarked tests are then not the story.
    auto = report.replace("`test_init.py`", "pytest.ini:\n```ini\n[pytest]\nasyncio_mode = auto\n```\n`test_init.py`")
    assert _first(auto) != ("asyncio-misconfiguration", ["LD006"])


def test_strict_mode_said_to_be_the_default():
    said = ("The CI matrix was failing because pytest-asyncio 0.21+ defaults to `strict` mode. Three tests were failing "
            "with `Failed: async def functions are not natively supported`.\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD006"])


def test_a_fixture_teardown_that_runs_a_coroutine_itself():
    teardown = ("```\nERROR tests/test_sync.py::TestFlow::test_update - RuntimeError: There is no current event loop in "
                "thread 'MainThread'.\n```\n```\n        yield {\"client\": client}\n\n"
                ">       asyncio.get_event_loop().run_until_complete(client.teardown())\n\n"
                "tests/test_sync.py:214: \n_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _\n\n"
                "    def get_event_loop(self):\n>           raise RuntimeError('There is no current event loop in thread %r.'\n"
                "E           RuntimeError: There is no current event loop in thread 'MainThread'.\n\n"
                "/usr/lib/python3.12/asyncio/events.py:702: RuntimeError\n```\n")
    assert _first(teardown) == ("loop-mismatch", ["LD004"])
    # The same call failing in a sync test's own body is sync code without a loop, not a second loop.
    body = teardown.replace("ERROR tests", "FAILED tests")
    assert _first(body) == ("not-loop-related", ["LD011"])


def test_a_closed_loop_met_by_leaked_clients_the_garbage_collector_finalises():
    leaked = ("`AsyncOpenAI` clients in `test_bridge.py` are created without context managers, leaking httpx connections. "
              "When these are garbage-collected during subsequent tests, they produce `RuntimeError('Event loop is "
              "closed')` errors in captured output.\n")
    assert _first(leaked) == ("loop-mismatch", ["LD008"])


def test_a_module_level_object_beside_a_test_that_only_asks_for_event_loop():
    report = ("```python\nimport pytest\nfrom aiodataloader import DataLoader\n\n\nasync def load_data(ids):\n"
              "    return [i + 5 for i in ids]\n\n\nloader = DataLoader(batch_load_fn=load_data)\n\n\n"
              "@pytest.mark.asyncio\nasync def test_loader(event_loop):\n    assert await loader.load(1) == 6\n```\n"
              "When run, I get an error:\n```\nRuntimeError: Task <Task pending coro=<test_loader() running at "
              "test_loader.py:14>> got Future <Future pending> attached to a different loop\n```\n")
    assert _first(report) == ("loop-mismatch", ["LD003"])


def test_pytests_own_list_of_plugins_to_install_does_not_name_the_plugin_in_use():
    report = ("After upgrading to version 0.9, I now get this error from pytest:\n\n```\n"
              "  python.py:148: PytestUnhandledCoroutineWarning: async def functions are not natively supported and "
              "have been skipped.\n  You need to install a suitable plugin for your async framework, for example:\n"
              "    - anyio\n    - pytest-asyncio\n    - pytest-tornasync\n    - pytest-trio\n    - pytest-twisted\n"
              "    warnings.warn(PytestUnhandledCoroutineWarning(msg.format(nodeid)))\n```\n")
    assert _first(report) == ("asyncio-misconfiguration", ["LD009"])


def test_an_error_while_collecting_test_modules_is_not_a_loop_problem():
    collecting = ("==================================== ERRORS ====================================\n"
                  "_________________ ERROR collecting streamz/tests/test_dask.py __________________\n"
                  "streamz/tests/test_dask.py:19: in <module>\n    def test_map(c, s, a, b):\n"
                  "/usr/lib/python3.8/site-packages/distributed/utils_test.py:922: in _\n"
                  "    raise RuntimeError(\"gen_cluster only works for coroutine functions.\")\n"
                  "E   RuntimeError: gen_cluster only works for coroutine functions.\n"
                  "=========================== short test summary info ============================\n")
    result = diagnose(collecting).to_dict()
    assert (result["verdict"], result["findings"][0]["code"], result["findings"][0]["confidence"]) == (
        "not-loop-related", "LD011", "low")
    # pytest-asyncio's own import failing at collection is not the code's error.
    own = collecting.replace("RuntimeError: gen_cluster only works for coroutine functions.",
                             "ImportError: cannot import name 'fixture' from 'pytest_asyncio'")
    assert _first(own) != ("not-loop-related", ["LD011"])


def test_the_event_loop_request_warning_wrapped_mid_word():
    wrapped = ("Then, in async tests, replace `event_loop` fixtures with calls to `asyncio.get_running_loop()`, as advised "
               "by:\n\n```\ntests/test_middleware.py:123\n  tests/test_middleware.py:123: PytestDeprecationWarning: "
               "test_ok is asynchronous and expl\nicitly requests the \"event_loop\" fixture. Asynchronous fixtures and "
               "test functions should use \"asyncio\n.get_running_loop()\" instead.\n"
               "    async def test_ok(aiohttp_client, event_loop, recorder):\n```\n")
    assert _first(wrapped) == ("loop-mismatch", ["LD005"])


def test_a_run_cut_after_collection_in_a_report_that_says_its_tests_fail():
    report = ("Noticed the tests are failing across the board: another psycopg upgrade broke them.\n```console\n"
              "$ pytest test/test_auth.py\n/venv/lib/python3.11/site-packages/pytest_asyncio/plugin.py:207: "
              "PytestDeprecationWarning: The configuration option \"asyncio_default_fixture_loop_scope\" is unset.\n"
              "  warnings.warn(PytestDeprecationWarning(_DEFAULT_FIXTURE_LOOP_SCOPE_UNSET))\n"
              "====================== test session starts =======================\n"
              "platform linux -- Python 3.11.11, pytest-8.3.5, pluggy-1.5.0\nplugins: asyncio-0.25.3\n"
              "asyncio: mode=Mode.AUTO, asyncio_default_fixture_loop_scope=None\ncollected 1 item\n\n"
              "test/test_auth.py\n```\n")
    result = diagnose(report).to_dict()
    assert result["verdict"] == "unknown" and "ends after the tests were collected" in result["reason"]
    # Without the words about failing tests, the warning is what the paste shows and asks about.
    asked = report.replace("Noticed the tests are failing across the board: another psycopg upgrade broke them.",
                           "Why this warning?")
    assert _first(asked) == ("asyncio-misconfiguration", ["LD007"])


def test_a_patch_that_says_it_marks_the_async_tests():
    marks = ("Pytest 8.4 will fail on async functions if they are not handled by a plugin. And since pytest-aiohttp relies "
             "on pytest-asyncio, the obvious fix is to mark them as asyncio.\n")
    assert _first(marks) == ("asyncio-misconfiguration", ["LD006"])
    decorators = ("add missing decorators to async sqlalchemy test methods; previously these methods were skipped in "
                  "tests due to lack of native pytest async support\n")
    assert _first(decorators) == ("asyncio-misconfiguration", ["LD006"])
    release = "Fix tests after release of pytest-asyncio 0.19.0.\n\nAdded pytest config explicitly setting `asyncio_mode`.\n"
    assert _first(release) == ("asyncio-misconfiguration", ["LD006"])


def test_a_release_said_to_have_caused_tests_to_fail():
    said = ("A recent release of `pytest-asyncio` ([v1.4.0](https://pypi.org/project/pytest-asyncio/1.4.0/)) caused several "
            "tests to fail with `RuntimeError: There is no current event loop in thread 'MainThread'`.\n")
    result = diagnose(said).to_dict()
    assert (result["verdict"], result["findings"][0]["code"]) == ("loop-mismatch", "LD010")
    assert "1.4.0" in result["findings"][0]["summary"]


def test_the_database_rejecting_a_query_is_not_a_loop_problem():
    rejected = ("```\n    async def test_create(db):\n>       await create_database(url)\n\n"
                "E               sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) no such table: pg_database\n"
                "E               [SQL: SELECT 1 FROM pg_database WHERE datname='./test.db']\n```\n")
    assert _first(rejected) == ("not-loop-related", ["LD011"])
    missing = rejected.replace("(sqlite3.OperationalError) no such table: pg_database",
                               "(asyncpg.exceptions.UndefinedTableError) relation \"users\" does not exist")
    assert _first(missing) == ("not-loop-related", ["LD011"])


def test_pytest_asyncio_1_0_named_with_no_error_shown():
    pin = ("Noticed CI failures today: pytest-asyncio released version 1.0.0 and breaks compatibility with this plugin. "
           "For now, we're keeping back pytest-asyncio.\n")
    assert _first(pin) == ("loop-mismatch", ["LD005"])
    linked = "https://github.com/pytest-dev/pytest-asyncio/pull/1106 deprecation realized in 1.0 release two days ago\n"
    assert _first(linked) == ("loop-mismatch", ["LD005"])
    # With an error shown, the release it blames is what the report says, not 1.0's removal of event_loop.
    shown = pin + "```\nE   TimeoutError: timed out after 5s\n```\n"
    assert _first(shown) == ("loop-mismatch", ["LD010"])


def test_readings_added_for_release_bugs_hold_their_boundaries():
    header = ("============================= test session starts ==============================\n"
              "platform linux -- Python 3.11.7, pytest-{pytest}, pluggy-1.3.0\nplugins: asyncio-{plugin}\n")
    crash = ("collecting ... collected 0 items\nINTERNALERROR> Traceback (most recent call last):\n"
             "INTERNALERROR>   File \"/venv/lib/python3.11/site-packages/_pytest/main.py\", line 323, in _main\n"
             "INTERNALERROR>     config.hook.pytest_collection(session=session)\n")
    assert _first(header.format(pytest="8.0.0", plugin="0.23.4") + crash) == ("loop-mismatch", ["LD010"])
    fixed = diagnose(header.format(pytest="8.0.0", plugin="0.23.5") + crash).to_dict()
    assert fixed["verdict"] == "unknown" and not fixed["findings"]   # 0.23.5 supports pytest 8: not this crash
    on_8_2 = diagnose(header.format(pytest="8.2.0", plugin="0.23.4") + crash).to_dict()
    assert on_8_2["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio>=0.23.6"
    # An INTERNALERROR after the tests ran (a coverage plugin's, say) is not the collection crash.
    after_run = header.format(pytest="8.0.2", plugin="0.23.4") + (
        "collected 3 items\n\ntests/test_a.py ...                                                  [100%]\n"
        "INTERNALERROR> coverage.exceptions.NoDataError: No data to report.\n")
    assert "pytest 8" not in " ".join(f["summary"] for f in diagnose(after_run).to_dict()["findings"])


def test_readings_added_this_release_line_need_their_own_evidence():
    # An attribute the fixture method never sets is an ordinary error, not #197.
    unset = ("```\nclass TestApi:\n    @pytest_asyncio.fixture()\n    async def init(self):\n        self.X = True\n\n"
             "    async def test_function(self, init):\n        assert self.helper\n```\n"
             "```\nE       AttributeError: 'TestApi' object has no attribute 'helper'\n```\n")
    assert _first(unset) != ("loop-mismatch", ["LD010"])
    # A ContextVar missing in app code, with no fixture setting it, is not the plugin's context.
    middleware = "```\nE   LookupError: <ContextVar name='request_id' at 0x7f0c2b0>\n```\nraised from our middleware.\n"
    assert _first(middleware) != ("loop-mismatch", ["LD010"])
    # A report that says the default strict mode in passing still blames the release it names for its loop error.
    strict_in_passing = ("Upgrading pytest-asyncio from 0.21.1 to 0.23.2 broke our suite. We run in the default strict "
                         "mode.\n```\nE   RuntimeError: Task <Task pending> got Future <Future pending> attached to a "
                         "different loop\n```\n")
    assert _first(strict_in_passing) == ("loop-mismatch", ["LD010"])


def test_prose_readings_added_this_release_line_respect_denials_and_other_plugins():
    assert diagnose("There is no connection leak here; the test fails with an assertion.\n").to_dict()["verdict"] \
        == "unknown"
    assert _first("Connections aren't being closed correctly.\n") == ("loop-mismatch", ["LD008"])
    anyio = ("```python\nimport pytest\n\n@pytest.mark.anyio\nasync def test_a(client):\n    assert await client.get()\n```\n"
             "```\n============================= test session starts ==============================\n"
             "platform linux -- Python 3.12.3, pytest-9.0.0, pluggy-1.6.0\nplugins: anyio-4.10.0, asyncio-1.3.0\n```\n")
    assert _first(anyio) != ("asyncio-misconfiguration", ["LD006"])
    other_warning = ('/venv/lib/python3.11/site-packages/pytest_asyncio/plugin.py:208: PytestDeprecationWarning: The '
                     'configuration option "asyncio_default_fixture_loop_scope" is unset.\n'
                     "============================= test session starts ==============================\n"
                     "platform linux -- Python 3.11.9, pytest-8.3.3, pluggy-1.5.0\nplugins: asyncio-0.24.0\n"
                     "collected 4 items\n\ntests/test_app.py ....                                                  [100%]\n")
    said = "aiohttp 3.9 emits a DeprecationWarning about ssl.PROTOCOL_TLS in our suite.\n```\n" + other_warning + "```\n"
    assert diagnose(said).to_dict()["verdict"] == "no-failure"


def test_more_words_for_invalid_values_the_strict_default_and_1_4_0():
    none = ("Previously `asyncio_default_fixture_loop_scope` was set to None which was an invalid configuration. In "
            "pytest-asyncio v1.2.0 these misconfigurations now return errors.\n")
    assert _first(none) == ("asyncio-misconfiguration", ["LD007"])
    auto = "This PR changes the value of `asyncio_default_fixture_loop_scope` to function because auto becomes invalid.\n"
    assert _first(auto) == ("asyncio-misconfiguration", ["LD007"])
    strict = ("pytest-asyncio has introduced a breaking change in 0.19.0: the mode is \"strict\" instead of \"auto\" as "
              "before. As a result, all `async def` fixtures are not considered as asyncio-driven and failed the tests.\n")
    assert _first(strict) == ("asyncio-misconfiguration", ["LD006"])
    leak = "pytest-asyncio 1.4.0 no longer leaks a loop from test_interrupt.py, so get_event_loop() raised.\n"
    assert _first(leak) == ("loop-mismatch", ["LD010"])


def test_another_plugins_runner_taking_an_async_test_and_a_keyerror_of_the_code():
    taken = ("With pytest-asyncio 0.17.2 and `asyncio_mode = auto` I get failures.\n```\n"
             "pyfuncitem = <Function test_something>\n\n    @pytest.mark.tryfirst\n    def pytest_pyfunc_call(pyfuncitem):\n"
             "        try:\n>           loop = funcargs[\"io_loop\"]\nE           KeyError: 'io_loop'\n\n"
             "~/.conda/envs/env/lib/python3.9/site-packages/pytest_tornasync/plugin.py:49: KeyError\n```\n")
    result = diagnose(taken).to_dict()
    assert (result["verdict"], result["findings"][0]["code"]) == ("loop-mismatch", "LD004")
    assert "pytest-tornasync" in result["findings"][0]["summary"]
    # A KeyError of the code is not a loop-scope value pytest-asyncio rejected.
    plain = ("```\nFAILED tests/test_a.py::test_b - KeyError: 'a'\n```\n")
    assert _first(plain) != ("asyncio-misconfiguration", ["LD007"])


def test_a_patch_sentence_wrapped_once_and_the_new_strict_mode():
    wrapped = ("## What do these changes do?\n"
               "Our pytest.ini now has 'asyncio_default_fixture_loop_scope = function'\n"
               "to prevent pytest-asyncio deprecation warnings breaking pytester tests.\n")
    assert _first(wrapped) == ("asyncio-misconfiguration", ["LD007"])
    # A blank line ends the sentence.
    apart = wrapped.replace("'\nto prevent", "'\n\nIt prevents")
    assert diagnose(apart).to_dict()["verdict"] == "unknown"
    strict = "Update `pytest-aiohttp` and deal with the new strict `asyncio_mode` in pytest-asyncio.\n"
    assert _first(strict) == ("asyncio-misconfiguration", ["LD006"])


def test_the_requirement_for_async_tests_said_missing():
    said = ("We are missing requirement for async testing, which didn't throw errors in the past because those tests "
            "were skipped in CI. But it's raising errors now.\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD009"])


def test_auto_mode_said_to_make_skipped_async_tests_run():
    report = ("`pytest` fails to test anything:\n```\ntests/test_init.py::test_async_setup\n  /venv/lib/python3.12/site-packages/"
              "_pytest/python.py:151: PytestUnhandledCoroutineWarning: async def functions are not natively supported "
              "and have been skipped.\n```\n* Once `asyncio_mode = auto` is added to the `[tool:pytest]` section of "
              "`setup.cfg`, tests proceed.\n")
    assert _first(report) == ("asyncio-misconfiguration", ["LD006"])
    without = report.split("* Once")[0]
    assert _first(without) == ("asyncio-misconfiguration", ["LD009"])


def test_the_no_current_loop_deprecation_warning_a_report_is_about():
    test_code = ("Python 3.10: Deprecation warnings regarding event loop\n\n```\ntests/test_asyncio.py::test_freeze\n"
                 "  /src/freezegun/tests/test_asyncio.py:17: DeprecationWarning: There is no current event loop\n"
                 "    asyncio.get_event_loop().run_until_complete(frozen_coroutine())\n\n"
                 "-- Docs: https://docs.pytest.org/en/stable/warnings.html\n```\n")
    assert _first(test_code) == ("loop-mismatch", ["LD004"])
    library = test_code.replace("/src/freezegun/tests/test_asyncio.py:17", "/venv/lib/python3.12/site-packages/lib/ctx.py:353")
    library = library.replace("asyncio.get_event_loop().run_until_complete(frozen_coroutine())", "loop = get_event_loop()")
    assert _first(library) == ("not-loop-related", ["LD011"])
    # The same warnings in a passing run pasted without a word: nothing to fix.
    run = ("============================= test session starts ==============================\n"
           "platform linux -- Python 3.12.1, pytest-8.3.4, pluggy-1.5.0\ncollected 1 item\n\ntests/test_a.py .   [100%]\n\n"
           "=============================== warnings summary ===============================\ntests/test_a.py::test_a\n"
           "  /venv/lib/python3.12/site-packages/lib/ctx.py:353: DeprecationWarning: There is no current event loop\n"
           "    loop = get_event_loop()\n\n-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html\n"
           "========================= 1 passed, 1 warning in 0.12s =========================\n")
    assert diagnose(run).to_dict()["verdict"] == "no-failure"
    assert _first('Pytest warning "There is no current event loop"\n\n' + run) == ("not-loop-related", ["LD011"])


def test_the_strict_default_said_beside_1_0_and_the_unset_mode_said_to_skip_tests():
    both = ("Without it, `pytest-asyncio` (v1.0+) defaults to `strict` mode, which causes async test coroutines to not "
            "be properly awaited, resulting in 51 test failures.\n")
    assert _first(both) == ("asyncio-misconfiguration", ["LD006"])
    skipped = ("In later versions of pytest, there is no default value for 'asyncio-mode', which causes the tests to "
               "be skipped.\n")
    assert _first(skipped) == ("asyncio-misconfiguration", ["LD006"])


def test_words_the_prose_readings_must_not_take_for_their_subject():
    quiet = ["Thanks! pytest-asyncio 1.0 works great for us.\n",
             "pytest-asyncio 1.0.0 is out, see the changelog.\n",
             "We upgraded pytest-asyncio and httpx 1.0 at the same time; everything works.\n",
             "The new strict mode of mypy caught this bug.\n",
             "We run mypy in strict mode; ruff 0.19 is pinned too.\n",
             "I set asyncio_mode = auto and now no test is skipped anymore, thanks.\n",
             "How should the fixture loop scope interact with session fixtures? The cached token was invalid after the "
             "first test.\n",
             "Added the missing dependency for async test fixtures (aiosqlite).\n",
             "We are not leaking connections; the test fails with an assertion.\n"]
    for text in quiet:
        assert diagnose(text).to_dict()["verdict"] == "unknown", text
    other_error = "After upgrading to pytest-asyncio 1.0, my tests fail with a ConnectionRefusedError from the database.\n"
    assert _first(other_error) == ("not-loop-related", ["LD011"])
    green = ("Just FYI, all green:\n============================= test session starts ==============================\n"
             "platform linux -- Python 3.12.1, pytest-8.3.4, pluggy-1.5.0\ncollected 1 item\n\ntests/test_a.py .   [100%]\n\n"
             "=============================== warnings summary ===============================\ntests/test_a.py::test_a\n"
             "  /venv/lib/python3.12/site-packages/lib/test_utils.py:353: DeprecationWarning: There is no current event "
             "loop\n    self._loop.run_until_complete(self.start())\n\n"
             "========================= 1 passed, 1 warning in 0.12s =========================\n")
    assert diagnose(green).to_dict()["verdict"] == "no-failure"
    # A KeyError of the code beside the usual unset-option warning is not a rejected scope value.
    keyerror = ('/venv/lib/python3.12/site-packages/pytest_asyncio/plugin.py:208: PytestDeprecationWarning: The '
                'configuration option "asyncio_default_fixture_loop_scope" is unset.\n'
                "```\n    async def test_user(d):\n>       assert d[\"user\"]\nE       KeyError: 'user'\n\n"
                "tests/test_a.py:3: KeyError\n```\n")
    assert "`user`" not in " ".join(f["summary"] for f in diagnose(keyerror).to_dict()["findings"])


def test_a_patch_that_declares_the_fixture_loop_scope_or_fixes_the_mode_deprecation_warnings():
    declare = ("Declare the desired asyncio_default_fixture_loop_scope\n\npytest-asyncio is moving towards defaulting "
               "to the function scope. Select this now.\n")
    assert _first(declare) == ("asyncio-misconfiguration", ["LD007"])
    mode = ("Fix pytest-asyncio deprecation warnings which are causing the tests to fail.\n\n"
            "- Set asyncio_mode = auto to support the new operating modes of pytest-asyncio>=0.17\n")
    assert _first(mode) == ("asyncio-misconfiguration", ["LD007"])
    assert _top(mode)["fixes"][0]["title"] == "Set asyncio_mode = auto"
    strict_fixture = ("Fix pytest-asyncio deprecation warnings: async fixtures declared with @pytest.fixture are not "
                      "handled in strict mode.\n\n- Set asyncio_mode = auto\n")
    assert "legacy mode" not in " ".join(f["summary"] for f in diagnose(strict_fixture).to_dict()["findings"])
    # Setting the option to a wide scope is a loop choice, not the warning; another plugin's warnings are not 0.17's.
    wide = "Set asyncio_default_fixture_loop_scope = session so the pool is shared.\n"
    other = ("Fix pytest-asyncio deprecation warnings about the event_loop fixture.\n\n- Set asyncio_mode = auto and "
             "drop the event_loop override\n")
    assert _first(wide) == ("unknown", [])
    assert _first(other) == ("loop-mismatch", ["LD005"])   # the event_loop fixture's own deprecation
    for quiet in ("How do I set asyncio_default_fixture_loop_scope for a single module only?\n",
                  "We are setting asyncio_default_fixture_loop_scope in pyproject.toml to session for the pool.\n"):
        assert _first(quiet)[1] == [], quiet   # (the question alone reads as no failure)


def test_loop_scope_said_not_to_work_on_a_release_before_0_24():
    said = ("The docs say to set `loop_scope` in pytest.mark.asyncio. This doesn't work for me, but `scope` does.\n\n"
            "I'm using `pytest-asyncio` version `0.23.8`.\n")
    result = diagnose(said).to_dict()
    assert result["environment"]["pytest_asyncio_version"] == "0.23.8"
    assert (result["verdict"], [f["code"] for f in result["findings"]]) == ("asyncio-misconfiguration", ["LD007"])
    assert result["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio>=0.24"
    # On a release that has loop_scope, or with no release named, the words decide nothing.
    assert _first(said.replace("0.23.8", "0.25.3")) == ("unknown", [])
    assert _first(said.split("\n\n")[0] + "\n") == ("unknown", [])
    # A lower bound of a changelog is not the release in use.
    assert _first("pytest-asyncio==0.21.1. We don't use loop_scope. DeprecationWarnings are ignored in pytest.ini.\n") \
        == ("unknown", [])
    bound = "`pytest-asyncio` >= 0.22.0 deprecated the event_loop fixture; loop_scope doesn't work either.\n"
    assert diagnose(bound).to_dict()["environment"]["pytest_asyncio_version"] is None


def test_a_scope_mismatch_on_a_fixture_that_provides_no_loop():
    run = ("============================= test session starts ==============================\n"
           "platform linux -- Python 3.12.1, pytest-8.3.4, pluggy-1.5.0\nplugins: asyncio-0.24.0\n"
           "asyncio: mode=Mode.AUTO, default_loop_scope=None\ncollected 1 item\n\ntests/test_a.py E   [100%]\n\n"
           "==================================== ERRORS ====================================\n"
           "__________________________ ERROR at setup of test_a ___________________________\n"
           "ScopeMismatch: You tried to access the function scoped fixture monkeypatch with a module scoped request "
           "object. Requesting fixture stack:\ntests/test_a.py:5:  def env(monkeypatch)\n"
           "=========================== short test summary info ============================\n"
           "ERROR tests/test_a.py::test_a - Failed: ScopeMismatch: You tried to access the function scoped fixture "
           "monkeypatch with a module scoped request object. Requesting fixture stack:\n"
           "=============================== 1 error in 0.01s ===============================\n")
    assert _first(run) == ("not-loop-related", ["LD011"])
    said = ("ScopeMismatch: You tried to access the 'function' scoped fixture 'monkeypatch' with a 'module' scoped "
            "request object, involved factories\n")
    assert _first(said) == ("not-loop-related", ["LD011"])
    for loop_fixture in ("event_loop", "_function_event_loop", "_function_scoped_runner", "unused_tcp_port"):
        assert _first(run.replace("monkeypatch", loop_fixture))[1] != ["LD011"], loop_fixture


def test_fixtures_said_to_sit_on_a_wider_loop_than_the_tests():
    said = ("In the app one integration test hung for the full pytest-timeout. Root cause was the loop-scope mismatch: "
            "session-scoped `worker`/`client` fixtures live on the session loop, but each test defaults to its own "
            "function loop.\n")
    result = diagnose(said).to_dict()
    assert (result["verdict"], [f["code"] for f in result["findings"]]) == ("loop-mismatch", ["LD001"])
    assert "session loop" in result["findings"][0]["evidence"][0]["text"]
    options = ("A rule for when `asyncio_default_fixture_loop_scope` is broadened (`session`) while "
               "`asyncio_default_test_loop_scope` is left unset (it silently defaults to `function`).\n")
    assert _first(options) == ("loop-mismatch", ["LD001"])
    # Denied, asked, quoted from the docs, or both options set wide: not this report.
    for quiet in ("The fixtures do not use the session loop; every test gets its own function loop and that works.\n",
                  "How do I make my fixtures use the session loop while tests use their own loop?\n",
                  "> By default, tests run in their own function-scoped loop, even when a fixture uses the session loop.\n",
                  "asyncio_default_fixture_loop_scope = session and asyncio_default_test_loop_scope = session, no "
                  "defaults left\n"):
        assert _first(quiet)[1] == [], quiet   # (the question alone reads as no failure)


def test_a_singleton_said_to_meet_two_loops():
    said = ("# pytest-asyncio with singletons causes conflicting event loops\n\nI use a module level singleton to "
            "recycle e.g. a dbus connection.\n")
    result = diagnose(said).to_dict()
    assert (result["verdict"], [f["code"] for f in result["findings"]]) == ("loop-mismatch", ["LD003"])
    assert "singletons" in result["findings"][0]["evidence"][0]["text"]
    for quiet in ("Our singleton works; we run two event loops in production without trouble.\n",
                  "- Fixed: the module-level client no longer fails with conflicting event loops.\n",
                  "Avoid module-level singletons: they cause conflicting event loops.\n"):
        assert _first(quiet)[1] == [], quiet   # (the question alone reads as no failure)


def test_tasks_left_pending_said_in_words_or_caught_by_a_suite_check():
    said = ("We had quite a lot of \"task destroyed but it was pending\" teardown errors which would pop up in later "
            "tests.\n")
    assert _first(said) == ("loop-mismatch", ["LD008"])
    check = ("```\nERROR tests/test_aravis.py::test_trigger - RuntimeError: Not all tasks closed during test "
             "test_trigger:\n{<Task cancelling name='Task-2282' coro=<_wrap_awaitable() running at "
             "/usr/lib/python3.11/asyncio/tasks.py:684>>}\n```\n")
    assert _first(check) == ("loop-mismatch", ["LD008"])


def test_errors_of_other_libraries_that_speak_of_no_loop():
    psycopg = ("```\npsycopg.errors.ProgrammingError: another command is already in progress\n```\n"
               "It happens when I gather executemany and execute on one connection.\n")
    assert _first(psycopg) == ("not-loop-related", ["LD011"])
    signature = ("# \"TypeError: RequestInfo.__new__() missing 1 required positional argument: 'real_url'\" after "
                 "upgrading aiohttp to 3.11.0.\n")
    assert _first(signature) == ("not-loop-related", ["LD011"])
    # loop= removed by Python, and loop_scope= on a release before 0.24, are answered for what they are.
    old_loop = "E   TypeError: Queue.__init__() got an unexpected keyword argument 'loop'\n"
    assert "loop= argument" in _top(old_loop)["summary"]
    assert _first("E   TypeError: fixture() got an unexpected keyword argument 'loop_scope'\n") \
        == ("asyncio-misconfiguration", ["LD007"])
    # Raised inside pytest-asyncio, the same kind of TypeError is the release's (LD010).
    plugin = ("platform linux -- Python 3.12.1, pytest-8.4.0, pluggy-1.5.0\nplugins: asyncio-0.21.1\ncollected 1 item\n\n"
              "tests/test_a.py E  [100%]\n\n==================================== ERRORS ====================================\n"
              "_______________________ ERROR at setup of test_a ________________________\n"
              ".venv/lib/python3.12/site-packages/pytest_asyncio/plugin.py:340: in pytest_fixture_setup\n"
              "    fixturedef = FixtureDef(unittest=False)\n"
              "E   TypeError: FixtureDef.__init__() got an unexpected keyword argument 'unittest'\n\n"
              ".venv/lib/python3.12/site-packages/pytest_asyncio/plugin.py:340: TypeError\n"
              "=============================== 1 error in 0.05s ===============================\n")
    assert _first(plugin) == ("loop-mismatch", ["LD010"])
    mock = ("E   respx.models.AllMockedAssertionError: RESPX: <Request('POST', 'https://foo.bar/')> not mocked!\n\n"
            ".venv/lib/python3.10/site-packages/respx/router.py:251: AllMockedAssertionError\n")
    assert _first(mock) == ("not-loop-related", ["LD011"])


def test_a_run_under_pytest_trio_alone():
    run = ("============================= test session starts ==============================\n"
           "platform linux -- Python 3.11.8, pytest-8.1.1, pluggy-1.4.0\nplugins: trio-0.8.0, cov-5.0.0\n"
           "collected 2 items\n\ntests/test_connection.py F.   [100%]\n\n"
           "=================================== FAILURES ===================================\n"
           "_______________________________ test_handshake ________________________________\n"
           "E   trio.Cancelled: Cancelled\n\ntrio/_core/_run.py:1441: Cancelled\n"
           "========================= 1 failed, 1 passed in 0.52s ==========================\n")
    result = diagnose(run).to_dict()
    assert (result["verdict"], [f["code"] for f in result["findings"]]) == ("not-loop-related", ["LD011"])
    assert result["findings"][0]["evidence"][0]["text"].startswith("plugins: trio-0.8.0")
    # Beside pytest-asyncio the same failure says nothing either way.
    assert _first(run.replace("trio-0.8.0, ", "trio-0.8.0, asyncio-0.23.8, ")) == ("unknown", [])


def test_code_that_starts_a_loop_inside_the_running_one():
    refused = ("___________________________ test_task ___________________________\n    async def test_task():\n"
               ">       t = Task(spec)\n\ntests/test_task.py:10:\n_ _ _ _ _ _ _ _ _ _\n"
               "src/app/task.py:75: in __init__\n    asyncio.run(self._load(spec))\n"
               "E   RuntimeError: asyncio.run() cannot be called from a running event loop\n\n"
               "src/app/task.py:75: RuntimeError\n=========================== short test summary info "
               "============================\nFAILED tests/test_task.py::test_task - RuntimeError: asyncio.run() "
               "cannot be called from a running event loop\n============================== 1 failed in 0.10s "
               "===============================\n")
    result = diagnose(refused).to_dict()
    finding = result["findings"][0]
    assert (result["verdict"], finding["code"]) == ("loop-mismatch", "LD004")
    assert "TestClient" not in finding["summary"] and finding["fixes"][0]["title"] == "Await the coroutine where a loop already runs"
    assert any(c["object"] == "the coroutine handed to asyncio.run()" for c in result["timeline"]["crossings"])
    # The same refusal inside a sync TestClient's portal is the TestClient's story.
    portal = refused.replace("src/app/task.py:75: in __init__", ".venv/lib/python3.12/site-packages/starlette/testclient.py:75: in __init__")
    assert _top(portal)["fixes"][0]["kind"] == "use-async-test-client"
    unawaited = ("=============================== warnings summary ===============================\n"
                 "tests/test_task.py::test_task\n  /src/app/task.py:75: RuntimeWarning: coroutine 'Task._load' was "
                 "never awaited\n    asyncio.run(self._load(spec))\n  Enable tracemalloc to get traceback where the "
                 "object was allocated.\n\n-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html\n")
    assert _first(unawaited) == ("loop-mismatch", ["LD004"])
    plain = unawaited.replace("asyncio.run(self._load(spec))", "self._load(spec)")
    assert _first(plain) != ("loop-mismatch", ["LD004"])
    # On a green run the unawaited coroutine is a warning of code that already copes.
    green = ("collected 3 items\n\ntests/test_task.py ...   [100%]\n\n" + unawaited
             + "======================== 3 passed, 1 warning in 0.12s =========================\n")
    assert _first(green) == ("no-failure", [])
    said = ("Our SDK's Client.connect() calls asyncio.run() internally. In a @pytest.mark.asyncio test it fails with "
            "RuntimeError: asyncio.run() cannot be called from a running event loop\n")
    assert _top(said)["fixes"][0]["title"] == "Await the coroutine where a loop already runs"


def test_the_plugins_own_get_event_loop_warning_a_patch_is_about():
    patch = ("# Update pytest-asyncio to 0.20.3\n\nA small bump, that fixes the reporting of a deprecated warning\n\n```\n"
             "tests/components/filesize/test_config_flow.py::test_full_user_flow\n"
             "  /usr/local/lib/python3.10/site-packages/pytest_asyncio/plugin.py:404: DeprecationWarning: There is no "
             "current event loop\n    old_loop = policy.get_event_loop()\n\n"
             "-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html\n```\n")
    result = diagnose(patch).to_dict()
    assert (result["verdict"], [f["code"] for f in result["findings"]]) == ("loop-mismatch", ["LD010"])
    assert result["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio>=0.20.3"
    # The warning from a library's own call is not the plugin's.
    library = patch.replace("pytest_asyncio/plugin.py:404", "aiohttp/helpers.py:404")
    assert _first(library)[1] != ["LD010"]


def test_pytest_aiohttps_legacy_mode_warning():
    report = ("When pytest-aiohttp is installed, every test suite emits this warning:\n\n```\n"
              "=============================== warnings summary ===============================\n"
              "../site-packages/pytest_aiohttp/plugin.py:28\n  /usr/lib/python3.8/site-packages/pytest_aiohttp/plugin.py:"
              "28: DeprecationWarning: The 'asyncio_mode' is 'legacy', switching to 'auto' for the sake of pytest-aiohttp "
              "backward compatibility. Please explicitly use 'asyncio_mode=strict' or 'asyncio_mode=auto' in pytest "
              "configuration file.\n    config.issue_config_time_warning(LEGACY_MODE, stacklevel=2)\n\n"
              "-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html\n```\n")
    result = diagnose(report).to_dict()
    assert (result["verdict"], [f["code"] for f in result["findings"]]) == ("asyncio-misconfiguration", ["LD007"])
    assert "switching to 'auto'" in result["findings"][0]["evidence"][0]["text"]
    assert "pytest-aiohttp switches" in result["findings"][0]["summary"]
    assert result["findings"][0]["fixes"][0]["title"] == "Set asyncio_mode = auto"


def test_pytest_asyncio_taking_a_trio_test():
    run = ("============================= test session starts ==============================\n"
           "platform linux -- Python 3.8.0, pytest-5.2.2, py-1.8.0, pluggy-0.13.0\n"
           "plugins: hypothesis-4.50.2, trio-0.5.2, asyncio-0.10.0\ncollected 1 item\n\n"
           "tests/test_echo.py F                                                     [100%]\n\n"
           "=================================== FAILURES ===================================\n"
           "__________________________________ test_final __________________________________\n"
           "E                   trio.TrioInternalError: internal error in trio - please file a bug!\n\n"
           "/venv/lib/python3.8/site-packages/trio/_core/_run.py:1880: TrioInternalError\n"
           "============================== 1 failed in 0.31s ===============================\n")
    result = diagnose(run).to_dict()
    finding = result["findings"][0]
    assert (result["verdict"], finding["code"]) == ("loop-mismatch", "LD004")
    assert finding["fixes"][0]["title"] == "Let each plugin take only its own tests"
    assert finding["fixes"][0]["requires"] == "pytest-asyncio>=0.17"   # strict mode arrived in 0.17
    # Under pytest-trio alone the same error is trio's own business.
    assert _first(run.replace(", asyncio-0.10.0", "")) == ("not-loop-related", ["LD011"])


def test_a_loop_said_to_be_left_running_by_a_sync_tool():
    said = ("# Playwright does not play right with asyncio\n\nI have observed that the `playwright` fixture installs a "
            "running event loop in the current thread. This leads to later calls to asyncio's `run` failing.\n\n"
            "```python\n@pytest.mark.asyncio\nasync def test_pa_true():\n    assert await a_get_true()\n```\n")
    result = diagnose(said).to_dict()
    finding = result["findings"][0]
    assert (result["verdict"], finding["code"]) == ("loop-mismatch", "LD004")
    assert "TestClient" not in finding["summary"] and finding["fixes"][0]["title"] == "Use the async API in async tests"
    assert "installs a running event loop" in finding["evidence"][0]["text"]
    for quiet in ("pytest-asyncio keeps a running event loop per test, which is fine; my issue is that the test hangs "
                  "on `await q.get()`.\n",
                  "With pytest-asyncio 0.23 the fixture no longer leaves a running loop behind, so that's fixed. Now "
                  "`@pytest.mark.asyncio` tests hang instead.\n"):
        assert _first(quiet)[1] != ["LD004"], quiet


def test_the_app_story_without_a_test_client_in_sight():
    clash = ("pytest-asyncio seems to interfere with anyio's pytest plugin: with both installed this test fails.\n\n"
             "```\nFAILED tests/test_a.py::test_a - RuntimeError: Task got bad yield\n```\n")
    result = diagnose(clash).to_dict()
    finding = result["findings"][0]
    assert (result["verdict"], finding["code"]) == ("loop-mismatch", "LD004")
    assert "TestClient" not in finding["summary"] and finding["fixes"][0]["title"] == "Let one plugin run each test"
    denied = ("The server runs in another thread and the test fails with attached to a different loop. There is no "
              "conflict with other plugins: only pytest-asyncio is installed.\n\n```\nFAILED tests/test_a.py::test_a - "
              "RuntimeError: Task got Future <Future pending> attached to a different loop\n```\n")
    assert "Two async plugins" not in _top(denied)["summary"]
    client = clash.replace("this test fails", "this TestClient test fails")
    assert _top(client)["fixes"][0]["kind"] == "use-async-test-client"


def test_the_port_factory_before_0_15():
    run = ("platform linux -- Python 3.9.2, pytest-6.2.2, py-1.10.0, pluggy-0.13.1\nplugins: asyncio-0.14.0\n"
           "collected 1 item\n\ntests/test_pets.py E   [100%]\n\n"
           "==================================== ERRORS ====================================\n"
           "_______________________ ERROR at setup of test_createPet ________________________\n"
           "ScopeMismatch: You tried to access the 'function' scoped fixture 'unused_tcp_port_factory' with a "
           "'session' scoped request object, involved factories\ntests/conftest.py:10:  def config(unused_tcp_port_factory)\n"
           "=============================== 1 error in 0.05s ===============================\n")
    result = diagnose(run).to_dict()
    assert (result["verdict"], [f["code"] for f in result["findings"]]) == ("loop-mismatch", ["LD010"])
    assert result["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio>=0.15"
    # From 0.15 on the factory is session-scoped: such a mismatch is not this bug.
    assert _first(run.replace("asyncio-0.14.0", "asyncio-0.21.2"))[1] != ["LD010"]


def test_patch_descriptions_in_few_words():
    downgrade = ("# Use pytest-asyncio 0.21.1\n\nThere are problems event loop for asyncio tests with latest "
                 "pytest-asyncio 0.23.3. Downgrade for now to the latest version that is working correctly.\n")
    result = diagnose(downgrade).to_dict()
    assert (result["verdict"], [f["code"] for f in result["findings"]]) == ("loop-mismatch", ["LD010"])
    assert result["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio!=0.23.3"
    assert _first("# Fix pytest-asyncio loop scope warning\n\n- fix pytest.ini section and specify asyncio loop "
                  "scope\n") == ("asyncio-misconfiguration", ["LD007"])
    assert _first("# chore: Update pytest to 8.3.4 and pytest-asyncio to 0.25.3\n\nRemove obsolete `event_loop` "
                  "argument in tests.\n") == ("loop-mismatch", ["LD005"])
    assert _first("# Install `pytest-asyncio` for `redis` tests\n\nAlthough we run the `redis` tests on Python 3.12, "
                  "we don't install `pytest-asyncio` on these versions.\n") == ("asyncio-misconfiguration", ["LD009"])
    # Praise of the latest release is not a regression, nor are the other readings' near misses.
    for quiet in ("Bumped pytest-asyncio to 0.23.3. No problems with the latest release so far.\n",
                  "Works fine. No problems with the newest pytest-asyncio (0.23.5).\n",
                  "# Fix pytest-asyncio loop scope warning\n\nUse loop_scope= instead of the deprecated scope= argument "
                  "of the asyncio marker.\n",
                  "Don't remove the event_loop argument in tests yet.\n",
                  "We don't install pytest-asyncio in the docs job, only in the test job.\n"):
        assert _first(quiet)[1] == [], quiet   # (the question alone reads as no failure)
    assert _first("# Fix pytest-asyncio loop scope deprecation warning\n\n- fix pytest.ini section\n") \
        == ("asyncio-misconfiguration", ["LD007"])


def test_a_missing_auto_mode_named_as_what_broke_the_tests():
    patch = ("# Add pytest CI job and fix broken pytest-asyncio config\n\nAlso fixes the underlying gaps that were "
             "silently breaking most of the existing test suite: no `asyncio_mode = auto` config, no "
             "`enable_custom_integrations` fixture.\n")
    assert _first(patch) == ("asyncio-misconfiguration", ["LD006"])
    for quiet in ("Our tests pass without asyncio_mode = auto, every one is marked.\n",
                  "Tests don't break without asyncio_mode = auto.\n",
                  "Nothing breaks without asyncio_mode = auto since every test is marked.\n",
                  "Does the suite break without asyncio_mode = auto?\n",
                  "- Fix: tests skipped with no asyncio_mode = auto (#123)\n",
                  "The build broke on Windows. Unrelated: we run without asyncio_mode = auto.\n"):
        assert _first(quiet)[1] == [], quiet   # (the question alone reads as no failure)
    other = "It fails with ModuleNotFoundError: No module named 'foo'. We run without asyncio_mode = auto.\n"
    assert _first(other) == ("not-loop-related", ["LD011"])


def test_the_plugin_made_to_load_and_a_failure_said_to_come_from_strict_mode():
    load = ("fix: ensure pytest-asyncio plugin loads under strict config\n\n## Summary\n- explicitly load the "
            "pytest-asyncio plugin via addopts so the asyncio_mode setting remains valid under strict-config\n")
    assert _first(load) == ("asyncio-misconfiguration", ["LD009"])
    assert "-p pytest_asyncio" in _top(load)["fixes"][0]["explanation"]
    for quiet in ("We don't need to explicitly load pytest-asyncio, it autoloads.\n",
                  "Should we explicitly load pytest-asyncio?\n",
                  "Previously we had to explicitly load pytest-asyncio via -p; no longer.\n",
                  "Ensure pytest-asyncio plugin loads before pytest-trio\n",
                  "It failed, but not because pytest's asyncio mode is strict.\n",
                  "It isn't failing because the asyncio mode is strict.\n"):
        assert _first(quiet)[1] == [], quiet   # (the question alone reads as no failure)
    strict = ("Test `test_start_new_async_kernel` failed in https://github.com/conda-forge/feedstock/pull/81 because "
              "pytest's asyncio mode is `strict`.\n")
    assert _first(strict) == ("asyncio-misconfiguration", ["LD006"])


def test_an_unawaited_coroutine_of_a_local_function_and_when_it_is_the_answer():
    local = ("`pytest tests/unit/test_pooled_adapter.py` emits `RuntimeWarning: coroutine "
             "'_make_pool_and_dispatcher.<locals>.fake_submit' was never awaited` on 5 tests.\n")
    assert _first(local) == ("not-loop-related", ["LD011"])
    # Beside transports finalised after their loop, the unawaited callback is the side effect, not the answer.
    crash = ("The tests pass (`119 passed`), then pytest crashes at exit:\n\n```\n... RuntimeWarning: coroutine "
             "'App.call_from_thread.<locals>.run_callback' was never awaited\nException ignored in: <function "
             "_ProactorBasePipeTransport.__del__ ...>\n```\n")
    assert _first(crash) == ("loop-mismatch", ["LD008"])
    # Raised as the failing test's own error (-W error), the warning is the answer, as sure as any error.
    raised = ("FAILED tests/test_a.py::test_x - RuntimeWarning: coroutine 'Client.send' was never awaited\n"
              "========================= 1 failed in 0.1s =========================\n")
    assert [(f["code"], f["confidence"]) for f in diagnose(raised).to_dict()["findings"]] == [("LD011", "high")]
    # The words alone describe tests that never ran as often as a missing await: they decide nothing.
    for quiet in ("My async def tests don't run; pytest just says coroutine never awaited for each test.\n",
                  "We no longer see coroutine never awaited warnings.\n"):
        assert _first(quiet)[1] == [], quiet   # (the question alone reads as no failure)


def test_a_session_fixture_said_to_outlive_the_function_event_loop():
    said = ("I have a session scoped fixture that runs a Postgres database in the background. I'd like the connection "
            "pool to last for the entire session as well.\n\nThis fails because the event_loop fixture is scoped to a "
            "function.\n")
    result = diagnose(said).to_dict()
    assert (result["verdict"], [f["code"] for f in result["findings"]]) == ("loop-mismatch", ["LD002"])
    assert "scoped to a function" in result["findings"][0]["evidence"][0]["text"]
    assert "cached per session" in result["findings"][0]["summary"]
    assert "Event loop is closed" not in result["findings"][0]["summary"]
    module = ("I have a module scoped async fixture for the pool.\nIt fails because the event_loop fixture is function "
              "scoped.\n")
    assert "cached per module" in _top(module)["summary"]
    for quiet in ("Our session scoped fixture works; the event_loop fixture is scoped to a function and every test "
                  "passes.\n",
                  "Docs: the event_loop fixture is function-scoped by default. Use a session scoped fixture, or it "
                  "fails.\n",
                  "Changelog: module-scoped fixtures. Tests fail as before; the event_loop fixture is function-scoped "
                  "(unchanged).\n"):
        assert _first(quiet)[1] == [], quiet   # (the question alone reads as no failure)


def test_the_loop_refusal_quoted_in_lower_case():
    said = ("The test suite fails intermittently in CI with `RuntimeError: this event loop is already running` and "
            "`RuntimeError: Cannot close a running event loop`.\n")
    assert _first(said) == ("loop-mismatch", ["LD004"])
    for quiet in ("Check whether this event loop is already running before calling run_until_complete.\n",
                  "if loop.is_running(): # this event loop is already running\n"):
        assert _first(quiet)[1] == [], quiet   # (the question alone reads as no failure)


def test_an_old_test_clients_traceback_is_a_loop_of_its_own_only_beside_async_tests():
    trace = ("_ _ _ _ _ _ _ _ _ _\nvenv/lib/python3.7/site-packages/starlette/testclient.py:240: in send\n"
             "    loop.run_until_complete(self.app(scope, receive, send))\n"
             "/usr/lib/python3.7/asyncio/base_events.py:584: in run_until_complete\n    return future.result()\n"
             "venv/lib/python3.7/site-packages/starlette/routing.py:566: in __call__\n")
    sync = f"RuntimeError for Depends when testing a Router\n\nhere's the error I'm getting:\n\n```\n{trace}```\n"
    assert _first(sync)[1] != ["LD004"]
    assert _first(sync.replace("here's", "plugins: asyncio-0.13.0\n\nhere's")) == ("loop-mismatch", ["LD004"])


def test_a_test_handed_its_fixtures_un_run_async_generator_in_strict_mode():
    run = ("platform darwin -- Python 3.10.13, pytest-7.4.4, pluggy-1.3.0\nplugins: asyncio-0.23.3\n"
           "asyncio: mode=strict\ncollected 1 item\n\ngiphynavigator/tests.py F      [100%]\n\n"
           "==== FAILURES ====\n____ test_index ____\n\nclient = <async_generator object client at 0x106dd7240>\n\n"
           "    @pytest.mark.asyncio\n    async def test_index(client):\n        response = await client.get('/')\n")
    result = diagnose(run).to_dict()
    assert (result["verdict"], result["findings"][0]["code"]) == ("asyncio-misconfiguration", "LD006")
    assert "client is declared with @pytest.fixture" in result["findings"][0]["summary"]
    # A value that is some other object's generator is not the fixture's own.
    assert _first(run.replace("object client at", "object stream at"))[1] != ["LD006"]


def test_a_drivers_operation_in_progress_beside_a_sync_test_client_in_async_tests():
    paste = ("My goal is to do something like this:\n```\n@pytest.mark.asyncio\nasync def test_smth(client):\n"
             "    obj = await MyModel.create(name='test')\n    response = client.get(f'api/objects/{obj.id}/')\n```\n"
             "my client fixture:\n```\n@pytest.fixture\ndef client(app):\n    with TestClient(get_app() as client:\n"
             "        yield client\n```\nI receive:\n```\nasyncpg.exceptions._base.InterfaceError: cannot perform "
             "operation: another operation is in progress\n```\n")
    assert _first(paste) == ("loop-mismatch", ["LD004"])
    # Without the TestClient it is two coroutines on one connection.
    assert _first(paste.replace("with TestClient(get_app() as client:", "with make_client() as client:"))[1] == ["LD011"]


def test_a_plain_error_raised_in_the_librarys_own_code_after_passing_through_asyncio():
    trace = ("```\napp/tests/custom_test_case.py:12: in setUp\n    create_tables(*TABLES)\n"
             "/usr/local/lib/python3.10/asyncio/runners.py:44: in run\n    return loop.run_until_complete(main)\n"
             "/opt/venv/lib/python3.10/site-packages/piccolo/engine/postgres.py:139: in run\n"
             "    await self._run_in_pool()\n_ _ _ _ _ _ _ _ _ _\n\n    async def _run_in_pool(self):\n"
             ">       pool = await self.engine.get_pool()\n"
             "E       AttributeError: 'PostgresEngine' object has no attribute 'get_pool'\n\n"
             "/opt/venv/lib/python3.10/site-packages/piccolo/engine/postgres.py:77: AttributeError\n```\n")
    paste = "It causes an issue while creating tables for tests.\n\n" + trace + "\n==== 1 failed in 0.5s ====\n"
    assert _first(paste) == ("not-loop-related", ["LD011"])
    # Raised inside asyncio's own frames, the same error may be a transport another loop closed.
    inside = paste.replace("/opt/venv/lib/python3.10/site-packages/piccolo/engine/postgres.py:77: AttributeError",
                           "/usr/local/lib/python3.10/asyncio/selector_events.py:77: AttributeError")
    assert _first(inside)[0] == "unknown"


def test_asyncio_markers_with_arguments_the_release_refuses_or_deprecates():
    code = ('import pytest\n\n\n@pytest.mark.asyncio(scope="session", loop_scope="module")\nasync def test_a():\n'
            '    pass\n\n\npytestmark = [pytest.mark.asyncio(scope="module")]\n')
    both = ("collected 0 items / 1 error\n\nERROR: An asyncio pytest marker defines both \"scope\" and \"loop_scope\", "
            "but it should only use \"loop_scope\".\n")
    finding = diagnose(both, files=[("tests/test_a.py", code)]).to_dict()["findings"][0]
    assert (finding["code"], finding["confidence"]) == ("LD007", "high")
    diff = finding["fixes"][0]["diff"]
    assert '+@pytest.mark.asyncio(loop_scope="module")' in diff and '+pytestmark = [pytest.mark.asyncio(loop_scope="module")]' in diff
    # The report's traceback cut inside the message still names it.
    cut = ("/usr/lib/python3.12/site-packages/pytest_asyncio/plugin.py:1010: in _get_marked_loop_scope\n"
           "E   ValueError: mark.asyncio accepts only a ke\n")
    assert _first(cut) == ("asyncio-misconfiguration", ["LD007"])
    # A scope that is not one, and a class loop outside a class.
    assert _first("E   test_a.py::test_1: mark.asyncio got an unexpected loop scope value 'sesion'. Valid scopes "
                  "are: function, class, module, package, session.\n") == ("asyncio-misconfiguration", ["LD007"])
    assert _first("E   pytest.UsageError: test_1 is marked to be run in an event loop with scope class, but is not "
                  "part of any class.\n") == ("asyncio-misconfiguration", ["LD007"])
    # scope= only warned about: asked about with the warnings, it is the subject; in a passing run it is not a failure.
    warning = ('  .venv/lib/python3.11/site-packages/pytest_asyncio/plugin.py:993: PytestDeprecationWarning: The "scope" '
               'keyword argument to the asyncio marker has been deprecated. Please use the "loop_scope" argument '
               "instead.\n")
    asked = diagnose("How do I get rid of this warning?\n\n" + warning,
                     files=[("tests/test_b.py", 'import pytest\n\npytestmark = pytest.mark.asyncio(scope="module")\n')]).to_dict()
    assert (asked["verdict"], asked["findings"][0]["confidence"]) == ("asyncio-misconfiguration", "medium")
    assert '+pytestmark = pytest.mark.asyncio(loop_scope="module")' in asked["findings"][0]["fixes"][0]["diff"]
    passing = f"collected 1 item\n\ntests/test_b.py .\n\n==== warnings summary ====\n{warning}\n==== 1 passed, 1 warning in 0.1s ====\n"
    assert _first(passing) == ("no-failure", [])


def test_a_release_said_to_have_caused_the_suites_tests_to_fail():
    pin = ("Pin pytest-asyncio\n\n### What was wrong?\n`pytest-asyncio v0.23` changed something that caused all of our "
           "async tests to fail.\n\n### How was it fixed?\nPinned to `<0.23`\n")
    assert _first(pin) == ("loop-mismatch", ["LD010"])
    # Words enough apart are no longer one claim.
    assert _first(pin.replace("caused all of our async tests to fail", "caused us to rewrite the fixtures that our "
                              "many old async tests need to fail less"))[1] != ["LD010"]


def test_an_sdk_client_made_at_import_and_shared_across_async_tests_in_a_block_cut_open():
    paste = ("`openai.AsyncOpenAI` not safe when shared across `async` tests\n\nWhen sharing `AsyncOpenAI` across "
             "`async` tests, it's possible to hit `openai.APIConnectionError: Connection error.`\n\n```Python\n"
             "import pytest\nfrom openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\n\n\n@pytest.mark.asyncio\n"
             "async def test_completion1() -> None:\n    await client.chat.completions.create(\n"
             "        model=\"gpt-4o-mini\",\n    )\n\n\n@pytest.mark.asyncio\nasync def test_completion2() -> None:\n"
             "    await client.chat.completions.create(\n        messages=[{\n            \"content\": (\n"
             "                \"Here is a question, the correct ans")
    finding = _top(paste)
    assert (finding["code"], finding["confidence"]) == ("LD003", "medium")
    assert "client (openai.AsyncOpenAI)" in finding["summary"]
    # A client the tests make for themselves is no shared one; nor is a plain error of the code.
    assert _first(paste.replace("client = AsyncOpenAI()\n", ""))[1] != ["LD003"]
    typo = paste.replace("`openai.APIConnectionError: Connection error.`", "`AttributeError: 'Chat' object has no "
                         "attribute 'completion'`").replace("When sharing `AsyncOpenAI` across `async` tests, it's", "It's") \
        .replace("not safe when shared across `async` tests", "fails")
    assert _first(typo)[1] != ["LD003"]


def test_operation_in_progress_said_beside_a_test_client_and_an_async_fixture():
    paste = ("Cannot perform operation: another operation is in progress\n\nconftest.py\n```python\nimport pytest\n"
             "from fastapi.testclient import TestClient\n\n@pytest.fixture\ndef client():\n"
             "    with TestClient(app_init()) as client:\n        yield client\n```\n\ntest.py\n```python\n"
             "@pytest.fixture\nasync def special_model():\n    yield await SpecialModel.create(title='Title')\n\n"
             "def test_get_all(client, special_model):\n    assert client.get('/api').json()['success']\n```\n")
    assert _first(paste) == ("loop-mismatch", ["LD004"])
    # Queries run side by side on purpose are the driver's own rule.
    gathered = paste.replace("yield await SpecialModel.create(title='Title')",
                             "yield await asyncio.gather(SpecialModel.create(), SpecialModel.create())")
    assert _first(gathered)[1] != ["LD004"]


def test_tests_that_pass_one_by_one_and_fail_together_share_an_object():
    paste = ("Unit tests work fine when run separately, but fail when run together with Event loop is closed\n\n"
             "When I run each test individually it works fine. But when I run all the tests together it fails:\n\n"
             "```\nE           RuntimeError: Task <Task pending name='Task-3' coro=<IsolatedAsyncioTestCase."
             "_asyncioLoopRunner() running at async_case.py:101>> got Future <Future pending> attached to a "
             "different loop\n\n/usr/lib/python3.9/asyncio/streams.py:517: RuntimeError\n```\n")
    assert _first(paste) == ("loop-mismatch", ["LD003"])
    assert _first(paste.replace("individually it works fine", "it fails too").replace(
        "work fine when run separately, but fail when run together", "fail"))[1] != ["LD003"]


def test_a_global_map_of_clients_said_to_cross_loops():
    paste = ("We introduced a global map for async Redis clients. This can throw errors, because the async Redis "
             "client was instantiated in a loop, but then used from another (common with asyncio.run()):\n\n```\n"
             "RuntimeError: Task … got Future attached to a different loop\n```\n")
    assert _first(paste) == ("loop-mismatch", ["LD003"])
    assert _first(paste.replace("a global map for async Redis clients", "a helper"))[1] != ["LD003"]


def test_the_never_awaited_coroutine_is_an_async_fixture_the_code_declares_with_pytest_fixture():
    paste = ("I use this fixture:\n```\n@pytest.fixture(autouse=True)\nasync def my_fixture():\n"
             "    await init_beanie(document_models=[Model], database=db)\n```\n\nand got the following error:\n\n"
             "sys:1: RuntimeWarning: coroutine 'my_fixture' was never awaited\n")
    finding = _top(paste)
    assert (finding["code"], finding["fixes"][0]["kind"]) == ("LD006", "use-asyncio-fixture-decorator")
    # Another coroutine never awaited is a missing await, not the fixture.
    assert _first(paste.replace("coroutine 'my_fixture'", "coroutine 'send_mail'"))[1] != ["LD006"]


def test_a_contraction_says_the_test_was_not_marked():
    paste = ("Mark `test_server_comms` with `pytest.mark.asyncio`\n\nThe test is currently being unintentionally skipped "
             "because it's an `async def` test which isn't marked with `pytest.mark.asyncio`. This PR ensures the test "
             "is run\n")
    assert _first(paste) == ("asyncio-misconfiguration", ["LD006"])
    assert _first(paste.replace("isn't marked", "is marked"))[1] != ["LD006"]


def test_asyncio_options_in_a_config_file_pytest_ignores():
    run = ("platform linux -- Python 3.11.7, pytest-8.4.2, pluggy-1.6.0\nplugins: asyncio-0.23.8\n"
           "asyncio: mode=Mode.STRICT\ncollected 1 item\n\ntests/test_a.py F\n\n==== FAILURES ====\n____ test_a ____\n"
           "async def functions are not natively supported.\n==== 1 failed in 0.05s ====\n")
    files = [("pytest.ini", "[pytest]\naddopts = -ra\n"),
             ("pyproject.toml", '[tool.pytest.ini_options]\nasyncio_mode = "auto"\nasyncio_default_fixture_loop_scope = "function"\n')]
    finding = diagnose(run, files=files).to_dict()["findings"][0]
    assert (finding["code"], finding["confidence"]) == ("LD007", "high")
    diff = finding["fixes"][0]["diff"]
    # 0.23.8 does not know the fixture loop scope option: only the mode moves.
    assert "+asyncio_mode = auto" in diff and "asyncio_default_fixture_loop_scope" not in diff
    # Files of different directories are not rivals; nor is an option the winning file sets itself.
    def summaries(given):
        return " ".join(f["summary"] for f in diagnose(run, files=given).to_dict()["findings"])
    assert "ignores the pytest config" not in summaries([files[0], ("sub/pyproject.toml", files[1][1])])
    assert "ignores the pytest config" not in summaries([("pytest.ini", "[pytest]\nasyncio_mode = strict\n"), files[1]])


def test_a_question_or_request_with_nothing_failing_is_no_failure():
    question = ("async pytest-bdd steps\n\nIs there any way the same can be handled with pytest-asyncio? Hope someone "
                "will please help if you have worked on something similar.\n")
    result = diagnose(question).to_dict()
    assert (result["verdict"], result["findings"]) == ("no-failure", [])
    assert "question or a request" in result["reason"]
    # A question about something that fails, or prose that asks nothing, is not one.
    assert _first(question.replace("Is there any way", "My tests hang. Is there any way"))[0] == "unknown"
    assert _first("async pytest-bdd steps\n\nI use pytest-asyncio with pytest-bdd steps.\n")[0] == "unknown"


def test_the_latest_release_blamed_without_a_number():
    paste = ("Pin pytest-asyncio version\n\nIn its latest release, `pytest-asyncio` began modifying the default asyncio "
             "`event_loop_policy` which broke tests here.\n")
    result = diagnose(paste).to_dict()
    assert (result["verdict"], result["findings"][0]["code"]) == ("loop-mismatch", "LD010")
    assert result["findings"][0]["fixes"][0]["kind"] == "change-pytest-asyncio-version"
    # Not when the release is not the plugin's, or nothing broke.
    assert _first(paste.replace("`pytest-asyncio`", "aiohttp"))[1] != ["LD010"]
    assert _first(paste.replace(" which broke tests here", ""))[1] != ["LD010"]


def test_the_suites_own_event_loop_fixture_said_to_be_removed_or_broken():
    for said in ("Remove unnecessary event_loop test fixture\n\nThis cannot be used with the next version of pytest-asyncio.\n",
                 "### Problem 1: Broken \\`event_loop\\` fixture (679 failures)\n\n\\`tests/conftest.py\\` defined a "
                 "session-scoped \\`event_loop\\` fixture that created a new loop.\n"):
        assert _first(said) == ("loop-mismatch", ["LD005"]), said
    assert _first("We don't define an event_loop fixture anywhere; the tests still fail.\n")[1] != ["LD005"]
    removal = ("Before 1.0 you could use the \"event_loop\" fixture for custom set up and tear down.\n\nWith removal of "
               "the fixture in 1.0.0 there seems to be no way to access the loop before it is running.\n")
    assert _first(removal) == ("loop-mismatch", ["LD005"])
    assert _first(removal.replace("in 1.0.0", "in our own conftest"))[1] != ["LD005"]


def test_the_new_readings_hold_back_where_a_review_found_them_misfiring():
    failing = ("collected 1 item\n\ntests/test_a.py F\n\n==== FAILURES ====\n____ test_a ____\n"
               "E       KeyError: 'DB_URL'\n\ntests/test_a.py:3: KeyError\n==== warnings summary ====\n"
               '  plugin.py:993: PytestDeprecationWarning: The "scope" keyword argument to the asyncio marker has been '
               'deprecated. Please use the "loop_scope" argument instead.\n==== 1 failed, 1 warning in 0.1s ====\n')
    assert _first(failing)[1] != ["LD007"]   # the deprecation beside another failure is a side note
    # pytest-asyncio's message quoted from a changelog in a question is not a run that refused a marker.
    assert _first("The changelog says: mark.asyncio accepts only a keyword argument 'loop_scope'. Is there a codemod?\n")[1] \
        != ["LD007"]
    # A scope given by name keeps its name; a marker whose scope is not one gets no diff.
    from analyzer.fixes import rewrite_asyncio_marks
    assert "pytest.mark.asyncio(loop_scope=SCOPE)" in rewrite_asyncio_marks("import pytest\n\n@pytest.mark.asyncio(SCOPE)\n"
                                                                            "async def test_a():\n    pass\n")
    import pytest
    from analyzer.edits import EditError
    with pytest.raises(EditError):
        rewrite_asyncio_marks('import pytest\n\n@pytest.mark.asyncio("sesion")\nasync def test_a():\n    pass\n')
    # The latest release denied, asked about, or another library's; no tests caused to fail.
    for said in ("Upgrading to the latest release of pytest-asyncio fixed the regression, which broke nothing else.\n",
                 "Not a pytest-asyncio regression: the latest release is innocent, nothing broke.\n",
                 "Is the latest release of pytest-asyncio what broke our suite?\n",
                 "The new version of SQLAlchemy broke our suite; we use pytest-asyncio with it.\n",
                 "We moved to pytest-asyncio 0.23.5 and it caused none of the async tests to fail.\n"):
        assert _first(said)[1] != ["LD010"], said
    # A client made at import, with a server that is down, or praised, or a fake: not a loop crossing.
    code = ("```python\nimport httpx\nimport pytest\n\nclient = httpx.AsyncClient(base_url='http://localhost:1')\n\n"
            "@pytest.mark.asyncio\nasync def test_a():\n    await client.get('/')\n\n"
            "@pytest.mark.asyncio\nasync def test_b():\n    await client.get('/b')\n```\n")
    assert _first(code + "I get httpx.ConnectError: [Errno 111] Connection refused\n")[1] != ["LD003"]
    assert _first(code + "We share one client across all tests and it works great. Thanks!\n")[1] != ["LD003"]
    assert _first(code.replace("httpx.AsyncClient(", "FakeAsyncClient(") + "AssertionError: retries after a lost "
                  "connection error\n")[1] != ["LD003"]
    assert _first(code + "Every second test fails with httpx.RemoteProtocolError: connection closed\n")[1] == ["LD003"]
    # A question about something failing is not a question with nothing failing.
    for asked in ("How can I debug this? My async tests time out after a minute.\n",
                  "Question: my tests are flaky under xdist.\n", "Is there any way to find what leaks file descriptors?\n"):
        assert _first(asked)[0] != "no-failure", asked


def test_pytest_9s_header_naming_an_ignored_config_file_without_the_files():
    run = ("platform linux -- Python 3.11.7, pytest-9.0.1, pluggy-1.6.0\n"
           "configfile: pytest.ini (WARNING: ignoring pytest config in pyproject.toml!)\nplugins: asyncio-1.3.0\n"
           "asyncio: mode=Mode.STRICT, debug=False\ncollected 1 item\n\ntests/test_a.py F\n\n==== FAILURES ====\n"
           "____ test_a ____\nasync def functions are not natively supported.\n==== 1 failed in 0.05s ====\n")
    result = diagnose(run).to_dict()
    assert [f["code"] for f in result["findings"]] == ["LD006"]
    assert any("ignores the pytest config in pyproject.toml" in a for a in result["assumptions"])
    # A passing run's header is no caveat of a diagnosis.
    passing = run.replace("tests/test_a.py F", "tests/test_a.py .").split("==== FAILURES")[0] + "==== 1 passed in 0.05s ====\n"
    assert not any("ignores the pytest config" in a for a in diagnose(passing).to_dict()["assumptions"])


def test_objects_said_to_be_reused_across_loops():
    paste = ('Regression: pooled grpc.aio channels are reused across event loops ("attached to a different loop")\n\n'
             "A later request that runs on loop B takes that pooled channel and fails.\n")
    assert _first(paste) == ("loop-mismatch", ["LD003"])
    assert _first(paste.replace("are reused across event loops", "fail"))[1] != ["LD003"]


def test_the_readings_hold_back_where_a_second_review_found_them_misfiring():
    def run(error):
        return (f"platform linux -- Python 3.11.7, pytest-8.4.2\nplugins: asyncio-0.23.8\ncollected 1 item\n\n"
                f"tests/test_a.py F\n\n==== FAILURES ====\n____ test_a ____\nE   {error}\n\ntests/test_a.py:3: "
                f"{error.split(':')[0]}\n==== 1 failed in 0.1s ====\n")
    # A sentence about the suite's event_loop fixture, or the latest release, beside a run's ordinary error.
    for said in ("We define our own event_loop fixture in conftest.py.\n",
                 "The latest version of pytest-asyncio broke our tests.\n"):
        assert _first(said + run("KeyError: 'DB_URL'"))[1] == ["LD011"], said
    for denied in ("I have never defined an event_loop fixture, yet the tests fail.\n",
                   "Should we define an event_loop fixture?\n"):
        assert _first(denied)[1] != ["LD005"], denied
    # A module-level client beside errors that only share a word with a lost connection.
    code = ("```python\nimport httpx\nimport pytest\n\nclient = httpx.AsyncClient(base_url='http://x')\n\n"
            "@pytest.mark.asyncio\nasync def test_a():\n    await client.get('/')\n\n"
            "@pytest.mark.asyncio\nasync def test_b():\n    await client.get('/b')\n```\n")
    for error in ("KeyError: 'task'", "ValueError: future date not allowed", "AssertionError: assert 'closed' == 'open'"):
        assert _first(code + run(error))[1] != ["LD003"], error
    assert _first(code.replace("httpx.AsyncClient(", "AsyncFakeClient(") + run(
        "httpx.RemoteProtocolError: connection closed"))[1] != ["LD003"]
    # The latest release praised, another library's, or a claim denied by a contraction.
    for said in ("Latest release of pytest-asyncio broke nothing for us, thanks!\n",
                 "The latest version of anyio, used by pytest-asyncio here, broke the suite.\n",
                 "We moved to pytest-asyncio 0.23.5 and it hasn't caused any of our tests to fail.\n"):
        assert _first(said)[1] != ["LD010"], said
    # A header line wrapped or cut does not break the reading; an asyncio task's own error is no plain one.
    wrapped = run("RuntimeError: Task <Task pending> got Future <Future pending> attached to a different loop").replace(
        "plugins:", "configfile: pytest.ini (WARNING: ignoring pytest config in pyproject.toml,\n tox.ini!)\nplugins:")
    assert diagnose(wrapped).internal_errors == []
    assert _first(run("RuntimeError: Cannot enter into task <Task pending> while another task <Task pending> is "
                      "being executed."))[1] != ["LD011"]
    # Questions about skipped tests or a warning tell of something going wrong.
    for asked in ("How do I make pytest-asyncio run my async tests? pytest says they were skipped.\n",
                  "How can I avoid the DeprecationWarning about event_loop?\n"):
        assert _first(asked)[0] != "no-failure", asked


def test_the_ignored_config_and_marker_edits_where_a_second_review_found_them_wrong():
    import pytest
    from analyzer.edits import EditError
    from analyzer.fixes import rewrite_asyncio_marks
    for marker in ('scope="sesion"', "*args", "**opts"):
        with pytest.raises(EditError):
            rewrite_asyncio_marks(f"import pytest\n\n@pytest.mark.asyncio({marker})\nasync def test_a():\n    pass\n")
    with pytest.raises(EditError):   # (a lone surrogate: no crash, no diff)
        rewrite_asyncio_marks("x = '\ud800'\n")
    crossing = ("platform linux -- Python 3.11.7, pytest-8.4.2\nplugins: asyncio-0.25.3\ncollected 2 items\n\n"
                "tests/test_a.py .F\n\n==== FAILURES ====\n____ test_b ____\nE   RuntimeError: Task <Task pending> got "
                "Future <Future pending> attached to a different loop\n==== 1 failed, 1 passed in 0.1s ====\n")
    files = [("pytest.ini", "[pytest]\naddopts = -ra\n"),
             ("pyproject.toml", "[tool.pytest.ini_options]\nasyncio_default_fixture_loop_scope = \"session\"\n")]
    finding = diagnose(crossing, files=files).to_dict()["findings"][0]
    assert finding["code"] == "LD007" and "+asyncio_default_fixture_loop_scope = function" in finding["fixes"][0]["diff"]
    # An active file pytest cannot parse, or a passing run under the header's warning, is no such diagnosis.
    broken = [("pytest.ini", "[pytest\naddopts = -ra\n"), files[1]]
    assert "ignores the pytest config" not in " ".join(f["summary"] for f in diagnose(crossing, files=broken).to_dict()["findings"])
    passing = ("platform linux -- Python 3.11.7, pytest-9.0.1\nconfigfile: pytest.ini (WARNING: ignoring pytest config "
               "in pyproject.toml!)\nplugins: asyncio-1.3.0\ncollected 1 item\n\ntests/test_a.py .\n\n==== 1 passed in 0.1s ====\n")
    assert diagnose(passing, files=[files[0], ("pyproject.toml", "[tool.pytest.ini_options]\nasyncio_mode = \"auto\"\n")]
                    ).to_dict()["verdict"] == "no-failure"


def test_a_short_summary_message_wrapped_onto_indented_lines_reads_whole():
    paste = ("FAILED test_idiom.py::TestOld::test_old - RuntimeError: There is no current\n"
             "                                    event loop in thread 'MainThread'.\n1 failed, 1 passed\n")
    [outcome] = [o for o in parse(normalise(paste)).outcomes if o.outcome == "failed"]
    assert outcome.message == "RuntimeError: There is no current event loop in thread 'MainThread'."
    # A line that is not indented deeply is not part of the message.
    assert parse(normalise(paste.replace(" " * 36, "  "))).outcomes[0].message.endswith("no current")


def test_unittest_never_awaiting_a_wrapped_test_method_is_no_missing_plugin():
    paste = ("Running it with pytest + pytest.asyncio reports that `test_bla` was never awaited\n```\n/usr/lib/python3.11/"
             "unittest/async_case.py:90: RuntimeWarning: coroutine 'TestBla.test_bla' was never awaited\n"
             "  if self._callMaybeAsync(method) is not None:\n```\n")
    result = diagnose(paste).to_dict()
    assert _first(paste) == ("not-loop-related", ["LD011"])
    assert "sync decorator" in result["findings"][0]["summary"]


MOCKED_SOCKET = ("```\n@pytest.mark.asyncio\nasync def test_mocked(mocker):\n    mocker.patch('socket.socket', wraps=Fake)\n"
                 "```\n\n```\n==== ERRORS ====\n____ ERROR at teardown of test_mocked ____\n\n"
                 "    def _provide_clean_event_loop() -> None:\n        loop = asyncio.new_event_loop()\n"
                 "E   TypeError: Fake() takes no arguments\n\n"
                 ".venv/lib/python3.11/site-packages/pytest_asyncio/plugin.py:820: TypeError\n"
                 "==== 1 passed, 1 error in 0.1s ====\n```\n")


def test_a_mock_of_what_loops_are_built_on_is_no_loop_mismatch():
    assert _first(MOCKED_SOCKET) == ("not-loop-related", ["LD011"])
    # "interfering with pytest-asyncio" names no second async plugin.
    assert _first(MOCKED_SOCKET.replace("```\n@pytest", "Mocked socket interfering with pytest-asyncio's teardown\n"
                                        "```\n@pytest")) == ("not-loop-related", ["LD011"])
    # Words of a mocked clock count beside a stalled loop; the same stall without a mock is no such reading.
    stalled = ("Test freezes in CI\n```\n>               self._run_once()\n\n/usr/lib/python3.11/asyncio/base_events.py:604:"
               " \n```\nCan we make mocking the monotonic clock optional?\n")
    assert "monotonic clock" in _top(stalled)["summary"]
    assert "monotonic clock" not in str(diagnose(stalled.replace("mocking the monotonic clock", "it")).to_dict())


def test_a_proposal_that_quotes_an_override_is_no_failure():
    proposal = ("Testing with different event loops\n\nThe recommended approach is to override the `event_loop` fixture, "
                "which works fine.\n\n```python\n@pytest.fixture(autouse=True)\ndef event_loop(request):\n"
                "    loop = asyncio.ProactorEventLoop()\n    yield loop\n    loop.close()\n```\n\nI see two solutions:\n"
                "- read the policy from conftest.py\n")
    result = diagnose(proposal).to_dict()
    assert result["verdict"] == "no-failure" and not result["findings"]
    assert any("event_loop" in note for note in result["notes"])
    # The same code beside a failure is diagnosed.
    assert _first(proposal + "\nIt fails with RuntimeError: Event loop is closed\n")[0] != "no-failure"


def test_tasks_and_clients_left_open_after_a_passing_run_are_unclosed_resources():
    passing = ("platform linux -- Python 3.9.0, pytest-6.1.1\nplugins: asyncio-0.14.0\ncollected 2 items\n\n"
               "tests/test_ws.py ..\n\n==== 2 passed in 2.30s ====\nTask was destroyed but it is pending!\n"
               "task: <Task pending name='Task-11' coro=<Server.handler() done>>\n")
    assert _first(passing) == ("loop-mismatch", ["LD008"])
    # Printed before the closing line of a passing run, the same log is a warning of the run, not its failure.
    before = passing.replace("==== 2 passed in 2.30s ====\n", "") + "==== 2 passed in 2.30s ====\n"
    assert _first(before)[0] == "no-failure"
    # asyncio's log of a client class left open.
    assert _first("In my project this error log shows up:\n```\nERROR    asyncio :: Unclosed AIOKafkaProducer\n"
                  "producer: <TestProducer object at 0x1073ee620>\n```\n") == ("loop-mismatch", ["LD008"])


def test_python_3_14_deprecations_are_read_by_who_makes_the_call():
    plugin = ("==== warnings summary ====\ntests/test_a.py::test_a\n  /venv/lib/python3.14/site-packages/pytest_asyncio/"
              "plugin.py:567: DeprecationWarning: 'asyncio.iscoroutinefunction' is deprecated and slated for removal "
              "in Python 3.16; use inspect.iscoroutinefunction() instead\n    if asyncio.iscoroutinefunction(func):\n\n"
              "==== 1 passed, 1 warning in 0.1s ====\n")
    finding = _top(plugin)
    assert finding["code"] == "LD010" and finding["confidence"] == "medium"
    assert finding["fixes"][0]["requires"] == "pytest-asyncio>=0.25"
    # A release that no longer makes the call is not blamed.
    header = "platform linux -- Python 3.14.0, pytest-8.4.2\nplugins: asyncio-1.2.0\n\n"
    assert not diagnose(header + plugin).to_dict()["findings"]
    policy = "Running 0.25.0 yields\n```\nDeprecationWarning: 'asyncio.get_event_loop_policy' is deprecated\n```\n"
    finding = _top(policy)
    assert (finding["code"], finding["confidence"]) == ("LD010", "low")
    assert finding["fixes"][0]["requires"] == "pytest-asyncio>=1.0"
    other = ("____ test_spy ____\n\n    def test_spy(mocker):\n>       mocker.spy(Project, '_run')\n\ntests/test_p.py:168: \n"
             "_ _ _ _\n/usr/lib/python3.14/site-packages/pytest_mock/plugin.py:199: in spy\n"
             "    if asyncio.iscoroutinefunction(method):\n/usr/lib64/python3.14/asyncio/coroutines.py:23: in "
             "iscoroutinefunction\n    warnings._deprecated(\"asyncio.iscoroutinefunction\",\n")
    result = diagnose(other).to_dict()
    assert result["verdict"] == "not-loop-related" and "pytest_mock calls" in result["findings"][0]["summary"]


def test_an_asyncio_marker_on_a_fixture_is_removed_from_the_fixture_only():
    import pytest
    from analyzer.edits import EditError
    from analyzer.fixes import drop_asyncio_marks_on_fixtures
    code = ("import pytest\n\n@pytest.mark.asyncio(scope=\"function\")\n@pytest.fixture\ndef app():\n    return 1\n\n\n"
            "@pytest.fixture\n@pytest.mark.asyncio\nasync def db():\n    yield 2\n\n\n"
            "@pytest.mark.asyncio\nasync def test_a(app, db):\n    pass\n")
    after = drop_asyncio_marks_on_fixtures(code)
    assert after.count("@pytest.mark.asyncio") == 1 and "async def test_a" in after.split("@pytest.mark.asyncio")[1]
    assert "noqa" not in drop_asyncio_marks_on_fixtures(code.replace("(scope=\"function\")", "  # noqa"))
    with pytest.raises(EditError):   # a file that does not parse gets no diff
        drop_asyncio_marks_on_fixtures("import pytest\n\n@pytest.mark.asyncio\n@pytest.fixture\ndef app(:\n    pass\n")
    said = ("Removed incorrectly applied `@pytest.mark.asyncio(scope=\"function\")` decorator from the fixture:\n```\n"
            "pytest.PytestRemovedIn9Warning: Marks applied to fixtures have no effect\n```\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD007"])
    # Another mark on a fixture is pytest's matter, not pytest-asyncio's.
    assert _first(said.replace("@pytest.mark.asyncio(scope=\"function\")", "@pytest.mark.slow"))[1] != ["LD007"]


def test_a_lingering_task_failure_and_a_plugin_said_not_to_be_a_dependency():
    assert _first("Test reports `FAILED tests/components/x/test_flow.py::test_zeroconf - Failed: Lingering task`.\n") \
        == ("loop-mismatch", ["LD008"])
    said = ("chore: remove asyncio_mode from pytest config\n\npytest-asyncio is not a test dependency and asyncio_mode "
            "has no effect here, causing a PytestConfigWarning on every test run.\n")
    result = diagnose(said).to_dict()
    assert _first(said) == ("asyncio-misconfiguration", ["LD009"])
    assert any("drop the asyncio_* options" in f["title"] for f in result["findings"][0]["fixes"])


def test_objects_carried_from_one_loop_to_another_outside_pytest():
    script = ("```python\nimport asyncio\nfrom psycopg_pool import AsyncConnectionPool\n\n\nclass Foo:\n"
              "    def __init__(self):\n        self.pool = AsyncConnectionPool(conninfo='')\n\n\n"
              "async def create_foo():\n    return Foo()\n\n\nfoo = asyncio.run(create_foo())\n"
              "asyncio.run(foo.some_func())\n```\n\nWill produce this:\n```\n    raise PoolTimeout(\n"
              "psycopg_pool.PoolTimeout: couldn't get a connection after 30.00 sec\n```\n")
    finding = _top(script)
    assert finding["code"] == "LD003" and "foo is made inside one asyncio.run()" in finding["summary"]
    # One run only: nothing crosses.
    assert "asyncio.run()" not in str(diagnose(script.replace("asyncio.run(foo.some_func())", "print(foo)")).to_dict())
    primitive = ("Traceback (most recent call last):\n  File \"bot.py\", line 13, in <module>\n    dp.run_polling(bot)\n"
                 "  File \"C:\\Python395\\lib\\asyncio\\runners.py\", line 44, in run\n    return loop.run_until_complete(main)\n"
                 "  File \"C:\\Python395\\lib\\asyncio\\locks.py\", line 226, in wait\n    await fut\n"
                 "RuntimeError: Task <Task pending name='Task-3' coro=<Event.wait() running at locks.py:226>> got "
                 "Future <Future pending> attached to a different loop\n")
    finding = _top(primitive)
    assert finding["code"] == "LD003" and "asyncio primitive" in finding["summary"]
    cached = ("When running two tests that both use the retriever, the second test fails because the cached "
              "`Retriever._class_session` is used with a now-shutdown event loop.\n")
    assert _first(cached) == ("loop-mismatch", ["LD003"])


SUGAR = ("Test session starts (platform: darwin, Python 3.7.3, pytest 5.4.1, pytest-sugar 0.9.3)\nrootdir: /src/app\n"
         "plugins: aresponses-2.0.0, sugar-0.9.3, aiohttp-0.3.0, asyncio-0.14.0\ncollecting ... \n\n"
         "――――――――――――――――――――――――――――――――― test_get_system ―――――――――――――――――――――――――――――――――\n\n"
         "aresponses = <aresponses.main.ResponsesMockServer object at 0x10745a978>\n\n"
         "    async def test_get_system(aresponses, uplink):\n>       result = await uplink.get_system(123)\n\n"
         "tests/test_uplink.py:30: \n")


def test_pytest_sugar_output_and_an_old_pytest_aiohttp_beside_pytest_asyncio():
    facts = parse(normalise(SUGAR))
    assert facts.header.pytest_version.value == "5.4.1" and facts.header.python_version.value == "3.7.3"
    assert [(s.kind, s.test) for s in facts.sections] == [("failure", "test_get_system")]
    finding = _top(SUGAR)
    assert finding["code"] == "LD004" and "pytest-aiohttp 0.3.0" in finding["summary"]
    # pytest-aiohttp 1.0 runs on pytest-asyncio's loop: no second plugin.
    assert "Two async plugins" not in str(diagnose(SUGAR.replace("aiohttp-0.3.0", "aiohttp-1.0.5")).to_dict())
    # A runner hook's name alone is not pytest-asyncio's code where the header shows the plugin missing.
    hook = SUGAR.replace(", asyncio-0.14.0", "").split("aresponses = <")[0] + (
        "pyfuncitem = <Function test_service_exists[pyloop]>\n\n    def pytest_pyfunc_call(pyfuncitem):\n"
        "        fast = pyfuncitem.config.getoption('--aiohttp-fast')\n")
    assert "LD010" not in str(diagnose(hook).to_dict()["findings"])
    assert "LD010" in str(diagnose(hook.replace("aiohttp-0.3.0", "asyncio-0.14.0")).to_dict()["findings"])


def test_httpx_without_the_app_argument_is_no_loop_problem():
    said = ("# Issue 1 - Getting the `AsyncClient.__init__() got an unexpected keyword argument 'app'` error when "
            "running `pytest`\n")
    result = diagnose(said).to_dict()
    assert _first(said) == ("not-loop-related", ["LD011"]) and "ASGITransport" in str(result["findings"][0]["fixes"])


def test_leftover_work_said_in_words_and_legacy_mode_naming_a_fixture():
    assert _first("There are a large number of `Event loop is closed` errors when you run test_batch.py. This is most "
                  "likely because some of the tests are not cleaning up by cancelling their running tasks.\n") \
        == ("loop-mismatch", ["LD008"])
    assert _first("My unit tests have been hanging forever after the tests successfully run since I updated aiosqlite; "
                  "I see warnings coming from aiosqlite/core.py raising a RuntimeError saying that \"Event loop is "
                  "closed\".\n") == ("loop-mismatch", ["LD008"])
    legacy = ("```\nDeprecationWarning: '@pytest.fixture' is applied to <fixture members, file=/src/tests/test_a.py, "
              "line=45> in 'legacy' mode, please replace it with '@pytest_asyncio.fixture' as a preparation for "
              "switching to 'strict' mode (or use 'auto' mode to seamlessly handle all these fixtures as "
              "asyncio-driven).\n```\n")
    result = diagnose(legacy).to_dict()
    assert _first(legacy) == ("asyncio-misconfiguration", ["LD006"]) and "members" in result["findings"][0]["summary"]
    # Beside the warning about the unset mode, the unset mode is the finding.
    mode = ("DeprecationWarning: The 'asyncio_mode' default value will change to 'strict' in future, please explicitly "
            "use 'asyncio_mode=strict' or 'asyncio_mode=auto' in pytest configuration file.\n")
    assert _first(mode + legacy)[1] == ["LD007"]


def test_a_deprecated_call_raised_in_a_traceback_is_placed_by_its_innermost_package_frame():
    def raised(frames):
        return ("platform linux -- Python 3.14.0, pytest-8.4.2\nplugins: asyncio-0.26.0\ncollected 1 item\n\n"
                "==== ERRORS ====\n____ ERROR at setup of test_a ____\n" + "".join(
                    f"{f}:10: in call\n    x()\n" for f in frames)
                + "E   DeprecationWarning: 'asyncio.get_event_loop_policy' is deprecated and slated for removal in "
                  "Python 3.16\n==== 1 error in 0.1s ====\n")
    runner = "/venv/lib/python3.14/site-packages/_pytest/runner.py"
    plugin = "/venv/lib/python3.14/site-packages/pytest_asyncio/plugin.py"
    other = "/venv/lib/python3.14/site-packages/aiocache/base.py"
    finding = diagnose(raised([runner, plugin, "/usr/lib/python3.14/asyncio/events.py"])).to_dict()["findings"][0]
    assert finding["code"] == "LD010" and "raised from pytest-asyncio's own files" in finding["summary"]
    assert "aiocache calls" in diagnose(raised([runner, plugin, other])).to_dict()["findings"][0]["summary"]
    # pytest's own frames run the call, they do not make it.
    assert "_pytest calls" not in str(diagnose(raised([runner, "tests/test_a.py"])).to_dict())


def test_a_library_finaliser_at_fault_is_no_loop_problem():
    collected = ("```\ntests/foo/test_foo_bar.py ...                                    [100%]\n"
                 "C:\\venv\\Lib\\site-packages\\pkg_resources\\_vendor\\packaging\\version.py:490:\n"
                 "RuntimeWarning: coroutine 'Connection.disconnect' was never awaited\n"
                 "  reversed(list(itertools.dropwhile(lambda x: x == 0, reversed(release))))\n```\n")
    finding = _top(collected)
    assert finding["code"] == "LD011" and "(version.py)" in finding["summary"]
    # The suite's own line calling close() without await is the suite's resource left open.
    own = ("tests/test_bot.py::test_a\n  tests/test_bot.py:22: RuntimeWarning: coroutine 'ClientSession.close' was "
           "never awaited\n    bot.session.close()\n")
    assert _first(own) == ("loop-mismatch", ["LD008"])
    finaliser = ("  /venv/lib/python3.9/site-packages/_pytest/unraisableexception.py:78: PytestUnraisableExceptionWarning: "
                 "Exception ignored in: <function Redis.__del__ at 0x17c0919d0>\n\n  Traceback (most recent call last):\n"
                 "    File \"/venv/lib/python3.9/site-packages/redis/asyncio/client.py\", line 458, in __del__\n"
                 "      if self.connection is not None:\n"
                 "  AttributeError: 'RedisCache' object has no attribute 'connection'\n")
    assert "Redis.__del__ raised AttributeError" in _top(finaliser)["summary"]
    closed = finaliser.replace("AttributeError: 'RedisCache' object has no attribute 'connection'",
                               "RuntimeError: Event loop is closed")
    assert _first(closed)[1] == ["LD008"]


def test_a_traceback_pasted_without_its_header_and_a_hang_blamed_on_the_test_client():
    headless = (" result = await llm(\n  File \"/src/core/llms/openai_wrapper.py\", line 24, in openai_llm\n"
                "    await semaphore.acquire()\n  File \"/envs/lib/python3.9/asyncio/locks.py\", line 417, in acquire\n"
                "    await fut\nRuntimeError: Task <Task pending name='Task-3' coro=<main() running at /src/core/x.py:203>>"
                " got Future <Future pending> attached to a different loop\n")
    [section] = parse(normalise(headless)).sections
    assert section.headless and [e.type for e in section.exceptions] == ["RuntimeError"]
    assert len(section.frames) == 2
    assert _first(headless) == ("loop-mismatch", ["LD003"])
    hang = ("WebSocket integration tests hang due to TestClient async broadcast incompatibility\n\nAll 30 tests in "
            "tests/ui/test_websocket_integration.py hang indefinitely when trying to test WebSocket broadcasts.\n")
    assert _first(hang) == ("loop-mismatch", ["LD004"])
    assert _first(hang.replace("TestClient ", "")) != ("loop-mismatch", ["LD004"])


def test_a_cached_loop_asyncpg_cancel_and_a_feature_request_template():
    cached = ("aioboto3 caches the loop and won't allow to use a new one even if the cached loop is closed\n\nPytest "
              "uses many event loops. The first "
              "test creates the global DEFAULT_SESSION but subsequent tests fail as they always refer to the loop of the "
              "DEFAULT_SESSION which is closed.\n")
    assert _first(cached) == ("loop-mismatch", ["LD003"])
    assert _first("Title\n\nRuntimeWarning: coroutine 'Connection._cancel' was never awaited\n") \
        == ("loop-mismatch", ["LD008"])
    template = ("TestClient is not triggering on_startup events\n\n### Is your feature related to a problem? Please "
                "describe.\n\nI expect on_startup events to be triggered.\n\n## Describe the solution you would like.\n\n"
                "```\nwith TestClient(app) as client:\n    client.get('/')\n```\n")
    assert _first(template)[0] == "no-failure"
    assert _first(template + "\nIt fails with RuntimeError: Event loop is closed\n")[0] != "no-failure"


def test_deprecations_and_finalisers_judged_by_who_made_the_call_and_beside_loop_errors():
    own = ("platform linux -- Python 3.14.0, pytest-8.4.1\nplugins: asyncio-0.24.0\ncollected 3 items\n\n"
           "tests/test_util.py ...\n\n==== warnings summary ====\ntests/test_util.py::test_a\n"
           "  /venv/lib/python3.14/site-packages/aiohttp/web.py:12: DeprecationWarning: 'enable_cleanup_closed' ignored\n"
           "  /home/me/proj/myproj/util.py:12: DeprecationWarning: 'asyncio.iscoroutinefunction' is deprecated and "
           "slated for removal in Python 3.16\n\n==== 3 passed, 2 warnings in 0.05s ====\n")
    # The suite's own call on a passing run: no plugin blamed, no library named, nothing failed.
    assert _first(own) == ("no-failure", [])
    failing = own.replace("tests/test_util.py ...", "tests/test_util.py ..F").replace("3 passed", "1 failed, 2 passed")
    summary = _top(failing)["summary"] if diagnose(failing).to_dict()["findings"] else ""
    assert "aiohttp calls" not in summary and "LD010" not in str(diagnose(failing).to_dict()["findings"])
    # A never-awaited close() beside a loop error that the loop readings explain leaves them the answer.
    crossing = ("platform linux -- Python 3.11.7, pytest-8.4.2\nplugins: asyncio-0.25.3\ncollected 2 items\n\n"
                "tests/test_a.py .F\n\n==== FAILURES ====\n____ test_b ____\nE   RuntimeError: Task <Task pending> got "
                "Future <Future pending> attached to a different loop\n==== warnings summary ====\ntests/test_a.py::test_b\n"
                "  /venv/lib/python3.11/site-packages/_pytest/python.py:159: RuntimeWarning: coroutine "
                "'ClientSession.close' was never awaited\n    result = testfunction(**testargs)\n\n"
                "==== 1 failed, 1 passed, 1 warning in 0.1s ====\n")
    assert _first(crossing)[0] == "loop-mismatch"


def test_the_review_of_this_session_s_readings():
    # A proposal that tells of a loop error is a failure to diagnose.
    told = ("Upgrading from 0.21, which works fine, to 0.23: the second test says 'Event loop is closed'.\n\n"
            "```python\n@pytest.fixture(scope='session')\nasync def db():\n    yield 1\n```\n")
    assert _first(told)[0] != "no-failure"
    # Data handed from one asyncio.run() to the next, failing with an error of its own, is no loop-bound object.
    data = ("```python\nimport asyncio\n\ndata = asyncio.run(fetch_all(urls))\nasyncio.run(store(data))\n```\n"
            "Traceback (most recent call last):\n  File \"main.py\", line 4, in <module>\nKeyError: 'id'\n")
    assert _first(data)[1] != ["LD003"]
    # A test suite's queue met on another loop is the fixtures' matter, not a program's primitive.
    suite = ("```python\n@pytest.fixture(scope='session')\ndef queue():\n    return asyncio.Queue()\n```\n"
             "Traceback (most recent call last):\n  File \"/usr/lib/python3.11/asyncio/queues.py\", line 158, in get\n"
             "    await getter\nRuntimeError: Task <Task pending> got Future <Future pending> attached to a different loop\n")
    assert "asyncio primitive waits" not in str(diagnose(suite).to_dict())
    # Another mark on a fixture, beside an asyncio marker elsewhere in the run, is pytest's matter.
    other_mark = ("    @pytest.mark.asyncio\n    async def test_get(client):\n>       r = await client.get('/items')\n\n"
                  "==== warnings summary ====\ntests/conftest.py:20\n  /p/tests/conftest.py:20: PytestRemovedIn9Warning: "
                  "Marks applied to fixtures have no effect\n  See docs: https://docs.pytest.org/en/stable/deprecations.html\n"
                  "    @pytest.mark.usefixtures(\"db\")\n")
    assert "LD007" not in str(diagnose(other_mark).to_dict()["findings"])
    # Prose after pytest's closing line that quotes an unclosed-session warning is no log of one.
    prose = ("tests/test_a.py ..\n\n==== 2 passed in 0.1s ====\n\nAfter the fix, the 'Unclosed client session' "
             "warnings are gone.\n")
    assert _first(prose)[0] == "no-failure"
    # An old pytest-aiohttp beside pytest-asyncio does not make a sync test's assertion a loop problem.
    sync = ("platform linux -- Python 3.11.7, pytest-7.4.4\nrootdir: /p\nplugins: aiohttp-0.3.0, asyncio-0.21.2\n"
            "asyncio: mode=Mode.AUTO\ncollected 1 item\n\ntests/test_a.py F\n\n==== FAILURES ====\n____ test_sum ____\n\n"
            "    def test_sum():\n>       assert 1 + 2 == 4\nE       assert 3 == 4\n\ntests/test_a.py:2: AssertionError\n"
            "==== 1 failed in 0.1s ====\n")
    assert _first(sync)[0] != "loop-mismatch"
    # Lines are counted as ast counts them: a form feed does not shift the edit onto @pytest.fixture.
    from analyzer.fixes import drop_asyncio_marks_on_fixtures
    code = "import pytest\n\x0c\n@pytest.fixture\n@pytest.mark.asyncio\nasync def client():\n    return 1\n"
    assert drop_asyncio_marks_on_fixtures(code) == "import pytest\n\x0c\n@pytest.fixture\nasync def client():\n    return 1\n"
    assert "@pytest.fixture" in drop_asyncio_marks_on_fixtures(code.replace("\x0c", "# \u2028"))


def test_short_patch_descriptions_of_strict_mode_and_a_refused_override():
    assert _first("Cannot override event loop in `pytest-asyncio 0.23.0+`. See the 0.23 issues.\n") \
        == ("loop-mismatch", ["LD005"])
    assert _first("Cannot override event loop in pytest-asyncio 0.23.0+?\n")[1] != ["LD005"]
    assert _first("fix async tests\n\nI ran the tests and saw that a lot of them were being skipped as they were "
                  "marked as async.\nJust added the markers\n") == ("asyncio-misconfiguration", ["LD006"])
    assert _first("My understanding is that all of the coroutine functions decorated with `@pytest.fixture` are being "
                  "skipped because pytest-asyncio is running in strict mode.\n") == ("asyncio-misconfiguration", ["LD006"])


def test_pytest_tornasync_beside_pytest_asyncio_in_auto_mode_is_two_plugins():
    run = ("platform linux -- Python 3.12.5, pytest-8.3.2\nrootdir: /src\nplugins: asyncio-0.20.3, tornasync-0.6.0\n"
           "asyncio: mode=Mode.AUTO\ncollected 1 item\n\ntests/test_a.py F\n\n==== FAILURES ====\n____ test_a ____\n\n"
           "    async def test_a(client):\n>       await client.get('/')\nE       RuntimeError: Task <Task pending> got "
           "Future <Future pending> attached to a different loop\n==== 1 failed in 0.1s ====\n")
    finding = _top(run)
    assert finding["code"] == "LD004" and "pytest-tornasync 0.6.0" in finding["summary"]
    # Strict mode leaves unmarked tests to the other plugin alone.
    assert "pytest-tornasync" not in str(diagnose(run.replace("Mode.AUTO", "Mode.STRICT")).to_dict())


def test_the_second_review_of_this_session_s_changes():
    run = ("platform linux -- Python 3.11.7, pytest-8.4.2, pluggy-1.6.0\nconfigfile: pytest.ini\nplugins: asyncio-0.23.8\n"
           "asyncio: mode=Mode.STRICT\ncollected 1 item\n\ntests/test_a.py F\n\n==== FAILURES ====\n____ test_a ____\n"
           "async def functions are not natively supported.\n==== 1 failed in 0.05s ====\n")
    # A config file is edited with its lines numbered as they were read: a \u2028 in a value moves nothing.
    toml = ('[project]\nname = "demo"\ndescription = "Fast\u2028 API demo"\n\n[tool.pytest.ini_options]\n'
            'asyncio_mode = "strict"\ntestpaths = ["tests"]\n')
    diff = diagnose(run.replace("pytest.ini", "pyproject.toml"), files=[("pyproject.toml", toml)]
                    ).to_dict()["findings"][0]["fixes"][0]["diff"]
    assert '-asyncio_mode = "strict"\n+asyncio_mode = "auto"\n testpaths = ["tests"]\n' in diff
    # A Python edit counts lines as ast does: the collection hook's import lands after the docstring.
    from analyzer.fixes import add_collection_hook
    hooked = add_collection_hook('"""A\u2028B\u2028C."""\n', "loop_scope", "session")
    assert hooked.index('"""', 3) < hooked.index("from pytest_asyncio import is_async_test")
    # A deprecation warning beside another failure is no answer to it.
    beside = ("platform linux -- Python 3.14.0, pytest-8.4.2\nplugins: asyncio-0.24.0\ncollected 2 items\n\n"
              "tests/test_a.py .F\n\n==== FAILURES ====\n____ test_b ____\nE   RuntimeError: Event loop is closed\n"
              "==== warnings summary ====\ntests/test_a.py::test_b\n  /venv/lib/python3.14/site-packages/fastapi/routing.py:9:"
              " DeprecationWarning: 'asyncio.iscoroutinefunction' is deprecated and slated for removal in Python 3.16\n\n"
              "==== 1 failed, 1 passed, 1 warning in 0.1s ====\n")
    assert "iscoroutinefunction" not in " ".join(f["summary"] for f in diagnose(beside).to_dict()["findings"])
    # A report's words about a leak after pytest's closing line do not crash the reading.
    said = ("plugins: asyncio-0.24.0\ncollected 2 items\n\ntests/test_db.py .F\n\n==== 1 failed, 1 passed in 0.31s ====\n\n"
            "The second test fails because the pool leaks connections: they are never closed between tests.\n")
    assert _first(said) == ("loop-mismatch", ["LD008"])
    # A headless traceback ends with its error: a later paragraph's error is not its.
    headless = ("  File \"/src/conftest.py\", line 3, in db\n    connect()\nTypeError: bad\n\nLater I also saw\n"
                "RuntimeError: something else\n")
    assert [[e.type for e in s.exceptions] for s in parse(normalise(headless)).sections] == [["TypeError"]]


def test_a_conftest_that_does_not_parse_costs_no_finding():
    paste = ("platform linux -- Python 3.11.7, pytest-7.4.4\nplugins: asyncio-0.21.2\ncollected 2 items\n\n"
             "tests/test_a.py .F\n\n==== FAILURES ====\n____ test_b ____\nE   RuntimeError: Task <Task pending> got "
             "Future <Future pending> attached to a different loop\n==== 1 failed, 1 passed in 0.1s ====\n")
    files = [("conftest.py", "x = " + "(" * 5000), ("app.py", "import redis.asyncio as redis\nclient = redis.Redis()\n"),
             ("tests/test_a.py", "from app import client\nimport pytest\n\n\n@pytest.mark.asyncio\nasync def test_a():\n"
                                 "    await client.get('a')\n\n\n@pytest.mark.asyncio\nasync def test_b():\n"
                                 "    await client.get('b')\n")]
    result = diagnose(paste, files=files)
    assert not result.internal_errors and result.findings[0].code == "LD003"


def test_a_network_guard_that_blocks_the_loop_s_self_pipe_on_windows_is_no_loop_mismatch():
    guard = ("`--block-network` makes the whole test suite unrunnable on Windows\n\n```\n"
             "asyncio/proactor_events.py:781 -> self._make_self_pipe()\n"
             "asyncio/proactor_events.py:635 -> self._ssock, self._csock = socket.socketpair()\n"
             "socket.py:629 (in _fallback_socketpair) -> csock.connect((addr, port))\n"
             "pytest_recording/network.py:124 -> raise RuntimeError(\"Network is disabled\")\n```\n")
    result = diagnose(guard).to_dict()
    assert result["verdict"] == "not-loop-related" and "--allow-hosts" in str(result["findings"][0]["fixes"])
    # The guard named without the loop's machinery failing is no such reading.
    assert "network guard" not in str(diagnose("We run the suite with --block-network on CI.\n").to_dict())


def test_a_function_fixture_default_is_not_named_as_the_wider_loop():
    run = ("platform linux -- Python 3.12.3, pytest-8.3.5\nrootdir: /p\nplugins: asyncio-0.24.0\n"
           "asyncio: mode=Mode.STRICT, default_loop_scope=function\ncollected 2 items\n\ntests/test_db.py F.\n\n"
           "==== FAILURES ====\n____ test_query ____\nE       RuntimeError: Task <Task pending name='Task-3'> got Future "
           "<Future pending> attached to a different loop\n==== 1 failed, 1 passed in 0.10s ====\n")
    summary = _top(run)["summary"]
    assert "runs on the function event loop" not in summary and "a loop_scope= of its own" in summary


def test_the_event_loop_deprecation_beside_failures_of_another_error_is_not_what_failed():
    warning = ("  .venv/lib/python3.12/site-packages/pytest_asyncio/plugin.py:687: DeprecationWarning: The event_loop "
               "fixture provided by pytest-asyncio has been redefined in\n  tests/conftest.py:12\n")
    run = ("platform linux -- Python 3.12.12, pytest-8.3.5, pluggy-1.5.0\nplugins: asyncio-0.23.8, anyio-4.9.0\n"
           "collected 2 items\n\ntests/test_auth.py EE                                              [100%]\n\n"
           "==================================== ERRORS ====================================\n"
           "______________________ ERROR at setup of test_login ______________________\n\n"
           ">       async with AsyncClient(app=app, base_url=\"http://test\") as ac:\n"
           "E       TypeError: AsyncClient.__init__() got an unexpected keyword argument 'app'\n\n"
           "tests/conftest.py:25: TypeError\n=============================== warnings summary ===============================\n"
           f"{warning}\n=========================== short test summary info ============================\n"
           "ERROR tests/test_auth.py::test_login - TypeError: AsyncClient.__init__() got an unexpected keyword argument 'app'\n"
           "ERROR tests/test_auth.py::test_logout - TypeError: AsyncClient.__init__() got an unexpected keyword argument 'app'\n"
           "========================= 1 warning, 2 errors in 0.31s =========================\n")
    assert _first(run) == ("not-loop-related", ["LD011"])
    # The same warning where the tests fail with a loop error, or lose a connection in the middle of an operation
    # (a symptom of the crossing, not an error of its own), is the override's doing.
    for symptom in ("RuntimeError: Task got Future attached to a different loop",
                    "asyncpg.exceptions.ConnectionDoesNotExistError: connection was closed in the middle of operation"):
        looped = run.replace("TypeError: AsyncClient.__init__() got an unexpected keyword argument 'app'", symptom)
        assert _first(looped) == ("loop-mismatch", ["LD005"]), symptom


def test_a_hang_interrupted_after_the_unset_scope_warning_is_no_config_answer():
    said = ("I have problems with pytest hanging when testing a websocket endpoint. When I ctrl-C I get:\n```\n"
            "pytest test_hang.py\n.venv/lib/python3.12/site-packages/pytest_asyncio/plugin.py:208: "
            "PytestDeprecationWarning: The configuration option \"asyncio_default_fixture_loop_scope\" is unset.\n"
            "  warnings.warn(PytestDeprecationWarning(_DEFAULT_FIXTURE_LOOP_SCOPE_UNSET))\n```\n")
    result = diagnose(said).to_dict()
    assert result["verdict"] == "unknown" and "did not finish" in result["reason"]
    # "Stuck" on the warning is no hang.
    assert _first(said.replace("I have problems with pytest hanging when testing a websocket endpoint. When I ctrl-C "
                               "I get:", "I'm stuck on this warning every time I run the tests:"))[1] == ["LD007"]
    # Asked about on its own, the warning is the answer.
    assert _first(said.replace("I have problems with pytest hanging when testing a websocket endpoint. When I ctrl-C "
                               "I get:", "Running the tests prints this warning:"))[1] == ["LD007"]


def test_pytest_8_collecting_packages_is_a_bug_of_the_0_23_releases_before_0_23_5():
    said = "CI fails since pytest 8 (pytest-asyncio tests):\n```\nAttributeError: 'Package' object has no attribute 'obj'\n```\n"
    result = diagnose(said).to_dict()
    assert (result["verdict"], result["findings"][0]["code"]) == ("loop-mismatch", "LD010")
    assert result["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio>=0.23.5"
    assert _first(said.replace("CI fails", "plugins: asyncio-0.23.5\nCI fails"))[1] \
        != ["LD010"]
    # Another plugin's collection hook meets the same pytest 8 change: nothing of pytest-asyncio's.
    cases = ("platform linux -- Python 3.12.2, pytest-8.0.0, pluggy-1.4.0\nplugins: cases-3.8.2\n"
             "collected 0 items / 1 error\n\n==================================== ERRORS ====================================\n"
             "________________________ ERROR collecting tests/unit __________________________\n"
             ".venv/lib/python3.12/site-packages/pytest_cases/plugin.py:312: in pytest_collection_modifyitems\n"
             "    mod = item.parent.obj\nE   AttributeError: 'Package' object has no attribute 'obj'\n"
             "=========================== short test summary info ============================\n"
             "ERROR tests/unit - AttributeError: 'Package' object has no attribute 'obj'\n"
             "=============================== 1 error in 0.12s ===============================\n")
    assert _first(cases)[1] != ["LD010"]


def test_a_report_linking_a_bug_the_changelog_lists_as_fixed():
    bump = ("Tests: bump pytest-asyncio>=0.25.2\nFixes \"coroutine method 'aclose' of <async_generator> was never "
            "awaited\" warnings in pytest logs\nSee: https://github.com/pytest-dev/pytest-asyncio/issues/759\n")
    result = diagnose(bump).to_dict()
    assert (result["verdict"], result["findings"][0]["code"]) == ("loop-mismatch", "LD010")
    assert "#759" in result["findings"][0]["summary"]
    assert result["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio>=0.25.2"
    pytest_issue = ("Update pytest-asyncio to >= 0.21.2\nFix broken unit tests, following "
                    "https://github.com/pytest-dev/pytest/issues/12269\n")
    assert _first(pytest_issue) == ("loop-mismatch", ["LD010"])
    # pytest 8.2's bug named while running a 0.23 release: 0.23.6 is its fix there (0.21.2 is the 0.21 backport).
    on_023 = ("After updating pytest to 8.2 all our async tests fail, see https://github.com/pytest-dev/pytest/issues/12269"
              " . We use pytest-asyncio 0.23.5.\n")
    assert diagnose(on_023).to_dict()["findings"][0]["fixes"][0]["requires"] == "pytest-asyncio>=0.23.6"
    # A run on the release that fixed it, a link with nothing failing or changing beside it, a thank-you, or a run
    # whose own error answers, is not this.
    assert _first("Thanks for the quick fix of pytest-asyncio#1177! I updated to pytest-asyncio 1.2.0 and everything "
                  "works now.\n")[1] != ["LD010"]
    assert _first("How do I share one event loop between all tests? I read https://github.com/pytest-dev/pytest-asyncio/"
                  "issues/950 but it is about something else. Is there a config option required for this?\n")[1] \
        != ["LD010"]
    run = ("platform linux -- Python 3.12.1, pytest-8.3.2, pluggy-1.5.0\nplugins: asyncio-0.21.1\ncollected 1 item\n\n"
           "tests/test_a.py F                                                        [100%]\n\n"
           "=================================== FAILURES ===================================\n"
           "___________________________________ test_a ____________________________________\n\n"
           "    async def test_a():\n        # workaround for https://github.com/pytest-dev/pytest-asyncio/issues/1177\n"
           ">       assert await compute() == 2\nE       assert 1 == 2\n\ntests/test_a.py:5: AssertionError\n"
           "=========================== short test summary info ============================\n"
           "FAILED tests/test_a.py::test_a - assert 1 == 2\n============================== 1 failed in 0.03s "
           "===============================\n")
    assert _first(run)[1] != ["LD010"]
    assert _first("plugins: asyncio-0.25.3\n" + bump)[1] != ["LD010"]
    assert _first("Nice write-up in https://github.com/pytest-dev/pytest-asyncio/issues/759 about async "
                  "generators.\n")[1] == []


def test_the_unhandled_async_fixture_warning_with_its_name_wrapped_onto_the_next_line():
    said = ("### Issue\n```\npytest.PytestRemovedIn9Warning: 'test_analyze' requested an async fixture\n"
            "'client_with_engine', with no plugin or hook that handled it.\n```\n")
    result = diagnose(said).to_dict()
    assert (result["verdict"], result["findings"][0]["code"]) == ("asyncio-misconfiguration", "LD006")
    assert "client_with_engine is declared with @pytest.fixture" in result["findings"][0]["summary"]


def test_the_words_of_the_unhandled_fixture_warning_in_a_sentence_are_not_the_warning():
    assert _first("What happens when a sync test requested an async fixture\n")[1] != ["LD006"]


def test_a_paraphrase_of_the_unset_scope_warning_is_no_word_of_an_override():
    said = ("**Type:** `PytestDeprecationWarning`\n```\nThe configuration option \"asyncio_default_fixture_loop_scope\" "
            "is unset.\nThe event_loop fixture provided by pytest-asyncio will have 'function' scope...\n```\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD007"])
    redefined = said.replace("will have 'function' scope...", "has been redefined in tests/conftest.py:7")
    assert _first(redefined)[1] == ["LD005"]


def test_a_wider_scoped_async_fixture_meeting_a_closed_loop_at_its_teardown_outlived_its_loop():
    said = ("## `RuntimeError: Event loop is closed` at session-scoped async fixture teardown\n\nAll e2e tests pass "
            "but produce `ERROR at teardown` for the last test:\n```\nRuntimeError: Event loop is closed\n  at "
            "tests/e2e/conftest.py:NN in e2e_client\n    async with AsyncClient(base_url=URL) as ac:\n```\n")
    assert _first(said) == ("loop-mismatch", ["LD002"])
    # The same teardown of a client with no wider fixture named, or one denied, is a clean-up on a closed loop.
    assert _first(said.replace("session-scoped async fixture ", ""))[1] == ["LD008"]
    denied = ("Our httpx client is created inside each test and we call `await client.aclose()` in the test's "
              "teardown, but the\nclose fails with \"Event loop is closed\". There is no module-scoped async fixture "
              "anywhere: every fixture is function scoped.\n\nTraceback (most recent call last):\n"
              "  File \"/app/tests/test_api.py\", line 22, in test_fetch\n    await client.aclose()\n"
              "  File \"/usr/lib/python3.12/asyncio/base_events.py\", line 545, in _check_closed\n"
              "    raise RuntimeError('Event loop is closed')\nRuntimeError: Event loop is closed\n")
    assert _first(denied)[1] == ["LD008"]


def test_a_scope_mismatch_whose_involved_factories_run_through_a_loop_fixture_is_the_loop_s():
    said = ("I was trying to use the same loop on all my tests but when I changed the scope of test_cli this error "
            "appeared.\n\nScopeMismatch: You tried to access the 'function' scoped fixture 'app' with a 'module' "
            "scoped request object, involved factories\ntests/test_polygon.py:12:  def test_cli(loop, app, "
            "test_client)\n.env/lib/python3.5/site-packages/pytest_sanic/plugin.py:39:  def loop()\n\n```\n"
            "@pytest.fixture(scope=\"module\")\ndef test_cli(loop, app, test_client):\n    return "
            "loop.run_until_complete(test_client(app))\n```\n")
    assert _first(said) == ("loop-mismatch", ["LD002"])
    # The same refusal on a fixture chain with no loop in it is pytest's scope rule alone.
    plain = said.replace("def loop()", "def monkeypatch()")
    assert _first(plain) == ("not-loop-related", ["LD011"])


def test_another_operation_in_progress_only_after_the_first_test_is_a_connection_of_the_first_loop():
    said = ("**Symptom**:\n```\nsqlalchemy.exc.InterfaceError: cannot perform operation: another operation is in "
            "progress\n```\n\n**Pattern**:\n- First test in suite: PASS\n- Second test in suite: FAIL\n"
            "- Each test individually: PASS\n")
    assert _first(said) == ("loop-mismatch", ["LD003"])
    # Two coroutines on one connection fail in any order: the same error with gather() is no loop's.
    assert _first(said + "\nThe handler runs both queries with asyncio.gather(q1, q2).\n")[1] == ["LD011"]
    assert _first(said.replace("First test in suite: PASS", "First test in suite: FAIL"))[1] == ["LD011"]


def test_a_loop_error_only_from_the_second_test_on_is_an_object_of_the_first_loop():
    said = ("I found a strange issue when we are running more than one test case. I am getting back an error in the "
            "second test case:\n\nRuntimeError: Task <Task pending coro=<test_two()>> got Future <Future pending> "
            "attached to a different loop\n")
    assert _first(said) == ("loop-mismatch", ["LD003"])


def test_another_operation_in_progress_said_of_a_wider_fixture_s_pool_is_the_wider_loop():
    said = ("### Key facts / gotchas\n- pytest-asyncio's default function-scoped event loop breaks session-scoped DB "
            "fixtures: the asyncpg connection pool gets bound to one loop while subsequent tests run in fresh loops, "
            "raising `cannot perform operation: another operation is in progress`.\n")
    assert _first(said) == ("loop-mismatch", ["LD001"])
    assert _first(said.replace("session-scoped DB fixtures", "our fixtures"))[1] == ["LD011"]


def test_event_loop_not_found_for_code_that_requests_it_is_the_removed_fixture():
    said = ("```python\n@pytest.fixture(scope=\"function\")\ndef setup_real_infrastructure(event_loop):\n"
            "    event_loop.run_until_complete(_cleanup_infrastructure(infrastructure))\n```\n\n"
            "**Error**: `fixture 'event_loop' not found`\n\n```\nERROR at setup of TestAuditPrompts.test_prompt_6\n"
            "fixture 'event_loop' not found\n```\n")
    assert _first(said) == ("loop-mismatch", ["LD005"])
    # Where the run shows the plugin missing, the fixture is missing with it.
    header = ("platform linux -- Python 3.12.3, pytest-8.3.4, pluggy-1.5.0\nrootdir: /src\nplugins: anyio-4.6.0\n"
              "collected 1 item\n\n")
    assert _first(header + said)[1] == ["LD009"]


def test_a_loop_error_raised_in_asyncio_s_lock_code_is_a_primitive_of_another_loop():
    said = ("If you get the following error:\n```\nRuntimeError: Task <Task pending name='Task-2' coro=<_AsyncGenerator"
            "ContextManager.__aenter__() running at\n    python3.8/contextlib.py:171>> got Future <Future pending> "
            "attached to a different loop python3.8/asyncio/locks.py:309: RuntimeError\n```\n")
    assert _first(said) == ("loop-mismatch", ["LD003"])
    assert _first(said.replace("asyncio/locks.py", "app/client.py"))[1] == ["LD001"]


def test_a_coroutine_asked_for_a_result_s_attribute_is_a_missing_await():
    said = "**问题**: 19 个测试失败\n**错误**: `AttributeError: 'coroutine' object has no attribute 'first'`\n"
    assert _first(said) == ("not-loop-related", ["LD011"])
    # A fixture's value asked for its own methods is the un-run fixture of strict mode.
    assert _first(said.replace("'first'", "'execute'"))[1] != ["LD011"]
    # And so is a result's attribute where the code shows the async fixture declared with @pytest.fixture.
    code = "\n```python\nimport pytest\n\n@pytest.fixture\nasync def rows():\n    return await fetch_rows()\n```\n"
    assert _first(said + code) == ("asyncio-misconfiguration", ["LD006"])


def test_pytest_sanic_named_beside_pytest_asyncio_runs_the_app_on_a_loop_of_its_own():
    said = ("错误信息：\n```\nRuntimeError: Task got Future attached to a different loop\n```\n\n   - Sanic 22.12.0\n"
            "   - pytest-sanic 1.9.1\n   - pytest-asyncio 0.23.4\n   - asyncpg 0.29.0\n")
    assert _first(said) == ("loop-mismatch", ["LD004"])
    assert "pytest-sanic (its test client serves the app on its own `loop` fixture)" in _top(said)["summary"]
    assert _first(said.replace("   - pytest-sanic 1.9.1\n", ""))[1] == ["LD001"]


def test_anyio_s_marker_beside_auto_mode_is_two_plugins_taking_one_fixture():
    said = ("A temporary tracer then named the cause:\n\n    ScopeMismatch: You tried to access the module scoped "
            "fixture anyio_backend\n    with a session scoped request object.\n\n* **Two plugins ran async code.** "
            "`asyncio_mode = \"auto\"` makes\n  pytest-asyncio run every async test and fixture. Fifteen modules "
            "*also*\n  carried `pytestmark = pytest.mark.anyio`, a habit from FastAPI's docs.\n")
    top = _top(said)
    assert (top["code"], top["confidence"]) == ("LD004", "high")
    assert "anyio's pytest plugin" in top["summary"] and "auto mode" in top["summary"]
    # In strict mode pytest-asyncio takes only what is marked for it: no clash.
    assert _first(said.replace('`asyncio_mode = \"auto\"` makes', "strict mode makes"))[1] != ["LD004"]


def test_multiple_event_loops_requested_named_in_words_is_a_test_requesting_event_loop():
    said = "- 修复 pytest-asyncio 事件循环冲突（MultipleEventLoopsRequestedError）\n"
    assert _first(said) == ("loop-mismatch", ["LD005"])


def test_marked_tests_seen_as_sync_and_unmarked_ones_skipped_as_coroutines_are_hidden_by_a_decorator():
    marked = ("tests/test_dirscanner.py::TestDirScanner::test_adds_valid_nzbs[file.zip-movies]\n  tests\\test_dirscanner"
              ".py:56: PytestWarning: The test <Function test_adds_valid_nzbs[file.zip-movies]> is marked with "
              "'@pytest.mark.asyncio' but it is not an async function. Please remove the asyncio mark.\n"
              "    @set_config({\"dirscan_dir\": \"watched\"})\n")
    unmarked = ("But if I remove the marking:\n```\ntests/test_dirscanner.py: 20 warnings\n  Lib\\site-packages\\_pytest"
                "\\python.py:183: PytestUnhandledCoroutineWarning: async def functions are not natively supported and "
                "have been skipped.\n```\nplatform win32 -- Python 3.12.1, pytest-7.4.3, pluggy-1.3.0\nrootdir: C:\\sab\n"
                "plugins: flaky-3.7.0, asyncio-0.23.2, mock-3.12.0\n")
    assert _first(marked + unmarked) == ("not-loop-related", ["LD011"])
    assert "decorator" in _top(marked + unmarked)["summary"]
    # Either alone is no sign of a decorator: the unmarked tests of strict mode.
    assert _first(unmarked)[1] == ["LD006"]


def test_event_loop_closed_in_a_worker_thread_is_a_connection_that_outlived_its_loop():
    said = ("### T3 — aiosqlite イベントループ警告解消\n\n**問題**: `PytestUnhandledThreadExceptionWarning: RuntimeError: "
            "Event loop is closed`\n(aiosqlite/core.py: _connection_worker_thread)\n")
    assert _first(said) == ("loop-mismatch", ["LD008"])
    assert _first(said.replace("PytestUnhandledThreadExceptionWarning: ", "").replace(
        "(aiosqlite/core.py: _connection_worker_thread)", ""))[1] != ["LD008"]


def test_notes_in_chinese_and_japanese_name_the_unset_warning_and_the_connection_pool():
    unset = ("说明：首次直接使用全局 `PYTHONWARNINGS=error` 时，pytest 在收集前因仓库既有的 "
             "`asyncio_default_fixture_loop_scope` 未设置弃用告警而中止；\n")
    assert _first(unset) == ("asyncio-misconfiguration", ["LD007"])
    pool = ("2. pytest-asyncioがテスト関数ごとに新しいイベントループを使うため、SQLAlchemyのコネクションプールが前のテストの"
            "ループに紐づいた接続を使い回そうとして `RuntimeError: ... attached to a different loop` が発生。\n")
    assert _first(pool) == ("loop-mismatch", ["LD003"])
    assert _first(pool.replace("SQLAlchemyのコネクションプール", "SQLAlchemy"))[1] == ["LD001"]


def test_no_current_loop_on_a_shared_loop_after_asyncio_run_is_the_bug_fixed_in_1_2_release_unknown():
    said = ("When using a shared event loop (e.g., when `loop_scope=\"session\"`) and `asyncio.set_event_loop(None)` "
            "is called from a test, any subsequent async test raises `RuntimeError: There is no current event loop "
            "in thread 'MainThread'`.\n\n```python\nimport asyncio\nimport pytest\n\n\n@pytest.mark.asyncio\n"
            "async def test_before() -> None:\n    pass\n\n\ndef test_set_event_loop_none() -> None:\n"
            "    asyncio.set_event_loop(None)\n\n\n@pytest.mark.asyncio\nasync def test_after() -> None:\n    pass\n```\n")
    top = _top(said)
    assert (top["code"], top["confidence"]) == ("LD010", "medium")
    assert [f["requires"] for f in top["fixes"] if f["recommended"]] == ["pytest-asyncio>=1.2"]
    # Nothing shown unsets the loop, or no loop is shared: not this bug.
    assert _first(said.replace("asyncio.set_event_loop(None)", "print()"))[1] != ["LD010"]
    assert _first(said.replace('`loop_scope="session"`', "a fixture"))[1] != ["LD010"]


def test_a_passing_run_pasted_to_ask_about_its_unclosed_generator_warning_is_about_that_warning():
    run = ("```\n=============================== warnings summary ===============================\n"
           "tests/basilisp/compiler_test.py::TestFunctionDef::test_multi_arity_meta\n"
           "  /usr/lib/python3.13/asyncio/base_events.py:744: RuntimeWarning: coroutine method 'aclose' of "
           "'__unique_kdghii_1104' was never awaited\n    self._ready.clear()\n\n"
           "-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html\n"
           "=========================== 49 passed, 1 warning in 1.20s ============================\n```\n")
    assert _first("can you please consider patch to fix the following test warning.\n\n" + run) == (
        "loop-mismatch", ["LD008"])
    # The same passing run pasted without a word about its warning: nothing failed.
    assert _first(run)[0] == "no-failure"


def test_an_unplaced_policy_deprecation_failing_a_run_with_no_sign_of_pytest_asyncio_is_not_its_bug():
    said = ("Use of `asyncio.get_event_loop_policy()`, which is deprecated as of Python 3.14, triggers "
            "`DeprecationWarning`s during test runs.\n\n```\n=== short test summary info ===\nFAILED tests/test_black.py"
            "::BlackTestCase::test_check_diff - DeprecationWarning: 'asyncio.get_event_loop_policy' is deprecated and "
            "slated for removal in Python 3.16\n```\n")
    assert _first(said)[0] not in ("loop-mismatch", "asyncio-misconfiguration")
    # Quoted alone (no run), or in a run that shows the plugin, the warning may be the plugin's own call.
    quoted = "Running 0.25.0 yields\n```\nDeprecationWarning: 'asyncio.get_event_loop_policy' is deprecated and " \
             "slated for removal in Python 3.16\n```\n"
    assert _first(quoted)[1] == ["LD010"]
    assert _first("plugins: asyncio-0.24.0\n" + said)[1] == ["LD010"]


def test_an_unclosed_loop_warning_the_report_calls_cosmetic_is_no_failure():
    said = ("### pytest-asyncio Unclosed Event Loop Warning\n\n**Warning Message:**\n```\nDeprecationWarning: "
            "pytest-asyncio detected an unclosed event loop when tearing down the event_loop\nfixture: <uvloop.Loop "
            "running=False closed=False debug=False>\n```\n\n**Impact:**\n")
    harmless = said + "- Cosmetic only - does not affect test functionality\n- Tests pass successfully despite the warning\n"
    assert _first(harmless)[0] == "no-failure"
    assert _first(said + "- Our CI job fails on it\n")[0] == "loop-mismatch"


def test_set_wakeup_fd_off_the_main_thread_is_no_loop_mismatch_and_set_event_loop_policy_names_no_event_loop():
    said = ("pytest-aiohttp + pytest-xdist cause RuntimeError: set_wakeup_fd only works in main thread\n\nCombining "
            "`pytest-aiohttp` and `pytest-xdist` an error is triggered sometimes from the `loop` fixture.\n\n```\n"
            "____ ERROR at setup of test_foo[pyloop] ____\n[gw6] linux -- Python 3.7.0 /venv/bin/python3.7\n\n"
            "    @pytest.fixture\n    def loop(loop_factory, fast, loop_debug):\n        policy = loop_factory()\n"
            "        asyncio.set_event_loop_policy(policy)\n>       with loop_context(fast=fast) as _loop:\n```\n")
    assert _first(said) == ("not-loop-related", ["LD011"])
    # Both plugins' loop fixtures named, pytest-aiohttp's `loop` and pytest-asyncio's event_loop, are two loops.
    both = said.replace("set_wakeup_fd only works in main thread", "Task got Future attached to a different loop") \
        + "\nThe test also requests the event_loop fixture of pytest-asyncio.\n"
    assert _first(both)[1] == ["LD004"]


# ---- the review of the readings above: each input was answered wrongly before its fix ----------------------

ANOTHER_OP_RUN = ("tests/test_db.py::test_two FAILED\nE   asyncpg.exceptions._base.InterfaceError: cannot perform "
                  "operation: another operation is in progress\n1 failed, 1 passed in 0.3s\n")
DIFFERENT_LOOP_RUN = ("platform linux -- Python 3.11.4, pytest-7.4.0, pluggy-1.2.0\nrootdir: /proj\nplugins: asyncio-0.21.1\n"
                      "collected 2 items\n\ntests/test_api.py .F\n\nE   RuntimeError: Task <Task pending name='Task-5' "
                      "coro=<test_b()>> got Future <Future pending> attached to a different loop\ntests/test_api.py:20: "
                      "RuntimeError\n========================= 1 failed, 1 passed in 0.3s ==========================\n")


def test_order_words_that_deny_or_mean_something_else_and_concurrency_in_the_code_are_no_order_dependence():
    assert _first("Not even the first test passes, and the next test fails as well.\n" + ANOTHER_OP_RUN)[1] == ["LD011"]
    assert _first("In the first test I pass the connection into two helpers and the next call fails.\n"
                  + ANOTHER_OP_RUN)[1] == ["LD011"]
    gathered = ("import asyncio, pytest\n\n@pytest.mark.asyncio\nasync def test_two(conn):\n"
                "    await asyncio.gather(conn.fetch('select 1'), conn.fetch('select 2'))\n")
    told = "I get an error in the second test.\n" + ANOTHER_OP_RUN
    assert _first(told)[1] == ["LD003"]
    assert [f["code"] for f in diagnose(told, [("tests/test_db.py", gathered)]).to_dict()["findings"]][:1] == ["LD011"]


def test_a_wider_fixture_denied_in_the_same_sentence_is_no_wider_loop():
    pre = "Our redis client is created at import time in app/cache.py. "
    for denied in ("I use the default function-scoped event loop and no session-scoped fixtures at all.",
                   "Session-scoped fixtures are not used here, tests get new loops."):
        assert _first(pre + denied + "\n" + DIFFERENT_LOOP_RUN)[1] == ["LD003"]


def test_a_plugin_said_to_be_gone_or_missing_from_the_header_is_no_second_plugin():
    assert _first("We dropped pytest-sanic last month and moved everything to pytest-asyncio.\n"
                  + DIFFERENT_LOOP_RUN)[1] != ["LD004"]
    assert _first("We use pytest-sanic for the app tests.\n" + DIFFERENT_LOOP_RUN)[1] != ["LD004"]   # not in the header
    assert _first(DIFFERENT_LOOP_RUN.replace("asyncio-0.21.1", "asyncio-0.21.1, sanic-1.9.1"))[1] == ["LD004"]


def test_a_marked_sync_test_beside_an_unmarked_async_one_is_no_hiding_decorator():
    run = ("platform linux -- Python 3.11.4, pytest-8.2.0, pluggy-1.5.0\nplugins: asyncio-0.23.7\n"
           "asyncio: mode=Mode.STRICT\ncollected 3 items\n\n=============================== warnings summary "
           "===============================\ntests/test_api.py::test_fetch\n  /venv/lib/python3.11/site-packages/_pytest/"
           "python.py:183: PytestUnhandledCoroutineWarning: async def functions are not natively supported and have "
           "been skipped.\n\ntests/test_utils.py::test_slugify\n  /venv/lib/python3.11/site-packages/pytest_asyncio/"
           "plugin.py:849: PytestWarning: The test <Function test_slugify> is marked with '@pytest.mark.asyncio' but "
           "it is not an async function. Please remove the asyncio mark.\n    def test_slugify():\n\n"
           "================== 2 passed, 1 skipped, 3 warnings in 0.05s ===================\n")
    assert _first(run)[1] == ["LD006"]


def test_a_coroutine_named_after_the_test_s_parameter_is_an_un_run_fixture_not_a_missing_await():
    run = ("plugins: asyncio-0.23.7\nasyncio: mode=strict\n\n    @pytest.mark.asyncio\n    async def test_status(response):\n"
           ">       assert response.status_code == 200\nE       AttributeError: 'coroutine' object has no attribute "
           "'status_code'\n\ntests/test_api.py:14: AttributeError\n=== warnings summary ===\ntests/test_api.py::"
           "test_status\n  /usr/lib/python3.11/site-packages/_pytest/python.py:194: RuntimeWarning: coroutine "
           "'response' was never awaited\n=== short test summary info ===\nFAILED tests/test_api.py::test_status - "
           "AttributeError: 'coroutine' object has no attribute 'status_code'\n=== 1 failed, 1 warning in 0.12s ===\n")
    assert _first(run) == ("asyncio-misconfiguration", ["LD006"])


def test_a_sync_fixture_named_like_a_loop_in_a_scope_mismatch_chain_is_pytest_s_scope_rule():
    run = ("ScopeMismatch: You tried to access the 'function' scoped fixture 'monkeypatch' with a 'session' scoped "
           "request object, involved factories\ntests/conftest.py:7:  def game_loop(monkeypatch)\n"
           "/venv/lib/python3.10/site-packages/_pytest/monkeypatch.py:29:  def monkeypatch()\n")
    assert _first(run)[1] == ["LD011"]


def test_words_of_a_library_s_warning_in_a_passing_run_are_no_question_about_it():
    run = ("platform linux -- Python 3.11.4, pytest-8.2.0, pluggy-1.5.0\nplugins: asyncio-0.23.7\ncollected 3 items\n\n"
           "=============================== warnings summary ===============================\ntests/test_api.py::test_a\n"
           "  /app/models.py:10: SAWarning: The 'warn' parameter is deprecated. To silence this warning, pass "
           "warn=False.\n\ntests/test_api.py::test_b\n  /usr/lib/python3.11/asyncio/base_events.py:1771: "
           "ResourceWarning: Unclosed client session <aiohttp.client.ClientSession object at 0x7f>\n\n"
           "======================== 3 passed, 2 warnings in 0.41s =========================\n")
    assert _first(run)[0] == "no-failure"


def test_a_thread_s_unrelated_exception_does_not_turn_a_module_client_into_an_unclosed_one():
    run = DIFFERENT_LOOP_RUN.replace("attached to a different loop", "x").replace(
        "E   RuntimeError: Task <Task pending name='Task-5' coro=<test_b()>> got Future <Future pending> x",
        "E   RuntimeError: Event loop is closed") + (
        "\n=== warnings summary ===\n  PytestUnhandledThreadExceptionWarning: Exception in thread metrics-flusher\n"
        "  requests.exceptions.ConnectionError: Connection refused\n" + "  .\n" * 25)
    code = "import httpx\n\nclient = httpx.AsyncClient()\n\n\nasync def test_b():\n    await client.get('/')\n"
    assert [f["code"] for f in diagnose(run, [("tests/test_api.py", code)]).to_dict()["findings"]][:1] == ["LD003"]


def test_event_loop_not_found_where_pytest_lists_no_fixture_of_the_plugin_is_the_plugin_missing():
    run = ("_____ ERROR at setup of test_fetch _____\nfile /proj/tests/test_api.py, line 5\n  async def test_fetch("
           "event_loop):\nE       fixture 'event_loop' not found\n>       available fixtures: cache, capfd, capsys, "
           "monkeypatch, pytestconfig, record_property, tmp_path\n>       use 'pytest --fixtures [testpath]' for help "
           "on them.\n")
    code = "async def test_fetch(event_loop):\n    assert event_loop\n"
    assert [f["code"] for f in diagnose(run, [("tests/test_api.py", code)]).to_dict()["findings"]][:1] == ["LD009"]


def test_a_pool_in_chinese_words_counts_only_where_the_words_say_it_is_reused():
    said = "SQLAlchemy 的连接池是在 session 级别的 fixture 里创建的，下一个测试报 `RuntimeError: ... attached to a different loop`。\n"
    assert _first(said)[1] != ["LD003"]


def test_order_dependence_said_in_other_languages_is_an_object_of_the_first_loop():
    error = ("\n```\nRuntimeError: Task <Task pending name='Task-5' coro=<test_connection()>> \ngot Future <Future pending>"
             " attached to a different loop\n```\n")
    for said in ("Testul `tests/scripts/test_app_db.py` eșua când era rulat împreună cu alte teste.",
                 "Der Test schlägt nur zusammen mit den anderen Tests fehl.",
                 "- 第一个测试用例 (test_search_flow) 成功通过。 - 第二个测试用例 (test_chat_flow) 失败。",
                 "最初のテストは成功するが、2つ目のテストは失敗する。"):
        assert _first(said + error) == ("loop-mismatch", ["LD003"]), said
    assert _first("Der Test schlägt fehl." + error)[1] == ["LD001"]


def test_an_error_named_in_prose_is_found_by_its_own_words_not_by_a_word_its_pattern_excludes():
    # The pattern for a missing module excludes pytest_asyncio; its pre-filter once looked for lines with "asyncio".
    said = ("If you've ever stared at a ModuleNotFoundError: No module named 'trio' while testing your FastAPI "
            "endpoints with the anyio plugin, this post is for you.\n")
    assert _first(said) == ("not-loop-related", ["LD011"])


def test_a_loop_error_named_in_a_comment_or_docstring_of_quoted_code_is_no_error_of_the_run():
    code = ("Tests hang when the agent sends with the producer:\n```\nimport pytest\n\n@pytest.fixture()\n"
            "def test_app(event_loop):\n    \"\"\"passing in event_loop helps avoid 'attached to a different loop' "
            "error\"\"\"\n    return app\n\n@pytest.mark.asyncio()\nasync def test_send(test_app):\n"
            "    await test_app.send()\n```\n")
    assert _first(code)[0] != "loop-mismatch"
    assert _first(code.replace('    """passing', '    # passing').replace('error"""', "error"))[0] != "loop-mismatch"
    # a Markdown heading is the report's own words
    assert _first("# Task got Future attached to a different loop with a session fixture\n")[0] == "loop-mismatch"


NO_LOOP_AT_IMPORT = (
    "ImportError while loading conftest 'tests/conftest.py'.\ntests/conftest.py:13: in <module>\n"
    "    nest_asyncio.apply()\n{site}/nest_asyncio.py:16: in apply\n    loop = loop or asyncio.get_event_loop()\n"
    "{site}/nest_asyncio.py:45: in _get_event_loop\n    loop = events.get_event_loop_policy().get_event_loop()\n"
    "/usr/lib/python3.10/asyncio/events.py:666: in get_event_loop\n    warnings.warn('There is no current event loop',\n"
    "E   DeprecationWarning: There is no current event loop\n")


def test_the_no_loop_deprecation_raised_by_another_library_s_call_is_not_the_plugin_s():
    site = "venv/lib/python3.10/site-packages"
    assert _first("Python 3.10.9\n" + NO_LOOP_AT_IMPORT.format(site=site)) == ("not-loop-related", ["LD011"])
    # made by the plugin itself, it is the release's (0.20.2 and older)
    plugin = NO_LOOP_AT_IMPORT.format(site=site).replace("nest_asyncio.py", "pytest_asyncio/plugin.py")
    assert _first("Python 3.10.9\n" + plugin) == ("loop-mismatch", ["LD010"])


def _first_fix(paste):
    finding = _top(paste)
    fix = next(f for f in finding["fixes"] if f["recommended"])
    return finding["code"], fix["kind"], fix.get("requires")


def test_a_linked_fix_of_0_11_s_fixture_order_that_made_tests_hang_is_0_12():
    said = "* Fixes tests hanging due to https://github.com/pytest-dev/pytest-asyncio/pull/156.\n"
    assert _first_fix(said) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=0.12")


def test_the_yanked_release_named_beside_the_error_it_caused_in_prose():
    said = ("`pytest-asyncio==0.22.0` was released the 31 October causing the following error when running our "
            "tests: `RuntimeError: There is no current event loop in thread 'MainThread'`.\n")
    assert _first_fix(said) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=0.24")
    assert _first("`pytest-asyncio==0.22.0` was released the 31 October.\n")[1] != ["LD010"]


COLLECTION_HEAD = ("============================= test session starts ==============================\n"
                   "platform linux -- Python 3.10.12, pytest-{pytest}, pluggy-1.5.0\nrootdir: /tmp/bees\n"
                   "plugins: {plugins}\n")


def test_items_built_directly_by_0_10_fail_on_pytest_5_4_and_0_11_needs_5_4():
    direct = ("venv/lib/python3.7/site-packages/pytest_asyncio/plugin.py:39: in pytest_pycollect_makeitem\n"
              "    item = pytest.Function(name, parent=collector)\nE   pytest.PytestDeprecationWarning: direct "
              "construction of Function has been deprecated, please use Function.from_parent\n")
    assert _first_fix(direct) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=0.11")
    too_old = (COLLECTION_HEAD.format(pytest="5.3.5", plugins="asyncio-0.14.0")
               + "INTERNALERROR> AttributeError: type object 'Function' has no attribute 'from_parent'\n")
    assert _first_fix(too_old) == ("LD010", "other", None)
    # another plugin's item construction, with no sign of pytest-asyncio
    assert _first(too_old.replace("asyncio-0.14.0", "flake8-1.0.4"))[1] != ["LD010"]


def test_a_text_file_imported_as_a_module_while_collecting_is_0_23_to_0_26_s_collector_obj():
    run = (COLLECTION_HEAD.format(pytest="8.2.2", plugins="doctestplus-1.2.1, asyncio-0.23.7")
           + "asyncio: mode=strict\ncollected 0 items / 1 error\n\n======== ERRORS ========\n"
           "________ ERROR collecting README.md ________\nImportError while importing test module "
           "'/tmp/bees/README.md'.\nHint: make sure your test modules/packages have valid Python names.\n"
           "E   ModuleNotFoundError: No module named 'README'\n")
    assert _first_fix(run) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=1.0")
    assert _first(run.replace("asyncio-0.23.7", "asyncio-1.0.0"))[1] != ["LD010"]
    assert _first(run.replace("README.md'", "test_app.py'"))[1] != ["LD010"]


def test_a_pytest_8_collection_crash_cut_after_its_first_lines_is_still_0_23_s():
    run = (COLLECTION_HEAD.format(pytest="8.0.0", plugins="cov-4.1.0, asyncio-0.23.3") + "asyncio: mode=auto\n"
           "collected 0 items\nINTERNALERROR> Traceback (most recent call last):\nINTERNALERROR>   File \"/opt/"
           "lib/python3.10/site-packages/_pytest/main.py\", line 272, in wrap_session\n")
    assert _first_fix(run) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=0.23.5")


def test_pytest_not_knowing_the_asyncio_marker_said_in_words_is_the_plugin_missing():
    said = ("### What was wrong?\nPytest was skipping one of the version-module tests because it didn't know what "
            "`pytest.mark.asyncio` is.\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD009"])


def test_releases_of_another_package_are_not_the_plugin_s():
    said = ("The following example works with pytest-httpx 0.26 but fails with pytest-httpx 0.30:\n\n```python\n"
            "import pytest_asyncio\n\n@pytest.mark.asyncio\nasync def test_err(client, httpx_mock):\n"
            "    httpx_mock.add_response(status_code=500)\n```\n")
    assert _first(said)[1] != ["LD010"]
    assert _first(said.replace("pytest-httpx 0.", "pytest-asyncio 0."))[1] == ["LD010"]


def test_the_suite_s_own_call_of_get_event_loop_said_in_words_is_python_s_deprecation():
    said = ("The autouse fixture _ensure_current_event_loop in tests/conftest.py calls "
            "asyncio.get_event_loop_policy().get_event_loop() to give plain synchronous tests a usable loop. On "
            "Python 3.12+, that call emits DeprecationWarning: There is no current event loop whenever no loop is "
            "currently running.\n")
    assert _first(said) == ("not-loop-related", ["LD011"])


def test_aiohttp_s_new_fixture_names_missing_are_an_old_aiohttp_not_a_loop():
    run = ("______ ERROR at setup of test_get_payload ______\nfile /tmp/app/tests/test_middleware.py, line 13\n"
           "  async def test_get_payload(create_app, aiohttp_client):\nE       fixture 'aiohttp_client' not found\n"
           ">       available fixtures: cache, capfd, event_loop, loop, test_client, test_server, unused_port\n")
    assert _first(run) == ("not-loop-related", ["LD011"])


def test_pytest_s_warning_wrapped_after_async_still_names_the_unhandled_fixture():
    said = ("```\npytest.PytestRemovedIn9Warning: 'test_add_question_success' requested an async\nfixture "
            "'setup_session_with_concepts', with no plugin or hook that handled it.\nThis is usually an error, as "
            "pytest does not natively support it. This will turn\ninto an error in pytest 9.\n```\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD006"])


def test_test_modules_importing_the_plugin_where_it_is_not_installed():
    said = ("```bash\n$ grep -r \"import pytest_asyncio\" tests/\ntests/integration/test_flow.py:import pytest_asyncio\n"
            "\n$ pytest tests/integration/test_flow.py -v\nModuleNotFoundError: No module named 'pytest_asyncio'\n```\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD009"])


def test_a_linked_0_23_bug_said_to_make_the_release_incompatible_is_0_24():
    said = ("# pytest-asyncio: current version is incompatible with module scoped event loop\n\nIssue to track a "
            "problem with pytest-asyncio which is preventing us from moving to the latest version.\n\n"
            "https://github.com/pytest-dev/pytest-asyncio/issues/706\n")
    assert _first_fix(said) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=0.24")


def test_a_release_before_0_11_named_beside_pytest_s_node_construction_deprecation():
    said = ("I think the current version is incompatible with the latest pytest version.\n\n    pytest-asyncio "
            "(0.10.0)\n    pytest (6.0.1)\n\nSee https://docs.pytest.org/en/stable/deprecations.html"
            "#node-construction-changed-to-node-from-parent\n")
    assert _first_fix(said) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=0.11")


def test_python_s_deprecation_of_an_asyncio_call_the_plugin_makes_is_the_release_s():
    said = ("I am getting a ton of these warnings during test runs:\n\n```\n.tox/py36/lib/python3.6/site-packages/"
            "pytest_asyncio/plugin.py:77: DeprecationWarning: asyncio.async() function is deprecated, use "
            "ensure_future()\n    asyncio.async(pyfuncitem.obj(**testargs), loop=event_loop))\n```\n")
    assert _first_fix(said) == ("LD010", "change-pytest-asyncio-version", None)
    # the plugin's own warning to the suite about its config is no deprecated call of the plugin
    mode = ("tests/test_x.py .. [100%]\n\n.venv/lib/python3.9/site-packages/pytest_asyncio/plugin.py:191: "
            "DeprecationWarning: The 'asyncio_mode' default value will change to 'strict' in future\n"
            "======= 2 passed, 1 warning in 0.10s =======\n")
    assert _first(mode)[1] != ["LD010"]


# ---- Readings held to their limits: each input below once got a wrong answer from one of them.

PLUGIN_NO_LOOP_WARNING = (
    "With pytest-asyncio 0.20.2 the event_loop fixture calls asyncio.get_event_loop() and every test warns:\n\n"
    "platform linux -- Python 3.11.1, pytest-7.2.0, pluggy-1.0.0\nplugins: asyncio-0.20.2\nasyncio: mode=strict\n"
    "collected 1 item\n\ntests/test_a.py .    [100%]\n\n==== warnings summary ====\ntests/test_a.py::test_a\n"
    "  /venv/lib/python3.11/site-packages/pytest_asyncio/plugin.py:444: DeprecationWarning: There is no current "
    "event loop\n    loop = asyncio.get_event_loop()\n\n==== 1 passed, 1 warning in 0.01s ====\n")


def test_the_plugin_s_own_fixture_said_to_call_get_event_loop_is_not_the_suite_s_code():
    assert _first_fix(PLUGIN_NO_LOOP_WARNING) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=0.20.3")


def test_a_loop_error_written_as_a_comment_of_the_code_that_met_it_still_counts():
    said = ("Using pytest-asyncio 0.23.5 with a session-scoped client fixture:\n\n```python\n"
            "@pytest_asyncio.fixture(scope=\"session\")\nasync def client():\n    async with httpx.AsyncClient() as c:\n"
            "        yield c\n\nasync def test_second(client):\n    r = await client.get(\"/items\")\n"
            "    # RuntimeError: Task got Future attached to a different loop\n```\n\n"
            "The first test passes, the second one fails with the error in the comment.\n")
    assert _first(said) == ("loop-mismatch", ["LD001"])
    # a trailing comment saying the code avoids it is no error of the run
    avoided = ("My test fails with an assertion error:\n\n```python\n@pytest.fixture\nasync def client():\n"
               "    c = None  # one client per test, else \"Future attached to a different loop\"\n"
               "    async with httpx.AsyncClient() as c:\n        yield c\n```\n\n```\n>       assert r.status_code == "
               "200\nE       assert 404 == 200\n\ntests/test_api.py:12: AssertionError\n==== short test summary info "
               "====\nFAILED tests/test_api.py::test_status - assert 404 == 200\n==== 1 failed in 0.12s ====\n")
    assert _first(avoided)[0] == "not-loop-related"


def test_the_yanked_release_named_in_a_question_that_names_an_error_is_no_failure_of_it():
    said = ("How do I assert that a coroutine raises asyncio.TimeoutError? We're on pytest-asyncio 0.22.0 and pytest "
            "7.4.3, and `with pytest.raises(asyncio.TimeoutError): await asyncio.wait_for(slow(), 0.1)` works, but "
            "is there a nicer way?\n")
    assert _first(said)[0] != "loop-mismatch"


def test_the_plugin_named_with_a_capital_keeps_its_release_numbers():
    said = "After upgrading pytest-asyncio our suite broke. Pytest-asyncio 0.23.0 fails, Pytest-asyncio 0.21.1 passes.\n"
    assert _first_fix(said) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=0.21.1,<0.23")


def test_a_crash_after_collection_in_another_plugin_s_hook_is_not_the_plugin_s():
    run = (COLLECTION_HEAD.format(pytest="8.0.0", plugins="asyncio-0.23.3, html-4.1.1") + "asyncio: mode=Mode.STRICT\n"
           "collected 0 items\nINTERNALERROR> Traceback (most recent call last):\nINTERNALERROR>   File \"/venv/lib/"
           "python3.12/site-packages/_pytest/main.py\", line 285, in wrap_session\nINTERNALERROR>     config.hook."
           "pytest_sessionfinish(\nINTERNALERROR>   File \"/venv/lib/python3.12/site-packages/pytest_html/basereport.py\""
           ", line 256, in pytest_sessionfinish\nINTERNALERROR>     self._generate_report()\nINTERNALERROR> "
           "PermissionError: [Errno 13] Permission denied: '/reports'\n\n==== no tests ran in 0.01s ====\n")
    assert _first(run)[1] != ["LD010"]


def test_items_another_plugin_builds_are_that_plugin_s_matter():
    direct = (COLLECTION_HEAD.format(pytest="5.4.1", plugins="asyncio-0.14.0, tornasync-0.6.0.post2")
              + "collected 0 items / 1 error\n\n==== ERRORS ====\n____ ERROR collecting tests/test_handlers.py ____\n"
              "/venv/lib/python3.8/site-packages/pytest_tornasync/plugin.py:38: in pytest_pycollect_makeitem\n"
              "    item = pytest.Function(name, parent=collector)\n/venv/lib/python3.8/site-packages/_pytest/nodes.py:95:"
              " in __call__\n    warnings.warn(NODE_USE_FROM_PARENT.format(name=self.__name__), stacklevel=2)\n"
              "E   pytest.PytestDeprecationWarning: direct construction of Function has been deprecated, please use "
              "Function.from_parent\n")
    assert "LD010" not in [f["code"] for f in diagnose(direct).to_dict()["findings"]]
    from_parent = (COLLECTION_HEAD.format(pytest="5.3.5", plugins="asyncio-0.10.0, trio-0.6.0")
                   + "collected 0 items / 1 error\n\n==== ERRORS ====\n____ ERROR collecting tests/test_a.py ____\n"
                   "/venv/lib/python3.8/site-packages/pytest_trio/plugin.py:420: in pytest_pycollect_makeitem\n"
                   "    return pytest.Function.from_parent(collector, name=name)\nE   AttributeError: type object "
                   "'Function' has no attribute 'from_parent'\n")
    assert _first(from_parent)[1] != ["LD010"]


def test_a_linked_bug_fixed_in_a_release_the_report_already_runs_is_not_its_fix():
    said = ("Session-scoped async fixtures still fail for us on pytest-asyncio 0.25.0 even with loop_scope=\"session\" "
            "set on the fixture and the tests.\nSame symptom as https://github.com/pytest-dev/pytest-asyncio/issues/706\n")
    assert _first(said)[1] != ["LD010"]


def test_an_editor_not_knowing_the_asyncio_marker_is_no_missing_plugin():
    said = ("PyCharm does not recognize pytest.mark.asyncio: the decorator is highlighted as an unresolved attribute "
            "in the editor, although running pytest from the terminal works and all async tests pass.\n")
    assert _first(said)[1] != ["LD009"]


def test_pytest_s_warning_of_an_autouse_fixture_wrapped_after_async():
    said = ("```\npytest.PytestRemovedIn9Warning: 'test_add' requested an async\nfixture 'setup_session' with "
            "autouse=True, with no plugin or hook that handled it.\nThis is usually an error.\n```\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD006"])


def test_the_legacy_mode_warning_said_in_words():
    said = ("I was getting warnings after upgrading pytest-asyncio on my machine. It\nwants the `asyncio_mode` to be "
            "set in the config.\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD007"])


def test_an_ini_type_older_pytest_lacks_is_a_pytest_too_old_for_the_release():
    run = ("File \"/opt/lib/python3.7/site-packages/pytest_asyncio/plugin.py\", line 57, in pytest_addoption\n"
           "  default=\"legacy\",\nFile \"/opt/lib/python3.7/site-packages/_pytest/config/argparsing.py\", line 177, "
           "in addini\n  assert type in (None, \"pathlist\", \"args\", \"linelist\", \"bool\")\nAssertionError\n")
    assert _first_fix(run) == ("LD010", "other", None)


def test_the_asyncio_marker_not_recognised_said_in_korean_is_the_plugin_missing():
    said = ("- 실제 결과: `6 skipped, 14 warnings`\n\n`pytest.mark.asyncio`가 현재 환경에서 인식되지 않아 async 테스트가 "
            "실행되지 않는다.\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD009"])


def test_code_that_gets_its_loop_implicitly_on_python_3_14_is_python_s_change():
    said = ("Fix TestSyncifyAsyncContext.test_sync_acontext on Python 3.14\n\n`asyncio.get_event_loop` fails on "
            "Python 3.14 if there is no current event loop.\n")
    assert _first(said) == ("not-loop-related", ["LD011"])
    # not on 3.14, the reading does not apply
    assert _first("Fix asyncio.get_event_loop() in the tests for Python 3.13\n")[1] != ["LD011"]


def test_a_coroutine_still_scheduled_when_its_loop_closed_is_left_at_loop_end():
    run = ("tests/server/test_server.py::test_server_start\n  /usr/lib/python3.9/asyncio/base_events.py:673: "
           "RuntimeWarning: coroutine 'MatterDeviceController._check_interviews' was never awaited\n"
           "    self._scheduled.clear()\n")
    assert _first(run) == ("loop-mismatch", ["LD008"])


def test_newer_releases_said_not_to_support_wider_scoped_fixtures_is_0_23_s_change():
    said = ("# replace pytest-asyncio with asyncio_loop\n\nMore recent pytest-asyncio loop do no support fixtures with "
            "non-function scopes, use our own version of the loop fixtures that fixes this problem.\n")
    assert _first_fix(said) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=0.24")


def test_asyncio_run_in_an_async_fixture_said_in_words():
    for said in ("结论概述：fixture 设计有 2 处缺陷（async fixture + `asyncio.run` 冲突；teardown 与假设自相矛盾）。\n",
                 "The migration calls asyncio.run() inside an async fixture, and the tests break.\n"):
        assert _first(said) == ("loop-mismatch", ["LD004"]), said


def test_an_async_fixture_said_to_carry_the_plain_decorator():
    said = ("## Problem\n\nA module-level `@pytest.fixture(autouse=True)` declared `async def` silently poisons an "
            "entire xdist worker the moment anyone adds a plain `def test_` to any class in that module.\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD006"])


def test_the_new_prose_readings_do_not_take_denials_questions_or_other_matters():
    for said in ("We do not call asyncio.run() inside async fixtures; the test still fails with a KeyError in our "
                 "parser.\n",
                 "Should I call asyncio.run() inside an async fixture, or manage the loop myself?\n",
                 "The docs say asyncio.run() in an async test raises; I'm not doing that. My tests are just slow.\n"):
        assert _first(said)[1] != ["LD004"], said
    for said in ("We upgraded to pytest-asyncio 1.1.0 and now get warnings. Note asyncio_mode is not set in our "
                 "pytest.ini.\n",
                 "asyncio_mode is missing in our pyproject, but that's fine. The warning we see is: DeprecationWarning: "
                 "datetime.datetime.utcnow() is deprecated\n",
                 "Since asyncio_mode is not set, our plain @pytest.fixture async fixtures yield coroutines; pytest warns "
                 "'coroutine was never awaited'.\n"):
        assert _first(said)[1] != ["LD007"], said
    for said in ("Should async fixtures be decorated with @pytest.fixture or @pytest_asyncio.fixture?\n",
                 "None of our async fixtures are decorated with @pytest.fixture any more. Still, the session fixture "
                 "hangs.\n",
                 "We use asyncio_mode = auto, so our async fixtures are decorated with plain @pytest.fixture. Since "
                 "upgrading, tests hang forever.\n"):
        assert _first(said)[1] != ["LD006"], said
    for said in ("PyCharm에서 `pytest.mark.asyncio`가 인식되지 않습니다 (노란 밑줄). 테스트 자체는 정상적으로 통과합니다.\n",
                 "VS Code で `pytest.mark.asyncio` が認識されない（Pylance の警告）。pytest の実行は問題ありません。\n"):
        assert _first(said)[1] != ["LD009"], said
    asked = "Is it true that newer pytest-asyncio does not support session-scoped fixtures? Our tests work fine.\n"
    assert _first(asked)[1] != ["LD010"]


def test_python_3_14_s_implicit_loop_reading_keeps_to_failing_reports_without_the_plugin():
    passing = ("platform linux -- Python 3.14.0, pytest-8.4.2\ncollected 5 items\n\ntests/test_a.py .....  [100%]\n\n"
               "==== warnings summary ====\ntests/test_a.py::test_a\n  /src/app.py:3: DeprecationWarning: something\n"
               "    loop = asyncio.get_event_loop_policy().get_event_loop()\n\n==== 5 passed, 1 warning in 0.1s ====\n")
    assert _first(passing)[0] == "no-failure"
    other = ("We dropped asyncio.get_event_loop() long ago. On Python 3.14 the tests now fail with "
             "`ModuleNotFoundError: No module named 'audioop'`.\n")
    assert "implicitly" not in _top(other)["summary"]
    marked = ("After moving CI to Python 3.14, our @pytest.mark.asyncio tests fail at setup. The session fixture calls "
              "asyncio.get_event_loop().\n")
    assert _first(marked)[0] != "not-loop-related"


def test_another_plugin_s_addini_failing_is_not_pytest_asyncio_s():
    log = ("Downloading pytest_asyncio-0.16.0-py3-none-any.whl\n"
           "Successfully installed pytest-5.4.3 pytest-asyncio-0.16.0 pytest-timeout-2.3.1\n"
           "File \"/opt/lib/python3.7/site-packages/pytest_timeout.py\", line 60, in pytest_addoption\n"
           "File \"/opt/lib/python3.7/site-packages/_pytest/config/argparsing.py\", line 177, in addini\n"
           "  assert type in (None, \"pathlist\", \"args\", \"linelist\", \"bool\")\nAssertionError\n")
    assert _first(log)[1] != ["LD010"]


def test_the_legacy_mode_words_keep_to_the_releases_whose_default_it_was():
    said = "We run pytest-asyncio 0.20.3. I was getting warnings: it wants the `asyncio_mode` to be set in the config.\n"
    assert _first(said)[1] != ["LD007"]


def test_the_plugin_s_event_loop_fixture_warning_said_in_words():
    assert _first("Fix pytest-asyncio warning regarding event loop fixture\n") == ("loop-mismatch", ["LD005"])


def test_resource_warnings_said_to_come_from_the_tests_are_resources_left_open():
    for said in ("ensure more resources are closed in tests\n\nthis gets rid of a good amount of ResourceWarnings\n",
                 "Close connection, even if \"username\" was in kwargs\nThis fixes a resource usage warning in the "
                 "async unittests.\n"):
        assert _first(said) == ("loop-mismatch", ["LD008"]), said
    for said in ("There is no ResourceWarning in our tests; they fail with a KeyError.\n",
                 "How do I silence ResourceWarning in pytest?\n",
                 "We enabled -W error::ResourceWarning and the suite passes.\n"):
        assert _first(said)[1] != ["LD008"], said


def test_a_linked_plugin_bug_said_to_stop_the_tests_working():
    said = ("Fix tests for pytest-asyncio==0.11.0\n\nThe asyncio tests were not working anymore\nThis is a bug of "
            "pytest-asyncio:\nhttps://github.com/pytest-dev/pytest-asyncio/issues/157\n")
    assert _first_fix(said) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=0.12")


def test_the_unclosed_resource_pattern_is_linear_on_a_long_hostile_line():
    from analyzer.rules.unclosed_resource import UNCLOSED
    # 192 KB on one line: 15 s when the name was matched by .*
    assert_about_linear(UNCLOSED.search, lambda n: "Exception ignored in: <function " * n, 1500)
    assert UNCLOSED.search("Exception ignored in: <function _ProactorBasePipeTransport.__del__ at 0x7f01>")


HOSTILE_HEAD = "platform linux -- Python 3.12.1, pytest-8.0.0\nplugins: asyncio-0.23.3\n=== FAILURES ===\n"


# Each once took from 5 s to over a minute: a pattern whose unbounded gap backtracked over the whole line at
# every repeat of its literal. (head, repeated unit, repeats, tail)
@pytest.mark.parametrize("head, unit, repeats, tail", [
    (HOSTILE_HEAD, "fixture '_", 25000, "\n"),
    (HOSTILE_HEAD, "TypeError: ", 25000, "\n"),
    ("", "fail ", 20000, "event_loop fixture\n"),
    ("different loop ", '"""', 6000, "\n"),
    ("```", "\t", 60000, ""),
    (HOSTILE_HEAD, ":", 40000, "x mark.asyncio got an unexpected loop scope value 'x'\n"),
    ("", "ScopeMismatch", 20000, "\n"),
    (HOSTILE_HEAD, "RESPX: <Request ", 18000, "\n"),
    (HOSTILE_HEAD, "NotImplementedError", 15000, "\n"),
    ("", "set asyncio_default_fixture_loop_scope ", 7000, ""),
    ("pytest-asyncio", " ", 5000, "x"),
    ("1.0 pytest-asyncio releas", "v", 20000, "x"),
    ("own loop\n", "fixture module loop test test test ", 8500, ""),
], ids=["loop-fixture-name", "signature", "prose-narrower", "avoided-in-code", "fence", "printed-marker",
        "scope-mismatch", "respx", "not-implemented", "said-unset", "version-mention", "said-release-1-0",
        "split-loops"])
def test_long_hostile_lines_are_read_in_about_linear_time(head, unit, repeats, tail):
    assert diagnose(head + unit * repeats + tail).to_dict()["schema"] == 1
    assert_about_linear(diagnose, lambda n: head + unit * n + tail, repeats // 4)


def test_a_config_header_of_a_long_run_of_tabs_is_read_at_once():
    from analyzer.config import guess_file_name
    assert_about_linear(guess_file_name, lambda n: "[" + "\t" * n, 15000)


def test_startup_handlers_the_test_client_never_ran_are_no_loop_problem():
    for said in ("AsyncClient ignores the startup and shutdown events\n\nThe problem is that AsyncClient ignores the "
                 "startup and shutdown events.\n",
                 "I am testing using the FastAPI TestClient. This means that @app.on_event(\"startup\") never runs and "
                 "this is where I am running init().\n",
                 "the startup and shutdown events of my app aren't triggered by the latter\n",
                 "Tests would fail as the logger wasn't configured, because `httpx.AsyncClient` will route requests "
                 "directly to an asgi app, but it wouldn't emit the lifecycle events to trigger on_startup hooks.\n",
                 "```python\n@app.on_event('startup')\nasync def setup():\n    app.redis_pool = await connect()\n```\n"
                 "But when I'm running my test code, it raise a `AttributeError: 'FastAPI' object has no attribute "
                 "'redis_pool'`\n"):
        assert _first(said) == ("not-loop-related", ["LD011"]), said
    # (a sentence that says the handlers did run is no such report)
    assert _first("The startup handler runs and the pool is created; then the test fails.\n")[1] != ["LD011"]


def test_a_cancel_scope_said_to_exit_in_a_different_task_without_the_article():
    said = "MCPStreamableHTTPTool.close() throws RuntimeError(\"cancel scope in different task\") when cleanup runs.\n"
    assert _first(said) == ("not-loop-related", ["LD011"])


def test_asyncio_sleep_patched_for_the_whole_process_spins_polling_loops():
    said = ("I noticed a huge memory usage spike. The pytest process needs to be killed otherwise it runs out of "
            "memory.\n\n```python\nasync def test_sleepy():\n    with patch.object(asyncio, \"sleep\"):\n"
            "        async with Client(transport=mcp) as client:\n            await client.call_tool(\"sleepy\")\n```\n")
    finding = _top(said)
    assert finding["code"] == "LD011" and "asyncio.sleep" in finding["summary"]
    # (a patched sleep in a run that passes, or with no word of spinning, says nothing)
    assert _first("```python\nwith patch('asyncio.sleep'):\n    await poll()\n```\n")[1] != ["LD011"]


def test_an_elided_traceback_part_does_not_hide_a_plain_failed_assertion():
    said = ("Flaky test\n```\n=================================== FAILURES ===================================\n"
            "___________________ SubscribeTest.test_subscribe_push_bound ____________________\n[...]\n"
            ">       assert sub2.pending_msgs == 9\nE       assert 2 == 9\n\ntests/test_js.py:1644: AssertionError\n```\n")
    assert _first(said) == ("not-loop-related", ["LD011"])


def test_a_request_timeout_error_of_a_client_is_a_timeout():
    said = ("Test teardown taking 40+ seconds with errors like:\n\nERROR aiokafka.consumer.group_coordinator: Error "
            "sending LeaveGroupRequest to node 1 [[Error 7] RequestTimedOutError]\n")
    assert _first(said) == ("not-loop-related", ["LD011"])


def test_a_context_var_lost_under_anyio_s_plugin_is_anyio_s_task_per_fixture():
    code = ("```py\nimport pytest\n\npytestmark = [pytest.mark.anyio, ]\n\n@pytest.fixture\ndef anyio_backend():\n"
            "    return \"asyncio\"\n\n@pytest.fixture\nasync def async_():\n    _var.set(\"other\")\n    yield\n```\n")
    said = "ContextVar value set in async fixture is not available in test\n\n" + code
    finding = _top(said)
    assert finding["code"] == "LD011" and "AnyIO" in finding["summary"]
    # pytest-asyncio's own (#127) stays the release's matter
    asyncio_said = said.replace("pytestmark = [pytest.mark.anyio, ]", "pytestmark = pytest.mark.asyncio") \
        .replace("def anyio_backend():\n    return \"asyncio\"\n", "def other():\n    return 1\n")
    assert _first(asyncio_said) == ("loop-mismatch", ["LD010"])


def test_asyncio_run_said_to_fail_on_the_loop_already_running():
    said = ("RuntimeError in async tests: When Alembic internally called `asyncio.run()` in env.py, it failed because "
            "pytest-asyncio already had a running\n   event loop.\n")
    assert _first(said) == ("loop-mismatch", ["LD004"])


def test_an_option_said_unknown_to_older_releases_is_a_version_matter():
    said = ("Bump min version required for pytest-asyncio to 0.17.0\n\nOlder versions fail for the presence of "
            "asyncio_mode in pytest config,\nwhich is required from 0.17 on instead.\n")
    assert _first_fix(said) == ("LD007", "change-pytest-asyncio-version", "pytest-asyncio>=0.17")


def test_a_tasks_awaitable_left_uncancelled_said_to_close_on_a_closed_loop():
    said = ("Bugfix cancel the stream get in Body iteration\n\nThe awaitable was not referenced and lost. This results in "
            "small memory leaks followed by\nRuntimeError('Event loop is closed') on closure as the queues attempt\n"
            "to cancel the awaitables.\n")
    assert _first(said) == ("loop-mismatch", ["LD008"])


def test_a_note_that_stops_using_the_event_loop_fixture():
    assert _first("Stop using event_loop fixture\n\nIt was removed in pytest-asyncio 1.0.\n") == ("loop-mismatch", ["LD005"])


def test_a_short_note_naming_strict_mode_as_the_default():
    said = "Switch to pytest_asyncio.fixture\n\nThis is required now that strict mode is the default.\n"
    assert _first(said) == ("asyncio-misconfiguration", ["LD006"])
    # (another tool's strict mode is not pytest-asyncio's)
    assert _first("Enable mypy\n\nThis is required now that strict mode is the default.\n")[1] != ["LD006"]


def test_a_closed_loop_warning_said_of_clean_up_is_an_unclosed_resource():
    said = ("Fix event loop closed warning during stdio cleanup (#2792)\n\nAdd GC call and yield after stdio_client "
            "context exits to clean up\nasyncio subprocess transport references while the loop is still running.\n")
    assert _first(said) == ("loop-mismatch", ["LD008"])


def test_a_thread_said_to_create_its_own_loop_across_a_wrapped_line():
    said = ("The test was using a separate ServerThread that created its own event\nloop via anyio.run(). This caused "
            "conflicts with the test's event loop, resulting in:\n\n  ValueError: The future belongs to a different "
            "loop than the one\n  specified as the loop argument\n")
    assert _first(said) == ("loop-mismatch", ["LD004"])


def test_objects_said_to_be_declared_at_module_scope_are_bound_at_import():
    said = ("Faust apps are declared at module scope but started from a loop created later by asyncio.run(), so the "
            "worker failed with \"Task ... got Future ... attached to a different loop\". The tests declare the app in "
            "a synchronous fixture.\n")
    assert _first(said) == ("loop-mismatch", ["LD003"])


def test_requests_for_documentation_or_a_possibility_are_no_failure():
    for said in ("Add how-tos for requesting loops with different scopes\n\nThe reference section explains it, but "
                 "there are no how-tos on the topic.\n",
                 "Run fixtures in the test's task\n\nWould it be possible to run async fixtures and the test in one "
                 "task, as pytest-trio does?\n",
                 "support for taskgroups in fixtures\n\nThis could be done with `@anyio.pytest_fixture`. It would also "
                 "be useful to expose this machinery.\n"):
        assert diagnose(said).to_dict()["verdict"] == "no-failure", said


def test_an_unplaced_iscoroutinefunction_warning_in_prose_is_not_blamed_on_the_plugin():
    """Many libraries call asyncio.iscoroutinefunction; every release before 1.0 calls the policy functions."""
    said = ("DeprecationWarning: 'asyncio.iscoroutinefunction' is deprecated\n\n> `DeprecationWarning: "
            "'asyncio.iscoroutinefunction' is deprecated and slated for removal in Python 3.16; use "
            "inspect.iscoroutinefunction() instead`\n\nGetting this running the tests in Python 3.14.\n")
    assert _first(said)[0] not in ("loop-mismatch", "asyncio-misconfiguration")
    assert _first(said.replace("running the tests", "running the tests with pytest-asyncio 0.24.0")) \
        == ("loop-mismatch", ["LD010"])
    policy = ("Fixes `DeprecationWarning: 'asyncio.set_event_loop_policy' is deprecated and slated for removal in "
              "Python 3.16` warnings appearing with Python 3.14\n")
    assert _first(policy) == ("loop-mismatch", ["LD010"])


def test_a_finaliser_said_to_fail_once_the_loop_is_gone_is_an_unclosed_resource():
    said = ("Close state_manager redis client after tests\n\nAvoid RuntimeError during `StreamWriter.__del__` when "
            "pytest-asyncio rips the\nevent loop away after each test.\n")
    assert _first(said) == ("loop-mismatch", ["LD008"])


def test_pytest_asyncio_said_not_installed_with_a_pronoun():
    said = "Ignore config warning for pytest-asyncio when it is not installed\n"
    assert _first(said) == ("asyncio-misconfiguration", ["LD009"])


def test_a_class_said_to_miss_its_class_level_asyncio_marker():
    said = ("test(backoffice): mark TestEditOrganization with pytest.mark.asyncio\n\nThe new async test class was "
            "missing the class-level asyncio marker that\nthe rest of the module uses, so under asyncio_mode = "
            "\"strict\" pytest\nskipped its coroutines.\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD006"])


def test_a_linked_0_10_deprecation_of_direct_item_construction_is_0_11():
    said = ("Pin pytest at 5.3.5 until pytest-asyncio fixes its DepreciationWarnings\n"
            "https://github.com/pytest-dev/pytest-asyncio/issues/141\n")
    assert _first_fix(said) == ("LD010", "change-pytest-asyncio-version", "pytest-asyncio>=0.11")


def test_a_global_cache_or_one_instance_per_loop_names_an_object_bound_at_import():
    for said in ("tests: clear singleton cache between tests\n\nThe global _SINGLETON_CACHE persists across tests. The "
                 "next test awaits a Future from a different loop. Add an autouse fixture that clears the cache.\n",
                 "bluez: Create a bluez manager instance per-event-loop\n\nAvoids \"got Future <Future pending> attached "
                 "to a different loop\" if Bleak\ninstances are constructed in context of more than one event loop.\n"):
        assert _first(said) == ("loop-mismatch", ["LD003"]), said


def test_a_flaky_test_put_down_to_timing_is_a_race_in_one_loop():
    said = ("Fix flaky test_adjust_system_datetime\n\nThe test used a fixed asyncio.sleep(0.1) before emitting the "
            "signal. On a busy CI runner the task could still be short of subscribing.\n\nReplace the sleep with a "
            "deterministic handshake.\n")
    assert _first(said) == ("not-loop-related", ["LD011"])
    # (a flaky loop error is read as that error)
    assert _first(said + "\nRuntimeError: Task <Task pending> got Future <Future pending> attached to a different "
                  "loop\n")[1] != ["LD011"]


def test_async_tests_run_by_django_s_own_runner_are_run_by_no_plugin():
    said = ("my async test is not being run\n```\n@pytest.mark.asyncio\nasync def test_my_consumer():\n    "
            "assert True\n```\n\n-../entrypoint.py python manage.py test apple.graphquery -v 1\nRan 1 test\n")
    finding = _top(said)
    assert finding["code"] == "LD009" and "manage.py test" in finding["summary"]


def test_nest_asyncio_refusing_the_loop_it_found_is_its_own_limit():
    said = ("After updating to `nest_asyncio==1.5.2`, our test suite has started to fail:\n\n```\ntests/conftest.py:29: "
            "in <module>\n    nest_asyncio.apply()\nE   ValueError: Can't patch loop of type <class 'NoneType'>\n```\n")
    assert _first(said) == ("not-loop-related", ["LD011"])


def test_a_title_naming_a_class_is_no_error_of_a_run():
    said = ("tornado.testing.AsyncHTTPTestCase: Avoid make Application every times\n\nI have a lot tests that inherited "
            "`tornado.testing.AsyncHTTPTestCase`, recently I find the testing is very slow.\n")
    assert _first(said)[1] != ["LD011"]
    assert _first("Fix\n\nValueError: invalid literal for int() with base 10: 'x'\n") == ("not-loop-related", ["LD011"])


def test_phrases_a_commit_message_wrapped_are_read_across_the_wrap():
    said = ("integration tests: drop pytest-asyncio from page-using tests\n\npytest-asyncio's event-loop runner and "
            "pytest-playwright's sync driver\ncan't share the main thread — mixing `@pytest.mark.asyncio` with the\n"
            "sync `page` fixture trips teardown with \"Cannot run the event loop\nwhile another loop is running\" "
            "(warned now, error in future\npytest-asyncio releases).\n")
    assert _first(said) == ("loop-mismatch", ["LD004"])


def test_a_closed_loop_said_to_race_the_loop_s_own_shutdown_is_no_crossing():
    said = ("Fixed RuntimeError in worker thread when the event loop closes during result reporting\n\nWorkerThread.run() "
            "checked loop.is_closed() before calling\ncall_soon_threadsafe(), but the loop could close in between (a "
            "race\nwith event loop shutdown), raising 'RuntimeError: Event loop is\nclosed' in the worker thread. This "
            "surfaced as\nPytestUnhandledThreadExceptionWarning.\n\nHandle it the same way as the selector thread "
            "already does: catch\nRuntimeError from call_soon_threadsafe() and drop the undeliverable\nresult.\n")
    assert _first(said) == ("not-loop-related", ["LD011"])


def test_the_readings_of_this_round_keep_to_what_reports_affirm():
    """Denials, questions, another tool's words and a loop error beside them: none is read as the new readings."""
    anyio = ("```py\npytestmark = [pytest.mark.anyio]\n\n@pytest.fixture\ndef anyio_backend():\n    return 'asyncio'\n```\n")
    loop_error = "RuntimeError: Task got Future <Future pending> attached to a different loop\n"
    not_loop = {
        "I use `with TestClient(app) as client:` so the startup is not ignored; the test fails with KeyError: 'user_id'.\n",
        "Our lifespan handler is not being run twice any more after the fix; tests pass now.\n",
        "We don't see any event loop closed errors; the teardown just takes 40 seconds.\n",
        "How do I get rid of the event loop closed warning during cleanup?\n",
        "Stop using the event_loop fixture?\n\nIs that what the 0.23 deprecation means for us?\n",
        "Do older versions fail with asyncio_mode in the config?\n",
        "Switch ruff to strict\n\nThis is required now that strict mode is the default.\nAlso pin pytest-asyncio.\n",
        "I call asyncio.run() in main() and that's fine, since no loop is already running there. The tests fail with a "
        "KeyError.\n",
    }
    for said in not_loop:
        verdict, codes = _first(said)
        assert codes not in (["LD011"], ["LD008"], ["LD005"], ["LD007"], ["LD006"], ["LD004"]) or verdict == "unknown", \
            (said, verdict, codes)
    # a loop error beside a patched sleep or a lost ContextVar stays the answer
    sleep = ("platform linux -- Python 3.12.1, pytest-8.0.0\nplugins: asyncio-0.23.3\n=== FAILURES ===\n___ test_poll ___\n"
             "    with patch('asyncio.sleep'):\n>       await client.get()\nE   " + loop_error +
             "=== 1 failed in 0.3s ===\nThe CI job was killed after this.\n")
    assert _first(sleep)[1] != ["LD011"]
    assert _first(loop_error + "\nAlso the context var is not propagated to the test.\n" + anyio)[1] != ["LD011"]
    # AnyIO 4 runs fixture and test in one task: no AnyIO 3 answer there
    anyio_4 = diagnose("plugins: anyio-4.2.0\nContextVar value set in async fixture is not available in test\n" + anyio)
    assert not any("AnyIO 3" in f["summary"] for f in anyio_4.to_dict()["findings"])
    # the plugin making its own loop for each test is the wider-fixture story, not an app's own loop
    wider = (loop_error + "\nMy session-scoped async fixture creates an httpx client. pytest-asyncio creates its own event "
             "loop for each test, so the second test fails.\n")
    assert _first(wider)[1] != ["LD004"]
    # a fixture defined at module level is no object bound at import
    fixture = ("RuntimeError: Event loop is closed\n\nThe error comes from client.aclose() in the fixture teardown. The "
               "fixture is defined at module level in conftest.py.\n")
    assert _first(fixture)[1] != ["LD003"]
    # an upper-case option name is read as its key
    assert _first("Bump min version required for pytest-asyncio to 0.17.0\n\nOlder versions fail for the presence of "
                  "ASYNCIO_MODE in pytest config.\n") == ("asyncio-misconfiguration", ["LD007"])


def test_a_title_that_stops_using_event_loop_on_blank_lines_is_read_at_once():
    assert_about_linear(diagnose, lambda n: "The event loop fixture\n" + "\n" * (2 * n) + "-\n" * n, 5000)


def test_a_sync_driver_said_to_own_the_loop_pytest_asyncio_needs():
    for said in ("CI: disable pytest-asyncio in the integration run\n\npytest-playwright's sync driver owns the "
                 "main-thread event loop for the\nwhole session; pytest-asyncio's scoped runner tries to initialise its\n"
                 "own and races with it at teardown.\n",
                 "Always run playwright tests in separate CI job\n\nplaywright uses a session scope fixture which "
                 "creates an event loop for the\nsession, so subsequent tests using pytest_asyncio fixture cannot start "
                 "their\nown loop and fail\n"):
        assert _first(said) == ("loop-mismatch", ["LD004"]), said


def test_unmarked_async_def_tests_said_to_fail_in_strict_mode():
    said = ("test: mark test_alembic_with_running_loop as asyncio\n\npytest-asyncio 1.x in strict mode (which CI uses "
            "via the root\npytest.ini) now fails on unmarked async-def tests instead of silently\nskipping them.\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD006"])


def test_pytest_asyncio_said_not_to_be_listed_as_a_dependency():
    said = ("Chore: Add pytest-asyncio as explicit dev dependency\n\npytest-asyncio is required to run async tests locally "
            "but is not listed as an explicit dev dependency in pyproject.toml. Local `pytest` runs fail with ~587 "
            "fixture setup errors if it's missing.\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD009"])


def test_a_flaky_test_put_down_to_a_leak_is_no_timing_race():
    said = ("fix: close all memory stream ends in client transport cleanup\n\nThe unclosed ends leak and emit "
            "ResourceWarning when garbage collected.\n\nThis caused flaky test failures in CI: a transport connection "
            "error in one test would leak streams, then GC in a later unrelated test would trigger ResourceWarning.\n\n"
            "Regression tests force gc.collect() so leaked streams fail deterministically in the test that caused them.\n")
    assert not any("timing" in f["summary"] for f in diagnose(said).to_dict()["findings"])


def test_transports_said_to_be_finalised_once_that_loop_closed():
    said = ("Reap and close spawned processes inside the child cleanup tests\n\nThe cleanup tests killed the spawned "
            "process tree but never awaited the\nprocess or closed its pipe streams. The asyncio subprocess transports\n"
            "stayed referenced by the per-test event loop, became garbage once that\nloop closed, and were finalized "
            "during a later test on the same worker.\n")
    assert _first(said) == ("loop-mismatch", ["LD008"])


def test_a_client_said_to_be_created_at_module_level_and_made_per_loop():
    said = ("fix(xai): lazily create AsyncClient per event loop to avoid gRPC loop mismatch\n\ngRPC async channels bind "
            "to the event loop at creation time. When XaiProvider\nwas created at module level and later used inside "
            "asyncio.run(), the loop\ndiffered, causing \"RuntimeError: Task got Future attached to a different loop\".\n")
    assert _first(said) == ("loop-mismatch", ["LD003"])


def test_a_release_said_to_bring_changes_or_not_to_handle_something():
    for said, release in (("Hotfix pin pytest-asyncio\n\nDue to changes that exist in `pytest-asyncio==0.4.1`, tests "
                           "fail. This\nhotfixes the issue until it can be addressed properly.\n", "0.4.1"),
                          ("avoid closing asyncio event loop when cleaning up tornado\n\npytest-asyncio 0.25.2 doesn't "
                           "handle closed event loop\n", "0.25.2")):
        assert _first_fix(said) == ("LD010", "change-pytest-asyncio-version", f"pytest-asyncio!={release}"), said


def test_a_scope_mismatch_named_as_what_a_design_avoids_is_no_failure_of_the_report():
    said = ("Share one event loop per test module to stop Windows socketpair churn\n\nanyio's lease-counted runner "
            "creates a fresh event loop for every async\ntest when only function-scoped async fixtures exist.\n\nModules "
            "that parametrize anyio_backend shadow the lease with a sync no-op: a module-scoped lease cannot depend on "
            "the\nfunction-scoped parameter (ScopeMismatch), and a held asyncio loop's\nwakeup fd breaks direct trio "
            "runs.\n")
    assert _first(said)[0] not in ("loop-mismatch", "asyncio-misconfiguration")
    assert _first("Our session fixture fails with ScopeMismatch on the event loop since the upgrade.\n")[1] == ["LD002"]


def test_notes_about_the_implicit_mode_strict_mode_and_the_1_x_releases():
    assert _first("Update Pytest configuration (deprecated implicit asyncio mode)\n\nThis make downstream test fail.\n") \
        == ("asyncio-misconfiguration", ["LD007"])
    assert _first("fix: Address incompatibility with strict mode for pytest-asyncio in 0.17.0 and beyond.\n") \
        == ("asyncio-misconfiguration", ["LD006"])
    assert _first("Adapt the tests for pytest-asyncio 1.x\n") == ("loop-mismatch", ["LD005"])


def test_a_closed_loop_that_a_test_s_injected_fault_causes_or_a_task_list_names_is_no_unclosed_resource():
    said = ("test: isolate async rollback fixture teardown\n\n## Root cause\nThe shared db_session fixture calls the "
            "instance rollback method during teardown. The lifecycle regression intentionally monkeypatches that method "
            "to raise, so fixture teardown re-invokes the fault injection and pytest reports rollback cleanup failed "
            "plus Event loop is closed.\n\n## Acceptance criteria\n- [ ] No teardown Event loop is closed errors "
            "remain.\n")
    assert _first(said)[0] not in ("loop-mismatch", "asyncio-misconfiguration")
    assert _first("Teardown fails with RuntimeError: Event loop is closed when the client is not closed.\n")[0] \
        == "loop-mismatch"


def test_readings_from_the_misses_of_real137_to_139():
    # a test suite's own leaking threads and ports ("leaking socket-mode tests") are no unclosed loop resource
    said = ("test: fix intermittent CI hang\n\nThe shared mock web API server used a single-threaded HTTPServer on a "
            "non-daemon thread.\n- Fix the two leaking socket-mode tests: add the missing teardown, move\n  off the "
            "shared port.\n")
    assert _first(said)[1] != ["LD008"]
    assert _first("Our tests leak sockets: the aiohttp session is never closed.\n") == ("loop-mismatch", ["LD008"])
    # the loop shut down while clean-up was still running
    assert _first("Fix async test (#886)\n\nTest failed to wait for all futures to clean up after them but shut down the"
                  "\nevent loop while for instance sessions where still closing\n") == ("loop-mismatch", ["LD008"])
    # the new release's strict mode, said in a note
    assert _first("new pytest_asyncio runs in strict mode\n\nthis makes it necessary to use pytest_asyncio.fixture for "
                  "async\nfixtures\n") == ("asyncio-misconfiguration", ["LD006"])
    # a positional scope on the marker, quoted by a report with no run
    assert _first("Recently I used `pytest.mark.asyncio(\"session\")` instead of `pytest.mark.asyncio(scope=\"session\")`."
                  "\nIt took me quite a while to find out why the test was function scoped.\n") \
        == ("asyncio-misconfiguration", ["LD007"])
    # a count over a fixed window that scheduling jitter spoils
    assert _first("fix: make test_task_heartbeats robust to timing jitter\n\nWhether exactly 5 heartbeats land inside "
                  "that window depends on event-loop scheduling precision, so under CI load a tick slips past the cutoff "
                  "and the test fails with `assert 4 == 5.0`.\n") == ("not-loop-related", ["LD011"])


def test_readings_from_the_misses_of_real140_to_142():
    assert _first("Stop using old event_loop fixture.\n") == ("loop-mismatch", ["LD005"])
    assert _first("chore: port to pytest-asyncio 1.0.0\n\nThis mostly follows the migration guide.\n") \
        == ("loop-mismatch", ["LD005"])
    assert _first("fix tests after pytest_asyncio==0.19.0 change (#1024)\n") == ("asyncio-misconfiguration", ["LD006"])
    assert _first("The newer version of pytest-asyncio breaks the tests\n")[1] == ["LD010"]
    assert _first("tests: Add missing super to teardown\n\nThe lack of that teardown had spawned error messages about "
                  "unclosed file\ndescriptors.\n") == ("loop-mismatch", ["LD008"])
    # (the newer release said not to break anything, or an unclosed file merely named, say nothing of the kind)
    assert _first("The newer version of pytest-asyncio breaks nothing for us; the KeyError is ours.\n")[1] != ["LD010"]


def test_a_clean_up_coroutine_the_application_calls_without_await():
    said = ("await peer.close() in WalletNode.validate_received_state_from_peer()\n\n```\nfarm/chia-blockchain/chia/wallet/"
            "wallet_node.py:1058: RuntimeWarning: coroutine 'WSChiaConnection.close' was never awaited\n"
            "peer.close(9999)\n```\n")
    assert _first(said) == ("not-loop-related", ["LD011"])
    # the tests' own teardown that does not await the close stays an unclosed resource
    teardown = ("```\n  bottery/tests/test_bottery.py:22: RuntimeWarning: coroutine 'ClientSession.close' was never "
                "awaited\n    bot.session.close()\n```\n")
    assert _first(teardown) == ("loop-mismatch", ["LD008"])


def test_notes_that_fix_the_event_loop_warning_or_an_unclosed_warning():
    assert _first("Fixes pytest-asyncio warning for `event_loop` (#1760)\n") == ("loop-mismatch", ["LD005"])
    assert _first("Get rid of event_loop warnings\n\nThis change was originally part of another project.\n") \
        == ("loop-mismatch", ["LD005"])
    assert _first("Fix asyncio SSL unclosed warning\n") == ("loop-mismatch", ["LD008"])


def test_a_known_error_a_note_wraps_mid_message_is_read_whole():
    said = ("Bugfix await the get_data call\n\nCommit b325485 changed the get_data\nmethod on the Response to be async, "
            "this changed missed this call.\nThis also fixes, the until now mysterious, ``RuntimeWarning: coroutine\n"
            "'Response.get_data' was never awaited`` error when testing.\n")
    assert _first(said) == ("not-loop-related", ["LD011"])


def test_notes_that_stop_requesting_event_loop_or_exclude_a_release():
    assert _first("Remove unnecessary event_loop fixtures in tests\n") == ("loop-mismatch", ["LD005"])
    assert _first("bump pytest-asyncio version to 1.2.0 and update benchmarks to not use event loop fixture\n") \
        == ("loop-mismatch", ["LD005"])
    assert _first("test: Make the tests pass in pytest-asyncio>=0.17 (#525)\n\nAdjust the event_loop fixture to make it "
                  "compatible with pytest-asyncio>=0.17\n") == ("loop-mismatch", ["LD005"])
    said = ("Do not use pytest-asyncio 0.11.0\n\ntests/integration/test_aiopg_connector.py::test_execute_query_simultaneous"
            " fails\nwith pytest-asyncio 0.11.0.\n\nSee https://github.com/pytest-dev/pytest-asyncio/issues/154.\n")
    assert _first(said) == ("loop-mismatch", ["LD010"])
    assert _first("Add pytest-asyncio to tox deps.\n") == ("asyncio-misconfiguration", ["LD009"])


def test_notes_of_resources_left_open_or_objects_made_lazily_per_loop():
    for said in ("fix: unclosed client sessions locally fixed\n", "fix test_concurrency socket unclosed\n",
                 "Close the process after termination to avoid uncaught exceptions after event loop closure\n"):
        assert _first(said) == ("loop-mismatch", ["LD008"]), said
    assert _first("fix: make job queue lazy so there isn't a mismatch of event loops\n") == ("loop-mismatch", ["LD003"])
    said = ("Fix threading in get_test_home_assistant test helper\n\nWithout this PR, the asyncio event loop is created "
            "by the test runner thread but execution happens in a different thread.\n")
    assert _first(said) == ("loop-mismatch", ["LD004"])
    assert _top(said)["evidence"][0]["line"] == 3


def test_notes_of_errors_inside_one_loop():
    for said in (
            # a task garbage-collected for want of a reference
            "Keep a strong reference to running async workflow tasks so GC cannot destroy them\n\n```\nTask was "
            "destroyed but it is pending!\n```\n",
            # concurrency on one session
            "Fix not using asyncio.gather() with the same session as it doesn't suppport it\n",
            "Graceful shutdown test race fixed.\n",
            "Some more work on tabs flakiness/race-conditions\n",
            "test(cache): deflake TTL expiration test with frozen clock\n\nOn loaded CI runners event-loop scheduling lag "
            "ate the margin, and the test failed.\n",
            # the loop's own clock mocked
            "Update tests to support latest time-machine\n\nThis new version of `time-machine` mocks the monotonic clock "
            "of\nasyncio, so the timers of the test never fired and it failed.\n",
            "A test doing `monkeypatch.setattr(time, \"monotonic\", ...)` freezes every asyncio timer while the patch is in "
            "place: the run stopped making progress.\n",
            # a thread lock held across an await
            "fix(sessions): resolve async deadlock in multiplexed session manager\n\nThe manager used a synchronous "
            "threading.Lock around the session creation, so the event loop becomes blocked.\n",
            "Fix unawaited coro warning when instantiating Bot for MockBot's spec\n"):
        assert _first(said) == ("not-loop-related", ["LD011"]), said
    # (the task's destruction with nothing said of references, and a race beside resource warnings, stay as they were)
    assert _first("```\nTask was destroyed but it is pending!\n```\n") == ("loop-mismatch", ["LD008"])


def _not_loop_without_advice(said):
    result = diagnose(said).to_dict()
    assert (result["verdict"], [f["code"] for f in result["findings"]][:1]) == ("not-loop-related", ["LD011"])
    assert not any(fix.get("diff") for f in result["findings"] for fix in f["fixes"])


# A run's own loop error, after a report's first line: what the run shows is the answer to read.
CROSSING_RUN = ("\n\n=================================== FAILURES ===================================\n___ test_a ___\n"
                "E       RuntimeError: Task <Task pending> got Future <Future pending> attached to a different loop\n"
                "=========================== short test summary info ============================\n"
                "FAILED tests/test_a.py::test_a - RuntimeError: Task <Task pending> got Future <Future pending> attached "
                "to a different loop\n============================== 1 failed in 0.12s ===============================\n")


def test_a_closed_loop_the_code_kept_a_reference_to_is_its_own_lifecycle_bug():
    said = ("Fix stop() after the worker loop has closed\n\nIf run() exited via an exception (e.g. a database error), the "
            "stop event\nwas never set and self._loop kept pointing at the closed loop, so a late\ncross-thread stop() "
            "raised \"RuntimeError: Event loop is closed\" from\ncall_soon_threadsafe.\n")
    _not_loop_without_advice(said)


def test_readings_from_the_misses_of_real151_to_155():
    # a bare note about the plugin's deprecation warning: the unset-scope one, unless another is named or linked
    assert _first("chore(internal): avoid pytest-asyncio deprecation warning (#832)\n") \
        == ("asyncio-misconfiguration", ["LD007"])
    assert _top("chore(internal): avoid pytest-asyncio deprecation warning (#832)\n")["confidence"] == "low"
    assert _first("Fix pytest-asyncio deprecation warning in test\n\nIntroduced in pytest-asyncio in:\n"
                  "https://github.com/pytest-dev/pytest-asyncio/pull/648\n")[1] != ["LD007"]
    assert _first("Remove the custom event_loop fixture to fix the pytest-asyncio deprecation warning\n")[1] != ["LD007"]
    assert _first("fix: mark test as pytest.mark.anyio\n") == ("asyncio-misconfiguration", ["LD006"])
    assert _first("tests: add pytest-asyncio dependency\n") == ("asyncio-misconfiguration", ["LD009"])
    for said in ("fix: handle async tests\n\n* add missing asyncio\n\n* explicitly close connection in the test\n",
                 "Fix unclosed resources in proxy xfail tests\n",
                 "Fixed a flakey test by aborting the SSL shutdown.\nThe graceful TLS close was occasionally outliving the "
                 "test event\nloop on one of the CI jobs.\n",
                 "Root cause: pytest-asyncio implicitly creates an event loop in\n_get_event_loop_no_warn during fixture "
                 "setup and never closes it.\n"):
        assert _first(said) == ("loop-mismatch", ["LD008"]), said
    said = ("fix(ci): stop double-running async integration tests\n\nRoot cause: anyio_mode=\"auto\" caused pytest-anyio "
            "to auto-collect ALL async test functions, including those also marked with @pytest.mark.asyncio. Both "
            "plugins claimed and ran the same tests.\n")
    assert _first(said) == ("loop-mismatch", ["LD004"])
    said = ("fix(async): include event loop ID in connection alias\n\n* In `AsyncMilvusClient`, connections are cached "
            "globally by this alias.\n* If an event loop is closed (e.g., after `asyncio.run()` finishes) and a new loop "
            "is started, the client reuses the cached connection.\n* This results in errors like: `RuntimeError: Event "
            "loop is closed`.\n")
    assert _first(said) == ("loop-mismatch", ["LD003"])


def test_an_object_a_fix_makes_on_the_current_loop_and_an_unawaited_coroutine_in_portuguese():
    for said in ("tests: ensure _insert_mutex is created in the current event loop\n",
                 "tests: 确保 _insert_mutex 是在当前事件循环中创建的\n",
                 "bluez: Create a bluez manager instance per-event-loop\n"):
        assert _first(said) == ("loop-mismatch", ["LD003"]), said
        assert _top(said)["evidence"][0]["line"] == 1
    assert _first("Is the lock created in the current event loop?\n") == ("unknown", [])
    said = ("Warning no exercício resolvido 4 da aula_10.md\n\nAo utilizar o código do exercício 4 gerou um warning "
            "avisando que uma corrotina (session.refresh()) não estava sendo esperada, no test, acrescentei o await.\n")
    assert _first(said) == ("not-loop-related", ["LD011"])


def test_an_async_fixture_asked_for_while_the_test_runs_is_the_runners_limit():
    said = ("Trio backend hangs instead of failing when dynamically accessing async fixture via getfixturevalue\n\n"
            "When you try to dynamically access an async fixture on `AsyncIO` backend you hit a `RuntimeError: This "
            "event loop is already running`.\n\n```\n@pytest.mark.anyio\nasync def test_some_fn(request):\n    value = "
            "request.getfixturevalue('fixt')\n```\n")
    _not_loop_without_advice(said)


def test_strict_mode_adopted_to_end_warnings_and_a_mock_that_never_ends_a_loop():
    said = ("Utilise the pytest-asyncio strict mode\n\nThis removes warnings and ensures that pytest asyncio doesn't "
            "affect\nthe trio tests.\n")
    assert _first(said) == ("asyncio-misconfiguration", ["LD007"])
    # (moving to strict mode with no word of warnings is no failure the rules read)
    assert _first("Switch to pytest-asyncio's strict mode for async tests (#1782)\n")[1] != ["LD007"]
    said = ("fix(tests): resolve infinite loop and resource leaks in unit tests\n\nFix mock_assistants fixture that "
            "caused infinite pagination loop: the adapter returned a MagicMock (truthy pagination_token), so Paginator "
            "never terminated. This was the primary cause of 100% CPU and OOM.\n")
    assert _first(said) == ("not-loop-related", ["LD011"])


def test_the_readings_of_this_round_keep_to_what_reports_state():
    """A review's findings: denials, questions and hypotheticals read as statements, a crash, vetoes and gates too
    wide or too narrow."""
    crossing = "Still: got Future attached to a different loop."
    assert _first(f"We don't use getfixturevalue with async fixtures anywhere. {crossing}\n")[0] == "loop-mismatch"
    for said in ("pytest-asyncio creates an event loop\n\nand never closes it.\n",
                 "pytest-asyncio creates an event loop\n- never closes it\n"):
        assert not diagnose(said).internal_errors, said
    # a word of task references beside real unclosed resources, or a plain failure
    assert _first("We keep strong references to tasks in a set.\nResourceWarning: unclosed <socket.socket fd=12, "
                  "family=2, type=1, proto=6>\n") == ("loop-mismatch", ["LD008"])
    for said in ("We keep strong references to all tasks. The test fails with AssertionError: 3 != 4.\n",
                 "The mock is fine; there is no infinite loop. The test fails with AssertionError: 3 != 4.\n",
                 "Each coroutine in asyncio.gather gets its own session; we never gather with the same session. The "
                 "test fails with AssertionError: 3 != 4.\n"):
        top = diagnose(said).to_dict()["findings"]
        assert not top or not any(w in top[0]["summary"] for w in ("garbage-collected", "infinite", "one database")), said
    for said in ("should we mark the test as pytest.mark.anyio?\n",
                 "I don't think we should mark the test as pytest.mark.anyio here.\n",
                 "Is it better not to use the event_loop fixture?\n",
                 "There is no mismatch between event loops here; it is a plain KeyError in our code.\n",
                 "The event loop is created by the main thread but nothing runs in a different thread; all runs in one "
                 "thread.\n",
                 "Do both plugins run the same tests? I only have pytest-asyncio installed; tests fail with KeyError.\n",
                 "Both plugins never ran the same tests here: anyio's plugin is disabled. The failure is a KeyError in "
                 "pytest-asyncio tests.\n",
                 "Both plugins are installed (pytest-asyncio and pytest-mock); nothing conflicts with pytest-mock. Tests "
                 "fail with KeyError: 'id'.\n",
                 "We don't need a client per event loop; the test fails with AssertionError: 3 != 4.\n",
                 "The task must never outlive the test event loop, and it does not. The issue is a KeyError in the "
                 "parser.\n",
                 "Fix KeyError in the parser. This is unrelated to the pytest-asyncio deprecation warning.\n",
                 "We don't use strict mode. Setting asyncio_mode=auto removes the warnings but tests still fail with "
                 "KeyError.\n",
                 "Related reading: https://github.com/pytest-dev/pytest-asyncio/issues/950\nWe exclude the integration "
                 "tests from the default run.\n"):
        assert _first(said)[0] not in ("loop-mismatch", "asyncio-misconfiguration"), said
    assert _first("I mark the test with pytest.mark.anyio and get Event loop is closed on the second test.\n")[1] \
        != ["LD006"]
    for said in ("It is not a stale event loop. We get 'Event loop is closed' from the second test on.\n",
                 "Nothing is lazily created here.\nRuntimeError: Task got Future attached to a different loop\n",
                 "We did not make anything lazy; the pool is created per test.\nRuntimeError: Task got Future attached "
                 "to a different loop\n"):
        assert _first(said)[1] == ["LD001"], said
    for said in ("Close the subprocess transport after the event loop is closed.\n",
                 "fix: explicitly close the client in the test\n", "fix: explicitly close sessions in each test\n",
                 "pytest-asyncio creates an event loop for the fixture and does not close it.\n"):
        assert _first(said) == ("loop-mismatch", ["LD008"]), said
    for said in ("la corrutina no fue esperada en el test\n", "Corrotina não foi esperada no teardown\n"):
        assert _first(said) == ("not-loop-related", ["LD011"]), said


def test_readings_from_the_misses_of_real157_to_161():
    for said, code in [
            ("Bump pytest-asyncio minimum version to v1.0.0. New version doesn't support the `event_loop` fixture "
             "anymore.\n", "LD005"),
            ("Fixture `event_loop` got removed from `pytest-asyncio`\n", "LD005"),
            ("Delay creation of _AwaitEvent's condition until it's needed\n\nWhen condition is created it automatically "
             "captures current event loop.\n", "LD003"),
            ("avoid creating asyncio.Lock at import time\n\nasyncio.Lock references the current event loop.\n", "LD003"),
            ("fix: missing pytest-asyncio session scope marker in test_kserve_logger_cipn (#4607)\n", "LD001"),
            ("Clean up test_api_server.py\n\nIt seems there are some conflicts between pytest-aiohttp and "
             "pytest-asyncio.\n", "LD004"),
            ("Stop using `asyncio.run` which leaks unclosed event loops\n", "LD004"),
            ("try to do better at closing event loops\n\nhopefully closes some of the unclosed warnings\n", "LD008"),
            ("Pin pytest-asyncio\n", "LD010"),
            ("freeze pytest-asyncio version while waiting for 0.15.0 fix\n", "LD010"),
            ("Add asyncio_mode setting for pytest\n", "LD007"),
            ("async method fixture is run with different `self` than the test method\n\nIf you make a fixture method "
             "`async`, it is run with a different `self`.\n\n```\npytest-asyncio    0.14.0\n```\n", "LD010"),
            ("asyncio_mode=auto does not mark static methods\n\nI've migrated from 0.17.2 to 0.18.1.\n", "LD010"),
            ("DeprecationWarning for pytest <7 is emitted on 0.20 with `pytest >= 7`\n", "LD010"),
            ("As described in #5142, calling `sub_pages.add` results in a \"coroutine was never awaited\" warning.\n",
             "LD011")]:
        assert _first(said)[1] == [code], said
    assert _top("Stop using `asyncio.run` which leaks unclosed event loops\n")["evidence"][0]["line"] == 1
    # (a missing plugin thing is no missing plugin; a pin with more to say, or a fixed release, is not this reading)
    assert _first("fix: missing pytest-asyncio session scope marker\n")[1] != ["LD009"]
    assert _first("asyncio_mode=auto does not mark static methods\n\npytest-asyncio 0.18.3\n")[1] != ["LD010"]
    # (a pin's body says what it blames, or that nothing broke: the title alone is not read then)
    assert _first("Pin pytest-asyncio\n\nTo keep the lock file small; nothing is broken.\n")[1] != ["LD010"]


def test_readings_from_the_misses_of_real162_to_165():
    for said, code in [
            ("Clean up event_loop fixture (#548)\n", "LD005"),
            ("Add pytest options (#1664)\n\n- to mitigate a pytest-asyncio deprecation and\n- to show 10 slowest tests by "
             "default\n", "LD007"),
            ("test: Fix strict mode in pytest_asyncio\n\nRelates to #1946\n", "LD006"),
            ("Fix lingering tasks and timers in connection tests (#1077)\n", "LD008"),
            ("* tests/conftest.py: run gc.collect() before closing the loop on PyPy, so deferred async-generator "
             "finalizers run inside the owning test instead of landing on a dead loop and leaking tasks.\n", "LD008"),
            ("Fix dangling coroutine (#1319)\n\n* Don't leave a danging coroutine when we can't create a request context\n",
             "LD011")]:
        assert _first(said)[1] == [code], said
    # (nothing lingering fixed, or a deprecation of another tool, is not these)
    assert _first("Our lingering tasks check passes; the KeyError is ours.\n")[1] != ["LD008"]
    assert _first("Add pytest options to mitigate a pytest-xdist deprecation\n")[1] != ["LD007"]
    # a feature-request form: what does not work yet is the request
    said = ("[pytest] support keeping event loop for higher scope\n\n### Feature description\n\nCan we have the "
            "equivalence in `anyio`?\n\n```\n@pytest.fixture(scope='module')\nasync def server(anyio_backend):\n    "
            "server = await setup_server()\n    yield\n    await server.shutdown()\n```\n\n### Use case\n\nMy unit test "
            "can work with `pytest-asyncio`, with the scope set to `module`. But it doesn't work with `anyio`.\n")
    assert _first(said) == ("no-failure", [])
    assert _first(said.replace("But it doesn't work", "RuntimeError: Event loop is closed. It doesn't work"))[0] \
        != "no-failure"
    assert _first("Fix an incompatibility between pytest and pytest-asyncio. (#1229)\n") == ("loop-mismatch", ["LD010"])
    assert _first("This is no incompatibility between pytest and pytest-asyncio; the KeyError is ours.\n")[1] != ["LD010"]
    # a module-level engine named in a Chinese note
    said = ("fix(Tests): 修复性能测试 Event loop is closed 错误\n\n1. 每个测试函数结束后，`engine.dispose()` 被调用\n2. 但 "
            "`KnowledgeService` 内部引用了全局 `db/session.py` 中的模块级 `engine`\n")
    assert _first(said) == ("loop-mismatch", ["LD003"])


def test_the_readings_keep_to_what_reports_state_a_second_review():
    """A second review's findings."""
    # a line of dashes is read in linear time (quadratic, these took 38 s)
    assert_about_linear(diagnose, lambda n: "-" * n + "\n", 4000)
    assert_about_linear(diagnose, lambda n: "Tests are marked\n" + ("-" * 2000 + "\n") * n, 31)
    for first in ("Our conftest picks the API from pytest.__version_tuple__.",
                  "We run in auto mode; static methods are not involved.",
                  "Our session fixture is not run with a different self, I checked."):
        assert _first(first + CROSSING_RUN)[1] == ["LD001"], first
    for said in ("```\nif pytest.__version_tuple__ >= (8, 0):\n    pass\n```\n",
                 "The fixture is not run with a different self anymore; the failure is a KeyError in the parser.\n",
                 "Resolve merge conflicts in the plugin loader\n",
                 "pytest-cov conflicts with pytest-xdist when combining coverage data.\n",
                 "Is pytest-asyncio conflicting with pytest-trio here. I only see KeyError: 'id'.\n",
                 "If we stop using asyncio.run in the tests, they would probably hang.\n",
                 "Replace asyncio.run with anyio.run in the CLI entry point.\n",
                 "Avoid asyncio.run in production code, use anyio.run instead.\n",
                 "I don't think that we should stop using asyncio.run in the tests.\n",
                 "Without this fix, the tests would stop using asyncio.run.\n",
                 "We are not missing a session scope marker; the failure is a KeyError in the parser.\n",
                 "Does the new release no longer provide the event_loop fixture?\n",
                 "The fixture event_loop is not deprecated in 0.21; the test fails with KeyError.\n",
                 "pytest-trio doesn't provide the event_loop fixture, so we use trio's nursery instead.\n",
                 "Pin pytest-asyncio\n\n\nTo keep the lock file small; nothing is broken.\n",
                 "\n\n\nPin pytest-asyncio\nTo keep the lock file small; nothing is broken.\n",
                 "Creating an asyncio.Lock at import time is safe since Python 3.10, so that is not our problem; the test "
                 "fails with KeyError: 'id'.\n",
                 "If you create an asyncio.Lock at import time, it binds to the current event loop on Python 3.9.\n",
                 "There isn't a mismatch between the event loops here; it is a plain KeyError in our code.\n",
                 "Add asyncio_mode setting to the documentation page about configuration\n",
                 "Add asyncio_mode setting for pytest\n\nThe test fails: KeyError: 'id'\n"):
        assert _first(said)[0] not in ("loop-mismatch", "asyncio-misconfiguration"), said
    for said in ("Fixes not using asyncio.gather() with the same session as it doesn't support it\n",
                 "Fix: don't gather with the same session, asyncpg does not support it\n",
                 "Fix: do not share one session between coroutines; never gather with the same session.\n"):
        assert _first(said) == ("not-loop-related", ["LD011"]), said
    for said in ("fix: missing session-scoped marker in test_kserve_logger\n",
                 "fix: add missing pytest-asyncio session-scoped loop marker in test_api\n"):
        assert _first(said) == ("loop-mismatch", ["LD001"]), said
    for said in ("fix: close client session that wasn't closed in tests\n",
                 "Fix: the aiohttp session was not closed after each test\n", "Fix not closing the session\n",
                 "Fix not closing the aiohttp ClientSession in tests\n"):
        assert _first(said) == ("loop-mismatch", ["LD008"]), said


def test_readings_from_the_misses_of_real166_to_168():
    said = ("AsyncTestClient\n\nI was writing the tests for a service. I would love to have something as follows:\n\n"
            "```\nclass MyTestCase(AsyncTestCase):\n    async def setUp(self):\n        self.user = await "
            "User.objects.acreate(username=\"user\")\n```\n")
    assert _first(said) == ("no-failure", [])
    # a feature asked for in a title, showing the code it would replace (its exception handler is no failure)
    said = ("Ability to wait for background tasks to complete before moving to next test?\n\nPreviously, we have been "
            "running the following code:\n\n```\n@pytest.fixture(scope=\"session\")\ndef event_loop(request):\n    loop = "
            "asyncio.new_event_loop()\n    loop.set_exception_handler(custom_exception_handler)\n    yield loop\n    "
            "loop.close()\n```\n\nIt would be nice to move this into the `asyncio_default_fixture_loop_scope` format.\n")
    assert _first(said) == ("no-failure", [])
    assert _first(said.replace("It would be nice", "Since 0.24 it fails with RuntimeError: Event loop is closed. It "
                               "would be nice"))[0] != "no-failure"


def test_the_readings_keep_to_what_reports_state_a_third_review():
    """A third review's findings: failure reports read as proposals, a quadratic look-ahead, hangs blamed on a
    release, fix notes' denials, hypotheticals, and four readings that read denials or other words."""
    for said in ("Support for Python 3.12?\n\nWith Python 3.12 and pytest-asyncio 0.21.1 every async test errors out "
                 "and the event_loop fixture breaks. None of my tests run anymore.\n",
                 "Support for pytest 8?\n\nAfter updating pytest to 8.0 with pytest-asyncio 0.23.3, collection errors "
                 "out on every async test module. Pinning pytest<8 makes it go away.\n",
                 "There should be a clearer message for this. Our CI log:\n\n```\n2024-05-01 12:00:01 ERROR asyncio "
                 "Task exception was never retrieved\nfuture: <Task finished name='Task-7' coro=<poll() done> "
                 "exception=RuntimeError('Event loop is closed')>\n```\n",
                 "### Feature description\n\nMy async tests hang forever after upgrading pytest-asyncio to 0.23.0, and "
                 "the loop is closed before my session fixture finalizer runs.\n\n### Use case\n\nI need it to "
                 "work.\n"):
        assert _first(said)[0] != "no-failure", said
    assert_about_linear(diagnose, lambda n: "fixture event_loop removed " * n, 9500)
    assert_about_linear(diagnose, lambda n: "pytest-asyncio does not support the event_loop fixture " * n, 4500)
    assert _first("Tests hang with pytest-asyncio 0.21.1 on CI" + CROSSING_RUN)[1] != ["LD010"]   # (the run's error is read)
    for said in ("test_consumer hangs on await queue.get() under pytest-asyncio 0.21.1: the producer task is never "
                 "started.\n",
                 "Fix flaky test_login: pytest-asyncio is not incompatible with pytest 8, the race was in our cache layer.\n",
                 "Fix flaky test_login: pytest-asyncio does not conflict with anyio here, the race was in our cache "
                 "layer.\n",
                 "Fix strict mode in tsconfig for the frontend build\n",
                 "If we cleaned up the event_loop fixture, the suite would need pytest-asyncio 0.23.\n",
                 "pytest-asyncio would be incompatible with pytest 9 if they dropped the legacy hooks, so let us keep an "
                 "eye on it.\n",
                 "If we had forgotten the session scope loop marker on test_x, it would run on its own loop.\n",
                 "The finalizers never land on a dead loop here; the test fails on an assertion about the payload.\n",
                 "Without the fix, finalizers would land on a dead loop; with it they run before the loop closes. Tests "
                 "pass.\n",
                 "Our fixture cancels lingering tasks at teardown.\n",
                 "We are not closing the session inside the test, on purpose: the fixture closes it after the test.\n",
                 "docs: fix link to the pytest-asyncio deprecation notice\n"):
        assert _first(said)[0] not in ("loop-mismatch", "asyncio-misconfiguration"), said
    assert _first("It is not a dangling coroutine: every call is awaited.\n")[1] != ["LD011"]


# Collecting a test module fails where a module-level client is made: it needs a running loop.
MADE_AT_IMPORT = ("==================================== ERRORS ====================================\n"
                  "_________________ ERROR collecting tests/test_bot.py __________________\n"
                  "tests/test_bot.py:9: in <module>\n    from bot.server import handle\n"
                  "bot/server.py:23: in <module>\n    handler = SocketModeHandler(app, token)\n"
                  "site-packages/aiohttp/client.py:296: in __init__\n    loop = loop or asyncio.get_running_loop()\n"
                  "E   RuntimeError: no running event loop\n"
                  "=========================== short test summary info ============================\n"
                  "ERROR tests/test_bot.py - RuntimeError: no running event loop\n"
                  "!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!\n")


def test_readings_from_the_misses_of_real169_to_174():
    # 1.4.0's change told in words
    assert _first("Fix the sync tests\n\nThe implicit event loop was removed from pytest-asyncio, so a fixture now "
                  "provides one for the synchronous ASGI tests.\n") == ("loop-mismatch", ["LD010"])
    assert _first("Since 1.4 pytest-asyncio no longer leaves an event loop set after async tests.\n")[1] == ["LD010"]
    for said in ("Was the implicit event loop removed from pytest-asyncio?\n",
                 "It is not that pytest-asyncio no longer leaves a loop set: our own fixture closes it.\n"):
        assert _first(said)[1] != ["LD010"], said
    # pytest-aiohttp's `loop` fixture: its deprecation warning, a patch that stops requesting it
    warned = ("Replace loop fixture\n\n```\nsite-packages/pytest_aiohttp/plugin.py:33: DeprecationWarning: 'loop' "
              "fixture is deprecated and scheduled for removal, please use 'event_loop' instead\n```\n")
    assert _first(warned) == ("loop-mismatch", ["LD005"])
    assert "pytest-aiohttp's `loop` fixture" in _top(warned)["summary"]
    assert _first("Fix the tests after the plugin upgrade\n\nUpdate the tests not to declare the `loop` argument.\n") == \
        ("loop-mismatch", ["LD005"])
    # the plugin's own 3.14 deprecation warning, its location listed under it, read before a 1.x bump
    said = ("Bump pytest-asyncio to 1.x\n\nEvery 3.14 job logs this warning a million times:\n\n```\nDeprecationWarning: "
            "'asyncio.iscoroutinefunction' is deprecated and slated for removal in Python 3.16\n  "
            "site-packages/pytest_asyncio/plugin.py:169   (~99%)\n```\n")
    assert _first(said) == ("loop-mismatch", ["LD010"])
    # legacy mode left for auto; a title fixing a plugin option
    assert _first("Tests: set the mode\n\nChange the asyncio mode for pytest from legacy to auto, because of the "
                  "warnings.\n") == ("asyncio-misconfiguration", ["LD007"])
    assert _first("fix asyncio_default_fixture_loop_scope\n") == ("asyncio-misconfiguration", ["LD007"])
    assert _first("fix asyncio_default_fixture_loop_scope\n" + CROSSING_RUN)[1] != ["LD007"]   # (the run is read)
    # nest_asyncio applied, the nested run refused all the same
    nested = ("Nested runs broke after a Python update\n\n```python\nimport asyncio\nimport nest_asyncio\n"
              "nest_asyncio.apply()\n\nasync def g():\n    asyncio.get_event_loop().run_until_complete(f())\n```\n\n"
              "Output: RuntimeError: This event loop is already running\n")
    assert _first(nested) == ("not-loop-related", ["LD011"])
    assert _first(nested.replace("nest_asyncio.apply()\n", ""))[1] != ["LD011"]
    assert _first(nested.replace("nest_asyncio.apply()\n", "") + "\nMaybe `nest_asyncio.apply()` would help?\n")[1] \
        != ["LD011"]    # named as a workaround, not called
    # Python's own loop= deprecation, warned by a library
    assert _first("lib/client.py:119: DeprecationWarning: The loop argument is deprecated since Python 3.8, and "
                  "scheduled for removal in Python 3.10.\n  self._event = asyncio.Event(loop=self._loop)\n") == \
        ("not-loop-related", ["LD011"])
    assert _first("fix: never awaited error in the route tests\n") == ("not-loop-related", ["LD011"])
    # an object made at import that needs a running loop fails collection
    collecting = MADE_AT_IMPORT
    assert _first(collecting) == ("loop-mismatch", ["LD003"])
    assert "handler is created when its module is imported" in _top(collecting)["summary"]
    assert _first(collecting.replace("    handler = SocketModeHandler(app, token)\n", "    handler.start()\n"))[1] != \
        ["LD003"]
    # async test functions no plugin runs; a connection not closed before the loop; a loop the code made itself
    assert _first("Some async tests are not run\n\n5 asynchronous test methods are currently never awaited, so they "
                  "pass whatever they assert.\n") == ("asyncio-misconfiguration", ["LD009"])
    assert _first("Cleanup websockets test errors\n\ntest_parameter was not correctly closing the connection before "
                  "closing the event loop.\n") == ("loop-mismatch", ["LD008"])
    assert _first("A teardown-phase probe named the two leaked tasks directly; the test now awaits them.\n") == \
        ("loop-mismatch", ["LD008"])
    assert _first("Allows leaked tasks detection in concurrent mode.\n")[1] != ["LD008"]
    assert _first("new vs get_event_loop\n\nIf no loop was passed, the broker was creating a new loop. This made the "
                  "broker run in one event loop and its tasks run in a different one.\n") == ("loop-mismatch", ["LD004"])
    # proposals and requests for documentation
    for said in ("Testing guide\n\nWe should add a section to the documentation on how to test an app with it.\n",
                 "[Discussion] Scoping the reactor per test\n\nI'd like each test to get its own loop; here is what I "
                 "tried.\n",
                 "Use async fixture in testing docs\n\nInstead of low-level asyncio APIs.\n",
                 "Mocking the async sleep\n\nIt would be nice if patching asyncio.sleep were as easy as time.sleep.\n",
                 "Rely on pytest-asyncio\n\nI think it would be healthy to let pytest-asyncio provide the loop fixtures.\n",
                 "How to write an integration test with MongoDB\n\nI cannot find many examples. Would you be able to "
                 "provide some guide on testing with pytest?\n",
                 "pytest example in testing.rst\n\nThe example uses yield from. If people agree, I can create a pull "
                 "request to update it.\n",
                 "Add async test fixture example with pytest-asyncio\n\nDocument session-scoped async fixtures.\n"):
        assert _first(said) == ("no-failure", []), said
    # a report that tells of the removal and asks for the suite to follow is no proposal
    assert _first("pytest-asyncio deprecated the event_loop fixture and removed it in 1.0.\n\nIt would be great to "
                  "adapt our unit tests to the newer version.\n") == ("loop-mismatch", ["LD005"])


def test_no_loop_advice_for_the_negatives_of_real169_to_174():
    # Trio finding the signal wakeup fd taken, beside pytest-asyncio: process state, not a loop
    said = ("pytest-trio exits with TrioInternalError when pytest-asyncio is installed\n\nAn earlier asyncio subprocess "
            "test runs first; Trio then raises TrioInternalError and suggests to set "
            "`host_uses_signal_set_wakeup_fd=True`.\n")
    assert _first(said) == ("not-loop-related", ["LD011"])
    assert _first(said.replace(" and suggests to set `host_uses_signal_set_wakeup_fd=True`", ""))[0] == "loop-mismatch"
    # another project's release note, quoted, is not this suite's warning
    quoted = ("Try the pre-release\n\nMostly interested in\n\n> Fixed a `ResourceWarning: unclosed event loop` warning "
              "that could occur when a synchronous test called `asyncio.run()`.\n")
    assert _first(quoted)[0] not in ("loop-mismatch", "asyncio-misconfiguration")
    assert _first(quoted.replace("> Fixed a", "We get a"))[1] == ["LD008"]
    # a task a report calls leaked, one of its own sentences, is no count of leaked tasks
    assert _first("The leaked task itself is a post-commit hook; the fake sleep recorded its backoff.\n")[1] != ["LD008"]


def test_readings_from_the_misses_of_real175_to_180():
    # the sync TestClient's portal loop said to run what the test's loop awaited
    said = ("Fix CI hang: route tests spawned exec tasks on the TestClient portal loop\n\n`TestClient` runs each request "
            "on an ephemeral anyio portal event loop, so the app's task was created on that portal loop.\n")
    assert _first(said) == ("loop-mismatch", ["LD004"])
    assert _first("Docs: how the portal loop of anyio works\n\nWe use httpx.AsyncClient, no TestClient.\n")[1] != \
        ["LD004"]
    # a loop stopped with tasks still running on it
    assert _first("fix: cancel in-flight tasks on teardown\n\nThe helper stopped the process-wide bridge event loop "
                  "**without cancelling the coroutines still running on it**, so their futures never resolved.\n") == \
        ("loop-mismatch", ["LD008"])
    # an issue of one release said resolved in the next
    said = "Unpin pytest-asyncio.\n\nIssue in 0.15.0 resolved in 0.15.1.\n"
    assert _first(said) == ("loop-mismatch", ["LD010"])
    fix = next(f for f in _top(said)["fixes"] if f["recommended"])
    assert fix["kind"] == "change-pytest-asyncio-version" and fix["requires"] == "pytest-asyncio>=0.15.1"
    # sync code making an object that needs a running loop
    for said in ("use sync client in test_objects\n\nasync client cannot be instantiated outside asyncio loop\n",
                 "fix: tests with aiohttp >= 3.10.0\n\naiohttp 3.10.0 removed the ability to create "
                 "`aiohttp.ClientSession` instances without a running event loop.\n"):
        assert _first(said) == ("not-loop-related", ["LD011"]), said
    # a warning of pytest-asyncio's own module shows it loaded: async tests skipped beside it are strict mode's
    skipped = ("Async tests being skipped\n\n```\n/opt/conda/lib/python3.11/site-packages/_pytest/python.py:183: "
               "PytestUnhandledCoroutineWarning: async def functions are not natively supported and have been skipped.\n"
               "test_api.py::test_shutdown\n  /opt/conda/lib/python3.11/site-packages/pytest_asyncio/plugin.py:451: "
               "DeprecationWarning: pytest-asyncio detected an unclosed event loop when tearing down the event_loop\n```\n")
    assert _first(skipped) == ("asyncio-misconfiguration", ["LD006"])
    assert _first(skipped.replace("/opt/conda/lib/python3.11/site-packages/pytest_asyncio/plugin.py:451: ", ""))[1] != \
        ["LD006"]   # (named only, the plugin may not be loaded at all)
    # the start of 0.21-0.26's unclosed-loop warning, where a summary line cuts it
    assert _first("ERROR tests/test_asyncio.py::test_basic_usage - DeprecationWarning: pytest-asyncio detected an "
                  "unclosed event loop when tearing down the event_loop\n") == ("loop-mismatch", ["LD005"])
    assert _first("Warning Message:\n```\nDeprecationWarning: pytest-asyncio detected an unclosed event loop when "
                  "tearing down the event_loop\nfixture: <uvloop.Loop running=False closed=False debug=False>\n```\n\n"
                  "Cosmetic only: tests pass successfully despite the warning.\n")[0] != "loop-mismatch"
    # another plugin's "no `asyncio_mode = auto` equivalent" is no missing auto mode
    assert _first("Standardize on anyio\n\nThe spec assumed that anyio has no `asyncio_mode = auto` equivalent; that "
                  "premise is incorrect, and the mechanism is broken for parametrized tests.\n")[0] != \
        "asyncio-misconfiguration"
    assert _first("Gaps that were silently breaking the test suite: no `asyncio_mode = auto` config.\n") == \
        ("asyncio-misconfiguration", ["LD006"])


def test_the_readings_keep_to_what_reports_state_a_fourth_review():
    """A fourth review's findings on the readings of real169-180 and the guess for a failed run."""
    # nest_asyncio.apply() looked for at line starts in linear time (44 s for 50,000 blank lines)
    assert_about_linear(diagnose, lambda n: "nest_asyncio.apply()\nRuntimeError: This event loop is already running\n"
                        + "\n" * n + "x\n", 12500)
    # failure reports are no proposals for the new proposal wordings either
    for said in ("Session fixture freezes the suite\n\nWith pytest-asyncio 0.23.5 the whole suite freezes forever at "
                 "the second test. I can open a PR with a fix.\n",
                 "Flaky tests with session loops\n\nAbout 1 in 5 runs the pool gives wrong results with pytest-asyncio "
                 "0.24.0. It would be nice if the plugin warned about this.\n",
                 "[Discussion] Suite is red since 0.23\n\nEvery test after the first gets a RuntimeWarning.\n",
                 "Session-scoped loop example in the docs\n\nCopying it verbatim with pytest-asyncio 0.23.5, the second "
                 "test gets a fresh loop and the suite freezes.\n",
                 "Improve the startup of the examples\n\nEvery example freezes forever at the second test since "
                 "pytest-asyncio 0.23.5.\n"):
        assert _first(said)[0] != "no-failure", said
    # readings that read a constructor's parameter, denials, questions, hypotheticals, quotes and docs
    for said in ("Router refactor\n\nRemove `loop` parameter from the Router constructor; it was unused.\n",
                 "We never used the `loop` fixture in tests; removing the `loop` argument is not needed here.\n",
                 "Should we stop using the `loop` fixture in our tests\n",
                 "The broker no longer creates a new loop; before the fix it was running on one loop and its tasks on "
                 "a different one.\n",
                 "If the broker created a new loop, it would be running in one loop and its tasks in a different one.\n",
                 "Is the broker creating a new loop and running in one loop while its tasks run in a different one.\n",
                 "Is it true that pytest-asyncio no longer leaves an event loop set after async tests\n",
                 'The changelog says: "Implicit event loop was removed from pytest-asyncio". Our tests pass fine.\n',
                 "Once pytest-asyncio no longer sets the loop, we could drop our workaround.\n",
                 "It is not true that our async test methods are never awaited: pytest-asyncio runs every one.\n",
                 "The docs warn that without a plugin, async test functions are never awaited; we have it installed.\n",
                 "There is no never awaited error in the route tests; they fail on an assertion.\n",
                 "Could the never awaited error in the route tests come from the mock\n",
                 "docs: fix asyncio_mode\n", "chore(docs): fix asyncio_default_fixture_loop_scope\n",
                 "The docs explain how to switch the mode from legacy to auto; nothing fails for us.\n",
                 "Plugin idea\n\nAdd an option that lists the two leaked tasks of each test, if any.\n"):
        assert _first(said)[0] not in ("loop-mismatch", "asyncio-misconfiguration") and _first(said)[1] != ["LD011"], said
    # an annotated module-level assignment is one too
    annotated = MADE_AT_IMPORT.replace("handler = ", "handler: SocketModeHandler = ")
    assert _first(annotated) == ("loop-mismatch", ["LD003"])


def test_readings_from_the_misses_of_real181_to_185():
    for said in ("Is there a way to test asyncio apps?\n\nAll of my apps are written with asyncio.\n",
                 "Async test suite\n\nThe test client only offers a sync API. Any ideas how to start the app inside the "
                 "test's loop?\n"):
        assert _first(said) == ("no-failure", []), said
    assert _first("Is there a way to stop this?\n\nEvery test fails with RuntimeError: Event loop is closed.\n")[0] != \
        "no-failure"
    # a report of failing tests whose output stops after passing ones
    cut = ("0.21.1: pytest is failing in tests/test_a.py::test_b\n\n```\n============================= test session starts "
           "==============================\nplatform linux -- Python 3.8.18, pytest-7.4.3, pluggy-1.3.0\nplugins: "
           "asyncio-0.21.1\ncollected 76 items\n\ntests/test_asyncio_fixture.py ......\n[...]\n```\n")
    result = diagnose(cut).to_dict()
    assert result["verdict"] == "unknown" and "Paste the rest of the output" in result["reason"]
    assert diagnose(cut.replace("pytest is failing in", "a question about")).to_dict()["verdict"] == "no-failure"
    # a title converting the tests that use event_loop; Python 3.14's get_event_loop named as what raises
    assert _first("bouncerscript: convert tests using the event_loop fixture to async\n") == \
        ("loop-mismatch", ["LD005"])
    assert _first("client: use new_event_loop in sync_main\n\nIn python 3.14, get_event_loop raises if there's no event "
                  "loop yet.\n") == ("not-loop-related", ["LD011"])
    # tests' own tasks awaited at last; mocks never awaited; an error pytest brought to pytest-asyncio
    for said in ("Await tasks created in the tests\n\nThis avoids warnings printed when testing.\n",
                 "Close and await server fixture task in the tests\n\nThis avoids warnings printed when testing.\n"):
        assert _first(said) == ("loop-mismatch", ["LD008"]), said
    assert _first("Fixes pytest warnings due to non-awaited mocks, closes #407\n") == ("not-loop-related", ["LD011"])
    assert _first("Fix error introduced in pytest==4.1.0 when pytest-asyncio is also used\n") == \
        ("loop-mismatch", ["LD010"])
    # a patch to the plugin's own default; a clause denying what follows; a patch moving to the plugin's decorator
    said = ("Set default asyncio fixture loop scope to function\n\nSets the default value of "
            "`asyncio_default_fixture_loop_scope` to `function` and removes the deprecated unset fallback.\n\nIt does not "
            "change async test loop scope behavior, custom `event_loop` fixture deprecations, or warning filters.\n")
    assert _first(said) == ("no-failure", [])
    assert _first("Update tests not to use the deprecated `event_loop` fixture that's been removed in pytest-asyncio "
                  ">= 1.0.0.\n") == ("loop-mismatch", ["LD005"])
    assert _first("Fix pytest 9 error\n\n* Use explicit pytest_asyncio fixture\n") == \
        ("asyncio-misconfiguration", ["LD006"])
    # a question that also tells of getting the wrong thing is no plain question
    assert _first("Async generator fixtures\n\nDecorated with the marker, I receive a `coroutine` instead of the fixture "
                  "result. Is there a way to make the marker recognize them?\n")[0] != "no-failure"


def test_readings_from_the_misses_of_real186_to_189():
    assert _first("Ensure we have a loop when running ratelimit tests\n\nThis has been causing warnings occasionally, "
                  "when these tests are the first to run and no event loop exists.\n") == ("not-loop-related", ["LD011"])
    assert _first("fix: await browser session cleanup\n\n- Fixes noisy asyncio teardown errors by waiting for the websocket "
                  "tasks to finish before the event loop closes.\n- Keepalive tasks survived until logging capture had "
                  "closed.\n") == ("loop-mismatch", ["LD008"])


def test_readings_from_the_misses_of_real190_to_193():
    # a mock in the loop's place refused by Python 3.14's task check: the test's stand-in, not another loop
    mocked = ("Tests patch the loop\n\n```\nE   RuntimeError: loop <MagicMock name='hass.loop' id='1402'> is not the "
              "running loop\n```\n")
    assert _first(mocked) == ("not-loop-related", ["LD011"])
    # (a real loop object that is not the running one is still a crossing)
    assert _first("```\nE   RuntimeError: loop <_UnixSelectorEventLoop running=False closed=False debug=False> is not "
                  "the running loop\n```\n")[0] == "loop-mismatch"
    # a pin of the plugin "fixed" to a release, beside a link to a bug its changelog lists
    assert _first("Fix the pytest-asyncio version to 0.10.0 for now\n\nSee "
                  "https://github.com/pytest-dev/pytest-asyncio/issues/157\n") == ("loop-mismatch", ["LD010"])
    # async fixtures said to run in a context of their own (#127)
    assert _first("Transaction fixture does not wrap the test\n\nMy autouse fixture opens a transaction, but the test "
                  "writes outside it. Looking at the plugin, async fixtures are run in their own context, so the "
                  "connection the fixture sets is not the test's.\n") == ("loop-mismatch", ["LD010"])
    # pytest's scope rule named, with no word of loops or async code anywhere
    scopes = ("Report tests fail at setup\n\nThey fail with ScopeMismatch: the session-scoped `report_data` fixture "
              "depends on `browser_page`, which is now module-scoped.\n")
    assert _first(scopes) == ("not-loop-related", ["LD011"])
    assert _first(scopes.replace("`browser_page`", "the async `browser_page`"))[0] != "not-loop-related"
    # a wish to have something documented (a title beginning "Document" may name a failure: "Document fixture
    # teardown does not run")
    assert _first("Document fixture teardown does not run\n\nMy async fixture is decorated with @pytest.fixture in "
                  "strict mode and the test gets an async_generator object instead of the value.\n")[0] != "no-failure"
    assert _first("Testing recipe\n\nThis setup works for me with a session engine, but the testing page doesn't "
                  "cover it. I'd like to see this documented.\n") == ("no-failure", [])
    # a change that checks the option's values tells of no invalid value given, nor of the option left unset
    check = ("Validate asyncio_default_test_loop_scope\n\nIf an invalid scope is configured, a UsageError is raised. A "
             "new test verifies that an invalid scope in the config raises an error.\n")
    assert _first(check)[0] != "asyncio-misconfiguration"
    assert _first("Add validation for `asyncio_default_fixture_loop_scope`\n")[0] != "asyncio-misconfiguration"
    # (a value said to be invalid still is one)
    assert _first("Tests fail since `fixture` is not a valid value of asyncio_default_fixture_loop_scope "
                  "anymore\n") == ("asyncio-misconfiguration", ["LD007"])


def test_readings_from_the_misses_of_real194_to_197():
    # one plugin said to take every async fixture or test, beside another async framework
    for said in ("Keep the trio tests apart\n\n`pytest-asyncio` tries to run every coroutine fixture on its loop, so "
                 "our trio fixtures break.\n",
                 "Split tests\n\nThe asyncio and tornado pytest plugins don't play well together.\n",
                 "Pytest plugin conflicts with curio's\n\nOur plugin wraps any test coroutine function it finds.\n"):
        assert _first(said) == ("loop-mismatch", ["LD004"]), said
    top = _top("Keep the trio tests apart\n\n`pytest-asyncio` tries to run every coroutine fixture on its loop, so our "
               "trio fixtures break.\n")
    assert top["summary"].startswith("Two async plugins take the same tests")
    # (the same words with no other async framework named, or denied, tell of no second plugin)
    assert _first("Auto mode\n\npytest-asyncio tries to run every coroutine fixture on its loop.\n")[0] != "loop-mismatch"
    assert _first("Trio fixtures\n\nIn strict mode pytest-asyncio no longer\ntries to run every coroutine fixture on "
                  "its loop.\n")[0] != "loop-mismatch"
    assert _first("Trio and pytest\n\nThe pytest plugins never fight with pytest-asyncio here; trio tests are "
                  "separate.\n")[0] != "loop-mismatch"
    for other in ("We use tornado for the web app and pytest. The pytest-cov plugin conflicts with pytest-xdist here.\n",
                  "We use anyio and pytest. Sphinx and black don't play well together.\n"):
        assert _first(other)[0] != "loop-mismatch", other
    # a socket said not to get closed, after a question of another sentence on the same line
    assert _first("Warnings at the end\n\nAny ideas on this last warning? Seems there is a socket not getting closed "
                  "by the redis client.\n") == ("loop-mismatch", ["LD008"])
    assert _first("Warnings at the end\n\nIs there a socket not getting closed by the redis client?\n")[0] \
        != "loop-mismatch"


def test_readings_from_the_misses_of_real198_to_201():
    # patches that move async fixtures to the plugin's decorator, or add the asyncio marker to tests
    assert _first("fix: update pytest to pytest_asyncio for async fixtures\n\nTeardown after the yield never ran.\n") \
        == ("asyncio-misconfiguration", ["LD006"])
    assert _first("Add asyncio marker to the websocket test\n\nIt failed on pytest 8.4 instead of being skipped.\n") \
        == ("asyncio-misconfiguration", ["LD006"])
    # a suite said to break with the plugin's current releases, in a sentence wrapped across lines
    assert _first("Drop the shared engine\n\nSharing one engine across the tests broke badly with the current versions "
                  "of\npytest-asyncio, so each test gets its own.\n") == ("loop-mismatch", ["LD010"])
    # a title that keeps one release out
    assert _first("Exclude pytest-asyncio 0.23.0\n\nIt breaks our fixtures.\n") == ("loop-mismatch", ["LD010"])
    assert _first("Exclude pytest-asyncio version 0.23.0\n") == ("loop-mismatch", ["LD010"])
    for other in ("Avoid pytest-asyncio deprecation warning\n", "Skip pytest-asyncio 0.21 tests on Python 3.7\n",
                  "Exclude pytest-asyncio 0.23.0 from dependabot updates\n", "Reject pytest-asyncio 0.15.0 and above\n",
                  "Reject pytest-asyncio 0.15.0\n\nFalse alarm: 0.15.0 works fine, it was our cache.\n"):
        assert _first(other)[1] != ["LD010"], other
    # pytest's scope rule on a fixture merely named "runner" is not pytest-asyncio's runner
    assert _first("```\nE   ScopeMismatch: You tried to access the function scoped fixture runner with a class scoped "
                  "request object.\n```\n") == ("not-loop-related", ["LD011"])
    assert _first("```\nE   ScopeMismatch: You tried to access the function scoped fixture _function_scoped_runner "
                  "with a session scoped request object.\n```\n")[0] == "loop-mismatch"
    # a library said to cache client instances: a shared object bound to the first loop
    assert _first("Second test fails\n\nEach test has its own loop. The first passes and the second fails with `Event "
                  "loop is closed`, because the registry caches `RedisClient` instances across tests.\n") == \
        ("loop-mismatch", ["LD003"])
    # code a report proposes ("change the fixture to look like this:") is not the suite's code
    proposal = ("Should the loop fixture set the current loop?\n\nMy app's helpers got a different event loop from the one "
                "the `event_loop` fixture made.\n\nI'd like to propose changing the `event_loop` fixture to "
                "look like this:\n\n```python\n@pytest.fixture\ndef event_loop(request):\n    loop = "
                "asyncio.new_event_loop()\n    asyncio.set_event_loop(loop)\n    yield loop\n    loop.close()\n```\n\n"
                "Happy to send a PR.\n")
    assert _first(proposal)[1] != ["LD005"]
    for ours in ("Our conftest.py:", "As the FAQ suggested, we override the fixture like this:",
                 "Following the docs' recommendation, our conftest.py looks like this:"):
        assert _first(proposal.replace("I'd like to propose changing the `event_loop` fixture to look like this:",
                                       ours))[1] == ["LD005"], ours


def test_readings_from_the_misses_of_real202_to_205():
    # descriptors run out: loops (or sockets) stopped and never closed
    assert _first("fix: close the loop in teardown\n\nStopping the loop leaves it open, so a long run fails with 'Too "
                  "many open files'.\n") == ("loop-mismatch", ["LD008"])
    assert _first("Tests leak\n\nFix a file-descriptor leak in the test helper's event loop.\n") == \
        ("loop-mismatch", ["LD008"])
    # (denied, hypothetical, or about sync code with no loop in the report: no such leak)
    for said in ("We never hit 'Too many open files' with the event loop anymore.\n",
                 "Our sync test helper opens a file per test with open() and never closes it, so the run fails with "
                 "'Too many open files'.\n",
                 "Changelog\n\n- Fixed a file descriptor leak in the CLI.\n",
                 "A socket not getting closed would cause warnings in the async tests, but that is not our case.\n",
                 "We never had an async socket not getting closed.\n"):
        assert _first(said)[1] != ["LD008"], said
    assert _first("Warnings\n\nAny ideas? In the async client a socket that isn't getting closed stays open.\n") == \
        ("loop-mismatch", ["LD008"])
    # the plugin's warning about an event_loop override, said with the verb
    assert _first("Fix tests\n\nAlso fix a pytest-asyncio warning about overriding the `event_loop` fixture.\n") == \
        ("loop-mismatch", ["LD005"])
    # a release of the plugin called bad, not named
    assert _first("CI red on conda\n\nThe conda jobs fail, the pip jobs pass. A bad version of pytest-asyncio is "
                  "causing this.\n") == ("loop-mismatch", ["LD010"])
    assert _first("CI red on conda\n\nIs a bad version of pytest-asyncio causing this?\n")[1] != ["LD010"]
    # a sync resource's ResourceWarning (sqlite3's "unclosed database") is no async resource outliving its loop
    sqlite = ("Errors with Python 3.13\n\n```\n_ ERROR at setup of test_sessions _\nE   "
              "pytest.PytestUnraisableExceptionWarning: Exception ignored in: <sqlite3.Connection object at 0x7fc6>\nE   "
              "ResourceWarning: unclosed database in <sqlite3.Connection object at 0x7fc6>\n```\n")
    assert _first(sqlite)[0] != "loop-mismatch"
    assert _first(sqlite.replace("unclosed database in <sqlite3.Connection", "unclosed transport <_SelectorSocket"))[1] \
        == ["LD008"]


def test_readings_from_the_misses_of_real206_to_209():
    # a suite said to fail on the plugin's latest release
    assert _first("CI red\n\nThe unit tests are failing on the latest version of pytest-asyncio.\n") == \
        ("loop-mismatch", ["LD010"])
    # pytest-django's database guard, and Django's sync-only operations said in words
    assert _first('Fixture error\n\nI get "RuntimeError: Database access not allowed, use the "django_db" mark, or the '
                  '"db" or "transactional_db" fixtures to enable it."\n') == ("not-loop-related", ["LD011"])
    assert _first("Upgrade to Django 3\n\nIterating the queryset is a synchronous only operation, and we do it from "
                  "an async call.\n") == ("not-loop-related", ["LD011"])
    # pytest's refusal of a mark on a fixture, the mark not pytest-asyncio's
    assert _first("pytest 9: Marks applied to fixtures have no effect\n\nOur @async_run mark on the app fixture now "
                  "errors out collection.\n") == ("not-loop-related", ["LD011"])
    assert _first("pytest 9: Marks applied to fixtures have no effect\n\nOur @pytest.mark.asyncio on the app fixture "
                  "now errors out collection.\n")[1] != ["LD011"]
    # a title tagged as a feature request: what does not work yet is the request
    request = ("[Feature Request] Support qasync\n\nIt would be great to support qasync. qtbot could not work with "
               "@asyncSlot handlers because of the different event loops between Qt and asyncio.\n")
    assert _first(request) == ("no-failure", [])
    assert _first(request.replace("[Feature Request] ", ""))[0] != "no-failure"
    # manage.py wrapping pytest (a node id, pytest's own sections) is no Django runner without plugins
    wrapped = ("Teardown error\n\n```\n@pytest.mark.asyncio\nasync def test_heartbeat():\n    pass\n```\n\n"
               "./manage.py test app/tests.py::test_heartbeat\n\n```\n_____ ERROR at teardown of test_heartbeat _____\n"
               "E   django.db.utils.OperationalError: database \"test\" is being accessed by other users\n```\n")
    assert _first(wrapped)[1] != ["LD009"]
    assert _first(wrapped.replace("app/tests.py::test_heartbeat", "app.tests").replace(
        "```\n_____ ERROR at teardown of test_heartbeat _____\nE   django.db.utils.OperationalError: database \"test\" is "
        "being accessed by other users\n```\n", "The async test never runs.\n"))[1] == ["LD009"]


def test_readings_from_the_misses_of_real210_to_213():
    # transports or pipe handles finalised after their test: left open past their loop
    assert _first("Reap the child process\n\nOn Windows the subprocess transport objects are GC'd after the test "
                  "has ended, triggering PytestUnraisableExceptionWarning in the next test.\n") == \
        ("loop-mismatch", ["LD008"])
    assert _first("fix: teardown warning\n\nThe ProactorBasePipeTransport.__del__ fires during GC after the server "
                  "thread shuts down.\n") == ("loop-mismatch", ["LD008"])
    # an object said to be loop-bound, reused on another loop
    assert _first("Transport reuse fails\n\nThe kept transport is loop-bound: reusing it from a second test fails with "
                  "`got Future attached to a different loop`.\n")[1] == ["LD003"]


def test_the_readings_keep_to_what_reports_state_a_fifth_review():
    # ScopeMismatch named beside pytest-aiohttp's fixtures, or denied, or asked: not the ordinary-fixtures reading
    for other in ("Setup fails\n\nWith pytest-aiohttp, our session-scoped api fixture requests aiohttp_client and fails "
                  "with ScopeMismatch.\n",
                  "Setup\n\nWe never get a ScopeMismatch between the report fixtures.\n",
                  "Setup\n\nIs a ScopeMismatch possible between the report fixtures?\n"):
        assert _first(other)[1] != ["LD011"], other
    # a bad release considered and dropped is no blame of it; the wording without "of"
    for other in ("CI\n\nWe ruled out a bad version of pytest-asyncio; the conda env lacks aiohttp.\n",
                  "CI\n\nI first suspected a bad version of pytest-asyncio, but it was the conda env.\n"):
        assert _first(other)[1] != ["LD010"], other
    assert _first("CI red\n\nA bad pytest-asyncio release is causing this.\n") == ("loop-mismatch", ["LD010"])
    # a package bump, or a marker registered for pytest.ini or another plugin, is no unmarked test
    for other in ("Update pytest to pytest_asyncio 0.23\n\nJust a dependency bump; everything works.\n",
                  "Add asyncio marker to pytest.ini\n\nRegister the marker so pytest --strict-markers stops "
                  "complaining.\n",
                  "Add asyncio marker for the benchmark plugin\n"):
        assert _first(other)[1] != ["LD006"], other
    # fixtures said to run in their own context: supposed or asked is no statement; the wording "runs in"
    for other in ("Contexts\n\nIf async fixtures were run in their own context, the connection would be lost.\n",
                  "Contexts\n\nThe docs say fixtures are run in their own context; is that still true? Everything "
                  "works for us.\n"):
        assert _first(other)[1] != ["LD010"], other
    assert _first("Rollback fixture\n\nThe test writes outside the transaction: each async fixture runs in its own "
                  "context, so the connection it sets is not the test's.\n") == ("loop-mismatch", ["LD010"])
    # an invalid scope said outright, with a "could" later in its sentence, is still one
    assert _first("Config\n\nOur pytest.ini has an invalid scope for asyncio_default_fixture_loop_scope, so we could not "
                  "run any test.\n") == ("asyncio-misconfiguration", ["LD007"])
    # a mock loop autospecced from a real one is still a mock
    assert _first("```\nE   RuntimeError: loop <NonCallableMagicMock spec='_UnixSelectorEventLoop' id='140'> is not "
                  "the running loop\n```\n") == ("not-loop-related", ["LD011"])
    # client instances said to be cached, denied, or objects of another kind: no shared client
    story = "Second test fails\n\nEach test has its own loop and the second fails with `Event loop is closed`. "
    for other in ("The registry never caches `RedisClient` instances.\n",
                  "The HTTP layer caches template instances (jinja, sync).\n"):
        assert _first(story + other)[1] != ["LD003"], other
    # the plugin's warning about overriding event_loop, denied or supposed, is no account of the suite
    for other in ("Fixtures\n\nWe never got a pytest-asyncio warning about overriding the event_loop fixture.\n",
                  "Fixtures\n\nIf we saw a pytest-asyncio warning about overriding the event_loop fixture, we would "
                  "drop it.\n"):
        assert _first(other)[1] != ["LD005"], other
    assert _first("Fixtures\n\nFix a pytest-asyncio warning about overriding the event_loop fixture.\n") == \
        ("loop-mismatch", ["LD005"])


def test_the_fifth_review_s_hostile_inputs_take_linear_time():
    # the words before each "invalid scope" read only in a window, not from the sentence start every time
    assert_about_linear(diagnose, lambda n: "Tests fail\n\n" + "verify that invalid scope " * n, 3000)
    # a mock loop's repr read within its line
    assert_about_linear(diagnose, lambda n: "```\n" + "E   RuntimeError: loop <MagicMock x\n" * n + "```\n", 2000)
    # a printed node id full of brackets
    from analyzer.fixes import _same_test
    from analyzer.sources import Test
    test = Test("test_wrapper", "tests/test_a.py", 1, False, [])
    assert_about_linear(lambda nodeid: _same_test(nodeid, test),
                        lambda n: "tests/test_a.py::test_wrapper[" + "[" * n, 25_000)


def test_readings_from_the_misses_of_real214_to_219():
    # a shared object said to be made at import, or outside any loop
    told = ("Worker fails on retry\n\nEach job calls asyncio.run(), so the next one fails with `Future attached to a "
            "different loop`. ")
    assert _first(told + "The redis client is a module-level singleton created at import time.\n") == \
        ("loop-mismatch", ["LD003"])
    told = "Jobs fail\n\nThe second job fails with `Timeout context manager should be used inside a task`. "
    assert _first(told + "The cause is the creation of ClientSession() outside of an existing event loop.\n")[1] == \
        ["LD003"]
    assert _first(told + "The session is not created outside of a loop: it is made inside the job.\n")[1] != ["LD003"]
    # tasks said to be cached whatever loop runs them
    assert _first("Breaks with several event loops\n\nThe decorator caches tasks regardless of which loop awaits "
                  "them.\n") == ("loop-mismatch", ["LD003"])
    # a program's instance entered by its coroutines, and the loop closed under it
    program = ("Event loop is closed since 2.0\n\n```\nimport asyncio\nfrom limits import Limiter\n"
               "limiter = Limiter(5)\n\nasync def fetch(n):\n    async with limiter:\n        await asyncio.sleep(n)\n"
               "```\n")
    assert _first(program) == ("loop-mismatch", ["LD003"])
    assert _first(program.replace("async with limiter:", "with open('x'):"))[1] != ["LD003"]
    # the plugin's deprecation of event_loop, and a move away from it
    assert _first("Tests\n\npytest-asyncio is deprecating using the `event_loop` fixture, so use "
                  "get_running_loop().\n") == ("loop-mismatch", ["LD005"])
    assert _first("Migrated from `event_loop` fixture\n") == ("loop-mismatch", ["LD005"])
    # an async fixture marked for strict mode
    assert _first("Marked the async fixture because strict asyncio_mode is set\n") == \
        ("asyncio-misconfiguration", ["LD006"])
    assert _first("Marked the async fixture\n\nIs strict mode involved?\n")[1] != ["LD006"]
    # the plugin bumped to mend the builds
    assert _first("Update pytest-asyncio to 0.10.0 to fix builds\n") == ("loop-mismatch", ["LD010"])
    assert _first("Update pytest-asyncio to 0.10.0\n\nNothing else changes.\n")[1] != ["LD010"]
    # "No current event loop" named on Python 3.14, by a program with no test plugin in sight
    assert _first("No current event loop on Python 3.14\n\nThe bot crashes at start:\n```\nTraceback (most recent "
                  "call last):\n  File \"bot.py\", line 3, in <module>\n    main()\n```\n") == \
        ("not-loop-related", ["LD011"])
    # requests for documentation or examples, and for a feature in a later release
    for asked in ("No info about asyncio\n\nNeed to add full examples and info about the asyncio broker.\n",
                  "testing the broker\n\nOne example should be provided in the documentation.\n",
                  "Benchmark coroutines\n\nCan this be done, or added in an upcoming release?\n"):
        assert _first(asked) == ("no-failure", []), asked


def test_the_negatives_of_real214_to_219_get_no_loop_advice():
    # a clean-up coroutine the code calls without await, shown by the source line Python prints under the warning
    shown = ("Close the socket cleanly\n\nOn shutdown the client closes its connection without awaiting it:\n```\n"
             "RuntimeWarning: coroutine 'Protocol.close' was never awaited\n  self._ws.close()\n```\n")
    assert _first(shown) == ("not-loop-related", ["LD011"])
    assert _first(shown.replace("  self._ws.close()", "  await self._ws.close()"))[1] != ["LD011"]
    # the plugin's own change that removes its event_loop fixture is no account of a suite's
    change = ("Remove event_loop fixture\n\nThis removes the deprecated event_loop fixture and its warnings, a cleanup "
              "of the pytest-asyncio code base.\n")
    assert _first(change)[0] not in ("loop-mismatch", "asyncio-misconfiguration")
    assert _first(change.replace(", a cleanup of the pytest-asyncio code base", "")) == ("loop-mismatch", ["LD005"])


def test_readings_from_the_misses_of_real220_to_225():
    # a clean-up coroutine never awaited, read by the report itself as a missing await
    warned = ("Stop example fails\n\n```\n/usr/lib/python3.12/asyncio/unix_events.py:150: RuntimeWarning: coroutine "
              "'Connection.close' was never awaited\n```\n")
    assert _first(warned + "Looks like an await is missing somewhere.\n") == ("not-loop-related", ["LD011"])
    assert _first(warned + "Is an await missing somewhere?\n")[1] != ["LD011"]
    # an object said to be created on another loop than the one awaiting it
    assert _first("Channel created in a different event loop\n\nRunning the worker with asyncio.run raises `attached to "
                  "a different event loop`.\n")[1] == ["LD003"]
    # the plugin's fixture deprecation as the reason for a change
    assert _first("Get the event loop from asyncio due to pytest's fixture deprecation\n") == ("loop-mismatch", ["LD005"])
    # engines or pools said to be left open, lingering connections, and callbacks drained before the loop closes
    for said in ("Dispose engines at session end\n\nUnder load we sometimes leave an engine open and not disposed.\n",
                 "Flaky warnings\n\nOne flake is lingering connections to the database after the run.\n",
                 "Drain callbacks\n\nclose() now yields once so in-flight callbacks can deliver before pytest closes "
                 "the loop.\n",
                 "Close the pool\n\nThe fixture never closed its connection pool, leaking worker tasks into teardown.\n"):
        assert _first(said) == ("loop-mismatch", ["LD008"]), said
    assert _first("Mock server\n\nThe read blocks if the client never closes the connection.\n")[1] != ["LD008"]
    # the code under test said to run on a loop of its own
    for said in ("CI hangs\n\nThe backend spawned an isolated thread and event loop, and the client bound to the test's "
                 "loop failed with `attached to a different loop`.\n",
                 "Sync then async fails\n\nSynchronous and asynchronous requests are executed in different event loops: "
                 "`got Future attached to a different loop`.\n"):
        assert _first(said)[1] == ["LD004"], said
    # a flaky test put down to a fixed sleep, CI load or slow runners
    for said in ("test: poll instead of sleeping\n\nA fixed asyncio.sleep before the check races the upload.\n",
                 "fix: longer wait\n\nThe tests can flake under CI load because the default timeout is too short.\n"):
        assert _first(said) == ("not-loop-related", ["LD011"]), said
    # plans, how-to questions and proposals with no failure; "can't find" is no failure
    for asked in ("Async test client\n\nDoes the project plan to implement support for async requests?\n",
                  "Testing help\n\nI can't seem to find anything online. How might someone test a coroutine that "
                  "sends mail?\n",
                  "Migrate the test client\n\nIdeally we should move to an async client in the tests.\n"):
        assert _first(asked) == ("no-failure", []), asked
    assert _first("Transactions\n\nRollbacks don't seem to work. Are there plans to support them?\n")[0] != "no-failure"


def test_readings_from_the_misses_of_real226_to_231():
    # a traceback the report cut short with "[...]" holds no exception line
    cut = ("No current event loop on Python 3.14\n\n```\nTraceback (most recent call last):\n  File \"bot.py\", line 3, "
           "in <module>\n    main()\n[...]\n```\n")
    assert not parse(normalise(cut)).exceptions
    assert _first(cut) == ("not-loop-related", ["LD011"])
    # an object said to bind to a loop at import, or primitives said to keep the loop current when made
    assert _first("Backend binds to an event loop at import time\n\nWith two loops it writes to the wrong socket.\n") == \
        ("loop-mismatch", ["LD003"])
    assert _first("fix loop errors before 3.10\n\nBefore 3.10, locks stored the current loop when created.\n") == \
        ("loop-mismatch", ["LD003"])
    # a patch's title that forbids the deprecated fixture is the suite's own use of it
    assert _first("don't use deprecated event_loop fixture\n") == ("loop-mismatch", ["LD005"])
    assert _first("Fixtures\n\nWe don't use the deprecated event_loop fixture anywhere.\n")[1] != ["LD005"]
    # tasks said to be destroyed while pending, and connections said to be exhausted
    assert _first("Task cleanup?\n\nMy long-running tasks throw warnings about tasks being destroyed but were pending "
                  "when the test's loop closes.\n") == ("loop-mismatch", ["LD008"])
    assert _first("Connection limit\n\nEach new loop keeps a D-Bus connection, exhausting the system connections limit.\n"
                  ) == ("loop-mismatch", ["LD008"])
    # get_event_loop() said to raise from a Python release on, with no plugin in sight
    assert _first("test: use asyncio.run\n\nasyncio.get_event_loop() is deprecated and raises RuntimeError on Python "
                  "3.12+.\n") == ("not-loop-related", ["LD011"])
    # questions and requests: a helper asked for, a wondering, GitHub's feature-request form
    for asked in ("Test client\n\nIs there a test client for the socket server, or examples of one?\n",
                  "Socket fixture\n\nI'm wondering if this fixture should be included in the plugin.\n",
                  "Websockets support\n\n### Is your feature request related to a problem? Please describe.\nOur client "
                  "is asyncio based; trying a bridge gives errors about the wrong event loop.\n"):
        assert _first(asked) == ("no-failure", []), asked
    # (a pull request's checklist asks nothing)
    assert _first("Pin pytest-asyncio\n\n- [ ] Is there an example added to the examples folder?\n")[0] != "no-failure"


def test_readings_from_the_misses_of_real232_to_237():
    # objects a fix makes on the correct loop: they were bound to another
    assert _first("fix: event loop mismatch\n\nEnsure the auth lock and the session are created within the correct "
                  "event loop when threads run loops of their own.\n") == ("loop-mismatch", ["LD003"])
    # the plugin said to be not compatible with a pytest release
    assert _first("Upgrade the plugin\n\nCI fails because pytest-asyncio 0.9.0 is not compatible with pytest 4.1.\n") \
        == ("loop-mismatch", ["LD010"])
    # a cached engine said to be process-global, made inside asyncio.run()
    assert _first("ci: fix flakes\n\nThe conftest built the process-global `@lru_cache`'d engine inside asyncio.run(), "
                  "so later tests hit `Event loop is closed`.\n")[1] == ["LD003"]
    # the plugin's warning about a fixture requesting event_loop, wrapped by hand before "event_loop"
    assert _first("Fix pytest warning\n\n```\nserver is asynchronous and explicitly requests the\n\"event_loop\" fixture. "
                  "Asynchronous fixtures and test functions should\nuse \"asyncio.get_running_loop()\" instead.\n```\n") == \
        ("loop-mismatch", ["LD005"])
    # a title that sets the mode to end the plugin's deprecation warnings
    assert _first("Add pytest-asyncio mode to remove deprecation warnings\n") == ("asyncio-misconfiguration", ["LD007"])
    # a proposal for the plugin itself, which every suite meets alike, is no account of a suite's fixtures
    proposal = ("Turn the deprecation into an error\n\nThe plugin warns when an async fixture is decorated with "
                "`@pytest.fixture` in strict mode. ")
    assert _first(proposal + "This is a breaking change that involves a major version bump to pytest-asyncio.\n")[0] \
        not in ("loop-mismatch", "asyncio-misconfiguration")
    assert _first(proposal + "Our suite has two of them.\n") == ("asyncio-misconfiguration", ["LD006"])


def test_readings_from_the_misses_of_real238_to_243():
    # asyncio's debug-mode check of a call from another thread: one loop, the wrong thread
    assert _first("Fix setup\n\n`ERROR [app] Task setup failed: Non-thread-safe operation invoked on an event loop "
                  "other than the current one`\n") == ("not-loop-related", ["LD011"])
    # connections of sync code, Django's per-thread ones, left open: no loop outlived
    told = ("Close connections around each task\n\nThe per-thread Django DB connection opened to run a task was never "
            "closed, so teardown fails with `database is being accessed by other users`.\n")
    assert _first(told)[0] not in ("loop-mismatch", "asyncio-misconfiguration")
    assert _first(told.replace("per-thread Django DB connection", "asyncpg connection"))[1] == ["LD008"]
    # the suite's own sync tests said to use get_event_loop() and meet "no current event loop"
    told = ("fix: async tests\n\nThe 4 permission tests used asyncio.get_event_loop().run_until_complete() in sync "
            "functions, which fails with \"no current event loop\" on CI.\n")
    assert _first(told) == ("not-loop-related", ["LD011"])
    assert _first(told.replace("The 4 permission tests used", "pytest-asyncio's plugin used"))[1] != ["LD011"]


def test_readings_from_the_misses_of_real247_to_255():
    # a client bound to whatever loop existed when it was built, or a primitive bound to one eagerly
    assert _first("refactor: lazy client\n\nThe wrapper created its aiohttp session in __init__, binding it to whatever "
                  "event loop existed at construction time.\n") == ("loop-mismatch", ["LD003"])
    assert _first("Fix eager event loop assignment of the ready condition\n") == ("loop-mismatch", ["LD003"])
    # a module-global client, or a shared client made thread-local, beside the loop error it caused
    assert _first("test: reset the tracker client\n\nThe check flaked with \"Event loop is closed\": the tracker has its "
                  "own module-global _redis, and the autouse fixture resets only the workers one.\n") == \
        ("loop-mismatch", ["LD003"])
    assert _first("fix: client per thread\n\n```\ngot Future <Future pending> attached to a different loop\n```\n\nThis "
                  "makes sure the async redis client we use is thread local.\n") == ("loop-mismatch", ["LD003"])
    # asyncio.run() said to fail under pytest-asyncio: the code starts a loop of its own where one already runs
    assert _first("fix(test): run cleanup on a new loop, asyncio.run() fails under pytest-asyncio\n") == \
        ("loop-mismatch", ["LD004"])
    # the suite's own event_loop fixture removed, named in words with its scope after it
    assert _first("test: remove the event loop session scoped fixture\n") == ("loop-mismatch", ["LD005"])
    # clients closed so the loop's end finds nothing open
    assert _first("close the websocket in the tls tests to avoid event loop closed errors\n") == \
        ("loop-mismatch", ["LD008"])
    assert _first("fix tests that do not close all event loops\n") == ("loop-mismatch", ["LD008"])
    # a frozen clock: freeze_time also freezes the clock the loop's timers run on
    told = ("asyncio.sleep never returns under freeze_time\n\nInside `with freeze_time('2020-01-01'):` the test awaits "
            "asyncio.sleep(0.1) and hangs.\n")
    assert _first(told) == ("not-loop-related", ["LD011"])
    assert _first("plugins: asyncio-0.23.8, freezegun-0.4.2\n" + told.replace("freeze_time", "a mock"))[1] != ["LD011"]


def test_a_plan_for_the_plugin_is_no_failure():
    # a maintainer's plan names the release that brought an option: no regression of any suite
    plan = ("Finish the deprecation of an unset option\n\nRelease v0.24 introduced the option that picks the loop of async "
            "fixtures. Leaving it unset emits a deprecation warning. The goal of this issue is to make `function` its "
            "default.\n")
    assert _first(plan) == ("no-failure", [])
    assert _first(plan.replace("The goal of this issue is to make", "Since then our CI breaks; we set"))[0] != "no-failure"


def test_readings_from_the_misses_of_real256_to_261():
    # a primitive made later to keep it off the wrong loop; a cached session made on another loop
    assert _first("[dns] create the lock lazily to avoid mismatched event loops\n") == ("loop-mismatch", ["LD003"])
    assert _first("Recreate the client if its session existed on a different event loop\n") == ("loop-mismatch", ["LD003"])
    # fixtures said not to be awaited: the plugin never ran them
    assert _first("Fix integration tests not awaiting fixtures and passing a `coroutine` on\n") == \
        ("asyncio-misconfiguration", ["LD006"])
    # the event_loop fixture removed from a suite that no longer uses the plugin: a leftover, no loop problem
    leftover = "test: remove event_loop fixture\n\nIt is just an artefact of having used pytest-asyncio in the past.\n"
    assert _first(leftover)[0] not in ("loop-mismatch", "asyncio-misconfiguration")
    assert _first(leftover.replace("It is just an artefact of having used pytest-asyncio in the past.",
                                   "Our session tests broke on it."))[1] == ["LD005"]
    # a close coroutine the code calls without await, as the report tells it: a missing await, not a leak at loop end
    told = ("await the stream's close\n\nThe wrapper's close is synchronous and calls self.stream.close() without "
            "awaiting it, so the connection was never closed and a \"coroutine ... was never awaited\" warning was "
            "emitted.\n")
    assert _first(told) == ("not-loop-related", ["LD011"])
    assert _first(told.replace("calls self.stream.close() without awaiting it", "never calls close"))[1] == ["LD008"]


def test_readings_from_the_misses_of_real262_to_267():
    # the warning that no loop is current, over a class body that makes an asyncio primitive: made at import
    warned = ("Warning:\n```\nmy/events.py:12\n  /venv/my/events.py:12: DeprecationWarning: There is no current event "
              "loop\n    _ready: asyncio.Future = asyncio.Future()\n```\n")
    assert _first(warned) == ("loop-mismatch", ["LD003"])
    assert _first(warned.replace("_ready: asyncio.Future = asyncio.Future()", "loop = asyncio.get_event_loop()"))[1] \
        != ["LD003"]
    # a global client said to use the wrong loop
    told = ("Bind the loop on first use\n\nThis fixes the case when the client is global and used in an asyncio.run "
            "call: the client uses a wrong loop.\n")
    assert _first(told) == ("loop-mismatch", ["LD003"])
    # Python's ResourceWarning prevented by closing in tests; a finaliser running while the test stops the loop
    assert _first("Close sockets in tests.\n\nThis prevents spurious ResourceWarnings.\n") == \
        ("loop-mismatch", ["LD008"])
    assert _first("Tests close their cursors.\n\nAvoid errors when a cursor's __del__ tries to send a command while the "
                  "test is stopping the event loop.\n") == ("loop-mismatch", ["LD008"])


def test_readings_from_the_misses_of_real268_to_273():
    # tests said to be skipped for want of the marker
    assert _first("[Queue] Enable skipped tests\n\nthe following tests are skipped because they miss "
                  "@pytest.mark.asyncio.\n") == ("asyncio-misconfiguration", ["LD006"])
    assert _first("Add the annotation @pytest.mark.asyncio so that the async unit test doesn't get skipped.\n") == \
        ("asyncio-misconfiguration", ["LD006"])
    # the move to strict mode, however a note spells it, to end the plugin's warnings
    assert _first("chore: try the `strict` mode for `pytest-asyncio` (to get rid of warnings)\n") == \
        ("asyncio-misconfiguration", ["LD007"])
    assert _first("Explicitly set the asyncio mode to 'strict'\n\npytest-asyncio started to emit deprecation warnings on "
                  "fixtures. This sets the flag explicitly to silence them.\n") == ("asyncio-misconfiguration", ["LD007"])
    # a primitive or client said to come from the wrong loop, or to bind to several
    assert _first("Fix error about acquiring a future from the wrong loop\n") == ("loop-mismatch", ["LD003"])
    assert _first("Revert the cached request lock to avoid attempting to bind to multiple event loops\n") == \
        ("loop-mismatch", ["LD003"])
    # a C library's own log of running out of descriptors is no account of what a test left open
    logged = ("Move the schema tests out\n\nRunning them in one asyncio suite fails like\n```\nFailed to create "
              "steady_timer: kqueue: Too many open files [system:24]\n```\n")
    assert _first(logged)[0] != "loop-mismatch"
    assert _first("Close the clients in the asyncio tests: the suite leaks sockets until it hits too many open "
                  "files.\n")[1] == ["LD008"]
    # how other code behaves, said in general, is no error the report saw
    general = ("Race risk with several loops\n\nOther asyncio wrappers generally bind the event loop when made and fail "
               "explicitly if called from a different event loop. This one keeps a plain dict.\n")
    assert _first(general)[0] != "loop-mismatch"
    assert _first(general.replace("Other asyncio wrappers generally bind the event loop when made and fail explicitly "
                                  "if called from a different event loop.",
                                  "Our test fails with \"attached to a different event loop\".")) \
        [0] == "loop-mismatch"


def test_readings_from_the_misses_of_real274_to_279():
    # the tests' use of event_loop removed, or made to work without it (the fixture 1.0 removed)
    assert _first("Drop the deprecated use of event_loop in the client tests\n") == ("loop-mismatch", ["LD005"])
    assert _first("Make the slow tests work without the event_loop fixture\n") == ("loop-mismatch", ["LD005"])
    # the default fixture loop scope set in a patch's words: the unset warning it ends
    assert _first("Set the default pytest-asyncio loop scope\n") == ("asyncio-misconfiguration", ["LD007"])
    assert _first("Configure the async fixture loop scope\n\nThis explicitly sets pytest-asyncio's default fixture "
                  "loop scope to `function`, which removes the deprecation warning.\n") == \
        ("asyncio-misconfiguration", ["LD007"])
    # not when it is set to a wider loop, nor asked
    assert _first("Set the default fixture loop scope to session so the pool is shared\n") != \
        ("asyncio-misconfiguration", ["LD007"])
    assert _first("Should we set the default fixture loop scope?\n") != ("asyncio-misconfiguration", ["LD007"])


def test_a_design_note_that_keeps_the_loops_apart_is_no_failure():
    note = ("test: share one maintenance pool\n\nWhy the loop scoping: pytest-asyncio runs session fixtures on a "
            "session loop and tests on their own function loops, and asyncpg connections are bound to the loop that "
            "made them. Tests only ever see a DSN string, so nothing crosses loops.\n")
    assert _first(note)[0] != "loop-mismatch"
    assert _first(note.replace(" Tests only ever see a DSN string, so nothing crosses loops.", "")) == \
        ("loop-mismatch", ["LD001"])


def test_readings_from_the_misses_of_real280_to_285():
    # an object said bound to the loop it was made on, made lazily, made under the running loop, or cached with a
    # closed loop across tests (LD003)
    assert _first("Create the asyncio events lazily\n") == ("loop-mismatch", ["LD003"])
    assert _first("The client seems to be bound somehow to the event loop where it was created, so a pooled one "
                  "hangs under the next asyncio.run().\n") == ("loop-mismatch", ["LD003"])
    assert _first("Make the `server` fixture async\n\nEach server object must be created within the running event "
                  "loop, since its constructor makes an asyncio.Event().\n") == ("loop-mismatch", ["LD003"])
    assert _first("Reset the cached clients between test modules\n\nThis stops client objects with a closed event "
                  "loop from being reused across tests.\n") == ("loop-mismatch", ["LD003"])
    # tasks a test starts, left when its loop goes (LD008)
    assert _first("Run tasks eagerly\n\nIn tests the event loop was torn down before the task was started, so "
                  "RuntimeWarnings showed up.\n") == ("loop-mismatch", ["LD008"])
    # a pin whose body says what the release broke, a pytest release held back until the plugin is fixed (LD010)
    assert _first("temporary pin for pytest-asyncio\n\nbreaks session-scoped event loops\n\ncloses #12\n") == \
        ("loop-mismatch", ["LD010"])
    assert _first("pin pytest-asyncio\n\nThe new mock library changed its API.\n") != ("loop-mismatch", ["LD010"])
    assert _first("ci: hold pytest back\n\nKeep installing pytest<8 and skip pytest>=8.0 until pytest-asyncio is fixed\n") == \
        ("loop-mismatch", ["LD010"])
    # the plugin's loop scope set to function, or its settings set to end warnings (LD007); not against a loop error
    assert _first("Set the pytest-asyncio loop scope to function\n") == ("asyncio-misconfiguration", ["LD007"])
    assert _first("tests: set pytest-asyncio options, silence warnings\n") == ("asyncio-misconfiguration", ["LD007"])
    assert _first("Set the pytest-asyncio loop scope to function\n\nThe tests failed with 'attached to a different "
                  "loop'.\n") != ("asyncio-misconfiguration", ["LD007"])
    # async tests failing for want of the marker, in other words (LD006)
    assert _first("Mark the async tests\n\nThey now fail due to the lack of asyncio markers.\n") == \
        ("asyncio-misconfiguration", ["LD006"])
    # a script's own coroutine used as a value is no unmarked test
    script = ("getCmd returns a coroutine\n\n```\nTraceback (most recent call last):\n  File \"/tmp/t\", line 11, in "
              "<module>\n    erri = next(it)\nTypeError: 'coroutine' object is not an iterator\nsys:1: RuntimeWarning: "
              "coroutine 'getCmd' was never awaited\n```\n")
    assert _first(script)[0] != "asyncio-misconfiguration"


def test_readings_from_the_misses_of_real286_to_291():
    # the suite's own event_loop fixture made to close its loop (LD005)
    assert _first("Call `event_loop.close()` in the conftest fixture to stop the pytest-asyncio warning\n") == \
        ("loop-mismatch", ["LD005"])
    # a primitive said bound to the current loop when its owner is built (LD003)
    assert _first("fix: build the client inside the loop\n\nOn Python 3.9 the socket binds an asyncio.Lock to the "
                  "current loop at construction, so the client cannot be made in a sync test.\n") == \
        ("loop-mismatch", ["LD003"])
    # async fixtures said to need the plugin's decorator, an async test said to lack the mark (LD006)
    assert _first("Fix the async fixtures\n\nAsync fixtures must be declared with pytest_asyncio.fixture now.\n") == \
        ("asyncio-misconfiguration", ["LD006"])
    assert _first("Fix async tests without asyncio mark\n\nThey were never run.\n") == \
        ("asyncio-misconfiguration", ["LD006"])
    # a pytest release held back until the plugin's bug is fixed (LD010)
    assert _first("Keep pytest below 4.1 until a bug in pytest-asyncio is fixed\n") == ("loop-mismatch", ["LD010"])
    # a worker thread writing to a closed loop at teardown, connections to close before the loop ends (LD008)
    assert _first("Close the pool in the fixture\n\nA worker thread sometimes writes to a closed event loop during "
                  "fixture teardown.\n") == ("loop-mismatch", ["LD008"])
    assert _first("Close the aiosqlite connections explicitly before the loop exits.\n") == ("loop-mismatch", ["LD008"])


def test_readings_from_the_misses_of_real292_to_297():
    # a dependency bot's update quoting the plugin's release notes is no failure of the suite
    bump = ("Bump pytest-asyncio from 0.26.0 to 1.0.0\n\nBumps [pytest-asyncio](https://github.com/pytest-dev/"
            "pytest-asyncio) from 0.26.0 to 1.0.0.\n<details>\n<summary>Release notes</summary>\n<ul>\n<li>Removed the "
            "deprecated <code>event_loop</code> fixture (<a href=\"https://github.com/pytest-dev/pytest-asyncio/issues/"
            "1106\">#1106</a>)</li>\n<li>Fixed <code>RuntimeError: There is no current event loop in thread "
            "'MainThread'</code> after asyncio.run()</li>\n</ul>\n</details>\n")
    assert _first(bump) == ("no-failure", [])
    assert _first(bump.replace("<summary>Release notes</summary>", "<summary>Notes</summary>"))[0] != "no-failure"
    # an override dropped before it could break is no failure
    assert _first("Rename the benchmark loop fixture\n\nThe benchmarks no longer override pytest-asyncio's reserved "
                  "`event_loop` fixture, which is deprecated and may break as the plugin changes.\n")[0] != \
        "loop-mismatch"
    assert _first("fix custom event_loop warning\n") == ("loop-mismatch", ["LD005"])
    # a never-awaited method of the code's own class is a missing await, not an un-run fixture
    hook = ("Add a failing test for the async auth hook\n\nError symptoms:\n- AttributeError: 'coroutine' object has "
            "no attribute 'history'\n- RuntimeWarning: coroutine 'AsyncAdapter.send' was never awaited\n")
    assert _first(hook)[0] != "asyncio-misconfiguration"
    assert _first(hook.replace("'AsyncAdapter.send'", "'client'"))[0] == "asyncio-misconfiguration"
    # tasks or sessions left open, in a patch's words (LD008)
    assert _first("Terminate each connection in the tests.\n\nThis avoids spurious warnings about pending tasks.\n") \
        == ("loop-mismatch", ["LD008"])
    assert _first("Explicitly close the redis client session\n") == ("loop-mismatch", ["LD008"])
    assert _first("Unclosed producer warnings after a failed start\n") == ("loop-mismatch", ["LD008"])


def test_readings_from_the_misses_of_real298_to_303():
    # kinds of loops named are not the loop error ("two different event loop fixtures")
    refactor = ("Remove usage of the event_loop fixture\n\nWe were using two different event loop fixtures. This "
                "removes the `event_loop` one. We could probably drop `py.test-asyncio` now as we depend on "
                "pytest-aiohttp only.\n")
    assert _first(refactor)[0] != "loop-mismatch"
    assert _first("The test and its fixture ran on two different event loops, so the pool failed.\n")[0] == \
        "loop-mismatch"
    # a diff that adds the bare marker to an async test (LD006)
    assert _first("Fix test not running in CI\n\n--- a/tests/test_api.py\n+++ b/tests/test_api.py\n@@ -12,6 +12,7 @@\n"
                  " \n \n+@pytest.mark.asyncio\n async def test_api():\n") == ("asyncio-misconfiguration", ["LD006"])
    # the plugin said missing, its name spelt with a space (LD009)
    assert _first("Add the missing pytest asyncio plugin that broke the test run\n") == \
        ("asyncio-misconfiguration", ["LD009"])
    # the option pinned, or the mode set to deal with the plugin's warnings (LD007)
    assert _first("test: pin pytest-asyncio fixture loop scope\n") == ("asyncio-misconfiguration", ["LD007"])
    assert _first("fix: set asyncio_mode to deal with the deprecation warnings\n") == \
        ("asyncio-misconfiguration", ["LD007"])


def test_readings_from_the_misses_of_real304_to_309():
    # a missing asyncio mark, in so many words (LD006)
    assert _first("Fix the missing asyncio marks\n") == ("asyncio-misconfiguration", ["LD006"])
    # the plugin's fixture scope set to end its deprecation warning (LD007)
    assert _first("fix PytestDeprecationWarning (set the pytest-asyncio fixture scope)\n") == \
        ("asyncio-misconfiguration", ["LD007"])
    # not @pytest.fixture's own scope
    assert _first("Set the fixture scope of the database fixture to module\n") != \
        ("asyncio-misconfiguration", ["LD007"])


def test_readings_from_the_misses_of_real310_to_315():
    # the option added in a patch's title (LD007)
    assert _first("add the pytest-asyncio fixture loop scope (#12)\n") == ("asyncio-misconfiguration", ["LD007"])
    # a sync test said to use an async fixture (LD006)
    assert _first("Fix the auth tests\n\nThe `client` fixture is async, but a synchronous test used the async client "
                  "fixture and got a coroutine object.\n") == ("asyncio-misconfiguration", ["LD006"])
    # background tasks cancelled at close and never awaited (LD008)
    assert _first("fix: await the cleanup tasks\n\nclose() cancelled the reader and writer tasks without awaiting "
                  "them, so their finalizers ran after the test.\n") == ("loop-mismatch", ["LD008"])


def test_readings_from_the_misses_of_real316_to_321():
    # asyncio_mode said not to be defined: the plugin's warning of 0.17-0.18 (LD007)
    assert _first("drop the unused pytest-asyncio dev dependency\n\nIt is unused and keeps printing a warning about "
                  "asyncio_mode not being defined.\n") == ("asyncio-misconfiguration", ["LD007"])
    # an upper bound for the plugin, its body saying the release breaks the tests (LD010)
    assert _first("add upper bounds for pytest-asyncio version\n\nthis limits the version of pytest-asyncio which "
                  "seems to break the test suite.\n") == ("loop-mismatch", ["LD010"])
    # a pytest release's compatibility issue, the plugin bumped for it (LD010)
    assert _first("Bump pytest-asyncio to 0.23.5\n\npytest 8 compat issue\n") == ("loop-mismatch", ["LD010"])
    assert _first("Bump pytest-mock to 3.12\n\npytest 8 compat issue\n")[1] != ["LD010"]


def test_readings_from_the_misses_of_real322_to_327():
    # asyncio_mode configured in a title of its own (LD007)
    assert _first("fix: configure asyncio_mode\n") == ("asyncio-misconfiguration", ["LD007"])
    # tasks not gathered at teardown, a connection opened and never closed, a task awaited when closing (LD008)
    assert _first("Streamline the asyncio tasks\n\nSome tasks that are not gathered properly at teardown keep "
                  "logging errors.\n") == ("loop-mismatch", ["LD008"])
    assert _first("Optimize teardown\n\nWe have a connection we open to fetch the model info but never close; its "
                  "pinger task outlives the run.\n") == ("loop-mismatch", ["LD008"])
    assert _first("Await the cache cleanup task when closing (#12)\n") == ("loop-mismatch", ["LD008"])


def test_readings_from_the_misses_of_real328_to_333():
    # a dependency bot's commit, signed by the bot alone, is no failure; signed by a person too, it may hold a fix
    bump = ("chore(deps): update dependency pytest-asyncio to v1.1 (#88)\n\n"
            "Co-authored-by: renovate[bot] <1+renovate[bot]@x>\n")
    assert _first(bump) == ("no-failure", [])
    assert _first("Bump pytest-asyncio from 0.21.0 to 0.21.2\n\nSigned-off-by: dependabot[bot] <support@x>\n") \
        == ("no-failure", [])
    assert _first(bump + "Co-authored-by: Jane Doe <jane@x>\n")[0] != "no-failure"
    # the tests' event_loop requests removed, the suite's own event_loop fixture fixed (LD005)
    assert _first("Remove deprecated event_loop from tests (#31)\n") == ("loop-mismatch", ["LD005"])
    assert _first("Remove legacy event_loop fixture usage\n") == ("loop-mismatch", ["LD005"])
    assert _first("Fix event_loop fixture for the newest pytest-aiohttp\n") == ("loop-mismatch", ["LD005"])
    # the mode set to a value in a title of its own, or to avoid warnings (LD007)
    assert _first("Set asyncio_mode to strict\n") == ("asyncio-misconfiguration", ["LD007"])
    assert _first("asyncio_mode = auto to silence pytest warnings\n") == ("asyncio-misconfiguration", ["LD007"])
    # Python's deprecation of get_event_loop told as trouble is no loop problem; a clean-up off it is no failure
    assert _first("Rework the reactor tests\n\nOn Python 3.12 `asyncio.get_event_loop()` is deprecated, and the "
                  "warning fails our tests.\n") == ("not-loop-related", ["LD011"])
    assert _first("Use get_running_loop in the watcher\n\n`get_event_loop()` emits a DeprecationWarning inside a "
                  "coroutine.\n")[1] != ["LD011"]


def test_readings_from_the_misses_of_real334_to_339():
    # the unclosed-loop warning beside tests that failed on their own assertions, the FAILED lines cut before
    # their messages: the warning is not what failed
    run = ("```\ntests/test_widget.py:88: AssertionError\n=============================== warnings summary "
           "===============================\ntests/test_bus.py::test_publish\n  "
           "/site-packages/pytest_asyncio/plugin.py:814: DeprecationWarning: pytest-asyncio detected an unclosed "
           "event loop when tearing down the event_loop\n"
           "  fixture: <MyLoop object at 0x1>\n  pytest-asyncio will close the event loop for you, but future versions "
           "of the\n  library will no longer do so.\n\n=========================== short test summary info "
           "============================\nFAILED tests/test_widget.py::test_wid\n```\n")
    assert _first("The refactor broke the tests\n\n" + run)[0] != "loop-mismatch"
    # asyncio_mode set up to silence warnings; the unset option named through a Markdown link (LD007)
    assert _first("Set up `asyncio_mode` to silence deprecation warnings\n") == ("asyncio-misconfiguration", ["LD007"])
    assert _first("Quiet the plugin\n\n- Stop pytest-asyncio [warning](https://ci.example/1) when "
                  "[`asyncio_default_fixture_loop_scope`](https://docs.example/configuration.html) is not set\n") \
        == ("asyncio-misconfiguration", ["LD007"])
    # another package held back by the patch's title, over the warning it quotes; not pytest-asyncio itself
    assert _first("Cap anyio version to avoid 'ResourceWarning: Unclosed <MemoryObjectSendStream>' in tests\n") \
        == ("not-loop-related", ["LD011"])
    assert _first("Pin pytest-asyncio below 0.23 to avoid the new loop errors\n")[1] != ["LD011"]


def test_readings_from_the_misses_of_real340_to_345():
    # a failure quoted with "> " markers, its fence behind them: the un-run async fixture's value is still read (LD006)
    quoted = ("tests broken on the new release\n\n> Everything fails for me with\n>\n> ```\n> _______ test_query "
              "_______\n>\n> db = <Session object at 0x7f01>\n> space = <async_generator object space at 0x7f02>\n>\n"
              ">     def test_query(db, space):\n> >       db.use(space)\n>\n> tests/test_query.py:9: \n> ```\n")
    top = _top(quoted)
    assert (top["code"], top["confidence"]) == ("LD006", "high") and "space" in top["summary"]
    # overriding the event loop stopped, in a title (LD005)
    assert _first("don't override event loop\n") == ("loop-mismatch", ["LD005"])
    # a session left open on a failure path (LD008)
    assert _first("Close sessions on errors\n\nA failed request can leave the temporary aiohttp session open.\n") \
        == ("loop-mismatch", ["LD008"])


def test_readings_from_the_misses_of_real346_to_351():
    # a bot's update with commits squashed in after its sign-off holds changes of its own: not "no failure"
    bump = ("Bump pytest-asyncio from 0.26.0 to 1.0.0 (#9)\n\nBumps pytest-asyncio from 0.26.0 to 1.0.0.\n\n"
            "Signed-off-by: dependabot[bot] <support@x>\n")
    assert _first(bump) == ("no-failure", [])
    assert _first(bump + "\n* remove all event_loop usage\n") == ("loop-mismatch", ["LD005"])
    # the plugin added where the tests run, in a title (LD009)
    assert _first("Add pytest-asyncio to hatch env\n") == ("asyncio-misconfiguration", ["LD009"])
    assert _first("ci: add `pytest_asyncio` in test-requirements.txt\n") == ("asyncio-misconfiguration", ["LD009"])
    # the unset-scope warning named in words (LD007)
    assert _first("remove pytest deprecation warning\nabout default asyncio fixture loop scope\n") \
        == ("asyncio-misconfiguration", ["LD007"])
