"""Token-level syntax on hand-built parses: what the rules read when the parser slips.

Each Doc is built with its heads, labels and entities given, so that a test pins the
helper, not the statistical parser.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from quoteattr._mentions import _dateline, _described_subject
from quoteattr._syntax import subject_of


def _doc(rows: list[tuple[str, int, str, str]], ents: list[str] | None = None) -> Doc:
    """A Doc from (word, head index, dependency label, coarse tag) rows (an English
    vocabulary, so that ``lower_`` and the other lexical attributes are set)."""
    words = [r[0] for r in rows]
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[w.lower() for w in words],
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
    assert _dateline(doc[1], 0)
    short = _doc([("UN", 0, "ROOT", "PROPN"), (",", 0, "punct", "PUNCT")])
    assert not _dateline(short[0], 0)  # "UN, …" is an organization, not a place line


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
