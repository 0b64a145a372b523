"""What a report's words suggest when no line of it proves a pattern: a small linear model of labelled reports.

Most reports that reach the engine without an error line it can read are bug-report prose: a title, a few
sentences, the start of a run cut off by the copy. Their words still lean one way ("after upgrading", "session
fixture", "TestClient", "was never awaited"), and the labelled reports under ``tests/corpus`` say which way.
The model is multinomial logistic regression over tf-idf weighted words and word pairs, trained by
``python -m analyzer.wording train CORPUS`` into ``wording_model.json`` beside this file. It is pure Python (a few
thousand terms, a dozen labels) so the engine needs no numeric library, and its training is deterministic, so the
shipped model can be checked against its corpus.

Labels are ``verdict/pattern`` (``no-failure/``, ``unknown/`` without a pattern).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

MODEL_PATH = Path(__file__).with_name("wording_model.json")
FORMAT = 2                          # 2: word pairs beside words
# Words of three characters or more that start with a letter; numbers, punctuation and pytest's rules of
# underscores carry little that generalises.
WORD = re.compile(r"[a-z][a-z0-9_]{2,}")
HEAD, TAIL = 100_000, 100_000       # a long log is read at both ends: the report's words, the run's end
VOCABULARY = 8000                   # the most widespread words and pairs seen in at least MIN_DOCUMENTS reports
MIN_DOCUMENTS = 2
MIN_WORDS = 12                      # a guess needs this many distinct known terms: a line or two says too little
EPOCHS, RATE, L2, SEED = 5, 0.5, 1e-4, 0


def words(text: str) -> Counter:
    """How often each word, and each word with the next ("different loop", "session fixture"), occurs, lower-cased,
    in the head and the tail of a long text.

    A pair spans the short words left out between its two ("attached to a different" pairs "attached different"):
    replayed on report sets each model had not seen, pairs made that way added right guesses, pairs of words only
    side by side in the text did not."""
    if len(text) > HEAD + TAIL:
        text = text[:HEAD] + "\n" + text[-TAIL:]
    found = WORD.findall(text.lower())
    counts = Counter(found)
    counts.update(f"{a} {b}" for a, b in zip(found, found[1:]))
    return counts


@dataclass(frozen=True)
class Guess:
    label: str                  # "verdict/pattern"
    probability: float
    terms: tuple[str, ...]      # the words that pulled most towards the label, strongest first

    @property
    def verdict(self) -> str:
        return self.label.partition("/")[0]

    @property
    def pattern(self) -> str | None:
        return self.label.partition("/")[2] or None


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    idf: dict[str, float]
    weights: dict[str, tuple[float, ...]]
    examples: int               # how many labelled reports it was trained on

    def vector(self, counts: Counter) -> dict[str, float]:
        """Sub-linear tf-idf, L2-normalised, over the model's vocabulary."""
        raw = {w: (1 + math.log(c)) * self.idf[w] for w, c in counts.items() if w in self.idf}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {w: v / norm for w, v in raw.items()}

    def probabilities(self, vector: dict[str, float]) -> list[float]:
        scores = list(self.bias)
        for word, value in vector.items():
            row = self.weights.get(word)
            if row:
                for k, weight in enumerate(row):
                    scores[k] += weight * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def guess(self, text: str, terms: int = 5) -> Guess | None:
        """The likeliest label, or None for a text with too few of the model's words to weigh."""
        vector = self.vector(words(text))
        if len(vector) < MIN_WORDS:
            return None
        probs = self.probabilities(vector)
        best = max(range(len(probs)), key=probs.__getitem__)
        # (single words only: a pair need not stand in the text as such, and the evidence quotes the lines a word
        # is on)
        pulls = sorted(((self.weights[w][best] * v, w) for w, v in vector.items()
                        if w in self.weights and " " not in w), reverse=True)
        return Guess(self.labels[best], probs[best], tuple(w for pull, w in pulls[:terms] if pull > 0))

    def to_json(self) -> dict:
        return {"format": FORMAT, "examples": self.examples, "labels": list(self.labels),
                "bias": [round(b, 4) for b in self.bias],
                "words": {w: [round(self.idf[w], 4)] + [round(x, 4) for x in self.weights[w]]
                          for w in sorted(self.idf)}}

    @classmethod
    def from_json(cls, data) -> "Model":
        """The model a JSON document describes; ValueError for anything but a well-formed one."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a wording model of format {FORMAT}")
        labels, bias, rows, examples = data.get("labels"), data.get("bias"), data.get("words"), data.get("examples")
        if not (isinstance(labels, list) and labels and all(isinstance(x, str) for x in labels)
                and isinstance(rows, dict) and isinstance(examples, int) and _numbers(bias, len(labels))
                and all(isinstance(w, str) and _numbers(row, len(labels) + 1) for w, row in rows.items())):
            raise ValueError("malformed wording model")
        idf = {w: float(row[0]) for w, row in rows.items()}
        weights = {w: tuple(float(x) for x in row[1:]) for w, row in rows.items()}
        return cls(tuple(labels), tuple(float(b) for b in bias), idf, weights, examples)


def _numbers(values, length: int) -> bool:
    """A list of ``length`` finite numbers."""
    return isinstance(values, list) and len(values) == length and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values)


def train(examples: Iterable[tuple[str, str]], epochs: int = EPOCHS, seed: int = SEED) -> Model:
    """Softmax regression by AdaGrad over (text, label) pairs; the same pairs in the same order give the
    same model."""
    docs = [(words(text), label) for text, label in examples]
    if not docs:
        raise ValueError("no labelled reports to train on")
    spread = Counter(w for counts, _ in docs for w in counts)
    kept = sorted((w for w, n in spread.items() if n >= MIN_DOCUMENTS), key=lambda w: (-spread[w], w))[:VOCABULARY]
    idf = {w: math.log((1 + len(docs)) / (1 + spread[w])) + 1 for w in kept}
    labels = tuple(sorted({label for _, label in docs}))
    index = {label: k for k, label in enumerate(labels)}
    shell = Model(labels, (0.0,) * len(labels), idf, {}, len(docs))
    rows = [(shell.vector(counts), index[label]) for counts, label in docs]

    size = len(labels)
    weights = {w: [0.0] * size for w in idf}
    squares = {w: [1e-8] * size for w in idf}
    bias, bias_squares = [0.0] * size, [1e-8] * size
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(rows)
        for vector, truth in rows:
            scores = list(bias)
            for word, value in vector.items():
                for k, weight in enumerate(weights[word]):
                    scores[k] += weight * value
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            error = [e / total for e in exps]
            error[truth] -= 1.0
            for k in range(size):
                bias_squares[k] += error[k] * error[k]
                bias[k] -= RATE * error[k] / math.sqrt(bias_squares[k])
            for word, value in vector.items():
                row, sq = weights[word], squares[word]
                for k in range(size):
                    gradient = error[k] * value + L2 * row[k]
                    sq[k] += gradient * gradient
                    row[k] -= RATE * gradient / math.sqrt(sq[k])
    return Model(labels, tuple(bias), idf, {w: tuple(r) for w, r in weights.items()}, len(docs))


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    """The model trained on the project's labelled reports, or None when the file is missing or unreadable."""
    try:
        return Model.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
    except (OSError, ValueError, RecursionError):   # (json's errors are ValueErrors)
        return None


# ---- training from a folder of labelled cases ---------------------------------------------------------------

def label_of(expected: dict) -> str | None:
    """A case's label, or None when its expected result names no verdict and first pattern."""
    verdict = expected.get("verdict")
    if verdict in ("unknown", "no-failure"):
        return f"{verdict}/"
    patterns = expected.get("patterns")
    return f"{verdict}/{patterns[0]}" if verdict and patterns else None


def labelled_cases(corpus: Path, skip: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """(name, cleaned text, label) of every case folder of ``corpus``, by name; names starting with ``skip`` left out."""
    from .text import UnreadableInput, normalise

    cases = []
    for folder in sorted(p for p in corpus.iterdir() if (p / "expected.json").is_file()):
        if skip and folder.name.startswith(skip):
            continue
        label = label_of(json.loads((folder / "expected.json").read_text(encoding="utf-8")))
        if label is None:
            continue
        with open(folder / "paste.txt", encoding="utf-8", newline="") as fh:
            raw = fh.read()
        try:
            text = "\n".join(line.text for line in normalise(raw).lines)
        except UnreadableInput:
            continue
        cases.append((folder.name, text, label))
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analyzer.wording",
                                     description="Train the wording model on a folder of labelled cases.")
    parser.add_argument("command", choices=["train"])
    parser.add_argument("corpus", type=Path, help="folder of case folders (paste.txt, expected.json)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    cases = labelled_cases(args.corpus)
    model = train((text, label) for _, text, label in cases)
    args.out.write_text(json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(cases)} labelled reports, {len(model.idf)} words and pairs, {len(model.labels)} labels "
          f"-> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
