"""LD006: strict mode: an async fixture or test is not run by pytest-asyncio."""
from __future__ import annotations

import re

from .. import releases as rel
from ..edits import EditError, FileEdit, add_import, add_module_statement
from ..environment import MODE_OPTION
from ..fixes import config_fix, make_fix, set_fixture_kwargs
from ..model import PASTE, Confidence, FixKind, Pattern, Verdict
from ._common import Option, finding
from ._story import (DENIED_OR_ASKED, coroutine_hidden_by_decorator, missing_await_lines, native_table_unread,
                     plugin_active, plugin_missing, plugin_own_change, said_installed, said_strict_default, said_unmarked)
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD006",
    pattern=Pattern.STRICT_MODE_UNMARKED,
    title="Strict mode: an async fixture or test is not run by pytest-asyncio",
    verdict=Verdict.MISCONFIGURATION,
    kb=KnowledgeBase(
        what=(
            "In strict mode, the default since 0.19, pytest-asyncio only runs async tests that carry "
            "the `asyncio` marker and async fixtures decorated with `@pytest_asyncio.fixture`. An async "
            "fixture declared with plain `@pytest.fixture`, or an async test without the marker, is "
            "left to pytest, which cannot run coroutines.\n\n"
            "For a fixture, the test receives the coroutine or async generator object instead of its "
            "value (`assert <coroutine object user at 0x…> == …`, `TypeError: 'coroutine' object is not "
            "subscriptable`) and Python warns `RuntimeWarning: coroutine 'user' was never awaited`. "
            "From 0.25.0 pytest-asyncio adds `asyncio test 'test_1' requested async @pytest.fixture "
            "'user' in strict mode. You might want to use @pytest_asyncio.fixture or switch to auto "
            "mode.`; pytest 8.4 warns `… requested an async fixture 'user', with no plugin or hook that "
            "handled it`, and from pytest 9.0 that is an error at set-up. An unmarked async test is "
            "skipped with `async def functions are not natively supported and have been skipped` before "
            "pytest 8.4, and fails with `async def functions are not natively supported.` from 8.4."
        ),
        why=(
            "Strict mode lets pytest-asyncio coexist with other async plugins (anyio, trio): it only "
            "claims what is explicitly marked for it. An `async def` under `@pytest.fixture` is "
            "therefore not its business: pytest calls the function, gets a coroutine (or async "
            "generator), and passes that object to the test without awaiting it. A test without "
            "`@pytest.mark.asyncio` (on the function, its class, or a module `pytestmark`) is a plain "
            "coroutine function to pytest.\n\n"
            "In auto mode pytest-asyncio takes every async test and every coroutine or async-generator "
            "fixture, including ones declared with `@pytest.fixture`. 0.17 and 0.18 defaulted to a "
            "legacy mode that also did that, with a deprecation warning; 0.19 made strict the default, "
            "which is when many suites started failing this way.\n\n"
            "A `pytest_collection_modifyitems` hook that adds the marker to unmarked async tests does "
            "not rescue them in strict mode: `pytest_asyncio.is_async_test()` only recognises tests "
            "pytest-asyncio already handles (#810)."
        ),
        example=(
            "import pytest\n"
            "\n"
            "\n"
            "@pytest.fixture  # strict mode: pytest-asyncio does not run this fixture\n"
            "async def user():\n"
            '    return {"name": "ada"}\n'
            "\n"
            "\n"
            "@pytest.mark.asyncio\n"
            "async def test_user(user):\n"
            "    # pytest 8: TypeError: 'coroutine' object is not subscriptable\n"
            "    # pytest 9: error at set-up, \"requested an async fixture 'user', with no plugin or hook that handled it\"\n"
            '    assert user["name"] == "ada"\n'
            "\n"
            "\n"
            'async def test_unmarked():  # no marker: "async def functions are not natively supported"\n'
            "    assert True\n"
        ),
        example_language="python",
        fix=(
            "Keep strict mode and mark things for it: decorate async fixtures with "
            "`@pytest_asyncio.fixture` (all releases since 0.17) and mark async tests with "
            "`@pytest.mark.asyncio`, per test, per class, or per module with `pytestmark = "
            "pytest.mark.asyncio`.\n\n"
            "Or switch to auto mode: `asyncio_mode = auto` in `pytest.ini`, `tox.ini` or `setup.cfg` "
            '(under `[tool:pytest]`), `asyncio_mode = "auto"` under `[tool.pytest.ini_options]` in '
            "`pyproject.toml`, or `--asyncio-mode=auto` on the command line, which wins over the "
            "configuration file. Every async test and fixture is then run by pytest-asyncio and the "
            "marker and decorator become optional. Quotes around the value in an INI file make it "
            "invalid (LD007)."
        ),
        tradeoffs=(
            "Decorators and markers keep the suite explicit and compatible with other async plugins, at "
            "the cost of boilerplate and the risk of forgetting one; a module `pytestmark` also marks "
            "the sync tests in that module, which then warn that they are marked but not async.\n\n"
            "Auto mode removes the boilerplate but pytest-asyncio then claims every async test and "
            "fixture, so it does not suit a suite that also has anyio or trio tests.\n\n"
            "Either way, fixtures that were silently not run before now really run: their set-up and "
            "teardown execute, and may reveal a loop-scope problem they hid (LD001, LD002)."
        ),
        references=(
            Reference("pytest-asyncio: Concepts (test discovery modes)",
                      "https://pytest-asyncio.readthedocs.io/en/stable/concepts.html"),
            Reference("pytest-asyncio: Decorators",
                      "https://pytest-asyncio.readthedocs.io/en/stable/reference/decorators/index.html"),
            Reference("pytest-asyncio: Markers",
                      "https://pytest-asyncio.readthedocs.io/en/stable/reference/markers/index.html"),
            Reference("pytest: sync test depending on async fixture",
                      "https://docs.pytest.org/en/stable/deprecations.html#sync-test-depending-on-async-fixture"),
            Reference("pytest-asyncio #810: markers added at collection in strict mode",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/810"),
        ),
    ),
)


NEVER_AWAITED = re.compile(r"coroutine '(?:[\w.]+\.)?(\w+)' was never awaited")
UNHANDLED_FIXTURE = re.compile(
    # (pytest's warning may wrap the fixture's name onto the next line: "'test_x' requested an async fixture")
    r"requested an async fixture '(?P<a>\w+)'|'\w+' requested an async fixture\s*$"
    # (or wrap it after "async": the next line starts "fixture 'name', with no plugin or hook that handled it")
    r"|^fixture '(?P<e>\w+)'(?: with autouse=True)?, with no plugin or hook that handled it"
    r"|requested async @pytest\.fixture '(?P<b>\w+)'"
    r"|'(async_generator|coroutine)' object (has no attribute|is not)"
    # pytest-aiohttp's complaint about an async fixture pytest-asyncio left alone.
    r"|Asynchronous fixtures must depend on the 'loop' fixture"
    # 0.18's strict mode asserting on a plugin's unmarked async fixture.
    r"|_has_explicit_asyncio_mark\(<function (?P<c>\w+)"
    # A failing test's argument shown holding its fixture's un-run async generator or coroutine.
    r"|^\s*(?P<d>\w+) = <(?:async_generator|coroutine) object (?P=d) at 0x")
NOT_NATIVE = ("async def functions are not natively supported", "PytestUnhandledCoroutineWarning",
              "async def function and no async plugin installed")


# An async fixture said to carry the plain decorator ("`@pytest.fixture(autouse=True)` declared `async def`", "async
# fixtures decorated with plain @pytest.fixture").
_SAID_PLAIN_ASYNC_FIXTURE = re.compile(
    r"`?@pytest\.fixture(?:\([^)\n]{0,60}\))?`?\s+(?:declared|defined|written)(?: as)?\s+`?async def\b"
    r"|\basync(?: def)?`? fixtures?\b[^.\n]{0,30}\b(?:declared|decorated|defined) with (?:a |the )?(?:plain |regular "
    r"|ordinary )?`?@pytest\.fixture\b"
    # a patch that moves to the plugin's decorator ("Use explicit pytest_asyncio fixture")
    r"|\b(?:use|switch to|move to|migrate to)\b (?:an? |the )?(?:explicit )?`?@?pytest_asyncio(?:\.fixture| fixtures?)\b"
    # "update pytest to pytest_asyncio for async fixtures", "Update async fixtures to @pytest_asyncio" (not a bump of
    # the package: "Update pytest to pytest_asyncio 0.23")
    r"|\bupdat(?:e|es|ed|ing) (?:the )?async fixtures? to `?@?pytest_asyncio\b"
    r"|\bupdat(?:e|es|ed|ing) `?@?pytest(?:\.fixture)?`? to `?@?pytest_asyncio(?:\.fixture)?`? for (?:the |our )?async "
    r"fixtures?\b"
    # "Fixtures need to be defined with pytest_asyncio.fixtures now"
    r"|\bfixtures? (?:need to|needs to|must|have to|has to) be (?:defined|declared|decorated|marked|created) "
    r"(?:with|as|using) `?@?pytest_asyncio\.fixtures?\b"
    # "Marked async fixture (because we set strict asyncio_mode in pytest.ini"
    r"|\bmark(?:s|ed|ing)? (?:the |an? |all |our )?async fixtures?\b[^\n]{0,60}\bstrict\b",
    re.I)


# Words of a test suite: a paste with none of them is a script's own run.
_ABOUT_TESTS = re.compile(r"\b(?:test|pytest|fixture|conftest)", re.I)
# The class a never-awaited coroutine is a method of ('AsyncHTTPAdapter' of 'AsyncHTTPAdapter.send'), or None for a
# plain function.
_NEVER_AWAITED_OWNER = re.compile(r"coroutine '(?:(?:[\w.]+\.)?([A-Za-z_]\w*)\.)?\w+' was never awaited")
_COROUTINE_VALUE = re.compile(r"'coroutine' object (?:has no attribute|is not)")


# Beanie and Tortoise say their async init (awaited in a fixture) never ran.
_INIT_NEVER_RAN = re.compile(r"CollectionWasNotInitialized|default_connection for the model .{0,80} cannot be None")


# 0.17-0.18's legacy mode naming an async fixture that strict mode will leave un-run.
_LEGACY_FIXTURE = re.compile(r"'@pytest\.fixture' is applied to <fixture (\w+)[^>\n]{0,300}> in 'legacy' mode")


def detect(ctx):
    """Strict mode left an async fixture or test to pytest, which cannot run it."""
    if (ctx.env.mode.value or "strict") == "auto" or native_table_unread(ctx) or plugin_missing(ctx) \
            or coroutine_hidden_by_decorator(ctx):
        return None
    legacy = _legacy_fixtures(ctx)
    if legacy:
        return legacy
    fixture_lines = ctx.paste_evidence("requested an async fixture", "requested async @pytest.fixture",
                                       "object has no attribute", "object is not", "Asynchronous fixtures must depend on",
                                       "_has_explicit_asyncio_mark(<function", "= <async_generator object",
                                       "= <coroutine object", "with no plugin or hook that handled it", limit=6)
    fixture_lines = [e for e in fixture_lines if UNHANDLED_FIXTURE.search(_cleaned(ctx, e))]
    if fixture_lines:
        missing_await = {v.value.strip() for v in missing_await_lines(ctx)}
        # (a script's own coroutine used as a value, in a paste that names no test, fixture or pytest, is its own bug;
        # so is one the warning names as a method of the code's own class, 'AsyncHTTPAdapter.send': an un-run fixture
        # is a function, or a method of a test class)
        owners = [m.group(1) for v in ctx.facts.find("was never awaited")
                  if (m := _NEVER_AWAITED_OWNER.search(v.value))]
        methods_only = bool(owners) and all(o and not o.startswith("Test") for o in owners)
        fixture_lines = [e for e in fixture_lines if e.text.strip() not in missing_await
                         and not (methods_only and _COROUTINE_VALUE.search(e.text))] \
            if ctx.facts.first_matching(_ABOUT_TESTS) else []
    test_lines = ctx.paste_evidence(*NOT_NATIVE, limit=4)
    strict_fixtures = [f for f in ctx.sources.fixtures if f.is_async and f.decorator == "pytest.fixture"]
    mode_shown = ctx.env.mode.source.startswith("<paste>") or ":" in ctx.env.mode.source
    inferred = init_never_ran = False
    if not fixture_lines and strict_fixtures:
        # The warning names an async fixture the code declares with @pytest.fixture: pytest called it and never
        # awaited what it returned.
        declared = {f.name for f in strict_fixtures}
        fixture_lines = ctx.paste_evidence(*_never_awaited(ctx, lambda name: name in declared)[:2], limit=2)
    if not fixture_lines and mode_shown and ctx.failed():
        # Strict mode printed by the run, tests failing, and a coroutine that is not a test never awaited: an
        # async fixture pytest called and handed over un-run.
        fixture_lines = ctx.paste_evidence(*_never_awaited(ctx, lambda name: not name.startswith("test"))[:2],
                                           limit=2)
        inferred = bool(fixture_lines)
    if not fixture_lines and ctx.failed() and not ctx.sources.fixtures and not ctx.facts.mentions("lifespan") \
            and ctx.has("CollectionWasNotInitialized", "default_connection for the model") \
            and ctx.has("init_beanie", "Tortoise.init", "initializer(", "conftest", "fixture"):
        # An ODM's "never initialised" error: its init is awaited in an async fixture, which did not run.
        fixture_lines = ctx.paste_evidence(*(v.value for v in ctx.facts.lines_matching(_INIT_NEVER_RAN)[:2]), limit=2)
        inferred = init_never_ran = bool(fixture_lines)
    # The code alone can tell: strict mode (shown, or the default of every release the evidence allows), an
    # async @pytest.fixture, and a failure, or no run at all (a report quoting only its code).
    strict_known = mode_shown or (ctx.env.mode.value == "strict"
                                  and ctx.versions.all(lambda v: rel.default_mode(v) == "strict"))
    no_run = not (ctx.facts.summary_line or ctx.facts.outcomes or ctx.facts.exceptions or ctx.facts.progress)
    # A loop error shows the async fixtures did run (an un-run one hands the test a coroutine, not a loop).
    from_code = (not fixture_lines and not test_lines and strict_fixtures and strict_known
                 and (ctx.failed() or no_run) and not ctx.has("different loop", "different event loop"))
    # A report blaming 0.19's new default, strict mode, with nothing else shown: its tests were never marked.
    plain_said = [v for v in ctx.facts.lines_matching(_SAID_PLAIN_ASYNC_FIXTURE)
                  if not DENIED_OR_ASKED.search(v.value)] \
        if no_run and not (fixture_lines or test_lines or from_code) \
        and ctx.facts.mentions("@pytest.fixture", "pytest_asyncio fixture", "pytest_asyncio.fixture", "to pytest_asyncio",
                               "to @pytest_asyncio", "async fixture") \
        and not ctx.facts.mentions("auto mode", "asyncio_mode = auto", "asyncio_mode=auto", "anyio") \
        and not plugin_own_change(ctx) else []
    strict_said = not (fixture_lines or test_lines or from_code) and no_run and bool(
        said_strict_default(ctx) or said_unmarked(ctx) or plain_said)
    # Or the tests shown are unmarked async tests, the header shows pytest-asyncio on a release whose default is
    # strict, nothing sets a mode, and the run itself is not shown: the tests are left to pytest.
    from_tests = (not (fixture_lines or test_lines or from_code or strict_said) and no_run and strict_known
                  and plugin_active(ctx) and ctx.env.mode.source.startswith("default")
                  and any(t.is_async and not t.markers for t in ctx.sources.tests)
                  # tests another async plugin runs, or that a collection hook marks, are not left to pytest
                  and not ctx.has("mark.anyio", "mark.trio", "add_marker", "anyio_backend")
                  and not ctx.facts.mentions("different loop", "different event loop", "event loop is closed"))
    if not fixture_lines and not test_lines and not from_code and not strict_said and not from_tests:
        return None
    said = said_unmarked(ctx) or said_installed(ctx) or said_strict_default(ctx) or plain_said
    if not fixture_lines and not (plugin_active(ctx) or mode_shown or ctx.sources.fixtures or said):
        return None  # unmarked tests and nothing showing pytest-asyncio at all: the missing-plugin rule answers
    evidence = fixture_lines[:4] + test_lines[:2] + ctx.paste_evidence(*(v.value for v in said[:1]), limit=1)
    if ctx.facts.header.asyncio_line:
        evidence += ctx.paste_evidence(ctx.facts.header.asyncio_line.value, limit=1)
    for fixture in strict_fixtures[:3]:
        found = ctx.file_evidence(fixture.file, fixture.decorator_line)
        if found:
            evidence.append(found)
    names = _fixture_names(ctx, fixture_lines) or [f.name for f in strict_fixtures]
    if init_never_ran:
        summary = ("The library's async initialisation (init_beanie, Tortoise.init) never ran. In a test suite it "
                   "is awaited in an async fixture, and in strict mode pytest-asyncio only runs async fixtures "
                   "declared with @pytest_asyncio.fixture: a plain @pytest.fixture one (even autouse) is left un-run.")
    elif fixture_lines or from_code or plain_said:
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
    if fixture_lines or from_code or plain_said:
        options += [decorator_fix, Option(auto, lambda v: True)]
    else:
        options += [Option(auto, lambda v: True), _marker_fix(ctx)]
    only_said = said and not (fixture_lines or plugin_active(ctx) or mode_shown or ctx.sources.fixtures)
    confidence = Confidence.MEDIUM if from_code or inferred or only_said else Confidence.HIGH
    return finding(ctx, INFO, summary, confidence, evidence, [o for o in options if o])


def _legacy_fixtures(ctx):
    """Legacy mode's warning about async fixtures declared with @pytest.fixture, where the mode itself is not
    warned of (that warning's cause, the unset mode, is the configuration's finding)."""
    lines = ctx.facts.lines_matching(_LEGACY_FIXTURE) if ctx.facts.mentions("in 'legacy' mode") else []
    if not lines or ctx.has("The 'asyncio_mode' default value will change"):
        return None
    names = list(dict.fromkeys(_LEGACY_FIXTURE.search(v.value).group(1) for v in lines))
    summary = (f"pytest-asyncio's legacy mode (0.17, 0.18) warns that {', '.join(names[:3])} is an async fixture "
               "declared with @pytest.fixture: legacy mode still runs it, but strict mode, the default from 0.19, "
               "leaves such a fixture to pytest, which hands the test an un-run coroutine or async generator.")
    strict_fixtures = [f for f in ctx.sources.fixtures if f.is_async and f.decorator == "pytest.fixture"]
    auto = config_fix(ctx, FixKind.SET_ASYNCIO_MODE_AUTO, [(MODE_OPTION, "auto")], "Set asyncio_mode = auto",
                      "Auto mode runs every async fixture and test, however declared.",
                      "Every async test and fixture is taken over by pytest-asyncio (a clash with anyio or trio).")
    options = [_decorator_fix(ctx, strict_fixtures), Option(auto, lambda v: True)]
    evidence = ctx.paste_evidence(*(v.value for v in lines[:2]), limit=2)
    return finding(ctx, INFO, summary, Confidence.HIGH, evidence, options)


def _never_awaited(ctx, named) -> list[str]:
    """The "coroutine '…' was never awaited" lines whose coroutine's name passes ``named``."""
    return [v.value for v in ctx.facts.find("was never awaited")
            if (m := NEVER_AWAITED.search(v.value)) and named(m.group(1))]


def _cleaned(ctx, ev) -> str:
    """An evidence line as the rules read it: a quoted report's "> keyspace = <async_generator …>" without its
    marker (the evidence itself keeps the line as pasted)."""
    return ctx.facts.text.lines[ev.line - 1].text if ev.file == PASTE else ev.text


def _fixture_names(ctx, lines):
    names = []
    for ev in lines:
        text = _cleaned(ctx, ev)
        match = UNHANDLED_FIXTURE.search(text)
        name = match and (match.group("a") or match.group("b") or match.group("c") or match.group("d")
                          or match.group("e"))
        never = None if match else NEVER_AWAITED.search(text)
        name = name or (never and never.group(1))
        if name and name not in names:
            names.append(name)
    # A name wrapped onto the next line: the warning's message joins the two.
    for warning in ctx.facts.warnings:
        wrapped = _WRAPPED_NAME.search(warning.message)
        if wrapped and wrapped.group(1) not in names:
            names.append(wrapped.group(1))
    return names


_WRAPPED_NAME = re.compile(r"requested an async fixture\s+'(\w+)'")


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
