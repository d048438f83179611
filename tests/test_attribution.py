"""Golden rules of attribution: one table case per pattern, with the expected speaker name.

Each case is a small news-like text and, for every quotation it holds, the quoted words and
the canonical name of who said them (``None`` for a quotation with no speaker).
"""

from __future__ import annotations

import pytest

import quoteattr

CASES: list[tuple[str, str, list[tuple[str, str | None]]]] = [
    (
        "quote_cue_speaker",
        "“The Europeans feel very weak,” said Federico Santoponto, a defense analyst.",
        [("The Europeans feel very weak,", "Federico Santoponto")],
    ),
    (
        "quote_cue_titled_speaker",
        "“We live in dangerous times,” proclaimed European Commission President Ursula von der "
        "Leyen, highlighting the need for action.",
        [("We live in dangerous times,", "Ursula von der Leyen")],
    ),
    (
        "quote_speaker_cue",
        "Maria Gonzalez spoke to reporters on Monday.\n"
        "“We have been in talks for months,” Gonzalez said.",
        [("We have been in talks for months,", "Maria Gonzalez")],
    ),
    (
        "quote_speaker_cue_adverbial",
        "“We could work on procurement together,” Joly stated during an interview on CBC.",
        [("We could work on procurement together,", "Joly")],
    ),
    (
        "quote_speaker_cue_adding",
        "“It would be difficult for Canada,” Peter Brandt said, adding that the goals were "
        "ambitious.",
        [("It would be difficult for Canada,", "Peter Brandt")],
    ),
    (
        "speaker_cue_colon_quote",
        "Anna Berg is a senator from Ohio.\nShe said: “It is a way to make Europe stronger.”",
        [("It is a way to make Europe stronger.", "Anna Berg")],
    ),
    (
        "speaker_cue_comma_quote",
        "Mélanie Joly pointed out, “We have everything a country would dream of.”",
        [("We have everything a country would dream of.", "Mélanie Joly")],
    ),
    (
        "participle_cue_takes_clause_subject",
        "Roderich Kiesewetter, a member of the Bundestag, echoed these sentiments, asserting, "
        "“It would be to the advantage of both of us.”",
        [("It would be to the advantage of both of us.", "Roderich Kiesewetter")],
    ),
    (
        "speaker_verb_colon_quote",
        "Leuprecht mentioned Canada’s geographic advantage: “Canada provides defence in depth.”",
        [("Canada provides defence in depth.", "Leuprecht")],
    ),
    (
        "split_quotation",
        "“The first part is true,” said Tom Hale, “and so is the second part.”",
        [("The first part is true,", "Tom Hale"), ("and so is the second part.", "Tom Hale")],
    ),
    (
        "split_quotation_across_sentences",
        "“One thing is certain.” insists Laura Burton. “Another is not.”",
        [("One thing is certain.", "Laura Burton"), ("Another is not.", "Laura Burton")],
    ),
    (
        "partial_quote_in_reported_speech",
        "Foreign Minister Mélanie Joly said a month ago that she expects an agreement "
        "“in the coming months.”",
        [("in the coming months.", "Mélanie Joly")],
    ),
    (
        "partial_quote_deep_in_clause",
        "Carney stressed that this access would allow Canada to “deliver on our new "
        "capabilities more rapidly.”",
        [("deliver on our new capabilities more rapidly.", "Carney")],
    ),
    (
        "partial_quote_called",
        "The agreement comes at what Mark Carney called “a hinge moment in history.”",
        [("a hinge moment in history.", "Mark Carney")],
    ),
    (
        "organization_said_that",
        "In a white paper, the European Union said that “our cooperation with Canada must be "
        "strengthened.”",
        [("our cooperation with Canada must be strengthened.", "European Union")],
    ),
    (
        "according_to",
        "“The deal is nearly done,” according to Sarah Miller, a trade lawyer.",
        [("The deal is nearly done,", "Sarah Miller")],
    ),
    (
        "told_reporters",
        "“We will not back down,” Governor Ron Adams told reporters on Tuesday.",
        [("We will not back down,", "Ron Adams")],
    ),
    (
        "wrote_on_social_media",
        "Carney later wrote on social media that the soldiers were “brave young soldiers who "
        "defended Europe.”",
        [("brave young soldiers who defended Europe.", "Carney")],
    ),
    (
        "in_a_statement",
        "In a statement, Senator Lisa Park said: “This bill protects families.”",
        [("This bill protects families.", "Lisa Park")],
    ),
    (
        "spokesperson_of_someone",
        "An EU spokesperson for European Council President Antonio Costa said the summits aim "
        "to “further deepen the relationship.”",
        [("further deepen the relationship.", "EU spokesperson")],
    ),
    (
        "passive_quoted_as_saying",
        "Minister John Reid was quoted as saying “the army is ready.”",
        [("the army is ready.", "John Reid")],
    ),
    (
        "continuation_paragraph",
        "“There is a widespread belief in Europe,” said Christian Leuprecht.\n"
        "“This is an opportunity for Canada to show Europe that we are ready.”",
        [
            ("There is a widespread belief in Europe,", "Christian Leuprecht"),
            (
                "This is an opportunity for Canada to show Europe that we are ready.",
                "Christian Leuprecht",
            ),
        ],
    ),
    (
        "multi_paragraph_quotation",
        "Dana White said:\n“The first paragraph of a long statement.\n"
        "“The second paragraph of it ends here.”",
        [
            ("The first paragraph of a long statement.", "Dana White"),
            ("The second paragraph of it ends here.", "Dana White"),
        ],
    ),
    (
        "colon_intro_paragraph",
        "The New York Times reports:\n\n“Just 24 percent of the contributors gave $200 or less.”",
        [("Just 24 percent of the contributors gave $200 or less.", "New York Times")],
    ),
    (
        "reporting_verb_after_quote_he",
        "European Council President António Costa spoke alongside Mark Carney.\n"
        "“We see the world through the same lens,” he said.",
        [("We see the world through the same lens,", "António Costa")],
    ),
    (
        "short_partial_quote_with_frame_is_kept",
        "Donald Trump called the polls “rigged,” on Sunday.",
        [("rigged,", "Donald Trump")],
    ),
    (
        "scare_quote_is_not_returned",
        "Canada and the European Union were in talks about a possible “security and defense” "
        "partnership.",
        [],
    ),
    (
        "title_in_quotes_is_not_returned",
        "Participation in the ‘Safe’ fund provides a boost to Canada’s procurement.",
        [],
    ),
    (
        "unattributed_full_quotation_has_no_speaker",
        "The report ended there.\n\n“Canada and the European Union recognize the alliance.”",
        [("Canada and the European Union recognize the alliance.", None)],
    ),
]


@pytest.mark.parametrize(
    "text, expected", [(t, e) for _, t, e in CASES], ids=[name for name, _, _ in CASES]
)
def test_attribution(
    extractor: quoteattr.QuoteExtractor, text: str, expected: list[tuple[str, str | None]]
) -> None:
    quotes = extractor.extract(text)
    got = [(q.text, q.speaker.name if q.speaker else None) for q in quotes]
    assert got == expected
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker is not None:
            assert q.rule != "none" and 0 < q.confidence <= 1
            m = q.speaker.mention
            assert m is None or text[m.start : m.end] == m.text
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text


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
