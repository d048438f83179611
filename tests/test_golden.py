"""The golden table (``tests/golden.py``): every row holds, and every rule is pinned by one.

A row is checked on the quotes its text gives (with ``include_indirect=True`` for reported
speech rows): the one quote the row is about has the row's kind, speaker, rule and cue;
a row of kind ``None`` is not returned at all; and the texts marked ``whole`` return no
quote that no row names. Every quote of every row's text must also index the text.
"""

from __future__ import annotations

import functools

import pytest
from golden import CASES, Case

import quoteattr
from quoteattr import _reported, _rules
from quoteattr.model import Quote


@functools.cache
def _extractor(indirect: bool) -> quoteattr.QuoteExtractor:
    return quoteattr.QuoteExtractor(quoteattr.load_nlp(), include_indirect=indirect)


@functools.cache
def _quotes(text: str, indirect: bool) -> tuple[Quote, ...]:
    return tuple(_extractor(indirect).extract(text))


def _matches(case: Case, quote: Quote) -> bool:
    if case.quote.endswith("…"):
        return quote.text.startswith(case.quote[:-1])
    return quote.text == case.quote


def _params() -> list[object]:
    out: list[object] = []
    for case in CASES:
        marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


def _check_offsets(text: str, quotes: tuple[Quote, ...]) -> None:
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker is not None:
            assert q.rule != "none" and 0 < q.confidence <= 1
            m = q.speaker.mention
            assert m is None or text[m.start : m.end] == m.text
        else:
            assert q.confidence == 0.0
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text


@pytest.mark.parametrize("case", _params())
def test_golden(case: Case) -> None:
    quotes = _quotes(case.text, case.indirect)
    _check_offsets(case.text, quotes)
    found = [q for q in quotes if _matches(case, q)]
    if case.kind is None:
        assert found == [], "not a quotation"
        return
    assert len(found) == 1, [q.text for q in quotes]
    (q,) = found
    got = q.speaker.name if q.speaker is not None else None
    assert (q.kind, got) == (case.kind, case.speaker)
    if case.rule is not None:
        assert q.rule == case.rule
    if case.cue is not None:
        assert q.cue is not None and q.cue.lemma == case.cue
    if case.speaker_kind is not None:
        assert q.speaker is not None and q.speaker.kind == case.speaker_kind


def _whole() -> list[tuple[str, bool]]:
    return sorted({(c.text, c.indirect) for c in CASES if c.whole})


@pytest.mark.parametrize(("text", "indirect"), _whole(), ids=lambda v: str(v)[:40])
def test_whole_texts_return_only_their_rows(text: str, indirect: bool) -> None:
    rows = [c for c in CASES if (c.text, c.indirect) == (text, indirect) and c.kind is not None]
    quotes = _quotes(text, indirect)
    unnamed = [q.text for q in quotes if not any(_matches(c, q) for c in rows)]
    assert unnamed == [] and len(quotes) == len(rows)


def test_every_rule_is_pinned_by_a_case() -> None:
    pinned = {c.rule for c in CASES}
    rules = {*_rules.RULES, *(r.name for r in _reported.RULES)}
    assert rules - pinned == set()


def test_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


def test_a_rule_runs_alone_on_a_document_view(view) -> None:  # type: ignore[no-untyped-def]
    ctx = view("“We will fight this,” said House Minority Leader Hakeem Jeffries.")
    att = _rules.trailing_cue(ctx, 0)
    assert att is not None and att.rule == "trailing_cue" and att.confidence == 0.8
    assert att.speaker is not None and att.speaker.text == "Jeffries"
    assert _rules.dash_signature(ctx, 0) is None
