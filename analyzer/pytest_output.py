"""pytest output -> facts: header, outcomes, --setup-show events, tracebacks, warnings."""
from __future__ import annotations

from dataclasses import dataclass, field

from .text import Text


@dataclass
class Value:
    """A value read from the paste and the original line it came from."""

    value: str
    line: int


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


@dataclass
class Outcome:
    nodeid: str          # as printed, e.g. "tests/test_a.py::test_1[param]"
    outcome: str         # "passed" | "failed" | "error" | "skipped" | "xfailed" | "xpassed"
    line: int
    message: str | None = None   # text after " - " in the short summary, or the skip reason
    phase: str | None = None     # "setup" | "call" | "teardown" when known (ERROR at setup of …)


@dataclass
class SetupEvent:
    """One line of --setup-show output, or a test call line it interleaves."""

    kind: str            # "setup" | "teardown" | "call"
    name: str            # fixture name, or test node id for "call"
    scope: str | None    # "session" … "function" from the S/P/M/C/F letter; None for calls
    line: int
    params: str | None = None    # e.g. "['a']" after the fixture name
    outcome: str | None = None   # for "call" lines with -v: "PASSED"/"FAILED"/"ERROR" lower-cased


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


@dataclass
class Warning_:
    category: str        # "PytestDeprecationWarning", "DeprecationWarning", "PytestConfigWarning", …
    message: str         # full message, continuation lines joined with "\n"
    line: int
    location: str | None = None  # the "path:line" or test id it was reported for


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

    def find(self, needle: str) -> list[Value]:
        """Every normalised line containing ``needle`` (case-sensitive), with its original number."""
        return [Value(l.text, l.number) for l in self.text.lines if needle in l.text]


def parse(text: Text) -> PasteFacts:
    """Read pytest output (any verbosity, --tb style, surrounding noise) into facts."""
    raise NotImplementedError
