"""Coreference beyond the golden table (``tests/golden.py``): confidences, kinds, descriptions
and the entity table itself."""

from __future__ import annotations

import pytest

import quoteattr
from quoteattr._names import split_title
from quoteattr._speakers import EntityTable


def test_unresolved_pronoun_has_low_confidence(extractor: quoteattr.QuoteExtractor) -> None:
    (q,) = extractor.extract("“It was a long day,” she said.")
    (resolved,) = extractor.extract("Ann Lee spoke.\n“It was a long day,” she said.")
    assert 0 < q.confidence < 0.75 and q.confidence < resolved.confidence
    assert q.speaker is not None and q.speaker.name == "" and q.speaker.kind == "unknown"
    assert q.speaker.mention is not None and q.speaker.mention.text == "she"


def test_organization_is_marked(extractor: quoteattr.QuoteExtractor) -> None:
    (q,) = extractor.extract("“Our cooperation has intensified,” the European Union said.")
    assert q.speaker is not None and q.speaker.kind == "organization"


def test_person_is_marked_with_descriptions(extractor: quoteattr.QuoteExtractor) -> None:
    (q,) = extractor.extract(
        "“The Europeans feel very weak,” said Federico Santoponto, a defense policy analyst."
    )
    assert q.speaker is not None and q.speaker.kind == "person"
    assert "a defense policy analyst" in q.speaker.descriptions


def test_group_by_speaker_lists_each_person_once(extractor: quoteattr.QuoteExtractor) -> None:
    quotes = extractor.extract(
        "“One,” said Federico Santoponto.\n“Two,” said Jane Doe.\n“Three,” Santoponto said."
    )
    groups = quoteattr.group_by_speaker(quotes)
    assert [(g.speaker.name, len(g.quotes)) for g in groups] == [
        ("Federico Santoponto", 2),
        ("Jane Doe", 1),
    ]
    assert len({q.speaker.id for q in quotes if q.speaker}) == 2


@pytest.mark.parametrize(
    "words, title, name",
    [
        (["Prime", "Minister", "Mark", "Carney"], ["Prime", "Minister"], ["Mark", "Carney"]),
        (["Mr.", "Carney"], ["Mr."], ["Carney"]),
        (["Carney"], [], ["Carney"]),
        (["President"], [], ["President"]),
    ],
)
def test_split_title(words: list[str], title: list[str], name: list[str]) -> None:
    assert split_title(words) == (title, name)


def test_table_merges_spellings_and_names_canonically() -> None:
    table = EntityTable()
    a = table.add_name(["Federico", "Santoponto"], "person", 0)
    b = table.add_name(["Santoponto"], "person", 10)
    c = table.add_name(["Santoptutun"], "person", 20)
    d = table.add_name(["Obama"], "person", 30)
    e = table.add_name(["Osama"], "person", 40)
    assert a is b is c
    assert d is not e
    assert a is not None and a.name == "Federico Santoponto"
