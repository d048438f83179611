"""Windows: the stretches of a batch's texts that go through spaCy, cut out and tokenized.

For each text, :func:`plan_job` finds its quotations (:mod:`quoteattr._quotations`), the
paragraphs to parse and its sections (:mod:`quoteattr._selection`); for each section,
:func:`cut_windows` tokenizes its pieces, keeps the sentences attribution reads
(:func:`~quoteattr._selection.select_sentences`, with reported speech's when asked), leaves
out the middle of long quotations and says on which tokens the entity recognizer runs.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs
from spacy.language import Language
from spacy.tokens import Doc, Span

from ._parsing import Para, sentence_ranges, tokenize, window
from ._quotations import label_end, outermost_quotations
from ._selection import (
    Section,
    name_introductions,
    naming_sentences,
    needs_parse,
    plan_sections,
    reported_sentences,
    select_paragraphs,
    select_sentences,
)
from .marks import QuoteSpan, paragraph_bounds
from .model import Quote
from .options import Options

__all__ = [
    "FAST_QUOTE_HEAD",
    "FAST_QUOTE_TAIL",
    "QUOTE_HEAD",
    "QUOTE_TAIL",
    "Introduction",
    "Job",
    "Window",
    "cut_windows",
    "may_name",
    "plan_job",
    "selected_paragraphs",
]

Introduction = tuple[int, tuple[str, ...], str, bool]
"""``(offset, words, apposition, subject)`` of a full name read from unparsed text."""


@attrs.define
class Job:
    """One text of a batch on its way through: its quotations, paragraphs and sections."""

    text: str
    spans: list[QuoteSpan]
    frames: list[tuple[int, int]]
    paras: list[Para]
    sections: list[Section]
    quotes: list[Quote] = attrs.field(factory=list)
    ids: dict[tuple[int, str], str] = attrs.field(factory=dict)
    headlines: dict[int, bool] = attrs.field(factory=dict)
    starts: list[int] = attrs.field(init=False)
    quote_starts: list[int] = attrs.field(init=False)
    frame_starts: list[int] = attrs.field(init=False)
    words: list[tuple[int, int]] = attrs.field(init=False)

    def in_range(
        self, lo: int, hi: int, by_words: bool = False
    ) -> tuple[list[QuoteSpan], list[tuple[int, int]]]:
        """The quotations whose opening marks (with ``by_words``, whose words) start in
        ``[lo, hi)``, and the stray-mark frames that start there (found by binary search:
        a text may be attributed in hundreds of sections)."""
        starts = self.quote_starts if by_words else self.starts
        a, b = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        c, d = bisect.bisect_left(self.frame_starts, lo), bisect.bisect_left(self.frame_starts, hi)
        return self.spans[a:b], self.frames[c:d]

    def __attrs_post_init__(self) -> None:
        self.starts = [q.mark_start for q in self.spans]
        self.quote_starts = [q.start for q in self.spans]
        self.frame_starts = [f[0] for f in self.frames]
        # the quoted words where no speaker is named: all of them but in a transcript line
        # ("PENCE: …", which the recognizer reads whole)
        self.words = [
            (q.start, q.end) if label_end(self.text, q.start) == q.start else (q.end, q.end)
            for q in self.spans
        ]


def selected_paragraphs(
    text: str, bounds: list[tuple[int, int]], spans: list[QuoteSpan], options: Options
) -> list[int]:
    """The paragraphs to parse: :func:`select_paragraphs`, with reported speech's if asked."""
    extra = needs_parse(text, bounds, options.lexicon) if options.include_indirect else ()
    return select_paragraphs(text, bounds, spans, extra)


def plan_job(text: str, options: Options) -> Job | None:
    spans, frames = outermost_quotations(text)
    if not spans and not options.include_indirect:
        return None
    bounds = paragraph_bounds(text)
    sections = plan_sections(text, bounds, spans, selected_paragraphs(text, bounds, spans, options))
    paras = [Para(i, a, b) for i, (a, b) in enumerate(bounds)]
    return Job(text, spans, frames, paras, sections)


QUOTE_HEAD = 4
"""Tokens kept at the start of a long closed quotation in the text that is parsed."""

QUOTE_TAIL = 4
"""Tokens kept at its end (its last words and punctuation decide how it hangs on a cue)."""

FAST_QUOTE_HEAD = 3
""":data:`QUOTE_HEAD` in fast mode."""

FAST_QUOTE_TAIL = 3
""":data:`QUOTE_TAIL` in fast mode."""


@attrs.frozen
class Window:
    """A run of selected sentences of one piece, tokenized, on its way to the pipeline.

    Attributes:
        para: The paragraph's index.
        offsets: The offset in the text of each of its tokens.
        doc: The tokenized Doc.
        entities: The ``[start, end)`` token ranges the entity recognizer runs on.
    """

    para: int
    offsets: list[int]
    doc: Doc
    entities: list[tuple[int, int]]


def cut_windows(
    nlp: Language, job: Job, section: Section, options: Options
) -> tuple[list[Window], list[Introduction]]:
    """Tokenize a section's pieces and cut out the windows to parse.

    A window is a run of selected sentences (see
    :func:`quoteattr.selection.select_sentences`) of one piece; the middle of each long
    closed quotation is left out of it (only its first :data:`QUOTE_HEAD` and last
    :data:`QUOTE_TAIL` tokens are parsed), since attribution reads only how a quotation
    hangs on the words around it, never the words inside.

    Returns:
        The windows, and the full forms of names found in the text around them
        (:func:`quoteattr.selection.name_introductions`).
    """
    text = job.text
    pieces = [(piece, tokenize(nlp, text[piece.start : piece.end])) for piece in section.pieces]
    sentences: list[tuple[int, int]] = []
    where: list[tuple[int, int, int]] = []  # (piece, first token, end token)
    for k, (piece, doc) in enumerate(pieces):
        for a, b in sentence_ranges(doc):
            end = doc[b - 1].idx + len(doc[b - 1].text)
            sentences.append((piece.start + doc[a].idx, piece.start + end))
            where.append((k, a, b))
    spans, frames = job.in_range(section.pieces[0].start, section.pieces[-1].end)
    marks = sorted([(q.mark_start, q.mark_end) for q in spans] + frames)
    cues: list[int] = []
    keep = select_sentences(text, sentences, marks, antecedents=not options.fast)
    if options.include_indirect:
        cues, before = reported_sentences(text, sentences, options.lexicon)
        keep = sorted(set(keep) | set(cues) | set(before))
    # the recognizer reads where speakers are named: around the quotations and, for
    # reported speech, the sentences with a cue (not the sentence before, an antecedent's)
    named = naming_sentences(sentences, marks, keep) | set(cues)
    starts = [a for a, _ in sentences]  # once per section: every window looks them up
    out: list[Window] = []
    run: list[int] = []
    for i in [*keep, -1]:
        if run and (i != run[-1] + 1 or where[i][0] != where[run[0]][0]):
            piece, doc = pieces[where[run[0]][0]]
            first, end = where[run[0]][1], where[run[-1]][2]
            drop = _quote_middles(job, doc, piece.start, first, end, *_kept(options))
            parsed, idx = window(doc, first, end, drop)
            offsets = [piece.start + x for x in idx]
            ner = [] if options.fast else _entity_ranges(job, offsets, starts, named)
            out.append(Window(piece.para, offsets, parsed, ner))
            run = []
        run.append(i)
    return out, name_introductions(text, sentences, keep)


def _kept(options: Options) -> tuple[int, int]:
    """The tokens parsed at the start and the end of a long quotation."""
    return (FAST_QUOTE_HEAD, FAST_QUOTE_TAIL) if options.fast else (QUOTE_HEAD, QUOTE_TAIL)


def _entity_ranges(
    job: Job, offsets: Sequence[int], starts: Sequence[int], named: set[int]
) -> list[tuple[int, int]]:
    """The token ranges of a window the entity recognizer runs on: its tokens in a
    sentence that names a speaker (:func:`~quoteattr.selection.naming_sentences`), outside
    the words of the quotations (no speaker is named inside one, but for a transcript line
    that opens with the speaker's label: :func:`quoteattr.attribute.label_end`).
    ``starts`` are the sentences' start offsets, ``named`` the indices of those that name."""
    ranges: list[tuple[int, int]] = []
    for t, pos in enumerate(offsets):
        q = bisect.bisect_right(job.starts, pos) - 1
        quoted = q >= 0 and job.words[q][0] <= pos < job.words[q][1]
        if quoted or bisect.bisect_right(starts, pos) - 1 not in named:
            continue
        if ranges and ranges[-1][1] == t:
            ranges[-1] = (ranges[-1][0], t + 1)
        else:
            ranges.append((t, t + 1))
    return ranges


def may_name(span: Span) -> bool:
    """Whether a stretch may name someone, so that the entity recognizer has work there: it
    holds a proper noun, or a capitalized word that does not open its sentence. ``”, he
    said.`` and ``”, the minister told reporters.`` do not."""
    for tok in span:
        if tok.pos_ == "PROPN":
            return True
        if tok.text[:1].isupper() and not tok.is_sent_start and tok.text != "I":
            return True
    return False


def _quote_middles(
    job: Job,
    doc: Doc,
    base: int,
    first: int,
    end: int,
    head: int = QUOTE_HEAD,
    tail: int = QUOTE_TAIL,
) -> list[tuple[int, int]]:
    """The token ranges in the middle of the long closed quotations of a window."""
    a, b = base + doc[first].idx, base + doc[end - 1].idx
    lo = bisect.bisect_left(job.starts, a)
    limit = base + doc[-1].idx + len(doc[-1].text)
    drop = []
    for q in job.spans[lo : bisect.bisect_right(job.starts, b)]:
        if q.close_mark is None or q.mark_end > limit:
            continue
        span = doc.char_span(q.start - base, q.end - base, alignment_mode="contract")
        if span is not None and len(span) > head + tail + 2:
            kept = _last_clause(span, tail)
            if kept > span.start + head + 1:
                drop.append((span.start + head, kept))
    return drop


QUOTE_LAST_SENTENCE = 12
"""At most this many tokens of a long quotation's last sentence are kept whole."""


def _last_clause(span: Span, tail: int = QUOTE_TAIL) -> int:
    """Where the kept end of a long quotation starts: its last sentence, when that is short
    (its verb is how the quotation hangs on a cue after it: “It's plagiarism. It's
    flat-out plagiarism,” X said), else its last ``tail`` tokens."""
    end = span.end - tail
    doc = span.doc
    for i in range(span.end - 1, max(span.start, span.end - QUOTE_LAST_SENTENCE), -1):
        if doc[i].is_sent_start:
            return min(i, end)
    return end
