"""Parsing: which paragraphs of a text spaCy sees, and how their offsets map back.

Each paragraph is parsed as a Doc of its own (long paragraphs in pieces), so that token
offsets plus the piece's base offset index the caller's original string. A caller's own
``Doc`` is used as it is, one span per paragraph.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["MAX_CHUNK", "Para", "base_of", "paragraphs_of_doc", "parse_paragraphs"]

MAX_CHUNK = 100_000
"""Paragraphs longer than this many characters are parsed in pieces."""


@attrs.define
class Para:
    """One paragraph: its offsets and its parse (``None`` when it was not parsed)."""

    index: int
    start: int
    end: int
    docs: list[tuple[int, Doc | Span]] = attrs.field(factory=list)


_BASE_KEY = "quoteattr.base"

_UNSAFE = re.compile(
    "(?P<surrogate>[\ud800-\udfff])"
    "|[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)


def _encodable(text: str) -> str:
    """What spaCy sees of ``text``: same length, so offsets still index the original.

    Surrogates (which spaCy cannot encode) become U+FFFD; control characters and the
    non-breaking and other Unicode spaces become a plain space (which spaCy splits on).
    """
    return _UNSAFE.sub(lambda m: "\ufffd" if m.group("surrogate") else " ", text)


def base_of(tok: Token) -> int:
    """Offset of a token's Doc in the caller's text (0 for the caller's own Doc)."""
    return int(tok.doc.user_data.get(_BASE_KEY, 0))


def parse_paragraphs(text: str, nlp: Language, paras: list[tuple[int, int]]) -> list[Para]:
    """Parse each paragraph ``(start, end)`` of ``text`` with ``nlp``, in order."""
    pieces: list[tuple[int, int, int]] = []  # (para index, start, end)
    for idx, (a, b) in enumerate(paras):
        while b - a > MAX_CHUNK:
            cut = text.rfind(" ", a, a + MAX_CHUNK)
            cut = cut if cut > a else a + MAX_CHUNK
            pieces.append((idx, a, cut))
            a = cut
        pieces.append((idx, a, b))
    out = [Para(i, a, b) for i, (a, b) in enumerate(paras)]
    docs = nlp.pipe(_encodable(text[a:b]) for _, a, b in pieces)
    for (idx, a, _), doc in zip(pieces, docs, strict=True):
        doc.user_data[_BASE_KEY] = a
        out[idx].docs.append((a, doc))
    return out


def paragraphs_of_doc(doc: Doc, paras: list[tuple[int, int]]) -> list[Para]:
    """View a caller's parsed ``Doc`` as paragraphs (no parsing)."""
    out = []
    for i, (a, b) in enumerate(paras):
        span = doc.char_span(a, b, alignment_mode="expand")
        para = Para(i, a, b)
        if span is not None:
            para.docs.append((0, span))
        out.append(para)
    return out
