"""Token-level syntax on hand-built parses: what the rules read when the parser slips.

Each Doc is built with its heads, labels and entities given, so that a test pins the
helper, not the statistical parser.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from quoteattr._mentions import _described_subject
from quoteattr._syntax import dateline, subject_of
from quoteattr.options import Options
from quoteattr.pipeline import attribute_doc


def _doc(
    rows: list[tuple[str, int, str, str]],
    ents: list[str] | None = None,
    tags: list[str] | None = None,
    lemmas: dict[str, str] | None = None,
) -> Doc:
    """A Doc from (word, head index, dependency label, coarse tag) rows (an English
    vocabulary, so that ``lower_`` and the other lexical attributes are set), with fine
    tags and lemmas (``lemmas`` maps a word to its lemma; the rest are lowercased) when
    given."""
    words = [r[0] for r in rows]
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=tags,
        lemmas=[(lemmas or {}).get(w, w.lower()) for w in words],
        ents=ents or ["O"] * len(words),
    )


def test_of_several_subjects_the_nearest_named_person_speaks() -> None:
    # "OSLO: (Wire) Ruth Halvorsen said …": a damaged parse hangs three subjects on "said"
    doc = _doc(
        [
            ("OSLO", 6, "nsubj", "PROPN"),
            (":", 6, "punct", "PUNCT"),
            ("Wire", 6, "nsubj", "PROPN"),
            ("the", 5, "det", "DET"),
            ("Ruth", 5, "compound", "PROPN"),
            ("Halvorsen", 6, "nsubj", "PROPN"),
            ("said", 6, "ROOT", "VERB"),
        ],
        ents=["B-GPE", "O", "B-ORG", "O", "B-PERSON", "I-PERSON", "O"],
    )
    speaker = subject_of(doc[6])
    assert speaker is not None and speaker.text == "Halvorsen"


def test_of_several_subjects_and_no_person_the_nearest() -> None:
    doc = _doc(
        [
            ("OSLO", 3, "nsubj", "PROPN"),
            (":", 3, "punct", "PUNCT"),
            ("council", 3, "nsubj", "NOUN"),
            ("said", 3, "ROOT", "VERB"),
        ]
    )
    speaker = subject_of(doc[3])
    assert speaker is not None and speaker.text == "council"


def test_a_dateline_may_open_with_a_two_letter_word() -> None:
    doc = _doc(
        [
            ("LA", 1, "compound", "PROPN"),
            ("CROSSE", 1, "ROOT", "PROPN"),
            (",", 1, "punct", "PUNCT"),
            ("Wisc", 1, "appos", "PROPN"),
        ]
    )
    assert dateline(doc[1], 0)
    short = _doc([("UN", 0, "ROOT", "PROPN"), (",", 0, "punct", "PUNCT")])
    assert not dateline(short[0], 0)  # "UN, …" is an organization, not a place line


def test_a_possessive_in_a_described_subjects_clause_is_bound_to_it() -> None:
    # "The coach declared himself proud of his side."
    doc = _doc(
        [
            ("The", 1, "det", "DET"),
            ("coach", 2, "nsubj", "NOUN"),
            ("declared", 2, "ROOT", "VERB"),
            ("himself", 2, "dobj", "PRON"),
            ("proud", 2, "oprd", "ADJ"),
        ]
    )
    assert _described_subject(doc[3])
    named = _doc(
        [
            ("Halvorsen", 1, "nsubj", "PROPN"),
            ("declared", 1, "ROOT", "VERB"),
            ("himself", 1, "dobj", "PRON"),
        ]
    )
    assert not _described_subject(named[2])  # a name: the usual rule of the sentence


def test_who_of_a_verb_joined_to_a_relative_clause_stands_for_its_noun() -> None:
    # "Kort, a teacher who is running for the council but who praised the mayor, said":
    # a damaged parse hangs the second "who" on the verb joined to the relative clause's
    doc = _doc(
        [
            ("Kort", 0, "ROOT", "PROPN"),
            (",", 0, "punct", "PUNCT"),
            ("who", 3, "nsubj", "PRON"),
            ("runs", 0, "relcl", "VERB"),
            ("but", 3, "cc", "CCONJ"),
            ("who", 6, "nsubj", "PRON"),
            ("praised", 3, "conj", "VERB"),
        ]
    )
    speaker = subject_of(doc[6])
    assert speaker is not None and speaker.text == "Kort"


_REPORTED = Options(include_indirect=True)


def _plan_in_case(opener: list[tuple[str, int, str, str]], tags: list[str]) -> Doc:
    """ "Ana Ortiz said the town needs a flood plan in case <opener> its partner were to
    leave." with the parser's slip: "were" hung on "said" as a second clause."""
    n = len(opener)
    rows = [
        ("Ana", 1, "compound", "PROPN"),
        ("Ortiz", 2, "nsubj", "PROPN"),
        ("said", 2, "ROOT", "VERB"),
        ("the", 4, "det", "DET"),
        ("town", 5, "nsubj", "NOUN"),
        ("needs", 2, "ccomp", "VERB"),
        ("a", 8, "det", "DET"),
        ("flood", 8, "compound", "NOUN"),
        ("plan", 5, "dobj", "NOUN"),
        ("in", 8, "prep", "ADP"),
        ("case", 9, "pobj", "NOUN"),
        *opener,
        ("its", 12 + n, "poss", "PRON"),
        ("partner", 13 + n, "nsubj", "NOUN"),
        ("were", 2, "ccomp", "AUX"),
        ("to", 15 + n, "aux", "PART"),
        ("leave", 13 + n, "xcomp", "VERB"),
        (".", 2, "punct", "PUNCT"),
    ]
    fine = "NNP NNP VBD DT NN VBZ DT NN NN IN NN".split() + tags + "PRP$ NN VBD TO VB .".split()
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * (len(rows) - 2)
    return _doc(rows, ents, fine, {"said": "say", "needs": "need", "were": "be"})


def test_a_second_clause_hung_on_the_verb_of_saying_goes_on_with_the_first() -> None:
    (quote,) = attribute_doc(_plan_in_case([], []), _REPORTED)
    assert quote.text == "the town needs a flood plan in case its partner were to leave"
    assert quote.rule == "said_that" and quote.speaker is not None
    assert quote.speaker.name == "Ana Ortiz"


def test_a_second_clause_after_a_comma_and_a_conjunction_is_not_the_first() -> None:
    doc = _plan_in_case([(",", 15, "punct", "PUNCT"), ("and", 15, "cc", "CCONJ")], [",", "CC"])
    (quote,) = attribute_doc(doc, _REPORTED)
    assert quote.text == "the town needs a flood plan in case"
