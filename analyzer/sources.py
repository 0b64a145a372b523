"""Python sources -> fixtures, tests, markers, hooks and module-level objects (through ``ast``)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Marker:
    """An asyncio marker: @pytest.mark.asyncio(...) on a test/class or a pytestmark."""

    file: str
    line: int
    loop_scope: str | None = None    # loop_scope= kwarg
    scope: str | None = None         # scope= kwarg (0.23 spelling)
    bare: bool = True                # no arguments at all
    level: str = "function"          # "function" | "class" | "module"
    positional: list[str] = field(default_factory=list)  # positional args (an error from 0.24)


@dataclass
class Fixture:
    name: str                        # the fixture name (name= kwarg wins over function name)
    function: str
    file: str
    line: int                        # line of the def
    decorator_line: int              # line of the fixture decorator
    decorator: str                   # "pytest.fixture" | "pytest_asyncio.fixture" (as resolved through imports)
    decorator_text: str              # the decorator source as written, e.g. '@pytest.fixture(scope="session")'
    is_async: bool                   # async def (coroutine or async generator)
    is_generator: bool               # uses yield
    scope: str                       # caching scope, default "function"; "dynamic" when not a literal
    loop_scope: str | None = None    # loop_scope= literal
    autouse: bool = False
    params: list[str] = field(default_factory=list)  # argument names it requests
    class_name: str | None = None    # when defined in a class
    creates: list[str] = field(default_factory=list)  # called constructors of interest: "redis.asyncio.Redis.from_url", "create_async_engine", "asyncpg.connect", "asyncio.Queue", …
    closes: bool = False             # awaits/calls close/aclose/dispose/… in teardown (after yield)


@dataclass
class Test:
    name: str
    file: str
    line: int
    is_async: bool
    params: list[str]                # requested fixtures
    class_name: str | None = None
    markers: list[Marker] = field(default_factory=list)   # closest first: function, class, module
    uses_sync_test_client: bool = False   # calls TestClient(...) / uses a fixture returning one
    calls_asyncio_run: bool = False        # asyncio.run / loop.run_until_complete / anyio.from_thread inside


@dataclass
class ModuleObject:
    """A module-level assignment of a loop-bound object (client, engine, lock, queue, event…)."""

    name: str
    file: str
    line: int
    constructor: str                 # as resolved: "asyncio.Lock", "redis.asyncio.Redis", "motor…AsyncIOMotorClient", …
    text: str                        # source line


@dataclass
class Hook:
    name: str                        # "pytest_collection_modifyitems", …
    file: str
    line: int
    adds_asyncio_marker: bool = False
    marker_loop_scope: str | None = None


@dataclass
class PythonFile:
    name: str
    text: str
    is_conftest: bool
    parse_error: str | None = None   # SyntaxError text with line, when ast failed
    imports: dict[str, str] = field(default_factory=dict)   # local name -> module path ("pytest_asyncio", "redis.asyncio")
    fixtures: list[Fixture] = field(default_factory=list)
    tests: list[Test] = field(default_factory=list)
    module_markers: list[Marker] = field(default_factory=list)   # module pytestmark
    class_markers: dict[str, list[Marker]] = field(default_factory=dict)
    event_loop_override: Fixture | None = None   # a fixture named event_loop defined here
    requests_event_loop: list[tuple[str, int]] = field(default_factory=list)  # (test/fixture name, line) asking for event_loop
    hooks: list[Hook] = field(default_factory=list)
    module_objects: list[ModuleObject] = field(default_factory=list)
    sync_test_client_lines: list[int] = field(default_factory=list)  # TestClient(...) calls


@dataclass
class Sources:
    files: list[PythonFile]

    @property
    def fixtures(self) -> list[Fixture]:
        return [f for p in self.files for f in p.fixtures]

    @property
    def tests(self) -> list[Test]:
        return [t for p in self.files for t in p.tests]

    def fixture(self, name: str) -> Fixture | None:
        """The fixture of that name (conftest definitions lose to a test module's own, as in pytest)."""
        found = [f for f in self.fixtures if f.name == name]
        found.sort(key=lambda f: f.file.endswith("conftest.py"))
        return found[0] if found else None


def parse_sources(files: list[tuple[str, str]]) -> Sources:
    """Parse every Python file among ``files`` ((name, text) pairs); syntax errors are recorded, not raised."""
    raise NotImplementedError
