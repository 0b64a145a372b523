"""What several rules share: choosing the recommended fix for a release range, and the loop layouts that
end a fixture/test mismatch. The story of a paste (which mechanism its errors come from) lives in _story."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import releases as rel
from ..context import Context
from ..edits import EditError, FileEdit
from ..environment import FIXTURE_OPTION, TEST_OPTION
from ..fixes import config_fix, make_fix, mark_module_tests, set_fixture_kwargs
from ..loops import wider
from ..model import Confidence, Finding, Fix, FixKind
from ..releases import requirement
from . import lookup

@dataclass
class Option:
    """A candidate fix with the releases it is right for."""

    fix: Fix
    valid: object                 # Callable[[Version], bool]
    needs_diff: bool = True       # a fix that must edit files is weaker without a diff
    assumptions: list[str] = field(default_factory=list)
    last_resort: bool = False     # another release: only when no edit works on this one
    uncertain: bool = False       # right only under an assumption the input cannot confirm


def finding(ctx: Context, module_info, summary: str, confidence: Confidence, evidence,
            options: list[Option], title: str | None = None, affected=None, root_cause: bool = False) -> Finding:
    """A finding of this rule, its fixes ordered with the recommended one first (see ``choose``)."""
    fixes = choose(ctx, options)
    return Finding(
        pattern=module_info.pattern, code=module_info.code, title=title or module_info.title,
        summary=summary, confidence=confidence, evidence=evidence,
        affected_tests=ctx.affected_tests() if affected is None else affected, fixes=fixes,
        root_cause=root_cause,
    )


def choose(ctx: Context, options: list[Option]) -> list[Fix]:
    """Mark one fix recommended: right for the newest release the evidence allows, with its diff
    when it needs one, and right for the whole range when possible; ties keep the rule's order."""
    options = [o for o in options if o is not None]
    if not options:
        return []
    releases = ctx.versions.releases()
    edits_work = any(not o.last_resort and o.valid(releases[-1]) for o in options)

    def score(option: Option):
        everywhere = not option.uncertain and all(option.valid(v) for v in releases)
        newest = not option.uncertain and option.valid(releases[-1])
        has_diff = option.fix.diff is not None or not option.needs_diff
        # Right for the likeliest (newest) release first, then a diff to apply, then the whole range.
        return (option.last_resort and edits_work, not newest, not has_diff, not everywhere)

    best = min(range(len(options)), key=lambda i: (score(options[i]), i))
    for i, option in enumerate(options):
        option.fix.recommended = i == best
    chosen = options[best]
    ctx.assumptions.extend(chosen.assumptions + chosen.fix.assumptions)
    if not all(chosen.valid(v) for v in releases):
        needs = chosen.fix.requires or "a release it works on"
        ctx.assumptions.append(
            f"The recommended fix needs {needs}, which pytest-asyncio {ctx.versions} is not: upgrade first."
            if ctx.env.version_exact else
            f"The pytest-asyncio release is not shown exactly (the evidence allows {ctx.versions}); the "
            f"recommended fix assumes {needs}.")
    return [o.fix for o in [chosen] + [o for i, o in enumerate(options) if i != best]]


def at_least(text: str):
    bound = rel.V(text)
    return lambda v: v >= bound


def between(low: str, below: str):
    lo, hi = rel.V(low), rel.V(below)
    return lambda v: lo <= v < hi




# ---- loop layouts ----------------------------------------------------------------------

def fixture_default_function(ctx: Context, reason: str) -> Option:
    fix = config_fix(
        ctx, FixKind.SET_DEFAULT_FIXTURE_LOOP_SCOPE, [(FIXTURE_OPTION, "function")],
        "Set asyncio_default_fixture_loop_scope = function",
        "Async fixtures then run on the loop of the test that uses them, so what they create "
        "belongs to the loop the test awaits it on. " + reason,
        "Fixtures cached wider than a test (scope=\"session\"/\"module\") must then get their own "
        "loop_scope, or they fail with ScopeMismatch; every test gets fresh fixture objects.",
        requires=requirement("0.24"),
    )
    return Option(fix, at_least("0.24.0"))


def everything_on_loop(ctx: Context, scope: str, reason: str) -> Option:
    """Both defaults = scope: fixtures and tests share one loop (0.26+)."""
    changes = [(FIXTURE_OPTION, scope), (TEST_OPTION, scope)]
    fix = config_fix(
        ctx, FixKind.SET_DEFAULT_TEST_LOOP_SCOPE, changes,
        f"Run tests and fixtures on one {scope} loop (asyncio_default_test_loop_scope = {scope})",
        f"With asyncio_default_test_loop_scope = {scope} every async test runs on the {scope} loop, "
        f"and asyncio_default_fixture_loop_scope = {scope} puts every async fixture there too, so "
        "an object made by any fixture is awaited on the loop that made it. " + reason,
        "Tests share one event loop: a task or callback a test leaves behind can leak into the next "
        "test, and one test's loop-level state (debug mode, exception handler) affects the rest.",
        requires=requirement("0.26"),
    )
    return Option(fix, at_least("0.26.0"))


def test_modules(ctx: Context) -> list[str]:
    """Given test modules that hold async tests (the affected ones first)."""
    affected_files = {t.split("::")[0].replace("\\", "/") for t in ctx.affected_tests()}
    names = []
    for file in ctx.sources.files:
        if file.name in ctx.files and any(t.is_async for t in file.tests):
            names.append(file.name)
    names.sort(key=lambda n: not any(n.endswith(a) or a.endswith(n) for a in affected_files))
    return names


def function_loop_fixtures(ctx: Context) -> list:
    """Async fixtures the given tests use that would stay on a function loop: tests moved to a
    wider loop need them there too (0.23–0.26 refuse with MultipleEventLoopsRequestedError,
    1.x sets them up on a loop of their own)."""
    from ..loops import fixture_closure
    found = {}
    for test in ctx.sources.tests:
        if not test.is_async:
            continue
        for fixture in fixture_closure(test, ctx.sources):
            placement = ctx.model.fixtures.get(fixture.name)
            if placement is not None and placement.loop == "function":
                found[fixture.name] = fixture
    return list(found.values())


def mark_modules(ctx: Context, scope: str, reason: str, extra: list[FileEdit] | None = None) -> Option | None:
    """pytestmark with the release's marker keyword in every given test module; function-loop
    fixtures of those tests follow them through asyncio_default_fixture_loop_scope (0.24+)."""
    modules = test_modules(ctx)
    newest = ctx.versions.releases()[-1]
    kw = rel.marker_kwarg(newest)
    changes, notes = list(extra or []), []
    for name in modules:
        try:
            changes.append(FileEdit(name, ctx.files[name], mark_module_tests(ctx.files[name], kw, scope)))
        except EditError:
            continue
    valid = at_least("0.24.0") if kw == "loop_scope" else between("0.23.0", "99.0.0")
    companions = function_loop_fixtures(ctx) if scope != "function" else []
    explanation = (f'A module-level pytestmark = pytest.mark.asyncio({kw}="{scope}") runs every async test of '
                   f"the module on the {scope} loop, where the fixture lives. Per-test asyncio markers get the "
                   "same argument, because the closest marker wins. " + reason)
    config_changes = None
    if companions:
        names = ", ".join(f.name for f in companions[:3])
        explanation += (f" {names} would stay on a per-test loop, so asyncio_default_fixture_loop_scope = "
                        f"{scope} moves it along.")
        config_changes = [(FIXTURE_OPTION, scope)]
        valid = at_least("0.24.0")
    if not modules:
        notes.append("No test module was given, so this fix comes without a diff.")
    fix = combined_fix(
        ctx, FixKind.MARK_TESTS_LOOP_SCOPE,
        f'Run the tests on the {scope} loop: pytestmark = pytest.mark.asyncio({kw}="{scope}")',
        explanation, "Tests of these modules share one loop; each new test module needs the same line.",
        changes if modules else [], config_changes if modules else None,
        requires=requirement("0.24") if kw == "loop_scope" or companions else "pytest-asyncio>=0.23",
    )
    if not modules:
        fix.diff = None
    return Option(fix, valid, assumptions=notes + fix.assumptions)


def fixture_scope_function(ctx: Context, fixture, reason: str) -> Option | None:
    """Drop the fixture's wide caching: it is then made per test, on the test's loop."""
    text = ctx.files.get(fixture.file)
    changes = None
    if text is not None:
        try:
            changes = [FileEdit(fixture.file, text, set_fixture_kwargs(text, fixture.function, fixture.decorator_line, {"scope": None}))]
        except EditError:
            changes = None
    fix = make_fix(
        FixKind.SET_FIXTURE_SCOPE,
        f"Cache {fixture.name} per test (drop scope=\"{fixture.scope}\")",
        f"A function-scoped {fixture.name} is set up on the loop of each test that uses it. " + reason,
        f"{fixture.name} is created and closed for every test: slower when it opens connections.",
        changes,
    )
    default = ctx.env.fixture_default_scope()
    return Option(fix, lambda v: not (default and wider(default, "function") and rel.knows_fixture_loop_scope_option(v)))


def change_version(ctx: Context, low: str, reason: str, below: str | None = None, last_resort: bool = True) -> Option:
    """Install another release; ``last_resort`` False where the release is the fix (a known bug or change of
    the one installed), not a workaround after the edits."""
    req = requirement(low, below)
    fix = make_fix(
        FixKind.CHANGE_PYTEST_ASYNCIO_VERSION, f"Install {req}",
        f"{reason} Pin it in your test requirements, e.g. `{req}`.",
        "Upgrading may bring other behaviour changes; read the release notes of the versions in between.",
        requires=req,
    )
    return Option(fix, lambda v: True, needs_diff=False, last_resort=last_resort)


def prose(kind: FixKind, title: str, explanation: str, tradeoff: str, requires=None, valid=None) -> Option:
    return Option(make_fix(kind, title, explanation, tradeoff, requires=requires), valid or (lambda v: True),
                  needs_diff=False)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def info(code: str):
    return lookup(code)


def combined_fix(ctx: Context, kind: FixKind, title: str, explanation: str, tradeoff: str,
                 file_edits: list[FileEdit], config_changes=None, requires=None) -> Fix:
    """One fix editing Python files and (optionally) the config, as a single diff."""
    from ..fixes import ConfigEdit, config_edit

    edit = config_edit(ctx, config_changes) if config_changes else ConfigEdit()
    fix = make_fix(kind, title, explanation, tradeoff, file_edits + edit.edits, requires)
    if edit.blind_diff and (fix.diff is not None or not file_edits):
        fix.diff = (fix.diff or "") + edit.blind_diff
    fix.assumptions = edit.assumptions
    return fix


EVENT_LOOP_OVERRIDE = '''

@pytest.fixture(scope="{scope}")
def event_loop():
    """One loop for the whole {scope}: pytest-asyncio before 0.23 runs every async test and fixture on it."""
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()
'''


def conftest_target(ctx: Context) -> tuple[str, str | None]:
    """The conftest.py to edit (a given one nearest the tests) or to create beside the test modules."""
    given = sorted((n for n in ctx.files if n.rsplit("/", 1)[-1] == "conftest.py"), key=lambda n: n.count("/"))
    if given:
        return given[0], ctx.files[given[0]]
    dirs = {n.rsplit("/", 1)[0] if "/" in n else "" for n in test_modules(ctx)}
    if not dirs:
        dirs = {t.split("::")[0].replace("\\", "/").rsplit("/", 1)[0] for t in ctx.affected_tests() if "/" in t.split("::")[0]}
    base = min(dirs, key=len) if dirs else ""
    return (f"{base}/conftest.py" if base else "conftest.py"), None


def event_loop_override(ctx: Context, scope: str, reason: str) -> Option:
    """The pre-0.23 way to share a loop: a wider-scoped event_loop fixture in conftest.py."""
    from ..edits import add_import
    name, text = conftest_target(ctx)
    override = EVENT_LOOP_OVERRIDE.format(scope=scope)
    explanation = ("Up to pytest-asyncio 0.22 every async test and fixture runs on the event_loop fixture, so a "
                   f"{scope}-scoped override puts them all on one loop. " + reason)
    changes, notes = None, []
    if text is not None:
        try:
            after = add_import(add_import(text, "import asyncio", "asyncio"), "import pytest", "pytest")
            changes = [FileEdit(name, text, after.rstrip("\n") + "\n" + override)]
        except EditError:   # a conftest.py that does not parse gets the fixture in words, not a diff
            explanation += f" Add to {name}, with `import asyncio` and `import pytest`:\n{override}"
    elif ctx.has(name, name.replace("/", "\\")):
        # The paste shows the file exists: a diff creating it would not apply, and one editing it needs its text.
        explanation += f" Add to {name} (not given, so no diff), with `import asyncio` and `import pytest`:\n{override}"
        notes = [f"{name} was not given, so this fix shows the fixture to add instead of a diff."]
    else:
        changes = [FileEdit(name, None, "import asyncio\n\nimport pytest\n" + override)]
        notes = [f"No conftest.py was given, so the diff creates {name}; if one exists, add the fixture to it instead."]
    fix = make_fix(FixKind.OTHER, f'Share one loop: an event_loop fixture with scope="{scope}" in conftest.py',
                   explanation,
                   "Deprecated from 0.22 and without effect from 0.23 on: on upgrading, replace it with "
                   "loop_scope settings (asyncio_default_test_loop_scope from 0.26).",
                   changes, requires="pytest-asyncio<0.23")
    return Option(fix, lambda v: v < rel.V("0.23.0"), assumptions=notes)


