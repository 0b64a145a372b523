"""LD006: strict mode: an async fixture or test is not run by pytest-asyncio."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo
import re

from ..edits import EditError, FileEdit
from ..environment import MODE_OPTION
from ..edits import add_import, add_module_statement
from ..fixes import config_fix, make_fix, set_fixture_kwargs
from ..model import Confidence, FixKind
from ._common import Option, finding, native_table_unread, plugin_missing

INFO = RuleInfo(
    code="LD006",
    pattern=Pattern.STRICT_MODE_UNMARKED,
    title="Strict mode: an async fixture or test is not run by pytest-asyncio",
    verdict=Verdict.MISCONFIGURATION,
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


UNHANDLED_FIXTURE = re.compile(
    r"requested an async fixture '(?P<a>\w+)'|requested async @pytest\.fixture '(?P<b>\w+)'"
    r"|'(async_generator|coroutine)' object (has no attribute|is not)")
NOT_NATIVE = ("async def functions are not natively supported", "PytestUnhandledCoroutineWarning",
              "async def function and no async plugin installed")


def detect(ctx):
    """Strict mode left an async fixture or test to pytest, which cannot run it."""
    if (ctx.env.mode.value or "strict") == "auto" or native_table_unread(ctx) or plugin_missing(ctx):
        return None
    fixture_lines = ctx.paste_evidence("requested an async fixture", "requested async @pytest.fixture",
                                       "object has no attribute", limit=6)
    fixture_lines = [e for e in fixture_lines if UNHANDLED_FIXTURE.search(e.text)]
    test_lines = ctx.paste_evidence(*NOT_NATIVE, limit=4)
    strict_fixtures = [f for f in ctx.sources.fixtures if f.is_async and f.decorator == "pytest.fixture"]
    if not fixture_lines and not test_lines:
        return None
    evidence = fixture_lines[:4] + test_lines[:2]
    if ctx.facts.header.asyncio_line:
        evidence += ctx.paste_evidence(ctx.facts.header.asyncio_line.value, limit=1)
    for fixture in strict_fixtures[:3]:
        found = ctx.file_evidence(fixture.file, fixture.decorator_line)
        if found:
            evidence.append(found)
    names = _fixture_names(ctx, fixture_lines) or [f.name for f in strict_fixtures]
    if fixture_lines:
        summary = (f"pytest-asyncio runs in strict mode, where it only takes over async fixtures declared "
                   f"with @pytest_asyncio.fixture. {', '.join(names[:3]) or 'The fixture'} is declared with "
                   "@pytest.fixture, so the test receives an un-run coroutine or async generator instead of "
                   "its value (pytest 9 refuses it outright).")
    else:
        summary = ("pytest-asyncio runs in strict mode, where async tests need the asyncio marker; these tests "
                   "have none, so pytest itself tried to run them and cannot (\"async def functions are not "
                   "natively supported\").")
    options = []
    decorator_fix = _decorator_fix(ctx, strict_fixtures)
    auto = config_fix(ctx, FixKind.SET_ASYNCIO_MODE_AUTO, [(MODE_OPTION, "auto")],
                      "Set asyncio_mode = auto",
                      "In auto mode pytest-asyncio runs every async test and every async fixture, marked or not.",
                      "Every async test and fixture in the project is taken over by pytest-asyncio, which "
                      "conflicts with another async plugin (anyio, trio) used in the same run.")
    if fixture_lines:
        options += [decorator_fix, Option(auto, lambda v: True)]
    else:
        options += [Option(auto, lambda v: True), _marker_fix(ctx)]
    return finding(ctx, INFO, summary, Confidence.HIGH, evidence, [o for o in options if o])


def _fixture_names(ctx, lines):
    names = []
    for ev in lines:
        match = UNHANDLED_FIXTURE.search(ev.text)
        name = match and (match.group("a") or match.group("b"))
        if name and name not in names:
            names.append(name)
    return names


def _decorator_fix(ctx, fixtures):
    changes, texts = [], {}
    try:
        for fixture in fixtures:
            text = texts.get(fixture.file, ctx.files.get(fixture.file))
            texts[fixture.file] = set_fixture_kwargs(text, fixture.function, fixture.decorator_line, {}, asyncio_decorator=True)
    except (EditError, TypeError):
        texts = {}
    changes = [FileEdit(n, ctx.files[n], t) for n, t in texts.items()]
    fix = make_fix(FixKind.USE_ASYNCIO_FIXTURE_DECORATOR, "Declare async fixtures with @pytest_asyncio.fixture",
                   "Strict mode runs only fixtures declared with @pytest_asyncio.fixture; switching the "
                   "decorator lets pytest-asyncio set them up on the test's event loop.",
                   "None beyond the import; the fixture's arguments stay the same.", changes or None)
    # The targeted fix even where the conftest is not given to write its diff (auto mode changes more).
    return Option(fix, lambda v: True, needs_diff=False)


def _marker_fix(ctx):
    changes = []
    for file in ctx.sources.files:
        if any(t.is_async and not t.markers for t in file.tests):
            text = file.text
            try:
                if not any(m for m in file.module_markers):
                    text = add_import(text, "import pytest", "pytest")
                    text = add_module_statement(text, "pytestmark = pytest.mark.asyncio")
                    changes.append(FileEdit(file.name, file.text, text))
            except EditError:
                continue
    fix = make_fix(FixKind.MARK_TESTS_LOOP_SCOPE, "Mark the async tests with pytest.mark.asyncio",
                   "In strict mode each async test needs the asyncio marker; a module-level "
                   "pytestmark = pytest.mark.asyncio marks every test of the module.",
                   "Sync tests in the same module get a warning that they carry the marker.", changes or None)
    return Option(fix, lambda v: True)
