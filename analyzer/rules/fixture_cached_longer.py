"""LD002: a fixture outlives the event loop it was set up on."""
from __future__ import annotations

import re

from .. import releases as rel
from ..edits import EditError, FileEdit
from ..environment import FIXTURE_OPTION
from ..fixes import set_fixture_kwargs
from ..model import FixKind, Pattern, Verdict
from ..releases import requirement
from ._common import (
    Option,
    at_least,
    change_version,
    event_loop_override,
    everything_on_loop,
    finding,
    fixture_scope_function,
    mark_modules,
    prose,
)
from ._story import said_wide_caching, story
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD002",
    pattern=Pattern.FIXTURE_CACHED_LONGER,
    title="A fixture outlives the event loop it was set up on",
    verdict=Verdict.LOOP_MISMATCH,
    kb=KnowledgeBase(
        what=(
            "A fixture is cached for longer (session, package, module or class) than the event loop it "
            "was set up on lives, or than the loop pytest-asyncio is allowed to give it. pytest either "
            "refuses to set the fixture up, or a later test receives an object of a loop that is "
            "already closed.\n\n"
            "At set-up it shows as `ScopeMismatch: You tried to access the function scoped fixture "
            "event_loop with a session scoped request object` (the fixture named is `event_loop` up to "
            "0.26, `_function_event_loop` on 1.0.0 and `_function_scoped_runner` from 1.1.0; `module` "
            "or `class` may stand in place of `session`; on pytest 9.1 and later the following tests "
            "that use the same fixture report a bare `AssertionError` instead). At use or teardown it "
            "shows as `RuntimeError: Event loop is closed`: the fixture, or an object it keeps, was "
            "made on a loop that has since ended (usually the first test's function loop), and a later "
            "test or the fixture's own teardown touches it."
        ),
        why=(
            "From 0.24 a fixture's loop scope must be at least as wide as its caching scope: the loop "
            "has to outlive the cached value. The loop scope is the first of the fixture's "
            "`loop_scope=`, `asyncio_default_fixture_loop_scope`, and its caching `scope=`. So "
            '`@pytest_asyncio.fixture(scope="session", loop_scope="function")`, or a `scope="session"` '
            "fixture without `loop_scope=` under `asyncio_default_fixture_loop_scope = function`, asks "
            "for a value cached for the whole run on a loop that lives for one test. pytest reports "
            "that as a ScopeMismatch on pytest-asyncio's internal function-loop fixture. From 1.1.0 "
            'this also hits sync functions decorated with `@pytest_asyncio.fixture(scope="session")` '
            "(#1175).\n\n"
            "The usual way in is the warning `The configuration option "
            '"asyncio_default_fixture_loop_scope" is unset.`: most projects silence it with '
            "`asyncio_default_fixture_loop_scope = function`, which is right for fixtures cached per "
            "test and turns every session- or module-cached async fixture into this error.\n\n"
            "On 0.17–0.22 every async fixture requests the function-scoped `event_loop` fixture, so any "
            "async fixture cached wider than that fails with the same ScopeMismatch unless `event_loop` "
            "is overridden with a wider scope (LD005). 0.23 ties a fixture's loop to its caching scope, "
            "so this set-up error does not occur there.\n\n"
            "`Event loop is closed` has the same root: a value outlives its loop. A session-cached "
            "fixture that holds an object created during the first test (a client connected lazily on "
            "first use, a cache filled inside a test) keeps it after that test's loop is closed. On "
            "0.23–0.26 an `event_loop` override built with `asyncio.get_event_loop()` returns the "
            "plugin's session loop and closes it, which gives `Event loop is closed` at the teardown of "
            "the last test."
        ),
        example=(
            "# pytest.ini: asyncio_default_fixture_loop_scope = function\n"
            "import asyncio\n"
            "\n"
            "import pytest\n"
            "import pytest_asyncio\n"
            "\n"
            "\n"
            '@pytest_asyncio.fixture(scope="session")  # cached for the whole run\n'
            "async def jobs():\n"
            "    # The configuration gives it a per-test loop, narrower than its cache:\n"
            "    # ScopeMismatch: You tried to access the function scoped fixture\n"
            "    # _function_scoped_runner with a session scoped request object\n"
            "    yield asyncio.Queue()\n"
            "\n"
            "\n"
            "@pytest.mark.asyncio\n"
            "async def test_enqueue(jobs):\n"
            '    await jobs.put("job")\n'
        ),
        example_language="python",
        fix=(
            "Give the fixture a loop that lives at least as long as its cache, then run its tests on "
            "that loop; or stop caching it beyond one test.\n\n"
            "Keep the cache and widen the loop (0.24+): write the loop scope on the fixture, "
            '`@pytest_asyncio.fixture(scope="session", loop_scope="session")`. An explicit '
            "`loop_scope=` wins over `asyncio_default_fixture_loop_scope`, so you can keep `function` "
            "as the default for everything else. The tests that await the fixture's objects must then "
            "run on the same loop (LD001): `asyncio_default_test_loop_scope = session` (0.26+), or "
            '`pytestmark = pytest.mark.asyncio(loop_scope="session")` in their modules (0.24+).\n\n'
            "On 1.5.0, `asyncio_default_fixture_loop_scope = fixture-scope` gives every fixture the "
            "loop of its caching scope without the unset-option warning. 1.2.0–1.4.x reject that value "
            "at start-up, and 0.24–1.1 fail with `KeyError: 'fixture-scope'` or `fixture "
            "'_fixture-scope_…' not found`.\n\n"
            'Drop the cache: remove `scope="session"` (or module, class) so the fixture is built per '
            "test on the test's loop. This works on every release.\n\n"
            "On 0.17–0.22, where `loop_scope=` does not exist (`TypeError: fixture() got an unexpected "
            "keyword argument 'loop_scope'`), override `event_loop` in `conftest.py` with the fixture's "
            "scope (the 0.21 documentation's recipe), or make the fixture function-cached. That "
            "override stops working from 0.23 (LD005).\n\n"
            "For `Event loop is closed`: create the object inside an async fixture whose loop scope "
            "equals its caching scope, never lazily inside a test, and close it in that fixture's "
            "teardown (LD008).\n\n"
            'Not a fix on any release: `loop_scope="function"` on a fixture that keeps '
            '`scope="session"` (ScopeMismatch on 0.24+, TypeError before).'
        ),
        tradeoffs=(
            "Widening the loop keeps expensive set-up to once per run (one pool, one client) but puts "
            "every test that uses the fixture on a shared loop: a task or callback left behind by one "
            "test can run during the next, and a test that blocks or closes the loop breaks the rest. "
            "The per-test async fixtures those tests use must move with them "
            "(`asyncio_default_fixture_loop_scope = session` or their own `loop_scope=`): otherwise "
            "0.24–0.26 stop at collection with `MultipleEventLoopsRequestedError` and 1.x sets them up "
            "on a separate function loop (LD001).\n\n"
            "`fixture-scope` ties the configuration to pytest-asyncio 1.5.0 or later.\n\n"
            "Dropping the cache isolates tests and does not depend on the release, at the price of "
            "building the fixture (connecting, migrating, seeding) for every test.\n\n"
            "The `event_loop` override only works on 0.17–0.22; it is deprecated from 0.22, stops "
            "moving wider fixtures in 0.23 and is ignored from 1.0.0, so relying on it pins the project "
            "to old releases."
        ),
        references=(
            Reference("pytest-asyncio: Decorators (loop scope must be at least the caching scope)",
                      "https://pytest-asyncio.readthedocs.io/en/stable/reference/decorators/index.html"),
            Reference("How to change the event loop scope of a fixture",
                      "https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/change_fixture_loop.html"),
            Reference("How to change the default event loop scope of all fixtures",
                      "https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/change_default_fixture_loop.html"),
            Reference("pytest-asyncio #1175: ScopeMismatch on _function_scoped_runner with a session fixture",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/1175"),
            Reference("pytest-asyncio #171: ScopeMismatch on event_loop for session async fixtures",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/171"),
            Reference("pytest: fixture scopes",
                      "https://docs.pytest.org/en/stable/how-to/fixtures.html#scope-sharing-fixtures-across-classes-modules-packages-or-session"),
        ),
    ),
)


_REQUESTER = re.compile(r"def (\w+)\(")
_LOOP_FIXTURE = re.compile(r"fixture '?(event_loop|_\w+_event_loop|_\w+_scoped_runner)'?")


def detect(ctx):
    """A fixture cached for longer than its loop: ScopeMismatch on a loop fixture, or a closed loop."""
    s = story(ctx)
    if s.kind != "cached":
        return None
    errors = s.scope_mismatches or s.closed_errors
    name = _fixture_name(ctx, s)
    fixture = ctx.sources.fixture(name) if name else None
    said = s.quoted and not errors   # told in words only: no error line to describe
    caching = fixture.scope if fixture else (_caching_from_message(ctx, s)
                                             or (said_wide_caching(ctx, s.quoted[0].line) if said else None) or "session")
    evidence = s.evidence(ctx, errors)
    setting = ctx.setting_evidence(FIXTURE_OPTION)
    if setting:
        evidence.append(setting)
    if fixture is not None:
        found = ctx.file_evidence(fixture.file, fixture.decorator_line)
        if found:
            evidence.append(found)
    subject = name or "A fixture"
    if s.scope_mismatches:
        summary = (
            f"{subject} is cached per {caching}, but pytest-asyncio was asked to set it up on a "
            f"function-scoped event loop, which ends after one test. pytest refuses with ScopeMismatch: "
            f"a {caching}-cached object cannot come from a loop that lives for a single test."
        )
        if ctx.env.fixture_default_scope() == "function":
            summary += (" asyncio_default_fixture_loop_scope = function applies to every async fixture "
                        "without its own loop_scope, including this one.")
    elif said:
        summary = (
            f"{subject} is cached per {caching}, but the event_loop fixture it runs on is function-scoped: a "
            f"{caching}-cached async fixture cannot outlive the loop of a single test (pytest refuses with "
            "ScopeMismatch, or a later test meets the closed loop)."
        )
    else:
        summary = (
            f"{subject} is cached per {caching}, but the event loop it was set up on closed before a later "
            "test used it, so awaiting its objects fails with \"Event loop is closed\"."
        )
    ctx.crossing_object = name
    return finding(ctx, INFO, summary, s.confidence, evidence, _options(ctx, fixture, name, caching))


def _fixture_name(ctx, s):
    for exc in s.scope_mismatches:
        text = exc.message
        after = text.split("Requesting fixture stack:")[-1].split("involved factories")[-1]
        for match in _REQUESTER.finditer(after):
            if not _LOOP_FIXTURE.match(f"fixture '{match.group(1)}'") and match.group(1) != "event_loop":
                return match.group(1)
    for section in ctx.facts.sections:
        if any(section.start <= e.line <= section.end for e in s.scope_mismatches):
            for line in ctx.facts.text.lines:
                if section.start <= line.number <= section.end:
                    match = _REQUESTER.search(line.text)
                    if match and match.group(1) != "event_loop" and "pytest_asyncio" not in line.text:
                        return match.group(1)
    problems = [n for n, p in ctx.model.fixtures.items() if p.problem == "scope-mismatch"]
    if problems:
        return problems[0]
    return s.wide[0].name if s.wide else None


def _caching_from_message(ctx, s):
    for exc in s.scope_mismatches:
        match = re.search(r"with a '?(\w+)'? scoped request object", exc.message)
        if match:
            return match.group(1)
    return None


def _options(ctx, fixture, name, caching):
    reason = f"The {caching}-cached fixture and the tests then share the {caching if caching == 'session' else 'session'} loop."
    options = []
    if ctx.versions.all(rel.event_loop_override_moves_fixtures):
        options += [fixture_scope_function(ctx, fixture, "") if fixture else None,
                    event_loop_override(ctx, caching, f"The {caching}-cached fixture then has a loop as long-lived as itself.")]
        options.append(change_version(ctx, "0.24", "From 0.24 a fixture can choose its loop with loop_scope=."))
        return [o for o in options if o]
    options.append(everything_on_loop(ctx, "session", reason))
    if fixture is not None:
        options.append(fixture_scope_function(ctx, fixture, "The ScopeMismatch goes away because the fixture then lives as long as its loop."))
        options.append(_fixture_and_tests_on(ctx, fixture, caching))
    else:
        # The fixture's code is not in the paste: say the edit, for releases without the config-only fix.
        subject = name or "the fixture"
        options.append(prose(
            FixKind.SET_FIXTURE_LOOP_SCOPE, f'Give {subject} loop_scope="{caching}" and run its tests on that loop',
            f'Declare it with @pytest_asyncio.fixture(scope="{caching}", loop_scope="{caching}") and mark the tests '
            f'that use it with @pytest.mark.asyncio(loop_scope="{caching}") (or a module-level pytestmark), so the '
            "fixture and the tests share one loop that lives as long as the fixture.",
            "Every edited test shares the loop with the other tests on it.", requires=requirement("0.24"),
            valid=at_least("0.24.0")))
        options.append(prose(
            FixKind.SET_FIXTURE_SCOPE, f'Cache {subject} per test (scope="function")',
            f"Drop scope=\"{caching}\" from its decorator: the fixture then lives as long as the function loop it "
            "is set up on.", "The fixture is set up again for every test (slower for pools and clients)."))
    return [o for o in options if o]


def _fixture_and_tests_on(ctx, fixture, scope):
    """loop_scope on the fixture itself, and the tests moved onto that loop (0.24+)."""
    text = ctx.files.get(fixture.file)
    edits = []
    if text is not None:
        try:
            edits.append(FileEdit(fixture.file, text, set_fixture_kwargs(
                text, fixture.function, fixture.decorator_line, {"loop_scope": scope}, asyncio_decorator=True)))
        except EditError:
            edits = []
    marks = mark_modules(ctx, scope, "", extra=edits)
    fix = marks.fix
    fix.kind = FixKind.SET_FIXTURE_LOOP_SCOPE
    fix.title = f'Give {fixture.name} loop_scope="{scope}" and run its tests on that loop'
    fix.explanation = (f'@pytest_asyncio.fixture(loop_scope="{scope}") sets {fixture.name} up on the {scope} loop '
                       f"whatever the default says, and pytestmark = pytest.mark.asyncio(loop_scope=\"{scope}\") runs "
                       "the tests of each given module there too.")
    fix.tradeoff = "Tests of these modules share one loop; every new test module needs the pytestmark line."
    fix.requires = "pytest-asyncio>=0.24"
    return Option(fix, lambda v: v >= rel.V("0.24.0"), assumptions=marks.assumptions)

