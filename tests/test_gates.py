"""The gated readings keep their promise: a paste their pattern matches mentions one of their cues.

A reading in words is searched only where one of its cue words occurs (a pass over a large log costs more than
the search for every printed signal), so a phrase added to the pattern but not to the cues would never be read.
Every paste of the corpus holds each gated reading to it.
"""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from analyzer.pytest_output import GATED, parse
from analyzer.rules import rule_modules
from analyzer.text import UnreadableInput, normalise
from tests.test_corpus import ALL_CASES, read_text

rule_modules()   # (imports every rule, so GATED lists every gated reading)


def uncued(gated, facts) -> str | None:
    """The text ``gated.regex`` matches in a paste that mentions none of its cues, else None."""
    match = gated.regex.search(facts.joined())
    return None if match is None or facts.mentions(*gated.cues) else match.group(0)


@pytest.fixture(scope="module")
def corpus_facts():
    facts = {}
    for case in ALL_CASES:
        try:
            facts[case.name] = parse(normalise(read_text(case / "paste.txt")))
        except UnreadableInput:
            continue
    return facts


def test_a_match_without_a_cue_is_caught():
    facts = parse(normalise("The pool was never closed before the loop ended.\n"))
    assert uncued(SimpleNamespace(cues=("leak",), regex=re.compile(r"never closed")), facts) == "never closed"
    assert uncued(SimpleNamespace(cues=("never closed",), regex=re.compile(r"never closed")), facts) is None
    assert uncued(SimpleNamespace(cues=("leak",), regex=re.compile(r"leaked")), facts) is None


def test_every_gated_reading_is_listed():
    # (unmarked tests three ways, the move to strict mode, a leak, a resource left open, an object made per loop,
    # fixtures on a wider loop than the tests, a shared object meeting two loops)
    assert len(GATED) >= 9
    assert all(cue == cue.lower() for gated in GATED for cue in gated.cues)


def test_the_cues_admit_every_paste_the_pattern_matches(corpus_facts):
    misses = [f"{name}: {gated.regex.pattern[:60]!r} matched {text!r}, no cue of {gated.cues[:4]}…"
              for name, facts in corpus_facts.items() for gated in GATED if (text := uncued(gated, facts))]
    assert not misses, "\n".join(misses)
