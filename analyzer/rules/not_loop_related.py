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
    (re.compile(r"coroutine '[\w.]+' was never awaited"),
     "A coroutine was called without await, so it never ran.",
     "Add the missing await."),
)


def detect(ctx):
    """An asyncio error whose cause is not a loop mismatch."""
    if story(ctx).kind != "none":
        return None
    for regex, what, fix_text in KNOWN:
        hits = ctx.exceptions(regex) or [e for e in ctx.facts.warnings if regex.search(e.message)]
        if hits and ctx.failed():
            evidence = ctx.paste_evidence(*{regex.search(f"{getattr(h, 'type', '')}: {h.message}").group(0) for h in hits[:3]
                                            if regex.search(f"{getattr(h, 'type', '')}: {h.message}")}, limit=4)
            return _finding(ctx, what, fix_text, evidence, Confidence.HIGH)
    return None


def fallback(ctx):
    """For a failed run no rule recognised: the failure is real, but not an event-loop problem."""
    exceptions = ctx.facts.exceptions
    evidence = ctx.exception_evidence(exceptions, limit=4)
    first = exceptions[0] if exceptions else None
    what = (f"The run failed with {first.type or 'an error'}: {first.message[:200]}" if first else "The run failed.")
    return _finding(ctx, what + " Nothing in the output or the code points at an event-loop or pytest-asyncio "
                    "problem.", "Debug it as an ordinary test failure.", evidence, Confidence.LOW)


def _finding(ctx, what, fix_text, evidence, confidence):
    summary = what + " This is not an event-loop mismatch, so changing loop scopes would not help."
    options = [prose(FixKind.OTHER, "Fix the code, not the loop configuration", fix_text,
                     "None: no loop setting is changed.")]
    return finding(ctx, INFO, summary, confidence, evidence, options)
