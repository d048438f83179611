"""Attribution beyond the golden table (``tests/golden.py``): cues, kinds, confidences and
the settings that change what is returned."""

from __future__ import annotations

import quoteattr


def test_cue_is_reported(extractor: quoteattr.QuoteExtractor) -> None:
    (q,) = extractor.extract("“We will win,” said Jane Doe.")
    assert q.cue is not None and q.cue.text == "said" and q.cue.lemma == "say"
    assert q.rule == "syntactic_cue" and q.kind == "direct"


def test_partial_kind(extractor: quoteattr.QuoteExtractor) -> None:
    (q,) = extractor.extract("Joly said she expects a deal “in the coming months.”")
    assert q.kind == "partial"


def test_scare_quotes_on_request(nlp: object) -> None:
    text = "They discussed a possible “security and defense” partnership."
    ex = quoteattr.QuoteExtractor(nlp, include_scare=True)  # type: ignore[arg-type]
    (q,) = ex.extract(text)
    assert q.kind == "scare" and q.speaker is None and q.confidence == 0


def test_continuation_has_lower_confidence(extractor: quoteattr.QuoteExtractor) -> None:
    first, second = extractor.extract(
        "“There is a belief in Europe,” said Christian Leuprecht.\n“This is an opportunity.”"
    )
    assert second.rule == "continuation"
    assert second.confidence < first.confidence


def test_extra_cue_verbs(nlp: object) -> None:
    text = "Analyst Tom Hale theorized that the pact was “a turning point.”"
    plain = quoteattr.QuoteExtractor(nlp)  # type: ignore[arg-type]
    extra = quoteattr.QuoteExtractor(nlp, extra_cues=["theorize"])  # type: ignore[arg-type]
    assert [q.speaker.name for q in extra.extract(text) if q.speaker] == ["Tom Hale"]
    assert plain.extract(text) == [] or plain.extract(text)[0].rule != "syntactic_cue"
