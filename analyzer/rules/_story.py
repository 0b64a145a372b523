"""Which mechanism the errors of a paste come from (the "story" every rule starts from): the telltale
messages, the fixtures and objects a paste or the code shows, and what a report says in its sentences."""
from __future__ import annotations

import ast
import bisect
import re
from dataclasses import dataclass, field

from .. import releases as rel
from ..context import Context
from ..loops import WIDTH, wider
from ..model import Confidence
from ..pytest_output import Exception_, Gated, Value

DIFFERENT_LOOP = re.compile(
    r"attached to a different loop|is bound to a different event loop|belongs to a different loop"
    r"|different event loop|got Future .* attached to|Non-thread-safe operation invoked on an event loop other"
    # aiohttp: its timer looks for the current task on the session's loop, and finds none on another loop.
    r"|Timeout context manager should be used inside a task"
    # A short-summary line cut at the terminal width: "Task <Task pending …> got Future … attached to …" is
    # the only RuntimeError asyncio starts with a task's repr.
    r"|^RuntimeError: Task <Task pending\b[^\n]*\.\.\.$"
    # aiohttp and others checking the loop an object belongs to against the running one (a mock standing in for the
    # loop is the test's own stand-in, not another loop).
    r"|loop <(?!(?:NonCallable)?(?:Magic|Async)?Mock\b)[^>\n]{0,300}> is not the running loop"
)
LOOP_CLOSED = re.compile(r"Event loop is closed")
# pytest-asyncio's loop fixtures, and pytest-aiohttp's "loop" (the same mistake with another plugin).
SCOPE_MISMATCH = re.compile(r"ScopeMismatch.{0,1000}fixture '?(event_loop|_\w+_event_loop|_\w+_scoped_runner|loop)'?\b")
# An un-awaited call's coroutine used as the result it would give (a query's rows, a response): a missing await in
# the code, not a fixture left un-run (a fixture's value is a client or a session, asked for its methods).
UNAWAITED_RESULT = re.compile(r"'coroutine' object has no attribute '(?:first|scalars?|scalar_one(?:_or_none)?|one"
                              r"|one_or_none|all|fetch(?:all|one|many)|mappings|rowcount|json|status_code"
                              r"|raise_for_status|inserted_ids?|modified_count|deleted_count|acknowledged|to_list)'")
# asyncpg's wording, and psycopg's ("another command is already in progress").
ANOTHER_OPERATION = re.compile(r"another (?:operation|command) is (?:already )?in progress")
# Where a title's words start: after any punctuation and a commit's "type(scope): " prefix ("fix: …", "test(ci): …").
# (No part of it matches what another part does: a line of dashes is read in linear time.)
TITLE_START = r"[^\w\n-]*(?:\w+(?:-\w+)*(?:\(\w+(?:-\w+)*\))?: )?"
# A pending task garbage-collected because nothing referenced it ("Task was destroyed but it is pending!" with no
# loop ending): the loop keeps only weak references to its tasks.
# (These readings are also searched over every exception of a run: each sits behind a look-ahead on its
# alternatives' first letters.)
NO_STRONG_REFERENCE = re.compile(r"(?=[sow])(?:\bstrong references? to (?:\w+ ){0,4}tasks?\b|\bonly (?:keeps|holds) weak "
                                 r"references\b|\bweak references? to (?:its |the )?tasks\b)", re.I)
# An async fixture asked for while the test runs (request.getfixturevalue): its runner would have to start the
# fixture's coroutine inside the running loop ("This event loop is already running"), which no async plugin does.
DYNAMIC_ASYNC_FIXTURE = re.compile(r"(?=[gad])(?:\bgetfixturevalue\b[^\n]{0,80}\basync fixtures?\b|\basync fixtures?\b"
                                   r"[^\n]{0,80}\bgetfixturevalue\b|\bdynamic(?:ally)? (?:access\w*|request\w*|us\w*) (?:to )?"
                                   r"(?:an? )?async fixtures?\b)", re.I)
# pytest's refusal of marks on fixtures (8.4 warns, 9 fails collection).
FIXTURE_MARKED = re.compile(r"Marks applied to fixtures have no effect|Marks cannot be applied to fixtures")
MULTIPLE_LOOPS = re.compile(r"MultipleEventLoopsRequestedError|Multiple asyncio event loops with different scopes")


# ---- which loop story explains the errors ----------------------------------------------

APP_LOOP_FRAMES = re.compile(r"anyio[/\\]from_thread|BlockingPortal|starlette[/\\]testclient|fastapi[/\\]testclient"
                             r"|asgiref[/\\]sync|nest_asyncio")
# asyncio.run()'s (and asyncio.Runner's) own refusal: code starting a loop where one already runs.
RUN_REFUSED = re.compile(r"(?:asyncio|Runner)\.run\(\) cannot be called from a running event loop")
APP_LOOP_MESSAGES = re.compile(RUN_REFUSED.pattern + r"|Cannot run the event loop while another loop is running"
                               r"|This event loop is already running|(?:RuntimeError: |[`'\"])this event loop is already running")
# pytest's repr of a fixture definition the suite itself made (the plugin's own has an empty baseid): an
# event_loop override shown by a traceback through the plugin's fixture hook.
OVERRIDE_SHOWN = re.compile(r"<FixtureDef argname='event_loop' scope='\w+' baseid='[^']+'>")
# pytest-asyncio 1.0 removed the fixture, and with it the name some suites imported.
EVENT_LOOP_IMPORT = "cannot import name 'event_loop' from 'pytest_asyncio"
_SAID_SCOPE_MISMATCH = re.compile(r"\bScopeMismatch\b")
# "a module-scoped lease cannot depend on the function-scoped parameter (ScopeMismatch)": why a design is as it is.
_MISMATCH_ASIDE = re.compile(r"\b(?:cannot|can't|could not|couldn't|would)\b[^.\n]{0,80}\(ScopeMismatch\)")


def _only_asides(ctx: Context) -> bool:
    """Every ScopeMismatch the report names is what its design avoids, not what failed."""
    joined = ctx.facts.joined()
    return len(_MISMATCH_ASIDE.findall(joined)) >= joined.count("ScopeMismatch")


# 0.21's wording of the override deprecation.
REPLACING_EVENT_LOOP = "Replacing the event_loop fixture with a custom implementation is deprecated"
LEGACY_TEXTS = ("The event_loop fixture provided by pytest",   # "…-asyncio has been redefined", often cut short
                'requests the "event_loop" fixture',   # "… explicitly requests …", wrapped anywhere before it
                "fixture 'event_loop' not found")
# The same warning's second half, for a copy wrapped by hand just before "event_loop" ("… explicitly requests the\n
# "event_loop" fixture. Asynchronous fixtures and test functions should …").
REQUESTS_EVENT_LOOP_REST = '"event_loop" fixture. Asynchronous fixtures'
# pytest-aiohttp 1.0's warning for its `loop` fixture, its alias of event_loop (removed in 1.1).
AIOHTTP_LOOP_DEPRECATED = "'loop' fixture is deprecated and scheduled for removal"
CLOSES_LOOP_FOR_YOU = "pytest-asyncio will close the event loop for you"
# 0.21-0.26's warning that an event_loop fixture left its loop open: its end, or its start where a summary line cuts it
# (a failing run's: quoted alone, a report may call it harmless).
UNCLOSED_AT_TEARDOWN = (CLOSES_LOOP_FOR_YOU,
                        "pytest-asyncio detected an unclosed event loop when tearing down the event_loop")
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
INTERNAL_FIXTURE = re.compile(r"^(event_loop|_\w+_event_loop|_\w+_scoped_runner|.*<event_loop>|event_loop_policy|_asyncio_loop_factory)$")


@dataclass
class WideFixture:
    name: str
    caching: str | None      # None when the paste does not tell
    loop: str                # the wide loop it runs on
    how: str                 # how we know, in words
    fixture: object = None   # sources.Fixture when the code was given


@dataclass
class Story:
    kind: str                # "app" | "legacy" | "cached" | "wider" | "import" | "release" | "none"
    confidence: Confidence
    loop_errors: list
    closed_errors: list
    scope_mismatches: list
    wide: list[WideFixture] = field(default_factory=list)
    note: str = ""           # which reading of the kind, where a rule words it differently (LOOP_ALREADY_RUNNING)
    prose: str = ""          # what the report says in its sentences (its first 200,000 characters), read by cues
    quoted: list = field(default_factory=list)   # the lines that told the story in words, when no error was parsed

    def evidence(self, ctx: Context, errors) -> list:
        """The error lines, or, for a story told only in words, the sentences that told it."""
        return ctx.exception_evidence(errors, limit=4) or ctx.paste_evidence(*(q.value for q in self.quoted[:2]), limit=2)


# The app story told only in words: a loop was already running in the thread when another was started.
LOOP_ALREADY_RUNNING = "loop-already-running"


def loop_errors(ctx: Context):
    return ctx.exceptions(DIFFERENT_LOOP) + ctx.exceptions(MULTIPLE_LOOPS)


_PLUGIN_RUNNER = re.compile(r"pytest_asyncio[/\\]plugin\.py")
_ASYNCIO_STDLIB = re.compile(r"asyncio[/\\](?:base_events|runners|events|tasks)\.py$")


# A run the report says never finished.
# (each look-ahead names the first letters of its alternatives: other positions are skipped at once)
HANG = re.compile(r"(?=[itsrphd])(?:\b(?:it|test|tests|suite|run|pytest) (?:still |just |then )?(?:hangs|hung|freezes"
                  r"|froze|is stuck)\b|\bhang(?:s|ing)? (?:forever|indefinitely)\b|\bdeadlock(?:ed|s)?\b|\bthe hang is\b)",
                  re.I)
# Any word of a hang, for a run with no closing line: it was interrupted, so the warnings it printed are not its answer.
SAID_HUNG = re.compile(r"(?=[hf])\b(?:hang(?:s|ing)?|hung|freez(?:es|ing)|froze)\b", re.I)
_STARTED_INSIDE_A_LOOP = re.compile(r"(?=[jinp])(?:jupyter|ipytest|ipykernel|notebook|nest_asyncio|pytest\.main\()", re.I)


def raised_by_plugin_runner(ctx: Context, exc) -> bool:
    """The plugin's own run_until_complete raised it (only asyncio's frames below pytest-asyncio's): the loop
    the plugin runs the test on was already running, not a loop the code under test started."""
    spans = getattr(ctx, "_runner_spans", None)
    if spans is None:   # once per paste: the sections whose innermost own frame is the plugin's
        spans = []
        # pytest run from a notebook or from async code: the running loop is the caller's, in every section.
        for section in [] if ctx.facts.lines_matching(_STARTED_INSIDE_A_LOOP) else ctx.facts.sections:
            own = [f for f in section.frames if not _ASYNCIO_STDLIB.search(f.file)]
            if own and _PLUGIN_RUNNER.search(own[-1].file):
                spans.append((section.start, section.end))
        ctx._runner_spans = spans = sorted(spans)
    if _in_spans(spans, exc.line):
        return True
    # Quoted without its traceback: asyncio.Runner is what pytest-asyncio runs tests with (code under test
    # calls asyncio.run(), whose message names asyncio.run()).
    if not exc.message.startswith("Runner.run() cannot be called"):
        return False
    return section_at(ctx, exc.line) is None


def _in_spans(spans: list[tuple[int, int]], line: int) -> bool:
    """Whether ``line`` falls in one of the sorted, non-overlapping (start, end) spans."""
    at = bisect.bisect_right(spans, (line, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= line <= spans[at][1]


def section_at(ctx: Context, line: int):
    """The FAILURES/ERRORS entry (or traceback) holding ``line``, or None: a bisection over the sections, sorted
    once per paste, so a log of thousands of errors stays linear."""
    index = getattr(ctx, "_sections_by_start", None)
    if index is None:
        sections = sorted(ctx.facts.sections, key=lambda s: s.start)
        ctx._sections_by_start = index = (sections, [section.start for section in sections])
    sections, starts = index
    at = bisect.bisect_right(starts, line) - 1
    return sections[at] if at >= 0 and sections[at].start <= line <= sections[at].end else None


def _exception_texts(ctx: Context, excs):
    """The text of the section holding each exception (each section once), or the exception's message when it
    stands outside any."""
    seen = set()
    for exc in excs:
        section = section_at(ctx, exc.line)
        if section is None:
            yield exc.message
        elif id(section) not in seen:
            seen.add(id(section))
            # Line k of the paste is text.lines[k - 1]: slice instead of scanning every line.
            yield "\n".join(l.text for l in ctx.facts.text.lines[section.start - 1:section.end])


def caching_from_addresses(ctx: Context, name: str) -> str | None:
    """'function' when failures show different objects for the fixture, 'wide' when the same one."""
    shown = [value for fixture, value in ctx.facts.fixture_values() if fixture == name]
    seen = {m.group(0) for m in map(_ADDRESS.search, shown) if m}
    if len(seen) >= 2:
        return "function"
    return "wide" if len(seen) == 1 and len(shown) >= 2 else None


_NAMED_FIXTURE = re.compile(r"`?\b([a-z_][a-z0-9_]*_[a-z0-9_]+|[a-z]{2,}\d*)`?\s+fixture\b")
_NOT_NAMES = {"async", "session", "the", "this", "that", "pytest", "asyncio", "function", "module", "class",
              "package", "loop", "event_loop", "a", "an", "sync", "scoped", "cached", "same", "your", "my"}


def _setup_show_scope(ctx: Context, name: str) -> str | None:
    return next((e.scope for e in ctx.facts.setup_show if e.kind == "setup" and e.name == name), None)


def paste_fixture_names(ctx: Context) -> list[str]:
    """Fixtures the paste shows: argument values of failing tests, else ones a report names ("test_db fixture")."""
    names = list(dict.fromkeys(name for name, _value in ctx.facts.fixture_values()))
    for event in ctx.facts.setup_show:
        if event.kind == "setup" and not INTERNAL_FIXTURE.match(event.name) and event.name not in names:
            names.append(event.name)
    if not names:
        for hit in ctx.facts.find(" fixture"):
            for match in _NAMED_FIXTURE.finditer(hit.value):
                name = match.group(1)
                if name not in _NOT_NAMES and not name.startswith("_") and name not in names:
                    names.append(name)
    return names[:5]


def wide_fixtures(ctx: Context) -> list[WideFixture]:
    found: dict[str, WideFixture] = {}
    for crossing in ctx.model.crossings:
        if wider(crossing.fixture_loop, crossing.test_loop) and crossing.fixture not in found:
            fixture = ctx.sources.fixture(crossing.fixture)
            placement = ctx.model.fixtures.get(crossing.fixture)
            found[crossing.fixture] = WideFixture(crossing.fixture, fixture.scope if fixture else None,
                                                  crossing.fixture_loop, placement.why if placement else "", fixture)
    for event in ctx.facts.setup_show:
        if event.kind == "setup" and event.scope in WIDTH and event.scope != "function" \
                and not INTERNAL_FIXTURE.match(event.name) and event.name not in found:
            fixture = ctx.sources.fixture(event.name)
            if fixture is not None and not fixture.is_async:
                continue
            found[event.name] = WideFixture(event.name, event.scope, ctx.env.fixture_default_scope() or event.scope,
                                            f"--setup-show lists it with scope {event.scope}", fixture)
    default = ctx.env.fixture_default_scope()
    if default and wider(default, ctx.env.test_default_scope()) and ctx.versions.all(rel.knows_fixture_loop_scope_option):
        for name in paste_fixture_names(ctx):
            if name not in found and (ctx.sources.fixture(name) is None or ctx.sources.fixture(name).is_async):
                caching = caching_from_addresses(ctx, name) or _setup_show_scope(ctx, name)
                found[name] = WideFixture(name, "function" if caching == "function" else None, default,
                                          f"asyncio_default_fixture_loop_scope = {default}", ctx.sources.fixture(name))
    return list(found.values())


def module_instances(ctx: Context) -> list[str]:
    """Names bound at module level to a new instance (``client = Client()``) in the code given or
    quoted: shared by every test of the module, whatever loop each test runs on."""
    return [name for file in ctx.sources.files for name in module_instances_of(file)]


def module_instances_of(file) -> list[str]:
    names, entered = [], None
    for node in file.tree.body if file.tree else ():
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if called[:1].isupper() and any(t.is_async for t in file.tests):
                names += [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif called[:1].isupper() and not file.tests:
                # code with no tests (a program's snippet): an instance its coroutines enter with `async with`
                entered = _entered_async(file.tree) if entered is None else entered
                names += [t.id for t in node.targets if isinstance(t, ast.Name) and t.id in entered]
    return names


def _entered_async(tree) -> set[str]:
    """Module names that coroutines enter with ``async with NAME``: an async context (a limiter, a lock, a client)."""
    return {item.context_expr.id for fn in ast.walk(tree) if isinstance(fn, ast.AsyncFunctionDef)
            for node in ast.walk(fn) if isinstance(node, ast.AsyncWith)
            for item in node.items if isinstance(item.context_expr, ast.Name)}


def _async_tests_using_module_objects(ctx: Context, instances: bool = True) -> int:
    """How many async tests of the code shown use, by name, an object made at their module's level: a known
    loop-bound constructor's, or (``instances``) any class's."""
    count = 0
    for file in ctx.sources.files:
        names = {o.name for o in file.module_objects} | (set(module_instances_of(file)) if instances else set())
        tests = {t.name for t in file.tests if t.is_async}
        for node in ast.walk(file.tree) if file.tree and names and tests else ():
            if isinstance(node, ast.AsyncFunctionDef) and node.name in tests and any(
                    isinstance(n, ast.Name) and n.id in names for n in ast.walk(node)):
                count += 1
    return count


def _tests_use_module_objects(ctx: Context) -> bool:
    return _async_tests_using_module_objects(ctx) > 0


# Queries run side by side on purpose: the driver's "operation in progress" is then their own doing.
_CONCURRENT = re.compile(r"asyncio\.gather\(|create_task\(|ensure_future\(|asyncio\.wait\(|TaskGroup\("
                         r"|\bconcurrent(?:ly)?\b|\bin parallel\b", re.I)
# "When sharing AsyncOpenAI across async tests": an object shared between tests, said in words.
PROSE_SHARED_ACROSS_TESTS = re.compile(r"\bshar(?:e|es|ed|ing)\b[^.\n]{0,60}\bacross\b[^.\n]{0,30}\btests\b", re.I)
# A client that lost its connection (not a server that is down, nor a programming error).
_LOST_CLIENT = re.compile(r"connection error|connection (?:was |is )?(?:closed|reset|lost|aborted)|ProtocolError"
                          r"|ConnectionResetError|ServerDisconnected|different (?:event )?loop|Event loop is closed", re.I)


def _errors_of_a_lost_client(ctx: Context) -> bool:
    """The run's errors (or, with no run, those a report names) are of a client that lost its connection."""
    found = [f"{e.type} {e.message}" for e in ctx.run_exceptions()] or [
        v.value for v in ctx.facts.lines_matching(ERROR_NAMED)]
    return bool(found) and any(_LOST_CLIENT.search(text) and "refused" not in text for text in found)


def loop_driving_fixtures(ctx: Context) -> list:
    """Sync fixtures that run coroutines on a loop themselves (``loop.run_until_complete(aiohttp_client(app))``)."""
    return [f for f in ctx.sources.fixtures if not f.is_async and f.calls_asyncio_run]


_FOREIGN_RUNNER = re.compile(r"pytest_(tornasync|tornado|twisted|sanic)[/\\]plugin\.py")


def foreign_runner(ctx: Context) -> str | None:
    """Another async plugin whose own test runner shows in a traceback beside pytest-asyncio (pytest-tornasync's
    pytest_pyfunc_call asking for its io_loop fixture): two plugins take the same async tests."""
    if not (ctx.facts.mentions("pytest_tornasync", "pytest_tornado", "pytest_twisted", "pytest_sanic")
            and ctx.facts.mentions("pytest-asyncio", "pytest_asyncio", "asyncio_mode", "mark.asyncio")):
        return None
    for section in ctx.facts.sections:
        for frame in section.frames:
            match = _FOREIGN_RUNNER.search(frame.file)
            if match:
                return f"pytest-{match.group(1)}"
    return None


# A traceback's failing line that runs a coroutine on a loop itself, in the suite's own test code.
_DRIVES_LOOP = re.compile(r"^>\s+.*\b(?:run_until_complete|asyncio\.run)\(")
# A location "path.py:NN:" in the suite's own tests, not in a library's (site-packages/aiohttp/test_utils.py).
_SUITE_TEST_LOCATION = re.compile(r"^(?!.*(?:site-packages|dist-packages|[/\\]lib[/\\]python))(?:.{0,300}[/\\\s])?"
                                  r"(?:tests?[/\\]\S{0,300}?|test_\w+|\w+_test|conftest)\.py:\d+:")


def loop_driven_in_test_code(ctx: Context) -> bool:
    """A fixture's set-up or teardown that fails on a line of the suite's own tests or conftest running a coroutine
    on a loop itself (a sync fixture's ``asyncio.get_event_loop().run_until_complete(client.teardown())``)."""
    if not ctx.facts.mentions("run_until_complete", "asyncio.run("):
        return False
    lines, prev_end = ctx.facts.text.lines, 0
    errored = any(o.outcome == "error" for o in ctx.facts.outcomes)
    for section in ctx.facts.sections:
        # A traceback's first entry starts above its first location line: read from where the last one ended.
        start, prev_end = prev_end, section.end
        # A fixture's set-up or teardown (an ERROR), not a sync test's own body.
        if not (section.phase in ("setup", "teardown") or section.kind == "error"
                or (section.kind == "traceback" and errored)):
            continue
        for i in range(start, min(section.end, len(lines))):
            if _DRIVES_LOOP.match(lines[i].text):
                after = next((l.text.strip() for l in lines[i + 1:i + 4] if re.search(r"\.py:\d+:", l.text)), "")
                if _SUITE_TEST_LOCATION.match(after):
                    return True
    return False


def import_time_loop_calls(ctx: Context) -> list[tuple[str, int]]:
    """(file, line) where module-level code runs a coroutine on the loop current at import
    (``asyncio.get_event_loop().run_until_complete(db.set_bind(url))``)."""
    return [(file.name, line) for file in ctx.sources.files for line in file.import_time_runs]


# A crossing described in words by a report with no run in it ("connections created on loops that pytest
# had closed", "torn down in a loop other than the one that opened it", "pools reused across event loops").
_SAID_CROSSING = re.compile(
    r"\b(?:created|opened|made|bound) (?:on|in) (?:a |an |the )?(?:other|another|earlier|previous|closed|old"
    r"|different) (?:event |asyncio )loop|\bloops? (?:that|which) pytest(?:-asyncio)? had (?:already )?"
    r"(?:been )?closed|\bin a loop other than the one|\bacross (?:pytest(?:-asyncio)?(?:'s)? |test )?"
    r"(?:event |asyncio )loops\b"
    r"|\bused (?:with|on|in) (?:a |an |the )?(?:now[- ])?(?:shut[- ]?down|closed|stopped) (?:event |asyncio )?loop\b"
    # "aioboto3 caches the loop", "refer to the loop of the DEFAULT_SESSION which is closed"
    r"|\bcach(?:es|ed|ing) the (?:event |asyncio )?loop\b|\bloop of the [\w.`]+ (?:which|that) is (?:already )?closed\b"
    # "make job queue lazy so there isn't a mismatch of event loops"
    # (but not one denied: "there isn't a mismatch between the event loops here")
    # (the look-ahead first: the look-behinds then run only where the word stands)
    r"|(?=mismatch (?:of|between) )(?:(?<=\bso there isn't a )|(?<=\bso that there is no )|(?<=\bso there is no )"
    r"|(?<!\bno )(?<!\bnot a )(?<!\bany )(?<!n't a )(?<!n't any )(?<!never a ))\bmismatch (?:of|between) (?:the )?"
    r"(?:event |asyncio )?loops\b",
    re.I)


_TASK_ITEM = re.compile(r"\s*[-*]\s*\[[ xX]\]\s")
# "The lifecycle regression intentionally monkeypatches that method to raise … fault injection"
_FAULT_INJECTED = re.compile(r"\bmonkeypatch\w*\b[^.\n]{0,60}\bto raise\b|\bfault injection\b", re.I)
# "the loop could close in between (a race with event loop shutdown)": a library's check-then-call racing the loop's
# own close, said by the note that fixes it.
_RACE_WITH_CLOSE = re.compile(r"\brace (?:condition )?with (?:the )?(?:event )?loop(?:'s)? (?:shutdown|shutting down|clos\w+)\b"
                              r"|\bloop could close in between\b", re.I)
# The code's own reference to a loop that had closed, used later ("self._loop kept pointing at the closed loop, so a
# late cross-thread stop() raised"): a lifecycle bug of the code, no crossing between a test's loops.
STALE_LOOP = re.compile(r"(?=[ks])(?:\b(?:kept|keeps|still) (?:pointing|referring|point(?:s|ed)?|refer(?:s|red)?) (?:at|to) "
                        r"(?:the |a |an )?(?:closed|old|stale|dead|previous) (?:event )?loop\b|\bstale (?:reference to "
                        r"(?:the |a )?)?(?:event )?loop\b)", re.I)
# "Fix event loop closed warning during stdio cleanup": the closed loop named in a note's words; or a finaliser
# said to run once the loop is gone ("RuntimeError during `StreamWriter.__del__`").
_SAID_LOOP_CLOSED = re.compile(r"\bevent loop (?:is )?closed (?:warnings?|errors?|exceptions?)\b"
                               r"|\b(?:once|after|when) (?:the|that|its) (?:event )?loop (?:is |was |has been )?(?:gone|closed"
                               r"|shut down)\b"
                               r"|\b(?:RuntimeError|errors?|exceptions?) (?:during|in|from) `?[\w.]{0,80}__del__\b"
                               # "shut down the event loop while for instance sessions where still closing"
                               r"|\b(?:shut|shuts|shutting) down the (?:event )?loop while\b", re.I)


def _said_closed_without_run(ctx: Context) -> bool:
    return not (ctx.facts.exceptions or ctx.facts.summary_line) and any(
        not (DENIED_OR_ASKED.search(v.value) or _TASK_ITEM.match(v.value))
        for v in ctx.facts.lines_matching(_SAID_LOOP_CLOSED))


# A title tagged as a feature request ("[Feature Request] Please support qasync").
FEATURE_TITLE_TAG = re.compile(r"[^\w\n\[]*(?:\[feature(?: request)?\]|feature request:)", re.I)


def _text_loop_errors(ctx: Context):
    """Loop errors quoted outside a traceback (in prose or a wrapped block): Values, not Exception_s."""
    found = (ctx.facts.find("different loop") + ctx.facts.find("different event loop")
             + ctx.facts.find("Timeout context manager should be used inside a task"))
    # A feature request's title with no run: "could not work … because of the different event loops" is what it asks
    # for, not an error seen.
    if not (ctx.facts.exceptions or ctx.facts.summary_line) and FEATURE_TITLE_TAG.match(ctx.facts.text.original):
        return []
    # Said in words only by a report without a run that speaks of event loops (not of Python's for loops).
    if not found and not (ctx.facts.exceptions or ctx.facts.summary_line) and ctx.facts.lines_matching(PROSE_LOOP):
        found = ctx.facts.lines_matching(_SAID_CROSSING)[:3]
    # (a comment or docstring of quoted code that names the error the code avoids, not one the run raised; nor how
    # other code behaves, said in general: "other wrappers … fail explicitly if called from a different event loop")
    # (nor kinds of loops named: "we were using two different event loop fixtures")
    return [v for v in found if not _AVOIDED_IN_CODE.search(v.value) and not _IN_GENERAL.search(v.value)
            and not _only_kinds_of_loops(v.value)]


def _only_kinds_of_loops(line: str) -> bool:
    kinds = [m.group(1) for m in _DIFFERENT_LOOP.finditer(line)]
    return bool(kinds) and all(kinds)


# "different loop" as the error says it, or (group 1) naming kinds of loops: fixtures, policies, implementations.
_DIFFERENT_LOOP = re.compile(r"\bdifferent (?:event )?loops?\b( (?:fixtures?|implementations?|polic(?:y|ies)|types?"
                             r"|backends?|classes))?", re.I)
_IN_GENERAL = re.compile(r"\bgenerally\b[^.\n]{0,120}\bif (?:called|used|awaited) from (?:a |another |the )?different "
                         r"(?:event )?loop\b", re.I)


# A comment ("  # ...", not a Markdown heading at the start of a line) or a docstring saying the code avoids it.
_AVOIDED_IN_CODE = re.compile(r"(?:\s#|\"\"\"|\'\'\')[^\n]{0,200}?\b(?:avoid\w*|prevent\w*|work(?:s|ed|ing)? ?around|else"
                              r"|otherwise)\b", re.I)


_RUNNER = re.compile(r"\b_(function|class|module|package|session)_(scoped_runner|event_loop)\b|\b_(clas|func|modu|sess)\w*$")


# A warning pytest-asyncio's own module printed in the run ("…/site-packages/pytest_asyncio/plugin.py:451:
# DeprecationWarning: …"): only a loaded plugin prints one.
_PLUGIN_WARNED = re.compile(r"pytest_asyncio[/\\]plugin\.py:\d+: \w*Warning: ")


def plugin_active(ctx: Context) -> bool:
    """pytest-asyncio is loaded: its header line, its plugin entry, its internal loop fixtures listed, or a warning
    of its own module."""
    header = ctx.facts.header
    runners = any(_RUNNER.search(n) for n in ctx.facts.available_fixtures) or \
        any(_RUNNER.search(v.value) for v in ctx.facts.find("available fixtures"))
    return runners or "asyncio" in header.plugins or header.asyncio_line is not None or _plugin_warned(ctx)


def _plugin_warned(ctx: Context) -> bool:
    """A warning of pytest-asyncio's own module in the paste: searched once per paste (many readings ask)."""
    if getattr(ctx, "_plugin_warned", None) is None:
        ctx._plugin_warned = ctx.facts.mentions("pytest_asyncio") and bool(ctx.facts.lines_matching(_PLUGIN_WARNED))
    return ctx._plugin_warned


def plugin_shown(ctx: Context) -> bool:
    """pytest-asyncio shows at all: loaded by the run, or named (its package, its module in a traceback)."""
    return plugin_active(ctx) or ctx.facts.mentions("pytest-asyncio", "pytest_asyncio")


def anyio_plugin_only(ctx: Context) -> bool:
    """The tests run under anyio's pytest plugin (its marker or backend fixture) and pytest-asyncio shows nowhere."""
    return ctx.has("mark.anyio", "anyio_backend") and not plugin_shown(ctx) and not ctx.facts.mentions("mark.asyncio")


# A ContextVar set in one place (an async fixture) said to be missing where it is read (the test).
CONTEXT_LOST = re.compile(r"LookupError: <ContextVar|\bcontext ?var(?:iable)?s?\b[^.\n]{0,60}\b(?:not|aren't|isn't"
                          r"|never|no longer)\b[^.\n]{0,25}\b(?:propagat|visible|available|shared|seen|passed)"
                          # "async fixtures are executed in its own context", "each async fixture runs in its own context"
                          r"|\bfixtures?\b[^.\n]{0,30}\b(?:(?:are|is|get|gets|were|was) (?:executed|run)|runs?|ran"
                          r"|executes?) in (?:its|their|a) (?:own|separate|different) context\b", re.I)
# The words that gate it.
CONTEXT_WORDS = ("contextvar", "context var", "own context", "separate context", "different context")


PROSE_IMPORT = re.compile(r"\b(global|module[- ]level|at import|import time|singleton|process[- ]wide"
                          r"|shared (?:\w+ ){0,2}(?:cache|client|pool)|pooled (?:\w+ )?connections?"
                          # an object the fix creates on first use instead of at construction ("make job queue lazy")
                          r"|(?=mak)(?<!\bnot )(?<!n't )(?<!never )mak(?:e|es|ing)\s(?!nothing\b|anything\b)(?:\w+\s){1,3}lazy\b"
                          r"|(?=lazily )(?<![Nn]othing is )(?<![Nn]othing was )(?<!\bnot )lazily (?:created|initiali[sz]ed|bound"
                          r"|made)"
                          # "the asyncio.Lock stored in _init_state was still loop-bound", "the Event is bound to that
                          # test's event loop and breaks every later … response"
                          r"|(?=loop|bound|tied)(?:loop[- ]bound|(?:bound|tied) to (?:that|the first|the first test's|its "
                          r"first) (?:test's )?(?:event )?loop)"
                          # "google-genai caches `httpx.AsyncClient` instances", "caches its pools as singleton state"
                          # (neither denied nor another kind of object: "never caches", "caches template instances")
                          r"|(?=cach)(?<!never )(?<!not )(?<!n't )cach(?:es|ed|ing) (?:the |its |an? )?(?:`?[\w.]*"
                          r"(?:Client|Session|Connection|Engine|Pool|Layer)\w*`? (?:instances?)?|(?:clients?|sessions?"
                          r"|connections?|engines?|pools?)\b)"
                          # "pooled grpc.aio channels are reused across event loops"
                          r"|(?:re-?used|shared|cached|pooled)\b[^.\n]{0,30}\bacross (?:\w+ )?(?:event )?loops"
                          # "ZKClient was initiated without the loop argument … so it uses the default asyncio loop"
                          r"|(?:initiated|created|constructed|instantiated|built)\b(?:[^.]|\.(?=\w)){0,160}\bdefault\s+(?:asyncio\s+)?"
                          r"(?:event\s+)?loop"
                          # "the cached `Retriever._class_session` is used with a now-shutdown event loop"
                          r"|(?:cached|class[- ]level)\b(?:[^.\n]|\.(?=\w)){0,60}?(?:session|client|connection|pool|engine)"
                          r"[^.\n]{0,60}?"
                          r"\b(?:closed|(?:now[- ])?shut[- ]?down|stopped|old|previous|earlier)\s+(?:event\s+)?loop)\b"
                          # "the lock and session are created within the correct event loop"
                          r"|\b(?:created|made|instantiated|constructed) (?:with)?in the (?:correct|right) (?:event )?loop\b"
                          # "the creation of TCPConnector() outside of an existing event loop context"
                          r"|(?<!\bnot )(?<!n't )(?:creat(?:ion|ed|ing)|instantiat\w+|construct(?:ion|ed|ing))\b[^.\n]{0,40}"
                          r"\boutside (?:of )?(?:an? |the )?(?:existing |running |active )?(?:event )?loop\b"
                          # a connection pool, in notes written in Japanese or Chinese
                          r"|(?:コネクションプール|接続プール|连接池|連線池|連接池)[^。\n]{0,40}?(?:使い回|再利用|复用|重用|共享|共有"
                          r"|前のテスト|上一个测试|之前的测试)",
                          re.I | re.A)
# The wider-loop mechanism itself, said in words: "session-scoped async fixtures, but … tests ran on
# function-scoped loops".
# (the stretches between its parts deny nothing: "… and no session-scoped fixtures at all", "are not used here")
_UNDENIED = r"(?:(?!\b(?:no|not|never|without)\b|n't)[^.])"
_WIDE_FIXTURES = r"\b(?:session|module|package|class)[- ]scoped (?:async |DB |database )?fixtures?\b"
PROSE_WIDER = re.compile(rf"{_WIDE_FIXTURES}{_UNDENIED}{{0,120}}?(?:\bfunction[- ]scoped (?:event )?loops?\b"
                         rf"|\btests\b{_UNDENIED}{{0,20}}\b(?:fresh|new) (?:event )?loops\b)"
                         # "the default function-scoped event loop breaks session-scoped DB fixtures"
                         rf"|\bfunction[- ]scoped (?:event )?loop\b{_UNDENIED}{{0,40}}?{_WIDE_FIXTURES}",
                         re.I | re.S | re.A)
# "a module-level AsyncMongoClient", "the global redis client": the report names the shared object itself.
PROSE_IMPORT_OBJECT = re.compile(r"\b(?:module[- ]level|global)\s+[`'\"]?(?:\w+[.\s])?(?:client|engine|pool|lock|queue|"
                                 r"[A-Z]\w*(?:Client|Engine|Pool|Lock|Queue|Semaphore|Event)|Lock|Queue|Event|Semaphore"
                                 r"|Condition)\b"
                                 # "a global map for async Redis clients"
                                 r"|\b(?:module[- ]level|global) (?:map|dict|dictionary|cache|registry|singleton)\b[^.\n]{0,40}"
                                 r"\b(?:clients?|engines?|pools?|connections?)\b"
                                 # a factory cached for the process: its engine or client outlives the first loop
                                 r"|@(?:functools\.)?(?:lru_cache|cache)\b[^\n]*\n\s*(?:async\s+)?def\s+\w*"
                                 r"(?:engine|client|pool|session|redis|conn)"
                                 # "Faust apps are declared at module scope"
                                 r"|\b(?:apps?|clients?|engines?|pools?|instances?|objects?|services?|singletons?|locks?"
                                 r"|queues?|sessions?|connections?) (?:are|is|were|was) (?:declared|defined|created|built"
                                 r"|instantiated|constructed) at (?:the )?module (?:scope|level)\b"
                                 # "built the process-global `@lru_cache`'d relational engine inside asyncio.run()"
                                 r"|\b(?:process[- ]global|module[- ]level|global)\s+`?@?(?:functools\.)?(?:lru_)?cache`?'?d\s+"
                                 r"(?:\w+\s+)?(?:engine|client|pool|session|connection)s?\b"
                                 # "Grpc channel created in different event loop"
                                 r"|\b(?i:channel|client|engine|pool|session|connection|lock|queue|semaphore)s? (?:is |was "
                                 r"|were |are |gets? |got )?(?:created|made|instantiated|constructed|existed) "
                                 r"(?:in|on) (?:a |an |the )?(?:different|another|other|wrong) (?:event )?loop\b"
                                 # "the engine is a global module-level singleton created at import time"
                                 r"|\b(?:module[- ]level|global) (?:\w+ ){0,2}singleton\b[^.\n]{0,20}\b(?:created|made|built"
                                 r"|instantiated|constructed) (?:at|on) import\b"
                                 # "The global _SINGLETON_CACHE … persists across tests"
                                 r"|\bglobal\s+[`'\"]?_?[A-Za-z_]{0,60}(?:CACHE|[Cc]ache|REGISTRY|[Rr]egistry|SINGLETON"
                                 r"|[Ss]ingleton)\w*"
                                 # a fix that makes one per loop: "Create a bluez manager instance per-event-loop"
                                 r"|(?:\b|(?<=[a-z]))(?:[Ii]nstance|[Cc]lient|[Mm]anager|[Ss]ession|[Pp]ool|[Cc]onnection)s?"
                                 r" per[- ](?:event[- ])?loop\b"
                                 # "In `AsyncMilvusClient`, connections are cached globally by this alias"
                                 r"|\b(?:clients?|connections?|sessions?|engines?|pools?|instances?) (?:are|is|were|was)"
                                 r" cached globally\b"
                                 # the same in notes written in Chinese: "全局 db/session.py 中的模块级 `engine`"
                                 r"|(?:模块级|模組級|全局)(?:的)?\s*[`'\"]?(?:\w+[.\s])?(?:engine|client|pool|lock|queue|session)\b"
                                 # "queue_tracker … has its own module-global _redis"
                                 r"|\bmodule[- ]global\s+[`'\"]?_?[A-Za-z]\w*"
                                 # a fix that gives each thread its own: "making sure that async redis client we are
                                 # using is thread local"
                                 r"|\b(?:clients?|sessions?|connections?|pools?|engines?)\b[^.\n]{0,30}"
                                 r"\bthread[- ]local\b"
                                 # "When XaiProvider was created at module level and later used inside asyncio.run()"
                                 r"|\b[A-Z]\w{2,40} (?:was|is|were|are) (?:created|instantiated|constructed|built) at module "
                                 r"(?:level|scope)\b",
                                 re.A)
# A fixture cached past its loop, said in words: a wider-cached fixture whose loop closed after one test.
PROSE_WIDE_FIXTURE = re.compile(r"\b(module|session|package|class)[- ]scoped\b", re.I | re.A)
PROSE_WIDE_ASYNC_FIXTURE = re.compile(r"\b(?:module|session|package)[- ]scoped async(?:io)? fixture", re.I | re.A)
PROSE_CACHED = re.compile(r"\b(?:bound to|belongs? to|on) a closed (?:event )?loop\b|\bafter the first(?: one| test)?\b"
                          r"|\bevery (?:second|other) test\b", re.I | re.A)
PROSE_CLEANUP = re.compile(r"\b(disconnect|aclose|close\(\)|closed? the (?:client|connection|pool|session)|dispose"
                           r"|not closed|teardown|(?:not|never) torn down|clean(?:ing)?[- ]?up"
                           r"|cancel(?:l?ing)? (?:their |the |its )?(?:running |pending )?tasks"
                           r"|cancels? (?:the |its )?(?:pending )?awaitables?\b"
                           # a run that hangs once its tests are done: something it opened still runs
                           r"|hang(?:s|ing)?(?: forever)? (?:after|once) (?:the |all |my )?(?:unit )?tests"
                           # never closed, closed only by the garbage collector's __del__
                           r"|unclosed|never closed|fail(?:s|ed)? to close|garbage[- ]collect\w*|__del__)\b", re.I | re.A)
# A resource said to leak: "leaking httpx connections", "a connection leak".
PROSE_LEAK = re.compile(r"\bleak(?:s|ed|ing)?\b (?:\w+ ){0,2}(?:connections?|sessions?|sockets?|transports?|clients?)\b"
                        r"|\b(?:connection|session|socket|transport|client|resource)s? leak", re.I | re.A)
# The report blames a missing clean-up call for the crossing: "without this dispose call, my test case gets …".
# "the engine not being properly disposed", "leave a single engine open and not disposed"
NOT_DISPOSED = (r"\b(?:engines?|pools?|connections?|sessions?|clients?)\b[^.\n]{0,20}\bnot (?:being )?(?:properly |correctly )?"
                r"(?:disposed|closed)\b")
PROSE_MISSING_CLOSE = re.compile(r"\b(?:without|missing|forg[eo]t(?:ting)?(?: to)?|no) (?:the |this |a |an |any )?`?"
                                 r"(?:\w+\.)?(?:dispose|close|aclose|disconnect|shutdown)\b|" + NOT_DISPOSED, re.I | re.A)
_TEST_CLIENT = re.compile(r"\bTestClient\b", re.A)
_LEFT_BEHIND = re.compile(r"\b(?:from|instead of|replac\w*|rather than|than|switch\w*|no longer|not)\b[\w' .]{0,25}$", re.I)


def says_test_client(prose: str) -> bool:
    """The sync TestClient named as what the tests use, not as the client left behind ("I switched from
    starlette's TestClient to httpx.AsyncClient")."""
    return any(not _LEFT_BEHIND.search(prose[max(0, m.start() - 40):m.start()]) for m in _TEST_CLIENT.finditer(prose))


# "exec tasks spawned on the TestClient portal loop", "runs each request on an ephemeral anyio portal event loop"
_SAID_PORTAL_LOOP = re.compile(r"\b(?:on|in) (?:the |that |its |an? )?(?:TestClient(?:'s)? |ephemeral |anyio |separate )*portal"
                               r"(?:'s)? (?:event )?loop\b", re.I)


PROSE_APP = re.compile(r"\bTestClient\b|asyncio\.run\(|BlockingPortal|(?<![_\w])run_until_complete\(|BaseHTTPMiddleware", re.A)
# "async fixture + `asyncio.run` 冲突", "asyncio.run() inside an async fixture"
_SAID_RUN_IN_ASYNC = re.compile(r"\basync (?:fixture|test)s?`?[^\n]{0,20}?(?:\+|\band\b|\bwith\b|与|和)\s*`?asyncio\.run\b"
                                r"(?:\(\))?`?[^\n]{0,10}?(?:冲突|衝突|\bconflict|\bclash)|`?\basyncio\.run\b(?:\(\))?`? (?:inside|within|"
                                r"in|from) (?:an? |the )?async (?:fixture|test|function)"
                                # "called `asyncio.run()` in env.py, it failed because pytest-asyncio already had a running"
                                r"|\basyncio\.run\b(?:\(\))?`?[^\n]{0,80}?\b(?:because|as|since|while)\b"
                                r"(?:(?!\b(?:no|not|never)\b)[^\n]){0,40}?\balready (?:had |has |have )?(?:a |an )?"
                                r"(?:running|active)\b"
                                # "asyncio.run() fails under pytest-asyncio", "… raises inside pytest-asyncio"
                                r"|`?\basyncio\.run\b(?:\(\))?`? (?:fails|raises|errors|breaks|crashes)\b[^\n]{0,30}?"
                                r"\b(?:under|with|in|inside) `?pytest[-_]asyncio\b", re.I)
# The report says the code under test runs on a loop of its own: true whatever fixtures it shows.
PROSE_OWN_LOOP = re.compile(r"\b(?:on|in) its own (?:uv|event )?loop\b|\bsecond lifespan\b|\bin another thread\b"
                            # "a separate ServerThread that created its own event\nloop via anyio.run()"
                            r"|(?<!pytest-asyncio )(?<!pytest_asyncio )(?<!plugin )(?<!\beach test )(?<!\bnever )(?<!\bnot )"
                            r"(?<!n't )\b(?:creat(?:es|ed|ing)|runs?|ran|starts?|started) its own\s+(?:new\s+)?"
                            r"(?:uv|event\s+|asyncio\s+)?loop\b"
                            # "running the test spawned an isolated thread and event loop"
                            r"|\bspawn(?:s|ed|ing)? (?:an? )?(?:isolated |separate |new |dedicated )?thread (?:and|with) "
                            r"(?:an? |its own )?(?:isolated |separate |new )?(?:event )?loop\b"
                            # "synchronous and asynchronous requests are executed in different event_loops"
                            r"|\b[Ss]ync(?:hronous)? and async(?:hronous)? (?:calls|requests|code|methods) (?:are |were )?"
                            r"(?:executed|run|running) (?:in|on) (?:different|separate) (?:event[_ ])?loops\b",
                            re.A)


# A loop made in one thread and run in another ("the event loop is created by the test runner thread but execution
# happens in a different thread"): the code under test runs on a loop the test's thread does not run.
_SAID_LOOP_OTHER_THREAD = re.compile(r"\bevent loop (?:is |was |gets )?created (?:by|in|on) (?:the |a )?[\w ]{0,30}?thread\b"
                                     r"[^.\n]{0,40}\b(?:but|while)\b(?:(?!\b(?:nothing|no|not|never|none)\b|n't)[^.\n]){0,40}"
                                     r"\b(?:in|on|from) (?:a |an |the )?(?:different"
                                     r"|another|other|separate|background) thread\b", re.I)


def title(ctx: Context) -> Value:
    """The report's first line with words in it (a commit's subject, an issue's title), or an empty one."""
    return next((Value(line.text, line.number) for line in ctx.facts.text.lines[:20] if line.text.strip()),
                Value("", 0))


# (a patch's title: "Stop using `asyncio.run` which leaks unclosed event loops")
_SAID_STOP_ASYNCIO_RUN = re.compile(TITLE_START + r"(?:stop|avoid) (?:using |calling )?`?asyncio\.run\b", re.I)


# Code that made a loop of its own beside the running one ("the broker was creating a new loop. This caused the broker
# to run in one event loop and its tasks to run in a different").
_SAID_OWN_NEW_LOOP = re.compile(r"\bcreat(?:es|ed|ing) (?:a |its own )?new (?:event )?loop\b[^\n]{0,120}?\b(?:run|runs|ran"
                                r"|running) (?:in|on) one (?:event )?loop\b[^.\n]{0,60}\b(?:a |another )?(?:different|other)\b",
                                re.I)


_LEADING_CONDITION = re.compile(r"^\s*[Ii]f\b[^,.\n]{0,80},\s*")


def said_loop_of_its_own(ctx: Context) -> list:
    """The report's sentences, asking nothing, that say a loop was made in one thread and run in another, or that the
    code made a new loop and ran on it beside the running one."""
    said = stated(_SAID_LOOP_OTHER_THREAD, ctx.facts.lines_matching(_SAID_LOOP_OTHER_THREAD)) \
        if ctx.facts.mentions("thread") else []
    if not said and ctx.facts.mentions("new loop", "new event loop"):
        # (its cause is often a condition, "if no loop was passed, it created a new loop": set aside, the rest stated)
        said = [v for v in ctx.facts.lines_matching(_SAID_OWN_NEW_LOOP)
                if stated(_SAID_OWN_NEW_LOOP, [Value(_LEADING_CONDITION.sub("", v.value), v.line)])]
    return said


# "still some event loop running after …", "doesn't get along with an already started one".
PROSE_LOOP_LEFT_RUNNING = re.compile(r"\b(?:still|already)\b[^.\n]{0,30}\b(?:running|started)\b[^.\n]{0,20}\bloop\b"
                                     r"|\bloop\b[^.\n]{0,20}\b(?:is |was )?(?:still|already) (?:running|started)\b"
                                     r"|\b(?:still|already)\b[^.\n]{0,30}\bloop\b[^.\n]{0,10}\b(?:running|started)\b"
                                     r"|\balready (?:started|running) one\b"
                                     # "the playwright fixture installs a running event loop in the current thread"
                                     r"|\b(?:fixture|tool|library|API|SDK|playwright|selenium|notebook|jupyter)`?"
                                     r"(?:(?!\b(?:no longer|not|never)\b|n't)[^.\n]){0,30}\b(?:installs?|installed"
                                     r"|leaves?|left)\b[^.\n]{0,20}\ba running (?:event )?loop\b"
                                     # "pytest-playwright's sync driver owns the main-thread event loop", "playwright
                                     # uses a session scope fixture which creates an event loop for the session"
                                     r"|\b(?:playwright|selenium|driver|fixture)\b[^.\n]{0,60}?\b(?:owns?\s+the\s+(?:main[- ]thread"
                                     r"\s+)?event\s+loop|creates\s+an\s+event\s+loop\s+for\s+the\s+(?:whole\s+)?session)\b",
                                     re.I | re.A)
# Two async plugins said to clash ("pytest-asyncio seems to interfere with anyio's pytest plugin").
PROSE_PLUGINS_CLASH = re.compile(r"(?<!\bno )\b(?:interfer\w*|clash\w*|conflict\w*)\b[^.\n]{0,40}\b(?:anyio|trio"
                                 r"|pytest-(?!asyncio\b)\w+|plugin)",
                                 re.I | re.A)
# The same told by a report with no run: "Both plugins claimed and ran the same tests", "some conflicts between
# pytest-aiohttp and pytest-asyncio".
_ASYNC_PLUGIN = r"(?:pytest[-_]asyncio|anyio|pytest-trio|pytest-aiohttp|pytest-tornasync|pytest-twisted)\b"
_CLASH = r"\b(?:conflict|clash|interfer)\w*\b"
_SAID_TWO_PLUGINS = re.compile(r"\bboth plugins\b[^.\n]{0,30}\b(?:claim\w*|ran|run|runs|collect\w*|took|take)\b"
                               r"[^.\n]{0,20}\bsame tests\b"
                               rf"|\b{_ASYNC_PLUGIN}[^.\n]{{0,60}}{_CLASH}[^.\n]{{0,60}}\b{_ASYNC_PLUGIN}"
                               rf"|{_CLASH}[^.\n]{{0,20}}\bbetween `?{_ASYNC_PLUGIN}`?[^.\n]{{0,20}}\band `?{_ASYNC_PLUGIN}",
                               re.I | re.A)
# The same told of one plugin taking every async test or fixture ("pytest-asyncio considers any async fixture to be run
# with asyncio", "Curio's pytest plugin wraps any test coroutine function"), or of two that fight over them ("they
# don't play well together"), in a report that names another async framework.
_SAID_TAKES_ALL = re.compile(r"\b(?:runs?|tries to run|considers|interprets|treats|wraps|claims|grabs|takes)\b[^.\n]{0,15}"
                             r"\b(?:any|every|all)\b[^.\n]{0,25}\b(?:coroutine|async)[^.\n]{0,40}?\b(?:fixtures?|tests?"
                             r"|functions?)\b|\b(?:do(?:es)?n't|do(?:es)? not) play (?:well|nice(?:ly)?)\b"
                             r"|\bfight\w* with `?pytest[-_]asyncio\b|\bplugin conflicts? with\b", re.I)
# (and no word of strict mode, where pytest-asyncio takes only what is marked for it)
_OTHER_ASYNC = ("trio", "curio", "anyio", "tornado", "twisted", "pytest-aiohttp")
# (the sentence itself names async code: "pytest-cov conflicts with pytest-xdist" is another matter)
_ASYNC_NAMED = re.compile(r"asyncio|trio|curio|anyio|tornado|twisted|aiohttp|coroutine|\basync\b", re.I)


def sentence_of(line: str, match: re.Match) -> str:
    """The sentence of ``line`` that holds ``match``, with the mark that ends it (". ", "? " and "! " end one)."""
    start = max(line.rfind(". ", 0, match.start()), line.rfind("? ", 0, match.start()),
                line.rfind("! ", 0, match.start())) + 1
    ends = [i + 1 for i in (line.find(". ", match.end()), line.find("? ", match.end()), line.find("! ", match.end()))
            if i >= 0]
    return line[start:min(ends) if ends else len(line)]


def _sentence_names_async(line: str) -> bool:
    """The sentence of ``line`` that says a plugin takes every test names async code itself."""
    return _ASYNC_NAMED.search(sentence_of(line, _SAID_TAKES_ALL.search(line))) is not None
# Which reading of the app story this is: a plugin said to take the async tests or fixtures of another.
PLUGINS_TAKE_ALL = "plugins-take-all"
# A failure that depends on which tests ran before: state shared between tests, not a fixture's own scope.
PROSE_ORDER = re.compile(r"\border[- ]dependent|\bpytest-randomly\b|\bdepends? on (?:the )?(?:test )?order\b"
                         r"|\bpass(?:es|ed)? (?:when run )?(?:alone|in isolation|on its own)\b"
                         # "When I run each test individually it works fine … all the tests together … fails"
                         r"|\b(?:individually|separately|one by one)\b[^.\n]{0,40}\b(?:works?|pass(?:es)?|fine)\b"
                         r"(?=[^\n]{0,200}?\btogether\b)"
                         r"|\b(?:works?|pass(?:es)?) (?:fine )?(?:when run |if run )?(?:individually|separately|one by one)\b"
                         r"(?=[^\n]{0,200}?\btogether\b)"
                         r"|\bfail\w* when (?:they are )?(?:run|ran) together\b"
                         # "First test in suite: PASS … Second test in suite: FAIL", "an error in the second test case"
                         # ("in the first test I pass the connection…" is no outcome)
                         r"|\bfirst test\b[^\n]{0,25}?\b(?:pass(?:es|ed)?|PASS|succeeds|works)\b"
                         r"(?!\s+(?:the|a|an|it|this|that|in|into|to)\b)"
                         r"(?=[\s\S]{0,200}?\b(?:second|subsequent|later|following|next|remaining|other) tests?\b"
                         r"[^\n]{0,40}\bfail)"
                         r"|\b(?:error|fail\w*) in the second test\b|\bonly the first (?:\w+ )?test\b[^.\n]{0,30}\bpass"
                         r"|\bevery (?:test|one) after the first\b"
                         # the same in notes written in other languages: "the first test case passes … the second
                         # fails" (Chinese, Japanese), "fails together with the other tests" (Romanian, German,
                         # Spanish, Portuguese, French)
                         r"|第一个测试(?:用例)?[^。\n]{0,80}?(?:通过|成功)[\s\S]{0,200}?第二个测试(?:用例)?[^。\n]{0,80}?失败"
                         r"|(?:最初|1つ目|一つ目)のテスト[^。\n]{0,60}?(?:成功|通る|通り|パス)[\s\S]{0,200}?"
                         r"(?:2つ目|二つ目|次|以降)のテスト[^。\n]{0,60}?(?:失敗|落ち|エラー)"
                         r"|\bîmpreună cu (?:alte|celelalte) teste\b|\bzusammen mit (?:den )?anderen Tests\b"
                         r"|\bjunto (?:con|com) (?:otros|outros|los demás|os demais) (?:tests|testes|pruebas)\b"
                         r"|\bavec les autres tests\b", re.I)
# asyncio's own primitives named in the report's words ("re-using asyncio.Locks across event loops").
PROSE_PRIMITIVE = re.compile(r"\basyncio\.(?:Lock|Event|Semaphore|BoundedSemaphore|Condition|Queue|Barrier)s?\b"
                             r"(?=[^.\n]{0,60}\b(?:across|shared|global|module|reus|import|every test|between))"
                             r"|\b(?:re-?us\w*|shar\w*|global|module[- ]level) [^.\n]{0,30}\basyncio\.(?:Lock|Event"
                             r"|Semaphore|BoundedSemaphore|Condition|Queue|Barrier)s?\b", re.A)
PROSE_LOOP = re.compile(r"event[ -]loop", re.I)
# The error raised inside asyncio's own Lock/Queue code: the primitive is what belongs to another loop.
_PRIMITIVE_FRAME = re.compile(r"asyncio[/\\](?:locks|queues)\.py\b")
# Fixtures on a wider loop than the tests, said in words: "session-scoped fixtures live on the session loop, but
# each test defaults to its own function loop", or the two options set apart ("the fixture loop scope is broadened
# to session while asyncio_default_test_loop_scope is left unset").
_WIDE_LOOP = r"\b(?:session|module|package)(?:[- ]scoped)? (?:event )?loop\b"
_FUNCTION_LOOP = r"\b(?:own |per-test |function(?:[- ]scoped)? )(?:event )?loops?\b"
# A stretch of a sentence that neither denies nor contrasts ("do not use", "instead of", "even when", "share").
_GAP = r"(?:(?!\b(?:not|no|never|instead|shares?|even)\b|n't)[^.\n])"
PROSE_SPLIT_LOOPS = Gated(
    # (any of the phrases of _FUNCTION_LOOP, or the option)
    ("own loop", "own event loop", "per-test loop", "per-test event loop", "function loop", "function event loop",
     "function-scoped loop", "function-scoped event loop", "function scoped loop", "function scoped event loop",
     "asyncio_default_test_loop_scope"),
    re.compile(
    # (the sentence is looked for in a line's first 5000 characters: a whole line of starts costs quadratic time)
    rf"^(?!\s*>)(?![^\n]*\?)[^\n]{{0,5000}}?(?:"
    rf"\bfixtures?\b{_GAP}{{0,80}}?{_WIDE_LOOP}{_GAP}{{0,120}}?\btests?\b{_GAP}{{0,60}}?{_FUNCTION_LOOP}"
    rf"|\btests?\b{_GAP}{{0,60}}?{_FUNCTION_LOOP}{_GAP}{{0,120}}?\bfixtures?\b{_GAP}{{0,80}}?{_WIDE_LOOP}"
    r"|asyncio_default_fixture_loop_scope\b[^.\n]{0,40}?\b(?:session|module|package|class)\b[^.\n]{0,80}?"
    r"asyncio_default_test_loop_scope\b`?\s*(?:[=:]\s*[\"'`]?function\b|(?:is |was )?(?:left |still )?(?:unset|not set)\b))",
    re.I | re.A | re.M))
# A design note's conclusion ("Tests run on their own loop and only ever see a DSN string, so nothing crosses loops"):
# the split told of is kept apart on purpose, no failure.
_NOTHING_CROSSES = re.compile(r"\b(?:nothing|no (?:object|connection|client|pool|future|task)s?)\b[^.\n]{0,20}"
                              r"\bcross(?:es)? (?:the |between |between the )?(?:event )?loops?\b"
                              r"|\bnever cross(?:es)? (?:event )?loops\b", re.I)
# A fixture cached wider than the event_loop fixture, said in words: "a session scoped fixture … fails because the
# event_loop fixture is scoped to a function".
PROSE_LOOP_NARROWER = re.compile(r"^(?![^\n]{0,3000}\b(?:by default|unchanged)\b)[^\n]{0,2000}?\bfail\w*\b[^\n]{0,1000}?"
                                 r"\bevent_loop`? fixture\b"
                                 r"[^.\n]{0,20}\b(?:is|being) (?:scoped to (?:a |the )?function|function[- ]scoped)\b",
                                 re.I | re.M)


def said_wide_caching(ctx: Context, line: int) -> str | None:
    """The caching scope a report gives its fixture within the few lines up to ``line`` ("a session scoped
    fixture that runs a database …")."""
    for text in reversed([l.text for l in ctx.facts.text.lines if line - 4 <= l.number <= line]):
        match = PROSE_WIDE_FIXTURE.search(text)
        if match:
            return match.group(1).lower()
    return None


# A shared object said to meet two loops: "pytest-asyncio with singletons causes conflicting event loops".
# ("… when EdgeDB client is global and used in an asyncio.run call, the client uses a wrong loop")
_SHARED = (r"\b(?:module[- ]level (?:singleton|client|instance|object|connection)s?|global (?:\w+ )?(?:client|instance"
           r"|object|connection|engine|pool)s?|singletons?|(?:client|engine|pool|connection|session) is global)\b")
_TWO_LOOPS = (r"\b(?:conflicting|colliding|clashing|different) (?:event )?loops\b"
              r"|\buses? (?:a|the) wrong (?:event )?loop\b"
              r"|\btwo (?:event )?loops\b[^\n]{0,40}?\b(?:collid\w*|clash\w*|conflict\w*)")
# Not a changelog's "Fixed: … no longer fails", nor advice ("avoid singletons: they cause …").
PROSE_SHARED_TWO_LOOPS = Gated(("singleton", "module-level", "module level", "global"),
                               re.compile(rf"^(?![^\n]*\b(?:no longer|never|avoid|fixed|not|don't)\b)[^\n]*?"
                                          rf"(?:{_SHARED}[^\n]{{0,160}}?(?:{_TWO_LOOPS})"
                                          rf"|(?:{_TWO_LOOPS})[^\n]{{0,160}}?{_SHARED})", re.I | re.A | re.M))


_ASYNC_TEST_DEF = re.compile(r"^[ \t]*async def test\w*\(", re.M)


_FUNCTION_LOOP = re.compile(r"^(?:event_loop|_function_event_loop|_function_scoped_runner)$")


def _tests_on_function_loops(ctx: Context) -> bool:
    """--setup-show sets up a function-scoped loop fixture for the tests."""
    return any(e.kind == "setup" and e.scope == "function" and _FUNCTION_LOOP.match(e.name) for e in ctx.facts.setup_show)


def _async_test_through_app_loop(ctx: Context) -> bool:
    """A traceback entry of an async test whose frames run into a client that drives its own loop."""
    # The test's own frame may sit just above the entry that pytest's location lines start.
    return any(APP_LOOP_FRAMES.search(f.file) for section in ctx.facts.sections for f in section.frames) \
        and bool(ctx.facts.lines_matching(_ASYNC_TEST_DEF))


_ANY_LOOP_ERROR = re.compile(r"different (?:event )?loop|Event loop is closed|ScopeMismatch|another (?:operation|command) is (?:already )?in progress"
                             r"|event_loop|no current event loop|attached to", re.I)


def said_hung(ctx: Context) -> bool:
    """A run with no closing line, in a report that speaks of a hang: interrupted, not finished."""
    return ctx.facts.summary_line is None and ctx.facts.mentions("hang", "hung", "freez", "froze") \
        and bool(ctx.facts.lines_matching(SAID_HUNG))


def other_failures(ctx: Context) -> list:
    """Failed tests whose own error, as the short summary gives it, is not a loop error (all of them)."""
    failed = [o for o in ctx.facts.outcomes if o.outcome in ("failed", "error") and o.message]
    if not failed or any(_ANY_LOOP_ERROR.search(o.message) for o in failed):
        return []
    return failed


def other_failure_messages(ctx: Context) -> list[str]:
    """What the failed tests failed with, when none of it is a loop error: the short summary's messages, or where
    its FAILED lines were cut before them (and the closing line with them), the errors its crash lines name
    ("test_x.py:407: AssertionError")."""
    others = other_failures(ctx)
    failed = [o for o in ctx.facts.outcomes if o.outcome in ("failed", "error")]
    if others or not failed or any(o.message for o in failed) or ctx.facts.summary_line:
        return [o.message for o in others]
    errors = [f"{e.type}: {e.message}" for e in ctx.run_exceptions()]
    return [] if any(_ANY_LOOP_ERROR.search(e) for e in errors) else errors


# Errors of the code itself (a changed API, a wrong name, an assertion), never a connection's or a loop's symptom.
_CODE_ERROR = re.compile(r"(?:TypeError|AttributeError|NameError|ImportError|ModuleNotFoundError|SyntaxError|KeyError"
                         r"|AssertionError|assert )")


def _warned_beside_other_failures(ctx: Context, loop_failed) -> bool:
    """The event_loop deprecation only warned, while every failed test failed with an error of its own (a
    TypeError of a changed API, say): the warning is not what failed."""
    others = [] if loop_failed or ctx.has(EVENT_LOOP_IMPORT) else other_failure_messages(ctx)
    return bool(others) and all(_CODE_ERROR.match(m) for m in others)


def _sync_fixture_cached_wide(ctx: Context) -> bool:
    """A sync fixture cached per module/session/package that an async test requests (or any, when the
    tests themselves were cut out of the quoted code)."""
    requested = {p for t in ctx.sources.tests if t.is_async for p in t.params}
    by_name = {f.name: f for f in ctx.sources.fixtures}
    todo = list(requested)
    while todo:   # and what those fixtures request in turn
        fixture = by_name.get(todo.pop())
        for name in fixture.params if fixture else ():
            if name not in requested:
                requested.add(name)
                todo.append(name)
    return any(not f.is_async and f.scope in ("module", "package", "session")
               and (f.name in requested or not ctx.sources.tests) for f in ctx.sources.fixtures)


# Fixtures of pytest and its common plugins that hold no loop-bound object.
_PLAIN_FIXTURES = {"request", "tmp_path", "tmpdir", "monkeypatch", "capsys", "caplog", "unused_tcp_port",
                   "unused_tcp_port_factory", "unused_udp_port", "mocker", "faker"}


# Libraries whose names a test module imports without importing a shared instance of the project's own.
_LIBRARIES = {"pytest", "pytest_asyncio", "asyncio", "aiohttp", "httpx", "redis", "asyncpg", "sqlalchemy", "motor",
              "typing", "unittest", "contextlib", "os", "sys", "json", "collections", "functools", "dataclasses",
              "pathlib", "datetime", "uuid", "random", "time", "anyio", "aioredis", "databases", "tortoise"}


def _imports_project_names(ctx: Context) -> bool:
    """A name imported from the project's own code (``from app.db import engine, SessionLocal``): it may be
    the shared object that crosses loops, made where the report does not show."""
    return any(module.split(".")[0] not in _LIBRARIES and module != local
               for p in ctx.sources.files for local, module in p.imports.items())


def one_loop_by_the_code(ctx: Context) -> bool:
    """The code shown is whole and puts each async test and every fixture it uses on one function loop:
    nothing module-level or imported from the project, no wider scope, no loop fixture of its own, and the
    test's fixtures all defined, one of them making the object."""
    tests = [t for t in ctx.sources.tests if t.is_async]
    if not tests or _imports_project_names(ctx) or ctx.env.fixture_default_scope() not in (None, "function") \
            or ctx.env.test_default_scope() not in (None, "function") \
            or any(p.module_objects or p.event_loop_override or p.requests_event_loop for p in ctx.sources.files):
        return False
    for test in tests:
        if test.uses_sync_test_client or test.calls_asyncio_run or any(
                m.loop_scope not in (None, "function") or m.scope not in (None, "function") for m in test.markers):
            return False
        for name in test.params:
            fixture = ctx.sources.fixture(name)
            if fixture is None:
                if name not in _PLAIN_FIXTURES:
                    return False
            elif fixture.scope != "function" or fixture.loop_scope not in (None, "function") \
                    or fixture.calls_asyncio_run or fixture.params:
                return False
        if not any(ctx.sources.fixture(n) and ctx.sources.fixture(n).creates for n in test.params):
            return False
    return True


_NEGATED = re.compile(r"\b(?:don't|do not|doesn't|does not|no longer|not|never|tried|no|without)\b[^.\n]*$", re.I)


def affirmed_match(regex: re.Pattern, prose: str) -> re.Match | None:
    """The first match of ``regex`` in a sentence of the report that does not deny it ("we don't use
    session-scoped fixtures anymore", "I tried without the close() call", "there is no conflict with …")."""
    for match in regex.finditer(prose):
        before = prose[max(0, match.start() - 60):match.start()]
        if not _NEGATED.search(before):
            return match
    return None


# Words that deny or set aside what a sentence names ("there is no infinite loop", "it is not a stale loop"); not the
# counterfactual "Without this PR, …".
_DENIAL = re.compile(r"\b(?:no|not|never|nothing|none|unrelated)\b|\b\w+n't\b"
                     r"|\b[Ww]ithout\b(?! this (?:PR|change|fix|patch|commit|pull request))")


# A sentence that asks without a question mark ("Is pytest-asyncio conflicting with pytest-trio here."), or a fix
# note's sentence, whose "don't", "not" and "never" are the fix's own prohibitions ("Fix: do not share one session
# between coroutines; never gather with the same session").
# (capitalised: a line wrapped mid-sentence goes on in lower case, "was never set and …")
_ASKING = re.compile(r"\s*(?:Is|Are|Does|Do|Did|Can|Could|Should|Would|Will|Was|Were|Has|Have)\b")
_FIX_NOTE = re.compile(TITLE_START + r"fix(?:es|ed)?\b", re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
# A fix note's prohibition comes right after its verb or a clause break ("Fix: don't …", "…; never …"); a denial of
# a statement does not ("Fix flaky test: pytest-asyncio is not incompatible …").
_IMPERATIVE_BEFORE = re.compile(r"(?:^|[:;,]\s*|\b[Ff]ix(?:es|ed)?:?\s+)$")
# A condition or a hypothetical ("If we cleaned up the event_loop fixture, …", "… would be incompatible …").
_HYPOTHETICAL = re.compile(r"\b(?:[Ii]f|would|could|might)\b")
# A denial right after a match, in its clause ("removing the `loop` argument is not needed here"), and a change yet to
# come later in its sentence ("…, we could drop our workaround"; not "regardless of if …").
_DENIED_AFTER = re.compile(r"[^.;,\n]{0,20}?\b(?:not|never|n't)\b", re.I)
_TO_COME = re.compile(r"\b(?:would|could|might)\b")


_SENTENCE_REACH = 400


def stated(regex: re.Pattern, lines, own_denials: bool = False, unless_before: re.Pattern | None = None) -> list:
    """The lines (Values) that state a match of ``regex``: in a sentence that asks nothing, with no word of denial
    in the match or just before it (a fix note's sentence excepted). Stricter than affirmed_match, whose denials must
    come before the match. ``own_denials``: the reading's own words deny ("no longer leaves a loop set"), so a denial
    counts before the match or just after it in its clause ("removing the `loop` argument is not needed"), and so does
    a change yet to come in the rest of its sentence ("Once it no longer sets the loop, we could drop our workaround").
    ``unless_before``: words of the sentence just before the match (its last 80 characters) that make it no
    statement."""
    found = []
    for v in lines:
        line = v.value
        denials = [d.start() for d in _DENIAL.finditer(line)]   # (in order: one bisect per match)
        ends = [e.end() for e in _SENTENCE_END.finditer(line)]
        for m in regex.finditer(line):
            k = bisect.bisect_right(ends, m.start())
            start = ends[k - 1] if k else 0
            end = ends[k] if k < len(ends) else len(line)
            # (a sentence read within _SENTENCE_REACH of the match: a line of one endless sentence costs no more)
            near_start, near_end = max(start, m.start() - _SENTENCE_REACH), min(end, m.end() + _SENTENCE_REACH)
            # (a question is its own sentence: "Any ideas on this warning? Seems a socket is not getting closed.")
            if (start == near_start and _ASKING.match(line, start)) or "?" in line[near_start:near_end]:
                continue
            if _HYPOTHETICAL.search(line, near_start, m.end()) \
                    or unless_before is not None and unless_before.search(line, max(start, m.start() - 80), m.start()):
                continue
            near = denials[bisect.bisect_left(denials, m.start() - 20):
                           bisect.bisect_left(denials, m.start() if own_denials else m.end())]
            if own_denials and (_DENIED_AFTER.match(line, m.end()) or _TO_COME.search(line, m.end(), near_end)):
                continue
            if not near or _FIX_NOTE.match(line, start) and all(
                    _IMPERATIVE_BEFORE.search(line, max(0, d - 8), d) for d in near):
                found.append(v)
                break
    return found


def task_collected(ctx: Context) -> list:
    """The sentences that say a destroyed pending task had no strong reference, in a report showing the destruction."""
    if not ctx.has("Task was destroyed but it is pending") or not ctx.facts.mentions("strong reference", "weak reference"):
        return []
    return stated(NO_STRONG_REFERENCE, ctx.facts.lines_matching(NO_STRONG_REFERENCE))


def _affirmed(regex: re.Pattern, prose: str) -> bool:
    return affirmed_match(regex, prose) is not None


def override_warning_shown(ctx: Context) -> list:
    """The suite's own event_loop shown failing in the plugin's fixture hook, with nothing raised there but a
    deprecation warning (or the raise cut off): the override's warning turned into an error."""
    shown = ctx.facts.lines_matching(OVERRIDE_SHOWN)
    for section in ctx.facts.sections:
        if any(section.start <= v.line <= section.end for v in shown) and any(
                not e.type.endswith("DeprecationWarning") for e in section.exceptions):
            return []
    return shown


# A factory of pytest's "involved factories" list that provides a loop (another async plugin's ``loop``).
_INVOLVED_LOOP = re.compile(r"^\s*\S+:\d+:\s+def (?:event_loop|loop|io_loop|_\w+_event_loop|_\w+_scoped_runner)\(")


def _mismatches_involving_a_loop(ctx: Context) -> list:
    """ScopeMismatches on another fixture whose chain of involved factories, listed under the message, runs
    through a loop fixture: the wider fixture waits on a loop that lives per test."""
    if not ctx.facts.mentions("involved factories"):
        return []
    found = []
    lines = ctx.facts.text.lines
    for value in ctx.facts.lines_matching(_SAID_SCOPE_MISMATCH)[:20]:
        i = ctx.facts.position(value.line)
        if "involved factories" in value.value and any(_INVOLVED_LOOP.match(l.text) for l in lines[i + 1:i + 6]):
            found.append(Exception_("ScopeMismatch", value.value.strip(), value.line, [value.line], origin="text"))
    return found


def story(ctx: Context) -> Story:
    """Decide once which mechanism the loop errors of the paste come from."""
    if getattr(ctx, "_story", None) is not None:
        return ctx._story
    errors, closed = loop_errors(ctx), ctx.exceptions(LOOP_CLOSED)
    mismatches = ctx.exceptions(SCOPE_MISMATCH) or _mismatches_involving_a_loop(ctx)
    if not mismatches and not ctx.facts.exceptions and not ctx.facts.summary_line:
        # A report that quotes the ScopeMismatch in its sentences, without the run.
        said = ctx.facts.lines_matching(SCOPE_MISMATCH) or (
            ctx.facts.lines_matching(_SAID_SCOPE_MISMATCH) if ctx.has("event loop", "event_loop", "loop scope")
            and not _only_asides(ctx) else [])
        mismatches = [Exception_("ScopeMismatch", v.value.strip(), v.line, [v.line], origin="text") for v in said[:3]]
    quoted = [] if errors else _text_loop_errors(ctx)
    s = Story("none", Confidence.LOW, errors, closed, mismatches)
    prose = ctx.facts.text.original[:200_000]   # what a report says in its sentences, read by several cues
    s.prose = prose
    if not (errors or closed) and ctx.facts.mentions("getfixturevalue", "dynamic") \
            and stated(DYNAMIC_ASYNC_FIXTURE, ctx.facts.lines_matching(DYNAMIC_ASYNC_FIXTURE)):
        ctx._story = s   # an async fixture asked for from a running test: no loop story, the runner's limit
        return s
    any_error = errors or quoted or closed or mismatches or ctx.exceptions(ANOTHER_OPERATION)
    app_text = any(APP_LOOP_FRAMES.search(text) for text in _exception_texts(ctx, errors + closed))
    app_code = any(t.is_async and (t.uses_sync_test_client or t.calls_asyncio_run) for t in ctx.sources.tests) \
        or bool(loop_driving_fixtures(ctx))
    legacy_code = any(p.event_loop_override or p.requests_event_loop for p in ctx.sources.files)
    # Tests that only ask for event_loop run on it like any other test: beside a module-level object they await,
    # that object, made on another loop, is the crossing.
    requests_only = legacy_code and not any(p.event_loop_override for p in ctx.sources.files)
    not_found = ctx.has("fixture 'event_loop' not found")
    # (a paraphrase of the unset-scope warning, "The event_loop fixture provided by pytest-asyncio will have
    # 'function' scope", is no word of an override; "not found" for code that requests event_loop is the fixture
    # 1.0 removed, unless pytest's list of available fixtures shows none of the plugin's)
    legacy_text = ctx.has(*LEGACY_TEXTS[1:2], REQUESTS_EVENT_LOOP_REST, EVENT_LOOP_IMPORT, REPLACING_EVENT_LOOP,
                          AIOHTTP_LOOP_DEPRECATED) or any(
        " will have " not in v.value for v in ctx.facts.find(LEGACY_TEXTS[0])) or (
        not_found and (plugin_active(ctx)
                       or (said_newer_plugin(ctx) or legacy_code and not ctx.facts.available_fixtures)
                       and not plugin_missing(ctx)))
    modern = not ctx.versions.all(rel.event_loop_override_moves_fixtures)
    s.wide = wide_fixtures(ctx)
    module_objects = coded_objects = any(p.module_objects for p in ctx.sources.files)
    if not (closed or errors or quoted or ctx.facts.exceptions or ctx.facts.summary_line) and ctx.has("Event loop is closed") \
            and not (_RACE_WITH_CLOSE.search(prose) or _FAULT_INJECTED.search(prose)
                     or STALE_LOOP.search(prose) and stated(STALE_LOOP, ctx.facts.lines_matching(STALE_LOOP))):
        # (a race with the loop's own shutdown is no crossing, nor the side effect of a fault a test injects, nor the
        # code's stale reference to a loop that closed)
        # said in a report's prose, not printed by a run (nor a task list's goal: "- [ ] No … errors remain")
        quoted = [v for v in ctx.facts.find("Event loop is closed") if not _TASK_ITEM.match(v.value)]
    if not module_objects and (errors or quoted or closed) and not s.wide:
        module_objects = bool(module_instances(ctx))
    two_plugins = (any_error or ctx.has("Event loop is closed")) and second_plugin_loop(ctx)
    app_messages, plugin_runner = [], []
    for e in ctx.exceptions(APP_LOOP_MESSAGES):
        (plugin_runner if raised_by_plugin_runner(ctx, e) else app_messages).append(e)
    # A loop error quoted apart from the traceback, whose frames run through a sync test client's portal.
    app_frames = bool(quoted) and any(APP_LOOP_FRAMES.search(f.file) for sec in ctx.facts.sections for f in sec.frames)
    # Another async plugin's own test runner took an async test beside pytest-asyncio (pytest-tornasync's
    # pytest_pyfunc_call asking for its io_loop fixture).
    two_plugins = two_plugins or bool(foreign_runner(ctx)) or trio_taken_by_asyncio(ctx) or anyio_beside_auto_mode(ctx)
    # A sync fixture or test of the suite running a coroutine itself, failing there with a loop error.
    driven = (any_error or ctx.exceptions("There is no current event loop")) and loop_driven_in_test_code(ctx)
    # (code that drives a loop itself raises no ScopeMismatch: with only that shown, the scopes are the story)
    only_mismatches = mismatches and not (errors or quoted or closed)
    if app_messages or (any_error and (app_text or app_code and not only_mismatches)) or two_plugins or app_frames \
            or driven:
        s.kind = "app"
        s.confidence = Confidence.HIGH if (app_text or two_plugins or app_messages) else Confidence.MEDIUM
    elif legacy_text and modern and not _warned_beside_other_failures(ctx, any_error or not_found):
        s.kind, s.confidence = "legacy", Confidence.HIGH
    elif modern and ctx.failed() and override_warning_shown(ctx):
        # Set-up fails inside the plugin's fixture hook for the suite's own event_loop: the override's
        # deprecation warning, raised as an error where warnings are errors.
        s.kind, s.confidence = "legacy", Confidence.MEDIUM
    elif not (ctx.facts.exceptions or ctx.facts.summary_line or ctx.sources.files) \
            and ctx.facts.lines_matching(MULTIPLE_LOOPS):
        # MultipleEventLoopsRequestedError named in a report's words: pytest-asyncio raises it for a test that
        # requests event_loop beside a loop of a wider scope.
        s.kind, s.confidence = "legacy", Confidence.MEDIUM
    elif mismatches:
        s.kind, s.confidence = "cached", Confidence.HIGH
    elif any(p.problem == "scope-mismatch" for p in ctx.model.fixtures.values()) and ctx.failed() and not errors:
        # The code and config say set-up must fail with ScopeMismatch (the message itself may be cut off).
        s.kind, s.confidence = "cached", Confidence.MEDIUM
    elif (legacy_code or not ctx.sources.files) and (
            ctx.has(CLOSES_LOOP_FOR_YOU) or ctx.failed() and ctx.has(UNCLOSED_AT_TEARDOWN[1])) \
            and not _warned_beside_other_failures(ctx, any_error or not_found):
        # 0.21's warning that an event_loop fixture left its loop open: the suite's override (or, with no code
        # shown, the event_loop fixture the warning itself names) is the subject.
        s.kind, s.confidence = "legacy", Confidence.MEDIUM
    elif legacy_code and any_error and modern and not (requests_only and module_objects and _tests_use_module_objects(ctx)):
        s.kind, s.confidence = "legacy", Confidence.HIGH
    elif not (errors or closed or mismatches or quoted or ctx.facts.exceptions or ctx.facts.summary_line) \
            and ctx.facts.mentions("asyncio.run") and any(
                not DENIED_OR_ASKED.search(v.value) and affirmed_match(_SAID_RUN_IN_ASYNC, v.value)
                for v in ctx.facts.lines_matching(_SAID_RUN_IN_ASYNC)):
        # A report's words (neither denied nor asked): asyncio.run() called from an async fixture or test, which
        # runs on a loop already.
        s.kind, s.confidence = "app", Confidence.MEDIUM
    elif not (errors or closed or mismatches or quoted) and _async_test_through_app_loop(ctx):
        # The error line is cut off, but an async test's traceback runs into a sync test client.
        s.kind, s.confidence = "app", Confidence.MEDIUM
    elif not (errors or closed or mismatches or quoted or ctx.passed()) and ctx.facts.lines_matching(HANG) \
            and says_test_client(prose) and ctx.facts.mentions("async", "await"):
        # Async tests that hang, blamed on the sync TestClient: it runs the app (its websockets) on a loop of its
        # own in another thread, where what the test's loop sends or awaits never arrives.
        s.kind, s.confidence = "app", Confidence.MEDIUM
    elif not (errors or closed or mismatches or quoted or ctx.run_exceptions()) and ctx.facts.mentions("portal") \
            and says_test_client(prose) \
            and (said := stated(_SAID_PORTAL_LOOP, ctx.facts.lines_matching(_SAID_PORTAL_LOOP))):
        # The report says the sync TestClient's portal loop ran what the test's loop awaited ("the task was created on
        # the TestClient portal loop").
        s.kind, s.confidence, quoted = "app", Confidence.MEDIUM, said[:1]
    elif not (errors or closed or mismatches or quoted or plugin_runner) and ctx.facts.lines_matching(APP_LOOP_MESSAGES):
        # A report that names the error code driving its own loop meets ("Cannot run the event loop while
        # another loop is running") without the traceback.
        s.kind, s.confidence, s.note = "app", Confidence.MEDIUM, LOOP_ALREADY_RUNNING
    elif (errors or quoted) and s.wide:
        s.kind, s.confidence = "wider", Confidence.HIGH if errors else Confidence.MEDIUM
    elif closed and not errors and ctx.has("Exception ignored in") and other_failures(ctx):
        # The failed tests report errors of another kind; the closed loop only shows in finalisers' noise.
        s.kind, s.confidence = "none", Confidence.LOW
    elif (closed or any("closed" in q.value for q in quoted)) and not errors and ctx.has("Exception ignored in") \
            and ctx.has("__del__"):
        # "Event loop is closed" raised from a finaliser: a transport or client outlived its loop.
        s.kind, s.confidence = "unclosed", Confidence.HIGH if closed else Confidence.MEDIUM
    elif (errors or quoted or closed) and module_objects:
        s.kind, s.confidence = "import", Confidence.HIGH
    elif (closed or any("closed" in q.value for q in quoted)) and not errors and _closed_in_a_thread(ctx):
        # "Event loop is closed" raised in a worker thread (aiosqlite's, a driver's) that calls back into a loop
        # its connection outlived: the connection was not closed before the loop.
        s.kind, s.confidence = "unclosed", Confidence.MEDIUM
    elif not (errors or quoted or closed or mismatches) and not ctx.passed() and coded_objects \
            and _errors_of_a_lost_client(ctx) \
            and (_async_tests_using_module_objects(ctx, instances=False) >= 2
                 or _tests_use_module_objects(ctx) and PROSE_SHARED_ACROSS_TESTS.search(prose)):
        # No loop error shown, but two async tests (or tests said to share it) await a client made at import, and
        # what broke is its connection (an SDK's "Connection error." hides the loop error it wraps).
        s.kind, s.confidence = "import", Confidence.MEDIUM
    elif closed and s.wide:
        s.kind, s.confidence = "cached", Confidence.MEDIUM
    elif (closed or any("closed" in q.value for q in quoted) or _said_closed_without_run(ctx)) and not errors and \
            (PROSE_CLEANUP.search(prose) or _affirmed(PROSE_LEAK, prose)) and \
            not PROSE_IMPORT_OBJECT.search(prose):
        # A closed loop met in clean-up code (disconnect, close) the report points at, unless the report
        # names a global object as what outlived the loop, or a fixture cached wider than a test: its
        # teardown comes after the loop it was set up on closed.
        s.kind = "cached" if _affirmed(PROSE_WIDE_ASYNC_FIXTURE, prose) else "unclosed"
        s.confidence = Confidence.MEDIUM
    elif errors or quoted:
        messages = " ".join(e.message for e in errors) + " ".join(q.value for q in quoted)
        # asyncio's primitives, and libraries' own (aiorwlock's <aiorwlock._RWLockCore object …>).
        primitive = re.search(r"<(?:[\w]+\.)*_?\w*(Lock|Event|Semaphore|Condition|Queue|Barrier)\w*[ >]", messages) \
            or PROSE_PRIMITIVE.search(prose) or _PRIMITIVE_FRAME.search(prose)
        fixtures_seen = paste_fixture_names(ctx) or ctx.env.fixture_default_scope()
        if (PROSE_APP.search(prose) and not fixtures_seen and not PROSE_IMPORT_OBJECT.search(prose)) \
                or says_test_client(prose) \
                or PROSE_OWN_LOOP.search(prose):
            s.kind, s.confidence = "app", Confidence.MEDIUM
        elif _affirmed(PROSE_MISSING_CLOSE, prose) and not PROSE_IMPORT.search(prose) and not fixtures_seen \
                and not s.wide:
            s.kind, s.confidence = "unclosed", Confidence.MEDIUM
        elif _affirmed(PROSE_WIDER, prose) and not PROSE_IMPORT_OBJECT.search(prose):
            s.kind, s.confidence = "wider", Confidence.MEDIUM
        elif (primitive or PROSE_IMPORT.search(prose) or PROSE_ORDER.search(prose)) and not fixtures_seen \
                or PROSE_IMPORT_OBJECT.search(prose):
            s.kind, s.confidence = "import", Confidence.MEDIUM
        elif PROSE_WIDE_FIXTURE.search(prose) and PROSE_CACHED.search(prose):
            # "module-scoped fixtures … bound to a closed loop, every test after the first failed".
            s.kind, s.confidence = "cached", Confidence.MEDIUM
        elif _sync_fixture_cached_wide(ctx) and not s.wide:
            # A sync fixture cached per module/session made its object on the first test's loop.
            s.kind, s.confidence = "cached", Confidence.MEDIUM
        elif one_loop_by_the_code(ctx) and not fixtures_seen and not ctx.version:
            # Nothing in the code shown can put two loops in play: the release itself did (0.11.0 set fixtures
            # up before the test's loop), unless the object comes from code the report left out.
            s.kind, s.confidence = "release", Confidence.MEDIUM
        elif not modern and not legacy_code and not fixtures_seen:
            # Before 0.23 every test and fixture runs on the event_loop fixture's loop, so without an
            # override no fixture sits on a wider loop: the object was bound elsewhere (at import).
            s.kind, s.confidence = "import", Confidence.MEDIUM
        else:
            s.kind = "wider"
            s.confidence = Confidence.MEDIUM if ctx.env.fixture_default_scope() else Confidence.LOW
    elif legacy_code and any_error and modern:
        s.kind, s.confidence = "legacy", Confidence.MEDIUM
    elif not (errors or closed) and _sync_fixture_cached_wide(ctx) \
            and PROSE_LOOP.search(prose):
        # A report without its error line: a module/session-cached sync fixture hands async tests an object
        # (a client, a container) that binds to the first test's loop, and the report speaks of the loop.
        s.kind, s.confidence = "cached", Confidence.MEDIUM
    elif closed and not errors and ctx.has("Task was destroyed but it is pending") and not module_objects:
        # Tasks left running when the loop closed: the closed loop is their clean-up's, not a crossing.
        s.kind, s.confidence = "unclosed", Confidence.MEDIUM
    elif (closed or (ctx.exceptions(ANOTHER_OPERATION)
                     or ctx.facts.mentions("another operation") and ctx.facts.lines_matching(ANOTHER_OPERATION))
          and not _CONCURRENT.search(prose)) \
            and says_test_client(prose) \
            and re.search(r"async def|mark\.asyncio", prose):
        # Async tests that drive the app through the sync TestClient, whose portal runs a loop of its own (and
        # uses the test's connection from there while the test still does).
        s.kind, s.confidence = "app", Confidence.MEDIUM
    elif not (errors or closed or mismatches) and ctx.facts.mentions("another operation", "another command") \
            and not (_CONCURRENT.search(prose) or any(_CONCURRENT.search(f.text) for f in ctx.sources.files)) \
            and (ctx.exceptions(ANOTHER_OPERATION) or ctx.facts.lines_matching(ANOTHER_OPERATION)) \
            and (_affirmed(PROSE_ORDER, prose) or _affirmed(PROSE_WIDER, prose)):
        # "Another operation in progress" only once an earlier test ran, or said of a wider fixture's pool used by
        # tests on their own loops: a pooled connection of another loop (two coroutines on one connection fail in
        # any order).
        s.kind = "wider" if _affirmed(PROSE_WIDER, prose) and not PROSE_IMPORT_OBJECT.search(prose) else "import"
        s.confidence = Confidence.MEDIUM
    elif closed:
        s.kind, s.confidence = "import", Confidence.LOW
    elif not (errors or quoted or closed or ctx.run_exceptions()) and PROSE_LOOP_LEFT_RUNNING.search(prose) \
            and not ctx.passed() \
            and ctx.facts.mentions("pytest-asyncio", "pytest_asyncio", "mark.asyncio"):
        # The report says a loop was already running when pytest-asyncio started its own (a sync tool that runs
        # one, such as Playwright's sync API); the error itself is cut off.
        s.kind, s.confidence, s.note = "app", Confidence.MEDIUM, LOOP_ALREADY_RUNNING
    elif not (errors or quoted or closed or ctx.run_exceptions()) and said_loop_of_its_own(ctx):
        s.kind, s.confidence = "app", Confidence.MEDIUM
    elif not (errors or quoted or closed or ctx.run_exceptions()) and ctx.facts.mentions("asyncio.run") \
            and _SAID_STOP_ASYNCIO_RUN.match((said := title(ctx)).value) and ctx.facts.mentions("test", "leak"):
        # A patch that stops the tests' own asyncio.run ("Stop using `asyncio.run` which leaks unclosed event loops"):
        # each call ran the code on a loop of its own.
        s.kind, s.confidence, quoted = "app", Confidence.MEDIUM, [said]
    elif not (errors or quoted or closed or ctx.run_exceptions()) and not ctx.passed() \
            and ctx.facts.mentions("both plugins", "conflict", "interfer", "clash") \
            and stated(_SAID_TWO_PLUGINS, ctx.facts.lines_matching(_SAID_TWO_PLUGINS)):
        # The report says two async plugins clash or ran the same tests ("some conflicts between pytest-aiohttp and
        # pytest-asyncio"): each runs them on a loop of its own.
        s.kind, s.confidence = "app", Confidence.MEDIUM
    elif not (errors or quoted or closed or ctx.run_exceptions()) and not ctx.passed() \
            and ctx.facts.mentions(*_OTHER_ASYNC) and ctx.facts.mentions("pytest") \
            and not ctx.facts.mentions("strict mode") \
            and (said := [v for v in stated(_SAID_TAKES_ALL, ctx.facts.lines_matching(_SAID_TAKES_ALL), own_denials=True)
                          if _sentence_names_async(v.value)]):
        # One plugin said to take every async test or fixture, beside another async framework: which one runs a
        # test or fixture, and so on which loop, depends on the order they load.
        s.kind, s.confidence, s.note, quoted = "app", Confidence.MEDIUM, PLUGINS_TAKE_ALL, said[:1]
    elif not (errors or quoted or closed) and PROSE_PLUGINS_CLASH.search(prose) and ctx.failed() \
            and ctx.facts.mentions("pytest-asyncio"):
        # Two async plugins taking the same tests (pytest-asyncio and anyio's, or pytest-aiohttp's): each runs them
        # on a loop of its own.
        s.kind, s.confidence = "app", Confidence.MEDIUM
    elif not (errors or quoted or closed) and loop_warning_subject(ctx) and warning_from_test_code(ctx):
        # A test that runs its coroutine with asyncio.get_event_loop().run_until_complete() where no loop is set:
        # Python warns "There is no current event loop"; the test drives a loop of its own.
        s.kind, s.confidence = "app", Confidence.MEDIUM
    elif not (errors or quoted or closed) and not ctx.passed() and nested_run_warnings(ctx):
        # A coroutine handed to asyncio.run() (or run_until_complete) inside the test's running loop: the call
        # refuses, and the coroutine is collected unawaited.
        s.kind, s.confidence = "app", Confidence.MEDIUM
    elif not (errors or quoted or ctx.run_exceptions()) and said_event_loop_removed(ctx) and not ctx.passed():
        # A report (often a patch) about the suite's use of the deprecated, then removed, event_loop fixture.
        s.kind, s.confidence = "legacy", Confidence.MEDIUM
    elif not (errors or quoted or closed or ctx.run_exceptions() or ctx.facts.sections or ctx.facts.outcomes) \
            and said_release_1_0(ctx) and not said_strict_default(ctx) \
            and not any(c.caller == "pytest_asyncio" for c in deprecated_asyncio_calls(ctx)):
        # A report (often a patch or a pin) naming pytest-asyncio 1.0 with no error shown: that release's breaking
        # change was the removal of the event_loop fixture (unless it moves to 1.x for the plugin's own 3.14
        # deprecation warnings, which 1.0 silences).
        s.kind, s.confidence = "legacy", Confidence.MEDIUM
    elif not (errors or quoted or ctx.run_exceptions()) and import_time_loop_calls(ctx) and not ctx.passed() \
            and (any(t.is_async for t in ctx.sources.tests) or ctx.facts.lines_matching(_ASYNC_TEST_DEF)):
        # The code runs a coroutine at import (a connection bound, a pool made) on the loop current then; the
        # tests run on loops of their own. The error line itself is cut off or not shown.
        s.kind, s.confidence = "import", Confidence.MEDIUM
    elif ctx.exceptions(ANOTHER_OPERATION) and s.wide:
        s.kind, s.confidence = "wider", Confidence.MEDIUM
    elif s.wide and ctx.facts.setup_show and not ctx.facts.summary_line and _tests_on_function_loops(ctx):
        # --setup-show output cut before its results: it shows the crossing itself, a wider-loop fixture
        # used by tests that each set up a function loop.
        s.kind, s.confidence = "wider", Confidence.MEDIUM
    elif ctx.failed() and (second_plugin_loop(ctx) or ctx.has("testclient.py") and ctx.has("run_until_complete")
                           and (errors or closed or mismatches or "asyncio" in ctx.facts.header.plugins
                                or ctx.has("async def", "asyncio_mode", "mark.asyncio"))):
        # The failure runs through code that drives a loop of its own (an old TestClient, pytest-aiohttp), where
        # pytest-asyncio, an async test or a loop's error shows (a sync test's TestClient traceback is the
        # app's own error).
        s.kind, s.confidence = "app", Confidence.MEDIUM
    elif not (errors or quoted or closed or mismatches or ctx.run_exceptions()) and not ctx.passed() \
            and (said := ctx.facts.gated(PROSE_SPLIT_LOOPS)) and not ctx.facts.lines_matching(_NOTHING_CROSSES):
        # A report that says the fixtures sit on a wider loop than the tests; its error is not shown.
        s.kind, s.confidence, quoted = "wider", Confidence.MEDIUM, said[:1]
    elif not (errors or quoted or closed or mismatches or ctx.run_exceptions()) and not ctx.passed() \
            and ctx.facts.mentions("scope marker", "scope mark", "scoped marker", "scoped mark", "loop marker") \
            and (said := stated(_SAID_WIDE_MARKER_MISSING, ctx.facts.lines_matching(_SAID_WIDE_MARKER_MISSING))):
        # A fix that adds the wider loop-scope marker a test lacked ("missing pytest-asyncio session scope marker in
        # test_x"): the test ran on its own loop beside a fixture on the wider one.
        s.kind, s.confidence, quoted = "wider", Confidence.MEDIUM, said[:1]
    elif not (errors or quoted or closed or mismatches or ctx.run_exceptions()) and not ctx.passed() \
            and ctx.facts.mentions("event_loop") \
            and (said := [v for v in ctx.facts.lines_matching(PROSE_LOOP_NARROWER) if said_wide_caching(ctx, v.line)]):
        # A report that says its wider-cached fixture outlives the function-scoped event_loop it was set up on.
        s.kind, s.confidence, quoted = "cached", Confidence.MEDIUM, said[:1]
    elif not (errors or quoted or closed or mismatches or ctx.run_exceptions()) and not ctx.passed() \
            and (said := ctx.facts.gated(PROSE_SHARED_TWO_LOOPS)):
        # A report that says a module-level or singleton object met two loops; its error is not shown.
        s.kind, s.confidence, quoted = "import", Confidence.MEDIUM, said[:1]
    elif not (errors or quoted or closed or mismatches or ctx.run_exceptions()) and not ctx.passed() \
            and (said := stated(_SAID_MADE_PER_LOOP.regex, ctx.facts.gated(_SAID_MADE_PER_LOOP))):
        # A fix that makes an object on the loop that uses it ("ensure _insert_mutex is created in the current event
        # loop", "a manager instance per event loop"): it had been bound to another; the error is not shown.
        s.kind, s.confidence, quoted = "import", Confidence.MEDIUM, said[:1]
    s.quoted = quoted
    ctx._story = s
    return s


_SAID_WIDE_MARKER_MISSING = re.compile(r"\b(?:missing|forgot(?:ten)?|lack\w*|without)\b[^.\n]{0,30}\b(?:session|module|package"
                                       r"|class)[- ]scoped? (?:loop )?(?:markers?|marks?)\b", re.I)
_PER_LOOP_CUES = ("current event loop", "current loop", "running loop", "running event loop", "right loop",
                  "right event loop", "per-event-loop", "per event loop",
                  "当前事件循环", "当前的事件循环", "at import", "regardless of", "correct event loop", "correct loop",
                  "at construction", "at creation", "eager", "mismatched", "wrong loop", "wrong event loop",
                  "multiple event loops", "multiple loops", "lazily", "existing event loop", "existing loop",
                  "where it was created", "in which it was created", "closed event loop", "closed loop")
_SAID_MADE_PER_LOOP = Gated(_PER_LOOP_CUES, re.compile(
                                 r"\b(?:created|made|instantiated|constructed|bound) (?:in|on|within|for) "
                                 r"(?:the )?(?:current|running|correct|right) (?:event )?loop\b"
                                 r"|\b(?:instances?|clients?|managers?|sessions?|pools?|locks?|connections?) "
                                 r"per[- ]event[- ]loop\b|在当前(?:的)?事件循环(?:中|里)创建"
                                 # "When condition is created it automatically captures current event loop"
                                 r"|\b(?:created|instantiated|constructed)\b[^.\n]{0,30}\bcaptur(?:es|ed|ing) (?:the )?current "
                                 r"(?:event )?loop\b"
                                 # "avoid creating asyncio.Lock at import time"
                                 r"|\b(?:avoid|stop)\s+(?:creating|making|instantiating)\s+(?:an?\s+|the\s+)?"
                                 r"asyncio\.(?:Lock|Event|Queue|Semaphore|Condition|Future)\w*(?:\(\))?\s+at\s+import"
                                 r"(?:\s+time)?\b"
                                 # "before 3.10, async primitives stored the current loop when created"
                                 r"|\b(?:primitives?|locks?|events?|queues?|semaphores?|conditions?)\b[^.\n]{0,30}\b(?:stored|stores"
                                 r"|captured|captures|bound to|binds? to) (?:the )?current (?:event )?loop when (?:they were |it was "
                                 r"|they are |it is )?created\b"
                                 # "The asyncio backend binds to a particular event loop at import time"
                                 r"|\bbinds? to (?:an? |the |one |a particular |a single )?(?:event )?loop at import\b"
                                 # "`thunder_protection` caches tasks regardless of what loop they're running in"
                                 r"|\b(?:cach|shar|stor|keep)(?:es|ed|ing|s)?\b[^.\n]{0,40}\bregardless of (?:what|which|the) "
                                 r"(?:event )?loop\b"
                                 # "eagerly created its httpx.AsyncClient in __init__, binding it to whatever event
                                 # loop existed at construction time", "Fix eager event loop assignment of heartbeat
                                 # condition"
                                 r"|\bbind(?:s|ing)? (?:it|them) to (?:whatever|whichever|the) (?:event )?loop "
                                 r"(?:that )?(?:existed|was running|was current|was set) at (?:construction|creation"
                                 r"|import)\b"
                                 r"|\beager(?:ly)? (?:event )?loop (?:assignment|binding)\b"
                                 # "[mdns] initialise lock later to avoid mismatched event-loops"
                                 r"|\b(?:initiali[sz]e|create|make|construct|instantiate)s?\b[^.\n]{0,30}"
                                 r"\b(?:later|lazily) to (?:avoid|prevent)\b[^.\n]{0,20}"
                                 r"\b(?:mismatched|different|wrong) (?:event[- ])?loops?\b"
                                 # "Fix error about acquiring future from wrong loop", "asyncio.Event within Client from
                                 # wrong event loop", "avoid attempting to bind to multiple event loops"
                                 r"|\b(?:events?|locks?|futures?|queues?|semaphores?|conditions?|clients?|sessions?"
                                 r"|pools?)\b"
                                 r"[^.\n]{0,40}\bfrom (?:the |a )?wrong (?:event )?loop\b"
                                 r"|\bbind(?:s|ing)? to multiple (?:event )?loops\b"
                                 # "Python 3.9 binds asyncio.Lock to the current loop at Socket construction"
                                 r"|\bbinds? (?:an? |the )?`?asyncio\.(?:Lock|Event|Queue|Semaphore|Condition)`? "
                                 r"to the (?:current|running) (?:event )?loop (?:at|on|during|when)\b"
                                 # "Initialize locks lazily" (not at class creation, under another loop)
                                 r"|(?m:^)" + TITLE_START + r"(?:initiali[sz]e|create|make|construct|instantiate)s? "
                                 r"(?:the |all |our )?(?:asyncio )?(?:locks?|events?|queues?|semaphores?|conditions?"
                                 r"|futures?)\b[^.\n]{0,20}\blazily\b"
                                 # "each instance … should be created in the environment with the existing event loop"
                                 r"|\b(?:created|made|instantiated|constructed)\b (?:in|within|inside|with|on)\b"
                                 r"[^.\n]{0,30}\b(?:existing|running) (?:event )?loop\b"
                                 # "an SnmpEngine object is bound … to the async event loop where it was created"
                                 r"|\bbound\b[^.\n]{0,30}\bto the (?:async(?:io)? )?(?:event )?loop "
                                 r"(?:where|in which) it was created\b"
                                 # "prevents plugin instances with closed event loops from being re-used across tests"
                                 r"|\b(?:instances?|clients?|objects?|plugins?|sessions?|connections?|backends?)\b"
                                 r" with (?:a )?closed (?:event )?loops?\b[^.\n]{0,40}\b(?:re-?used|shared) "
                                 r"(?:across|between) tests\b", re.I))


_RUNS_A_LOOP = re.compile(r"^\s*(?:[\w.]+\s*=\s*)?(?:await\s+)?(?:asyncio\.run|[\w.()]*run_until_complete)\(")


def nested_run_warnings(ctx: Context) -> list:
    """"coroutine … was never awaited" warnings whose source line hands the coroutine to asyncio.run() or
    run_until_complete(): code that starts a loop where one already runs."""
    return [w for w in ctx.facts.warnings if "was never awaited" in w.message
            and _RUNS_A_LOOP.match(w.message.split("\n", 2)[1] if "\n" in w.message else "")]


def trio_taken_by_asyncio(ctx: Context) -> bool:
    """pytest-trio beside pytest-asyncio, and trio code failing as it does outside trio.run(): pytest-asyncio
    took a trio test or fixture and ran it on an asyncio loop."""
    if not ctx.has("TrioInternalError", "must be called from async context") or ctx.has("set_wakeup_fd", "wakeup fd"):
        return False   # (nor where Trio found the signal wakeup fd taken: process state, not a loop)
    plugins = ctx.facts.header.plugins
    if plugins:
        return "trio" in plugins and "asyncio" in plugins
    return ctx.facts.mentions("pytest_trio", "pytest-trio", "trio_fixture", "mark.trio") \
        and ctx.facts.mentions("pytest-asyncio", "pytest_asyncio", "mark.asyncio", "with asyncio", "asyncio_mode")


def native_table_unread(ctx: Context) -> bool:
    """pytest < 9 ignores a native [tool.pytest] table / pytest.toml: the config is not read at all."""
    active = ctx.config.active if ctx.config else None
    if active is None or not active.native_toml:
        return False
    at_least_9 = ctx.env.pytest_at_least("9.0.0")
    if at_least_9 is None:  # no header: pytest 8's deprecation names the release it removes things in
        return ctx.has("PytestRemovedIn9Warning", "This will turn into an error in pytest 9")
    return at_least_9 is False


def plugin_missing(ctx: Context) -> bool:
    """The header lists plugins and pytest-asyncio is not among them (or the paste says it is off)."""
    header = ctx.facts.header
    if ctx.has("-p no:asyncio", "Unknown config option: asyncio_mode", "Unknown pytest.mark.asyncio",
               "No module named 'pytest_asyncio'"):
        return True
    if ctx.has("Unknown config option: asyncio_default_fixture_loop_scope") and not plugin_active(ctx) \
            and ctx.has("not natively supported", "PytestUnhandledCoroutineWarning"):
        return True
    # A full header (platform and rootdir lines) lists every plugin; no asyncio there means not loaded.
    return bool(header.pytest_version and header.rootdir and "asyncio" not in header.plugins
                and header.asyncio_line is None)


# A report that says why pytest ran the async tests itself: they lack the marker, or the plugin is installed
# and made no difference. Either way the plugin is there and strict mode passed the tests by; not when the
# sentence speaks of auto mode or of another environment (a venv, pipx, CI), where the plugin may be missing.
# (The cues are words one of which each of these sentences has.)
_UNMARKED_CUES = ("marked", "mark.asyncio", "mark.anyio", "mark them", "mark the", "mark async", "missing",
                  "strict mode", "async marker", "asyncio marker", "awaiting", "asyncio mark", "asyncio annotation",
                  "asyncio decorator", "annotate", "test without", "synchronous test", "sync test")
_SAID_UNMARKED = Gated(_UNMARKED_CUES, re.compile(
    r"(?:\bnot|n't|\bnever) (?:been )?marked\b[^\n]{0,40}?\basyncio|\b(?:missing|miss|without|lacks?|forgot)"
    r" (?:the )?`?@?(?:pytest\.)?mark\.asyncio"
    # "Need to add annotation @pytest.mark.asyncio so that async unit test doesn't get skipped"
    r"|@?pytest\.mark\.asyncio`?[^.\n]{0,40}\b(?:doesn't|don't|do not|does not|won't|aren't|isn't) "
    r"(?:get |be )?skipped\b"
    # "now fails on unmarked async-def tests"
    r"|\bunmarked async(?:[- ]def)? (?:tests?|functions?)\b"
    # "missing the class-level asyncio marker"
    r"|\b(?:missing|without|lacks?|forgot) (?:the |an? )?(?:(?:class|module|function)[- ]level )?`?asyncio`? "
    r"mark(?:er)?s?\b"
    # a patch's own words: "mark them as asyncio", "add missing decorators to async test methods"
    r"|\bmark (?:them|these|those|the(?: async)? tests?|async tests?) (?:as|with) `?@?(?:pytest\.mark\.)?asyncio\b"
    # a patch's title: "test: Fix strict mode in pytest_asyncio"
    r"|(?m:^)" + TITLE_START + r"fix(?:es|ed)? (?:the )?(?:tests? (?:for|in|under) )?(?:pytest[-_]asyncio(?:'s)? )?"
    r"strict mode\b(?=[^\n]{0,200}(?:pytest|asyncio))"
    # a patch's title: "fix: mark test as pytest.mark.anyio" (anyio's plugin, too, runs only the tests marked for it)
    r"|(?m:^)" + TITLE_START + r"mark (?:the |this |that |an? )?(?:async )?tests? (?:as|with) "
    r"`?@?pytest\.mark\.(?:asyncio|anyio)\b"
    r"|\badd(?:s|ed)? (?:the )?missing (?:decorators?|markers?|marks?) (?:to|on|for) (?:the |all )?async\b"
    # "This adds the explicit `@pytest.mark.asyncio` marker"
    r"|\badd(?:s|ed|ing)? (?:the |an )?(?:explicit |missing )?`@?pytest\.mark\.asyncio`? (?:markers?|marks?|decorators?)\b"
    # a patch's title: "Add async marker to test"
    r"|(?m:^)" + TITLE_START + r"add(?:s|ed)? (?:the |an? )?(?:missing )?`?@?(?:pytest\.mark\.)?(?:asyncio|async)`? "
    r"(?:markers?|marks?|decorators?) (?:to|on|for) (?:the |an? |all |our |these |those )?(?:[\w-]+ ){0,2}"
    r"(?:async )?tests?\b"
    # "Fix integration tests not awaiting fixtures, and instead trying to deploy a `coroutine`"
    r"|\b(?:not|never) awaiting (?:the |their |its |our |async )*fixtures\b"
    # "was a synchronous test (def test_...) but used the async oauth_provider fixture"
    # (not pytest's own words, "requested an async fixture", which a question may quote)
    r"|\b(?:synchronous|sync) tests?\b[^.\n]{0,60}\b(?:used|uses|using)\b[^.\n]{0,20}"
    r"\basync (?:[\w`]+ )?fixtures?\b"
    # "Fix async test without pytest mark"
    r"|\basync tests? without (?:the |a |an )?(?:pytest |asyncio )?mark\b"
    # "these async tests are now failing due to lack of asyncio annotations", "Correctly annotate async pytests"
    r"|\b(?:lack|absence) of (?:the |an? )?`?@?(?:pytest\.mark\.)?asyncio`? "
    r"(?:annotations?|markers?|marks?|decorators?)\b"
    r"|\bannotate (?:the |all |our )?async (?:py)?tests\b"
    # a patch's diff that adds the bare marker to a test ("+@pytest.mark.asyncio")
    r"|(?m:^)\+[ \t]*@pytest\.mark\.asyncio(?=[ \t]*(?:\n|\Z))"
    # "a lot of them were being skipped as they were marked as async. Just added the markers"
    r"|\bskipped\b[^\n]{0,120}(?:\n[^\n]{0,120})?\b(?:just )?added the (?:missing )?(?:asyncio )?markers?\b", re.I))
_SAID_INSTALLED = re.compile(
    r"pytest-asyncio`? (?:is|was) (?:already |definitely )?installed|\b(?:installed|pip install) `?pytest-asyncio`?"
    r"[^.\n]{0,30}\b(?:without any difference|no difference|did(?:n't| not) (?:help|change)|still)", re.I)
# Auto mode said to make the tests run: the plugin was there all along, leaving unmarked tests to pytest.
_LOCAL_ONLY = re.compile(r"\blocally\b|\b(?:on|in) CI\b")
_SAID_AUTO_FIXED = re.compile(r"\basyncio_mode ?= ?[\"']?auto\b[^\n]{0,100}?\b(?:tests?|they|it) (?:then )?"
                              r"(?:proceed|run|pass|work)", re.I)
_ELSEWHERE = re.compile(r"asyncio_mode|\bauto\b|\bvenv\b|virtualenv|pipx|global|\bCI\b|tox|nox|conda|docker"
                        r"|another environment", re.I)


# "With more recent versions of pytest-asyncio …", "after upgrading pytest-asyncio to 1.0": the plugin is there,
# in a release newer than the suite was written for.
_SAID_NEWER_PLUGIN = re.compile(r"\b(?:recent|newer|latest|new) (?:versions?|releases?) of `?pytest[-_]asyncio"
                                r"|\bupgrad\w* `?pytest[-_]asyncio|\bpytest[-_]asyncio`? (?:v|>=? ?|to )?1\.\d", re.I)


_SAID_EVENT_LOOP_REMOVED = re.compile(
    r"\bevent_loop`? fixture\b[^.\n]{0,80}?\b(?:deprecated|removed)\b|\b(?:deprecated|removed|obsolete|custom"
    r"|overridden|redefined)`?\)? (?:the )?`?event[_ ]loop`? fixture\b"
    # a patch that drops the tests' requests for it ("Remove obsolete `event_loop` argument in tests")
    # ("Remove deprecated event_loop from tests", "Remove legacy event_loop fixture usage")
    r"|\bremov(?<!n't remov)(?<!not remov)\w* (?:the |all |obsolete |deprecated |unused |legacy )*`?event_loop`? "
    r"(?:fixture )?(?:arguments?|parameters?|usages?|uses|from (?:the |our |all )?tests)\b"
    # "fix event_loop fixture for latest pytest-aiohttp": the suite's own one broken
    r"|\bfix(?:es|ed)? (?:the |our )?`?event_loop`? fixture\b"
    # "With removal of the fixture in 1.0.0 there seems to be no way …" (event_loop named in the sentence before)
    r"|\b(?:removal of|removed) the fixture\b[^.\n]{0,30}\b(?:in|with|since) (?:pytest-asyncio )?v?1\.0\b"
    # "Fix pytest-asyncio warning regarding event loop fixture": the plugin's deprecation of it
    # ("… a pytest_asyncio warning about replacing the `event_loop` fixture")
    r"|\bpytest[-_]asyncio`? (?:deprecation )?warnings? (?:regarding|about|on|for) "
    r"(?:(?:replacing|overriding|redefining|using|requesting) )?(?:the )?(?:`?event[_ ]loop`? fixture\b"
    r"|`event_loop`|event_loop\b)"
    # "convert tests using the event_loop fixture to async"
    r"|\b(?:tests?|fixtures?) (?:using|that use|requesting|that request) (?:the )?`?event_loop`? fixture\b"
    # "Get rid of event_loop warnings"
    r"|\b(?:get rid of|fix(?:es|ed)?|silenc\w*|remov\w*) (?:the |all )?(?:custom |own |overridden )?`?event_loop`? "
    r"(?:fixture )?(?:deprecation )?warnings?\b"
    # a patch whose title stops the suite's use of it ("Stop using event_loop fixture")
    r"|\A[^\w\n]*(?:stop|avoid|no longer) (?:using|requesting|overriding) (?:the |old |deprecated |obsolete )*`?event_loop`?"
    r" fixture\b(?![^\n]*\?)"
    # ("don't override event loop": overriding, the loop can only be the fixture)
    r"|\A[^\w\n]*(?:stop|avoid|no longer|don't|do not) (?:overrid(?:e|ing)|redefin(?:e|ing)) (?:the |our |custom )?"
    r"`?event[_ ]loop`?(?: fixture)?\b(?![^\n]*\?)"
    # "update benchmarks to not use event loop fixture"
    r"|\b(?:to not|not to) use (?:the )?`?event[_ ]loop`? fixtures?\b"
    # "New version doesn't support the `event_loop` fixture anymore", "Fixture `event_loop` got removed"
    r"|\b(?:pytest[-_]asyncio|(?:new|newer|latest) (?:version|release)|1\.\d(?:\.\d)?)`?\b[^.\n?]{0,30}\b(?:doesn't|does not"
    r"|no longer) (?:supports?|provides?|ships?|has) (?:the )?`?event_loop`? fixture\b"
    r"|\bfixture `?event_loop`?(?:(?!\bnot\b|n't)[^.\n]){0,30}\b(?:deprecated|removed)\b"
    # "Access the event loop directly via asyncio due to pytest's fixture deprecation"
    r"|\bevent[_ ]loop\b[^.\n]{0,60}\b(?:due to|because of|after) (?:the )?(?:pytest(?:[-_]asyncio)?'s )?"
    r"fixture deprecation\b"
    # "they are deprecating using the `event_loop` fixture", "Migrated from `event_loop` fixture"
    r"|\bdeprecating (?:the )?(?:use of |using )(?:the )?`?event_loop`? fixture\b"
    r"|\bmigrat(?:e|es|ed|ing) (?:away )?from (?:the )?`?event_loop`? fixture\b"
    # "Remove deprecated use of event_loop in tests", "Fix async benchmarks to work without event_loop fixture"
    r"|\b(?:remov\w*|drop\w*|stop\w*|get rid of)\b[^.\n]{0,20}\b(?:use|usage|uses) of (?:the )?`?event_loop\b"
    r"|\b(?:work|works|run|runs|pass|passes) without (?:the )?`?event_loop`? fixture\b"
    # the suite's own fixture made to close its loop ("Add `_event_loop.close` to fixture, to avoid warning from
    # recent pytest-asyncio")
    r"|\b(?:add|call)\w*\b[^.\n]{0,10}`?\w*event_loop\.close(?:\(\))?`? (?:to|in) (?:the |our |its )?(?:\w+ )?"
    r"fixture\b",
    re.I)
# The suite's own fixture removed, defined, adjusted or broken ("Remove unnecessary event_loop test fixture",
# "defined a session-scoped `event_loop` fixture", "Broken `event_loop` fixture"), its name often in backticks a
# post escaped; read only in sentences that deny and ask nothing.
_SAID_OWN_EVENT_LOOP = re.compile(
    r"\b(?:remov(?:e|es|ed|ing)|defined|redefined|broken|adjust(?:s|ed|ing)?|adapt(?:s|ed|ing)?|clean(?:s|ed|ing)? up) "
    r"(?:the |an? |our |its "
    r"|own |obsolete |deprecated |unused |unnecessary |custom |(?:session|module|package|class)[- ]scoped )*"
    # ("remove the event loop session scoped fixture": the name in words, its scope after it)
    r"[\\`]*event[_ ]loop[\\`]* (?:(?:session|module|package|class)[- ]scoped )?(?:test )?fixtures?\b",
    re.I)
# "Cannot override event loop in pytest-asyncio 0.23.0+": the override a release stopped honouring.
_SAID_OVERRIDE_REFUSED = re.compile(r"\b(?:cannot|can't|can no longer|no longer able to|unable to) override (?:the )?"
                                    r"[\\`]*event[ _]loop\b", re.I)
# A sentence that asks, denies, or tells what the docs say: no account of what the suite does.
DENIED_OR_ASKED = re.compile(r"\?|\b(?:never|not|none|no longer|any ?more|no need|without|should|whether|docs?"
                             r"|documentation)\b|n't\b", re.I)
# pytest-asyncio 1.0 named as what the suite broke on: its breaking change was the removal of event_loop.
_SAID_RELEASE_1_0 = re.compile(r"pytest[-_]asyncio`?\)?(?:\s{0,3}(?:==|>=|<=|<|>|\(|\[|v|version|releas\w{0,8}|to|from|,))"
                               r"{0,8}\s{0,3}"
                               r"v?1\.(?:0(?:\.0)?|x)(?![\w.])"
                               r"|(?<![\w.])v?1\.0(?:\.0)? release\b[^\n]{0,40}pytest[-_]asyncio"
                               r"|pytest-dev/pytest-asyncio/pull/1106\b", re.I)
# ... with what it did to the suite: broke it, was pinned or held back, or what the suite adapted for it.
_BROKE_OR_ADAPTED = re.compile(r"\b(?:break\w*|broke\w*|fail\w*|incompatib\w*|pin\w*|keep\w* back|held back|hold\w* "
                               r"back|remov\w*|replac\w*|migrat\w*|adapt\w*|deprecat\w*|port(?:s|ed|ing)? to|for `?pytest[-_]asyncio)"
                               r"|/pull/1106",
                               re.I)
ERROR_NAMED = re.compile(r"\b\w+(?:Error|Exception)\b")


def said_release_1_0(ctx: Context) -> list:
    """A report naming pytest-asyncio 1.0 as what broke its suite (or what it was adapted for), no other error named."""
    if not ctx.facts.mentions("1.0", "1.x", "1106"):
        return []
    said = [v for v in ctx.facts.lines_matching(_SAID_RELEASE_1_0) if _BROKE_OR_ADAPTED.search(v.value)]
    return said if said and not ctx.facts.lines_matching(ERROR_NAMED) else []


# The plugin's event_loop fixture said to be missing ("event_loop fixture doesn't exist").
_SAID_NO_EVENT_LOOP = re.compile(r"\bevent_loop`? fixture (?:doesn't|does not|didn't|did not) exist"
                                 r"|\bno (?:such )?`?event_loop`? fixture\b", re.I)


def said_no_event_loop(ctx: Context) -> bool:
    return ctx.facts.mentions("event_loop") and bool(ctx.facts.lines_matching(_SAID_NO_EVENT_LOOP))


# pytest-aiohttp's `loop` fixture, the alias of event_loop it removed in 1.1: "Update tests not to declare `loop`
# argument" (in a sentence about tests or fixtures: a constructor's `loop` parameter is another matter).
_SAID_LOOP_FIXTURE_DROPPED = re.compile(
    r"\b(?:not to (?:declare|request|use)|remov\w*|drop\w*|stop (?:requesting|using)) (?:the |deprecated |obsolete )?"
    r"`loop` (?:fixture|argument|parameter)s?\b|\b(?:deprecated|removed) `loop` fixture\b")
_TESTS_OR_FIXTURES = re.compile(r"\btest|\bfixture", re.I)


# A clause that denies what follows it ("It does not change …, custom `event_loop` fixture deprecations"), not a fix's
# own prohibition ("Update tests not to use the deprecated `event_loop` fixture").
# (and "We never got …", "If … would": no account either)
_STATEMENT_DENIED = re.compile(r"(?:\b(?:does|do|did|is|are|was|were|will|would|has|have)(?: not|n't)|\bnever|\b[Ii]f)\b"
                               r"[^.;:\n]{0,80}$", re.I)


# A change to the plugin itself, which every suite meets alike ("a major cleanup of the pytest-asyncio code base",
# "a breaking change that involves a major version bump to pytest-asyncio"): no account of one suite's code.
_PLUGIN_OWN_CODE = re.compile(r"\bpytest[-_]asyncio(?:'s)?`? (?:own )?(?:code ?base|internals)\b"
                              r"|\bcode ?base of `?pytest[-_]asyncio\b|\bmajor version bump (?:to|of|for) `?pytest[-_]asyncio\b",
                              re.I)


def plugin_own_change(ctx: Context) -> bool:
    return ctx.facts.mentions("code base", "codebase", "internals", "major version bump") \
        and bool(ctx.facts.lines_matching(_PLUGIN_OWN_CODE))


# A patch's title that forbids ("don't use deprecated event_loop fixture"): the suite's own use, not a denial.
_IMPERATIVE_NOT = re.compile(r"[^\w\n]*(?:don't|do not) (?:use|request|override|redefine)\b", re.I)


# A suite that no longer uses the plugin ("just an artefact of having used pytest-asyncio in the past"): the
# event_loop fixture it removes is a leftover, no fixture any test ran on.
_PLUGIN_LEFT_BEHIND = re.compile(r"\b(?:artefact|artifact|leftover|relic)s? (?:of|from) (?:having )?(?:used |using )?"
                                 r"`?pytest[-_]asyncio\b|\bus(?:ed|ing) `?pytest[-_]asyncio`? in the past\b"
                                 r"|\bno longer us(?:e|es|ing) `?pytest[-_]asyncio\b"
                                 # "We could probably get rid of `py.test-asyncio` now as we fully depend on
                                 # py.test-aiohttp"
                                 r"|\b(?:get rid of|drop|remove) `?py\.?test[-_]asyncio`? "
                                 r"(?:now|entirely|altogether)\b",
                                 re.I)


# A change made before anything broke ("avoid overriding the reserved `event_loop` fixture, which is deprecated and
# may break as pytest-asyncio changes"): no failure to diagnose.
_ONLY_MAY_BREAK = re.compile(r"\b(?:may|might|could|will|would) (?:eventually |later |soon |one day )?break\b", re.I)


def said_event_loop_removed(ctx: Context) -> list:
    """The report's sentences about the event_loop fixture being deprecated or removed, or the suite's own one
    removed, defined or broken."""
    if not ctx.facts.mentions("event_loop", "event loop", "`loop`"):
        return []
    if plugin_own_change(ctx):
        return []
    # (a line that asks is no account: "Does the new release no longer provide the event_loop fixture?"; nor one that
    # denies it: "It does not change async test loop scopes, custom `event_loop` fixture deprecations …")
    said = [v for v in ctx.facts.lines_matching(_SAID_EVENT_LOOP_REMOVED)
            if "?" not in v.value and not _ONLY_MAY_BREAK.search(v.value)
            and (_IMPERATIVE_NOT.match(v.value)
                 or not _STATEMENT_DENIED.search(v.value, 0, _SAID_EVENT_LOOP_REMOVED.search(v.value).start()))] or [
        v for v in ctx.facts.lines_matching(_SAID_OWN_EVENT_LOOP)
        if not (DENIED_OR_ASKED.search(v.value) or _HYPOTHETICAL.search(v.value))] \
        or [v for v in ctx.facts.lines_matching(_SAID_OVERRIDE_REFUSED) if "?" not in v.value] \
        or [v for v in stated(_SAID_LOOP_FIXTURE_DROPPED, ctx.facts.lines_matching(_SAID_LOOP_FIXTURE_DROPPED),
                              own_denials=True)   # (its own "not to declare")
            if _TESTS_OR_FIXTURES.search(v.value)]
    # (the whole paste searched for a leftover only once something was said: most pastes say nothing of the fixture)
    return [] if said and ctx.facts.lines_matching(_PLUGIN_LEFT_BEHIND) else said


# 0.19 made strict mode the default: a report that blames that change is about tests left unmarked.
_SAID_STRICT_DEFAULT = re.compile(r"\bmode\b[^.\n]{0,40}\b(?:default(?:s|ed)? to|is now|became|switched to) `?strict\b"
                                  # "skipped because pytest-asyncio is running in strict mode"
                                  r"|\bbecause `?pytest[-_]asyncio`? (?:is )?run(?:s|ning)? in `?strict`? mode\b"
                                  # "new pytest_asyncio runs in strict mode"
                                  r"|\b(?:new|newer|latest) `?pytest[-_]asyncio`? (?:now )?runs in `?strict`? mode\b"
                                  r"|\bstrict\b[^.\n]{0,20}\b(?:is now|became|as) (?:the )?default\b"
                                  r"|\bstrict(?: mode)?`? is (?:now )?(?:the )?default\b"
                                  r"|\bdefault(?:s|ed)?(?: to)? `?strict`? mode\b|\bnew (?:default )?`?strict`? `?(?:asyncio_)?mode\b"
                                  # "Address incompatibility with strict mode for pytest-asyncio in 0.17.0"
                                  r"|\bincompatib\w* with (?:the )?`?strict`? mode\b"
                                  # the release that made it the default, named as what the tests broke on
                                  r"|\b(?:after|since) (?:the )?(?:release of |upgrad\w* to |updat\w* to )?`?pytest[-_]asyncio`?"
                                  r"(?: |==)v?0\.19\b"
                                  # 0.19 and strict mode in one sentence
                                  r"|(?<![\d.])0\.19(?:\.\d+)?\b[^.\n]{0,80}\bstrict\b|\bstrict\b[^.\n]{0,80}(?<![\d.])0\.19\b", re.I)
# A failure said to come from the mode ("failed in <link> because pytest's asyncio mode is `strict`").
_SAID_FAILED_STRICT = re.compile(r"\bfail\w*\b(?:[^.\n]|\.(?=\S)){0,120}\bbecause\b[^.\n]{0,40}\bmode is `?strict\b", re.I)


# The mode left unset, said to skip the tests.
_SAID_MODE_SKIPS = re.compile(r"\basyncio[-_ ]mode\b[^.\n]{0,80}\bskipped\b", re.I)
_NOT_SKIPPED = re.compile(r"\b(?:no|not|none|nothing|never)\b[^.\n]{0,30}\bskipped\b", re.I)
# A missing auto mode named as what broke the tests ("gaps that were silently breaking the test suite: no
# `asyncio_mode = auto` config").
# (not another plugin's "no `asyncio_mode = auto` equivalent")
_AUTO_MISSING = re.compile(r"\b(?:no|missing|without|lacks?|lacking)\s+(?:an? |the )?`?asyncio_mode\s*=\s*[\"']?auto\b`?"
                           r"(?![\"'`]?\s*(?:equivalent|counterpart|analog(?:ue)?)\b)", re.I)
_BROKE = re.compile(r"\b(?:break\w*|broke|broken|fail\w*|skipp\w*)\b", re.I)
# Denied, asked, or a changelog's or the docs' words: "don't break without", "Does it break …?", "- Fix: …".
_NOT_SAID = re.compile(r"n't\b|\b(?:not|no longer|nothing|never)\b|\?\s*$|^\W*(?:fix|fixed)\b|\bdocs?\b", re.I)


def _said_auto_missing(ctx) -> list:
    """A missing auto mode named, in one sentence of a report with no run, as what broke, failed or skipped
    the tests ("gaps that were silently breaking the test suite: no `asyncio_mode = auto` config")."""
    if not ctx.shows_no_results():
        return []
    said = []
    for hit in ctx.facts.find("asyncio_mode"):
        for sentence in re.split(r"(?<=[.!?])\s+", hit.value):
            missing = _AUTO_MISSING.search(sentence)
            rest = sentence[:missing.start()] + sentence[missing.end():] if missing else ""
            if missing and _BROKE.search(rest) and not _NOT_SAID.search(rest):
                said.append(hit)
                break
    return said


_ASYNCIO_NAMED = re.compile(r"asyncio|\bmark\b|\basync\b", re.I)
_OTHER_STRICT_TOOL = re.compile(r"\b(?:mypy|ruff|pyright|pylance|eslint|tsc|typescript|flake8|pylint|black|basedpyright)\b",
                                re.I)


def said_strict_default(ctx: Context) -> list:
    # The sentence is about pytest-asyncio's mode, not another tool's ("mypy's strict mode", "ruff 0.19").
    # (or a note of a few lines that names pytest-asyncio elsewhere: "Switch to pytest_asyncio.fixture\n\nThis is
    # required now that strict mode is the default.")
    short = len(ctx.facts.text.original) < 400 and ctx.facts.mentions("pytest_asyncio", "pytest-asyncio") \
        and not _OTHER_STRICT_TOOL.search(ctx.facts.text.original)
    said = [v for v in ctx.facts.lines_matching(_SAID_STRICT_DEFAULT) if short or _ASYNCIO_NAMED.search(v.value)] \
        if ctx.facts.mentions("strict", "0.19") else []
    if not said and ctx.facts.mentions("skipped") and ctx.facts.mentions("asyncio-mode", "asyncio_mode", "asyncio mode"):
        said = [v for v in ctx.facts.lines_matching(_SAID_MODE_SKIPS) if not _NOT_SKIPPED.search(v.value)]
    if not said and ctx.facts.mentions("mode is strict", "mode is `strict"):
        said = [v for v in ctx.facts.lines_matching(_SAID_FAILED_STRICT) if not _NOT_SAID.search(
                v.value[max(0, (m := _SAID_FAILED_STRICT.search(v.value)).start() - 15):m.end()])]
    if not said and ctx.facts.mentions("asyncio_mode"):
        said = _said_auto_missing(ctx)
    return said


def said_newer_plugin(ctx: Context) -> bool:
    return ctx.facts.mentions("asyncio") and bool(ctx.facts.lines_matching(_SAID_NEWER_PLUGIN))


# Strict mode and the marker in one sentence, in any language ("在 strict 模式下，没有 @pytest.mark.asyncio …").
_SAID_STRICT_UNMARKED = Gated(_UNMARKED_CUES, re.compile(r"\bstrict\b[^\n]{0,200}?(?:\bnot|n't|\bnever) (?:been )?"
                                                     r"marked\b", re.I | re.A))
_SAID_STRICT_MARKER = Gated(_UNMARKED_CUES, re.compile(r"\bstrict\b(?:(?!\bstrict\b)[^\n]){0,80}?mark\.asyncio"
                                                   r"|mark\.asyncio[^\n]{0,80}?\bstrict\b", re.I | re.A))


def said_unmarked(ctx: Context) -> list:
    """The report's sentences that say the async tests were not marked for the plugin."""
    said = [v for v in ctx.facts.gated(_SAID_UNMARKED) if not _ELSEWHERE.search(v.value)]
    # The strict-and-marker sentence judged by its own words, not by the rest of a long line.
    return said or [v for v in ctx.facts.gated(_SAID_STRICT_MARKER)
                    if any(not _ELSEWHERE.search(m.group(0)) for m in _SAID_STRICT_MARKER.regex.finditer(v.value))] \
        or ctx.facts.gated(_SAID_STRICT_UNMARKED)


_SAID_NOT_INSTALLED = re.compile(r"\bpytest-asyncio`? (?:(?:when|where|if) it )?(?:is not|was not|isn't|wasn't) installed\b"
                                 # "pytest-asyncio is required … but is not listed as an explicit dev dependency"
                                 r"|\bpytest-asyncio\b[^.\n]{0,80}?\b(?:is not|isn't|was not|wasn't) (?:listed|declared|included)"
                                 r" (?:as|in)\b"
                                 r"|\bpytest-asyncio`? (?:is|was) missing\b"
                                 r"|\bpytest-asyncio`? (?:is not|isn't|was not|wasn't) (?:a|one of the) (?:test )?dependenc"
                                 # (not "missing pytest-asyncio session scope marker": a thing of the plugin's)
                                 r"|\b(?:missing|without|lacks?|forgot to install) `?pytest[- ]asyncio\b`?(?! fixture"
                                 r"|\s+(?:session|module|package|class|scope|loop|marker|mark|decorator|config|option"
                                 r"|setting)s?\b)"
                                 # a patch that makes pytest load the plugin ("explicitly load the pytest-asyncio
                                 # plugin via addopts", "ensure pytest-asyncio plugin loads under strict config")
                                 r"|^(?![^\n]*(?:n't|\bno need|\bno longer|\bpreviously|\bhad to|\?|\b(?:before|after) "
                                 r"`?pytest-))[^\n]*?(?:\b(?:explicitly|ensure|make sure|force)\b[^.\n]{0,10}\bload\s+"
                                 r"(?:the\s+)?`?pytest[-_]asyncio\b"
                                 r"|\b(?:ensure|make sure)\s+(?:the\s+)?`?pytest[-_]asyncio`?\s+plugin\s+loads\b)"
                                 r"|\b(?:don't|do not|didn't|did not|doesn't|does not) install `?pytest-asyncio\b"
                                 r"(?![^.\n]*\bonly\b)"
                                 # a patch whose title adds it where the tests run ("Add pytest-asyncio to tox deps",
                                 # "tests: add pytest-asyncio dependency", "Add pytest-asyncio to hatch env", "ci: add
                                 # pytest-asyncio to test", "Add `pytest_asyncio` in test-requirements.txt", "pin
                                 # httpx<1.0 and add pytest-asyncio to dev group")
                                 r"|\A" + TITLE_START + r"(?:[^\n]{0,40}?\band )?add(?:s|ed)? `?pytest[-_]asyncio`? "
                                 r"(?:(?:to|as|in|into) (?:the |a )?(?:[\w.-]+ ){0,2}(?:env\w*|groups?|tests?|"
                                 r"[\w.-]*requirements[\w.-]*)\b"
                                 r"|(?:(?:to|as) (?:the |a )?(?:tox|test|tests|dev|testing|ci)\b[^\n.]{0,20}\b)?"
                                 r"(?:deps|dependenc\w*|requirements|extras?)\b)"
                                 r"|\bmissing (?:the |a )?(?:requirement|dependency|package|plugin)s? for (?:the )?async "
                                 r"test(?:s|ing)?\b(?! fixture)"
                                 # pytest "didn't know what `pytest.mark.asyncio` is": the marker of no loaded plugin
                                 # (pytest's, not an editor's or a type checker's)
                                 r"|(?m:^)(?![^\n]*\b(?:PyCharm|VS ?Code|IDE|mypy|pylance|pyright|lint\w*|editor)\b)[^\n]*?"
                                 r"\bpytest\b[^\n]{0,80}?\b(?:didn't|did not|doesn't|does not) (?:know|recogni[sz]e) "
                                 r"(?:what |about )?`?(?:pytest\.)?mark\.asyncio\b"
                                 # the marker not recognised, in Korean, Japanese or Chinese notes
                                 r"|(?m:^)(?![^\n]*(?:PyCharm|VS ?Code|\bIDE\b|Pylance|pyright|mypy|编辑器|エディタ|에디터|"
                                 r"해결|解決|解决))[^\n]*?mark\.asyncio`?[^\n]{0,20}?(?:인식되지|인식하지 못|認識され(?:ない|ず)"
                                 r"|(?:无法|不能|未被?|没有被?)识别)",
                                 re.I)


def said_not_installed(ctx: Context) -> list:
    """The report's sentences that say pytest-asyncio is missing where the tests ran."""
    cues = ("pytest-asyncio", "pytest_asyncio", "pytest asyncio", "async test", "mark.asyncio")
    return ctx.facts.lines_matching(_SAID_NOT_INSTALLED) if ctx.facts.mentions(*cues) else []


def said_installed(ctx: Context) -> list:
    """The report's sentences that say the plugin is installed where pytest runs and changed nothing (or that
    auto mode made the tests run)."""
    # (not "it passes locally, but on CI …": the plugin missing there is the other story)
    auto = [v for v in ctx.facts.lines_matching(_SAID_AUTO_FIXED) if not _LOCAL_ONLY.search(v.value)] \
        if ctx.facts.mentions("asyncio_mode") else []
    if not ctx.facts.mentions("install"):
        return auto
    return [v for v in ctx.facts.lines_matching(_SAID_INSTALLED) if not _ELSEWHERE.search(v.value)] + auto


def warnings_only(ctx: Context) -> bool:
    """The paste shows warnings but no test run (no results, no summary, no traceback):
    the user is asking about the warnings themselves."""
    f = ctx.facts
    # A warning's own location line ("…/plugin.py:208:") reads as a one-frame traceback: not a run.
    runs = [s for s in f.sections if s.kind != "traceback" or s.exceptions]
    return not (f.summary_line or f.outcomes or runs or f.exceptions or f.progress)


# ("CI tests [fail intermittently](https://…)": a link's bracket before the verb)
_SAID_TESTS_FAIL = re.compile(r"\btests? (?:are |were |is |was |keep |started )?\[?"
                              r"(?:fail(?:s|ed|ing)?|broken|breaking)\b"
                              r"|\bfailing tests?\b|\bpytest (?:is |was )?fail(?:s|ed|ing)?\b", re.I)


def cut_after_start(ctx: Context) -> bool:
    """A run that collected its tests and shows no result, or only progress lines of passing tests and no closing
    summary, in a report that says its tests fail: the output was cut before the failures (what it does show,
    warnings, the header, tests that passed, is not what the report is about)."""
    f = ctx.facts
    return (f.collected is not None
            and (ctx.shows_no_results() or f.summary_line is None and not f.outcomes and ctx.passed())
            and f.mentions("fail", "broke") and bool(f.lines_matching(_SAID_TESTS_FAIL)))


NO_LOOP_WARNING = "There is no current event loop"
_OUTPUT_START = re.compile(r"^(?:[=_\-+$>.]|\s|platform |rootdir|plugins:|collect|cachedir|[\w./\\:-]+\.py\b|```"
                           r"|[.sFEx]+\s+\[|(?:python -m )?pytest\b|Run )")
_ABOUT_WARNING = re.compile(r"warn|deprecat|event loop", re.I)


def no_loop_warnings(ctx: Context) -> list[tuple[str, str]]:
    """(the line the warning is printed on, the source line under it) for each DeprecationWarning "There is no
    current event loop" the paste shows: asyncio.get_event_loop() called with no loop set (Python 3.10-3.13)."""
    found = getattr(ctx, "_no_loop_warnings", None)
    if found is not None:   # asked by the story and by two rules: read once
        return found
    ctx._no_loop_warnings = found = []
    if not ctx.facts.mentions("there is no current event loop"):
        return found
    lines = ctx.facts.text.lines
    for w in ctx.facts.warnings:
        if w.category == "DeprecationWarning" and w.message.startswith(NO_LOOP_WARNING) and "in thread" not in w.message:
            where = lines[w.line - 1].text if 0 < w.line <= len(lines) else ""
            if "pytest_asyncio" not in where:   # the plugin's own call is a release matter (LD010)
                found.append((where, lines[w.line].text.strip() if w.line < len(lines) else ""))
    return found


# "The autouse fixture _x in tests/conftest.py calls asyncio.get_event_loop_policy().get_event_loop()": the report
# places the call in the suite's own code.
# ("The 4 workspace permission tests used asyncio.get_event_loop().run_until_complete() in sync functions")
_OWN_CALL_SAID = re.compile(r"\b(?:fixture|conftest\.py|our (?:tests?|code)|the tests?|tests)\b[^.\n]{0,80}?"
                            r"\b(?:call(?:s|ed|ing)?|us(?:e|es|ed|ing))\s+"
                            r"`?asyncio\.(?:get_event_loop_policy\(\)\.)?get_event_loop\(", re.I)


def said_own_no_loop_call(ctx: Context) -> list:
    """A report's sentence that the suite's own code calls asyncio.get_event_loop() and gets the no-loop
    warning: Python's deprecation met by the suite, not the plugin's call."""
    if not ctx.facts.mentions("no current event loop") or ctx.facts.lines_matching(_PLUGIN_PLACED):
        return []
    # (the plugin's event_loop fixture is no code of the suite)
    return [v for v in ctx.facts.lines_matching(_OWN_CALL_SAID) if not _PLUGIN_WORDS.search(v.value)]


# "`asyncio.get_event_loop()` is deprecated", "calling on `get_event_loop()` throws a deprecation warning",
# "resolve asyncio get_event_loop deprecation in Python 3.12": Python's deprecation of the implicit loop, in words.
_GET_EVENT_LOOP_DEPRECATED = Gated(
    ("get_event_loop",),
    re.compile(r"\bget_event_loop\b[^.\n]{0,100}?\b(?:(?:is|was|being|been|now) (?:soft[- ])?deprecated\b"
               r"|(?:emits|emitted|throws|raises|issues|gives|causes) (?:a |an )?(?:`?DeprecationWarning\b"
               r"|deprecation warning))|\bget_event_loop`?(?:\(\))?`? deprecation\b", re.I))


# (a report that tells of it as trouble: a clean-up that only moves off the deprecated call is no failure)
_TOLD_AS_TROUBLE = re.compile(r"\b(?:fix(?!ture)\w*|errors?|fail\w*|broke\w*|break\w*|crash\w*|rework\w*)\b", re.I)


def said_get_event_loop_deprecated(ctx: Context) -> list:
    """A report's sentence that asyncio.get_event_loop() is deprecated or warns, in a report that tells of it as
    trouble: Python's deprecation met by the suite's or a library's call, not the plugin's (said of pytest-asyncio
    or its event_loop fixture, it is theirs)."""
    said = [v for v in ctx.facts.gated(_GET_EVENT_LOOP_DEPRECATED) if not _PLUGIN_WORDS.search(v.value)]
    return said if said and _TOLD_AS_TROUBLE.search(ctx.facts.text.original[:200_000]) else []


_PLUGIN_PLACED = re.compile(r"pytest_asyncio[/\\]plugin\.py")
_PLUGIN_WORDS = re.compile(r"\bevent_loop\b|\bplugin|pytest[-_]asyncio", re.I)


def loop_warning_subject(ctx: Context) -> bool:
    """The paste is about that warning: no test fails, and it shows no run at all or frames the run with the
    report's own words first (a title, a sentence)."""
    if ctx.failed() or ctx.run_exceptions() or not no_loop_warnings(ctx):
        return False
    first = next((l.text for l in ctx.facts.text.lines if l.text.strip()), "")
    if warnings_only(ctx):
        return True
    # A passing run is about the warning only when the report's first words say so.
    return not _OUTPUT_START.match(first) and (not ctx.passed() or bool(_ABOUT_WARNING.search(first)))


def warning_from_test_code(ctx: Context) -> bool:
    """The warning points at the suite's own test code running a coroutine on the loop itself."""
    return any("run_until_complete(" in source and _SUITE_TEST_LOCATION.match(where)
               for where, source in no_loop_warnings(ctx))


def crashed_on_warning(ctx: Context, needle: str) -> bool:
    """A warning turned into an INTERNALERROR (filterwarnings = error)."""
    return any("INTERNALERROR" in v.value for v in ctx.facts.find(needle))


_EVENT_LOOP_WORD = re.compile(r"(?<![\w.])event_loop\b")


def second_plugin_loop(ctx: Context) -> bool:
    """pytest-aiohttp (its ``[pyloop]`` ids, its ``aiohttp_client`` fixture) next to pytest-asyncio: two
    plugins, two loops."""
    # pytest-asyncio must claim the tests too: marked ones, or auto mode (merely installed, it takes none).
    aiohttp_claims = ctx.has("[pyloop]", "aiohttp_client = <", "pytest_aiohttp") and (
        ctx.has("mark.asyncio") or ctx.env.mode.value == "auto")
    # Or the report names both plugins' loop fixtures: pytest-aiohttp's `loop` and pytest-asyncio's `event_loop`.
    # (the fixture's own name: "set_event_loop_policy" is no word of it)
    return aiohttp_claims or (ctx.has("`loop` fixture") and bool(ctx.facts.lines_matching(_EVENT_LOOP_WORD))) \
        or _own_loop_plugin_beside_asyncio(ctx) \
        or own_loop_plugin_named(ctx) is not None


def missing_await_lines(ctx: Context) -> list:
    """Lines of UNAWAITED_RESULT that read as a call used without await: no fixture code shown, and no coroutine
    said never awaited that is named after a parameter of a test the paste shows (an un-run async fixture)."""
    lines = ctx.facts.lines_matching(UNAWAITED_RESULT)
    if not lines or ctx.sources.fixtures:
        return []
    params = {p for v in ctx.facts.lines_matching(_TEST_DEF)
              for p in re.findall(r"\w+", _TEST_DEF.search(v.value).group(1))}
    never = {m.group(1) for v in ctx.facts.lines_matching(_NEVER_AWAITED_NAME)
             for m in [_NEVER_AWAITED_NAME.search(v.value)]}
    return [] if params & never else lines


_TEST_DEF = re.compile(r"\bdef test\w*\(([^)]*)\)")
_NEVER_AWAITED_NAME = re.compile(r"coroutine '(?:[\w.]+\.)?(\w+)' was never awaited")


# pytest-asyncio's warning for a marked test it finds synchronous.
MARKED_NOT_ASYNC = re.compile(r"is marked with '@pytest\.mark\.asyncio' but it is not an async function")


def coroutine_hidden_by_decorator(ctx: Context) -> list:
    """The same suite's async tests seen as synchronous by pytest-asyncio where marked, and as coroutines pytest
    skips where not: a decorator of the suite's own wraps each async test in a sync function (it returns the
    coroutine un-awaited), which no loop setting changes. The warning lines, or []."""
    if not ctx.has("async def functions are not natively supported", "PytestUnhandledCoroutineWarning"):
        return []
    # pytest shows the source line the warning points at under it: a decorator other than pytest's own there is
    # what wraps the test (a sync test under a module's asyncio mark shows its def line instead).
    lines = ctx.facts.text.lines
    return [v for v in ctx.facts.lines_matching(MARKED_NOT_ASYNC)
            if any(_OWN_DECORATOR.match(l.text) for l in lines[ctx.facts.position(v.line) + 1:
                                                                ctx.facts.position(v.line) + 3])]


_OWN_DECORATOR = re.compile(r"\s*@(?!pytest\b|pytest_asyncio\b)[\w.]+")


# A worker thread calling back into its loop: where "Event loop is closed" comes from when a connection served by a
# thread (aiosqlite's) outlives the loop.
_THREAD_AFTER_LOOP = re.compile(r"PytestUnhandledThreadExceptionWarning|_connection_worker_thread"
                                r"|\bException in thread\b")


def _closed_in_a_thread(ctx: Context) -> bool:
    """An "Event loop is closed" line within the report of a thread's exception (on its line or the lines after)."""
    threads = [ctx.facts.position(v.line) for v in ctx.facts.lines_matching(_THREAD_AFTER_LOOP)[:50]]
    closed = [ctx.facts.position(v.line) for v in ctx.facts.find("Event loop is closed")[:50]]
    return any(0 <= c - t <= 20 for t in threads for c in closed)


# Plugins whose test client always serves the app on a loop of their own: (name, where its loop comes from).
OWN_LOOP_PLUGINS = (("pytest-sanic", "its test client serves the app on its own `loop` fixture"),
                    ("pytest-tornado", "its `io_loop` fixture runs the app and its tests on a Tornado loop of its own"))


def own_loop_plugin_named(ctx: Context) -> tuple[str, str] | None:
    """A plugin of OWN_LOOP_PLUGINS that a report (its header, its list of installed packages) names beside
    pytest-asyncio: (name, where its loop comes from)."""
    plugins = ctx.facts.header.plugins
    if not plugin_shown(ctx):
        return None
    for name, loop in OWN_LOOP_PLUGINS:
        short = name.removeprefix("pytest-")
        if plugins:   # a header lists every plugin the run loaded: it alone says
            if short in plugins:
                return name, loop
            continue
        said = ctx.facts.find(name) + ctx.facts.find(name.replace("-", "_"))
        if any(not _DROPPED.search(v.value) for v in said):
            return name, loop
    return None


# A plugin named as gone: "we dropped pytest-sanic", "removed pytest-tornado", "instead of pytest-sanic".
_DROPPED = re.compile(r"\b(?:dropp\w*|remov\w*|replac\w*|migrat\w*|moved|switch\w*|instead of|no longer|got rid of"
                      r"|uninstall\w*|without)\b", re.I)


def anyio_beside_auto_mode(ctx: Context) -> bool:
    """anyio's plugin switched on by its marker, failing on its own anyio_backend fixture, where pytest-asyncio's
    auto mode takes every async test and fixture too: which plugin wraps a fixture depends on the order they load."""
    auto = ctx.env.mode.value == "auto" or ctx.has('asyncio_mode = "auto"', "asyncio_mode = auto", "asyncio_mode=auto")
    # (two substrings of one line: a regex with a gap between them costs quadratic time on a long hostile line)
    return auto and ctx.has("mark.anyio") and any("anyio_backend" in v.value for v in ctx.facts.find("ScopeMismatch"))


def _own_loop_plugin_beside_asyncio(ctx: Context) -> bool:
    """The header lists a plugin that runs async tests on a loop of its own (pytest-aiohttp before 1.0, which is
    built on pytest-asyncio; pytest-tornasync, which runs every coroutine test) beside a pytest-asyncio that
    takes every async test or fixture (before 0.17, or in auto mode)."""
    plugins = ctx.facts.header.plugins
    aiohttp, asyncio_plugin = plugins.get("aiohttp"), plugins.get("asyncio")
    if asyncio_plugin is None or (aiohttp is None and "tornasync" not in plugins):
        return False
    try:
        own_loop = "tornasync" in plugins or rel.V(aiohttp.value) < rel.V("1.0")
        takes_all = rel.V(asyncio_plugin.value) < rel.V("0.17") or ctx.env.mode.value in ("auto", "legacy")
    except ValueError:
        return False
    # (and the failure is an async test's or a loop's: a sync test failing beside them is its own matter)
    return own_loop and takes_all and ctx.facts.mentions("async def", "different loop", "different event loop",
                                                         "event loop is closed", "[pyloop]")


# Python 3.14 deprecates asyncio APIs that pytest-asyncio releases called themselves: asyncio.iscoroutinefunction
# (no release calls it from 0.25.0) and the event loop policy functions (their warnings silenced from 1.0.0).
PY314_DEPRECATIONS = (
    ("asyncio.iscoroutinefunction", "0.25.0",
     re.compile(r"asyncio\.iscoroutinefunction['`]? (?:is deprecated|DeprecationWarning)"
                r"|\basyncio\.iscoroutinefunction\(")),
    ("asyncio's event loop policy functions", "1.0.0",
     re.compile(r"asyncio\.(?:get|set)_event_loop_policy'? is deprecated|AbstractEventLoopPolicy'? is deprecated"
                r"|\basyncio\.(?:get|set)_event_loop_policy\(")),
)
_RUNNERS = ("_pytest", "pluggy")   # they run the code that makes the call, they do not make it
_PACKAGE_PATH = re.compile(r"(?:site|dist)-packages[/\\](\w+)[/\\]|\b(pytest_asyncio)[/\\]", re.I)
_PLUGIN_SAID = re.compile(r"\bfrom pytest-asyncio\b", re.I)   # "DeprecationWarnings from pytest-asyncio 0.21.x"
# A file location: a warning's "path.py:12:", a frame's "path.py:12: in f" or 'File "path.py", line 12'.
LOCATION = re.compile(r"(?P<file>[^\s:\"]{1,300}\.py)(?::\d+\b|\", line \d+)")
_BARE_LOCATION = re.compile(r"\s*(?P<file>[^\s:\"]{1,300}\.py):\d+\b(?!:)")
# Python's own library (asyncio/coroutines.py, warnings.py), where a deprecation is raised, not made.
_STDLIB = re.compile(r"[/\\]lib(?:64)?[/\\]python3[\d.]*[/\\](?!(?:site|dist)-packages)|[/\\]Lib[/\\](?!site-packages)"
                     r"|^<frozen ", re.I)
LONG_LINE = 2000   # a warning's location line is short; a minified blob is not one
OWN_CODE = "the suite's own code"
_UNPLACED = object()   # the text names no file


@dataclass
class DeprecatedCall:
    api: str            # what Python deprecates
    fixed_in: str       # the pytest-asyncio release that no longer warns of it
    line: Value         # the warning or the call in the paste
    caller: str | None  # the package whose frame makes the call, OWN_CODE for the suite's, None where not shown


def deprecated_asyncio_calls(ctx: Context) -> list[DeprecatedCall]:
    """Calls of asyncio APIs that Python 3.14 deprecates, each with who made it where the paste shows: the warning's
    own location, the frame line above a call, or the innermost frame of a traceback that is not Python's own.
    Read once per paste: the release reading and the not-a-loop reading both ask."""
    if getattr(ctx, "_deprecated_calls", None) is None:
        ctx._deprecated_calls = _deprecated_asyncio_calls(ctx)
    return ctx._deprecated_calls


def _deprecated_asyncio_calls(ctx: Context) -> list[DeprecatedCall]:
    if not (ctx.facts.mentions("iscoroutinefunction", "event_loop_policy", "eventlooppolicy")
            and ctx.facts.mentions("deprecat")):
        return []
    lines = ctx.facts.text.lines
    calls, innermost = [], {}
    for api, fixed_in, regex in PY314_DEPRECATIONS:
        for value in ctx.facts.lines_matching(regex):
            i = ctx.facts.position(value.line)
            if len(value.value) > LONG_LINE:
                continue
            caller = "pytest_asyncio" if _PLUGIN_SAID.search(value.value) else _caller_of(value.value)
            # Not placed by its own line: the frame line above a call, or a traceback's innermost frame.
            for j in range(i - 1, max(i - 3, -1), -1) if not _placed(caller) else ():
                above = _caller_of(lines[j].text) if len(lines[j].text) <= LONG_LINE else _UNPLACED
                if _placed(above):
                    caller = above
                    break
            # A report's own summary may list where the warning came from below it, one bare location a line
            # ("  site-packages/pytest_asyncio/plugin.py:169   (~99%)"): only an installed package's counts there.
            for j in range(i + 1, min(i + 3, len(lines))) if not _placed(caller) else ():
                below = _BARE_LOCATION.match(lines[j].text)
                if below and _caller_of_path(below.group("file")) not in (None, OWN_CODE):
                    caller = _caller_of_path(below.group("file"))
                    break
            section = section_at(ctx, value.line) if not _placed(caller) else None
            if section is not None:
                if id(section) not in innermost:   # once per traceback, however many lines match in it
                    placed = [c for f in section.frames if _placed(c := _caller_of_path(f.file)) and c not in _RUNNERS]
                    innermost[id(section)] = placed[-1] if placed else None
                caller = innermost[id(section)] or caller
            if not _placed(caller):
                if "eprecat" not in value.value:
                    continue   # a call in quoted code, or a frame whose file the paste does not show
                caller = None
            calls.append(DeprecatedCall(api, fixed_in, value, caller))
    return calls


def deprecation_is_the_failure(ctx: Context) -> bool:
    """The deprecation warning is what failed (raised as an error), or nothing else did: beside another error,
    that error is the one to read."""
    raised = any(e.type.rsplit(".", 1)[-1] == "DeprecationWarning" for e in ctx.facts.exceptions)
    others = [e for e in ctx.run_exceptions() if not e.type.endswith("Warning")]
    return raised or not others


def _placed(caller) -> bool:
    return caller is not None and caller is not _UNPLACED


def innermost_callers(ctx: Context, message: str) -> set:
    """Who makes the call that raised each exception whose message holds ``message``: the innermost frame of its
    traceback that is neither Python's own nor pytest's runner (OWN_CODE for the suite's); tracebacks that show
    no such frame are left out."""
    callers = set()
    for exc in ctx.facts.exceptions:
        section = section_at(ctx, exc.line) if message in exc.message else None
        if section is not None:
            placed = [c for f in section.frames if _placed(c := _caller_of_path(f.file)) and c not in _RUNNERS]
            if placed:
                callers.add(placed[-1])
    return callers


def _caller_of(text: str):
    """Who the location a line shows names (_UNPLACED where it shows none)."""
    match = LOCATION.search(text)
    return _UNPLACED if match is None else _caller_of_path(match.group("file"))


def _caller_of_path(path: str):
    """An installed package, None for Python's own files, OWN_CODE for the suite's."""
    package = _PACKAGE_PATH.search(path)
    if package:
        return package.group(1) or package.group(2)
    return None if _STDLIB.search(path) else OWN_CODE
