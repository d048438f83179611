"""The reporting-verb lexicon: textacy's list as a start, news verbs added, built lazily."""

from __future__ import annotations

import subprocess
import sys

import spacy
from spacy.tokens import Doc
from textacy import constants

from quoteattr import cues


def test_lexicon_starts_from_textacy_and_adds_news_verbs() -> None:
    lexicon = cues.cue_lemmas()
    assert set(constants.REPORTING_VERBS["en"]) - {"according"} <= lexicon
    assert {"stress", "insist", "quip", "tweet", "proclaim", "call"} <= lexicon
    assert lexicon == cues.CUE_LEMMAS


def test_extra_cues_are_added_lower_cased() -> None:
    assert "theorize" in cues.make_lexicon(["  Theorize "])
    assert "theorize" not in cues.cue_lemmas()


def test_importing_quoteattr_does_not_import_textacy() -> None:
    code = "import sys, quoteattr; print('textacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _frame(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """A Doc from (word, head index, dependency label, coarse tag, fine tag) rows."""
    words = [r[0] for r in rows]
    return Doc(
        spacy.blank("en").vocab,  # English lexical attributes: is_quote
        words=words,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=[w.lower().removesuffix("ed") for w in words],
    )


def _after_quotation(*rows: tuple[str, int, str, str, str]) -> Doc:
    """``“Go ,”`` and then ``rows`` (whose heads count from the first of them)."""
    verb = next(i for i, r in enumerate(rows) if r[2] == "ROOT") + 4
    head = [("“", verb, "punct", "PUNCT", "``"), ("Go", verb, "ccomp", "VERB", "VB")]
    head += [(",", verb, "punct", "PUNCT", ","), ("”", verb, "punct", "PUNCT", "''")]
    return _frame([*head, *((w, h + 4, d, p, t) for w, h, d, p, t in rows)])


def test_any_verb_after_a_quotation_and_its_subject_is_a_cue() -> None:
    doc = _after_quotation(
        ("Renn", 1, "nsubj", "PROPN", "NNP"),
        ("barked", 1, "ROOT", "VERB", "VBD"),
        (".", 1, "punct", "PUNCT", "."),
    )
    assert cues.frames_quotation(doc[5])
    assert cues.cue_lemma(doc[5]) == "bark"


def test_any_verb_right_after_a_quotation_before_its_subject_is_a_cue() -> None:
    doc = _after_quotation(
        ("remembered", 0, "ROOT", "VERB", "VBD"),
        ("Lind", 0, "nsubj", "PROPN", "NNP"),
        (".", 0, "punct", "PUNCT", "."),
    )
    assert cues.frames_quotation(doc[4])


def test_a_first_or_second_person_subject_is_no_frame() -> None:
    # "… says, “Give me ten,” you know, …": the speaker's own words go on
    doc = _after_quotation(
        ("you", 1, "nsubj", "PRON", "PRP"),
        ("know", 1, "ROOT", "VERB", "VBP"),
        (",", 1, "punct", "PUNCT", ","),
    )
    assert not cues.frames_quotation(doc[5])


def test_a_verb_with_an_object_is_no_frame() -> None:
    doc = _after_quotation(
        ("Renn", 1, "nsubj", "PROPN", "NNP"),
        ("painted", 1, "ROOT", "VERB", "VBD"),
        ("boats", 1, "dobj", "NOUN", "NNS"),
        (".", 1, "punct", "PUNCT", "."),
    )
    assert not cues.frames_quotation(doc[5])


def test_a_quotation_ending_in_a_full_stop_is_no_frame() -> None:
    doc = _frame(
        [
            ("“", 1, "punct", "PUNCT", "``"),
            ("Go", 1, "ROOT", "VERB", "VB"),
            (".", 1, "punct", "PUNCT", "."),
            ("”", 1, "punct", "PUNCT", "''"),
            ("Ivers", 5, "nsubj", "PROPN", "NNP"),
            ("smiled", 5, "ROOT", "VERB", "VBD"),
            (".", 5, "punct", "PUNCT", "."),
        ]
    )
    assert not cues.frames_quotation(doc[5])


def test_a_verb_of_writing_tagged_a_noun_after_a_quotation() -> None:
    doc = _after_quotation(
        ("the", 2, "det", "DET", "DT"),
        ("memo", 2, "compound", "NOUN", "NN"),
        ("states", 2, "ROOT", "NOUN", "NNS"),
        (".", 2, "punct", "PUNCT", "."),
    )
    doc[6].lemma_ = "state"
    assert cues.noun_frames_quotation(doc[6]) == "state"
    doc[6].lemma_ = "boat"
    assert cues.noun_frames_quotation(doc[6]) is None


def test_an_inverted_verb_of_saying_is_known_by_its_form() -> None:
    assert cues.inverted_cue("Stated") == "state"
    assert cues.inverted_cue("Wrote") == "write"
    assert cues.inverted_cue("stated") is None  # only a capitalized word opens an inversion
    assert cues.inverted_cue("Said") is None  # a given name too
    assert cues.inverted_cue("Varga") is None
