"""Which release, mode and loop-scope defaults a paste shows, and where each was read."""
import pytest

from analyzer import diagnose

HEADER = """============================= test session starts ==============================
platform linux -- Python {py}, pytest-{pytest}, pluggy-1.6.0
rootdir: /home/dev/proj
configfile: pytest.ini
plugins: {plugins}
{asyncio}
collected 1 item

tests/test_a.py .                                                        [100%]

============================== 1 passed in 0.01s ===============================
"""


def env_of(asyncio_line, plugins="anyio-4.4.0", py="3.11.7", pytest_version="8.4.2", files=(), hints=None):
    paste = HEADER.format(py=py, pytest=pytest_version, plugins=plugins, asyncio=asyncio_line)
    return diagnose(paste, files, hints).to_dict()["environment"]


@pytest.mark.parametrize("line,version_range,mode,fixture_default,test_default", [
    ("asyncio: mode=Mode.STRICT", "0.17.1 to 0.23.8", "strict", None, None),
    ("asyncio: mode=Mode.STRICT, default_loop_scope=None", "0.24.0", "strict", None, None),
    ("asyncio: mode=Mode.AUTO, asyncio_default_fixture_loop_scope=session", "0.25.0 to 0.25.3", "auto", "session", None),
    ("asyncio: mode=Mode.STRICT, asyncio_default_fixture_loop_scope=None, asyncio_default_test_loop_scope=function",
     "0.26.0 to 1.1.1", "strict", None, "function"),
    ("asyncio: mode=Mode.AUTO, debug=True, asyncio_default_fixture_loop_scope=function, asyncio_default_test_loop_scope=session",
     ">=1.2.0", "auto", "function", "session"),
    ("asyncio: mode=strict, debug=False, asyncio_default_fixture_loop_scope=None, asyncio_default_test_loop_scope=function",
     ">=1.2.0", "strict", None, "function"),
])
def test_asyncio_header_formats_bound_the_release(line, version_range, mode, fixture_default, test_default):
    env = env_of(line)
    single = " " not in version_range and not version_range.startswith(">")
    assert env["pytest_asyncio_version"] == (version_range if single else None)
    assert env["pytest_asyncio_range"] == version_range
    assert env["asyncio_mode"] == mode
    assert env["default_fixture_loop_scope"] == fixture_default
    if test_default:
        assert env["default_test_loop_scope"] == test_default
    assert env["sources"]["asyncio_mode"] == "<paste>:6"


def test_plugins_line_gives_the_exact_release_and_its_line():
    env = env_of("asyncio: mode=Mode.AUTO, default_loop_scope=\"session\"", plugins="anyio-4.4.0, asyncio-0.24.0")
    assert env["pytest_asyncio_version"] == "0.24.0"
    assert env["sources"]["pytest_asyncio_version"] == "<paste>:5"
    assert env["default_fixture_loop_scope"] == '"session"'   # quotes kept, as the plugin saw it
    assert env["python_version"] == "3.11.7" and env["pytest_version"] == "8.4.2"
    assert env["config_file"] == "pytest.ini" and env["sources"]["config_file"] == "<paste>:4"


def test_post_release_spelling_is_kept():
    env = env_of("asyncio: mode=Mode.AUTO, debug=False, asyncio_default_fixture_loop_scope=None, "
                 "asyncio_default_test_loop_scope=function", plugins="asyncio-1.4.1.post1")
    assert env["pytest_asyncio_version"] == "1.4.1.post1"


def test_config_file_values_when_the_header_is_missing():
    paste = "E   RuntimeError: Task <Task pending> got Future <Future pending> attached to a different loop\n"
    files = [("setup.cfg", "[metadata]\nname = x\n\n[tool:pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = session\n")]
    env = diagnose(paste, files).to_dict()["environment"]
    assert env["asyncio_mode"] == "auto" and env["sources"]["asyncio_mode"] == "setup.cfg:5"
    assert env["default_fixture_loop_scope"] == "session"
    assert env["sources"]["default_fixture_loop_scope"] == "setup.cfg:6"
    assert env["config_file"] == "setup.cfg"


def test_hint_is_used_only_without_a_plugins_line():
    env = env_of("asyncio: mode=Mode.STRICT", plugins="asyncio-0.23.8", hints={"pytest_asyncio_version": "1.5.0"})
    assert env["pytest_asyncio_version"] == "0.23.8"


@pytest.mark.parametrize("text,version_range", [
    ("E   Failed: ScopeMismatch: You tried to access the function scoped fixture _function_scoped_runner with a session scoped request object.", ">=1.1.0"),
    ("E   Failed: ScopeMismatch: You tried to access the function scoped fixture _function_event_loop with a session scoped request object.", "1.0.0"),
    ("ERROR: 'sesion' is not a valid asyncio_default_fixture_loop_scope. Valid scopes are: function, class, module, package, session.", ">=1.2.0"),
    ("E       fixture '_sesion_scoped_runner' not found", "1.1.0 to 1.1.1"),
])
def test_messages_fingerprint_the_release(text, version_range):
    env = diagnose(text + "\n").to_dict()["environment"]
    assert env["pytest_asyncio_range"] == version_range
