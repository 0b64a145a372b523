"""Fix verification: run a reproducer suite on a real pytest-asyncio release, diagnose it, apply the fix, re-run.

For one scenario (a folder of ``tests/reproducers``) and one release this

1. copies the scenario's ``project/`` to a temporary directory,
2. runs ``python -m pytest -rA -p no:cacheprovider`` there with that release's cached environment,
3. calls ``analyzer.diagnose(output, files=[(relative path, text), ...])`` in this process,
4. checks the scenario's expectation for that release:

   * ``fixed`` - the suite fails; the recommended fix of the first finding carries a diff that applies with
     ``patch -p1 --forward --batch`` and, re-run, the suite passes. A fix of kind
     ``change-pytest-asyncio-version`` re-runs (with its diff, if any) on the oldest harness release that
     satisfies its ``requires``;
   * ``no-failure`` - the suite passes; the verdict is ``no-failure`` and no fix carries a diff;
   * ``not-loop`` - the suite fails; the verdict is ``not-loop-related`` and no fix carries a diff;
   * ``warned`` - the suite passes with a deprecation warning (pytest-asyncio's or pytest's); the recommended fix
     is checked as for ``fixed``, and after it the suite passes without that warning.

``python -m tests.harness.run [--release V] [--scenario S]`` prints a scenario x release grid. ``--observe``
runs the suites only (no engine); ``--reference`` also applies each scenario's own verified fixes
(``fixes/<name>/``); ``--record`` writes what was observed into each ``scenario.toml``.
Every subprocess has a timeout.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from tests.harness import releases as rel

REPRODUCERS = Path(__file__).resolve().parent.parent / "reproducers"
EXPECTATIONS = ("fixed", "no-failure", "not-loop", "warned")
# pytest's deprecation warnings: PytestDeprecationWarning and its PytestRemovedIn<N>Warning subclasses.
DEPRECATION = re.compile(r"Pytest(?:Deprecation|RemovedIn\d+)Warning")
# Also apply every alternative fix that claims the release (LOOP_DOCTOR_HARNESS_ALTERNATIVES=0 skips them).
ALTERNATIVES = os.environ.get("LOOP_DOCTOR_HARNESS_ALTERNATIVES", "1") != "0"
FIX_VERDICTS = ("loop-mismatch", "asyncio-misconfiguration")
VERSION_CHANGE = "change-pytest-asyncio-version"

PYTEST_TIMEOUT = int(os.environ.get("LOOP_DOCTOR_HARNESS_TIMEOUT", "120"))
PATCH_TIMEOUT = 30
DIAGNOSE_TIMEOUT = int(os.environ.get("LOOP_DOCTOR_DIAGNOSE_TIMEOUT", "60"))
PYTEST_ARGS = ("-m", "pytest", "-rA", "-p", "no:cacheprovider")

#: Variables that would change what pytest prints or loads; the harness runs every suite without them.
_DROPPED_ENV = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD", "PYTHONPATH", "PYTHONHOME",
                "VIRTUAL_ENV", "PY_COLORS", "FORCE_COLOR", "NO_COLOR", "CI", "BUILD_NUMBER", "PYTEST_XDIST_WORKER",
                "PYTEST_CURRENT_TEST", "PYTHONWARNINGS", "PYTHONASYNCIODEBUG", "COLUMNS", "LINES")


# ---------------------------------------------------------------------------------------------------------------
# Scenarios


@dataclass(frozen=True)
class ReferenceFix:
    name: str
    kind: str
    title: str
    path: Path  # overlay folder: files that replace (or add to) the project's


@dataclass
class Scenario:
    name: str
    path: Path
    title: str
    expect: str
    expect_by_release: dict[str, str]
    releases: tuple[str, ...]
    patterns: tuple[str, ...]
    fixes: tuple[ReferenceFix, ...]
    data: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def project(self) -> Path:
        return self.path / "project"

    def expectation(self, release: str) -> str:
        return self.expect_by_release.get(release, self.expect)

    def paste_only_unknowable(self, release: str) -> str | None:
        """Why the output alone cannot show what a diff needs (``[paste_only_unknowable]``: release or
        "all" -> reason), so the paste-only check is skipped for that release."""
        table = self.data.get("paste_only_unknowable") or {}
        return table.get(release) or table.get("all")

    def files(self) -> list[tuple[str, str]]:
        return project_files(self.project)

    def content_hash(self) -> str:
        digest = hashlib.sha256()
        for name, text in self.files():
            digest.update(name.encode() + b"\0" + text.encode() + b"\0")
        return digest.hexdigest()[:12]


def load_scenario(path: Path) -> Scenario:
    meta_file = path / "scenario.toml"
    data = tomllib.loads(meta_file.read_text(encoding="utf-8"))
    expect = data.get("expect", "fixed")
    by_release = {str(k): str(v) for k, v in (data.get("expect_by_release") or {}).items()}
    for value in [expect, *by_release.values()]:
        if value not in EXPECTATIONS:
            raise ValueError(f"{meta_file}: unknown expectation {value!r} (one of {', '.join(EXPECTATIONS)})")
    wanted = data.get("releases", "all")
    chosen = tuple(rel.RELEASES) if wanted == "all" else tuple(str(v) for v in wanted)
    unknown = [v for v in [*chosen, *by_release] if v not in rel.RELEASES]
    if unknown:
        raise ValueError(f"{meta_file}: releases not in the harness: {', '.join(unknown)}")
    fixes = []
    for name, spec in (data.get("fixes") or {}).items():
        overlay = path / "fixes" / name
        if not overlay.is_dir():
            raise ValueError(f"{meta_file}: fix {name!r} has no folder {overlay}")
        fixes.append(ReferenceFix(name, spec.get("kind", "other"), spec.get("title", name), overlay))
    if not (path / "project").is_dir():
        raise ValueError(f"{path}: no project/ folder")
    return Scenario(path.name, path, data.get("title", path.name), expect, by_release, chosen,
                    tuple(data.get("patterns", ())), tuple(fixes), data)


def scenarios(names: Iterable[str] | None = None, root: Path = REPRODUCERS) -> list[Scenario]:
    found = sorted(p for p in root.iterdir() if (p / "scenario.toml").is_file())
    by_name = {p.name: p for p in found}
    if names:
        names = list(names)
        missing = [n for n in names if n not in by_name]
        if missing:
            raise ValueError(f"unknown scenario(s) {', '.join(missing)}; known: {', '.join(by_name)}")
        found = [by_name[n] for n in names]
    return [load_scenario(p) for p in found]


def read_kept(path: Path) -> str:
    """A file's text with its own line ends (CRLF stays CRLF), as a user pastes it and as patch sees it."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def project_files(root: Path) -> list[tuple[str, str]]:
    """Every text file of a project as (POSIX path relative to root, text with its own line ends), sorted."""
    files = []
    for path in sorted(root.rglob("*")):
        rel_path = path.relative_to(root)
        if not path.is_file() or any(part == "__pycache__" or part.startswith(".pytest_cache") for part in rel_path.parts):
            continue
        if path.suffix in (".pyc", ".rej", ".orig"):
            continue
        try:
            text = read_kept(path)
        except UnicodeDecodeError:
            continue
        files.append((rel_path.as_posix(), text))
    return files


# ---------------------------------------------------------------------------------------------------------------
# Services the reproducers use

PG_DSN_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL_DEFAULT = "redis://127.0.0.1:6379/0"


def service_addresses() -> dict[str, tuple[str, int]]:
    """host and port of PostgreSQL and Redis, from LOOP_DOCTOR_PG_DSN / LOOP_DOCTOR_REDIS_URL or the defaults."""
    from urllib.parse import urlsplit

    found = {}
    for name, var, default, port in (("PostgreSQL", "LOOP_DOCTOR_PG_DSN", PG_DSN_DEFAULT, 5432),
                                      ("Redis", "LOOP_DOCTOR_REDIS_URL", REDIS_URL_DEFAULT, 6379)):
        url = urlsplit(os.environ.get(var) or default)
        found[name] = (url.hostname or "127.0.0.1", url.port or port)
    return found


def services_problem(timeout: float = 3.0) -> str | None:
    """None when PostgreSQL and Redis accept connections, else what is missing."""
    import socket

    missing = []
    for name, (host, port) in service_addresses().items():
        try:
            with socket.create_connection((host, port), timeout=timeout):
                pass
        except OSError as exc:
            missing.append(f"{name} at {host}:{port} ({exc.strerror or exc})")
    if not missing:
        return None
    return ("the reproducer suites need " + " and ".join(missing) +
            "; start them or point LOOP_DOCTOR_PG_DSN / LOOP_DOCTOR_REDIS_URL elsewhere")


# ---------------------------------------------------------------------------------------------------------------
# Running pytest


@dataclass
class PytestRun:
    release: str
    exit_code: int | None  # None when it timed out
    output: str
    seconds: float

    @property
    def passed(self) -> bool:
        # The suites skip nothing of their own: a skip is an async test no plugin ran, which pytest before 8.4
        # reports as skipped (exit 0) where later releases fail it.
        return self.exit_code == 0 and not _SKIPPED.search(self.output)

    @property
    def summary(self) -> str:
        return summarize(self.output, self.exit_code)


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_command(cmd: Sequence[str], cwd: Path, timeout: float) -> tuple[int | None, str, float]:
    """Run with stdout and stderr merged (as a terminal shows them); kill the whole group on timeout."""
    started = time.monotonic()
    proc = subprocess.Popen(list(cmd), cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=_clean_env(), start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        with _suppress():
            os.killpg(proc.pid, signal.SIGKILL)
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            out = b""
        out += f"\n[harness: killed after {timeout:.0f}s]\n".encode()
        code = None
    return code, out.decode("utf-8", "replace"), time.monotonic() - started


class _suppress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is not None and issubclass(exc[0], (ProcessLookupError, PermissionError))


def run_pytest(release: rel.Release, project: Path, timeout: float = PYTEST_TIMEOUT) -> PytestRun:
    code, out, seconds = run_command([str(release.python), *PYTEST_ARGS], project, timeout)
    return PytestRun(release.version, code, out, seconds)


_SKIPPED = re.compile(r"^=+ .*\b\d+ skipped\b.* in [\d.]+s(?: \([^)]*\))? =+$", re.M)
_CLOSING = re.compile(r"^=+ (.*?) in [\d.]+s(?: \([^)]*\))? =+$", re.M)
_ERROR_LINE = re.compile(
    r"^(?:E\s{2,}(\S.*)|ERROR: (.*)|INTERNALERROR> (\w+(?:\.\w+)*(?:Error|Exception|Warning)\b.*)"
    r"|(ScopeMismatch: .*)|('\S+' requested an async fixture .*))$", re.M)


def _collapse_angles(text: str) -> str:
    """``Task <Task pending name=… <nested>> got Future <…>`` -> ``Task <…> got Future <…>``."""
    out, depth = [], 0
    for ch in text:
        if ch == "<":
            if depth == 0:
                out.append("<…")
            depth += 1
        elif ch == ">" and depth:
            depth -= 1
            if depth == 0:
                out.append(">")
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def summarize(output: str, exit_code: int | None) -> str:
    """pytest's closing line (or the usage error) and the first exception line, shortened."""
    if exit_code is None:
        return "timed out"
    closing = _CLOSING.findall(output)
    head = closing[-1] if closing else f"exit {exit_code}"
    if exit_code == 0:
        return head
    first = _ERROR_LINE.search(output)
    if not first:
        return head
    text = next(g for g in first.groups() if g)
    text = _collapse_angles(re.sub(r"0x[0-9a-f]+", "0x…", text))
    text = re.sub(r"/\S*/(tests/|app/|site-packages/)", r"…/\1", text)
    if len(text) > 110:
        text = text[:107] + "…"
    return f"{head} · {text}"


# ---------------------------------------------------------------------------------------------------------------
# Diagnosis


_diagnose_lock = threading.Lock()


def engine_diagnose(paste: str, files: list[tuple[str, str]]) -> dict:
    """The real engine, in this process; its result as the contract's dict."""
    import analyzer

    result = analyzer.diagnose(paste, files=files)
    return result.to_dict() if hasattr(result, "to_dict") else result


def call_with_timeout(fn: Callable[[], Any], timeout: float) -> Any:
    """Run ``fn`` in a daemon thread; raise TimeoutError when it has not returned in time."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True, name="diagnose")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError(f"diagnose did not return within {timeout:.0f}s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def recommended_fix(result: dict) -> tuple[dict | None, dict | None, str | None]:
    """(first finding, its recommended fix, problem) per the contract: exactly one recommended fix per finding."""
    findings = result.get("findings") or []
    if not findings:
        return None, None, "no findings"
    finding = findings[0]
    recommended = [f for f in finding.get("fixes") or [] if f.get("recommended")]
    if len(recommended) != 1:
        return finding, (recommended or [None])[0], f"{len(recommended)} recommended fixes in the first finding"
    return finding, recommended[0], None


def fixes_with_diffs(result: dict) -> list[str]:
    found = []
    for finding in result.get("findings") or []:
        for fix in finding.get("fixes") or []:
            if (fix.get("diff") or "").strip():
                found.append(f"{finding.get('pattern')}/{fix.get('kind')}")
    return found


# ---------------------------------------------------------------------------------------------------------------
# Patches


@dataclass
class PatchResult:
    ok: bool
    output: str


def apply_patch(project: Path, diff: str) -> PatchResult:
    """``patch -p1 --forward --batch`` with no fuzz; fails on rejects, on files outside the project."""
    for target in re.findall(r"^(?:\+\+\+|---) (\S+)", diff, re.M):
        if target != "/dev/null" and (target.startswith("/") or ".." in Path(target).parts):
            return PatchResult(False, f"diff names a path outside the project: {target}")
    patch_file = project.parent / f"{project.name}.fix.diff"
    patch_file.write_text(diff if diff.endswith("\n") else diff + "\n", encoding="utf-8")
    code, out, _ = run_command(["patch", "-p1", "--forward", "--batch", "--fuzz=0", "--no-backup-if-mismatch",
                                "-i", str(patch_file)], project, PATCH_TIMEOUT)
    rejects = [p.relative_to(project).as_posix() for p in project.rglob("*.rej")]
    if code != 0 or rejects:
        return PatchResult(False, f"patch exited {code}{'; rejects: ' + ', '.join(rejects) if rejects else ''}\n{out}")
    return PatchResult(True, out)


def overlay_diff(project: Path, overlay: Path) -> str:
    """A git-style unified diff that turns ``project`` into ``project`` + the overlay's files."""
    parts = []
    for name, new_text in project_files(overlay):
        old = project / name
        old_text = read_kept(old) if old.exists() else None
        if old_text == new_text:
            continue
        old_lines = (old_text or "").splitlines(keepends=True)
        new_lines = new_text.splitlines(keepends=True)
        header_old = f"a/{name}" if old_text is not None else "/dev/null"
        lines = list(difflib.unified_diff(old_lines, new_lines, header_old, f"b/{name}", n=3))
        lines = [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines]
        parts.append(f"diff --git a/{name} b/{name}\n" + "".join(lines))
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------------------
# One cell of the grid


@dataclass
class CellResult:
    scenario: str
    release: str
    expectation: str
    ok: bool
    problem: str | None = None  # why it failed, one line
    before: PytestRun | None = None
    after: PytestRun | None = None
    verdict: str | None = None
    pattern: str | None = None
    fix_kind: str | None = None
    fix_title: str | None = None
    requires: str | None = None
    diff: str | None = None
    rerun_release: str | None = None
    patch_output: str | None = None
    result: dict | None = field(default=None, repr=False)
    # The same output diagnosed alone, without the files (a paste-only user): its recommended fix and,
    # when it carries a diff written against files the engine never saw, the run after applying it.
    paste_only_fix: str | None = None
    paste_only_diff: str | None = None
    paste_only_after: PytestRun | None = None
    # Every other fix of the first finding with a diff that claims this release: title -> run after it.
    alternatives: dict[str, PytestRun] = field(default_factory=dict)
    seconds: float = 0.0
    recorded: str | None = None  # the outcome recorded in scenario.toml for this release

    @property
    def cell(self) -> str:
        return f"{self.scenario}@{self.release}"

    def line(self) -> str:
        status = "ok  " if self.ok else "FAIL"
        parts = [f"{status} {self.scenario} @ {self.release}", f"expect {self.expectation}"]
        if self.before:
            parts.append(f"before: {self.before.summary}")
        if self.verdict:
            parts.append(f"verdict {self.verdict}")
        if self.pattern:
            parts.append(f"pattern {self.pattern}")
        if self.fix_kind:
            parts.append(f"fix {self.fix_kind}" + (f" ({self.requires})" if self.requires else ""))
        if self.after:
            where = f" on {self.rerun_release}" if self.rerun_release and self.rerun_release != self.release else ""
            parts.append(f"after{where}: {self.after.summary}")
        if self.alternatives:
            parts.append(f"alternatives: {len(self.alternatives)} applied")
        if self.paste_only_fix:
            parts.append(f"paste only: {self.paste_only_fix}"
                         + (f", after: {self.paste_only_after.summary}" if self.paste_only_after else ""))
        if self.problem:
            parts.append(f"problem: {self.problem}")
        return " · ".join(parts)

    def explain(self) -> str:
        """Everything needed to see why a cell failed."""
        out = [self.line()]
        if self.before is not None and self.recorded is not None:
            if self.recorded.split(" · ")[0] != self.before.summary.split(" · ")[0]:
                out.append(f"note: the suite behaved differently than recorded in scenario.toml: {self.recorded!r}")
        if self.before is not None:
            out += ["--- pytest output before the fix ---", self.before.output.rstrip()]
        if self.result is not None:
            brief = {k: self.result.get(k) for k in ("verdict", "environment")}
            brief["findings"] = [{k: f.get(k) for k in ("pattern", "code", "title", "confidence")} |
                                 {"fixes": [{k: x.get(k) for k in ("kind", "recommended", "requires", "title")}
                                            for x in f.get("fixes") or []]}
                                 for f in self.result.get("findings") or []]
            out += ["--- diagnosis ---", json.dumps(brief, indent=1, default=str)]
        if self.diff:
            out += ["--- recommended diff ---", self.diff.rstrip()]
        if self.patch_output:
            out += ["--- patch ---", self.patch_output.rstrip()]
        if self.after is not None:
            out += ["--- pytest output after the fix ---", self.after.output.rstrip()]
        if self.paste_only_diff:
            out += ["--- recommended diff for the paste alone ---", self.paste_only_diff.rstrip()]
        if self.paste_only_after is not None:
            out += ["--- pytest output after the paste-only diff ---", self.paste_only_after.output.rstrip()]
        for label, run in self.alternatives.items():
            if not run.passed:
                diff = next((f.get("diff") for f in (self.result or {}).get("findings", [{}])[0].get("fixes", [])
                             if f"{f.get('kind')}: {f.get('title')}" == label), "")
                out += [f"--- alternative {label} ---", (diff or "").rstrip(), run.output.rstrip()]
        return "\n".join(out)


Diagnose = Callable[[str, list[tuple[str, str]]], dict]


def _copy_project(scenario: Scenario, workdir: Path) -> Path:
    project = workdir / "project"
    shutil.copytree(scenario.project, project, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return project


def _release(version: str) -> rel.Release:
    found = rel.find(version)
    if not found:
        raise LookupError(f"the environment of pytest-asyncio {version} is not built "
                          f"(expected in {rel.release_dir(version)}; run `make releases`)")
    return found


def verify(scenario: Scenario, release: str, diagnose: Diagnose = engine_diagnose) -> CellResult:
    """Run one scenario on one release through the engine and check its expectation."""
    started = time.monotonic()
    cell = CellResult(scenario.name, release, scenario.expectation(release), ok=False)
    cell.recorded = (scenario.data.get("observed") or {}).get(release)
    try:
        _verify(scenario, cell, diagnose)
    except Exception as exc:  # noqa: BLE001 - a cell reports, never raises
        cell.ok = False
        cell.problem = f"{type(exc).__name__}: {exc}"
    cell.seconds = time.monotonic() - started
    return cell


def _verify(scenario: Scenario, cell: CellResult, diagnose: Diagnose) -> None:
    env = _release(cell.release)
    with tempfile.TemporaryDirectory(prefix=f"loop-doctor-{scenario.name}-") as tmp:
        project = _copy_project(scenario, Path(tmp))
        files = project_files(project)
        cell.before = run_pytest(env, project)
        if cell.before.exit_code is None:
            cell.problem = "the reproducer timed out before any fix"
            return
        with _diagnose_lock:
            result = call_with_timeout(lambda: diagnose(cell.before.output, files), DIAGNOSE_TIMEOUT)
        cell.result = result
        cell.verdict = result.get("verdict")
        finding, fix, fix_problem = recommended_fix(result)
        if finding:
            cell.pattern = finding.get("pattern")
        if fix:
            cell.fix_kind, cell.fix_title = fix.get("kind"), fix.get("title")
            cell.requires, cell.diff = fix.get("requires"), fix.get("diff")
        expectation = cell.expectation

        if expectation == "no-failure":
            if not cell.before.passed:
                cell.problem = "the reproducer was expected to pass but failed (check PostgreSQL/Redis)"
                return
            with_diffs = fixes_with_diffs(result)
            if cell.verdict != "no-failure":
                cell.problem = f"verdict {cell.verdict!r}, expected 'no-failure'"
            elif with_diffs:
                cell.problem = f"a passing suite got fixes with diffs: {', '.join(with_diffs)}"
            else:
                cell.ok = True
            return

        if expectation == "warned":
            if not cell.before.passed or not DEPRECATION.search(cell.before.output):
                cell.problem = f"the reproducer was expected to pass with a deprecation warning: {cell.before.summary}"
                return
        elif cell.before.passed:
            cell.problem = "the reproducer passed but was expected to fail (check the scenario or the release)"
            return

        if expectation == "not-loop":
            with_diffs = fixes_with_diffs(result)
            if cell.verdict != "not-loop-related":
                cell.problem = f"verdict {cell.verdict!r}, expected 'not-loop-related'"
            elif with_diffs:
                cell.problem = f"a failure that is not loop-related got fixes with diffs: {', '.join(with_diffs)}"
            else:
                cell.ok = True
            return

        # expectation == "fixed" or "warned"
        if cell.verdict not in FIX_VERDICTS:
            cell.problem = f"verdict {cell.verdict!r}, expected one of {', '.join(FIX_VERDICTS)}"
            return
        if fix_problem:
            cell.problem = fix_problem
            return
        if scenario.patterns and cell.pattern not in scenario.patterns:
            cell.problem = f"pattern {cell.pattern!r}, expected one of {', '.join(scenario.patterns)}"
            return
        diff = (cell.diff or "").strip()
        rerun_env = env
        if cell.fix_kind == VERSION_CHANGE:
            target = rel.lowest_satisfying(cell.requires)
            if target is None:
                cell.problem = f"no harness release satisfies requires={cell.requires!r}"
                return
            if target == cell.release:
                cell.problem = f"the version change requires {cell.requires!r}, which {cell.release} already satisfies"
                return
            rerun_env = _release(target)
        elif not diff:
            cell.problem = f"the recommended fix ({cell.fix_kind}) has no diff"
            return
        cell.rerun_release = rerun_env.version
        if diff:
            patched = apply_patch(project, cell.diff or "")
            cell.patch_output = patched.output
            if not patched.ok:
                cell.problem = "the recommended diff does not apply cleanly"
                return
        cell.after = run_pytest(rerun_env, project)
        if cell.after.passed and expectation == "warned" and DEPRECATION.search(cell.after.output):
            cell.problem = f"the suite still warns after the fix: {cell.after.summary}"
        elif cell.after.passed:
            cell.problem = (_verify_paste_only(scenario, cell, diagnose, env, Path(tmp))
                            or (_verify_alternatives(scenario, cell, finding, env, Path(tmp)) if ALTERNATIVES else None))
            cell.ok = cell.problem is None
        else:
            where = f" on {rerun_env.version}" if rerun_env.version != cell.release else ""
            cell.problem = f"the suite still fails after the fix{where}: {cell.after.summary}"


def _verify_alternatives(scenario: Scenario, cell: CellResult, finding: dict, env: rel.Release,
                         workdir: Path) -> str | None:
    """The alternatives are fixes too: each other fix of the first finding that carries a diff and whose
    ``requires`` admits this release must apply and make the suite pass on it."""
    failed = []
    for number, fix in enumerate(finding.get("fixes") or []):
        diff = fix.get("diff") or ""    # as given: stripping would take the last line's CR with it
        if fix.get("recommended") or not diff.strip() or fix.get("kind") == VERSION_CHANGE \
                or not rel.satisfies(fix.get("requires"), cell.release):
            continue
        label = f"{fix.get('kind')}: {fix.get('title')}"
        project = _copy_project(scenario, workdir / f"alternative-{number}")
        patched = apply_patch(project, diff)
        if not patched.ok:
            failed.append(f"{label}: the diff does not apply")
            continue
        cell.alternatives[label] = after = run_pytest(env, project)
        if not after.passed:
            failed.append(f"{label}: {after.summary}")
    return ("alternative fixes that do not fix it: " + "; ".join(failed)) if failed else None


def _verify_paste_only(scenario: Scenario, cell: CellResult, diagnose: Diagnose, env: rel.Release,
                       workdir: Path) -> str | None:
    """The output pasted without any file: a diff the engine writes against files it never saw must still
    apply to the real ones and fix the suite. A recommendation without a diff (prose) passes."""
    unknowable = scenario.paste_only_unknowable(cell.release)
    if unknowable:
        cell.paste_only_fix = f"not checked: {unknowable}"
        return None
    with _diagnose_lock:
        result = call_with_timeout(lambda: diagnose(cell.before.output, []), DIAGNOSE_TIMEOUT)
    _, fix, problem = recommended_fix(result)
    if result.get("verdict") not in FIX_VERDICTS or problem or fix is None:
        cell.paste_only_fix = f"{result.get('verdict')} (no fix)"
        return None
    cell.paste_only_fix = fix.get("kind")
    cell.paste_only_diff = diff = fix.get("diff") or ""
    if not diff.strip():
        return None
    target_env = env
    if fix.get("kind") == VERSION_CHANGE:
        target = rel.lowest_satisfying(fix.get("requires"))
        if target is None or target == cell.release:
            return f"paste only: unusable version change {fix.get('requires')!r}"
        target_env = _release(target)
    project = _copy_project(scenario, workdir / "paste-only")
    patched = apply_patch(project, diff)
    if not patched.ok:
        cell.patch_output = patched.output
        return "paste only: the diff written without the files does not apply to them"
    cell.paste_only_after = run_pytest(target_env, project)
    if not cell.paste_only_after.passed:
        return f"paste only: the suite still fails after the diff: {cell.paste_only_after.summary}"
    if cell.expectation == "warned" and DEPRECATION.search(cell.paste_only_after.output):
        return f"paste only: the suite still warns after the diff: {cell.paste_only_after.summary}"
    return None


# ---------------------------------------------------------------------------------------------------------------
# Observation and reference fixes (no engine)


@dataclass
class Observation:
    scenario: str
    release: str
    before: PytestRun
    fixes: dict[str, PytestRun] = field(default_factory=dict)  # reference fix name -> run after it

    def passing_fixes(self) -> list[str]:
        return [name for name, run in self.fixes.items() if run.passed]

    def line(self) -> str:
        text = self.before.summary
        if self.fixes and not self.before.passed:
            passing = self.passing_fixes()
            text += " · passes with: " + (", ".join(passing) if passing else "—")
        return text


def observe(scenario: Scenario, release: str, with_fixes: bool = False) -> Observation:
    env = _release(release)
    with tempfile.TemporaryDirectory(prefix=f"loop-doctor-{scenario.name}-") as tmp:
        project = _copy_project(scenario, Path(tmp))
        obs = Observation(scenario.name, release, run_pytest(env, project))
    if with_fixes and not obs.before.passed:
        for fix in scenario.fixes:
            with tempfile.TemporaryDirectory(prefix=f"loop-doctor-{scenario.name}-{fix.name}-") as tmp:
                project = _copy_project(scenario, Path(tmp))
                patched = apply_patch(project, overlay_diff(project, fix.path))
                if not patched.ok:
                    obs.fixes[fix.name] = PytestRun(release, -1, patched.output, 0.0)
                    continue
                obs.fixes[fix.name] = run_pytest(env, project)
    return obs


_RECORD_MARK = "# ---- observed: written by `python -m tests.harness.run --observe --reference --record` ----"


def record(scenario: Scenario, observations: dict[str, Observation]) -> None:
    """Rewrite the observed part of the scenario's scenario.toml (everything after the marker line)."""
    meta_file = scenario.path / "scenario.toml"
    text = meta_file.read_text(encoding="utf-8")
    head = text.split(_RECORD_MARK)[0].rstrip() + "\n\n"
    lines = [_RECORD_MARK, "# Outcome of the suite as it is, per release, and which fixes/<name> made it pass.", "[observed]"]
    for release in rel.RELEASES:
        if release in observations:
            lines.append(f"{json.dumps(release)} = {json.dumps(observations[release].line(), ensure_ascii=False)}")
    meta_file.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------------
# Grids


def run_grid(cells: Sequence[tuple[Scenario, str]], fn: Callable[[Scenario, str], Any], jobs: int = 2,
             on_done: Callable[[Any], None] | None = None) -> list[Any]:
    """``fn`` over every (scenario, release), ``jobs`` at a time, results in input order."""
    results: list[Any] = [None] * len(cells)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures: dict[Future, int] = {pool.submit(fn, s, r): i for i, (s, r) in enumerate(cells)}
        for future, index in futures.items():
            results[index] = future.result()
            if on_done:
                on_done(results[index])
    return results


def grid_table(rows: list[str], columns: list[str], cell_text: dict[tuple[str, str], str]) -> str:
    width0 = max([len(r) for r in rows] + [8])
    widths = [max([len(c)] + [len(cell_text.get((r, c), "")) for r in rows]) for c in columns]
    out = ["  ".join([" " * width0] + [c.ljust(w) for c, w in zip(columns, widths)])]
    for r in rows:
        out.append("  ".join([r.ljust(width0)] + [cell_text.get((r, c), "·").ljust(w) for c, w in zip(columns, widths)]))
    return "\n".join(out)


_SHORT = {"fixed": "fix", "no-failure": "nf", "not-loop": "nl", "warned": "warn"}


_FIX_SHORT = {
    "set-default-fixture-loop-scope": "fixture-default", "set-default-test-loop-scope": "test-default",
    "mark-tests-loop-scope": "mark-tests", "mark-all-tests-loop-scope": "mark-all", "set-fixture-loop-scope": "fixture-loop",
    "set-fixture-scope": "fixture-scope", "remove-event-loop-fixture": "rm-event_loop",
    "use-asyncio-fixture-decorator": "asyncio-fixture", "set-asyncio-mode-auto": "auto-mode",
    "fix-config-value": "config-value", "create-object-in-fixture": "create-in-fixture",
    "use-async-test-client": "async-client", "close-resource-in-fixture": "close-resource",
    "install-or-enable-plugin": "install-plugin", VERSION_CHANGE: "version",
}


def _fix_cell(r: CellResult) -> str:
    if r.expectation != "fixed":
        text = _SHORT[r.expectation]
    else:
        text = _FIX_SHORT.get(r.fix_kind or "", r.fix_kind or "-")
        if r.rerun_release and r.rerun_release != r.release:
            text += f"→{r.rerun_release}"
    return text if r.ok else f"FAIL:{text}"


def report(results: list[CellResult]) -> str:
    rows = list(dict.fromkeys(r.scenario for r in results))
    columns = [v for v in rel.RELEASES if any(r.release == v for r in results)]
    cells = {(r.scenario, r.release): ("ok " if r.ok else "FAIL ") + _SHORT[r.expectation] for r in results}
    fixes = {(r.scenario, r.release): _fix_cell(r) for r in results}
    lines = ["Fix verification: scenario x pytest-asyncio release  (fix = diff must fix it, nf = no-failure, "
             "nl = not-loop-related, warn = diff must end a deprecation warning)", "", grid_table(rows, columns, cells), "",
             "The recommended fix per cell (its kind, shortened; →V = re-run on release V)", "",
             grid_table(rows, columns, fixes), ""]
    lines += [r.line() for r in results]
    failed = [r for r in results if not r.ok]
    lines += ["", f"{len(results) - len(failed)} of {len(results)} cells verified" +
              (f"; {len(failed)} failed" if failed else "")]
    return "\n".join(lines)


def observation_report(observations: list[Observation]) -> str:
    rows = list(dict.fromkeys(o.scenario for o in observations))
    columns = [v for v in rel.RELEASES if any(o.release == v for o in observations)]
    cells = {}
    for o in observations:
        text = "pass" if o.before.passed else ("TIMEOUT" if o.before.exit_code is None else f"fail({o.before.exit_code})")
        if o.fixes and not o.before.passed:
            text += f" {len(o.passing_fixes())}/{len(o.fixes)}"
        cells[(o.scenario, o.release)] = text
    lines = ["Reproducers as they are (fail(n) = pytest exit code; k/m = reference fixes that make it pass)", "",
             grid_table(rows, columns, cells), ""]
    lines += [f"{o.scenario} @ {o.release}: {o.line()}" for o in observations]
    return "\n".join(lines)


def select_cells(scenario_list: list[Scenario], release_filter: list[str] | None) -> list[tuple[Scenario, str]]:
    cells = []
    for scenario in scenario_list:
        for release in scenario.releases:
            if release_filter and release not in release_filter:
                continue
            cells.append((scenario, release))
    return cells


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.harness.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--release", action="append", metavar="V", help="only this release (repeatable)")
    parser.add_argument("--scenario", action="append", metavar="S", help="only this scenario (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="cells run at a time (default 2)")
    parser.add_argument("--observe", action="store_true", help="run the suites only; no engine")
    parser.add_argument("--reference", action="store_true", help="with --observe: also try each scenario's fixes/")
    parser.add_argument("--record", action="store_true", help="with --observe: write the outcomes into scenario.toml")
    parser.add_argument("--verbose", "-v", action="store_true", help="print outputs, diagnosis and diff of failed cells")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--build", action="store_true", help="build missing release environments first")
    args = parser.parse_args(argv)
    if args.release:
        unknown = [v for v in args.release if v not in rel.RELEASES]
        if unknown:
            parser.error(f"unknown release(s) {', '.join(unknown)}; known: {', '.join(rel.RELEASES)}")
    try:
        chosen = scenarios(args.scenario)
    except ValueError as exc:
        parser.error(str(exc))
    cells = select_cells(chosen, args.release)
    if not cells:
        parser.error("nothing to run")
    if args.build:
        rel.ensure_all(sorted({r for _, r in cells}, key=rel.version_key))
    missing = sorted({r for _, r in cells if not rel.find(r)}, key=rel.version_key)
    if missing:
        print(f"release environment(s) not built: {', '.join(missing)} (run `make releases` or pass --build)",
              file=sys.stderr)
        return 2
    problem = services_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    started = time.monotonic()
    progress = lambda item: print(f"  … {getattr(item, 'scenario', '')} @ {getattr(item, 'release', '')}",  # noqa: E731
                                  file=sys.stderr, flush=True)

    if args.observe:
        observations = run_grid(cells, lambda s, r: observe(s, r, with_fixes=args.reference), args.jobs, progress)
        print(observation_report(observations))
        if args.record:
            for scenario in chosen:
                record(scenario, {o.release: o for o in observations if o.scenario == scenario.name})
        if args.json:
            Path(args.json).write_text(json.dumps([
                {"scenario": o.scenario, "release": o.release, "exit_code": o.before.exit_code,
                 "summary": o.before.summary, "passing_fixes": o.passing_fixes(),
                 "fixes": {n: r.summary for n, r in o.fixes.items()}} for o in observations], indent=1))
        print(f"\n{len(observations)} cell(s) in {time.monotonic() - started:.0f}s")
        return 0

    results = run_grid(cells, verify, args.jobs, progress)
    print(report(results))
    if args.verbose:
        for r in results:
            if not r.ok:
                print("\n" + "=" * 100 + "\n" + r.explain())
    if args.json:
        Path(args.json).write_text(json.dumps([
            {"scenario": r.scenario, "release": r.release, "expectation": r.expectation, "ok": r.ok,
             "problem": r.problem, "verdict": r.verdict, "pattern": r.pattern, "fix_kind": r.fix_kind,
             "requires": r.requires, "rerun_release": r.rerun_release,
             "before": r.before.summary if r.before else None, "after": r.after.summary if r.after else None}
            for r in results], indent=1))
    print(f"{time.monotonic() - started:.0f}s")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
