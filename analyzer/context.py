"""Everything a rule may read: parsed paste, config, sources, environment and loop model."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .config import Config
from .environment import EnvModel
from .loops import LoopModel
from .model import PASTE, Evidence
from .pytest_output import Exception_, PasteFacts
from .sources import Sources, source_lines

MAX_EVIDENCE = 8


@dataclass
class Context:
    facts: PasteFacts
    config: Config
    sources: Sources
    env: EnvModel
    model: LoopModel
    files: dict[str, str]                       # name -> text, as given
    assumptions: list[str] = field(default_factory=list)

    # ---- the paste ---------------------------------------------------------------------
    def has(self, *needles: str) -> bool:
        return any(self.facts.find(n) for n in needles)

    def exceptions(self, pattern: str | re.Pattern) -> list[Exception_]:
        """Exceptions of the run matching ``pattern`` (not ones quoted inside a warning, such as an
        unraisable-exception warning's traceback, nor ones printed after a passing summary)."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        return [e for e in self.run_exceptions() if regex.search(f"{e.type}: {e.message}")]

    def run_exceptions(self) -> list[Exception_]:
        if not hasattr(self, "_run_exceptions"):
            in_warnings = {n for w in self.facts.warnings for n in (getattr(w, "lines", None) or [w.line])}
            # A traceback an unraisable-exception warning carries ends a line or two before pytest's
            # "warnings.warn(pytest.PytestUnraisableExceptionWarning(msg))" line.
            for hit in self.facts.find("PytestUnraisableExceptionWarning(msg)"):
                in_warnings.update(range(hit.line - 3, hit.line))
            s = self.facts.summary
            passed_run = self.facts.summary_line is not None and s.get("passed") and not (
                s.get("failed") or s.get("error") or s.get("errors"))
            after = self.facts.summary_line.line if passed_run else None
            self._run_exceptions = [e for e in self.facts.exceptions if e.line not in in_warnings
                                    and not (after is not None and e.line > after)]
        return self._run_exceptions

    def paste_evidence(self, *needles: str, limit: int = MAX_EVIDENCE) -> list[Evidence]:
        """Evidence lines of the paste containing any needle, in paste order, deduplicated."""
        found: dict[int, Evidence] = {}
        for needle in needles:
            for hit in self.facts.find(needle):
                found.setdefault(hit.line, Evidence(PASTE, hit.line, self.original_line(hit.line)))
        return [found[k] for k in sorted(found)][:limit]

    def exception_evidence(self, exceptions: list[Exception_], limit: int = MAX_EVIDENCE) -> list[Evidence]:
        seen, out = set(), []
        for exc in exceptions:
            if exc.line not in seen:
                seen.add(exc.line)
                out.append(Evidence(PASTE, exc.line, self.original_line(exc.line)))
        return out[:limit]

    def original_line(self, number: int) -> str:
        lines = self._original_lines()
        return lines[number - 1].strip() if 0 < number <= len(lines) else ""

    def _original_lines(self) -> list[str]:
        if not hasattr(self, "_orig"):
            self._orig = self.facts.text.original.splitlines()
        return self._orig

    def file_evidence(self, name: str, line: int) -> Evidence | None:
        text = self.files.get(name)
        if text is None:
            return None
        # (Python lines as ast numbers them; a config file's as config.py does)
        lines = source_lines(text) if name.endswith(".py") else text.splitlines()
        if 0 < line <= len(lines):
            return Evidence(name, line, lines[line - 1].strip())
        return None

    def source_evidence(self, name: str, line: int) -> Evidence | None:
        """A line of Python code as evidence: in the file the user gave, or in the block the paste quotes."""
        found = self.file_evidence(name, line)
        if found is None:
            quoted = next((p for p in self.sources.files if p.name == name), None)
            lines = source_lines(quoted.text) if quoted else []
            if 0 < line <= len(lines) and lines[line - 1].strip():
                found = next(iter(self.paste_evidence(lines[line - 1].strip(), limit=1)), None)
        return found

    def setting_evidence(self, key: str) -> Evidence | None:
        setting = self.config.get(key)
        return self.file_evidence(setting.file, setting.line) if setting else None

    # ---- tests --------------------------------------------------------------------------
    def affected_tests(self) -> list[str]:
        """Node ids of failed or errored tests, as printed, in paste order."""
        seen: dict[str, None] = {}
        for outcome in self.facts.outcomes:
            if outcome.outcome in ("failed", "error"):
                seen.setdefault(outcome.nodeid)
        if not seen:
            for section in self.facts.sections:
                if section.test and section.kind in ("failure", "error"):
                    seen.setdefault(section.test)
        return list(seen)

    def failed_or_unrun(self) -> bool:
        """The run failed, or left async tests to no plugin: pytest before 8.4 skips them with a warning, so such a
        run still 'passes'."""
        return self.failed() or bool(self.facts.summary.get("skipped")) and self.has(
            "async def functions are not natively supported", "async def function and no async plugin installed")

    def shows_no_results(self) -> bool:
        """No result of a run shown: no summary, outcome or progress line, and no exception a run raised."""
        f = self.facts
        return not (f.summary_line or f.outcomes or f.progress or self.run_exceptions())

    def failed(self) -> bool:
        s = self.facts.summary
        return bool(s.get("failed") or s.get("error") or s.get("errors")) or bool(self.affected_tests()) \
            or bool(self.facts.usage_errors) or (bool(self.run_exceptions()) and not s.get("passed")) \
            or (bool(self.facts.sections) and not s.get("passed")) \
            or (self.facts.summary_line is None and any(c in self._progress_marks() for c in "FE"))

    def _progress_marks(self) -> str:
        """The outcome letters of the progress lines ("tests/test_a.py .F.  [ 40%]" -> ".F.")."""
        return "".join(v.value.split("[")[0].split(" ", 1)[-1] for v in self.facts.progress)

    def passed(self) -> bool:
        """The paste shows a run that passed: a closing summary, or results, with no failure."""
        s = self.facts.summary
        if self.failed():
            return False
        if self.facts.summary_line is not None:
            return bool(s.get("passed") or s.get("skipped") or s.get("xfailed"))
        if self.facts.outcomes:
            return all(o.outcome in ("passed", "skipped", "xfailed", "xpassed") for o in self.facts.outcomes)
        # Progress lines only ("tests/test_a.py ....  [ 40%]"): passed so far when no test failed.
        return bool(self.facts.progress) and not self.run_exceptions() and not any(c in self._progress_marks() for c in "FE")

    @property
    def version(self):
        return self.env.version

    @property
    def versions(self):
        return self.env.versions
