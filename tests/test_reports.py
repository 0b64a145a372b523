"""Reading whole bug reports: code quoted in them, versions named in prose, output cut short."""
from analyzer import diagnose
from analyzer.engine import quoted_code
from analyzer.environment import _MENTION
from analyzer.pytest_output import parse
from analyzer.text import normalise

REPORT = """When I run my tests the second one fails with "attached to a different loop".

conftest.py:

    @pytest.fixture(scope='session')
    def app():
        return create_app()

and test_stuff.py:

    @pytest.mark.asyncio
    async def test_stuff(app):
        await app['stuff'].do_async_stuff()

Any idea?
"""


def test_indented_blocks_of_a_prose_report_are_code():
    names = [name for name, _ in quoted_code(REPORT, with_indented=True)]
    assert names == ["<paste> block 1/conftest.py", "<paste> block 2/test_quoted.py"]
    assert quoted_code(REPORT) == []   # only fenced blocks unless asked


def test_a_sync_session_fixture_used_by_async_tests_is_cached_across_loops():
    finding = diagnose(REPORT).to_dict()["findings"][0]
    assert finding["pattern"] == "fixture-cached-longer-than-its-loop"


def test_quoted_code_cut_mid_statement_is_read_up_to_the_cut():
    report = "```py\nimport pytest\n\n@pytest.fixture(scope=\"module\")\ndef container():\n    return 1\n\nasync d\n...\n```\n"
    [(name, code)] = quoted_code(report)
    assert name == "<paste> block 1/conftest.py" and code.rstrip().endswith("return 1")


def test_versions_named_in_prose_and_pins():
    said = {text: (m.group(1) if (m := _MENTION.search(text)) else None) for text in (
        'pytest-asyncio = "==0.23.7"', "pytest-asyncio (`0.23.7`) is broken", "with pytest-asyncio v0.21.1",
        "see pytest-asyncio.readthedocs.io/en/v0.21.1", "pytest-asyncio 3 tests fail")}
    assert said == {'pytest-asyncio = "==0.23.7"': "0.23.7", "pytest-asyncio (`0.23.7`) is broken": "0.23.7",
                    "with pytest-asyncio v0.21.1": "0.21.1", "see pytest-asyncio.readthedocs.io/en/v0.21.1": None,
                    "pytest-asyncio 3 tests fail": None}


def test_internal_error_traceback_with_elided_frames_names_the_plugin():
    paste = """platform win32 -- Python 3.8.10, pytest-7.4.3, pluggy-1.3.0
rootdir: D:\\a\\proj
plugins: asyncio-0.23.0
asyncio: mode=auto
collecting ... collected 21 items
INTERNALERROR> Traceback (most recent call last):
...
INTERNALERROR>   File "C:\\env\\lib\\site-packages\\pytest_asyncio\\plugin.py", line 610, in pytest_collectstart
...
INTERNALERROR>   File "C:\\env\\lib\\site-packages\\_pytest\\outcomes.py", line 179, in skip
INTERNALERROR>     raise Skipped(msg=reason, allow_module_level=allow_module_level)
INTERNALERROR> Skipped: skipping tests on windows
"""
    facts = parse(normalise(paste))
    assert [(e.type, e.origin) for e in facts.exceptions] == [("Skipped", "internal")]
    finding = diagnose(paste).to_dict()["findings"][0]
    assert finding["pattern"] == "plugin-version-bug"
    assert next(f for f in finding["fixes"] if f["recommended"])["requires"] == "pytest-asyncio!=0.23.0"


def test_a_failed_progress_line_is_a_failure_when_the_summary_is_cut():
    paste = """platform linux -- Python 3.7.11, pytest-7.1.2, pluggy-1.0.0
rootdir: /home/ci, configfile: setup.cfg
plugins: asyncio-0.19.0
asyncio: mode=strict
collected 1 item

t.py F                                                                   [100%]

```
import pytest

@pytest.fixture
async def async_fixture1():
    yield "value"

@pytest.mark.asyncio
async def test_async_fixture1(async_fixture1):
    assert async_fixture1 == "value"
```
"""
    result = diagnose(paste).to_dict()
    assert result["verdict"] == "asyncio-misconfiguration"
    assert result["findings"][0]["pattern"] == "strict-mode-unmarked-async"
    assert next(f for f in result["findings"][0]["fixes"] if f["recommended"])["kind"] == "use-asyncio-fixture-decorator"
