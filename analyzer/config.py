"""Config files -> pytest settings with positions, under pytest's precedence rules."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Setting:
    key: str             # the option name as written
    value: str           # raw value as pytest would see it (quotes kept for INI files, str() for ini_options TOML)
    file: str            # the file name as given
    line: int            # 1-based line of the key
    raw_line: str        # the full text of that line
    quoted: bool = False          # an INI value wrapped in quotes (pytest keeps them: a bug)
    toml_type: str | None = None  # for TOML: "str", "int", "bool", "list", …


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


@dataclass
class Config:
    files: list[ConfigFile]          # every config file given, parsed
    active: ConfigFile | None        # the one pytest would use (precedence within a directory)
    ignored: list[ConfigFile] = field(default_factory=list)  # others with pytest config

    def get(self, key: str) -> Setting | None:
        return self.active.settings.get(key) if self.active else None


def is_config_name(name: str) -> bool:
    """True when a file name is one pytest reads configuration from."""
    raise NotImplementedError


def parse_config(files: list[tuple[str, str]]) -> Config:
    """Parse every config file among ``files`` ((name, text) pairs); others are ignored."""
    raise NotImplementedError


def option_near_misses(key: str) -> str | None:
    """The pytest-asyncio option a misspelled key most likely means ("asyncio_default_fixture_loop_scop" -> …)."""
    raise NotImplementedError
