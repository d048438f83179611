"""The seed articles: the end-to-end figure and one name per seed person.

The seeds are machine-translated news with mangled names (Lubricht, Lebrecht and Liopricht
for Leuprecht) and a stray quotation mark; their hand annotation is ``seeds/gold.jsonl``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

import quoteattr
from quoteattr.evaluate import evaluate, load_gold, match_quotes


@pytest.fixture(scope="module")
def gold(seeds_dir: Path) -> list:  # type: ignore[type-arg]
    return load_gold(seeds_dir / "gold.jsonl")


def test_end_to_end_figure(gold: list, extractor: quoteattr.QuoteExtractor) -> None:  # type: ignore[type-arg]
    scores = evaluate(gold, extractor.extract)
    assert scores.quote_f1 >= 0.95
    assert scores.e2e_f1 >= 0.95
    assert scores.fragments == 0


def test_each_seed_person_gets_one_name(gold: list, extractor: quoteattr.QuoteExtractor) -> None:  # type: ignore[type-arg]
    for doc in gold:
        quotes = extractor.extract(doc.text)
        wanted = [g for g in doc.quotes if not g.skip]
        names: dict[str, set[str]] = defaultdict(set)
        for gi, qi in match_quotes(wanted, quotes).items():
            speaker = quotes[qi].speaker
            names[wanted[gi].speaker or ""].add(speaker.name if speaker else "")
        for person, given in names.items():
            assert len(given) == 1, (doc.id, person, given)


def test_leuprecht_is_named_canonically(
    seeds_dir: Path, extractor: quoteattr.QuoteExtractor
) -> None:
    text = (seeds_dir / "000_1f16a92304612b5c.txt").read_text(encoding="utf-8")
    names = {q.speaker.name for q in extractor.extract(text) if q.speaker}
    assert "Christian Leuprecht" in names
    assert not names & {"Lebrecht", "Liopricht", "Christian Lubricht", "he", "He"}
