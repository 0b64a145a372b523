"""LD011: an asyncio error that is not a loop mismatch."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD011",
    pattern=Pattern.NOT_LOOP_RELATED,
    title="An asyncio error that is not a loop mismatch",
    verdict=Verdict.NOT_LOOP_RELATED,
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
