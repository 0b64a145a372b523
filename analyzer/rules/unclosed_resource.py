"""LD008: a resource is not closed before its loop ends."""
from __future__ import annotations

import re

from ..model import Confidence, FixKind, Pattern, Verdict
from ..pytest_output import Gated
from ._common import finding, prose
from ._story import NOT_DISPOSED, TITLE_START, other_failure_messages, sentence_of, stated, story, task_collected
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD008",
    pattern=Pattern.UNCLOSED_RESOURCE,
    title="A resource is not closed before its loop ends",
    verdict=Verdict.LOOP_MISMATCH,
    kb=KnowledgeBase(
        what=(
            "A connection, pool, engine, client or task is still open when the event loop it was "
            "created on ends. pytest-asyncio closes each loop at the end of its scope (after every test "
            "for the default function loop); whatever is still open then is cleaned up later by garbage "
            "collection or at interpreter exit, on a loop that no longer runs.\n\n"
            "Symptoms at teardown or at the end of the run: `RuntimeError: Event loop is closed` from a "
            "connection's or transport's clean-up (often printed as `Exception ignored in: …`), "
            "`ResourceWarning: unclosed …`, `Task was destroyed but it is pending!`, aiohttp's "
            "`Unclosed client session`, or SQLAlchemy's `The garbage collector is trying to clean up "
            "non-checked-in connection`. With `filterwarnings = error` these warnings become test "
            "errors."
        ),
        why=(
            "Closing a network resource is itself asynchronous: the transport has to be closed, and the "
            "close awaited, on the loop that owns it. If a fixture yields a client without a teardown, "
            "or the teardown runs on another loop, the resource outlives its loop. When it is finally "
            "collected, its finaliser tries to schedule the close on the closed loop and asyncio raises "
            "`Event loop is closed`, or it only warns that the resource was never closed.\n\n"
            "Loop scopes decide when that happens. A session-cached engine whose loop is a test's "
            "function loop outlives that loop (LD002); a function-scoped fixture without teardown leaks "
            "one connection per test; background tasks started in a test and never awaited are "
            "destroyed while pending when the loop closes.\n\n"
            "pytest-asyncio adds its own signals: on 0.21–0.26, `pytest-asyncio detected an unclosed "
            "event loop when tearing down the event_loop fixture` when an `event_loop` fixture (usually "
            "a custom one) left its loop open; from 1.1.0, a test or fixture that closes the loop "
            "itself causes `RuntimeWarning: An exception occurred during teardown of an "
            "asyncio.Runner.`; and 1.4.0 fixed pytest-asyncio's own `ResourceWarning: unclosed event "
            "loop` (#724)."
        ),
        example=(
            "import pytest\n"
            "import pytest_asyncio\n"
            "from sqlalchemy.ext.asyncio import create_async_engine\n"
            "\n"
            "\n"
            "@pytest_asyncio.fixture\n"
            "async def engine():\n"
            "    # no teardown: the pooled connection outlives this test's loop\n"
            '    return create_async_engine("postgresql+asyncpg://localhost/test")\n'
            "\n"
            "\n"
            "@pytest.mark.asyncio\n"
            "async def test_select(engine):\n"
            "    async with engine.connect() as conn:\n"
            '        await conn.exec_driver_sql("select 1")\n'
        ),
        example_language="python",
        fix=(
            "Close the resource in the fixture that created it, after `yield`, so the close runs on the "
            "same loop: `yield engine` then `await engine.dispose()` for a SQLAlchemy `AsyncEngine`; "
            "`await client.aclose()` for an `httpx.AsyncClient` and for `redis.asyncio` clients "
            "(`close()` on older redis-py); `await pool.close()` for an asyncpg pool; `await "
            "session.close()` for an aiohttp `ClientSession`. Wrapping the `yield` in the resource's "
            "`async with` does the same.\n\n"
            "Make the fixture's loop live at least as long as its cache (LD002): a session-cached "
            'engine needs `loop_scope="session"` (0.24+), so that its set-up and teardown run on the '
            "same loop.\n\n"
            "Cancel and await the background tasks you start (`task.cancel()`, then `await "
            "asyncio.gather(task, return_exceptions=True)`) before the test or fixture ends.\n\n"
            "Do not close the loop yourself in a test or fixture, and do not keep resources in module "
            "globals (LD003).\n\n"
            "To find where a leaked object was made, run Python with `-X tracemalloc=20` (warnings then "
            "show the allocation traceback) and `-W error::ResourceWarning`, or enable asyncio debug "
            "mode with `--asyncio-debug` (pytest-asyncio 1.2.0+)."
        ),
        tradeoffs=(
            "Closing in the fixture's teardown is the correct fix; it adds a little teardown time and "
            "must live in the same fixture as the set-up (a separate finaliser may run on another loop "
            "or after the loop is gone).\n\n"
            "Widening the fixture's loop so set-up and teardown meet shares that loop between tests, "
            "with the usual risk of one test's leftovers affecting the next.\n\n"
            "Silencing the warnings with `filterwarnings` hides leaks that come back as flaky `Event "
            "loop is closed` errors or as a database running out of connections."
        ),
        references=(
            Reference("Python: developing with asyncio (debug mode, ResourceWarning)",
                      "https://docs.python.org/3/library/asyncio-dev.html"),
            Reference("SQLAlchemy: asyncio extension (AsyncEngine.dispose)",
                      "https://docs.sqlalchemy.org/en/20/orm/extensions/asyncio.html"),
            Reference("pytest-asyncio: Decorators (fixture loop scopes)",
                      "https://pytest-asyncio.readthedocs.io/en/stable/reference/decorators/index.html"),
            Reference("pytest-asyncio #724: ResourceWarning for unclosed event loops",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/724"),
            Reference("pytest-asyncio #1200: Event loop is closed at fixture teardown",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/1200"),
        ),
    ),
)


# Every alternative starts with one of the letters of the look-ahead, which skips every other position at once
# (a pass over a 1 MB log four times faster); a new alternative must start with one of them.
UNCLOSED = re.compile(
    r"(?=[UuRTtAEpcLFN])(?:"
    # (not a sync resource: sqlite3's "unclosed database", a file's "unclosed file")
    r"Unclosed client session|Unclosed connector|unclosed transport|ResourceWarning: unclosed(?! database\b| file\b)"
    r"|\bUnclosed [A-Z]\w{0,60}?(?:Producer|Consumer|Client|Session|Connection|Pool)\b"
    r"|[Tt]ask (?:was )?destroyed but it (?:is|was) pending|An exception occurred during teardown of an asyncio\.Runner"
    r"|pytest-asyncio detected an unclosed event loop|Exception ignored in: <function [^\s>]{0,200}?(__del__|close)"
    r"|Error cleaning up asyncio loop|coroutine (?:method )?'[\w.]*(close|aclose|dispose|disconnect)\w*'"
    r"(?: of '[^'\n]{1,200}')? was never awaited"
    # asyncpg's cancellation of a query still running on a connection when its loop shuts down
    r"|coroutine 'Connection\._cancel' was never awaited"
    # Home Assistant's and ophyd-async's per-test clean-up checks
    r"|\bLinger(?:ing)? (?:timer|task|handle)s? after\b|\bFailed: Linger(?:ing)? (?:timer|task|handle)s?\b"
    r"|\bNot all tasks closed during test\b"
    # a coroutine still scheduled when its loop closed: asyncio drops the loop's callbacks (base_events.py's close)
    # (the literal first, so the look-behinds run only where it stands)
    r"|RuntimeWarning: (?:(?<=base_events\.py:\d\d: RuntimeWarning: )|(?<=base_events\.py:\d\d\d: RuntimeWarning: )"
    r"|(?<=base_events\.py:\d\d\d\d: RuntimeWarning: ))coroutine '[\w.]+' was never awaited)")
# The cue words of the two readings in words below: each paste they match has one of them.
_LEAK_CUES = ("leak", "unclosed", "being closed", "getting closed", "too many open files", "gc'd",
              "garbage collected", "garbage-collected", "__del__", "finaliz", "finalis", "not closed",
              "never closed", "n't closed", "properly closed", "correctly closed", "resourcewarning",
              "resource warning", "resource usage warning", "loop closure", "loop is closed", "loop was closed",
              "loop has been closed", "explicitly close", "properly close", "outliv", "never close", "not close",
              "not closing", "n't close", "dead loop", "closed loop", "correctly closing", "properly closing",
              "without cancel", "task in the test", "tasks in the test", "created in the test",
              "before the event loop closes", "tasks survived", "task survived", "lingering", "disposed",
              "destroyed", "exhaust", "closes the loop", "closing the loop", "closes the event loop",
              "closing the event loop", "loop closed", "close all", "torn down", "shut down", "loop exits",
              "loop ends", "to a closed", "warnings about", "warning about", "without awaiting", "at teardown",
              "when closing", "leav", "left")
# The same said in a report's words: a leak, or connections never closed. Read only where the words occur (a
# pass of these over a large log costs more than all the printed signals together).
SAID_LEAK = Gated(_LEAK_CUES, re.compile(
    r"\bleak\w*\b[^.\n]{0,40}\b(?:sockets?|connections?|sessions?|transports?)\b(?!-)"   # (not "socket-mode tests")
    r"|\b(?:socket|connection|session|transport)s? leak"
    # "A teardown-phase probe named the two leaked tasks": tasks left running past their test's loop
    # (tasks a report points at: not "leaked tasks detection", a feature)
    r"|\b(?:these|those|two|three) (?:\w+ )?leaked (?:background )?tasks\b(?! detect| check| of each| per test)"
    r"|\bunclosed (?:client |aiohttp |http |db |database )?(?:file descriptors?|fds|sockets?|connections?|transports?"
    r"|sessions?|resources)\b"
    # a title: "Unclosed consumer and producer warnings when using AsyncContextManager interface"
    r"|(?m:^)" + TITLE_START + r"unclosed (?:[\w-]+ )?(?:consumers?|producers?|clients?)\b"
    # "pytest-asyncio implicitly creates an event loop … and never closes it"
    r"|\b(?:creates?|created|opens?|opened) (?:an? |the |its )?(?:new )?(?:event )?loop\b[^.\n]{0,80}"
    r"\b(?:never|not|doesn't|does not) clos(?:es|ed|e)\b"
    # "deferred async-generator finalizers … landing on a dead loop and leaking tasks/warnings into later tests"
    r"|(?<!never )(?<!not )(?<!n't )(?<!would )\b(?:land(?:s|ed|ing)?|ends? up|ended up|run(?:s|ning)?) on (?:a |the )?"
    r"(?:dead|closed) (?:event )?loop\b"
    # "Fix lingering tasks and timers in connection tests" (the tasks and timers a test left behind)
    r"|\b(?:fix(?:es|ed|ing)?|clean\w* up|avoid\w*|remov\w*)\b[^.\n]{0,20}\blingering (?:tasks?|timers?|handles?)\b"
    # "The graceful TLS close was occasionally outliving the test event loop"
    r"|\boutliv(?:e|es|ed|ing) (?:the |its |their )?(?:test(?:'s)? )?(?:event )?loop\b"
    # "fix test_concurrency socket unclosed"
    r"|\b(?:sockets?|connections?|sessions?|transports?) (?:left )?unclosed\b"
    # "Close the process after termination to avoid uncaught exceptions after event loop closure"
    r"|\bclos(?:e|es|ing)\b[^.\n]{0,80}\b(?:after|once) (?:the )?event[ _]loop (?:closure|(?:is |was |has been )?closed)\b"
    # "Fix not closing the aiohttp ClientSession in tests"
    r"|\bfix(?:es|ed)?:?\s+not closing (?:the |an? |our )?(?:\w+ ){0,2}(?:connections?|sessions?|sockets?|pools?|clients?"
    r"|ClientSessions?"
    r"|transports?)\b"
    # "stopped the process-wide bridge event loop **without cancelling the coroutines still running on it**"
    r"|\bstop(?:s|ped|ping)?\s+the\s+(?:[\w-]+\s+){0,3}?(?:event\s+)?loop\b\W{0,4}without\s+cancel\w*"
    # "waiting for the websocket tasks … to finish before the event loop closes", "keepalive tasks survived until …"
    r"|\bto finish before the (?:event )?loop (?:closes|is closed)\b|\btasks? survived\b"
    # "so in-flight callbacks can deliver before pytest closes the loop"
    r"|\bbefore (?:pytest(?:-asyncio)? |asyncio )?clos(?:es|ing) the (?:test(?:'s)? )?(?:event )?loop\b"
    # "Await tasks created in the tests", "Close and await server fixture task in the tests" (left running at the end)
    r"|\bawait (?:the )?(?:[\w-]+ ){0,3}tasks? (?:created )?in (?:the )?tests?\b"
    # "test_parameter was not correctly closing the connection before closing the event loop"
    r"|\bnot (?:correctly |properly )?closing (?:the |its |a |an )?(?:\w+ ){0,2}(?:connections?|sessions?|sockets?"
    r"|websockets?|clients?|pools?|transports?) before (?:closing )?(?:the )?(?:event )?loop\b"
    # "explicitly close connection in the test"
    r"|\b(?:explicitly|properly) close (?:the )?(?:connections?|clients?|sessions?|pools?) in (?:the |each )?tests?\b"
    # a patch's title: "Explicitly close consul client session"
    r"|(?m:^)" + TITLE_START + r"(?:explicitly|properly) close (?:the )?(?:[\w-]+ ){0,2}(?:connections?|clients?"
    r"|sessions?|pools?)\s*$"
    # "This prevents spurious warnings about unterminated tasks"
    r"|\b(?:prevent|avoid|silenc|fix|remov)\w*\b[^.\n]{0,30}\bwarnings? about (?:the )?(?:unterminated|pending"
    r"|unfinished|destroyed) tasks\b"
    # "Fix asyncio SSL unclosed warning"
    r"|\b(?:fix\w*|silenc\w*|avoid\w*|get rid of|clos(?:e|es|ing))\b[^.\n]{0,30}\bunclosed\b[^.\n]{0,20}\bwarnings?\b"
    r"|\b(?:connections?|sessions?|sockets?|pools?|clients?)\b[^.\n]{0,30}\b(?:aren't|are not|isn't|is not|never|weren't"
    r"|were not|wasn't|was not)"
    r" (?:being )?(?:properly |correctly )?closed\b|" + NOT_DISPOSED +
    # "close websocket in ssl tests to avoid event loop closed errors", "fixup tests that do not close all event loops"
    r"|\bclos\w*\b[^.\n]{0,40}\bto (?:avoid|prevent|fix)\b[^.\n]{0,20}\bevent[_ ]loop (?:is |was )?closed\b"
    r"|\btests? (?:that )?(?:do|does|did)(?: not|n't) close (?:all |their |the )?(?:event )?loops\b"
    # "The store fixture never closed its connection pool"
    r"|\b(?:never|not) (?:closed|closing) (?:its|their|our) (?:\w+ ){0,2}(?:pools?|connections?|sessions?"
    r"|clients?|engines?)\b"
    # "my long running tasks were throwing warnings about tasks being destroyed but were pending"
    r"|\btasks? (?:being |were |was |are |is )?destroyed (?:but|while) (?:they )?(?:were |was |are |is )?"
    r"(?:still )?pending\b"
    # "exhausting the system DBus connections limit"
    r"|\bexhaust(?:s|ed|ing)?\b[^.\n]{0,40}\bconnections?\b"
    # "lingering connections to the postgres database"
    r"|\blingering (?:\w+ )?connections?\b"
    # ResourceWarnings (Python's word for a resource left unclosed) said to be fixed or closed
    r"|\b(?:clos\w*|gets? rid of|fix\w*|resolv\w*)\b[^.\n]{0,60}\b(?:ResourceWarnings?|resource (?:usage )?warnings?)\b"
    # "This prevents spurious ResourceWarnings" (Python's warning named, not a side note on "resource warnings")
    r"|\b(?:prevent\w*|avoid\w*)\b[^.\n]{0,30}\b(?-i:ResourceWarnings?)\b"
    # "a worker thread occasionally tries to write to a closed event loop during fixture teardown", "closes aiosqlite
    # connections explicitly before the loop exits"
    r"|\b(?:write|writes|post|posts|call|calls|schedule|schedules) (?:back )?to a closed (?:event )?loop\b"
    r"[^.\n]{0,40}\b(?:teardown|tear down|after the test|at the end)\b"
    r"|\bclos(?:e|es|ing) (?:the )?(?:\w+ ){0,2}(?:connections?|sessions?|clients?|pools?) (?:explicitly )?before the "
    r"(?:event )?loop (?:exits|ends)\b"
    # "close() previously cancelled listener, event processor, audio stream, and connection tasks without awaiting
    # them"
    r"|\bcancel(?:s|led|ed)\b[^.\n]{0,80}\btasks? without awaiting (?:them|it)\b"
    # "Tasks that are not gathered properly at teardown", "a rogue connection that we open … but never close"
    r"|\btasks? (?:that )?(?:are|were) not (?:gathered|awaited|cancelled|canceled|closed)(?: properly)? at "
    r"(?:the )?teardown\b"
    r"|\b(?:open|opens|opened)\b[^.\n]{0,80}\bbut never close\b"
    # a title: "Await bucket manager gc task to completion when closing"
    r"|(?m:^)" + TITLE_START + r"await (?:the )?(?:[\w-]+ ){0,3}tasks? (?:to completion )?when closing\b"
    # "we call create_task in tests and the event loop is torn down before the task is started"
    r"|\b(?:event )?loop (?:is|was) (?:torn down|closed|shut down) before (?:the |our |a |any )?(?:\w+ )?tasks? "
    r"(?:is |are |was |were |has |have )?(?:been )?(?:started|run|ran|scheduled|finished|done|completed?)\b"
    # "a cursor's __del__ tries to send killCursors while the test is stopping the event loop"
    r"|\b__del__\b[^.\n]{0,80}\bwhile (?:the )?(?:test )?(?:is )?(?:stopping|closing) (?:the |its )?(?:event )?loop\b"
    r"|\b(?:ResourceWarnings?|resource (?:usage )?warnings?)\b[^.\n]{0,60}\b(?:unclosed|not closed|failure to close)\b",
    re.I))


# "there is no connection leak", "not a leak", "isn't leaking", "must never outlive": denied. ("so tests do not leak
# sockets" is a patch saying what it stops, and "were never explicitly closed" a leak: both count.)
_DENIED = re.compile(r"\b(?:no|not an?|isn't|is not|wasn't|was not|aren't|are not|weren't|were not|without|must not"
                     r"|should not|must never|should never)\b"
                     r"(?:\W+\w+){0,2}\W*$", re.I)


# What comes before a printed log line's message: nothing, a log level (after a time stamp, a logger name), or a
# warning's location ("…/selector_events.py:843: ResourceWarning: unclosed transport").
_LOG_PREFIX = re.compile(r"\s*(?:[^\s\"'`]+\s+){0,4}?(?:ERROR|WARNING|CRITICAL)\b[^\"'`]*"
                         r"|\s*[^\s\"'`]{1,300}\.py:\d+:\s*|\s*")


def _logged(line: str) -> bool:
    """The line is a log line asyncio or a library printed, not a sentence that quotes one."""
    match = UNCLOSED.search(line)   # (none where the line is a report's own words about a leak)
    return match is not None and bool(_LOG_PREFIX.fullmatch(line[:match.start()]))


_ASKED_ABOUT_WARNING = re.compile(r"\b(?:fix|silence|get rid of|remove|suppress)\b[^.\n]{0,40}\bwarnings?\b"
                                  r"|\b(?:the following|this|these) (?:test )?warnings?\b", re.I)
_HARMLESS = re.compile(r"\bcosmetic\b|\bharmless\b|\bdo(?:es)?(?: not|n't) affect (?:the )?tests?\b"
                       r"|\btests? (?:still )?pass(?:es|ed)?\b[^.\n]{0,30}\bdespite\b", re.I)
_TASK_DESTROYED = re.compile(r"[Tt]ask (?:was )?destroyed but it (?:is|was) pending")
_RUN_START = re.compile(r"^\s*(?:```|={3,}|_{3,}|platform |tests?[/\\]\S+\.py\b)")
_GONE = re.compile(r"\b(?:gone|no longer|disappear\w*|went away)\b", re.I)


# The same in words that need a statement (no denial, question or hypothetical: their own "not" is no denial) and a
# report about async code: descriptors left open until the suite runs out ("Using loop.stop() leaves the loop open,
# which can cause 'Too many open files'"), transports or pipe handles finalised after their test ("PipeHandle objects
# are GC'd after the test's filterwarnings scope has exited", "ProactorBasePipeTransport.__del__ fires during GC"), a
# socket not getting closed.
_SAID_LEFT_OPEN = Gated(_LEAK_CUES, re.compile(
    r"\btoo many open files\b|\bfile[- ]descriptors? leak|\bleak(?:s|ed|ing)? (?:the |its )?file[- ]descriptors?\b"
    r"|\b(?:\w*Transports?|PipeHandles?)\b\.?[^.\n]{0,60}?(?:\bGC'd|\bgarbage[- ]collected\b|__del__|\bfinali[sz]\w*)"
    r"|\bleak\w* (?:\w+ )?PipeHandles?\b"
    r"|\b(?:sockets?|connections?|sessions?|transports?|pools?) (?:that )?(?:(?:is|are|was|were)(?:n't| not| never)|not"
    r"|never) (?:getting |being )?closed\b"
    # "request failures … can leave the per-request aiohttp session open"
    r"|\b(?:leave|leaves|leaving|left) (?:the |an? |its |their |any )?(?:[\w-]+ ){0,3}"
    r"(?:sessions?|connections?|sockets?|clients?|transports?|pools?|streams?) open\b", re.I))


# A library's own log of running out of descriptors ("Failed to create steady_timer: kqueue: Too many open files
# [system:24]"): what ran out, printed by its C++ core, not the report's account of what was left open.
_LOGGED_OUT_OF_FILES = re.compile(r"\b(?:kqueue|epoll|select|socket|open|pipe)\w*: Too many open files\b")


# Another project's release note a report quotes ("> Fixed a `ResourceWarning: unclosed event loop` warning that …"):
# what that release fixed, not what this suite shows.
_QUOTED_FIX_NOTE = re.compile(r"\s*>\s*(?:[-*]\s*)?Fix(?:ed|es)\b")


# Connections of sync code: Django's (one per thread, closed by close_old_connections()).
_SYNC_CONNECTIONS = re.compile(r"\bDjango(?:'s)? (?:DB |database )?connections?\b|\bper-thread (?:\w+ )?(?:DB |database )?"
                               r"connections?\b|\bclose_old_connections\b", re.I)


def detect(ctx):
    """Connections or clients still open when their loop ends: teardown errors and warnings."""
    lines = [v for v in ctx.facts.lines_matching(UNCLOSED) if not _QUOTED_FIX_NOTE.match(v.value)]
    if lines and all(_TASK_DESTROYED.search(v.value) for v in lines) and task_collected(ctx):
        return None   # a pending task collected for want of a reference: no loop ended under it
    if not lines and ctx.facts.mentions(*SAID_LEAK.cues):
        # Said in words, not denied ("there is no connection leak here"), by a report showing no error of another kind.
        said = [v for v in ctx.facts.lines_matching(SAID_LEAK.regex)
                if (m := SAID_LEAK.regex.search(v.value)) and not sentence_of(v.value, m).rstrip().endswith("?")
                and not _DENIED.search(v.value[:m.start()])
                and not _QUOTED_FIX_NOTE.match(v.value)]
        # (a sync library's connections, Django's per-thread ones, outlive no event loop)
        if said and ctx.facts.mentions("django", "per-thread") and ctx.facts.lines_matching(_SYNC_CONNECTIONS):
            said = []
        if not said and ctx.facts.mentions("loop", "async", "await", "aio", "transport", "socket", "stream"):
            said = [v for v in stated(_SAID_LEFT_OPEN.regex, ctx.facts.lines_matching(_SAID_LEFT_OPEN.regex),
                                      own_denials=True)
                    if not _QUOTED_FIX_NOTE.match(v.value) and not _LOGGED_OUT_OF_FILES.search(v.value)]
        lines = said if said and not any(not UNCLOSED.search(e.message) for e in ctx.run_exceptions()) else []
    teardown_closed = [s for s in ctx.facts.sections if s.phase == "teardown"
                       and any("Event loop is closed" in e.message for e in s.exceptions)]
    kind = story(ctx).kind
    if kind not in ("none", "unclosed"):
        return None  # a side effect of the loop mismatch another rule explains
    if kind == "none":
        if not lines and not teardown_closed:
            return None
        # Warnings on a passing run are not a failure to diagnose; a report of unclosed resources or tasks
        # destroyed at the loop's end, with no run shown, is about those lines themselves.
        warnings_alone = not (ctx.facts.summary_line or ctx.facts.outcomes or ctx.facts.progress)
        # Printed after pytest's closing line: asyncio's own log of what the run's last loop left behind.
        after_run = ctx.facts.summary_line is not None and any(
            v.line > ctx.facts.summary_line.line and _logged(v.value) for v in lines)
        # Or a passing run pasted to ask about its warning ("please consider a patch to fix the following warning"),
        # asked before the warning is shown (after it, words about the warning tell what became of it).
        # Only the report's own words count: lines before the run's first line, at the margin (a warning's own
        # indented text, "To silence this warning…", is pytest's output).
        start = min([v.line for v in ctx.facts.lines_matching(_RUN_START)[:1]] + [lines[0].line]) if lines else 0
        asked = not ctx.failed() and any(v.line < start and not v.value[:1].isspace() and not _GONE.search(v.value)
                                         for v in ctx.facts.lines_matching(_ASKED_ABOUT_WARNING))
        if not ctx.failed() and not teardown_closed and not warnings_alone and not after_run and not asked:
            return None
        if warnings_alone and ctx.facts.lines_matching(_HARMLESS):
            return None   # warnings the report itself calls harmless, the tests passing despite them
        if not teardown_closed and any(not UNCLOSED.search(m) for m in other_failure_messages(ctx)):
            return None  # the tests failed with errors of another kind: the warnings are beside the point
    else:
        lines = lines or ctx.facts.find("Event loop is closed")
    evidence = ctx.paste_evidence(*(v.value for v in lines[:4]), limit=4)
    for section in teardown_closed[:2]:
        evidence += ctx.exception_evidence(section.exceptions, limit=1)
    leaky = [f for f in ctx.sources.fixtures if f.is_async and f.creates and not f.closes]
    for fixture in leaky[:2]:
        found = ctx.file_evidence(fixture.file, fixture.line)
        if found:
            evidence.append(found)
    names = ", ".join(f.name for f in leaky[:3])
    summary = ("A connection, pool, client or task is still open when the event loop it belongs to ends, so "
               "its cleanup runs on a closed loop (or never): teardown errors, \"Unclosed …\" warnings or "
               "\"Event loop is closed\" from a __del__." + (f" {names} creates a resource it never closes." if names else ""))
    options = [prose(FixKind.CLOSE_RESOURCE_IN_FIXTURE, "Close the resource in the fixture's teardown",
                     "Make the fixture a generator: yield the resource, then `await resource.close()` (or "
                     "aclose()/dispose()) after the yield, or use `async with`. The teardown then runs on the "
                     "same loop, before pytest-asyncio closes it.",
                     "None; it also stops connections leaking between tests.")]
    return finding(ctx, INFO, summary, Confidence.MEDIUM, evidence, options)
