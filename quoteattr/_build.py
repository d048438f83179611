"""From attributions to :class:`~quoteattr.model.Quote` objects.

:func:`direct_quotes` resolves the speaker of each quotation's attribution (following the
quotations whose speaker a document rule passed on) and builds the quotes, leaving out the
quoted words that are nobody's quotation (:mod:`quoteattr._scare`) unless scare quotes are
asked for. :func:`with_reported` adds the reported speech (:mod:`quoteattr._reported`),
never over a direct quotation and never twice. Both build through one typed builder.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from ._attribution import Attribution, source
from ._confidence import Features, calibrated, distance_bucket
from ._context import Context
from ._mentions import Resolved, poll_of, resolve
from ._scare import headline_echo, headline_title, work_title
from ._speakers import EntityTable
from .marks import QuoteSpan
from .model import Cue, Mention, Quote, QuoteKind, Speaker
from .options import Options

__all__ = ["direct_quotes", "with_reported"]


def _quote(
    ctx: Context,
    start: int,
    end: int,
    kind: QuoteKind,
    paragraph: int,
    *,
    part: int = 0,
    continues: int | None = None,
    speaker: Speaker | None = None,
    cue: Cue | None = None,
    confidence: float = 0.0,
    rule: str = "none",
) -> Quote:
    """The one Quote builder: its text is always the caller's text at its offsets."""
    return Quote(
        text=ctx.text[start:end],
        start=start,
        end=end,
        speaker=speaker,
        cue=cue,
        kind=kind,
        confidence=confidence,
        rule=rule,
        paragraph=paragraph,
        part=part,
        continues=continues,
    )


def _span_quote(
    ctx: Context,
    qi: int,
    kind: QuoteKind,
    *,
    speaker: Speaker | None = None,
    cue: Cue | None = None,
    confidence: float = 0.0,
    rule: str = "none",
) -> Quote:
    """A quotation's Quote: its offsets, paragraph and part, and what was found."""
    q = ctx.quotes[qi]
    return _quote(
        ctx,
        q.start,
        q.end,
        kind,
        q.paragraph,
        part=ctx.parts[qi],
        continues=q.continues,
        speaker=speaker,
        cue=cue,
        confidence=confidence,
        rule=rule,
    )


def direct_quotes(
    ctx: Context, table: EntityTable, found: Sequence[Attribution | None], options: Options
) -> list[Quote]:
    """Resolve the speakers of the attributions and build the quotes, in text order.

    Args:
        ctx: The document.
        table: Its entities (names collected).
        found: One attribution (or ``None``) per quotation, as the rules decided.
        options: The settings (``include_scare``).
    """
    resolved: list[Resolved | None] = []
    for att in found:
        if att is not None and att.speaker is not None:
            head = poll_of(ctx, att.speaker) or att.speaker  # "75 percent said “…”"
            resolved.append(resolve(ctx, table, head))
        else:
            resolved.append(None)
    quotes = []
    for qi in range(len(ctx.quotes)):
        quote = _direct(ctx, table, qi, found, resolved, options)
        if quote is not None:
            quotes.append(quote)
    return quotes


def _not_a_quotation(ctx: Context, qi: int, q: QuoteSpan, kind: QuoteKind) -> bool:
    """A headline's title-cased phrase or echo, or the title of a work inside a sentence."""
    return (
        headline_title(ctx, q)
        or headline_echo(ctx, qi)
        or (kind == "partial" and work_title(ctx, qi))
    )


def _direct(
    ctx: Context,
    table: EntityTable,
    qi: int,
    found: Sequence[Attribution | None],
    resolved: Sequence[Resolved | None],
    options: Options,
) -> Quote | None:
    q = ctx.quotes[qi]
    att = found[qi]
    kind: QuoteKind = "partial" if ctx.embedded(q) else "direct"
    in_chain = q.continues is not None or q.start in ctx.continued
    if not in_chain and _not_a_quotation(ctx, qi, q, kind):
        return _span_quote(ctx, qi, "scare") if options.include_scare else None
    if att is None and not in_chain:
        if kind == "partial" or (not q.closed and q.end - q.start < 40):
            if not options.include_scare:
                return None
            kind = "scare"
        return _span_quote(ctx, qi, kind)
    if att is None:  # a part of a multi-paragraph quotation is a quotation, even unattributed
        return _span_quote(ctx, qi, kind)
    src = source(found, qi)
    res = resolved[src]
    src_att = found[src]
    m = res.mention if res is not None else None
    own_words = m is not None and m.start < q.end and q.start < m.end
    if res is None or src_att is None or (own_words and src_att.rule != "transcript_label"):
        # no speaker, or one whose words are the quote's own (overlapping unbalanced marks)
        return _span_quote(ctx, qi, kind)
    speaker = _at_site(ctx, table.speaker(res.entity, res.fallback, res.mention), src_att)
    cue = src_att.cue if src == qi else None
    span = (q.mark_start, q.mark_end)
    features = Features(
        kind=kind,
        rule=att.rule,
        path=res.path,
        speaker=speaker.kind,
        distance=distance_bucket((cue.start, cue.end) if cue is not None else None, span),
    )
    product = min(1.0, att.confidence * res.penalty)
    return _span_quote(
        ctx,
        qi,
        kind,
        speaker=speaker,
        cue=cue,
        confidence=calibrated(features, product, (q.start, q.end)),
        rule=att.rule,
    )


def _at_site(ctx: Context, speaker: Speaker, att: Attribution) -> Speaker:
    """The speaker with the words at the attribution site as its mention: "who" in
    "Kamin, who said …" (the name is resolved from "Kamin")."""
    if att.site is None:
        return speaker
    start = ctx.base(att.site)
    return attrs.evolve(speaker, mention=Mention(att.site.text, start, start + len(att.site.text)))


# --- reported speech ----------------------------------------------------------------------------


def with_reported(
    ctx: Context, table: EntityTable, quotes: list[Quote], reported: Sequence[Attribution]
) -> list[Quote]:
    """Add the reported speech of a document to its quotations.

    Args:
        ctx: The document.
        table: Its entities, after the quotations' speakers were resolved.
        quotes: Its quotations, in text order.
        reported: The attributions of reported speech
            (:func:`quoteattr._reported.find_reported`), in text order.

    Returns:
        The quotations and the ``indirect`` quotes, in text order.
    """
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    direct = {q.start for q in quotes if q.kind == "direct"}
    marks = [(s.mark_start, s.mark_end) for s in ctx.quotes if s.start in direct]
    for rep in reported:
        assert rep.content is not None and rep.cue is not None
        start, end = rep.content
        if (start, end) in seen or _nested(rep, reported):
            continue
        if any(start < b and a < end for a, b in marks):
            continue  # never over a direct quotation, whatever marks it has
        seen.add((start, end))
        out.append(_indirect(ctx, table, rep, start, end, rep.cue))
    return sorted([*quotes, *out], key=lambda q: (q.start, q.kind == "indirect"))


def _nested(rep: Attribution, reported: Sequence[Attribution]) -> bool:
    """Whether an attribution, its cue and its content, lies inside another's content ("The
    source added that Lopez had told police S"): the outer one reports it."""
    assert rep.content is not None and rep.cue is not None
    start, end = rep.content
    cue = rep.cue.start
    return any(
        o.content[0] <= min(cue, start) and end <= o.content[1] and o.content != rep.content
        for o in reported
        if o.content is not None
    )


def _indirect(
    ctx: Context, table: EntityTable, rep: Attribution, start: int, end: int, cue: Cue
) -> Quote:
    paragraph = bisect.bisect_right(ctx.para_ends, start)
    plain = _quote(ctx, start, end, "indirect", paragraph, cue=cue, rule=rep.rule)
    if rep.speaker is None:
        return plain
    res = resolve(ctx, table, rep.speaker)
    m = res.mention
    inserted = start <= cue.start < end  # "S1, X said, S2": X is inside the span
    if m is not None and m.start < end and start < m.end and not inserted:
        return plain
    speaker = _at_site(ctx, table.speaker(res.entity, res.fallback, res.mention), rep)
    features = Features(
        kind="indirect",
        rule=rep.rule,
        path=res.path,
        speaker=speaker.kind,
        distance=distance_bucket((cue.start, cue.end), (start, end)),
    )
    product = min(1.0, rep.confidence * res.penalty)
    conf = calibrated(features, product, (start, end))
    return attrs.evolve(plain, speaker=speaker, confidence=conf)
