"""Coreference beyond the golden table (``tests/golden.py``): confidences, kinds, descriptions
and the entity table itself."""

from __future__ import annotations

import pytest

import quoteattr
from quoteattr._names import similar_spelling, split_title
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


def test_possessive_goes_to_the_person_just_named_when_the_subject_is_far() -> None:
    # "Coach Dan Bell … a pass to Tom Kiri on the last play. His effort went viral."
    table = EntityTable()
    bell = table.add_name(["Dan", "Bell"], "person", 0, subject=True)
    kiri = table.add_name(["Tom", "Kiri"], "person", 60)
    assert bell is not None and kiri is not None
    assert table.resolve_pronoun("he", 90) is bell  # the subject, for "he"
    table.note_possessive(bell, "His", 90, since=85)
    assert (bell.possessives, kiri.possessives) == ([], ["his"])


def test_possessive_never_goes_to_a_person_of_the_other_likely_gender() -> None:
    # "Ana Silva passed to Tom Reyes. Her pass went viral.": not Tom's
    table = EntityTable()
    silva = table.add_name(["Ana", "Silva"], "person", 0, subject=True)
    reyes = table.add_name(["Tom", "Reyes"], "person", 20)
    assert silva is not None and reyes is not None
    table.note_possessive(silva, "Her", 40, since=38)
    assert (silva.possessives, reyes.possessives) == ([], [])


def test_possessive_bound_by_a_described_subject_is_its_referents() -> None:
    # "Ivo Markovic … The national coach declared himself proud of his side."
    table = EntityTable()
    markovic = table.add_name(["Ivo", "Markovic"], "person", 0, subject=True)
    club = table.add_name(["Bafana"], "person", 40)
    assert markovic is not None and club is not None
    table.note_possessive(markovic, "himself", 300, since=260, bound=True)
    assert (markovic.possessives, club.possessives) == (["himself"], [])


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Al Mansouri", "Al Thani", False),  # the particle they share says nothing
        ("Al Mansouri", "Mansouri", True),
        ("van Dijk", "van Dyk", True),  # a misspelling behind the same particle
        ("von der Leyen", "Leyen", True),
        ("Leuprecht", "Lubricht", True),
    ],
)
def test_surnames_with_particles_compare_by_what_follows(a: str, b: str, same: bool) -> None:
    assert similar_spelling(a, b) is same


def test_a_particle_surname_does_not_join_another_family() -> None:
    table = EntityTable()
    king = table.add_name("Khalid bin Faisal Al Thani".split(), "person", 0, subject=True)
    visitor = table.add_name(["Al", "Mansouri"], "person", 200, title=["Mr"])
    assert king is not None and visitor is not None
    assert king is not visitor and visitor.name == "Al Mansouri"
