"""LD001: an async fixture runs on a wider loop than the test that uses it."""
from __future__ import annotations

from .. import releases as rel
from ..edits import EditError, FileEdit
from ..environment import FIXTURE_OPTION
from ..fixes import make_fix, set_fixture_kwargs
from ..model import PASTE, Evidence, FixKind, Pattern, Verdict
from ._common import (
    at_least,
    change_version,
    everything_on_loop,
    finding,
    fixture_default_function,
    fixture_scope_function,
    mark_modules,
)
from ._story import ANOTHER_OPERATION, story
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD001",
    pattern=Pattern.FIXTURE_LOOP_WIDER,
    title="An async fixture runs on a wider loop than the test that uses it",
    verdict=Verdict.LOOP_MISMATCH,
    kb=KnowledgeBase(
        what=(
            "An async fixture was set up on a wider event loop (session, package, module or class) than "
            "the loop the test that uses it runs on. Whatever the fixture created there (a database "
            "connection or session, an HTTP or Redis client, a queue, lock or future) belongs to the "
            "fixture's loop. The test body awaits it from its own loop, and asyncio refuses.\n\n"
            "The test fails with `RuntimeError: Task <…> got Future <…> attached to a different loop`, "
            "or, for an asyncio lock, event, semaphore or queue on Python 3.10+, with `RuntimeError: "
            "<Queue …> is bound to a different event loop`. Every test that awaits the fixture's "
            "objects fails the same way; tests that never await them pass. The classic trigger is "
            "`asyncio_default_fixture_loop_scope = session` in the configuration: it moves the fixtures "
            "to the session loop but leaves the tests on their per-test loops."
        ),
        why=(
            "pytest-asyncio runs each async test on the loop of the test's loop scope and each async "
            "fixture on the loop of the fixture's loop scope. They share a loop only when the two "
            "scopes are equal (and, for `module`, `class` and `package`, the test and fixture sit in "
            "the same module, class or package). A test's loop scope comes from its closest `asyncio` "
            "marker (`loop_scope=` from 0.24, `scope=` on 0.23) and otherwise is `function`; from 0.26 "
            "the fallback is `asyncio_default_test_loop_scope`, which is itself `function` when unset.\n\n"
            "From 0.24 a fixture's loop scope is the first of: its own `loop_scope=` argument, "
            "`asyncio_default_fixture_loop_scope`, and its caching `scope=`. So a fixture ends up on a "
            "wider loop than its tests in three ways: it is cached per session, module or class and "
            "nothing else is set (the loop follows the cache); its decorator says "
            '`@pytest_asyncio.fixture(loop_scope="session")` while the tests keep their function loops; '
            "or the configuration sets `asyncio_default_fixture_loop_scope` to a wide scope, which "
            "moves even fixtures cached per test onto that loop. In the last case the fixture is "
            "rebuilt for every test, but each copy is built on the session loop.\n\n"
            "On 0.23.x a fixture's loop is always the loop of its caching scope and a test's loop is "
            "the one named by the marker's `scope=`, so a module- or session-cached fixture shares a "
            "loop only with tests marked with the same `scope=`. On 0.17–0.22 fixtures and tests all "
            "run on the `event_loop` fixture, so this pattern cannot happen there: a fixture cached "
            "wider than `event_loop` fails with a ScopeMismatch instead (LD002, LD005).\n\n"
            "The reverse also exists: a test moved to a wide loop that uses a fixture whose loop scope "
            "is `function`. 0.23–0.26 stop that at collection with `MultipleEventLoopsRequestedError`; "
            "from 1.0.0 the fixture is silently set up on a function loop of its own and the test fails "
            'with the same "different loop" error.'
        ),
        example=(
            "# Same failure with a plain fixture under\n"
            "# pytest.ini: asyncio_default_fixture_loop_scope = session\n"
            "import asyncio\n"
            "\n"
            "import pytest\n"
            "import pytest_asyncio\n"
            "\n"
            "\n"
            '@pytest_asyncio.fixture(loop_scope="session")  # pytest-asyncio 0.24+\n'
            "async def ready():\n"
            "    loop = asyncio.get_running_loop()  # the session loop\n"
            "    future = loop.create_future()\n"
            '    loop.call_later(0.1, future.set_result, "ok")\n'
            "    yield future\n"
            "\n"
            "\n"
            "@pytest.mark.asyncio  # runs on its own function-scoped loop\n"
            "async def test_ready(ready):\n"
            "    # RuntimeError: Task <...> got Future <...> attached to a different loop\n"
            '    assert await ready == "ok"\n'
        ),
        example_language="python",
        fix=(
            "Put the fixture and the tests that use it on one loop. Which side moves depends on how the "
            "fixture is cached, so look at its `scope=` first.\n\n"
            "If the fixture is cached per test (no `scope=`, or `scope=\"function\"`), give it the test's "
            "loop. When the wide loop comes from the configuration, set "
            "`asyncio_default_fixture_loop_scope = function` (0.24+); when it comes from the decorator, "
            "remove `loop_scope=` from `@pytest_asyncio.fixture` (0.24+). The fixture is then built on "
            "each test's own loop. This is the fix for the common report of a function-cached database "
            "fixture under `asyncio_default_fixture_loop_scope = session`.\n\n"
            "The trap: `asyncio_default_fixture_loop_scope = function` is right only for fixtures "
            "cached per test. A fixture cached per session, package, module or class cannot live on a "
            "loop narrower than its cache; with that setting pytest-asyncio 0.24 and later fail at "
            "set-up with `ScopeMismatch: You tried to access the function scoped fixture … with a "
            "session scoped request object` (the fixture named is `event_loop` up to 0.26, "
            "`_function_event_loop` on 1.0.0, `_function_scoped_runner` from 1.1.0). That is LD002. A "
            'fixture with `scope="session"` keeps its wide loop when it also says '
            '`loop_scope="session"`, whatever the default.\n\n'
            "If the fixture is cached per session (or module, class) on purpose, move the tests to its "
            "loop. From 0.26: `asyncio_default_test_loop_scope = session` together with "
            "`asyncio_default_fixture_loop_scope = session`, so that the per-test fixtures those tests "
            "use run on the session loop too. On 0.24–0.25: `asyncio_default_fixture_loop_scope = "
            'session` plus `pytestmark = pytest.mark.asyncio(loop_scope="session")` in each test '
            "module, or a `pytest_collection_modifyitems` hook in `conftest.py` that adds "
            '`pytest.mark.asyncio(loop_scope="session")` with `append=False` to every item for which '
            "`pytest_asyncio.is_async_test(item)` is true. For a module- or class-cached fixture use "
            "`module` or `class` instead of `session`. A bare `@pytest.mark.asyncio` on a test "
            "overrides a module's `pytestmark`, so put the scope on the closest marker or remove the "
            "per-test markers.\n\n"
            'On 0.23.x the marker argument is `scope="session"` (`loop_scope=` is silently ignored '
            "there) and fixtures always run on the loop of their caching scope; see LD010 for that "
            "release line.\n\n"
            "Or stop caching the fixture beyond one test: drop its `scope=` so it is built per test on "
            "the test's loop. This works on every release."
        ),
        tradeoffs=(
            "`asyncio_default_fixture_loop_scope = function` or removing `loop_scope=`: each test gets "
            "fresh fixtures on a fresh loop, the best isolation; the cost is set-up per test (a new "
            "connection or client each time). Applied to a fixture cached wider than a test it fails "
            "with ScopeMismatch (LD002).\n\n"
            "Running the tests on the session loop: set-up happens once and the fixture's objects are "
            "shared, but so is the loop. A task, callback or open transaction left behind by one test "
            "can run or show up during the next, a test that blocks or closes the loop breaks the rest "
            "of the run, and failures can depend on test order. `asyncio_default_test_loop_scope` needs "
            "0.26 or later; older releases only print `Unknown config option` and ignore it.\n\n"
            "Module markers: explicit in every file, but every new test module must remember the "
            "marker; `loop_scope=` is ignored on 0.23 and `scope=` warns as deprecated from 0.24. The "
            "collection hook: one place for the whole suite, but it is code to maintain; in strict mode "
            "it only reaches tests pytest-asyncio already recognises (#810), and on 1.0.0 it misses "
            "tests that carry a bare `@pytest.mark.asyncio` (fixed in 1.1.0).\n\n"
            "Dropping the fixture's cache: the simplest and release-independent fix, paid for with "
            "set-up on every test."
        ),
        references=(
            Reference("pytest-asyncio: Concepts (event loops and loop scopes)",
                      "https://pytest-asyncio.readthedocs.io/en/stable/concepts.html"),
            Reference("How to change the default event loop scope of all fixtures",
                      "https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/change_default_fixture_loop.html"),
            Reference("How to change the default event loop scope of all tests",
                      "https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/change_default_test_loop.html"),
            Reference("pytest-asyncio configuration reference",
                      "https://pytest-asyncio.readthedocs.io/en/stable/reference/configuration.html"),
            Reference("pytest-asyncio #706: Breaking change in 0.23.*",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/706"),
            Reference('pytest-asyncio #944: fixture with loop_scope="session", test still on another loop',
                      "https://github.com/pytest-dev/pytest-asyncio/issues/944"),
        ),
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
        narrowed = ctx.env.versions.narrow(rel.V("0.24.0"))
        if narrowed != ctx.env.versions and not ctx.env.version_exact:
            ctx.env.version_source = ("inferred: asyncio_default_fixture_loop_scope, which put the fixture on a "
                                      "wider loop, takes effect from 0.24")
        ctx.env.versions = narrowed
    evidence = s.evidence(ctx, errors)
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
    # A default that puts fixtures on the tests' own loops cannot be what widened this one: its loop_scope= did.
    default = ctx.env.fixture_default_scope()
    wider_default = default if default and default != ctx.env.test_default_scope() else None
    if not wide:
        from ._story import WideFixture, caching_from_addresses, paste_fixture_names
        named = paste_fixture_names(ctx)
        caching = "function" if named and caching_from_addresses(ctx, named[0]) == "function" else None
        wide = [WideFixture(named[0], caching, wider_default or "session", "unknown")] if named else []
    names = ", ".join(w.name for w in wide[:3]) or "An async fixture"
    loop = wide[0].loop if wide else (wider_default or "wider")
    why = wide[0].how if wide and wide[0].how != "unknown" else (
        f"asyncio_default_fixture_loop_scope = {wider_default}" if wider_default else
        f"a loop_scope= of its own: asyncio_default_fixture_loop_scope = {default} keeps the others on the tests' "
        "loops" if default else "its loop scope")
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
        from ._story import WideFixture, caching_from_addresses, paste_fixture_names
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
