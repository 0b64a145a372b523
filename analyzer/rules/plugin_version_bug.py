"""LD010: a known bug of this pytest-asyncio release."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo
from .. import releases as rel
from ..model import Confidence, FixKind
from ._common import change_version, finding, prose, loop_errors

INFO = RuleInfo(
    code="LD010",
    pattern=Pattern.PLUGIN_VERSION_BUG,
    title="A known bug of this pytest-asyncio release",
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


NO_CURRENT_LOOP = "There is no current event loop in thread"


def detect(ctx):
    """A failure that is a known bug of the installed release: the fix is another release."""
    v = ctx.version
    if v is None:
        return None
    for check in (_yanked, _hook_ignored, _no_current_loop):
        found = check(ctx, v)
        if found:
            summary, evidence, options = found
            return finding(ctx, INFO, summary, Confidence.HIGH, [e for e in evidence if e], options)
    return None


def _yanked(ctx, v):
    if v != rel.V("0.22.0") or not ctx.failed():
        return None
    return ("pytest-asyncio 0.22.0 was yanked: its event-loop changes broke suites and were taken back in 0.23.",
            ctx.paste_evidence("asyncio-0.22.0", limit=1),
            [change_version(ctx, "0.24", "0.22.0 was withdrawn; 0.24 and later have the loop_scope settings that replaced it.")])


def _hook_ignored(ctx, v):
    if not rel.collection_hook_ignored_for_marked_tests(v) or not loop_errors(ctx):
        return None
    hooks = [h for p in ctx.sources.files for h in p.hooks if h.adds_asyncio_marker]
    marked = [t for t in ctx.sources.tests if t.is_async and t.markers]
    if not hooks or not marked:
        return None
    evidence = ctx.exception_evidence(loop_errors(ctx), limit=3) + [ctx.file_evidence(hooks[0].file, hooks[0].line)]
    return ("pytest-asyncio 1.0.0 ignores a loop-scope marker added in pytest_collection_modifyitems for tests "
            "that already carry @pytest.mark.asyncio: they stay on their function loops (fixed in 1.1.0).",
            evidence, [change_version(ctx, "1.1", "1.1.0 honours the marker the hook adds.")])


def _no_current_loop(ctx, v):
    hits = ctx.exceptions(NO_CURRENT_LOOP)
    if not hits:
        return None
    evidence = ctx.exception_evidence(hits, limit=3)
    if rel.V("0.26.0") <= v < rel.V("1.2.0") and ctx.has("asyncio.run(", "set_event_loop(None)"):
        return (f"pytest-asyncio {v} loses the current event loop after a sync test calls asyncio.run(); the "
                "next async test on a shared loop fails with \"There is no current event loop\" (fixed in 1.2.0).",
                evidence, [change_version(ctx, "1.2", "1.2.0 restores the loop for tests on shared loops.")])
    if v >= rel.V("1.4.0"):
        fix = prose(FixKind.OTHER, "Get the loop inside async code with asyncio.get_running_loop()",
                    "Since pytest-asyncio 1.4.0 no loop stays set after an async test, so sync code calling "
                    "asyncio.get_event_loop() later fails. Call it inside async code, or create and set a loop "
                    "explicitly where sync code needs one.",
                    "A code change where the loop is fetched.")
        pin = change_version(ctx, "1.3", "Releases before 1.4.0 left a loop set after async tests.", below="1.4")
        pin.last_resort = False
        return ("Since pytest-asyncio 1.4.0 no event loop is left set after an async test, so sync code that "
                "calls asyncio.get_event_loop() afterwards fails with \"There is no current event loop\".",
                evidence, [fix, pin])
    return None
