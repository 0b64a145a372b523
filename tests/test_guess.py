"""The wording model and the low-confidence guess it gives a report no rule could read an answer from."""
import json
from pathlib import Path

import pytest

import analyzer
import analyzer.guess
from analyzer import wording
from tests.test_corpus import CORPUS, load_case

# The latest report sets, held out of training to judge the guesses the way unseen reports are judged.
HELD_OUT = tuple(f"real{n}-" for n in range(70, 81))

WIDER = ("our session fixture creates the async engine and pool, and the test awaits it on another function loop: "
         "attached to a different loop, because the fixture loop is wider than the test loop")
UNCLOSED = ("the client session and its connector are left unclosed at teardown, the pool is never closed before the "
            "loop ends, so the garbage collector warns about unclosed resources after the test")
PROPOSAL = ("a feature request and a question: would it be possible to add an option, a proposal for the "
            "documentation, maybe a new setting or a helper that users could enable in their configuration")
EXAMPLES = [(WIDER, "loop-mismatch/fixture-loop-wider-than-test-loop"),
            (WIDER.replace("engine and pool", "database pool"), "loop-mismatch/fixture-loop-wider-than-test-loop"),
            (UNCLOSED, "loop-mismatch/unclosed-resource-at-loop-end"),
            (UNCLOSED.replace("client session", "websocket"), "loop-mismatch/unclosed-resource-at-loop-end"),
            (PROPOSAL, "no-failure/"),
            (PROPOSAL.replace("documentation", "readme"), "no-failure/")] * 3

PROSE = ("Since the upgrade our session fixture creates the async engine and pool once, and each test then awaits "
         "it on another function loop, because the fixture loop is wider than the test loop.\n")


class Always(wording.Model):
    """A model that gives one label, sure of it, to any text."""

    def __init__(self, label):
        super().__init__((label,), (0.0,), {}, {}, 1)
        object.__setattr__(self, "label", label)

    def guess(self, text, terms=5):
        return wording.Guess(self.label, 0.99, ("question",))


@pytest.fixture(scope="module")
def held_out_model():
    cases = wording.labelled_cases(CORPUS, skip=HELD_OUT)
    return wording.train((text, label) for _, text, label in cases)


def test_words_are_counted_lower_case_from_both_ends_of_a_long_text():
    # each word, and each with the next one kept (short words left out between them)
    assert wording.words("Event loop is closed; event LOOP") == {"event": 2, "loop": 2, "closed": 1, "event loop": 2,
                                                                 "loop closed": 1, "closed event": 1}
    assert wording.words("____ __init__ 3.11 _asyncgen") == {"init__": 1, "asyncgen": 1,   # words start with a letter
                                                              "init__ asyncgen": 1}
    long = "headword " + "middle " * (wording.HEAD + wording.TAIL) + "tailword"
    counted = wording.words(long)
    assert counted["headword"] == 1 and counted["tailword"] == 1
    assert counted["middle"] < (wording.HEAD + wording.TAIL) // len("middle ") + 2   # the middle is left out


def test_training_is_deterministic_and_learns_distinctive_words():
    first, second = wording.train(EXAMPLES), wording.train(EXAMPLES)
    assert first.to_json() == second.to_json()
    assert wording.Model.from_json(json.loads(json.dumps(first.to_json()))).to_json() == first.to_json()
    guess = first.guess(PROSE)
    assert guess.label == "loop-mismatch/fixture-loop-wider-than-test-loop"
    assert guess.pattern == "fixture-loop-wider-than-test-loop" and guess.verdict == "loop-mismatch"
    assert guess.probability > 0.5 and set(guess.terms) & {"fixture", "wider", "engine", "different"}
    assert first.guess(UNCLOSED.replace("the garbage", "a")).label == "loop-mismatch/unclosed-resource-at-loop-end"
    # Too few known words to weigh: no guess at all.
    assert first.guess("12345 !!! ...") is None
    assert first.guess("the session fixture is attached to a different loop") is None
    with pytest.raises(ValueError):
        wording.train([])


def test_the_shipped_model_is_the_one_the_corpus_trains():
    """Retrain after changing tests/corpus: python -m analyzer.wording train tests/corpus."""
    cases = wording.labelled_cases(CORPUS)
    model = wording.train((text, label) for _, text, label in cases)
    shipped = json.loads(wording.MODEL_PATH.read_text(encoding="utf-8"))
    assert shipped["examples"] == len(cases), "the corpus changed: retrain the wording model"
    assert json.loads(json.dumps(model.to_json())) == shipped, "retrain the wording model"


def test_guesses_on_held_out_report_sets_add_right_answers_and_rarely_loop_advice(held_out_model, monkeypatch):
    """Trained without the latest sets, the guess must add right answers to the rules' on those sets, be right
    more often than not, and seldom call a report that is no loop problem a loop problem."""
    monkeypatch.setattr(analyzer.guess, "shipped", lambda: held_out_model)
    rules = guessed = guesses = right_guesses = loop_on_negatives = 0
    cases = [c for c in sorted(CORPUS.iterdir()) if c.name.startswith(HELD_OUT)]
    assert len(cases) >= 90
    for case in cases:
        paste, files, hints, expected = load_case(case)
        want = (expected["verdict"], expected.get("patterns", [])[:1])
        answers = []
        for guess in (False, True):
            result = analyzer.diagnose(paste, files=files, hints=hints, guess=guess).to_dict()
            answers.append((result["verdict"], [f["pattern"] for f in result["findings"]][:1]))
        rules += answers[0] == want
        guessed += answers[1] == want
        if answers[1] != answers[0]:
            guesses += 1
            right_guesses += answers[1] == want
            loop_on_negatives += (expected["verdict"] in ("not-loop-related", "no-failure")
                                  and answers[1][0] in ("loop-mismatch", "asyncio-misconfiguration"))
    print(f"\nheld-out sets: rules {rules}/{len(cases)}, with guesses {guessed}/{len(cases)}; "
          f"{right_guesses} of {guesses} guesses right, {loop_on_negatives} loop verdicts on negatives")
    # (measured with the model trained on real2-69 and real81-96: rules 53 of 98, with guesses 58, all 5 guesses
    # right; trained on real2-69 and real81-303: with guesses 60, 7 of 12 right; with word pairs, on real2-69 and
    # real81-351: with guesses 61, 8 of 14 right, 1 loop verdict on a negative. Which report a guess lands on moves
    # with every set learnt, and one report is 8 points of a dozen guesses: "more often than not" is the bar)
    assert guessed >= rules + 4
    assert guesses and right_guesses * 2 > guesses
    assert loop_on_negatives <= 2


def test_a_prose_report_gets_a_low_confidence_guess_with_no_diff(monkeypatch):
    model = wording.train(EXAMPLES)
    monkeypatch.setattr(analyzer.guess, "shipped", lambda: model)
    assert model.guess(PROSE).probability >= analyzer.guess.THRESHOLD
    assert analyzer.diagnose(PROSE, guess=False).to_dict()["verdict"] == "unknown"
    result = analyzer.diagnose(PROSE).to_dict()
    assert result["verdict"] == "loop-mismatch"
    finding = result["findings"][0]
    assert finding["pattern"] == "fixture-loop-wider-than-test-loop" and finding["code"] == "LD001"
    assert "of 18 labelled reports" in finding["summary"]
    assert finding["confidence"] == "low" and finding["title"].startswith("Probably: ")
    assert "read from its words" in finding["summary"] and "wording model" in finding["summary"]
    assert [e["file"] for e in finding["evidence"]] == ["<paste>"] * len(finding["evidence"]) and finding["evidence"]
    lines = PROSE.splitlines()
    assert all(lines[e["line"] - 1].strip() == e["text"] for e in finding["evidence"])
    (fix,) = finding["fixes"]
    assert fix["recommended"] and fix["kind"] == "other" and fix["diff"] is None
    assert fix["explanation"].startswith("Not confirmed by evidence: ")
    assert any("guess from the report's words" in a for a in result["assumptions"])


def test_no_guess_without_the_model_or_for_unreadable_input(monkeypatch):
    monkeypatch.setattr(analyzer.guess, "shipped", lambda: Always("loop-mismatch/object-bound-at-import"))
    assert analyzer.diagnose(PROSE).to_dict()["verdict"] == "loop-mismatch"     # the stand-in model does guess
    for unreadable in ("", "\x00\x01\x02" * 50):
        assert analyzer.diagnose(unreadable).to_dict()["verdict"] == "unknown"
    monkeypatch.setattr(analyzer.guess, "shipped", lambda: None)
    assert analyzer.diagnose(PROSE).to_dict()["verdict"] == "unknown"


def test_a_guess_that_fails_costs_nothing_but_the_guess(monkeypatch):
    class Broken(wording.Model):
        def guess(self, text, terms=5):
            raise ZeroDivisionError("broken model")

    monkeypatch.setattr(analyzer.guess, "shipped", lambda: Broken(("unknown/",), (0.0,), {}, {}, 1))
    result = analyzer.diagnose(PROSE)
    assert result.to_dict()["verdict"] == "unknown"
    assert any("ZeroDivisionError" in e for e in result.internal_errors)


def sure_of(label, probability):
    class Sure(wording.Model):
        def guess(self, text, terms=5):
            return wording.Guess(label, probability, ())
    return Sure(("x/",), (0.0,), {}, {}, 1)


def test_a_guess_below_its_threshold_or_not_a_number_is_no_guess(monkeypatch):
    """A loop pattern needs the model surer than "not a loop problem", its catch-all label, does."""
    loop, negative = "loop-mismatch/object-bound-at-import", "not-loop-related/not-loop-related"
    for label, probability, verdict in [
            (loop, analyzer.guess.THRESHOLD - 0.01, "unknown"), (loop, float("nan"), "unknown"),
            (loop, analyzer.guess.THRESHOLD, "loop-mismatch"),
            (negative, analyzer.guess.NOT_LOOP_THRESHOLD - 0.01, "unknown"), (negative, float("nan"), "unknown"),
            (negative, analyzer.guess.NOT_LOOP_THRESHOLD, "not-loop-related")]:
        monkeypatch.setattr(analyzer.guess, "shipped", lambda: sure_of(label, probability))
        result = analyzer.diagnose(PROSE).to_dict()
        assert result["verdict"] == verdict, (label, probability)
        if verdict == "not-loop-related":
            (finding,) = result["findings"]
            assert finding["confidence"] == "low" and not any(fix["diff"] for fix in finding["fixes"])
    assert analyzer.guess.NOT_LOOP_THRESHOLD < analyzer.guess.THRESHOLD


def test_a_missing_or_foreign_model_file_is_no_model(tmp_path, monkeypatch):
    good = wording.train(EXAMPLES).to_json()
    broken_rows = dict(good, words={w: row[:-1] for w, row in good["words"].items()})
    for content in (None, "not json", "[]", "null", '"x"', json.dumps({"format": 99}),
                    json.dumps(dict(good, words=list(good["words"]))), json.dumps(dict(good, bias=good["bias"][:-1])),
                    json.dumps(broken_rows), json.dumps(dict(good, bias=["1"] * len(good["bias"]))),
                    json.dumps(dict(good, bias=[1e400] * len(good["bias"]))).replace("Infinity", "1e999"),
                    "[" * 100_000):
        path = tmp_path / "model.json"
        if content is not None:
            path.write_text(content, encoding="utf-8")
        monkeypatch.setattr(wording, "MODEL_PATH", path)
        wording.shipped.cache_clear()
        assert wording.shipped() is None, content[:80] if content else content
    path.write_text(json.dumps(good), encoding="utf-8")
    wording.shipped.cache_clear()
    assert wording.shipped() is not None          # the same file, well formed, loads
    wording.shipped.cache_clear()


KEY_ERROR_RUN = (
    "============================= test session starts ==============================\n"
    "platform linux -- Python 3.12.1, pytest-8.3.2, pluggy-1.5.0\nplugins: asyncio-0.24.0\ncollected 1 item\n\n"
    "tests/test_a.py F                                                        [100%]\n\n"
    "=================================== FAILURES ===================================\n"
    "___________________________________ test_a ____________________________________\n\n"
    "    async def test_a():\n>       await compute()\nE       KeyError: 'x'\n\ntests/test_a.py:4: KeyError\n"
    "=========================== short test summary info ============================\n"
    "FAILED tests/test_a.py::test_a - KeyError: 'x'\n============================== 1 failed in 0.02s "
    "===============================\n")


def test_a_failing_run_or_a_told_failure_is_never_guessed_to_be_no_failure(monkeypatch):
    monkeypatch.setattr(analyzer.guess, "shipped", lambda: Always("no-failure/"))
    run = KEY_ERROR_RUN
    assert analyzer.diagnose(run, guess=False).to_dict()["verdict"] == "unknown"   # what the guess would answer
    assert analyzer.diagnose(run).to_dict()["verdict"] == "not-loop-related"
    # Nor a report whose words tell of a failure or a hang; a plain note may read as no failure.
    for told in ("In CI the second test fails after the first one passed, every time.\n",
                 "Our suite is broken in CI after the upgrade; locally it is green.\n",
                 "Since Monday the nightly job crashes half way through the suite.\n"):
        assert analyzer.diagnose(told).to_dict()["verdict"] == "unknown", told
    note = "Notes on our layout: fixtures live in conftest.py and the tests beside the modules they cover.\n"
    assert analyzer.diagnose(note, guess=False).to_dict()["verdict"] == "unknown"
    assert analyzer.diagnose(note).to_dict()["verdict"] == "no-failure"


@pytest.mark.parametrize("model", [Always("unknown/"), Always("loop-mismatch/object-bound-at-import"), None])
def test_a_failed_run_with_no_sign_of_the_loop_is_guessed_not_a_loop_problem(monkeypatch, model):
    """The model unsure (its label below the threshold, or none): a run that failed with an error no rule ties to the
    loop is probably not a loop problem, said as a guess with the error as evidence and no loop advice."""
    if model is not None:
        object.__setattr__(model, "guess", lambda text, terms=5: wording.Guess(model.label, 0.5, ("words",)))
    monkeypatch.setattr(analyzer.guess, "shipped", lambda: model)
    assert analyzer.diagnose(KEY_ERROR_RUN, guess=False).to_dict()["verdict"] == "unknown"
    result = analyzer.diagnose(KEY_ERROR_RUN).to_dict()
    assert result["verdict"] == "not-loop-related"
    (finding,) = result["findings"]
    assert finding["code"] == "LD011" and finding["confidence"] == "low" and finding["title"].startswith("Probably: ")
    assert [(e["line"], e["text"]) for e in finding["evidence"]] == [(13, "E       KeyError: 'x'")]
    assert finding["affected_tests"] == ["tests/test_a.py::test_a"]
    (fix,) = finding["fixes"]
    assert fix["kind"] == "other" and fix["diff"] is None and fix["explanation"].startswith("Not confirmed by evidence: ")
    assert any("guess from what the run lacks" in a for a in result["assumptions"])
    # An error of a loop or a task the rules did not read is a sign of the loop; a run that did not fail is no failure.
    for error in ("RuntimeError: Cannot close a running event loop", "RuntimeError: Task <Task pending> got bad yield"):
        assert analyzer.diagnose(KEY_ERROR_RUN.replace("KeyError: 'x'", error)).to_dict()["verdict"] == "unknown"
    skipped = KEY_ERROR_RUN.replace("1 failed", "1 skipped").replace("FAILED tests/test_a.py::test_a - KeyError: 'x'\n", "")
    assert analyzer.diagnose(skipped).to_dict()["verdict"] != "not-loop-related"
    # A run cut off before its error shows nothing to judge.
    cut = KEY_ERROR_RUN.split("___")[0]
    assert analyzer.diagnose(cut).to_dict()["verdict"] == "unknown"
    # A report that only tells of a failure, with no run, says too little: as many such were loop problems as not.
    assert analyzer.diagnose("Since the upgrade the second test fails in CI, every time.\n").to_dict()["verdict"] == \
        "unknown"


def test_a_low_confidence_answer_is_headlined_as_probable_on_the_page_and_in_the_terminal(client, monkeypatch):
    from analyzer.report import render_text

    monkeypatch.setattr(analyzer.guess, "shipped", lambda: Always("loop-mismatch/object-bound-at-import"))
    assert render_text(analyzer.diagnose(PROSE)).startswith(
        f"Loop Doctor {analyzer.__version__}: Probably an event-loop mismatch\n")
    shared = client.post("/api/v1/diagnose", json={"paste": PROSE, "share": True}).get_json()["share"]
    page = client.get("/d/" + shared["id"]).get_data(as_text=True)
    assert '<h1 id="verdict-title">Probably an event-loop mismatch</h1>' in page
    # An answer from evidence keeps the plain headline.
    run = (Path(__file__).parent / "data" / "engine" / "s01-1.5.0-rA.txt").read_text(encoding="utf-8")
    assert render_text(analyzer.diagnose(run)).startswith(f"Loop Doctor {analyzer.__version__}: Event-loop mismatch\n")
