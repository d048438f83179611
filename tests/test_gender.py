"""Gender from the article's own evidence: the pure function, the extractor, the opt-in
fallback from given names, and what the records carry."""

from __future__ import annotations

import importlib.util

import pytest

import quoteattr
from quoteattr import Quote, Speaker
from quoteattr._gender import Gender, gender_of, gendered_noun, is_conflict, name_gender
from quoteattr.io import format_block, quote_from_record, quote_record
from quoteattr.options import Options

HAS_NQG = importlib.util.find_spec("nomquamgender") is not None
needs_nqg = pytest.mark.skipif(not HAS_NQG, reason='needs pip install "quoteattr[gender]"')

# ---- the pure function: (pronouns, titles, descriptions) -> gender, evidence

EVIDENCE = [
    pytest.param((["she"], [], []), "female", ("pronoun: she",), id="pronoun-she"),
    pytest.param((["he", "him"], [], []), "male", ("pronoun: he", "pronoun: him"), id="he-him"),
    pytest.param((["they"], [], []), "unknown", (), id="singular-they-says-nothing"),
    pytest.param(([], ["Ms"], []), "female", ("honorific: Ms",), id="honorific-ms"),
    pytest.param(([], ["Mr."], []), "male", ("honorific: Mr",), id="honorific-mr-period"),
    pytest.param(([], ["Dame"], []), "female", ("honorific: Dame",), id="dame"),
    pytest.param(([], ["Lord"], []), "male", ("honorific: Lord",), id="lord-once"),
    pytest.param(([], ["Mme"], []), "female", ("honorific: Mme",), id="mme"),
    pytest.param(([], ["Dr."], []), "unknown", (), id="dr-says-nothing"),
    pytest.param(([], [], ["a spokeswoman for the club"]), "female", ("noun: spokeswoman",)),
    pytest.param(([], [], ["the boy's mother"]), "female", ("noun: mother",), id="possessive"),
    pytest.param(([], [], ["actress and singer"]), "female", ("noun: actress",), id="conjunct"),
    pytest.param(([], [], ["a businessman"]), "male", ("noun: businessman",)),
    pytest.param(([], [], ["mother-of-two"]), "female", ("noun: mother",), id="mother-of-two"),
    pytest.param(([], [], ["a father figure"]), "unknown", (), id="not-the-last-word"),
    pytest.param(([], [], ["the 24-year-old midfielder"]), "unknown", (), id="age-and-role"),
    pytest.param(([], [], ["a friend of his wife"]), "unknown", (), id="not-the-head"),
    pytest.param(([], [], ["a women's rights activist"]), "unknown", (), id="plural-modifier"),
    pytest.param(([], [], ["Prime Minister"]), "unknown", (), id="neutral-title"),
    pytest.param(
        (["he"], ["Ms"], []), "female", ("honorific: Ms", "pronoun: he"), id="honorific-wins"
    ),
    pytest.param(
        (["she"], ["Chairman"], []),
        "female",
        ("pronoun: she", "noun: chairman"),
        id="generic-chairman-weakest",
    ),
    pytest.param(([], [], ["Chairman"]), "male", ("noun: chairman",), id="chairman-alone"),
    pytest.param(
        (["he", "she"], [], []), "unknown", ("pronoun: he", "pronoun: she"), id="conflict"
    ),
    pytest.param(
        ([], ["Mrs"], ["his father"]),
        "unknown",
        ("honorific: Mrs", "noun: father"),
        id="explicit-conflict",
    ),
]


@pytest.mark.parametrize(("given", "gender", "evidence"), EVIDENCE)
def test_gender_from_evidence(
    given: tuple[list[str], list[str], list[str]], gender: str, evidence: tuple[str, ...]
) -> None:
    pronouns, titles, descriptions = given
    assert gender_of(pronouns, titles, descriptions) == Gender(gender, evidence)  # type: ignore[arg-type]


def test_a_conflict_is_unknown_and_says_so() -> None:
    found = gender_of(["he", "she"])
    assert found.gender == "unknown" and is_conflict(found)
    assert not is_conflict(gender_of()) and not is_conflict(gender_of(["she"]))


def test_gendered_noun_reads_only_the_head() -> None:
    assert gendered_noun("a congresswoman from Ohio") == ("congresswoman", "female")
    assert gendered_noun("the club's chairwoman") == ("chairwoman", "female")
    assert gendered_noun("the widow of a miner") == ("widow", "female")
    assert gendered_noun("the son of a farmer") == ("son", "male")
    assert gendered_noun("a spokesperson for the mother company") is None


# ---- the extractor fills Speaker.gender from the text only


@pytest.mark.parametrize(
    ("text", "name", "gender", "evidence"),
    [
        pytest.param(
            "“We will win,” said Ms. Jordan Ames, the coach.",
            "Jordan Ames",
            "female",
            ("honorific: Ms",),
            id="honorific",
        ),
        pytest.param(
            "Mark Tully, a spokeswoman for the council, said: “No comment.”",
            "Mark Tully",
            "female",
            ("noun: spokeswoman",),
            id="noun-over-the-given-name",
        ),
        pytest.param(
            "Mark Tully arrived late. “No comment,” he said.",
            "Mark Tully",
            "male",
            ("pronoun: he",),
            id="pronoun",
        ),
        pytest.param(
            "“No comment,” said Mark Tully, the 24-year-old midfielder.",
            "Mark Tully",
            "unknown",
            (),
            id="a-given-name-is-no-evidence",
        ),
    ],
)
def test_extractor_gives_gender_from_the_text(
    extractor: quoteattr.QuoteExtractor, text: str, name: str, gender: str, evidence: tuple[str]
) -> None:
    (quote,) = extractor.extract(text)
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.gender) == (name, gender)
    assert quote.speaker.gender_evidence == evidence


def test_an_honorific_is_evidence_not_a_description(extractor: quoteattr.QuoteExtractor) -> None:
    (quote,) = extractor.extract("“We will win,” said Mr. Tom Ortiz.")
    assert quote.speaker is not None
    assert quote.speaker.gender_evidence == ("honorific: Mr",)
    assert "Mr." not in quote.speaker.descriptions


def test_organizations_have_no_gender(extractor: quoteattr.QuoteExtractor) -> None:
    quotes = extractor.extract("“We disagree,” the ministry said in a statement.")
    assert quotes and all(q.speaker is None or q.speaker.gender is None for q in quotes)


def test_seeds_genders_with_their_evidence(nlp: object, seeds_dir: object) -> None:
    """The people of the seeds, with reported speech (every paragraph parsed)."""
    from pathlib import Path

    extractor = quoteattr.QuoteExtractor(nlp, include_indirect=True)  # type: ignore[arg-type]
    index = quoteattr.SpeakerIndex()
    for path in sorted(Path(str(seeds_dir)).glob("*.txt")):
        index.add(path.name, extractor.extract(path.read_text(encoding="utf-8")))
    people = {s.name: s for s in index}
    for name in ("Mélanie Joly", "Ursula von der Leyen"):
        assert people[name].gender == "female"
        assert ("pronoun: she", 1) in people[name].gender_evidence
    for name in ("Mark Carney", "Christian Leuprecht", "Federico Santoponto"):
        assert people[name].gender == "male"
        assert dict(people[name].gender_evidence).get("pronoun: he", 0) >= 1


# ---- serialization keeps the new fields


def test_gender_round_trips_through_dicts_and_records() -> None:
    speaker = Speaker(
        "Ann Lee",
        kind="person",
        id="e0",
        gender="female",
        gender_evidence=("honorific: Ms", "pronoun: she"),
    )
    quote = Quote("Hi", 1, 3, speaker=speaker)
    assert Quote.from_dict(quote.to_dict()) == quote
    record = quote_record("a.txt", quote)
    assert record["speaker_gender"] == "female"
    assert record["speaker_gender_evidence"] == ["honorific: Ms", "pronoun: she"]
    assert quote_from_record(record) == quote
    org = Quote("Hi", 1, 3, speaker=Speaker("EU", kind="organization"))
    assert quote_from_record(quote_record("a.txt", org)) == org
    assert quote_record("a.txt", org)["speaker_gender"] is None


def test_csv_cells_round_trip_gender() -> None:
    import csv
    import io

    from quoteattr.io import format_header

    quotes = [
        Quote(
            "Hi",
            1,
            3,
            speaker=Speaker(
                "Ann Lee", kind="person", gender="female", gender_evidence=("pronoun: she",)
            ),
        ),
        Quote("Yo", 5, 7, speaker=Speaker("EU", kind="organization")),
    ]
    text = format_header("csv") + format_block("csv", "a", quotes)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["speaker_gender"] for r in rows] == ["female", ""]
    assert [quote_from_record(r, cells=True) for r in rows] == quotes


def test_records_written_before_the_gender_fields_still_read() -> None:
    quote = Quote("Hi", 1, 3, speaker=Speaker("Ann Lee", kind="person"))
    record = quote_record("a.txt", quote)
    del record["speaker_gender"], record["speaker_gender_evidence"]
    assert quote_from_record(record) == quote  # a person's gender defaults to "unknown"
    with pytest.raises(ValueError, match="'speaker'"):
        quote_from_record({k: v for k, v in record.items() if k != "speaker"})


# ---- the opt-in fallback from the given name


def test_name_fallback_is_off_by_default() -> None:
    assert Options().gender_from_names is False


@pytest.mark.skipif(HAS_NQG, reason="nomquamgender is installed")
def test_name_fallback_without_the_package_says_what_to_install() -> None:
    with pytest.raises(ValueError, match=r"quoteattr\[gender\]"):
        Options(gender_from_names=True)


@needs_nqg
def test_name_gender_leaves_ambiguous_names_unknown() -> None:
    assert name_gender(["Mark"]) == Gender("male", ("given name: Mark",))
    assert name_gender(["Ursula"]) == Gender("female", ("given name: Ursula",))
    for ambiguous in (["Jordan"], ["Kim"], ["J."], []):
        assert name_gender(ambiguous) == Gender()


@needs_nqg
def test_name_fallback_only_where_the_text_says_nothing(nlp: object) -> None:
    extractor = quoteattr.QuoteExtractor(nlp, gender_from_names=True)  # type: ignore[arg-type]
    (quote,) = extractor.extract("“No comment,” said Mark Tully, the 24-year-old midfielder.")
    assert quote.speaker is not None
    assert (quote.speaker.gender, quote.speaker.gender_evidence) == ("male", ("given name: Mark",))
    (quote,) = extractor.extract("Mark Tully, a spokeswoman for the council, said: “No comment.”")
    assert quote.speaker is not None
    assert (quote.speaker.gender, quote.speaker.gender_evidence) == (
        "female",
        ("noun: spokeswoman",),
    )
    (quote,) = extractor.extract("“We will win,” said Jordan Ames.")
    assert quote.speaker is not None
    assert (quote.speaker.gender, quote.speaker.gender_evidence) == ("unknown", ())
