"""Golden rules of coreference: one canonical name per person (or organization) per document."""

from __future__ import annotations

import pytest

import quoteattr
from quoteattr._names import split_title
from quoteattr._speakers import EntityTable

CASES: list[tuple[str, str, list[str | None]]] = [
    (
        "alias_title_full_surname",
        "Prime Minister Mark Carney arrived in Brussels on Monday.\n"
        "“Canada is a European country,” Carney said.\n"
        "“We are ready,” said Mr. Carney.",
        ["Mark Carney", "Mark Carney"],
    ),
    (
        "misspelled_surnames_merge",
        "“Companies are invested in Canada,” said Christian Lubricht, a professor.\n"
        "“The silence tells you a lot,” Leuprecht said.\n"
        "“Europe needs Canada,” Lebrecht said.\n"
        "“This may be the most important summit,” said Liopricht.\n"
        "“Canada must act,” Leuprecht said.",
        ["Christian Leuprecht"] * 5,
    ),
    (
        "different_people_with_one_first_name_stay_apart",
        "“We will sign,” said Mark Carney.\n“We will not,” said Mark Rutte.",
        ["Mark Carney", "Mark Rutte"],
    ),
    (
        "pronoun_he_resolves_to_recent_subject",
        "Federico Santoponto, a defense analyst, spoke in Paris.\n"
        "He said: “It is a way for the European Union to be stronger.”",
        ["Federico Santoponto"],
    ),
    (
        "pronoun_she_skips_a_man",
        "Senator Anna Berg met Governor Tom Hale on Friday.\n“The talks went well,” she said.",
        ["Anna Berg"],
    ),
    (
        "pronoun_gender_from_honorific",
        "Ms. Okafor and Mr. Lindqvist spoke at the summit.\n“We need more money,” she said.",
        ["Okafor"],
    ),
    (
        "unresolvable_pronoun_is_reported_unresolved",
        "“It was a long day,” she said.",
        [""],
    ),
    (
        "nominal_mention_the_minister",
        "Foreign Affairs Minister Mélanie Joly travelled to Berlin.\n"
        "“We are ready to help,” the minister said.",
        ["Mélanie Joly"],
    ),
    (
        "organization_speaker",
        "“Our cooperation with Canada has intensified,” the European Union said in a statement.",
        ["European Union"],
    ),
    (
        "acronym_organization",
        "The European Union signed the deal.\n“This is historic,” the EU said.",
        ["European Union"],
    ),
]


@pytest.mark.parametrize(
    "text, names", [(t, n) for _, t, n in CASES], ids=[name for name, _, _ in CASES]
)
def test_coreference(
    extractor: quoteattr.QuoteExtractor, text: str, names: list[str | None]
) -> None:
    quotes = extractor.extract(text)
    assert [q.speaker.name if q.speaker else None for q in quotes] == names


def test_unresolved_pronoun_has_low_confidence(extractor: quoteattr.QuoteExtractor) -> None:
    (q,) = extractor.extract("“It was a long day,” she said.")
    assert q.confidence < 0.5
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
