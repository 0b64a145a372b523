"""LD009: pytest-asyncio is not active where the tests run."""
from __future__ import annotations

import re

from ..model import Confidence, FixKind, Pattern, Verdict
from ._common import finding, prose
from ._story import (native_table_unread, plugin_active, plugin_missing, said_installed, said_newer_plugin,
                     said_no_event_loop, said_not_installed, said_unmarked, stated, warnings_only)
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD009",
    pattern=Pattern.PLUGIN_NOT_ACTIVE,
    title="pytest-asyncio is not active where the tests run",
    verdict=Verdict.MISCONFIGURATION,
    kb=KnowledgeBase(
        what=(
            "pytest-asyncio is not installed, or not loaded, in the environment that runs the tests. "
            "Nothing runs the async tests, and the plugin's options and marker are unknown to pytest.\n\n"
            "Symptoms: `async def functions are not natively supported and have been skipped` followed "
            "by a list of plugins to install (pytest before 8.4; the tests are reported as skipped), or "
            "`async def functions are not natively supported.` as a failure (pytest 8.4+); "
            "`PytestConfigWarning: Unknown config option: asyncio_mode` and the other `asyncio_*` "
            "options; `PytestUnknownMarkWarning: Unknown pytest.mark.asyncio`; `fixture 'event_loop' "
            "not found` with none of pytest-asyncio's loop fixtures (`_function_scoped_runner`, "
            "`_function_event_loop`) among the available fixtures. The header has no `asyncio: mode=…` "
            "line and no `asyncio-<version>` in its `plugins:` line."
        ),
        why=(
            "pytest loads plugins from the entry points of the distributions installed in the "
            "interpreter that runs it. pytest-asyncio has to be installed there: a different "
            "virtualenv, a tox environment or CI job that installs only runtime dependencies, a Docker "
            "image built without test extras, or a global `pytest` executable started instead of the "
            "project's, all lose it.\n\n"
            "It can also be installed but switched off: `-p no:asyncio` on the command line or in "
            "`addopts`, or `PYTEST_DISABLE_PLUGIN_AUTOLOAD` set without loading the plugin explicitly.\n\n"
            "Without the plugin, pytest treats async test functions as unsupported, passes async "
            "fixtures' coroutines through unawaited, and ignores every `asyncio_*` key as unknown. A "
            "paste where another async plugin (anyio, pytest-trio) is installed but the configuration "
            "is written for pytest-asyncio shows the same picture."
        ),
        example=(
            "# requirements-dev.txt lists pytest but not pytest-asyncio\n"
            "import asyncio\n"
            "\n"
            "import pytest\n"
            "\n"
            "\n"
            "@pytest.mark.asyncio  # PytestUnknownMarkWarning: Unknown pytest.mark.asyncio\n"
            "async def test_sleep():\n"
            '    # pytest < 8.4: skipped, "async def functions are not natively supported"\n'
            '    # pytest 8.4+: fails with "async def functions are not natively supported."\n'
            "    await asyncio.sleep(0)\n"
        ),
        example_language="python",
        fix=(
            "Install pytest-asyncio into the environment that runs the tests: add it to the test or "
            "development dependencies, the tox `deps` or the CI job, and run pytest from that "
            "environment with `python -m pytest`, which uses the interpreter you name. The header then "
            "shows `asyncio-<version>` in the `plugins:` line and an `asyncio: mode=…` line.\n\n"
            "Remove `-p no:asyncio` from the command line or `addopts`; with "
            "`PYTEST_DISABLE_PLUGIN_AUTOLOAD` set, load the plugin explicitly with `-p "
            "pytest_asyncio.plugin`.\n\n"
            "Pick a release that fits the environment and the configuration: 0.24–1.2 need pytest 8.2 "
            "or later and below 9, 1.3.0 adds pytest 9 and needs Python 3.10, 1.4.0 needs pytest 8.4; "
            "and the release must know the options your configuration uses (LD007).\n\n"
            "Add `required_plugins = pytest-asyncio` to the pytest configuration so a missing plugin "
            "stops the run at once with a clear error."
        ),
        tradeoffs=(
            "Once the plugin is active its release matters: options, markers and loop behaviour differ "
            "between releases (LD007, LD010), so pin a range your configuration was written for.\n\n"
            "`required_plugins` fails fast but makes the plugin mandatory in every environment that "
            "runs pytest, including ones that only run sync tests.\n\n"
            "Pinning an exact release makes runs reproducible but misses fixes for known release bugs."
        ),
        references=(
            Reference("pytest: how to install and use plugins",
                      "https://docs.pytest.org/en/stable/how-to/plugins.html"),
            Reference("pytest: required_plugins",
                      "https://docs.pytest.org/en/stable/reference/reference.html#confval-required_plugins"),
            Reference("pytest-asyncio documentation",
                      "https://pytest-asyncio.readthedocs.io/en/stable/"),
            Reference("pytest-asyncio #1106: fixture 'event_loop' not found",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/1106"),
        ),
    ),
)


ASYNC_SIGNS = ("async def functions are not natively supported", "PytestUnhandledCoroutineWarning",
               "async def function and no async plugin installed", "Unknown pytest.mark.asyncio",
               # --strict-markers: the plugin registers the marker, so an unknown one means it is not loaded.
               "'asyncio' not found in `markers` configuration option",
               # test modules importing the plugin where it is not installed
               "No module named 'pytest_asyncio'")
# A report saying its async tests are skipped ("all `async def` test functions are being skipped").
# (or never awaited: "5 asynchronous test methods are currently never awaited", a pytest before 8.4 passing them)
SAID_SKIPPED = re.compile(r"\basync(?:hronous)?(?: def)?`? (?:test )?(?:functions|tests?|test functions|test methods|methods) "
                          r"(?:are|were|get|got) (?:all |being |silently |currently )*(?:skipped|never awaited)", re.I)
NEVER_AWAITED_TEST = re.compile(r"coroutine '(\w+\.)*test\w*' was never awaited")
UNITTEST_RUNNER = re.compile(r"unittest[/\\](?:async_)?case\.py:\d+")


# Django's own runner started: unittest's, which loads no pytest plugin and collects no pytest-style test.
_DJANGO_RUNNER = re.compile(r"\bmanage\.py test\b")


def _django_runner(ctx):
    # (pytest's own sections, or a pytest node id given to the command, show pytest ran: a manage.py wrapping it)
    runner = [] if ctx.facts.summary_line or not ctx.has("mark.asyncio", "async def test") \
        or any(s.kind in ("failure", "error") for s in ctx.facts.sections) \
        else [v for v in ctx.facts.lines_matching(_DJANGO_RUNNER) if "::" not in v.value]
    if not runner:
        return None
    summary = ("The tests ran under Django's own runner (`manage.py test`), which is unittest's: pytest and its "
               "plugins never started, so pytest-style async tests (`@pytest.mark.asyncio` functions) are not run "
               "by anything.")
    options = [prose(FixKind.INSTALL_OR_ENABLE_PLUGIN, "Run the tests with pytest",
                     "Install pytest, pytest-django and pytest-asyncio, point pytest-django at the settings "
                     "(DJANGO_SETTINGS_MODULE), and run `pytest` instead of `manage.py test`.", "None."),
               prose(FixKind.OTHER, "Or write them as Django test cases",
                     "Keep `manage.py test` and turn the tests into methods of django.test.TestCase (or "
                     "SimpleTestCase), whose async test methods Django runs itself.",
                     "pytest fixtures and markers are not available there.")]
    return finding(ctx, INFO, summary, Confidence.MEDIUM,
                   ctx.paste_evidence(runner[0].value, "mark.asyncio", limit=2),
                   options)


def detect(ctx):
    """pytest-asyncio is not installed or not loaded where the tests ran."""
    if native_table_unread(ctx) or plugin_active(ctx) or (said_unmarked(ctx) and not plugin_missing(ctx)):
        return None
    django = _django_runner(ctx)
    if django:
        return django
    # unittest's own runner (IsolatedAsyncioTestCase) warning of a test it never awaited: no plugin's business.
    never_awaited = [v for v in ctx.facts.find("was never awaited")
                     if NEVER_AWAITED_TEST.search(v.value) and not UNITTEST_RUNNER.search(v.value)]
    said_skipped = stated(SAID_SKIPPED, ctx.facts.lines_matching(SAID_SKIPPED), own_denials=True) \
        if not ctx.facts.summary_line else []   # (its own "never awaited")
    # "Tests fail on CI because pytest-asyncio is not installed": said outright, with no run shown.
    if not said_skipped and not (ctx.facts.summary_line or ctx.facts.exceptions):
        said_skipped = said_not_installed(ctx)
    async_signs = ctx.has(*ASYNC_SIGNS) or never_awaited or said_skipped
    # event_loop missing where the report says the plugin is a newer release: 1.0 removed it (LD005).
    not_found = (ctx.has("fixture 'event_loop' not found") or said_no_event_loop(ctx)) and (
        plugin_missing(ctx) or not said_newer_plugin(ctx))
    unknown_mode = ctx.has("Unknown config option: asyncio_mode") and (warnings_only(ctx) or async_signs)
    if unknown_mode:
        pass
    elif not (async_signs or not_found) or not (plugin_missing(ctx) or not_found or never_awaited or said_skipped
                                                or ctx.has(*ASYNC_SIGNS[:3])):
        return None
    evidence = ctx.paste_evidence(*ASYNC_SIGNS, "fixture 'event_loop' not found", "Unknown config option: asyncio_mode",
                                  "-p no:asyncio", limit=4)
    evidence += [e for e in ctx.paste_evidence(*(v.value for v in never_awaited[:1] + said_skipped[:1]), limit=2)
                 if e not in evidence]
    evidence += ctx.paste_evidence("plugins: ", limit=1)
    summary = ("pytest-asyncio is not active in the environment that ran the tests: nothing in the output "
               "shows the plugin (no asyncio entry in the header, none of its loop fixtures), so pytest skipped, "
               "failed or never awaited the async tests itself and ignored the asyncio_* options. Usually the "
               "plugin is installed in another environment than the one running pytest (tox, nox, a CI image), "
               "disabled with -p no:asyncio, or not loaded where plugin autoloading is off.")
    options = [prose(FixKind.INSTALL_OR_ENABLE_PLUGIN, "Install pytest-asyncio where pytest runs",
                     "Add pytest-asyncio to the test dependencies of the environment that runs pytest "
                     "(`python -m pip install pytest-asyncio` with that environment's python) and remove any "
                     "`-p no:asyncio`; where plugins are not autoloaded (PYTEST_DISABLE_PLUGIN_AUTOLOAD), load it "
                     "with `-p pytest_asyncio` in addopts. The header then shows `plugins: asyncio-<version>`.",
                     "None."),
               prose(FixKind.OTHER, "Or drop the asyncio_* options where no test needs the plugin",
                     "A project with no async tests does not need pytest-asyncio: remove asyncio_mode and the other "
                     "asyncio_* options from its pytest config, which without the plugin only warn (\"Unknown "
                     "config option\").", "Async tests added later need the plugin and the options back.")]
    # Without a header the plugin may well be there (strict mode says the same): say how sure this is.
    sure = (plugin_missing(ctx) or not_found or never_awaited) and not (said_skipped and not ctx.has(*ASYNC_SIGNS)) \
        and not said_installed(ctx)
    return finding(ctx, INFO, summary, Confidence.HIGH if sure else Confidence.MEDIUM, evidence, options)
