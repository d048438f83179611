"""Property tests for :mod:`quoteattr.marks`: generated news paragraphs and arbitrary text.

The generator builds documents whose quotations are known by construction: paragraphs of
narration (with apostrophes: ``don't``, ``Canada’s``, ``players’``...) and quotations in a
random mark style, with content that may hold apostrophes and one nested quotation of
another family. Each quotation starts after a space or at the start of its paragraph and
ends before a space, punctuation or the end; a quotation left open ends its paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given
from hypothesis import strategies as st

from quoteattr.marks import QuoteSpan, find_quotes, paragraph_bounds

BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\n\n", "\n \t\n", "\x0b", "\x0c", "\x1e", "\x85"]

NARRATION = [
    "he", "said", "the", "minister", "told", "reporters", "in", "Ottawa", "on", "Monday",
    "2019", "don't", "Canada’s", "players’", "horses'", "didn’t", "the ’90s", "rock ’n’ roll",
    "Trump‘s", "—", "and", "talks", "Europe’s", "3'", "12\"", "won\ufffdt", "Ottawa\ufffds",
]  # fmt: skip

CONTENT = [
    "We", "will", "win", "we’ve", "don't", "Canada’s", "it’s", "in", "2019", "talks", "the",
    "defence", "deal", "—", "…", ",", "rock ’n’ roll", "the ’90s", "Trump‘s", "can\ufffdt",
]  # fmt: skip
"""Content words that never end a single quotation by themselves."""

POSSESSIVES = ["players’", "horses'", "allies’"]
"""Plural possessives: fine inside a quotation unless a single one is open and ends or nests."""

FIRST_LAST_OK = [w for w in CONTENT if w[0] not in "’'" and w[-1] not in "’'"]

# style: (open, close, family, space inside the marks)
STYLES = {
    "curly double": ("“", "”", "double", ""),
    "straight double": ('"', '"', "double", ""),
    "ptb": ("``", "''", "double", ""),
    "curly single": ("‘", "’", "single", ""),
    "straight single": ("'", "'", "single", ""),
    "french": ("«", "»", "angle", " "),
    "german": ("»", "«", "angle", ""),
    "replacement": ("\ufffd", "\ufffd", "double", ""),
}
"""Mark styles. U+FFFD (``replacement``) is a mark only where its neighbours say which end
it is, so such a quotation is followed by nothing but white space or the paragraph's end."""
NESTED = {
    "curly double": ["curly single", "straight single"],
    "straight double": ["curly single", "straight single"],
    "ptb": ["curly single"],
    "curly single": ["curly double", "straight double"],
    "straight single": ["curly double", "straight double"],
    "french": ["curly double"],
    "german": ["curly double"],
    "replacement": ["curly single", "straight single"],
}

Key = tuple[int, int, int, bool, "int | None"]


@dataclass
class Builder:
    """Accumulates the text of a document and the spans it is known to contain."""

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    spans: list[Key] = field(default_factory=list)

    def add(self, piece: str) -> int:
        """Append ``piece``; return its offset."""
        start = self.pos
        self.parts.append(piece)
        self.pos += len(piece)
        return start

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _words(draw: st.DrawFn, single: bool, possessives: bool) -> list[str]:
    pool = CONTENT + (POSSESSIVES if possessives else [])
    middle = draw(st.lists(st.sampled_from(pool), max_size=5))
    last_pool = [w for w in FIRST_LAST_OK if not (single and w[-1] in "sS")]
    first = draw(st.sampled_from(FIRST_LAST_OK))
    last = draw(st.sampled_from(last_pool))
    return [first, *middle, last] if draw(st.booleans()) else [last]


def _quote(
    draw: st.DrawFn,
    b: Builder,
    style: str,
    depth: int,
    closed: bool,
    continues: int | None = None,
) -> int:
    """Build one quotation at the builder's end; return its content start."""
    open_mark, close_mark, family, pad = STYLES[style]
    single = family == "single"
    nested = depth == 0 and draw(st.booleans())
    # a plural possessive in an open single quotation ends it if nothing else does
    words = _words(draw, single, possessives=not (single and (nested or not closed)))
    where = draw(st.integers(0, len(words))) if nested else -1
    b.add(open_mark + pad)
    start = b.pos
    for i in range(len(words) + 1):
        if i == where:
            if i:
                b.add(" ")
            _quote(draw, b, draw(st.sampled_from(NESTED[style])), depth + 1, True)
            if i < len(words):
                b.add(" ")
        if i < len(words):
            b.add(words[i] if i == 0 or i == where else " " + words[i])
    end = b.pos
    if closed:
        b.add(pad + close_mark)
    b.spans.append((start, end, depth, closed, continues))
    return start


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[Key]]:
    """A document of 1-5 paragraphs and the spans it contains (sorted)."""
    b = Builder()
    carry: tuple[int, str] | None = None  # an outermost quotation left open
    for index in range(draw(st.integers(1, 5))):
        if index:
            b.add(draw(st.sampled_from(BREAKS)))
        b.add(draw(st.sampled_from(["", " ", "\t"])))
        carry = _paragraph(draw, b, carry)
        b.add(draw(st.sampled_from(["", " "])))
    return b.text, sorted(b.spans, key=lambda k: (k[0], k[2]))


def _paragraph(
    draw: st.DrawFn, b: Builder, carry: tuple[int, str] | None
) -> tuple[int, str] | None:
    """Build one paragraph; return ``(start, family)`` if it ends with a quotation open."""
    segments = draw(st.lists(st.sampled_from(["narration", "quote"]), min_size=1, max_size=5))
    open_end = draw(st.booleans())
    if open_end:
        segments.append("open quote")
    left_open = None
    for i, kind in enumerate(segments):
        if i:
            b.add(" ")
        if kind == "narration":
            b.add(" ".join(draw(st.lists(st.sampled_from(NARRATION), min_size=1, max_size=6))))
            continue
        style = draw(st.sampled_from(sorted(STYLES)))
        family = STYLES[style][2]
        linked = i == 0 and carry is not None and carry[1] == family
        start = _quote(draw, b, style, 0, kind == "quote", carry[0] if linked else None)
        if kind == "quote":
            if style != "replacement":
                b.add(draw(st.sampled_from(["", ",", ".", ":"])))
        else:
            left_open = (start, family)
    return left_open


def _key(span: QuoteSpan) -> Key:
    return (span.start, span.end, span.depth, span.closed, span.continues)


def _check_invariants(text: str, spans: list[QuoteSpan]) -> None:
    bounds = paragraph_bounds(text)
    starts = {(s.paragraph, s.start) for s in spans}
    for span in spans:
        assert 0 <= span.mark_start <= span.start <= span.end <= span.mark_end <= len(text)
        assert span.start < span.end
        lo, hi = bounds[span.paragraph]
        assert lo <= span.mark_start and span.mark_end <= hi
        if span.continues is not None:
            assert span.depth == 0 and span.mark_start == lo
            assert (span.paragraph - 1, span.continues) in starts
        assert text.startswith(span.open_mark, span.mark_start)
        if span.close_mark is None:
            assert span.mark_end == span.end
        else:
            assert text.endswith(span.close_mark, 0, span.mark_end)
    keys = [(s.start, s.depth) for s in spans]
    assert keys == sorted(keys)
    last_end: dict[int, int] = {}
    for span in sorted(spans, key=lambda s: s.mark_start):
        assert last_end.get(span.depth, 0) <= span.mark_start
        last_end[span.depth] = span.mark_end
        if span.depth:
            assert any(
                o.depth == span.depth - 1 and o.start <= span.mark_start and span.mark_end <= o.end
                for o in spans
            )


@given(documents())
def test_built_documents(doc: tuple[str, list[Key]]) -> None:
    text, expected = doc
    spans = find_quotes(text)
    assert [_key(s) for s in spans] == expected
    _check_invariants(text, spans)


NO_BREAKS = st.characters(blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@given(st.text(NO_BREAKS, max_size=40), documents())
def test_other_paragraphs_do_not_matter(prefix: str, doc: tuple[str, list[Key]]) -> None:
    text, expected = doc
    shift = len(prefix) + 1
    spans = find_quotes(prefix + "\n" + text)
    found = [_key(s)[:4] for s in spans if s.mark_start >= shift]
    assert found == [(s + shift, e + shift, d, c) for s, e, d, c, _ in expected]


@given(st.text())
def test_arbitrary_text(text: str) -> None:
    _check_invariants(text, find_quotes(text))


ANY_CHARACTER = st.characters(
    categories=["Cs", "Cc", "Cf", "Co", "Zs", "Zl", "Zp", "Ll", "Lu", "Lo", "Nd", "P", "S", "M"]
)
"""Characters including lone surrogates, controls, bidi formatting, emoji, all punctuation."""


@given(st.text(ANY_CHARACTER))
def test_arbitrary_text_with_surrogates_and_controls(text: str) -> None:
    _check_invariants(text, find_quotes(text))


MARKY = st.text(st.sampled_from(list("“”„‘’‚'\"«»‹›`` \n\u2029ans1.,—\ufffd")), max_size=60)


@given(MARKY)
def test_mark_soup(text: str) -> None:
    _check_invariants(text, find_quotes(text))
