"""One diagnosis: read -> parse -> model -> rules -> fixes -> timeline -> result."""
from __future__ import annotations

import ast
import re

from . import __version__, edits
from .config import guess_file_name, is_config_name, parse_config
from .context import Context
from .environment import read_environment
from .guess import from_wording
from .loops import build_model
from .model import Confidence, Pattern, Result, Verdict
from .pytest_output import parse
from .rules import rule_modules
from .sources import parse_sources
from .text import QUOTE_MARKERS_REMOVED, UnreadableInput, normalise
from .timeline import build_timeline

MAX_FILES = 50
# Code a bug report quotes in a fenced block: read for detection, never edited by a diff.
# Every fence is matched (so a ```bash block cannot pair its closing fence with the next block's opening one);
# only untagged and Python ones are read.
_FENCED = re.compile(r"^[ \t]{0,40}```[ \t]{0,40}([\w+-]{0,40})[^\n]{0,400}\n(.*?)^[ \t]{0,40}```[^\n]*$", re.S | re.M)
MAX_QUOTED_BLOCK = 100_000   # a report's snippet; a longer "block" is a log, not code to parse
_OPEN_FENCE = re.compile(r"^[ \t]{0,40}```[ \t]{0,40}([\w+-]{0,40})[^\n]{0,400}\n", re.M)
_PYTHON_FENCE = {"", "py", "python", "python3"}
_CODE_HINT = re.compile(r"^\s*(?:async\s+def|def|import|from\s+\S+\s+import|@pytest)", re.M)
_QUOTED_TEST = re.compile(r"^\s*(?:async\s+)?def test_", re.M)
CONFIDENCE_ORDER = {Confidence.HIGH: 0, Confidence.MEDIUM: 1, Confidence.LOW: 2}


def _file_pairs(files) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """(name, text) pairs from tuples, dicts or objects, unnamed texts named by content; and the line endings of
    each file that has other endings than ``\n`` (the engine reads ``\n`` only, its diffs put them back)."""
    pairs, endings = [], {}
    for item in list(files or ())[:MAX_FILES]:
        if isinstance(item, dict):
            name, text = item.get("name"), item.get("text")
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            name, text = item
        else:
            name, text = getattr(item, "name", None), getattr(item, "text", None)
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        if not isinstance(text, str) or not text.strip():
            continue
        ends = edits.line_endings(text) if "\r" in text else None
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        name = (str(name).strip().replace("\\", "/").lstrip("/") if name else "") or guess_file_name(text)
        while name.startswith("./"):
            name = name[2:]
        name = _unique(name, {n for n, _ in pairs})
        pairs.append((name, text))
        if ends:
            endings[name] = ends
    return pairs, endings


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name`` with a number before its extension when another file has it."""
    if name not in taken:
        return name
    stem, dot, ext = name.rpartition(".") if "." in name.rsplit("/", 1)[-1] else (name, "", "")
    number = 2
    while f"{stem}_{number}{dot}{ext}" in taken:
        number += 1
    return f"{stem}_{number}{dot}{ext}"


def _indented_blocks(original: str):
    """Markdown's other code blocks: runs of lines indented four spaces after a blank line (a report's
    prose, not pytest's tracebacks, whose source lines are interrupted by ">" and "E" lines)."""
    block: list[str] = []
    previous_blank = True
    for line in original[:200_000].splitlines():
        if (line.startswith("    ") or (block and not line.strip())) and (block or previous_blank):
            block.append(line[4:])
        else:
            if block:
                yield "\n".join(block).strip("\n") + "\n"
            block = []
        previous_blank = not line.strip()
    if block:
        yield "\n".join(block).strip("\n") + "\n"


# The words that introduce the writer's own proposal for code, right before its block ("I'd like to propose changing
# the fixture to look like this:"; not "As the FAQ suggested, we override the fixture like this:").
_PROPOSED = re.compile(r"\b(?:I|we)(?:'d| would)?(?: like to)? (?:propose|suggest|recommend)\b[^\n]{0,80}"
                       r"\b(?:look like|like this|as follows|instead)\b[^\n]{0,40}?[:.]?\s*$", re.I)


def _proposed_before(text: str, start: int) -> bool:
    """The block at ``start`` is code the report proposes ("change the fixture to look like this:"), not the suite's."""
    before = text[max(0, start - 200):start]
    words = before.lower()
    return ("propose" in words or "suggest" in words or "recommend" in words) and bool(_PROPOSED.search(before))


_QUOTE_MARK = re.compile(r"^> ?", re.M)


def quoted_code(original: str, with_indented: bool = False) -> list[tuple[str, str]]:
    """Python blocks quoted in a pasted bug report, as extra sources (named "<paste> block N")."""
    blocks = []
    if "```" in original:
        text, end = original[:2_000_000], 0
        for m in _FENCED.finditer(text):
            end = m.end()
            if m.group(1).lower() in _PYTHON_FENCE and not _proposed_before(text, m.start()):
                blocks.append(m.group(2))
        # A report cut inside its last block leaves the fence open: the rest of the text is that block.
        tail = _OPEN_FENCE.search(text, end)
        if tail and tail.group(1).lower() in _PYTHON_FENCE:
            blocks.append(text[tail.end():])
    if with_indented:
        blocks += list(_indented_blocks(original))
    found = []
    for number, code in enumerate(blocks, 1):
        if len(code) > MAX_QUOTED_BLOCK or not _CODE_HINT.search(code) or ("Traceback" in code and "def " not in code):
            continue
        code = _parseable_prefix(code)
        if code is None:
            continue
        # A block with tests is a test module (its fixtures too); fixtures alone read as a conftest.py.
        has_tests = _QUOTED_TEST.search(code) is not None
        name = "conftest.py" if not has_tests and ("@pytest.fixture" in code or "pytest_asyncio.fixture" in code) \
            else "test_quoted.py"
        found.append((f"<paste> block {number}/{name}", code))
    return found[:10]


def _parseable_prefix(code: str, max_cut: int = 12) -> str | None:
    """The block, or its longest head that parses when a report cut it off mid-statement ("async d\n...")."""
    lines = code.splitlines(keepends=True)
    for cut in range(0, min(max_cut, len(lines) - 1) + 1):
        head = "".join(lines[:len(lines) - cut])
        try:
            ast.parse(head)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        return head if _CODE_HINT.search(head) else None
    return None


def run(paste, files, hints: dict, guess: bool = True) -> Result:
    hints = {k: v for k, v in (hints or {}).items() if v}
    try:
        text = normalise(paste)
    except UnreadableInput as exc:
        return Result(verdict=Verdict.UNKNOWN, analyzer_version=__version__, reason=str(exc), unreadable=True)
    pairs, endings = _file_pairs(files)
    facts = parse(text)
    config = parse_config([p for p in pairs if is_config_name(p[0])])
    # Indented blocks count only in prose reports: in pytest output they are traceback source lines.
    # (a report quoted with "> " markers holds its fences and code behind them: read them as if unquoted)
    original = _QUOTE_MARK.sub("", text.original) if QUOTE_MARKERS_REMOVED in text.notes else text.original
    quoted = quoted_code(original, with_indented=not facts.sections and "```" not in original)
    sources = parse_sources([p for p in pairs if p[0].endswith(".py")] + quoted)
    env = read_environment(facts, config, hints)
    model = build_model(env, sources)
    ctx = Context(facts, config, sources, env, model, dict(pairs))

    findings, internal_errors = [], []
    for module in rule_modules():
        try:
            finding = module.detect(ctx)
        except Exception as exc:  # one rule's bug must not cost the user the other rules' answers
            internal_errors.append(f"{module.__name__}: {exc.__class__.__name__}: {exc}")
            continue
        if finding is not None:
            findings.append(finding)
    findings = rank(findings)
    if findings:
        # Most likely first, and only as likely: a weaker guess beside a stronger answer is noise.
        findings = [f for f in findings if f.confidence == findings[0].confidence]
        # "Not a loop problem" beside a loop finding that explains the same error is a contradiction.
        findings = [f for i, f in enumerate(findings) if i == 0 or f.pattern != Pattern.NOT_LOOP_RELATED]
    proposal_notes = []
    if findings and not pairs and _bot_update(ctx):
        findings = []   # the release notes a bot quotes are the package's history, not this suite's run
    if findings and not pairs and _proposes_without_failing(ctx):
        # A proposal that shows code only to say what it wants: what the code would risk is a note, not a failure.
        proposal_notes = [f"Also worth knowing: {f.summary}" for f in findings]
        findings = []
    verdict, reason = decide_verdict(ctx, findings)
    guessed = None
    if guess and verdict == Verdict.UNKNOWN:
        try:
            guessed = from_wording(ctx, reason)
        except Exception as exc:   # a guess is an extra: its failure must not cost the answer the rules gave
            internal_errors.append(f"guess: {exc.__class__.__name__}: {exc}")
    if guessed:
        verdict, findings, reason = guessed.verdict, guessed.findings, guessed.reason
        ctx.assumptions.extend(guessed.assumptions)
    if endings:
        for fix in (fix for f in findings for fix in f.fixes if fix.diff):
            fix.diff = edits.restore_line_endings(fix.diff, endings)
    assumptions = list(dict.fromkeys(env.assumptions + ctx.assumptions))
    notes = proposal_notes
    for module in rule_modules():
        if hasattr(module, "advise") and verdict == Verdict.NO_FAILURE:
            notes.extend(module.advise(ctx))
    result = Result(
        verdict=verdict, analyzer_version=__version__, environment=env.to_environment(),
        findings=findings, timeline=build_timeline(ctx, findings), assumptions=assumptions,
        reason=reason, notes=notes,
    )
    result.internal_errors = internal_errors
    return result


def rank(findings):
    """Most likely first: confidence, then a root cause before the symptoms it explains, then code order."""
    return sorted(findings, key=lambda f: (CONFIDENCE_ORDER[f.confidence], not f.root_cause, f.code))


def _cut_short(ctx: Context) -> bool:
    """The output ends inside a traceback: the last entry shows frames and no exception, and no summary follows."""
    sections = ctx.facts.sections
    return bool(sections) and ctx.facts.summary_line is None and bool(sections[-1].frames) \
        and not sections[-1].exceptions and not ctx.run_exceptions()


# A report that asks or proposes something, and one that tells of something failing.
_ASKS = re.compile(r"feature request|\b(?:is|would) (?:it|there) (?:any |a )?(?:way|be possible|possible)\b"
                   r"|\bany ideas? (?:on )?how\b"
                   r"|\bhow (?:can|do|should|would|might|could) (?:i|we|you|one|someone|somebody)\b|\bcan i\b"
                   # "Is there a test client for socketio …?", "I'm wondering if this fixture should be included"
                   # (not a pull request's checklist: "- [ ] Is there an example added …")
                   r"|(?<!\] )\bis there (?:an? |any )(?:\w+ ){0,2}(?:clients?|fixtures?|helpers?|examples?|options?"
                   r"|plugins?|api|settings?)\b|\bI(?:'m| am) wondering (?:if|whether)\b"
                   # "Does graphene plan to implement support for …?"
                   r"|\bplan(?:s|ning)? to (?:implement|add|support|provide)\b"
                   r"|\bwould (?:also )?be (?:nice|great|awesome|good|useful)\b|\bi suggest\b"
                   r"|\bsuggestion\b|\bplease add\b|\bis deprecated\b|\bquestion\b", re.I)
_TELLS_OF_FAILING = re.compile(r"\b(?:errors?|exceptions?|traceback|fail\w*|crash\w*|broken|break\w*|hang\w*|hung"
                               r"|raise[sd]?|warn\w*|wrong|closed|not work\w*|doesn't work|does not work"
                               r"|(?:don't|doesn't) seem to work|bug|problems?"
                               r"|stuck|can't(?! (?:seem to )?find\b)|cannot|unable|never|time[sd]? ?out|timeout|freez\w*"
                               r"|froze|flak\w*|red"
                               r"|leak\w*|deadlock\w*|intermittent\w*|sporadic\w*|stall\w*|slow\w*|too many|won't"
                               r"|doesn't|didn't|isn't|aren't|weird|strange|unexpected\w*|skip\w*|blow\w*|dies|died"
                               r"|complain\w*|\w*Warnings?|instead of)\b", re.I)


# A proposal said outright (a feature request, a "Solution" heading, what the writer wants to be able to do) and
# the words of a failure; "problem" alone is how such proposals begin, so it does not count here.
_PROPOSES = re.compile(r"^#+\s*(?:proposed |possible )?solutions?\b|\[feature\]|\bfeature request\b"
                       # GitHub's feature-request template
                       r"|^#+\s*(?:is your feature (?:request )?related to a problem|describe the solution you)"
                       r"|\bI see (?:two|three|some|a few|several) (?:possible )?solutions\b|\bthere should be (?:a|an)\b"
                       r"|\bI (?:would like|want|'d like) to be able to\b|\bwhich works fine\b"
                       r"|\bI (?:would|'d) love to (?:have|see|be able to)\b|^[^\w\n]*\[discussion\]"
                       r"|\bI think it would be (?:healthy|good|better|nice) to\b|\bit would be nice if\b|\bI volunteer to\b"
                       # a plan: "The goal of this issue is to remove the option …"
                       r"|\bthe goal of this (?:issue|ticket|PR|pull request|change) is to\b"
                       # "Ideally we should move to HTTPX"
                       r"|\bideally,? we (?:should|could|would)\b"
                       r"|\bI (?:can|could|will|'ll|would be happy to) (?:create|open|make|submit|send|start) an? "
                       r"(?:pull request|PR|MR)\b"
                       # a request for documentation ("Would you be able to provide some guide on testing with pytest?")
                       r"|\b(?:would|could|can) you (?:be able to )?(?:please )?(?:provide|add|write|share) (?:some |an? |more )?"
                       r"(?:guides?|examples?|docs|documentation)\b"
                       # a change to the plugin's own defaults ("Sets the default value of asyncio_default_fixture_loop_scope")
                       r"|\bsets? the default (?:value )?of `?asyncio_\w+"
                       # "We should add a section to the documentation on how to …"
                       r"|\bwe should (?:add|document|write)\b[^.\n]{0,40}\b(?:docs?|documentation|guides?|sections?)\b"
                       # a title that changes the documentation ("Use async fixture in testing docs")
                       r"|\A[^\w\n]*[^\n]{0,60}\b(?:in|to) (?:the )?(?:\w+ )?(?:docs|documentation|readme)[^\w\n]*$"
                       # a title that asks for documentation ("Add how-tos for requesting loops with different scopes")
                       r"|\A\W*(?:add|document|write|improve) (?:\w+ ){0,4}(?:how-?tos?|docs?|documentation|guides?|examples?)\b"
                       # a wish to have something documented ("Would be great to have this documented")
                       r"|\b(?:have|get|see) (?:this|it|that) documented\b"
                       # "Need add full examples and info about ASYNCIO", "one example should be provided in the docs"
                       r"|\bneed (?:to )?add (?:\w+ ){0,2}(?:examples?|docs|documentation|info)\b"
                       r"|\bshould be \w+ (?:in|to) (?:the )?(?:docs|documentations?|readme)\b"
                       # "Can this be done, or added in an upcoming release?"
                       r"|\badded in (?:an? |the )?(?:upcoming|future|next) (?:release|version)\b",
                       re.I | re.M)
_FAILURE_WORDS = re.compile(r"\b\w*(?:Error|Exception)\b|\btraceback\b|\bfail\w*|\bcrash\w*|\bbroke(?!rs?\b)\w*"
                            r"|\bnot work\w*"
                            r"|\bdoesn't work\b|\bhang(?:s|ing)?\b|\bhung\b|\bstuck\b|\bdeadlock\w*|\bclosed\b"
                            r"|\bnever (?:finish|complet|return|end)\w*|\btim(?:es|ed)? ?out\b|\btimeout\b|\bskipped\b"
                            r"|\bdifferent (?:event )?loop\b|\bScopeMismatch\b|\bnot natively supported\b"
                            r"|\bdestroyed but it is pending\b|\bnever awaited\b|\bunclosed\b|\berrors?\b|\bbreaks?\b"
                            r"|\bdon't work\b|\bno longer (?:run|work)\w*|\bfreez\w*|\bfroze\b|\bwrong\b|\bflak\w*"
                            r"|(?-i:\b[A-Z]\w*Warning\b)|\bleak\w*", re.I)


# A title that asks for a feature ("Ability to wait for background tasks to complete before moving to next test?"):
# a proposal where the report names no release either (a version beside it is how failure reports begin).
_FEATURE_TITLE = re.compile(r"\A[^\w\n]*(?:ability|option|support|a way|allow|provide|feature) (?:to|for)\b[^\n]{0,160}"
                            r"\?[ \t]*$", re.I | re.M)
_VERSION = re.compile(r"(?<![\w.])v?\d+\.\d+(?:\.\d+)?\b")
# Words of a failure a feature-request form's use case may not hold (its "doesn't work with X yet" is the request).
_FORM_FAILURE = re.compile(r"\b\w*(?:Error|Exception)\b|\btraceback\b|\bfail\w*|\bcrash\w*|\bbroke(?!rs?\b)\w*"
                           r"|\bhang\w*|\bhung\b"
                           r"|\bclosed\b|\bafter upgrad\w*|\bno longer (?:run|work)\w*", re.I)
# Code a report proposes (a fixture, an exception handler): its words are no failure; a log it quotes is kept.
_CODE_LIKE = re.compile(r"^\s*(?:async\s+def|def|class|import|from\s+\S+\s+import)\s|^\s*@\w", re.M)
# A tracker's feature-request form ("### Feature description" … "### Use case"), and an error a report shows.
_FEATURE_FORM = re.compile(r"^#+\s*(?:feature description\s*$|is your feature request related to a problem)", re.I | re.M)
_ERROR_SHOWN = re.compile(r"\b\w*(?:Error|Exception)\b|\bTraceback\b|\bScopeMismatch\b|\bnot natively supported\b")


def _no_run(ctx: Context) -> bool:
    f = ctx.facts
    return not (f.exceptions or f.sections or f.summary_line or f.warnings or f.outcomes)


def tells_of_failing(ctx: Context) -> bool:
    """Whether the paste's words tell of something failing, hanging or going wrong."""
    return bool(_TELLS_OF_FAILING.search(ctx.facts.text.original[:200_000]))


def _asks_without_failing(ctx: Context) -> bool:
    """Prose that asks a question or proposes a change, and tells of nothing failing."""
    prose = ctx.facts.text.original[:200_000]
    return _no_run(ctx) and bool(_ASKS.search(prose)) and not _TELLS_OF_FAILING.search(prose)


def _proposes_without_failing(ctx: Context) -> bool:
    """A proposal said outright, with no run and no word of a failure outside the code it shows (an exception handler
    it proposes is no failure); a feature-request form, with no error shown (its use case says what does not work
    yet: that is the request, not a failure; so does a title tagged as a feature request)."""
    from .rules._story import FEATURE_TITLE_TAG

    prose = ctx.facts.text.original[:200_000]
    if not _no_run(ctx):
        return False
    words = _FENCED.sub(lambda m: "" if _CODE_LIKE.search(m.group(2)) else m.group(0), prose)
    if _FEATURE_FORM.search(prose) or FEATURE_TITLE_TAG.match(prose):
        return not _FORM_FAILURE.search(words)
    if _FAILURE_WORDS.search(words):
        return False
    return bool(_PROPOSES.search(prose)) or bool(_FEATURE_TITLE.search(prose)) and not _VERSION.search(prose)


# A dependency bot's update ("Bump pytest-asyncio from 0.26.0 to 1.0.0", "Update pytest-asyncio requirement from
# <=0.26.0 to <=1.2.0") with its quoted release notes, changelog or commit list: what it quotes are the package's
# fixes and messages, not a run of this suite.
# (renovate's "chore(deps): update dependency pytest-asyncio to v1" names no version it came from)
_BOT_TITLE = re.compile(r"\A[^\w\n]*(?:(?:build|chore|deps|ci)(?:\([\w-]+\))?:\s*)?(?:bump|update)s?(?: dependency)? "
                        r"`?[\w.\[\]-]+`?(?: requirement)? (?:from \S+ )?to \S+", re.I)
_BOT_QUOTES = re.compile(r"<summary>(?:Release notes|Changelog|Commits)</summary>")
# The commit it became, signed by the bot alone and ending with its sign-off ("Co-authored-by: renovate[bot] <…>"): a
# person or another agent signing beside it, or commits squashed in after it ("* remove event_loop usage"), made
# changes of their own, which may be a fix.
_TRAILER = re.compile(r"^(?:Signed-off-by|Co-authored-by): (.*)$", re.M | re.I)
_UPDATE_BOT = re.compile(r"(?:dependabot|renovate)\[bot\]", re.I)


def _bot_update(ctx: Context) -> bool:
    """A dependency bot's update, with its quoted notes or the bot's sign-off alone, and no run of the suite."""
    found = getattr(ctx, "_bot_update", None)
    if found is None:   # (asked when the rules' findings are dropped for it, and again for the verdict)
        text = ctx.facts.text.original[:200_000]
        signed = list(_TRAILER.finditer(text)) if _no_run(ctx) and _BOT_TITLE.match(text) else None
        ctx._bot_update = found = signed is not None and (
            bool(_BOT_QUOTES.search(text)) or bool(signed) and not text[signed[-1].end():].strip()
            and all(_UPDATE_BOT.match(s.group(1)) for s in signed))
    return found


def decide_verdict(ctx: Context, findings) -> tuple[Verdict, str | None]:
    from .rules import lookup
    from .rules._story import HANG, cut_after_start, said_hung

    if findings:
        return lookup(findings[0].code).verdict, None
    if _cut_short(ctx):
        return Verdict.UNKNOWN, ("The paste stops before the error: its last traceback shows frames but no "
                                 "exception line (in pytest's output, the \"E   …\" lines). Paste the rest of the output, "
                                 "down to pytest's closing summary line.")
    if not ctx.facts.is_pytest_output:
        if _bot_update(ctx):
            return Verdict.NO_FAILURE, ("This is a dependency update a bot opened (any notes it quotes are the "
                                        "package's own): no run of this suite and no error of its own. To have a "
                                        "failure the update caused diagnosed, paste pytest's output.")
        if _asks_without_failing(ctx) or _proposes_without_failing(ctx):
            return Verdict.NO_FAILURE, ("This reads as a question or a request, with no failure in it: no run, "
                                        "no error and no traceback. To have a failure diagnosed, paste pytest's "
                                        "output.")
        return Verdict.UNKNOWN, ("This does not look like pytest output: no test session header, "
                                 "no test results and no traceback were found.")
    if ctx.failed():
        return Verdict.UNKNOWN, ("The run failed, but not in a way Loop Doctor recognises as an "
                                 "event-loop or pytest-asyncio problem.")
    if (ctx.facts.summary_line is None and ctx.facts.lines_matching(HANG)) or (said_hung(ctx) and not ctx.passed()):
        return Verdict.UNKNOWN, ("The run did not finish (the report says it hangs), so its output holds no error "
                                 "to read: interrupt it with Ctrl-C, or run it with a timeout, and paste the "
                                 "traceback pytest prints then.")
    if cut_after_start(ctx):
        return Verdict.UNKNOWN, ("The output stops before any failure: the report says its tests fail, but what is "
                                 "shown ends after the tests were collected (or after tests that passed). Paste the "
                                 "rest of the output, down to pytest's closing summary line.")
    if ctx.passed() or (ctx.facts.warnings and not ctx.run_exceptions()):
        return Verdict.NO_FAILURE, None  # a passing run, or warnings alone: nothing failed
    return Verdict.UNKNOWN, ("No test results were found (no summary line, no failures): paste the whole "
                             "output of the run, from the header to the closing summary line.")
