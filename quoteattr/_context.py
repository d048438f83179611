"""The document as the attribution rules see it: quotations, paragraphs and their parses.

A :class:`Context` holds one text, its quotations (from
:func:`quoteattr._quotations.outermost_quotations`) and its paragraphs with the parsed
pieces of those that were parsed; it answers the questions every rule asks: which tokens
lie in a stretch of text, whether a token lies inside a quotation, whether a quotation
opens its paragraph or sits inside a sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from ._parsing import Para
from ._quotations import embedded
from .marks import QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Context"]


@attrs.define
class Context:
    """Everything the rules look at for one document.

    Attributes:
        text: The caller's text.
        paras: Its paragraphs, with the parsed pieces of those that were parsed.
        quotes: Its outermost quotations, in text order.
        lexicon: The cue lemmas in force.
        frames: Stray-mark frames (see :func:`quoteattr._quotations.split_stray_frames`).
        around_partial: Report the clause around a partial quotation too (see
            :class:`quoteattr.options.Options`).
        introductions: ``(offset, words, apposition, subject)`` of full names read from
            text that was not parsed (see :func:`quoteattr._selection.name_introductions`).
    """

    text: str
    paras: list[Para]
    quotes: list[QuoteSpan]
    lexicon: frozenset[str]
    frames: list[tuple[int, int]] = attrs.field(factory=list)
    around_partial: bool = False
    introductions: list[tuple[int, tuple[str, ...], str, bool]] = attrs.field(factory=list)
    marks: list[tuple[int, int]] = attrs.field(init=False)
    starts: list[int] = attrs.field(init=False)
    para_ends: list[int] = attrs.field(init=False)
    by_start: dict[int, int] = attrs.field(init=False)
    by_para: dict[int, list[int]] = attrs.field(init=False)
    parts: list[int] = attrs.field(init=False)
    continued: set[int] = attrs.field(init=False)
    token_starts: dict[tuple[int, int], list[int]] = attrs.field(init=False, factory=dict)
    offsets: dict[int, list[int]] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        for para in self.paras:
            for offsets, doc in para.docs:
                if offsets is not None:  # a parsed window; a caller's Doc has its own offsets
                    self.offsets[id(doc)] = offsets
        self.marks = [(q.mark_start, q.mark_end) for q in self.quotes]
        self.starts = [m[0] for m in self.marks]
        self.para_ends = [p.end for p in self.paras]
        self.by_start = {q.start: i for i, q in enumerate(self.quotes)}
        self.by_para = {}
        self.parts = []  # index of each quotation in its chain of continued parts
        self.continued = {q.continues for q in self.quotes if q.continues is not None}
        for i, q in enumerate(self.quotes):
            self.by_para.setdefault(q.paragraph, []).append(i)
            prev = self.by_start.get(q.continues) if q.continues is not None else None
            self.parts.append(self.parts[prev] + 1 if prev is not None and prev < i else 0)

    def base(self, tok: Token) -> int:
        """Absolute offset of a token's first character."""
        offsets = self.offsets.get(id(tok.doc))
        return int(tok.idx) if offsets is None else offsets[tok.i]

    def quote_at(self, pos: int) -> int | None:
        """Index of the quotation (marks included) covering ``pos``, if any."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.marks[i][0] <= pos < self.marks[i][1]:
            return i
        return None

    def inside(self, tok: Token) -> int | None:
        """Index of the quotation a token lies in, if any."""
        return self.quote_at(self.base(tok))

    def tokens(self, start: int, end: int) -> list[Token]:
        """The parsed tokens whose first character lies in ``[start, end)``."""
        out: list[Token] = []
        # binary searches, not scans: a paragraph may hold thousands of quotations
        for p in range(bisect.bisect_left(self.para_ends, start), len(self.paras)):
            para = self.paras[p]
            if para.start > end:
                break
            for d, (own, doc) in enumerate(para.docs):
                offsets = self.token_starts.get((p, d))
                if offsets is None:
                    offsets = own if own is not None else [int(tok.idx) for tok in doc]
                    self.token_starts[p, d] = offsets
                lo, hi = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)
                out.extend(doc[i] for i in range(lo, hi))
        return out

    def outside_tokens(self) -> Iterator[Token]:
        """Every parsed token outside the quotations, in text order."""
        for para in self.paras:
            for _, doc in para.docs:
                for tok in doc:
                    if self.inside(tok) is None:
                        yield tok

    def para_of(self, quote: QuoteSpan) -> Para:
        """The paragraph a quotation is in."""
        return self.paras[quote.paragraph]

    def outside(self, start: int, end: int) -> list[Token]:
        """The parsed tokens of ``[start, end)`` outside every quotation."""
        return [t for t in self.tokens(start, end) if self.inside(t) is None]

    def embedded(self, quote: QuoteSpan) -> bool:
        """Whether a quotation sits inside a sentence (see
        :func:`quoteattr._quotations.embedded`)."""
        return embedded(self.text, self.para_of(quote).start, quote)

    def opens_paragraph(self, quote: QuoteSpan) -> bool:
        """Whether nothing but white space precedes a quotation in its paragraph."""
        return not self.text[self.para_of(quote).start : quote.mark_start].strip()
