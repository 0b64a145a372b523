"""Minimal, format-preserving edits of the user's files, rendered as git-style diffs.

Every edit works on the original text line by line, so comments, quoting and
layout stay as the user wrote them; the edited file is re-parsed before a diff
is offered (an edit that breaks the file is dropped, never shown).
"""
from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib


class EditError(ValueError):
    """An edit could not be made safely; the fix is offered without a diff."""


@dataclass
class FileEdit:
    name: str
    before: str | None   # None: the file is created
    after: str


def _lines(text: str) -> list[str]:
    """A config file's lines with their ends, numbered the way config.py (and pytest's iniconfig) number them."""
    return text.splitlines(keepends=True)


_PY_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_PATCH_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def _py_lines(text: str) -> list[str]:
    """Python source lines with their ends, broken where ``ast`` counts lines (str.splitlines also breaks at form
    feeds, \\u2028 and more, which would shift every ast line number after one of them)."""
    return _PY_LINE.findall(text)


def diff_path(side: str, name: str) -> str:
    """A file's name on a diff's ``---``/``+++`` line (``a/NAME`` or ``b/NAME``); a name with a space ends with a
    tab, as git writes it, because patch reads a file name up to a tab."""
    return f"{side}/{name}" + ("\t" if " " in name else "")


def unified_diff(edits: list[FileEdit]) -> str:
    """One git-style diff (``a/NAME`` / ``b/NAME``) for all edits; applies with ``patch -p1``."""
    out = []
    for edit in edits:
        if edit.before == edit.after:
            continue
        # (lines as patch reads them: a form feed or \\u2028 inside a line stays in it)
        before, after = _PATCH_LINE.findall(edit.before or ""), _PATCH_LINE.findall(edit.after)
        for side in (before, after):
            if side and not side[-1].endswith("\n"):
                side[-1] += "\n\\ No newline at end of file\n"
        old = "/dev/null" if edit.before is None else diff_path("a", edit.name)
        out.append(f"diff --git a/{edit.name} b/{edit.name}\n")
        if edit.before is None:
            out.append("new file mode 100644\n")
        out.extend(difflib.unified_diff(before, after, old, diff_path("b", edit.name), n=3))
    return "".join(out)


_HUNK = re.compile(r"@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@")


def line_endings(text: str) -> list[str]:
    """Each line's own ending (``\r\n``, ``\r`` or ``\n``; ``""`` for a last line without one), lines counted as
    the engine counts them once it has turned every ending into ``\n``."""
    ends = re.findall(r"\r\n|\r|\n", text)
    return ends + [""] if text and not text.endswith(("\n", "\r")) else ends


def restore_line_endings(diff: str, endings: dict[str, list[str]]) -> str:
    """``diff``, made on text with ``\n`` ends, with each file's own line ends put back so that it applies to the
    file as it is on disk: a kept or removed line gets the ending it has there, an added line the file's usual one.
    ``endings`` maps a file name to its lines' endings; the other files keep ``\n``, and so does a file with a lone
    ``\r`` ending anywhere (patch reads a line only up to ``\n``, so no diff can match such a file line by line)."""
    lines = _PATCH_LINE.findall(diff)
    ends, usual, old, header = None, "\n", 0, False
    for k, line in enumerate(lines):
        if line.startswith("diff --git "):
            ends, header = None, True
        elif header and line.startswith("+++ "):
            # (the name from its own line: "diff --git a/x b/y" cannot be split where a folder name ends in " b")
            name = line[4:].rstrip("\n").removesuffix("\t")
            ends = endings.get(name[2:] if name.startswith("b/") else name)
            if ends and "\r" in ends:
                ends = None
            usual = max(("\n", "\r\n"), key=ends.count) if ends else "\n"
        elif hunk := _HUNK.match(line):
            header, old = False, int(hunk.group(1)) - 1
        elif ends and not header and line[:1] in (" ", "-", "+"):
            own = ends[old] if line[0] != "+" and old < len(ends) else usual
            old += line[0] != "+"
            # (a line followed by "\ No newline at end of file" has no ending of its own to restore)
            if own and not lines[k + 1:k + 2] == ["\\ No newline at end of file\n"]:
                lines[k] = line[:-1] + own
    return "".join(lines)


def check_valid(name: str, text: str) -> None:
    """Raise EditError when ``text`` is not a valid file of the kind ``name`` says."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    try:
        if base.endswith(".py"):
            ast.parse(text)
        elif base.endswith(".toml"):
            tomllib.loads(text)
        elif base.endswith((".ini", ".cfg")):
            _check_ini(text)
    except (SyntaxError, ValueError) as exc:
        raise EditError(f"the edited {name} would not parse: {exc}") from exc


_INI_LINE = re.compile(r"^\s*(\[[^\]]+\]\s*([#;].*)?|[#;].*|[^=:\s][^=:]*[=:].*|)$")


def _check_ini(text: str) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        if line[:1] in (" ", "\t") and line.strip():
            continue  # continuation of the previous value
        if not _INI_LINE.match(line):
            raise ValueError(f"line {number}: {line!r}")


# ---- config files ----------------------------------------------------------------------

def _is_toml(name: str) -> bool:
    return name.endswith(".toml")


def format_value(name: str, value: str) -> str:
    return f'"{value}"' if _is_toml(name) else value


_SECTION = re.compile(r"^\s*\[([^\]]*)\]")


def _section_bounds(lines: list[str], header_line: int) -> tuple[int, int]:
    """0-based [start, end) of the body of the section whose header is at 1-based header_line."""
    start = header_line
    end = len(lines)
    for i in range(start, len(lines)):
        if _SECTION.match(lines[i]):
            end = i
            break
    return start, end


def set_option(name: str, text: str, section_line: int | None, section_header: str,
               key: str, value: str, key_line: int | None = None) -> str:
    """``text`` with ``key = value`` set: the existing line replaced (comments kept) or a line added
    after the section's last setting; the section is appended when missing."""
    lines = _lines(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    formatted = format_value(name, value)
    if key_line:
        old = lines[key_line - 1]
        body = old.rstrip("\r\n")
        newline = old[len(body):] or "\n"
        match = re.match(r"^(\s*[^=:\s]+[ \t]*[=:][ \t]*)(.*?)([ \t]*(?:[#;].*)?)$", body)
        if not match:
            raise EditError(f"cannot read line {key_line} of {name}")
        prefix, _old_value, comment = match.groups()
        if _is_toml(name):
            lines[key_line - 1] = f"{prefix}{formatted}{'' if comment.strip().startswith(';') else comment}{newline}"
        elif comment.strip():
            # pytest reads an INI value up to the end of the line, comment included: keep the
            # comment, on its own line above, so the value is only the value.
            indent = prefix[: len(prefix) - len(prefix.lstrip())]
            lines[key_line - 1:key_line] = [f"{indent}# {comment.strip().lstrip('#;').strip()}{newline}",
                                            f"{prefix}{formatted}{newline}"]
        else:
            lines[key_line - 1] = f"{prefix}{formatted}{newline}"
        return "".join(lines)
    if section_line:
        start, end = _section_bounds(lines, section_line)
        insert = start
        for i in range(start, end):
            stripped = lines[i].strip()
            if stripped and not stripped.startswith(("#", ";")):
                insert = i + 1
        # Keep a multi-line value (continuation lines) together with its key.
        lines.insert(insert, f"{key} = {formatted}\n")
        return "".join(lines)
    sep = "\n" if lines and lines[-1].strip() else ""
    return "".join(lines) + f"{sep}{section_header}\n{key} = {formatted}\n"


def rename_key(text: str, line: int, old_key: str, new_key: str) -> str:
    """The option on ``line`` (1-based) under its new name, value, spacing and comments untouched."""
    lines = _lines(text)
    lines[line - 1] = lines[line - 1].replace(old_key, new_key, 1)
    return "".join(lines)


def rename_section(text: str, line: int, new_header: str) -> str:
    lines = _lines(text)
    newline = "\n" if lines[line - 1].endswith("\n") else ""
    lines[line - 1] = new_header + newline
    return "".join(lines)


# ---- Python sources --------------------------------------------------------------------

def _tree(text: str) -> ast.Module:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError, UnicodeError) as exc:
        raise EditError(f"the file does not parse: {exc.__class__.__name__}") from exc


def _module_level(nodes):
    """Statements that run at import time: the module's own, and those inside its if/try/with blocks (not the
    bodies of functions or classes, whose imports bind names only there)."""
    for node in nodes:
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for field in ("body", "orelse", "finalbody", "handlers"):
                yield from _module_level(getattr(node, field, None) or [])


def has_import(text: str, module: str) -> bool:
    """``import module`` where it binds the name for the whole module."""
    for node in _module_level(_tree(text).body):
        if isinstance(node, ast.Import) and any(a.name == module and not a.asname for a in node.names):
            return True
    return False


def _import_block_end(tree: ast.Module) -> int:
    """1-based last line of the leading docstring/import block (0 when there is none)."""
    end = 0
    for node in tree.body:
        is_doc = isinstance(node, ast.Expr) and isinstance(getattr(node, "value", None), ast.Constant) \
            and isinstance(node.value.value, str)
        if isinstance(node, (ast.Import, ast.ImportFrom)) or (is_doc and end == 0):
            end = node.end_lineno or node.lineno
        else:
            break
    return end


def add_import(text: str, statement: str, module: str) -> str:
    """``text`` with ``statement`` (``import pytest_asyncio``) added to the import block."""
    if has_import(text, module):
        return text
    tree = _tree(text)
    lines = _py_lines(text)
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    if imports:
        # Keep isort's order where it is visible: after the last plain "import x" sorting before it,
        # else before the first one sorting after it in the last group of imports, else at the end.
        plain = [n for n in imports if isinstance(n, ast.Import)]
        before = [n for n in plain if n.names[0].name < module]
        group, groups = {}, 0
        for i, node in enumerate(imports):
            if i and node.lineno > (imports[i - 1].end_lineno or 0) + 1:
                groups += 1  # a blank line starts a new group (standard library first, by convention)
            group[id(node)] = groups
        after = [n for n in plain if n.names[0].name > module and (groups == 0 or group[id(n)] > 0)]
        if before:
            at = before[-1].end_lineno or before[-1].lineno
        elif after:
            at = after[0].lineno - 1
        else:
            at = imports[-1].end_lineno or imports[-1].lineno
    else:
        at = _import_block_end(tree)
    lines.insert(at, statement + "\n")
    if not imports:
        lines.insert(at + 1, "\n")
    return "".join(lines)


def add_module_statement(text: str, statement: str) -> str:
    """``text`` with a module-level statement placed after the imports, two blank lines around."""
    tree = _tree(text)
    lines = _py_lines(text)
    at = _import_block_end(tree)
    block = ["\n", statement + "\n"] if at else [statement + "\n"]
    rest_starts_blank = at < len(lines) and not lines[at].strip()
    if at < len(lines) and not rest_starts_blank:
        block += ["\n", "\n"]
    elif at < len(lines):
        block += ["\n"]
    lines[at:at] = block
    return "".join(lines)


def replace_span(text: str, start_line: int, start_col: int, end_line: int, end_col: int, new: str) -> str:
    """Replace the source between two ast positions (1-based lines, 0-based UTF-8 columns)."""
    lines = _py_lines(text)
    first = lines[start_line - 1].encode()
    last = lines[end_line - 1].encode()
    head = first[:start_col].decode()
    tail = last[end_col:].decode()
    lines[start_line - 1:end_line] = [head + new + tail]
    return "".join(lines)


def remove_lines(text: str, first: int, last: int, trailing_blank: int = 2, python: bool = True) -> str:
    """Remove 1-based lines first..last (of Python source, or of a config file) and up to ``trailing_blank``
    blank lines after them."""
    lines = _py_lines(text) if python else _lines(text)
    end = last
    while end < len(lines) and trailing_blank and not lines[end].strip():
        end += 1
        trailing_blank -= 1
    del lines[first - 1:end]
    return "".join(lines)


def drop_unused_import(text: str, module: str) -> str:
    """Remove ``import module`` when nothing else in the file uses the name any more."""
    tree = _tree(text)
    used = any(isinstance(n, ast.Name) and n.id == module for n in ast.walk(tree))
    if used:
        return text
    for node in tree.body:
        if isinstance(node, ast.Import) and [a.name for a in node.names] == [module] and not node.names[0].asname:
            return remove_lines(text, node.lineno, node.end_lineno or node.lineno, trailing_blank=0)
    return text
