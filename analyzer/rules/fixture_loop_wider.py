"""LD001: an async fixture runs on a wider loop than the test that uses it."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo
from .. import releases as rel
from ..edits import EditError, FileEdit
from ..environment import FIXTURE_OPTION
from ..fixes import make_fix, set_fixture_kwargs
from ..model import PASTE, Evidence, FixKind
from ._common import (
    ANOTHER_OPERATION, change_version, everything_on_loop, finding, fixture_default_function,
    fixture_scope_function, mark_modules, story, at_least,
)

INFO = RuleInfo(
    code="LD001",
    pattern=Pattern.FIXTURE_LOOP_WIDER,
    title="An async fixture runs on a wider loop than the test that uses it",
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
    """Tests awaited objects of a fixture that runs on a wider loop than theirs."""
    s = story(ctx)
    if s.kind != "wider":
        return None
    errors = s.loop_errors or ctx.exceptions(ANOTHER_OPERATION)
    wide = s.wide
    if any(w.how.startswith(FIXTURE_OPTION) for w in wide) or ctx.env.fixture_default_scope() not in (None, "function"):
        # The option only has an effect from 0.24 on: an older release could not fail this way.
        ctx.env.versions = ctx.env.versions.narrow(rel.V("0.24.0"))
    evidence = ctx.exception_evidence(errors, limit=4)
    setting = ctx.setting_evidence(FIXTURE_OPTION)
    if setting:
        evidence.append(setting)
    elif ctx.facts.header.asyncio_line:
        evidence += ctx.paste_evidence(ctx.facts.header.asyncio_line.value, limit=1)
    elif ctx.env.fixture_default.source.startswith("<paste>:"):
        line = int(ctx.env.fixture_default.source.split(":")[1].split()[0])
        evidence.append(Evidence(PASTE, line, ctx.original_line(line)))
    for w in wide[:2]:
        if w.fixture is not None:
            found = ctx.file_evidence(w.fixture.file, w.fixture.decorator_line)
            if found:
                evidence.append(found)
    if not wide:
        from ._common import WideFixture, paste_fixture_names
        named = paste_fixture_names(ctx)
        from ._common import caching_from_addresses
        caching = "function" if named and caching_from_addresses(ctx, named[0]) == "function" else None
        wide = [WideFixture(named[0], caching, ctx.env.fixture_default_scope() or "session", "unknown")] if named else []
    names = ", ".join(w.name for w in wide[:3]) or "An async fixture"
    loop = wide[0].loop if wide else (ctx.env.fixture_default_scope() or "wider")
    why = wide[0].how if wide and wide[0].how != "unknown" else (
        f"asyncio_default_fixture_loop_scope = {ctx.env.fixture_default_scope()}" if ctx.env.fixture_default_scope() else "its loop scope")
    summary = (
        f"{names} runs on the {loop} event loop ({why}), but the tests that use it run on their own "
        f"{ctx.env.test_default_scope()}-scoped loops. Objects the fixture creates (connections, clients, "
        f"futures) belong to the {loop} loop, and awaiting them from a test's loop fails with "
        f"\"attached to a different loop\"."
    )
    unknown_options = [key for key, release in (("asyncio_default_test_loop_scope", "0.26"),)
                       if ctx.has(f"Unknown config option: {key}")]
    for key in unknown_options:
        summary += (f" The config also sets {key}, which this pytest-asyncio release does not know "
                    f"(pytest warns \"Unknown config option\"), so it had no effect.")
        evidence += ctx.paste_evidence(f"Unknown config option: {key}", limit=1)
    ctx.crossing_object = wide[0].name if wide else None
    ctx.crossing_loop = wide[0].loop if wide else None
    return finding(ctx, INFO, summary, s.confidence, evidence, layout_options(ctx, wide))


def layout_options(ctx, wide):
    """The edits that put the fixture and its tests on one loop, most fitting first."""
    if not wide:
        # Nothing says which fixture or how it is cached: reason as for an unknown caching scope.
        from ._common import WideFixture, caching_from_addresses, paste_fixture_names
        names = paste_fixture_names(ctx) or ["the fixture"]
        caching = "function" if caching_from_addresses(ctx, names[0]) == "function" else None
        wide = [WideFixture(names[0], caching, "session", "unknown")]
    cached_wide = [w for w in wide if w.caching and w.caching not in ("function",)]
    unknown = [w for w in wide if w.caching is None]
    by_decorator = [w for w in wide if w.fixture is not None and w.fixture.loop_scope == w.loop]
    reason_default = "The fixture is cached per test, so per-test loops are what it needs."
    options = []
    if ctx.versions.all(rel.fixture_loop_follows_caching_scope_only):
        options.append(mark_modules(ctx, "session" if any(w.caching == "session" for w in cached_wide) else
                                    (cached_wide[0].caching if cached_wide else "session"),
                                    "On 0.23 the fixture's loop is its caching scope, so the tests must join it."))
        options += [fixture_scope_function(ctx, w.fixture, "") for w in cached_wide[:1] if w.fixture]
        options.append(change_version(ctx, "0.24", "pytest-asyncio 0.24 decouples a fixture's loop from its caching scope (loop_scope=)."))
        return [o for o in options if o]
    if cached_wide:
        reason = f"{cached_wide[0].name} is cached per {cached_wide[0].caching}, so the tests must run on its loop."
        options.append(everything_on_loop(ctx, "session", reason))
        options.append(mark_modules(ctx, "session", reason))
        options += [fixture_scope_function(ctx, w.fixture, "") for w in cached_wide[:1] if w.fixture]
    elif by_decorator and not any(w.how.startswith(FIXTURE_OPTION) for w in wide):
        options.append(remove_loop_scope(ctx, by_decorator[0]))
        options.append(everything_on_loop(ctx, "session", ""))
        options.append(mark_modules(ctx, "session", ""))
    elif unknown and not ctx.sources.fixtures:
        either = ("The fixture's caching scope is not in the paste: this fix holds whether it is cached "
                  "per test or per session.")
        ctx.assumptions.append(
            f"The paste does not show how {unknown[0].name} is cached; a fix that holds either way "
            "is recommended where the release allows it (asyncio_default_fixture_loop_scope = function "
            "would be right only for a fixture cached per test).")
        per_test = fixture_default_function(ctx, "Right if the fixture is cached per test (the default); "
                                                 "a session-cached one would fail with ScopeMismatch.")
        per_test.uncertain = True
        if ctx.versions.all(rel.knows_test_loop_scope_option) or not ctx.env.version_exact:
            options += [everything_on_loop(ctx, "session", either), per_test]
        else:
            options += [per_test, everything_on_loop(ctx, "session", either)]
        options.append(mark_modules(ctx, "session", either))
    else:
        options.append(fixture_default_function(ctx, reason_default))
        options.append(everything_on_loop(ctx, "session", "The fixture stays on the session loop and the tests join it."))
        options.append(mark_modules(ctx, "session", ""))
    return [o for o in options if o]


def remove_loop_scope(ctx, w):
    fixture = w.fixture
    text = ctx.files.get(fixture.file)
    changes = None
    if text is not None:
        try:
            changes = [FileEdit(fixture.file, text, set_fixture_kwargs(text, fixture.function, fixture.decorator_line, {"loop_scope": None}))]
        except EditError:
            changes = None
    from ._common import Option
    fix = make_fix(FixKind.SET_FIXTURE_LOOP_SCOPE, f'Remove loop_scope="{fixture.loop_scope}" from {fixture.name}',
                   f"{fixture.name} is cached per test; without the wider loop_scope it runs on each test's own loop.",
                   "None for a fixture cached per test.", changes, requires="pytest-asyncio>=0.24")
    return Option(fix, at_least("0.24.0"))
