"""LD004: the code under test runs on a loop of its own."""
from __future__ import annotations

from .. import releases as rel
from ..fixes import async_test_client_edits, make_fix
from ..model import FixKind, Pattern, Verdict
from ._common import Option, finding, prose
from ._story import (APP_LOOP_MESSAGES, LOOP_ALREADY_RUNNING, PLUGINS_TAKE_ALL, PROSE_LOOP_LEFT_RUNNING,
                     PROSE_PLUGINS_CLASH, RUN_REFUSED, affirmed_match, anyio_beside_auto_mode, foreign_runner,
                     loop_driving_fixtures, nested_run_warnings, own_loop_plugin_named, paste_fixture_names,
                     said_loop_of_its_own, says_test_client, second_plugin_loop, story, trio_taken_by_asyncio)
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD004",
    pattern=Pattern.APP_RUNS_ON_ANOTHER_LOOP,
    title="The code under test runs on a loop of its own",
    verdict=Verdict.LOOP_MISMATCH,
    kb=KnowledgeBase(
        what=(
            "The code under test runs on an event loop of its own, not on the loop pytest-asyncio gave "
            "the test, so objects created on one loop are awaited on the other. Common sources: "
            "Starlette's and FastAPI's sync `TestClient`, which runs the app on an anyio blocking "
            "portal (a loop in a worker thread); `asyncio.run()` or `loop.run_until_complete()` called "
            "inside a test or a helper; anyio's `start_blocking_portal()`; and a second async test "
            "plugin (anyio's pytest plugin, pytest-trio, pytest-tornasync) running some tests or "
            "fixtures on its own loop.\n\n"
            "Symptoms: `RuntimeError: Task <Task pending "
            "name='anyio.from_thread.BlockingPortal._call_func' …> got Future <…> attached to a "
            "different loop` (the task name shows the portal), `RuntimeError: asyncio.run() cannot be "
            "called from a running event loop` inside an async test, `RuntimeError: This event loop is "
            "already running`, or a hang or timeout while the test's loop is blocked waiting for the "
            "other one."
        ),
        why=(
            "An async test runs on the loop pytest-asyncio chose for it. A sync `TestClient` call "
            "blocks that loop's thread and runs the request on the portal's loop in another thread. Any "
            "async object a fixture created on the test's loop (a Redis client, a database session "
            "handed to the app through `app.dependency_overrides`) is then awaited by the endpoint on "
            "the portal loop, and asyncio refuses. The reverse holds too: objects the app created on "
            "the portal loop, in its lifespan, cannot be awaited from the test.\n\n"
            "`asyncio.run()` always creates a new loop and closes it when it returns, and it refuses to "
            "start while a loop is running in the same thread, which is always the case inside an async "
            "test. In a sync test it works, but it leaves no current event loop set afterwards, which "
            "broke later shared-loop tests on 0.26.0–1.1.1 (#1177, LD010).\n\n"
            "With two async plugins each owns its loops. A fixture set up by one and a test run by the "
            "other live on different loops, and no pytest-asyncio option reaches a loop the plugin does "
            "not own. Moving tests to a wider pytest-asyncio loop scope therefore does not help with "
            "any of these."
        ),
        example=(
            "import asyncio\n"
            "\n"
            "import pytest\n"
            "from fastapi import FastAPI\n"
            "from fastapi.testclient import TestClient\n"
            "\n"
            "app = FastAPI()\n"
            "\n"
            "\n"
            '@app.get("/wait")\n'
            "async def wait():\n"
            "    return {\"value\": await app.state.ready}  # awaited on the TestClient's portal loop\n"
            "\n"
            "\n"
            "@pytest.mark.asyncio\n"
            "async def test_wait():\n"
            "    loop = asyncio.get_running_loop()  # the test's loop\n"
            "    app.state.ready = loop.create_future()\n"
            "    loop.call_soon(app.state.ready.set_result, 1)\n"
            "    # RuntimeError: Task <Task pending name='anyio.from_thread.BlockingPortal._call_func' ...>\n"
            "    # got Future <Future pending> attached to a different loop\n"
            '    assert TestClient(app).get("/wait").json() == {"value": 1}\n'
        ),
        example_language="python",
        fix=(
            "Run the app and the test on the same loop.\n\n"
            "In async tests, use an async client: "
            '`httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")`, in '
            "the test or in an async fixture. The app then runs on the test's own loop and can share "
            "objects with the test's fixtures. `ASGITransport` does not run the app's lifespan; if the "
            "app needs its startup and shutdown, run them yourself (for example with `asgi-lifespan`'s "
            "`LifespanManager`).\n\n"
            "Or keep `TestClient`, but in sync tests, and keep everything async inside the app: do not "
            "inject objects created on a pytest-asyncio loop. Create them in the app's lifespan, which "
            "runs on the portal loop when the client is used as a context manager (`with "
            "TestClient(app) as client:`).\n\n"
            "Replace `asyncio.run()` and `run_until_complete()` inside async tests with `await`. In "
            "sync tests that must call `asyncio.run()`, do not share async objects with other tests.\n\n"
            "With two async plugins, let each test and its fixtures be run by one of them. Strict mode "
            "(the default since 0.19) is how pytest-asyncio coexists with others: it only runs tests "
            "marked `@pytest.mark.asyncio` and fixtures decorated with `@pytest_asyncio.fixture`. Do "
            "not mix `@pytest.mark.anyio` tests with pytest-asyncio fixtures, and disable a plugin "
            "nothing needs (`-p no:anyio`)."
        ),
        tradeoffs=(
            "`httpx.AsyncClient` with `ASGITransport`: test and app share a loop as they would in "
            "production; the test must be async, the lifespan needs explicit handling, and requests go "
            "through the ASGI interface in-process, so behaviour that depends on a real server "
            "(threads, sockets, timeouts) is not exercised.\n\n"
            "Keeping `TestClient` in sync tests: the simplest tests, but nothing in them can be "
            "awaited; test data has to go through the app or a sync driver, and every `with "
            "TestClient(app)` starts a new portal loop and runs the lifespan again.\n\n"
            "Removing `asyncio.run()` from tests means making sync helpers async or moving their work "
            "into fixtures.\n\n"
            "Strict mode needs explicit markers and decorators; auto mode claims every async test and "
            "fixture, so it is a poor fit for a suite that also uses another async plugin."
        ),
        references=(
            Reference("FastAPI: async tests with httpx.AsyncClient",
                      "https://fastapi.tiangolo.com/advanced/async-tests/"),
            Reference("HTTPX: transports (ASGITransport)",
                      "https://www.python-httpx.org/advanced/transports/"),
            Reference("Starlette: TestClient",
                      "https://www.starlette.io/testclient/"),
            Reference("Python: asyncio runners (asyncio.run)",
                      "https://docs.python.org/3/library/asyncio-runner.html"),
            Reference("pytest-asyncio: Concepts (strict and auto mode)",
                      "https://pytest-asyncio.readthedocs.io/en/stable/concepts.html"),
        ),
    ),
)


def _extend(evidence: list, more: list) -> list:
    """``evidence`` with the lines of ``more`` it does not hold yet."""
    evidence += [e for e in more if e not in evidence]
    return evidence


def _handed_fixture(ctx) -> list[str]:
    """A fixture value the failing test received, other than the HTTP client itself (for the timeline)."""
    return [n for n in paste_fixture_names(ctx) if n not in ("client", "test_client", "app")][:1]


def _test_client_shown(ctx, prose: str) -> bool:
    """A sync test client (named as what the tests use, not as the one left behind) or its portal's frames."""
    return says_test_client(prose) or ctx.has("testclient.py", "BlockingPortal", "from_thread", "asgiref")


def _refusals(ctx, errors) -> list[str]:
    """What shows code starting a loop inside the running one: asyncio.run()'s refusal, raised or said, or a
    coroutine asyncio.run() left unawaited."""
    refused = [e.message.splitlines()[0] for e in errors if APP_LOOP_MESSAGES.search(e.message)]
    said = [v.value for v in ctx.facts.lines_matching(RUN_REFUSED)] if not refused else []
    return refused + said + [w.message.splitlines()[0] for w in nested_run_warnings(ctx)]


def _nested_run(ctx, s, evidence, refusals):
    """Code the test calls runs asyncio.run() (or run_until_complete) inside the test's running loop."""
    _extend(evidence, ctx.paste_evidence(*refusals, limit=2))
    summary = ("Code the async test calls runs a coroutine with asyncio.run() (or run_until_complete) while "
               "the test's own loop is running: asyncio refuses to start a loop inside a running one "
               "(\"cannot be called from a running event loop\"), and the coroutine it was handed is never "
               "awaited. Outside tests, that code runs where no loop is running, which is why it only fails here.")
    options = [
        prose(FixKind.OTHER, "Await the coroutine where a loop already runs",
              "Make the calling code async and await the coroutine; or, where it must stay sync, check "
              "asyncio.get_running_loop() (in a try) and schedule the coroutine with create_task() on the "
              "running loop, keeping asyncio.run() for the case where no loop runs.",
              "A sync API that schedules work returns before that work is done: await the task before using "
              "its result."),
        prose(FixKind.OTHER, "Call the sync API from a sync test, or from a thread",
              "Test the sync entry point in a plain (non-async) test, or call it from the async test with "
              "`await asyncio.to_thread(func, ...)`, where no loop is running.",
              "Objects made by the thread's loop cannot be awaited on the test's loop afterwards."),
    ]
    ctx.foreign_loop = ("the loop asyncio.run() would start (refused: the test's loop is running)",
                        ["the coroutine handed to asyncio.run()"])
    return finding(ctx, INFO, summary, s.confidence, evidence, options)


def _loop_left_running(ctx, s, evidence):
    """A sync tool left its loop running in the thread (told in words, or by the loop's refusal)."""
    said = (ctx.facts.lines_matching(APP_LOOP_MESSAGES) or ctx.facts.lines_matching(PROSE_LOOP_LEFT_RUNNING))[:1]
    _extend(evidence, ctx.paste_evidence(*(v.value for v in said), limit=1))
    summary = ("An event loop was already running in the thread when another was started: a synchronous tool "
               "that runs a loop of its own (Playwright's sync API, a notebook, nest_asyncio, another plugin's "
               "sync fixture) left its loop running. asyncio refuses to start a loop inside a running one, so "
               "pytest-asyncio (or asyncio.run) fails there.")
    options = [
        prose(FixKind.OTHER, "Use the async API in async tests",
              "In async tests use the tool's async API (for Playwright, pytest-playwright-asyncio or "
              "async_playwright) so everything runs on pytest-asyncio's loop.",
              "Tests written against the sync API must be ported to await its async calls."),
        prose(FixKind.OTHER, "Run the sync-tool tests apart from the asyncio tests",
              "Keep tests that use the synchronous tool and the asyncio tests in separate pytest runs (or "
              "separate xdist workers), so no loop is left running when pytest-asyncio starts its own.",
              "Two runs to maintain, and fixtures cannot be shared between them."),
    ]
    return finding(ctx, INFO, summary, s.confidence, evidence, options)


def _trio_taken(ctx, s, evidence):
    """pytest-asyncio took a trio test or fixture."""
    _extend(evidence, ctx.paste_evidence("TrioInternalError", "must be called from async context", "plugins:", limit=2))
    summary = ("pytest-trio and pytest-asyncio are both installed, and pytest-asyncio took a trio test or fixture "
               "(auto mode, or a release before 0.17, which took every async fixture): the trio code then runs on "
               "an asyncio event loop instead of inside trio.run(), which trio reports as an internal error.")
    # Strict mode and @pytest_asyncio.fixture exist from 0.17: an older release must be upgraded for them.
    old = ctx.version is not None and ctx.version < rel.V("0.17.0")
    options = [
        prose(FixKind.OTHER, "Let each plugin take only its own tests",
              ("Upgrade pytest-asyncio to 0.17 or later, then run" if old else "Run")
              + " pytest-asyncio in strict mode (asyncio_mode = strict, the default from 0.19) so it takes only "
              "tests marked @pytest.mark.asyncio and fixtures decorated with @pytest_asyncio.fixture; mark trio "
              "tests @pytest.mark.trio and their fixtures @pytest_trio.trio_fixture.",
              "Every asyncio test and async fixture must then be marked or decorated.",
              requires="pytest-asyncio>=0.17" if old else None),
        prose(FixKind.OTHER, "Uninstall the async plugin the suite does not use",
              "A suite that tests only trio code needs pytest-trio alone (or anyio's plugin with the trio backend).",
              "Tests written for the other plugin stop running."),
    ]
    return finding(ctx, INFO, summary, s.confidence, evidence, options)


def _foreign_runner(ctx, s, evidence, other):
    """Another async plugin's own runner ran the test."""
    evidence += ctx.paste_evidence(other.replace("-", "_"), limit=1)
    summary = (f"Two async plugins take the same async tests: {other}'s own runner ran this test (its "
               "pytest_pyfunc_call, on its own loop and fixtures) where pytest-asyncio was meant to, so the test "
               "fails inside the other plugin.")
    options = [prose(FixKind.OTHER, "Let pytest-asyncio alone run the async tests",
                     f"Remove {other} from the test environment, or disable it with `-p no:NAME` in the pytest "
                     "options (addopts), NAME being the plugin's name as `pytest --trace-config` lists it, so "
                     "pytest-asyncio alone runs async tests.",
                     f"Tests written for {other} (its fixtures) stop running until they are ported.")]
    return finding(ctx, INFO, summary, s.confidence, evidence, options)


def _anyio_beside_auto_mode(ctx, s, evidence):
    """anyio's plugin, switched on by its marker, beside pytest-asyncio in auto mode."""
    _extend(evidence, ctx.paste_evidence("anyio_backend", "mark.anyio", limit=2))
    summary = ("Two async plugins take the same tests: the anyio marker switches on anyio's pytest plugin, while "
               "pytest-asyncio in auto mode takes every async test and fixture too. Both wrap async fixtures, and "
               "which one wins depends on the order the plugins load, so a fixture runs under anyio's runner (the "
               "ScopeMismatch on its function-scoped anyio_backend fixture) or on another loop than its test.")
    options = [prose(FixKind.OTHER, "Let pytest-asyncio alone run the async tests",
                     "Remove the anyio markers (`pytestmark = pytest.mark.anyio`): in auto mode pytest-asyncio runs "
                     "those tests already. Or disable anyio's plugin with `-p no:anyio` in addopts.",
                     "Tests that need anyio's trio backend cannot run under pytest-asyncio."),
               prose(FixKind.OTHER, "Let one plugin run each test",
                     "Run pytest-asyncio in strict mode (asyncio_mode = strict), so it takes only tests marked "
                     "@pytest.mark.asyncio and fixtures decorated with @pytest_asyncio.fixture, and leave the "
                     "anyio-marked tests and their fixtures to anyio.",
                     "Every test and async fixture must be marked for the plugin meant to run it.")]
    return finding(ctx, INFO, summary, s.confidence, evidence, options)


def _own_loop_plugin(ctx, s, evidence, name, loop):
    """A plugin whose test client runs the app on a loop of its own, beside pytest-asyncio."""
    _extend(evidence, ctx.paste_evidence(name, name.replace("-", "_"), limit=1))
    summary = (f"Two async plugins run the tests: {name} ({loop}) beside pytest-asyncio, whose fixtures and "
               "tests run on pytest-asyncio's loop. Objects made on one (a database pool, a client) are awaited on "
               "the other.")
    options = [prose(FixKind.OTHER, f"Drive the app from pytest-asyncio's loop instead of {name}",
                     "Remove the plugin and call the app through an in-process async client on the test's own loop "
                     "(the framework's ASGI client, or httpx.AsyncClient with ASGITransport), from tests and fixtures "
                     "that pytest-asyncio runs.",
                     f"Tests written against {name}'s fixtures must be ported."),
               prose(FixKind.OTHER, f"Let {name} alone run the async code",
                     f"Create the pool or client inside the app (its startup), so that {name}'s loop makes it, and "
                     "do not hand the app objects made by pytest-asyncio fixtures.",
                     "The tests cannot reach those objects directly.")]
    return finding(ctx, INFO, summary, s.confidence, evidence, options)


def _own_loop_elsewhere(ctx, s, evidence):
    """The app story with no test client in sight: another plugin, a thread or the code drives a loop of its own."""
    clash = affirmed_match(PROSE_PLUGINS_CLASH, s.prose)
    if clash or s.note == PLUGINS_TAKE_ALL:
        _extend(evidence, ctx.paste_evidence(*([clash.group(0)] if clash else []), limit=1))
        summary = ("Two async plugins take the same tests (pytest-asyncio beside anyio's, pytest-trio's or another "
                   "plugin's): each runs them, or their fixtures, on an event loop of its own, so objects made on one "
                   "loop are awaited on the other.")
        first = prose(FixKind.OTHER, "Let one plugin run each test",
                      "Run pytest-asyncio in strict mode (asyncio_mode = strict) so it takes only tests marked "
                      "@pytest.mark.asyncio and fixtures decorated with @pytest_asyncio.fixture, and leave the other "
                      "plugin's tests to its own marker (@pytest.mark.anyio, @pytest.mark.trio); or uninstall the "
                      "plugin the suite does not use.",
                      "Every test and async fixture must be marked for the plugin meant to run it.")
    else:
        _extend(evidence, ctx.paste_evidence(*(v.value for v in said_loop_of_its_own(ctx)[:1]), limit=1))
        summary = ("The code under test ran on an event loop other than the test's: something the test uses starts "
                   "or drives a loop of its own (asyncio.run or run_until_complete in a sync fixture or helper, a "
                   "server or framework started in its own thread, another plugin's loop), so objects made on one "
                   "loop are awaited on the other.")
        first = prose(FixKind.OTHER, "Run the code on the test's loop",
                      "Await the code from the async test and async fixtures instead of starting another loop (no "
                      "asyncio.run, run_until_complete or a server thread with its own loop in tests and fixtures); "
                      "start servers inside the test's loop (as a task, or with the framework's async test client).",
                      "Sync helpers that run coroutines themselves must become async.")
    ctx.foreign_loop = ("a loop of its own (the code's, a thread's or another plugin's)", _handed_fixture(ctx))
    options = [first, prose(FixKind.OTHER, "Keep objects of one loop on that loop",
                            "Create clients, connections and primitives inside the code that runs on the other loop "
                            "(its lifespan, its thread) instead of handing it objects made on the test's loop.",
                            "The test can no longer reach those objects directly.")]
    return finding(ctx, INFO, summary, s.confidence, evidence, options)


def detect(ctx):
    """The code under test ran on a loop of its own (sync TestClient, asyncio.run, a portal)."""
    s = story(ctx)
    if s.kind != "app":
        return None
    errors = ctx.exceptions(APP_LOOP_MESSAGES) + s.loop_errors + s.closed_errors
    evidence = s.evidence(ctx, errors) if not ctx.exceptions(APP_LOOP_MESSAGES) else ctx.exception_evidence(errors, limit=4)
    _extend(evidence, ctx.paste_evidence("BlockingPortal", "testclient.py", limit=2))
    sync_clients = [t for t in ctx.sources.tests if t.is_async and t.uses_sync_test_client]
    runs = [t for t in ctx.sources.tests if t.is_async and t.calls_asyncio_run]
    for fixture in ctx.sources.fixtures:
        if any(c.endswith("TestClient") for c in fixture.creates):
            found = ctx.file_evidence(fixture.file, fixture.line)
            if found:
                evidence.append(found)
    # A sync fixture that drives a loop itself, where no test does.
    driving = loop_driving_fixtures(ctx) if not (runs or sync_clients) else []
    if driving:
        evidence += [e for e in [ctx.source_evidence(driving[0].file, driving[0].line)] if e]
    code_shows = bool(sync_clients or runs or driving)
    client = _test_client_shown(ctx, s.prose)
    if trio_taken_by_asyncio(ctx):
        return _trio_taken(ctx, s, evidence)
    other = foreign_runner(ctx)
    if other:
        return _foreign_runner(ctx, s, evidence, other)
    if anyio_beside_auto_mode(ctx):
        return _anyio_beside_auto_mode(ctx, s, evidence)
    named = own_loop_plugin_named(ctx) if not code_shows else None
    if named:
        return _own_loop_plugin(ctx, s, evidence, *named)
    refusals = _refusals(ctx, errors) if not (code_shows or client) else []
    if refusals:
        return _nested_run(ctx, s, evidence, refusals)
    if s.note == LOOP_ALREADY_RUNNING and not (code_shows or client):
        return _loop_left_running(ctx, s, evidence)
    if not (code_shows or client or second_plugin_loop(ctx)):
        return _own_loop_elsewhere(ctx, s, evidence)
    if second_plugin_loop(ctx) and not ctx.has("[pyloop]", "aiohttp_client = <", "pytest_aiohttp"):
        plugins = ctx.facts.header.plugins
        aiohttp, asyncio_plugin = plugins.get("aiohttp"), plugins.get("asyncio")
        other = (f"pytest-tornasync {plugins['tornasync'].value} (it runs every coroutine test on a loop of its own)"
                 if "tornasync" in plugins else
                 f"pytest-aiohttp {aiohttp.value} (before 1.0 it runs async tests and its fixtures on a loop of its "
                 "own)" if aiohttp else None)
        summary = ("Two async plugins are running the tests: "
                   + (f"{other} beside pytest-asyncio {asyncio_plugin.value} (which takes every async test or "
                      "fixture before 0.17, or in auto mode)" if other and asyncio_plugin else
                      "pytest-aiohttp's `loop` fixture beside pytest-asyncio's `event_loop`")
                   + ": fixtures set up on one loop hand the test objects it awaits on the other.")
    elif second_plugin_loop(ctx):
        summary = ("Two async plugins are running the tests: pytest-aiohttp (its aiohttp_client fixture and "
                   "[pyloop] test ids) sets up the app and client on its own loop, while pytest-asyncio runs "
                   "the test marked @pytest.mark.asyncio on another, so the client's futures belong to a loop "
                   "the test is not running on.")
    elif driving:
        summary = (f"{driving[0].name} is a synchronous fixture that runs a coroutine on a loop itself "
                   "(run_until_complete or asyncio.run): what it makes is set up outside the task, and possibly "
                   "the loop, the tests run in, so awaiting it from the tests fails (\"Timeout context manager "
                   "should be used inside a task\", \"attached to a different loop\").")
    elif runs and not sync_clients:
        summary = (f"{runs[0].name} is an async test that starts another event loop itself (asyncio.run, "
                   "run_until_complete or a blocking portal). Objects of the test's loop cannot be awaited "
                   "there, and a loop cannot be started inside a running one.")
    else:
        summary = ("A synchronous TestClient runs the application on an event loop of its own, in a "
                   "separate thread (an anyio blocking portal). Objects the test created on its own loop "
                   "(a Redis or database client handed to the app) are then awaited on the portal's loop "
                   "and fail with \"attached to a different loop\".")
    handed = [f.name for f in ctx.sources.fixtures if f.is_async and any(
        f.name in g.params for g in ctx.sources.fixtures if any(c.endswith("TestClient") for c in g.creates))]
    # Without the code: a fixture value the failing test received, other than the HTTP client itself.
    handed = handed or _handed_fixture(ctx)
    portal = "TestClient's loop (its own thread)" if not (runs and not sync_clients) else "a loop the test started itself"
    ctx.foreign_loop = (portal, handed)
    changes = async_test_client_edits(ctx)
    fix = make_fix(
        FixKind.USE_ASYNC_TEST_CLIENT, "Use httpx.AsyncClient with ASGITransport instead of TestClient",
        "httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) calls the app on the test's own "
        "loop, so the app and the test share every object. Requests are then awaited.",
        "ASGITransport does not run the app's lifespan: start it yourself (e.g. asgi-lifespan's "
        "LifespanManager) if startup code matters. Tests and the client must be async.",
        changes, requires=None,
    )
    # The client swap is the fix even where the code is not given to write its diff.
    options = [Option(fix, lambda v: True, needs_diff=False)]
    if driving:
        options.insert(0, prose(
            FixKind.OTHER, f"Make {driving[0].name} an async fixture",
            f"Declare {driving[0].name} with async def (and @pytest_asyncio.fixture in strict mode) and await the "
            "coroutine instead of running it with run_until_complete: it is then set up inside the loop and "
            "task the tests use.",
            "Tests that use it must be async (or receive it through another async fixture)."))
    if second_plugin_loop(ctx):
        options.insert(0, prose(
            FixKind.OTHER, "Let one plugin drive the loop (pytest-aiohttp 1.x runs on pytest-asyncio)",
            "pytest-aiohttp 1.0 and later set up aiohttp_client on pytest-asyncio's loop: upgrade it and keep "
            "@pytest.mark.asyncio (or asyncio_mode = auto). With an older pytest-aiohttp, drop the asyncio "
            "marker from these tests and let pytest-aiohttp run them.",
            "Upgrading pytest-aiohttp removes its own loop fixture (loop); tests that request it need "
            "asyncio.get_running_loop() instead."))
    options.append(prose(FixKind.OTHER, "Keep objects the app uses inside the app",
                         "Let the app create its own clients (dependency or lifespan) instead of handing it "
                         "objects made on the test's loop; with a sync TestClient, only sync calls belong in the test.",
                         "The test can no longer reach into the app's clients directly."))
    return finding(ctx, INFO, summary, s.confidence, evidence, options)
