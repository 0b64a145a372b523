"""LD008: a resource is not closed before its loop ends."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD008",
    pattern=Pattern.UNCLOSED_RESOURCE,
    title="A resource is not closed before its loop ends",
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
