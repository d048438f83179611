"""Regressions found by ``benchmarks/fuzz_quotes.py``: each input once crashed or broke an
invariant of :mod:`fuzz.invariants`.

The fuzzer reports the shortest input of each finding; the cases here are that input or a
readable equivalent, with the finding it stands for.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import quoteattr
from fuzz.invariants import (
    InvariantError,
    check_extract,
    check_indirect,
    check_marks,
    check_quotes,
)
from quoteattr._context import Context
from quoteattr._names import fold, similar_spelling
from quoteattr._parsing import paragraphs_of_doc
from quoteattr.marks import QuoteSpan, find_quotes, paragraph_bounds
from quoteattr.options import Options
from quoteattr.pipeline import attribute_context

SURROGATE_INPUTS = [
    # spaCy's tokenizer raised UnicodeEncodeError ('surrogates not allowed') on any lone
    # surrogate in a parsed paragraph (found by the extract target, UTF-16 mode).
    "\ud800“Hi there,” said Bob Smith.",
    "“Hi there,” said Bob Smith.\ud800",
    "“Hi \udfff there,” said Bob Smith.",
    "“Hi there,” said Bob\ud83d Smith.",
    "“Hi there,” said Bob Smith.\n\ud800\udc00",
]


@pytest.mark.parametrize("text", SURROGATE_INPUTS)
def test_lone_surrogates_do_not_crash_extraction(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    check_marks(text)
    quotes = quoteattr.extract_quotes(text, nlp)
    check_extract(text, quotes, include_scare=False)
    assert [q.text for q in quotes] == [text[q.start : q.end] for q in quotes]
    assert len(quotes) == 1
    assert quotes[0].text.startswith("Hi")


SURROGATE_NAMES = [
    # jellyfish raised UnicodeEncodeError comparing name spellings that held a lone
    # surrogate (found by the extract target): names now fold it to U+FFFD. Checked with
    # the other findings by test_findings_keep_the_invariants.
    "\u201dF\x1cMary\naccording to\x01t\u201eM\u201d\ud800",
    '\ud83dMs..:"M',
    "“We won,” said Ana\ud800 Silva. “We won again,” said Ana Silva.",
]


def test_folded_surrogate_compares_as_the_replacement_character() -> None:
    assert fold("Sil\ud800va") == "sil\ufffdva"
    assert isinstance(similar_spelling("Sil\ud800va", "Silva"), bool)  # no UnicodeEncodeError


def test_surrogate_outside_the_attribution_keeps_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“Hi there,” said Bob Smith.\ud800"
    [quote] = quoteattr.extract_quotes(text, nlp)
    assert quote.speaker is not None
    assert quote.speaker.name == "Bob Smith"


MENTION_INPUTS = [
    # the fuzzer's shortest input: the mention '2"�d' began inside the quotation “2"
    ('“2"\ufffdd said', None),
    # readable equivalents: a speaker noun phrase glued to the closing mark took the quoted
    # words as its modifiers ('Great game” coach John Smith')
    ("“Great game” coach John Smith said.", "John Smith"),
    ("“Vote Smith” campaign manager Jane Doe said.", "Jane Doe"),
    ("“Go Lakers” fan Jane Doe said.", "Jane Doe"),
]


@pytest.mark.parametrize(("text", "name"), MENTION_INPUTS)
def test_speaker_mention_stays_outside_the_quotation(text: str, name: str | None, nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = quoteattr.extract_quotes(text, nlp)
    check_extract(text, quotes, include_scare=False)
    if name is not None:
        [quote] = quotes
        assert quote.speaker is not None
        assert quote.speaker.name == name
        assert quote.speaker.mention is not None
        assert quote.speaker.mention.text.endswith(name)


def test_invariant_checker_rejects_bad_offsets() -> None:
    """The checker the fuzzers rely on does fail on a wrong offset."""
    text = "“Hi,” said Bob."
    good = quoteattr.Quote(text="Hi,", start=1, end=4)
    check_extract(text, [good], include_scare=True)
    with pytest.raises(InvariantError):
        check_extract(text, [quoteattr.Quote(text="Hi,", start=0, end=3)], include_scare=True)
    with pytest.raises(InvariantError):
        check_extract(text, [], include_scare=True)


def test_indirect_checker_rejects_overlap_with_a_direct_quotation() -> None:
    """The reported-speech checker fails on a clause over a direct quotation's marks."""
    text = "Bob said “we won” today."
    cue = quoteattr.Cue(text="said", lemma="say", start=4, end=8)
    direct = quoteattr.Quote(text="we won", start=10, end=16, kind="direct")
    clause = quoteattr.Quote(text="“we won” today", start=9, end=23, kind="indirect", cue=cue)
    check_indirect(text, [direct])
    with pytest.raises(InvariantError):
        check_indirect(text, [clause, direct])


UNCLOSED_IN_CLAUSE = "upcht said thaCanad ››cn oeuropa lc prodcechaper energy weons, and "
"""Found by the extract target's reported-speech check (``indirect_around_partial``): the
clause "thaCanad ››cn" ran into an unclosed quotation (opened by ›) that came back as a
direct quotation, because only marks were checked, not what the quotation turned out to be."""


@pytest.mark.parametrize("around", [False, True])
def test_reported_clause_never_runs_into_a_direct_quotation(around: bool, nlp) -> None:  # type: ignore[no-untyped-def]
    extractor = quoteattr.QuoteExtractor(nlp, include_indirect=True, indirect_around_partial=around)
    quotes = extractor.extract(UNCLOSED_IN_CLAUSE)
    check_indirect(UNCLOSED_IN_CLAUSE, quotes)
    assert [q.kind for q in quotes] == ["direct"]


@pytest.mark.parametrize("around", [False, True])
def test_findings_keep_the_indirect_invariants(around: bool, nlp) -> None:  # type: ignore[no-untyped-def]
    """Every past finding, run with reported speech (the fuzzer does one input in eight)."""
    extractor = quoteattr.QuoteExtractor(nlp, include_indirect=True, indirect_around_partial=around)
    for text in FINDINGS:
        check_indirect(text, extractor.extract(text))


def test_continued_quotation_is_not_half_dropped(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“We have a plan\n“And it is good.”"
    quotes = quoteattr.extract_quotes(text, nlp)
    check_extract(text, quotes, include_scare=False)
    assert [q.text for q in quotes] == ["We have a plan", "And it is good."]


# fuzz finding (extract target): the speaker 'Johanalysttwo“And', a mention reaching into
# its own quotation
GLUED_FINDING = "“One,” said Johanalysttwo“And more,” she addeSmite.”"

GLUED_MARKS = [
    # readable equivalents of GLUED_FINDING
    (
        "“One,” said John Smith“And more,” he added.",
        [("One,", "John Smith"), ("And more,", "John Smith")],
    ),
    # the same missing space elsewhere around a mark loses the attribution
    ("John Smith said:“We will win.”", [("We will win.", "John Smith")]),
    ("“We will win,”said John Smith.", [("We will win,", "John Smith")]),
    ("John Smith said“We will win.”", [("We will win.", "John Smith")]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    GLUED_MARKS,
    ids=["open-after-name", "open-after-colon", "close-before-cue", "open-after-cue"],
)
def test_quotation_mark_glued_to_a_word(
    text: str,
    expected: list[tuple[str, str]],
    nlp,  # type: ignore[no-untyped-def]
) -> None:
    quotes = quoteattr.extract_quotes(text, nlp)
    check_extract(text, quotes, include_scare=False)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == expected


@pytest.mark.parametrize(
    "text",
    [
        "John Smith said“We will win.”",
        "“We will win,”said John Smith.",
        "a “b”c, «d»e",
        "plain text",
    ],
)
def test_splitting_glued_marks_keeps_the_text(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    from quoteattr._parsing import split_glued_marks

    doc = split_glued_marks(nlp.tokenizer(text))
    assert doc.text == text
    assert not any(len(t) > 1 and any(m in t.text for m in "“”«»") for t in doc)


def test_glued_mark_in_a_callers_doc(nlp) -> None:  # type: ignore[no-untyped-def]
    # fuzz finding (extract target, Doc input): a caller's Doc keeps 'Smith“And' as one
    # token, and the mention and the name reached into the quotation
    text = "“One,” said John Smith“And more,” he added."
    quotes = quoteattr.extract_quotes(nlp(text), nlp)
    check_extract(text, quotes, include_scare=False)
    assert [q.speaker.name if q.speaker else None for q in quotes] == ["John Smith"] * 2


# fuzz finding (extract target): overlapping PTB and single marks left a speaker mention
# ("style") inside the quotation it was attributed to
STACKED = (
    "“We widl=wi\x00``PTB style,'' said Mary\x00\x00\x00\x00\x00\x00``PTB style,' "
    "saidtweeted Mary Jones.\r\n„German\ufffd\x00\x00\x00\x00\x00\ufffd\x00\n\x00"
)


def test_stacked_unbalanced_marks_never_name_the_quotes_own_words(nlp) -> None:  # type: ignore[no-untyped-def]
    for source in (STACKED, nlp(STACKED)):
        check_extract(STACKED, quoteattr.extract_quotes(source, nlp), include_scare=False)


CUE_INSIDE = [
    # fuzz finding (extract target, random engine): the marks ” … “ were taken for a
    # quotation, and its cue 'according' (rule according_to) was a word of that quotation
    'Ms.”enotthe\u200baccording to“t "',
    # the same finding shrunk further by the fuzzer's shrinker (run on the code before the
    # fix): the cue inside the quotation needs no back-to-front marks at all
    'a"according to"l',
    # readable equivalents
    "Ms. ”The plan is sound according to“ Jane Doe.",
    'The deal was "according to plan" Jane Doe said.',
    "He said ’the plan according to‘ Jane Doe.",
]


@pytest.mark.parametrize("text", CUE_INSIDE)
def test_no_cue_inside_its_own_quotation(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    check_marks(text)  # and marks never pair back to front
    assert not any(
        q.close_mark in ("“", "‘") and q.open_mark in ("”", "’") for q in find_quotes(text)
    )
    for source in (text, nlp(text)):
        for scare in (False, True):
            extractor = quoteattr.QuoteExtractor(nlp, include_scare=scare)
            check_extract(text, extractor.extract(source), include_scare=scare)


def test_cue_inside_its_own_quotation_is_refused(nlp) -> None:  # type: ignore[no-untyped-def]
    # the attribution rules never take a cue from the quotation's own words, whatever
    # span the mark parser hands them (here the back-to-front span it once produced)
    text = 'Ms.”enotthe according to“t "'
    span = QuoteSpan(start=4, end=24, open_mark="”", close_mark="“", mark_start=3, mark_end=25)
    options = Options(include_scare=True)
    paras = paragraphs_of_doc(nlp(text), paragraph_bounds(text))
    ctx = Context(text=text, paras=paras, quotes=[span], lexicon=options.lexicon)
    [quote] = attribute_context(ctx, options)
    check_quotes(text, [quote])
    assert quote.cue is None


def test_according_to_inside_a_quotation_is_not_its_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    [quote] = quoteattr.extract_quotes('The deal was "according to plan" Jane Doe said.', nlp)
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker is not None and quote.speaker.name == "Jane Doe"


SIGNATURES = [
    # fuzz finding (extract target, random engine): the dash signature took the white space
    # between 'r  r' (a token the tagger put in a PERSON entity) as the speaker: name ' '
    ('"S"―  . van r  r', None),
    # readable equivalents: runs of spaces and a letterless token after the name
    ("“We will win.” ― Jorge  Falcon", "Jorge Falcon"),
    ("“We will win.” ― Jorge Falcon  😀", "Jorge Falcon"),
]


@pytest.mark.parametrize(("text", "name"), SIGNATURES)
def test_signature_speaker_is_never_white_space(text: str, name: str | None, extractor) -> None:  # type: ignore[no-untyped-def]
    quotes = extractor.extract(text)
    check_extract(text, quotes, include_scare=False)
    if name is not None:
        assert [q.speaker.name if q.speaker else None for q in quotes] == [name]


TRANSCRIPT_LABELS = [
    "\u201fTO:\x85",  # the label was the whole quotation: its speaker inside it
    '"PENCE: She will not.',
    '"TO: us all,” she said.',
]


@pytest.mark.parametrize("text", TRANSCRIPT_LABELS, ids=repr)
def test_a_transcript_label_is_never_inside_its_quotation(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    for scare in (False, True):
        extractor = quoteattr.QuoteExtractor(nlp, include_scare=scare)
        for source in (text, nlp(text)):
            check_extract(text, extractor.extract(source), include_scare=scare)


FINDINGS = [
    *TRANSCRIPT_LABELS,
    *SURROGATE_INPUTS,
    *SURROGATE_NAMES,
    *(text for text, _ in MENTION_INPUTS),
    GLUED_FINDING,
    *(text for text, _ in GLUED_MARKS),
    STACKED,
    *CUE_INSIDE,
    *(text for text, _ in SIGNATURES),
    UNCLOSED_IN_CLAUSE,
]
"""Every input above: the fuzzer's corpus (``benchmarks/fuzz_corpus/findings.repr``)."""

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "fuzz_corpus"


def test_findings_are_in_the_fuzz_corpus() -> None:
    """A new regression goes into the corpus too: ``fuzz_quotes.py --write-corpus``."""
    lines = (CORPUS / "findings.repr").read_text(encoding="utf-8").splitlines()
    corpus = {ast.literal_eval(line) for line in lines if line.strip() and line[0] != "#"}
    assert [text for text in FINDINGS if text not in corpus] == []


@pytest.mark.parametrize("text", FINDINGS)
def test_findings_keep_the_invariants(text: str, extractor) -> None:  # type: ignore[no-untyped-def]
    check_marks(text)
    check_extract(text, extractor.extract(text), include_scare=False)
