"""LD006: strict mode: an async fixture or test is not run by pytest-asyncio."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo

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


def detect(ctx):
    """The finding for this pattern, or None when the input shows no sign of it."""
    return None
