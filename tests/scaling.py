"""A check that work grows about linearly with its input, whatever the machine's load.

Absolute time limits fail on a busy machine and pass a slow pattern on a fast one; the ratio of two sizes does
neither: linear work grows about as the input does, a pattern that backtracks over the text at every position
grows with its square.
"""
from __future__ import annotations

import time
from typing import Callable

FACTOR = 4
# Linear work grows FACTOR-fold, quadratic FACTOR²-fold (16); the margin absorbs noise and start-up costs.
MARGIN = 2.5
FAST = 1.0   # seconds: a larger input done this quickly is fast whatever its ratio


def elapsed(run: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    run(text)
    return time.perf_counter() - start


def assert_about_linear(run: Callable[[str], object], make: Callable[[int], str], n: int) -> None:
    """``run`` on ``make(n)`` and on ``make(FACTOR * n)``: the second may take about FACTOR times as long, not more."""
    small = min(elapsed(run, make(n)) for _ in range(2))
    large = elapsed(run, make(FACTOR * n))
    assert large < FAST or large < small * FACTOR * MARGIN, \
        f"{small:.3f} s for size {n}, {large:.3f} s for size {FACTOR * n}: more than linear"
