"""The one path from what a person pasted to a diagnosis, stored or not."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import analyzer
from analyzer.model import Result, Verdict
from analyzer.redact import merge, redact

VERSION = re.compile(r"^[0-9]+(\.[0-9]+){0,3}([a-zA-Z0-9.+-]{0,20})$")
FALLBACK_NAME = "pasted.txt"


class BadInput(ValueError):
    """The input cannot be diagnosed; the message says why in plain words."""


@dataclass
class Input:
    paste: str
    files: list[dict] = field(default_factory=list)   # [{"name": str, "text": str}]
    hints: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Input":
        return cls(data.get("paste", ""), list(data.get("files") or []), dict(data.get("hints") or {}))


def guess_name(text: str) -> str:
    """The file name a text's content suggests (the engine's guess), else a neutral one."""
    try:
        from analyzer.config import guess_file_name

        return guess_file_name(text) or FALLBACK_NAME
    except Exception:  # the guess is a convenience: never let it fail a diagnosis
        return FALLBACK_NAME


def build_input(paste, files, version, max_files: int) -> Input:
    """A checked Input from raw form or JSON values; raises BadInput."""
    if not isinstance(paste, str):
        raise BadInput("The pytest output must be text.")
    if not paste.strip():
        raise BadInput("Paste the pytest output first: the box is empty.")
    named = []
    for name, text in files:
        if not isinstance(name, (str, type(None))) or not isinstance(text, str):
            raise BadInput("Each file needs a text, and its name must be text.")
        if not text.strip():
            continue
        name = (name or "").strip()[:200] or guess_name(text)
        named.append({"name": name, "text": text})
    if len(named) > max_files:
        raise BadInput(f"At most {max_files} files can be diagnosed together.")
    hints = {}
    if version is not None and not isinstance(version, str):
        raise BadInput("The pytest-asyncio version must be text, like 0.24.0.")
    version = (version or "").strip()
    if version:
        if not VERSION.match(version):
            raise BadInput("The pytest-asyncio version should look like 0.24.0 or 1.0.0.")
        hints["pytest_asyncio_version"] = version
    return Input(paste, named, hints)


def diagnose(inp: Input) -> tuple[dict, str | None]:
    """The result (contract JSON) and, when the input could not be read at all, why."""
    files = [(f["name"], f["text"]) for f in inp.files]
    try:
        result = analyzer.diagnose(inp.paste, files=files, hints=dict(inp.hints))
    except _unreadable() as exc:
        result = Result(verdict=Verdict.UNKNOWN, analyzer_version=analyzer.__version__, reason=str(exc),
                        unreadable=True)
    reason = (result.reason or "This input could not be read as text.") if result.unreadable else None
    return result.to_dict(), reason


def redacted(inp: Input) -> tuple[Input, list[dict]]:
    """The input with secrets masked, and what was masked (kind, count, reason)."""
    paste, found = redact(inp.paste)
    groups = [found]
    files = []
    for item in inp.files:
        text, more = redact(item["text"])
        name, in_name = redact(item["name"])
        groups += [more, in_name]
        files.append({"name": name, "text": text})
    return Input(paste, files, dict(inp.hints)), [asdict(r) for r in merge(*groups)]


def _unreadable():
    try:
        from analyzer.text import UnreadableInput

        return UnreadableInput
    except ImportError:  # pragma: no cover - the engine always defines it
        return ()


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version or "")[:4])


def is_outdated(made_with: str) -> bool:
    """True when the running analyzer is newer than the one that made a stored diagnosis."""
    return version_tuple(analyzer.__version__) > version_tuple(made_with)
