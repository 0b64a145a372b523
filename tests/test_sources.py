"""Python sources: fixtures, tests, markers, hooks and loop-bound objects, read through ast only."""
import textwrap
from pathlib import Path

import pytest

from analyzer.sources import Marker, needs_closing, parse_python, parse_sources

FILES = Path(__file__).parent / "data" / "files"


def project(folder: str):
    """The Python files of a sample project, named by their paths inside it."""
    root = FILES / folder
    return parse_sources([(p.relative_to(root).as_posix(), p.read_text()) for p in sorted(root.rglob("*.py"))])


def one(text: str, name: str = "test_mod.py"):
    return parse_sources([(name, textwrap.dedent(text))]).files[0]


def by_name(items):
    return {i.name: i for i in items}


# ---- the corpus projects ---------------------------------------------------------------------

def test_s01_fixture_creates_an_engine_through_a_helper_in_another_file():
    sources = project("s01")
    conftest = next(f for f in sources.files if f.name == "tests/conftest.py")
    assert conftest.is_conftest and conftest.module == "tests.conftest"
    assert conftest.imports == {"pytest": "pytest", "make_engine": "app.db.make_engine",
                                "make_sessionmaker": "app.db.make_sessionmaker"}
    [fixture] = conftest.fixtures
    assert (fixture.name, fixture.function, fixture.file) == ("db_session", "db_session", "tests/conftest.py")
    assert (fixture.line, fixture.decorator_line, fixture.end_line) == (7, 6, 15)
    assert (fixture.decorator, fixture.decorator_text) == ("pytest.fixture", "@pytest.fixture")
    assert fixture.is_async and fixture.is_generator
    assert (fixture.scope, fixture.loop_scope, fixture.autouse, fixture.params) == ("function", None, False, [])
    assert fixture.creates == ["sqlalchemy.ext.asyncio.create_async_engine"]   # make_engine() in app/db.py
    assert fixture.closes                                                      # engine.dispose() after yield
    tests = by_name(sources.tests)
    assert list(tests) == ["test_select_one", "test_create_temp_table"]
    first = tests["test_select_one"]
    assert (first.file, first.line, first.end_line, first.is_async) == ("tests/test_users.py", 4, 6, True)
    assert first.params == ["db_session"] and first.markers == [] and first.class_name is None
    assert not first.uses_sync_test_client and not first.calls_asyncio_run
    assert first.node_id == "tests/test_users.py::test_select_one"
    assert tests["test_create_temp_table"].line == 9
    assert all(not f.module_objects for f in sources.files)   # app/db.py builds its engine inside a function


def test_s05_session_event_loop_override_and_session_fixture():
    sources = project("s05")
    conftest = sources.files[0]
    assert conftest.imports["redis"] == "redis.asyncio"
    override = conftest.event_loop_override
    assert override is not None and override is conftest.fixtures[0]
    assert (override.name, override.line, override.decorator_line) == ("event_loop", 11, 10)
    assert override.decorator_text == '@pytest.fixture(scope="session")'
    assert (override.scope, override.is_async, override.is_generator) == ("session", False, True)
    client = sources.fixture("redis_client")
    assert (client.scope, client.is_async, client.line) == ("session", True, 18)
    assert client.creates == ["redis.asyncio.Redis.from_url"] and client.closes
    assert conftest.requests_event_loop == []
    assert [t.params for t in sources.tests] == [["redis_client"], ["redis_client"]]


def test_s06_strict_mode_async_fixtures_declared_with_pytest_fixture():
    sources = project("s06")
    db, expected = sources.fixtures
    assert (db.name, db.decorator, db.is_async, db.is_generator) == ("db", "pytest.fixture", True, True)
    assert db.creates == ["aiosqlite.connect"] and db.closes          # opened with `async with`
    assert (expected.name, expected.decorator, expected.is_async, expected.is_generator) == \
        ("expected_count", "pytest.fixture", True, False)
    assert expected.creates == [] and not expected.closes
    tests = by_name(sources.tests)
    assert tests["test_insert_item"].markers == [Marker(file="tests/test_items.py", line=4)]
    assert tests["test_expected_count"].markers[0].line == 11
    assert tests["test_expected_count"].markers[0].bare


def test_s07_sync_test_client():
    sources = project("s07")
    files = by_name(sources.files)
    conftest, tests_file = files["tests/conftest.py"], files["tests/test_items.py"]
    assert conftest.imports["TestClient"] == "fastapi.testclient.TestClient"
    assert conftest.sync_test_client_lines == [19] and tests_file.sync_test_client_lines == [13]
    client = sources.fixture("client")
    assert (client.is_async, client.params, client.creates) == (False, ["redis_client"], ["fastapi.testclient.TestClient"])
    assert client.closes                                               # `with TestClient(app) as c`
    redis_client = sources.fixture("redis_client")
    assert redis_client.creates == ["redis.asyncio.Redis.from_url"] and redis_client.closes
    tests = by_name(sources.tests)
    assert tests["test_read_item"].is_async and tests["test_read_item"].uses_sync_test_client      # via `client`
    assert tests["test_read_item"].params == ["client", "redis_client"]
    sync = tests["test_read_missing_item_sync"]
    assert not sync.is_async and sync.uses_sync_test_client and sync.creates == ["fastapi.testclient.TestClient"]
    assert files["app/main.py"].module_objects == []                   # FastAPI() is not loop-bound


# ---- imports and fixture decorators -------------------------------------------------------------

def test_imports_map_local_names_to_their_origin():
    file = one("""
        import pytest_asyncio as pa
        import redis.asyncio
        import redis.asyncio as aredis
        from pytest_asyncio import fixture
        from pytest import mark as m
        from .helpers import make_client
        from ..shared import db
        from . import util
        def f():
            import httpx
    """, name="tests/unit/test_x.py")
    assert file.imports == {
        "pa": "pytest_asyncio", "redis": "redis", "aredis": "redis.asyncio", "fixture": "pytest_asyncio.fixture",
        "m": "pytest.mark", "make_client": "tests.unit.helpers.make_client", "db": "tests.shared.db",
        "util": "tests.unit.util", "httpx": "httpx",
    }


def test_fixture_decorators_resolved_through_imports():
    file = one('''
        import pytest
        import pytest_asyncio as pa
        from pytest_asyncio import fixture
        from pytest import fixture as plain_fixture

        SCOPE = "module"

        @pa.fixture(scope="module", loop_scope="session", autouse=True, name="renamed")
        async def original(request, other, tmp_path, flag=True, *args, key, opt=1, **kwargs):
            yield 1

        @fixture
        async def via_from_import():
            return 1

        @plain_fixture(scope=SCOPE)
        def via_alias():
            return 1

        @pytest.fixture(scope=lambda fixture_name, config: "session")
        def dynamic():
            return 1

        @pytest.fixture("session")
        def old_positional_scope():
            return 1

        @pa.fixture(loop_scope=LOOP)
        async def dynamic_loop():
            return 1

        def not_a_fixture():
            pass
    ''')
    fixtures = by_name(file.fixtures)
    assert list(fixtures) == ["renamed", "via_from_import", "via_alias", "dynamic", "old_positional_scope", "dynamic_loop"]
    renamed = fixtures["renamed"]
    assert (renamed.function, renamed.decorator, renamed.scope, renamed.loop_scope, renamed.autouse) == \
        ("original", "pytest_asyncio.fixture", "module", "session", True)
    assert renamed.params == ["request", "other", "tmp_path", "key"]   # defaults, *args, **kwargs are not fixtures
    assert renamed.decorator_text == '@pa.fixture(scope="module", loop_scope="session", autouse=True, name="renamed")'
    assert renamed.line == 10 and renamed.decorator_line == 9
    assert fixtures["via_from_import"].decorator == "pytest_asyncio.fixture"
    assert (fixtures["via_alias"].decorator, fixtures["via_alias"].scope) == ("pytest.fixture", "module")
    assert fixtures["dynamic"].scope == "dynamic"
    assert fixtures["old_positional_scope"].scope == "session"
    assert fixtures["dynamic_loop"].loop_scope == "dynamic"


def test_multiline_decorator_text_and_unresolved_bare_fixture():
    file = one('''
        @fixture(
            scope="session",
        )
        async def client():
            return 1
    ''')
    [fixture] = file.fixtures
    assert fixture.decorator == "pytest.fixture"         # no import in the paste: pytest's is the usual one
    assert fixture.decorator_text == '@fixture(\n    scope="session",\n)'
    assert (fixture.decorator_line, fixture.line) == (2, 5)


def test_fixtures_and_tests_in_classes():
    file = one('''
        import pytest

        class TestThings:
            @pytest.fixture
            def thing(self, tmp_path):
                return 1

            async def test_one(self, thing):
                pass

            @staticmethod
            def test_static(thing):
                pass

            def helper(self):
                pass

            class TestInner:
                async def test_inner(self, thing):
                    pass

        class TestWithInit:
            def __init__(self):
                pass

            def test_never_collected(self):
                pass

        class Helpers:
            def test_not_in_a_test_class(self):
                pass

        def test_module_level(thing):
            pass

        def check_not_a_test():
            pass
    ''')
    [fixture] = file.fixtures
    assert (fixture.name, fixture.class_name, fixture.params) == ("thing", "TestThings", ["tmp_path"])
    tests = [(t.name, t.class_name, t.params) for t in file.tests]
    assert tests == [
        ("test_one", "TestThings", ["thing"]),
        ("test_static", "TestThings", ["thing"]),
        ("test_inner", "TestThings::TestInner", ["thing"]),
        ("test_module_level", None, ["thing"]),
    ]
    assert file.tests[2].node_id == "test_mod.py::TestThings::TestInner::test_inner"


def test_conftest_functions_named_test_are_not_tests():
    file = one("def test_helper():\n    pass\n", name="tests/conftest.py")
    assert file.is_conftest and file.tests == []


# ---- markers -----------------------------------------------------------------------------------

MARKED = '''
    import pytest
    from pytest import mark

    pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

    @pytest.mark.asyncio
    async def test_bare():
        pass

    @pytest.mark.asyncio(loop_scope="session")
    @pytest.mark.timeout(5)
    async def test_session():
        pass

    @mark.asyncio(scope="module")
    async def test_old_scope():
        pass

    @pytest.mark.asyncio("session")
    async def test_positional():
        pass

    @pytest.mark.asyncio(loop_scope="class")
    @pytest.mark.asyncio
    async def test_two_marks():
        pass

    async def test_module_only():
        pass

    @pytest.mark.asyncio(loop_factories=["uvloop", "stdlib"])
    async def test_factories():
        pass

    class TestClassMarked:
        pytestmark = pytest.mark.asyncio(loop_scope="class")

        async def test_in_class(self):
            pass

    @pytest.mark.asyncio(loop_scope="package")
    class TestDecoratedClass:
        pytestmark = [pytest.mark.usefixtures("db"), pytest.mark.asyncio(loop_scope="class")]

        @pytest.mark.asyncio(loop_scope="function")
        async def test_closest(self):
            pass
'''


def _scopes(test):
    return [(m.level, m.loop_scope, m.scope, m.bare, m.line) for m in test.markers]


def test_markers_closest_first():
    file = one(MARKED)
    tests = by_name(file.tests)
    module = ("module", "module", None, False, 5)
    assert [(m.level, m.loop_scope, m.line) for m in file.module_markers] == [("module", "module", 5)]
    assert _scopes(tests["test_bare"]) == [("function", None, None, True, 7), module]
    assert _scopes(tests["test_session"]) == [("function", "session", None, False, 11), module]
    assert _scopes(tests["test_old_scope"]) == [("function", None, "module", False, 16), module]
    positional = tests["test_positional"].markers[0]
    assert (positional.positional, positional.bare, positional.loop_scope) == (["session"], False, None)
    # pytest's closest marker is the decorator nearest the function (applied first)
    assert _scopes(tests["test_two_marks"])[:2] == [("function", None, None, True, 25),
                                                    ("function", "class", None, False, 24)]
    assert _scopes(tests["test_module_only"]) == [module]
    assert tests["test_factories"].markers[0].loop_factories == ["uvloop", "stdlib"]
    assert _scopes(tests["test_in_class"]) == [("class", "class", None, False, 37), module]
    assert _scopes(tests["test_closest"]) == [
        ("function", "function", None, False, 46),
        ("class", "class", None, False, 44),          # the class's own pytestmark …
        ("class", "package", None, False, 42),        # … then its decorator
        module,
    ]
    assert tests["test_closest"].params == ["db"]     # usefixtures in the class pytestmark
    assert list(file.class_markers) == ["TestClassMarked", "TestDecoratedClass"]


def test_pytestmark_forms():
    file = one('''
        import pytest
        session = pytest.mark.asyncio(loop_scope="session")
        pytestmark = [session, pytest.mark.usefixtures("event_loop")]
        pytestmark += [pytest.mark.asyncio(scope="module")]

        async def test_a(value):
            pass
    ''')
    assert [(m.loop_scope, m.scope, m.line) for m in file.module_markers] == [("session", None, 3), (None, "module", 5)]
    [test] = file.tests
    assert test.params == ["value", "event_loop"]
    assert file.requests_event_loop == [("test_a", 7)]


def test_single_pytestmark_and_tuple():
    single = one("import pytest\npytestmark = pytest.mark.asyncio\n")
    assert [(m.level, m.bare) for m in single.module_markers] == [("module", True)]
    pair = one("import pytest\npytestmark = (pytest.mark.slow, pytest.mark.asyncio(loop_scope='module'))\n")
    assert [m.loop_scope for m in pair.module_markers] == ["module"]
    assert one("import pytest\npytestmark = pytest.mark.slow\n").module_markers == []


def test_parametrized_arguments_are_not_fixture_requests():
    file = one('''
        import pytest

        @pytest.mark.parametrize("a, b", [(1, 2)])
        @pytest.mark.parametrize(["c"], [3])
        @pytest.mark.parametrize("fx", ["x"], indirect=True)
        @pytest.mark.usefixtures("setup_db")
        async def test_p(a, b, c, fx, client):
            pass
    ''')
    assert file.tests[0].params == ["fx", "client", "setup_db"]


def test_requests_of_the_event_loop_fixture():
    file = one('''
        import pytest

        @pytest.fixture
        async def conn(event_loop):
            return 1

        async def test_direct(event_loop, conn):
            pass

        def test_sync():
            pass
    ''')
    assert file.requests_event_loop == [("conn", 5), ("test_direct", 8)]
    assert file.event_loop_override is None


# ---- hooks -------------------------------------------------------------------------------------

def test_collection_hook_from_the_docs():
    file = one('''
        import pytest
        from pytest_asyncio import is_async_test


        def pytest_collection_modifyitems(items):
            pytest_asyncio_tests = (item for item in items if is_async_test(item))
            session_scope_marker = pytest.mark.asyncio(loop_scope="session")
            for async_test in pytest_asyncio_tests:
                async_test.add_marker(session_scope_marker, append=False)


        def pytest_asyncio_loop_factories(config, item):
            return {"stdlib": asyncio.new_event_loop}


        def pytest_configure(config):
            config.addinivalue_line("markers", "slow")
    ''', name="conftest.py")
    hooks = by_name(file.hooks)
    assert list(hooks) == ["pytest_collection_modifyitems", "pytest_asyncio_loop_factories", "pytest_configure"]
    hook = hooks["pytest_collection_modifyitems"]
    assert (hook.line, hook.adds_asyncio_marker, hook.marker_loop_scope, hook.marker_kwarg) == (6, True, "session", "loop_scope")
    assert hook.uses_is_async_test
    assert not hooks["pytest_configure"].adds_asyncio_marker
    assert hooks["pytest_asyncio_loop_factories"].line == 13


def test_collection_hook_variants():
    old = one('''
        import pytest, pytest_asyncio
        def pytest_collection_modifyitems(items):
            for item in items:
                if pytest_asyncio.is_async_test(item):
                    item.add_marker(pytest.mark.asyncio(scope="session"))
    ''', name="conftest.py").hooks[0]
    assert (old.marker_loop_scope, old.marker_kwarg, old.uses_is_async_test) == ("session", "scope", True)
    by_string = one('''
        def pytest_collection_modifyitems(items):
            for item in items:
                item.add_marker("asyncio")
    ''', name="conftest.py").hooks[0]
    assert by_string.adds_asyncio_marker and by_string.marker_loop_scope is None
    module_level = one('''
        import pytest
        MARK = pytest.mark.asyncio(loop_scope="module")
        def pytest_collection_modifyitems(items):
            for item in items:
                item.add_marker(MARK)
    ''', name="conftest.py").hooks[0]
    assert module_level.marker_loop_scope == "module"


# ---- loop-bound objects, clients, loops of their own ---------------------------------------------

def test_module_level_loop_bound_objects():
    file = one('''
        import asyncio
        import redis
        import redis.asyncio as aredis
        from sqlalchemy.ext.asyncio import create_async_engine
        from motor.motor_asyncio import AsyncIOMotorClient
        import httpx
        from fastapi.testclient import TestClient

        lock = asyncio.Lock()
        queue: asyncio.Queue = asyncio.Queue()
        started, stopped = asyncio.Event(), asyncio.Event()
        cache = aredis.Redis(host="localhost")
        sync_cache = redis.Redis()
        engine = create_async_engine("postgresql+asyncpg://db")
        mongo = AsyncIOMotorClient("mongodb://db")
        http = httpx.AsyncClient()
        loop = asyncio.get_event_loop()
        sync_client = TestClient(app)
        try:
            semaphore = asyncio.Semaphore(3)
        except Exception:
            pass

        class Registry:
            pending = asyncio.Queue()

        def make():
            inner = asyncio.Lock()
            return inner
    ''')
    assert [(o.name, o.line, o.constructor) for o in file.module_objects] == [
        ("lock", 10, "asyncio.Lock"),
        ("queue", 11, "asyncio.Queue"),
        ("started", 12, "asyncio.Event"),
        ("stopped", 12, "asyncio.Event"),
        ("cache", 13, "redis.asyncio.Redis"),
        ("engine", 15, "sqlalchemy.ext.asyncio.create_async_engine"),
        ("mongo", 16, "motor.motor_asyncio.AsyncIOMotorClient"),
        ("http", 17, "httpx.AsyncClient"),
        ("loop", 18, "asyncio.get_event_loop"),
        ("semaphore", 21, "asyncio.Semaphore"),
        ("Registry.pending", 26, "asyncio.Queue"),
    ]
    assert file.module_objects[0].text == "lock = asyncio.Lock()"
    assert file.sync_test_client_lines == [19]


def test_module_object_made_by_a_helper_in_another_file():
    sources = parse_sources([
        ("app/db.py", "from sqlalchemy.ext.asyncio import create_async_engine\n"
                      "def make_engine():\n    return create_async_engine('x')\n"),
        ("app/state.py", "from app.db import make_engine\nENGINE = make_engine()\n"),
    ])
    [obj] = sources.files[1].module_objects
    assert (obj.name, obj.line, obj.constructor, obj.text) == \
        ("ENGINE", 2, "sqlalchemy.ext.asyncio.create_async_engine", "ENGINE = make_engine()")


def test_tests_that_run_a_loop_of_their_own():
    file = one('''
        import asyncio
        import anyio.from_thread
        from anyio.from_thread import start_blocking_portal

        async def test_run():
            asyncio.run(main())

        async def test_until_complete():
            asyncio.get_event_loop().run_until_complete(main())

        async def test_portal():
            with start_blocking_portal() as portal:
                pass

        async def test_new_loop():
            loop = asyncio.new_event_loop()

        def run_sync(coro):
            return asyncio.run(coro)

        async def test_through_a_helper():
            run_sync(main())

        async def test_plain():
            await main()
    ''')
    runs = {t.name: t.calls_asyncio_run for t in file.tests}
    assert runs == {"test_run": True, "test_until_complete": True, "test_portal": True, "test_new_loop": True,
                    "test_through_a_helper": True, "test_plain": False}


def test_fixture_creates_and_closes():
    file = one('''
        import asyncio, asyncpg, httpx, pytest, pytest_asyncio
        from aiohttp.test_utils import TestClient

        @pytest_asyncio.fixture(scope="session")
        async def pool():
            pool = await asyncpg.create_pool("dsn")
            yield pool

        @pytest_asyncio.fixture
        async def closed_too_early():
            conn = await asyncpg.connect("dsn")
            await conn.close()
            yield conn

        @pytest_asyncio.fixture
        async def managed():
            async with httpx.AsyncClient() as client:
                yield client

        @pytest_asyncio.fixture
        async def managed_by_name():
            client = httpx.AsyncClient()
            async with client:
                yield client

        @pytest.fixture
        def finalized(request):
            conn = asyncpg.connect("dsn")
            request.addfinalizer(lambda: None)
            yield conn

        @pytest_asyncio.fixture
        async def aiohttp_client():
            return TestClient(server)

        @pytest_asyncio.fixture
        async def primitives():
            return asyncio.Queue(), asyncio.Lock()

        @pytest_asyncio.fixture
        async def runs():
            asyncio.run(main())
    ''')
    fixtures = by_name(file.fixtures)
    assert (fixtures["pool"].creates, fixtures["pool"].closes) == (["asyncpg.create_pool"], False)
    assert (fixtures["closed_too_early"].creates, fixtures["closed_too_early"].closes) == (["asyncpg.connect"], False)
    assert (fixtures["managed"].creates, fixtures["managed"].closes) == (["httpx.AsyncClient"], True)
    assert fixtures["managed_by_name"].closes
    assert fixtures["finalized"].closes
    assert fixtures["aiohttp_client"].creates == []   # aiohttp's TestClient is async: not a sync client
    assert file.sync_test_client_lines == []
    assert fixtures["primitives"].creates == ["asyncio.Queue", "asyncio.Lock"]
    assert fixtures["runs"].calls_asyncio_run and not fixtures["pool"].calls_asyncio_run


def test_needs_closing():
    assert needs_closing("asyncpg.create_pool") and needs_closing("redis.asyncio.Redis.from_url")
    assert not needs_closing("asyncio.Lock") and not needs_closing("fastapi.testclient.TestClient")


def test_test_client_through_fixtures_of_fixtures():
    sources = parse_sources([
        ("tests/conftest.py", '''import pytest
from starlette.testclient import TestClient

@pytest.fixture
def client():
    return TestClient(app)

@pytest.fixture
def api(client):
    return client
'''),
        ("tests/test_api.py", "async def test_api(api):\n    pass\n\nasync def test_other(db):\n    pass\n"),
    ])
    assert [t.uses_sync_test_client for t in sources.tests] == [True, False]


def test_module_fixture_wins_over_conftest():
    sources = parse_sources([
        ("conftest.py", "import pytest\n@pytest.fixture(scope='session')\nasync def db():\n    pass\n"),
        ("test_a.py", "import pytest\n@pytest.fixture\nasync def db():\n    pass\n"),
    ])
    assert sources.fixture("db").file == "test_a.py"
    assert sources.fixture("missing") is None


# ---- broken and hostile input --------------------------------------------------------------------

def test_syntax_error_is_recorded_and_the_lines_before_it_are_read():
    file = one('''
        import pytest

        @pytest.fixture(scope="session")
        async def client():
            return 1

        async def test_broken(client):
            await client.get(
    ''')
    assert file.parse_error == "SyntaxError: '(' was never closed (line 9)"
    assert file.parse_error_line == 9
    assert [f.name for f in file.fixtures] == ["client"]


def test_syntax_error_on_the_first_line():
    file = one("def (:\n")
    assert file.parse_error.startswith("SyntaxError:") and "(line 1)" in file.parse_error
    assert file.fixtures == [] and file.tests == []


def test_indented_fragment_is_dedented():
    file = parse_python("test_frag.py", "    async def test_a(db):\n        pass\n")
    assert file.parse_error == "IndentationError: unexpected indent (line 1)"
    assert [t.name for t in file.tests] == ["test_a"]


def test_nul_bytes():
    file = parse_python("test_nul.py", "import asyncio\nlock = asyncio.Lock()\x00\n")
    assert file.parse_error == "source code string cannot contain null bytes"
    assert [o.name for o in file.module_objects] == ["lock"]


def test_huge_file_is_not_parsed():
    file = parse_python("test_big.py", "x = 1\n" * 400_000)
    assert file.parse_error.startswith("file too large to analyse")
    assert file.tests == []


@pytest.mark.parametrize("text", [
    "x = 1" + "+1" * 200_000,                # RecursionError during ast construction
    "x = " + "-" * 200_000 + "1",            # MemoryError in the parser
    "x = " + "(" * 300 + "1" + ")" * 300,    # too many nested parentheses
    "x = f" + "()" * 100_000,
    "".join(" " * i + "if x:\n" for i in range(120)) + " " * 120 + "pass\n",
])
def test_deeply_nested_input_is_recorded_not_raised(text):
    file = parse_python("test_deep.py", text)
    assert file.parse_error
    assert file.tests == []


def test_deep_but_valid_expression_is_read():
    text = "import asyncio\nlock = asyncio.Lock()\nvalue = " + "f(" * 150 + ")" * 150 + "\n" \
           "async def test_x(db):\n    return " + " + ".join(["1"] * 2000) + "\n"
    file = parse_python("test_deep_ok.py", text)
    assert file.parse_error is None
    assert [o.name for o in file.module_objects] == ["lock"] and [t.name for t in file.tests] == ["test_x"]


def test_many_functions_parse_quickly():
    text = "import pytest\n" + "".join(
        f"@pytest.fixture\nasync def f{i}(f{i - 1 if i else 0}):\n    yield\n\nasync def test_{i}(f{i}):\n    pass\n"
        for i in range(3000))
    sources = parse_sources([("test_many.py", text)])
    assert len(sources.fixtures) == 3000 and len(sources.tests) == 3000


def test_lines_are_counted_as_python_counts_them():
    # A form feed is a line break to str.splitlines but not to Python.
    file = parse_python("test_ff.py", "import asyncio\n\x0c\nlock = asyncio.Lock()  # é\n")
    [obj] = file.module_objects
    assert (obj.line, obj.text) == (3, "lock = asyncio.Lock()  # é")


def test_code_in_top_level_blocks_keeps_source_order():
    file = one('''
        import sys, pytest
        if sys.version_info >= (3, 11):
            async def test_first():
                pass
        else:
            async def test_second():
                pass
        async def test_third():
            pass
    ''')
    assert [t.name for t in file.tests] == ["test_first", "test_second", "test_third"]


def test_only_python_files_are_read():
    sources = parse_sources([("pytest.ini", "[pytest]\n"), ("notes.txt", "def test(): pass\n"), ("t.py", "")])
    assert [f.name for f in sources.files] == ["t.py"]
    assert sources.files[0].parse_error is None


def test_a_fixture_methods_attributes_on_self_are_recorded():
    code = textwrap.dedent('''
        import pytest_asyncio

        class TestApi:
            @pytest_asyncio.fixture
            async def init(self):
                self.client = object()
                self.count: int = 0
                def helper():
                    self.hidden = 1   # a nested function's, not the fixture's
    ''')
    [fixture] = parse_python("tests/test_api.py", code).fixtures
    assert fixture.self_attributes == {"client", "count"}
