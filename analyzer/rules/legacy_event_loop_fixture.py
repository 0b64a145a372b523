"""LD005: the event_loop fixture is overridden or requested."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo
from .. import releases as rel
from ..edits import EditError, FileEdit
from ..environment import FIXTURE_OPTION, TEST_OPTION
from ..fixes import mark_module_tests, remove_function, replace_event_loop_requests
from ..loops import WIDTH
from ..model import FixKind
from ._common import (
    LEGACY_TEXTS, Option, at_least, between, change_version, combined_fix, everything_on_loop,
    finding, paste_fixture_names, story, test_modules,
)

INFO = RuleInfo(
    code="LD005",
    pattern=Pattern.LEGACY_EVENT_LOOP_FIXTURE,
    title="The event_loop fixture is overridden or requested",
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


def detect(ctx):
    """An event_loop override or request, on a release that no longer honours it."""
    s = story(ctx)
    if s.kind != "legacy":
        return None
    overrides = [p.event_loop_override for p in ctx.sources.files if p.event_loop_override]
    requests = [(p.name, r) for p in ctx.sources.files for r in p.requests_event_loop]
    errors = s.loop_errors + s.closed_errors + s.scope_mismatches + ctx.exceptions("fixture 'event_loop' not found")
    evidence = ctx.exception_evidence(errors, limit=3)
    evidence += ctx.paste_evidence(*LEGACY_TEXTS, limit=2)
    for fixture in overrides[:1]:
        found = ctx.file_evidence(fixture.file, fixture.decorator_line)
        if found:
            evidence.append(found)
    for name, (who, line) in requests[:2]:
        found = ctx.file_evidence(name, line)
        if found:
            evidence.append(found)
    removed = ctx.versions.all(lambda v: not rel.has_event_loop_fixture(v))
    if ctx.has("fixture 'event_loop' not found") or (removed and requests and not overrides):
        summary = ("A test or fixture asks for the event_loop fixture, which pytest-asyncio removed in 1.0. "
                   "Async code gets its loop with asyncio.get_running_loop(); the loop's lifetime is chosen "
                   "with loop_scope.")
    else:
        scope = overrides[0].scope if overrides else "session"
        summary = (f"conftest.py overrides the event_loop fixture (scope \"{scope}\"), the way to share a loop "
                   "before pytest-asyncio 0.23. Since 0.23 wider-scoped async fixtures run on the plugin's own "
                   f"loops and since 1.0 the override is ignored, so the {scope} fixture and the tests end up "
                   "on different loops (\"Event loop is closed\", \"attached to a different loop\").")
    wide = [w for w in s.wide if w.name != "event_loop"]
    shared = [f for f in ctx.sources.fixtures if f.is_async and f.scope in ("session", "package", "module", "class")]
    named = [n for n in paste_fixture_names(ctx) if n != "event_loop"]
    ctx.crossing_object = wide[0].name if wide else (shared[0].name if shared else (named[0] if named else None))
    ctx.crossing_loop = shared[0].scope if shared and not wide else (wide[0].loop if wide else None)
    return finding(ctx, INFO, summary, s.confidence, evidence, _options(ctx, overrides, requests))


def _removal_edits(ctx, overrides, requests):
    edits = {}
    try:
        for fixture in overrides:
            text = edits.get(fixture.file, ctx.files.get(fixture.file))
            if text is not None:
                edits[fixture.file] = remove_function(text, fixture.function, fixture.line)
        by_file = {}
        for name, (who, _line) in requests:
            by_file.setdefault(name, set()).add(who)
        for name, whos in by_file.items():
            text = edits.get(name, ctx.files.get(name))
            if text is not None:
                edits[name] = replace_event_loop_requests(text, whos)
    except EditError:
        return None
    return [FileEdit(n, ctx.files[n], t) for n, t in edits.items()]


def _options(ctx, overrides, requests):
    scope = next((f.scope for f in overrides if f.scope in WIDTH), "function")
    removal = _removal_edits(ctx, overrides, requests) or []
    what = "Remove the event_loop override" if overrides else "Stop requesting event_loop"
    options = []
    if scope != "function":
        fix = combined_fix(
            ctx, FixKind.REMOVE_EVENT_LOOP_FIXTURE, f"{what}; run tests and fixtures on one {scope} loop",
            f"Deletes the override and sets asyncio_default_fixture_loop_scope and "
            f"asyncio_default_test_loop_scope to {scope}: the supported way to share one loop.",
            "Tests share one loop, as they did with the override.",
            removal, [(FIXTURE_OPTION, scope), (TEST_OPTION, scope)], requires="pytest-asyncio>=0.26")
        options.append(Option(fix, at_least("0.26.0")))
        for kw, valid, req in (("loop_scope", between("0.24.0", "99.0.0"), "pytest-asyncio>=0.24"),
                               ("scope", between("0.23.0", "0.24.0"), "pytest-asyncio>=0.23,<0.24")):
            marks = []
            for name in test_modules(ctx):
                try:
                    marks.append(FileEdit(name, ctx.files[name], mark_module_tests(ctx.files[name], kw, scope)))
                except EditError:
                    pass
            fix = combined_fix(
                ctx, FixKind.REMOVE_EVENT_LOOP_FIXTURE,
                f'{what}; mark the tests with pytest.mark.asyncio({kw}="{scope}")',
                f"Deletes the override and runs every async test of the given modules on the {scope} loop, "
                f"where {scope}-cached fixtures live.",
                "Each test module needs the pytestmark line.", removal + marks, requires=req)
            options.append(Option(fix, valid, needs_diff=True))
    else:
        fix = combined_fix(
            ctx, FixKind.REMOVE_EVENT_LOOP_FIXTURE, what,
            "Async tests and fixtures get their loop from pytest-asyncio; code that needs the loop calls "
            "asyncio.get_running_loop(). A custom loop type belongs in the event_loop_policy fixture "
            "(0.23+) or the pytest_asyncio_loop_factories hook (1.4+).",
            "None for tests that only used the loop to run coroutines.", removal)
        options.append(Option(fix, at_least("0.23.0")))
    options.append(change_version(ctx, "0.21", "Releases before 0.23 still run everything on the event_loop fixture.", below="0.22"))
    return options
