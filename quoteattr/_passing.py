"""The document rules: they pass a speaker on to quotations with no attribution of their own.

``multi_paragraph``
    The parts of a quotation that runs over several paragraphs share one speaker.
``same_paragraph``
    A quotation with no cue of its own takes the speaker of another quotation of its
    paragraph (split quotations: “One,” said X. “Two.”).
``continuation``
    A paragraph that is only a quotation, right after a paragraph whose quotation is
    attributed, continues that speaker (news convention).
``echo``
    A headline or subheading quotation takes the speaker of a later quotation repeating it.

They run after the local rules of :mod:`quoteattr._rules`, in this order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import attrs

from ._attribution import Attribution, source
from ._context import Context
from ._quotations import contains_words, folded_words

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["DOCUMENT_RULES", "DocumentRule"]


Sources = Callable[[Context, list[Attribution | None]], Iterator[tuple[int, int]]]


@attrs.frozen
class DocumentRule:
    """A rule that passes a speaker on: ``sources`` yields ``(quotation, source)`` pairs of
    quotations with no attribution yet and the quotation whose speaker they take.

    Attributes:
        name: The rule's name.
        confidence: The confidence of what it passes on: fixed, or with ``relative`` a
            factor of the source's.
        sources: The function that finds the pairs (it sees each pair set as it goes).
        relative: Whether ``confidence`` is a factor of the source's confidence.
    """

    name: str
    confidence: float
    sources: Sources
    relative: bool = False

    def __call__(self, ctx: Context, found: list[Attribution | None]) -> None:
        """Attribute the quotations ``sources`` finds, in place."""
        for i, src in self.sources(ctx, found):
            base = found[src]
            conf = self.confidence
            if self.relative and base is not None:
                conf = conf * base.confidence
            found[i] = Attribution(self.name, conf, inherited=src)


def _document_rule(confidence: float, relative: bool = False) -> Callable[[Sources], DocumentRule]:
    def make(sources: Sources) -> DocumentRule:
        return DocumentRule(sources.__name__, confidence, sources, relative)

    return make


@_document_rule(0.8, relative=True)
def multi_paragraph(ctx: Context, found: list[Attribution | None]) -> Iterator[tuple[int, int]]:
    """Parts of one multi-paragraph quotation share the speaker of any attributed part."""
    chains: dict[int, list[int]] = {}  # first part -> the parts, in order
    root: list[int] = []
    for i, q in enumerate(ctx.quotes):
        prev = ctx.by_start.get(q.continues) if q.continues is not None else None
        root.append(root[prev] if prev is not None and prev < i else i)
        chains.setdefault(root[i], []).append(i)
    for chain in chains.values():
        if len(chain) < 2:
            continue
        source = next((i for i in reversed(chain) if found[i] is not None), None)
        if source is None:
            continue
        for i in chain:
            if found[i] is None:
                yield i, source


@_document_rule(0.7)
def same_paragraph(ctx: Context, found: list[Attribution | None]) -> Iterator[tuple[int, int]]:
    """An unattributed full quotation takes the speaker of its paragraph's other quotation."""
    for i, q in enumerate(ctx.quotes):
        if found[i] is not None or q.depth or ctx.embedded(q):
            continue
        same = (j for j in ctx.by_para[q.paragraph] if j != i and found[j])
        src = min(same, key=lambda j: abs(j - i), default=None)
        if src is not None:
            yield i, src


@_document_rule(0.6)
def continuation(ctx: Context, found: list[Attribution | None]) -> Iterator[tuple[int, int]]:
    """A paragraph that is only a quotation continues the previous paragraph's speaker,
    or, after one paragraph with no quotation whose subject is that speaker ("Viguerie is
    upbeat about the race."), the speaker of the paragraph before it."""
    for i, q in enumerate(ctx.quotes):
        if found[i] is not None or not ctx.opens_paragraph(q) or q.paragraph == 0:
            continue
        prev = [j for j in ctx.by_para.get(q.paragraph - 1, ()) if j < i and found[j]]
        if prev:
            yield i, prev[-1]
        elif q.paragraph >= 2 and not ctx.by_para.get(q.paragraph - 1):
            before = [j for j in ctx.by_para.get(q.paragraph - 2, ()) if found[j]]
            att = found[source(found, before[-1])] if before else None
            speaker = att.speaker if att is not None else None
            if speaker is not None and _about(ctx, q.paragraph - 1, speaker):
                yield i, before[-1]


def _about(ctx: Context, p: int, speaker: Token) -> bool:
    """Whether paragraph ``p``'s (parsed) main clause has ``speaker``'s word for subject:
    the same name, or the same pronoun."""
    para = ctx.paras[p]
    for tok in ctx.outside(para.start, para.end, limit=_ABOUT_TOKENS):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            return tok.lower_ == speaker.lower_ and tok.pos_ in ("PROPN", "NOUN", "PRON")
    return False


_ABOUT_TOKENS = 60
"""How many words of a narration paragraph are read for its subject."""


@_document_rule(0.6)
def echo(ctx: Context, found: list[Attribution | None]) -> Iterator[tuple[int, int]]:
    """A quotation standing alone at the head of its line (a headline, a subheading) takes
    the speaker of a later quotation that repeats its words: ‘A dream come true’ above
    "… It’s a dream come true," she said."""
    for i, q in enumerate(ctx.quotes):
        if found[i] is not None or not ctx.opens_paragraph(q) or q.continues is not None:
            continue
        if ctx.para_of(q).end - ctx.para_of(q).start > 200:
            continue
        words = folded_words(ctx.text[q.start : q.end])
        if len(words) < 2:
            continue
        for j in range(i + 1, len(ctx.quotes)):
            later = ctx.quotes[j]
            if found[j] and contains_words(folded_words(ctx.text[later.start : later.end]), words):
                yield i, j
                break


DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    multi_paragraph,
    same_paragraph,
    continuation,
    echo,
)
"""Rules that pass speakers between quotations, in order."""
