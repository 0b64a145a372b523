"""LD003: a module-level object is bound to the first loop that used it."""
from __future__ import annotations

import re

from .. import releases as rel
from ..model import Confidence, FixKind, Pattern, Verdict
from ._common import change_version, event_loop_override, everything_on_loop, finding, mark_modules, prose
from ._story import import_time_loop_calls, no_loop_warnings, story
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD003",
    pattern=Pattern.OBJECT_BOUND_AT_IMPORT,
    title="A module-level object is bound to the first loop that used it",
    verdict=Verdict.LOOP_MISMATCH,
    kb=KnowledgeBase(
        what=(
            "An asyncio object created at module level (at import time, or cached in a module global on "
            "first use) is tied to the first event loop that used it: an HTTP client's connection pool, "
            "a database engine or pool, a Redis client, an `asyncio.Lock`, `Event`, `Semaphore`, "
            "`Condition` or `Queue`. pytest-asyncio gives every test its own loop by default, so the "
            "first test that uses the object passes and later tests fail.\n\n"
            "Typical messages: `RuntimeError: <asyncio.locks.Lock object at 0x… [locked, waiters:1]> is "
            "bound to a different event loop` (Python 3.10+), `RuntimeError: Task <…> got Future <…> "
            "attached to a different loop`, or `RuntimeError: Event loop is closed` when pooled "
            "connections still point at the first test's loop, which pytest-asyncio closed after that "
            "test. It happens on every pytest-asyncio release, and which test passes depends on the "
            "order the tests run in."
        ),
        why=(
            "From Python 3.10, asyncio's locks, events, semaphores, conditions, barriers and queues "
            "take no `loop` argument: they bind to the running loop the first time they need one (for "
            "example the first contended `acquire()` or the first `await queue.get()` that has to wait) "
            "and refuse any other loop afterwards. On Python 3.9 and earlier they bound at creation to "
            "the loop `asyncio.get_event_loop()` returned, so one created at import belonged to "
            "whatever loop was current at import time.\n\n"
            "Clients work the same way one level up: a connection pool keeps sockets and transports "
            "created on the loop that opened them, and futures for requests in flight on that loop. "
            "Module-level code runs once per process, but pytest-asyncio runs each test on a fresh "
            "function-scoped loop and closes it after the test, so the second test meets an object of a "
            "loop that is closed, or at least not running.\n\n"
            "The object does not have to be in the test file: `engine = create_async_engine(...)` or "
            "`client = httpx.AsyncClient()` in the application's own modules, imported by both the app "
            "and the tests, behaves the same."
        ),
        example=(
            "import asyncio\n"
            "\n"
            "import pytest\n"
            "\n"
            "lock = asyncio.Lock()  # module level: binds to the first loop that waits on it\n"
            "\n"
            "\n"
            "async def guarded(n):\n"
            "    async with lock:\n"
            "        await asyncio.sleep(0)\n"
            "        return n\n"
            "\n"
            "\n"
            "@pytest.mark.asyncio\n"
            "async def test_first():\n"
            "    assert await asyncio.gather(guarded(1), guarded(2)) == [1, 2]\n"
            "\n"
            "\n"
            "@pytest.mark.asyncio\n"
            "async def test_second():  # a new loop: RuntimeError: <asyncio.locks.Lock ...> is bound to a different event loop\n"
            "    assert await asyncio.gather(guarded(3), guarded(4)) == [3, 4]\n"
        ),
        example_language="python",
        fix=(
            "Create the object where its loop is known: inside an async fixture (or the application's "
            "startup), not at import.\n\n"
            "Per test (all releases): create it in a function-scoped async fixture "
            "(`@pytest_asyncio.fixture`, or `@pytest.fixture` in auto mode), close it after `yield`, "
            "and hand it to the code under test as an argument, a dependency override or a "
            "monkeypatched module attribute. For synchronisation primitives, create them inside the "
            "object or coroutine that uses them.\n\n"
            "Shared by the whole run: create it in a session-scoped async fixture and run the tests on "
            "the session loop as well: `asyncio_default_fixture_loop_scope = session` and "
            "`asyncio_default_test_loop_scope = session` from 0.26, or "
            "`asyncio_default_fixture_loop_scope = session` plus `pytestmark = "
            'pytest.mark.asyncio(loop_scope="session")` on 0.24–0.25 (LD001).\n\n'
            "In application code, build clients and engines in the app's startup (an application "
            "factory or a lifespan handler) instead of at import. For a SQLAlchemy `AsyncEngine` that "
            "must be shared across loops, SQLAlchemy's documentation recommends `poolclass=NullPool`, "
            "or calling `await engine.dispose()` before the engine is used on a new loop.\n\n"
            "Running every test on one session loop also makes a module-level object work, because only "
            "one loop ever touches it (on Python 3.9 and earlier only if the object was created after "
            "that loop was made current). It hides the design problem rather than fixing it."
        ),
        tradeoffs=(
            "A fixture per test gives isolation and removes the dependence on test order; it costs a "
            "new client or connection per test and needs a seam (argument, dependency override, "
            "monkeypatch) to inject the object.\n\n"
            "A session fixture on a session loop is fast but shares the loop and the object's state "
            "between tests; one test's leftovers can break the next.\n\n"
            "`NullPool` opens a connection for every checkout, which is slower and hides pool behaviour "
            "the production code relies on; `dispose()` between tests throws the pool away each time.\n\n"
            "Relying on a single session loop keeps the module-level object, but the failure returns as "
            "soon as one test runs on another loop: a test marked with a narrower loop scope, a sync "
            "`TestClient` (LD004), or a fixture with its own `loop_scope=`."
        ),
        references=(
            Reference("Python: asyncio synchronization primitives",
                      "https://docs.python.org/3/library/asyncio-sync.html"),
            Reference("Python: developing with asyncio",
                      "https://docs.python.org/3/library/asyncio-dev.html"),
            Reference("pytest-asyncio: Concepts (one loop per test by default)",
                      "https://pytest-asyncio.readthedocs.io/en/stable/concepts.html"),
            Reference("SQLAlchemy: asyncio extension (AsyncEngine, pooling across event loops)",
                      "https://docs.sqlalchemy.org/en/20/orm/extensions/asyncio.html"),
            Reference("FastAPI: lifespan events",
                      "https://fastapi.tiangolo.com/advanced/events/"),
        ),
    ),
)


_PRIMITIVE_FRAME = re.compile(r"asyncio[/\\](?:locks|queues)\.py$")
_CROSSED = re.compile(r"attached to a different loop|bound to a different event loop")


def _primitive_of_another_loop(ctx):
    """A plain traceback (a program, not a pytest run) whose loop error is raised where an asyncio primitive waits:
    the primitive belongs to another loop than the one running."""
    if ctx.sources.tests or ctx.sources.fixtures or ctx.facts.mentions("mark.asyncio", "pytest_asyncio", "@pytest"):
        return None   # a test suite's loops: the fixture and scope readings judge
    for section in ctx.facts.sections:
        if section.kind != "traceback" or not section.frames \
                or not _PRIMITIVE_FRAME.search(section.frames[-1].file) \
                or not any(_CROSSED.search(e.message) for e in section.exceptions):
            continue
        frame = section.frames[-1]
        where = re.split(r"[/\\]", frame.file)[-1]
        summary = (f"The error is raised where an asyncio primitive waits ({frame.function} in {where}): the Event, "
                   "Lock, Condition, Semaphore or Queue belongs to another loop than the one running. Before Python "
                   "3.10 a primitive binds to the "
                   "loop current when it is created, so one made at import or in a constructor that ran before "
                   "asyncio.run() belongs to another loop than the one asyncio.run() starts; from 3.10 it binds to "
                   "the loop that first uses it, so one kept from an earlier run or thread does.")
        options = [prose(FixKind.CREATE_OBJECT_IN_FIXTURE, "Create the primitive inside the running loop",
                         "Make the Event, Lock or Queue in async code (an async start-up step, or lazily on first "
                         "use) instead of at import or in a constructor that runs before the loop starts; or run on "
                         "Python 3.10 or later, where a primitive binds to the loop that first uses it.",
                         "Code that reaches the primitive before the loop starts must wait for it.")]
        evidence = ctx.exception_evidence(section.exceptions, limit=1)
        return finding(ctx, INFO, summary, Confidence.HIGH, evidence, options)
    return None


# A module-level assignment from a constructor ("socket_handler = AsyncSocketModeHandler(app, token)").
_MODULE_OBJECT = re.compile(r"^[A-Za-z_]\w*\s*(?::\s*[\w.\[\], |]{1,80})?=\s*(?:\w+\.)*[A-Z]\w*\(")


def _made_at_import_with_no_loop(ctx):
    """Collecting a test module fails with "no running event loop" where a module-level object is constructed: the
    object (an aiohttp ClientSession inside a client) needs the loop that runs it, and none runs at import."""
    if not ctx.facts.mentions("no running event loop"):
        return None
    for section in ctx.facts.sections:
        if section.phase != "collection" or not any(e.message.startswith("no running event loop")
                                                    for e in section.exceptions):
            continue
        made = next((v for v in section.source_lines if _MODULE_OBJECT.match(v.value)), None)
        if made is None:
            continue
        name = made.value.split("=", 1)[0].split(":", 1)[0].strip()
        summary = (f"{name} is created when its module is imported, and creating it needs a running event loop (a "
                   "client that opens an aiohttp ClientSession, a primitive bound to the running loop): pytest imports "
                   "the module to collect the tests, with no loop running, so collection fails. Made at import, it "
                   "would also be bound to one loop while each test runs on its own.")
        options = [prose(FixKind.CREATE_OBJECT_IN_FIXTURE, "Create the object inside the running loop",
                         "Build it in an async fixture, the app's lifespan or start-up, or lazily on first use inside "
                         "async code, instead of at module level.",
                         "Code that imports the object must get it from where it is made.")]
        evidence = ctx.exception_evidence(section.exceptions, limit=1) + ctx.paste_evidence(made.value, limit=1)
        ctx.crossing_object = name
        return finding(ctx, INFO, summary, Confidence.HIGH, evidence, options)
    return None


# The source line Python prints under "There is no current event loop": an asyncio primitive assigned at module or
# class level ("_connected: asyncio.Future = asyncio.Future()"), not through self or another object.
_PRIMITIVE_AT_IMPORT = re.compile(r"[A-Za-z_]\w*\s*(?::\s*[\w.\[\], |]{1,80})?=\s*"
                                  r"asyncio\.(?:Future|Lock|Event|Queue|Semaphore|BoundedSemaphore|Condition)\(")


def _primitive_made_without_loop(ctx):
    """asyncio warns that no loop is current where a module or class body makes an asyncio primitive: made at import,
    outside any loop, it binds to whichever loop it first meets (or a loop of its own), not to each test's."""
    for where, made in no_loop_warnings(ctx):
        if not _PRIMITIVE_AT_IMPORT.match(made):
            continue
        name = made.split("=", 1)[0].split(":", 1)[0].strip()
        summary = (f"{name} is an asyncio primitive made in a module or class body, when the module is imported: no "
                   "loop runs then (asyncio warns there is no current event loop), so it binds to a loop that is not "
                   "the one each test runs on, and awaiting it from a test's loop fails or never wakes.")
        options = [prose(FixKind.CREATE_OBJECT_IN_FIXTURE, "Create the primitive inside the running loop",
                         f"Initialise {name} to None and create it lazily, in async code, on first use (or in the "
                         "object's async start-up).", "Each user must go through the lazy accessor.")]
        ctx.crossing_object = name
        return finding(ctx, INFO, summary, Confidence.HIGH, ctx.paste_evidence(where, made, limit=2), options)
    return None


def _made_in_one_run_used_in_another(ctx):
    """Code that makes an object in one asyncio.run() and awaits it in another, and a failure to show for it."""
    runs = [(file, run) for file in ctx.sources.files for run in file.runs_across]
    # What a loop-bound object does on a closed loop: a loop error, or a wait that never ends (any object handed
    # from one run to the next is no sign by itself: data is too).
    if not runs or not ctx.facts.mentions("different loop", "different event loop", "event loop is closed", "timeout",
                                          "timed out", "hang", "stuck", "deadlock", "never returns"):
        return None
    file, (name, made, used) = runs[0]
    evidence = [e for e in (ctx.source_evidence(file.name, made), ctx.source_evidence(file.name, used)) if e]
    evidence += ctx.exception_evidence(ctx.facts.exceptions, limit=1)
    summary = (f"{name} is made inside one asyncio.run() (line {made}) and used inside another (line {used}). Each "
               "asyncio.run() creates a new event loop and closes it when it returns, so the object (and the "
               "connections, tasks or futures it made) belongs to a closed loop when the second run awaits it: "
               "it errors, or waits forever for a loop that no longer runs.")
    ctx.crossing_object = name
    options = [prose(FixKind.OTHER, "Make and use the object in one loop",
                     f"Run everything in one asyncio.run() (an async main that creates {name} and then uses it), or "
                     "create the object inside the coroutine that uses it (for a pool: open it there, e.g. "
                     "open=False and `await pool.open()`).",
                     "The code's structure changes: one entry point runs all the async work.")]
    return finding(ctx, INFO, summary, Confidence.HIGH if ctx.facts.exceptions else Confidence.MEDIUM, evidence,
                   options)


def detect(ctx):
    """A module-level client or primitive bound to the first loop that used it."""
    across = _made_in_one_run_used_in_another(ctx) or _primitive_of_another_loop(ctx) \
        or _made_at_import_with_no_loop(ctx) or _primitive_made_without_loop(ctx)
    if across:
        return across
    s = story(ctx)
    if s.kind != "import":
        return None
    objects = [o for p in ctx.sources.files for o in p.module_objects]
    errors = s.loop_errors + s.closed_errors
    evidence = s.evidence(ctx, errors)
    for obj in objects[:3]:
        found = ctx.file_evidence(obj.file, obj.line)
        if found:
            evidence.append(found)
    run_at_import = [] if objects or errors else import_time_loop_calls(ctx)
    for file, line in run_at_import[:2]:
        found = ctx.source_evidence(file, line)
        if found:
            evidence.append(found)
    if run_at_import:
        summary = ("The code runs a coroutine when the module is imported (run_until_complete at module level), "
                   "so what it makes there (a connection, a pool, a bind) belongs to the loop current at import. "
                   "The async tests run on loops of their own, so they meet that object from another loop.")
    elif objects:
        names = ", ".join(f"{o.name} ({o.constructor})" for o in objects[:3])
        summary = (f"{names} is created when the module is imported and binds to the event loop that "
                   "first uses it. Each test runs on a loop of its own, so the next test awaits an object "
                   "of an earlier, possibly closed, loop.")
    else:
        summary = ("An object shared between tests (a module-level client, lock, queue or event, or a "
                   "cache in the code under test) is bound to the loop of the test that used it first; "
                   "later tests run on other loops and fail when they await it.")
    ctx.crossing_object = objects[0].name if objects else None
    confidence = s.confidence
    options = [
        prose(FixKind.CREATE_OBJECT_IN_FIXTURE, "Create the object in a fixture (or the app's lifespan)",
              "Build the client or primitive inside an async fixture (or lazily, inside the running loop) "
              "instead of at import time, so each test's loop gets its own.",
              "Needs a code change where the object is defined; tests get a fresh object each time."),
        everything_on_loop(ctx, "session", "The shared object's loop then lives as long as all the tests."),
        mark_modules(ctx, "session", "The shared object's loop then lives as long as all the tests."),
    ]
    options.append(event_loop_override(ctx, "session", "The shared object's loop then lives as long as all the tests."))
    if ctx.versions.all(rel.event_loop_override_moves_fixtures):
        options.append(change_version(ctx, "0.26", "Release 0.26 can run every test on one loop by configuration."))
    # With the code given, the config change is the verified edit; the code change stays as guidance.
    if objects or ctx.config.files or ctx.facts.header.configfile:
        options = options[1:] + options[:1]
    return finding(ctx, INFO, summary, confidence, evidence, options)
