"""LD008: a resource is not closed before its loop ends."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo
import re

from ..model import Confidence, FixKind
from ._common import finding, prose, story

INFO = RuleInfo(
    code="LD008",
    pattern=Pattern.UNCLOSED_RESOURCE,
    title="A resource is not closed before its loop ends",
    verdict=Verdict.LOOP_MISMATCH,
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


UNCLOSED = re.compile(
    r"Unclosed client session|Unclosed connector|unclosed transport|ResourceWarning: unclosed"
    r"|Task was destroyed but it is pending|An exception occurred during teardown of an asyncio\.Runner"
    r"|pytest-asyncio detected an unclosed event loop|Exception ignored in: <function .*(__del__|close)"
    r"|Error cleaning up asyncio loop|coroutine '\w*(close|aclose|dispose)\w*' was never awaited")


def detect(ctx):
    """Connections or clients still open when their loop ends: teardown errors and warnings."""
    lines = [v for v in ctx.facts.find("") if UNCLOSED.search(v.value)] if ctx.has(
        "nclosed", "destroyed but it is pending", "teardown of an asyncio.Runner", "Exception ignored in",
        "Error cleaning up asyncio loop", "was never awaited") else []
    teardown_closed = [s for s in ctx.facts.sections if s.phase == "teardown"
                       and any("Event loop is closed" in e.message for e in s.exceptions)]
    if not lines and not teardown_closed:
        return None
    if story(ctx).kind != "none":
        return None  # a side effect of the loop mismatch another rule explains
    if not ctx.failed() and not teardown_closed:
        return None  # warnings on a passing run are not a failure to diagnose
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
