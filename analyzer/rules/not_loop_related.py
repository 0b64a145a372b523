"""LD011: an asyncio error that is not a loop mismatch."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo
import re

from ..model import Confidence, FixKind
from ._common import ANOTHER_OPERATION, finding, prose, story

INFO = RuleInfo(
    code="LD011",
    pattern=Pattern.NOT_LOOP_RELATED,
    title="An asyncio error that is not a loop mismatch",
    verdict=Verdict.NOT_LOOP_RELATED,
    kb=KnowledgeBase(
        what="TODO",
        why="TODO",
        example="",
        example_language="python",
        fix="TODO",
        tradeoffs="TODO",
        references=(),
    ),
)


KNOWN = (
    (re.compile(r"another operation is in progress"),
     "Two coroutines used one database connection at the same time (for example with asyncio.gather "
     "or a task left running); asyncpg allows one operation per connection.",
     "Give each concurrent coroutine its own connection (a pool), or await the operations one after another."),
    (re.compile(r"cancel scope in a different task|Attempted to exit cancel scope"),
     "An anyio/trio cancel scope (task group, timeout, or a yield inside one in a fixture) was entered in "
     "one task and exited in another.",
     "Do not yield inside a task group or cancel scope in an async generator fixture; keep the scope within one task."),
    (re.compile(r"MissingGreenlet|greenlet_spawn has not been called"),
     "SQLAlchemy's async engine was used through a sync code path (a lazy-loaded relationship or a sync "
     "attribute access after the session closed).",
     "Load relationships eagerly (selectinload) or use `await session.run_sync(...)` / AsyncAttrs."),
    (re.compile(r"TimeoutError|CancelledError"),
     "An awaited operation timed out or was cancelled.",
     "Check the awaited service and the timeout; this is not an event-loop mismatch."),
    (re.compile(r"no running event loop"),
     "Code called asyncio.get_running_loop() (or created a task/future) outside of a running loop, e.g. in a "
     "sync test or at import time.",
     "Call it from async code, or make the test async."),
    (re.compile(r"There is no current event loop in thread"),
     "Sync code asked for the current event loop (asyncio.get_event_loop()) where none is set: Python 3.14 no "
     "longer creates one implicitly, and asyncio.run() or a finished loop leaves none behind.",
     "Create the loop explicitly (asyncio.new_event_loop() / asyncio.run()) or move the code into async tests."),
    (re.compile(r"coroutine '[\w.]+' was never awaited"),
     "A coroutine was called without await, so it never ran.",
     "Add the missing await."),
)


# Said in prose as often as printed by a failing run: only a parsed warning or exception counts.
LINE_EXEMPT = {KNOWN[-1][0].pattern, KNOWN[3][0].pattern}


def detect(ctx):
    """An asyncio error whose cause is not a loop mismatch."""
    if story(ctx).kind != "none" or (ctx.facts.summary.get("passed") and not ctx.failed()):
        return None
    for regex, what, fix_text in KNOWN:
        hits = [e for e in ctx.facts.exceptions if regex.search(f"{e.type}: {e.message}")]
        lines = [v for v in _candidate_lines(ctx, regex) if regex.search(v.value)] if regex.pattern not in LINE_EXEMPT else []
        if hits or lines:
            needles = [regex.search(f"{e.type}: {e.message}").group(0) for e in hits[:2]] + [v.value for v in lines[:2]]
            evidence = ctx.paste_evidence(*needles, limit=4)
            return _finding(ctx, what, fix_text, evidence, Confidence.HIGH if hits else Confidence.MEDIUM)
    if ctx.has("InterfaceError") and ctx.has("asyncio.gather(", "create_task("):
        return _finding(ctx, KNOWN[0][1], KNOWN[0][2], ctx.paste_evidence("InterfaceError", "asyncio.gather(", limit=3),
                        Confidence.MEDIUM)
    return None


def _candidate_lines(ctx, regex):
    """Lines that state the error (not code that merely mentions it): cheap substring pre-filter."""
    key = regex.pattern.split("|")[0].replace("\\", "")[:18]
    words = [w for w in re.split(r"[^\w ]+", key) if len(w) > 4]
    return ctx.facts.find(words[0]) if words else []


def _finding(ctx, what, fix_text, evidence, confidence):
    summary = what + " This is not an event-loop mismatch, so changing loop scopes would not help."
    options = [prose(FixKind.OTHER, "Fix the code, not the loop configuration", fix_text,
                     "None: no loop setting is changed.")]
    return finding(ctx, INFO, summary, confidence, evidence, options)
