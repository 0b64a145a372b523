"""LD005: the event_loop fixture is overridden or requested."""
from __future__ import annotations

import re

from .. import releases as rel
from ..edits import EditError, FileEdit
from ..environment import FIXTURE_OPTION, TEST_OPTION
from ..fixes import mark_module_tests, remove_function, replace_event_loop_requests
from ..loops import WIDTH
from ..model import FixKind, Pattern, Verdict
from ._common import Option, at_least, between, change_version, combined_fix, finding, test_modules
from ._story import (AIOHTTP_LOOP_DEPRECATED, LEGACY_TEXTS, REQUESTS_EVENT_LOOP_REST, UNCLOSED_AT_TEARDOWN,
                     override_warning_shown, paste_fixture_names, said_event_loop_removed, said_release_1_0, story)
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD005",
    pattern=Pattern.LEGACY_EVENT_LOOP_FIXTURE,
    title="The event_loop fixture is overridden or requested",
    verdict=Verdict.LOOP_MISMATCH,
    kb=KnowledgeBase(
        what=(
            "The test suite overrides pytest-asyncio's `event_loop` fixture (usually in `conftest.py`, "
            'often with `scope="session"`) or requests it by name in a test or fixture. Up to 0.21 that '
            "was the documented way to choose a loop. It was deprecated in 0.22 (a yanked release) and "
            "0.23, stopped moving wider-scoped fixtures in 0.23, and the fixture was removed in 1.0.0.\n\n"
            "Symptoms by release: on 0.22–0.26 a `DeprecationWarning` starting `The event_loop fixture "
            "provided by pytest-asyncio has been redefined in`, and for async tests or fixtures that "
            'request it `… is asynchronous and explicitly requests the "event_loop" fixture. '
            'Asynchronous fixtures and test functions should use "asyncio.get_running_loop()" '
            "instead.`; on 0.23–0.26 tests and session fixtures on different loops (`attached to a "
            "different loop`, `Event loop is closed`) or `MultipleEventLoopsRequestedError`; from 1.0.0 "
            "`fixture 'event_loop' not found` wherever it is requested without an override, and an "
            "override that silently changes nothing."
        ),
        why=(
            "0.17–0.21: every async test and fixture runs on the `event_loop` fixture. It is "
            'function-scoped by default, so overriding it with `scope="session"` put the whole run on '
            "one loop, which let session-cached async fixtures work (without the override they fail "
            "with ScopeMismatch).\n\n"
            "0.23–0.26: wider loops come from internal fixtures (`_session_event_loop`, and one per "
            "collector such as `test_a.py::<event_loop>`). An async fixture runs on the loop of its "
            "caching scope (0.23) or of its loop scope (0.24+), not on `event_loop`. A session-scoped "
            "override still receives the function-loop tests, but a session-cached fixture is set up on "
            "the plugin's own session loop, so the two no longer meet. An override built with "
            "`asyncio.get_event_loop()` returns that session loop and closes it, giving `Event loop is "
            "closed` at the teardown of the last test.\n\n"
            "1.0.0 and later: the fixture no longer exists. A user-defined `event_loop` is an ordinary "
            "fixture that nothing uses, so tests and fixtures run on the plugin's loops regardless; "
            "code that requests `event_loop` without such an override fails with `fixture 'event_loop' "
            "not found`, and the list of available fixtures shows `_function_event_loop` (1.0.0) or "
            "`_function_scoped_runner` and its siblings (1.1.0+) instead."
        ),
        example=(
            "import asyncio\n"
            "\n"
            "import pytest\n"
            "import pytest_asyncio\n"
            "\n"
            "\n"
            '@pytest.fixture(scope="session")\n'
            "def event_loop():  # the 0.21-era recipe: one loop for the whole run\n"
            "    loop = asyncio.get_event_loop_policy().new_event_loop()\n"
            "    yield loop\n"
            "    loop.close()\n"
            "\n"
            "\n"
            '@pytest_asyncio.fixture(scope="session")\n'
            "async def ready():\n"
            "    loop = asyncio.get_running_loop()  # 0.23+: the plugin's session loop, not the override\n"
            "    future = loop.create_future()\n"
            '    loop.call_later(0.1, future.set_result, "ok")\n'
            "    yield future\n"
            "\n"
            "\n"
            "@pytest.mark.asyncio\n"
            "async def test_ready(ready):\n"
            "    # passes on 0.17-0.22; from 0.23: RuntimeError: ... attached to a different loop\n"
            '    assert await ready == "ok"\n'
        ),
        example_language="python",
        fix=(
            "Remove the `event_loop` override and state the loop you want with loop scopes. "
            "pytest-asyncio's migration guides for 0.21 and 0.23 walk through it.\n\n"
            "From 0.26: for a session-scoped override, set `asyncio_default_fixture_loop_scope = "
            "session` and `asyncio_default_test_loop_scope = session` (use `module` for a module-scoped "
            "one). Everything then runs on one loop per session (or module), which is what the override "
            "did.\n\n"
            "0.24–0.25: `asyncio_default_fixture_loop_scope = session` plus `pytestmark = "
            'pytest.mark.asyncio(loop_scope="session")` in each test module, or a '
            "`pytest_collection_modifyitems` hook in `conftest.py` that adds that marker to every async "
            "test.\n\n"
            '0.23: mark the tests `@pytest.mark.asyncio(scope="session")`. Fixtures there always run on '
            "the loop of their caching scope, so per-test async fixtures used by those tests fail with "
            "`MultipleEventLoopsRequestedError`; for suites that could not be arranged that way the "
            "maintainers advised staying on 0.21 until 0.24 (#706).\n\n"
            "Where `event_loop` is requested by name: in async tests and fixtures use "
            "`asyncio.get_running_loop()`; turn sync tests or fixtures that call "
            "`event_loop.run_until_complete(...)` into async ones.\n\n"
            "For another loop implementation (uvloop, a custom policy) override the `event_loop_policy` "
            "fixture (0.23–1.3), or from 1.4.0 implement the `pytest_asyncio_loop_factories` hook; "
            "overriding `event_loop_policy` is deprecated from 1.4.0.\n\n"
            "If the project must stay on 0.21 or older for now, the override works there: keep it, pin "
            "`pytest-asyncio<0.22`, and plan the migration."
        ),
        tradeoffs=(
            "Session loop scopes reproduce what the override did, including its costs: all tests share "
            "one loop, so leftovers of one test (tasks, callbacks, open transactions) can affect the "
            "next. `asyncio_default_test_loop_scope` needs 0.26 or later; older releases warn `Unknown "
            "config option` and ignore it.\n\n"
            "Per-module markers are explicit but must be repeated in every module, and a bare "
            "`@pytest.mark.asyncio` on a test overrides them. `scope=` on the marker (the 0.23 "
            "spelling) still works later but warns as deprecated from 0.24.\n\n"
            "`asyncio.get_running_loop()` only works inside a coroutine, so sync code that needed a "
            "loop has to become async.\n\n"
            "Staying on 0.21 keeps the old model but gets no fixes (0.21.2 was the last, in April "
            "2024), lacks `loop_scope=` and the `asyncio_default_*` options, and 0.21.2 fails at "
            "collection on pytest 9."
        ),
        references=(
            Reference("How to migrate from pytest-asyncio v0.21",
                      "https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/migrate_from_0_21.html"),
            Reference("How to migrate from pytest-asyncio v0.23",
                      "https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/migrate_from_0_23.html"),
            Reference("pytest-asyncio: Fixtures reference",
                      "https://pytest-asyncio.readthedocs.io/en/stable/reference/fixtures/index.html"),
            Reference("pytest-asyncio changelog",
                      "https://pytest-asyncio.readthedocs.io/en/stable/reference/changelog.html"),
            Reference("pytest-asyncio #1106: removal of the event_loop fixture",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/1106"),
        ),
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
    evidence += ctx.paste_evidence(*LEGACY_TEXTS, REQUESTS_EVENT_LOOP_REST, *UNCLOSED_AT_TEARDOWN, limit=2) \
        or ctx.paste_evidence(*(v.value for v in said_event_loop_removed(ctx)[:1]), limit=1)
    for fixture in overrides[:1]:
        found = ctx.file_evidence(fixture.file, fixture.decorator_line)
        if found:
            evidence.append(found)
    for name, (who, line) in requests[:2]:
        found = ctx.file_evidence(name, line)
        if found:
            evidence.append(found)
    removed = ctx.versions.all(lambda v: not rel.has_event_loop_fixture(v))
    shown = override_warning_shown(ctx) if not overrides else []
    shown_scope = None
    if shown:
        # The override is known only from pytest's repr of it in a traceback through the plugin's hook.
        match = re.search(r"scope='(\w+)' baseid='([^']+)'", shown[0].value)
        evidence += ctx.paste_evidence(shown[0].value, limit=1)
        summary = (f"{match.group(2)} defines its own event_loop fixture (scope \"{match.group(1)}\"), and set-up "
                   "fails inside pytest-asyncio's fixture hook for it: releases 0.22 to 0.26 warn that redefining "
                   "event_loop is deprecated (1.0 removed the fixture), and where warnings are errors "
                   "(filterwarnings = error) that warning fails every test using the override.")
        shown_scope = match.group(1)
    elif not overrides and (ctx.has(AIOHTTP_LOOP_DEPRECATED)
                            or any("`loop`" in v.value for v in said_event_loop_removed(ctx)[:1])):
        evidence += ctx.paste_evidence(AIOHTTP_LOOP_DEPRECATED, limit=1)
        summary = ("A test or fixture requests pytest-aiohttp's `loop` fixture, its alias of event_loop: pytest-aiohttp "
                   "1.0 deprecates it and 1.1 removed it, and pytest-asyncio's own event_loop fixture, deprecated in "
                   "0.23, is gone in 1.0. Async code gets its loop with asyncio.get_running_loop(); the loop's "
                   "lifetime is chosen with loop_scope.")
    elif ctx.has("fixture 'event_loop' not found") or (removed and requests and not overrides) or (
            not overrides and said_event_loop_removed(ctx)):
        summary = ("A test or fixture asks for the event_loop fixture, which pytest-asyncio removed in 1.0. "
                   "Async code gets its loop with asyncio.get_running_loop(); the loop's lifetime is chosen "
                   "with loop_scope.")
    elif not overrides and not requests and (release_said := said_release_1_0(ctx)):
        evidence += ctx.paste_evidence(release_said[0].value, limit=1)
        summary = ("The report names pytest-asyncio 1.0 as what the suite broke on. 1.0's breaking change was the "
                   "removal of the event_loop fixture (deprecated since 0.23): tests, fixtures or a plugin of the suite "
                   "that request or override event_loop stop working. Async code gets its loop with "
                   "asyncio.get_running_loop(); the loop's lifetime is chosen with loop_scope.")
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
    return finding(ctx, INFO, summary, s.confidence, evidence, _options(ctx, overrides, requests, shown_scope))


def _removal_edits(ctx, overrides, requests):
    """Edits deleting the event_loop overrides and replacing requests of event_loop, per file."""
    texts = {}
    try:
        for fixture in overrides:
            text = texts.get(fixture.file, ctx.files.get(fixture.file))
            if text is not None:
                texts[fixture.file] = remove_function(text, fixture.function, fixture.line)
        by_file = {}
        for name, (who, _line) in requests:
            by_file.setdefault(name, set()).add(who)
        for name, whos in by_file.items():
            text = texts.get(name, ctx.files.get(name))
            if text is not None:
                texts[name] = replace_event_loop_requests(text, whos)
    except EditError:
        return None
    return [FileEdit(n, ctx.files[n], t) for n, t in texts.items()]


def _options(ctx, overrides, requests, shown_scope=None):
    """``shown_scope``: the scope of an override seen only in the output, not in the files given."""
    scope = next((f.scope for f in overrides if f.scope in WIDTH), shown_scope if shown_scope in WIDTH else "function")
    removal = _removal_edits(ctx, overrides, requests) or []
    what = "Remove the event_loop override" if overrides or shown_scope else "Stop requesting event_loop"
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
