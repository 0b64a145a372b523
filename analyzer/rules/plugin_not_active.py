"""LD009: pytest-asyncio is not active where the tests run."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo
from ..model import Confidence, FixKind
import re

from ._common import finding, native_table_unread, plugin_active, plugin_missing, prose, warnings_only

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


ASYNC_SIGNS = ("async def functions are not natively supported", "PytestUnhandledCoroutineWarning",
               "async def function and no async plugin installed", "Unknown pytest.mark.asyncio")
NEVER_AWAITED_TEST = re.compile(r"coroutine '(\w+\.)*test\w*' was never awaited")


def detect(ctx):
    """pytest-asyncio is not installed or not loaded where the tests ran."""
    if native_table_unread(ctx) or plugin_active(ctx):
        return None
    never_awaited = [v for v in ctx.facts.find("was never awaited") if NEVER_AWAITED_TEST.search(v.value)]
    async_signs = ctx.has(*ASYNC_SIGNS) or never_awaited
    not_found = ctx.has("fixture 'event_loop' not found")
    unknown_mode = ctx.has("Unknown config option: asyncio_mode") and (warnings_only(ctx) or async_signs)
    if unknown_mode:
        pass
    elif not (async_signs or not_found) or not (plugin_missing(ctx) or not_found or never_awaited or ctx.has(*ASYNC_SIGNS[:3])):
        return None
    evidence = ctx.paste_evidence(*ASYNC_SIGNS, "fixture 'event_loop' not found", "Unknown config option: asyncio_mode",
                                  "-p no:asyncio", limit=4)
    evidence += [e for e in ctx.paste_evidence(*(v.value for v in never_awaited[:1]), limit=1) if e not in evidence]
    evidence += ctx.paste_evidence("plugins: ", limit=1)
    summary = ("pytest-asyncio is not active in the environment that ran the tests: nothing in the output "
               "shows the plugin (no asyncio entry in the header, none of its loop fixtures), so pytest skipped, "
               "failed or never awaited the async tests itself and ignored the asyncio_* options. Usually the "
               "plugin is installed in another environment than the one running pytest (tox, nox, a CI image), "
               "or disabled with -p no:asyncio.")
    options = [prose(FixKind.INSTALL_OR_ENABLE_PLUGIN, "Install pytest-asyncio where pytest runs",
                     "Add pytest-asyncio to the test dependencies of the environment that runs pytest "
                     "(`python -m pip install pytest-asyncio` with that environment's python) and remove any "
                     "`-p no:asyncio`. The header then shows `plugins: asyncio-<version>`.",
                     "None.")]
    # Without a header the plugin may well be there (strict mode says the same): say how sure this is.
    sure = plugin_missing(ctx) or not_found or never_awaited
    return finding(ctx, INFO, summary, Confidence.HIGH if sure else Confidence.MEDIUM, evidence, options)
