"""Parsing: which paragraphs of a text spaCy sees, and how their offsets map back.

Each paragraph is parsed as a Doc of its own (long paragraphs in pieces), so that token
offsets plus the piece's base offset index the caller's original string. A caller's own
``Doc`` is used as it is, one span per paragraph.

Only the paragraphs attribution needs are parsed (see :func:`select_paragraphs`): those
holding a quotation, the paragraph before each (colon introductions, pronoun antecedents),
and the paragraphs that first give the full form of a name a selected paragraph uses. A text
with no quotation is never parsed at all.

A very large text is cut into :class:`Section` objects of bounded size (see
:func:`plan_sections`), so that memory stays bounded whatever the input; news articles are
far below the limits and always form one section.

:class:`Parser` runs the pipeline components over paragraph texts. It is equivalent to
``nlp.pipe`` for the components attribution reads, with two savings: components that cannot
matter (text classifiers, quoteattr's own component) are skipped, and a spaCy
``attribute_ruler`` is replaced by :class:`FastAttributeRuler`, an exact vectorized
equivalent, whenever its patterns allow it.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy

from .marks import QuoteSpan, find_quotes
from .speakers import PARTICLES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "HIDE_QUOTES",
    "MAX_CHUNK",
    "PIECE_QUOTES",
    "SECTION_CHARS",
    "SECTION_QUOTES",
    "FastAttributeRuler",
    "FastLemmatizer",
    "OutsideQuotesNER",
    "Para",
    "Parser",
    "Piece",
    "Section",
    "attach",
    "base_of",
    "cut_pieces",
    "get_parser",
    "hidden_ranges",
    "paragraphs_of_doc",
    "parse_paragraphs",
    "parse_pieces",
    "plan_sections",
    "select_paragraphs",
    "split_glued_marks",
]

MAX_CHUNK = 10_000
"""Paragraphs longer than this many characters are parsed in pieces, cut at a sentence end
where there is one (else at a space): spaCy parses long Docs slowly and in much memory."""

SECTION_CHARS = 100_000
"""A text whose selected paragraphs hold more characters than this is attributed in sections."""

SECTION_QUOTES = 500
"""A text with more quotations than this is attributed in sections (and long paragraphs cut)."""

PIECE_QUOTES = 50
"""A paragraph piece holding more quotations than this is cut between them."""

HIDE_QUOTES = 24
"""Closed quotations at least this long are hidden from an entity recognizer (see
:class:`OutsideQuotesNER`)."""

CONTEXT_PIECES = 2
"""Pieces before a section (after the first) parsed again as its context."""


@attrs.define
class Para:
    """One paragraph: its offsets and its parse (empty when it was not parsed).

    Attributes:
        index: The paragraph's index (as :attr:`quoteattr.QuoteSpan.paragraph`).
        start: Offset of its first character.
        end: Offset just past its last character.
        docs: ``(base, doc)`` pairs: the parsed pieces of the paragraph, each with the
            offset of its first character in the caller's text (0 for a caller's Doc).
    """

    index: int
    start: int
    end: int
    docs: list[tuple[int, Doc | Span]] = attrs.field(factory=list)


_BASE_KEY = "quoteattr.base"

_UNSAFE = re.compile(
    "(?P<surrogate>[\ud800-\udfff])"
    "|[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]"
    "|[\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _encodable(text: str) -> str:
    """What spaCy sees of ``text``: same length, so offsets still index the original.

    Surrogates (which spaCy cannot encode) become U+FFFD; control characters, the
    non-breaking and other Unicode spaces, the zero-width space and the bidirectional
    marks become a plain space (which spaCy splits on). Joiners (U+200C, U+200D, U+2060)
    are kept: they sit inside words.
    """
    return _UNSAFE.sub(lambda m: "\ufffd" if m.group("surrogate") else " ", text)


def base_of(tok: Token) -> int:
    """Offset of a token's Doc in the caller's text (0 for the caller's own Doc)."""
    return int(tok.doc.user_data.get(_BASE_KEY, 0))


# --- which paragraphs -----------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


def _key(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def _name_runs(text: str, start: int, end: int) -> Iterator[list[str]]:
    """Runs of two or more capitalized words (name particles allowed inside) in a range."""
    run: list[str] = []
    last = -1
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        adjacent = bool(run) and text[last : m.start()].isspace()
        if adjacent and (word[0].isupper() or word in PARTICLES):
            run.append(word)
        else:
            yield from _finish(run)
            run = [word] if word[0].isupper() else []
        last = m.end()
    yield from _finish(run)


def _finish(run: list[str]) -> Iterator[list[str]]:
    while run and not run[-1][0].isupper():
        run = run[:-1]
    if sum(1 for w in run if w[0].isupper()) >= 2:
        yield run


def select_paragraphs(
    text: str,
    bounds: Sequence[tuple[int, int]],
    spans: Sequence[QuoteSpan],
    extra: Iterable[int] = (),
) -> list[int]:
    """Return the indices of the paragraphs attribution needs parsed, in order.

    These are the paragraphs holding a quotation, the paragraph before each, and, among
    the other paragraphs before the last quotation, each one that first gives a full name
    (two or more capitalized words) ending in a word a selected paragraph uses: so that
    "Clinton said" still resolves to "Hillary Clinton" introduced earlier.

    Args:
        text: The text.
        bounds: Its paragraphs (:func:`quoteattr.marks.paragraph_bounds`).
        spans: Its quotations (:func:`quoteattr.find_quotes`).
        extra: More paragraphs to parse as if they held a quotation (reported speech:
            :func:`quoteattr.reported.needs_parse`).

    Returns:
        Sorted paragraph indices; empty when there is no quotation and no ``extra``.
    """
    quoted = {q.paragraph for q in spans} | set(extra)
    if not quoted:
        return []
    selected = quoted | {p - 1 for p in quoted if p > 0}
    words: set[str] = set()
    for i in selected:
        a, b = bounds[i]
        words.update(_key(m.group()) for m in _WORD.finditer(text, a, b) if m.group()[0].isupper())
    seen: set[str] = set()
    for i in range(max(quoted)):
        a, b = bounds[i]
        keys = {_key(run[-1]) for run in _name_runs(text, a, b)}
        if i not in selected and any(k in words and k not in seen for k in keys):
            selected.add(i)
        if i in selected:
            seen |= keys
    return sorted(selected)


# --- pieces and sections --------------------------------------------------------------------


@attrs.frozen
class Piece:
    """A stretch of one paragraph that is parsed as one Doc.

    Attributes:
        para: The paragraph's index.
        start: Offset of the first character in the text.
        end: Offset just past the last character.
    """

    para: int
    start: int
    end: int


@attrs.frozen
class Section:
    """Pieces attributed together, and the stretch of text whose quotations they report.

    Attributes:
        pieces: The pieces to parse, in text order: up to :data:`CONTEXT_PIECES` pieces
            before the section (context only), the section's own, the next piece, and,
            when a quotation runs past the section's end, the piece where it ends and the
            one after.
        start: Offset where the section's own text starts (quotations starting before it
            are context).
        end: Offset where the next section starts (or the length of the text).
    """

    pieces: tuple[Piece, ...]
    start: int
    end: int

    @property
    def chars(self) -> int:
        """How many characters the section parses."""
        return sum(p.end - p.start for p in self.pieces)


_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*\s")


def _cut_point(text: str, a: int, limit: int) -> int:
    """Where to cut ``text[a:]`` before ``limit``: a sentence end, else a space, else ``limit``.

    The cut is the offset of a white-space character (left out of both pieces), or
    ``limit`` itself when there is no space to cut at.
    """
    cut = -1
    for m in _SENTENCE_END.finditer(text, a + (limit - a) // 2, limit):
        cut = m.end() - 1
    if cut > a:
        return cut
    cut = text.rfind(" ", a + 1, limit)
    return cut if cut > a else limit


def _cut_chars(text: str, idx: int, a: int, b: int) -> Iterator[Piece]:
    while b - a > MAX_CHUNK:
        cut = _cut_point(text, a, a + MAX_CHUNK)
        yield Piece(idx, a, cut)
        a = cut + 1 if cut < a + MAX_CHUNK else cut
    if b > a:
        yield Piece(idx, a, b)


def _cut_quotes(text: str, piece: Piece, starts: Sequence[int]) -> Iterator[Piece]:
    """Cut a piece holding more than :data:`PIECE_QUOTES` quotations between quotations."""
    lo = bisect.bisect_left(starts, piece.start)
    hi = bisect.bisect_left(starts, piece.end)
    a = piece.start
    for k in range(lo + PIECE_QUOTES, hi, PIECE_QUOTES):
        cut = text.rfind(" ", max(a + 1, starts[k - 1]), starts[k])
        if cut <= a:
            cut = text.rfind(" ", a + 1, starts[k])
        if cut > a:
            yield Piece(piece.para, a, cut)
            a = cut + 1
    if piece.end > a:
        yield Piece(piece.para, a, piece.end)


def cut_pieces(
    text: str,
    bounds: Sequence[tuple[int, int]],
    selected: Sequence[int],
    spans: Sequence[QuoteSpan],
) -> list[Piece]:
    """Cut the selected paragraphs into pieces for spaCy.

    A paragraph longer than :data:`MAX_CHUNK` characters is cut at sentence ends (or
    spaces), and a piece holding more than :data:`PIECE_QUOTES` quotations is cut between
    them.

    Args:
        text: The text.
        bounds: Its paragraphs.
        selected: The paragraphs to cut, in order.
        spans: Its quotations, sorted.

    Returns:
        The pieces, in text order.
    """
    starts = [q.start for q in spans]
    pieces: list[Piece] = []
    for idx in selected:
        for piece in _cut_chars(text, idx, *bounds[idx]):
            pieces.extend(_cut_quotes(text, piece, starts))
    return pieces


def plan_sections(
    text: str,
    bounds: Sequence[tuple[int, int]],
    spans: Sequence[QuoteSpan],
    selected: Sequence[int] | None = None,
) -> list[Section]:
    """Cut the selected paragraphs of a text into pieces, and the pieces into sections.

    A section parses at most about :data:`SECTION_CHARS` characters and holds at most about
    :data:`SECTION_QUOTES` quotations; a text within both limits is one section.

    Args:
        text: The text.
        bounds: Its paragraphs.
        spans: Its quotations.
        selected: The paragraphs to parse (default: :func:`select_paragraphs`).

    Returns:
        The sections in text order, leaving out those that hold no quotation; empty when
        nothing is to be parsed.
    """
    if selected is None:
        selected = select_paragraphs(text, bounds, spans)
    starts = [q.start for q in spans]
    pieces = cut_pieces(text, bounds, selected, spans)
    if not pieces:
        return []
    total = sum(p.end - p.start for p in pieces)
    if total <= SECTION_CHARS and len(spans) <= SECTION_QUOTES:
        return [Section(tuple(pieces), 0, len(text))]
    groups: list[list[Piece]] = [[]]
    chars = quotes = 0
    for piece in pieces:
        n = bisect.bisect_left(starts, piece.end) - bisect.bisect_left(starts, piece.start)
        size = piece.end - piece.start
        if groups[-1] and (chars + size > SECTION_CHARS or quotes + n > SECTION_QUOTES):
            groups.append([])
            chars = quotes = 0
        groups[-1].append(piece)
        chars += size
        quotes += n
    piece_starts = [p.start for p in pieces]
    sections = []
    for g, group in enumerate(groups):
        start = group[0].start if g else 0
        end = groups[g + 1][0].start if g + 1 < len(groups) else len(text)
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        if first == last:
            continue  # no quotation of its own: nothing to report
        context = groups[g - 1][-CONTEXT_PIECES:] if g else []
        # after the section: the next piece (a cue after its last quotation), and where
        # the one quotation that may run past the section's end ends, with the piece after
        after = {bisect.bisect_left(piece_starts, end)}
        crossing = spans[last - 1]
        if crossing.mark_end > end:
            j = bisect.bisect_right(piece_starts, crossing.mark_end - 1) - 1
            after |= {j, j + 1}
        extra = [pieces[j] for j in sorted(after) if j < len(pieces) and pieces[j].start >= end]
        sections.append(Section(tuple(context + group + extra), start, end))
    return sections


# --- running the pipeline ---------------------------------------------------------------------

_SKIP_FACTORIES = frozenset(
    {
        "quoteattr",
        "textcat",
        "textcat_multilabel",
        "spancat",
        "spancat_singlelabel",
        "entity_linker",
    }
)
"""Components whose output attribution never reads."""

_FAST_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_SET_KEYS = ("POS", "MORPH", "LEMMA", "TAG", "DEP")


@attrs.frozen
class _Rule:
    attr_id: int
    patterns: tuple[tuple[dict[str, Any], ...], ...]
    index: int
    values: dict[str, int]


class FastAttributeRuler:
    """An exact, vectorized stand-in for a spaCy ``attribute_ruler`` over batches of Docs.

    spaCy's ``AttributeRuler`` runs a ``Matcher`` over every Doc; for the tag-map and
    exception patterns of the English pipelines (token patterns on ``TAG``, ``LOWER``,
    ``DEP`` and ``IS_SPACE``, with exact values, ``IN`` and ``NOT_IN``), the same matches
    are computed here with numpy over a whole batch at once, and applied in the same order
    (later patterns win), so the Docs come out identical. :meth:`from_ruler` returns
    ``None`` for a ruler with any other kind of pattern.
    """

    def __init__(self, rules: Sequence[_Rule]) -> None:
        self.rules = tuple(rules)
        self.set_keys = tuple(k for k in _SET_KEYS if any(k in r.values for r in self.rules))

    @classmethod
    def from_ruler(cls, ruler: Any) -> FastAttributeRuler | None:
        """Build the stand-in for ``ruler``, or return ``None`` if it cannot be exact.

        Args:
            ruler: A spaCy ``AttributeRuler``.
        """
        from spacy.attrs import IDS

        names = {IDS[k]: k for k in _SET_KEYS}
        strings = ruler.vocab.strings
        rules = []
        try:
            for attr_id, (spec, attrs_) in enumerate(zip(ruler.patterns, ruler.attrs, strict=True)):
                if set(attrs_) - set(names):
                    return None
                values = {names[k]: int(v) for k, v in attrs_.items()}
                patterns = tuple(
                    tuple(_compile_token(tok, strings) for tok in pattern)
                    for pattern in spec["patterns"]
                )
                rules.append(_Rule(attr_id, patterns, int(spec["index"]), values))
        except _Unsupported:
            return None
        return cls(rules)

    def __call__(self, doc: Doc) -> Doc:
        """Set the attributes of one Doc."""
        self.apply([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Set the attributes of a stream of Docs, a batch at a time."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                self.apply(batch)
                yield from batch
                batch = []
        if batch:
            self.apply(batch)
            yield from batch

    def apply(self, docs: Sequence[Doc]) -> None:
        """Set the attributes of a batch of Docs in place."""
        from spacy.attrs import IDS

        docs = [d for d in docs if len(d)]
        if not docs or not self.set_keys:
            return
        lengths = [len(d) for d in docs]
        feats = numpy.concatenate([d.to_array([IDS[k] for k in _FAST_KEYS]) for d in docs])
        out_ids = [IDS[k] for k in self.set_keys]
        out = numpy.concatenate([d.to_array(out_ids) for d in docs])
        ends = numpy.cumsum(lengths)
        doc_end = numpy.repeat(ends, lengths)
        n = len(feats)
        cols = {k: feats[:, i] for i, k in enumerate(_FAST_KEYS)}
        col_of = {k: i for i, k in enumerate(self.set_keys)}
        for rule in self.rules:
            targets = []
            for pattern in rule.patterns:
                width = len(pattern)
                ok = numpy.ones(n, dtype=bool)
                for j, tok in enumerate(pattern):
                    mask = _token_mask(tok, cols)
                    ok[: n - j] &= mask[j:]
                    if j:
                        ok[n - j :] = False
                ok &= numpy.arange(n) + width <= doc_end
                starts = numpy.nonzero(ok)[0]
                if len(starts):
                    offset = rule.index if rule.index >= 0 else width + rule.index
                    if not 0 <= offset < width:
                        raise ValueError(f"attribute_ruler index {rule.index} out of range")
                    targets.append(starts + offset)
            if targets:
                where = numpy.concatenate(targets)
                for key, value in rule.values.items():
                    out[where, col_of[key]] = value
        pos = 0
        for doc, length in zip(docs, lengths, strict=True):
            values: Any = numpy.ascontiguousarray(out[pos : pos + length])
            doc.from_array(out_ids, values)
            pos += length


class _Unsupported(Exception):
    pass


def _compile_token(tok: dict[str, Any], strings: Any) -> dict[str, Any]:
    """Turn a Matcher token pattern into ``{key: (op, values)}`` on hashed columns."""
    out: dict[str, Any] = {}
    for key, value in tok.items():
        if key not in _FAST_KEYS:
            raise _Unsupported(key)
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                raise _Unsupported(value)
            op, vals = next(iter(value.items()))
            if op == "REGEX":
                if key == "IS_SPACE" or not isinstance(vals, str):
                    raise _Unsupported(value)
                out[key] = (op, _RegexTest(re.compile(vals), strings))
            else:
                hashes = [_hash(v, key, strings) for v in vals]
                out[key] = (op, numpy.array(hashes, dtype="uint64"))
        else:
            out[key] = ("==", _hash(value, key, strings))
    return out


def _hash(value: Any, key: str, strings: Any) -> int:
    if key == "IS_SPACE":
        if not isinstance(value, bool):
            raise _Unsupported(value)
        return int(value)
    if not isinstance(value, str):
        raise _Unsupported(value)
    return int(strings.add(value)) if value else 0


class _RegexTest:
    """``REGEX`` on a string attribute: ``re.search`` on each distinct value, cached."""

    def __init__(self, pattern: re.Pattern[str], strings: Any) -> None:
        self.pattern = pattern
        self.strings = strings
        self.cache: dict[int, bool] = {}

    def mask(self, col: Any) -> Any:
        values, inverse = numpy.unique(col, return_inverse=True)
        hits = numpy.array([self.test(int(v)) for v in values], dtype=bool)
        return hits[inverse]

    def test(self, value: int) -> bool:
        hit = self.cache.get(value)
        if hit is None:
            text = self.strings[value] if value else ""
            hit = self.cache[value] = self.pattern.search(text) is not None
        return hit


def _token_mask(tok: dict[str, Any], cols: dict[str, Any]) -> Any:
    mask: Any = None
    for key, (op, val) in tok.items():
        col = cols[key]
        if op == "==":
            m = col == val
        elif op == "IN":
            m = numpy.isin(col, val)
        elif op == "REGEX":
            m = val.mask(col)
        else:
            m = ~numpy.isin(col, val)
        mask = m if mask is None else mask & m
    if mask is None:
        return numpy.ones(len(next(iter(cols.values()))), dtype=bool)
    return mask


class FastLemmatizer:
    """A spaCy ``lemmatizer`` in ``rule`` or ``lookup`` mode, memoized per (word, tag, morph).

    spaCy's lemmatizer visits every token in Python; in these modes a lemma depends only on
    the token's text, part of speech and morphology, so each distinct triple is lemmatized
    once, by the lemmatizer itself, and the result reused: the Docs come out identical.

    Args:
        lemmatizer: The spaCy ``Lemmatizer``.
    """

    MAX_MEMO = 1_000_000
    """The memo is emptied when it grows past this many entries."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}

    @staticmethod
    def applies_to(lemmatizer: Any) -> bool:
        """Whether ``lemmatizer`` is one of spaCy's, in a mode this is exact for."""
        return getattr(lemmatizer, "mode", None) in ("rule", "lookup") and type(
            lemmatizer
        ).__module__.startswith("spacy.")

    def __call__(self, doc: Doc) -> Doc:
        """Lemmatize one Doc."""
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = bool(getattr(self.lemmatizer, "overwrite", False))
        memo = self.memo
        if len(memo) > self.MAX_MEMO:
            memo.clear()
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = int(strings.add(self.lemmatizer.lemmatize(doc[i])[0]))
            lemmas[i] = value
        values: Any = lemmas
        doc.from_array([LEMMA], values)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Lemmatize a stream of Docs."""
        for doc in docs:
            yield self(doc)


class OutsideQuotesNER:
    """Run an entity recognizer on the text outside the long quotations only.

    Attribution never reads the entities inside a quotation, and an entity recognizer with
    an embedding of its own (the English ``sm``, ``md`` and ``lg`` pipelines) costs about
    half of spaCy's time. So each Doc's long closed quotations (:data:`HIDE_QUOTES`
    characters or more, given as ``(start, end)`` ranges of the Doc's text in
    ``doc.user_data``) are replaced by a one-letter placeholder in a shadow Doc, the
    recognizer runs on the shadow, and its entities are copied back where the tokens align.

    Args:
        ner: The entity recognizer.
        tokenizer: The pipeline's tokenizer.
    """

    placeholder = "x"

    def __init__(self, ner: Any, tokenizer: Any) -> None:
        self.ner = ner
        self.tokenizer = tokenizer

    @staticmethod
    def applies_to(ner: Any) -> bool:
        """Whether ``ner`` embeds tokens itself (a listener reads the Doc's own tensors)."""
        return not any("listener" in node.name for node in ner.model.walk())

    def __call__(self, doc: Doc) -> Doc:
        """Set the entities of one Doc."""
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Set the entities of a stream of Docs, a batch at a time."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, batch: list[Doc]) -> list[Doc]:
        inputs: list[Doc] = []
        maps: list[list[tuple[int, int, int]] | None] = []
        for doc in batch:
            hidden = doc.user_data.pop(_HIDE_KEY, None)
            if hidden:
                shadow, segments = self._shadow(doc.text, hidden)
                inputs.append(shadow)
                maps.append(segments)
            else:
                inputs.append(doc)
                maps.append(None)
        done = list(self.ner.pipe(inputs, batch_size=len(inputs)))
        for doc, ner_doc, mapping in zip(batch, done, maps, strict=True):
            if mapping is not None:
                _copy_ents(ner_doc, doc, mapping)
        return batch

    def _shadow(
        self, text: str, hidden: Sequence[tuple[int, int]]
    ) -> tuple[Doc, list[tuple[int, int, int]]]:
        parts: list[str] = []
        segments: list[tuple[int, int, int]] = []  # (shadow start, original start, length)
        pos = size = 0
        for start, end in hidden:
            parts.append(text[pos:start])
            segments.append((size, pos, start - pos))
            parts.append(self.placeholder)
            size += start - pos + len(self.placeholder)
            pos = end
        parts.append(text[pos:])
        segments.append((size, pos, len(text) - pos))
        return self.tokenizer("".join(parts)), segments


def _copy_ents(shadow: Doc, doc: Doc, segments: list[tuple[int, int, int]]) -> None:
    starts = [seg[0] for seg in segments]
    spans = []
    for ent in shadow.ents:
        at, orig, length = segments[bisect.bisect_right(starts, ent.start_char) - 1]
        if ent.end_char > at + length:
            continue  # runs into a hidden quotation
        a = orig + ent.start_char - at
        span = doc.char_span(a, a + ent.end_char - ent.start_char, label=ent.label_)
        if span is not None:
            spans.append(span)
    doc.set_ents(spans, default="outside")


class Parser:
    """Run a pipeline's components over paragraph texts, the way ``nlp.pipe`` would.

    Args:
        nlp: The spaCy pipeline.
        batch_size: Docs per batch inside each component.

    Components whose output attribution never reads (text classifiers, span categorizers,
    entity linkers, quoteattr's own component) are skipped; an ``attribute_ruler`` is run
    as a :class:`FastAttributeRuler` and a lemmatizer as a :class:`FastLemmatizer` when
    that is exact, and an entity recognizer with an embedding of its own skips long
    quotations (:class:`OutsideQuotesNER`). Each Doc's
    tensor is dropped once every component has run, to save memory (attribution never
    reads it).
    """

    def __init__(self, nlp: Language, batch_size: int = 256) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.steps: list[tuple[str, Any]] = []
        for name, proc in nlp.pipeline:
            factory = nlp.get_pipe_meta(name).factory
            if factory in _SKIP_FACTORIES:
                continue
            if factory == "attribute_ruler":
                fast = FastAttributeRuler.from_ruler(proc)
                if fast is not None:
                    self.steps.append((name, fast))
                    continue
            if factory == "lemmatizer" and FastLemmatizer.applies_to(proc):
                self.steps.append((name, FastLemmatizer(proc)))
                continue
            if factory == "ner" and OutsideQuotesNER.applies_to(proc):
                self.steps.append((name, OutsideQuotesNER(proc, nlp.tokenizer)))
                continue
            self.steps.append((name, proc))

    def __call__(
        self, texts: Sequence[str], hidden: Sequence[Sequence[tuple[int, int]]] | None = None
    ) -> list[Doc]:
        """Parse ``texts`` (each shorter than ``nlp.max_length``), in order.

        Args:
            texts: The texts.
            hidden: For each text, the ``(start, end)`` ranges of its long quotations, which
                the entity recognizer may skip.
        """
        if not texts:
            return []
        size = max(1, min(self.batch_size, len(texts)))
        tokenizer: Any = self.nlp.tokenizer
        docs: Iterable[Doc] = map(split_glued_marks, tokenizer.pipe(texts, batch_size=size))
        if hidden is not None:
            docs = map(_hide, docs, hidden)
        for _, proc in self.steps:
            docs = proc.pipe(docs, batch_size=size) if hasattr(proc, "pipe") else map(proc, docs)
        out = list(docs)
        for doc in out:
            doc.user_data.pop(_HIDE_KEY, None)
            if doc.tensor.size:
                doc.tensor = numpy.zeros((0, doc.tensor.shape[1]), dtype=doc.tensor.dtype)
        return out


_HIDE_KEY = "quoteattr.hidden"

_GLUED = re.compile(r"([“”„‟«»\"]|[,.:;!?]+(?=[“”„‟«»\"]))")


def split_glued_marks(doc: Doc) -> Doc:
    """Split tokens in which a quotation mark is stuck to a word: ``said“We``, ``win,”said``.

    Hurried copy drops the space between a mark and the next word, and the tokenizer then
    keeps both in one token, which hides the cue or the name from the parser. Offsets are
    unchanged: the pieces of a token cover exactly its characters.
    """
    if not any(len(t) > 1 and not t.is_punct and _GLUED.search(t.text) for t in doc):
        return doc
    from spacy.tokens import Doc as _Doc

    words: list[str] = []
    spaces: list[bool] = []
    for tok in doc:
        parts = [o for o in _GLUED.split(tok.text) if o] if not tok.is_punct else [tok.text]
        words.extend(parts)
        spaces.extend([False] * (len(parts) - 1) + [bool(tok.whitespace_)])
    return _Doc(doc.vocab, words=words, spaces=spaces)


def _hide(doc: Doc, ranges: Sequence[tuple[int, int]]) -> Doc:
    if ranges:
        doc.user_data[_HIDE_KEY] = list(ranges)
    return doc


def hidden_ranges(spans: Sequence[QuoteSpan]) -> list[tuple[int, int]]:
    """The ``(start, end)`` of the closed outermost quotations of :data:`HIDE_QUOTES` or more.

    Unclosed spans are left visible: they may be attributions after a stray mark.
    """
    return [
        (q.start, q.end)
        for q in spans
        if q.depth == 0 and q.close_mark is not None and q.end - q.start >= HIDE_QUOTES
    ]


_parsers: weakref.WeakKeyDictionary[Any, tuple[tuple[str, ...], Parser]] = (
    weakref.WeakKeyDictionary()
)


def get_parser(nlp: Language) -> Parser:
    """The :class:`Parser` of ``nlp``, made once per pipeline object (and pipe names)."""
    names = tuple(nlp.pipe_names)
    cached = _parsers.get(nlp)
    if cached is None or cached[0] != names:
        cached = _parsers[nlp] = (names, Parser(nlp))
    return cached[1]


def parse_pieces(
    parser: Parser,
    pieces: Sequence[tuple[str, Piece]],
    hidden: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> list[Doc]:
    """Parse ``(text, piece)`` pairs; each Doc remembers where it starts in its text.

    Args:
        parser: The parser.
        pieces: The pieces, each with its text.
        hidden: For each piece, the sorted ``(start, end)`` ranges of its text (offsets in
            the text, see :func:`hidden_ranges`) that the entity recognizer may skip.
    """
    clipped = None
    if hidden is not None:
        clipped = [_clip(ranges, p) for (_, p), ranges in zip(pieces, hidden, strict=True)]
    docs = parser([_encodable(text[p.start : p.end]) for text, p in pieces], clipped)
    for (_, piece), doc in zip(pieces, docs, strict=True):
        doc.user_data[_BASE_KEY] = piece.start
    return docs


def _clip(ranges: Sequence[tuple[int, int]], piece: Piece) -> list[tuple[int, int]]:
    """The parts of ``ranges`` inside ``piece``, relative to its start."""
    i = bisect.bisect_right(ranges, (piece.start, piece.start)) - 1
    out = []
    for start, end in ranges[max(i, 0) :]:
        if start >= piece.end:
            break
        a, b = max(start, piece.start), min(end, piece.end)
        if b - a >= HIDE_QUOTES:
            out.append((a - piece.start, b - piece.start))
    return out


def attach(paras: Sequence[Para], pieces: Sequence[Piece], docs: Sequence[Doc]) -> None:
    """Add parsed pieces to their paragraphs."""
    for piece, doc in zip(pieces, docs, strict=True):
        paras[piece.para].docs.append((piece.start, doc))


def parse_paragraphs(
    text: str,
    nlp: Language,
    paras: list[tuple[int, int]],
    selected: Sequence[int] | None = None,
) -> list[Para]:
    """Parse the paragraphs ``(start, end)`` of ``text`` that attribution needs.

    Args:
        text: The text.
        nlp: The pipeline.
        paras: The paragraphs' offsets (:func:`quoteattr.marks.paragraph_bounds`).
        selected: The indices of the paragraphs to parse; by default those
            :func:`select_paragraphs` picks for the text's quotations.

    Returns:
        One :class:`Para` per paragraph, in order; unselected ones have no Doc.
    """
    spans = [q for q in find_quotes(text) if q.depth == 0]
    if selected is None:
        selected = select_paragraphs(text, paras, spans)
    out = [Para(i, a, b) for i, (a, b) in enumerate(paras)]
    pieces = cut_pieces(text, paras, selected, spans)
    hidden = hidden_ranges(spans)
    docs = parse_pieces(get_parser(nlp), [(text, p) for p in pieces], [hidden] * len(pieces))
    attach(out, pieces, docs)
    return out


def paragraphs_of_doc(
    doc: Doc, paras: list[tuple[int, int]], selected: Sequence[int] | None = None
) -> list[Para]:
    """View a caller's parsed ``Doc`` as paragraphs (no parsing).

    Args:
        doc: The Doc.
        paras: Its paragraphs' offsets.
        selected: The paragraphs to use (default: all).

    Returns:
        One :class:`Para` per paragraph; the used ones hold a span of ``doc``.
    """
    use = set(range(len(paras)) if selected is None else selected)
    out = []
    for i, (a, b) in enumerate(paras):
        para = Para(i, a, b)
        if i in use:
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                para.docs.append((0, span))
        out.append(para)
    return out
