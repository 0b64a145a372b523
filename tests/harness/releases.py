"""One cached virtual environment per pytest-asyncio release the fix-verification harness runs.

Each environment holds one pytest-asyncio release, the pytest it is run with and the clients the reproducer
suites use (asyncpg, redis, httpx, FastAPI, anyio), all pinned. Environments live outside the repository, in
``~/.cache/loop-doctor/releases/<version>-<hash>`` (``LOOP_DOCTOR_RELEASES_DIR`` moves them), where the hash
covers the pinned requirement set and the interpreter, so a changed pin builds a new environment and a clean
clone on the same machine reuses the old ones.

``python -m tests.harness.releases`` builds whatever is missing (at most two at a time) and is quick when
everything is cached. ``uv`` is used when it is installed next to the running interpreter or on ``PATH``;
otherwise ``python -m venv`` and pip.
"""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

#: The releases the harness runs, oldest first.
RELEASES: tuple[str, ...] = (
    "0.17.2", "0.19.0", "0.20.3", "0.21.2", "0.23.8", "0.24.0", "0.25.3", "0.26.0", "1.0.0", "1.1.1", "1.2.0", "1.3.0", "1.5.0",
)

#: pytest per release: 7.4.4 before 0.21 (their era: pytest 8 changed the collection hooks they rely on), 8.4.2 up
#: to 1.2.0 (whose metadata caps pytest below 9), 9.2.0 from 1.3.0 on.
PYTEST_OLDEST = "7.4.4"
PYTEST_OLD = "8.4.2"
PYTEST_NEW = "9.2.0"

#: Everything else an environment holds, transitive dependencies included, so two builds are identical.
COMMON_REQUIREMENTS: tuple[str, ...] = (
    "annotated-doc==0.0.7",
    "annotated-types==0.8.0",
    "anyio==4.16.0",
    "asyncpg==0.32.0",
    "certifi==2026.10.19.post1",
    "fastapi==0.165.0",
    "h11==0.16.0",
    "httpcore==1.0.9",
    "httpx==0.28.1",
    "idna==3.20",
    "iniconfig==2.3.1",
    "opentelemetry-api==1.45.2",
    "packaging==26.3",
    "pluggy==1.7.0",
    "pydantic==2.14.4",
    "pydantic-core==2.50.5",
    "pygments==2.21.0",
    "redis==8.1.0",
    "starlette==1.10.0",
    "typing-extensions==4.16.0",
    "typing-inspection==0.4.5",
)

#: Interpreter the environments are built from (major.minor); ``LOOP_DOCTOR_RELEASE_PYTHON`` names another.
PYTHON_SERIES = "3.11"

MARKER = "loop-doctor-release.json"
VENV_TIMEOUT = 300
INSTALL_TIMEOUT = 1200
CHECK_TIMEOUT = 120
DEFAULT_JOBS = 2


def version_key(version: str) -> tuple[int, ...]:
    """``"0.23.8"`` -> ``(0, 23, 8)``; enough for the plain release numbers used here."""
    parts = []
    for piece in version.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def pytest_version_for(version: str) -> str:
    if version_key(version) >= (1, 3, 0):
        return PYTEST_NEW
    return PYTEST_OLD if version_key(version) >= (0, 21) else PYTEST_OLDEST


def requirements(version: str) -> list[str]:
    """The complete pinned requirement set of one release's environment."""
    if version not in RELEASES:
        raise ValueError(f"unknown pytest-asyncio release {version!r}; known: {', '.join(RELEASES)}")
    return sorted([f"pytest-asyncio=={version}", f"pytest=={pytest_version_for(version)}", *COMMON_REQUIREMENTS],
                  key=str.lower)


def cache_root() -> Path:
    configured = os.environ.get("LOOP_DOCTOR_RELEASES_DIR")
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "loop-doctor" / "releases"


@lru_cache(maxsize=None)
def base_python() -> str:
    """Absolute path of the interpreter the release environments are made from."""
    configured = os.environ.get("LOOP_DOCTOR_RELEASE_PYTHON")
    candidates = [configured] if configured else [f"python{PYTHON_SERIES}", sys.executable, "python3"]
    for candidate in candidates:
        found = shutil.which(candidate) if candidate and os.sep not in candidate else candidate
        if not found:
            continue
        try:
            out = subprocess.run([found, "-c", "import sys; print(sys.executable); print('%d.%d' % sys.version_info[:2])"],
                                 capture_output=True, text=True, timeout=60, check=True).stdout.split("\n")
        except (OSError, subprocess.SubprocessError):
            continue
        if configured or out[1].strip() == PYTHON_SERIES:
            return out[0].strip()
    raise RuntimeError(f"no Python {PYTHON_SERIES} interpreter found for the release environments "
                       "(set LOOP_DOCTOR_RELEASE_PYTHON)")


@lru_cache(maxsize=None)
def base_python_version() -> str:
    return subprocess.run([base_python(), "-c", "import platform; print(platform.python_version())"],
                          capture_output=True, text=True, timeout=60, check=True).stdout.strip()


def environment_hash(version: str) -> str:
    text = "\n".join(requirements(version) + [f"python {base_python_version()}"])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def release_dir(version: str) -> Path:
    return cache_root() / f"{version}-{environment_hash(version)}"


@dataclass(frozen=True)
class Release:
    version: str
    pytest_version: str
    path: Path

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"


def find(version: str) -> Release | None:
    """The release's environment when it is completely built, else None. Builds nothing."""
    path = release_dir(version)
    if (path / MARKER).is_file() and (path / "bin" / "python").exists():
        return Release(version, pytest_version_for(version), path)
    return None


def _specifier(requirement: str | None):
    """The version specifier of ``pytest-asyncio>=0.24,<1`` (or of ``>=0.24``), None when there is none."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    spec_text = (requirement or "").strip()
    name = "pytest-asyncio"
    if spec_text.lower().replace("_", "-").startswith(name):
        spec_text = spec_text[len(name):].strip()
    spec_text = spec_text.strip("()[] ")
    if not spec_text:
        return None
    try:
        return SpecifierSet(spec_text)
    except InvalidSpecifier:
        return None


def lowest_satisfying(requirement: str | None, releases: Iterable[str] = RELEASES) -> str | None:
    """The oldest harness release that satisfies a requirement like ``pytest-asyncio>=0.24,<1``, or None."""
    spec = _specifier(requirement)
    if spec is None:
        return None
    matching = [v for v in releases if spec.contains(v, prereleases=True)]
    return min(matching, key=version_key) if matching else None


def satisfies(requirement: str | None, version: str) -> bool:
    """Whether ``version`` meets the requirement (no requirement: every release does)."""
    if not (requirement or "").strip():
        return True
    spec = _specifier(requirement)
    return spec is not None and spec.contains(version, prereleases=True)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _uv() -> str | None:
    if os.environ.get("LOOP_DOCTOR_NO_UV"):
        return None
    beside = Path(sys.executable).parent / "uv"
    if beside.exists():
        return str(beside)
    return shutil.which("uv")


def _run(cmd: list[str], timeout: int, log: Callable[[str], None], label: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"{label}: timed out after {timeout}s: {' '.join(cmd)}") from exc
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        raise RuntimeError(f"{label}: {' '.join(cmd[:3])} … exited {proc.returncode}\n{tail}")


def _build(version: str, path: Path, log: Callable[[str], None]) -> None:
    reqs = requirements(version)
    req_file = path.parent / f".{path.name}.requirements.txt"
    req_file.write_text("\n".join(reqs) + "\n")
    python = str(path / "bin" / "python")
    errors = []
    try:
        uv = _uv()
        if uv:
            try:
                _run([uv, "venv", "--quiet", "--python", base_python(), str(path)], VENV_TIMEOUT, log, version)
                _run([uv, "pip", "install", "--quiet", "--python", python, "-r", str(req_file)],
                     INSTALL_TIMEOUT, log, version)
                return
            except RuntimeError as exc:
                errors.append(str(exc))
                log(f"{version}: uv failed, falling back to pip")
                shutil.rmtree(path, ignore_errors=True)
        try:
            _run([base_python(), "-m", "venv", str(path)], VENV_TIMEOUT, log, version)
            _run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(req_file)],
                 INSTALL_TIMEOUT, log, version)
        except RuntimeError as exc:
            errors.append(str(exc))
            raise RuntimeError("\n".join(errors)) from None
    finally:
        req_file.unlink(missing_ok=True)


_CHECK = """
import json, sys
from importlib.metadata import version
names = sys.argv[1:]
print(json.dumps({n: version(n) for n in names}))
"""


def _check(version: str, path: Path) -> dict[str, str]:
    """Import-free check that the installed distributions are exactly the pinned ones."""
    wanted = {r.split("==")[0]: r.split("==")[1] for r in requirements(version)}
    proc = subprocess.run([str(path / "bin" / "python"), "-c", _CHECK, *wanted], capture_output=True, text=True,
                          timeout=CHECK_TIMEOUT)
    if proc.returncode != 0:
        raise RuntimeError(f"{version}: environment check failed:\n{proc.stderr[-2000:]}")
    found = json.loads(proc.stdout)
    wrong = {n: (v, found.get(n)) for n, v in wanted.items() if found.get(n) != v}
    if wrong:
        raise RuntimeError(f"{version}: installed versions differ from the pins: {wrong}")
    smoke = subprocess.run([str(path / "bin" / "python"), "-c", "import pytest_asyncio, pytest, asyncpg, redis, httpx, fastapi"],
                           capture_output=True, text=True, timeout=CHECK_TIMEOUT)
    if smoke.returncode != 0:
        raise RuntimeError(f"{version}: imports fail:\n{smoke.stderr[-2000:]}")
    return found


def ensure(version: str, log: Callable[[str], None] = print, rebuild: bool = False) -> Release:
    """The release's environment, built first when it is missing or incomplete."""
    path = release_dir(version)
    if not rebuild:
        found = find(version)
        if found:
            return found
    with _locked(path.parent / f".{path.name}.lock"):
        if not rebuild:
            found = find(version)
            if found:  # built by another process while we waited
                return found
        if path.exists():
            shutil.rmtree(path)
        log(f"{version}: building {path} (pytest {pytest_version_for(version)})")
        started = time.monotonic()
        try:
            _build(version, path, log)
            installed = _check(version, path)
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        marker = {
            "pytest_asyncio": version,
            "pytest": pytest_version_for(version),
            "python": base_python_version(),
            "base_python": base_python(),
            "requirements": requirements(version),
            "installed": installed,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        (path / MARKER).write_text(json.dumps(marker, indent=2) + "\n")
        log(f"{version}: ready in {time.monotonic() - started:.1f}s")
    return Release(version, pytest_version_for(version), path)


def ensure_all(versions: Iterable[str] = RELEASES, jobs: int = DEFAULT_JOBS,
               log: Callable[[str], None] = print, rebuild: bool = False) -> dict[str, Release]:
    """Build the missing environments, ``jobs`` at a time. Raises when any build fails (after all have run)."""
    versions = list(versions)
    lock = threading.Lock()

    def say(message: str) -> None:
        with lock:
            log(message)

    results: dict[str, Release] = {}
    failures: dict[str, BaseException] = {}
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {v: pool.submit(ensure, v, say, rebuild) for v in versions}
        for version, future in futures.items():
            try:
                results[version] = future.result()
            except Exception as exc:  # noqa: BLE001 - reported below
                failures[version] = exc
    if failures:
        details = "\n".join(f"--- {v}\n{e}" for v, e in failures.items())
        raise RuntimeError(f"could not build {len(failures)} release environment(s): "
                           f"{', '.join(failures)}\n{details}")
    return results


def prune(log: Callable[[str], None] = print) -> list[Path]:
    """Remove cached environments whose pins no longer match any current release."""
    root = cache_root()
    keep = {release_dir(v).name for v in RELEASES}
    removed = []
    if root.is_dir():
        for child in sorted(root.iterdir()):
            if child.is_dir() and child.name not in keep and (child / MARKER).exists():
                shutil.rmtree(child)
                removed.append(child)
                log(f"removed stale {child}")
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.harness.releases", description=__doc__.split("\n\n")[0])
    parser.add_argument("--release", action="append", metavar="V", help="only this release (repeatable)")
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help="builds at a time (default 2)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild even when cached")
    parser.add_argument("--list", action="store_true", help="show where each environment is and whether it is built")
    parser.add_argument("--prune", action="store_true", help="also remove environments of outdated pins")
    args = parser.parse_args(argv)
    versions = args.release or list(RELEASES)
    unknown = [v for v in versions if v not in RELEASES]
    if unknown:
        parser.error(f"unknown release(s) {', '.join(unknown)}; known: {', '.join(RELEASES)}")
    if args.list:
        for version in versions:
            state = "built" if find(version) else "missing"
            print(f"{version:8} pytest {pytest_version_for(version):6} {state:8} {release_dir(version)}")
        return 0
    started = time.monotonic()
    try:
        ensure_all(versions, jobs=args.jobs, rebuild=args.rebuild, log=lambda m: print(m, flush=True))
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.prune:
        prune()
    print(f"{len(versions)} pytest-asyncio release environment(s) ready in {cache_root()} "
          f"({time.monotonic() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
