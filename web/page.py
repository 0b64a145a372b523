"""What the diagnosis page shows, gathered from a stored diagnosis: rows, anchors, the picture."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyzer.model import PASTE

from . import render
from .timeline import Picture, layout

SOURCE = re.compile(r"^(.+?):(\d+)$")
ENVIRONMENT_FIELDS = (
    ("pytest_asyncio_version", "pytest-asyncio"),
    ("pytest_version", "pytest"),
    ("python_version", "Python"),
    ("platform", "Platform"),
    ("asyncio_mode", "asyncio_mode"),
    ("default_fixture_loop_scope", "asyncio_default_fixture_loop_scope"),
    ("default_test_loop_scope", "asyncio_default_test_loop_scope"),
    ("config_file", "Config file"),
)


@dataclass
class Source:
    """The paste or one file, highlighted, with the anchor prefix its evidence links use."""

    title: str
    anchor: str
    rows: list[render.Row]
    is_paste: bool = False


@dataclass
class DiagnosisPage:
    sources: list[Source]
    evidence: list[list[dict]]          # per finding: [{"href": "#paste-L3" | None, "file", "line", "text"}]
    picture: Picture | None
    environment: list[dict]
    title: str
    top_tests: list[str] = field(default_factory=list)
    loop_labels: dict[str, str] = field(default_factory=dict)


def diagnosis_page(stored, max_lines: int) -> DiagnosisPage:
    result, inp = stored.result, stored.input
    findings = result.get("findings") or []
    files = inp.get("files") or []
    anchors = {PASTE: "paste"}
    for index, item in enumerate(files, start=1):
        anchors.setdefault(item["name"], f"file-{index}")

    marked: dict[str, set[int]] = {}      # anchor -> evidence lines
    evidence = []
    for finding in findings:
        links = []
        for item in finding.get("evidence") or []:
            name = item.get("file") or PASTE
            anchor = anchors.get(name) or _by_basename(anchors, name)
            line = item.get("line")
            href = None
            if anchor and isinstance(line, int):
                href = f"#{anchor}-L{line}"
                marked.setdefault(anchor, set()).add(line)
            links.append({"href": href, "file": "pytest output" if name == PASTE else name,
                          "line": line, "text": item.get("text", "")})
        evidence.append(links)

    sources = [Source("pytest output", "paste",
                      render.code_rows(inp.get("paste", ""), render.lexer_for(None), marked.get("paste", set()),
                                       max_lines), True)]
    for index, item in enumerate(files, start=1):
        anchor = f"file-{index}"
        sources.append(Source(item["name"], anchor,
                              render.code_rows(item["text"], render.lexer_for(item["name"]),
                                               marked.get(anchor, set()), max_lines)))

    env = result.get("environment") or {}
    sources_of = env.get("sources") or {}
    environment = [{"field": key, "label": label, "value": env.get(key), **_source(sources_of.get(key), anchors)}
                   for key, label in ENVIRONMENT_FIELDS]
    if environment[0]["value"] is None and env.get("pytest_asyncio_range"):
        # The exact release is unknown; say what the evidence allows.
        environment[0]["value"] = f"{env['pytest_asyncio_range']} (not exact)"
    known = {key for key, _ in ENVIRONMENT_FIELDS}
    environment += [{"field": key, "label": key, "value": None, **_source(value, anchors)}
                    for key, value in sources_of.items() if key not in known]

    tests = findings[0].get("affected_tests", []) if findings else []
    title = tests[0] if tests else (findings[0].get("title", "") if findings else "")
    timeline = result.get("timeline") or {}
    labels = {str(loop.get("id")): str(loop.get("label") or loop.get("id")) for loop in timeline.get("loops") or []}
    return DiagnosisPage(sources, evidence, layout(timeline), environment, title, tests, labels)


def _source(where: str | None, anchors: dict[str, str]) -> dict:
    """Where a setting was read, in words, with a link when it names a line of the input (``pytest.ini:4``)."""
    if not where:
        return {"source": None, "source_href": None}
    match = SOURCE.match(str(where))
    if match:
        name, line = match.group(1), int(match.group(2))
        name = PASTE if name in ("paste", PASTE) else name
        anchor = anchors.get(name) or _by_basename(anchors, name)
        if anchor:
            shown = "pytest output" if name == PASTE else name
            return {"source": f"{shown}:{line}", "source_href": f"#{anchor}-L{line}"}
    return {"source": str(where), "source_href": None}


def _by_basename(anchors: dict[str, str], name: str) -> str | None:
    """A file given as ``tests/conftest.py`` that the evidence calls ``conftest.py``, or the reverse."""
    tail = name.rsplit("/", 1)[-1]
    matches = [a for n, a in anchors.items() if n != PASTE and n.rsplit("/", 1)[-1] == tail]
    return matches[0] if len(matches) == 1 else None
