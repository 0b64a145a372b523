"""The golden corpus: every folder of tests/corpus/ is one diagnosis the engine must get right.

A case folder holds ``paste.txt`` (pytest output as captured), optionally ``files/`` (the project files the user
pasted, named by their relative path), ``hints.json`` and ``expected.json``. Only the keys present in
expected.json are checked; tests/corpus/README.md lists them.
"""
from __future__ import annotations

import ast
import configparser
import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

import analyzer

CORPUS = Path(__file__).parent / "corpus"
ALL_CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir() and (p / "expected.json").is_file())
# Real reports gathered blind (labelled before the engine saw them): scored as a whole, the way
# reports the engine has never seen are judged, instead of each one pinned as a golden answer.
BLIND_SETS = tuple(f"real{n}-" for n in range(2, 352))   # real2- … real351-
BLIND = [p for p in ALL_CASES if p.name.startswith(BLIND_SETS)]
CASES = [p for p in ALL_CASES if p not in BLIND]
# Share of blind reports whose verdict and first pattern must be right: a floor just under the score fitted
# to them, so a change that loses reports fails. The estimate for unseen reports is each set's first run.
BLIND_ACCURACY = 0.545

FINDING_KEYS = {"patterns", "codes", "recommended_fix_kind", "recommended_fix_kind_not", "recommended_fix_requires",
                "recommended_diff_applies", "recommended_diff_contains", "recommended_diff_not_contains",
                "affected_tests"}
KNOWN_KEYS = FINDING_KEYS | {"verdict", "environment", "timeline_loops_min", "crossings_min", "notes_contain", "why",
                             "first_only"}


# ---- reading a case ------------------------------------------------------------------------------

def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:      # keep CRLF and every byte as captured
        return fh.read()


def load_case(case: Path):
    paste = read_text(case / "paste.txt")
    files_dir = case / "files"
    files = [(p.relative_to(files_dir).as_posix(), read_text(p))
             for p in sorted(files_dir.rglob("*")) if p.is_file()] if files_dir.is_dir() else []
    hints = json.loads((case / "hints.json").read_text(encoding="utf-8")) if (case / "hints.json").is_file() else None
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return paste, files, hints, expected


# ---- what the result says ------------------------------------------------------------------------

def recommended(finding: dict) -> list[dict]:
    return [fix for fix in finding.get("fixes") or [] if fix.get("recommended")]


def first_recommended(result: dict) -> dict | None:
    findings = result.get("findings") or []
    fixes = recommended(findings[0]) if findings else []
    return fixes[0] if fixes else None


def describe(result: dict) -> str:
    """The actual diagnosis in a few lines: enough to see why a case failed."""
    out = [f"  verdict: {result.get('verdict')!r}"]
    env = {k: v for k, v in (result.get("environment") or {}).items() if k != "sources"}
    out.append(f"  environment: {json.dumps(env, ensure_ascii=False)}")
    timeline = result.get("timeline") or {}
    out.append(f"  timeline: {len(timeline.get('loops') or [])} loops, {len(timeline.get('crossings') or [])} crossings")
    findings = result.get("findings") or []
    if not findings:
        out.append("  findings: none")
    for i, finding in enumerate(findings, 1):
        out.append(f"  finding {i}: {finding.get('pattern')} ({finding.get('code')}), confidence "
                   f"{finding.get('confidence')}, affected {finding.get('affected_tests')}")
        for fix in recommended(finding):
            out.append(f"    recommended fix: kind={fix.get('kind')!r} requires={fix.get('requires')!r}")
            diff = (fix.get("diff") or "").splitlines()
            for line in diff[:20]:
                out.append(f"      | {line}")
            if len(diff) > 20:
                out.append(f"      | … ({len(diff) - 20} more lines)")
            if not diff:
                out.append("      (no diff)")
    if result.get("notes"):
        out.append(f"  notes: {result['notes']}")
    if result.get("reason"):
        out.append(f"  reason: {result['reason']}")
    return "\n".join(out)


# ---- applying a diff to the given files ----------------------------------------------------------

def diff_targets(diff: str) -> list[str]:
    names = []
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:].split("\t")[0].strip()
            if name != "/dev/null":
                names.append(name[2:] if name.startswith("b/") else name)
    return names


def still_valid(name: str, text: str) -> str | None:
    """None when an edited file still parses, else why not."""
    try:
        if name.endswith(".py"):
            ast.parse(text, filename=name)
        elif name.endswith(".toml"):
            tomllib.loads(text)
        elif name.endswith((".ini", ".cfg")):
            parser = configparser.ConfigParser(interpolation=None)
            parser.read_string(text, source=name)
            if not parser.sections():
                return f"{name}: no section left"
    except (SyntaxError, tomllib.TOMLDecodeError, configparser.Error) as exc:
        return f"{name}: {type(exc).__name__}: {exc}"
    return None


def apply_diff(files: list[tuple[str, str]], diff: str, workdir: Path) -> list[str]:
    """Apply ``diff`` with `patch -p1` (exact context: no fuzz) to a copy of ``files``; the problems found."""
    root = workdir / "project"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name, text in files:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    patch_file = workdir / "fix.diff"
    patch_file.write_text(diff if diff.endswith("\n") else diff + "\n", encoding="utf-8")
    problems = []
    for extra in (["--dry-run"], []):
        run = subprocess.run(["patch", "-p1", "--batch", "--forward", "--fuzz=0", *extra, "-i", str(patch_file)],
                             cwd=root, capture_output=True, text=True)
        if run.returncode != 0:
            step = "dry run" if extra else "patch"
            return [f"{step} failed (exit {run.returncode}): {(run.stdout + run.stderr).strip()}"]
    for name in diff_targets(diff):
        path = root / name
        if not path.is_file():
            problems.append(f"diff targets {name}, which is not there after patching")
            continue
        problem = still_valid(name, path.read_text(encoding="utf-8"))
        if problem:
            problems.append(f"edited file no longer valid: {problem}")
    return problems


# ---- the checks ----------------------------------------------------------------------------------

def structural_problems(result: dict, paste: str, files: list[tuple[str, str]]) -> list[str]:
    """What must hold for every case, whatever it expects."""
    problems = []
    try:
        json.dumps(result)
    except (TypeError, ValueError) as exc:
        problems.append(f"to_dict() is not JSON-serialisable: {exc}")
    if result.get("schema") != 1:
        problems.append(f"schema is {result.get('schema')!r}, not 1")
    texts = {"<paste>": paste, **dict(files)}
    lines = {name: text.splitlines() for name, text in texts.items()}
    for i, finding in enumerate(result.get("findings") or [], 1):
        n = len(recommended(finding))
        if n != 1:
            problems.append(f"finding {i} ({finding.get('pattern')}) has {n} recommended fixes, not exactly one")
        for ev in finding.get("evidence") or []:
            name, line = ev.get("file"), ev.get("line")
            if name not in lines:
                problems.append(f"finding {i}: evidence names {name!r}, which is not in the input")
                continue
            if not isinstance(line, int) or not 1 <= line <= len(lines[name]):
                problems.append(f"finding {i}: evidence line {line!r} outside {name} (1..{len(lines[name])})")
                continue
            if (ev.get("text") or "").strip() != lines[name][line - 1].strip():
                problems.append(f"finding {i}: evidence text {ev.get('text')!r} is not {name}:{line} "
                                f"{lines[name][line - 1].strip()!r}")
    return problems


def expectation_problems(expected: dict, result: dict, files: list[tuple[str, str]], workdir: Path) -> list[str]:
    problems = [f"unknown key {key!r} in expected.json" for key in expected if key not in KNOWN_KEYS]
    findings = result.get("findings") or []
    first = findings[0] if findings else None
    fix = first_recommended(result)

    if "verdict" in expected and result.get("verdict") != expected["verdict"]:
        problems.append(f"verdict {result.get('verdict')!r} != {expected['verdict']!r}")
    # "first_only": real reports are labelled with their most likely pattern, not every possible one.
    shown = (lambda xs: xs[:1]) if expected.get("first_only") else (lambda xs: xs)
    if "patterns" in expected and shown([f.get("pattern") for f in findings]) != expected["patterns"]:
        problems.append(f"patterns {[f.get('pattern') for f in findings]} != {expected['patterns']}")
    if "codes" in expected and shown([f.get("code") for f in findings]) != expected["codes"]:
        problems.append(f"codes {[f.get('code') for f in findings]} != {expected['codes']}")

    wants_fix = [k for k in ("recommended_fix_kind", "recommended_fix_requires", "recommended_diff_contains",
                             "recommended_diff_not_contains") if k in expected]
    if expected.get("recommended_diff_applies"):
        wants_fix.append("recommended_diff_applies")
    if wants_fix and fix is None:
        problems.append(f"no recommended fix on the first finding, but expected.json checks {wants_fix}")
    if fix is not None:
        if "recommended_fix_kind" in expected and fix.get("kind") != expected["recommended_fix_kind"]:
            problems.append(f"recommended fix kind {fix.get('kind')!r} != {expected['recommended_fix_kind']!r}")
        if fix.get("kind") in expected.get("recommended_fix_kind_not", []):
            problems.append(f"recommended fix kind {fix.get('kind')!r} is one of the excluded "
                            f"{expected['recommended_fix_kind_not']}")
        if "recommended_fix_requires" in expected and fix.get("requires") != expected["recommended_fix_requires"]:
            problems.append(f"recommended fix requires {fix.get('requires')!r} != "
                            f"{expected['recommended_fix_requires']!r}")
        diff = fix.get("diff") or ""
        diff_lines = [line.rstrip() for line in diff.splitlines()]
        for line in expected.get("recommended_diff_contains", []):
            if line.rstrip() not in diff_lines:
                problems.append(f"recommended diff lacks the line {line!r}")
        for line in expected.get("recommended_diff_not_contains", []):
            if line.rstrip() in diff_lines:
                problems.append(f"recommended diff must not have the line {line!r}")
        if expected.get("recommended_diff_applies"):
            if not diff:
                problems.append("recommended fix has no diff, but it must apply to files/")
            else:
                problems += [f"recommended diff: {p}" for p in apply_diff(files, diff, workdir)]

    if "affected_tests" in expected:
        got = sorted(first.get("affected_tests") or []) if first else None
        if got != sorted(expected["affected_tests"]):
            problems.append(f"affected_tests of the first finding {got} != {sorted(expected['affected_tests'])}")

    env = result.get("environment") or {}
    for key, value in (expected.get("environment") or {}).items():
        if env.get(key) != value:
            problems.append(f"environment.{key} {env.get(key)!r} != {value!r}")

    timeline = result.get("timeline") or {}
    if "timeline_loops_min" in expected and len(timeline.get("loops") or []) < expected["timeline_loops_min"]:
        problems.append(f"timeline has {len(timeline.get('loops') or [])} loops, expected at least "
                        f"{expected['timeline_loops_min']}")
    if "crossings_min" in expected and len(timeline.get("crossings") or []) < expected["crossings_min"]:
        problems.append(f"timeline has {len(timeline.get('crossings') or [])} crossings, expected at least "
                        f"{expected['crossings_min']}")

    notes = " ".join(result.get("notes") or [])
    for text in expected.get("notes_contain", []):
        if text not in notes:
            problems.append(f"notes do not mention {text!r}")
    return problems


def assert_case(name: str, expected: dict, result: dict, paste: str, files: list[tuple[str, str]],
                workdir: Path) -> None:
    """The single assertion of the corpus: every problem of a case at once, with the actual diagnosis."""
    problems = structural_problems(result, paste, files) + expectation_problems(expected, result, files, workdir)
    if problems:
        shown = {k: v for k, v in expected.items() if k != "why"}
        message = "\n".join([
            f"corpus case {name}: {len(problems)} problem(s)",
            *[f"  - {p}" for p in problems],
            "expected (subset checked):",
            *[f"  {line}" for line in json.dumps(shown, indent=2, ensure_ascii=False).splitlines()],
            f"why: {expected.get('why', '(no why given)')}",
            "actual:",
            describe(result),
        ])
        pytest.fail(message, pytrace=False)


# ---- tests ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case(case, tmp_path):
    paste, files, hints, expected = load_case(case)
    result = analyzer.diagnose(paste, files=files, hints=hints).to_dict()
    assert_case(case.name, expected, result, paste, files, tmp_path)


def test_blind_real_reports(capsys):
    """Verdict and first pattern right for most blind reports; never loop advice on a negative.

    The rules alone: the wording model learnt from these very reports, so its guesses are judged on reports
    held out from its training instead (tests/test_guess.py)."""
    right, misses, advice = 0, [], []
    for case in BLIND:
        paste, files, hints, expected = load_case(case)
        result = analyzer.diagnose(paste, files=files, hints=hints, guess=False).to_dict()
        patterns = [f["pattern"] for f in result["findings"]]
        if result["verdict"] == expected["verdict"] and patterns[:1] == expected.get("patterns", [])[:1]:
            right += 1
        else:
            misses.append(f"{case.name}: expected {expected['verdict']} {expected.get('patterns')}, "
                          f"got {result['verdict']} {patterns[:1]}")
        # A report labelled unknown is one whose thread never found the cause: not known to be free of a loop
        # problem, so only the reports shown not to be one are held to "no loop advice".
        # A report whose failure is not the loop's may still show a loop problem of its own, listed after the
        # first pattern: loop advice is not wrong there.
        if expected["verdict"] in ("not-loop-related", "no-failure") and not set(expected.get("patterns", [])[1:]):
            diffs = [fix for f in result["findings"] for fix in f["fixes"] if fix.get("diff")]
            if diffs or result["verdict"] in ("loop-mismatch", "asyncio-misconfiguration"):
                advice.append(f"{case.name}: loop advice on a report that is not a loop problem")
    with capsys.disabled():
        print(f"\nblind real reports: {right}/{len(BLIND)} right" + "".join(f"\n  miss: {m}" for m in misses))
    assert not advice, advice
    assert right >= BLIND_ACCURACY * len(BLIND), misses


APPLYING = [c for c in CASES if load_case(c)[3].get("recommended_diff_applies")]


@pytest.mark.parametrize("case", APPLYING, ids=[c.name for c in APPLYING])
def test_recommended_diff_applies_to_crlf_files(case, tmp_path):
    """The same files saved with CRLF ends (as on Windows) get the same edit, and the diff applies to them as they
    are: without fuzz, every line keeping its own end."""
    paste, files, hints, _expected = load_case(case)
    crlf = [(name, text.replace("\r\n", "\n").replace("\n", "\r\n")) for name, text in files]
    diff = first_recommended(analyzer.diagnose(paste, files=crlf, hints=hints).to_dict())["diff"]
    assert not apply_diff(crlf, diff, tmp_path / "crlf")
    lf_diff = first_recommended(analyzer.diagnose(paste, files=files, hints=hints).to_dict())["diff"]
    assert not apply_diff(files, lf_diff, tmp_path / "lf")
    for name in set(diff_targets(lf_diff)) & {name for name, _ in files}:     # (a created file has LF ends)
        lf = (tmp_path / "lf" / "project" / name).read_bytes().decode()
        assert (tmp_path / "crlf" / "project" / name).read_bytes().decode() == lf.replace("\r\n", "\n").replace("\n", "\r\n")


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.name for c in ALL_CASES])
def test_corpus_case_is_well_formed(case):
    """The data itself: a paste, an explanation, known keys, and files where a diff must apply."""
    paste, files, hints, expected = load_case(case)
    assert paste.strip(), f"{case.name}: empty paste.txt"
    assert expected.get("why", "").strip(), f"{case.name}: expected.json has no 'why'"
    unknown = sorted(set(expected) - KNOWN_KEYS)
    assert not unknown, f"{case.name}: unknown keys {unknown} in expected.json"
    if expected.get("recommended_diff_applies"):
        assert files, f"{case.name}: recommended_diff_applies needs files/"
    if expected.get("verdict") == "no-failure":
        assert expected.get("patterns", []) == [] and not set(expected) & (FINDING_KEYS - {"patterns", "codes"}), \
            f"{case.name}: a no-failure case expects no finding and no fix"
    if hints is not None:
        assert isinstance(hints, dict), f"{case.name}: hints.json must be an object"


def test_no_rule_fails_on_any_case():
    """A rule that raises is skipped so the user still gets the others' answers; here it is a bug."""
    broken = []
    for case in ALL_CASES:
        paste, files, hints, _expected = load_case(case)
        errors = analyzer.diagnose(paste, files=files, hints=hints).internal_errors
        broken += [f"{case.name}: {e}" for e in errors]
    assert not broken, broken
