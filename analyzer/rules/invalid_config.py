"""LD007: a pytest-asyncio option is misspelled, quoted or invalid."""
from __future__ import annotations

import re

from .. import releases as rel
from ..config import base_name, option_near_misses
from ..edits import EditError, rename_key, rename_section
from ..environment import FIXTURE_OPTION, MODE_OPTION, TEST_OPTION
from ..fixes import FileEdit, config_fix, drop_asyncio_marks_on_fixtures, make_fix, rewrite_asyncio_marks
from ..model import LOOP_SCOPES, Confidence, FixKind, Pattern, Verdict
from ..pytest_output import Gated
from ..releases import requirement
from ._common import Option, at_least, change_version, finding, prose
from ._story import (ERROR_NAMED, FIXTURE_MARKED, TITLE_START, crashed_on_warning, cut_after_start, native_table_unread,
                     plugin_active, said_hung, section_at, sentence_of, stated, story, title, warnings_only)
from .base import KnowledgeBase, Reference, RuleInfo

INFO = RuleInfo(
    code="LD007",
    pattern=Pattern.INVALID_CONFIG,
    title="A pytest-asyncio option is misspelled, quoted or invalid",
    verdict=Verdict.MISCONFIGURATION,
    kb=KnowledgeBase(
        what=(
            "A pytest-asyncio option in the configuration is not what the installed plugin understands: "
            "a misspelled name, an option the installed release does not know yet, a value that is not "
            "a valid scope or mode (`sesion`, or `auto` as a loop scope), or a value in quotes in an "
            "INI file, where the quotes become part of the value. The warning that "
            "`asyncio_default_fixture_loop_scope` is unset belongs here as well, and so does an asyncio "
            "marker given arguments the release refuses: from 0.24 it takes only `loop_scope=` (and "
            "`loop_factories=` from 1.4), not a positional scope, not `scope=` beside `loop_scope=`, and not the "
            "keywords of old releases such as `forbid_global_loop=`. So do options set in a file pytest "
            "ignores: of the config files in one directory pytest reads only the first (pytest.toml, "
            "pytest.ini, pyproject.toml, tox.ini, setup.cfg), and pytest 9 names the ignored one in its header "
            "(`configfile: pytest.ini (WARNING: ignoring pytest config in pyproject.toml!)`). An asyncio "
            "marker on a fixture is the same kind of mistake: marks do nothing to fixtures, pytest 8.4 "
            "warns (`PytestRemovedIn9Warning: Marks applied to fixtures have no effect`) and pytest 9 "
            "refuses the module (`Failed: Marks cannot be applied to fixtures.`).\n\n"
            "Unknown or too-new option names only produce `PytestConfigWarning: Unknown config option: "
            "<name>` and are ignored (`--strict-config` turns that into `ERROR: Unknown config option: "
            "<name>`). A bad `asyncio_mode` gives `ERROR: 'foo' is not a valid asyncio_mode. Valid "
            "modes: auto, strict.` from 0.21.1, and `INTERNALERROR> ValueError: 'foo' is not a valid "
            "Mode` before. A bad loop scope is rejected at start-up from 1.2.0 (`ERROR: 'sesion' is not "
            "a valid asyncio_default_fixture_loop_scope. Valid scopes are: function, class, module, "
            "package, session.`); before 1.2.0 it surfaces only when an async fixture or test is set "
            "up: `KeyError: 'sesion'` on 0.24–0.26, `fixture '_sesion_event_loop' not found` on 1.0.0, "
            "`fixture '_sesion_scoped_runner' not found` on 1.1.x, and for the test option on "
            "0.26.0–1.1.x `AssertionError: assert 'bar' in {'class', 'function', 'module', 'package', "
            "'session'}`."
        ),
        why=(
            "In `pytest.ini`, `.pytest.ini`, `tox.ini` and `setup.cfg` every value is a raw string and "
            'quotes are kept: `asyncio_default_fixture_loop_scope = "session"` is the nine-character '
            'value `"session"`, and the header shows `asyncio_default_fixture_loop_scope="session"` '
            '(`default_loop_scope="session"` on 0.24). Under `[tool.pytest.ini_options]` in '
            "`pyproject.toml` the value must be valid TOML, so there it must be quoted; an unquoted "
            "`session` is a TOML error (`ERROR: …/pyproject.toml: Invalid value`).\n\n"
            "Options arrived over time: `asyncio_mode` in 0.17.0, `asyncio_default_fixture_loop_scope` "
            "in 0.24.0, `asyncio_default_test_loop_scope` in 0.26.0, `asyncio_debug` in 1.2.0, and the "
            "value `fixture-scope` in 1.5.0 (1.2.0–1.4.x reject it at start-up; 0.24–1.1 fail with "
            "`KeyError: 'fixture-scope'` or `fixture '_fixture-scope_…' not found`). An older release "
            "ignores a newer option, so a fix that depends on it silently does nothing. `legacy` "
            "stopped being a valid mode in 0.20.0.\n\n"
            "Native TOML configuration (`[tool.pytest]` in `pyproject.toml`, or `pytest.toml`) exists "
            "only from pytest 9.0. On pytest 8 a `[tool.pytest]` table is ignored without a word: the "
            "header shows the defaults (`mode=Mode.STRICT`, `asyncio_default_fixture_loop_scope=None`) "
            "and async tests fail with `async def functions are not natively supported`. On pytest 9 it "
            "needs native types (`asyncio_debug = true` as a TOML bool), and using both `[tool.pytest]` "
            "and `[tool.pytest.ini_options]` is an error. pytest reads exactly one configuration file, "
            "the first match (`pytest.ini` beats `pyproject.toml` in the same directory), and a "
            "`[pytest]` section in `setup.cfg` is an error: it must be `[tool:pytest]`.\n\n"
            "When `asyncio_default_fixture_loop_scope` is unset, 0.24.0 and later emit "
            '`PytestDeprecationWarning: The configuration option "asyncio_default_fixture_loop_scope" '
            "is unset.` and let each fixture's loop follow its caching scope. pytest 8.3 and older and "
            "pytest 9.2 print it before the session banner, 8.4–9.1 do not show it at all, and on "
            "pytest 9.2 `filterwarnings = error` turns it into an `INTERNALERROR` that stops the run."
        ),
        example=(
            "[pytest]\n"
            '# quoted: the value is "auto" with its quotes, not a valid mode\n'
            'asyncio_mode = "auto"\n'
            "# misspelled scope\n"
            "asyncio_default_fixture_loop_scope = sesion\n"
            "# unknown before pytest-asyncio 0.26: ignored with a warning\n"
            "asyncio_default_test_loop_scope = session\n"
        ),
        example_language="ini",
        fix=(
            "Remove an asyncio marker from a fixture (the tests keep theirs); a fixture's loop is chosen "
            "with `@pytest_asyncio.fixture(loop_scope=…)`.\n\n"
            "Write the value the plugin expects, in the syntax of the file: unquoted in INI files "
            "(`asyncio_default_fixture_loop_scope = function`), quoted under "
            "`[tool.pytest.ini_options]` in `pyproject.toml` (`asyncio_default_fixture_loop_scope = "
            '"function"`), under `[tool:pytest]` in `setup.cfg`. Valid loop scopes are `function`, '
            "`class`, `module`, `package` and `session` (plus `fixture-scope` for the fixture option "
            "from 1.5.0); valid modes are `auto` and `strict`.\n\n"
            "Choose the value you need, not just a valid one. Correcting `sesion` to `session` moves "
            "the fixtures to the session loop while the tests stay on per-test loops, which is LD001; "
            "unless fixtures are meant to be shared by the whole run, `function` is the value that "
            "keeps each test and its fixtures on one loop.\n\n"
            "For an option the installed release does not know, upgrade pytest-asyncio (0.24+ for "
            "`asyncio_default_fixture_loop_scope`, 0.26+ for `asyncio_default_test_loop_scope`, 1.2+ "
            "for `asyncio_debug`, 1.5+ for `fixture-scope`), or use what the older release offers (the "
            "marker's `scope=` on 0.23).\n\n"
            "For `[tool.pytest]` on pytest 8, rename the table to `[tool.pytest.ini_options]` (with "
            "quoted string values), or upgrade to pytest 9.\n\n"
            "To silence the unset-option warning, set the option: `function` when your async fixtures "
            "are cached per test (the common case, and the default pytest-asyncio announces), or the "
            "scope your shared fixtures need; on 1.5.0 `fixture-scope` keeps the current behaviour "
            "without the warning. With `function`, give session- or module-cached async fixtures an "
            "explicit `loop_scope=`, or they fail with ScopeMismatch (LD002).\n\n"
            "Add `--strict-config` to `addopts` so that unknown options fail the run instead of being "
            "ignored."
        ),
        tradeoffs=(
            "Correcting a value can expose a real loop mismatch the bad value was hiding: before 1.2.0 "
            "an invalid scope made every async fixture error out, so nothing else was tested.\n\n"
            "Upgrading for a newer option brings the other changes of the releases in between: 1.0.0 "
            "removes the `event_loop` fixture (LD005), 1.2.0 rejects invalid values at start-up, 1.3.0 "
            "needs Python 3.10, and 1.4.0 needs pytest 8.4 and leaves no loop set after async tests "
            "(LD010).\n\n"
            "`fixture-scope` ties the configuration to 1.5.0 or later. `function` as the default is the "
            "future direction but needs explicit `loop_scope=` on every wider-cached async fixture.\n\n"
            "`--strict-config` also fails on stale options of other plugins, which then have to be "
            "cleaned up."
        ),
        references=(
            Reference("pytest-asyncio configuration reference",
                      "https://pytest-asyncio.readthedocs.io/en/stable/reference/configuration.html"),
            Reference("How to change the default event loop scope of all fixtures",
                      "https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/change_default_fixture_loop.html"),
            Reference("pytest: configuration files and their formats",
                      "https://docs.pytest.org/en/stable/reference/customize.html"),
            Reference("pytest #12803: quoted asyncio_default_fixture_loop_scope in pytest.ini",
                      "https://github.com/pytest-dev/pytest/issues/12803"),
            Reference("pytest-asyncio #1189: invalid scope values were silently accepted",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/1189"),
            Reference("pytest-asyncio #1095: a default that follows the fixture's scope (fixture-scope)",
                      "https://github.com/pytest-dev/pytest-asyncio/issues/1095"),
        ),
    ),
)


SCOPES = set(LOOP_SCOPES)
_NOT_VALID = re.compile(r"'(?P<value>[^']*)' is not a valid (?P<key>asyncio_\w+)")
_NOT_VALID_MODE = re.compile(r"'(?P<value>[^']*)' is not a valid Mode")
_LOOP_FIXTURE_NOT_FOUND = re.compile(r"fixture '_(?P<value>[^'\s]{1,100}?)_(event_loop|scoped_runner)' not found")
_KEY_ERROR = re.compile(r"KeyError: '(?P<value>[^']*)'")
_ASSERT_SCOPE = re.compile(r"assert '(?P<value>[^']*)' in \{")
_UNKNOWN = re.compile(r"Unknown config option: (?P<key>\S+)")
_LOOP_SCOPE_KWARG = re.compile(r"unexpected keyword argument '(loop_scope)'")


def detect(ctx):
    """A pytest-asyncio option that pytest or the plugin cannot use as written."""
    # A setting pytest never read explains the symptoms other rules see (unmarked tests, default loops).
    for check, unread in ((_native_table, True), (_ignored_file, True), (_bad_value, False),
                          (_marker_arguments, False), (_marker_on_fixture, False), (_misspelled_key, True),
                          (_misspelled_section, True),
                          (_loop_scope_too_new, False), (_option_too_new, False), (_config_warning, False),
                          (_option_fixed_in_title, False)):
        problem = check(ctx)
        if problem:
            summary, evidence, options, confidence = problem
            return finding(ctx, INFO, summary, confidence, [e for e in evidence if e], options, root_cause=unread)
    return None


# ---- which value was meant --------------------------------------------------------------

def intended_scope(value: str) -> str | None:
    cleaned = value.strip().strip("'\"").strip().lower()
    if cleaned in SCOPES:
        return cleaned
    import difflib
    close = difflib.get_close_matches(cleaned, sorted(SCOPES), n=1, cutoff=0.6)
    return close[0] if close else None


def _wide_cached_fixtures(ctx):
    return [f for f in ctx.sources.fixtures if f.is_async and f.scope not in ("function", "dynamic")]


def _fixture_default_options(ctx, meant: str | None, reason: str):
    """Values for asyncio_default_fixture_loop_scope that end the failure, best first."""
    wide = _wide_cached_fixtures(ctx)
    function = config_fix(
        ctx, FixKind.FIX_CONFIG_VALUE, [(FIXTURE_OPTION, "function")],
        "Set asyncio_default_fixture_loop_scope = function",
        reason + " With function, every async fixture without its own loop_scope runs on the loop of the "
        "test that uses it." + (f" (Spelling it `{meant}` would put the fixtures on a {meant} loop while the "
                                "tests keep their own loops: the \"different loop\" failure.)" if meant and meant != "function" else ""),
        "Fixtures cached wider than a test need their own loop_scope.", requires="pytest-asyncio>=0.24")
    one_loop = config_fix(
        ctx, FixKind.FIX_CONFIG_VALUE, [(FIXTURE_OPTION, "session"), (TEST_OPTION, "session")],
        "Set asyncio_default_fixture_loop_scope = session and asyncio_default_test_loop_scope = session",
        reason + " Fixtures and tests then share one session loop.",
        "Tests share one loop, so state left on it by one test can reach the next.", requires="pytest-asyncio>=0.26")
    options = [Option(function, at_least("0.24.0")), Option(one_loop, at_least("0.26.0"))]
    if wide:
        options.reverse()
    return options


# ---- the problems -----------------------------------------------------------------------

def _native_table(ctx):
    if not native_table_unread(ctx):
        return None
    active = ctx.config.active
    text = rename_section(active.text, active.section_line, "[tool.pytest.ini_options]")
    changes = [FileEdit(active.name, active.text, text)]
    fixture_default = active.settings.get(FIXTURE_OPTION)
    extra = ""
    if fixture_default and intended_scope(fixture_default.value) not in (None, "function") and not _wide_cached_fixtures(ctx):
        import dataclasses

        from ..fixes import _edit_known_config
        renamed = dataclasses.replace(active, text=text)
        changes = [FileEdit(active.name, active.text, _edit_known_config(renamed, [(FIXTURE_OPTION, "function")]).after)]
        extra = (" Once the table is read, asyncio_default_fixture_loop_scope = "
                 f"{fixture_default.value} would put the per-test fixtures on a shared loop while tests keep "
                 "their own (\"attached to a different loop\"), so the diff also sets it to function.")
    from ..fixes import make_fix
    fix = make_fix(FixKind.FIX_CONFIG_VALUE, "Use [tool.pytest.ini_options] (pytest before 9 ignores [tool.pytest])",
                   "pytest reads the native [tool.pytest] table only from version 9.0; older releases ignore it, "
                   "so asyncio_mode and the other options never reach pytest-asyncio." + extra,
                   "None: [tool.pytest.ini_options] is read by every pytest from 6.0 on, including 9.",
                   changes)
    upgrade = Option(make_fix(FixKind.OTHER, "Upgrade pytest to 9.0 or later",
                              "pytest 9 reads the native [tool.pytest] table.",
                              "pytest-asyncio before 1.3 does not support pytest 9.", requires="pytest>=9"),
                     at_least("1.3.0"), needs_diff=False)
    evidence = [ctx.file_evidence(active.name, active.section_line)]
    evidence += ctx.paste_evidence("async def functions are not natively supported", limit=2)
    if ctx.facts.header.pytest_version:
        evidence += ctx.paste_evidence(ctx.facts.header.pytest_version.value, limit=1)
    summary = (f"{active.name} keeps the pytest settings in the native [tool.pytest] table, which only pytest 9 "
               f"reads; this run uses pytest {ctx.env.pytest.value}, so none of them (asyncio_mode included) "
               "took effect and pytest-asyncio ran with its defaults.")
    return summary, evidence, [Option(fix, lambda v: True), upgrade], Confidence.HIGH


def _bad_value(ctx):
    for regex in (_NOT_VALID, _NOT_VALID_MODE, _LOOP_FIXTURE_NOT_FOUND, _KEY_ERROR, _ASSERT_SCOPE):
        for hit in ctx.facts.find("'"):
            match = regex.search(hit.value)
            if not match:
                continue
            value = match.group("value")
            key = match.groupdict().get("key") or _key_for_value(ctx, value, regex, hit.line)
            if key is None or (regex in (_KEY_ERROR, _ASSERT_SCOPE) and value in SCOPES):
                continue
            return _value_problem(ctx, key, value, [ctx.paste_evidence(hit.value, limit=1)[0]])
    for key, known in ((FIXTURE_OPTION, ctx.env.fixture_default), (TEST_OPTION, ctx.env.test_default)):
        value = (known.value or "").strip()
        if known.source.startswith("<paste>") and value and value not in SCOPES | {"fixture-scope", "None"}:
            line = int(known.source.split(":")[1])
            return _value_problem(ctx, key, value, ctx.paste_evidence(ctx.facts.text.lines and
                                                                      ctx.original_line(line) or value, limit=1))
    said = _said_not_valid(ctx)
    if said:
        return said
    for key in (FIXTURE_OPTION, TEST_OPTION, MODE_OPTION):
        setting = ctx.config.get(key) if ctx.config else None
        if setting is None:
            continue
        valid = {"auto", "strict"} if key == MODE_OPTION else SCOPES | ({"fixture-scope"} if ctx.versions.all(rel.knows_fixture_scope_value) else set())
        if setting.value.strip() not in valid and ctx.failed():
            return _value_problem(ctx, key, setting.value, [])
    return None


_SAID_NOT_VALID = re.compile(r"\bnot (?:a )?valid (?:value|scope|loop scope|option)", re.I)   # (its "not" is no denial)
_SAID_INVALID_WORD = re.compile(r"\binvalid (?:value|scope|loop scope)|\binvalid [`'\"]?asyncio_default_(?:fixture|test)"
                                r"_loop_scope\b", re.I)
_SAID_INVALID = re.compile(f"{_SAID_NOT_VALID.pattern}|{_SAID_INVALID_WORD.pattern}", re.I)
# A check of values told of just before ("to verify that …"), not a value given.
_A_CHECK = re.compile(r"\b(?:verify|verifies|ensure|ensures|check|checks|assert|asserts) that\b[^.\n]{0,30}$", re.I)
# Looser words ("was an invalid configuration", "auto becomes invalid"): they count in a sentence about the option.
_SAID_BECAME_INVALID = re.compile(r"\binvalid configuration\b|\b(?:becomes?|became|is|was|are|were) (?:now )?invalid\b"
                                  r"|\bno longer (?:a )?valid\b", re.I)
# The option said in words: "the default asyncio fixture loop scope", "fixture loop scope".
_FIXTURE_WORDS = re.compile(r"\b(?:asyncio )?fixture[ _]loop(?:[ _]scope)?\b", re.I)
_TEST_WORDS = re.compile(r"\b(?:asyncio )?test[ _]loop[ _]scope\b", re.I)
_SCOPE_TALK = re.compile(r"scope|asyncio_|\bauto\b|\bnone\b", re.I)
_QUOTED_WORD = re.compile(r"[`'\"]([\w-]+)[`'\"]")


def _said_not_valid(ctx):
    """A report that says in words that a loop-scope value is no longer valid (no run shown)."""
    if ctx.facts.exceptions or ctx.facts.summary_line or ctx.facts.usage_errors:
        return None
    # (stated: "If an invalid scope is provided, a UsageError is raised" tells of a check, not of a value given; so
    # does "a test verifies that an invalid scope raises")
    said = ctx.facts.lines_matching(_SAID_INVALID)
    lines = stated(_SAID_NOT_VALID, said, own_denials=True, unless_before=_A_CHECK) \
        or stated(_SAID_INVALID_WORD, said, unless_before=_A_CHECK) or [
        v for v in ctx.facts.lines_matching(_SAID_BECAME_INVALID)
        if _SCOPE_TALK.search(sentence_of(v.value, _SAID_BECAME_INVALID.search(v.value)))]
    if not lines:
        return None
    key = next((k for k in (FIXTURE_OPTION, TEST_OPTION) if ctx.has(k)), None) or next(
        (k for k, words in ((FIXTURE_OPTION, _FIXTURE_WORDS), (TEST_OPTION, _TEST_WORDS)) if ctx.facts.lines_matching(words)),
        None)
    if key is None:
        return None
    # The value the sentence quotes, if it is not a scope ("`fixture` is not a valid value").
    values = [w for v in lines for w in _QUOTED_WORD.findall(v.value) if w not in SCOPES and "asyncio" not in w]
    value = values[0] if values else "?"
    summary, evidence, options, _ = _value_problem(ctx, key, value, ctx.paste_evidence(lines[0].value, limit=1))
    return summary, evidence, options, Confidence.MEDIUM


def _plugin_raised(ctx, line: int) -> bool:
    """Whether ``line`` falls in a traceback whose last frame is pytest-asyncio's own code."""
    section = section_at(ctx, line)
    return bool(section and section.frames and "pytest_asyncio" in section.frames[-1].file)


def _key_for_value(ctx, value, regex, line):
    for key in (FIXTURE_OPTION, TEST_OPTION):
        setting = ctx.config.get(key) if ctx.config else None
        if setting is not None and setting.value.strip() == value:
            return key
        known = ctx.env.fixture_default if key == FIXTURE_OPTION else ctx.env.test_default
        if known.value and known.value.strip() == value:
            return key
    if regex is _KEY_ERROR:
        # A scope name looked up in the plugin's own table: a KeyError raised inside pytest-asyncio, or for a quoted
        # scope (not any KeyError of the code).
        return FIXTURE_OPTION if value.strip("\"'") in SCOPES or _plugin_raised(ctx, line) else None
    return FIXTURE_OPTION if regex is _LOOP_FIXTURE_NOT_FOUND else None


def _value_problem(ctx, key, value, evidence):
    setting = ctx.config.get(key) if ctx.config else None
    if setting:
        evidence.append(ctx.file_evidence(setting.file, setting.line))
    quoted = value.strip()[:1] in "\"'" and value.strip()[-1:] in "\"'"
    how = "is quoted: in an INI file pytest keeps the quotes, so the plugin sees" if quoted else "is"
    summary = f"{key} {how} `{value}`, which is not a value pytest-asyncio accepts" if value != "?" else \
        f"{key} is set to a value pytest-asyncio does not accept (a quoted value in an INI file keeps its quotes)"
    if key == MODE_OPTION:
        meant = "auto" if "auto" in value.lower() else "strict"
        fix = config_fix(ctx, FixKind.FIX_CONFIG_VALUE, [(MODE_OPTION, meant)], f"Set asyncio_mode = {meant}",
                         "Valid modes are auto and strict, written without quotes in INI files.", "None.")
        return summary + " (valid: auto, strict).", evidence, [Option(fix, lambda v: True)], Confidence.HIGH
    meant = intended_scope(value)
    summary += (" (valid: function, class, module, package, session). Depending on the release it fails "
                "at start-up, or every async fixture fails to set up.")
    if key == TEST_OPTION:
        target = meant or "function"
        changes = [(TEST_OPTION, target)] + ([(FIXTURE_OPTION, target)] if target != "function" else [])
        fix = config_fix(ctx, FixKind.FIX_CONFIG_VALUE, changes, f"Set {TEST_OPTION} = {target}",
                         "Spelled as pytest-asyncio expects it." + (" The fixture default follows, so fixtures "
                         "and tests share that loop." if target != "function" else ""),
                         "Tests share one loop." if target != "function" else "None.", requires="pytest-asyncio>=0.26")
        return summary, evidence, [Option(fix, at_least("0.26.0"))], Confidence.HIGH
    reason = f"`{value}` is not a loop scope." if value != "?" else "The value set is not a loop scope."
    return summary, evidence, _fixture_default_options(ctx, meant, reason), Confidence.HIGH


# pytest-asyncio refusing an asyncio marker's arguments (0.24+), or warning of scope= (renamed loop_scope=).
_MARKER_REFUSED = re.compile(r"mark\.asyncio accepts only|An asyncio pytest marker defines both \W?scope\W? and"
                             r"|mark\.asyncio got an unexpected loop scope value '(?P<value>[^']*)'"
                             r"|is marked to be run in an event loop with scope (?P<root>class|module|package), but is not")
_MARKER_SCOPE_DEPRECATED = re.compile(r"The \W?scope\W? keyword argument to the asyncio marker has been deprecated")
_PRINTED = re.compile(r"E\s|ERROR\b|(?:\w+\.)*(?:ValueError|UsageError|Failed)\b|\S{1,300}?::\S{1,300}: |raise ValueError")


_POSITIONAL_SCOPE = re.compile(r"mark\.asyncio\(\s*[\"'](?:session|package|module|class|function)[\"']\s*\)")


def _marker_arguments(ctx):
    """An asyncio marker given arguments its release refuses: a positional scope, scope= beside loop_scope=,
    keywords of long-gone releases (forbid_global_loop=), an unknown scope value, or a class loop outside a class;
    or scope=, which 0.24 renamed and warns about."""
    # As pytest prints them (an error line, a collection failure, a warning), not quoted in a report's sentences.
    refused = [v for v in ctx.facts.lines_matching(_MARKER_REFUSED)
               if _PRINTED.match(v.value.strip()) and "?" not in v.value] \
        if ctx.facts.mentions("mark.asyncio", "asyncio pytest marker", "is marked to be run") else []
    # A positional scope shown in a report with no run ("I used `pytest.mark.asyncio("session")` instead of …"):
    # 0.17-0.23 ignore it, later releases refuse it.
    if not refused and ctx.shows_no_results() and ctx.facts.mentions("mark.asyncio("):
        refused = ctx.facts.lines_matching(_POSITIONAL_SCOPE)
    # The deprecation alone decides only where no test ran: the warnings themselves are asked about.
    deprecated = [] if refused or ctx.passed() or ctx.failed() else [
        v for v in ctx.facts.lines_matching(_MARKER_SCOPE_DEPRECATED) if "DeprecationWarning" in v.value] \
        if ctx.facts.mentions("asyncio marker has been deprecated") else []
    if not refused and not deprecated:
        return None
    match = _MARKER_REFUSED.search(refused[0].value) if refused else None
    options = []
    if match and match.group("root"):
        root = match.group("root")
        summary = (f"A test marked to run on the {root} loop is not inside a {root}: pytest-asyncio (0.23 to 0.26) "
                   "has no such loop for it and refuses the test.")
        where = "a class" if root == "class" else "a package (a directory with an __init__.py)"
        options.append(Option(make_fix(FixKind.MARK_TESTS_LOOP_SCOPE, "Mark the test with a scope it lives in",
                                       f"Put the test inside {where}, or mark it with the module's loop (scope= on "
                                       "0.23, loop_scope= from 0.24).", "None."), lambda v: True))
        return summary, ctx.paste_evidence(refused[0].value, limit=1), options, Confidence.HIGH
    if match and match.group("value") is not None:
        meant = intended_scope(match.group("value"))
        summary = (f"An asyncio marker asks for the loop scope `{match.group('value')}`, which is not a scope "
                   "(valid: function, class, module, package, session).")
        title = f"Write the marker's scope as {meant}" if meant else "Give the marker a valid loop scope"
    elif refused:
        summary = ("An asyncio marker carries arguments pytest-asyncio refuses from 0.24 on: it takes only the "
                   "keyword loop_scope= (and loop_factories= from 1.4), not a positional scope, not scope= beside "
                   "loop_scope=, and not the keywords of old releases (forbid_global_loop= left in 0.6), which "
                   "earlier releases ignored silently.")
        title = "Write the marker as pytest.mark.asyncio(loop_scope=…)"
    else:
        summary = ("An asyncio marker uses scope=, which pytest-asyncio 0.24 renamed loop_scope= and warns about; "
                   "a later release will refuse it.")
        title = "Rename the marker's scope= to loop_scope="
    changes = [] if match and match.group("value") else [
        FileEdit(name, text, after) for name, text in ctx.files.items()
        if name.endswith(".py") and (after := _rewritten_marks(text)) not in (None, text)]
    fix = make_fix(FixKind.MARK_TESTS_LOOP_SCOPE, title,
                   "The marker keeps the loop it asked for, written the way pytest-asyncio 0.24 and later read it; "
                   "a keyword no release reads any more is dropped.", "None: the tests run on the same loops.",
                   changes or None, requires="pytest-asyncio>=0.24")
    options.append(Option(fix, lambda v: True))
    evidence = ctx.paste_evidence((refused or deprecated)[0].value, limit=1)
    return summary, evidence, options, Confidence.HIGH if refused else Confidence.MEDIUM


# pytest 8.4 warns of a mark on a fixture function (PytestRemovedIn9Warning); pytest 9 refuses it.
# A report's own line that puts an asyncio marker and a fixture together.
_ASYNCIO_MARK_ON_FIXTURE_SAID = re.compile(r"mark\.asyncio\b[^\n]{0,120}\bfixture|\bfixture\b[^\n]{0,120}\bmark\.asyncio\b")


def _marker_on_fixture(ctx):
    """An asyncio marker on a fixture: marks do nothing to fixtures, pytest 8.4 warns and pytest 9 refuses it."""
    said = ctx.facts.lines_matching(FIXTURE_MARKED) if ctx.facts.mentions("applied to fixtures") else []
    if not said:
        return None
    changes = [FileEdit(name, text, after) for name, text in ctx.files.items()
               if name.endswith(".py") and "mark.asyncio" in text
               and (after := _without_fixture_marks(text)) not in (None, text)]
    # The decorator line pytest shows with its message (pytest 8.4 prints it below the warning, pytest 9's
    # traceback above the error), or a sentence of the report that puts the two together; another mark on a
    # fixture is pytest's matter, not the plugin's.
    near = {n for v in said[:50] for n in (range(v.line + 1, v.line + 4) if "no effect" in v.value
                                          else range(v.line - 8, v.line))}
    shown = [v for v in ctx.facts.find("mark.asyncio") if v.line in near] \
        or ctx.facts.lines_matching(_ASYNCIO_MARK_ON_FIXTURE_SAID)
    if not changes and not shown:
        return None
    summary = ("An asyncio marker decorates a fixture. Marks have no effect on fixtures: pytest 8.4 warns "
               "(PytestRemovedIn9Warning) and pytest 9 refuses to collect the module. The marker belongs on tests; a "
               "fixture's loop is chosen with @pytest_asyncio.fixture(loop_scope=…).")
    fix = make_fix(FixKind.OTHER, "Remove the asyncio marker from the fixture",
                   "The fixture keeps running as it did: the marker never reached it. Tests keep their own markers.",
                   "None.", changes or None)
    evidence = ctx.paste_evidence(said[0].value, *(v.value for v in shown[:1]), limit=2)
    return summary, evidence, [Option(fix, lambda v: True)], Confidence.HIGH if changes else Confidence.MEDIUM


def _without_fixture_marks(text: str) -> str | None:
    try:
        return drop_asyncio_marks_on_fixtures(text)
    except EditError:   # a file that does not parse gets no diff
        return None


def _rewritten_marks(text: str) -> str | None:
    try:
        return rewrite_asyncio_marks(text)
    except EditError:   # a file that does not parse gets no diff
        return None


def _asyncio_symptom(ctx) -> bool:
    """A failure the plugin's options bear on: tests left to pytest, un-run fixtures, loops crossing."""
    return story(ctx).kind != "none" or _mode_symptom(ctx) or ctx.has(*UNSET_SIGNS)


def _mode_symptom(ctx) -> bool:
    """A failure the asyncio mode bears on: tests left to pytest, async fixtures no plugin ran."""
    return ctx.has("not natively supported", "requested an async fixture", "requested async @pytest.fixture",
                   "was never awaited", "<async_generator object", "<coroutine object")


def _ignored_file(ctx):
    """pytest-asyncio options set in a config file pytest ignores, because another file of the same directory
    wins (pytest.ini over pyproject.toml, tox.ini over setup.cfg); pytest 9 warns of it in its header."""
    if not (ctx.failed_or_unrun() and _asyncio_symptom(ctx)):
        return None
    if not (ctx.config and ctx.config.ignored):
        return _ignored_file_said(ctx) if ctx.has("WARNING: ignoring pytest config") else None
    active = ctx.config.active
    if active is None or active.parse_error:
        return None   # (pytest stops on a file it cannot parse: that error comes first)
    shown = ctx.facts.header.configfile
    for ignored in ctx.config.ignored:
        if ignored.directory != active.directory or shown and base_name(shown.value.split(" (")[0]) == ignored.kind:
            continue   # (the header names the file pytest did read)
        # (An option the release does not know yet would do nothing in either file.)
        unread = [setting for key, setting in ignored.settings.items()
                  if key in (MODE_OPTION, FIXTURE_OPTION, TEST_OPTION) and key not in active.settings
                  and ctx.versions.any(lambda v, key=key: v >= rel.V(INTRODUCED.get(key, "0.17")))]
        if not unread:
            continue
        confirmed = ctx.paste_evidence(f"ignoring pytest config in {base_name(ignored.name)}", limit=1)
        names = ", ".join(f"{s.key} = {s.value}" for s in unread[:3])
        summary = (f"pytest reads its settings from {active.name} and ignores the pytest config in {ignored.name}"
                   + (" (its header says so)" if confirmed else "") + f", so {names} never reached pytest-asyncio: "
                   "it runs on its defaults.")
        # A wide fixture default beside loops that cross is the failure itself: it moves as function.
        crossing = story(ctx).kind in ("wider", "cached")
        moved = [(s.key, "function" if crossing and s.key == FIXTURE_OPTION else s.value.strip().strip("\"'"))
                 for s in unread]
        fix = config_fix(ctx, FixKind.FIX_CONFIG_VALUE, moved,
                         f"Move the asyncio options into {active.name}",
                         f"pytest takes the first file of a directory in the order pytest.toml, pytest.ini, "
                         f"pyproject.toml, tox.ini, setup.cfg; settings belong in the one it reads. Delete them from "
                         f"{ignored.name} afterwards, or move every pytest setting into one file.", "None.")
        evidence = confirmed + [ctx.file_evidence(s.file, s.line) for s in unread[:2]]
        # pytest's choice between two files of one directory is certain, and the failure is one the options bear on.
        return summary, evidence, [Option(fix, lambda v: True)], Confidence.HIGH
    return None


_IGNORING = re.compile(r"configfile: (?P<read>\S+) \(WARNING: ignoring pytest config in (?P<ignored>[^!)\n]{1,300})")


def _ignored_file_said(ctx):
    """Only pytest 9's header tells of the ignored file (the files were not given): whether the asyncio options
    sit there is not known, so the diagnosis carries it as a caveat, beside whatever explains the failure."""
    said = ctx.facts.lines_matching(_IGNORING)
    match = _IGNORING.search(said[0].value) if said else None
    if match:
        ctx.assumptions.append(
            f"pytest's header says it reads {match.group('read')} and ignores the pytest config in "
            f"{match.group('ignored').strip().rstrip('!')}: if the pytest-asyncio options are set there, they never "
            f"reached the plugin; move them into {match.group('read')}.")
    return None


def _misspelled_key(ctx):
    if not ctx.config or not ctx.config.active or not ctx.failed_or_unrun():
        return None
    for key, setting in ctx.config.active.settings.items():
        meant = option_near_misses(key)
        if meant and meant != key and ctx.config.get(meant) is None:
            evidence = [ctx.file_evidence(setting.file, setting.line)] + ctx.paste_evidence(f"Unknown config option: {key}", limit=1)
            file = next(f for f in ctx.config.files if f.name == setting.file)
            fix = make_fix(FixKind.FIX_CONFIG_VALUE, f"Rename {key} to {meant}",
                           f"pytest does not know {key}, so the setting was ignored.", "None.",
                           [FileEdit(file.name, file.text, rename_key(file.text, setting.line, key, meant))])
            summary = f"The config sets `{key}`, which no plugin knows; it was meant to be `{meant}` and was ignored."
            # pytest's own "Unknown config option" warning confirms the key was not read.
            confirmed = ctx.has(f"Unknown config option: {key}")
            return summary, evidence, [Option(fix, lambda v: True)], Confidence.HIGH if confirmed else Confidence.MEDIUM
    return None


def _misspelled_section(ctx):
    if not ctx.config or not ctx.failed_or_unrun():
        return None
    for file in ctx.config.files:
        for header, line in file.misspelled_sections:
            if file.section is not None:
                continue
            from ..fixes import SECTION_HEADERS, _base, make_fix
            right = SECTION_HEADERS.get(_base(file.name), "[pytest]")
            fix = make_fix(FixKind.FIX_CONFIG_VALUE, f"Rename {header} to {right}",
                           f"pytest looks for {right} in {file.name}; under {header} no setting is read.",
                           "None.", [FileEdit(file.name, file.text, rename_section(file.text, line, right))])
            summary = f"{file.name} puts the pytest settings under {header}, which pytest does not read."
            # Sure when the unread section holds pytest-asyncio settings: they never reached the plugin.
            sure = _section_sets_asyncio(file.text, line)
            return (summary, [ctx.file_evidence(file.name, line)], [Option(fix, lambda v: True)],
                    Confidence.HIGH if sure else Confidence.MEDIUM)
    return None


def _section_sets_asyncio(text: str, header_line: int) -> bool:
    """Whether the section starting at ``header_line`` (1-based) sets an asyncio_ option."""
    for line in text.splitlines()[header_line:]:
        stripped = line.strip()
        if stripped.startswith("["):
            return False
        if stripped.startswith("asyncio_"):
            return True
    return False


# loop_scope said not to work ("This doesn't work for me", "has no effect") by a report on a release before 0.24.
_SAID_NOT_WORKING = re.compile(r"\b(?:does(?:n't| not)|did(?:n't| not)|is(?:n't| not)|not) (?:seem to )?(?:work|working"
                               r"|have any effect|take effect|do anything)\b|\bno effect\b|\bignored\b", re.I)


_NOT_USED = re.compile(r"\b(?:don't|do not|doesn't|does not|never|not) use\w*\b", re.I)


def _loop_scope_said_unknown(ctx):
    """A release before 0.24, named by the report, beside loop_scope said not to work (on its line or the next
    two: "… the parameter `loop_scope` …\n\nThis doesn't work for me")."""
    if ctx.env.versions.high >= rel.V("0.24.0") or not ctx.facts.mentions("loop_scope") or ctx.failed():
        return []
    lines = ctx.facts.text.lines
    named = [v for v in ctx.facts.find("loop_scope")
             if "default_fixture_loop_scope" not in v.value and not _NOT_USED.search(v.value)]
    return [v for v in named if any(_SAID_NOT_WORKING.search(line.text)
                                    for line in lines if v.line <= line.number <= v.line + 2)]


def _loop_scope_too_new(ctx):
    hits = ctx.exceptions(_LOOP_SCOPE_KWARG)
    said = [] if hits else _loop_scope_said_unknown(ctx)
    if not hits and not said:
        return None
    if said:
        summary = (f"The report's pytest-asyncio ({ctx.env.versions}) predates loop_scope=, which arrived in 0.24: "
                   "0.23 names the loop with scope= (@pytest.mark.asyncio(scope=\"session\"), and a fixture's loop "
                   "follows its caching scope), so loop_scope= is not read. The documentation at \"latest\" "
                   "describes the newest release; the one for the installed release uses scope=.")
        options = [change_version(ctx, "0.24", "loop_scope= exists from pytest-asyncio 0.24 on.", last_resort=False)]
        return summary, ctx.paste_evidence(said[0].value, limit=1), options, Confidence.MEDIUM
    ctx.env.versions = ctx.env.versions.narrow(high=rel.V("0.23.8"))
    summary = ("A fixture or marker uses loop_scope=, which pytest-asyncio accepts only from 0.24; this "
               "release rejects it (TypeError).")
    options = [change_version(ctx, "0.24", "loop_scope= exists from pytest-asyncio 0.24 on.", last_resort=False)]
    return summary, ctx.exception_evidence(hits, limit=3), options, Confidence.HIGH


# "Older versions fail for the presence of asyncio_mode in pytest config" (the patch that raises the minimum).
_SAID_TOO_NEW = re.compile(r"\b(?:older|old|earlier|previous) (?:pytest-asyncio )?(?:versions?|releases?)\b[^.]{0,60}?"
                           r"\b(?:fail\w*|unknown|don't know|do not know|not support\w*|doesn't support|does not support)"
                           r"\b[^.]{0,60}?\b(?P<key>asyncio_(?:mode|default_fixture_loop_scope|default_test_loop_scope))\b", re.I)


_TOO_NEW_DENIED = re.compile(r"\?|\b(?:don't|do not|doesn't|does not|didn't|did not|never) fail|\beither\b", re.I)


def _option_too_new(ctx):
    """An option the installed release does not know yet: pytest warns "Unknown config option" while the plugin
    is loaded (its header line or plugin entry), so the setting silently does nothing. A report with no run may
    say so in words."""
    said = [v for v in ctx.facts.lines_matching(_SAID_TOO_NEW) if not _TOO_NEW_DENIED.search(v.value)] \
        if ctx.shows_no_results() and ctx.facts.mentions("asyncio_") else []
    if said:
        key = _SAID_TOO_NEW.search(said[0].value).group("key").lower()
        release = {MODE_OPTION: "0.17", **INTRODUCED}[key]
        upgrade = change_version(ctx, release, f"{key} exists from pytest-asyncio {release} on.", last_resort=False)
        summary = (f"The config sets {key}, which pytest-asyncio releases before {release} do not know: with one "
                   "of them installed pytest warns \"Unknown config option\" and the setting has no effect.")
        return summary, ctx.paste_evidence(said[0].value, limit=1), [upgrade], Confidence.MEDIUM
    if not plugin_active(ctx) or not ctx.failed() or story(ctx).kind != "none":
        return None  # beside a loop error another rule explains, or on a passing run, the warning is noise
    for key, release in INTRODUCED.items():
        hits = ctx.facts.find(f"Unknown config option: {key}")
        if not hits:
            continue
        upgrade = change_version(ctx, release, f"{key} exists from pytest-asyncio {release} on.", last_resort=False)
        summary = (f"The config sets {key}, which this pytest-asyncio release does not know (it arrived in "
                   f"{release}): pytest warns \"Unknown config option\" and the setting has no effect.")
        evidence = ctx.paste_evidence(hits[0].value, limit=1) + [ctx.setting_evidence(key)]
        # Weaker than any rule that explains the failure itself: the warning may well be beside the point.
        return summary, evidence, [upgrade], Confidence.MEDIUM
    return None


UNSET = 'The configuration option "asyncio_default_fixture_loop_scope" is unset'
# The same warning wrapped by a terminal or a post ('… The configuration option' / '"asyncio_…" is unset.'), or
# only its source line shown.
UNSET_SIGNS = (UNSET, '"asyncio_default_fixture_loop_scope" is unset', "_DEFAULT_FIXTURE_LOOP_SCOPE_UNSET")
# 0.17-0.18's warning, and pytest-aiohttp's own when it switches the legacy mode to auto.
LEGACY_MODE = ("The 'asyncio_mode' default value will change", "The 'asyncio_mode' is 'legacy', switching to 'auto'")
# "pytest-asyncio introduced a new mode parameter and warns if it is set to legacy" (0.17-0.18's legacy mode).
_SAID_LEGACY_MODE = re.compile(r"\bmode\b[^.\n]{0,60}\bwarns?\b[^.\n]{0,40}\blegacy\b|\blegacy mode\b[^.\n]{0,40}"
                               r"\b(?:warn\w*|deprecat\w*)"
                               # "Update Pytest configuration (deprecated implicit asyncio mode)"
                               r"|\bdeprecated (?:implicit|default|legacy) `?asyncio[_ ]mode\b", re.I)
# "Change asyncio mode for pytest from legacy to auto" (stated, not the docs' "how to switch …")
_LEFT_LEGACY = re.compile(r"\bmode\b[^.\n]{0,30}\bfrom `?legacy`?(?: mode)? to `?(?:auto|strict)\b", re.I)
_HOW_TO = re.compile(r"\bhow to\b|\bdocs?\b|\bdocumentation\b", re.I)
# The verbs of a patch that sets an option ("Declare the desired …", "Pin pytest-asyncio fixture loop scope").
_SETS_OPTION = (r"\b(?:set|sets|setting|configure|configures|configuring|declare|declares|specify|specifies|specifying"
                r"|define|defines|add|adds|adding|select|pin|pins|pinning|explicitly)\b")
# Within a sentence that a post may wrap once ("… set 'asyncio_default_fixture_loop_scope = function'\nto prevent
# pytest-asyncio deprecation warnings").
# ("when [`asyncio_default_fixture_loop_scope`](https://…) is not set": a Markdown link's target skipped)
_SAID_UNSET = re.compile(r"\basyncio_default_fixture_loop_scope\b(?:`?\]\([^)\s]{0,300}\))?(?:[^\n]|\n(?!\s*\n)){0,80}"
                         r"(?:\b(?:warn\w*|deprecat\w*"
                         # (and the words of notes in Chinese and Japanese: unset, deprecated, warning)
                         r"|unset|not set|silenc\w*)|未设置|未設定|未配置|弃用|告警|警告|非推奨)"
                         r"|\b(?:silenc\w*|warn\w*|not setting|unset)\b(?:[^\n]|\n(?!\s*\n)){0,80}"
                         r"\basyncio_default_fixture_loop_scope\b"
                         # (named in words: "remove pytest deprecation warning about default asyncio fixture loop
                         # scope")
                         r"|\b(?:warn\w*|deprecat\w*)\b(?:[^\n]|\n(?!\s*\n)){0,60}"
                         r"\bdefault (?:asyncio )?fixture loop scope\b"
                         # a patch that declares it ("Declare the desired asyncio_default_fixture_loop_scope")
                         r"|" + _SETS_OPTION +
                         # (not a check of its values: "Add validation for asyncio_default_fixture_loop_scope")
                         r"(?!\s+(?:an? |the )?(?:validation|validator|checks?|tests?)\b)"
                         r"[^\n]{0,25}?\basyncio_default_fixture_loop_scope\b"
                         r"(?![^\n]{0,300}\b(?:session|module|package|class)\b)(?![^\n]{0,300}\?)", re.I)
# pytest-asyncio's deprecation warnings said to be the subject, in a report that sets asyncio_mode: 0.17's
# warning that the mode default would change ("Fix pytest-asyncio deprecation warnings ... Set asyncio_mode = auto").
_SAID_PLUGIN_DEPRECATION = re.compile(r"pytest[-_]asyncio\b[^.\n]{0,40}\bdeprecation warnings?|deprecation "
                                      r"warnings?\b[^.\n]{0,40}\bpytest[-_]asyncio\b", re.I)
# The plugin's other deprecations named in a note, or a change of the plugin linked: its warning is one of those.
_OTHER_DEPRECATIONS = ("event_loop", "event loop", "asyncio_mode", "legacy", "strict", "pytest.fixture",
                       "pytest_asyncio.fixture", "get_event_loop", "mark.asyncio", "loop_scope", "scope=", "policy",
                       "iscoroutinefunction", "1.0", "pytest-asyncio/pull", "pytest-asyncio/issues")
# A note that fixes the plugin's deprecation warning, said with the verb ("avoid pytest-asyncio deprecation warning").
_FIXES_PLUGIN_DEPRECATION = re.compile(r"\b(?:fix\w*|avoid\w*|silenc\w*|remov\w*|suppress\w*|resolv\w*|mitigat\w*|get rid of)\b"
                                       r"(?!\s+(?:the\s+)?(?:link|typo|docs?|wording)\b)[^.\n]{0,20}(?:pytest[-_]asyncio\b"
                                       r"[^.\n]{0,40}\bdeprecation\b(?! (?:notice|page|docs?|documentation|link|guide|policy))"
                                       r"|deprecation warnings?\b"
                                       r"[^.\n]{0,40}\bpytest[-_]asyncio\b)", re.I)
# ("Set asyncio_mode to auto", "asyncio_mode = strict to avoid pytest warnings")
_ADDS_MODE = re.compile(TITLE_START + r"(?:add|set|configure)(?:s|d|ed)? (?:the |an? )?`?asyncio_mode`?"
                        r"(?: (?:setting|option|config\w*)(?: (?:for|to|in) (?:pytest|the tests|pytest\.ini"
                        r"|pyproject\.toml|setup\.cfg|tox\.ini))?| to [`'\"]?(?:auto|strict)[`'\"]?)?"
                        r"\s*(?:\(#\d+\))?\s*$"
                        # "Add pytest-asyncio mode to remove deprecation warnings", "fix: Set asyncio_mode to deal with
                        # asyncio deprecation warnings"
                        r"|" + TITLE_START + r"(?:(?:add|set)(?:s|ed)?(?: up)? (?:the |an? )?"
                        r"(?:(?:pytest[-_]asyncio|asyncio) mode|`?asyncio_mode`?(?: to `?\w+`?)?)"
                        r"|`?asyncio_mode\s*=\s*[`'\"]?\w+[`'\"]?) (?:to|for) "
                        r"(?:remov|silenc|fix|avoid|deal with|address)\w* (?:the |all )?(?:\w+ )?"
                        r"(?:deprecation )?warnings?\b", re.I)
# ("try the `strict` mode for `pytest-asyncio`", "Explicitly set pytest asyncio mode to 'strict'")
_SAID_TO_STRICT = Gated(
    # (the move to strict mode in any of the ways a note spells it)
    ("strict mode", "strict` mode", "strict' mode", 'strict" mode', "mode to strict", "mode to `strict",
     "mode to 'strict", 'mode to "strict'),
    re.compile(r"\b(?:use|uses|utili[sz]es?|switch(?:es)? to|adopts?|enables?|try|tries)\b[^\n.]{0,30}"
               r"\b[`'\"]?strict[`'\"]? mode\b|\bset(?:s|ting)?\b[^\n.]{0,40}\bmode to [`'\"]?strict\b", re.I))
_REMOVES_WARNINGS = re.compile(r"\b(?:removes?|silenc\w*|avoids?|fix(?:es)?|gets? rid of)\b[^.\n]{0,20}\bwarnings?\b"
                               r"|\bsilenc\w* them\b", re.I)
_SETS_MODE = re.compile(r"\basyncio_mode\s*=\s*[\"']?(auto|strict)\b")
# "It wants the `asyncio_mode` to be set in the config" (0.17-0.18's warning, said in a report's words).
_WARNING_QUOTED = re.compile(r"\b\w*Warning: ")
_SAID_MODE_UNSET = re.compile(r"\basyncio_mode`?\s+(?:to be set|(?:is|was) (?:not set|unset|missing|not defined"
                              r"|undefined)|not being (?:set|defined))\b", re.I)


_SAID_WARNS = re.compile(
    r"\b(?:prints?|printed|emits?|emitted|raises?|raised|shows?|showed|throws?|gets?|got|see|seeing|produces?"
    r"|generates?|generated)\b[^.\n]{0,30}\b(?:\w*Warnings?|warnings?)\b|\b(?:\w*Warnings?|warnings?)\b[^.\n]{0,30}"
    r"\b(?:appears?|is raised|are raised|is shown|are shown|is printed|are printed|is emitted|are emitted"
    r"|pops? up|shows? up)\b")


# The sentence is about the warning shown, not another one ("aiohttp emits a DeprecationWarning about ssl").
_ABOUT_THIS_WARNING = re.compile(r"\bfollowing\b|\bth(?:is|ese) warnings?\b|asyncio|loop[_ ]scope", re.I)


# The unset-scope warning named in a patch's words without the option's name ("Fix pytest-asyncio loop scope
# warning").
_SAID_SCOPE_WARNING = re.compile(r"\b(?:pytest[-_]asyncio|asyncio)`?\b[^.\n]{0,20}?\b(?:default )?(?:fixture )?"
                                 r"loop[_ ]scope (?:deprecation )?warnings?\b", re.I)


# The option set in a patch's words, without its name ("Set default pytest-asyncio loop scope", "explicitly setting
# pytest-asyncio's default fixture loop scope to `function`", "Set pytest asyncio loop scope to function"), or the
# plugin's settings set to end warnings ("set pytest-asyncio config, fix warnings"): the unset warning it ends. Not
# to a wider loop, and not asked.
_SAID_SETS_SCOPE = re.compile(_SETS_OPTION + r" (?:an? |the )?(?:explicit(?:ly)? )?"
                              r"(?:(?=(?:[\w`'-]+ ){0,3}?(?:default|fixture) )"
                              r"(?:`?(?:default|pytest[-_]asyncio|pytest|asyncio|async|fixture)`?(?:'s)? ){1,4}loop scope\b"
                              r"|(?:`?(?:pytest[-_]asyncio|pytest|asyncio)`?(?:'s)? ){1,2}loop scope to "
                              r"[`'\"]?function\b"
                              # "fix PytestDeprecationWarning (set asyncio fixture scope)"
                              r"|`?(?:pytest[-_]asyncio|asyncio)`?(?:'s)? (?:default )?fixture scope\b"
                              r"|`?pytest[-_]asyncio`? (?:config(?:uration)?|options|settings)\b[^.\n]{0,30}"
                              r"\b(?:fix|silenc|remov|avoid)\w* (?:the |its )?(?:deprecation )?warnings\b)"
                              r"(?![^\n]{0,300}\b(?:session|module|package|class)\b)(?![^\n]{0,300}\?)", re.I)


def _config_warning(ctx):
    """A configuration warning the user asks about (no test run shown), or one that crashed the run."""
    no_run = ctx.shows_no_results()
    # A run cut off after its warnings, in a report that says its tests fail, is about those failures.
    failing_cut = cut_after_start(ctx)
    # Nor is a run the report says hangs: it was interrupted, and the warning is all it printed before.
    hung = said_hung(ctx)
    asked = warnings_only(ctx) and not failing_cut and not hung
    crashed = any(crashed_on_warning(ctx, sign) for sign in UNSET_SIGNS)
    # A passing run pasted by a report that says the warning is what it is about ("prints the following warnings").
    unset_asked = asked or (not ctx.failed() and not hung and ctx.has(*UNSET_SIGNS) and any(
        _ABOUT_THIS_WARNING.search(v.value) for v in ctx.facts.lines_matching(_SAID_WARNS)))
    # A report (often the patch that sets it) saying in words that the option's warning is what it is about.
    said = ctx.facts.lines_matching(_SAID_UNSET) if no_run and not (failing_cut or hung) \
        and (ctx.has(FIXTURE_OPTION) or ctx.facts.mentions("fixture loop scope")) else []
    if not said and no_run and not (failing_cut or hung) and ctx.facts.mentions("scope warning", "scope deprecation warning") \
            and not ctx.facts.mentions("scope=", "scope argument", "scope keyword"):
        said = ctx.facts.lines_matching(_SAID_SCOPE_WARNING)
    # (a report of a loop error that sets the scope to fix it is a loop story)
    if not said and no_run and not (failing_cut or hung) and ctx.facts.mentions("loop scope", "asyncio config",
                                                                                 "asyncio option", "asyncio setting",
                                                                                 "asyncio fixture scope") \
            and not ctx.facts.mentions("different loop", "different event loop", "loop is closed", "another operation"):
        said = stated(_SAID_SETS_SCOPE, ctx.facts.lines_matching(_SAID_SETS_SCOPE))
    # A note that only names "the pytest-asyncio deprecation warning" it fixes, quoting none and naming nothing
    # else of the plugin: the one every run of 0.24 to 0.26 prints while the option is unset, assumed.
    unquoted = [] if said or not no_run or failing_cut or hung or not ctx.facts.mentions("deprecation") \
        or ctx.facts.mentions(*_OTHER_DEPRECATIONS) or ctx.facts.lines_matching(_WARNING_QUOTED) \
        else stated(_FIXES_PLUGIN_DEPRECATION, ctx.facts.lines_matching(_FIXES_PLUGIN_DEPRECATION))
    if (ctx.has(*UNSET_SIGNS) and (unset_asked or crashed)) or said or unquoted:
        evidence = ctx.paste_evidence(*UNSET_SIGNS, limit=2) or ctx.paste_evidence((said or unquoted)[0].value, limit=1)
        summary = ("pytest-asyncio warns that asyncio_default_fixture_loop_scope is unset: async fixtures then run "
                   "on the loop of their caching scope, and a future release will switch the default to function."
                   + (" With warnings turned into errors (filterwarnings = error) the warning stops the run." if crashed else ""))
        if unquoted:
            summary = ("The report names a pytest-asyncio deprecation warning without quoting it; assumed here to be "
                       "the one every run of 0.24 to 0.26 prints while the option is unset. " + summary)
        options = _fixture_default_options(ctx, None, "Setting the option explicitly silences the warning.")
        sure = Confidence.HIGH if ctx.has(*UNSET_SIGNS) else Confidence.LOW if unquoted else Confidence.MEDIUM
        return summary, evidence, options, sure
    legacy_crash = (ctx.facts.usage_errors and ctx.has("asyncio_mode") and ctx.has("DeprecationWarning")
                    and any("INTERNALERROR" in v.value for v in ctx.facts.usage_errors))
    said_legacy = ctx.facts.lines_matching(_SAID_LEGACY_MODE) \
        if ctx.facts.mentions("legacy", "implicit asyncio mode", "default asyncio mode") else []
    if not said_legacy and ctx.facts.mentions("legacy"):
        said_legacy = [v for v in stated(_LEFT_LEGACY, ctx.facts.lines_matching(_LEFT_LEGACY))
                       if not _HOW_TO.search(v.value)]
    # (only where legacy mode can be the default, 0.17-0.18, and no other warning is quoted as the one seen)
    if not said_legacy and no_run and not (failing_cut or hung) and ctx.facts.mentions("warn") \
            and ctx.versions.any(lambda v: rel.V("0.17") <= v < rel.V("0.19")) \
            and not ctx.facts.mentions(FIXTURE_OPTION, "never awaited", "pytest.fixture", "strict") \
            and not ctx.facts.lines_matching(_WARNING_QUOTED):
        said_legacy = ctx.facts.lines_matching(_SAID_MODE_UNSET)
    sets_mode = ctx.facts.lines_matching(_SETS_MODE) if ctx.facts.mentions("asyncio_mode") else []
    # (pytest 8.4's warning about async fixtures in strict mode is another deprecation warning.)
    if not said_legacy and no_run and sets_mode and ctx.facts.mentions("deprecation warning") \
            and not ctx.facts.mentions("event_loop", FIXTURE_OPTION, "strict mode", "pytest.fixture", "not handled"):
        said_legacy = ctx.facts.lines_matching(_SAID_PLUGIN_DEPRECATION)
    # A patch that moves to strict mode to end warnings ("Utilise the pytest-asyncio strict mode. This removes
    # warnings"): the legacy-mode warnings of 0.17-0.18, which an explicit mode ends.
    if not said_legacy and no_run and not (failing_cut or hung) and ctx.facts.mentions(*_SAID_TO_STRICT.cues) \
            and ctx.facts.mentions("warning") and ctx.facts.lines_matching(_REMOVES_WARNINGS):
        said_legacy = stated(_SAID_TO_STRICT.regex, ctx.facts.gated(_SAID_TO_STRICT))
    # A title that adds the mode setting ("Add asyncio_mode setting for pytest"): the legacy-mode warning it ends.
    if not said_legacy and no_run and not (failing_cut or hung) and _ADDS_MODE.match(title(ctx).value) \
            and not ctx.facts.lines_matching(ERROR_NAMED):
        said_legacy = [title(ctx)]
    if (ctx.has(*LEGACY_MODE) and (asked or ctx.failed())) or legacy_crash or said_legacy:
        patched = _SETS_MODE.search(sets_mode[0].value).group(1) if sets_mode and said_legacy else None
        meant = patched or ("auto" if ctx.env.mode.value == "auto" or ctx.has(LEGACY_MODE[1]) else "strict")
        fix = config_fix(ctx, FixKind.FIX_CONFIG_VALUE, [(MODE_OPTION, meant)], f"Set asyncio_mode = {meant}",
                         "pytest-asyncio 0.17–0.18 run in legacy mode unless asyncio_mode is set in the file pytest "
                         "reads (a [pytest] / [tool:pytest] / [tool.pytest.ini_options] section); setting it ends "
                         "the warning.", "strict mode needs @pytest_asyncio.fixture on async fixtures; auto takes over every async test.")
        summary = ("pytest-asyncio runs in the deprecated legacy mode because no asyncio_mode reached it: the option "
                   "is missing, or sits in a section pytest does not read."
                   + (" pytest-aiohttp switches that legacy mode to auto and warns; setting the mode explicitly ends "
                      "the warning." if ctx.has(LEGACY_MODE[1]) else ""))
        evidence = ctx.paste_evidence(*LEGACY_MODE, limit=2) or ctx.paste_evidence("INTERNALERROR", limit=1) \
            or ctx.paste_evidence(*(v.value for v in said_legacy[:1]), limit=1)
        sure = ctx.has(*LEGACY_MODE) or legacy_crash
        # The warning is printed by every run of 0.17-0.18 without a mode: beside a failure the mode has no part
        # in (an error of the plugin's own calls, a loop crossing), it is only the likeliest answer left.
        if ctx.failed() and not (asked or legacy_crash or said_legacy or _mode_symptom(ctx)):
            return summary, evidence, [Option(fix, lambda v: True)], Confidence.LOW
        return summary, evidence, [Option(fix, lambda v: True)], Confidence.HIGH if sure else Confidence.MEDIUM
    return None


# A title that fixes one of the plugin's options and says no more ("fix asyncio_default_fixture_loop_scope"): its value
# or spelling was wrong.
_FIXES_OPTION = re.compile(TITLE_START + r"(?:fix(?:es|ed)?|correct(?:s|ed)?) (?:the )?`?(asyncio_mode|"
                           r"asyncio_default_fixture_loop_scope|asyncio_default_test_loop_scope)`?"
                           r"(?: (?:setting|option|value|config\w*))?\s*(?:\(#\d+\))?\s*$", re.I)


_DOCS_TITLE = re.compile(r"[^\w\n]*(?:docs?|documentation)\b|\w+\((?:docs?|documentation)\)", re.I)


def _option_fixed_in_title(ctx):
    said = title(ctx)
    fixed = _FIXES_OPTION.match(said.value)
    if not fixed or not ctx.shows_no_results() or _DOCS_TITLE.match(said.value):
        return None   # (a fix of the docs' words is no fix of a config)
    option = fixed.group(1)
    summary = (f"The report fixes the {option} setting: a value pytest-asyncio cannot use (quoted in an INI file, "
               "misspelled, or not one it knows) or an option name it does not read leaves the suite on the default "
               "it meant to change.")
    fix = prose(FixKind.FIX_CONFIG_VALUE, f"Write {option} as pytest-asyncio reads it",
                "Unquoted in pytest.ini, tox.ini and setup.cfg (`asyncio_default_fixture_loop_scope = function`), a "
                "TOML string in pyproject.toml, one of the values it knows (auto or strict for the mode; function, "
                "class, module, package or session for the loop scopes), in the section pytest reads.",
                "None: the value the suite meant takes effect.")
    return summary, ctx.paste_evidence(said.value, limit=1), [fix], Confidence.MEDIUM


INTRODUCED = {FIXTURE_OPTION: "0.24", TEST_OPTION: "0.26", "asyncio_debug": "1.2"}


def advise(ctx):
    """Notes for a passing run whose output still shows pytest-asyncio configuration warnings."""
    notes = []
    for key, release in INTRODUCED.items():
        if ctx.has(f"Unknown config option: {key}") and plugin_active(ctx) or (
                ctx.has(f"Unknown config option: {key}") and not ctx.has("Unknown config option: asyncio_mode")):
            notes.append(f"{key} is set but the installed pytest-asyncio does not know it, so it has no effect; "
                         f"it is read from pytest-asyncio {release} on ({requirement(release)}).")
    if ctx.has(*UNSET_SIGNS):
        notes.append("asyncio_default_fixture_loop_scope is unset: set it (usually to function) to silence the "
                     "deprecation warning and keep today's behaviour explicit.")
    return notes
