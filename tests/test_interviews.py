"""Interviews: the questions and answers read from the text, and the fuzz invariants on them.

The speakers are pinned by the golden table's ``qa_*`` rows; these tests pin the text
layer (:func:`quoteattr._quotations.read_interview`), that the fuzz checker holds for
interviews and still fails on what it must, and that a caller's Doc gives the same quotes.
"""

from __future__ import annotations

import pytest
from fuzz.invariants import InvariantError, check_extract

import quoteattr
from quoteattr._quotations import outermost_quotations, read_interview, signature_end
from quoteattr.marks import find_quotes

TALK = (
    "Dana Whitfield, the harbour master, answered readers' questions.\n"
    "Q: Why is the slipway closed? Ben T, Quayside\n"
    "A: The winter storms cracked it, and “safety first” is our rule.\n"
    "The repairs start in April.\n"
    "Q: Will the ferry run in August?\n"
    "Ruth K, Northgate\n"
    "A: Every day, twice."
)


def test_read_interview_spans() -> None:
    talk = read_interview(TALK)
    assert talk is not None
    got = [(TALK[q.start : q.end], q.open_mark, q.continues is not None) for q in talk.spans]
    assert got == [
        ("Why is the slipway closed?", "Q:", False),
        ("The winter storms cracked it, and “safety first” is our rule.", "A:", False),
        ("The repairs start in April.", "", True),
        ("Will the ferry run in August?", "Q:", False),
        ("Every day, twice.", "A:", False),
    ]
    assert talk.intro == (0, TALK.index("\n"))
    assert talk.start == TALK.index("Q:")


def test_marked_quotations_inside_answers_are_nested() -> None:
    spans, frames = outermost_quotations(TALK)
    assert "safety first" not in [TALK[q.start : q.end] for q in spans]
    assert frames == [(0, TALK.index("\n"))]  # the introduction, read for the speakers


@pytest.mark.parametrize(
    "text",
    [
        "Q: Is it safe?\nA: Yes.",  # one of each
        "A: Yes.\nQ: Really?\nA: Yes.\nQ: Sure?",  # an answer first
        "Q: One?\nQ: Two?\nA: Yes.\nA: No.",  # no alternation
        "Quite. A storm.\nQuiet: A lull.",  # words, not labels
    ],
)
def test_not_an_interview(text: str) -> None:
    assert read_interview(text) is None


def test_signature_end() -> None:
    text = "Why now? Jane R, Fulford"
    assert signature_end(text, 0, len(text)) == len("Why now?")
    for plain in ("Why now? Thanks.", "Why now? I ask because it matters.", "Why now?"):
        assert signature_end(plain, 0, len(plain)) == len(plain)


def test_no_signature_cut_inside_a_marked_quotation() -> None:
    text = "Q: What of the “plan? Jane R, Fulford\nA: Later.\nQ: Why? Tom H, Acomb\nA: Money."
    talk = read_interview(text, [q for q in find_quotes(text) if q.depth == 0])
    assert talk is not None
    assert text[talk.spans[0].start : talk.spans[0].end] == "What of the “plan? Jane R, Fulford"
    assert text[talk.spans[2].start : talk.spans[2].end] == "Why?"


def test_checker_holds_on_an_interview(nlp) -> None:  # type: ignore[no-untyped-def]
    for scare in (True, False):
        quotes = quoteattr.QuoteExtractor(nlp, include_scare=scare).extract(TALK)
        check_extract(TALK, quotes, include_scare=scare)
    speakers = [q.speaker.name if q.speaker else None for q in quotes]
    assert speakers == ["Ben T", "Dana Whitfield", "Dana Whitfield", "Ruth K", "Dana Whitfield"]


def test_checker_still_fails_in_an_interview(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = quoteattr.QuoteExtractor(nlp, include_scare=True).extract(TALK)
    with pytest.raises(InvariantError, match="question lost"):
        check_extract(TALK, quotes[1:], include_scare=True)
    start = TALK.index("safety first")
    marked = quoteattr.Quote(text="safety first", start=start, end=start + 12)
    with pytest.raises(InvariantError, match="neither a question nor an answer"):
        check_extract(
            TALK, sorted([*quotes[:1], marked], key=lambda q: q.start), include_scare=True
        )
    with pytest.raises(InvariantError, match="paragraph of an interview lost"):
        check_extract(TALK, quotes[:-1], include_scare=True)
    with pytest.raises(InvariantError, match="continues"):
        check_extract(TALK, [q for q in quotes if "storms" not in q.text], include_scare=True)


def test_caller_doc_gives_the_same_interview(nlp) -> None:  # type: ignore[no-untyped-def]
    from_text = quoteattr.extract_quotes(TALK, nlp)
    from_doc = quoteattr.extract_quotes(nlp(TALK))
    assert [(q.start, q.rule, q.speaker and q.speaker.name) for q in from_text] == [
        (q.start, q.rule, q.speaker and q.speaker.name) for q in from_doc
    ]
