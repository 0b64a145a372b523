"""What every rule module declares: its identity and its knowledge-base text."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Pattern, Verdict


@dataclass(frozen=True)
class Reference:
    title: str
    url: str


@dataclass(frozen=True)
class KnowledgeBase:
    """The fixed sections of a pattern's page; plain text, blank lines split paragraphs."""

    what: str
    why: str
    example: str            # a short, runnable illustration (code), see example_language
    example_language: str   # "python", "ini" or "toml": the example must parse as that
    fix: str
    tradeoffs: str
    references: tuple[Reference, ...] = ()

    SECTIONS = ("what", "why", "example", "fix", "tradeoffs", "references")


@dataclass(frozen=True)
class RuleInfo:
    code: str               # stable, never reused: LD001 …
    pattern: Pattern
    title: str
    verdict: Verdict        # the verdict a finding of this pattern implies
    kb: KnowledgeBase
    aliases: tuple[str, ...] = field(default=())  # former names that still resolve

    @property
    def name(self) -> str:
        return self.pattern.value
