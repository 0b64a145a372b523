"""Loop Doctor's diagnosis engine: pytest output in, a diagnosis (schema 1) out."""
from __future__ import annotations

__version__ = "0.1.0"

from .model import Result  # noqa: E402


def diagnose(paste, files=(), hints=None, *, guess: bool = True) -> Result:
    """Diagnose ``paste`` (pytest output) with optional ``files`` ((name, text) pairs or
    objects with .name/.text) and ``hints`` ({"pytest_asyncio_version": …, "python_version": …}).
    ``guess=False`` answers from evidence alone: no low-confidence guess from the paste's words."""
    from .engine import run

    return run(paste, files, hints or {}, guess=guess)
