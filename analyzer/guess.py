"""A low-confidence answer from a report's words, for a report no rule could read an answer from.

The rules answer from evidence: an error line, a warning, a header, the code. A report without any (prose, a run
cut off before its error) gets the pattern its words suggest, when the wording model is sure enough, said as
a guess: low confidence, the words that weighed most as evidence, and no diff, only the pattern's usual fix
and what would confirm it. A run that failed, shows no sign of the loop and whose words the model is not sure of
gets "probably not a loop problem", the likeliest answer for such runs, as a guess too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .context import Context
from .model import PASTE, Confidence, Evidence, Finding, Fix, FixKind, Pattern, Verdict
from .wording import Guess, Model, shipped

# Cross-validated by report set (the model trained without the set it guesses on), guesses at or above this
# probability were right about as often as the rules' own first answers on unseen reports (a little over half);
# at 0.5 fewer than half were, and twice as many called a report that is no loop problem a loop problem.
THRESHOLD = 0.7
# "Not a loop problem" is the model's catch-all label (the negatives' words are as varied as their errors), so it
# is seldom sure of it: replayed on the reports the rules left unknown when their sets first arrived (235 of
# real97-144, each model trained only on the sets before), the guesses of it from 0.4 up were right about half
# the time, and they give no loop advice when wrong. Lowering it from 0.7 to 0.4 made 19 more of those reports
# right (53 to 72) and none more a loop verdict on a negative. Replayed again over real97-333 (each set of six
# guessed by a model trained on the sets before it, the rules as they are now), 0.3 made 18 more of 2095 reports
# right and none more a loop verdict on a negative; with word pairs in the model as well, 35 more.
NOT_LOOP_THRESHOLD = 0.3
MAX_EVIDENCE = 3
CONFIRM = "Paste the run's output down to pytest's closing summary line, and the config and conftest."
# Words of an error that involve the loop or its tasks ("Cannot close a running event loop", "Task … got bad yield").
_LOOP_SIGN = re.compile(r"\bloops?\b|\b[Tt]asks?\b|\bFutures?\b")


@dataclass
class Guessed:
    verdict: Verdict
    findings: list[Finding] = field(default_factory=list)
    reason: str | None = None
    assumptions: list[str] = field(default_factory=list)


def threshold(guess: Guess) -> float:
    """How sure the model must be of a label to guess it."""
    return NOT_LOOP_THRESHOLD if guess.verdict == Verdict.NOT_LOOP_RELATED.value else THRESHOLD


def from_wording(ctx: Context, reason: str | None, model: Model | None = None) -> Guessed | None:
    """The verdict the paste's words suggest; when the model is unsure, "probably not a loop problem" for a run that
    failed, else None."""
    from .engine import tells_of_failing
    from .rules import lookup

    model = model or shipped()
    guess = model.guess(ctx.facts.joined()) if model is not None else None
    if guess is None or not guess.probability >= threshold(guess):
        return _no_sign_of_the_loop(ctx, reason)
    if guess.verdict == Verdict.UNKNOWN.value:
        return None         # worded like the reports whose cause was never found
    said = (f"No line of the paste shows what failed or why, so this is read from its words: of {model.examples} "
            f"labelled reports, the ones worded like this were most often this case ({guess.probability:.0%} by "
            f"the wording model")
    said += f"; the words that weighed most: {', '.join(guess.terms)})." if guess.terms else ")."
    confirm = reason or CONFIRM
    assumption = ("The diagnosis is a guess from the report's words, not from an error line or code: "
                  "confirm it before changing anything.")
    if guess.verdict == Verdict.NO_FAILURE.value:
        # Never for a run, nor for a report that tells of something failing or hanging: "no failure" there would
        # drop what the rules asked for (the rest of the output, a traceback of the hang).
        if ctx.facts.is_pytest_output or ctx.failed() or tells_of_failing(ctx):
            return _no_sign_of_the_loop(ctx, reason)
        return Guessed(Verdict.NO_FAILURE, reason=f"Nothing in the paste tells of a failure, and its words read as "
                       f"a question, a proposal or a change description: of {model.examples} labelled reports, the ones "
                       f"worded like this were most often no failure ({guess.probability:.0%} by the wording model).",
                       assumptions=[assumption])
    info = lookup(guess.pattern or "")
    if info is None or info.verdict.value != guess.verdict:
        return None         # a model older than the patterns it names
    finding = Finding(
        pattern=info.pattern, code=info.code, title=f"Probably: {info.title}",
        summary=f"{said} {_first_paragraph(info.kb.what)}",
        confidence=Confidence.LOW, evidence=_evidence(ctx, guess), affected_tests=ctx.affected_tests(),
        fixes=[Fix(kind=FixKind.OTHER, recommended=True,
                   title="Confirm the pattern, then apply its usual fix",
                   explanation=f"Not confirmed by evidence: {confirm} If it is this pattern: "
                               f"{_first_paragraph(info.kb.fix)}",
                   tradeoff="A guess from the wording, right for a little over half of the reports like it: with "
                            "the output or the code, Loop Doctor can name the pattern from evidence and give the "
                            "exact edit.")],
    )
    if info.pattern == Pattern.NOT_LOOP_RELATED:
        finding.fixes[0].explanation = (f"Not confirmed by evidence: {confirm} If the cause is not the event loop, "
                                        "fix the error the run ends with as an error of the code or of a library, "
                                        "and leave the loop settings alone.")
    return Guessed(info.verdict, [finding], assumptions=[assumption])


def _no_sign_of_the_loop(ctx: Context, reason: str | None) -> Guessed | None:
    """For a run that failed and shows no sign of the loop: "probably not a loop problem", as a guess."""
    from .rules import lookup

    # A run that failed with an error no rule ties to the loop, whose words the model is not sure of either: replayed
    # like the thresholds above on real97-168, 7 of 10 such runs were "not a loop problem", 2 a loop problem and 1
    # never found (all 6 that showed their error were not a loop problem); of every report the rules leave so, 33 of
    # 72 were not a loop problem, 18 never found. A run cut off before its error shows nothing to judge, and prose
    # that only tells of a failure is not enough: as many of those were loop problems as not.
    errors = ctx.run_exceptions()
    s = ctx.facts.summary
    if not (ctx.failed() and errors) or any(_LOOP_SIGN.search(f"{e.type}: {e.message}") for e in errors) \
            or ctx.facts.summary_line is not None and not (s.get("failed") or s.get("error") or s.get("errors")):
        return None   # (an error of a loop or a task the rules did not read is a sign; a summary without failures)
    info = lookup(Pattern.NOT_LOOP_RELATED.value)
    finding = Finding(
        pattern=info.pattern, code=info.code, title=f"Probably: {info.title}",
        summary=("The run failed, but nothing in the report points to the event loop: none of the errors, warnings, "
                 "settings or code that Loop Doctor ties to a loop pattern, and no wording it knows from loop "
                 "problems. Failures like that were most often errors of the code under test, of a mock or of a "
                 f"library. {_first_paragraph(info.kb.what)}"),
        confidence=Confidence.LOW, evidence=ctx.exception_evidence(errors),
        affected_tests=ctx.affected_tests(),
        fixes=[Fix(kind=FixKind.OTHER, recommended=True, title="Look for the cause in the error itself",
                   explanation=(f"Not confirmed by evidence: {reason or CONFIRM} Until a loop error shows, fix the "
                                "error the run ends with as an error of the code or of a library before changing "
                                "any loop setting."),
                   tradeoff=("A guess from what the run lacks, right for most of the runs like it: a loop error "
                             "further on in the output, or the config and conftest, would let Loop Doctor name a "
                             "pattern from evidence."))],
    )
    return Guessed(info.verdict, [finding], assumptions=[
        "The diagnosis is a guess from what the run lacks (any sign of the event loop), not from an error line or "
        "code: confirm it before changing anything."])


def _first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0].replace("\n", " ")


def _evidence(ctx: Context, guess: Guess) -> list[Evidence]:
    """The first line holding each of the words that weighed most, in paste order."""
    found: dict[int, Evidence] = {}
    for term in guess.terms:
        # (as words() reads it: a word may follow underscores, "_asyncgen" holds "asyncgen")
        word = re.compile(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9_])", re.I)
        line = ctx.facts.first_matching(word)
        if line is not None:
            found.setdefault(line.line, Evidence(PASTE, line.line, ctx.original_line(line.line)))
        if len(found) >= MAX_EVIDENCE:
            break
    return [found[k] for k in sorted(found)]
