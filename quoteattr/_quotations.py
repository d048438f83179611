"""The text layer above the mark parser: which quotations a text holds, read from the
text alone.

:func:`outermost_quotations` keeps the outermost quotations of
:func:`~quoteattr.marks.find_quotes` and separates the *stray-mark frames*: attributions
that machine-translated copy opened with a quotation mark (“said X.) or left inside an
unclosed quotation (“…, Walsh said.). :func:`label_end` finds the speaker label of a
transcript line (``PENCE: …``), :func:`embedded` whether a quotation sits inside a
sentence, and :func:`title_cased` and :func:`is_headline` the title case of headlines.
No spaCy here.
"""

from __future__ import annotations

import re

import attrs

from ._lexicon import MINOR_WORDS
from .marks import CLOSING_MARKS, DOUBLE_MARKS, SINGLE_MARKS, QuoteSpan, find_quotes

__all__ = [
    "Quotations",
    "contains_words",
    "embedded",
    "folded_words",
    "is_headline",
    "label_end",
    "outermost_quotations",
    "split_stray_frames",
    "title_cased",
]


def embedded(text: str, para_start: int, quote: QuoteSpan) -> bool:
    """Whether a quotation sits inside a sentence (a fragment) rather than standing alone:
    the text before its opening mark, in its paragraph, ends in a word, a figure or a
    closing mark.

    Args:
        text: The text.
        para_start: Where the quotation's paragraph starts.
        quote: The quotation.
    """
    before = text[para_start : quote.mark_start].rstrip()
    if not before:
        return False
    return before[-1].isalnum() or before[-1] in _BEFORE_FRAGMENT


_BEFORE_FRAGMENT = "%$€£)" + "".join(m for m in CLOSING_MARKS if m in DOUBLE_MARKS + SINGLE_MARKS)
"""What a fragment follows: a figure, a bracket, a closing double or single mark (a
guillemet before a quotation opens a German one)."""


_LABEL = re.compile(r"([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}):\s")


def label_end(text: str, start: int) -> int:
    """Where the transcript label opening a quotation (``PENCE: …``) ends: the offset of its
    colon, or ``start`` when the quotation starting at ``start`` opens with no label."""
    m = _LABEL.match(text, start)
    return m.end(1) if m is not None and any(c.isalpha() for c in m.group(1)) else start


_FRAME_START = re.compile(r"(?:said|says|added|adds|told|tells|asked|asks|wrote|writes)\b")


_SWALLOWED_CUE = re.compile(
    r",\s+(?:(?:[A-Z][\w'’.-]*\s+){1,3}|(?:he|she|they)\s+)"
    r"(?:said|says|added|adds|told \w+|explained|wrote)\s*[.!?]?\s*$"
)
"""An attribution that ends an unclosed quotation: "…, Walsh said." (the mark never closed)."""


def split_stray_frames(
    text: str, spans: list[QuoteSpan]
) -> tuple[list[QuoteSpan], list[tuple[int, int]]]:
    """Separate unclosed "quotations" that are really attributions after a stray mark.

    An unclosed span that is not part of a multi-paragraph quotation, follows a closed
    quotation in its paragraph, is short, and starts with a reporting verb (“said X.) is
    returned as a frame ``(start, end)`` rather than a quotation. An unclosed quotation
    that ends with its own attribution (“This is a historic day, Walsh said.) is cut before
    it, and the attribution becomes a frame.
    """
    keep: list[QuoteSpan] = []
    frames: list[tuple[int, int]] = []
    continued = {q.continues for q in spans if q.continues is not None}
    for q in spans:
        m = None
        if q.close_mark is None and q.continues is None and q.start not in continued:
            m = _SWALLOWED_CUE.search(text, q.start, q.end)
        if m is not None and m.start() > q.start:
            # “This is a historic day for our state, Walsh said. (the closing mark is missing)
            cut = m.start() + 1
            keep.append(attrs.evolve(q, end=cut, mark_end=cut))
            frames.append((cut, q.end))
            continue
        stray = (
            q.close_mark is None
            and q.continues is None
            and q.start not in continued
            and q.end - q.start <= 60
            and bool(keep)
            and keep[-1].paragraph == q.paragraph
            and _FRAME_START.match(text, q.start) is not None
        )
        if stray:
            frames.append((q.start, q.end))
        else:
            keep.append(q)
    return keep, frames


Quotations = tuple[list[QuoteSpan], list[tuple[int, int]]]
"""A text's outermost quotations and its stray-mark frames (``(start, end)`` offsets)."""


def outermost_quotations(text: str) -> Quotations:
    """The outermost quotations of ``text`` and the stray-mark frames among them.

    Returns:
        ``(quotations, frames)``, see :func:`split_stray_frames`; two empty lists for a text
        with no quotation.
    """
    spans = [q for q in find_quotes(text) if q.depth == 0]
    return split_stray_frames(text, spans) if spans else ([], [])


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def title_cased(text: str) -> tuple[int, int]:
    """How many words ``text`` has (short function words left out), and how many of them
    start with a capital letter."""
    words = [w for w in _WORD.findall(text) if w.lower() not in MINOR_WORDS]
    return len(words), sum(1 for w in words if w[:1].isupper())


def is_headline(text: str) -> bool:
    """Whether a paragraph is a title-cased line, every word but short function words
    capitalized: a headline or a subheading, whose capitalized verbs ("Warren Hammers
    Wells Fargo CEO") would run into names."""
    if "\n" in text.strip():
        return False
    n, caps = title_cased(text)
    return n >= 4 and caps == n


_LETTERED = re.compile(r"[^\W_][\w'’.-]*")


def folded_words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without the apostrophes, dots and hyphens at
    their ends: the form in which a headline's words are compared with a quotation's."""
    return [w.lower().strip("'’.-") for w in _LETTERED.findall(text)]


def contains_words(seq: list[str], sub: list[str]) -> bool:
    """Whether the words ``sub`` occur in ``seq``, in order and together."""
    n = len(sub)
    return any(seq[i : i + n] == sub for i in range(len(seq) - n + 1))
