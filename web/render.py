"""Input text as highlighted lines: Pygments tokens, one list per line, escaped by the templates.

Nothing here produces markup. Pygments splits text into (CSS class, text) tokens;
the templates write each token inside a ``<span>`` with autoescaping, so no text
from the input is ever marked safe.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pygments.lexer import RegexLexer, bygroups
from pygments.lexers import DiffLexer, IniLexer, PythonLexer, TextLexer, TOMLLexer
from pygments.token import (
    STANDARD_TYPES,
    Generic,
    Name,
    Number,
    Operator,
    String,
    Text,
    Token,
)

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LEX_LIMIT = 400_000      # characters; longer texts are shown plain (the regex lexers get slow)
CONTEXT = 12             # lines shown around each evidence line of a long text


class PytestOutputLexer(RegexLexer):
    """pytest's terminal output: section rules, outcomes, `E` lines, source lines, locations."""

    name = "pytest output"
    aliases = ["pytest-output"]
    tokens = {
        "root": [
            (r"^(=+|_+|-+)( [^\n]*? )(=+|_+|-+)\n", Generic.Heading),
            (r"^E {1,3}[^\n]*\n", Generic.Error),
            (r"^>[^\n]*\n", Generic.Strong),
            (r"^(\S[^\n:]*?\.pyx?)(:)(\d+)(:)([^\n]*\n)", bygroups(Name.Namespace, Operator, Number, Operator, Text)),
            (r"^(FAILED|ERROR)( [^\n]*\n)", bygroups(Generic.Deleted, Text)),
            (r"^(PASSED|SKIPPED|XFAIL|XPASS)( [^\n]*\n)", bygroups(Generic.Inserted, Text)),
            (r"^([^\n]*?)( (?:PASSED|passed))(\s*(?:\[[^\n]*\])?\n)", bygroups(Text, Generic.Inserted, Text)),
            (r"^([^\n]*?)( (?:FAILED|ERROR|failed|error))(\s*(?:\[[^\n]*\])?\n)", bygroups(Text, Generic.Deleted, Text)),
            (r"^(Traceback \(most recent call last\):)\n", Generic.Traceback),
            (r"^  File [^\n]*\n", Generic.Traceback),
            (r"^\w*(?:Warning|Error|Exception)\b[^\n]*\n", Generic.Error),
            (r"^(\S[^\n:]*?\.py)( [^\n]*\n)", bygroups(Name.Namespace, Text)),
            (r"^(\w[\w.-]*)(:)( [^\n]*\n)", bygroups(Name.Attribute, Operator, Text)),
            (r"'[^'\n]*'", String),
            (r"[^\n']+", Text),
            (r"\n", Text),
            (r"'", Text),
        ]
    }


@dataclass
class Row:
    """One line to show (``number`` is 1-based) or, with ``gap`` set, a run of hidden lines."""

    number: int = 0
    tokens: list[tuple[str, str]] = field(default_factory=list)
    marked: bool = False
    gap: int = 0


def display_text(text: str) -> str:
    """Text as shown: no ANSI colour codes or control characters, one ``\\n`` per line."""
    text = ANSI.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


def lexer_for(name: str | None):
    """The lexer for a file name; ``None`` means the pasted pytest output."""
    options = {"stripnl": False, "stripall": False, "ensurenl": True}
    if name is None:
        return PytestOutputLexer(**options)
    lower = name.lower().rsplit("/", 1)[-1]
    if lower.endswith((".py", ".pyi")):
        return PythonLexer(**options)
    if lower.endswith(".toml"):
        return TOMLLexer(**options)
    if lower.endswith((".ini", ".cfg")) or lower in ("tox.ini", "setup.cfg", ".pytest.ini"):
        return IniLexer(**options)
    if lower.endswith((".diff", ".patch")):
        return DiffLexer(**options)
    return TextLexer(**options)


def css_class(ttype) -> str:
    while ttype is not Token and ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return STANDARD_TYPES.get(ttype, "")


def token_lines(text: str, lexer) -> list[list[tuple[str, str]]]:
    """``text`` as lines of (css class, text) tokens; line i of the result is line i+1 of the text."""
    text = display_text(text)
    if len(text) > LEX_LIMIT:
        lexer = TextLexer(stripnl=False, ensurenl=True)
    lines: list[list[tuple[str, str]]] = [[]]
    for ttype, value in lexer.get_tokens(text):
        cls = css_class(ttype)
        parts = value.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append((cls, part))
    if lines and not lines[-1]:
        lines.pop()
    count = text.count("\n") + (0 if text.endswith("\n") else 1)
    while len(lines) < count:
        lines.append([])
    return lines[:count] if text else []


def code_rows(text: str, lexer, marked: set[int], max_lines: int) -> list[Row]:
    """The lines to show, evidence lines marked; a long text keeps its start and the evidence's surroundings."""
    lines = token_lines(text, lexer)
    keep = set(range(1, len(lines) + 1))
    if len(lines) > max_lines:
        keep = set(range(1, max_lines // 3 + 1))
        for number in sorted(marked)[:200]:
            keep.update(range(max(1, number - CONTEXT), min(len(lines), number + CONTEXT) + 1))
    rows: list[Row] = []
    hidden = 0
    for number, tokens in enumerate(lines, start=1):
        if number not in keep:
            hidden += 1
            continue
        if hidden:
            rows.append(Row(gap=hidden))
            hidden = 0
        rows.append(Row(number=number, tokens=tokens, marked=number in marked))
    if hidden:
        rows.append(Row(gap=hidden))
    return rows


def diff_lines(diff: str) -> list[list[tuple[str, str]]]:
    return token_lines(diff, DiffLexer(stripnl=False, ensurenl=True))


def example_lines(code: str, language: str) -> list[list[tuple[str, str]]]:
    names = {"python": "example.py", "ini": "pytest.ini", "toml": "pyproject.toml"}
    return token_lines(code, lexer_for(names.get(language, "example.txt")))


INLINE_CODE = re.compile(r"`([^`\n]+)`")


def paragraphs(text: str) -> list[list[tuple[str, str]]]:
    """Plain knowledge-base text as paragraphs of ("text"|"code", words) runs."""
    result = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        if not block.strip():
            continue
        runs, last = [], 0
        for match in INLINE_CODE.finditer(block):
            if match.start() > last:
                runs.append(("text", block[last:match.start()]))
            runs.append(("code", match.group(1)))
            last = match.end()
        if last < len(block):
            runs.append(("text", block[last:]))
        result.append(runs)
    return result
