"""Config files: values as pytest sees them, exact lines, pytest's precedence, misspellings."""
from pathlib import Path

import pytest

from analyzer.config import (
    BOTH_TABLES, SETUP_CFG_PYTEST, Config, guess_file_name, is_config_name, option_near_misses, parse_config,
    parse_file,
)
from tests.scaling import assert_about_linear

FILES = Path(__file__).parent / "data" / "files"
FIXTURE_OPTION = "asyncio_default_fixture_loop_scope"


def sample(path: str) -> str:
    return (FILES / path).read_text()


def only(name: str, text: str):
    """The single parsed file, and the Config it makes."""
    config = parse_config([(name, text)])
    assert len(config.files) == 1
    return config.files[0], config


def values(file) -> dict:
    return {k: (s.value, s.line) for k, s in file.settings.items()}


# ---- the corpus projects ---------------------------------------------------------------------

def test_s01_pytest_ini():
    file, config = only("pytest.ini", sample("s01/pytest.ini"))
    assert config.active is file and config.ignored == []
    assert (file.kind, file.section, file.section_line) == ("pytest.ini", "[pytest]", 1)
    assert values(file) == {
        "asyncio_mode": ("auto", 2),
        FIXTURE_OPTION: ("session", 3),
        "testpaths": ("tests", 4),
        "pythonpath": (".", 5),
    }
    setting = config.get(FIXTURE_OPTION)
    assert setting.raw_line == "asyncio_default_fixture_loop_scope = session"
    assert setting.file == "pytest.ini" and setting.section == "[pytest]"
    assert not setting.quoted and setting.toml_type is None and setting.inline_comment is None
    assert file.problems == [] and file.parse_error is None and file.misspelled_sections == []
    assert file.misspelled_options == [] and file.stray_settings == [] and not file.native_toml


def test_s02a_pyproject_ini_options():
    file, config = only("pyproject.toml", sample("s02a/pyproject.toml"))
    assert config.active is file
    assert (file.section, file.section_line, file.native_toml) == ("[tool.pytest.ini_options]", 6, False)
    assert values(file) == {
        "asyncio_mode": ("auto", 7),
        FIXTURE_OPTION: ("session", 8),
        "testpaths": ("tests", 9),
        "pythonpath": (".", 10),
    }
    assert file.settings["asyncio_mode"].toml_type == "str"
    assert file.settings["asyncio_mode"].raw_line == 'asyncio_mode = "auto"'
    assert not file.settings[FIXTURE_OPTION].quoted     # TOML quotes delimit the string
    assert file.settings["testpaths"].toml_type == "list"
    assert file.settings["testpaths"].items == ["tests"]  # pytest keeps lists
    assert file.problems == [] and file.parse_error is None


def test_s02b_setup_cfg():
    file, config = only("setup.cfg", sample("s02b/setup.cfg"))
    assert config.active is file
    assert (file.section, file.section_line) == ("[tool:pytest]", 5)
    assert values(file) == {
        "asyncio_mode": ("auto", 6),
        FIXTURE_OPTION: ("session", 7),
        "testpaths": ("tests", 8),
        "pythonpath": (".", 9),
    }
    assert "name" not in file.settings      # [metadata] is not pytest's
    assert file.problems == [] and file.misspelled_sections == []


def test_s02c_tox_ini():
    file, config = only("tox.ini", sample("s02c/tox.ini"))
    assert config.active is file
    assert (file.section, file.section_line) == ("[pytest]", 10)
    assert values(file) == {
        "asyncio_mode": ("auto", 11),
        FIXTURE_OPTION: ("session", 12),
        "testpaths": ("tests", 13),
        "pythonpath": (".", 14),
    }
    assert "commands" not in file.settings and "deps" not in file.settings
    assert file.problems == [] and file.misspelled_sections == []


def test_s02d_native_tool_pytest():
    file, config = only("pyproject.toml", sample("s02d/pyproject.toml"))
    assert config.active is file
    assert (file.section, file.section_line, file.native_toml) == ("[tool.pytest]", 6, True)
    assert values(file) == {
        "asyncio_mode": ("auto", 7),
        FIXTURE_OPTION: ("session", 8),
        "testpaths": ("tests", 9),
        "pythonpath": (".", 10),
    }
    assert file.settings["pythonpath"].items == ["."]
    assert file.problems == []


def test_s13_misspelled_value_is_kept_as_written():
    file, config = only("pytest.ini", sample("s13/pytest.ini"))
    assert config.get(FIXTURE_OPTION).value == "sesion"
    assert config.get(FIXTURE_OPTION).line == 3


def test_s05_s06_s07_configs():
    assert values(only("pytest.ini", sample("s05/pytest.ini"))[0]) == {"asyncio_mode": ("auto", 2)}
    assert values(only("pytest.ini", sample("s06/pytest.ini"))[0]) == {
        "asyncio_mode": ("strict", 2), FIXTURE_OPTION: ("function", 3)}
    assert values(only("pytest.ini", sample("s07/pytest.ini"))[0])[FIXTURE_OPTION] == ("function", 3)


# ---- INI files as iniconfig reads them -------------------------------------------------------

def test_quoted_ini_value_keeps_its_quotes():
    file, config = only("pytest.ini", '[pytest]\nasyncio_default_fixture_loop_scope = "session"\n')
    setting = config.get(FIXTURE_OPTION)
    assert setting.value == '"session"' and len(setting.value) == 9
    assert setting.quoted is True
    assert file.problems == ['pytest.ini:2: the value of asyncio_default_fixture_loop_scope is quoted; '
                             'INI files keep quotes, so the plugin sees "session"']


def test_single_quotes_and_unbalanced_quotes():
    file, _ = only("tox.ini", "[pytest]\nasyncio_mode = 'auto'\nasyncio_default_test_loop_scope = \"session\n")
    assert file.settings["asyncio_mode"].quoted and file.settings["asyncio_mode"].value == "'auto'"
    assert not file.settings["asyncio_default_test_loop_scope"].quoted


def test_ini_comments_separators_and_continuations():
    text = (
        "# leading comment\n"           # 1
        "; another\n"                   # 2
        "[pytest]  # the section\n"     # 3
        "asyncio_mode: strict\n"        # 4
        "addopts =\n"                   # 5
        "    -ra\n"                     # 6
        "\n"                            # 7
        "    # not part of the value\n"  # 8
        "    -p no:cacheprovider\n"     # 9
        "markers = slow: a slow test\n"  # 10
        "filterwarnings=error\n"        # 11
        "asyncio_default_test_loop_scope = module  # why\n"  # 12
        "value:y=5\n"                   # 13
    )
    file, config = only("pytest.ini", text)
    assert (file.section, file.section_line) == ("[pytest]", 3)
    assert values(file) == {
        "asyncio_mode": ("strict", 4),
        "addopts": ("-ra\n-p no:cacheprovider", 5),
        "markers": ("slow: a slow test", 10),   # "=" is split first unless the key holds ":"
        "filterwarnings": ("error", 11),
        "asyncio_default_test_loop_scope": ("module  # why", 12),   # pytest keeps inline comments
        "value": ("y=5", 13),
    }
    assert file.settings["addopts"].end_line == 9
    assert file.settings["asyncio_default_test_loop_scope"].inline_comment == "# why"
    assert file.parse_error is None


def test_crlf_lines_count_the_same():
    file, _ = only("pytest.ini", "[pytest]\r\nasyncio_mode = auto\r\n\r\nasyncio_debug = true\r\n")
    assert values(file) == {"asyncio_mode": ("auto", 2), "asyncio_debug": ("true", 4)}


def test_duplicate_key_is_a_parse_error_and_the_first_value_is_kept():
    file, config = only("pytest.ini", "[pytest]\nasyncio_mode = auto\nasyncio_mode = strict\n")
    assert file.parse_error == "pytest.ini:3: duplicate name 'asyncio_mode'"
    assert file.parse_error_line == 3
    assert config.get("asyncio_mode").value == "auto"
    assert any("asyncio_mode is set twice (first on line 2)" in p for p in file.problems)


def test_duplicate_key_in_another_section_still_breaks_the_file():
    file, config = only("tox.ini", "[testenv]\ndeps = a\ndeps = b\n[pytest]\nasyncio_mode = auto\n")
    assert file.parse_error == "tox.ini:3: duplicate name 'deps'"
    assert config.get("asyncio_mode").line == 5


def test_ini_structure_errors():
    assert only("pytest.ini", "asyncio_mode = auto\n[pytest]\n")[0].parse_error == \
        "pytest.ini:1: no section header defined"
    assert only("pytest.ini", "[pytest]\n[pytest]\n")[0].parse_error == "pytest.ini:2: duplicate section 'pytest'"
    assert only("pytest.ini", "[pytest]\n  orphan\n")[0].parse_error == "pytest.ini:2: unexpected value continuation"
    broken = only("pytest.ini", "[pytest]\nasyncio_mode auto\n")[0]
    assert broken.parse_error == "pytest.ini:2: unexpected line: 'asyncio_mode auto'"
    assert broken.parse_error_line == 2


def test_pytest_ini_is_used_even_without_its_section():
    for text in ("", "# nothing here\n", "[flake8]\nmax-line-length = 99\n"):
        file, config = only("pytest.ini", text)
        assert config.active is file and file.has_pytest_config
        assert file.section is None and file.section_line is None and file.settings == {}


def test_tox_ini_and_setup_cfg_need_their_section():
    assert only("tox.ini", "[tox]\nenvlist = py311\n")[1].active is None
    assert only("setup.cfg", "[metadata]\nname = x\n")[1].active is None


def test_dot_pytest_ini():
    file, config = only("proj/.pytest.ini", "[pytest]\nasyncio_mode = auto\n")
    assert (file.kind, file.directory, config.active) == (".pytest.ini", "proj", file)
    empty, _ = only(".pytest.ini", "")
    assert empty.has_pytest_config
    assert empty.problems == [".pytest.ini has no [pytest] section: pytest before 9.0 ignores it"]


# ---- misspelled sections and options ----------------------------------------------------------

@pytest.mark.parametrize("name, text, header, line", [
    ("pytest.ini", "[pytest ]\nasyncio_mode = auto\n", "[pytest ]", 1),
    ("pytest.ini", "[ pytest]\nasyncio_mode = auto\n", "[ pytest]", 1),
    ("pytest.ini", "[tool:pytest]\nasyncio_mode = auto\n", "[tool:pytest]", 1),
    ("pytest.ini", "[pytests]\nasyncio_mode = auto\n", "[pytests]", 1),
    ("tox.ini", "[tox]\nenvlist = py\n\n[tool:pytest]\nasyncio_mode = auto\n", "[tool:pytest]", 4),
    ("setup.cfg", "[metadata]\nname = x\n[tool.pytest]\nasyncio_mode = auto\n", "[tool.pytest]", 3),
    ("setup.cfg", "[tools:pytest]\nasyncio_mode = auto\n", "[tools:pytest]", 1),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.pytest.ini-options]\nasyncio_mode = "auto"\n',
     "[tool.pytest.ini-options]", 4),
    ("pyproject.toml", '[tool.pytest.ini_option]\nasyncio_mode = "auto"\n', "[tool.pytest.ini_option]", 1),
    ("pyproject.toml", '[tool.pytest.inioptions]\nasyncio_mode = "auto"\n', "[tool.pytest.inioptions]", 1),
    ("pyproject.toml", '[tool:pytest]\nasyncio_mode = "auto"\n', "[tool:pytest]", 1),
    ("pyproject.toml", '["tool:pytest"]\nasyncio_mode = "auto"\n', '["tool:pytest"]', 1),
    ("pyproject.toml", '[pytest]\nasyncio_mode = "auto"\n', "[pytest]", 1),
    ("pyproject.toml", '[tools.pytest.ini_options]\nasyncio_mode = "auto"\n', "[tools.pytest.ini_options]", 1),
    ("pytest.toml", '[tool.pytest.ini_options]\nasyncio_mode = "auto"\n', "[tool.pytest.ini_options]", 1),
])
def test_misspelled_section(name, text, header, line):
    file, config = only(name, text)
    assert file.misspelled_sections == [(header, line)]
    assert file.section is None and file.settings == {}
    assert [(s.key, s.section) for s in file.stray_settings] == [("asyncio_mode", header)]
    if name != "pytest.ini" and name != "pytest.toml":
        assert config.active is None


def test_setup_cfg_with_plain_pytest_section_is_a_hard_error():
    file, config = only("setup.cfg", "[metadata]\nname = x\n\n[pytest]\nasyncio_mode = auto\n")
    assert SETUP_CFG_PYTEST in file.problems
    assert SETUP_CFG_PYTEST == ("[pytest] section in setup.cfg files is no longer supported, "
                                "change to [tool:pytest] instead.")
    assert file.misspelled_sections == [("[pytest]", 4)]
    assert config.active is None


def test_setup_cfg_with_both_sections_reads_tool_pytest():
    file, config = only("setup.cfg", "[pytest]\nasyncio_mode = strict\n[tool:pytest]\nasyncio_mode = auto\n")
    assert config.get("asyncio_mode").value == "auto" and config.get("asyncio_mode").line == 4
    assert SETUP_CFG_PYTEST not in file.problems


@pytest.mark.parametrize("name, text", [
    ("tox.ini", "[tox]\n[testenv]\n[testenv:pytest]\n[flake8]\n[pytest-watch]\n[coverage:run]\n[pytest]\n"),
    ("setup.cfg", "[tool:pytest]\n[tool:isort]\n[options]\n[coverage:report]\n"),
    ("pyproject.toml", "[tool.pytest_env]\nA = 1\n[tool.pytest-watcher]\n[tool.coverage.run]\n[tool.ruff]\n"
                       "[tool.pytest.ini_options]\n"),
])
def test_other_tools_sections_are_not_misspellings(name, text):
    assert only(name, text)[0].misspelled_sections == []


@pytest.mark.parametrize("key, meant", [
    ("asyncio_default_fixture_scope", "asyncio_default_fixture_loop_scope"),
    ("asyncio_default_loop_scope", "asyncio_default_fixture_loop_scope"),
    ("asyncio_default_fixture_loop_scop", "asyncio_default_fixture_loop_scope"),
    ("asyncio_fixture_loop_scope", "asyncio_default_fixture_loop_scope"),
    ("default_loop_scope", "asyncio_default_fixture_loop_scope"),
    ("asyncio_default_test_scope", "asyncio_default_test_loop_scope"),
    ("asyncio_default_test_loop_scop", "asyncio_default_test_loop_scope"),
    ("asyncio_test_loop_scope", "asyncio_default_test_loop_scope"),
    ("asyncio-mode", "asyncio_mode"),
    ("asyncio_mod", "asyncio_mode"),
    ("asycnio_mode", "asyncio_mode"),
    ("ASYNCIO_MODE", "asyncio_mode"),
    ("asyncio mode", "asyncio_mode"),
    ("asyncio_debg", "asyncio_debug"),
    ("asyncio-debug", "asyncio_debug"),
    ("asyncio_mode", "asyncio_mode"),
    ("asyncio_default_fixture_loop_scope", "asyncio_default_fixture_loop_scope"),
])
def test_option_near_misses(key, meant):
    assert option_near_misses(key) == meant


@pytest.mark.parametrize("key", ["testpaths", "addopts", "python_files", "trio_mode", "anyio_backend",
                                 "asyncio_timeout", "timeout", "markers", "", "x" * 500])
def test_unrelated_keys_are_no_near_misses(key):
    assert option_near_misses(key) is None


def test_misspelled_options_are_listed_with_lines():
    text = "[pytest]\nasyncio-mode = auto\ntestpaths = tests\nasyncio_default_loop_scope = session\n"
    file, config = only("pytest.ini", text)
    assert file.misspelled_options == [("asyncio-mode", "asyncio_mode", 2),
                                       ("asyncio_default_loop_scope", FIXTURE_OPTION, 4)]
    assert config.get("asyncio_mode") is None    # pytest does not know the misspelled key


def test_asyncio_options_in_other_sections_are_strays():
    text = "[tox]\nasyncio_mode = auto\n[pytest]\ntestpaths = tests\n"
    file, _ = only("tox.ini", text)
    assert [(s.key, s.value, s.line, s.section) for s in file.stray_settings] == [("asyncio_mode", "auto", 2, "[tox]")]
    toml = '[tool.pytest-asyncio]\nasyncio_mode = "auto"\n[tool.pytest.ini_options]\ntestpaths = ["t"]\n'
    file, config = only("pyproject.toml", toml)
    assert [(s.key, s.value, s.line) for s in file.stray_settings] == [("asyncio_mode", '"auto"', 2)]
    assert file.misspelled_sections == [("[tool.pytest-asyncio]", 1)]
    assert config.get("testpaths").line == 4


# ---- TOML --------------------------------------------------------------------------------------

def test_invalid_toml_is_a_parse_error_with_its_line_and_settings_are_still_read():
    text = '[tool.pytest.ini_options]\nasyncio_mode = "auto"\nasyncio_default_fixture_loop_scope = function\n'
    file, config = only("pyproject.toml", text)
    assert file.parse_error == "pyproject.toml: Invalid value (at line 3, column 38)"
    assert file.parse_error_line == 3
    assert "pytest cannot read pyproject.toml: Invalid value (at line 3, column 38)" in file.problems
    assert config.active is file and file.section_line == 1
    assert values(file) == {"asyncio_mode": ("auto", 2), FIXTURE_OPTION: ("function", 3)}
    assert file.settings[FIXTURE_OPTION].toml_type == "invalid"
    assert file.settings["asyncio_mode"].toml_type == "str"


def test_ini_options_values_are_converted_with_str():
    text = ('[tool.pytest.ini_options]\nasyncio_debug = true\ntimeout = 5\nratio = 0.5\n'
            'asyncio_mode = "auto"\nmarkers = ["slow", "db"]\n')
    file, _ = only("pyproject.toml", text)
    assert {k: (s.value, s.toml_type) for k, s in file.settings.items()} == {
        "asyncio_debug": ("True", "bool"),   # str(True), as pytest's make_scalar does
        "timeout": ("5", "int"),
        "ratio": ("0.5", "float"),
        "asyncio_mode": ("auto", "str"),
        "markers": ("slow db", "list"),
    }
    assert file.settings["markers"].items == ["slow", "db"]


def test_native_values_keep_their_type():
    file, _ = only("pyproject.toml", '[tool.pytest]\nasyncio_debug = true\nasyncio_default_fixture_loop_scope = 1\n')
    assert file.native_toml
    assert (file.settings["asyncio_debug"].value, file.settings["asyncio_debug"].toml_type) == ("true", "bool")
    assert (file.settings[FIXTURE_OPTION].value, file.settings[FIXTURE_OPTION].toml_type) == ("1", "int")


def test_both_pyproject_tables_is_the_pytest9_error():
    text = ('[tool.pytest]\nasyncio_mode = "strict"\n\n[tool.pytest.ini_options]\n'
            'asyncio_mode = "auto"\n')
    file, config = only("pyproject.toml", text)
    assert file.problems == [BOTH_TABLES.format(name="pyproject.toml")]
    assert "Cannot use both [tool.pytest] (native TOML types) and [tool.pytest.ini_options]" in file.problems[0]
    # pytest 8 reads only the INI-style table
    assert (file.section, file.section_line, file.native_toml) == ("[tool.pytest.ini_options]", 4, False)
    assert config.get("asyncio_mode").value == "auto" and config.get("asyncio_mode").line == 5


def test_empty_ini_options_table_still_counts():
    file, config = only("pyproject.toml", '[project]\nname = "x"\n[tool.pytest.ini_options]\n')
    assert config.active is file and file.settings == {} and file.section_line == 3


def test_toml_key_lines_survive_arrays_strings_and_comments():
    text = (
        '[project]\n'                                   # 1
        'description = """\n'                           # 2
        '[tool.pytest.ini_options]\n'                   # 3  (inside a string)
        'asyncio_mode = "strict"\n'                     # 4  (inside a string)
        '"""\n'                                         # 5
        'classifiers = [\n'                             # 6
        '  "a",  # [not a table]\n'                     # 7
        '  ["b"],\n'                                    # 8
        ']\n'                                           # 9
        '\n'                                            # 10
        '[ tool . pytest . ini_options ]  # spaced\n'   # 11
        '# asyncio_mode = "strict"\n'                   # 12
        'filterwarnings = [\n'                          # 13
        '    "error",\n'                                # 14
        '    "ignore::DeprecationWarning",\n'           # 15
        ']\n'                                           # 16
        '"asyncio_mode" = "auto"  # quoted key\n'       # 17
        "asyncio_default_fixture_loop_scope = 'module'\n"  # 18
        '\n'                                            # 19
        '[tool.coverage]\n'                             # 20
        'asyncio_mode = 1\n'                            # 21
    )
    file, config = only("pyproject.toml", text)
    assert file.parse_error is None
    assert (file.section, file.section_line) == ("[tool.pytest.ini_options]", 11)
    assert values(file) == {
        "filterwarnings": ("error ignore::DeprecationWarning", 13),
        "asyncio_mode": ("auto", 17),
        FIXTURE_OPTION: ("module", 18),
    }
    assert file.settings["filterwarnings"].end_line == 16
    assert [(s.key, s.line, s.section) for s in file.stray_settings] == [("asyncio_mode", 21, "[tool.coverage]")]
    assert file.misspelled_sections == []


def test_dotted_keys_in_the_tool_pytest_table():
    text = '[tool.pytest]\nini_options.asyncio_mode = "auto"\n'
    file, config = only("pyproject.toml", text)
    assert file.section == "[tool.pytest.ini_options]" and not file.native_toml
    assert config.get("asyncio_mode").line == 2


def test_pytest_toml_is_native_and_always_taken():
    file, config = only("pytest.toml", '[pytest]\nasyncio_mode = "auto"\nasyncio_debug = true\n')
    assert config.active is file and file.native_toml
    assert (file.section, file.section_line) == ("[pytest]", 1)
    assert values(file) == {"asyncio_mode": ("auto", 2), "asyncio_debug": ("true", 3)}


def test_pytest_toml_with_options_outside_the_table():
    file, config = only(".pytest.toml", 'asyncio_mode = "auto"\n')
    assert config.active is file and file.section is None and file.settings == {}
    assert file.problems == [".pytest.toml: pytest configuration must be under a [pytest] table "
                             "(found top-level options: asyncio_mode)"]


def test_misspelled_ini_options_table_is_not_taken_as_a_native_table():
    file, config = only("pyproject.toml", '[tool.pytest.ini-options]\nasyncio_mode = "auto"\n')
    assert config.active is None and not file.native_toml and not file.has_pytest_config


# ---- precedence --------------------------------------------------------------------------------

ALL_KINDS = [
    ("setup.cfg", "[tool:pytest]\nasyncio_mode = auto\n"),
    ("tox.ini", "[pytest]\nasyncio_mode = auto\n"),
    ("pyproject.toml", '[tool.pytest.ini_options]\nasyncio_mode = "auto"\n'),
    (".pytest.ini", "[pytest]\n"),
    ("pytest.ini", "[pytest]\n"),
    (".pytest.toml", "[pytest]\n"),
    ("pytest.toml", "[pytest]\n"),
]


@pytest.mark.parametrize("drop", range(len(ALL_KINDS)))
def test_precedence_within_one_directory(drop):
    # Remove the winners one by one: the next name in pytest's order wins, every other loses.
    given = ALL_KINDS[:len(ALL_KINDS) - drop]
    config = parse_config(given)
    winner = given[-1][0]
    assert config.active.name == winner
    assert sorted(f.name for f in config.ignored) == sorted(n for n, _ in given if n != winner)


def test_files_without_pytest_config_are_neither_active_nor_ignored():
    config = parse_config([("pyproject.toml", '[project]\nname = "x"\n'), ("tox.ini", "[tox]\n"),
                           ("setup.cfg", "[tool:pytest]\nasyncio_mode = auto\n")])
    assert config.active.name == "setup.cfg" and config.ignored == []


def test_pytest_ini_beats_pyproject_with_ini_options():
    config = parse_config([("pyproject.toml", sample("s02a/pyproject.toml")), ("pytest.ini", sample("s06/pytest.ini"))])
    assert config.active.name == "pytest.ini"
    assert [f.name for f in config.ignored] == ["pyproject.toml"]
    assert config.get("asyncio_mode").value == "strict"


def test_non_config_files_are_skipped():
    config = parse_config([("conftest.py", "import pytest\n"), ("README.md", "[pytest]\n"), ("pytest.ini", "[pytest]\n")])
    assert [f.name for f in config.files] == ["pytest.ini"]


def test_names_with_paths_take_their_kind_from_the_base_name():
    config = parse_config([("proj/tests/pytest.ini", "[pytest]\nasyncio_mode = auto\n")])
    file = config.files[0]
    assert (file.kind, file.directory, file.name) == ("pytest.ini", "proj/tests", "proj/tests/pytest.ini")
    assert config.get("asyncio_mode").file == "proj/tests/pytest.ini"


def test_the_config_nearer_the_tests_wins():
    files = [("pyproject.toml", '[tool.pytest.ini_options]\nasyncio_mode = "auto"\n'),
             ("tests/pytest.ini", "[pytest]\nasyncio_mode = strict\n")]
    assert parse_config(files).active.name == "tests/pytest.ini"
    assert parse_config(files, test_paths=["tests/test_a.py"]).active.name == "tests/pytest.ini"
    assert parse_config(files, test_paths=["test_root.py"]).active.name == "pyproject.toml"
    assert [f.name for f in parse_config(files).ignored] == ["pyproject.toml"]


def test_bare_names_share_one_directory():
    config = parse_config([("tox.ini", "[pytest]\n"), ("./pytest.ini", "[pytest]\n")])
    assert config.active.name == "./pytest.ini"


def test_get_without_active_config():
    assert Config(files=[], active=None).get("asyncio_mode") is None
    assert parse_config([]).active is None


@pytest.mark.parametrize("name, expected", [
    ("pytest.ini", True), (".pytest.ini", True), ("pytest.toml", True), (".pytest.toml", True),
    ("pyproject.toml", True), ("tox.ini", True), ("setup.cfg", True), ("a/b/setup.cfg", True),
    ("proj\\tox.ini", True), ("conftest.py", False), ("pytest.ini.bak", False), ("my-pytest.ini", False),
    ("", False), ("Cargo.toml", False),
])
def test_is_config_name(name, expected):
    assert is_config_name(name) is expected


# ---- unnamed pastes -------------------------------------------------------------------------------

@pytest.mark.parametrize("path, expected", [
    ("s01/pytest.ini", "pytest.ini"),
    ("s02a/pyproject.toml", "pyproject.toml"),
    ("s02b/setup.cfg", "setup.cfg"),
    ("s02c/tox.ini", "tox.ini"),
    ("s02d/pyproject.toml", "pyproject.toml"),
    ("s05/tests/conftest.py", "conftest.py"),
    ("s07/tests/conftest.py", "conftest.py"),
    ("s01/tests/test_users.py", "test_pasted.py"),
    ("s06/tests/test_items.py", "test_pasted.py"),
])
def test_guess_file_name_of_real_files(path, expected):
    assert guess_file_name(sample(path)) == expected


@pytest.mark.parametrize("text, expected", [
    ("asyncio_mode = auto\n", "pytest.ini"),
    ('asyncio_mode = "auto"\n', "pyproject.toml"),
    ("[pytest]\nasyncio_default_fixture_loop_scope = \"session\"\n", "pytest.ini"),
    ("[tool.pytest.ini_options]\nasyncio_mode = 'auto'\n", "pyproject.toml"),
    ("[tool.pytest]\nasyncio_mode = 'auto'\n", "pyproject.toml"),
    ("[testenv]\ncommands = pytest\n", "tox.ini"),
    ("[tool:pytest]\n", "setup.cfg"),
    ("def pytest_collection_modifyitems(items):\n    pass\n", "conftest.py"),
    ("import pytest\n\n@pytest.fixture\ndef x():\n    return [1]\n", "conftest.py"),
    ("async def test_it():\n    assert [1]\n", "test_pasted.py"),
    ("", "test_pasted.py"),
    ("just some words\n", "test_pasted.py"),
])
def test_guess_file_name(text, expected):
    assert guess_file_name(text) == expected


# ---- hostile input ------------------------------------------------------------------------------

def test_huge_config_is_refused_not_parsed():
    file = parse_file("pytest.ini", "[pytest]\n" + "a = b\n" * 400_000)
    assert file.parse_error.startswith("pytest.ini: too large to be a config file")
    assert file.settings == {}


def test_many_lines_parse_in_linear_time():
    text = "[pytest]\naddopts =\n" + "    -v\n" * 100_000 + "".join(f"k{i} = {i}\n" for i in range(20_000))
    file = parse_file("pytest.ini", text)
    assert file.settings["addopts"].end_line == 100_002 and len(file.settings) == 20_001


@pytest.mark.parametrize("unit, repeats, tail", [("[\n", 100_000, ""), ("[", 200_000, ""), ("[a\n", 60_000, "x = ["),
                                                (" ", 200_000, "x")])
def test_guess_file_name_is_fast_on_hostile_text(unit, repeats, tail):
    assert_about_linear(guess_file_name, lambda n: unit * n + tail, repeats // 4)


def test_nul_bytes_and_deep_nesting_do_not_crash():
    assert parse_file("pytest.ini", "[pytest]\x00\nasyncio_mode = au\x00to\n").settings["asyncio_mode"].value == "auto"
    deep = parse_file("pyproject.toml", "[tool.pytest.ini_options]\nx = " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert deep.parse_error is not None and deep.section_line == 1
    garbage = parse_file("pyproject.toml", "\x00\ufeff[[[\n'''\n= = =\n[tool.pytest.ini_options\n")
    assert garbage.parse_error is not None
