"""The result every face returns (schema 1) and the words it is made of.

Machine-facing kinds are ``str`` enums so they land in JSON as stable words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

SCHEMA = 1
PASTE = "<paste>"  # the file name evidence uses for the pasted output


class Verdict(str, Enum):
    LOOP_MISMATCH = "loop-mismatch"
    MISCONFIGURATION = "asyncio-misconfiguration"
    NOT_LOOP_RELATED = "not-loop-related"
    NO_FAILURE = "no-failure"
    UNKNOWN = "unknown"


class Pattern(str, Enum):
    FIXTURE_LOOP_WIDER = "fixture-loop-wider-than-test-loop"
    FIXTURE_CACHED_LONGER = "fixture-cached-longer-than-its-loop"
    OBJECT_BOUND_AT_IMPORT = "object-bound-at-import"
    APP_RUNS_ON_ANOTHER_LOOP = "app-runs-on-another-loop"
    LEGACY_EVENT_LOOP_FIXTURE = "legacy-event-loop-fixture"
    STRICT_MODE_UNMARKED = "strict-mode-unmarked-async"
    INVALID_CONFIG = "invalid-asyncio-config"
    UNCLOSED_RESOURCE = "unclosed-resource-at-loop-end"
    PLUGIN_NOT_ACTIVE = "asyncio-plugin-not-active"
    PLUGIN_VERSION_BUG = "plugin-version-bug"
    NOT_LOOP_RELATED = "not-loop-related"


class FixKind(str, Enum):
    SET_DEFAULT_FIXTURE_LOOP_SCOPE = "set-default-fixture-loop-scope"
    SET_DEFAULT_TEST_LOOP_SCOPE = "set-default-test-loop-scope"
    MARK_TESTS_LOOP_SCOPE = "mark-tests-loop-scope"
    MARK_ALL_TESTS_LOOP_SCOPE = "mark-all-tests-loop-scope"
    SET_FIXTURE_LOOP_SCOPE = "set-fixture-loop-scope"
    SET_FIXTURE_SCOPE = "set-fixture-scope"
    REMOVE_EVENT_LOOP_FIXTURE = "remove-event-loop-fixture"
    USE_ASYNCIO_FIXTURE_DECORATOR = "use-asyncio-fixture-decorator"
    SET_ASYNCIO_MODE_AUTO = "set-asyncio-mode-auto"
    FIX_CONFIG_VALUE = "fix-config-value"
    CREATE_OBJECT_IN_FIXTURE = "create-object-in-fixture"
    USE_ASYNC_TEST_CLIENT = "use-async-test-client"
    CLOSE_RESOURCE_IN_FIXTURE = "close-resource-in-fixture"
    CHANGE_PYTEST_ASYNCIO_VERSION = "change-pytest-asyncio-version"
    INSTALL_OR_ENABLE_PLUGIN = "install-or-enable-plugin"
    OTHER = "other"


class Confidence(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Scope(str, Enum):
    """pytest scopes, narrowest first, plus ``foreign`` for a loop the plugin does not own."""

    FUNCTION = "function"
    CLASS = "class"
    MODULE = "module"
    PACKAGE = "package"
    SESSION = "session"
    FOREIGN = "foreign"

    @property
    def width(self) -> int:
        return _WIDTH[self]

    @classmethod
    def parse(cls, value: object) -> "Scope | None":
        """The scope a config or decorator value names, or None when it names none."""
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            return None


_WIDTH = {Scope.FUNCTION: 0, Scope.CLASS: 1, Scope.MODULE: 2, Scope.PACKAGE: 3,
          Scope.SESSION: 4, Scope.FOREIGN: 5}
LOOP_SCOPES = ("function", "class", "module", "package", "session")


class StepKind(str, Enum):
    FIXTURE_SETUP = "fixture-setup"
    TEST_CALL = "test-call"
    FIXTURE_TEARDOWN = "fixture-teardown"
    LOOP_CREATED = "loop-created"
    LOOP_CLOSED = "loop-closed"


def _plain(value):
    """JSON-ready copy of a dataclass tree: enums become their words."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name, f in value.__dataclass_fields__.items()
                if not f.metadata.get("internal")}
    return value


@dataclass
class Evidence:
    file: str
    line: int
    text: str


@dataclass
class Fix:
    kind: FixKind
    title: str
    explanation: str
    tradeoff: str
    recommended: bool = False
    requires: str | None = None
    diff: str | None = None
    # Not part of the result: what the diff assumes about files not given, said in the result's
    # assumptions when this fix is the recommended one.
    assumptions: list[str] = field(default_factory=list, metadata={"internal": True})


@dataclass
class Finding:
    pattern: Pattern
    code: str
    title: str
    summary: str
    confidence: Confidence
    evidence: list[Evidence] = field(default_factory=list)
    affected_tests: list[str] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)
    # Not part of the result: a finding that explains the others' symptoms (a setting pytest never read, a
    # release's known bug) is listed before them at equal confidence.
    root_cause: bool = field(default=False, metadata={"internal": True})

    @property
    def recommended_fix(self) -> Fix | None:
        return next((f for f in self.fixes if f.recommended), None)


@dataclass
class Environment:
    python_version: str | None = None
    pytest_version: str | None = None
    pytest_asyncio_version: str | None = None
    platform: str | None = None
    asyncio_mode: str | None = None
    default_fixture_loop_scope: str | None = None
    default_test_loop_scope: str | None = None
    config_file: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    # Extra to the contract: the releases the evidence allows when the exact one is unknown.
    pytest_asyncio_range: str | None = None


@dataclass
class Loop:
    id: str
    scope: Scope
    label: str
    closed_at: int | None = None


@dataclass
class Step:
    order: int
    kind: StepKind
    name: str
    loop: str
    outcome: str | None = None
    inferred: bool = False


@dataclass
class Crossing:
    object: str
    created_on: str
    used_on: str
    at: str | None = None


@dataclass
class Timeline:
    loops: list[Loop] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    crossings: list[Crossing] = field(default_factory=list)


@dataclass
class Result:
    verdict: Verdict
    analyzer_version: str
    environment: Environment = field(default_factory=Environment)
    findings: list[Finding] = field(default_factory=list)
    timeline: Timeline = field(default_factory=Timeline)
    assumptions: list[str] = field(default_factory=list)
    # Why the verdict is "unknown" (or a note on the input); extra to the contract.
    reason: str | None = None
    # Advice on a run that did not fail (warnings worth acting on); never comes with a diff.
    notes: list[str] = field(default_factory=list)
    schema: int = SCHEMA
    unreadable: bool = False  # the input could not be read at all (empty, binary): CLI exit 2

    def to_dict(self) -> dict:
        data = _plain(self)
        order = ["schema", "analyzer_version", "verdict", "environment", "findings",
                 "timeline", "assumptions", "reason", "notes"]
        return {key: data[key] for key in order}
