"""Config files -> pytest settings with positions, under pytest's precedence rules.

INI files are read line by line the way pytest's ``iniconfig`` reads them (values are raw
strings: quotes and inline comments stay in the value), because the exact line of every
key and the exact value pytest sees are what a diagnosis points at. TOML files go through
``tomllib``; key positions come from a light scan of the same text.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib


@dataclass
class Setting:
    key: str             # the option name as written
    value: str           # raw value as pytest would see it (quotes kept for INI files, str() for ini_options TOML)
    file: str            # the file name as given
    line: int            # 1-based line of the key
    raw_line: str        # the full text of that line
    quoted: bool = False          # an INI value wrapped in quotes (pytest keeps them: a bug)
    toml_type: str | None = None  # for TOML: "str", "int", "bool", "list", … ("invalid" when the file did not parse)
    section: str | None = None    # the section it sits in, as written ("[pytest]", "[tool.pytest.ini_options]")
    end_line: int = 0             # last line of the value (INI continuation lines, multi-line TOML arrays)
    inline_comment: str | None = None  # INI: a trailing "# …"/"; …" that pytest keeps inside the value
    items: list | None = None     # TOML arrays: the elements, kept as a list (pytest keeps lists)


@dataclass
class ConfigFile:
    name: str            # as given, may carry a path ("proj/pyproject.toml")
    kind: str            # "pytest.ini" | ".pytest.ini" | "pytest.toml" | ".pytest.toml" | "pyproject.toml" | "tox.ini" | "setup.cfg"
    text: str
    section: str | None              # the pytest section found: "[pytest]", "[tool:pytest]", "[tool.pytest.ini_options]", "[tool.pytest]"
    section_line: int | None         # its 1-based line
    settings: dict[str, Setting] = field(default_factory=dict)   # keyed by option name
    problems: list[str] = field(default_factory=list)            # "setup.cfg uses [pytest]: pytest rejects it", TOML syntax error, …
    misspelled_sections: list[tuple[str, int]] = field(default_factory=list)  # e.g. ("[tool.pytest.ini-options]", 5)
    native_toml: bool = False        # [tool.pytest] / pytest.toml: needs pytest >= 9
    parse_error: str | None = None   # invalid TOML/INI: why, with line
    parse_error_line: int | None = None   # the 1-based line of parse_error
    has_pytest_config: bool = False  # pytest's discovery would take this file (it "matches")
    directory: str = ""              # the directory part of the name ("" when none was given)
    misspelled_options: list[tuple[str, str, int]] = field(default_factory=list)  # (key, intended option, line)
    stray_settings: list[Setting] = field(default_factory=list)  # asyncio options outside the pytest section


@dataclass
class Config:
    files: list[ConfigFile]          # every config file given, parsed
    active: ConfigFile | None        # the one pytest would use (precedence within a directory)
    ignored: list[ConfigFile] = field(default_factory=list)  # others with pytest config

    def get(self, key: str) -> Setting | None:
        return self.active.settings.get(key) if self.active else None


# pytest's discovery order within one directory (findpaths.CONFIG_LOADERS_BY_NAME).
PRECEDENCE = ("pytest.toml", ".pytest.toml", "pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg")
INI_KINDS = {"pytest.ini", ".pytest.ini", "tox.ini", "setup.cfg"}
INI_SECTION = {"pytest.ini": "pytest", ".pytest.ini": "pytest", "tox.ini": "pytest", "setup.cfg": "tool:pytest"}

ASYNCIO_OPTIONS = ("asyncio_mode", "asyncio_default_fixture_loop_scope", "asyncio_default_test_loop_scope", "asyncio_debug")
FIXTURE_OPTION, TEST_OPTION = "asyncio_default_fixture_loop_scope", "asyncio_default_test_loop_scope"

SETUP_CFG_PYTEST = "[pytest] section in setup.cfg files is no longer supported, change to [tool:pytest] instead."
BOTH_TABLES = ("{name}: Cannot use both [tool.pytest] (native TOML types) and [tool.pytest.ini_options] "
               "(string-based INI format) simultaneously. Please use [tool.pytest] with native TOML types "
               "(recommended) or [tool.pytest.ini_options] for backwards compatibility.")

MAX_CONFIG_CHARS = 1_000_000   # beyond this a pasted "config" is not one; don't spend time on it


# ---- names -----------------------------------------------------------------------------

def base_name(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def directory_of(name: str) -> str:
    path = name.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path.rsplit("/", 1)[0] if "/" in path else ""


def is_config_name(name: str) -> bool:
    """True when a file name is one pytest reads configuration from."""
    return base_name(name or "") in PRECEDENCE


# ---- entry points ------------------------------------------------------------------------

def parse_config(files: list[tuple[str, str]], test_paths: list[str] | None = None) -> Config:
    """Parse every config file among ``files`` ((name, text) pairs); others are ignored.

    ``test_paths`` (optional names of test files) decide between config files in different
    directories: pytest takes the one in the nearest directory above the tests.
    """
    parsed = [parse_file(name, text) for name, text in files if is_config_name(name)]
    active = _choose_active(parsed, test_paths or [])
    ignored = [f for f in parsed if f.has_pytest_config and f is not active]
    return Config(files=parsed, active=active, ignored=ignored)


def parse_file(name: str, text: str) -> ConfigFile:
    """One config file, parsed according to the kind its base name gives."""
    kind = base_name(name)
    config = ConfigFile(name=name, kind=kind, text=text, section=None, section_line=None,
                        directory=directory_of(name))
    if len(text) > MAX_CONFIG_CHARS:
        config.parse_error = f"{name}: too large to be a config file ({len(text)} characters)"
        config.problems.append(config.parse_error)
        return config
    text = text.replace("\x00", "")   # a NUL cannot be part of any option; it only breaks parsers
    if kind in INI_KINDS:
        _read_ini_file(config, text)
    elif kind.endswith(".toml"):
        _read_toml_file(config, text)
    _note_misspelled_options(config)
    return config


# ---- INI files (pytest.ini, .pytest.ini, tox.ini, setup.cfg) --------------------------------

@dataclass
class _IniSection:
    name: str        # as pytest sees it: the text between the brackets, comments dropped
    line: int
    header: str      # the header as written, e.g. "[pytest ]"


@dataclass
class _IniEntry:
    section: _IniSection | None
    key: str
    parts: list[str]     # the value's lines (joined once: long continued values stay linear)
    line: int
    end_line: int
    raw_line: str

    @property
    def value(self) -> str:
        return "\n".join(self.parts)


@dataclass
class _IniScan:
    sections: list[_IniSection] = field(default_factory=list)
    entries: list[_IniEntry] = field(default_factory=list)
    line_errors: list[tuple[int, str]] = field(default_factory=list)       # iniconfig stops at the first
    structure_errors: list[tuple[int, str]] = field(default_factory=list)  # … then checks these
    seen: set = field(default_factory=set)   # section names and (section line, key) pairs already read


def _scan_ini(text: str) -> _IniScan:
    """The sections and entries of an INI text, read as iniconfig reads them."""
    scan = _IniScan()
    section: _IniSection | None = None
    current: _IniEntry | None = None      # the entry that continuation lines extend
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue   # blank and comment lines do not end a multi-line value
        line = line.rstrip()
        if line[0] == "[":
            header = _ini_header(line)
            if header is not None:
                section, current = _IniSection(header, number, line.strip()), None
                _add_section(scan, section)
                continue
            data = stripped          # "[not a header" is a continuation line to iniconfig
        elif not line[0].isspace():
            current = _ini_entry(scan, section, line, number)
            continue
        else:
            data = stripped
        _continue_entry(scan, current, data, number)
    return scan


def _ini_header(line: str) -> str | None:
    head = line
    for char in "#;":
        head = head.split(char)[0].rstrip()
    return head[1:-1] if head.endswith("]") else None


def _add_section(scan: _IniScan, section: _IniSection) -> None:
    if not section.name:
        scan.line_errors.append((section.line, "empty section name"))
    elif section.name in scan.seen:
        scan.structure_errors.append((section.line, f"duplicate section {section.name!r}"))
    scan.seen.add(section.name)
    scan.sections.append(section)


def _ini_entry(scan: _IniScan, section: _IniSection | None, line: str, number: int) -> _IniEntry | None:
    key, sep, value = line.partition("=")
    if not sep or ":" in key:
        key, sep, value = line.partition(":")
    if not sep:
        scan.line_errors.append((number, f"unexpected line: {line!r}"))
        return None
    value = value.strip()
    entry = _IniEntry(section, key.strip(), [value] if value else [], number, number, line)
    identity = (section.line if section else 0, entry.key)
    if section is None:
        scan.structure_errors.append((number, "no section header defined"))
    elif identity in scan.seen:
        scan.structure_errors.append((number, f"duplicate name {entry.key!r}"))
    scan.seen.add(identity)
    scan.entries.append(entry)
    return entry


def _continue_entry(scan: _IniScan, entry: _IniEntry | None, data: str, number: int) -> None:
    if entry is None:
        scan.line_errors.append((number, "unexpected value continuation"))
        return
    if data or entry.parts:   # iniconfig: an empty first value is replaced, later ones are appended
        entry.parts.append(data)
    entry.end_line = number


def _read_ini_file(config: ConfigFile, text: str) -> None:
    scan = _scan_ini(text)
    errors = scan.line_errors or scan.structure_errors
    if errors:
        line, message = errors[0]
        config.parse_error = f"{config.name}:{line}: {message}"   # pytest: "ERROR: <path>:<line>: <message>"
        config.parse_error_line = line
        config.problems.append(f"pytest cannot read {config.name}: {config.parse_error}")
    wanted = INI_SECTION[config.kind]
    section = next((s for s in scan.sections if s.name == wanted), None)
    if section is not None:
        config.section, config.section_line = f"[{wanted}]", section.line
        _take_ini_settings(config, scan, section)
    config.has_pytest_config = section is not None or config.kind in ("pytest.ini", ".pytest.ini")
    _check_ini_sections(config, scan, section)
    _collect_ini_strays(config, scan, section)


def _ini_setting(config: ConfigFile, entry: _IniEntry) -> Setting:
    value = entry.value
    quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'"
    comment = re.search(r"\s[#;].*$", value.split("\n")[0])
    return Setting(key=entry.key, value=value, file=config.name, line=entry.line, raw_line=entry.raw_line,
                   quoted=quoted, section=entry.section.header if entry.section else None,
                   end_line=entry.end_line, inline_comment=comment.group(0).strip() if comment else None)


def _take_ini_settings(config: ConfigFile, scan: _IniScan, section: _IniSection) -> None:
    for entry in scan.entries:
        if entry.section is not section:
            continue
        if entry.key in config.settings:
            config.problems.append(f"{config.name}:{entry.line}: {entry.key} is set twice (first on line "
                                   f"{config.settings[entry.key].line}); pytest refuses the file")
            continue
        setting = _ini_setting(config, entry)
        config.settings[entry.key] = setting
        if setting.quoted and _is_asyncio_key(entry.key):
            config.problems.append(f"{config.name}:{entry.line}: the value of {entry.key} is quoted; "
                                   f"INI files keep quotes, so the plugin sees {setting.value}")


def _check_ini_sections(config: ConfigFile, scan: _IniScan, section: _IniSection | None) -> None:
    wanted = INI_SECTION[config.kind]
    for other in scan.sections:
        if other is not section and _is_misspelled_ini_section(other.name, wanted):
            config.misspelled_sections.append((other.header.split("]")[0] + "]", other.line))
    if config.kind == "setup.cfg" and section is None and any(s.name == "pytest" for s in scan.sections):
        config.problems.append(SETUP_CFG_PYTEST)
    if config.kind == ".pytest.ini" and section is None:
        config.problems.append(f"{config.name} has no [pytest] section: pytest before 9.0 ignores it")


@functools.lru_cache(maxsize=1024)
def _is_misspelled_ini_section(name: str, wanted: str) -> bool:
    """A section that was meant to be the pytest one (``[pytest ]``, ``[tool:pytest]`` in tox.ini, …)."""
    if name == wanted or not _may_mean_pytest(name):
        return False
    squeezed = re.sub(r"\s+", "", name).lower()
    if squeezed in ("pytest", "tool:pytest", "tool.pytest", "tool.pytest.ini_options", "tool.pytest.ini-options",
                    "tools:pytest", "tool:py.test", "py.test", "pytest-asyncio", "pytest_asyncio", "tool:pytest-asyncio"):
        return True
    return difflib.SequenceMatcher(None, squeezed, wanted).ratio() >= 0.85


def _collect_ini_strays(config: ConfigFile, scan: _IniScan, section: _IniSection | None) -> None:
    for entry in scan.entries:
        if entry.section is not section and _is_asyncio_key(entry.key):
            config.stray_settings.append(_ini_setting(config, entry))


# ---- TOML files (pyproject.toml, pytest.toml, .pytest.toml) ---------------------------------

@dataclass
class _TomlItem:
    kind: str                 # "table" | "array" (an [[array]] header) | "key"
    path: tuple[str, ...]     # full dotted path (for a key: its table's path + the key)
    line: int
    end_line: int
    raw_line: str
    header: str = ""          # a table header as written (for a key: the header of its table)
    raw_value: str = ""       # a key's value text on its line (comment dropped)


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _read_key(line: str, i: int) -> tuple[tuple[str, ...], int]:
    """A (dotted, maybe quoted) TOML key starting at ``i``: its parts and the index after it."""
    parts: list[str] = []
    while True:
        i = _skip_blank(line, i)
        if i < len(line) and line[i] in "\"'":
            quote = line[i]
            end = line.find(quote, i + 1)
            while quote == '"' and end > 0 and _escaped(line, end):
                end = line.find(quote, end + 1)
            if end < 0:
                return (), i
            parts.append(line[i + 1:end])
            i = end + 1
        else:
            match = _BARE_KEY.match(line, i)
            if not match:
                return (), i
            parts.append(match.group(0))
            i = match.end()
        i = _skip_blank(line, i)
        if i < len(line) and line[i] == ".":
            i += 1
            continue
        return tuple(parts), i


def _skip_blank(line: str, i: int) -> int:
    while i < len(line) and line[i] in " \t":
        i += 1
    return i


def _escaped(line: str, i: int) -> bool:
    slashes = 0
    while i - 1 - slashes >= 0 and line[i - 1 - slashes] == "\\":
        slashes += 1
    return slashes % 2 == 1


def _scan_value(line: str, i: int, depth: int) -> tuple[int, str | None, int]:
    """Follow a TOML value through one line: (bracket depth, open multi-line string delimiter, comment index)."""
    while i < len(line):
        char = line[i]
        if char == "#":
            return depth, None, i
        if line.startswith(('"""', "'''"), i):
            end = _multiline_end(line, i + 3, line[i:i + 3])
            if end < 0:
                return depth, line[i:i + 3], len(line)
            i = end
            continue
        if char in "\"'":
            end = line.find(char, i + 1)
            while char == '"' and end > 0 and _escaped(line, end):
                end = line.find(char, end + 1)
            i = len(line) if end < 0 else end + 1
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(0, depth - 1)
        i += 1
    return depth, None, len(line)


def _multiline_end(line: str, i: int, delimiter: str) -> int:
    """The index after the closing ``delimiter`` of a multi-line string, or -1."""
    while True:
        end = line.find(delimiter, i)
        if end < 0:
            return -1
        if delimiter == "'''" or not _escaped(line, end):
            # TOML allows up to two extra quotes right before the closing delimiter.
            while line.startswith(delimiter[0], end + 3):
                end += 1
            return end + 3
        i = end + 1


def _toml_items(text: str) -> list[_TomlItem]:
    """Table headers and keys of a TOML text with their lines (works on invalid TOML too)."""
    items: list[_TomlItem] = []
    table: tuple[str, ...] = ()
    header = ""
    depth, open_string, last_key = 0, None, None
    for number, line in enumerate(text.splitlines(), 1):
        start = 0
        if open_string:
            end = _multiline_end(line, 0, open_string)
            if end < 0:
                continue
            open_string, start = None, end
        elif depth == 0:
            item, start = _toml_line(line, number, table)
            if item is not None and item.kind != "key":
                table, header, last_key = item.path, item.header, None
                items.append(item)
                continue
            if item is None:
                continue
            item.header = header
            items.append(item)
            last_key = item
        depth, open_string, comment = _scan_value(line, start, depth)
        if last_key is not None:
            last_key.end_line = number
            piece = line[start:comment].strip()
            last_key.raw_value = f"{last_key.raw_value}\n{piece}" if last_key.line != number else piece
        if depth == 0 and open_string is None:
            last_key = None
    return items


def _toml_line(line: str, number: int, table: tuple[str, ...]) -> tuple[_TomlItem | None, int]:
    """A header or a key starting a line (outside any value), and where its value starts."""
    i = _skip_blank(line, 0)
    if i >= len(line) or line[i] == "#":
        return None, 0
    if line.startswith("[[", i):
        path, end = _read_key(line, i + 2)
        kind, closing = "array", "]]"
    elif line[i] == "[":
        path, end = _read_key(line, i + 1)
        kind, closing = "table", "]"
    else:
        path, end = _read_key(line, i)
        end = _skip_blank(line, end)
        if not path or not line.startswith("=", end):
            return None, 0
        return _TomlItem("key", table + path, number, number, line), end + 1
    end = _skip_blank(line, end)
    if not path or not line.startswith(closing, end):
        return _loose_header(line, number)
    header = line[i:end + len(closing)]
    return _TomlItem(kind, path, number, number, line, header=header), len(line)


_LOOSE_HEADER = re.compile(r"^\s*(\[\[?)([^\[\]#]*)(\]\]?)\s*(?:#.*)?$")


def _loose_header(line: str, number: int) -> tuple[_TomlItem | None, int]:
    """A header TOML rejects (``[tool:pytest]``): kept as one name so it can be reported."""
    match = _LOOSE_HEADER.match(line)
    if not match or not match.group(2).strip():
        return None, 0
    kind = "array" if match.group(1) == "[[" else "table"
    return _TomlItem(kind, (match.group(2).strip(),), number, number, line,
                     header=line.strip().split("#")[0].rstrip()), len(line)


def _toml_type(value: object) -> str:
    names = {bool: "bool", int: "int", float: "float", str: "str", list: "list", dict: "table"}
    return names.get(type(value), type(value).__name__)


def _ini_value(value: object) -> str:
    """pytest's ``make_scalar`` for [tool.pytest.ini_options]: str() of scalars (lists are kept apart)."""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _native_value(value: object) -> str:
    """A native-TOML value as text: strings as they are, booleans spelled the TOML way."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _ini_value(value)


def _read_toml_file(config: ConfigFile, text: str) -> None:
    items = _toml_items(text)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        _record_toml_error(config, exc)
        document = None
    except (RecursionError, MemoryError) as exc:
        config.parse_error = f"{config.name}: too deeply nested to parse ({type(exc).__name__})"
        config.problems.append(config.parse_error)
        document = None
    table = _pytest_table(config, document, items)
    if table is not None:
        path, values = table
        _take_toml_settings(config, path, values, items)
    _check_toml_tables(config, items, table[0] if table else None)
    _collect_toml_strays(config, items, table[0] if table else None)


def _record_toml_error(config: ConfigFile, exc: Exception) -> None:
    message = str(exc)
    config.parse_error = f"{config.name}: {message}"    # pytest: "ERROR: <path>: Invalid value (at line 2, column 38)"
    found = re.search(r"at line (\d+)", message)
    config.parse_error_line = int(found.group(1)) if found else getattr(exc, "lineno", None)
    config.problems.append(f"pytest cannot read {config.name}: {message}")


def _pytest_table(config: ConfigFile, document: dict | None,
                  items: list[_TomlItem]) -> tuple[tuple[str, ...], dict] | None:
    """(table path, values) of the table pytest reads from this file, or None."""
    if config.kind == "pyproject.toml":
        return _pyproject_table(config, document, items)
    config.native_toml = True                       # pytest.toml/.pytest.toml: always native, always taken
    config.has_pytest_config = True
    if document is None:
        values = _values_from_items(items, ("pytest",)) if _mentions(items, ("pytest",)) else None
    else:
        values = document.get("pytest") if isinstance(document.get("pytest"), dict) else None
    if values is not None:
        config.section, config.section_line = "[pytest]", _header_line(items, ("pytest",))
        return ("pytest",), values
    if document is not None:
        stray = [k for k, v in document.items() if not isinstance(v, dict)]
        if stray:
            config.problems.append(f"{config.name}: pytest configuration must be under a [pytest] table "
                                   f"(found top-level options: {', '.join(stray)})")
    return None


def _pyproject_table(config: ConfigFile, document: dict | None,
                     items: list[_TomlItem]) -> tuple[tuple[str, ...], dict] | None:
    ini_path, native_path = ("tool", "pytest", "ini_options"), ("tool", "pytest")
    if document is None:
        ini = _values_from_items(items, ini_path) if _mentions(items, ini_path) else None
        native = {k: v for k, v in _values_from_items(items, native_path).items()
                  if not _is_subtable(items, native_path + (k,))}
    else:
        tool = document.get("tool") if isinstance(document.get("tool"), dict) else {}
        pytest_table = tool.get("pytest") if isinstance(tool.get("pytest"), dict) else {}
        ini = pytest_table.get("ini_options")
        ini = ini if isinstance(ini, dict) else None
        native = {k: v for k, v in pytest_table.items() if k != "ini_options"}
    # A misspelled [tool.pytest.ini-options] is, to pytest 9, a native table holding one unknown
    # option; what the user meant is "no table pytest reads", so it is not counted as one.
    native = {k: v for k, v in native.items() if not (isinstance(v, dict) and _means_ini_options(k))}
    if native and ini is not None:
        # pytest 9 stops with this error; pytest 8 reads only [tool.pytest.ini_options].
        config.problems.append(BOTH_TABLES.format(name=config.name))
    if ini is not None:
        config.section, config.section_line = "[tool.pytest.ini_options]", _header_line(items, ini_path)
        config.has_pytest_config = True
        return ini_path, ini
    if native:
        config.section, config.section_line = "[tool.pytest]", _header_line(items, native_path)
        config.native_toml = config.has_pytest_config = True
        return native_path, native
    return None


def _means_ini_options(key: str) -> bool:
    squeezed = key.lower().replace("-", "_").replace(" ", "")
    return difflib.SequenceMatcher(None, squeezed, "ini_options").ratio() >= 0.7 or squeezed in ("ini", "options")


def _header_line(items: list[_TomlItem], path: tuple[str, ...]) -> int | None:
    return next((i.line for i in items if i.kind == "table" and i.path == path), None)


def _mentions(items: list[_TomlItem], path: tuple[str, ...]) -> bool:
    return any(i.path[:len(path)] == path for i in items)


def _is_subtable(items: list[_TomlItem], path: tuple[str, ...]) -> bool:
    return any(i.kind != "key" and i.path[:len(path)] == path for i in items)


def _values_from_items(items: list[_TomlItem], path: tuple[str, ...]) -> dict:
    """Key values of one table read from the scan (for a file tomllib rejected)."""
    values: dict = {}
    for item in items:
        if item.kind == "key" and len(item.path) == len(path) + 1 and item.path[:-1] == path:
            values.setdefault(item.path[-1], _RawToml(item.raw_value))
    return values


class _RawToml(str):
    """A value taken from the text of a TOML file that does not parse."""


def _loose_value(raw: _RawToml) -> object:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except (tomllib.TOMLDecodeError, RecursionError, MemoryError):
        return raw


def _take_toml_settings(config: ConfigFile, path: tuple[str, ...], values: dict, items: list[_TomlItem]) -> None:
    native = config.native_toml
    header = config.section
    keys: dict[tuple[str, ...], _TomlItem] = {}
    for item in items:
        if item.kind == "key":
            keys.setdefault(item.path, item)
    for key, value in values.items():
        item = keys.get(path + (key,))
        toml_type = None
        if isinstance(value, _RawToml):
            value = _loose_value(value)
            toml_type = "invalid" if isinstance(value, _RawToml) else None
        text = _native_value(value) if native else _ini_value(value)
        config.settings[key] = Setting(
            key=key, value=text, file=config.name,
            line=item.line if item else (config.section_line or 0), raw_line=item.raw_line if item else "",
            toml_type=toml_type or _toml_type(value), section=header,
            end_line=item.end_line if item else (config.section_line or 0),
            items=list(value) if isinstance(value, list) else None)


def _check_toml_tables(config: ConfigFile, items: list[_TomlItem], used: tuple[str, ...] | None) -> None:
    wanted = ("tool.pytest.ini_options", "tool.pytest") if config.kind == "pyproject.toml" else ("pytest",)
    for item in items:
        if item.kind == "key" or item.path == used:
            continue
        dotted = ".".join(item.path)
        if dotted in wanted or (used and item.path[:len(used)] == used and config.kind != "pyproject.toml"):
            continue
        if _is_misspelled_toml_table(dotted, wanted, config.kind):
            config.misspelled_sections.append((item.header, item.line))


def _may_mean_pytest(name: str) -> bool:
    """Cheap filter before the fuzzy comparison (files with thousands of sections stay fast)."""
    lowered = name.lower()
    return len(lowered) < 60 and ("py" in lowered or "test" in lowered)


@functools.lru_cache(maxsize=1024)
def _is_misspelled_toml_table(dotted: str, wanted: tuple[str, ...], kind: str) -> bool:
    if not _may_mean_pytest(dotted):
        return False
    squeezed = dotted.lower().replace(" ", "")
    if kind == "pyproject.toml":
        # A sub-table of [tool.pytest] other than ini_options ("ini-options", "ini_option") is a typo.
        if squeezed.startswith("tool.pytest.") or squeezed in (
                "pytest", "tool:pytest", "pytest.ini_options", "tool.pytest_ini_options", "tool.pytest-ini_options",
                "tool.pytest-asyncio", "tool.pytest_asyncio", "tools.pytest.ini_options"):
            return True
    elif squeezed in ("tool.pytest", "tool.pytest.ini_options", "tool:pytest", "pytest.ini_options"):
        return True
    if squeezed in wanted:
        return True   # only the case differs
    ratios = [difflib.SequenceMatcher(None, squeezed, w).ratio() for w in wanted]
    return max(ratios) >= 0.9


def _collect_toml_strays(config: ConfigFile, items: list[_TomlItem], used: tuple[str, ...] | None) -> None:
    for item in items:
        if item.kind != "key" or not _is_asyncio_key(item.path[-1]):
            continue
        if used is not None and item.path[:-1] == used:
            continue
        config.stray_settings.append(Setting(
            key=item.path[-1], value=item.raw_value, file=config.name, line=item.line, raw_line=item.raw_line,
            section=item.header or None, end_line=item.end_line))


# ---- option names ---------------------------------------------------------------------------

# Spellings seen in real configs, with the option they meant. The 0.24/0.25 run header prints
# the fixture option as "default_loop_scope", which people copy into their config.
KNOWN_CONFUSIONS = {
    "asyncio_default_fixture_scope": FIXTURE_OPTION,
    "asyncio_default_loop_scope": FIXTURE_OPTION,
    "asyncio_default_scope": FIXTURE_OPTION,
    "asyncio_loop_scope": FIXTURE_OPTION,
    "asyncio_fixture_loop_scope": FIXTURE_OPTION,
    "asyncio_default_fixture_loop": FIXTURE_OPTION,
    "asyncio_default_event_loop_scope": FIXTURE_OPTION,
    "asyncio_event_loop_scope": FIXTURE_OPTION,
    "asyncio_fixture_scope": FIXTURE_OPTION,
    "default_loop_scope": FIXTURE_OPTION,
    "default_fixture_loop_scope": FIXTURE_OPTION,
    "fixture_loop_scope": FIXTURE_OPTION,
    "asyncio_default_test_scope": TEST_OPTION,
    "asyncio_test_loop_scope": TEST_OPTION,
    "asyncio_default_test_loop": TEST_OPTION,
    "asyncio_test_scope": TEST_OPTION,
    "default_test_loop_scope": TEST_OPTION,
    "test_loop_scope": TEST_OPTION,
    "asyncio": "asyncio_mode",
    "async_mode": "asyncio_mode",
    "asyncio_debug_mode": "asyncio_debug",
}


def _normalise_key(key: str) -> str:
    return re.sub(r"[\s.\-]+", "_", key.strip().strip("\"'").lower())


def option_near_misses(key: str) -> str | None:
    """The pytest-asyncio option a misspelled key most likely means ("asyncio_default_fixture_loop_scop" -> …).

    A correctly spelled option returns itself; an unrelated key (``testpaths``) returns None.
    """
    if not key or len(key) > 80:
        return None
    if key in ASYNCIO_OPTIONS:
        return key
    normal = _normalise_key(key)
    if normal in ASYNCIO_OPTIONS:
        return normal
    if normal in KNOWN_CONFUSIONS:
        return KNOWN_CONFUSIONS[normal]
    close = difflib.get_close_matches(normal, ASYNCIO_OPTIONS, n=1, cutoff=0.8)
    return close[0] if close else None


def _is_asyncio_key(key: str) -> bool:
    return option_near_misses(key) is not None


def _note_misspelled_options(config: ConfigFile) -> None:
    for key, setting in config.settings.items():
        meant = option_near_misses(key)
        if meant and meant != key:
            config.misspelled_options.append((key, meant, setting.line))


# ---- precedence -------------------------------------------------------------------------------

def _choose_active(files: list[ConfigFile], test_paths: list[str]) -> ConfigFile | None:
    candidates = [f for f in files if f.has_pytest_config]
    if not candidates:
        return None
    chosen = _nearest_directory({f.directory for f in candidates}, test_paths)
    in_directory = [f for f in candidates if f.directory == chosen]
    return min(in_directory, key=lambda f: PRECEDENCE.index(f.kind))   # min keeps the first of equals


def _depth(directory: str) -> int:
    return directory.count("/") + 1 if directory else 0


def _nearest_directory(directories: set[str], test_paths: list[str]) -> str:
    """pytest walks up from the tests: the deepest config directory above them wins.

    Without test paths (or none below any config directory) the deepest directory is taken,
    as the one most likely nearest to the tests; names without a directory count as one.
    """
    tests = [p.replace("\\", "/") for p in test_paths]
    above = [d for d in directories if any(not d or t.startswith(d + "/") for t in tests)]
    pool = above or list(directories)
    return max(sorted(pool), key=_depth)


# ---- unnamed pasted texts ----------------------------------------------------------------------

# Every pattern stays on one line ([ \t], never \s): a hostile paste cannot make them backtrack across lines.
_HEADER = re.compile(r"^[ \t]{0,40}\[\[?[ \t]{0,40}([^\]\n]{1,200}?)[ \t]{0,40}\]\]?[ \t]*(?:[#;].*)?$", re.MULTILINE)
_PY_STATEMENT = re.compile(r"^[ \t]*(?:(?:async[ \t]+)?def[ \t]|class[ \t]|import[ \t]|from[ \t]+\S+[ \t]+import[ \t]|@\w)",
                           re.MULTILINE)
_TEST_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+test", re.MULTILINE)
_CONFTEST_SIGNS = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+(?:pytest_\w+|event_loop)[ \t]*\(|"
                             r"^[ \t]*@(?:pytest\.|pytest_asyncio\.)?fixture", re.MULTILINE)
_TOML_ONLY = re.compile(r"^[ \t]*[\w\"'.-]+[ \t]*=[ \t]*(?:\[|\"|'|true\b|false\b|\{)", re.MULTILINE)
_KEY = re.compile(r"^[ \t]*([\w.-]+)[ \t]*[=:]", re.MULTILINE)


def guess_file_name(text: str) -> str:
    """A file name for a text pasted without one, from its content.

    One of "pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini", "conftest.py", "test_pasted.py".
    """
    sample = (text or "")[:200_000]
    headers = [h.strip().lower() for h in _HEADER.findall(sample)]
    if headers and not _looks_like_python(sample, headers):
        return _config_name_from_headers(headers)
    if _looks_like_python(sample, headers):
        return "conftest.py" if _CONFTEST_SIGNS.search(sample) and not _TEST_DEF.search(sample) else "test_pasted.py"
    if any(option_near_misses(m) for m in _KEY.findall(sample)[:1000]):
        return "pyproject.toml" if _TOML_ONLY.search(sample) else "pytest.ini"
    return "test_pasted.py"


def _looks_like_python(sample: str, headers: list[str]) -> bool:
    statements = len(_PY_STATEMENT.findall(sample))
    return statements > 0 and statements >= len(headers)


def _config_name_from_headers(headers: list[str]) -> str:
    if any(h.startswith("tool.") or h in ("project", "build-system", "tool") for h in headers):
        return "pyproject.toml"
    if any(h.startswith("tool:") or h in ("metadata", "options", "bdist_wheel", "egg_info") for h in headers):
        return "setup.cfg"
    if any(h in ("tox", "tox:tox") or h.startswith("testenv") for h in headers):
        return "tox.ini"
    return "pytest.ini"   # [pytest], even with quoted values: an INI paste is far more common than pytest.toml
