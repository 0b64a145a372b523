"""Fix verification on real pytest-asyncio releases: every reproducer scenario x release through the engine.

Each cell runs a suite of ``tests/reproducers`` with one release's cached environment (``make releases``
builds them; a missing one fails the cell), diagnoses the output with ``analyzer.diagnose`` and checks the
scenario's expectation: the recommended diff makes the suite pass, or a passing / not-loop-related suite gets
no diff. The reproducers need PostgreSQL and Redis (see tests/harness/README.md).

The selected cells run two at a time in background threads as soon as the first of them starts; each test
waits for its own cell. A few fast checks of the harness itself run first.
"""
from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.harness import releases as rel
from tests.harness import run

SCENARIOS = run.scenarios()
CELLS = run.select_cells(SCENARIOS, None)
CELL_TIMEOUT = 2 * run.PYTEST_TIMEOUT + run.DIAGNOSE_TIMEOUT + 4 * run.PATCH_TIMEOUT + 60


# ---------------------------------------------------------------------------------------------------------------
# The harness itself (fast, no release environments)


def test_every_scenario_is_complete():
    assert len(SCENARIOS) >= 12
    kinds = {s.expectation(r) for s in SCENARIOS for r in s.releases}
    assert kinds == set(run.EXPECTATIONS)
    for scenario in SCENARIOS:
        files = dict(scenario.files())
        assert any(name.endswith(".py") and "test_" in name for name in files), scenario.name
        assert scenario.title and scenario.releases
        assert "observed" in scenario.data, f"{scenario.name}: run --observe --reference --record"
        assert set(scenario.data["observed"]) == set(scenario.releases), scenario.name
        for fix in scenario.fixes:
            assert run.overlay_diff(scenario.project, fix.path).strip(), f"{scenario.name}/{fix.name} changes nothing"


def test_project_files_are_relative_posix_paths_without_caches():
    files = dict(run.scenarios(["classic_pg"])[0].files())
    assert "pytest.ini" in files and "tests/conftest.py" in files and "app/db.py" in files
    assert not [name for name in files if "__pycache__" in name or name.startswith("/")]


def test_project_files_keep_their_line_ends():
    files = dict(run.scenarios(["classic_crlf"])[0].files())
    assert files["pytest.ini"].endswith("= session\r\n") and "\r\n" in files["tests/conftest.py"]
    assert "\r" not in dict(run.scenarios(["classic_pg"])[0].files())["pytest.ini"]


def test_lowest_release_satisfying_a_requirement():
    assert rel.lowest_satisfying("pytest-asyncio>=0.24") == "0.24.0"
    assert rel.lowest_satisfying("pytest-asyncio>=0.26") == "0.26.0"
    assert rel.lowest_satisfying(">=1.0,<1.2") == "1.0.0"
    assert rel.lowest_satisfying("pytest_asyncio>=1.4") == "1.5.0"
    assert rel.lowest_satisfying("pytest-asyncio<0.22") == "0.17.2"
    assert rel.lowest_satisfying("pytest-asyncio>=0.21,<0.22") == "0.21.2"
    assert rel.lowest_satisfying("pytest-asyncio>=2") is None
    assert rel.lowest_satisfying("not a requirement") is None
    assert rel.lowest_satisfying(None) is None


def test_release_environment_paths_follow_the_pins(monkeypatch, tmp_path):
    monkeypatch.setenv("LOOP_DOCTOR_RELEASES_DIR", str(tmp_path))
    path = rel.release_dir("0.24.0")
    assert path.parent == tmp_path and path.name.startswith("0.24.0-")
    assert "pytest==8.4.2" in rel.requirements("0.24.0") and "pytest==9.2.0" in rel.requirements("1.3.0")
    assert rel.find("0.24.0") is None
    with pytest.raises(ValueError):
        rel.requirements("0.22.0")


@pytest.mark.skipif(not shutil.which("patch"), reason="needs patch(1)")
def test_overlay_diffs_apply_with_patch(tmp_path):
    scenario = run.scenarios(["classic_pg"])[0]
    fix = next(f for f in scenario.fixes if f.name == "fixture_default_function")
    project = tmp_path / "project"
    shutil.copytree(scenario.project, project)
    diff = run.overlay_diff(project, fix.path)
    assert diff.startswith("diff --git a/pytest.ini b/pytest.ini\n--- a/pytest.ini\n+++ b/pytest.ini\n")
    assert run.apply_patch(project, diff).ok
    assert "asyncio_default_fixture_loop_scope = function" in (project / "pytest.ini").read_text()
    again = run.apply_patch(project, diff)  # --forward: an applied diff does not apply twice
    assert not again.ok
    outside = run.apply_patch(project, diff.replace("a/pytest.ini", "a/../x").replace("b/pytest.ini", "b/../x"))
    assert not outside.ok and "outside" in outside.output


def test_service_addresses_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("LOOP_DOCTOR_PG_DSN", "postgresql://u@db.example:6543/x")
    monkeypatch.delenv("LOOP_DOCTOR_REDIS_URL", raising=False)
    assert run.service_addresses() == {"PostgreSQL": ("db.example", 6543), "Redis": ("127.0.0.1", 6379)}


def test_commands_are_killed_on_timeout(tmp_path):
    code, out, seconds = run.run_command(["sh", "-c", "sleep 30 & sleep 30"], tmp_path, timeout=1)
    assert code is None and "killed after" in out and seconds < 20


def test_summary_of_a_pytest_output():
    output = ("E   RuntimeError: Task <Task pending name='Task-2' coro=<t() running at /x/tests/t.py:5>> got Future "
              "<Future pending> attached to a different loop\n=========== 2 failed in 0.15s ===========\n")
    assert run.summarize(output, 1) == "2 failed · RuntimeError: Task <…> got Future <…> attached to a different loop"
    assert run.summarize("==== 3 passed, 1 warning in 0.01s ====\n", 0) == "3 passed, 1 warning"
    assert run.summarize("", None) == "timed out"


def test_a_run_that_skipped_its_async_tests_did_not_pass():
    """pytest before 8.4 skips async tests no plugin ran and exits 0: the suite did not pass."""
    skipped = ("SKIPPED [2] .../_pytest/python.py:184: async def function and no async plugin installed (see warnings)\n"
               "======================== 2 skipped, 4 warnings in 0.01s ========================\n")
    assert not run.PytestRun("0.20.3", 0, skipped, 0.1).passed
    assert run.PytestRun("0.20.3", 0, "==== 3 passed, 1 warning in 0.01s ====\n", 0.1).passed
    assert not run.PytestRun("0.20.3", 1, "==== 1 failed, 2 passed in 0.01s ====\n", 0.1).passed


def test_verification_of_each_expectation_with_a_stand_in_engine(monkeypatch, tmp_path):
    """The checks themselves, on canned pytest runs: no release environment, no services."""
    scenario = run.scenarios(["classic_pg"])[0]
    runs = []

    def fake_pytest(release, project, timeout=0):
        runs.append(release.version)
        ini = (project / "pytest.ini").read_text()
        ok = "loop_scope = function" in ini or release.version == "0.21.2"
        return run.PytestRun(release.version, 0 if ok else 1, "== 2 passed in 0.1s ==" if ok else "== 2 failed in 0.1s ==", 0.1)

    monkeypatch.setattr(run, "run_pytest", fake_pytest)
    monkeypatch.setattr(run.rel, "find", lambda v: rel.Release(v, rel.pytest_version_for(v), tmp_path / v))
    diff = run.overlay_diff(scenario.project, next(f.path for f in scenario.fixes if f.name == "fixture_default_function"))

    def engine(fix):
        return lambda paste, files: {"verdict": "loop-mismatch", "findings": [
            {"pattern": "fixture-loop-wider-than-test-loop", "fixes": [fix, {"kind": "other", "recommended": False}]}]}

    good = run.verify(scenario, "0.24.0", engine({"kind": "set-default-fixture-loop-scope", "recommended": True, "diff": diff}))
    assert good.ok, good.explain()
    assert runs == ["0.24.0", "0.24.0", "0.24.0"]   # before, after the diff, after the paste-only diff
    runs.clear()
    blind = diff.replace("asyncio_mode = auto", "asyncio_mode = strict")   # written against a file never seen
    paste_only = run.verify(scenario, "0.24.0", lambda paste, files: engine(
        {"kind": "set-default-fixture-loop-scope", "recommended": True, "diff": diff if files else blind})(paste, files))
    assert not paste_only.ok and paste_only.problem.startswith("paste only: the diff written without the files")
    alternative = {"kind": "set-default-test-loop-scope", "title": "tests on the session loop", "recommended": False,
                   "requires": "pytest-asyncio>=0.24", "diff": diff.replace("= function", "= module")}
    with_alternative = run.verify(scenario, "0.24.0", lambda paste, files: {"verdict": "loop-mismatch", "findings": [
        {"pattern": "fixture-loop-wider-than-test-loop", "fixes": [
            {"kind": "set-default-fixture-loop-scope", "recommended": True, "diff": diff}, alternative]}]})
    assert not with_alternative.ok and "alternative fixes that do not fix it: set-default-test-loop-scope" \
        in with_alternative.problem, with_alternative.explain()
    alternative["requires"] = "pytest-asyncio>=0.26"   # not claimed for 0.24.0: not applied
    assert run.verify(scenario, "0.24.0", lambda paste, files: {"verdict": "loop-mismatch", "findings": [
        {"pattern": "fixture-loop-wider-than-test-loop", "fixes": [
            {"kind": "set-default-fixture-loop-scope", "recommended": True, "diff": diff}, alternative]}]}).ok
    bad_diff = run.verify(scenario, "0.24.0", engine({"kind": "set-default-fixture-loop-scope", "recommended": True,
                                                      "diff": diff.replace("asyncio_mode = auto", "asyncio_mode = strict")}))
    assert not bad_diff.ok and "does not apply" in bad_diff.problem
    no_diff = run.verify(scenario, "0.24.0", engine({"kind": "other", "recommended": True, "diff": None}))
    assert not no_diff.ok and "no diff" in no_diff.problem
    runs.clear()
    downgrade = run.verify(scenario, "0.24.0", engine({"kind": "change-pytest-asyncio-version", "recommended": True,
                                                       "requires": "pytest-asyncio>=0.21,<0.22", "diff": None}))
    assert downgrade.ok and downgrade.rerun_release == "0.21.2" and runs == ["0.24.0", "0.21.2"], downgrade.explain()
    passing = run.verify(scenario, "0.21.2", lambda paste, files: {"verdict": "no-failure", "findings": []})
    assert passing.ok, passing.explain()
    chatty = run.verify(scenario, "0.21.2", lambda paste, files: {"verdict": "no-failure", "findings": [
        {"pattern": "invalid-asyncio-config", "fixes": [{"kind": "fix-config-value", "recommended": True, "diff": diff}]}]})
    assert not chatty.ok and "diffs" in chatty.problem


# ---------------------------------------------------------------------------------------------------------------
# The grid


def _cell_id(cell) -> str:
    scenario, release = cell
    return f"{scenario.name}@{release}"


@pytest.fixture(scope="module")
def verified_cell(request):
    """Verifies the selected cells two at a time, starting all of them at once; returns a waiter per cell."""
    import analyzer

    engine = analyzer.diagnose  # bound now, so later tests that stand in a fake engine cannot reach these threads

    def diagnose(paste, files):
        result = engine(paste, files=files)
        return result.to_dict() if hasattr(result, "to_dict") else result

    problem = run.services_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    wanted = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if item.module is request.module and callspec and "cell" in callspec.params:
            wanted.append(callspec.params["cell"])
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="fix-verification")
    futures = {_cell_id(cell): pool.submit(run.verify, cell[0], cell[1], diagnose) for cell in wanted}

    def wait(cell):
        key = _cell_id(cell)
        if key not in futures:
            futures[key] = pool.submit(run.verify, cell[0], cell[1], diagnose)
        return futures[key].result(timeout=CELL_TIMEOUT * max(1, len(futures)))

    yield wait
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize("cell", CELLS, ids=[_cell_id(c) for c in CELLS])
def test_fix_verification(verified_cell, cell):
    result = verified_cell(cell)
    if not result.ok:
        pytest.fail(result.explain(), pytrace=False)
