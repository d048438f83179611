"""Adversarial inputs: any input, any size, no crash, nothing lost (issue 6).

Every test checks the invariants of :mod:`fuzz.invariants` (offsets index the original
string, sorted output, no overlap, every outermost quotation returned) and, where the input
has a defined reading, the result itself.

Sizes: the mark parser (:func:`quoteattr.find_quotes`) runs on the full 10 MB document and
the 2 MB paragraph. Extraction parses what it needs with spaCy, a few tens of KB of quoted
news a second on a small machine, so by default it runs on 10 MB documents with few
quotations, on a 2 MB paragraph of long words and on 56 KB of dense news; the full 10 MB
and 2 MB news extractions run only with ``QUOTEATTR_SLOW_TESTS=1``.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from pathlib import Path

import pytest
from fuzz.invariants import check_extract, check_marks

import quoteattr
from quoteattr._selection import MAX_CHUNK

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SLOW = pytest.mark.skipif(
    not os.environ.get("QUOTEATTR_SLOW_TESTS"),
    reason="minutes of spaCy parsing; set QUOTEATTR_SLOW_TESTS=1",
)

ALL_MARKS = "\"“”„‟'‘’‚‛«»‹›"


def _news() -> str:
    """The seed news texts, one paragraph per line (about 28 KB)."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) + "\n"


def _without_marks(text: str) -> str:
    return re.sub("[" + re.escape(ALL_MARKS) + "`]", "", text)


def _repeat_to(unit: str, size: int) -> str:
    return unit * (size // len(unit) + 1)


@pytest.fixture(scope="module")
def scare(nlp):  # type: ignore[no-untyped-def]
    """An extractor that returns scare quotes too, so that nothing may be missing."""
    return quoteattr.QuoteExtractor(nlp, include_scare=True)


def _extract(extractor: quoteattr.QuoteExtractor, text: str) -> list[quoteattr.Quote]:
    quotes = extractor.extract(text)
    check_extract(text, quotes, include_scare=extractor.options.include_scare)
    return quotes


def _find(text: str) -> list[quoteattr.QuoteSpan]:
    return quoteattr.find_quotes(text)


def _speakers(quotes: list[quoteattr.Quote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in quotes]


# --- only quotation marks ---------------------------------------------------------------

_rng = random.Random(6)
ONLY_MARKS = [
    *ALL_MARKS,
    ALL_MARKS,
    ALL_MARKS[::-1],
    "``''``''",
    "“" * 1000,
    "”" * 1000,
    "“”" * 1000,
    '"' * 1001,
    "'" * 1000,
    "’‘" * 500,
    "«»" * 500,
    "»«" * 500,
    " “ ” " * 200,
    "\n".join("“" * k for k in range(50)),
    "".join(_rng.choice(ALL_MARKS + " \n") for _ in range(3000)),
    "".join(_rng.choice(ALL_MARKS) for _ in range(3000)),
]


@pytest.mark.parametrize("text", ONLY_MARKS, ids=range(len(ONLY_MARKS)))
def test_only_quotation_marks(text: str, scare: quoteattr.QuoteExtractor) -> None:
    spans = check_marks(text)
    quotes = _extract(scare, text)
    assert all(q.speaker is None for q in quotes)
    assert all(not q.text.strip(ALL_MARKS + "` ") for q in quotes)  # marks hold only marks
    if len(set(text)) == 1 or set(text) <= set("“” "):
        assert spans == []  # one mark repeated, or pairs, quote nothing


# --- 100,000 unbalanced marks -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["“" * 100_000, '"' * 100_001, "‘" * 100_000, "«" * 100_000],
    ids=["curly", "straight", "single", "guillemet"],
)
def test_100k_unbalanced_marks_of_one_kind(text: str, scare: quoteattr.QuoteExtractor) -> None:
    assert check_marks(text) == []
    assert _extract(scare, text) == []


def test_100k_unbalanced_openings_with_words() -> None:
    """Each new opening mark ends the open quotation: 100,000 one-word quotations."""
    text = "“a " * 100_000
    spans = check_marks(text)
    assert len(spans) == 100_000
    assert all(text[s.start : s.end] == "a" and s.close_mark is None for s in spans)


def test_100k_unbalanced_openings_on_their_own_lines() -> None:
    """A 100,000-paragraph quotation: every part continues the one before."""
    text = "“a\n" * 100_000
    spans = check_marks(text)
    assert len(spans) == 100_000
    assert spans[0].continues is None
    assert all(s.continues == p.start for p, s in itertools.pairwise(spans))


def test_100k_nested_openings_of_four_families(scare: quoteattr.QuoteExtractor) -> None:
    """Marks of four families open inside one another: 75,000 nested quotations."""
    text = "“‘«‹" * 25_000
    spans = check_marks(text)
    assert max(s.depth for s in spans) > 10_000
    short = text[:10_000]  # extraction parses the outermost quotation: 10,000 marks
    assert [(q.start, q.end) for q in _extract(scare, short)] == [(1, len(short))]


def test_many_unclosed_quotations_in_one_paragraph(scare: quoteattr.QuoteExtractor) -> None:
    """3,000 quotations in one paragraph (quadratic token scans once made this take minutes)."""
    text = "“a " * 3_000
    quotes = _extract(scare, text)
    assert [q.text for q in quotes] == ["a"] * 3_000


def test_many_attributed_quotations_in_one_paragraph(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "“We will win,” said Jane Doe. " * 200
    quotes = _extract(extractor, text)
    assert len(quotes) == 200
    assert {q.speaker.name for q in quotes if q.speaker} == {"Jane Doe"}
    assert sum(q.speaker is not None for q in quotes) >= 190


# --- very large documents -----------------------------------------------------------------


@pytest.fixture(scope="module")
def ten_mb() -> tuple[str, str]:
    unit = _news()
    return unit, _repeat_to(unit, 10_000_000)


@pytest.fixture(scope="module")
def ten_mb_unquoted(ten_mb: tuple[str, str]) -> str:
    return _without_marks(ten_mb[1])


def test_10mb_document_marks(ten_mb: tuple[str, str]) -> None:
    unit, text = ten_mb
    assert len(text) >= 10_000_000
    spans = check_marks(text)
    one = [(s.start, s.end, s.depth, s.open_mark, s.close_mark) for s in _find(unit)]
    copies = len(text) // len(unit)
    assert len(spans) >= copies * len(one)
    # every copy of the unit reads the same as the unit alone
    for k in (1, copies // 2, copies - 1):
        shift = k * len(unit)
        got = [
            (s.start - shift, s.end - shift, s.depth, s.open_mark, s.close_mark)
            for s in spans
            if shift <= s.mark_start < shift + len(unit)
        ]
        assert got == one


def test_10mb_document_without_quotations(ten_mb_unquoted: str, scare) -> None:  # type: ignore[no-untyped-def]
    text = ten_mb_unquoted
    assert len(text) > 9_000_000
    assert _find(text) == []
    assert _extract(scare, text) == []


@pytest.mark.parametrize("where", ["start", "end"])
def test_10mb_document_with_one_quotation(where: str, ten_mb_unquoted: str, extractor) -> None:  # type: ignore[no-untyped-def]
    body = ten_mb_unquoted
    line = "“We will win,” said Jane Doe.\n"
    text = line + body if where == "start" else body + line
    [quote] = _extract(extractor, text)
    assert quote.text == "We will win,"
    assert quote.start == (1 if where == "start" else len(body) + 1)
    assert quote.speaker is not None and quote.speaker.name == "Jane Doe"


def test_dense_news_repeated(extractor) -> None:  # type: ignore[no-untyped-def]
    """Two copies of the seed news (56 KB): the second copy reads like the first."""
    unit = _news()
    quotes = _extract(extractor, unit * 2)
    first = [(q.start, q.end) for q in quotes if q.start < len(unit)]
    second = [(q.start - len(unit), q.end - len(unit)) for q in quotes if q.start >= len(unit)]
    assert first and first == second


@SLOW
def test_10mb_document_extract(ten_mb: tuple[str, str], scare) -> None:  # type: ignore[no-untyped-def]
    _extract(scare, ten_mb[1])


# --- one 2 MB paragraph -------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_mb_paragraph() -> str:
    return _repeat_to(_news().replace("\n", " "), 2_000_000)


def test_2mb_paragraph_marks(two_mb_paragraph: str) -> None:
    text = two_mb_paragraph
    spans = check_marks(text)
    assert {s.paragraph for s in spans} == {0}
    assert len(spans) > 1000


def test_2mb_quotation_of_one_word(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "“" + "x" * 2_000_000 + ",” said Bob Smith."
    [quote] = _extract(extractor, text)
    assert (quote.start, quote.end) == (1, 2_000_002)
    assert quote.speaker is not None and quote.speaker.name == "Bob Smith"


def _long_paragraph(before_cut: str, after_cut: str, word: str = "x" * 999 + " ") -> str:
    """One 2 MB paragraph whose last space before ``MAX_CHUNK`` follows ``before_cut``."""
    size = MAX_CHUNK - 1 - len(before_cut)
    filler = word * ((size - 500) // len(word))
    filler += "y" * (size - len(filler) - 1) + " "
    head = filler + before_cut + after_cut + " "
    return head + word * ((2_000_000 - len(head)) // len(word) + 1)


@pytest.mark.parametrize(
    ("before_cut", "after_cut"),
    [
        ("“We will", " win,” said Bob Smith."),
        ("“We will win,”", " said Bob Smith."),
        ("“We will win,” said", " Bob Smith."),
    ],
    ids=["in-quote", "after-quote", "after-cue"],
)
def test_2mb_paragraph_cut_for_parsing(before_cut: str, after_cut: str, extractor) -> None:  # type: ignore[no-untyped-def]
    text = _long_paragraph(before_cut, after_cut)
    assert len(text) > 2_000_000
    [quote] = _extract(extractor, text)
    assert quote.text == "We will win,"
    assert quote.speaker is not None and quote.speaker.name == "Bob Smith"


def test_2mb_paragraph_of_sentences_is_cut_at_a_sentence_end(extractor) -> None:  # type: ignore[no-untyped-def]
    text = _long_paragraph("“We will win,” said Bob", " Smith.", word="x" * 998 + ". ")
    [quote] = _extract(extractor, text)
    assert quote.speaker is not None and quote.speaker.name == "Bob Smith"


def test_2mb_paragraph_is_not_cut_inside_a_name(extractor) -> None:  # type: ignore[no-untyped-def]
    text = _long_paragraph("“We will win,” said Bob", " Smith.")
    [quote] = _extract(extractor, text)
    assert quote.speaker is not None and quote.speaker.name == "Bob Smith"


@SLOW
def test_2mb_paragraph_extract(two_mb_paragraph: str, scare) -> None:  # type: ignore[no-untyped-def]
    _extract(scare, two_mb_paragraph)


# --- odd characters -----------------------------------------------------------------------

JANE = [("We will win,", "Jane Doe")]

ODD_CHARACTERS = [
    # control characters and NUL
    ("nul", "\x00“We will win,” said Jane Doe.\x00", JANE),
    ("controls", "\x01\x02“We will win,”\x07 said Jane Doe.\x1b", JANE),
    ("nul-after-name", "“We will win,” said Jane Doe.\x00", JANE),
    ("nul-in-quote", "“We\x00 will win,” said Jane Doe.", [("We\x00 will win,", "Jane Doe")]),
    # lone surrogates
    ("surrogate-before", "\ud800 “We will win,” said Jane Doe.", JANE),
    ("surrogate-after", "“We will win,” said Jane Doe.\udfff", JANE),
    (
        "surrogate-in-quote",
        "“We \ud83d will win,” said Jane Doe.",
        [("We \ud83d will win,", "Jane Doe")],
    ),
    # right-to-left text and bidirectional controls
    ("hebrew", "“אנחנו ננצח,” said Jane Doe.", [("אנחנו ננצח,", "Jane Doe")]),
    ("arabic", "“سوف ننتصر,” said Jane Doe.", [("سوف ننتصر,", "Jane Doe")]),
    ("rlm", "\u200f“We will win,”\u200f said Jane Doe.", JANE),
    ("embedding", "\u202b“We will win,” said Jane Doe.\u202c", JANE),
    ("lrm-in-name", "“We will win,” said Jane Doe\u200e.", JANE),
    # emoji and mixed scripts
    (
        "emoji-in-quote",
        "“We will win 🎉👩\u200d💻🇨🇦,” said Jane Doe.",
        [("We will win 🎉👩\u200d💻🇨🇦,", "Jane Doe")],
    ),
    (
        "mixed-scripts",
        "“Мы победим, 我们会赢,” said José García.",
        [("Мы победим, 我们会赢,", "José García")],
    ),
    # line endings
    (
        "crlf",
        "“We will win,” said Jane Doe.\r\n“We will fight,” she added.\r\n",
        [("We will win,", "Jane Doe"), ("We will fight,", "Jane Doe")],
    ),
    (
        "cr",
        "“We will win,” said Jane Doe.\r“We will fight,” she added.\r",
        [("We will win,", "Jane Doe"), ("We will fight,", "Jane Doe")],
    ),
    (
        "crlf-continuation",
        "Jane Doe said:\r\n“We will win.\r\n“And we will fight.”\r\n",
        [("We will win.", "Jane Doe"), ("And we will fight.", "Jane Doe")],
    ),
    (
        "line-separator",
        "“We will win,” Jane Doe said.\u2028“We will fight,” she added.",
        [("We will win,", "Jane Doe"), ("We will fight,", "Jane Doe")],
    ),
    # non-breaking spaces
    ("nbsp-in-name", "“We will win,” said Jane\u00a0Doe.", JANE),
    ("nbsp-around-cue", "“We will win,”\u00a0said\u00a0Jane\u00a0Doe.", JANE),
    ("nbsp-inside-marks", "“\u00a0We will win,\u00a0” said Jane Doe.", JANE),
    ("french-nbsp", "«\u00a0Nous gagnerons\u00a0», a dit Jane Doe, said the paper.", None),
    ("thin-space-in-title", "“We will win,” said Prime\u2009Minister Jane\u202fDoe.", JANE),
    # zero-width characters
    ("zwsp-around-marks", "\u200b“We will win,”\u200b said Jane Doe.", JANE),
    (
        "zwsp-inside-marks",
        "“\u200bWe will win,\u200b” said Jane Doe.",
        [("\u200bWe will win,\u200b", "Jane Doe")],
    ),
    ("zwsp-in-name", "“We will win,” said Jane\u200bDoe.", JANE),
    ("zwsp-after-name", "“We will win,” said Jane Doe.\u200b", JANE),
    ("bom", "\ufeff“We will win,” said Jane Doe.", JANE),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in ODD_CHARACTERS],
    ids=[case[0] for case in ODD_CHARACTERS],
)
def test_odd_characters(text: str, expected: list[tuple[str, str]] | None, extractor) -> None:  # type: ignore[no-untyped-def]
    check_marks(text)
    quotes = _extract(extractor, text)
    if expected is not None:
        assert _speakers(quotes) == expected


@pytest.mark.parametrize(
    "text",
    ["“We will win,” said Jo\u200dhn Smith.", "“We will win,” said Jane\u200c Doe."],
    ids=["zwj", "zwnj"],
)
def test_joiner_inside_a_name_keeps_the_speaker(text: str, extractor) -> None:  # type: ignore[no-untyped-def]
    [quote] = _extract(extractor, text)
    assert quote.speaker is not None and quote.speaker.mention is not None
    mention = quote.speaker.mention
    assert text[mention.start : mention.end] == mention.text
    assert mention.text.replace("\u200d", "").replace("\u200c", "") in ("John Smith", "Jane Doe")


@pytest.mark.parametrize(
    "text",
    ["“We will win,” said Jane  Doe.", "“We will win,” said Jane\x00 Doe."],
    ids=["double-space", "nul-space"],
)
def test_whitespace_run_inside_a_name(text: str, extractor) -> None:  # type: ignore[no-untyped-def]
    assert _speakers(_extract(extractor, text)) == JANE


def test_emoji_after_a_name(extractor) -> None:  # type: ignore[no-untyped-def]
    assert _speakers(_extract(extractor, "“We will win,” said Jane Doe 😀.")) == JANE


# --- errors -------------------------------------------------------------------------------
# Every exception the public API raises is a quoteattr.QuoteattrError, or a TypeError /
# ValueError whose message says what to do.


@pytest.mark.parametrize(
    ("value", "type_name"),
    [(b"\xe2\x80\x9cHi,\xe2\x80\x9d said Bob.", "bytes"), (None, "NoneType"), (123, "int")],
)
def test_extract_quotes_rejects_non_text(value: object, type_name: str, nlp) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match=rf"str or a spaCy Doc, got {type_name}"):
        quoteattr.extract_quotes(value, nlp)  # type: ignore[arg-type]


def test_bytes_error_says_how_to_decode(extractor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match=r"bytes.*decode"):
        extractor.extract(b"text")
    with pytest.raises(TypeError, match=r"bytes.*decode"):
        list(extractor.pipe(["fine", b"text"]))


def test_missing_model_is_a_quoteattr_error() -> None:
    with pytest.raises(quoteattr.ModelNotFoundError, match="pip install"):
        quoteattr.extract_quotes("“Hi,” said Bob.", nlp="no_such_pipeline_xyz")
    assert issubclass(quoteattr.ModelNotFoundError, quoteattr.QuoteattrError)


@pytest.mark.parametrize("value", [123, None, b"text"], ids=["int", "None", "bytes"])
def test_find_quotes_rejects_non_text(value: object) -> None:
    with pytest.raises(TypeError):
        quoteattr.find_quotes(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [123, b"text"], ids=["int", "bytes"])
def test_find_quotes_type_error_names_str(value: object) -> None:
    with pytest.raises(TypeError, match=r"\bstr\b"):
        quoteattr.find_quotes(value)  # type: ignore[arg-type]


def test_pipe_as_tuples_error_says_what_to_pass(extractor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises((TypeError, ValueError), match=r"\(text, context\)|tuple|pair"):
        list(extractor.pipe(["“Hi,” said Bob."], as_tuples=True))


def test_pipe_rejects_a_single_string(extractor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError):
        list(extractor.pipe("“Hi,” said Bob."))


@pytest.mark.parametrize(
    "kwargs",
    [{"nlp": 123}, {"name_similarity": 5.0}, {"extra_cues": "opine"}],
    ids=["nlp", "name_similarity", "extra_cues"],
)
def test_extractor_validates_its_options(kwargs: dict[str, object], nlp) -> None:  # type: ignore[no-untyped-def]
    kwargs = {"nlp": nlp, **kwargs}
    with pytest.raises((TypeError, ValueError)):
        quoteattr.QuoteExtractor(**kwargs)  # type: ignore[arg-type]
