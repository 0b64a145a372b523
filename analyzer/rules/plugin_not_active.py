"""LD009: pytest-asyncio is not active where the tests run."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo
from ..model import Confidence, FixKind
from ._common import finding, native_table_unread, plugin_missing, prose

INFO = RuleInfo(
    code="LD009",
    pattern=Pattern.PLUGIN_NOT_ACTIVE,
    title="pytest-asyncio is not active where the tests run",
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


SIGNS = ("async def functions are not natively supported", "PytestUnhandledCoroutineWarning",
         "async def function and no async plugin installed", "Unknown config option: asyncio_mode",
         "-p no:asyncio", "fixture 'event_loop' not found")


def detect(ctx):
    """pytest-asyncio is not installed or not loaded where the tests ran."""
    if not ctx.has(*SIGNS) or native_table_unread(ctx):
        return None
    runners = any(n.startswith(("_function_scoped_runner", "_function_event_loop")) for n in ctx.facts.available_fixtures)
    if ctx.has("fixture 'event_loop' not found") and not ctx.has(*SIGNS[:5]):
        if runners or "asyncio" in ctx.facts.header.plugins or not ctx.facts.available_fixtures:
            return None  # pytest-asyncio 1.x is there: the legacy fixture rule covers it
    elif not plugin_missing(ctx):
        return None
    evidence = ctx.paste_evidence(*SIGNS, limit=4)
    if ctx.facts.header.plugins or ctx.has("plugins: "):
        evidence += ctx.paste_evidence("plugins: ", limit=1)
    summary = ("pytest-asyncio is not active in the environment that ran the tests: the header lists no "
               "asyncio plugin, so pytest skipped or failed the async tests itself and ignored the asyncio_* "
               "options. Usually the plugin is installed in another environment than the one running pytest "
               "(tox, nox, a CI image), or disabled with -p no:asyncio.")
    options = [prose(FixKind.INSTALL_OR_ENABLE_PLUGIN, "Install pytest-asyncio where pytest runs",
                     "Add pytest-asyncio to the test dependencies of the environment that runs pytest "
                     "(`python -m pip install pytest-asyncio` with that environment's python) and remove any "
                     "`-p no:asyncio`. The header then shows `plugins: asyncio-<version>`.",
                     "None.")]
    return finding(ctx, INFO, summary, Confidence.HIGH, evidence, options)
