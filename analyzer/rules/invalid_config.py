"""LD007: a pytest-asyncio option is misspelled, quoted or invalid."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD007",
    pattern=Pattern.INVALID_CONFIG,
    title="A pytest-asyncio option is misspelled, quoted or invalid",
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
