"""The CLI's text report: what happened, why, where, and the diff to apply."""
from __future__ import annotations

import textwrap

from .model import Result, StepKind

BOLD, DIM, RED, GREEN, YELLOW, CYAN, RESET = "\033[1m", "\033[2m", "\033[31m", "\033[32m", "\033[33m", "\033[36m", "\033[0m"

VERDICT_WORDS = {
    "loop-mismatch": "Event-loop mismatch",
    "asyncio-misconfiguration": "pytest-asyncio misconfiguration",
    "not-loop-related": "Not an event-loop problem",
    "no-failure": "No failure",
    "unknown": "Not recognised",
}


# The headline when every finding is a low-confidence one (a default reading, or a guess from the words).
LIKELY_WORDS = {
    "loop-mismatch": "Probably an event-loop mismatch",
    "asyncio-misconfiguration": "Probably a pytest-asyncio misconfiguration",
    "not-loop-related": "Probably not an event-loop problem",
}


def headline(verdict: str, top_confidence: str | None) -> str:
    """The verdict in words, hedged when the likeliest finding is only of low confidence."""
    if top_confidence == "low" and verdict in LIKELY_WORDS:
        return LIKELY_WORDS[verdict]
    return VERDICT_WORDS[verdict]


class _Out:
    def __init__(self, color: bool):
        self.color, self.parts = color, []

    def __call__(self, text: str = "", style: str = ""):
        self.parts.append(f"{style}{text}{RESET}" if self.color and style else text)
        self.parts.append("\n")

    def wrap(self, text: str, indent: str = "  "):
        for paragraph in text.split("\n\n"):
            self(textwrap.fill(paragraph, 88, initial_indent=indent, subsequent_indent=indent))


def render_text(result: Result, color: bool = False) -> str:
    out = _Out(color)
    top = result.findings[0].confidence.value if result.findings else None
    out(f"Loop Doctor {result.analyzer_version}: {headline(result.verdict.value, top)}", BOLD)
    if result.reason:
        out.wrap(result.reason)
    _environment(out, result)
    for number, finding in enumerate(result.findings, 1):
        _finding(out, number, finding)
    _timeline(out, result)
    if result.assumptions:
        out()
        out("Assumed", BOLD)
        for item in result.assumptions:
            out.wrap(f"- {item}")
    return "".join(out.parts)


def _environment(out: _Out, result: Result):
    env = result.environment
    rows = [("pytest-asyncio", env.pytest_asyncio_version or env.pytest_asyncio_range), ("pytest", env.pytest_version),
            ("Python", env.python_version), ("asyncio mode", env.asyncio_mode),
            ("fixture loop scope", env.default_fixture_loop_scope), ("test loop scope", env.default_test_loop_scope),
            ("config file", env.config_file)]
    shown = [(k, v) for k, v in rows if v]
    if shown:
        out()
        out("Detected", BOLD)
        for key, value in shown:
            out(f"  {key + ':':20} {value}")


def _finding(out: _Out, number: int, finding):
    out()
    out(f"{number}. [{finding.code}] {finding.title}  ({finding.confidence.value} confidence)", BOLD)
    out.wrap(finding.summary)
    if finding.evidence:
        out("  Evidence:", DIM)
        for ev in finding.evidence:
            out(f"    {ev.file}:{ev.line}: {ev.text[:160]}", YELLOW)
    if finding.affected_tests:
        shown = finding.affected_tests[:10]
        more = len(finding.affected_tests) - len(shown)
        out("  Affected: " + ", ".join(shown) + (f" and {more} more" if more > 0 else ""), DIM)
    for fix in finding.fixes:
        label = "Recommended fix" if fix.recommended else "Alternative"
        out()
        out(f"  {label}: {fix.title}" + (f"  [{fix.requires}]" if fix.requires else ""), GREEN if fix.recommended else CYAN)
        out.wrap(fix.explanation, "    ")
        out.wrap("Trade-off: " + fix.tradeoff, "    ")
        if fix.diff and fix.recommended:
            for line in fix.diff.splitlines():
                style = GREEN if line.startswith("+") and not line.startswith("+++") else \
                    RED if line.startswith("-") and not line.startswith("---") else ""
                out("    " + line, style)
    out()
    out(f"  More: /kb/{finding.code}", DIM)


def _timeline(out: _Out, result: Result):
    timeline = result.timeline
    if not timeline.steps:
        return
    out()
    out("Timeline (~ = inferred)", BOLD)
    labels = {loop.id: loop.label for loop in timeline.loops}
    for step in timeline.steps:
        if step.kind in (StepKind.LOOP_CREATED,):
            continue
        mark = "~" if step.inferred else " "
        what = {"fixture-setup": "set up", "test-call": "run", "fixture-teardown": "tear down",
                "loop-closed": "closed"}.get(step.kind.value, step.kind.value)
        outcome = f" -> {step.outcome}" if step.outcome else ""
        out(f" {mark}{step.order:3}  {what:10} {step.name[:60]:60} on {labels.get(step.loop, step.loop)}{outcome}")
    for crossing in timeline.crossings:
        out(f"  ! {crossing.object} was made on {labels.get(crossing.created_on, crossing.created_on)} "
            f"and awaited on {labels.get(crossing.used_on, crossing.used_on)}" + (f" in {crossing.at}" if crossing.at else ""), RED)
