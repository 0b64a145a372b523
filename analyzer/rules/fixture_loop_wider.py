"""LD001: an async fixture runs on a wider loop than the test that uses it."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD001",
    pattern=Pattern.FIXTURE_LOOP_WIDER,
    title="An async fixture runs on a wider loop than the test that uses it",
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
