"""Normalising a paste: ANSI codes, CRLF, CI prefixes, Markdown fences, HTML escapes, indentation.

The normalised text keeps a map back to the 1-based line numbers of the original
paste, so evidence always points at what the user pasted: ``Text.lines[k]`` is line
``k + 1`` of ``Text.original.splitlines()``, one Line per original line (a Markdown
fence line becomes an empty Line). Lines wrapped by a terminal or a blog are not
joined here; the pytest parser joins them where it can tell (exception messages).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field


@dataclass
class Line:
    text: str          # the cleaned line (no ANSI, no CI prefix, no trailing CR)
    number: int        # 1-based line number in the original paste
    # Extra original line numbers folded into this line when a wrapped line was joined.
    continued: list[int] = field(default_factory=list)
    fenced: bool = False           # inside a Markdown code fence of the paste
    worker: str | None = None      # pytest-xdist worker ("gw0") whose "[gw0] " prefix was removed


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


# ---- decoding ---------------------------------------------------------------------------

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")
_SAMPLE = 100_000


def _decode(paste: str | bytes, notes: list[str]) -> str:
    if isinstance(paste, str):
        text = paste
    else:
        text = _decode_bytes(bytes(paste), notes)
    if text.startswith("\ufeff"):
        text = text[1:]
        notes.append("removed the byte-order mark")
    return text


def _decode_bytes(data: bytes, notes: list[str]) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        notes.append("decoded UTF-16 text")
        return data.decode("utf-16", "replace")
    utf16 = _utf16_without_bom(data)
    if utf16:
        notes.append("decoded UTF-16 text")
        return data.decode(utf16, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", "replace")
    if replaced.count("\ufffd") <= max(2, len(replaced) // 100):
        notes.append("replaced bytes that are not valid UTF-8")
        return replaced
    # Mostly non-UTF-8: a legacy 8-bit encoding; Latin-1 maps every byte, junk is caught later.
    notes.append("decoded as Latin-1 (the paste is not UTF-8)")
    return data.decode("latin-1")


def _utf16_without_bom(data: bytes) -> str | None:
    """PowerShell redirects write UTF-16: every other byte of ASCII text is NUL."""
    sample = data[:4000]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _reject_unreadable(text: str) -> None:
    if not text.strip():
        raise UnreadableInput("The paste is empty: there is no text to read.")
    sample = text if len(text) <= 2 * _SAMPLE else text[:_SAMPLE] + text[-_SAMPLE:]
    nuls = sample.count("\x00")
    junk = len(_UNPRINTABLE.findall(sample))
    if nuls > len(sample) / 100 or junk > len(sample) / 10:
        raise UnreadableInput("The paste looks like binary data, not text: it is full of NUL bytes "
                              "or control characters. Paste the pytest output as plain text.")


# ---- per-line cleaning -------------------------------------------------------------------

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
# Colour codes whose ESC byte was lost on the way ("[1m", "[0m", or "1m" before a rule).
_ANSI_REMNANT = re.compile(r"\[(?:\d{1,3}(?:;\d{1,3})*)?m(?!\])")
_ANSI_REMNANT_START = re.compile(r"^(?:\d{1,3};)*\d{1,3}m(?=[_=\-]{3})")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")

_PREFIXES = (
    # GitHub Actions / Azure / GitLab: "2024-05-01T10:00:00.1234567Z " (GitLab adds "00O ").
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?(?: \d\d[OE]\+?)?(?: |$)"),
     "removed CI timestamps"),
    (re.compile(r"\[\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\] ?"), "removed CI timestamps"),
    (re.compile(r"\[\d\d:\d\d:\d\d(?:\.\d+)?\] ?"), "removed CI timestamps"),
    # Open Build Service and similar build logs: "[  19s] ".
    (re.compile(r"\[\s*\d+(?:\.\d+)?s\] ?"), "removed build-log time prefixes"),
    (re.compile(r"##\[[a-z]+\]"), "removed CI log markers (##[group] …)"),
    (re.compile(r"::(?:group|endgroup|error|warning|notice|debug)(?: [^:]*)?::"), "removed CI log markers (##[group] …)"),
    (re.compile(r"(?:py|pypy)\d[\w.-]*(?: (?:run-test(?:-pre)?|commands\[\d+\]|install-deps|develop-inst))?: "),
     "removed tox environment prefixes"),
)
_XDIST = re.compile(r"\[(gw\d+)\] ")
_FENCE = re.compile(r"^\s*(```+|~~~+)")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'", "nbsp": " "}
_ENTITY = re.compile(r"&(lt|gt|amp|quot|apos|nbsp|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
_HTML_HINT = re.compile(r"&(?:lt|gt|quot|#39|#x27|#34);")


def _unescape(match: re.Match) -> str:
    name = match.group(1)
    if name[0] != "#":
        return _ENTITIES[name]
    try:
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        return chr(code) if 0 < code < 0x110000 else match.group(0)
    except ValueError:
        return match.group(0)


class _Cleaner:
    """Cleans lines one by one; remembers what it did for Text.notes."""

    def __init__(self, text: str, notes: list[str]):
        self.notes = notes
        self.remnants = len(_ANSI_REMNANT.findall(text[:_SAMPLE])) >= 3 and "\x1b" not in text[:_SAMPLE]
        self.html = bool(_HTML_HINT.search(text))
        self.in_fence = False

    def note(self, what: str) -> None:
        if what not in self.notes:
            self.notes.append(what)

    def clean(self, number: int, raw: str) -> Line:
        text = raw
        if "\x1b" in text or "\x9b" in text:
            text = _ANSI.sub("", text)
            self.note("removed ANSI colour codes")
        if "m" in text:
            stripped = _ANSI_REMNANT_START.sub("", _ANSI_REMNANT.sub("", text) if self.remnants else text)
            if stripped != text:
                text = stripped
                self.note("removed ANSI colour codes")
        if _CONTROL.search(text):
            text = _CONTROL.sub("", text)
            self.note("removed control characters")
        text, worker = self.strip_prefixes(text)
        if "\t" in text:
            text = text.expandtabs(4)
            self.note("expanded tabs")
        if "\xa0" in text or "\u3000" in text:
            text = text.replace("\xa0", " ").replace("\u3000", " ")
        if _INVISIBLE.search(text):
            text = _INVISIBLE.sub("", text)
        if self.html and "&" in text:
            unescaped = _ENTITY.sub(_unescape, text)
            if unescaped != text:
                text = unescaped
                self.note("unescaped HTML entities")
        return self.fence(Line(text.rstrip(), number, worker=worker))

    def strip_prefixes(self, text: str) -> tuple[str, str | None]:
        for _ in range(4):   # a timestamp may precede a marker or a tox prefix
            for regex, what in _PREFIXES:
                match = regex.match(text)
                if match:
                    text = text[match.end():]
                    self.note(what)
                    break
            else:
                break
        match = _XDIST.match(text)
        if match:
            self.note("removed pytest-xdist worker prefixes ([gw0])")
            return text[match.end():], match.group(1)
        return text, None

    def fence(self, line: Line) -> Line:
        match = _FENCE.match(line.text)
        if match is None:
            line.fenced = self.in_fence
            return line
        body = line.text.strip()
        marker = match.group(1)
        if len(body) > 2 * len(marker) and body.endswith(marker[0] * len(marker)):
            # Inline code on one line (```text```): keep the text.
            line.text = body[len(marker):-len(marker)].strip()
            line.fenced = self.in_fence
            return line
        self.in_fence = not self.in_fence
        self.note("removed Markdown code fences")
        line.text, line.fenced = "", False
        return line


# ---- indentation and quote markers over blocks -----------------------------------------------

# Lines that only pytest output has at column 0: used to tell an indented paste from code.
_ANCHOR = re.compile(
    r"(?:={3,} .* ={3,}|_{3,} .* _{3,}|E {3}\S|platform \S+ -- Python \d"
    r"|(?:FAILED|ERROR|PASSED) \S+(?:::|\.py)|\S[^:]*\.py:\d+:(?: in \S+)?$)")
_MIN_BLOCK, _MIN_ANCHORS = 3, 2


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _blocks(lines: list[Line], boundary) -> list[tuple[int, int]]:
    """[start, end) index ranges of lines between boundary lines (fence lines always split)."""
    out, start = [], None
    for k, line in enumerate(lines):
        is_fence_edge = k > 0 and line.fenced != lines[k - 1].fenced
        if boundary(line) or is_fence_edge:
            if start is not None:
                out.append((start, k))
            start = None if boundary(line) else k
        elif start is None:
            start = k
    if start is not None:
        out.append((start, len(lines)))
    return out


QUOTE_MARKERS_REMOVED = "removed quote markers (> )"


def _unquote(lines: list[Line], notes: list[str]) -> None:
    """Remove e-mail/Markdown quote markers ("> ") from runs of quoted pytest output."""
    def not_quoted(line: Line) -> bool:
        return not line.text.startswith(">")

    for start, end in _blocks(lines, not_quoted):
        if end - start < 3:
            continue
        body = [re.sub(r"^> ?", "", lines[k].text) for k in range(start, end)]
        if any(_ANCHOR.match(t) for t in body):
            # (the fences a quote holds, "> ```", are read once their markers are gone)
            fences = _Cleaner("", notes)
            fences.in_fence = lines[start].fenced
            for k, text in zip(range(start, end), body):
                lines[k].text = text
                fences.fence(lines[k])
            if QUOTE_MARKERS_REMOVED not in notes:
                notes.append(QUOTE_MARKERS_REMOVED)


def _dedent(lines: list[Line], notes: list[str]) -> None:
    """Remove the common indentation of the paste, or of a block of pytest output a blog indented.

    pytest output always has lines at the margin, so an indented run needs several pytest-only
    lines before it counts as output rather than code or a --setup-show block.
    """
    def at_margin(line: Line) -> bool:
        return bool(line.text) and not line.text.startswith(" ")

    def shift(start: int, end: int, by: int) -> None:
        for k in range(start, end):
            lines[k].text = lines[k].text[by:] if lines[k].text.strip() else ""
        if "removed common indentation" not in notes:
            notes.append("removed common indentation")

    common = min((_indent(l.text) for l in lines if l.text.strip()), default=0)
    if common:
        shift(0, len(lines), common)
        return
    for start, end in _blocks(lines, at_margin):
        texts = [lines[k].text for k in range(start, end) if lines[k].text.strip()]
        if len(texts) < _MIN_BLOCK:
            continue
        common = min(_indent(t) for t in texts)
        if common and sum(1 for t in texts if _ANCHOR.match(t[common:])) >= _MIN_ANCHORS:
            shift(start, end, common)


# ---- entry point ---------------------------------------------------------------------------

def normalise(paste: str | bytes) -> Text:
    """Clean ``paste`` into lines with their original numbers. Raises UnreadableInput."""
    if not isinstance(paste, (str, bytes, bytearray, memoryview)):
        raise UnreadableInput("The paste must be text.")
    notes: list[str] = []
    decoded = _decode(paste, notes)
    _reject_unreadable(decoded)
    if "\r\n" in decoded:
        notes.append("converted CRLF line endings")
    if "\r" in decoded.replace("\r\n", ""):
        notes.append("treated lone carriage returns as line breaks")
    cleaner = _Cleaner(decoded, notes)
    lines = [cleaner.clean(k + 1, raw) for k, raw in enumerate(decoded.splitlines())]
    _unquote(lines, notes)
    _dedent(lines, notes)
    if not any(line.text.strip() for line in lines) and not any(n.startswith("removed Markdown") for n in notes):
        raise UnreadableInput("The paste has no visible text (only colour codes or control characters).")
    return Text(lines, decoded, notes)
