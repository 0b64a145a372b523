"""The registry of failure patterns: one module per pattern, found by name.

Each module defines ``INFO`` (a :class:`RuleInfo`) and ``detect(ctx)`` returning
a :class:`~analyzer.model.Finding` or ``None`` ("not mine").
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType

from .base import KnowledgeBase, Reference, RuleInfo

__all__ = ["KnowledgeBase", "Reference", "RuleInfo", "all_rules", "lookup", "rule_modules"]


@lru_cache(maxsize=1)
def rule_modules() -> tuple[ModuleType, ...]:
    """Every rule module, ordered by code."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "INFO") and hasattr(module, "detect"):
            found.append(module)
    return tuple(sorted(found, key=lambda m: m.INFO.code))


def all_rules() -> list[RuleInfo]:
    return [m.INFO for m in rule_modules()]


def lookup(key: str) -> RuleInfo | None:
    """The rule a code (``LD001``), name or former name refers to, case-insensitively."""
    wanted = key.strip().lower()
    for info in all_rules():
        if wanted in (info.code.lower(), info.name, *info.aliases):
            return info
    return None
