"""Candidate fixes as exact diffs of the user's files.

Builders here know how to make one kind of edit; the rules decide which fixes
apply to a finding and which one to recommend for the release range.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from . import edits
from .config import ConfigFile, directory_of, parse_config
from .context import Context
from .edits import EditError, FileEdit
from .model import LOOP_SCOPES, Fix, FixKind

SECTION_HEADERS = {
    "pytest.ini": "[pytest]", ".pytest.ini": "[pytest]", "tox.ini": "[pytest]",
    "setup.cfg": "[tool:pytest]", "pytest.toml": "[pytest]", ".pytest.toml": "[pytest]",
    "pyproject.toml": "[tool.pytest.ini_options]",
}


@dataclass
class Candidate:
    """A fix and the releases it is right for (``valid(v)``); ranked by the rule."""

    fix: Fix
    valid: object  # Callable[[Version], bool]


def make_fix(kind: FixKind, title: str, explanation: str, tradeoff: str,
             changes: list[FileEdit] | None = None, requires: str | None = None) -> Fix:
    """A Fix whose diff covers ``changes``; an edit that would break a file drops the diff."""
    diff = None
    if changes:
        try:
            for change in changes:
                edits.check_valid(change.name, change.after)
            diff = edits.unified_diff(changes) or None
        except EditError as exc:
            explanation += f" (No diff: {exc}.)"
    return Fix(kind=kind, title=title, explanation=explanation, tradeoff=tradeoff,
               requires=requires, diff=diff)


# ---- config files ----------------------------------------------------------------------

def _base(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _mentioned_config(ctx: Context) -> str | None:
    """The config file a report names first (it usually names the one it read first)."""
    first = []
    for name in ("pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini", "pytest.toml"):
        hits = ctx.facts.find(name)
        if hits:
            first.append((hits[0].line, name))
    return min(first)[1] if first else None


@dataclass
class ConfigEdit:
    """How a fix sets config options: edits of the files given (or one created), or, for a config file the
    user did not give, a diff written by hand against the lines the paste shows; and what was assumed."""

    edits: list[FileEdit] = field(default_factory=list)
    blind_diff: str | None = None
    assumptions: list[str] = field(default_factory=list)


def config_edit(ctx: Context, changes: list[tuple[str, str | None]]) -> ConfigEdit:
    """Set each (key, value) in the config pytest reads; a value of None removes the key. With no config
    file given, the diff edits the file the paste names (assuming its lines) or creates ``pytest.ini``."""
    config = ctx.config
    target: ConfigFile | None = config.active if config else None
    if target is None and config and config.files:
        target = next((f for f in config.files if f.kind == "pyproject.toml"), None)
    if target is not None:
        return ConfigEdit([_edit_known_config(target, changes)])
    return _edit_unknown_config(ctx, changes)


def _edit_known_config(target: ConfigFile, changes) -> FileEdit:
    text = target.text
    for key, value in changes:
        parsed = parse_config([(target.name, text)]).files[0]
        header = parsed.section or ("[tool.pytest]" if parsed.native_toml else SECTION_HEADERS.get(_base(target.name), "[pytest]"))
        setting = parsed.settings.get(key)
        if value is None:
            if setting:
                text = edits.remove_lines(text, setting.line, setting.line, trailing_blank=0, python=False)
            continue
        text = edits.set_option(target.name, text, parsed.section_line, header, key, value,
                                key_line=setting.line if setting else None)
    return FileEdit(target.name, target.text, text)


def _edit_unknown_config(ctx: Context, changes) -> ConfigEdit:
    header = ctx.facts.header
    printed = header.configfile.value.split(" (")[0].strip() if header.configfile else None
    has_header = header.pytest_version is not None or header.rootdir is not None
    if has_header and not printed:
        body = "[pytest]\n" + "".join(f"{k} = {v}\n" for k, v in changes if v is not None)
        return ConfigEdit([FileEdit("pytest.ini", None, body)], assumptions=[
            "No config file was given and pytest's header names none, so the diff creates pytest.ini."])
    name = printed or _mentioned_config(ctx) or "pytest.ini"
    section = SECTION_HEADERS.get(_base(name), "[pytest]")
    fmt = (lambda v: f'"{v}"') if name.endswith(".toml") else (lambda v: v)
    hunks, assumed = [], []
    added = []
    for key, value in changes:
        current = _printed_value(ctx, key)
        if current is not None and value is not None and current == value:
            continue
        if current is not None:
            shown = current if current[:1] in "\"'" else fmt(current)
            old = f"{key} = {shown}"
            new = [] if value is None else [f"{key} = {fmt(value)}"]
            hunks.append(_blind_hunk([old], new))
            assumed.append(f"the line `{old}`")
        elif value is not None:
            added.append(f"{key} = {fmt(value)}")
    if added:
        # The header line is replaced by itself plus the new lines: a hunk without context lines, which
        # patch finds wherever the header sits (one-sided context would pin it to the file's end). It goes
        # first: patch looks for each hunk after the previous one, and the header precedes its keys.
        hunks.insert(0, _blind_hunk([section], [section, *added]))
        assumed.insert(0, f"a `{section}` section")
    diff_text = (f"diff --git a/{name} b/{name}\n--- {edits.diff_path('a', name)}\n+++ {edits.diff_path('b', name)}\n"
                 + "".join(hunks))
    note = (f"{name} was not given, so the diff assumes it holds {' and '.join(assumed)} as shown; "
            f"if spacing differs, apply it with `patch -p1 -l` or make the same change by hand.")
    return ConfigEdit(blind_diff=diff_text, assumptions=[note])


def _printed_value(ctx: Context, key: str) -> str | None:
    """The option's value as the paste shows it (quotes kept: a quoted INI value is part of the value)."""
    from .environment import FIXTURE_OPTION, TEST_OPTION
    known = {FIXTURE_OPTION: ctx.env.fixture_default, TEST_OPTION: ctx.env.test_default}.get(key)
    if known and known.value and known.source.startswith("<paste>"):
        if key == TEST_OPTION and known.value == "function" and not ctx.config.files:
            return None  # the header prints the default even when the option is unset
        return known.value
    return None


def _blind_hunk(old: list[str], new: list[str]) -> str:
    lines = [f"-{o}\n" for o in old] + [f"+{n}\n" for n in new]
    return f"@@ -1,{len(old)} +1,{len(new)} @@\n" + "".join(lines)


def config_fix(ctx: Context, kind: FixKind, changes, title: str, explanation: str, tradeoff: str,
               requires: str | None = None) -> Fix:
    edit = config_edit(ctx, changes)
    if edit.blind_diff is not None:   # not re-parsed: the file it edits was not given
        fix = Fix(kind=kind, title=title, explanation=explanation, tradeoff=tradeoff, requires=requires,
                  diff=edit.blind_diff)
    else:
        fix = make_fix(kind, title, explanation, tradeoff, edit.edits, requires)
    fix.assumptions = edit.assumptions
    return fix


# ---- Python sources --------------------------------------------------------------------

_ASYNCIO_MARK = re.compile(r"(?:^|\.)mark\.asyncio$")


def _source_segment(text: str, node: ast.AST) -> str:
    return ast.get_source_segment(text, node) or ""


def _is_asyncio_mark(text: str, node: ast.AST) -> bool:
    func = node.func if isinstance(node, ast.Call) else node
    return bool(_ASYNCIO_MARK.search(_source_segment(text, func)))


def _mark_call(text: str, node: ast.AST, kw: str, scope: str) -> str:
    func = node.func if isinstance(node, ast.Call) else node
    return f'{_source_segment(text, func)}({kw}="{scope}")'


def mark_module_tests(text: str, kw: str, scope: str) -> str:
    """Every async test of a module on the ``scope`` loop: the module's pytestmark (added or
    edited) and every per-test or class asyncio marker, since the closest marker wins."""
    tree = edits._tree(text)
    spans = []  # (node, replacement), applied bottom-up so positions stay valid
    has_module_mark = False
    for node in ast.walk(tree):
        decorators = getattr(node, "decorator_list", [])
        for dec in decorators:
            if _is_asyncio_mark(text, dec):
                spans.append((dec, _mark_call(text, dec, kw, scope)))
        if isinstance(node, (ast.Module, ast.ClassDef)):
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets):
                    values = stmt.value.elts if isinstance(stmt.value, (ast.List, ast.Tuple)) else [stmt.value]
                    for value in values:
                        if _is_asyncio_mark(text, value):
                            spans.append((value, _mark_call(text, value, kw, scope)))
                            has_module_mark |= isinstance(node, ast.Module)
    spans.sort(key=lambda s: (s[0].lineno, s[0].col_offset), reverse=True)
    for node, new in spans:
        text = edits.replace_span(text, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, new)
    if not has_module_mark:
        text = edits.add_import(text, "import pytest", "pytest")
        text = edits.add_module_statement(text, f'pytestmark = pytest.mark.asyncio({kw}="{scope}")')
    return text


_MARK_KEYWORDS = frozenset({"loop_scope", "loop_factories"})


def rewrite_asyncio_marks(text: str) -> str:
    """Every asyncio marker written with arguments the release rejects or deprecates (a positional scope,
    scope=, both scope= and loop_scope=, keywords of old releases such as forbid_global_loop=) rewritten with
    loop_scope= (the scope it gave, if any), loop_factories= kept."""
    tree = edits._tree(text)
    spans = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not _is_asyncio_mark(text, node):
            continue
        given = {k.arg: _source_segment(text, k.value) for k in node.keywords if k.arg}
        if not node.args and set(given) <= _MARK_KEYWORDS and all(k.arg for k in node.keywords):
            continue
        if len(node.args) > 1 or any(isinstance(a, ast.Starred) for a in node.args) \
                or any(not k.arg for k in node.keywords):   # (*args, **options: what they hold is unknown)
            raise EditError("a marker's arguments cannot be read")
        first = node.args[0] if node.args else None
        for value in [first] + [k.value for k in node.keywords if k.arg in ("scope", "loop_scope")]:
            if isinstance(value, ast.Constant) and value.value not in LOOP_SCOPES:
                raise EditError(f"the marker's scope {value.value!r} is not a loop scope")
        # A scope given by name (a constant of the module) stays that name.
        scope = given.get("loop_scope") or given.get("scope") or (_source_segment(text, first) if first else None)
        parts = ([f"loop_scope={scope}"] if scope else []) + \
            ([f"loop_factories={given['loop_factories']}"] if "loop_factories" in given else [])
        func = _source_segment(text, node.func)
        spans.append((node, f"{func}({', '.join(parts)})" if parts else func))
    spans.sort(key=lambda s: (s[0].lineno, s[0].col_offset), reverse=True)
    for node, new in spans:
        text = edits.replace_span(text, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, new)
    return text


def drop_asyncio_marks_on_fixtures(text: str) -> str:
    """Asyncio markers decorating fixtures removed: marks have no effect on fixtures (pytest 8.4 warns, 9 refuses);
    a fixture's loop is chosen with @pytest_asyncio.fixture(loop_scope=…)."""
    tree = edits._tree(text)
    lines = edits._py_lines(text)
    spans = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) or _fixture_decorator(text, func) is None:
            continue
        for dec in func.decorator_list:
            if _is_asyncio_mark(text, dec):
                first, last = lines[dec.lineno - 1].encode(), lines[dec.end_lineno - 1].encode()   # (ast's columns
                rest = last[dec.end_col_offset:].decode(errors="replace").strip()                 # count UTF-8 bytes)
                if first[:dec.col_offset].decode(errors="replace").strip() != "@" or rest and not rest.startswith("#"):
                    raise EditError("a fixture's asyncio marker shares its lines with other code")
                spans.append((dec.lineno - 1, dec.end_lineno))
    for start, end in sorted(spans, reverse=True):
        del lines[start:end]
    after = "".join(lines)
    edits._tree(after)   # still valid Python
    return after


def _find_function(tree: ast.Module, name: str, line: int | None = None):
    """The function ``name`` (at ``line`` when several share the name; earlier edits may shift lines)."""
    found = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name]
    for node in found:
        if line is None or node.lineno == line or any(d.lineno == line for d in node.decorator_list):
            return node
    return found[0] if len(found) == 1 else None


def _fixture_decorator(text: str, func) -> ast.AST | None:
    for dec in func.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        if _source_segment(text, target).split(".")[-1] == "fixture":
            return dec
    return None


def set_fixture_kwargs(text: str, function: str, line: int | None, updates: dict[str, str | None],
                       asyncio_decorator: bool = False) -> str:
    """The fixture's decorator with keyword arguments set (None removes one); optionally
    switched to ``@pytest_asyncio.fixture`` (``loop_scope=`` exists only there)."""
    tree = edits._tree(text)
    func = _find_function(tree, function, line)
    if func is None:
        raise EditError(f"fixture {function} not found")
    dec = _fixture_decorator(text, func)
    if dec is None:
        raise EditError(f"{function} has no fixture decorator")
    target = dec.func if isinstance(dec, ast.Call) else dec
    name = _source_segment(text, target)
    if asyncio_decorator and not name.startswith("pytest_asyncio"):
        name = "pytest_asyncio.fixture"
    args = [_source_segment(text, a) for a in getattr(dec, "args", [])]
    kwargs = {k.arg: _source_segment(text, k.value) for k in getattr(dec, "keywords", []) if k.arg}
    for key, value in updates.items():
        if value is None:
            kwargs.pop(key, None)
        else:
            kwargs[key] = f'"{value}"'
    parts = args + [f"{k}={v}" for k, v in kwargs.items()]
    new = f"{name}({', '.join(parts)})" if parts else name
    text = edits.replace_span(text, dec.lineno, dec.col_offset, dec.end_lineno, dec.end_col_offset, new)
    if name == "pytest_asyncio.fixture":
        text = edits.add_import(text, "import pytest_asyncio", "pytest_asyncio")
    return text


def remove_function(text: str, function: str, line: int | None = None) -> str:
    tree = edits._tree(text)
    func = _find_function(tree, function, line)
    if func is None:
        raise EditError(f"{function} not found")
    first = min([func.lineno] + [d.lineno for d in func.decorator_list])
    text = edits.remove_lines(text, first, func.end_lineno or func.lineno)
    return edits.drop_unused_import(text, "asyncio")


COLLECTION_HOOK = '''

def pytest_collection_modifyitems(items):
    """Run every async test on the {scope} loop, where the {scope} fixtures live."""
    marker = pytest.mark.asyncio({kw}="{scope}")
    for item in items:
        if is_async_test(item):
            item.add_marker(marker, append=False)
'''


def add_collection_hook(text: str | None, kw: str, scope: str) -> str:
    text = text or ""
    if text.strip():
        text = edits.add_import(text, "import pytest", "pytest")
    else:
        text = "import pytest\n"
    if "is_async_test" not in text:
        lines = edits._py_lines(text)
        tree = edits._tree(text)
        at = edits._import_block_end(tree)
        lines.insert(at, "from pytest_asyncio import is_async_test\n")
        text = "".join(lines)
    if not text.endswith("\n"):
        text += "\n"
    return text.rstrip("\n") + "\n" + COLLECTION_HOOK.format(kw=kw, scope=scope)


def files_with(ctx: Context, predicate) -> list[str]:
    return [name for name in ctx.files if name.endswith(".py") and predicate(name)]


# ---- sync TestClient -> httpx.AsyncClient ----------------------------------------------

_WITH_TESTCLIENT = re.compile(r"^(\s*)with\s+(?:\w+\.)*TestClient\((?P<app>[^()]*(?:\([^()]*\))?[^()]*)\)\s+as\s+(?P<var>\w+)\s*:")
_YIELD_TESTCLIENT = re.compile(r"^(\s*)(?:yield|return)\s+(?:\w+\.)*TestClient\((?P<app>[^()]*(?:\([^()]*\))?[^()]*)\)\s*(?:#.*)?$")


def _app_arg(args: str) -> str:
    """The ASGI app among TestClient's arguments (its other options have no AsyncClient twin)."""
    first = args.split(",")[0].strip()
    return first.split("=", 1)[1].strip() if first.startswith("app=") else first


def _async_client(app: str) -> str:
    return f'httpx.AsyncClient(transport=httpx.ASGITransport(app={app}), base_url="http://test")'


_HTTP_METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream"}


def async_test_client_edits(ctx: Context) -> list[FileEdit] | None:
    """Edits that turn sync TestClient fixtures into httpx.AsyncClient ones and await their calls
    in async tests; None when the code has a shape this cannot rewrite safely."""
    fixtures = [f for f in ctx.sources.fixtures if not f.is_async and any(c.endswith("TestClient") for c in f.creates)]
    if not fixtures:
        return None
    names = {f.name for f in fixtures}
    if any(not t.is_async and names & set(t.params) for t in ctx.sources.tests):
        return None  # a sync test still needs the sync client
    texts = dict(ctx.files)
    strict = (ctx.env.mode.value or "strict") != "auto"
    for fixture in fixtures:
        text = texts[fixture.file]
        lines = edits._py_lines(text)
        tree = edits._tree(text)
        func = _find_function(tree, fixture.function, fixture.line)
        changed = False
        for i in range(func.lineno - 1, func.end_lineno or func.lineno):
            match = _WITH_TESTCLIENT.match(lines[i])
            handed = _YIELD_TESTCLIENT.match(lines[i])
            if match:
                indent, app, var = match.group(1), _app_arg(match.group("app")), match.group("var")
                lines[i] = (f"{indent}async with {_async_client(app)} as {var}:" + lines[i][match.end():])
                changed = True
            elif handed:
                indent, app = handed.group(1), _app_arg(handed.group("app"))
                lines[i] = f"{indent}async with {_async_client(app)} as async_client:\n{indent}    yield async_client\n"
                changed = True
        if not changed:
            return None
        def_line = func.lineno - 1
        lines[def_line] = lines[def_line].replace(f"def {fixture.function}(", f"async def {fixture.function}(", 1)
        text = "".join(lines)
        if strict:
            text = set_fixture_kwargs(text, fixture.function, None, {}, asyncio_decorator=True)
        text = edits.add_import(text, "import httpx", "httpx")
        texts[fixture.file] = _drop_unused_testclient_import(text)
    for test in ctx.sources.tests:
        used = names & set(test.params)
        if test.is_async and used:
            texts[test.file] = _await_client_calls(texts[test.file], test.name, used)
    for name in list(texts):
        if texts[name] != ctx.files[name] and name.endswith(".py"):
            texts[name] = _drop_unused_testclient_import(texts[name])
    return [FileEdit(n, ctx.files[n], t) for n, t in texts.items() if t != ctx.files[n]]


def _await_client_calls(text: str, test_name: str, clients: set[str]) -> str:
    tree = edits._tree(text)
    func = _find_function(tree, test_name)
    if func is None:
        return text
    awaited = {id(n.value) for n in ast.walk(func) if isinstance(n, ast.Await)}
    calls = [n for n in ast.walk(func) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and isinstance(n.func.value, ast.Name) and n.func.value.id in clients
             and n.func.attr in _HTTP_METHODS and id(n) not in awaited]
    for call in sorted(calls, key=lambda n: (n.lineno, n.col_offset), reverse=True):
        text = edits.replace_span(text, call.lineno, call.col_offset, call.lineno, call.col_offset, "await ")
    return text


def _drop_unused_testclient_import(text: str) -> str:
    tree = edits._tree(text)
    used = any(isinstance(n, ast.Name) and n.id == "TestClient" for n in ast.walk(tree))
    if used:
        return text
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and [a.name for a in node.names] == ["TestClient"]:
            return edits.remove_lines(text, node.lineno, node.end_lineno or node.lineno, trailing_blank=0)
    return text


def replace_event_loop_requests(text: str, names: set[str]) -> str:
    """Functions in ``names`` stop requesting event_loop; uses become asyncio.get_running_loop()."""
    tree = edits._tree(text)
    spans = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) or func.name not in names:
            continue
        args = func.args.args
        index = next((i for i, a in enumerate(args) if a.arg == "event_loop"), None)
        if index is None:
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Name) and node.id == "event_loop":
                replacement = "asyncio.get_running_loop()" if isinstance(func, ast.AsyncFunctionDef) \
                    else "asyncio.get_event_loop()"
                spans.append((node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, replacement))
        arg = args[index]
        if len(args) == 1:
            spans.append((arg.lineno, arg.col_offset, arg.end_lineno, arg.end_col_offset, ""))
        elif index == len(args) - 1:
            prev = args[index - 1]
            spans.append((prev.end_lineno, prev.end_col_offset, arg.end_lineno, arg.end_col_offset, ""))
        else:
            nxt = args[index + 1]
            spans.append((arg.lineno, arg.col_offset, nxt.lineno, nxt.col_offset, ""))
    for span in sorted(spans, reverse=True):
        text = edits.replace_span(text, *span)
    if spans:
        text = edits.add_import(text, "import asyncio", "asyncio")
    return text


# ---- a current loop for sync tests ---------------------------------------------------------

CURRENT_LOOP_FIXTURE = "current_event_loop"
CURRENT_LOOP_FIXTURE_CODE = f'''

@pytest.fixture
def {CURRENT_LOOP_FIXTURE}():
    """A current loop for sync code that calls asyncio.get_event_loop(): from pytest-asyncio 1.4.0 no loop is
    left set after an async test."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    asyncio.set_event_loop(None)
    loop.close()
'''


def _same_test(nodeid: str, test) -> bool:
    """A printed node id (any rootdir, parameters, Windows slashes) names this test of the given files."""
    path, _, names = nodeid.replace("\\", "/").partition("::")
    names = names.split("[", 1)[0]   # (a parametrized id's brackets may hold anything, "::" included)
    return names == "::".join(p for p in (test.class_name, test.name) if p) \
        and (path == test.file or path.endswith("/" + test.file) or test.file.endswith("/" + path))


def use_fixture_on_tests(text: str, tests: list, fixture: str) -> str:
    """``@pytest.mark.usefixtures("<fixture>")`` above each of ``tests`` (all of one file), above its decorators."""
    tree = edits._tree(text)
    lines = edits._py_lines(text)
    starts = []
    for test in tests:
        func = _find_function(tree, test.name, test.line)
        if func is None:
            raise EditError(f"test {test.name} not found")
        first = min([func.lineno] + [d.lineno for d in func.decorator_list])
        indent = re.match(r"[ \t]*", lines[func.lineno - 1]).group()
        starts.append((first, indent))
    for first, indent in sorted(set(starts), reverse=True):
        lines.insert(first - 1, f'{indent}@pytest.mark.usefixtures("{fixture}")\n')
    return edits.add_import("".join(lines), "import pytest", "pytest")


def _conftest_over(ctx: Context, files: set[str]) -> str:
    """The conftest.py pytest reads for every one of ``files``: the deepest given one in a folder above them all,
    else a new one in their common folder."""
    folders = [d.split("/") if d else [] for d in map(directory_of, files)]
    common = []
    for parts in zip(*folders):
        if len(set(parts)) > 1:
            break
        common.append(parts[0])
    base = "/".join(common)
    given = [n for n in ctx.files if n.rsplit("/", 1)[-1] == "conftest.py"
             and (directory_of(n) == "" or base == directory_of(n) or base.startswith(directory_of(n) + "/"))]
    return max(given, key=lambda n: n.count("/")) if given else (f"{base}/conftest.py" if base else "conftest.py")


def current_loop_edits(ctx: Context) -> tuple[str, list[FileEdit], list[str]] | None:
    """Edits that give each failing sync test of the given files a current loop from a fixture in a conftest.py
    above them all: (that conftest's name, the edits, the notes to show). None when no failing sync test is in the
    files, or the conftest.py to edit is shown by the paste but not given."""
    failing = ctx.affected_tests()
    tests = [t for t in ctx.sources.tests if not t.is_async and any(_same_test(n, t) for n in failing)]
    if not tests:
        return None
    texts = dict(ctx.files)
    for name in sorted({t.file for t in tests}):
        texts[name] = use_fixture_on_tests(texts[name], [t for t in tests if t.file == name], CURRENT_LOOP_FIXTURE)
    name = _conftest_over(ctx, {t.file for t in tests})
    changes, notes = [FileEdit(n, ctx.files[n], t) for n, t in texts.items() if t != ctx.files[n]], []
    if ctx.sources.fixture(CURRENT_LOOP_FIXTURE) is not None:
        return name, changes, notes
    if name in texts:
        after = edits.add_import(edits.add_import(texts[name], "import asyncio", "asyncio"), "import pytest", "pytest")
        changes = [c for c in changes if c.name != name] + \
            [FileEdit(name, ctx.files[name], after.rstrip("\n") + "\n" + CURRENT_LOOP_FIXTURE_CODE)]
    elif ctx.has(name, name.replace("/", "\\")):
        return None   # the paste shows a conftest.py the files lack: a diff creating it would not apply
    else:
        changes.append(FileEdit(name, None, "import asyncio\n\nimport pytest\n" + CURRENT_LOOP_FIXTURE_CODE))
        notes.append(f"No conftest.py was given in {directory_of(name) or 'the root folder'} or above it, so the diff "
                     f"creates {name}; if one exists, add the fixture to it instead.")
    return name, changes, notes
