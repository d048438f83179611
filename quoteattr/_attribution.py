"""The contract of an attribution rule, for direct quotations and reported speech alike.

A rule is a small named function that looks at one place of a document (a quotation, or a
token that may be a verb of saying) and says what it finds there as a :class:`Found`: the
head token of the speaker mention, the cue, and for reported speech the reported content.
:func:`rule` turns such a function into a :class:`Rule`, which carries the rule's name (the
function's) and its confidence, applies its acceptance gate, and returns an
:class:`Attribution`. The direct rules are in :mod:`quoteattr._rules`, the reported-speech
rules in :mod:`quoteattr._reported`; neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._context import Context
from .model import Cue

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Attribution", "Found", "Rule", "cue_at", "rule", "source"]


@attrs.frozen
class Found:
    """What a rule's function found at one place.

    Attributes:
        speaker: The head token of the speaker mention, if any.
        cue: The reporting cue, if any.
        weight: A factor of the rule's confidence (1 but where the rule is less sure of
            this finding, 0 where it found no speaker).
        content: For reported speech, the ``(start, end)`` offsets of what was said.
        site: The relative pronoun of "X, who said": the words at the attribution site.
    """

    speaker: Token | None = None
    cue: Cue | None = None
    weight: float = 1.0
    content: tuple[int, int] | None = None
    site: Token | None = None


@attrs.frozen
class Attribution:
    """What a rule decided for one quotation or one reported clause.

    Attributes:
        rule: The rule's name.
        confidence: How sure the rule is (0..1) before speaker resolution adjusts it.
        speaker: The head token of the speaker mention, if the rule found one.
        cue: The reporting cue, if any.
        inherited: For the rules that pass a speaker on, the index of the quotation whose
            speaker is taken.
        content: For reported speech, the ``(start, end)`` offsets of what was said.
        site: For a cue in a relative clause ("Kamin, who said …"), the relative pronoun:
            the words at the attribution site.
    """

    rule: str
    confidence: float
    speaker: Token | None = None
    cue: Cue | None = None
    inherited: int | None = None
    content: tuple[int, int] | None = None
    site: Token | None = None


def source(found: Sequence[Attribution | None], qi: int) -> int:
    """The quotation whose speaker quotation ``qi`` takes (itself, unless passed on)."""
    src = qi
    att = found[src]
    while att is not None and att.inherited is not None:
        src = att.inherited
        att = found[src]
    return src


Gate = Callable[[Context, Any, Attribution], bool]
"""An acceptance test of what a rule found: ``gate(ctx, place, attribution)``."""


@attrs.frozen
class Rule:
    """A named rule: its function, its confidence and its acceptance gate.

    Calling it runs the function at one place and returns an :class:`Attribution`, or
    ``None`` when it finds nothing or what it finds does not pass the gate.

    Attributes:
        name: The rule's name, as :attr:`Quote.rule <quoteattr.model.Quote.rule>` gives it.
        confidence: The confidence of what it finds (times :attr:`Found.weight`).
        find: The function: ``find(ctx, place) -> Found | None``.
        gate: The acceptance test, if any.
    """

    name: str
    confidence: float
    find: Callable[[Context, Any], Found | None]
    gate: Gate | None = None

    def __call__(self, ctx: Context, place: Any) -> Attribution | None:
        """Run the rule at ``place`` (a quotation's index, or a token)."""
        found = self.find(ctx, place)
        if found is None:
            return None
        att = Attribution(
            self.name,
            self.confidence * found.weight,
            speaker=found.speaker,
            cue=found.cue,
            content=found.content,
            site=found.site,
        )
        if self.gate is not None and not self.gate(ctx, place, att):
            return None
        return att


def rule(confidence: float, gate: Gate | None = None) -> Callable[[Callable[..., Any]], Rule]:
    """Make a function a :class:`Rule` named after it, with this confidence and gate.

    Example:
        >>> @rule(0.5)
        ... def nothing_here(ctx, place):
        ...     return None
        >>> nothing_here.name, nothing_here.confidence
        ('nothing_here', 0.5)
    """

    def make(find: Callable[..., Any]) -> Rule:
        return Rule(find.__name__, confidence, find, gate)

    return make


def cue_at(ctx: Context, tok: Token, lemma: str, *, phrase: bool = False) -> Cue:
    """The :class:`~quoteattr.model.Cue` of a cue token; with ``phrase``, "according"
    spans "according to"."""
    start = ctx.base(tok)
    end = start + len(tok.text)
    if phrase and lemma == "according to" and tok.i + 1 < len(tok.doc):
        nxt = tok.nbor(1)
        if nxt.lower_ == "to":
            end = ctx.base(nxt) + len(nxt.text)
    return Cue(text=ctx.text[start:end], lemma=lemma, start=start, end=end)
