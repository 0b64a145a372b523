"""Python sources -> fixtures, tests, markers, hooks and module-level objects (through ``ast``).

Nothing is imported or executed: every fact comes from the syntax tree, with names resolved
through the file's own imports. Pasted code is often partial or broken, so a file that does
not parse is still returned (with ``parse_error``), and hostile input (NUL bytes, huge or
deeply nested texts) is recorded instead of raised.
"""
from __future__ import annotations

import ast
import re
import textwrap
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
    loop_factories: list[str] | None = None   # loop_factories= (1.4+), when a literal list


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
    calls_asyncio_run: bool = False  # asyncio.run / run_until_complete / a blocking portal inside
    end_line: int = 0                # last line of the function
    yield_in_task_scope: int | None = None   # line of a yield inside `async with <task group / cancel scope>`
    self_attributes: frozenset[str] = frozenset()   # attributes a fixture method assigns on self


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
    creates: list[str] = field(default_factory=list)      # constructors of interest called in the test body
    end_line: int = 0

    @property
    def node_id(self) -> str:
        """``file::Class::test`` as pytest prints it (without parametrization)."""
        return "::".join(p for p in (self.file, self.class_name, self.name) if p)


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
    marker_kwarg: str | None = None       # "loop_scope" or "scope": which keyword carried the loop scope
    uses_is_async_test: bool = False      # calls pytest_asyncio.is_async_test (0.23+)


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
    parse_error_line: int | None = None
    module: str = ""                 # dotted module path from the name ("tests.conftest")
    bodies: dict = field(default_factory=dict, repr=False)   # function name -> its facts, for the cross-file pass
    helper_objects: list = field(default_factory=list, repr=False)  # module-level `x = helper()` calls, ditto
    tree: ast.Module | None = field(default=None, repr=False, compare=False)   # the parsed module, for later reads
    import_time_runs: list[int] = field(default_factory=list)   # lines that run_until_complete at import
    # (name, line made, line used): an object returned by one asyncio.run() and handed to another at module level
    runs_across: list[tuple[str, int, int]] = field(default_factory=list)


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


# ---- what the code calls ------------------------------------------------------------------

# Constructors whose objects belong to the event loop they were first used on.
CONSTRUCTORS = frozenset({
    "asyncpg.connect", "asyncpg.create_pool", "asyncpg.pool.create_pool", "asyncpg.connection.connect",
    "redis.asyncio.Redis", "redis.asyncio.Redis.from_url", "redis.asyncio.from_url",
    "redis.asyncio.StrictRedis", "redis.asyncio.StrictRedis.from_url", "redis.asyncio.client.Redis",
    "redis.asyncio.client.Redis.from_url", "redis.asyncio.ConnectionPool", "redis.asyncio.ConnectionPool.from_url",
    "redis.asyncio.RedisCluster", "redis.asyncio.cluster.RedisCluster", "redis.asyncio.Sentinel",
    "aioredis.Redis", "aioredis.from_url", "aioredis.Redis.from_url", "aioredis.create_redis_pool",
    "sqlalchemy.ext.asyncio.create_async_engine", "sqlalchemy.ext.asyncio.engine.create_async_engine",
    "motor.motor_asyncio.AsyncIOMotorClient", "httpx.AsyncClient", "aiohttp.ClientSession",
    "aiohttp.client.ClientSession", "aiosqlite.connect", "aiomysql.connect", "aiomysql.create_pool",
    "psycopg.AsyncConnection.connect", "psycopg_pool.AsyncConnectionPool", "databases.Database",
    "aio_pika.connect", "aio_pika.connect_robust", "aiokafka.AIOKafkaProducer", "aiokafka.AIOKafkaConsumer",
    "nats.connect", "asyncio.Queue", "asyncio.LifoQueue", "asyncio.PriorityQueue", "asyncio.Lock",
    "asyncio.Event", "asyncio.Semaphore", "asyncio.BoundedSemaphore", "asyncio.Condition", "asyncio.Barrier",
    "asyncio.Future", "asyncio.get_event_loop", "asyncio.new_event_loop",
    "starlette.testclient.TestClient", "fastapi.testclient.TestClient",
})
# Recognised even when the import is not in the paste (snippets often leave imports out).
BARE_CONSTRUCTORS = frozenset({"create_async_engine", "AsyncIOMotorClient", "TestClient"})
# SDKs name their asyncio clients by convention (AsyncOpenAI, AsyncElasticsearch, AsyncQdrantClient): each holds
# connections of the loop that first used it.
CONVENTIONAL_ASYNC_CLIENT = re.compile(r"^(?!\w*(?:Fake|Mock|Dummy|Stub))(?:Async\w*(?:Client|Connection|Pool|Engine|OpenAI"
                                       r"|Anthropic|Elasticsearch|OpenSearch|Redis|Database)|\w+AsyncClient)$")
# Objects that hold no connection: nothing to close at teardown.
PRIMITIVES = frozenset({"Queue", "LifoQueue", "PriorityQueue", "Lock", "Event", "Semaphore", "BoundedSemaphore",
                        "Condition", "Barrier", "Future", "get_event_loop"})

CLOSE_METHODS = frozenset({"close", "aclose", "dispose", "disconnect", "wait_closed", "terminate"})
# Teardown registered up front (anywhere in the body) also closes what the fixture made.
TEARDOWN_METHODS = frozenset({"addfinalizer", "enter_async_context", "enter_context", "push_async_callback"})
LOOP_RUNNERS = frozenset({"asyncio.run", "asyncio.Runner", "anyio.run", "trio.run",
                          "anyio.from_thread.start_blocking_portal"})
LOOP_RUNNER_METHODS = frozenset({"run_until_complete", "run_forever", "start_blocking_portal"})
# Context managers that open a task group or cancel scope, which only the task that entered it may exit.
TASK_SCOPES = frozenset({"create_task_group", "TaskGroup", "open_nursery", "move_on_after", "fail_after",
                         "CancelScope", "timeout", "timeout_at"})
NEW_LOOP = "asyncio.new_event_loop"   # a test making its own loop runs code off pytest-asyncio's loop
FIXTURE_DECORATORS = {"pytest.fixture": "pytest.fixture", "pytest.yield_fixture": "pytest.fixture",
                      "_pytest.fixtures.fixture": "pytest.fixture", "pytest_asyncio.fixture": "pytest_asyncio.fixture",
                      "pytest_asyncio.plugin.fixture": "pytest_asyncio.fixture"}
ASYNCIO_MARK = ("pytest.mark.asyncio", "_pytest.mark.asyncio")

MAX_SOURCE_CHARS = 2_000_000     # larger pastes are not source files worth the parse time
HELPER_DEPTH = 4                 # how far constructors are followed through helper functions


def is_sync_test_client(constructor: str) -> bool:
    """A TestClient that runs the app on a loop of its own (aiohttp's TestClient is async)."""
    return constructor.endswith("TestClient") and not constructor.startswith("aiohttp")


def needs_closing(constructor: str) -> bool:
    """Whether an object made by ``constructor`` holds connections that teardown should close."""
    return constructor.rsplit(".", 1)[-1] not in PRIMITIVES and not is_sync_test_client(constructor)


def constructor_of(resolved: str | None) -> str | None:
    """The constructor of interest a resolved call name is, or None."""
    if not resolved:
        return None
    if resolved in CONSTRUCTORS:
        return resolved
    name = resolved.rsplit(".", 1)[-1]
    if name in BARE_CONSTRUCTORS and not resolved.startswith("aiohttp") or CONVENTIONAL_ASYNC_CLIENT.match(name):
        return resolved
    return None


def dotted(node: ast.AST) -> str | None:
    """``a.b.c`` for a chain of names and attributes (iterative: chains can be very long)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


class _Names:
    """Resolves local names through a file's imports and module-level string constants."""

    def __init__(self, imports: dict[str, str], constants: dict[str, str]):
        self.imports = imports
        self.constants = constants

    def resolve(self, node: ast.AST) -> str | None:
        name = dotted(node)
        if name is None:
            return None
        first, _, rest = name.partition(".")
        if first in self.imports:
            return self.imports[first] + ("." + rest if rest else "")
        return name

    def literal(self, node: ast.AST | None) -> str | None:
        """A string literal (or a module-level string constant's value)."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name) and node.id in self.constants:
            return self.constants[node.id]
        return None


# ---- entry point ----------------------------------------------------------------------------

def parse_sources(files: list[tuple[str, str]]) -> Sources:
    """Parse every Python file among ``files`` ((name, text) pairs); syntax errors are recorded, not raised."""
    parsed = [parse_python(name, text) for name, text in files if name.endswith(".py")]
    sources = Sources(parsed)
    try:
        _link(sources)
    except Exception:   # the per-file facts stand; only cross-file links are lost
        pass
    return sources


def parse_python(name: str, text: str) -> PythonFile:
    """One Python file's facts; never raises on bad input."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    result = PythonFile(name=name, text=text, is_conftest=base == "conftest.py", module=module_name(name))
    tree = result.tree = _parse(result, text)
    if tree is None:
        return result
    try:
        _FileReader(result, tree, text).read()
    except (RecursionError, MemoryError) as exc:
        result.parse_error = result.parse_error or f"{type(exc).__name__}: too deeply nested to analyse"
    except Exception as exc:   # an unforeseen shape of code must not cost the whole diagnosis
        result.parse_error = result.parse_error or f"could not analyse the file ({type(exc).__name__})"
    return result


def source_lines(text: str) -> list[str]:
    """Lines numbered the way ``ast`` numbers them (str.splitlines also breaks at form feeds and more)."""
    return re.split(r"\r\n|\r|\n", text)


def module_name(name: str) -> str:
    path = name.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    path = path[:-3] if path.endswith(".py") else path
    parts = [p for p in path.split("/") if p]
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


# ---- parsing with recovery -------------------------------------------------------------------

def _parse(result: PythonFile, text: str) -> ast.Module | None:
    if len(text) > MAX_SOURCE_CHARS:
        result.parse_error = f"file too large to analyse ({len(text)} characters)"
        return None
    if "\x00" in text:
        result.parse_error, result.parse_error_line = "source code string cannot contain null bytes", None
        text = text.replace("\x00", "")   # same lines without the NULs: the rest can still be read
    tree, error = _try_parse(text)
    if tree is not None:
        return tree
    result.parse_error = result.parse_error or error[0]
    result.parse_error_line = result.parse_error_line or error[1]
    return _recover(text, error[1])


def _try_parse(text: str) -> tuple[ast.Module | None, tuple[str, int | None]]:
    try:
        return ast.parse(text), ("", None)
    except SyntaxError as exc:   # includes IndentationError; NUL bytes are a SyntaxError on 3.11.4+
        return None, (f"{type(exc).__name__}: {exc.msg} (line {exc.lineno})", exc.lineno)
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        return None, (f"{type(exc).__name__}: {str(exc) or 'input too deeply nested'}", None)
    except Exception as exc:   # whatever else the compiler raises on hostile input is recorded too
        return None, (f"{type(exc).__name__}: {exc}", None)


def _recover(text: str, line: int | None) -> ast.Module | None:
    """Best effort on broken pastes: an indented fragment dedented, or the statements before the error."""
    dedented = textwrap.dedent(text)
    if dedented != text:
        tree, _ = _try_parse(dedented)
        if tree is not None:
            return tree
    if not line or line <= 1:
        return None
    lines = source_lines(text)[:line - 1]
    # Cut before the error line, else before the top-level statement the error sits in.
    statement = next((i for i in range(len(lines) - 1, -1, -1) if lines[i][:1] not in ("", " ", "\t", "#", ")", "]", "}")), 0)
    while statement > 0 and lines[statement - 1].startswith("@"):
        statement -= 1
    for cut in dict.fromkeys((len(lines), statement)):
        tree, _ = _try_parse("\n".join(lines[:cut]))
        if tree is not None:
            return tree
    return None


# ---- one function's body ------------------------------------------------------------------------

@dataclass
class _Call:
    name: str            # resolved dotted name of the callee
    line: int
    managed: bool        # entered with `with`/`async with`, so closed when the block ends


@dataclass
class _Body:
    """What a function body does, before names are linked across files."""

    calls: list[_Call] = field(default_factory=list)
    closes: bool = False          # a close()/aclose()/dispose()… call (after the yield, for generators)
    runs_loop: bool = False       # asyncio.run, run_until_complete, a blocking portal…
    new_loop: bool = False        # asyncio.new_event_loop()
    first_yield: int | None = None
    yield_in_task_scope: int | None = None   # a yield inside `async with <task group / cancel scope>`
    self_attributes: frozenset[str] = frozenset()   # `self.x = …` targets (not in a nested def)


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _body_nodes(func: ast.AST) -> list[tuple[ast.AST, bool]]:
    """Every node of a function body once, with whether it sits in a nested function, lambda or class."""
    found, todo = [], [(statement, False) for statement in func.body]
    while todo:
        node, nested = todo.pop()
        found.append((node, nested))
        inner = nested or isinstance(node, _SCOPES)
        for child in ast.iter_child_nodes(node):
            todo.append((child, inner))
    # Source order, so that what a body creates is listed in the order it is written.
    found.sort(key=lambda pair: (getattr(pair[0], "lineno", 0), getattr(pair[0], "col_offset", 0)))
    return found


def _managed_calls(nodes: list[tuple[ast.AST, bool]]) -> set[int]:
    """ids of calls whose result is entered with `with`/`async with` (directly or through a name)."""
    managed, names = set(), set()
    for node, _ in nodes:
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                expr = item.context_expr.value if isinstance(item.context_expr, ast.Await) else item.context_expr
                if isinstance(expr, ast.Call):
                    managed.add(id(expr))
                elif isinstance(expr, ast.Name):
                    names.add(expr.id)
    if names:
        for node, _ in nodes:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in names for t in node.targets):
                value = node.value.value if isinstance(node.value, ast.Await) else node.value
                if isinstance(value, ast.Call):
                    managed.add(id(value))
    return managed


def _yield_in_task_scope(nodes: list[tuple[ast.AST, bool]]) -> int | None:
    """The first yield the body makes inside a task group or cancel scope it entered (not in a nested def)."""
    for node, nested in nodes:
        if nested or not isinstance(node, ast.AsyncWith):
            continue
        calls = [i.context_expr for i in node.items if isinstance(i.context_expr, ast.Call)]
        if any(getattr(c.func, "attr", getattr(c.func, "id", "")) in TASK_SCOPES for c in calls):
            lines = [n.lineno for stmt in node.body for n in ast.walk(stmt) if isinstance(n, ast.Yield)]
            if lines:
                return min(lines)
    return None


def _read_body(func: ast.AST, names: _Names) -> _Body:
    body = _Body()
    nodes = _body_nodes(func)
    yields = [n.lineno for n, nested in nodes if not nested and isinstance(n, (ast.Yield, ast.YieldFrom))]
    body.first_yield = min(yields) if yields else None
    body.yield_in_task_scope = _yield_in_task_scope(nodes)
    body.self_attributes = frozenset(
        target.attr for node, nested in nodes
        if not nested and isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self")
    managed = _managed_calls(nodes)
    for node, _ in nodes:
        if not isinstance(node, ast.Call):
            continue
        resolved = names.resolve(node.func)
        method = node.func.attr if isinstance(node.func, ast.Attribute) else None
        if resolved:
            body.calls.append(_Call(resolved, node.lineno, id(node) in managed))
        if resolved in LOOP_RUNNERS or method in LOOP_RUNNER_METHODS:
            body.runs_loop = True
        body.new_loop = body.new_loop or resolved == NEW_LOOP
        after_yield = body.first_yield is None or node.lineno > body.first_yield
        if (method in CLOSE_METHODS and after_yield) or method in TEARDOWN_METHODS:
            body.closes = True
    return body


# ---- arguments, decorators, markers ---------------------------------------------------------------

def _requested(func: ast.FunctionDef | ast.AsyncFunctionDef, method: bool) -> list[str]:
    """Argument names pytest resolves as fixtures: no self, nothing with a default, no *args/**kwargs."""
    args = func.args
    positional = args.posonlyargs + args.args
    if method and positional and not _is_staticmethod(func):
        positional = positional[1:]
    with_default = len(args.defaults)
    names = [a.arg for a in positional[:max(len(positional) - with_default, 0)]]
    names += [a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is None]
    return names


def _is_staticmethod(func: ast.AST) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in func.decorator_list)


def _call_parts(node: ast.AST) -> tuple[ast.AST, ast.Call | None]:
    return (node.func, node) if isinstance(node, ast.Call) else (node, None)


def _keyword(call: ast.Call | None, name: str) -> ast.AST | None:
    if call is None:
        return None
    return next((k.value for k in call.keywords if k.arg == name), None)


def _source(text_lines: list[str], node: ast.AST, limit: int = 300) -> str:
    """The source of a node as written (ast columns count UTF-8 bytes), capped in length."""
    first, last = node.lineno, min(node.end_lineno or node.lineno, node.lineno + 20)
    if not 0 < first <= len(text_lines):
        return ""
    chunk = [line.encode() for line in text_lines[first - 1:last]]
    if last == node.end_lineno and node.end_col_offset is not None:
        chunk[-1] = chunk[-1][:node.end_col_offset]
    chunk[0] = chunk[0][node.col_offset:]
    return b"\n".join(chunk).decode("utf-8", "replace")[:limit]


class _FileReader:
    """Reads one parsed file into its PythonFile."""

    def __init__(self, result: PythonFile, tree: ast.Module, text: str):
        self.result, self.tree = result, tree
        self.lines = source_lines(text.replace("\x00", ""))
        self.module_values: dict[str, ast.AST] = {}
        imports = _imports(tree, result.module)
        result.imports = imports
        self.names = _Names(imports, self._constants())

    # -- module level --

    def _module_statements(self):
        """Statements run at import: the module body, including top-level if/try/with blocks."""
        todo = list(reversed(self.tree.body))
        while todo:
            node = todo.pop()
            yield node
            if isinstance(node, (ast.If, ast.Try, ast.With, ast.AsyncWith)) or type(node).__name__ == "TryStar":
                inner = list(node.body)
                for handler in getattr(node, "handlers", []) or []:
                    inner += handler.body
                inner += list(getattr(node, "orelse", []) or []) + list(getattr(node, "finalbody", []) or [])
                todo.extend(reversed(inner))   # depth first, in source order

    def _constants(self) -> dict[str, str]:
        constants = {}
        for node in self._module_statements():
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self.module_values[node.targets[0].id] = node.value
                if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    constants[node.targets[0].id] = node.value.value
        return constants

    def read(self) -> None:
        result = self.result
        result.module_markers = self._pytestmark(self._module_statements(), "module")
        module_usefixtures = self._usefixtures_of(self._module_statements())
        for node in self._module_statements():
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._function(node, None, [], module_usefixtures, hook_level=True)
            elif isinstance(node, ast.ClassDef):
                self._class(node, [], [], module_usefixtures)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                self._module_object(node, None)
            if isinstance(node, (ast.Expr, ast.Assign)) and isinstance(node.value, ast.Call) \
                    and getattr(node.value.func, "attr", "") == "run_until_complete":
                # A coroutine run at import, on the loop current then (``loop.run_until_complete(db.set_bind())``).
                result.import_time_runs.append(node.lineno)
        result.runs_across = self._runs_across()
        result.module_objects.sort(key=lambda o: o.line)
        result.sync_test_client_lines = sorted(
            n.lineno for n in ast.walk(self.tree)
            if isinstance(n, ast.Call) and is_sync_test_client(constructor_of(self.names.resolve(n.func)) or ""))

    def _runs_across(self) -> list[tuple[str, int, int]]:
        """``foo = asyncio.run(make())`` then ``asyncio.run(foo.work())``: each asyncio.run() makes a loop of its own
        and closes it, so what the first returns belongs to a closed loop when the second awaits it."""
        def is_run(node) -> bool:
            return isinstance(node, ast.Call) and self.names.resolve(node.func) == "asyncio.run"

        made, found = {}, {}
        for node in self._module_statements():
            if isinstance(node, ast.Assign) and is_run(node.value):
                made.update({t.id: node.lineno for t in node.targets if isinstance(t, ast.Name)})
                continue
            # (an if/try block and the statements inside it are both walked: found keeps each once)
            for call in (n for n in ast.walk(node) if is_run(n)) if made else ():
                used = {n.id for arg in call.args for n in ast.walk(arg) if isinstance(n, ast.Name)} & made.keys()
                found.update(dict.fromkeys((name, made[name], call.lineno) for name in sorted(used)))
        return list(found)

    def _module_object(self, node: ast.Assign | ast.AnnAssign, class_name: str | None) -> None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target, value in _pairs(targets, node.value):
            call = value.value if isinstance(value, ast.Await) else value
            if not isinstance(call, ast.Call) or not isinstance(target, ast.Name):
                continue
            name = f"{class_name}.{target.id}" if class_name else target.id
            resolved = self.names.resolve(call.func)
            constructor = constructor_of(resolved)
            line_text = self.lines[node.lineno - 1].rstrip() if node.lineno <= len(self.lines) else ""
            if constructor and not is_sync_test_client(constructor):
                self.result.module_objects.append(ModuleObject(name, self.result.name, node.lineno, constructor, line_text))
            elif resolved and not constructor:
                # A helper call (``engine = make_engine()``): the cross-file pass looks inside it.
                self.result.helper_objects.append((name, node.lineno, resolved, line_text))

    # -- classes --

    def _class(self, node: ast.ClassDef, outer: list[str], outer_markers: list[Marker],
               usefixtures: list[str]) -> None:
        path = outer + [node.name]
        class_name = "::".join(path)
        markers = self._class_markers(node) + outer_markers
        if markers:
            self.result.class_markers[class_name] = markers
        collected = node.name.startswith("Test") and not _has_init(node)
        usefixtures = self._usefixtures_of(node.body) + self._usefixtures_in(node.decorator_list) + usefixtures
        for child in node.body:
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._function(child, class_name, markers, usefixtures, collect_tests=collected)
            elif isinstance(child, ast.ClassDef):
                self._class(child, path, markers, usefixtures)
            elif isinstance(child, (ast.Assign, ast.AnnAssign)):
                self._module_object(child, class_name)

    def _class_markers(self, node: ast.ClassDef) -> list[Marker]:
        # pytest stores body pytestmark first, then decorators from the innermost out.
        in_body = self._pytestmark(node.body, "class")
        decorated = [m for m in (self._asyncio_marker(d, "class") for d in reversed(node.decorator_list)) if m]
        return in_body + decorated

    # -- functions --

    def _function(self, node, class_name: str | None, class_markers: list[Marker], usefixtures: list[str],
                  collect_tests: bool = True, hook_level: bool = False) -> None:
        body = _read_body(node, self.names)
        key = f"{class_name}.{node.name}" if class_name else node.name
        self.result.bodies[key] = body
        decorator = self._fixture_decorator(node)
        if decorator is not None:
            self._fixture(node, decorator, class_name, body)
        elif hook_level and node.name.startswith("pytest_"):
            self._hook(node)
        elif collect_tests and node.name.startswith("test") and not self.result.is_conftest:
            self._test(node, class_name, class_markers, usefixtures, body)

    def _fixture_decorator(self, node) -> ast.AST | None:
        for decorator in node.decorator_list:
            if self._fixture_kind(decorator):
                return decorator
        return None

    def _fixture_kind(self, decorator: ast.AST) -> str | None:
        target, _ = _call_parts(decorator)
        resolved = self.names.resolve(target)
        if resolved in FIXTURE_DECORATORS:
            return FIXTURE_DECORATORS[resolved]
        if resolved == "fixture":   # imported nowhere in the paste: guess from the file's imports
            has_asyncio = "pytest_asyncio" in self.result.imports.values() and "pytest" not in self.result.imports.values()
            return "pytest_asyncio.fixture" if has_asyncio else "pytest.fixture"
        return None

    def _fixture(self, node, decorator: ast.AST, class_name: str | None, body: _Body) -> None:
        _, call = _call_parts(decorator)
        scope_node = _keyword(call, "scope")
        if scope_node is None and call is not None and call.args:
            scope_node = call.args[0]   # pytest < 7 took the scope positionally
        scope = "function" if scope_node is None else (self.names.literal(scope_node) or "dynamic")
        loop_node = _keyword(call, "loop_scope")
        autouse = _keyword(call, "autouse")
        fixture = Fixture(
            name=self.names.literal(_keyword(call, "name")) or node.name, function=node.name,
            file=self.result.name, line=node.lineno, decorator_line=decorator.lineno,
            decorator=self._fixture_kind(decorator), decorator_text="@" + _source(self.lines, decorator),
            is_async=isinstance(node, ast.AsyncFunctionDef), is_generator=body.first_yield is not None,
            scope=scope, loop_scope=None if loop_node is None else (self.names.literal(loop_node) or "dynamic"),
            autouse=isinstance(autouse, ast.Constant) and autouse.value is True,
            params=_requested(node, class_name is not None), class_name=class_name,
            calls_asyncio_run=body.runs_loop, end_line=node.end_lineno or node.lineno,
            yield_in_task_scope=body.yield_in_task_scope, self_attributes=body.self_attributes)
        fixture.creates = _unique(c for c in (constructor_of(call.name) for call in body.calls) if c)
        fixture.closes = body.closes
        self.result.fixtures.append(fixture)
        if fixture.name == "event_loop" and self.result.event_loop_override is None:
            self.result.event_loop_override = fixture
        if "event_loop" in fixture.params:
            self.result.requests_event_loop.append((fixture.name, node.lineno))

    def _test(self, node, class_name: str | None, class_markers: list[Marker], usefixtures: list[str],
              body: _Body) -> None:
        own = [m for m in (self._asyncio_marker(d, "function") for d in reversed(node.decorator_list)) if m]
        parametrized = self._parametrized_names(node)
        params = [p for p in _requested(node, class_name is not None) if p not in parametrized]
        params += [u for u in self._usefixtures_in(node.decorator_list) + usefixtures if u not in params]
        test = Test(name=node.name, file=self.result.name, line=node.lineno,
                    is_async=isinstance(node, ast.AsyncFunctionDef), params=params, class_name=class_name,
                    markers=own + class_markers + self.result.module_markers,
                    calls_asyncio_run=body.runs_loop or body.new_loop, end_line=node.end_lineno or node.lineno)
        test.creates = _unique(c for c in (constructor_of(call.name) for call in body.calls) if c)
        test.uses_sync_test_client = any(is_sync_test_client(c) for c in test.creates)
        self.result.tests.append(test)
        if "event_loop" in params:
            self.result.requests_event_loop.append((test.name, node.lineno))

    def _parametrized_names(self, node) -> set[str]:
        names = set()
        for decorator in node.decorator_list:
            target, call = _call_parts(decorator)
            if call is None or not call.args or self.names.resolve(target) != "pytest.mark.parametrize":
                continue
            indirect = _keyword(call, "indirect")
            if isinstance(indirect, ast.Constant) and indirect.value is True:
                continue
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.update(n.strip() for n in first.value.split(","))
            elif isinstance(first, (ast.List, ast.Tuple)):
                names.update(e.value for e in first.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
        return names

    # -- markers --

    def _asyncio_marker(self, node: ast.AST, level: str) -> Marker | None:
        target, call = _call_parts(node)
        if self.names.resolve(target) not in ASYNCIO_MARK:
            return None
        marker = Marker(file=self.result.name, line=node.lineno, level=level)
        if call is None:
            return marker
        marker.bare = not call.args and not call.keywords
        marker.positional = [self.names.literal(a) or _source(self.lines, a) for a in call.args]
        for name in ("loop_scope", "scope"):
            value = _keyword(call, name)
            if value is not None:
                setattr(marker, name, self.names.literal(value) or "dynamic")
        factories = _keyword(call, "loop_factories")
        if isinstance(factories, (ast.List, ast.Tuple)):
            marker.loop_factories = [self.names.literal(e) or _source(self.lines, e) for e in factories.elts]
        return marker

    def _mark_expressions(self, value: ast.AST) -> list[ast.AST]:
        """The single marks inside a pytestmark value (a mark, a list/tuple, a sum, a module name)."""
        found, todo, hops = [], [value], 0
        while todo and hops < 1000:
            hops += 1
            node = todo.pop(0)
            if isinstance(node, (ast.List, ast.Tuple)):
                todo[:0] = node.elts
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                todo[:0] = [node.left, node.right]
            elif isinstance(node, ast.Name) and node.id in self.module_values and node.id != "pytestmark":
                todo.insert(0, self.module_values[node.id])
            else:
                found.append(node)
        return found

    def _pytestmark_values(self, statements) -> list[ast.AST]:
        values = []
        for node in statements:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets):
                values = [node.value]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                    and node.target.id == "pytestmark" and node.value is not None:
                values = [node.value]
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == "pytestmark":
                values.append(node.value)
        return values

    def _pytestmark(self, statements, level: str) -> list[Marker]:
        markers = []
        for value in self._pytestmark_values(statements):
            for expr in self._mark_expressions(value):
                marker = self._asyncio_marker(expr, level)
                if marker:
                    markers.append(marker)
        return markers

    def _usefixtures_in(self, expressions) -> list[str]:
        names = []
        for expr in expressions:
            target, call = _call_parts(expr)
            if call is not None and self.names.resolve(target) == "pytest.mark.usefixtures":
                names += [a for a in (self.names.literal(arg) for arg in call.args) if a]
        return names

    def _usefixtures_of(self, statements) -> list[str]:
        expressions = [e for v in self._pytestmark_values(statements) for e in self._mark_expressions(v)]
        return self._usefixtures_in(expressions)

    # -- hooks --

    def _hook(self, node) -> None:
        hook = Hook(name=node.name, file=self.result.name, line=node.lineno)
        nodes = [n for n, _ in _body_nodes(node)]
        local = {t.id: n.value for n in nodes if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
        for call in (n for n in nodes if isinstance(n, ast.Call)):
            resolved = self.names.resolve(call.func) or ""
            if resolved.endswith("is_async_test"):
                hook.uses_is_async_test = True
            if isinstance(call.func, ast.Attribute) and call.func.attr == "add_marker" and call.args:
                self._added_marker(hook, call.args[0], local)
        self.result.hooks.append(hook)

    def _added_marker(self, hook: Hook, arg: ast.AST, local: dict[str, ast.AST]) -> None:
        if isinstance(arg, ast.Name):
            arg = local.get(arg.id) or self.module_values.get(arg.id) or arg
        if isinstance(arg, ast.Constant) and arg.value == "asyncio":
            hook.adds_asyncio_marker = True
            return
        marker = self._asyncio_marker(arg, "function")
        if marker is None:
            return
        hook.adds_asyncio_marker = True
        if marker.loop_scope or marker.scope:
            hook.marker_loop_scope = marker.loop_scope or marker.scope
            hook.marker_kwarg = "loop_scope" if marker.loop_scope else "scope"


def _has_init(node: ast.ClassDef) -> bool:
    return any(isinstance(c, (ast.FunctionDef, ast.AsyncFunctionDef)) and c.name == "__init__" for c in node.body)


def _pairs(targets: list[ast.AST], value: ast.AST | None):
    """(target, value) pairs of an assignment, unpacking ``a, b = x(), y()``."""
    if value is None:
        return
    for target in targets:
        if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) \
                and len(target.elts) == len(value.elts):
            yield from zip(target.elts, value.elts)
        else:
            yield target, value


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _imports(tree: ast.Module, module: str) -> dict[str, str]:
    """Local name -> dotted origin; module-level imports win over ones inside functions."""
    imports: dict[str, str] = {}
    package = module.split(".")[:-1]
    for node in ast.walk(tree):   # breadth first: top-level statements come first
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                imports.setdefault(local, alias.name if alias.asname else alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            origin = _absolute(node.module or "", node.level, package)
            for alias in node.names:
                if alias.name != "*":
                    imports.setdefault(alias.asname or alias.name, f"{origin}.{alias.name}" if origin else alias.name)
    return imports


def _absolute(module: str, level: int, package: list[str]) -> str:
    """``from ..x import y`` made absolute where the file's path allows it."""
    if level == 0:
        return module
    if level - 1 > len(package):
        return "." * level + module
    base = package[:len(package) - (level - 1)]
    return ".".join(base + ([module] if module else []))


# ---- across files ---------------------------------------------------------------------------------

def _link(sources: Sources) -> None:
    """Facts that need other functions or files: constructors behind helper calls, fixtures that
    create a TestClient, loop runners in helpers, module objects built by helpers."""
    helpers = _Helpers(sources)
    for file in sources.files:
        for fixture in file.fixtures:
            body = file.bodies.get(f"{fixture.class_name}.{fixture.function}" if fixture.class_name else fixture.function)
            if body is not None:
                _extend_fixture(fixture, body, file, helpers)
        for test in file.tests:
            body = file.bodies.get(f"{test.class_name}.{test.name}" if test.class_name else test.name)
            if body is not None:
                test.creates = _unique(test.creates + helpers.created_by(body, file))
                test.calls_asyncio_run = test.calls_asyncio_run or helpers.runs_loop(body, file, with_new_loop=True)
        _module_objects_from_helpers(file, helpers)
    clients = _TestClientFixtures(sources)
    for file in sources.files:
        for test in file.tests:
            test.uses_sync_test_client = (any(is_sync_test_client(c) for c in test.creates)
                                          or any(clients.provides(name, file) for name in test.params))


def _extend_fixture(fixture: Fixture, body: _Body, file: PythonFile, helpers: _Helpers) -> None:
    made = helpers.created_by(body, file)
    fixture.creates = _unique(fixture.creates + made)
    fixture.calls_asyncio_run = fixture.calls_asyncio_run or helpers.runs_loop(body, file)
    creating = [c for c in body.calls if constructor_of(c.name) or helpers.find(c.name, file)]
    if not fixture.closes and creating and all(c.managed for c in creating):
        fixture.closes = True   # every resource was opened with `async with`: closed when the block ends


def _module_objects_from_helpers(file: PythonFile, helpers: _Helpers) -> None:
    for name, line, callee, text in file.helper_objects:
        found = helpers.find(callee, file)
        if found is None:
            continue
        made = [c for c in helpers.created_by(found[1], found[0]) if not is_sync_test_client(c)]
        if made:
            file.module_objects.append(ModuleObject(name, file.name, line, made[0], text))


class _TestClientFixtures:
    """Which fixtures hand out a sync TestClient, themselves or through fixtures they request."""

    def __init__(self, sources: Sources):
        self.files = {f.name: f for f in reversed(sources.files)}
        self.own = {id(f): {x.name: x for x in reversed(f.fixtures)} for f in sources.files}
        self.shared: dict[str, Fixture] = {}
        for fixture in sorted(sources.fixtures, key=lambda f: f.file.endswith("conftest.py"), reverse=True):
            self.shared[fixture.name] = fixture      # as Sources.fixture: a test module's own wins
        self.known: dict[int, bool] = {}

    def _lookup(self, name: str, file: PythonFile) -> Fixture | None:
        """The definition pytest would pick for a request in ``file``: its own module first, then others."""
        return self.own[id(file)].get(name) or self.shared.get(name)

    def _settled(self, fixture: Fixture) -> bool | None:
        if id(fixture) in self.known:
            return self.known[id(fixture)]
        return True if any(is_sync_test_client(c) for c in fixture.creates) else None

    def _next_child(self, fixture: Fixture, pending, on_path: set[int]) -> Fixture | None:
        for name in pending:
            child = self._lookup(name, self.files[fixture.file])
            if child is not None and id(child) not in on_path and self.known.get(id(child)) is not False:
                return child
        return None

    def provides(self, name: str, file: PythonFile) -> bool:
        start = self._lookup(name, file)
        if start is None:
            return False
        # Depth first without recursion, with a memo: long fixture chains stay linear.
        stack, on_path = [(start, iter(start.params))], {id(start)}
        while stack:
            fixture, pending = stack[-1]
            result = self._settled(fixture)
            if result is None:
                child = self._next_child(fixture, pending, on_path)
                if child is not None:
                    on_path.add(id(child))
                    stack.append((child, iter(child.params)))
                    continue
                result = False
            self.known[id(fixture)] = result
            on_path.discard(id(fixture))
            stack.pop()
            if result and stack:
                self.known[id(stack[-1][0])] = True
        return self.known[id(start)]


class _Helpers:
    """Plain functions defined in the given files, to follow calls from fixtures and tests."""

    def __init__(self, sources: Sources):
        self.files = sources.files

    def find(self, callee: str, caller: PythonFile) -> tuple[PythonFile, _Body] | None:
        module, _, function = callee.rpartition(".")
        if not module:
            body = caller.bodies.get(function)
            return (caller, body) if isinstance(body, _Body) else None
        for file in self.files:
            if file.module and _same_module(file.module, module) and isinstance(file.bodies.get(function), _Body):
                return file, file.bodies[function]
        return None

    def created_by(self, body: _Body, file: PythonFile, depth: int = 0) -> list[str]:
        """Constructors a body calls, directly or through helpers (a few levels deep)."""
        made = []
        for call in body.calls:
            constructor = constructor_of(call.name)
            if constructor:
                made.append(constructor)
            elif depth < HELPER_DEPTH:
                found = self.find(call.name, file)
                if found is not None and found[1] is not body:
                    made += self.created_by(found[1], found[0], depth + 1)
        return _unique(made)

    def runs_loop(self, body: _Body, file: PythonFile, depth: int = 0, with_new_loop: bool = False) -> bool:
        if body.runs_loop or (with_new_loop and body.new_loop):
            return True
        if depth >= HELPER_DEPTH:
            return False
        for call in body.calls:
            found = self.find(call.name, file)
            if found is not None and found[1] is not body \
                    and self.runs_loop(found[1], found[0], depth + 1, with_new_loop):
                return True
        return False


def _same_module(file_module: str, imported: str) -> bool:
    """``app.db`` names the file ``app/db.py``, ``src/app/db.py``, or a pasted ``db.py``."""
    return (file_module == imported or file_module.endswith("." + imported)
            or ("." not in file_module and imported.endswith("." + file_module)))
