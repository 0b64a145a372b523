"""The environment a paste ran in: versions, mode and loop-scope defaults, each with its source.

Evidence is weighed in a fixed order: a hint from the user, then what the paste's
header prints, then fingerprints (message wording, internal fixture names), then the
config files given, then the documented defaults of the release range.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import releases as rel
from .config import Config
from .model import LOOP_SCOPES, PASTE, Environment
from .pytest_output import PasteFacts
from .releases import V, Version, VersionRange

FIXTURE_OPTION = "asyncio_default_fixture_loop_scope"
TEST_OPTION = "asyncio_default_test_loop_scope"
MODE_OPTION = "asyncio_mode"


@dataclass
class Known:
    """A value and where it was read."""

    value: str | None
    source: str


@dataclass
class EnvModel:
    versions: VersionRange
    version_source: str
    version_exact: bool                  # read from the paste or a hint, not inferred
    python: Known
    pytest: Known
    platform: Known
    mode: Known                          # "auto" | "strict" | "legacy" | None
    fixture_default: Known               # raw option value ("session", '"session"', None when unset)
    test_default: Known
    config_file: Known
    assumptions: list[str] = field(default_factory=list)

    @property
    def version(self) -> Version | None:
        return self.versions.exact

    def fixture_default_scope(self) -> str | None:
        """The fixture default as a valid scope name, or None (unset or invalid)."""
        value = (self.fixture_default.value or "").strip()
        return value if value in LOOP_SCOPES else None

    def test_default_scope(self) -> str:
        value = (self.test_default.value or "").strip()
        return value if value in LOOP_SCOPES else "function"

    def pytest_at_least(self, text: str) -> bool | None:
        found = Version.parse(self.pytest.value)
        return None if found is None else found >= V(text)

    def to_environment(self) -> Environment:
        version = str(self.version) if self.version else None
        if self.version and self.version_source.startswith(PASTE):
            # Keep the spelling the paste printed (1.4.1.post1 stays as printed).
            version = self.version_text or version
        env = Environment(
            python_version=self.python.value, pytest_version=self.pytest.value,
            pytest_asyncio_version=version, platform=self.platform.value,
            asyncio_mode=self.mode.value, default_fixture_loop_scope=self.fixture_default.value,
            default_test_loop_scope=self.test_default.value, config_file=self.config_file.value,
        )
        pairs = {
            "python_version": self.python, "pytest_version": self.pytest,
            "platform": self.platform, "asyncio_mode": self.mode,
            "default_fixture_loop_scope": self.fixture_default,
            "default_test_loop_scope": self.test_default, "config_file": self.config_file,
        }
        env.sources = {name: known.source for name, known in pairs.items() if known.source}
        env.sources["pytest_asyncio_version"] = self.version_source
        env.pytest_asyncio_range = str(self.versions)
        return env

    version_text: str | None = None


def _at(value) -> str:
    return f"{PASTE}:{value.line}"


def read_environment(facts: PasteFacts, config: Config, hints: dict) -> EnvModel:
    header = facts.header
    versions, source, exact, text = _versions(facts, config, hints)
    model = EnvModel(
        versions=versions, version_source=source, version_exact=exact,
        python=_python(facts, hints), pytest=_known(header.pytest_version),
        platform=_known(header.platform), mode=Known(None, ""),
        fixture_default=Known(None, ""), test_default=Known(None, ""),
        config_file=Known(None, ""), version_text=text,
    )
    model.config_file = _config_file(facts, config)
    model.mode = _option(facts, config, model, MODE_OPTION, header.asyncio_mode)
    model.fixture_default = _option(facts, config, model, FIXTURE_OPTION, header.fixture_loop_scope)
    model.test_default = _option(facts, config, model, TEST_OPTION, header.test_loop_scope)
    return model


def _known(value) -> Known:
    return Known(value.value, _at(value)) if value else Known(None, "")


def _python(facts: PasteFacts, hints: dict) -> Known:
    if facts.header.python_version:
        return _known(facts.header.python_version)
    if hints.get("python_version"):
        return Known(str(hints["python_version"]), "hint")
    return Known(None, "")


def _config_file(facts: PasteFacts, config: Config) -> Known:
    if facts.header.configfile:
        name = facts.header.configfile.value.split(" (")[0].strip()
        return Known(name, _at(facts.header.configfile))
    if config.active:
        return Known(config.active.name, "files given")
    return Known(None, "")


def _header_value(raw: str | None) -> str | None:
    return None if raw is None or raw.strip() == "None" else raw.strip()


def _option(facts, config, model: EnvModel, key: str, header_value) -> Known:
    """An option's effective value: the header prints what the plugin saw; else the config."""
    if header_value is not None:
        value = _header_value(header_value.value)
        if key == MODE_OPTION and value:
            value = value.split(".")[-1].lower()  # Mode.AUTO -> auto
        return Known(value, _at(header_value))
    setting = config.get(key) if config else None
    if setting is not None:
        value = setting.value
        if key == MODE_OPTION:
            value = value.strip().lower()
        return Known(value, f"{setting.file}:{setting.line}")
    quoted = _quoted_setting(facts, key)
    if quoted is not None and not (config and config.files):
        return quoted
    rejected = _rejected_value(facts, key)
    if rejected is not None and not (config and config.files):
        return rejected
    # Not in the header nor the config: the release's default.
    if key == MODE_OPTION:
        modes = {rel.default_mode(v) for v in model.versions.releases()}
        if len(modes) == 1:
            return Known(modes.pop(), f"default for {model.versions}")
        return Known("strict", "default for pytest-asyncio>=0.19 (assumed)")
    if key == TEST_OPTION and model.versions.all(rel.knows_test_loop_scope_option):
        return Known("function", f"default for {model.versions}")
    return Known(None, f"unset (default for {model.versions})" if config.active else "")


def _rejected_value(facts: PasteFacts, key: str) -> Known | None:
    """The value pytest-asyncio 1.2+ refused at start-up (``'sesion' is not a valid <key>``), as written."""
    regex = re.compile(rf"'(.*)' is not a valid {key}\b")
    for hit in facts.find(f"is not a valid {key}"):
        match = regex.search(hit.value)
        if match:
            return Known(match.group(1), f"{PASTE}:{hit.line}")
    return None


def _quoted_setting(facts: PasteFacts, key: str) -> Known | None:
    """A config line a bug report quotes (``asyncio_default_fixture_loop_scope = session``).

    The first one is taken: a report describes the failing setup before the fix it tried. A line the
    report's prose offers as the remedy ("you need to add …", "this fixed it") is not the setup."""
    regex = re.compile(rf"^\s*{key}\s*[=:]\s*[\"']?([\w.-]+)")
    for hit in facts.find(key):
        match = regex.match(hit.value)
        if match and not hit.value.lstrip().startswith(("E ", ">")) and not _offered_as_remedy(facts, hit.line):
            value = match.group(1).lower() if key == MODE_OPTION else match.group(1)
            return Known(value, f"{PASTE}:{hit.line} (a config line quoted in the text)")
    return None


# Wording that proposes a change still to be made ("you might need to add", "this can be fixed by adding",
# "this fixed it"); not wording that reports what the setup already has ("I added", "still fails").
_REMEDY = re.compile(r"\b(?:you (?:might |may |should |must |will )?(?:need|have) to|need(?:ed)? to (?:add|set)"
                     r"|try (?:adding|setting|to add|to set)|(?:can|could) be (?:fixed|solved|resolved)"
                     r"|(?:this|that|it|which) (?:fixe[sd]|solve[sd]|resolve[sd])|fixed (?:it|this|by|with)"
                     r"|solution|workaround)\b", re.I)
_NOT_REMEDY = re.compile(r"\b(?:still|already|no effect|did(?:n't| not) (?:help|work|change)"
                         r"|does(?:n't| not) (?:help|work))\b", re.I)


def _offered_as_remedy(facts: PasteFacts, line_number: int, look_back: int = 8) -> bool:
    """Whether the prose line that introduces the block holding ``line_number`` proposes it as a fix."""
    lines, index = facts.text.lines, facts.position(line_number)
    if index is None:
        return False
    for line in reversed(lines[max(0, index - look_back):index]):
        text = line.text.strip()
        if not text or line.fenced or text.startswith(("[", "```")) or text.endswith((".ini", ".toml", ".cfg")):
            continue  # blank lines, the block itself, its section header, a file name above it
        return _REMEDY.search(text) is not None and _NOT_REMEDY.search(text) is None
    return False


# ---- which release ---------------------------------------------------------------------

_UNSET_LINE = re.compile(r"pytest_asyncio[/\\]plugin\.py:(\d+): PytestDeprecationWarning")


def _versions(facts: PasteFacts, config: Config, hints: dict):
    """(range, source, exact?, printed text) of the pytest-asyncio release."""
    plugin = facts.header.plugins.get("asyncio")
    if plugin and Version.parse(plugin.value):
        v = V(plugin.value)
        return VersionRange(v, v), _at(plugin), True, plugin.value
    hint = (hints or {}).get("pytest_asyncio_version")
    if hint and Version.parse(str(hint)):
        v = V(str(hint))
        return VersionRange(v, v), "hint", True, str(hint)
    mentioned = _mentioned_versions(facts)
    if len(mentioned) == 1:
        (text, line), = mentioned.items()
        v = V(text)
        return VersionRange(v, v), f"{PASTE}:{line} (mentioned in the text)", True, text
    versions, reasons = VersionRange(), []
    for low, high, why in _fingerprints(facts, config):
        narrowed = versions.narrow(V(low) if low else None, V(high) if high else None)
        if narrowed != versions:
            versions = narrowed
            reasons.append(why)
    source = "inferred from " + "; ".join(reasons) if reasons else "unknown"
    return versions, source, False, None


# "pytest-asyncio==0.22", "pytest-asyncio = \"==0.23.7\"" (a pin), "pytest-asyncio (`0.23.7`)", "pytest-asyncio v0.21",
# "`pytest-asyncio` version `0.23.8`".
_MENTION = re.compile(r"pytest[-_]asyncio(?:[`'\"]\s{0,3}version\s{0,3}[`'\"]?|(?:\s{0,3}(?:==|=|version)|\s{1,3}\(?"
                      r"|\s{0,3}\()?\s{0,3}[\"'`]?(?:==|~=|>=)?)\s{0,3}v?"
                      r"(\d+\.\d+(?:\.\d+)?(?:\.post\d+)?)\b", re.I)


def _mentioned_versions(facts: PasteFacts) -> dict[str, int]:
    """Versions a report names in its prose ("pytest-asyncio==0.22"), when the header is missing."""
    if facts.header.plugins or facts.header.pytest_version:
        return {}
    found: dict[str, int] = {}
    for hit in facts.find("asyncio"):
        for match in _MENTION.finditer(hit.value):
            if Version.parse(match.group(1)):
                found.setdefault(str(V(match.group(1))), hit.line)
    return found


def _fingerprints(facts: PasteFacts, config: Config):
    """(low, high, why) bounds the paste and config imply, strongest first."""
    header = facts.header
    if header.asyncio_line:
        line, at = header.asyncio_line.value, _at(header.asyncio_line)
        if "debug=" in line:
            yield "1.2.0", None, f"the asyncio header line ({at}) prints debug="
        elif "asyncio_default_test_loop_scope=" in line:
            yield "0.26.0", "1.1.1", f"the asyncio header line ({at})"
        elif "default_loop_scope=" in line and "asyncio_default_fixture_loop_scope=" not in line:
            yield "0.24.0", "0.24.0", f"the asyncio header line ({at}) prints default_loop_scope="
        elif "asyncio_default_fixture_loop_scope=" in line:
            yield "0.25.0", "0.25.3", f"the asyncio header line ({at})"
        else:
            yield "0.17.1", "0.23.8", f"the asyncio header line ({at}) prints only the mode"
    text_checks = (
        ("_function_scoped_runner", "1.1.0", None, "the internal fixture _function_scoped_runner"),
        ("_scoped_runner", "1.1.0", None, "an internal *_scoped_runner fixture"),
        ("_function_event_loop", "1.0.0", "1.0.0", "the internal fixture _function_event_loop"),
        ("MultipleEventLoopsRequestedError", "0.22.0", "0.26.0", "MultipleEventLoopsRequestedError"),
        ("flake8-asyncio", "0.25.0", "1.1.1", "the strict-mode fixture warning's wording"),
        ('to the "fixture" caching scope', "1.4.0", "1.4.1.post1", "the unset-option warning's wording"),
        ('Set it to "fixture-scope"', "1.5.0", None, "the unset-option warning's wording"),
        ("The configuration option \"asyncio_default_fixture_loop_scope\" is unset", "0.24.0", None,
         "the unset-option warning"),
        ("Unknown config option: asyncio_default_fixture_loop_scope", None, "0.23.8",
         "the unknown-option warning for asyncio_default_fixture_loop_scope"),
        ("Unknown config option: asyncio_default_test_loop_scope", None, "0.25.3",
         "the unknown-option warning for asyncio_default_test_loop_scope"),
        ("Unknown config option: asyncio_debug", None, "1.1.1", "the unknown-option warning for asyncio_debug"),
        ("fixture 'event_loop' not found", "1.0.0", None, "fixture 'event_loop' not found"),
        ("Please remove the asyncio mark", "0.22.0", None, "the marked-sync-test warning's wording"),
        ("is not a valid asyncio_default_fixture_loop_scope. Valid scopes are", "1.2.0", None,
         "the start-up check of asyncio_default_fixture_loop_scope"),
        ("is not a valid asyncio_default_test_loop_scope. Valid scopes are", "1.2.0", None,
         "the start-up check of asyncio_default_test_loop_scope"),
        ("is not a valid asyncio_mode. Valid modes", "0.21.1", None, "the asyncio_mode check's wording"),
        ("is not a valid Mode", None, "0.21.0", "the asyncio_mode error's wording"),
        ("Please remove asyncio marker", "0.18.0", "0.21.2", "the marked-sync-test warning's wording"),
    )
    for needle, low, high, why in text_checks:
        hits = facts.find(needle)
        if hits:
            yield low, high, f"{why} ({PASTE}:{hits[0].line})"
    for hit in facts.find("' not found"):
        if re.search(r"fixture '_[^']+_event_loop' not found", hit.value) and "event_loop_policy" not in hit.value:
            yield "1.0.0", "1.0.0", f"a missing internal *_event_loop fixture ({PASTE}:{hit.line})"
        elif re.search(r"fixture '_[^']+_scoped_runner' not found", hit.value):
            yield "1.1.0", "1.1.1", f"a missing internal *_scoped_runner fixture ({PASTE}:{hit.line})"
    for hit in facts.find("PytestDeprecationWarning"):
        match = _UNSET_LINE.search(hit.value)
        if match and match.group(1) in rel.UNSET_WARNING_LINES:
            low, high = rel.UNSET_WARNING_LINES[match.group(1)]
            yield low, high, f"plugin.py line {match.group(1)} of the unset-option warning ({PASTE}:{hit.line})"
    # Options the config uses and the paste does not call unknown bound the release from below
    # only when the paste shows a run that reached its summary (warnings would be listed there).
    if config and config.active and facts.summary_line:
        if config.get(FIXTURE_OPTION) and not facts.find("Unknown config option: " + FIXTURE_OPTION):
            yield "0.24.0", None, f"the config sets {FIXTURE_OPTION} and pytest did not call it unknown"
        if config.get(TEST_OPTION) and not facts.find("Unknown config option: " + TEST_OPTION):
            yield "0.26.0", None, f"the config sets {TEST_OPTION} and pytest did not call it unknown"
