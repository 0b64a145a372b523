"""How long a diagnosis takes, relative to one compiled-regex pass over the same text.

Prints, for a typical paste and for 1 MB and 10 MB CI logs built around it, the time of
``analyzer.diagnose`` divided by the time of a single ``re.finditer`` scan for the
telltale messages: a machine-independent ratio, all measured in this one run.
"""
from __future__ import annotations

import pathlib
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from analyzer import diagnose  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
BASELINE = re.compile(r"attached to a different loop|Event loop is closed|ScopeMismatch|is bound to a different event loop")
NOISE = ("2024-05-01T10:00:{s:02d}.1234567Z [gw{w}] [ {p:2d}%] PASSED tests/unit/test_module_{n}.py::test_case_{n}[param-{n}]\n")


def ci_log(paste: str, size: int) -> str:
    """A CI log of about ``size`` bytes: timestamped xdist noise with the failing output at the end."""
    lines, total, n = [], 0, 0
    while total < size - len(paste):
        line = NOISE.format(s=n % 60, w=n % 4, p=n % 100, n=n)
        lines.append(line)
        total += len(line)
        n += 1
    return "".join(lines) + paste


# Shapes whose cost grows with how often they repeat, not just with the size: a look-up per failure or per
# quoted line that rescans the text turns them quadratic. Each is repeated to about 1 MB.
RUNNER_ENTRY = """____ test_isfile ____
/site-packages/pytest_asyncio/plugin.py:879: in inner
    _loop.run_until_complete(task)
/usr/lib/python3.8/asyncio/base_events.py:592: in run_until_complete
    self._check_running()
E           RuntimeError: This event loop is already running

/usr/lib/python3.8/asyncio/base_events.py:552: RuntimeError
"""
QUOTED_REMEDY = "This fixed it:\n```\n[pytest]\nasyncio_mode = auto\n```\nFAILED t.py::test_a - Failed: async def " \
                "functions are not natively supported.\n"


def repeated(unit: str, size: int = 1_000_000) -> str:
    return unit * (size // len(unit))


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    paste = (HERE / "typical_paste.txt").read_text()
    cases = [("typical paste", paste, 20), ("1 MB CI log", ci_log(paste, 1_000_000), 5),
             ("10 MB CI log", ci_log(paste, 10_000_000), 2),
             ("1 MB of failures", repeated(paste), 3), ("1 MB of runners", repeated(RUNNER_ENTRY), 3),
             ("1 MB of quotes", repeated(QUOTED_REMEDY), 3)]
    print(f"{'input':16} {'size':>10} {'diagnose':>11} {'regex pass':>11} {'ratio':>8}")
    for label, text, repeat in cases:
        analysis = best_of(lambda: diagnose(text), repeat)
        scan = best_of(lambda: sum(1 for _ in BASELINE.finditer(text)), max(repeat, 5))
        print(f"{label:16} {len(text):>10,} {analysis * 1000:>9.1f}ms {scan * 1000:>9.2f}ms {analysis / scan:>7.1f}x")
    print("ratio = diagnose time / one compiled-regex pass over the same text (lower is better)")


if __name__ == "__main__":
    main()
