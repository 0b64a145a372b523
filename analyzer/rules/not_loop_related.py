"""LD011: an asyncio error that is not a loop mismatch."""
from __future__ import annotations

import bisect
import re

from ..model import Confidence, FixKind, Pattern, Verdict
from ._common import finding, prose
from ._story import (ANOTHER_OPERATION, CONTEXT_LOST, CONTEXT_WORDS, DENIED_OR_ASKED, DYNAMIC_ASYNC_FIXTURE,
                     FIXTURE_MARKED, HANG, LOCATION, LONG_LINE, NO_LOOP_WARNING, OWN_CODE, STALE_LOOP, UNAWAITED_RESULT,
                     affirmed_match, anyio_plugin_only, coroutine_hidden_by_decorator, deprecated_asyncio_calls,
                     deprecation_is_the_failure, import_time_loop_calls, innermost_callers, loop_warning_subject,
                     no_loop_warnings, other_failures, plugin_shown, said_get_event_loop_deprecated,
                     said_own_no_loop_call, stated, story, task_collected)
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD011",
    pattern=Pattern.NOT_LOOP_RELATED,
    title="An asyncio error that is not a loop mismatch",
    verdict=Verdict.NOT_LOOP_RELATED,
    kb=KnowledgeBase(
        what=(
            "The paste contains an asyncio error whose cause is not an event-loop mismatch: loop "
            "scopes, markers and pytest-asyncio options will not fix it. It is named here so the search "
            "for the real cause can start in the right place.\n\n"
            "Common cases: asyncpg's `InterfaceError: cannot perform operation: another operation is in "
            "progress` when two coroutines use one connection (or one SQLAlchemy `AsyncSession`) at the "
            "same time; anyio's `RuntimeError: Attempted to exit cancel scope in a different task than "
            "it was entered in`; SQLAlchemy's `MissingGreenlet: greenlet_spawn has not been called; "
            "can't call await_only() here.` from a synchronous ORM operation such as a lazy load; "
            "`RuntimeWarning: coroutine '…' was never awaited`; a `TimeoutError` from something "
            "that never completed; and, on Python 3.14, `RuntimeError: There is no current event loop "
            "in thread 'MainThread'.` from sync code calling `asyncio.get_event_loop()`, which no longer "
            "creates a loop when none is set. Less obvious ones: a test that patches what every event loop is "
            "built on (`socket.socket`, "
            "`socket.socketpair`, the selector, `time.monotonic`), so the loop pytest-asyncio makes or runs "
            "meets the mock, or a network guard (pytest-socket, `--block-network`) refusing the loopback "
            "`connect()` that Windows builds every loop's self-pipe with; a library's finaliser (`__del__`) that makes its clean-up coroutine and never "
            "awaits it, or raises its own `AttributeError`; another library calling an asyncio API that "
            "Python 3.14 deprecates; and httpx 0.28's removal of `AsyncClient(app=…)` "
            "(`TypeError: AsyncClient.__init__() got an unexpected keyword argument 'app'`)."
        ),
        why=(
            "asyncpg runs one statement at a time per connection and refuses a second while the first "
            "is in flight. `asyncio.gather()` over queries on one connection or session, or a "
            "background task still using it, triggers this. (If the paste also shows `attached to a "
            "different loop` first, a connection was left mid-operation by a loop mismatch, and that "
            "earlier error is the one to fix.)\n\n"
            "anyio requires a cancel scope or task group to be exited by the task that entered it. An "
            "async-generator fixture that yields inside `async with anyio.create_task_group()` (or "
            "inside a client whose context manager opens one) is entered in the fixture's set-up task "
            "and exited in its teardown task, which are different tasks.\n\n"
            "SQLAlchemy's asyncio layer can only do IO inside an awaited call. Touching an unloaded "
            "relationship (`user.addresses`) or an attribute expired by `commit()` starts IO from a "
            "plain attribute access, which raises `MissingGreenlet`.\n\n"
            "A coroutine does nothing until it is awaited: a missing `await` leaves the work undone and "
            "the warning appears when the coroutine object is collected. A timeout means something "
            "awaited never happened: a server not running, a lock never released, an event never set.\n\n"
            "None of these depends on which loop the test runs on, so the loop fixes for the other "
            "patterns change nothing, or make the error disappear by accident."
        ),
        example=(
            "import asyncio\n"
            "\n"
            "import asyncpg\n"
            "import pytest\n"
            "import pytest_asyncio\n"
            "\n"
            "\n"
            "@pytest_asyncio.fixture\n"
            "async def conn():\n"
            '    connection = await asyncpg.connect("postgresql://localhost/test")\n'
            "    yield connection\n"
            "    await connection.close()\n"
            "\n"
            "\n"
            "@pytest.mark.asyncio\n"
            "async def test_two_queries_at_once(conn):\n"
            "    # InterfaceError: cannot perform operation: another operation is in progress\n"
            '    await asyncio.gather(conn.fetchval("select 1"), conn.fetchval("select 2"))\n'
        ),
        example_language="python",
        fix=(
            "Fix the cause the error names; leave the loop configuration alone unless another finding "
            "in the same paste points at it.\n\n"
            "Another operation in progress: await the queries one after another, or give each "
            "concurrent task its own connection (`asyncpg.create_pool()` and `async with pool.acquire() "
            "as conn:`) or, with SQLAlchemy, its own `AsyncSession`.\n\n"
            "Cancel scope exited in a different task: open and close the task group or cancel scope in "
            "the same task, inside the test or a helper the test enters with `async with`, instead of "
            "yielding from inside it in an async-generator fixture.\n\n"
            "MissingGreenlet: load relationships eagerly (`selectinload()`), `await "
            'session.refresh(obj, ["addresses"])`, use `AsyncAttrs` and `await '
            "obj.awaitable_attrs.addresses`, create sessions with `expire_on_commit=False`, or run sync "
            "ORM code with `await session.run_sync(fn)`.\n\n"
            "Never awaited: add the missing `await`. If the coroutine is an async fixture declared with "
            "`@pytest.fixture` in strict mode, see LD006.\n\n"
            "TimeoutError: find what never completed (service down, lock not released, event not set) "
            "before raising the timeout."
        ),
        tradeoffs=(
            "Sequential queries are slower than concurrent ones; a pool lets work run concurrently but "
            "each connection has its own transaction, so a test that isolates itself with one "
            "rolled-back transaction no longer covers all the work.\n\n"
            "Eager loading fetches data up front, possibly more than needed; `expire_on_commit=False` "
            "means objects can hold stale values after a commit.\n\n"
            "Raising a timeout only hides a hang and makes the suite slower when it happens."
        ),
        references=(
            Reference("asyncpg #738: concurrent queries on a single connection",
                      "https://github.com/MagicStack/asyncpg/issues/738"),
            Reference("SQLAlchemy: MissingGreenlet",
                      "https://docs.sqlalchemy.org/en/20/errors.html#error-xd2s"),
            Reference("SQLAlchemy: asyncio extension (preventing implicit IO)",
                      "https://docs.sqlalchemy.org/en/20/orm/extensions/asyncio.html"),
            Reference("AnyIO: cancellation and timeouts",
                      "https://anyio.readthedocs.io/en/stable/cancellation.html"),
            Reference("Python: detect never-awaited coroutines",
                      "https://docs.python.org/3/library/asyncio-dev.html#detect-never-awaited-coroutines"),
        ),
    ),
)


LIFESPAN_NOT_RUN = ("The app's startup (lifespan) handlers never ran in the tests, so what they set up (a pool, a "
                    "cache, app state, logging) is missing: Starlette's TestClient sends the lifespan events only "
                    "when used as `with TestClient(app) as client:`, and httpx's AsyncClient never sends them.")
LIFESPAN_FIX = ("Use the TestClient as a context manager, or wrap the app in asgi-lifespan's `LifespanManager` (or call "
                "the handlers in the client fixture) when testing with httpx.AsyncClient.")


_GATHERED_ON_ONE = re.compile(r"\bgather\b[^.\n]{0,60}\b(?:with|on|over|sharing|through) (?:the same|one|a single) "
                              r"(?:\w+ )?(?:session|connection|cursor)\b")
_MOCK_NEVER_ENDS = re.compile(r"(?=[Mmi])(?:\b(?:MagicMock|Mock|mock)[^.\n]{0,120}\binfinite\b(?! event)|\binfinite (?:\w+ )?"
                              r"loop\b[^.\n]{0,120}\bmock)")
# The same said in a report's words: "a \"coroutine was never awaited\" warning", "Fix unawaited coro warning", "Fix
# dangling coroutine", and in Portuguese and Spanish notes ("uma corrotina (session.refresh()) não estava sendo
# esperada").
_SAID_UNAWAITED = re.compile(r"(?=[cC'\"udD])(?:['\"]coroutine (?:was )?never awaited['\"]"
                             r"|\bunawaited coro(?:utine)?s? warnings?\b|(?<!not a )(?<!n't a )(?<!no )\b[Dd]angling coroutines?\b"
                             r"|\b[cC]orr?[ou]tinas?\b[^\n]{0,60}?\b(?:não|no) (?:estava sendo |estaba siendo |foi |fue |era )?"
                             r"(?:esperada|aguardada))")
# "fix: never awaited error in the route tests", "warnings due to non-awaited mocks": read only where stated ("there is
# no never awaited error"); its literal first, as it is searched over every line of a run.
_SAID_UNAWAITED_ERROR = re.compile(r"n(?:ever[- ]awaited (?:errors?|exceptions?)|on-awaited (?:mocks?|coroutines?|calls?))\b")
# "… when these tests are the first to run and no event loop exists" (a report's words, its own "no" no denial)
_NO_LOOP_SET = re.compile(r"no event loop (?:exists|is set|has been set|was set)\b"
                          r"|no current event loop (?:exists|is set|has been set|was set)\b")
UNAWAITED, UNAWAITED_FIX = "A coroutine was called without await, so it never ran.", "Add the missing await."
SYNC_ONLY = ("Django refused a database call made from a thread with a running event loop (an async test, or a sync "
             "library such as Playwright's sync API that runs a loop).")
SYNC_ONLY_FIX = ("Wrap the ORM call in sync_to_async / database_sync_to_async, move it out of the async code, or (for a "
                 "sync tool that only runs a loop of its own) set DJANGO_ALLOW_ASYNC_UNSAFE in the tests.")
_SAID_SYNC_ONLY = re.compile(r"\bsynchronous[- ]only operation\b", re.I)
SHARED_CONNECTION = ("Two coroutines used one database connection at the same time (for example with asyncio.gather "
                     "or a task left running); asyncpg and psycopg allow one operation per connection.")
SHARED_CONNECTION_FIX = ("Give each concurrent coroutine its own connection (a pool), or await the operations one after "
                         "another.")
CANCEL_SCOPE = ("An anyio/trio cancel scope (task group, timeout, or a yield inside one in a fixture) was entered in one "
                "task and exited in another.")
CANCEL_SCOPE_FIX = ("Do not yield inside a task group or cancel scope in an async generator fixture; keep the scope within "
                    "one task.")


KNOWN = (
    (ANOTHER_OPERATION, SHARED_CONNECTION, SHARED_CONNECTION_FIX),
    # the same said by a fix: "Fix not using asyncio.gather() with the same session as it doesn't support it"
    (_GATHERED_ON_ONE, SHARED_CONNECTION, SHARED_CONNECTION_FIX),
    (re.compile(r"cancel scope in (?:a )?different task|Attempted to exit cancel scope"), CANCEL_SCOPE, CANCEL_SCOPE_FIX),
    # a mock that never returns the value ending a loop of the code ("mock_assistants fixture that caused infinite
    # pagination loop"): a loop statement, not an event loop
    (_MOCK_NEVER_ENDS,
     "A mock (a MagicMock, whose attributes are all truthy) never returned the value that ends a loop of the code (a "
     "pagination token, a retry condition), so the loop ran forever: CPU at 100% and memory growing until the run was "
     "killed. A loop statement of the code, not the event loop.",
     "Give the mock the real stop value (a response object with next=None, a falsy token), or use a spec'd mock "
     "or a real object in the fixture."),
    (DYNAMIC_ASYNC_FIXTURE,
     "An async fixture was asked for while the test runs (request.getfixturevalue): the async plugin would have to run "
     "the fixture's coroutine inside the loop already running the test, which none of them supports (on asyncio "
     "the call fails because that loop is already running; trio's runner may hang). A limit of the runners, not a "
     "mismatch between loops.",
     "Request the async fixture as an argument of the test (or of a fixture it uses) instead of by name at run time; "
     "for a choice made at run time, parametrize the fixture (indirect parametrization)."),
    (STALE_LOOP,
     "The code kept a reference to an event loop after that loop had closed (an attribute such as self._loop left set "
     "when the loop's run ended) and later scheduled work on it, which raises \"Event loop is closed\": a lifecycle bug "
     "of the code, not a mismatch between the tests' loops.",
     "Clear the reference when the loop's run ends (in a finally block), and check that the loop is running before "
     "scheduling on it."),
    # asyncio's debug-mode check: loop-only code (call_soon, a Queue's put_nowait) called from another thread
    (re.compile(r"Non-thread-safe operation invoked on an event loop other than the current one"),
     "Code running in another thread (a worker of an executor, a sync handler) called an API of the event loop that "
     "only its own thread may call: asyncio's debug mode checks that and raises. The loop is the same one; the caller "
     "is in the wrong thread.",
     "Hand the work to the loop's thread: loop.call_soon_threadsafe(...) for a callback, "
     "asyncio.run_coroutine_threadsafe(coro, loop) for a coroutine."),
    (re.compile(r"MissingGreenlet|greenlet_spawn has not been called"),
     "SQLAlchemy's async engine was used through a sync code path (a lazy-loaded relationship or a sync "
     "attribute access after the session closed).",
     "Load relationships eagerly (selectinload) or use `await session.run_sync(...)` / AsyncAttrs."),
    (re.compile(r"TimeoutError|TimedOutError|CancelledError|\btim(?:es|ed) out\b|\b(?:wait|start|connect|read) timeout\.?$|"
                f"(?i:{HANG.pattern})"),
     "An awaited operation timed out or was cancelled, or never completed.",
     "Check the awaited service and the timeout; this is not an event-loop mismatch."),
    (UNAWAITED_RESULT,
     "A call to an async function (a query's execute, an HTTP request) is used without await: the code reads the "
     "result from the coroutine the call returned, which has none of its attributes.",
     "Await the call before using its result (`(await session.execute(query)).first()`), and make the function "
     "that makes it async."),
    (re.compile(r"set_wakeup_fd only works in main thread|signal only works in main thread"
                r"|add_signal_handler\(\) can only be called from the main thread"),
     "Signal handling (a loop's signal handlers, its wakeup fd) was set up in a thread other than the main one, "
     "where Python allows none: a test runner's worker thread (pytest-xdist's execnet, a thread pool).",
     "Set signal handling up in the main thread only, or skip it where threading.current_thread() is not "
     "threading.main_thread()."),
    (re.compile(r"no running event loop"),
     "Code called asyncio.get_running_loop() (or created a task/future) outside of a running loop, e.g. in a "
     "sync test or at import time.",
     "Call it from async code, or make the test async."),
    (re.compile(r"ConnectionRefusedError|ClientConnectorError|Connect call failed|Cannot connect to host|Connection refused"
                r"|Name or service not known|nodename nor servname|getaddrinfo failed"),
     "A connection to a server failed: it is not running, not reachable from where the tests run, or the "
     "address is wrong.",
     "Start the service the tests need (or point the tests at it), or mock the network call."),
    (re.compile(r"no such table: \w|relation \"[\w.]+\" does not exist|database \"[\w.-]+\" does not exist"
                r"|syntax error at or near|password authentication failed for user|Unknown database '"),
     "The database rejected the query or the connection: a missing table or database, SQL the database does not "
     "accept (often written for another database engine), or wrong credentials.",
     "Create the schema the tests expect (run the migrations or create_all in a fixture), point the tests at the "
     "right database, or write the query for the engine in use."),
    (re.compile(r"Address already in use|address already in use|cannot assign requested address"
                r"|error while attempting to bind on address"),
     "A server in the tests could not bind its address: the port is still held (a server from an earlier "
     "test not closed, another process) or the address does not exist on this machine (IPv6 loopback).",
     "Close servers in fixture teardown (or use a free port per test), and bind to addresses the machine has."),
    (re.compile(r"No module named '(?!pytest_asyncio\b)[\w.]+'|the greenlet library is required"),
     "A package the code needs is not installed in the environment that runs the tests.",
     "Add the missing package to the test dependencies (for SQLAlchemy's asyncio extension: greenlet)."),
    (re.compile(r"_make_subprocess_transport|add_signal_handler\b.{0,500}NotImplementedError|NotImplementedError.{0,500}add_reader"),
     "The event loop type in use does not implement this (on Windows the selector loop has no subprocesses, "
     "the proactor loop no add_reader/add_signal_handler).",
     "Use the loop type the feature needs (an event_loop_policy fixture, or asyncio's Windows policies), or "
     "skip the test on that platform."),
    (re.compile(r"Event loop stopped before Future completed"),
     "Code stopped the loop (loop.stop(), often from a callback left behind) while run_until_complete() was "
     "still waiting for its future.",
     "Find what calls loop.stop() (a stale callback, a signal handler) and let the awaited work finish first."),
    (re.compile(r"coroutine raised StopIteration"),
     "A StopIteration escaped inside a coroutine (an exhausted iterator or a mock's side_effect list running "
     "out, often because a test waited less than the code needed); Python turns it into RuntimeError.",
     "Give the mocked iterator enough values, or wait for the condition instead of a fixed number of steps."),
    (re.compile(r"There is no current event loop in thread"),
     "Sync code asked for the current event loop (asyncio.get_event_loop()) where none is set: Python 3.14 no "
     "longer creates one implicitly, and asyncio.run() or a finished loop leaves none behind.",
     "Create the loop explicitly (asyncio.new_event_loop() / asyncio.run()) or move the code into async tests."),
    (re.compile(r"SynchronousOnlyOperation|You cannot call this from an async context"), SYNC_ONLY, SYNC_ONLY_FIX),
    # the same said in words ("Enumerating the queryset is a synchronous only operation"): read in the report's lines
    (_SAID_SYNC_ONLY, SYNC_ONLY, SYNC_ONLY_FIX),
    # pytest-django's guard on the database, whatever thread or fixture asked
    (re.compile(r"Database access not allowed, use the \"django_db\" mark"),
     "pytest-django's database blocker refused a query made where the database is not enabled: a test without the "
     "django_db mark, a fixture evaluated outside the db fixture, or a thread of the app querying during the tests.",
     "Mark the test with @pytest.mark.django_db (or request the db fixture from the fixture that queries), and keep "
     "the app's background threads that query the database from starting in tests."),
    (re.compile(r"connection already closed"),
     "A database connection was used after it had been closed (by a teardown, another thread, or the server); "
     "with Django's async consumers the test's connection is closed from the consumer's thread.",
     "Open the connection where it is used, or keep it open for the test's length; with Django channels, mark "
     "the test @pytest.mark.django_db(transaction=True)."),
    (re.compile(r"DatabaseBackend is not running"),
     "The `databases` client was used before connect(): the app's startup hook never ran (a TestClient used "
     "without `with`, or no lifespan in the test).",
     "Enter the client (`with TestClient(app) as client:`) or connect the database in a fixture."),
    # Python 3.14 checks that a task's loop is the running one: a mock put in the loop's place fails that check.
    (re.compile(r"loop <(?:NonCallable)?(?:Magic|Async)?Mock\b[^>\n]{0,300}> is not the running loop"),
     "A mock stands in for the event loop (a loop attribute patched with a MagicMock), and asyncio refused it: from "
     "Python 3.14 creating a task checks that the loop given is the running one. The test's stand-in, not another "
     "loop.",
     "Let the code run on the real running loop and patch only the method the test watches (for example "
     "`patch.object(loop, \"create_task\", wraps=loop.create_task)`)."),
    (re.compile(r"can't be used in 'await' expression|\bMagicMock`?\b[^.\n]{0,60}\bawait(?:able|ed|s)?\b"
                r"|\bawait(?:able|ed|s)?\b[^.\n]{0,60}\bMagicMock\b"),
     "Something that is not awaitable was awaited: usually a MagicMock standing in for a coroutine function "
     "(AsyncMock is the awaitable one), or a sync function's result.",
     "Patch coroutine functions with AsyncMock (or return an awaitable from the mock); do not await sync results."),
    (re.compile(r"AttributeError: __a(?:enter|exit|iter|next)__|does not support the asynchronous context manager"
                r"|'async (?:with|for)' (?:received|requires) an object"),
     "An object used with `async with` or `async for` lacks the async protocol: usually a mock standing in for an "
     "async client (MagicMock has __aenter__ only from Python 3.8; older mock helpers had none), or a sync object "
     "where the async one was expected.",
     "Patch with AsyncMock (or MagicMock on Python 3.8+) and set `__aenter__.return_value`, or use the async "
     "variant of the client."),
    (re.compile(r"(?=[cmulT])(?:cannot import name 'coroutine' from 'asyncio'|module 'asyncio' has no attribute 'coroutine'"
                r"|unexpected keyword argument 'loop'|\bloop`? (?:parameter|argument)\b[^.\n]{0,30}\bremoved\b"
                # Python 3.8-3.9's warning of the same
                r"|The loop argument is deprecated since Python 3\.8)"),
     "The code uses an asyncio API the running Python removed or deprecates: the @asyncio.coroutine decorator "
     "(gone in 3.11), or the loop= argument of asyncio functions and primitives (deprecated in 3.8, gone in 3.10).",
     "Use async def instead of @asyncio.coroutine and drop loop= arguments, or upgrade the library that still "
     "uses them."),
    (re.compile(r"fixture '(?:test_client|test_server|raw_test_server)' not found"),
     "pytest-aiohttp 1.0 renamed its fixtures: test_client is aiohttp_client, test_server aiohttp_server, "
     "raw_test_server aiohttp_raw_server.",
     "Use the new fixture names (or pin pytest-aiohttp below 1.0 until the tests are renamed)."),
    (re.compile(r"fixture '(?:aiohttp_client|aiohttp_server|aiohttp_raw_server)' not found"),
     "aiohttp's pytest fixtures under their new names are missing: aiohttp before 3.0 names them test_client, "
     "test_server and raw_test_server, or no aiohttp pytest plugin is loaded (pytest-aiohttp not installed).",
     "Upgrade aiohttp to 3.0 or later (or use the old fixture names with the old aiohttp), and install "
     "pytest-aiohttp where the tests run."),
    (re.compile(r"Task exception was never retrieved"),
     "A background task raised and nothing awaited it; asyncio logs its exception when the task is collected. The "
     "task's own exception (shown after it) is the error to fix.",
     "Await or cancel background tasks in the code's close/teardown, and fix the exception the task raised."),
    # unittest's IsolatedAsyncioTestCase got a coroutine back from a test method it called: a sync wrapper.
    (re.compile(r"unittest[/\\](?:async_)?case\.py:\d+: RuntimeWarning: coroutine '[\w.<>]+' was never awaited"),
     "unittest (IsolatedAsyncioTestCase) called a test method that a sync decorator had wrapped (a class decorator "
     "such as moto's mock_* or an old mock.patch): the wrapper returned the coroutine instead of awaiting it, so the "
     "test body never ran.",
     "Use a decorator that supports async methods, or start the mock in asyncSetUp / a context manager inside the "
     "test."),
    # (a local function's name too: 'make.<locals>.fake_submit')
    (re.compile(r"coroutine '[\w.<>]+' was never awaited"), UNAWAITED, UNAWAITED_FIX),
    (_SAID_UNAWAITED, UNAWAITED, UNAWAITED_FIX),
    (_SAID_UNAWAITED_ERROR, UNAWAITED, UNAWAITED_FIX),
    # httpx 0.28 removed the app= shortcut (deprecated in 0.27) that test clients of ASGI apps used.
    (re.compile(r"(?:Async)?Client\.__init__\(\) got an unexpected keyword argument '?app'?"),
     "httpx 0.28 removed the `app=` argument of AsyncClient/Client (deprecated since 0.27): a test client built "
     "as AsyncClient(app=app) fails before any request.",
     "Build the client with a transport: `AsyncClient(transport=ASGITransport(app=app), base_url=\"http://test\")` "
     "(or pin httpx below 0.28 until the tests are updated)."),
    # nest_asyncio refusing the loop it was handed: none yet (nest_asyncio 1.5.2 looked it up with no loop running),
    # or one it cannot patch (uvloop's).
    (re.compile(r"Can't patch loop of type"),
     "nest_asyncio.apply() refused the loop it found: None (called before any loop exists, which nest_asyncio "
     "1.5.2 broke) or a loop it cannot patch, such as uvloop's. This is nest_asyncio's limit, not a loop mismatch.",
     "Call nest_asyncio.apply(loop) with a loop you made, or pin the nest_asyncio release that worked (1.5.1 for "
     "1.5.2's regression); with uvloop, drop nest_asyncio, which only patches asyncio's own loops."),
    # Sync code making an object that needs a running loop ("async client cannot be instantiated outside asyncio loop").
    # ("aiohttp 3.10.0 removed the ability to create `aiohttp.ClientSession` instances without a running event loop")
    # (a look-ahead on the first letters: the pattern is searched over every exception of a run, and over its lines)
    (re.compile(r"(?=[cCiI])(?:\bcannot be (?:instantiated|created|constructed|initiali[sz]ed) outside (?:of )?(?:an? |the )?(?:running )?"
                r"(?:asyncio |async |event )*loop\b|\b(?:create|creating|instantiat\w*|construct\w*) [^\n]{0,60}?\bwithout "
                r"a running (?:event )?loop\b)", re.I),
     "Sync code creates an object that needs a running event loop (an async client, a primitive bound to the running "
     "loop): with no loop running, its constructor refuses. No object crosses loops here.",
     "Create the object inside async code (an async test or fixture), or use the library's sync client where no loop "
     "runs."),
    # Sync code run with no loop set ("when these tests are the first to run and no event loop exists").
    (_NO_LOOP_SET,
     "Sync code asked for the current event loop where none was set (asyncio.get_event_loop() outside async code, "
     "in a test that ran first, or after another test's asyncio.run() cleared it): an order-dependent failure of the "
     "code, not a loop mismatch.",
     "Use asyncio.get_running_loop() inside async code (make the test async), or asyncio.run() / a loop made with "
     "asyncio.new_event_loop() in sync code."),
    # HTTP mocks that found no route: respx, pytest-httpx, aioresponses.
    (re.compile(r"AllMockedAssertionError|RESPX: <Request\b[^\n]{0,500}> not mocked|No response can be found for \w+ "
                r"request on|ClientConnectionError: Connection refused: (?:GET|POST|PUT|PATCH|DELETE|HEAD) "),
     "An HTTP mock found no response registered for the request the code sent (another URL, method, query or "
     "body than the one mocked).",
     "Register the request exactly as the code sends it (the error names it), or relax the mock's matching."),
    # pytest's own scope rule on a fixture that provides no loop (pytest-asyncio's loop fixtures and its
    # unused_tcp_port ones are other patterns).
    # (pytest-asyncio's own: event_loop, _<scope>_event_loop, _<scope>_scoped_runner; pytest-aiohttp's loop)
    (re.compile(r"ScopeMismatch: You tried to access the '?\w+'? scoped fixture '?(?!\w*loop\b|_\w+_scoped_runner\b"
                r"|unused_(?:udp|tcp)_port)\w+'? with a '?\w+'? scoped request"),
     "pytest refuses a fixture cached wider (module, session) that requests a narrower fixture, here one that has "
     "nothing to do with event loops: this is pytest's scope rule, not a loop mismatch.",
     "Give the requesting fixture the narrower scope, or use a wider-scoped equivalent of what it requests (for "
     "monkeypatch, `with pytest.MonkeyPatch.context() as mp:` inside the wider fixture)."),
)


# Read only where a sentence states them, denying nothing ("there is no infinite loop", "it is not a stale loop"):
# these are a report's own words, never a run's message.
STATED_ONLY = {DYNAMIC_ASYNC_FIXTURE.pattern, STALE_LOOP.pattern, _GATHERED_ON_ONE.pattern, _MOCK_NEVER_ENDS.pattern,
               _SAID_UNAWAITED_ERROR.pattern}
# Never a run's message: not searched in the exceptions (a pass over all of a long run's messages each).
PROSE_ONLY = STATED_ONLY | {_SAID_UNAWAITED.pattern, _NO_LOOP_SET.pattern, _SAID_SYNC_ONLY.pattern}


# Said in prose as often as printed by a failing run: only a parsed warning or exception counts.
LINE_EXEMPT = {regex.pattern for regex, _what, _fix in KNOWN if "never awaited" in regex.pattern or "Timeout" in regex.pattern}


def detect(ctx):
    """An asyncio error whose cause is not a loop mismatch."""
    mocked = _loop_parts_mocked(ctx) or _sleep_patched(ctx) or _clock_frozen(ctx) or _anyio_fixture_context(ctx) \
        or _close_unawaited_in_code(ctx) or _deprecated_call_of_a_library(ctx) \
        or _finaliser_bug(ctx) or _hidden_by_decorator(ctx) or _nest_asyncio_not_patching(ctx) \
        or _signal_wakeup_taken(ctx) or _other_package_held_back(ctx)
    if mocked:
        return mocked
    if story(ctx).kind != "none":
        return None
    # The warning printed, or raised as the error (warnings as errors) by a call the traceback places outside
    # the plugin.
    raised = [e for e in ctx.facts.exceptions
              if e.type.endswith("DeprecationWarning") and e.message.startswith(NO_LOOP_WARNING)]
    callers = innermost_callers(ctx, NO_LOOP_WARNING) if raised else set()
    said = said_own_no_loop_call(ctx) or said_get_event_loop_deprecated(ctx) \
        if not (ctx.failed() or ctx.run_exceptions()) else []
    if loop_warning_subject(ctx) or callers and "pytest_asyncio" not in callers or said:
        return _finding(ctx, "Code outside pytest-asyncio calls asyncio.get_event_loop() where no loop is set: Python "
                        "3.10 to 3.13 warn \"There is no current event loop\" (DeprecationWarning), and 3.14 raises.",
                        "Use asyncio.get_running_loop() inside async code, or asyncio.run() / a loop made with "
                        "asyncio.new_event_loop() in sync code; for a library's call, upgrade the library.",
                        ctx.paste_evidence(*(w for w, _ in no_loop_warnings(ctx)[:2]),
                                           *(f"{e.type}: {e.message}" for e in raised[:1]),
                                           *(v.value for v in said[:1]), limit=2),
                        Confidence.MEDIUM)
    if not ctx.passed() and _no_implicit_loop_on_new_python(ctx):
        return _finding(ctx, "Python 3.14 no longer makes an event loop implicitly: asyncio.get_event_loop(), and "
                        "loop-bound objects such as asyncio.Future() made outside a running loop, fail where no loop "
                        "is set. Sync tests or helpers that relied on it break; no plugin's loop is involved.",
                        "Make the loop explicitly in sync code (asyncio.run(), or asyncio.new_event_loop() and "
                        "run_until_complete()), or turn the code into async tests that use the running loop "
                        "(asyncio.get_running_loop(), loop.create_future()).",
                        ctx.paste_evidence(*(v.value for v in ctx.facts.lines_matching(_IMPLICIT_LOOP_CALL)[:1]),
                                           *(v.value for v in ctx.facts.lines_matching(_PY314)[:1]), limit=2),
                        Confidence.MEDIUM)
    if ctx.facts.summary.get("passed") and not ctx.failed():
        return None
    raised = [(e, f"{e.type}: {e.message}") for e in ctx.facts.exceptions]
    every = "\n".join(text for _, text in raised)   # one search tells whether any exception can match
    # A prose report (nothing parsed as a run) may name even the common errors in its sentences.
    prose_only = not ctx.facts.summary_line and all(e.type in _ASSERTIONS for e in ctx.facts.exceptions)
    said = _lifespan_said(ctx)
    if said:
        return _finding(ctx, LIFESPAN_NOT_RUN, LIFESPAN_FIX, ctx.paste_evidence(*(v.value for v in said[:2]), limit=2),
                        Confidence.MEDIUM)
    collected = task_collected(ctx)
    if collected:
        return _finding(ctx, "A task nothing kept a strong reference to was garbage-collected while still pending "
                        "(\"Task was destroyed but it is pending!\"): the event loop holds only weak references to its "
                        "tasks, so a task created and not stored can vanish mid-run. No second loop is involved.",
                        "Keep every background task referenced until it finishes (add it to a set and discard it in a "
                        "done callback), as the asyncio.create_task documentation recommends.",
                        ctx.paste_evidence(collected[0].value, "Task was destroyed but it is pending", limit=2),
                        Confidence.MEDIUM)
    held = _thread_lock_deadlock(ctx)
    if held:
        return _finding(ctx, "A thread lock (threading.Lock) deadlocks: taken again by the code that holds it, or held "
                        "across an await, where a coroutine waiting for it blocks the event loop's only thread so the "
                        "holder never resumes to release it. A deadlock, not a mismatch between loops.",
                        "Use an asyncio.Lock in async code and never await while holding a threading.Lock; where code "
                        "re-enters the lock it holds, use threading.RLock or take the lock once.",
                        ctx.paste_evidence(*(v.value for v in held[:2]), limit=2), Confidence.MEDIUM)
    marked = _other_mark_on_fixture(ctx)
    if marked:
        return _finding(ctx, "pytest refuses marks on fixtures (pytest 8.4 warns \"Marks applied to fixtures have no "
                        "effect\", pytest 9 fails collection) and the mark here is not pytest-asyncio's: a mark of the "
                        "suite's own or of another plugin decorates a fixture.",
                        "Move the mark to the tests (or a pytestmark), or give the fixture its behaviour another way "
                        "(a parametrized fixture, a fixture argument); pinning pytest<9 only defers it.",
                        ctx.paste_evidence(marked[0].value, limit=1), Confidence.MEDIUM)
    named = _scope_rule_without_loops(ctx)
    if named:
        return _finding(ctx, "The report names pytest's ScopeMismatch with no word of event loops, async code or an "
                        "async plugin anywhere: pytest refuses a fixture cached wider (session, module) that requests "
                        "a narrower one, and the fixtures here are ordinary ones.",
                        "Give the requesting fixture the narrower scope, or widen the fixture it requests.",
                        ctx.paste_evidence(named[0].value, limit=1), Confidence.MEDIUM)
    wrapped = ctx.facts.soft_wrapped()
    for regex, what, fix_text in KNOWN:
        hits = [e for e, text in raised if regex.search(text)] \
            if regex.pattern not in PROSE_ONLY and regex.search(every) else []
        lines = ([v for v in _candidate_lines(ctx, regex) if regex.search(v.value)]
                 # (a note's sentence wrapped mid-message is read whole: no line holds it)
                 or (ctx.facts.lines_matching(regex) if wrapped else [])) \
            if regex.pattern not in LINE_EXEMPT or prose_only else []
        if regex.pattern in STATED_ONLY:
            lines = stated(regex, lines)
        if any(HANG.search(v.value) for v in lines) and _speaks_of_loops(ctx):
            lines = [v for v in lines if not HANG.search(v.value)]   # a hang the report ties to a loop
        if hits or lines:
            needles = [regex.search(f"{e.type}: {e.message}").group(0) for e in hits[:2]] + [v.value for v in lines[:2]]
            evidence = ctx.paste_evidence(*needles, limit=4)
            # An unawaited coroutine's warning fails a test only raised as the test's error (-W error); merged
            # into another error's text it is a side effect.
            sure = bool(hits) and ("never awaited" not in regex.pattern
                                   or any(e.type.endswith("RuntimeWarning") for e in hits))
            return _finding(ctx, what, fix_text, evidence, Confidence.HIGH if sure else Confidence.MEDIUM)
    others = other_failures(ctx)
    if others and ctx.has("Event loop is closed"):
        first = others[0].message.split(" - ")[0][:160]
        what = (f"The failing tests fail with their own error ({first}), not with a loop error; the \"Event loop "
                "is closed\" lines come from objects finalised after their loop had closed, which pytest reports as "
                "unraisable-exception warnings and which did not fail any test.")
        return _finding(ctx, what, "Fix the error the failing test reports. To quiet the finaliser noise, close "
                        "transports and clients (await proc.wait(), await client.aclose()) before the loop ends.",
                        ctx.paste_evidence(others[0].message[:60], "Exception ignored in", limit=3), Confidence.MEDIUM)
    if ctx.has("InterfaceError") and ctx.has("asyncio.gather(", "create_task("):
        return _finding(ctx, SHARED_CONNECTION, SHARED_CONNECTION_FIX,
                        ctx.paste_evidence("InterfaceError", "asyncio.gather(", limit=3), Confidence.MEDIUM)
    # An async fixture that yields inside a task group or cancel scope: its teardown runs in another task.
    scoped = [f for f in ctx.sources.fixtures if f.is_async and f.yield_in_task_scope] if not ctx.passed() else []
    if scoped:
        evidence = [e for e in [ctx.source_evidence(scoped[0].file, scoped[0].yield_in_task_scope)] if e]
        return _finding(ctx, CANCEL_SCOPE + " The code shows it: an async fixture yields inside one.", CANCEL_SCOPE_FIX,
                        evidence, Confidence.MEDIUM)
    collecting = _collection_errors(ctx)
    if collecting:
        first = collecting[0]
        what = (f"Collecting the tests fails with {first.type}: {first.message[:160]}. No event loop runs while pytest "
                "imports and collects test modules, so this is an error of the code or of a library's API (a "
                "decorator or helper that changed between releases), not a loop mismatch.")
        return _finding(ctx, what, "Fix the error at the line the traceback ends on, or install the library release "
                        "the tests were written for.", ctx.exception_evidence(collecting, limit=2), Confidence.LOW,
                        hedge=_NO_LOOP_SIGN)
    mismatched = _signature_mismatches(ctx)
    if mismatched:
        call = _SIGNATURE.search(mismatched[0]).group(0).removeprefix("TypeError: ")[:160]
        what = (f"A call does not fit the signature of the function it calls ({call}): an error of the code, or of "
                "code and a library at releases whose APIs differ (an argument added, renamed or removed).")
        return _finding(ctx, what, "Fix the call at the line the traceback ends on, or install the library release "
                        "the code was written for.", ctx.paste_evidence(*(m[:80] for m in mismatched[:2]), limit=2),
                        Confidence.MEDIUM, hedge=_NO_LOOP_SIGN)
    trio = _trio_only(ctx)
    if trio:
        what = ("The run's plugins include pytest-trio and neither pytest-asyncio nor anyio: the tests run under "
                "trio, so no asyncio event loop (and no pytest-asyncio setting) takes part in this failure.")
        return _finding(ctx, what, "Read the failure as a trio (or library) error: the tracebacks name the "
                        "exception.", ctx.paste_evidence(trio, limit=1), Confidence.LOW,
                        hedge=_NO_LOOP_SIGN)
    timing = _timing_race(ctx)
    if timing:
        what = ("The report puts a flaky test down to timing: a fixed sleep or an unsynchronised check raced with "
                "work still in flight on the same loop (a task not yet subscribed, a message not yet queued). That "
                "is a race inside one event loop, not a mismatch between loops.")
        return _finding(ctx, what, "Wait for the condition itself (an asyncio.Event the code sets, the awaited "
                        "result, a poll with a timeout) instead of sleeping a fixed time.",
                        ctx.paste_evidence(timing[0].value, limit=1), Confidence.LOW, hedge=_NO_LOOP_SIGN)
    plain = _plain_errors(ctx)
    if plain:
        first = plain[0]
        reads = ("a test's own check failing (a timing, a mock's calls, a value), with no loop in the code around it"
                 if first.type in _ASSERTIONS else "an ordinary error of the code (or of a library's API)")
        what = (f"The run fails with {first.type}: {first.message[:160]}, which reads as {reads}: no loop error and "
                "no frame of asyncio or a loop-bound client shows.")
        return _finding(ctx, what, "Fix the error at the line the traceback ends on; a library whose API changed "
                        "needs the version the code was written for, or the code updated to the new API.",
                        ctx.exception_evidence(plain, limit=2), Confidence.LOW,
                        hedge=_NO_LOOP_SIGN)
    return None


# A test that patches what every event loop is built on (its self-pipe socket, its selector, its clock), and the
# loop machinery failing or stalling: the mock, still in place, is what the loop met.
_LOOP_PARTS_PATCHED = re.compile(r"\bpatch\w*\(\s*['\"](?:socket\.socket(?:pair)?|selectors\.\w+|time\.monotonic)['\"]"
                                 r"|\bsetattr\(\s*time\s*,\s*['\"]monotonic['\"]"
                                 r"|\bmock(?:ing|ed|s)? (?:the )?(?:monotonic clock|(?:the )?socket(?:\.socket)?\b)"
                                 # a network guard (pytest-socket, --block-network) refusing connect(): on Windows
                                 # socketpair() is a loopback connect(), and every loop's self-pipe is one
                                 r"|--block-network\b|\bnetwork guard\b|\bdisable_socket\b|\bpytest-socket\b"
                                 r"|\bNetwork is disabled\b|\bsocket\.socket\.connect\b", re.I)
_LOOP_CLOCK = re.compile(r"\bmonotonic\s+clock\s+(?:of|in|used\s+by)\s+(?:the\s+)?(?:asyncio|event\s+loop)"
                         r"|\basyncio'?s?\s+monotonic\s+clock", re.I)
_LOOP_MACHINERY = re.compile(r"_provide_clean_event_loop|\bnew_event_loop\b|_make_self_pipe|\bsocketpair\b|_run_once\b"
                             r"|\bBaseEventLoop\.time\b|\basyncio timers?\b")


def _hidden_by_decorator(ctx):
    hidden = coroutine_hidden_by_decorator(ctx)
    if not hidden:
        return None
    what = ("pytest-asyncio warns that the marked tests are not async functions, and unmarked, pytest skips them as "
            "coroutines: a decorator of the suite wraps each async test in a synchronous function that returns the "
            "coroutine without awaiting it, so no runner sees an async test.")
    fix = ("Make the decorator keep the test async: give it an `async def` wrapper that awaits the test (with "
           "functools.wraps), or apply it inside the test as a context manager.")
    evidence = ctx.paste_evidence(hidden[0].value, "async def functions are not natively supported", limit=2)
    return _finding(ctx, what, fix, evidence, Confidence.HIGH)


_APPLIED = re.compile(r"^[ \t]*nest_asyncio\.apply\(", re.M)


def _nest_asyncio_not_patching(ctx):
    """A nested run refused ("This event loop is already running") although nest_asyncio.apply() was called: the very
    thing nest_asyncio exists to allow, so it did not patch that loop (a Python release newer than the installed
    nest_asyncio knows, a loop made after apply(), a loop it cannot patch)."""
    if not (ctx.has("nest_asyncio.apply(") and ctx.has("This event loop is already running")
            and ctx.facts.lines_matching(_APPLIED)):   # (called in the code shown, not named as a workaround)
        return None
    what = ("nest_asyncio.apply() was called, which lets a running loop run another coroutine to completion, yet the "
            "nested run was refused with \"This event loop is already running\": nest_asyncio did not patch the loop "
            "in use. Python 3.8.2 changed run_until_complete in a way nest_asyncio before 1.3 missed; a loop made "
            "after apply() (a new loop per test), or one that is not asyncio's own (uvloop), is not patched either.")
    fix = ("Upgrade nest_asyncio, and call nest_asyncio.apply(loop) on the loop that runs the code (or after the test's "
           "loop exists); better, await the coroutine instead of running it to completion inside a running loop.")
    return _finding(ctx, what, fix, ctx.paste_evidence("This event loop is already running", "nest_asyncio.apply(",
                                                       limit=2), Confidence.HIGH)


def _signal_wakeup_taken(ctx):
    """Trio aborting because another library left the process's signal wakeup fd set (asyncio's signal or
    subprocess handling): state of the process shared between the two, not a loop a test crossed."""
    if not (ctx.has("TrioInternalError") and ctx.has("set_wakeup_fd", "wakeup fd")):
        return None
    what = ("Trio stopped with TrioInternalError because the process's signal wakeup fd was already set when it "
            "started: asyncio (its signal or subprocess handling, in this or an earlier test) registered it and did "
            "not clear it, and Trio refuses to share it. The two libraries meet through process-wide signal state, "
            "not through an event loop the test awaited.")
    fix = ("Clear what the asyncio code left behind (close subprocess transports and remove signal handlers before "
           "its loop ends), keep the asyncio tests that do this out of the Trio run, or start Trio with "
           "host_uses_signal_set_wakeup_fd=True where the host owns the wakeup fd.")
    return _finding(ctx, what, fix, ctx.paste_evidence("TrioInternalError", "wakeup", limit=2), Confidence.HIGH)


_PY314 = re.compile(r"\b(?:C?Python|py)\s?3\.14\b|\bpy314\b", re.I)
# "get_event_loop() … raises RuntimeError on Python 3.12+": the call said to raise from a release on
_RAISES_FROM = re.compile(r"\braises? (?:a )?(?:RuntimeError )?(?:on|in|from|since|with) (?:C?Python )?3\.1[0-4]\+", re.I)
_OTHER_ERROR = re.compile(r"\b[A-Z]\w*(?:Error|Exception):")
# (or named as what raises: "In python 3.14, get_event_loop raises if there's no event loop yet")
_IMPLICIT_LOOP_CALL = re.compile(r"\bget_event_loop\(|\basyncio\.get_event_loop\b|\basyncio\.Future\(\)"
                                 r"|\bget_event_loop`? raises\b"
                                 # the error itself named ("No current event loop on Python 3.14")
                                 r"|\b[Nn]o current event loop\b")


def _no_implicit_loop_on_new_python(ctx) -> bool:
    """A report of code on Python 3.14 (or said to raise from a release on) that gets its loop implicitly
    (asyncio.get_event_loop(), asyncio.Future() outside a running loop), with no error of a run to read instead and no
    sign of pytest-asyncio."""
    if ctx.run_exceptions() or plugin_shown(ctx) or not ctx.facts.mentions("3.14", "py314", "raise"):
        return False
    # (the plugin's marker, options or event_loop fixture in the report make it the plugin's matter)
    if ctx.facts.mentions("mark.asyncio", "asyncio_mode", "loop_scope", "event_loop fixture") or any(
            p.event_loop_override or p.requests_event_loop for p in ctx.sources.files):
        return False
    # (another error named is the one to read)
    if any("no current event loop" not in v.value for v in ctx.facts.lines_matching(_OTHER_ERROR)):
        return False
    on_314 = (ctx.env.python.value or "").startswith("3.14") or bool(ctx.facts.lines_matching(_PY314)) \
        or bool(ctx.facts.lines_matching(_RAISES_FROM))
    return on_314 and any(affirmed_match(_IMPLICIT_LOOP_CALL, v.value)
                          for v in ctx.facts.lines_matching(_IMPLICIT_LOOP_CALL))


# asyncio.sleep patched for the whole process: every polling loop (the code's, a library's, anyio's) then spins
# without yielding time, which shows as a hang, a CPU at 100% or memory that grows until the run is killed.
_SLEEP_PATCHED = re.compile(r"\b(?:patch(?:\.object)?|setattr)\(\s*(?:asyncio\s*,\s*['\"]sleep['\"]|['\"]asyncio\.sleep['\"])")
_SPINS = re.compile(r"\bout of memory\b|\bmemory (?:usage|spikes?|grows|leak)|\b100 ?% (?:of )?CPU\b|\bfreez(?:es|ing)\b|"
                    r"\bhangs?\b|\bhung\b|\bnever (?:finishes|ends|returns)\b|\bkilled\b", re.I)


def _sleep_patched(ctx):
    if ctx.passed() or not ctx.facts.mentions("sleep") or story(ctx).kind != "none":
        return None   # (a loop error shown is the failure to read)
    patched = ctx.facts.lines_matching(_SLEEP_PATCHED)
    spins = [v for v in ctx.facts.lines_matching(_SPINS) if not DENIED_OR_ASKED.search(v.value)] if patched else []
    if not spins:
        return None
    what = ("The test patches asyncio.sleep for the whole process, so every `await asyncio.sleep(...)` returns at "
            "once: polling loops in the code, in libraries and in anyio never wait, and spin (a hang, a busy CPU, "
            "memory growing until the run is killed). No event loop is mismatched.")
    fix_text = ("Patch sleep only where the code under test looks it up (`patch('mymodule.asyncio.sleep')` or the "
                "module's own name), make the mock yield (`side_effect=lambda *_: original_sleep(0)`), or inject the "
                "delay into the code instead of patching it.")
    return _finding(ctx, what, fix_text, ctx.paste_evidence(patched[0].value, spins[0].value, limit=2),
                    Confidence.MEDIUM)


# freezegun (from 1.1) and time-machine patch time.monotonic, the clock the event loop schedules its timers on: under a
# frozen clock asyncio.sleep and wait_for never come due, and a heartbeat stamped with the loop's time looks dead.
_CLOCK_FROZEN = re.compile(r"\b(?:freezegun|freeze_time|time[-_]machine)\b(?![-=]\d)", re.I)
_LOOP_TIMERS = re.compile(r"\bmonotonic\b|\basyncio\.sleep\b|\bwait_for\b|\b(?:event )?loop(?:'s)? (?:internal |own )?"
                          r"(?:time|clock)\b", re.I)


def _clock_frozen(ctx):
    if ctx.passed() or not ctx.facts.mentions("freez", "time_machine", "time-machine"):
        return None
    s = story(ctx)
    if s.loop_errors or s.closed_errors:
        return None   # (a loop error shown is the failure to read)
    frozen = [v for v in ctx.facts.lines_matching(_CLOCK_FROZEN) if not v.value.lstrip().startswith("plugins:")]
    timers = ctx.facts.lines_matching(_LOOP_TIMERS) if frozen else []
    if not timers:
        return None
    what = ("The test freezes time (freezegun from 1.1, time-machine), which also freezes time.monotonic: the clock "
            "the event loop schedules its timers on. Under it asyncio.sleep, wait_for and timeouts never come due "
            "(the test hangs), and whatever measures the loop's time (a heartbeat, a keep-alive) sees a huge gap. "
            "The loop is the right one and alive.")
    fix_text = ("Keep the loop's clock real: freezegun 1.3+ `freeze_time(..., real_asyncio=True)`, or "
                "`freeze_time(..., ignore=['asyncio'])` on older releases; with time-machine, let the clock tick "
                "(`tick=True`) or freeze only around the synchronous code that reads the date.")
    return _finding(ctx, what, fix_text, ctx.paste_evidence(frozen[0].value, timers[0].value, limit=2),
                    Confidence.MEDIUM)


_ANYIO_4 = re.compile(r"\banyio[- ](?:==\s?)?v?(?:[4-9]|\d{2,})\.\d", re.I)


# A clean-up coroutine warned of where the code itself called it without await: the warning's location is a
# module of the application (not asyncio's, not a library's, not the tests' own teardown, which LD008 reads).
# A clean-up coroutine never awaited, the name of its method caught.
_CLOSE_NEVER_AWAITED = r"coroutine '[\w.]*?(?P<name>(?:close|aclose|disconnect|dispose)\w*)' was never awaited"
_CLOSE_UNAWAITED_AT = re.compile(r"(?P<file>[^\s:\"]{1,300}\.py):\d+: RuntimeWarning: " + _CLOSE_NEVER_AWAITED)
_NOT_APP = re.compile(r"(?:^|[/\\])(?:asyncio|site-packages|dist-packages|tests?|testing)[/\\]|(?:^|[/\\])(?:test_\w+|\w+_test"
                      r"|conftest)\.py$")


# The warning with no file before it, and the source line Python prints under it: the call made without await.
_BARE_CLOSE_UNAWAITED = re.compile(r"^[ \t]*RuntimeWarning: " + _CLOSE_NEVER_AWAITED, re.M)


def _bare_close_unawaited(ctx) -> list:
    lines = ctx.facts.text.lines   # (numbered from 1: the line after v is lines[v.line])
    placed = []
    for v in ctx.facts.lines_matching(_BARE_CLOSE_UNAWAITED):
        call = lines[v.line].text.strip() if v.line < len(lines) else ""
        name = _BARE_CLOSE_UNAWAITED.search(v.value).group("name")
        if call.endswith(f".{name}()") and not call.startswith(("await ", "return await ")):
            placed.append((v, f"the line `{call}`"))
    return placed


# The report's own reading of the warning: "Looks like await is missed somewhere".
_SAID_AWAIT_MISSED = re.compile(r"\bawait (?:is |was )?(?:missed|missing|forgotten)\b|\bmissing (?:an? )?await\b", re.I)
_CLOSE_UNAWAITED = re.compile(_CLOSE_NEVER_AWAITED)


# ... or its account of the call itself: "calls self.stream.close() without awaiting it".
_SAID_CLOSE_NOT_AWAITED = re.compile(r"\bcall(?:s|ed|ing)? `?[\w.]*\b(?:close|aclose|disconnect|dispose)\w*\(\)`? "
                                     r"without await(?:ing)?\b")


def _said_await_missed(ctx) -> list:
    said = stated(_SAID_AWAIT_MISSED, ctx.facts.lines_matching(_SAID_AWAIT_MISSED)) \
        if ctx.facts.mentions("await is", "await was", "missing await", "missing an await", "missing a await") else []
    if said:
        return [(v, "the code shown") for v in ctx.facts.lines_matching(_CLOSE_UNAWAITED)[:1]]
    told = ctx.facts.lines_matching(_SAID_CLOSE_NOT_AWAITED) if ctx.facts.mentions("without await") else []
    return [(told[0], "the call the report names")] if told else []


def _close_unawaited_in_code(ctx):
    if not ctx.facts.mentions("never awaited") or story(ctx).kind not in ("none", "unclosed"):
        return None
    placed = [(v, where) for v in ctx.facts.lines_matching(_CLOSE_UNAWAITED_AT)
              for where in [_CLOSE_UNAWAITED_AT.search(v.value).group("file")] if not _NOT_APP.search(where)] \
        or _bare_close_unawaited(ctx) or _said_await_missed(ctx)
    if not placed:
        return None
    line, where = placed[0]
    what = (f"The application's own code ({where}) calls a clean-up coroutine without await, so it never runs: a "
            "missing await, not a loop mismatch or a fixture that outlives its loop.")
    return _finding(ctx, what, "Add the missing await at the line the warning names (or schedule the call where no "
                    "await is possible).", ctx.paste_evidence(line.value, limit=1), Confidence.HIGH)


def _anyio_fixture_context(ctx):
    """A ContextVar set in an async fixture and missing in the test, under anyio's plugin: AnyIO 3 ran each async
    fixture in a task of its own (AnyIO 4.0 runs fixtures and test in one task). No loop differs."""
    if not (ctx.facts.mentions(*CONTEXT_WORDS) and anyio_plugin_only(ctx)) or story(ctx).kind != "none" \
            or ctx.facts.lines_matching(_ANYIO_4):
        return None   # (AnyIO 4 runs fixture and test in one task: the variable is lost some other way)
    said = ctx.facts.lines_matching(CONTEXT_LOST)
    if not said:
        return None
    what = ("anyio's pytest plugin ran the async fixture in a task of its own (AnyIO 3.x), so a ContextVar it set "
            "stays in that task's context and the test does not see it; fixture and test share one event loop.")
    fix_text = ("Upgrade AnyIO to 4.0 or later, which runs async fixtures and the test in one task; or set the "
                "variable in the test, or pass the value through the fixture's return value.")
    return _finding(ctx, what, fix_text, ctx.paste_evidence(said[0].value, limit=1), Confidence.MEDIUM)


def _loop_parts_mocked(ctx):
    if ctx.passed() or not ctx.facts.mentions("socket", "selectors.", "monotonic"):
        return None
    patched = ctx.facts.lines_matching(_LOOP_PARTS_PATCHED)
    if not patched:
        return None
    # (or the mock said to be of the loop's own clock: "mocks the monotonic clock of asyncio")
    # (searched in the whole text: a note may wrap it, "mocks the monotonic clock of\nasyncio")
    machinery = ctx.facts.lines_matching(_LOOP_MACHINERY) or (patched[:1] if _LOOP_CLOCK.search(ctx.facts.joined()) else [])
    if not machinery:
        return None
    what = ("A test or a network guard patches what the event loop itself is built on (the socket pair of its "
            "self-pipe, which Windows builds with a loopback connect(); its selector; its monotonic clock), and the "
            "loop machinery is what fails or stalls: pytest-asyncio makes, runs or replaces loops while the patch "
            "is in place (mocks are undone at fixture teardown, after the loop work), so the loop meets it.")
    fix_text = ("Patch the name where the code under test looks it up (mymodule.socket), not socket.socket or "
                "time.monotonic themselves; or undo the patch inside the test (a `with` block) before it ends; for "
                "a clock mock, let the clock tick; let a network guard allow loopback connections (pytest-socket's "
                "--allow-hosts=127.0.0.1), which every event loop needs on Windows.")
    evidence = ctx.paste_evidence(patched[0].value, machinery[0].value, limit=2)
    in_code = any("patch" in v.value for v in patched)   # the patch call itself, not words about a mock
    return _finding(ctx, what, fix_text, evidence, Confidence.HIGH if in_code else Confidence.MEDIUM)


# A clean-up coroutine reported never awaited, and where: asyncio names the place the garbage collector ran.
_CLEANUP_NEVER_AWAITED = re.compile(r"coroutine '(?:[\w.<>]+\.)?(?P<method>(?:close|aclose|disconnect|dispose)\w*)' was "
                                    r"never awaited")
# A finaliser's own error: "Exception ignored in: <function Redis.__del__ …>" then an error of the code.
_IGNORED_IN_DEL = re.compile(r"Exception ignored in: <function (?P<owner>[\w.]+)\.__del__\b")
_CODE_ERRORS = ("AttributeError", "TypeError", "NameError", "KeyError", "ImportError")


def _finaliser_bug(ctx):
    """A library's finaliser (__del__) at fault: its clean-up coroutine made and never awaited where the garbage
    collector happened to run, or its own error raised while it ran. Beside a loop error the loop readings judge."""
    if story(ctx).kind not in ("none", "unclosed"):
        return None
    lines = ctx.facts.text.lines
    for value in ctx.facts.lines_matching(_CLEANUP_NEVER_AWAITED) if ctx.facts.mentions("never awaited") else []:
        i = ctx.facts.position(value.line)
        if len(value.value) > LONG_LINE or i and len(lines[i - 1].text) > LONG_LINE:
            continue
        place = LOCATION.search(value.value) or (LOCATION.search(lines[i - 1].text) if i else None)
        shown = lines[i + 1].text if i + 1 < len(lines) else ""
        method = _CLEANUP_NEVER_AWAITED.search(value.value).group("method")
        if place is None or "-packages" not in place.group("file") or f".{method}(" in shown or not shown.strip():
            continue
        where = re.split(r"[/\\]", place.group("file"))[-1]
        what = (f"asyncio reports the never-awaited {method}() where the garbage collector happened to run "
                f"({where}), and the line shown there does not call it: a library "
                "object's finaliser (__del__) made the coroutine and could not await it, a bug of that library's "
                "clean-up, not an event-loop mismatch.")
        return _finding(ctx, what, "Close the client yourself in the fixture's teardown (await client.close()), so its "
                        "finaliser has nothing left to do, and upgrade the library to a release whose __del__ no "
                        "longer makes the coroutine.", ctx.paste_evidence(value.value, limit=1), Confidence.HIGH)
    exception_lines = [e.line for e in ctx.facts.exceptions]   # in paste order
    for value in ctx.facts.lines_matching(_IGNORED_IN_DEL)[:50] if ctx.facts.mentions("__del__") else []:
        at = bisect.bisect_right(exception_lines, value.line)
        after = [e for e in ctx.facts.exceptions[at:at + 1] if e.line <= value.line + 12]
        if after and after[0].type.rsplit(".", 1)[-1] in _CODE_ERRORS and "loop" not in after[0].message:
            owner = _IGNORED_IN_DEL.search(value.value).group("owner")
            what = (f"{owner}.__del__ raised {after[0].type}: {after[0].message[:120]} while the object was collected, "
                    "which pytest reports as an unraisable-exception warning. The finaliser's own code fails (often "
                    "on an attribute its constructor never set because it failed early): a bug of that class, not "
                    "of event loops.")
            return _finding(ctx, what, "Upgrade the library to a release whose finaliser guards against the missing "
                            "attribute, or fix the constructor's failure that left the object half made.",
                            ctx.paste_evidence(value.value, limit=1) + ctx.exception_evidence(after, limit=1),
                            Confidence.HIGH)
    return None


# A title that holds another package back ("Limit anyio version to avoid 'ResourceWarning: …' in tests", "pin trio to
# <0.25.0 due to breaking changes"): that package's release changed what the tests meet, not the suite's loops.
# (pytest and its plugins are excluded: holding pytest-asyncio back is the release pattern's to read)
_HELD_BACK = re.compile(r"\A[^\n]{0,30}?\b(?:pin|limit|cap|restrict|constrain)(?:s|ned|ed|ing)? "
                        r"`?(?!pytest\b|pytest[-_])[A-Za-z][\w.\[\]-]*`?"
                        r"(?: version| to| below| under|\s*[<=!~]=?\s*v?[\d.]+\w*){0,3}[^\n]{0,30}?"
                        r"\b(?:to (?:avoid|fix|work ?around|prevent|silence)|due to|because)\b", re.I)


def _other_package_held_back(ctx):
    """A patch titled as holding another package at an older release to avoid what its new one does."""
    title = _HELD_BACK.match(ctx.facts.text.original)
    if not title or story(ctx).kind != "none":
        return None
    what = ("The patch holds another package back at an older release to avoid what its newer release does to the "
            "tests (a changed API, a new warning, a stricter check): a change of that package, not of event loops.")
    fix_text = ("Keep the bound until the package's changelog or tracker says the change is fixed, or adapt the code "
                "to the new release and lift the bound.")
    # (the patch's own remedy names the cause: above a warning it quotes, which other rules would read as the loop's)
    return _finding(ctx, what, fix_text, ctx.paste_evidence(title.group(0), limit=1), Confidence.HIGH)


def _deprecated_call_of_a_library(ctx):
    """Another library than pytest-asyncio calls an asyncio API that Python 3.14 deprecates."""
    calls = deprecated_asyncio_calls(ctx)
    others = [c for c in calls if c.caller not in (None, "pytest_asyncio")]
    if not others or any(c.caller == "pytest_asyncio" for c in calls) or ctx.passed() and not ctx.failed() \
            or not deprecation_is_the_failure(ctx):
        return None   # (on a passing run the warning is a note, not a failure)
    first = others[0]
    replacement = ("inspect.iscoroutinefunction replaces asyncio.iscoroutinefunction" if "iscoroutine" in first.api
                   else "asyncio.Runner(loop_factory=…) or asyncio.new_event_loop() replace the policy functions")
    if first.caller == OWN_CODE:
        what = (f"The suite's own code calls {first.api}, which Python 3.14 deprecates; the warning (an error where "
                "warnings are errors) comes from that call, not from event loops or pytest-asyncio.")
        fix_text = f"Replace the call: {replacement}."
    else:
        what = (f"{first.caller} calls {first.api}, which Python 3.14 deprecates; the warning (an error where "
                "warnings are errors) comes from that library's code, not from event loops or pytest-asyncio.")
        fix_text = (f"Upgrade {first.caller} to a release that no longer makes the call ({replacement}), or filter "
                    "the DeprecationWarning for that module until it does.")
    return _finding(ctx, what, fix_text, ctx.paste_evidence(first.line.value, limit=1), Confidence.MEDIUM)


# Signs that an error may be a loop's doing: words of loops, coroutines, tasks' cancellation and context, a
# transport that another loop closed, a driver's "operation in progress", a client's lost connection, a test that
# timed out (a loop may hang it); and pytest's own fixture errors, which other readings judge.
_LOOPISH = re.compile(r"\bloops?\b|event_?loop|EventLoop|coroutine|async_generator|asyncio|\bawait|\basync\b|cancel"
                      r"|ContextVar|ScopeMismatch|FixtureLookupError"
                      r"|'NoneType' object has no attribute '(?:send|write|read|sendall|recv|_\w+)'"
                      r"|asyncpg|cannot perform operation|operation is in progress"
                      r"|connection (?:error|(?:was )?closed|reset|lost)|ConnectionError|broken ?pipe"
                      r"|Timeout >|timed out|\bhang|Task <|(?:into|another) task\b", re.I)
# Frames of asyncio itself or of clients bound to a loop: an error raised there may be a transport closed by
# another loop. Raised in pytest's own setup, it is a release matter.
_LOOP_FRAMES = re.compile(r"asyncio[/\\]|asyncpg|uvloop|aiohttp|aioredis|redis[/\\]asyncio|motor|anyio|trio"
                          r"|_pytest[/\\]config", re.I)


# A failed assertion says nothing of why: not when the failing code's lines handle a loop (a test that
# drives one through run_in_executor). A programming error speaks for itself.
_LOOP_CODE = re.compile(r"\bloops?\b|_loop\b|event_loop")


_EXCEPTION_NAME = re.compile(r"(?:Error|Exception|Warning|Exit|Interrupt|Failed|Fault|Timeout|Mismatch|Iteration"
                             r"|Cancelled|Refused)$")
_ELIDED = re.compile(r"\s*(?:\[(?:\.\.\.|…)\]|\.\.\.|…)\s*$")


def _plain_errors(ctx):
    """The run's exceptions, when the tests failed and every one of them is an error (or a failed assertion) that
    says something, speaks of no loop, coroutine or lost connection, and is raised outside asyncio, loop-bound
    clients and the plugin machinery."""
    if not ctx.failed():
        return []
    # (a report's "[...]" where it cut the traceback short is no exception; nor is a title that names a class,
    # "tornado.testing.AsyncHTTPTestCase: Avoid …", in a report with no run)
    found = [e for e in ctx.run_exceptions() if (e.type or not _ELIDED.match(e.message))
             and (ctx.facts.summary_line or ctx.facts.sections or not e.type or _EXCEPTION_NAME.search(e.type))]
    if not found or any(not e.type or not re.search(r"[A-Za-z]{3}", e.message)
                        or _LOOPISH.search(f"{e.type} {e.message}") for e in found):
        return []
    if any(_LOOP_FRAMES.search(section.frames[-1].file) for section in ctx.facts.sections if section.frames) \
            or any(_LOOP_CODE.search(v.value) for section in ctx.facts.sections for v in section.source_lines
                   if any(e.type in _ASSERTIONS for e in section.exceptions)) \
            or ctx.has("_pytest/config/", "_pytest\\config\\", "pytest_asyncio/", "pytest_asyncio\\"):
        return []   # (the last test: frames a report quotes without the traceback's header)
    return found


# A call that does not fit the called function's signature (not loop=, which Python removed and KNOWN answers,
# nor loop_scope=, an option too new for the release): whatever frames (aiohttp's, asyncpg's) it passed through.
_SIGNATURE = re.compile(r"TypeError: (?![^\n]{0,500}\bloop)[^\n]{0,500}(?:missing \d+ required (?:positional|keyword-only) "
                        r"arguments?|got an unexpected keyword argument|takes (?:from )?\d+ (?:to \d+ )?positional "
                        r"arguments? but \d+ (?:was|were) given)")
_PLUGIN_OR_PYTEST = re.compile(r"pytest_asyncio[/\\]|_pytest[/\\]")


def _signature_mismatches(ctx) -> list[str]:
    """The TypeErrors of calls that do not fit a signature, raised outside pytest-asyncio and pytest (whose own
    such errors are a release matter, LD010); with no run shown, one a report quotes in its words."""
    def mismatched(excs) -> list[str]:
        texts = (f"{e.type.rsplit('.', 1)[-1]}: {e.message}" for e in excs)
        return [text for text in texts if _SIGNATURE.search(text)]

    found = [text for section in ctx.facts.sections
             if not (section.frames and _PLUGIN_OR_PYTEST.search(section.frames[-1].file))
             for text in mismatched(section.exceptions)]
    if found or any(section.exceptions for section in ctx.facts.sections):
        return found
    if ctx.run_exceptions():   # the summary's "FAILED … - TypeError: …" lines of a run whose tracebacks are cut
        return mismatched(ctx.run_exceptions())
    return [v.value for v in ctx.facts.lines_matching(_SIGNATURE)] if ctx.facts.mentions("typeerror") else []


def _trio_only(ctx) -> str | None:
    """The plugins line of a failed run that names pytest-trio and no asyncio plugin, when nothing says the
    async tests were skipped for want of one."""
    plugins = ctx.facts.header.plugins
    if "trio" not in plugins or {"asyncio", "anyio", "aiohttp", "tornasync"} & set(plugins) or not ctx.failed() \
            or ctx.has("not natively supported"):
        return None
    return f"trio-{plugins['trio'].value}"


def _collection_errors(ctx):
    """The run's exceptions, when every one was raised while collecting test modules, outside pytest-asyncio, and
    none speaks of an event loop (a module that drives a loop at import is another story)."""
    sections = [s for s in ctx.facts.sections if s.exceptions]
    if not sections or any(s.phase != "collection" for s in sections) or ctx.sources.files and import_time_loop_calls(ctx):
        return []
    found = [e for s in sections for e in s.exceptions]
    if any(_LOOP_WORD.search(e.message) or re.search(r"'asyncio' not found in|pytest_asyncio|event_loop", e.message)
           for e in found):   # ("'asyncio' not found in `markers`": the plugin is not loaded)
        return []
    if any(re.search(r"pytest_asyncio|asyncio[/\\]", f.file) for s in sections for f in s.frames):
        return []
    return found


_LOOP_WORD = re.compile(r"\bloops?\b", re.I)


# A flaky test put down to timing, and fixed by waiting for the thing itself: a report (often the fix's note) with
# no run of its own.
_FLAKY = re.compile(r"\b(?:(?:de)?flak(?:y|e|iness)|intermittent(?:ly)?|sporadic(?:ally)?|occasionally|randomly|race[sd]?"
                    r"|racy"
                    r"|jitter)\b", re.I)
_TIMING_FIX = re.compile(r"\b(?:deterministic(?:ally)?|racy|race condition|race-conditions?|race with|test race|scheduling lag"
                         r"|timing[- ]dependent"
                         r"|timing[- ]sensitive|(?:timing|scheduling) jitter"
                         # "A fixed asyncio.sleep before clicking cancel races …", "can flake under CI load", "on slow
                         # runners … the timer occasionally won the race"
                         r"|fixed (?:asyncio\.)?(?:sleeps?|delays?)|wall[- ]clock|won the race"
                         r"|under (?:CI |heavy |high )?load"
                         r"|slow (?:CI )?runners?)\b", re.I)


_LEAKED = re.compile(r"ResourceWarning|\bleak\w*|\bunclosed\b|\b(?:never|not) closed\b", re.I)


def _timing_race(ctx) -> list:
    if ctx.facts.summary_line or ctx.run_exceptions():
        return []
    flaky = ctx.facts.lines_matching(_FLAKY)
    if not flaky or any(_LEAKED.search(v.value) for v in flaky):
        return []   # (flaky because something leaked: the unclosed-resource reading's)
    return ctx.facts.lines_matching(_TIMING_FIX)


# A thread lock said to deadlock or block the loop: held across an await, it stops the loop's own thread.
_THREAD_LOCK = re.compile(r"\bthreading\.R?Lock\b")
_DEADLOCK = re.compile(r"\bdeadlock\w*|\b(?:event )?loop (?:becomes |is |gets )?blocked\b", re.I)


def _thread_lock_deadlock(ctx) -> list:
    if not ctx.facts.mentions("threading.lock", "threading.rlock") or not ctx.facts.mentions("deadlock", "blocked"):
        return []
    return [v for v in ctx.facts.lines_matching(_DEADLOCK) if "?" not in v.value] \
        and ctx.facts.lines_matching(_THREAD_LOCK)


# An ASGI app's startup or lifespan handlers that the test client never ran, said in one sentence: Starlette's
# TestClient sends the lifespan events only inside `with TestClient(app)`, and httpx's AsyncClient never does.
_LIFESPAN_SAID = re.compile(r"\b(?:startup|shutdown|lifespan|lifecycle)\b[^\n.]{0,80}?\b(?:never (?:runs?|ran|called|fired"
                            r"|triggered|executed)|(?:is|are|was|were)(?:n't| not) (?:being )?(?:run|called|triggered|fired"
                            r"|executed|emitted|sent)|not (?:being )?(?:called|triggered|run|fired|executed))\b"
                            r"|\b(?:ignores?|doesn't (?:send|emit|trigger|run|call)|does not (?:send|emit|trigger|run|call)"
                            r"|wouldn't (?:emit|send|trigger)|won't (?:emit|send|trigger|run)|never (?:sends?|emits?"
                            r"|triggers?|runs?|calls?))\b[^\n.]{0,60}?\b(?:startup|shutdown|lifespan|lifecycle)\b", re.I)


# The app state those handlers would have set, missing (read where the report names them).
_APP_STATE_MISSING = re.compile(r"AttributeError: '(?:FastAPI|Starlette|State|Quart|Litestar)' object has no attribute")
_LIFESPAN_DENIED = re.compile(r"\?|\b(?:no longer|any ?more|so the)\b", re.I)


def _lifespan_said(ctx) -> list:
    if not ctx.facts.mentions("startup", "shutdown", "lifespan", "lifecycle"):
        return []
    said = [v for v in ctx.facts.lines_matching(_LIFESPAN_SAID) if not _LIFESPAN_DENIED.search(v.value)]
    return said or (ctx.facts.lines_matching(_APP_STATE_MISSING) if ctx.facts.mentions("on_event", "lifespan") else [])


def _speaks_of_loops(ctx) -> bool:
    """The report talks of loops beyond the header's asyncio line and warnings' texts (a hang it ties to an
    object's loop)."""
    quoted = {n for w in ctx.facts.warnings for n in (w.lines or [w.line])}
    return any(not v.value.startswith("asyncio:") and v.line not in quoted
               for v in ctx.facts.lines_matching(_LOOP_WORD))


def _other_mark_on_fixture(ctx):
    """pytest's refusal of marks on fixtures, in a report that names no asyncio marker (that one is LD007's)."""
    if not ctx.facts.mentions("applied to fixtures") or ctx.facts.mentions("mark.asyncio", "asyncio mark"):
        return []
    return ctx.facts.lines_matching(FIXTURE_MARKED)


# Any word of loops or async code: a ScopeMismatch beside one may be a loop fixture's.
_ASYNC_WORD = re.compile(r"loop|async|await|runner|anyio|trio|curio|coroutine|aiohttp|tornado|twisted", re.I)
_SCOPE_MISMATCH_NAMED = re.compile(r"ScopeMismatch")


def _scope_rule_without_loops(ctx):
    """A report that names ScopeMismatch in words, with no run to read and no word of loops or async code anywhere."""
    if not ctx.facts.mentions("scopemismatch") or ctx.run_exceptions() \
            or _ASYNC_WORD.search(ctx.facts.text.original[:200_000]):
        return []
    # (said, not denied or asked: "We never get a ScopeMismatch", "Is ScopeMismatch possible here?")
    return stated(_SCOPE_MISMATCH_NAMED, ctx.facts.find("ScopeMismatch"))


# A test's own verdict, not an error of the code: the report's sentences say what went wrong.
_ASSERTIONS = ("AssertionError", "Failed", "_pytest.outcomes.Failed")


# A look-ahead on the first letters of the alternatives that follow in one group: "(?=[ks])(?:…|…)".
_FIRST_LETTERS = re.compile(r"\(\?=\[[^\]\\]*\]\)\(\?:")


def _spans_to_end(pattern: str, open_at: int) -> bool:
    """The group opened at ``open_at`` closes at the pattern's last character."""
    for k, char, depth in _structure(pattern, open_at):
        if char == ")" and depth == 0:
            return k == len(pattern) - 1
    return False


def _structure(pattern: str, start: int = 0):
    """(index, character, depth after it) for each parenthesis and "|" of ``pattern`` from ``start`` on that is not
    escaped or inside a character class."""
    depth, escaped, in_class = 0, False, False
    for k in range(start, len(pattern)):
        char = pattern[k]
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()|":
            depth += (char == "(") - (char == ")")
            yield k, char, depth


def _candidate_lines(ctx, regex):
    """Lines that state the error: each alternative's longest literal word is a cheap pre-filter. Where a top-level
    alternative starts with literal words (before any group or quantifier), its longest one serves for all of it."""
    found = {}
    for top in _top_level_alternatives(regex.pattern):
        prefix = re.sub(r"\\[A-Za-z]", " ", re.split(r"[(\[]", top, maxsplit=1)[0])
        sure = re.findall(r"[A-Za-z]{5,}(?![?*{])", prefix)
        pieces = [max(sure, key=len)] if sure else [
            max(words, key=len) for piece in top.split("|")
            for words in [re.findall(r"[A-Za-z]{5,}", re.sub(r"\\[A-Za-z]", " ", piece))] if words]
        for word in pieces:
            for hit in ctx.facts.find(word):
                found.setdefault(hit.line, hit)
    return [found[k] for k in sorted(found)]


def _top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of a pattern's outermost alternation (a "|" inside a group or a class belongs to it); those of
    the group behind a look-ahead on their first letters, for a pattern that is only that."""
    wrapped = _FIRST_LETTERS.match(pattern)
    if wrapped and _spans_to_end(pattern, wrapped.end() - 3):
        pattern = pattern[wrapped.end():-1]
    start, parts = 0, []
    for k, char, depth in _structure(pattern):
        if char == "|" and depth == 0:
            parts.append(pattern[start:k])
            start = k + 1
    parts.append(pattern[start:])
    return parts


# The hedge of the low-confidence readings: an ordinary error, with nothing that points at loops.
_NO_LOOP_SIGN = "Nothing here points at event loops, so no loop setting is offered."


def _finding(ctx, what, fix_text, evidence, confidence,
             hedge="This is not an event-loop mismatch, so changing loop scopes would not help."):
    summary = f"{what} {hedge}"
    options = [prose(FixKind.OTHER, "Fix the code, not the loop configuration", fix_text,
                     "None: no loop setting is changed.")]
    return finding(ctx, INFO, summary, confidence, evidence, options)
