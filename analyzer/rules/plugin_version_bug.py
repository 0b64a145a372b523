"""LD010: a known bug of this pytest-asyncio release."""
from __future__ import annotations

import re

from .. import releases as rel
from ..edits import EditError
from ..fixes import current_loop_edits, make_fix
from ..model import Confidence, FixKind, Pattern, Verdict
from ._common import Option, change_version, finding, fixture_scope_function, mark_modules, prose
from ._story import (APP_LOOP_MESSAGES, CONTEXT_LOST, CONTEXT_WORDS, ERROR_NAMED, TITLE_START, affirmed_match,
                     anyio_plugin_only, deprecated_asyncio_calls, deprecation_is_the_failure, innermost_callers,
                     loop_errors, plugin_missing, plugin_shown, raised_by_plugin_runner, said_own_no_loop_call,
                     said_strict_default, stated, story, title, warnings_only)
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD010",
    pattern=Pattern.PLUGIN_VERSION_BUG,
    title="A known bug of this pytest-asyncio release",
    verdict=Verdict.LOOP_MISMATCH,
    kb=KnowledgeBase(
        what=(
            "The failure comes from a known bug or behaviour change of the installed pytest-asyncio "
            "release rather than from the test suite: the same suite behaves differently on another "
            "release, and the fix is another release or a change that does not depend on the affected "
            "behaviour. The installed version is the `asyncio-<version>` token in the header's "
            "`plugins:` line.\n\n"
            "Known cases: 0.23.x ties an async fixture's loop to its caching scope (#706); 0.22.0 is a "
            "yanked release; 0.25.0 replaces a wider loop between tests (#950, #957); 1.0.0 ignores the "
            "marker a collection hook adds to tests that are already marked; 0.24.0–1.1.1 raise `There "
            "is no current event loop in thread 'MainThread'.` after a sync test called `asyncio.run()` "
            "(#1177); from 1.4.0 no loop is left set after async tests, which breaks sync code "
            "calling `asyncio.get_event_loop()`; and on Python 3.14, releases before 0.25 call "
            "`asyncio.iscoroutinefunction` and releases before 1.0 call the event loop policy functions "
            "unsilenced, both deprecated there (`DeprecationWarning: 'asyncio.iscoroutinefunction' is "
            "deprecated and slated for removal in Python 3.16`)."
        ),
        why=(
            "0.23.0–0.23.8 derive an async fixture's loop from the pytest collector of its caching "
            "scope, so a module- or session-cached fixture cannot share a loop with function-loop "
            "tests, and `loop_scope=` does not exist yet. The maintainers acknowledged it in #706 and "
            "the changelog told users to stay on 0.21 until 0.24.0 separated loop scope from caching "
            "scope.\n\n"
            "0.22.0 deprecated the `event_loop` fixture without replacements for all its uses and was "
            "yanked; its `asyncio_event_loop` mark was removed again in 0.23.0. pip installs it only "
            "when it is pinned exactly.\n\n"
            "0.25.0 replaces a module- or session-scoped loop when a function-loop test runs between "
            "two tests on the wider loop, so the second of them gets a new loop (#950, #957). Fixed in "
            "0.25.1.\n\n"
            "1.0.0 requests the function-loop fixture for tests already marked with `asyncio` in "
            "`pytest_generate_tests`, which runs before a `pytest_collection_modifyitems` hook can "
            "change the marker. So the documented hook that adds "
            '`pytest.mark.asyncio(loop_scope="session")` has no effect on tests that carry a bare '
            "`@pytest.mark.asyncio`: they still run on a function loop. 1.1.0 dropped that step.\n\n"
            "`asyncio.run()` sets the current event loop to `None` when it returns, and 0.24.0–1.1.1 "
            "did not cope with that when the next test on a shared (non-function) loop started. Fixed "
            "in 1.2.0.\n\n"
            "1.4.0 unsets the current loop after each async test so that no loop is left behind "
            "unclosed (the fix for `ResourceWarning: unclosed event loop`, #724). On 1.3.0 and older a "
            "usable loop stayed set, and sync code that relied on `asyncio.get_event_loop()` returning "
            "it worked by accident; from 1.4.0 it fails with `There is no current event loop in thread "
            "'MainThread'.`, also on Python 3.11–3.13.\n\n"
            "Python 3.14 deprecates `asyncio.iscoroutinefunction` and the event loop policy functions. "
            "0.21–0.24 call the first while collecting tests (0.25 uses `inspect.iscoroutinefunction`), and "
            "every release before 1.0 calls `get_event_loop_policy`/`set_event_loop_policy` while setting "
            "up a test's loop (1.0 wraps its own calls so they do not warn). The warnings come from the "
            "plugin's files; where warnings are errors, collection or set-up fails."
        ),
        example=(
            "import asyncio\n"
            "\n"
            "import pytest\n"
            "\n"
            "\n"
            '@pytest.mark.asyncio(loop_scope="module")\n'
            "async def test_before():\n"
            "    await asyncio.sleep(0)\n"
            "\n"
            "\n"
            "def test_sync_helper():\n"
            "    assert asyncio.run(asyncio.sleep(0, result=1)) == 1\n"
            "\n"
            "\n"
            '@pytest.mark.asyncio(loop_scope="module")\n'
            "async def test_after():\n"
            "    # 0.24.0-1.1.1: RuntimeError: There is no current event loop in thread 'MainThread'.\n"
            "    await asyncio.sleep(0)\n"
            "\n"
            "\n"
            "def test_legacy_sync_code():\n"
            "    # 1.4.0+: RuntimeError: There is no current event loop in thread 'MainThread'.\n"
            "    assert asyncio.get_event_loop() is not None\n"
        ),
        example_language="python",
        fix=(
            "Move to a release without the bug, and write the configuration in the spelling that "
            "release understands.\n\n"
            "0.23.x: upgrade to 0.24 or later and use `loop_scope=` on fixtures and markers together "
            "with `asyncio_default_fixture_loop_scope`; if you cannot yet, stay on 0.21.x, where the "
            "session-scoped `event_loop` override still works, as the maintainers advised. Markers "
            "written with 0.23's `scope=` keep working later, with a deprecation warning.\n\n"
            "0.22.0: install any other release; the `asyncio_event_loop` mark has no successor by that "
            "name (use the marker's `scope=` on 0.23, `loop_scope=` from 0.24).\n\n"
            "0.25.0: upgrade to 0.25.1 or later.\n\n"
            "1.0.0 and the collection hook: upgrade to 1.1.0 or later; or remove the bare "
            "`@pytest.mark.asyncio` from the tests; or put `loop_scope=` on those markers; or replace "
            "the hook with `asyncio_default_test_loop_scope = session`, which 1.0.0 honours.\n\n"
            "0.24.0–1.1.1 and `There is no current event loop` after `asyncio.run()`: upgrade to 1.2.0 "
            "or later, or turn the sync test that calls `asyncio.run()` into an async test.\n\n"
            "1.4.0+ and sync code that calls `asyncio.get_event_loop()`: fix the code. Inside async "
            "code use `asyncio.get_running_loop()`; in sync code use `asyncio.run()`, or create and set "
            "a loop explicitly (`asyncio.new_event_loop()`, `asyncio.set_event_loop(loop)`, and "
            "`loop.close()` afterwards). Where the failing sync tests are among the files given, the "
            "diff adds a fixture that does that to conftest.py and `@pytest.mark.usefixtures` to those "
            "tests. Pinning `pytest-asyncio<1.4` is a stopgap: the change is intentional.\n\n"
            "Python 3.14's deprecation warnings from the plugin's own files: upgrade to 0.25 or later "
            "for `asyncio.iscoroutinefunction` (it needs pytest 8.2), to 1.0 or later for the policy "
            "functions. A warning located in another library is that library's to fix (LD011); one in "
            "the suite's own code is the suite's."
        ),
        tradeoffs=(
            "Upgrading across several releases brings their other changes: 1.0.0 removes the "
            "`event_loop` fixture (LD005), 1.2.0 rejects invalid configuration values at start-up "
            "(LD007), 1.3.0 needs Python 3.10, and 1.4.0 needs pytest 8.4 and leaves no loop set after "
            "async tests. Read the changelog between the two releases.\n\n"
            "Staying on 0.21 keeps the old `event_loop` model but gets no further fixes, lacks "
            "`loop_scope=` and the `asyncio_default_*` options, and 0.21.2 fails at collection on "
            "pytest 9.\n\n"
            "Pinning below a release with a behaviour change (`<1.4`) defers the work and blocks later "
            "fixes. Changing the code so it no longer depends on a current loop being set is more work "
            "now but independent of the plugin's release."
        ),
        references=(
            Reference("pytest-asyncio changelog",
                      "https://pytest-asyncio.readthedocs.io/en/stable/reference/changelog.html"),
            Reference("pytest-asyncio #706: Breaking change in 0.23.*",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/706"),
            Reference("pytest-asyncio #950: wider loop replaced between tests (0.25.0)",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/950"),
            Reference("pytest-asyncio #957: wider loop replaced between tests (0.25.0)",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/957"),
            Reference("pytest-asyncio #1177: no current event loop after asyncio.run in a sync test",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/1177"),
            Reference("pytest-asyncio #724: ResourceWarning for unclosed event loops",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/724"),
            Reference("How to migrate from pytest-asyncio v0.23",
                      "https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/migrate_from_0_23.html"),
        ),
    ),
)


NO_CURRENT_LOOP = "There is no current event loop in thread"


def detect(ctx):
    """A failure that is a known bug of the installed release: the fix is another release."""
    v = ctx.version
    # A withdrawn release is the answer before any reading of what the report says changed.
    found = v is not None and _yanked(ctx, v)
    if found:
        summary, evidence, options = found
        return finding(ctx, INFO, summary, Confidence.HIGH, [e for e in evidence if e], options, root_cause=True)
    # A documented change of the release in use explains more than the report's own blame of that release.
    known_change = v is not None and _no_current_loop(ctx, v)
    if known_change:
        summary, evidence, options = known_change
        return finding(ctx, INFO, summary, Confidence.HIGH, [e for e in evidence if e], options, root_cause=True)
    found = (_own_loop_fixture_missing(ctx) or _rerun_before_0_17(ctx) or _port_factory_function_scoped(ctx)
             or _pytest_too_new(ctx) or _node_construction(ctx) or _text_file_imported(ctx) or _ini_type_unknown(ctx)
             or _fixture_method_not_rebound(ctx) or _described_known_bug(ctx) or _context_not_propagated(ctx)
             or _shared_loop_dropped(ctx)
             or _get_event_loop_warning(ctx) or _python_deprecations_from_plugin(ctx) or _own_deprecated_call(ctx)
             or _regression_report(ctx)
             or _inside_the_plugin(ctx) or _linked_known_bug(ctx) or _pin_title(ctx) or _release_rejected(ctx)
             or _said_pytest_incompatible(ctx)
             or _said_no_loop_left(ctx)
             or _one_loop_yet_crossed(ctx))
    if found:
        summary, evidence, options, confidence = found
        return finding(ctx, INFO, summary, confidence, [e for e in evidence if e], options)
    if v is None:
        return None
    for check in (_known_release_bug, _hook_ignored, _no_current_loop, _mixed_loop_scopes):
        found = check(ctx, v)
        if found:
            summary, evidence, options = found
            # A known bug of this very release explains the loop errors other rules would read as scope problems.
            return finding(ctx, INFO, summary, Confidence.HIGH, [e for e in evidence if e], options, root_cause=True)
    return None


def _one_loop_yet_crossed(ctx):
    """Loop errors although the code shown puts the test and its fixtures on one loop, release unknown."""
    told = story(ctx)
    if told.kind != "release":
        return None
    summary = ("The code shown runs the test and every fixture it uses on one function-scoped loop, which "
               "current releases honour, yet an object crossed loops. That points at the installed release: "
               "0.11.0 set async fixtures up before the test's event_loop (fixed in 0.12), and other releases "
               "had loop bugs since fixed. If an object comes from code the report does not show (a module-level "
               "client), that object is the cause instead.")
    # The newest line the Python shown can install (0.25+ need 3.9, 0.22+ need 3.8).
    python = ctx.env.python.value or next((m.group(1) for v in ctx.facts.find("python3.")
                                           for m in [_PYTHON_PATH.search(v.value)] if m), None)
    minor = int(python.split(".")[1]) if python and python.startswith("3.") and python.split(".")[1].isdigit() else None
    target = "0.21" if minor is not None and minor < 8 else "0.24" if minor == 8 else "0.26"
    reason = "Current releases set every fixture up on the loop its scope names."
    if any(f.is_async and f.decorator == "pytest.fixture" for f in ctx.sources.fixtures) and ctx.env.mode.value != "auto":
        reason += (" From 0.19 strict mode is the default: declare the async fixtures with @pytest_asyncio.fixture, "
                   "or set asyncio_mode = auto, or they are not run at all.")
    option = change_version(ctx, target, reason, last_resort=False)
    evidence = ctx.exception_evidence(told.loop_errors, limit=2) + \
        ctx.paste_evidence(*(q.value for q in told.quoted[:1]), limit=1)
    return summary, evidence, [option], Confidence.MEDIUM


_PYTHON_PATH = re.compile(r"python(3\.\d+)[/\\]")


def _mixed_loop_scopes(ctx, v):
    """0.24.0–0.25.0 replaced a module/session loop when a function-loop test ran between two tests on it
    (#950, #957; fixed in 0.25.1): the wider-loop fixture's objects then meet a new loop."""
    if not rel.V("0.24.0") <= v < rel.V("0.25.1"):
        return None
    errors = loop_errors(ctx) or ctx.exceptions(LOOP_CLOSED_TEXT)
    if not errors:
        return None
    wide_tests = [t for t in ctx.sources.tests if t.is_async and t.markers and t.markers[0].loop_scope
                  not in (None, "function")]
    function_tests = [t for t in ctx.sources.tests if t.is_async and not (t.markers and t.markers[0].loop_scope
                                                                          not in (None, "function"))]
    shows_function_loops = any(e.scope == "function" and e.name == "event_loop" for e in ctx.facts.setup_show)
    if not ((wide_tests and function_tests) or (shows_function_loops and _wide_loop_fixture(ctx))):
        return None
    upgrade = change_version(ctx, "0.25.1", "0.25.1 keeps the wider loop across the function-loop tests between.",
                             last_resort=False)
    options = [upgrade]
    if wide_tests:
        # Staying on the release: no function-loop test between them, all the module's tests on the wider loop.
        options.append(mark_modules(ctx, wide_tests[0].markers[0].loop_scope,
                                    "No test of the module then runs on a function loop between them."))
    return (f"pytest-asyncio {v} replaces a module- or session-scoped event loop when a test on a function loop "
            "runs between two tests on the wider loop, so objects made on the first loop (by a wider fixture) are "
            "awaited on another (#950, fixed in 0.25.1).", ctx.exception_evidence(errors, limit=3),
            [o for o in options if o])


def _wide_loop_fixture(ctx) -> bool:
    return any(e.kind == "setup" and e.scope in ("module", "package", "session") and not e.name.startswith("_")
               and e.name != "event_loop_policy" for e in ctx.facts.setup_show)


LOOP_CLOSED_TEXT = "Event loop is closed"


_CAUSED = re.compile(r"\b(?:caus(?:e|es|ed|ing)|fail(?:s|ed|ing|ures?)?|broke|breaks|broken)\b", re.I)


def _yanked(ctx, v):
    # A failed run, or a report that names the loop error it met (a ScopeMismatch said in its sentences).
    # (or a report that names the release and quotes the error it met: "0.22.0 was released ... causing the
    # following error when running our tests: RuntimeError: ...")
    if v != rel.V("0.22.0") or not (ctx.failed() or story(ctx).kind != "none" or ctx.facts.exceptions
                                    or ctx.facts.lines_matching(ERROR_NAMED) and ctx.facts.lines_matching(_CAUSED)):
        return None
    return ("pytest-asyncio 0.22.0 was yanked: its event-loop changes broke suites and were taken back in 0.23.",
            ctx.paste_evidence("asyncio-0.22.0", "0.22.0", limit=1),
            [change_version(ctx, "0.24", "0.22.0 was withdrawn; 0.24 and later have the loop_scope settings that replaced it.")])


# Releases with a loop bug their changelog names, older than the placement model: (first, last, fixed in, what).
KNOWN_RELEASE_BUGS = (
    ("0.11.0", "0.11.0", "0.12", "0.11.0 set up the event_loop fixture after other async fixtures, so a fixture "
     "and its test got different loops (#154, #157, #158)"),
    ("0.17.0", "0.17.0", "0.17.1", "0.17.0 let asyncio.run() in a sync test break the async tests after it (#257)"),
)


def _known_release_bug(ctx, v):
    if not (loop_errors(ctx) or ctx.has(LOOP_CLOSED_TEXT, "different loop", "no current event loop")):
        return None
    for first, last, fixed, what in KNOWN_RELEASE_BUGS:
        if rel.V(first) <= v <= rel.V(last):
            upgrade = change_version(ctx, fixed, f"Fixed in {fixed}.", last_resort=False)
            evidence = ctx.exception_evidence(loop_errors(ctx), limit=2) + ctx.paste_evidence(
                LOOP_CLOSED_TEXT, "different loop", f"asyncio-{v}", limit=2)
            return f"A known bug of pytest-asyncio {v}: {what}; fixed in {fixed}.", evidence, [upgrade]
    return None


def _hook_ignored(ctx, v):
    if not rel.collection_hook_ignored_for_marked_tests(v) or not loop_errors(ctx):
        return None
    hooks = [h for p in ctx.sources.files for h in p.hooks if h.adds_asyncio_marker]
    marked = [t for t in ctx.sources.tests if t.is_async and t.markers]
    if not hooks or not marked:
        return None
    evidence = ctx.exception_evidence(loop_errors(ctx), limit=3) + [ctx.file_evidence(hooks[0].file, hooks[0].line)]
    # A known bug of the release: the release is the fix, the edit a workaround.
    upgrade = change_version(ctx, "1.1", "1.1.0 honours the marker the hook adds.", last_resort=False)
    options = [upgrade]
    scope = hooks[0].marker_loop_scope
    if scope:
        # Staying on 1.0.0: put the scope on the markers the tests carry, which 1.0.0 does read.
        options.append(mark_modules(ctx, scope, "On 1.0.0 the marker written on the test wins over the hook's."))
    return ("pytest-asyncio 1.0.0 ignores a loop-scope marker added in pytest_collection_modifyitems for tests "
            "that already carry @pytest.mark.asyncio: they stay on their function loops (fixed in 1.1.0).",
            evidence, [o for o in options if o])


_DROPS_LOOP = ("asyncio.run(", "set_event_loop(None)", "asyncio.Runner(")


def _drops_current_loop(ctx) -> bool:
    """Code in the paste or the files that leaves no current loop behind (asyncio.run() and friends)."""
    return ctx.has(*_DROPS_LOOP) or any(n in f.text for f in ctx.sources.files for n in _DROPS_LOOP)


_SAID_NO_LOOP = re.compile(r"\bget_event_loop\(\)`? (?:now )?(?:raise[sd]?|fail(?:s|ed)?|error(?:s|ed)?)\b"
                           r"|\bno longer (?:leaks?|leaves?) (?:a|an|the) (?:event )?loop\b", re.I)


def _no_current_loop(ctx, v):
    hits = ctx.exceptions(NO_CURRENT_LOOP)
    # Quoted in a report's sentences rather than printed by a run.
    said = [] if hits else ctx.facts.find(NO_CURRENT_LOOP)
    if not hits and not said and v >= rel.V("1.4.0") and ctx.facts.mentions("get_event_loop", "leak"):
        # In words: "get_event_loop() raised", "no longer leaks a loop".
        said = ctx.facts.lines_matching(_SAID_NO_LOOP)
    if not hits and not said:
        return None
    evidence = ctx.exception_evidence(hits, limit=3) or ctx.paste_evidence(said[0].value, limit=1)
    if rel.V("0.24.0") <= v < rel.V("1.2.0") and _drops_current_loop(ctx):
        return (f"pytest-asyncio {v} loses the current event loop after a sync test calls asyncio.run(); the "
                "next async test on a shared loop fails with \"There is no current event loop\" (fixed in 1.2.0).",
                evidence, [change_version(ctx, "1.2", "1.2.0 restores the loop for tests on shared loops.")])
    if v >= rel.V("1.4.0"):
        return _no_loop_left_set(ctx, evidence)
    return None


def _no_loop_left_set(ctx, evidence):
    """1.4.0's change: no loop stays set after an async test."""
    fix = prose(FixKind.OTHER, "Get the loop inside async code with asyncio.get_running_loop()",
                "Since pytest-asyncio 1.4.0 no loop stays set after an async test, so sync code calling "
                "asyncio.get_event_loop() later fails. Call it inside async code, or create and set a loop "
                "explicitly where sync code needs one (a fixture that makes one for the sync tests).",
                "A code change where the loop is fetched.")
    pin = change_version(ctx, "1.3", "Releases before 1.4.0 left a loop set after async tests.", below="1.4",
                         last_resort=False)
    return ("Since pytest-asyncio 1.4.0 no event loop is left set after an async test, so sync code that "
            "calls asyncio.get_event_loop() afterwards fails with \"There is no current event loop\".",
            evidence, [o for o in (_current_loop_fixture(ctx), fix, pin) if o])


def _current_loop_fixture(ctx):
    """The failing sync tests of the given files get a current loop of their own from a fixture."""
    try:
        edits = current_loop_edits(ctx)
    except EditError:
        return None
    if edits is None:
        return None
    conftest, changes, notes = edits
    fix = make_fix(FixKind.OTHER, "Give the sync tests a current loop from a fixture",
                   f"Since pytest-asyncio 1.4.0 no loop stays set after an async test. A fixture in {conftest} "
                   "creates a loop and sets it as the current one for each sync test that needs it, and closes "
                   "it afterwards; the tests request it with @pytest.mark.usefixtures.",
                   "The sync code still relies on a current loop, which asyncio deprecates outside a running "
                   "loop; moving it to asyncio.run() or to async code lasts longer. Every other sync test that "
                   "calls asyncio.get_event_loop() needs the marker too.", changes)
    return Option(fix, lambda v: True, assumptions=notes)


# 1.4.0's change told in words: "Implicit event loop was removed from pytest-asyncio", "pytest-asyncio no longer
# leaves an event loop set".
_SAID_NO_LOOP_LEFT = re.compile(
    r"\bimplicit (?:event )?loop\b[^.\n]{0,20}\b(?:removed|dropped|gone)\b[^.\n]{0,20}\bpytest[-_]asyncio\b"
    r"|\bpytest[-_]asyncio\b[^.\n]{0,40}\b(?:removed|dropped) (?:the |its )?implicit (?:event )?loop\b"
    r"|\bpytest[-_]asyncio\b[^.\n]{0,40}\bno longer (?:leaves|sets|provides)\b[^.\n]{0,20}\bloop\b", re.I)


def _said_no_loop_left(ctx):
    """A report that tells of 1.4.0's change in words, with no run to read instead."""
    if ctx.run_exceptions() or ctx.facts.outcomes \
            or not ctx.facts.mentions("implicit loop", "implicit event loop", "no longer leaves", "no longer sets",
                                      "no longer provides"):
        return None
    # (its own "no longer" is no denial; a changelog's words quoted are not the suite's)
    said = [v for v in stated(_SAID_NO_LOOP_LEFT, ctx.facts.lines_matching(_SAID_NO_LOOP_LEFT), own_denials=True)
            if v.value[:_SAID_NO_LOOP_LEFT.search(v.value).start()].count('"') % 2 == 0]
    if not said:
        return None
    return (*_no_loop_left_set(ctx, ctx.paste_evidence(said[0].value, limit=1)), Confidence.MEDIUM)


# A loop shared by several tests: a wider loop scope given to tests, by marker or by option.
_SHARED_TEST_LOOP = re.compile(r"\bloop_scope\s*=\s*[\"'](?:session|package|module|class)[\"']"
                               r"|\basyncio_default_test_loop_scope\s*=\s*[\"']?(?:session|package|module|class)\b"
                               r"|\bmark\.asyncio\(\s*scope\s*=\s*[\"'](?:session|package|module|class)[\"']")


def _shared_loop_dropped(ctx):
    """Release unknown: async tests on a shared loop failing with "There is no current event loop" after code that
    unsets the current loop (asyncio.run, a Runner, set_event_loop(None)): the bug of 0.24.0-1.1.1 (#1177)."""
    if ctx.version is not None or not (ctx.exceptions(NO_CURRENT_LOOP) or ctx.facts.find(NO_CURRENT_LOOP)):
        return None
    shared = ctx.facts.lines_matching(_SHARED_TEST_LOOP) or [
        v for f in ctx.sources.files for v in [f.text] if _SHARED_TEST_LOOP.search(v)]
    if not (shared and _drops_current_loop(ctx) and ctx.has("mark.asyncio", "async def test")):
        return None
    evidence = ctx.exception_evidence(ctx.exceptions(NO_CURRENT_LOOP), limit=2) or ctx.paste_evidence(
        NO_CURRENT_LOOP, limit=1)
    evidence += [e for e in ctx.paste_evidence(*_DROPS_LOOP, limit=1) if e not in evidence]
    summary = ("Async tests on a shared loop fail with \"There is no current event loop\" after code that unsets the "
               "current loop (asyncio.run, an asyncio.Runner, set_event_loop(None)) ran: pytest-asyncio 0.24.0 to "
               "1.1.1 do not set the shared loop again for the next test (#1177, fixed in 1.2.0).")
    return summary, evidence, [change_version(ctx, "1.2", "1.2.0 sets the shared loop again for each test on it.")], \
        Confidence.MEDIUM


_STRONG_REGRESSION = (r"\b(regression|introduced|broke|breaks|broken|breaking|crash(?:es|ed)?|no longer works|stopped working"
                      r"|incompatible|not compatible|required for compatibility"
                      r"|started to fail|fixed in|resolved in|works?(?: fine| well)? (?:with|on|in)|worked(?: fine| well)? (?:with|on|in)"
                      r"|after upgrad\w*"
                      r"|bug in (?:the )?latest|pytest[-_]asyncio(?:'s)? bug|bug (?:in|of|with) (?:the )?pytest[-_]asyncio)\b")
# Words that say "it changed" without blaming a release: they count only beside the plugin's own name.
_WEAK_REGRESSION = (r"\b(?:a|the) change in\b|\bpopped up\b|\bcaused by\b|\bupgrad\w* from\b"
                    # "Due to changes that exist in `pytest-asyncio==0.4.1`, tests fail", "pytest-asyncio 0.25.2 doesn't
                    # handle closed event loop"
                    # (behind a look-ahead on their first letters: this pattern is searched over the whole paste)
                    r"|\b(?=[cd])(?:changes that exist in|(?:doesn't|does not|can't|cannot) handle)\b"
                    r"|\b(?:pin(?:s|ned|ning)?|freez(?:e|es|ing))\b[^\n]{0,60}?\b(?:to avoid|until|because|due to|to fix"
                    r"|to work ?around|while waiting for)\b"
                    # "update pytest-asyncio version to fix builds"
                    r"|\b(?:updat|upgrad|bump)(?:e|es|ed|ing|s)?\b[^\n]{0,60}?\bto fix (?:the |our )?(?:builds?|ci|tests?"
                    r"|test suite|(?:test )?(?:breakage|failures?))\b"
                    r"|\bcaus(?:es|ed|ing) (?:some |many |multiple )?(?:problems|issues|errors|failures)\b"
                    r"|\bcaus(?<!n't caus)(?<!not caus)(?<!never caus)(?:es|ed|ing) "
                    r"(?:(?!none\b|no\b|not\b|never\b)\w+ ){0,4}tests? to (?:fail|break|error|hang)\b"
                    # "problems … with latest pytest-asyncio 0.23.3. Downgrade for now to the latest version that works"
                    # (the literal first: the look-behinds then run only where "problem" stands)
                    r"|\bproblems?\b(?<!no problem)(?<!no problems)(?<!without problem)(?<!without problems)"
                    r"(?<!any problem)(?<!any problems)[^.\n]{0,60}\bwith (?:the )?(?:latest|newest)\b"
                    r"|\bdowngrad\w*\b[^.\n]{0,30}\b(?:for now|until)\b")
# (searched over the whole paste: the look-ahead on the alternatives' first letters skips every other word at once; a
# new alternative must start with one of them)
_REGRESSION = re.compile(f"(?=[abcdfinprstuw])(?:{_STRONG_REGRESSION}|{_WEAK_REGRESSION})", re.I)
_STRONG = re.compile(_STRONG_REGRESSION, re.I)
_PLUGIN_NAMED = re.compile(r"pytest[-_]asyncio|\basyncio-\d", re.I)
# A release number right after another package's name ("works with pytest-httpx 0.26 but fails with 0.30" names
# pytest-httpx's releases, not the plugin's): a package-like name with a hyphen, underscore or "==", then the number.
_OTHER_PACKAGE_BEFORE = re.compile(r"(?<![\w.-])(?!(?i:pytest[-_]asyncio)\b)[A-Za-z][\w.]*[-_][\w.-]*\w`?(?:\s*(?:==|>=|<=|~=)"
                                   r"\s*|\s+v?|-)$")
# A release at the end of a sentence ("… pytest-asyncio 0.23.3.") counts; "0.23.3.1" does not.
_VERSION_IN_TEXT = re.compile(r"(?<![\w.])v?(0\.\d{1,2}(?:\.\d{1,2})?|1\.\d\.\d{1,2})(?!\w|\.\w)")
# "In its latest release, `pytest-asyncio` began modifying … which broke tests here": the plugin's newest release
# and what it broke in one sentence, neither denied nor asked.
_LATEST_OF_PLUGIN = re.compile(r"\b(?:latest|newest|newer|recent|current) (?:release|version)s?\b(?: of)?[\s,`'\"]{1,4}"
                               r"pytest[-_]asyncio"
                               r"|pytest[-_]asyncio[`'\"]?(?:'s)? (?:latest|newest|recent) (?:release|version)\b", re.I)
# A cause considered and dropped: "We ruled out a bad version of pytest-asyncio", "I first suspected …".
_SUSPECTED = re.compile(r"\b(?:ruled? out|suspect(?:s|ed|ing)?|thought|wonder(?:s|ed|ing)?|doubt\w*|first)\b", re.I)
_BROKE = re.compile(r"\b(?:broke|breaks|broken|fail(?:s|ed|ing)?)\b", re.I)
_BAD_RELEASE = re.compile(r"\b(?:bad|broken|buggy|faulty) (?:(?:version|release|build)s? of `?pytest[-_]asyncio\b"
                          r"|`?pytest[-_]asyncio`? (?:version|release|build)s?\b)"
                          r"|\bpytest[-_]asyncio`?(?: plugin)? (?:version|release) (?:may be|is|was|seems?) (?:suspect|broken"
                          r"|buggy|bad|the culprit)\b", re.I)
_DENIED_OR_ASKED = re.compile(r"\b(?:not|no|never|nothing|innocent|fixed|fixes)\b|n't\b", re.I)


def _latest_broke(line: str) -> bool:
    """One sentence of ``line`` says the plugin's latest release broke something, and neither denies nor asks."""
    return any(_LATEST_OF_PLUGIN.search(s) and _BROKE.search(s) and not _DENIED_OR_ASKED.search(s)
               for s in re.split(r"(?<=[.;!?])\s", line[:2000]) if not s.rstrip().endswith("?"))
_PLUGIN_ISSUE = re.compile(r"pytest-asyncio/issues/\d+")
_FIXED_IN = re.compile(r"(?:fixed|resolved) in\W+(?:pytest[-_]asyncio\W*(?:==)?\W*)?v?(\d+\.\d+(?:\.\d+)?)", re.I)


_OWN_LOOP_MISSING = re.compile(r"fixture '[^']*::<event_loop>' not found")
_LOOKUP_ERROR = re.compile(r"^file \S.*, line \d+$", re.M)


def _own_loop_fixture_missing(ctx):
    """The plugin cannot find its own per-module/package loop fixture ("fixture 'tests/test_2.py::<event_loop>'
    not found"): 0.23's module fixtures reused in another module (#862, fixed in 0.24), and package-scoped
    loops (#1052, fixed in 1.0)."""
    hits = ctx.facts.lines_matching(_OWN_LOOP_MISSING)
    v = ctx.version
    wide = [f for f in ctx.sources.fixtures if f.is_async and f.scope in ("module", "package")]
    if not hits and v is not None and rel.V("0.23.0") <= v < rel.V("0.24.0"):
        # The message itself cut off: pytest's fixture-lookup error ("file …/test_2.py, line 3" atop a setup
        # error) with a module- or package-scoped async fixture in the code is the same bug.
        lookup = ctx.facts.lines_matching(_LOOKUP_ERROR)
        if lookup and wide and ctx.failed():
            hits = lookup
    if not hits:
        return None
    package = ctx.has('"package"', "'package'", "loop_scope=package") or any(
        "package" in (f.scope, f.loop_scope) for f in ctx.sources.fixtures)
    fixed = "0.24" if (v is not None and v < rel.V("0.24.0")) or (v is None and not package) else "1.0"
    upgrade = change_version(ctx, fixed, "The release that fixed it.", last_resort=False)
    options = [upgrade]
    if wide:
        # Staying on the release: a fixture cached per test needs no loop of a wider scope.
        options.append(fixture_scope_function(ctx, wide[0], "The fixture then runs on each test's own loop."))
    what = ("a module-scoped async fixture reused in a second module (#862)" if fixed == "0.24" else
            "loops of package scope (#1052)")
    summary = (f"pytest-asyncio cannot find the loop fixture it creates itself for {what}: a bug of "
               f"{'this release' if v else 'the release in use'}, fixed in {fixed}.")
    return summary, ctx.paste_evidence(*(h.value for h in hits[:2]), limit=2), [o for o in options if o], Confidence.HIGH


_RERUN = re.compile(r"\bflaky\b|rerunfailures|--reruns\b|\bRERUN\b", re.I)


_NO_UNITTEST = "object has no attribute 'unittest'"
_NO_PACKAGE_OBJ = "'Package' object has no attribute 'obj'"


_PACKAGE_IN = re.compile(r"(?:site|dist)-packages[/\\](\w+)[/\\]")
_DIRECT_CONSTRUCTION = "direct construction of Function has been deprecated"
_NO_FROM_PARENT = "type object 'Function' has no attribute 'from_parent'"


def _node_construction(ctx):
    """pytest 5.4 deprecated building test items directly, as pytest-asyncio up to 0.10 does (fixed in 0.11 with
    Function.from_parent, #151); from 0.11 it needs that pytest 5.4 API, so an older pytest fails to collect."""
    v = ctx.version
    # Who builds the item, where a traceback shows it: 0.10 and older build them directly, 0.11 and later call
    # from_parent (another plugin's frame is that plugin's matter).
    direct = innermost_callers(ctx, _DIRECT_CONSTRUCTION)
    ours = direct == {"pytest_asyncio"} if direct else (v is not None and v < rel.V("0.11"))
    # (or pytest's deprecation page for it linked by a report naming a release before 0.11)
    if ctx.has(_DIRECT_CONSTRUCTION) and ours and (v is None or v < rel.V("0.11")) \
            or ctx.has("node-construction-changed-to-node-from-parent") and v is not None and v < rel.V("0.11"):
        upgrade = change_version(ctx, "0.11", "0.11 builds its test items with Function.from_parent, as pytest 5.4 "
                                 "asks.", last_resort=False)
        summary = ("pytest 5.4 deprecated constructing test items directly (\"direct construction of Function has "
                   "been deprecated, please use Function.from_parent\"), which pytest-asyncio 0.10 and older do while "
                   "collecting async tests; where the deprecation is an error collection fails. Fixed in 0.11 (or pin "
                   "pytest<5.4).")
        return summary, ctx.paste_evidence(_DIRECT_CONSTRUCTION, "node-construction-changed", limit=2), [upgrade], \
            Confidence.HIGH
    placed = innermost_callers(ctx, "has no attribute 'from_parent'")
    if ctx.has(_NO_FROM_PARENT) and (plugin_shown(ctx) or v is not None) and (v is None or v >= rel.V("0.11")) \
            and placed <= {"pytest_asyncio"}:
        upgrade_pytest = prose(FixKind.OTHER, "Upgrade pytest to 5.4 or later",
                               "pytest-asyncio 0.11 and later build their test items with `Function.from_parent`, "
                               "which pytest added in 5.4: install `pytest>=5.4` in the test environment.",
                               "A newer pytest may warn about or drop APIs other plugins of the suite use.")
        pin = change_version(ctx, "0.10", "0.10 is the last release that builds test items the pre-5.4 way.",
                             below="0.11")
        summary = ("pytest-asyncio 0.11 and later call `Function.from_parent`, which pytest added in 5.4: on an older "
                   "pytest, collection fails with \"type object 'Function' has no attribute 'from_parent'\". The "
                   "installed pytest is too old for this pytest-asyncio release.")
        return summary, ctx.paste_evidence(_NO_FROM_PARENT, limit=2), [upgrade_pytest, pin], Confidence.HIGH
    return None


# pytest's import error for a collected file that is not a Python module (a README.md a doctest plugin collects).
_TEXT_FILE_IMPORTED = re.compile(r"ImportError while importing test module '[^']+\.(?!py')\w+'")


def _ini_type_unknown(ctx):
    """pytest-asyncio 0.17 registers its ini options with a type ("string") older pytest releases do not know:
    pytest's addini asserts while the plugin loads, before any test runs."""
    if not (ctx.has("in addini") and ctx.has("assert type in (None,")
            and any("pytest_asyncio" in v.value for v in ctx.facts.find("in pytest_addoption"))):
        return None
    upgrade_pytest = prose(FixKind.OTHER, "Upgrade pytest to a release this pytest-asyncio supports",
                           "pytest-asyncio 0.17 and later register their options with ini types that older pytest "
                           "releases lack: install the pytest version the installed pytest-asyncio requires.",
                           "A newer pytest may warn about or drop APIs other plugins of the suite use.")
    pin = change_version(ctx, "0.16", "0.16 is the last release before the new ini options.", below="0.17")
    summary = ("pytest-asyncio fails while registering its options: its `pytest_addoption` passes an ini type the "
               "installed pytest's `addini` does not accept (\"assert type in (None, 'pathlist', …)\"). The "
               "pytest-asyncio release (0.17 or later) needs a newer pytest than the one installed.")
    return summary, ctx.paste_evidence("in addini", "assert type in (None,", limit=2), [upgrade_pytest, pin], \
        Confidence.HIGH


def _text_file_imported(ctx):
    """pytest-asyncio 0.23 to 0.26 read ``collector.obj`` of every module collector, and a doctest plugin's
    collector of a text file (pytest-doctestplus's README.md) then imports the file as a module; 1.0 no longer
    reads it (checked on 0.23.7, 0.24.0, 0.26.0 and 1.0.0 with pytest-doctestplus 1.2.1)."""
    v = ctx.version
    hits = ctx.facts.lines_matching(_TEXT_FILE_IMPORTED)
    if not hits or not (v is not None and rel.V("0.23") <= v < rel.V("1.0") or v is None and plugin_shown(ctx)):
        return None
    upgrade = change_version(ctx, "1.0", "1.0 no longer reads the module object of every collector.",
                             last_resort=False)
    summary = ("pytest-asyncio 0.23 to 0.26 read the module object (`collector.obj`) of every module collector while "
               "collecting, so a plugin's collector of a text file (a README.md of doctests) imports the file as a "
               "Python module and fails. Fixed in 1.0; a collector that sets `obj = None`, as pytest's own "
               "DoctestTextfile does, avoids it too.")
    return summary, ctx.paste_evidence(hits[0].value, limit=1), [upgrade], Confidence.HIGH


def _pytest_too_new(ctx):
    """pytest 8.2 dropped FixtureDef.unittest, which pytest-asyncio used until 0.23.6; pytest 8.0 changed
    collection, which 0.23.0–0.23.4 crash on before any test runs (#737, supported from 0.23.5)."""
    # (pytest-asyncio's own: loaded by the run, in the traceback, or the report's subject; other plugins hit it too)
    if ctx.has(_NO_PACKAGE_OBJ) and (ctx.version is None or ctx.version < rel.V("0.23.5")) and plugin_shown(ctx):
        upgrade = change_version(ctx, "0.23.5", "0.23.5 is the first 0.23 release that supports pytest 8.",
                                 last_resort=False)
        summary = ("pytest 8 collects packages as Package nodes without an `obj`, which pytest-asyncio 0.23.0–0.23.4 "
                   "read while collecting (\"'Package' object has no attribute 'obj'\"): this release does not "
                   "support pytest 8 (or pin pytest<8).")
        return summary, ctx.paste_evidence(_NO_PACKAGE_OBJ, limit=2), [upgrade], Confidence.HIGH
    if ctx.has(_NO_UNITTEST):
        upgrade = change_version(ctx, "0.23.6", "0.23.6 is the first release that runs on pytest 8.2.",
                                 last_resort=False)
        summary = ("pytest 8.2 removed FixtureDef.unittest, which pytest-asyncio used before 0.23.6: this pytest-asyncio "
                   "release does not support the installed pytest (or pin pytest<8.2).")
        return summary, ctx.paste_evidence(_NO_UNITTEST, limit=2), [upgrade], Confidence.HIGH
    v, pytest = ctx.version, rel.Version.parse(ctx.env.pytest.value)
    f = ctx.facts
    # The crash itself: an INTERNALERROR in collection (or in the plugin) before any result is shown.
    # (a log cut short after its first INTERNALERROR lines: "collected 0 items" says collection was where)
    internal = f.find("INTERNALERROR>")
    # (pytest prints "collected" once collection is done: a crash after it must not name another plugin's hook)
    crashed = not (f.summary.get("passed") or f.outcomes or f.progress) and internal and (any(
        "pytest_collection" in v_.value or "pytest_asyncio" in v_.value for v_ in internal)
        or bool(f.find("collected 0 items")) and not any(
            m.group(1) not in ("_pytest", "pluggy") for v_ in internal for m in _PACKAGE_IN.finditer(v_.value)))
    if (v is not None and rel.V("0.23.0") <= v < rel.V("0.23.5") and pytest is not None and pytest >= rel.V("8.0")
            and crashed):
        low = "0.23.6" if pytest >= rel.V("8.2") else "0.23.5"
        upgrade = change_version(ctx, low, f"{low} is the first 0.23 release that supports pytest {pytest}.",
                                 last_resort=False)
        summary = (f"pytest {ctx.env.pytest.value} changed how tests are collected, and pytest-asyncio {v} crashes "
                   "on it with an INTERNALERROR before any test runs: this release does not support pytest 8 "
                   "(or pin pytest<8).")
        evidence = ctx.paste_evidence(f"pytest-{ctx.env.pytest.value}", "INTERNALERROR>", limit=2)
        return summary, evidence, [upgrade], Confidence.HIGH
    return None


# CPython releases whose asyncio.get_event_loop() warns with no running loop: 3.10.9+, 3.11.1+, 3.12, 3.13.
_WARNING_PYTHON = re.compile(r"(?<![\d.])3\.(?:10\.(?:9|[1-9]\d)|11\.(?:[1-9]\d?)|1[23]\.\d+)(?![\d])")


_GET_EVENT_LOOP = re.compile(r"\bget_event_loop\b")


def _get_event_loop_warning(ctx):
    """Releases up to 0.20.2 call asyncio.get_event_loop() themselves; from CPython 3.10.9/3.11.1 that warns
    "There is no current event loop", which fails suites that turn warnings into errors (#460, fixed in 0.20.3)."""
    v = ctx.version
    if v is not None and v >= rel.V("0.20.3"):
        return None
    if not (ctx.has("DeprecationWarning") and (ctx.facts.mentions("no current event loop") or ctx.facts.mentions(
            "get_event_loop") and ctx.facts.lines_matching(_GET_EVENT_LOOP))):
        return None   # (get_event_loop itself: Python 3.14 deprecates get_event_loop_policy, read below)
    # A traceback (or the report's words) that places the call in another package or the suite's own code: not
    # the plugin's call.
    if innermost_callers(ctx, "no current event loop") - {"pytest_asyncio"} or said_own_no_loop_call(ctx):
        return None
    said_python = ctx.facts.lines_matching(_WARNING_PYTHON)
    # The warning located in the plugin's own file: the release itself makes the call.
    from_plugin = [w for w in ctx.facts.find("There is no current event loop") if _PLUGIN_WARNING.search(w.value)]
    if not (v is not None or _WARNING_PYTHON.match(ctx.env.python.value or "") or said_python or from_plugin):
        return None
    # The plugin's own warning is the release's doing on a passing run too.
    if not (ctx.failed() or ctx.facts.mentions("failing", "fail ") or from_plugin):
        return None
    upgrade = change_version(ctx, "0.20.3", "0.20.3 stops calling asyncio.get_event_loop() where no loop runs.",
                             last_resort=False)
    summary = ("pytest-asyncio releases up to 0.20.2 call asyncio.get_event_loop() themselves; since CPython 3.10.9 "
               "and 3.11.1 that warns \"There is no current event loop\", and with warnings as errors the tests fail. "
               "Fixed in 0.20.3.")
    evidence = ctx.paste_evidence("DeprecationWarning", *(p.value for p in said_python[:1]), limit=2)
    return summary, evidence, [upgrade], Confidence.MEDIUM


def _python_deprecations_from_plugin(ctx):
    """Python 3.14 deprecates asyncio.iscoroutinefunction, which releases before 0.25 call, and the event loop
    policy functions, whose warnings releases before 1.0 leave unsilenced: the plugin's own calls warn."""
    calls = deprecated_asyncio_calls(ctx) if deprecation_is_the_failure(ctx) else []
    v = ctx.version
    # A warning the paste does not place, failing tests of a run that shows no sign of pytest-asyncio (no
    # header entry, no word of it), is the suite's own call: the plugin's is said where it is quoted alone.
    # A prose report quoting it alone: the policy functions, which every release before 1.0 calls for every test;
    # not iscoroutinefunction, which many libraries call (asyncinject, asyncstdlib, pytest-mock).
    shown = v is not None or plugin_shown(ctx)
    prose = not (ctx.facts.outcomes or ctx.facts.summary_line)
    ours = [c for c in calls
            if c.caller == "pytest_asyncio"
            or c.caller is None and (shown or prose and "iscoroutinefunction" not in c.api)
            and (v is None or v < rel.V(c.fixed_in))]
    if not ours or any(c.caller not in (None, "pytest_asyncio") for c in calls) and not any(
            c.caller == "pytest_asyncio" for c in calls):
        return None   # another library makes the call (not_loop_related says which)
    if v is not None and all(v >= rel.V(c.fixed_in) for c in ours):
        return None
    fixed_in = max((c.fixed_in for c in ours), key=rel.V)
    apis = " and ".join(dict.fromkeys(c.api for c in ours))
    located = any(c.caller == "pytest_asyncio" for c in ours)
    where = ("The warnings are raised from pytest-asyncio's own files" if located else
             "The report shows no file for the warnings; if their location is pytest_asyncio/plugin.py, this is it")
    summary = (f"Python 3.14 deprecates {apis}, which pytest-asyncio releases before {fixed_in} call themselves, so "
               f"every run warns (and fails where warnings are errors). {where}. pytest-asyncio {fixed_in} and later "
               "make no such call.")
    reason = f"pytest-asyncio {fixed_in} no longer calls {apis} where Python 3.14 warns."
    if fixed_in == "0.25.0":
        reason += " It needs pytest 8.2 or later."
    upgrade = change_version(ctx, fixed_in, reason, last_resort=False)
    evidence = ctx.paste_evidence(*(c.line.value for c in ours[:2]), limit=2)
    return summary, evidence, [upgrade], Confidence.MEDIUM if located or v is not None else Confidence.LOW


_PLUGIN_WARNING = re.compile(r"pytest_asyncio[/\\]plugin\.py:\d+: DeprecationWarning")
# Python's deprecation of an asyncio API the plugin's own code calls (not the plugin's own deprecation warnings
# to the user about the suite's config or fixtures, and not the no-loop warning, which has its own reading).
_PLUGIN_DEPRECATED_CALL = re.compile(r"pytest_asyncio[/\\]plugin\.py:\d+: DeprecationWarning: "
                                     r"(?!'?asyncio\.(?:iscoroutinefunction|[gs]et_event_loop_policy)\b)"   # (3.14's: read above)
                                     r"(?:'?asyncio\.[\w.]+(?:\(\))?'? "
                                     r"(?:function )?is deprecated|The loop argument is deprecated)")


def _own_deprecated_call(ctx):
    """A DeprecationWarning located in pytest_asyncio/plugin.py: the installed release calls an asyncio API
    Python deprecates (0.5's asyncio.async()); newer releases stop the call. (3.14's deprecations of
    iscoroutinefunction and the policy functions have their own reading, with the releases that fixed them.)"""
    hits = ctx.facts.lines_matching(_PLUGIN_DEPRECATED_CALL)
    if not hits:
        return None
    v = ctx.version
    upgrade = prose(FixKind.CHANGE_PYTEST_ASYNCIO_VERSION, "Upgrade pytest-asyncio",
                    "Install a newer pytest-asyncio release, which no longer makes the deprecated call; until then "
                    "the warning can be filtered (`filterwarnings = ignore::DeprecationWarning:pytest_asyncio.*`).",
                    "Upgrading may bring other behaviour changes; read the release notes of the versions in between.")
    summary = (f"The deprecation warning is raised by pytest-asyncio's own code (pytest_asyncio/plugin.py): "
               f"{'release ' + str(v) if v else 'the installed release'} calls an API Python deprecates. The "
               "suite is not at fault; a newer release no longer makes the call.")
    return summary, ctx.paste_evidence(hits[0].value, limit=1), [upgrade], Confidence.MEDIUM
_NO_ATTRIBUTE = re.compile(r"'(\w+)' object has no attribute '(\w+)'")


def _fixture_method_not_rebound(ctx):
    """Releases before 0.20.2 ran an async fixture defined as a method of a test class on another instance of
    the class than the test's, so what it set on ``self`` is missing in the test (#197)."""
    v = ctx.version
    if v is not None and v >= rel.V("0.20.2"):
        return None
    fixtures = [f for f in ctx.sources.fixtures if f.is_async and f.class_name]
    for exc in ctx.exceptions("object has no attribute"):
        match = _NO_ATTRIBUTE.search(exc.message)
        if exc.type == "AttributeError" and match and any(
                f.class_name == match.group(1) and match.group(2) in f.self_attributes for f in fixtures):
            upgrade = change_version(ctx, "0.20.2", "0.20.2 binds async fixture methods to the test's instance.",
                                     last_resort=False)
            summary = (f"An async fixture defined as a method of {match.group(1)} ran on another instance of the "
                       f"class than the test, so the test's self has no {match.group(2)}: a bug of pytest-asyncio "
                       "releases before 0.20.2 (#197).")
            sure = Confidence.HIGH if v is not None else Confidence.MEDIUM
            return summary, ctx.exception_evidence([exc], limit=1), [upgrade], sure
    return None   # (the same told in a report's words is one of _DESCRIBED_BUGS)


_AUTO_MODE = r"\b(?:auto(?:matic)? mode|asyncio_mode\s*=\s*auto)\b"
# Known bugs a report describes without linking them: (the bug's number in FIXED_BUGS, words that gate the search,
# the description, whether the description says what fails in negative words, which a denial check cannot tell).
_DESCRIBED_BUGS = (
    # "if you make a fixture method async, it is run with a different self" (before 0.20.2)
    (197, ("different self", "different `self`"),
     re.compile(r"\bfixture\b[^\n]{0,80}\b(?:run|called|executed|invoked)\b[^.\n]{0,20}\bwith (?:a )?different `?self\b"
                r"|\bdifferent `?self`?\b[^\n]{0,40}\bfixture", re.I), False),
    # "asyncio_mode=auto does not mark static methods" (0.18.0-0.18.1)
    (295, ("static",), re.compile(rf"{_AUTO_MODE}[^.\n]{{0,30}}\b(?:does not|doesn't|fails? to|won't|never) (?:mark|run"
                                  r"|collect|pick up|apply)\w*\b[^.\n]{0,30}\bstatic ?methods?\b|\bstatic ?methods?\b"
                                  r"[^.\n]{0,40}\b(?:are not|aren't|not|never) (?:marked|run|collected|picked up)\b"
                                  rf"[^.\n]{{0,30}}{_AUTO_MODE}", re.I), True),
    # "DeprecationWarning for pytest <7 is emitted on 0.20 with pytest >= 7" (0.20.0)
    (430, ("pytest <7", "pytest<7"), re.compile(r"\b(?:Deprecation)?Warning for pytest\s*<\s*7\b", re.I), False),
)


# A note that only pins the plugin ("Pin pytest-asyncio", "pin pytest-asyncio<0.22"): a release broke the suite.
_PIN_TITLE = re.compile(TITLE_START + r"(?:(?:temporar(?:y|ily) )?(?:pin|freeze|cap)(?:s|ned)?(?: (?:for|of))?"
                        # "add upper bounds for pytest-asyncio version"
                        r"|(?:add(?:s|ed)? )?(?:an? )?upper[- ]bounds? (?:for|on|to)(?: the)?) "
                        r"`?pytest[-_]asyncio`?"
                        r"(?:\s*(?:<|<=|==|~=|!=)\s*v?[\d.]+)?(?: version)?\s*$", re.I)


# "Fix an incompatibility between pytest and pytest-asyncio": a pytest release the installed plugin does not support.
_PYTEST_INCOMPATIBLE = re.compile(r"\bincompatib\w*\b[^.\n]{0,30}\bpytest\b(?![-_])[^.\n]{0,20}\bpytest[-_]asyncio\b"
                                  r"|\bpytest[-_]asyncio\b[^.\n]{0,30}\bincompatib\w* with (?:the (?:new|latest) )?"
                                  r"pytest\b(?![-_])"
                                  # "Fix error introduced in pytest==4.1.0 when pytest-asyncio is also used"
                                  r"|\b(?:error|bug|breakage)s? introduced (?:in|by) pytest\s*(?:==\s*|\s)v?\d+(?:\.\d+)*"
                                  r"[^.\n]{0,40}\bpytest[-_]asyncio\b"
                                  # "Skip installing pytest>=8.0.0 until pytest-asyncio has been fixed"
                                  r"|\bpytest\s*(?:>=?|==)\s*v?\d+(?:\.\d+)*\b[^.\n]{0,40}\buntil "
                                  r"`?pytest[-_]asyncio`? (?:has been|is|gets|was) fixed\b"
                                  # "Fix pytest to a version lower 4.1 until a bug in pytest-asyncio is fixed"
                                  r"|\bpytest\b(?:[^.\n]|\.(?=\d)){0,40}\buntil (?:a |the )?bug in "
                                  r"`?pytest[-_]asyncio`? (?:has been|is|gets|was) fixed\b"
                                  # "Manually bump pytest-asyncio to 0.23.4 / pytest 8 compat issue" (the plugin named
                                  # elsewhere in the report)
                                  r"|\bpytest\s*v?\d+(?:\.\d+)*\s+compat(?:ibility)?\s+"
                                  r"(?:issues?|problems?|fix(?:es)?)\b",
                                  re.I)


def _said_pytest_incompatible(ctx):
    """A report that names an incompatibility between pytest and pytest-asyncio, with no run to read instead."""
    if ctx.run_exceptions() or ctx.facts.outcomes or not ctx.facts.mentions("incompatib", "introduced in pytest",
                                                                             "introduced by pytest", "until pytest",
                                                                             "until a bug", "until the bug", "compat") \
            or not ctx.facts.mentions("pytest-asyncio", "pytest_asyncio"):
        return None
    said = stated(_PYTEST_INCOMPATIBLE, ctx.facts.lines_matching(_PYTEST_INCOMPATIBLE))
    if not said:
        return None
    summary = ("The report names an incompatibility between pytest and pytest-asyncio: a pytest release the "
               "installed plugin does not support (pytest 8.0 broke 0.23 before 0.23.5; pytest 8.2 broke 0.21 before "
               "0.21.2 and 0.23 before 0.23.6; pytest 9 breaks 0.21.2).")
    option = prose(FixKind.CHANGE_PYTEST_ASYNCIO_VERSION, "Install a pytest-asyncio release that supports the pytest in use",
                   "Upgrade pytest-asyncio to the latest release of its line (0.21.2, or 0.23.6 and later), or pin "
                   "pytest below the release that broke it until the plugin can be upgraded.",
                   "Pinning pytest holds back its fixes; upgrading the plugin may bring its own changes.")
    return summary, ctx.paste_evidence(said[0].value, limit=1), [option], Confidence.MEDIUM


# A title that keeps one release out ("Reject pytest-asyncio 0.15.0", "Exclude pytest-asyncio==0.23.0"): it broke the suite.
# (the whole title: "Skip pytest-asyncio 0.21 tests on Python 3.7", "… and above" and "0.23.x" are other matters)
_RELEASE_REJECTED = re.compile(TITLE_START + r"(?:reject|exclude|avoid|ban|blacklist|block|disallow)(?:s|ed)? "
                               r"`?pytest[-_]asyncio`?\s*(?:version\s+)?(?:==\s*|!=\s*|v)?(\d+\.\d+\.\d+)`?"
                               r"\s*(?:\(#\d+\))?\s*$", re.I)
# A body that takes the rejection back.
_NOT_BROKEN = re.compile(r"\bfalse alarm\b|\bworks fine\b|\bnot (?:a|the) (?:bug|problem|cause)\b", re.I)


def _release_rejected(ctx):
    """A report whose title keeps one pytest-asyncio release out of the suite's requirements."""
    said = title(ctx)
    rejected = _RELEASE_REJECTED.match(said.value)
    if not rejected or ctx.run_exceptions() or ctx.facts.outcomes or ctx.facts.lines_matching(_NOT_BROKEN):
        return None
    release = rejected.group(1)
    summary = (f"The report keeps pytest-asyncio {release} out of the suite's requirements: that release broke the "
               "suite (a bug of it, or a change the suite has not followed).")
    option = prose(FixKind.CHANGE_PYTEST_ASYNCIO_VERSION, f"Skip pytest-asyncio {release}",
                   f"Exclude it in the test requirements (`pytest-asyncio!={release}`) until a later release fixes "
                   "the bug, then read that release's changelog for the change.",
                   "An exclusion stays needed only until a fixed release is the one installed.")
    return summary, ctx.paste_evidence(said.value, limit=1), [option], Confidence.MEDIUM


# What a pin's body may say besides its title: what the release broke ("breaks increased scope event loops"), the
# issue it closes.
_PIN_BODY = re.compile(r"\W*(?:it |this |which |that )?(?:breaks|broke|is broken|was broken)\b"
                       # "this PR limit the version of pytest-asyncio which seems to break the test suite"
                       r"|[^\n]{0,80}\b(?:which|that) (?:seems? to |appears? to )?break(?:s)? (?:the |our )?"
                       r"(?:test suite|tests)\b"
                       r"|\W*(?:closes|fixes|resolves|refs?|see) #\d+\W*$", re.I)


def _pin_title(ctx):
    """A report that is only a title pinning pytest-asyncio (a body says what it blames, or that nothing broke)."""
    said = title(ctx)
    lines = ctx.facts.text.lines
    if ctx.run_exceptions() or ctx.facts.outcomes or not _PIN_TITLE.match(said.value) or len(lines) > 20 \
            or sum(1 for line in lines if line.text.strip() and not _PIN_BODY.match(line.text)) > 1:
        return None
    summary = ("The report pins pytest-asyncio and names no other cause: a release of the plugin broke the suite, and "
               "the pin holds it at one that worked until the suite or a later release copes with the change.")
    option = _pin_last_working(", then read that release's changelog for the change the suite needs to follow.")
    return summary, ctx.paste_evidence(said.value, limit=1), [option], Confidence.LOW


def _described_known_bug(ctx):
    """A report that describes, in its own words, a pytest-asyncio bug its changelog lists as fixed (a loop error
    the run shows is the story to read instead)."""
    for number, gate, regex, negative in _DESCRIBED_BUGS:
        if ctx.facts.mentions(*(g.lower() for g in gate)) and story(ctx).kind == "none":
            lines = ctx.facts.lines_matching(regex)
            said = [v for v in lines if "?" not in v.value and affirmed_match(regex, v.value)] if negative \
                else stated(regex, lines)
            if said:
                return _fixed_release(ctx, number, said[0], linked=False)
    return None


def _context_not_propagated(ctx):
    """ContextVars set in an async fixture and missing in the test: pytest-asyncio ran each fixture in a context
    of its own until 0.25.0 (Python 3.11+) and 1.1.0 (older Pythons) propagated them (#127, #1008)."""
    if not ctx.facts.mentions(*CONTEXT_WORDS) or anyio_plugin_only(ctx):
        return None   # (anyio's plugin ran the fixture: not_loop_related says why)
    # (words said, not supposed or asked: "If async fixtures were run in their own context, …"; the error itself
    # stands)
    said = [v for v in ctx.facts.lines_matching(CONTEXT_LOST)
            if "LookupError" in v.value or stated(CONTEXT_LOST, [v], own_denials=True)]
    # The variable must be set by an async fixture: one in the code shown, or a fixture the report names with it.
    if not said or not (any(f.is_async for f in ctx.sources.fixtures) or any("fixture" in v.value.lower() for v in said)):
        return None
    python = rel.Version.parse(ctx.env.python.value)
    low = "0.25" if python is not None and python >= rel.V("3.11") else "1.1.0"
    v = ctx.version
    if v is not None and v >= rel.V(low):
        return None
    upgrade = change_version(ctx, low, "It carries ContextVars set in async fixtures over to the tests "
                             "(0.25.0 on Python 3.11 and newer, 1.1.0 on older Pythons).", last_resort=False)
    summary = ("A ContextVar set in an async fixture is missing in the test: pytest-asyncio ran each async fixture in "
               "a context of its own, so what it set did not reach the test (#127). 0.25.0 carries the context over "
               "on Python 3.11 and newer, 1.1.0 on older Pythons.")
    return summary, ctx.paste_evidence(said[0].value, limit=1), [upgrade], Confidence.MEDIUM


def _rerun_before_0_17(ctx):
    """A rerun plugin (flaky, pytest-rerunfailures) retrying an async test: releases before 0.17 reran it on
    the loop they had already closed (#178, fixed in 0.17.0 by #220)."""
    v = ctx.version
    if (v is not None and v >= rel.V("0.17.0")) or not ctx.has(LOOP_CLOSED_TEXT):
        return None
    said = ctx.facts.lines_matching(_RERUN)
    if not said:
        return None
    upgrade = change_version(ctx, "0.17", "0.17.0 gives a rerun a fresh loop.", last_resort=False)
    summary = ("A rerun plugin retries the async test on the event loop pytest-asyncio closed after the first "
               "attempt, so the retry fails with \"Event loop is closed\": a bug of releases before 0.17.0.")
    return summary, ctx.paste_evidence(said[0].value, LOOP_CLOSED_TEXT, limit=2), [upgrade], Confidence.MEDIUM


_PORT_FACTORY_MISMATCH = re.compile(r"ScopeMismatch: You tried to access the '?function'? scoped fixture "
                                    r"'?unused_(?:tcp|udp)_port_factory\b")


def _port_factory_function_scoped(ctx):
    """Before 0.15 unused_tcp_port_factory was function-scoped, so a session or module fixture asking for a free
    port failed set-up with ScopeMismatch (0.15.0 made the factories session-scoped)."""
    v = ctx.version
    if v is not None and v >= rel.V("0.15.0"):
        return None
    hits = ctx.facts.lines_matching(_PORT_FACTORY_MISMATCH) if ctx.facts.mentions("unused_") else []
    if not hits:
        return None
    upgrade = change_version(ctx, "0.15", "From 0.15.0 unused_tcp_port_factory and unused_udp_port_factory are "
                             "session-scoped, so wider fixtures may use them.", last_resort=False)
    summary = ("A fixture cached wider than a test asks for unused_tcp_port_factory, which pytest-asyncio releases "
               "before 0.15 provide per test (function scope): pytest refuses with ScopeMismatch. 0.15 made the "
               "port factories session-scoped.")
    return summary, ctx.paste_evidence(hits[0].value, limit=1), [upgrade], Confidence.HIGH


_PLUGIN_LIST_ITEM = re.compile(r"^\s*-\s*pytest-asyncio\s*$")

# Bugs the changelog lists as fixed, by the issue or pull request it names: (the release that fixed it, what).
FIXED_BUGS = {number: (fixed, what) for numbers, fixed, what in (
    ((1177,), "1.2.0", "\"There is no current event loop\" after a test unset the loop (asyncio.run, Runner)"),
    ((878,), "1.1.0", "no loop for a task's finally clause at teardown"),
    ((1052,), "1.0.0", "\"fixture not found\" with package-scoped loops"),
    ((1040,), "0.25.3", "errors cleaning up async generators when the loop is already closed"),
    ((1034, 759), "0.25.2", "async generators left unclosed when the loop closed (\"coroutine method 'aclose' … "
                            "was never awaited\")"),
    ((950,), "0.25.1", "a broken wider loop after a function-loop test ran between two tests on it"),
    ((862, 668), "0.24.0", "module-scoped async fixtures failing when reused in another module"),
    ((813,), "0.23.8", "duplicate markers on async tests"),
    ((817,), "0.23.7", "deprecation warnings about unclosed event loops on some CPython patch releases"),
    ((800,), "0.23.6", "pytest 8.2 compatibility ('FixtureDef' object has no attribute 'unittest')"),
    ((823,), "0.21.2", "pytest 8.2 compatibility ('FixtureDef' object has no attribute 'unittest')"),
    ((737,), "0.23.5", "pytest 8 compatibility (INTERNALERROR while collecting)"),
    ((763,), "0.23.5", "pytest 8 compatibility ('Package' object has no attribute 'obj')"),
    ((757,), "0.23.5", "its own get_event_loop() DeprecationWarning reaching the tests"),
    ((729,), "0.23.4", "unrelated packages imported while collecting"),
    ((711, 713, 719), "0.23.3", "an INTERNALERROR while collecting"),
    ((703,), "0.23.2", "an INTERNALERROR collecting non-Python files"),
    ((701,), "0.23.1", "an INTERNALERROR with module-level skips"),
    ((706,), "0.24.0", "async fixtures of a wider scope tied to the loop of that scope, with no loop_scope to choose "
                       "another"),
    ((460,), "0.20.3", "a DeprecationWarning of its own on CPython 3.10.9 and 3.11.1"),
    ((141,), "0.11", "test items built directly (pytest.Function(...)), which pytest 5.4 deprecated"),
    ((154, 156, 157, 158), "0.12", "0.11.0 set up async fixtures before the event_loop fixture, so a fixture and "
                                   "its test got different loops (tests failing or hanging)"),
    ((197,), "0.20.2", "async fixture methods not rebound to the test's instance"),
    ((430,), "0.20.1", "a warning about an old pytest with the newest installed"),
    ((298,), "0.18.3", "pytest-trio's async fixtures set up in strict mode"),
    ((295,), "0.18.2", "static methods not marked in auto mode"),
    ((302,), "0.18.2", "Hypothesis 6.39 compatibility"),
    ((286,), "0.18.1", "async fixtures in sync tests"),
    ((267,), "0.17.2", "collecting non-Python tests"),
    ((258,), "0.17.1", "async Hypothesis tests unmarked in auto mode"),
    ((257,), "0.17.1", "the default event loop closed when it did not exist"),
    ((219,), "0.17.0", "KeyboardInterrupt during async fixture set-up"),
    ((178, 231), "0.17.0", "flaky or inherited Hypothesis tests re-run on a closed loop"),
    ((209, 210), "0.15.1", "errors closing event loops while replacing them"),
) for number in numbers}
_LINKED_ISSUE = re.compile(r"pytest-asyncio/(?:issues|pull)/(\d+)|pytest-asyncio#(\d+)|pytest/issues/(12269)\b")
# What a report says beside the link: something failed, or the pin it changes.
_FAILED_OR_PINNED = re.compile(r"\b(?:fail(?:s|ed|ing|ures?)?|broke|broken|breaks?|crash(?:es|ed)?|hang(?:s|ing)?|hung"
                               r"|incompatible|(?:not|stopped|no longer) working|a bug of"
                               r"|bump(?:s|ed)?|pin(?:s|ned)?"
                               # "Temporarily fix pytest-asyncio version to 0.10.0": a pin
                               r"|fix(?:es|ed)? (?:the )?`?pytest[-_]asyncio`?(?: version)? (?:to|at) `?v?\d"
                               r"|upgrad(?:e|es|ed|ing)|downgrad(?:e|es|ed|ing)|revert(?:s|ed)?|regression"
                               r"|(?:updat|requir)(?:e|es|ed|ing) (?:the )?pytest[-_]asyncio"
                               # a release the suite excludes ("Do not use pytest-asyncio 0.11.0")
                               r"|(?:do not|don't) use pytest[-_]asyncio"
                               r"|exclud(?:e|es|ed|ing) `?(?:pytest[-_]asyncio|v?\d+\.\d))\b", re.I)
_MOVES_TO = re.compile(r"\b(?:bump\w*|upgrad\w*|pin(?:s|ned|ning)?|updat\w*|requir\w*|mov(?:e|es|ed|ing) to)\b", re.I)
# pytest 8.2's FixtureDef.unittest: fixed by the 0.21 backport and by 0.23.6.
_PYTEST_8_2 = (800, 823, 12269)


# "More recent pytest-asyncio loop do no support fixtures with non-function scopes": 0.23's change (#706), said
# in words.
_SAID_WIDE_FIXTURES_DROPPED = re.compile(
    r"\b(?:recent|newer|latest|new) (?:versions? |releases? )?(?:of )?`?pytest[-_]asyncio`?\b[^.\n]{0,30}?\b(?:do(?:es)?"
    r"(?: not|n't| no)|no longer|cannot|can't|won't) (?:support|work with|allow)\b[^.\n]{0,30}?\b(?:non-function|session"
    r"|module|package|class|wider)[- ]scope", re.I)


def _linked_known_bug(ctx):
    """A report that links a pytest-asyncio bug its changelog lists as fixed (pytest's #12269 stands for the
    pytest 8.2 one) and says, beside the link or in its title, that something failed or that it changes the pin;
    with no run whose own errors answer: the fix is the release that fixed it."""
    if not ctx.facts.mentions("pytest-asyncio", "pytest/issues/12269") or ctx.run_exceptions() or ctx.facts.outcomes:
        return None
    said = [v for v in ctx.facts.lines_matching(_SAID_WIDE_FIXTURES_DROPPED) if "?" not in v.value] \
        if ctx.facts.mentions("scope") and not ctx.facts.mentions("event_loop") else []
    if said:
        return _fixed_release(ctx, 706, said[0], linked=False)
    lines = ctx.facts.text.lines
    for linked in ctx.facts.lines_matching(_LINKED_ISSUE):
        numbers = [int(next(g for g in m.groups() if g)) for m in _LINKED_ISSUE.finditer(linked.value)]
        known = [n for n in numbers if n in FIXED_BUGS or n == 12269]
        index = ctx.facts.position(linked.line)
        told = " ".join(l.text for l in lines[max(index - 1, 0):index + 2]) + " " + lines[0].text
        if known and _FAILED_OR_PINNED.search(told):
            return _fixed_release(ctx, known[0], linked)
    return None


def _fixed_release(ctx, number: int, line, linked: bool = True):
    # (a release the text only mentions may be the requirement the report moves to, not the one it ran)
    ran = ctx.version if not ctx.env.version_source.endswith("(mentioned in the text)") else None
    if number in _PYTEST_8_2:
        # The 0.21 line has its backport; 0.22 and later need 0.23.6.
        line_of = ctx.version
        newer = line_of is not None and line_of >= rel.V("0.22")
        number = 800 if newer else 823
        if ran is not None and (ran >= rel.V("0.23.6") or rel.V("0.21.2") <= ran < rel.V("0.22")):
            return None
    fixed, what = FIXED_BUGS[number]
    if ran is not None and ran >= rel.V(fixed):
        return None
    # A release named in the text that already has the fix, with no word of moving to it ("still fails for us on
    # 0.25.0 … same symptom as #706"): the report is past that fix.
    named = ctx.version if ran is None else None
    if named is not None and named >= rel.V(fixed) and not ctx.facts.lines_matching(_MOVES_TO):
        return None
    upgrade = change_version(ctx, fixed, f"{fixed} fixed it.", last_resort=False)
    summary = (f"The report {'links' if linked else 'describes'} a pytest-asyncio bug its changelog lists as fixed in "
               f"{fixed} (#{number}: {what}): "
               "the fix is that release or a later one.")
    return summary, ctx.paste_evidence(line.value, limit=1), [upgrade], Confidence.MEDIUM


def _pin_last_working(then: str):
    return prose(FixKind.CHANGE_PYTEST_ASYNCIO_VERSION, "Pin the last release that worked",
                 "Pin pytest-asyncio below the release that broke the tests (pip show pytest-asyncio names the installed "
                 f"one){then}", "Pinning holds back other fixes until the pin is lifted.")


def _regression_report(ctx):
    """A report that blames a pytest-asyncio release change ("works with 0.25.1, crashes with 0.25.2")."""
    # The plugin named, or its marker in the code of a report on its own tracker.
    named = any(not _PLUGIN_LIST_ITEM.match(v.value)   # pytest's own list of plugins to install names it too
                for needle in ("pytest-asyncio", "pytest_asyncio", "Pytest-asyncio", "mark.asyncio")
                for v in ctx.facts.find(needle))
    if not named or (said_strict_default(ctx) and not loop_errors(ctx) and not ctx.has(LOOP_CLOSED_TEXT)):
        return None   # (0.19's strict default is a documented change: LD006 answers it, unless loops cross)
    said = [v for v in ctx.facts.lines_matching(_REGRESSION) if not v.value.startswith(("E ", ">"))
            and (_STRONG.search(v.value) or _PLUGIN_NAMED.search(v.value))]
    lines = [v for v in said if _VERSION_IN_TEXT.search(v.value) or _PLUGIN_ISSUE.search(v.value)]
    versions = sorted({rel.V(m.group(1)) for v in lines for m in _VERSION_IN_TEXT.finditer(v.value)
                       if not _OTHER_PACKAGE_BEFORE.search(v.value, max(m.start() - 40, 0), m.start())})
    if ctx.version and not versions and lines:
        versions = [ctx.version]
    issues = [m.group(0) for v in lines for m in [_PLUGIN_ISSUE.search(v.value)] if m]
    if lines and not versions and issues:
        summary = (f"The report ties the failure to a pytest-asyncio bug ({issues[0]}): the fix is the release "
                   "that resolves it, or the last one before it.")
        option = prose(FixKind.CHANGE_PYTEST_ASYNCIO_VERSION, "Install a release without the bug",
                       f"Pin the last pytest-asyncio release that worked, or the one that fixes {issues[0]}.",
                       "Pinning holds back other fixes until the pin is lifted.")
        return summary, ctx.paste_evidence(*(v.value for v in lines[:2]), limit=2), [option], Confidence.HIGH
    # (a sentence wrapped across lines is read whole: "…broke with the latest version of\npytest-asyncio")
    latest = [v for v in ctx.facts.lines_matching(_LATEST_OF_PLUGIN) if _latest_broke(v.value)][:1] \
        if not lines and not ctx.run_exceptions() and ctx.facts.mentions("release", "version") else []
    # "bad version of pytest-asyncio is causing this", "pytest-asyncio plugin version may be suspect"
    bad = stated(_BAD_RELEASE, ctx.facts.lines_matching(_BAD_RELEASE), unless_before=_SUSPECTED)[:1] \
        if not (lines or latest or ctx.run_exceptions()) and ctx.facts.mentions("pytest-asyncio", "pytest_asyncio") else []
    if bad:
        summary = ("The report blames a bad pytest-asyncio release for breaking the tests: a bug or a change of that "
                   "release, which the last release before it did not have.")
        option = _pin_last_working(" until a later release fixes it.")
        return summary, ctx.paste_evidence(bad[0].value, limit=1), [option], Confidence.MEDIUM
    if latest:
        summary = ("The report blames pytest-asyncio's latest release, without naming it, for breaking the tests: "
                   "a change of that release, which the last release before it did not have.")
        option = _pin_last_working(" until a later release, or a change in the suite, copes with it.")
        return summary, ctx.paste_evidence(latest[0].value, limit=1), [option], Confidence.MEDIUM
    if not lines or not versions:
        return None
    change = versions[-1] >= rel.V("1.4.0") and _no_current_loop(ctx, versions[-1])
    if change:   # the release named made a documented change that explains the error: say that one
        return (*change, Confidence.HIGH)
    if rel.V("1.0.0") <= versions[-1] < rel.V("1.1.0") and story(ctx).kind == "legacy":
        return None   # 1.0's documented change, the removal of event_loop, is what the legacy rule answers
    fixed = [rel.V(m.group(1)) for v in lines for m in [_FIXED_IN.search(v.value)] if m]
    evidence = ctx.paste_evidence(*(v.value for v in lines[:3]), limit=3)
    if fixed:
        option = change_version(ctx, str(fixed[0]), "The report names the release that fixed it.")
    elif len(versions) >= 2:
        option = change_version(ctx, str(versions[0]), "The report names the last release that worked; stay "
                                "on it until a release fixes the change.", below=str(versions[-1]))
    else:
        option = change_version(ctx, str(versions[0]), "The report names the release that changed it; a "
                                "later release may fix it.", below=None)
        option.fix.requires = f"pytest-asyncio!={versions[0]}"
        option.fix.title = f"Avoid pytest-asyncio {versions[0]}"
    option.last_resort = False
    on = (f"the same suite behaves differently on {', '.join(str(v) for v in versions[:3])}" if len(versions) > 1
          else f"it names {versions[0]} as the release that changed things")
    summary = (f"The report ties the failure to a pytest-asyncio release change: {on}. The fix is another "
               "release, not a loop-scope edit.")
    # A report that names the release and says it changed things is as strong as any error line, unless
    # the loop model explains the failure from the code on that release (a documented change, not a bug).
    told = story(ctx)
    # A fixture cached or set up wider than its loop is such a change even when told only in words.
    explained = told.kind != "none" and (told.confidence == Confidence.HIGH or bool(told.wide)
                                         or told.kind in ("cached", "wider"))
    return summary, evidence, [option], Confidence.MEDIUM if explained else Confidence.HIGH


_PLUGIN_FRAME = re.compile(r"pytest_asyncio[/\\]plugin\.py")


def _inside_the_plugin(ctx):
    """An error raised inside pytest-asyncio's own code (its loop teardown, or loading it) rather
    than in the tests: a release bug or a pytest the release does not support."""
    if story(ctx).kind == "legacy":
        return None   # the plugin refusing or warning about the suite's own event_loop fixture
    for section in ctx.facts.sections:
        frames = section.frames
        innermost = _innermost_def(ctx, section)
        # (with no frame to place it, the name alone counts only where the plugin is not shown missing: other
        # plugins define pytest_pyfunc_call too)
        if innermost and _PLUGIN_CODE.match(innermost) and (
                _PLUGIN_FRAME.search(frames[-1].file) if frames else not plugin_missing(ctx)):
            # The last frame shown is the plugin's own function (its location line may be cut off).
            exc = section.exceptions[-1] if section.exceptions else None
            if exc is None or exc.type in _PLUGIN_FAULTS:
                where = frames[-1].file if frames else f"def {innermost}"
                return _plugin_fault(ctx, exc, where, innermost)
        if any(raised_by_plugin_runner(ctx, e) for e in section.exceptions if APP_LOOP_MESSAGES.search(e.message)):
            # The plugin's own runner found its loop already running: nothing in the test started it.
            exc = next(e for e in section.exceptions if APP_LOOP_MESSAGES.search(e.message))
            runner = next(f for f in reversed(frames) if _PLUGIN_FRAME.search(f.file))
            summary, evidence, options, confidence = _plugin_fault(ctx, exc, runner.file, runner.function)
            summary = ("pytest-asyncio's own runner found the loop it runs the test on already running"
                       + (f" ({runner.function})" if runner.function else "") + ". Nothing in the test started "
                       "it: either pytest itself was started inside a running loop (a notebook, pytest.main() "
                       "called from async code), or a bug of this release (pinning the release before it has cured "
                       "this in reports).")
            return summary, evidence, options, confidence
        if not frames or not section.exceptions or not _PLUGIN_FRAME.search(frames[-1].file):
            continue
        exc = section.exceptions[-1]
        if exc.type in _PLUGIN_FAULTS or "_provide_event_loop" in (frames[-1].function or "") \
                or "shutdown_asyncgens" in exc.message:
            return _plugin_fault(ctx, exc, frames[-1].file, frames[-1].function)
    # pytest's INTERNALERROR traceback runs through one of the plugin's hooks.
    internal = [e for e in ctx.facts.exceptions if e.origin == "internal"]
    plugin_lines = [v for v in ctx.facts.find("pytest_asyncio") if v.value.startswith("INTERNALERROR>")
                    and _PLUGIN_FRAME.search(v.value)]
    if internal and plugin_lines:
        hook = re.search(r", in (\w+)", plugin_lines[-1].value)
        return _plugin_fault(ctx, internal[-1], plugin_lines[-1].value, hook.group(1) if hook else None)
    return None


# Raised by the plugin's own code rather than passed through it from a test (a loop error there is the
# test's); a warning raised as an error there comes from the plugin's own calls.
_PLUGIN_FAULTS = ("AttributeError", "ImportError", "TypeError", "ModuleNotFoundError", "DeprecationWarning",
                  "PytestDeprecationWarning", "KeyError", "AssertionError")


# Functions of pytest-asyncio's own code that tracebacks show (its hooks and fixture wrappers).
_PLUGIN_CODE = re.compile(r"(?:pytest_fixture_setup|pytest_pyfunc_call|pytest_collectstart|_asyncgen_fixture_wrapper"
                          r"|_async_fixture_wrapper|_perhaps_rebind_fixture_func|_wrap_asyncgen_fixture"
                          r"|_wrap_async_fixture|_provide_clean_event_loop|_provide_event_loop)$")
_DEF = re.compile(r"^\s*(?:async\s+)?def (\w+)\(")


def _innermost_def(ctx, section) -> str | None:
    """The function of the last source frame an entry shows before its error (or its end when cut off)."""
    end = section.exceptions[-1].line if section.exceptions else section.end
    name = None
    for line in ctx.facts.text.lines[section.start - 1:end]:
        match = _DEF.match(line.text)
        if match:
            name = match.group(1)
    return name


def _plugin_fault(ctx, exc, where: str, function: str | None):
    v = ctx.version
    summary = ("The error is raised inside pytest-asyncio itself" + (f" ({function})" if function else "")
               + ", not in the tests or fixtures: a bug of this release, or a pytest it does not support.")
    option = change_version(ctx, str(v) if v else "0.26", "A release without the bug (or one made for the "
                            "installed pytest) ends it; check the changelog between the versions.")
    if v:
        option.fix.requires = f"pytest-asyncio!={v}"
        option.fix.title = f"Move off pytest-asyncio {v}"
    option.last_resort = False
    evidence = (ctx.exception_evidence([exc], limit=1) if exc else []) + ctx.paste_evidence(where, limit=1)
    return summary, evidence, [option], Confidence.MEDIUM
