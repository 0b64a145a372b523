"""LD002: a fixture outlives the event loop it was set up on."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo
import re

from .. import releases as rel
from ..environment import FIXTURE_OPTION
from ..edits import EditError, FileEdit
from ..fixes import config_fix, set_fixture_kwargs
from ..model import FixKind
from ._common import (
    Option, between, change_version, everything_on_loop, finding, fixture_scope_function,
    mark_modules, story,
)

INFO = RuleInfo(
    code="LD002",
    pattern=Pattern.FIXTURE_CACHED_LONGER,
    title="A fixture outlives the event loop it was set up on",
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
    caching = fixture.scope if fixture else _caching_from_message(ctx, s) or "session"
    evidence = ctx.exception_evidence(errors, limit=4)
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
        options += [fixture_scope_function(ctx, fixture, "") if fixture else None, _event_loop_override(ctx, caching)]
        options.append(change_version(ctx, "0.24", "From 0.24 a fixture can choose its loop with loop_scope=."))
        return [o for o in options if o]
    options.append(everything_on_loop(ctx, "session", reason))
    if fixture is not None:
        options.append(fixture_scope_function(ctx, fixture, "The ScopeMismatch goes away because the fixture then lives as long as its loop."))
        options.append(_fixture_and_tests_on(ctx, fixture, caching))
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


def _event_loop_override(ctx, scope):
    text = (f'@pytest.fixture(scope="{scope}")\ndef event_loop():\n    loop = asyncio.new_event_loop()\n'
            "    yield loop\n    loop.close()\n")
    from ..model import Fix
    fix = Fix(kind=FixKind.OTHER, title=f"Override event_loop with scope=\"{scope}\" in conftest.py",
              explanation=("Up to pytest-asyncio 0.22 every async fixture and test runs on the event_loop "
                           f"fixture; a {scope}-scoped override lets {scope}-cached fixtures share it:\n\n{text}"),
              tradeoff="Deprecated from 0.22 and ignored from 1.0: upgrading later needs loop_scope instead.",
              requires="pytest-asyncio<0.23")
    return Option(fix, between("0.0.0", "0.23.0"), needs_diff=False)
