"""Determinism: the same input gives the same output, however and wherever it is run.

Same extractor twice, a fresh extractor, other documents in between (no state leaks from
one document to the next), :meth:`QuoteExtractor.pipe` against one call per text, one worker
process against two, and two interpreters with different hash seeds (set and dict order
must not decide a canonical name or an entity id).
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import quoteattr

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

TEXTS = [
    "“The Europeans feel very weak,” said Federico Santoponto, a defense analyst.\n"
    "“They have no choice,” he added.",
    "Prime Minister Mark Carney told reporters: “We will not back down.”\n"
    "“Canada is ready,” Carney said. Mr. Carney called the talks ‘productive’.",
    "“It is a good deal,” said Maria Gonzalez. “It is fair,” she said, “and it is final.”\n"
    "Senator John Smith disagreed. “This is a mistake,” Smith said.\n"
    "“A big one.”",
    "The ministry said in a statement that the plan was “under review”.\n"
    "“We expect a decision soon,” according to a spokesperson for the ministry.",
]


def _dump(results: list[list[quoteattr.Quote]]) -> str:
    return json.dumps([[q.to_dict() for q in quotes] for quotes in results], sort_keys=True)


def test_same_extractor_twice(extractor) -> None:  # type: ignore[no-untyped-def]
    first = [extractor.extract(t) for t in TEXTS]
    second = [extractor.extract(t) for t in TEXTS]
    assert first == second
    assert _dump(first) == _dump(second)
    assert any(q.speaker is not None for quotes in first for q in quotes)


def test_fresh_extractor_and_reversed_order(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    """No state carries over from one document to the next."""
    expected = [extractor.extract(t) for t in TEXTS]
    fresh = quoteattr.QuoteExtractor(nlp)
    reversed_run = [fresh.extract(t) for t in reversed(TEXTS)][::-1]
    assert reversed_run == expected


def test_extract_quotes_matches_the_extractor(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    assert [quoteattr.extract_quotes(t, nlp) for t in TEXTS] == [
        extractor.extract(t) for t in TEXTS
    ]


def test_pipe_matches_extract(extractor) -> None:  # type: ignore[no-untyped-def]
    expected = [extractor.extract(t) for t in TEXTS]
    assert list(extractor.pipe(TEXTS)) == expected
    assert list(extractor.pipe(TEXTS, batch_size=1)) == expected
    with_context = list(extractor.pipe(((t, i) for i, t in enumerate(TEXTS)), as_tuples=True))
    assert with_context == [(q, i) for i, q in enumerate(expected)]


def _supports_n_process() -> bool:
    return "n_process" in inspect.signature(quoteattr.QuoteExtractor.pipe).parameters


@pytest.mark.skipif(not _supports_n_process(), reason="QuoteExtractor.pipe has no n_process")
def test_pipe_one_process_against_two(extractor) -> None:  # type: ignore[no-untyped-def]
    one = list(extractor.pipe(TEXTS, n_process=1))
    two = list(extractor.pipe(TEXTS, n_process=2, batch_size=1))
    assert one == two
    assert _dump(one) == _dump(two)
    tuples = list(
        extractor.pipe([(t, i) for i, t in enumerate(TEXTS)], n_process=2, as_tuples=True)
    )
    assert [c for _, c in tuples] == list(range(len(TEXTS)))
    assert [q for q, _ in tuples] == one


_CHILD = """
import json, sys
from pathlib import Path
import quoteattr
texts = json.loads(sys.stdin.read())
out = [[q.to_dict() for q in quoteattr.extract_quotes(t)] for t in texts]
print(json.dumps(out, sort_keys=True))
"""


def _run_child(texts: list[str], hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=600,
    )
    return done.stdout


def test_same_output_under_different_hash_seeds(extractor) -> None:  # type: ignore[no-untyped-def]
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:1]]
    first = _run_child(texts, "1")
    second = _run_child(texts, "2")
    assert first == second
    assert json.loads(first) == json.loads(_dump([extractor.extract(t) for t in texts]))
