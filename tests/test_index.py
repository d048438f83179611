"""The corpus speaker index: merge rules and guards, order independence, records, CSV."""

from __future__ import annotations

import csv
import io
import json
import pickle
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quoteattr import CorpusSpeaker, Mention, Quote, Speaker, SpeakerIndex
from quoteattr._names import fold, is_first_name
from quoteattr.index import CSV_FIELDS, split_person_name, write_csv

Doc = Sequence["str | tuple[str, str] | tuple[str, str, str]"]


def quotes_of(doc: Doc) -> list[Quote]:
    """One quote per entry: a person's name, or (name, kind), or (name, kind, mention)."""
    quotes = []
    for i, entry in enumerate(doc):
        name, kind, mention = (
            (entry, "person", None) if isinstance(entry, str) else (*entry, None)[:3]
        )
        m = Mention(mention, 0, len(mention)) if mention else None
        speaker = Speaker(name, mention=m, kind=kind, descriptions=(), pronouns=())
        quotes.append(Quote(f"words {i}", 10 * i, 10 * i + 7, speaker=speaker))
    return quotes


def index_of(docs: Sequence[Doc], **options: object) -> SpeakerIndex:
    index = SpeakerIndex(**options)  # type: ignore[arg-type]
    for n, doc in enumerate(docs):
        index.add(f"doc{n}", quotes_of(doc))
    return index


def grouping(docs: Sequence[Doc]) -> set[frozenset[str]]:
    return {frozenset(name for name, _ in s.names) for s in index_of(docs)}


# ---- the merge rules, as a table: documents in, groups of names out

RULES = [
    pytest.param(
        [["Mark Carney"], ["Mark Carney", "Mark Carney"]],
        {frozenset({"Mark Carney"})},
        id="same-name",
    ),
    pytest.param(
        [["António Costa"], ["Antonio COSTA"]],
        {frozenset({"António Costa", "Antonio COSTA"})},
        id="accents-and-case",
    ),
    pytest.param(
        [["Mark Carney"], ["Carney"]],
        {frozenset({"Mark Carney", "Carney"})},
        id="surname-alone-one-carrier",
    ),
    pytest.param(
        [["Hillary Clinton"], ["Bill Clinton"], ["Chelsea Clinton"]],
        {
            frozenset({"Hillary Clinton"}),
            frozenset({"Bill Clinton"}),
            frozenset({"Chelsea Clinton"}),
        },
        id="different-given-names-stay-apart",
    ),
    pytest.param(
        [["Hillary Clinton"], ["Bill Clinton"], ["Clinton"]],
        {frozenset({"Hillary Clinton"}), frozenset({"Bill Clinton"}), frozenset({"Clinton"})},
        id="surname-alone-two-carriers-stays-alone",
    ),
    pytest.param(
        [["Christian Leuprecht"], ["Christian Lubricht"], ["Liopricht"]],
        {frozenset({"Christian Leuprecht", "Christian Lubricht", "Liopricht"})},
        id="misspelled-surname",
    ),
    pytest.param(
        [["Mélanie Joly", "Mélanie Joly"], ["Milani Jolie"], ["Jolie"]],
        {frozenset({"Mélanie Joly", "Milani Jolie", "Jolie"})},
        id="misspelled-given-name-with-matching-surname",
    ),
    pytest.param(
        [["Mélanie Joly"], ["Milani Smith"]],
        {frozenset({"Mélanie Joly"}), frozenset({"Milani Smith"})},
        id="close-given-name-other-surname",
    ),
    pytest.param(
        [["John Smith"], ["Joan Smith"], ["Jon Smith"]],
        {frozenset({"John Smith"}), frozenset({"Joan Smith"}), frozenset({"Jon Smith"})},
        id="two-known-given-names-never-merge",
    ),
    pytest.param(
        [["John Smith"], ["Jonn Smith"]],
        {frozenset({"John Smith", "Jonn Smith"})},
        id="misspelled-given-name-joins-its-name",
    ),
    pytest.param(
        [["John Smith"], ["Jonn Smith"], ["Joan Smith"]],
        {frozenset({"John Smith"}), frozenset({"Jonn Smith"}), frozenset({"Joan Smith"})},
        id="misspelling-of-two-names-stays-alone",
    ),
    pytest.param(
        [["Ursula von der Leyen"], ["von der Leyen"], ["Ursula Leyen"]],
        {frozenset({"Ursula von der Leyen", "von der Leyen"}), frozenset({"Ursula Leyen"})},
        id="particles-belong-to-the-surname",
    ),
    pytest.param(
        [["Prime Minister Mark Carney"], ["Mark Carney Jr."]],
        {frozenset({"Prime Minister Mark Carney", "Mark Carney Jr."})},
        id="titles-and-suffixes",
    ),
    pytest.param(
        [["Christian Leuprecht", "Christian Lubricht"], ["Christian Leuprecht"]],
        {frozenset({"Christian Leuprecht"}), frozenset({"Christian Lubricht"})},
        id="two-entities-of-one-document-stay-two",
    ),
    pytest.param(
        [[("the European Union", "organization")], [("EU", "organization")]],
        {frozenset({"the European Union", "EU"})},
        id="organization-acronym",
    ),
    pytest.param(
        [
            [("European Union", "organization")],
            [("Energy Union", "organization")],
            [("EU", "organization")],
        ],
        {frozenset({"European Union"}), frozenset({"Energy Union"}), frozenset({"EU"})},
        id="ambiguous-acronym-stays-alone",
    ),
    pytest.param(
        [[("European Union", "organization")], [("Eu", "organization")]],
        {frozenset({"European Union"}), frozenset({"Eu"})},
        id="acronym-must-be-capitals",
    ),
    pytest.param(
        [
            [("Amnesty International", "organization", "Amnesty")],
            [("Amnesty", "organization")],
        ],
        {frozenset({"Amnesty International", "Amnesty"})},
        id="organization-short-form-from-a-mention",
    ),
    pytest.param(
        [[("Amnesty International", "organization")], [("Amnesty", "organization")]],
        {frozenset({"Amnesty International"}), frozenset({"Amnesty"})},
        id="organization-short-form-without-a-link",
    ),
    pytest.param(
        [["Apple"], [("Apple", "organization")]],
        {frozenset({"Apple"})},
        id="kinds-are-apart",
    ),
]


@pytest.mark.parametrize(("docs", "expected"), RULES)
def test_merge_rules(docs: list[Doc], expected: set[frozenset[str]]) -> None:
    if expected == {frozenset({"Apple"})}:  # one name, two kinds: two rows of one name
        assert sorted(s.kind for s in index_of(docs)) == ["organization", "person"]
        return
    assert grouping(docs) == expected


def test_counts_descriptions_and_pronouns() -> None:
    joly = Speaker("Mélanie Joly", kind="person", descriptions=("minister",), pronouns=("she",))
    jolie = Speaker("Milani Jolie", kind="person", descriptions=("the minister",))
    index = SpeakerIndex()
    index.add("a", [Quote("x", 0, 1, speaker=joly), Quote("y", 5, 6, speaker=joly)])
    index.add("b", [Quote("z", 0, 1, speaker=jolie), Quote("w", 2, 3), Quote("v", 4, 5)])
    index.add("c", [Quote("u", 0, 1, speaker=Speaker("he", kind="unknown"))])
    (speaker,) = index
    assert (speaker.name, speaker.kind, speaker.quotes, speaker.articles) == (
        "Mélanie Joly",
        "person",
        3,
        2,
    )
    assert speaker.names == (("Mélanie Joly", 2), ("Milani Jolie", 1))
    assert speaker.descriptions == (("minister", 1), ("the minister", 1))
    assert speaker.description == "minister"
    assert speaker.pronouns == (("she", 1),)
    assert [(doc, q.text) for doc, q in speaker.quotations] == [("a", "x"), ("a", "y"), ("b", "z")]
    assert (index.documents, index.unattributed, index.unresolved) == (3, 2, 1)


def test_canonical_name_is_fullest_given_name_with_most_quoted_surname() -> None:
    index = index_of([["Christian Leuprecht"], ["Lubricht", "Lubricht", "Lubricht"]])
    assert [s.name for s in index] == ["Christian Lubricht"]
    index = index_of([["Christian Lubricht"], ["Leuprecht"], ["Leuprecht"]])
    assert [s.name for s in index] == ["Christian Leuprecht"]


def test_most_quoted_first_and_ids_are_stable() -> None:
    docs: list[Doc] = [["Ann Lee", "Tom Ray", "Ann Lee"], ["Tom Ray"], ["Zoe Day"]]
    first = index_of(docs).speakers()
    assert [(s.name, s.quotes, s.articles) for s in first] == [
        ("Tom Ray", 2, 2),
        ("Ann Lee", 2, 1),
        ("Zoe Day", 1, 1),
    ]
    again = index_of(list(reversed(docs))).speakers()
    assert {s.name: s.id for s in first} == {s.name: s.id for s in again}
    assert len({s.id for s in first}) == 3
    assert all(s.id.startswith("P") for s in first)


def test_without_quotes_only_counts_are_kept() -> None:
    index = index_of([["Ann Lee"], ["Ann Lee"]], keep_quotes=False)
    (speaker,) = index
    assert (speaker.quotes, speaker.articles, speaker.quotations) == (2, 2, ())


def test_merge_of_parts_equals_the_whole_and_checks_settings() -> None:
    docs: list[Doc] = [["Mark Carney"], ["Carney", "Ann Lee"], ["Hillary Clinton"], ["Clinton"]]
    whole = index_of(docs).speakers()
    left, right = index_of(docs[:2]), index_of(docs[2:])
    assert left.merge(right) is left
    assert left.documents == 4
    # ids come from document names: rebuild the right part with the whole's ids
    right = SpeakerIndex()
    for n, doc in enumerate(docs[2:], start=2):
        right.add(f"doc{n}", quotes_of(doc))
    merged = SpeakerIndex.combine([index_of(docs[:2]), right])
    assert merged.speakers() == whole
    with pytest.raises(ValueError, match="different"):
        SpeakerIndex().merge(SpeakerIndex(keep_quotes=False))


def test_index_pickles_for_a_cluster() -> None:
    index = index_of([["Mark Carney"], [("EU", "organization")]])
    assert pickle.loads(pickle.dumps(index)).speakers() == index.speakers()


def test_from_records_takes_dask_records_and_pairs() -> None:
    quotes = quotes_of(["Ann Lee", "Tom Ray"])
    records = [{"id": "a", "quotes": [q.to_dict() for q in quotes]}]
    assert (
        SpeakerIndex.from_records(records).speakers()
        == SpeakerIndex.from_records([("a", quotes)]).speakers()
    )


def test_records_round_trip_through_json() -> None:
    speaker = Speaker("Mélanie Joly", kind="person", descriptions=("minister",), pronouns=("she",))
    index = SpeakerIndex()
    index.add("a", [Quote("x", 0, 1, speaker=speaker, cue=None)])
    index.add("b", quotes_of([("European Union", "organization")]))
    for record in index:
        text = json.dumps(record.to_dict(), ensure_ascii=False)
        assert CorpusSpeaker.from_dict(json.loads(text)) == record


def test_record_json_keeps_its_keys_and_shapes() -> None:
    """The jsonl of ``quoteattr speakers``: the keys of before, in their order, with the
    gender after the kind and its evidence after the pronouns."""
    speaker = Speaker("Ann Lee", kind="person", descriptions=("a poet",), pronouns=("she",))
    index = SpeakerIndex(keep_quotes=True)
    index.add("a", [Quote("x", 0, 1, speaker=speaker)])
    (record,) = index
    data = record.to_dict()
    assert list(data) == [
        "id",
        "name",
        "kind",
        "gender",
        "quotes",
        "articles",
        "description",
        "names",
        "descriptions",
        "pronouns",
        "gender_evidence",
        "genders",
        "quotations",
    ]
    assert data["names"] == {"Ann Lee": 1} and data["pronouns"] == {"she": 1}
    assert data["description"] == "a poet"
    assert data["quotations"] == [
        {"doc": "a", "quote": Quote("x", 0, 1, speaker=speaker).to_dict()}
    ]
    assert CorpusSpeaker.from_dict(json.loads(json.dumps(data))) == record
    with pytest.raises(KeyError, match="kind"):
        CorpusSpeaker.from_dict({"id": "P1", "name": "Ann Lee"})


def test_csv_has_one_clean_row_per_speaker() -> None:
    odd = Speaker(
        'Ann "Nan" Lee, Jr',
        kind="person",
        descriptions=("a writer,\nand a critic", "=SUM(A1)"),
    )
    index = SpeakerIndex()
    index.add("a", [Quote("x", 0, 1, speaker=odd)])
    index.add("b", quotes_of(["Tom Ray", "Tom Ray"]))
    buffer = io.StringIO()
    write_csv(index, buffer)
    text = buffer.getvalue()
    assert text.count("\n") == 3  # a header and two rows: no line break inside a cell
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(CSV_FIELDS)
    assert [(r["name"], int(r["quotes"]), int(r["articles"])) for r in rows] == [
        ("Tom Ray", 2, 1),
        ('Ann "Nan" Lee', 1, 1),
    ]
    assert rows[1]["names"] == 'Ann "Nan" Lee, Jr (1)'
    assert rows[1]["descriptions"] == "=SUM(A1) (1); a writer, and a critic (1)"


def test_split_person_name() -> None:
    assert split_person_name("Ursula von der Leyen") == (("Ursula",), "von der Leyen")
    assert split_person_name("Mr. Jean-Luc de la Tour") == (("Jean-Luc",), "de la Tour")
    assert split_person_name("Carney") == ((), "Carney")
    assert split_person_name("  ") == ((), "")


# ---- the property: different given names never merge, whatever the order

GIVEN = (
    "John Joan Jon Jean Joanna Mark Marc Mary Marie Maria Ann Anna Anne Christian Christina "
    "Helen Bill Chelsea Melanie Peter Paula Paul Pauline Daniel Daniela"
).split()
SURNAMES = ("Clinton", "Klinton", "Smith", "Smyth", "Leuprecht", "Lubricht", "Joly", "Jolie")
SURNAMES += ("von der Leyen",)


def test_generated_given_names_are_known_names() -> None:
    assert all(is_first_name(g) for g in GIVEN)


people = st.lists(
    st.tuples(st.sampled_from(GIVEN), st.sampled_from(SURNAMES)),
    min_size=1,
    max_size=8,
    unique=True,
)


@st.composite
def corpora(draw: st.DrawFn) -> tuple[list[tuple[str, str]], list[list[str]]]:
    """People, and documents quoting some of them by full name or by surname alone."""
    cast = draw(people)
    docs = []
    for _ in range(draw(st.integers(1, 6))):
        chosen = draw(st.lists(st.sampled_from(cast), min_size=1, max_size=4, unique=True))
        mentions = []
        for given_name, surname in chosen:
            short = draw(st.booleans()) and draw(st.booleans())
            mentions += [surname if short else f"{given_name} {surname}"] * draw(st.integers(1, 3))
        docs.append(mentions)
    return cast, docs


def build(docs: Sequence[tuple[str, Doc]]) -> SpeakerIndex:
    index = SpeakerIndex()
    for doc_id, doc in docs:
        index.add(doc_id, quotes_of(doc))
    return index


@settings(derandomize=True, max_examples=200, deadline=None)
@given(corpora(), st.randoms(use_true_random=False), st.integers(0, 6))
def test_different_given_names_never_merge_in_any_order(
    corpus: tuple[list[tuple[str, str]], list[list[str]]], rng: object, cut: int
) -> None:
    _, docs = corpus
    named = [(f"doc{n}", doc) for n, doc in enumerate(docs)]
    index = build(named)
    for speaker in index:
        parts = [split_person_name(name) for name, _ in speaker.names]
        givens = {fold(given[0]) for given, _ in parts if given}
        assert len(givens) <= 1, speaker.names
    shuffled = list(named)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert build(shuffled).speakers() == index.speakers()
    cut = min(cut, len(named))
    parts = build(shuffled[:cut]).merge(build(shuffled[cut:]))
    assert parts.speakers() == index.speakers()


# ---- real corpora: gender keeps people apart, short and misspelled forms stay one


def _said(name: str, gender: str | None = None, *evidence: str, **kw: object) -> Quote:
    speaker = Speaker(name, kind="person", gender=gender, gender_evidence=evidence, **kw)  # type: ignore[arg-type]
    return Quote("words", 0, 5, speaker=speaker)


def _grouped(docs: Sequence[Sequence[Quote]]) -> set[frozenset[str]]:
    index = SpeakerIndex()
    for n, quotes in enumerate(docs):
        index.add(f"doc{n}", quotes)
    return {frozenset(name for name, _ in s.names) for s in index}


REAL = [
    pytest.param(
        [
            [_said("Jane Smith", "female", "pronoun: she")],
            [_said("Smith", "male", "honorific: Mr")],
        ],
        {frozenset({"Jane Smith"}), frozenset({"Smith"})},
        id="mr-never-joins-a-woman",
    ),
    pytest.param(
        [
            [_said("Jane Smith", "female", "pronoun: she")],
            [_said("John Smith", "male", "pronoun: he")],
            [_said("Smith", "male", "honorific: Mr")],
        ],
        {frozenset({"Jane Smith"}), frozenset({"John Smith", "Smith"})},
        id="mr-joins-the-one-man",
    ),
    pytest.param(
        [
            [_said("Smith", "male", "honorific: Mr")],
            [_said("Smith", "female", "honorific: Ms")],
            [_said("Jane Smith", "female", "pronoun: she")],
        ],
        {frozenset({"Jane Smith", "Smith"}), frozenset({"Smith"})},
        id="mr-and-ms-of-one-surname-are-two",
    ),
    pytest.param(
        [[_said("Jane Smith", "female", "pronoun: she")], [_said("Smith", "unknown")]],
        {frozenset({"Jane Smith", "Smith"})},
        id="a-surname-without-evidence-still-joins",
    ),
    pytest.param(
        [[_said("Jane Smith", "female")], [_said("John Smith", "male")], [_said("Joan Smith")]],
        {frozenset({"Jane Smith"}), frozenset({"John Smith"}), frozenset({"Joan Smith"})},
        id="one-family-name-different-given-names",
    ),
    pytest.param(
        [[_said("Mark Carney", "male")], [_said("M. Carney")], [_said("Mr. Carney", "male")]],
        {frozenset({"Mark Carney", "M. Carney", "Mr. Carney"})},
        id="an-initial-and-an-honorific-are-the-same-man",
    ),
    pytest.param(
        [[_said("Mark Carney")], [_said("Mary Carney")], [_said("M. Carney")]],
        {frozenset({"Mark Carney"}), frozenset({"Mary Carney"}), frozenset({"M. Carney"})},
        id="an-initial-of-two-people-stays-alone",
    ),
    pytest.param(
        [[_said("Donald Trump")], [_said("Donald Trump‘s")], [_said("Trump’s")]],
        {frozenset({"Donald Trump", "Donald Trump‘s", "Trump’s"})},
        id="a-possessive-the-tagger-kept",
    ),
    pytest.param(
        [[_said("Nicholas Ng’ang’a")], [_said("Nicholas Nganga")]],
        {frozenset({"Nicholas Ng’ang’a", "Nicholas Nganga"})},
        id="apostrophes-inside-a-name",
    ),
    pytest.param(
        [[_said("Mélanie Joly", "female")], [_said("Milani Jolie", "female")]],
        {frozenset({"Mélanie Joly", "Milani Jolie"})},
        id="misspelled-one-woman",
    ),
    pytest.param(
        [[_said("Christian Leuprecht", "male")], [_said("Christian Lubricht", "female")]],
        {frozenset({"Christian Leuprecht"}), frozenset({"Christian Lubricht"})},
        id="a-misspelling-of-the-other-gender-stays-apart",
    ),
]


@pytest.mark.parametrize(("docs", "expected"), REAL)
def test_real_corpus_merges(docs: list[list[Quote]], expected: set[frozenset[str]]) -> None:
    assert _grouped(docs) == expected


def test_her_description_never_becomes_mr() -> None:
    jane = _said("Jane Smith", "female", "pronoun: she", descriptions=("a nurse",))
    mr = _said("Smith", "male", "honorific: Mr", descriptions=("Mr.",))
    index = SpeakerIndex()
    index.add("a", [jane])
    index.add("b", [mr])
    rows = {s.name: s for s in index}
    assert rows["Jane Smith"].descriptions == (("a nurse", 1),)
    assert rows["Smith"].descriptions == ()  # an honorific is no description
    assert (rows["Jane Smith"].gender, rows["Smith"].gender) == ("female", "male")


def test_corpus_gender_combines_articles_and_reports_conflicts() -> None:
    index = SpeakerIndex()
    index.add("a", [_said("Ann Lee", "female", "pronoun: she")])
    index.add("b", [_said("Ann Lee", "unknown")])
    index.add("c", [_said("Ann Lee", "male", "pronoun: he")])
    index.add("d", [Quote("x", 0, 1, speaker=Speaker("EU", kind="organization"))])
    rows = {s.name: s for s in index}
    ann = rows["Ann Lee"]
    assert ann.gender == "conflict"
    assert ann.genders == (("female", 1), ("male", 1), ("unknown", 1))
    assert ann.gender_evidence == (("pronoun: he", 1), ("pronoun: she", 1))
    assert rows["EU"].gender is None


def test_a_name_guess_counts_only_without_the_texts_evidence() -> None:
    index = SpeakerIndex()
    index.add("a", [_said("Ann Lee", "male", "given name: Ann")])  # a (wrong) guess
    (ann,) = index
    assert (ann.gender, ann.genders) == ("male", (("male (given name)", 1),))
    index.add("b", [_said("Ann Lee", "female", "pronoun: she")])
    (ann,) = index
    assert ann.gender == "female"  # the text wins over the name: no conflict


def test_speaker_of_finds_the_corpus_record() -> None:
    index = SpeakerIndex()
    index.add("a", [_said("John Smith", "male")])
    index.add("b", [_said("Smith", "male", "honorific: Mr")])
    record = index.speaker_of(
        Speaker("Smith", kind="person", gender="male", gender_evidence=("honorific: Mr",))
    )
    assert record is not None and record.name == "John Smith"
    assert index.speaker_of(Speaker("he", kind="unknown")) is None


def test_gender_records_round_trip_through_json() -> None:
    index = SpeakerIndex()
    index.add("a", [_said("Ann Lee", "female", "honorific: Ms")])
    index.add("b", [Quote("x", 0, 1, speaker=Speaker("EU", kind="organization"))])
    for record in index:
        data = json.loads(json.dumps(record.to_dict()))
        assert CorpusSpeaker.from_dict(data) == record
