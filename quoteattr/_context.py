"""The document as the attribution rules see it: quotations, paragraphs and their parses.

A :class:`Context` holds one text, its quotations (from
:func:`quoteattr._quotations.outermost_quotations`) and its paragraphs with the parsed
pieces of those that were parsed; it answers the questions every rule asks: which tokens
lie in a stretch of text, whether a token lies inside a quotation, whether a quotation
opens its paragraph or sits inside a sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from ._parsing import Para
from ._quotations import embedded, is_headline
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
        headlines: Which paragraphs are headlines (:func:`headline`), by index: kept by the
            caller across the sections of a long text, so that each paragraph is read once.

    Every question is answered from a window around the words asked about, never by
    reading a whole paragraph per quotation: a paragraph may hold thousands of them.
    """

    text: str
    paras: list[Para]
    quotes: list[QuoteSpan]
    lexicon: frozenset[str]
    frames: list[tuple[int, int]] = attrs.field(factory=list)
    around_partial: bool = False
    introductions: list[tuple[int, tuple[str, ...], str, bool]] = attrs.field(factory=list)
    headlines: dict[int, bool] = attrs.field(factory=dict)
    marks: list[tuple[int, int]] = attrs.field(init=False)
    starts: list[int] = attrs.field(init=False)
    para_ends: list[int] = attrs.field(init=False)
    by_start: dict[int, int] = attrs.field(init=False)
    by_para: dict[int, list[int]] = attrs.field(init=False)
    parts: list[int] = attrs.field(init=False)
    continued: set[int] = attrs.field(init=False)
    token_starts: dict[tuple[int, int], list[int]] = attrs.field(init=False, factory=dict)
    doc_spans: dict[int, tuple[list[int], list[int]] | None] = attrs.field(init=False, factory=dict)
    offsets: dict[int, list[int]] = attrs.field(init=False, factory=dict)
    _embedded: dict[int, bool] = attrs.field(init=False, factory=dict)
    _frame_starts: list[int] | None = attrs.field(init=False, default=None)

    def __attrs_post_init__(self) -> None:
        for para in self.paras:
            for offsets, doc in para.docs:
                if offsets is not None:  # a parsed window; a caller's Doc has its own offsets
                    self.offsets[id(doc)] = offsets
        self.marks = [(q.mark_start, q.mark_end) for q in self.quotes]
        self.starts = [m[0] for m in self.marks]
        self.para_ends = [p.end for p in self.paras]
        starts = [f[0] for f in self.frames]
        if starts == sorted(starts):
            self._frame_starts = starts
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

    def tokens(self, start: int, end: int, limit: int | None = None) -> list[Token]:
        """The parsed tokens whose first character lies in ``[start, end)`` (the first
        ``limit`` of them, when given), in text order."""
        out: list[Token] = []
        # binary searches, not scans: a paragraph may hold thousands of quotations and
        # hundreds of parsed windows
        for p in range(bisect.bisect_left(self.para_ends, start), len(self.paras)):
            para = self.paras[p]
            if para.start > end:
                break
            spans = self._doc_spans(p)
            first = 0 if spans is None else bisect.bisect_left(spans[1], start)
            for d in range(first, len(para.docs)):
                if spans is not None and spans[0][d] >= end:
                    break
                offsets = self._token_starts(p, d)
                lo, hi = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)
                doc = para.docs[d][1]
                if limit is not None:
                    hi = min(hi, lo + limit - len(out))
                out.extend(doc[i] for i in range(lo, hi))
                if limit is not None and len(out) >= limit:
                    return out
        return out

    def _token_starts(self, p: int, d: int) -> list[int]:
        """The offsets of the tokens of the ``d``-th parsed window of paragraph ``p``."""
        offsets = self.token_starts.get((p, d))
        if offsets is None:
            own, doc = self.paras[p].docs[d]
            offsets = own if own is not None else [int(tok.idx) for tok in doc]
            self.token_starts[p, d] = offsets
        return offsets

    def _doc_spans(self, p: int) -> tuple[list[int], list[int]] | None:
        """The first and last token offsets of each parsed window of paragraph ``p``, when
        the windows are in text order and do not overlap (as parsing makes them), so that
        :meth:`tokens` finds the windows of a stretch by binary search; else ``None``."""
        if p in self.doc_spans:
            return self.doc_spans[p]
        firsts: list[int] = []
        lasts: list[int] = []
        for d in range(len(self.paras[p].docs)):
            offsets = self._token_starts(p, d)
            if not offsets or (lasts and offsets[0] <= lasts[-1]):
                self.doc_spans[p] = None
                return None
            firsts.append(offsets[0])
            lasts.append(offsets[-1])
        self.doc_spans[p] = (firsts, lasts)
        return self.doc_spans[p]

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

    def outside(self, start: int, end: int, limit: int | None = None) -> list[Token]:
        """The parsed tokens of ``[start, end)`` outside every quotation (the first
        ``limit`` of them, when given: read no further than they reach)."""
        if limit is None:
            return [t for t in self.tokens(start, end) if self.inside(t) is None]
        out: list[Token] = []
        step = max(limit, 16)
        while start < end and len(out) < limit:
            toks = self.tokens(start, end, step)
            if not toks:
                break
            out.extend(t for t in toks if self.inside(t) is None)
            if len(toks) < step:
                break
            start = self.base(toks[-1]) + 1
            step *= 2
        return out[:limit]

    def frames_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The stray-mark frames that start in ``[start, end)``, in order."""
        if self._frame_starts is None:
            return [f for f in self.frames if start <= f[0] < end]
        lo = bisect.bisect_left(self._frame_starts, start)
        return self.frames[lo : bisect.bisect_left(self._frame_starts, end, lo)]

    def embedded(self, quote: QuoteSpan) -> bool:
        """Whether a quotation sits inside a sentence (see
        :func:`quoteattr._quotations.embedded`), read from the last two characters before
        its opening mark that are not white space (not from its whole paragraph)."""
        done = self._embedded.get(quote.mark_start)
        if done is None:
            start = self.para_of(quote).start
            i = quote.mark_start
            while i > start and self.text[i - 1].isspace():
                i -= 1
            done = self._embedded[quote.mark_start] = embedded(self.text, max(start, i - 2), quote)
        return done

    def subheading(self, quote: QuoteSpan) -> bool:
        """Whether a quotation is a subheading: short, alone as its paragraph, with no
        final stop."""
        para = self.para_of(quote)
        words = self.text[quote.start : quote.end].split()
        alone = not self.text[quote.mark_end : para.end].strip()
        last = self.text[quote.start : quote.end].rstrip()[-1:]
        return alone and len(words) <= 6 and last not in ".!?,"

    def opens_paragraph(self, quote: QuoteSpan) -> bool:
        """Whether nothing but white space precedes a quotation in its paragraph."""
        return _NONSPACE.search(self.text, self.para_of(quote).start, quote.mark_start) is None

    def first_text(self, start: int, end: int) -> int | None:
        """The offset of the first character of ``[start, end)`` that is not white space."""
        found = _NONSPACE.search(self.text, start, end)
        return None if found is None else found.start()

    def headline(self, para: Para) -> bool:
        """Whether a paragraph is a headline (:func:`quoteattr._quotations.is_headline`),
        read once per text (see :attr:`headlines`)."""
        done = self.headlines.get(para.index)
        if done is None:
            done = self.headlines[para.index] = is_headline(self.text[para.start : para.end])
        return done


_NONSPACE = re.compile(r"\S")
