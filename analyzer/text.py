"""Normalising a paste: ANSI codes, CRLF, CI prefixes, Markdown fences, wrapped lines.

The normalised text keeps a map back to the 1-based line numbers of the original
paste, so evidence always points at what the user pasted.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    text: str          # the cleaned line (no ANSI, no CI prefix, no trailing CR)
    number: int        # 1-based line number in the original paste
    # Extra original line numbers folded into this line when a wrapped line was joined.
    continued: list[int] = field(default_factory=list)


@dataclass
class Text:
    lines: list[Line]
    original: str      # the paste as decoded (for rendering)
    notes: list[str] = field(default_factory=list)  # e.g. "stripped ANSI colour codes"

    def __iter__(self):
        return iter(self.lines)

    def __len__(self):
        return len(self.lines)


class UnreadableInput(ValueError):
    """The paste cannot be read as text at all (binary, empty); the message says why."""


def normalise(paste: str | bytes) -> Text:
    """Clean ``paste`` into lines with their original numbers. Raises UnreadableInput."""
    raise NotImplementedError
