"""The loop model against the verified placement matrix (which loop each fixture and test
gets, per release): a session-cached fixture used by two tests, under each configuration."""
import pytest

from analyzer.environment import EnvModel, Known
from analyzer.loops import build_model, place_fixture, place_test
from analyzer.releases import V, VersionRange
from analyzer.sources import Fixture, Hook, Marker, PythonFile, Sources
from analyzer.sources import Test as SrcTest


def env(version: str, mode="auto", fixture_default=None, test_default=None) -> EnvModel:
    v = V(version)
    return EnvModel(
        versions=VersionRange(v, v), version_source="test", version_exact=True,
        python=Known("3.11.7", ""), pytest=Known("8.4.2", ""), platform=Known("linux", ""),
        mode=Known(mode, ""), fixture_default=Known(fixture_default, ""), test_default=Known(test_default, ""),
        config_file=Known(None, ""),
    )


def fixture(name="sfix", scope="session", loop_scope=None, decorator="pytest_asyncio.fixture", is_async=True):
    return Fixture(name=name, function=name, file="conftest.py", line=5, decorator_line=4, decorator=decorator,
                   decorator_text="@pytest_asyncio.fixture", is_async=is_async, is_generator=True, scope=scope,
                   loop_scope=loop_scope)


def make_test(name="test_1", markers=(), params=("sfix",)):
    return SrcTest(name=name, file="test_a.py", line=3, is_async=True, params=list(params), markers=list(markers))


def sources(fixtures, tests, hooks=(), override=None):
    conftest = PythonFile(name="conftest.py", text="", is_conftest=True, fixtures=list(fixtures),
                          hooks=list(hooks), event_loop_override=override)
    return Sources([conftest, PythonFile(name="test_a.py", text="", is_conftest=False, tests=list(tests))])


def shared(version, **kw) -> bool:
    """True when the session fixture and the test share a loop (and nothing errors)."""
    f, t = kw.pop("fixture", fixture()), kw.pop("test", make_test())
    src = sources([f], [t], kw.pop("hooks", ()), kw.pop("override", None))
    e = env(version, **kw)
    pf, pt = place_fixture(f, V(version), e, src), place_test(t, V(version), e, src)
    return pf.problem is None and pf.loop == pt.loop


NEW = ["0.24.0", "0.25.3", "0.26.0", "1.0.0", "1.1.1", "1.2.0", "1.3.0", "1.5.0"]


@pytest.mark.parametrize("version", ["0.23.8"] + NEW)
def test_s1_nothing_configured_puts_tests_on_other_loops(version):
    assert not shared(version)


@pytest.mark.parametrize("version", ["0.17.2", "0.21.2", "0.22.0"])
def test_old_releases_scope_mismatch_without_override(version):
    f = fixture()
    e = env(version)
    assert place_fixture(f, V(version), e, sources([f], [])).problem == "scope-mismatch"


@pytest.mark.parametrize("version", NEW)
def test_s2_function_default_on_session_fixture_is_scope_mismatch(version):
    f = fixture()
    assert place_fixture(f, V(version), env(version, fixture_default="function"), sources([f], [])).problem == "scope-mismatch"


@pytest.mark.parametrize("version,expected", [("0.25.3", False), ("0.26.0", True), ("1.5.0", True)])
def test_s4_test_default_session(version, expected):
    assert shared(version, test_default="session") is expected


@pytest.mark.parametrize("version,expected", [("0.23.8", False), ("0.24.0", True), ("1.5.0", True)])
def test_s5_module_pytestmark_loop_scope(version, expected):
    mark = Marker(file="test_a.py", line=1, loop_scope="session", bare=False, level="module")
    assert shared(version, test=make_test(markers=[mark])) is expected


@pytest.mark.parametrize("version", ["0.23.8"] + NEW)
def test_s5b_bare_per_test_mark_hides_module_mark(version):
    bare = Marker(file="test_a.py", line=3, level="function")
    module = Marker(file="test_a.py", line=1, loop_scope="session", bare=False, level="module")
    assert not shared(version, test=make_test(markers=[bare, module]))


@pytest.mark.parametrize("version", ["0.23.8"] + NEW)
def test_s5c_scope_keyword_works_from_023(version):
    mark = Marker(file="test_a.py", line=1, scope="session", bare=False, level="module")
    assert shared(version, test=make_test(markers=[mark]))


@pytest.mark.parametrize("version,expected", [("0.23.8", False), ("0.24.0", True), ("1.0.0", False), ("1.1.1", True)])
def test_s6_collection_hook_with_marked_tests(version, expected):
    hook = Hook(name="pytest_collection_modifyitems", file="conftest.py", line=9, adds_asyncio_marker=True,
                marker_loop_scope="session")
    bare = Marker(file="test_a.py", line=3, level="function")
    assert shared(version, hooks=[hook], test=make_test(markers=[bare])) is expected


@pytest.mark.parametrize("version,expected", [("0.21.2", True), ("0.22.0", True), ("0.23.8", False), ("1.5.0", False)])
def test_s8_event_loop_override(version, expected):
    override = fixture(name="event_loop", scope="session", decorator="pytest.fixture", is_async=False)
    assert shared(version, override=override) is expected


def test_crossings_listed_for_the_classic_case():
    f = fixture(name="db", scope="function", decorator="pytest.fixture")
    model = build_model(env("1.5.0", fixture_default="session"), sources([f], [make_test(params=["db"])]))
    assert [(c.fixture, c.test, c.fixture_loop, c.test_loop) for c in model.crossings] == [("db", "test_1", "session", "function")]


def test_strict_mode_leaves_plain_async_fixture_unhandled():
    f = fixture(name="db", scope="function", decorator="pytest.fixture")
    placement = place_fixture(f, V("1.5.0"), env("1.5.0", mode="strict"), sources([f], []))
    assert placement.loop is None and placement.problem == "unhandled"
