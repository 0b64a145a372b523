"""LD010: a known bug of this pytest-asyncio release."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD010",
    pattern=Pattern.PLUGIN_VERSION_BUG,
    title="A known bug of this pytest-asyncio release",
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


def detect(ctx):
    """The finding for this pattern, or None when the input shows no sign of it."""
    return None
