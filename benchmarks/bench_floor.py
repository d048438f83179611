"""How fast quoteattr could be by choosing less text: bounds, not configurations.

Usage::

    python benchmarks/bench_floor.py [--polnear PATH] [--repeats 3]

Issue 22 asks for the default at 4.5×, reported speech at 2.0× and fast mode at 7.0× the
words per second of spaCy followed by textacy. Parsing less text is the only lever left that
keeps spaCy's components as they are; this benchmark measures how far it can reach, on
PolNeAR dev (read here, never copied), in one process, CPU time, median of ``--repeats``:

- *quotation sentences only* (default and fast mode): only the sentences a quotation
  overlaps are parsed, no sentence before or after (which costs accuracy: pronouns and
  nominals lose their antecedents, cues after a quotation are lost);
- *yielding cue sentences only* (reported speech): of the sentences chosen for a verb of
  saying, only those that give a reported clause in a first, ordinary run are parsed (an
  oracle no selection by the text alone can beat).

The ratios printed are upper bounds for any selection of whole sentences. The selection is
replaced by patching ``quoteattr._windows``' imports for the duration of a run (a
benchmark's stand-in, never the library's behaviour).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_throughput import POLNEAR, polnear_texts, run_textacy, timed, words


def _median_cpu(func: Any, repeats: int) -> float:
    return statistics.median(timed(func)[0] for _ in range(repeats))


@contextlib.contextmanager
def _patched(name: str, replacement: Any) -> Iterator[None]:
    import quoteattr._windows as windows

    original = getattr(windows, name)
    setattr(windows, name, replacement)
    try:
        yield
    finally:
        setattr(windows, name, original)


def _quotation_sentences(
    text: str,
    sentences: Sequence[tuple[int, int]],
    quotes: Sequence[tuple[int, int]],
    extra: Any = (),
    antecedents: bool = True,
) -> list[int]:
    """The sentences a quotation (marks included) overlaps, and no other."""
    from quoteattr._selection import _overlapped

    starts = [a for a, _ in sentences]
    keep: set[int] = set()
    for q0, q1 in quotes:
        first, last = _overlapped(starts, q0, q1)
        keep.update(range(first, last + 1))
    return sorted(keep)


def _yielding(texts: list[str], nlp: Any) -> set[tuple[str, int]]:
    """``(text, cue offset)`` of every reported clause of an ordinary run."""
    import quoteattr

    extractor = quoteattr.QuoteExtractor(nlp, include_indirect=True)
    out: set[tuple[str, int]] = set()
    for text, quotes in zip(texts, extractor.pipe(texts), strict=True):
        out.update((text, q.cue.start) for q in quotes if q.kind == "indirect" and q.cue)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", default=str(POLNEAR))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    texts = polnear_texts(Path(args.polnear))
    if not texts:
        sys.exit(f"no corpus at {args.polnear}")
    import quoteattr
    from quoteattr._selection import reported_sentences

    nlp = quoteattr.load_nlp()
    n_words = words(texts)
    base = n_words / _median_cpu(lambda: run_textacy(nlp, texts), args.repeats)
    cued = _yielding(texts, nlp)

    def oracle(text: str, sentences: Sequence[tuple[int, int]], lexicon: Any = None) -> Any:
        cues, before = reported_sentences(text, sentences, lexicon)
        keep = [i for i in cues if any((text, o) in cued for o in range(*sentences[i]))]
        return keep, before

    rows = [
        ("default", {}, None),
        ("default, quotation sentences only", {}, ("select_sentences", _quotation_sentences)),
        ("include_indirect=True", {"include_indirect": True}, None),
        (
            "include_indirect=True, yielding cue sentences only",
            {"include_indirect": True},
            ("reported_sentences", oracle),
        ),
        ("fast=True", {"fast": True}, None),
        (
            "fast=True, quotation sentences only",
            {"fast": True},
            ("select_sentences", _quotation_sentences),
        ),
    ]
    print(f"PolNeAR dev: {len(texts)} texts, {n_words:,} words;", end=" ")
    print(f"spaCy+textacy {base:,.0f} words/s\n")
    print("| configuration | words/s (CPU) | ÷ spaCy+textacy |")
    print("| --- | --- | --- |")
    for label, settings, patch in rows:
        extractor = quoteattr.QuoteExtractor(nlp, **settings)
        run = lambda e=extractor: [None for _ in e.pipe(texts)]  # noqa: E731
        with _patched(*patch) if patch else contextlib.nullcontext():
            run()  # warm caches
            rate = n_words / _median_cpu(run, args.repeats)
        print(f"| {label} | {rate:,.0f} | {rate / base:.2f} |")


if __name__ == "__main__":
    main()
