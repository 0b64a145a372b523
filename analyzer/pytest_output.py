"""pytest output -> facts: header, outcomes, --setup-show events, tracebacks, warnings.

One linear pass over the normalised lines. Every fact keeps the original line number.
Exception messages are joined across lines: pytest's own ``E`` continuation lines and
multi-line messages with "\\n", lines wrapped by a terminal or a blog with a space (or
nothing, for a hard wrap at the terminal width); ``Exception_.lines`` lists every line.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from .text import Line, Text


@dataclass
class Value:
    """A value read from the paste and the original line it came from."""

    value: str
    line: int


# A line of prose that a note wrapped mid-sentence, and what it is not: code, a list item, a quote, a table.
_NOT_PROSE = re.compile(r"^\s*(?:[-*•>|#@]|\d+[.)]\s|```|(?:async\s+)?def\s|class\s|import\s|from\s\S+\s+import\b"
                        r"|await\s|assert\s|return\b|E\s{2}|\w+\s*=)|^(?:\s{4}|\t)")
_SENTENCE_END = re.compile(r"[.!?:;{(\[\\]\s*$|^\s*$")


def _soft_wraps(lines: list[Line]) -> set[int]:
    """Indices of prose lines wrapped mid-sentence onto the next line."""
    soft = set()
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        if len(a.text) < 40 or a.fenced or b.fenced or not b.text.strip() or _SENTENCE_END.search(a.text) \
                or _NOT_PROSE.search(a.text) or _NOT_PROSE.search(b.text) or i == 0 and b.text[:1].isupper():
            continue   # (a title goes on with the body's first sentence only when it was itself wrapped)
        soft.add(i)
    return soft


@dataclass
class Header:
    python_version: Value | None = None       # "3.11.7" from "platform … -- Python 3.11.7, pytest-…"
    pytest_version: Value | None = None
    platform: Value | None = None             # "linux", "win32", "darwin"
    rootdir: Value | None = None
    configfile: Value | None = None           # as printed ("pytest.ini", "pyproject.toml")
    plugins: dict[str, Value] = field(default_factory=dict)  # {"asyncio": Value("0.23.8", 5), "anyio": …}
    # pytest-asyncio's own header line, every historical format:
    asyncio_line: Value | None = None         # the whole line
    asyncio_mode: Value | None = None         # normalised "auto" / "strict" / "legacy" (from Mode.AUTO or auto)
    asyncio_debug: Value | None = None        # "False"/"True" (1.2+ only)
    fixture_loop_scope: Value | None = None   # raw text after default_loop_scope= / asyncio_default_fixture_loop_scope=, e.g. "None", "session", '"session"'
    fixture_loop_scope_key: str | None = None  # "default_loop_scope" (0.24) or "asyncio_default_fixture_loop_scope"
    test_loop_scope: Value | None = None      # raw text after asyncio_default_test_loop_scope=
    testpaths: Value | None = None            # "tests" from "testpaths: tests" (or the one-line rootdir form)


@dataclass
class Outcome:
    nodeid: str          # as printed, e.g. "tests/test_a.py::test_1[param]"
    outcome: str         # "passed" | "failed" | "error" | "skipped" | "xfailed" | "xpassed"
    line: int
    message: str | None = None   # text after " - " in the short summary, or the skip reason
    phase: str | None = None     # "setup" | "call" | "teardown" when known (ERROR at setup of …)
    worker: str | None = None    # pytest-xdist worker ("gw1") that reported it


@dataclass
class SetupEvent:
    """One line of --setup-show output, or a test call line it interleaves."""

    kind: str            # "setup" | "teardown" | "call"
    name: str            # fixture name, or test node id for "call"
    scope: str | None    # "session" … "function" from the S/P/M/C/F letter; None for calls
    line: int
    params: str | None = None    # e.g. "['a']" after the fixture name
    outcome: str | None = None   # for "call" lines with -v: "PASSED"/"FAILED"/"ERROR" lower-cased
    fixtures: list[str] = field(default_factory=list)  # "(fixtures used: …)" names, when printed


@dataclass
class Frame:
    file: str            # as printed (Windows or POSIX)
    lineno: int | None
    function: str | None
    line: int            # line in the paste


@dataclass
class Exception_:
    """One exception line: "E   RuntimeError: …" or a bare error line of an ERRORS entry."""

    type: str            # "RuntimeError", "ScopeMismatch", "asyncpg.exceptions.InterfaceError", "" when bare
    message: str         # full message with wrapped continuation lines joined
    line: int            # first original line
    lines: list[int] = field(default_factory=list)   # all original lines it spans
    section: str | None = None   # title of the FAILURES/ERRORS entry it sits in ("test_x", "ERROR at setup of test_x")
    # Where it was read: "E" (pytest's E lines), "bare" (first lines of an ERRORS/FAILURES entry),
    # "traceback" (a plain Python traceback), "line" (--tb=line), "internal" (INTERNALERROR>),
    # "summary" (short test summary, only for tests whose entry is not in the paste), "text" (a line in prose).
    origin: str = "E"
    chain: str | None = None     # "cause" / "context": raised from / while handling the exception before it


@dataclass
class Section:
    """One entry of the FAILURES or ERRORS block (or one traceback in a plain log)."""

    title: str           # the text between the ____ rules
    kind: str            # "failure" | "error" | "traceback"
    test: str | None     # the test name/nodeid part of the title
    phase: str | None    # "setup" | "call" | "teardown" | "collection"
    start: int           # first and last original line
    end: int
    frames: list[Frame] = field(default_factory=list)
    exceptions: list[Exception_] = field(default_factory=list)
    fixture_lines: list[Value] = field(default_factory=list)  # "db_session = <…>" lines: the fixture values shown
    source_lines: list[Value] = field(default_factory=list)   # code the traceback shows, ">" and indentation removed
    headless: bool = False   # a Python traceback pasted without its "Traceback (most recent call last):" line


@dataclass
class Warning_:
    category: str        # "PytestDeprecationWarning", "DeprecationWarning", "PytestConfigWarning", …
    message: str         # full message, continuation lines joined with "\n"
    line: int
    location: str | None = None  # the "path:line" or test id it was reported for
    locations: list[str] = field(default_factory=list)  # every test id / path listed for it in the summary
    lines: list[int] = field(default_factory=list)      # all original lines of the message


@dataclass(frozen=True)
class Gated:
    """A line pattern behind a cheap gate: any paste ``regex`` matches mentions one of ``cues`` (lowercase), so a
    paste that mentions none skips the scan. Each is listed in GATED, where tests hold it to that promise: a word
    added to the pattern but not to its cues would otherwise never be read."""

    cues: tuple[str, ...]
    regex: re.Pattern

    def __post_init__(self):
        GATED.append(self)


GATED: list[Gated] = []


@dataclass
class PasteFacts:
    text: Text
    is_pytest_output: bool                   # saw any pytest structure (header, summary, E-lines, …)
    header: Header = field(default_factory=Header)
    outcomes: list[Outcome] = field(default_factory=list)
    setup_show: list[SetupEvent] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    exceptions: list[Exception_] = field(default_factory=list)   # all, in reading order
    warnings: list[Warning_] = field(default_factory=list)
    usage_errors: list[Value] = field(default_factory=list)     # "ERROR: …" startup lines, "INTERNALERROR> …"
    available_fixtures: list[str] = field(default_factory=list) # names from "available fixtures: …"
    summary: dict[str, int] = field(default_factory=dict)      # {"failed": 2, "passed": 1, …} from the closing line
    summary_line: Value | None = None
    collected: Value | None = None           # "collected 2 items" (the whole line)
    progress: list[Value] = field(default_factory=list)        # "-q"/default progress lines ("tests/x.py FF [100%]")

    def find(self, needle: str) -> list[Value]:
        """Every normalised line containing ``needle`` (case-sensitive), with its original number; where it only
        runs on across a prose line's soft wrap, the line it starts on."""
        joined = self.joined()
        if needle not in joined:  # most look-ups miss: one substring test instead of a line scan
            return []
        found = [Value(l.text, l.number) for l in self.text.lines if needle in l.text]
        if found or not self._soft:
            return found
        lines, at = self.text.lines, joined.find(needle)
        while at >= 0 and len(found) < 100:
            line = lines[bisect.bisect_right(self._starts, at) - 1]
            if not found or found[-1].line != line.number:
                found.append(Value(line.text, line.number))
            at = joined.find(needle, at + 1)
        return found

    def position(self, number: int) -> int | None:
        """The index in ``text.lines`` of the line with original number ``number`` (joined wrapped lines leave gaps
        in the numbers, so it is searched for), or None."""
        lines = self.text.lines
        index = bisect.bisect_left(lines, number, key=lambda l: l.number)
        return index if index < len(lines) and lines[index].number == number else None

    def mentions(self, *words: str) -> bool:
        """Whether any of ``words`` (lowercase) occurs anywhere, in any case: a cheap gate before a
        case-insensitive line scan. (Remembered per set of words: a gated reading asked for again, or several
        readings behind the same cues, do not scan a large paste again.)"""
        if not hasattr(self, "_lower_text"):
            self._lower_text, self._mentioned = self.joined().lower(), {}
        found = self._mentioned.get(words)
        if found is None:
            found = self._mentioned[words] = any(w in self._lower_text for w in words)
        return found

    def joined(self) -> str:
        """The normalised lines as one text, one line per line (built once). In a report with no pytest output, a
        sentence a note wrapped onto the next line (at 72 columns, as commit messages are) reads on with a space, so
        a phrase split by the wrap is still found; offsets stay those of the lines."""
        if not hasattr(self, "_all_text"):
            lines = self.text.lines
            self._soft = set() if self.is_pytest_output else _soft_wraps(lines)
            self._starts, position = [], 0
            for line in lines:
                self._starts.append(position)
                position += len(line.text) + 1
            self._all_text = "\n".join(l.text for l in lines) if not self._soft else "".join(
                l.text + (" " if i in self._soft else "\n") for i, l in enumerate(lines))[:-1]
        return self._all_text

    def soft_wrapped(self) -> bool:
        """Whether the text holds a note's sentence wrapped across lines (read whole by lines_matching)."""
        self.joined()
        return bool(self._soft)

    def gated(self, gated: Gated) -> list[Value]:
        """The lines ``gated.regex`` matches, none without a scan when no cue is mentioned."""
        return self.lines_matching(gated.regex) if self.mentions(*gated.cues) else []

    def lines_matching(self, regex) -> list[Value]:
        """Every normalised line ``regex`` matches (searched once over the whole text); a match that runs on across
        soft wraps gives the wrapped sentence, from the line it starts on."""
        joined, lines = self.joined(), self.text.lines
        found = []
        for match in regex.finditer(joined):
            index = bisect.bisect_right(self._starts, match.start()) - 1
            line = lines[index]
            if found and found[-1].line == line.number:
                continue
            last = bisect.bisect_right(self._starts, max(match.end() - 1, match.start())) - 1 if self._soft else index
            if last > index and all(k in self._soft for k in range(index, last)):
                found.append(Value(joined[self._starts[index]:self._starts[last] + len(lines[last].text)], line.number))
            else:
                found.append(Value(line.text, line.number))
        return found

    def first_matching(self, regex) -> Value | None:
        """The first normalised line ``regex`` matches, or None."""
        joined = self.joined()
        match = regex.search(joined)
        if match is None:
            return None
        line = self.text.lines[bisect.bisect_right(self._starts, match.start()) - 1]
        return Value(line.text, line.number)

    def fixture_values(self, test: str | None = None) -> list[tuple[str, str]]:
        """(fixture name, shown value) of the "name = <value>" lines atop failures (of ``test`` only)."""
        pairs = []
        for section in self.sections:
            if test is not None and (section.test or "").split("::")[-1].split("[")[0] != test:
                continue
            if _library_frame(section.fixture_lines):
                continue
            for value in section.fixture_lines:
                name = value.value.split("=")[0].strip()
                if name.isidentifier() and name not in ("self", "request", "cls"):
                    pairs.append((name, value.value))
        return pairs


_SELF_REPR = re.compile(r"^self = <(?:[\w.]+\.)?(?P<cls>\w+)[ (>]")


def _library_frame(values: list[Value]) -> bool:
    """Values atop an entry whose first frame is a method of a library object (``self = <redis…Connection>``)
    rather than a test or a test class's method: they are that method's arguments, not fixtures."""
    for value in values:
        match = _SELF_REPR.match(value.value)
        if match:
            return not match.group("cls").startswith("Test")
    return False


# ---- patterns ------------------------------------------------------------------------------

# (pytest-sugar titles its failure entries with "―" instead of "_")
_RULE = re.compile(r"^([=_\-!―])\1{1,} (.*?\S) ?\1{2,}$")
_SUGAR_HEADER = re.compile(r"^Test session starts \(platform: (?P<plat>[^,\s]+), Python (?P<py>\d+\.\d+(?:\.\d+)?)\S*,"
                           r" pytest[- ](?P<pytest>[^\s,)]+)")
_SUMMARY = re.compile(r"^(?:=+ )?(?P<stats>\d+ [a-z]+(?:, \d+ [a-z]+)*|no tests ran)"
                      r" in [\d.]+ ?s(?:econds)?(?: \([\d:.]+\))?(?: =+)?$")
_SUMMARY_KEYS = {"errors": "error", "warnings": "warning"}

_PLATFORM = re.compile(r"^platform (?P<plat>\S+) -- Python (?P<py>\d+\.\d+(?:\.\d+)?(?:[abc]\d+|rc\d+)?\+?)[^\s,]*"
                       r"(?:, pytest-(?P<pytest>[^\s,]+))?")
_ROOTDIR = re.compile(r"^rootdir: (?P<root>.*?)(?:, (?:configfile|inifile):(?: (?P<cfg>[^,]*))?)?"
                      r"(?:, testpaths: (?P<tp>.*))?$")
_PLUGIN = re.compile(r"^(?P<name>.+)-(?P<version>\d[^\s]*)$")
_ASYNCIO_ITEM = re.compile(r"(\w+)=((?:\"[^\"]*\"|'[^']*'|[^,])*)")
_COLLECTED = re.compile(r"^(?:collecting \.\.\. )?collected \d+ items?\b")

_OUTCOME_WORDS = {"PASSED": "passed", "FAILED": "failed", "ERROR": "error", "SKIPPED": "skipped",
                  "XFAIL": "xfailed", "XPASS": "xpassed", "XFAILED": "xfailed", "XPASSED": "xpassed",
                  ".": "passed", "F": "failed", "E": "error", "s": "skipped", "x": "xfailed", "X": "xpassed"}
_SHORT = re.compile(r"^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS|XFAILED|XPASSED) (\S.*)$")
_SKIP_REASON = re.compile(r"^(?:\[\d+\] )?(?P<loc>\S.*?:\d+): (?P<reason>.*)$")
_VERBOSE = re.compile(r"^(?P<id>\S.*?) (?P<out>PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)"
                      r"(?: \((?P<reason>.*)\))?(?:\s+\[\s*\d+%\])?$")
_XDIST = re.compile(r"^\[\s*\d+%\] (?P<out>PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) (?P<id>\S.*?)"
                    r"(?: \((?P<reason>.*)\))?$")
_PROGRESS = re.compile(r"^(?:\S+\.py [.FEsxXR]+(?:\s+\[\s*\d+(?:%|/\d+)\])?|[.FEsxXR]+\s+\[\s*\d+\s*(?:%|/\s*\d+)\])$")
_BARE_OUTCOME = re.compile(r"^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)(?:\s+\[\s*\d+%\])?$")

_SCOPES = {"S": "session", "P": "package", "M": "module", "C": "class", "F": "function"}
_SETUP = re.compile(r"^\s*(?P<kind>SETUP|TEARDOWN)\s+(?P<scope>[SPMCF]) (?P<name>[^\s\[(]+)(?P<params>\[.*?\])?"
                    r"(?: \(fixtures used: (?P<fx>[^)]*)\))?$")
_CALL_OUTCOME = r"(?:\s*(?P<out>PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS|[.FEsxX]))?(?:\s+\[\s*\d+%\])?$"
_CALL = re.compile(r"^\s*(?P<id>\S.*?) \(fixtures used: (?P<fx>[^)]*)\)" + _CALL_OUTCOME)
_CALL_PLAIN = re.compile(r"^\s+(?P<id>\S+::\S.*?)(?: (?P<out>PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS|[.FEsxX]))?"
                         r"(?:\s+\[\s*\d+%\])?$")

# "path:12: in func", "path:12: " (long tb), "path:12: RuntimeError" (crash line), "path:12: Type: msg" (--tb=line)
_FRAME = re.compile(r"^(?P<file>(?:[A-Za-z]:)?[^\s:<>|\"][^:<>|\"]*?\.(?:py|pyx|pyi|pxd|pyd|so|c|h)|<[^>]+>)"
                    r":(?P<lineno>\d+)(?::(?: in (?P<func>\S+)| (?P<type>(?:[A-Za-z_]\w*\.)*[A-Z]\w*)(?:: (?P<msg>.*))?)?)?$")
_PY_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<lineno>\d+)(?:, in (?P<func>.+))?$')
_FIXTURE_FILE = re.compile(r"^file (?P<file>.+), line (?P<lineno>\d+)$")
_FIXTURE_VALUE = re.compile(r"^[A-Za-z_]\w* = \S")
_WORKER_INFO = re.compile(r"^\S+ -- Python \d")

_TYPE = r"(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*"
_LENIENT_HEAD = re.compile(r"^(?P<type>(?:[A-Za-z_]\w*\.)*[A-Z]\w*)(?:: (?P<msg>.*)|:)?$")
_ANY_HEAD = re.compile(rf"^(?P<type>{_TYPE})(?:: (?P<msg>.*)|:)?$")
_STRICT_NAME = (r"(?:[A-Za-z_]\w*\.)*(?:[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Iteration|Mismatch|Timeout|Group"
                r"|Failure|Warning|Greenlet)|Failed|CancelledError)|(?:[a-z_]\w*\.)+[A-Z]\w*")
_STRICT_HEAD = re.compile(rf"^(?P<type>{_STRICT_NAME})(?:: (?P<msg>.*)|:)?$")
_CLASS_HEAD = re.compile(r"^<class '(?P<type>[\w.]+)'>: (?P<msg>.*)$")
# Error texts pytest prints without an exception type.
_KNOWN_BARE = re.compile(r"^(?:fixture '[^']+' not found|'[^']+' requested an async fixture '"
                         r"|async def functions are not natively supported)")
_WARNING_HEAD = re.compile(r"^(?P<indent>\s*)(?:- )?(?:(?P<loc>\S.*?:\d+): )?"
                           r"(?P<cat>(?:[A-Za-z_]\w*\.)*[A-Z]\w*Warning): (?P<msg>.*)$")
_ELISIONS = ("...", "[...]", "…", "[…]")
_CHAIN = {"The above exception was the direct cause of the following exception:": "cause",
          "During handling of the above exception, another exception occurred:": "context"}
_PIPE = re.compile(r"^\s*\|(?: |$)")

# Lines that end a wrapped continuation: anything that looks like pytest or traceback structure.
_STRUCTURE = re.compile(
    r"^(?:[=_\-!]{3}|E(?: |$)|>|Traceback |\s*File \"|INTERNALERROR>|ERROR: |(?:PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) "
    r"|platform \S+ -- |rootdir: |configfile: |plugins: |asyncio: mode=|collected \d|\[\s*\d+%\]"
    r"|\s*(?:SETUP|TEARDOWN) +[SPMCF] |The above exception|During handling of)")


_LONG = 5000   # lines longer than this are data dumps, not frames or rules: skip the costlier patterns
_MAX_CONTINUATION = 200   # lines one message may take; real ones take a handful


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _is_e_line(text: str) -> bool:
    return text[:1] == "E" and (len(text) == 1 or text[1] == " ") and not _PROGRESS.match(text)


def _split_head(text: str, regex: re.Pattern) -> tuple[str, str] | None:
    """(type, message) when ``text`` starts an exception ("RuntimeError: msg"), else None."""
    match = regex.match(text)
    if match is None:
        match = _CLASS_HEAD.match(text)
        if match is None:
            return None
    kind, message = match.group("type"), match.group("msg") or ""
    if kind in ("Failed", "_pytest.outcomes.Failed"):
        # pytest.fail(...) wrapping another error text: "Failed: ScopeMismatch: …".
        inner = _STRICT_HEAD.match(message)
        if inner:
            return inner.group("type"), inner.group("msg") or ""
    return kind, message


def _open_brackets(text: str, depth: int = 0) -> int:
    """How many <, [ or ( are still open after ``text``: a repr cut by a wrap has some."""
    for k, ch in enumerate(text):
        if ch in "<[(":
            if k + 1 < len(text) and not text[k + 1].isspace():
                depth += 1
        elif ch in ">])" and depth > 0:
            if not (ch == ">" and k > 0 and text[k - 1] in "-="):
                depth -= 1
    return depth


def _is_structure(text: str) -> bool:
    return bool(_STRUCTURE.match(text) or _FRAME.match(text) or _STRICT_HEAD.match(text.strip())
                or _SUMMARY.match(text) or _PROGRESS.match(text))


def _terminal_width(lines: list[Line]) -> int | None:
    """pytest's ==== rules fill the terminal: their length is the width a hard wrap happens at."""
    widths = Counter(len(l.text) for l in lines if l.text[:3] == "===" and l.text[-3:] == "===")
    if not widths:
        return None
    width, count = widths.most_common(1)[0]
    return width if width >= 70 and count >= 2 else None


def _split_nodeid(rest: str) -> tuple[str, str | None]:
    """Node id and message of a short-summary line; brackets may hold spaces and " - "."""
    depth = 0
    for k, ch in enumerate(rest):
        if ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        elif ch == " " and depth == 0:
            tail = rest[k:]
            message = tail[3:] if tail.startswith(" - ") else tail.strip()
            return rest[:k], message or None
    return rest, None


def _title_key(nodeid: str) -> str:
    """The name pytest puts in an entry title for a node id: "TestA.test_b[x]"."""
    return nodeid.split("::", 1)[1].replace("::", ".") if "::" in nodeid else nodeid


# ---- the parser ------------------------------------------------------------------------------

class _Parser:
    def __init__(self, text: Text):
        self.lines = text.lines
        self.n = len(self.lines)
        self.facts = PasteFacts(text=text, is_pytest_output=False)
        self.width = _terminal_width(self.lines)
        self.structure = False
        self.block: str | None = None       # the ==== block we are in: "failures", "errors", "warnings", …
        self.section: Section | None = None  # the open entry (or implicit traceback section)
        self.entry_top = False               # before the first content line of an entry
        self.captured = False                # inside a "---- Captured … ----" part of an entry
        self.chain: str | None = None        # a chain sentence was read; the next exception carries it
        self.untyped: Exception_ | None = None   # last E exception without type, for the crash line
        self.traceback_section: Section | None = None
        self.locations: list[str] = []       # warnings summary: test ids before the next message

    # -- driver -------------------------------------------------------------------------------
    def run(self) -> PasteFacts:
        i = 0
        while i < self.n:
            text = self.lines[i].text
            i = self.step(i, text) if text.strip() else i + 1
        self.close_section()
        self.finish()
        return self.facts

    def step(self, i: int, t: str) -> int:
        """Read the line at ``i`` (and any lines it carries); returns the index of the next one."""
        for read in (self.block_line, self.pytest_line, self.entry_line, self.text_line):
            following = read(i, t)
            if following is not None:
                return following
        return i + 1

    def block_line(self, i: int, t: str) -> int | None:
        """Rules, E lines and startup errors, and the blocks read as a whole (warnings, passes)."""
        first = t[0]
        if first in "=_-!―" and len(t) < _LONG:
            handled = self.rule(i, t)
            if handled is not None:
                return handled
        if first == "E":
            if _is_e_line(t):
                return self.e_group(i)
            if t.startswith("ERROR: "):
                return self.usage_error(i, t)
        if first == "I" and t.startswith("INTERNALERROR>"):
            return self.internal_error(i)
        if self.block == "warnings":
            return self.warnings_block(i, t)
        if self.block == "passes":
            return i + 1   # captured output of passing tests
        return None

    def pytest_line(self, i: int, t: str) -> int | None:
        """Header, outcomes, --setup-show, tracebacks and frames."""
        line, stripped = self.lines[i], t.lstrip()
        if t[0] != " " and (self.header(i, t) or self.outcome(line, t)):
            self.structure = True
            return self.short_message_wrapped(i + 1, line)
        if len(t) < _LONG and ("SETUP" in t or "TEARDOWN" in t or "fixtures used" in t or self.facts.setup_show) \
                and self.setup_show(line, t):
            self.structure = True
            return i + 1
        if stripped.endswith("Traceback (most recent call last):"):
            return self.traceback(i)
        if stripped in _CHAIN:
            self.chain = _CHAIN[stripped]
            return i + 1
        return i + 1 if self.frame(line, t, stripped) else None

    def entry_line(self, i: int, t: str) -> int | None:
        """The top of a FAILURES/ERRORS entry: fixture values, then maybe an error without traceback."""
        section, line = self.section, self.lines[i]
        if section is None or not self.entry_top or self.captured:
            return None
        fixtures = section.fixture_lines
        if fixtures and fixtures[-1].line == line.number - 1 and self.hard_wrapped(self.lines[i - 1]):
            fixtures[-1].value += t   # a fixture repr cut at the terminal width
            return i + 1
        if _FIXTURE_VALUE.match(t):
            fixtures.append(Value(t, line.number))
            self.touch(line)
            return i + 1
        if _WORKER_INFO.match(t):
            return i + 1   # xdist: "[gw1] linux -- Python 3.11.7 /usr/bin/python"
        self.entry_top = False
        if t[0] not in " >" and section.kind != "traceback":
            return self.bare(i, t, "entry")
        return None

    def text_line(self, i: int, t: str) -> int | None:
        """Anything else: fixture lists, warnings and exception lines anywhere, code in tracebacks."""
        stripped = t.lstrip()
        if "available fixtures:" in t:
            self.fixture_list(t)
            return i + 1
        if "Warning: " in t and len(t) < 4 * _LONG:
            match = _WARNING_HEAD.match(t)
            if match and len(match.group("indent")) <= 2:
                return self.loose_warning(i, match)
        if _indent(t) <= 1:
            if _KNOWN_BARE.match(stripped):
                return self.bare(i, stripped, "loose")
            if ": " in t or stripped[-1:].isalpha():
                head = _split_head(stripped, _STRICT_HEAD)
                if head and not head[0].endswith("Warning"):
                    return self.loose_exception(i, head)
        if self.section is not None:
            self.source_line(self.lines[i], t, stripped)
        return None

    def source_line(self, line: Line, t: str, stripped: str) -> None:
        """Code a traceback shows: indented or ">" lines of an entry, or the line under a frame."""
        section = self.section
        if section.kind != "traceback":
            self.touch(line)
        elif not (section.frames and section.frames[-1].line == line.number - 1):
            return
        code = stripped.lstrip(">").strip()
        if code.startswith("use 'pytest --fixtures"):
            return
        if code and not self.captured and (t[0] in " >" or section.kind == "traceback") and code.strip("^~ "):
            section.source_lines.append(Value(code, line.number))

    # -- sections and blocks -------------------------------------------------------------------
    def rule(self, i: int, t: str) -> int | None:
        if t[0] == "=" and self.summary(self.lines[i], t):
            self.close_section()
            self.block = None
            return i + 1
        match = _RULE.match(t)
        if match is None:
            return None
        char, title = match.group(1), match.group(2)
        if set(title) <= {"_", " "}:
            return None
        self.structure = True
        if char == "=":
            self.close_section()
            self.block = _block_name(title)
            self.locations = []
        elif char in "_―":
            self.open_entry(self.lines[i], title)
        elif char == "-":
            if title.startswith("Captured ") and self.section is not None:
                self.captured = True
                self.entry_top = False
        return i + 1

    def open_entry(self, line: Line, title: str) -> None:
        self.close_section()
        if self.block not in (None, "failures", "errors", "session"):
            return
        kind, test, phase = "failure", title, "call"
        for prefix, entry_phase in (("ERROR at setup of ", "setup"), ("ERROR at teardown of ", "teardown"),
                                    ("ERROR collecting ", "collection")):
            if title.startswith(prefix):
                kind, test, phase = "error", title[len(prefix):], entry_phase
        if kind == "failure" and self.block == "errors":
            kind, phase = "error", None
        self.section = Section(title, kind, test, phase, line.number, line.number)
        self.facts.sections.append(self.section)
        self.entry_top = True

    def close_section(self) -> None:
        self.section = None
        self.entry_top = self.captured = False
        self.untyped = None
        self.chain = None

    def ensure_section(self, line: Line) -> Section:
        """pytest traceback lines outside any entry (a partial paste) get a section of their own."""
        if self.section is None:
            self.section = Section("", "traceback", None, None, line.number, line.number)
            self.facts.sections.append(self.section)
        return self.section

    def touch(self, line: Line) -> None:
        if self.section is not None and line.number > self.section.end:
            self.section.end = line.number

    # -- header, summary, outcomes ------------------------------------------------------------
    def header(self, i: int, t: str) -> bool:
        h, number = self.facts.header, self.lines[i].number
        if t.startswith("platform "):
            match = _PLATFORM.match(t)
            if match is None or h.python_version is not None:
                return bool(match)
            h.platform = Value(match.group("plat"), number)
            h.python_version = Value(match.group("py"), number)
            if match.group("pytest"):
                h.pytest_version = Value(match.group("pytest"), number)
            return True
        if t.startswith("Test session starts (") and (match := _SUGAR_HEADER.match(t)):
            if h.python_version is None:   # pytest-sugar's header in place of pytest's platform line
                h.platform = Value(match.group("plat"), number)
                h.python_version = Value(match.group("py"), number)
                h.pytest_version = Value(match.group("pytest"), number)
            return True
        if t.startswith("rootdir: "):
            match = _ROOTDIR.match(t)
            if h.rootdir is None:
                h.rootdir = Value(match.group("root").strip(), number)
                if match.group("cfg") and match.group("cfg").strip() and h.configfile is None:
                    h.configfile = Value(match.group("cfg").strip(), number)
                if match.group("tp") and h.testpaths is None:
                    h.testpaths = Value(match.group("tp").strip(), number)
            return True
        for key in ("configfile: ", "inifile: "):
            if t.startswith(key):
                if h.configfile is None and t[len(key):].strip():
                    h.configfile = Value(t[len(key):].strip(), number)
                return True
        if t.startswith("testpaths: "):
            if h.testpaths is None:
                h.testpaths = Value(t[len("testpaths: "):].strip(), number)
            return True
        if t.startswith("plugins: ") or t == "plugins:":
            if not h.plugins:
                self.plugins(self.unwrap(i, t)[len("plugins:"):], number)
            return True
        if t.startswith("asyncio: mode="):
            if h.asyncio_line is None:
                self.asyncio_line(self.unwrap(i, t), number)
            return True
        if t.startswith("cachedir: "):
            return True
        if t.startswith(("collected ", "collecting ")) and _COLLECTED.match(t):
            if self.facts.collected is None:
                self.facts.collected = Value(t, number)
            return True
        return False

    def unwrap(self, i: int, t: str) -> str:
        """A header line with the pieces a terminal hard-wrapped onto the next lines (left for the loop)."""
        while self.hard_wrapped(self.lines[i]) and i + 1 < self.n and self.lines[i + 1].text.strip() \
                and not _is_structure(self.lines[i + 1].text):
            i += 1
            t += self.lines[i].text
        return t

    def plugins(self, text: str, number: int) -> None:
        for item in text.split(","):
            match = _PLUGIN.match(item.strip())
            if match:
                self.facts.header.plugins.setdefault(match.group("name"), Value(match.group("version"), number))

    # Every value the asyncio header line prints for the loop scopes and the mode.
    _HEADER_WORDS = ("function", "class", "module", "package", "session", "None", "Mode.STRICT", "Mode.AUTO", "strict",
                     "auto", "False", "True")

    def asyncio_line(self, t: str, number: int) -> None:
        h = self.facts.header
        h.asyncio_line = Value(t, number)
        items = _ASYNCIO_ITEM.findall(t[len("asyncio: "):])
        for index, (key, raw) in enumerate(items):
            value = raw.strip()
            if index == len(items) - 1 and value and any(w.startswith(value) and w != value for w in self._HEADER_WORDS):
                continue   # the line was cut mid-word ("…_test_loop_scope=funct"): not a value it printed
            if key == "mode":
                mode = value.strip("'\"")
                h.asyncio_mode = Value(mode.split(".", 1)[1].lower() if mode.startswith("Mode.") else mode.lower(), number)
            elif key == "debug":
                h.asyncio_debug = Value(value, number)
            elif key in ("default_loop_scope", "asyncio_default_fixture_loop_scope"):
                h.fixture_loop_scope, h.fixture_loop_scope_key = Value(value, number), key
            elif key == "asyncio_default_test_loop_scope":
                h.test_loop_scope = Value(value, number)

    def summary(self, line: Line, t: str) -> bool:
        match = _SUMMARY.match(t)
        if match is None:
            return False
        self.structure = True
        self.facts.summary_line = Value(t.strip("= "), line.number)
        stats = match.group("stats")
        if stats != "no tests ran":
            for item in stats.split(", "):
                count, word = item.split(" ", 1)
                key = _SUMMARY_KEYS.get(word, word)
                self.facts.summary[key] = self.facts.summary.get(key, 0) + int(count)
        return True

    def outcome(self, line: Line, t: str) -> bool:
        if t[0] in "PFESX" and (match := _SHORT.match(t)):
            return self.short_summary(line, match.group(1), match.group(2))
        if t[0] == "[" and (match := _XDIST.match(t)):
            self.add_outcome(match.group("id"), match.group("out"), line, match.group("reason"))
            return True
        if "::" in t and len(t) < 4 * _LONG and (match := _VERBOSE.match(t)) and "::" in match.group("id"):
            self.add_outcome(match.group("id"), match.group("out"), line, match.group("reason"))
            return True
        if _PROGRESS.match(t):
            self.facts.progress.append(Value(t, line.number))
            return True
        if self.summary(line, t):
            return True
        return False

    def short_summary(self, line: Line, word: str, rest: str) -> bool:
        if word == "SKIPPED":
            match = _SKIP_REASON.match(rest)
            if match:
                self.add_outcome(match.group("loc"), word, line, match.group("reason"))
                return True
        nodeid, message = _split_nodeid(rest)
        if "::" not in nodeid and ".py" not in nodeid:
            return False
        self.add_outcome(nodeid, word, line, message)
        return True

    def short_message_wrapped(self, i: int, line: Line) -> int:
        """A short-summary message that a report wrapped onto deeply indented lines ("- RuntimeError: There is no
        current" / "        event loop in thread …"): joined, so the error reads whole."""
        outcomes = self.facts.outcomes
        last = outcomes[-1] if outcomes else None
        if last is None or last.line != line.number or last.outcome not in ("failed", "error") or not last.message:
            return i
        stop = i + _MAX_CONTINUATION
        while i < min(self.n, stop):
            t = self.lines[i].text
            if _indent(t) < 8 or _is_structure(t.lstrip()) or t.lstrip().startswith(('File "', "at ")):
                break
            last.message = f"{last.message.rstrip()} {t.strip()}"
            self.touch(self.lines[i])
            i += 1
        return i

    def add_outcome(self, nodeid: str, word: str, line: Line, message: str | None = None) -> Outcome:
        outcome = Outcome(nodeid.strip(), _OUTCOME_WORDS[word], line.number, message or None, worker=line.worker)
        if outcome.outcome in ("failed", "passed"):
            outcome.phase = "call"
        self.facts.outcomes.append(outcome)
        return outcome

    # -- --setup-show ---------------------------------------------------------------------------
    def setup_show(self, line: Line, t: str) -> bool:
        events = self.facts.setup_show
        if match := _SETUP.match(t):
            fixtures = [f.strip() for f in (match.group("fx") or "").split(",") if f.strip()]
            events.append(SetupEvent(match.group("kind").lower(), match.group("name"), _SCOPES[match.group("scope")],
                                     line.number, match.group("params"), fixtures=fixtures))
            return True
        if "(fixtures used: " in t and (match := _CALL.match(t)):
            self.call_event(line, match.group("id"), match.group("out"),
                            [f.strip() for f in match.group("fx").split(",") if f.strip()])
            return True
        if events and (match := _CALL_PLAIN.match(t)):
            self.call_event(line, match.group("id"), match.group("out"), [])
            return True
        if events and (match := _BARE_OUTCOME.match(t.strip())):
            call = next((e for e in reversed(events) if e.kind == "call"), None)
            if call is not None and call.outcome is None:
                call.outcome = _OUTCOME_WORDS[match.group(1)]
                self.add_outcome(call.name, match.group(1), line)
                return True
        return False

    def call_event(self, line: Line, nodeid: str, out: str | None, fixtures: list[str]) -> None:
        outcome = _OUTCOME_WORDS[out] if out else None
        self.facts.setup_show.append(SetupEvent("call", nodeid, None, line.number, outcome=outcome, fixtures=fixtures))
        if outcome:
            self.add_outcome(nodeid, out, line)

    # -- frames ------------------------------------------------------------------------------
    def frame(self, line: Line, t: str, stripped: str) -> bool:
        if stripped.startswith('File "'):
            match = _PY_FRAME.match(t)
            if match and self.section is None and _indent(t) <= 4:
                self.ensure_section(line).headless = True   # pasted without "Traceback (most recent call last):"
            if match and self.section is not None:
                self.add_frame(line, match.group("file"), match.group("lineno"), match.group("func"))
                return True
            return bool(match)
        if t.startswith("file ") and (match := _FIXTURE_FILE.match(t)):
            self.ensure_section(line)
            self.add_frame(line, match.group("file"), match.group("lineno"), None)
            return True
        if ":" not in t or t[0] == " " or len(t) > _LONG or (match := _FRAME.match(t)) is None:
            return False
        self.structure = True
        if (match.group("type") or "").endswith("Warning"):
            return False   # "path:12: SomeWarning: msg" is a warning, read by loose_warning
        if match.group("msg") is not None:   # --tb=line: "path:12: RuntimeError: msg"
            kind, message = _split_head(f"{match.group('type')}: {match.group('msg')}", _ANY_HEAD) or ("", t)
            last = self.facts.exceptions[-1] if self.facts.exceptions else None
            if last is None or (last.type, last.message) != (kind, message):   # E lines just above said it
                self.add_exception(Exception_(kind, message, line.number, [line.number], origin="line"))
            if self.section is not None and self.section.kind == "traceback":
                self.close_section()   # each --tb=line failure ends with this line
            return True
        if self.section is None and t.endswith(match.group("lineno")):
            return True   # a bare "path:12" location (warnings, fixture definitions) outside an entry
        self.ensure_section(line)
        self.add_frame(line, match.group("file"), match.group("lineno"), match.group("func"))
        if match.group("type") and self.untyped is not None:
            self.untyped.type = match.group("type")   # "assert …" E lines: the crash line names the type
            self.untyped = None
        elif match.group("type") and not self.section.exceptions:
            # The crash line of an entry whose E lines were cut off (a paste starting mid-traceback): it still
            # names what was raised.
            self.add_exception(Exception_(match.group("type"), "", line.number, [line.number], origin="line"))
        return True

    def add_frame(self, line: Line, file: str, lineno: str | None, function: str | None) -> None:
        self.structure = True
        self.section.frames.append(Frame(file, int(lineno) if lineno else None, function, line.number))
        self.entry_top = False
        self.touch(line)

    def fixture_list(self, t: str) -> None:
        names = t.split("available fixtures:", 1)[1]
        for name in names.split(","):
            name = name.strip().rstrip(".…")
            if name and name not in self.facts.available_fixtures:
                self.facts.available_fixtures.append(name)
        self.structure = True

    # -- exceptions --------------------------------------------------------------------------
    def add_exception(self, exc: Exception_) -> None:
        if self.chain and exc.chain is None:
            exc.chain = self.chain
        self.chain = None
        attach = exc.origin != "summary" and not (exc.origin == "text" and self.section is not None
                                                  and self.section.kind == "traceback" and not self.section.headless)
        if self.section is not None and exc.section is None and attach:
            exc.section = self.section.title
            self.section.exceptions.append(exc)
            self.touch_number(exc.lines[-1])
            if self.section.headless and exc.origin == "text":
                self.close_section()   # its error ends it: later prose's errors are not its
        self.facts.exceptions.append(exc)
        self.structure = True

    def touch_number(self, number: int) -> None:
        if self.section is not None and number > self.section.end:
            self.section.end = number

    def e_group(self, i: int) -> int:
        rows: list[tuple[str, int]] = []
        while i < self.n and _is_e_line(self.lines[i].text):
            rows.append((self.lines[i].text[1:], self.lines[i].number))
            i += 1
        common = min((_indent(c) for c, _ in rows if c.strip()), default=0)
        self.ensure_section(self.lines[i - len(rows)])
        self.entry_top = False
        current: Exception_ | None = None
        parts: list[str] = []
        for content, number in rows:
            content = content[common:] if content.strip() else ""
            piped = _PIPE.match(content)
            inner = content[piped.end():] if piped else None
            head = _split_head(inner, _LENIENT_HEAD) if inner and not inner[0].isspace() else None
            if current is None or (head and not inner.startswith("Traceback")):
                if current is not None:
                    current.message = "\n".join(parts).rstrip()
                text = inner if piped else content.strip()
                kind, message = _split_head(text, _LENIENT_HEAD) or ("", text)
                current, parts = Exception_(kind, message, number, [number], origin="E"), [message]
                self.add_exception(current)
            else:
                current.lines.append(number)
                parts.append(inner if piped else content.rstrip())
        i = self.wrapped(i, current, parts, "\n")
        current.message = "\n".join(parts).rstrip()
        self.untyped = current if not current.type else None
        return i

    def hard_wrapped(self, line: Line) -> bool:
        return bool(self.width) and len(line.text) == self.width

    def wrapped(self, i: int, exc: Exception_, parts: list[str], joiner: str, fenced_too: bool = False) -> int:
        """Join lines a terminal or blog wrapped off the exception's last line; returns the next index."""
        depth, stop = _open_brackets(joiner.join(parts)), i + _MAX_CONTINUATION
        while i < min(self.n, stop):
            line, previous = self.lines[i], self.lines[i - 1]
            t = line.text
            if not t.strip() or _is_structure(t):
                break
            if self.width and len(previous.text) in (self.width, self.width - 1):
                glue = "" if len(previous.text) == self.width else " "   # a hard wrap at the terminal width
            elif depth > 0:
                glue = " "   # a blog wrapped a repr ("<Task pending … running at" / "tests/x.py:18> …")
            elif fenced_too and line.fenced and previous.fenced:
                glue = " "
            else:
                break
            parts[-1] = parts[-1].rstrip() + glue + (t if glue == "" else t.strip())
            depth = _open_brackets(t, depth)
            exc.lines.append(line.number)
            self.touch(line)
            i += 1
        return i

    def bare(self, i: int, text: str, mode: str) -> int:
        """An error printed without a traceback: the first lines of an ERRORS entry, or a known text."""
        line = self.lines[i]
        kind, message = _split_head(text, _LENIENT_HEAD) or ("", text.strip())
        exc = Exception_(kind, message, line.number, [line.number], origin="bare" if mode == "entry" else "text")
        parts = [message]
        i += 1
        if mode == "entry":
            while i < self.n and len(parts) < _MAX_CONTINUATION:
                t = self.lines[i].text
                if not t.strip() or _is_e_line(t) or t[0] == ">" or _RULE.match(t) or _FRAME.match(t) \
                        or t.lstrip().startswith("Traceback (most recent call last)"):
                    break
                parts.append(t.rstrip())
                exc.lines.append(self.lines[i].number)
                i += 1
        else:
            i = self.wrapped(i, exc, parts, " ", fenced_too=True)
        exc.message = "\n".join(parts)
        self.add_exception(exc)
        return i

    def loose_exception(self, i: int, head: tuple[str, str]) -> int:
        line = self.lines[i]
        exc = Exception_(head[0], head[1], line.number, [line.number], origin="text")
        parts = [head[1]]
        i = self.wrapped(i + 1, exc, parts, " ", fenced_too=True)
        exc.message = parts[0]
        self.add_exception(exc)
        return i

    def traceback(self, i: int) -> int:
        """A plain Python traceback (also --tb=native and captured logs); returns the next index."""
        head = self.lines[i]
        base = _indent(head.text) if not _PIPE.match(head.text) and not head.text.lstrip().startswith("+") else 0
        if self.section is None or (self.section.kind == "traceback" and not self.section.title):
            if self.chain and self.traceback_section is not None:
                self.section = self.traceback_section
            else:
                self.section = Section("Traceback (most recent call last)", "traceback", None, None, head.number, head.number)
                self.facts.sections.append(self.section)
            self.traceback_section = self.section
            standalone = True
        else:
            standalone = False
        self.touch(head)
        self.structure = True
        j, seen = i + 1, False
        while j < self.n:
            line = self.lines[j]
            content = _traceback_content(line.text, base)
            if content is None:
                break
            if not content.strip():
                if seen:
                    break
                j += 1
                continue
            grouped = _PIPE.match(line.text) or content == "+"
            if seen and not grouped and content not in _CHAIN and not content.startswith("Traceback"):
                break   # after the exception line only a chained traceback or an exception group goes on
            if content in _CHAIN:
                self.chain = _CHAIN[content]
                j += 1
                continue
            if content.startswith(("+", "Traceback (most recent call last)", "[Previous line repeated")) \
                    or content.startswith(("  +", "  Traceback")):
                j += 1
                continue
            if content[0] == " ":
                match = _PY_FRAME.match(content)
                if match:
                    self.add_frame(line, match.group("file"), match.group("lineno"), match.group("func"))
                elif content.strip("^~ "):
                    self.section.source_lines.append(Value(content.strip(), line.number))
                j += 1
                continue
            if _RULE.match(line.text) or _is_e_line(line.text):
                break
            if content.strip() in _ELISIONS:
                j += 1   # the report cut the traceback short here ("[...]"): no exception line
                continue
            j = self.traceback_exception(j, content, base)
            seen = True
        if standalone:
            self.section = None
        return j

    def traceback_exception(self, j: int, content: str, base: int) -> int:
        line = self.lines[j]
        kind, message = _split_head(content, _ANY_HEAD) or ("", content)
        exc = Exception_(kind, message, line.number, [line.number], origin="traceback")
        parts = [message]
        depth = _open_brackets(message)
        j += 1
        while j < self.n and len(exc.lines) < _MAX_CONTINUATION:
            nxt = self.lines[j]
            following = _traceback_content(nxt.text, base)
            if not following or not following.strip() or following[0] in " +" or following in _CHAIN \
                    or following.startswith("Traceback") or _is_structure(following) or nxt.fenced != line.fenced:
                break
            parts[-1:] = [parts[-1] + " " + following.strip()] if depth > 0 else [parts[-1], following.rstrip()]
            depth = _open_brackets(following, depth)
            exc.lines.append(nxt.number)
            j += 1
        exc.message = "\n".join(parts)
        self.add_exception(exc)
        return j

    def internal_error(self, i: int) -> int:
        rows: list[tuple[str, Line]] = []
        while i < self.n:
            text = self.lines[i].text
            if text.strip() in _ELISIONS and i + 1 < self.n and self.lines[i + 1].text.startswith("INTERNALERROR>"):
                i += 1   # a report cut frames out of the traceback ("...")
                continue
            if not text.startswith("INTERNALERROR>"):
                break
            content = text[len("INTERNALERROR>"):]
            rows.append((content[1:] if content.startswith(" ") else content, self.lines[i]))
            i += 1
        found, after_traceback, k = False, False, 0
        while k < len(rows):
            content, line = rows[k]
            k += 1
            if content.startswith("Traceback"):
                after_traceback = True
                continue
            if not content.strip() or content[0] == " " or content in _CHAIN:
                continue
            head = _split_head(content, _ANY_HEAD if after_traceback else _STRICT_HEAD)
            if head is None:
                continue
            exc = Exception_(head[0], head[1], line.number, [line.number], origin="internal")
            parts = [head[1]]
            while k < len(rows) and rows[k][0].strip() and rows[k][0][0] != " " \
                    and not rows[k][0].startswith("Traceback") and rows[k][0] not in _CHAIN:
                parts.append(rows[k][0].rstrip())
                exc.lines.append(rows[k][1].number)
                k += 1
            exc.message = "\n".join(parts)
            self.add_exception(exc)
            extra = "".join("\n" + p for p in parts[1:])
            self.facts.usage_errors.append(Value(line.text + extra, line.number))
            found, after_traceback = True, False
        if not found:
            self.facts.usage_errors.append(Value(rows[0][1].text, rows[0][1].number))
        self.structure = True
        return i

    def usage_error(self, i: int, t: str) -> int:
        if "InvocationError" not in t:   # tox's own "ERROR: InvocationError for command …"
            self.facts.usage_errors.append(Value(t, self.lines[i].number))
            self.structure = True
        return i + 1

    # -- warnings ----------------------------------------------------------------------------
    def warnings_block(self, i: int, t: str) -> int:
        if t.startswith("-- Docs:"):
            return i + 1
        match = _WARNING_HEAD.match(t) if "Warning: " in t else None
        if match is None:
            if t[0] != " ":
                self.locations.append(re.sub(r": \d+ warnings?$", "", t.strip()))
            return i + 1
        if not match.group("indent"):   # a summary pasted without its indentation
            return self.loose_warning(i, match)
        head_indent = len(match.group("indent"))
        body: list[int] = []          # indexes of the message lines after the head (blank ones too)
        j = i + 1
        while j < self.n:
            text = self.lines[j].text
            if text.strip() and (_indent(text) < head_indent or _RULE.match(text)):
                break
            body.append(j)
            j += 1
        while body and not self.lines[body[-1]].text.strip():
            body.pop()
        if body and _indent(self.lines[body[-1]].text) == head_indent + 2:   # the source line warnings.warn shows
            body.pop()
        while body and not self.lines[body[-1]].text.strip():
            body.pop()
        parts = [match.group("msg")] + [self.lines[k].text[head_indent:].rstrip() for k in body]
        numbers = [self.lines[i].number] + [self.lines[k].number for k in body]
        location = self.locations[0] if self.locations else match.group("loc")
        self.facts.warnings.append(Warning_(match.group("cat"), "\n".join(parts), self.lines[i].number,
                                            location, list(self.locations), numbers))
        self.locations = []
        self.structure = True
        for k in body:   # e.g. PytestUnraisableExceptionWarning carries the traceback of "Event loop is closed"
            if self.lines[k].text.endswith("Traceback (most recent call last):"):
                self.traceback(k)
        return j

    def loose_warning(self, i: int, match: re.Match) -> int:
        """A warning outside the summary: stderr before the banner, captured output, or prose."""
        head_indent = len(match.group("indent"))
        parts, numbers = [match.group("msg")], [self.lines[i].number]
        j = i + 1
        while j < self.n and len(parts) < _MAX_CONTINUATION:
            text = self.lines[j].text
            if not text.strip() or _indent(text) != head_indent or _is_structure(text) or _WARNING_HEAD.match(text):
                break
            parts.append(text.strip())
            numbers.append(self.lines[j].number)
            j += 1
        k = j + 1 if j < self.n and not self.lines[j].text.strip() else j
        if k < self.n and _indent(self.lines[k].text) == head_indent + 2 and self.lines[k].text.strip() \
                and not _is_structure(self.lines[k].text.strip()):
            j = k + 1   # skip the source line ("  warnings.warn(…)")
        location = match.group("loc")
        self.facts.warnings.append(Warning_(match.group("cat"), "\n".join(parts), numbers[0], location,
                                            [location] if location else [], numbers))
        self.structure = True
        return j

    # -- after the pass --------------------------------------------------------------------
    def finish(self) -> None:
        facts = self.facts
        self.phases_from_sections()
        self.summary_exceptions()
        facts.is_pytest_output = bool(
            self.structure or facts.exceptions or facts.outcomes or facts.sections or facts.warnings
            or facts.usage_errors or facts.summary_line or facts.header.python_version or facts.header.asyncio_line)

    def phases_from_sections(self) -> None:
        by_test: dict[str, Section] = {}
        for section in self.facts.sections:
            if section.test and section.kind == "error":
                by_test.setdefault(section.test, section)
        for outcome in self.facts.outcomes:
            if outcome.outcome == "error" and outcome.phase is None:
                section = by_test.get(_title_key(outcome.nodeid)) or by_test.get(outcome.nodeid)
                if section is not None:
                    outcome.phase = section.phase
                elif "::" not in outcome.nodeid:
                    outcome.phase = "collection"

    def summary_exceptions(self) -> None:
        """A paste of only the short summary: its messages are the only exception text there is."""
        if self.facts.exceptions:
            return
        for outcome in self.facts.outcomes:
            if outcome.outcome not in ("failed", "error") or not outcome.message:
                continue
            kind, message = _split_head(outcome.message, _LENIENT_HEAD) or ("", outcome.message)
            self.facts.exceptions.append(Exception_(kind, message, outcome.line, [outcome.line], origin="summary"))


def _traceback_content(text: str, base: int) -> str | None:
    """A traceback line without its indentation or exception-group pipes; None once it ends."""
    piped = _PIPE.match(text)
    if piped:
        return text[piped.end():]
    stripped = text.lstrip()
    if stripped.startswith("+"):
        return "+"
    if not stripped:
        return ""
    if _indent(text) < base:
        return None
    return text[base:]


def _block_name(title: str) -> str:
    lowered = title.lower()
    for key, name in (("test session starts", "session"), ("failures", "failures"), ("errors", "errors"),
                      ("warnings summary", "warnings"), ("short test summary", "short"), ("passes", "passes")):
        if lowered == key or (key in ("test session starts", "warnings summary", "short test summary") and key in lowered):
            return name
    return "other"


def parse(text: Text) -> PasteFacts:
    """Read pytest output (any verbosity, --tb style, surrounding noise) into facts."""
    return _Parser(text).run()
