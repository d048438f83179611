"""Parsing: run the caller's spaCy pipeline, the standard way, over the stretches selected.

The stretches of text that attribution needs (see :mod:`quoteattr.selection`) are
tokenized by the pipeline's own tokenizer, quotation marks glued to words are split off
(:func:`split_glued_marks`), and the Docs go through :meth:`spacy.language.Language.pipe`,
with only the components whose output attribution never reads disabled (text classifiers,
span categorizers, entity linkers, quoteattr's own component). Any pipeline works as it
is: an extra ``attribute_ruler``, an ``entity_ruler`` before the ``ner``, the ``md``,
``lg`` and ``trf`` English pipelines.

Each parsed Doc is the text of one piece; a :class:`Para` keeps the offset at which each of
its pieces starts in the caller's string, so that token offsets plus that base index the
caller's original string. A caller's own ``Doc`` is used as it is, one span per paragraph
(:func:`paragraphs_of_doc`), with base 0.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .marks import MARK_CHARS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "BATCH_TOKENS",
    "READ_ATTRIBUTES",
    "Para",
    "attach",
    "paragraphs_of_doc",
    "parse",
    "sentence_ranges",
    "skipped_components",
    "split_at_entities",
    "split_glued_marks",
    "tokenize",
    "window",
    "without_entities",
]

READ_ATTRIBUTES = frozenset(
    {
        "doc.tensor",
        "doc.ents",
        "doc.sents",
        "token.tag",
        "token.pos",
        "token.morph",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.norm",
        "token.is_sent_start",
        "token.ent_iob",
        "token.ent_type",
    }
)
"""What attribution reads of a parse (with the tensor the later components listen to).

A component that assigns nothing of this (as its meta's ``assigns`` says: text classifiers,
span categorizers, entity linkers, quoteattr's own component) and nothing a later component
requires is disabled in parsing; a component that declares nothing (an attribute ruler)
always runs."""


@attrs.define
class Para:
    """One paragraph: its offsets and its parse (empty when it was not parsed).

    Attributes:
        index: The paragraph's index (as :attr:`quoteattr.QuoteSpan.paragraph`).
        start: Offset of its first character.
        end: Offset just past its last character.
        docs: ``(offsets, doc)`` pairs: the parsed windows of the paragraph, each with the
            offset in the caller's text of each of its tokens (``None`` for a span of a
            caller's Doc, whose tokens' own ``idx`` are those offsets).
    """

    index: int
    start: int
    end: int
    docs: list[tuple[list[int] | None, Doc | Span]] = attrs.field(factory=list)


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


_GLUED = re.compile(f"([{MARK_CHARS}]|[,.:;!?]+(?=[{MARK_CHARS}]))")


def split_glued_marks(doc: Doc) -> Doc:
    """Split tokens in which a quotation mark is stuck to a word: ``said“We``, ``win,”said``.

    Hurried copy drops the space between a mark and the next word, and the tokenizer then
    keeps both in one token, which hides the cue or the name from the parser. This runs
    between the tokenizer and the rest of the pipeline (spaCy's ``pipe`` accepts Docs).
    Offsets are unchanged: the pieces of a token cover exactly its characters.
    """
    if not any(_glued(tok) for tok in _tokens_with_marks(doc)):
        return doc
    from spacy.tokens import Doc as _Doc

    words: list[str] = []
    spaces: list[bool] = []
    whole: list[Token | None] = []  # the token each new one copies whole, if any
    for tok in doc:
        parts = [o for o in _GLUED.split(tok.text) if o] if not tok.is_punct else [tok.text]
        words.extend(parts)
        spaces.extend([False] * (len(parts) - 1) + [bool(tok.whitespace_)])
        whole.extend([tok] if len(parts) == 1 else [None] * len(parts))
    out = _Doc(doc.vocab, words=words, spaces=spaces)
    for source, new in zip(whole, out, strict=True):
        if source is not None:
            _copy_norm(source, new)
    return out


_MARK = re.compile(f"[{MARK_CHARS}]")


def _tokens_with_marks(doc: Doc) -> Iterator[Token]:
    """The tokens holding a quotation mark (found from the text, not by visiting every
    token: most tokens hold none)."""
    marks = [m.start() for m in _MARK.finditer(doc.text)]
    if not marks:
        return
    starts = doc.to_array("IDX")
    for i in sorted(set(starts.searchsorted(marks, side="right").tolist()) - {0}):
        yield doc[i - 1]  # the last token starting at or before the mark holds it


def _glued(tok: Token) -> bool:
    return len(tok) > 1 and not tok.is_punct and _GLUED.search(tok.text) is not None


def tokenize(nlp: Language, text: str) -> Doc:
    """Tokenize ``text`` with the pipeline's tokenizer and split off glued marks.

    Characters spaCy cannot take are replaced one for one first, so that offsets still
    index ``text``.
    """
    return split_glued_marks(nlp.make_doc(_encodable(text)))


@functools.cache
def _sentencizer() -> Any:
    from spacy.pipeline import Sentencizer

    return Sentencizer()


def sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    """The ``[start, end)`` token ranges of the sentences of a tokenized (unparsed) Doc.

    spaCy's rule-based ``Sentencizer`` splits after sentence-final punctuation (the
    tokenizer has already kept abbreviations such as "Mr." and "U.S." whole); the
    boundaries only decide which sentences are parsed, never the parse itself.
    """
    if not len(doc):
        return []
    _sentencizer()(doc)
    starts = [sent.start for sent in doc.sents]
    for k in range(1, len(starts)):
        # an opening mark glued to the next word opens the next sentence, not this one
        while starts[k] - 1 > starts[k - 1] and _opens(doc[starts[k] - 1]):
            starts[k] -= 1
    return list(zip(starts, [*starts[1:], len(doc)], strict=True))


def _opens(tok: Token) -> bool:
    return bool(tok.is_quote) and not tok.whitespace_ and tok.i + 1 < len(tok.doc)


def window(
    doc: Doc, start: int, end: int, drop: Sequence[tuple[int, int]] = ()
) -> tuple[Doc, list[int]]:
    """A new, unannotated Doc of the tokens ``[start, end)`` of ``doc`` (no re-tokenizing).

    Args:
        doc: A tokenized Doc.
        start: The first token.
        end: The token after the last.
        drop: Sorted ``[i, j)`` token ranges inside ``[start, end)`` to leave out (the
            middle of long quotations, whose words attribution never reads).

    Returns:
        The Doc, and for each of its tokens the ``idx`` of the token of ``doc`` it copies.
    """
    from spacy.tokens import Doc as _Doc

    keep: list[int] = []
    i = start
    for a, b in drop:
        keep.extend(range(i, a))
        i = max(i, b)
    keep.extend(range(i, end))
    words = [doc[k].text for k in keep]
    spaces = [bool(doc[k].whitespace_) for k in keep]
    spaces[-1] = False
    out = _Doc(doc.vocab, words=words, spaces=spaces)
    for k, tok in zip(keep, out, strict=True):
        _copy_norm(doc[k], tok)
    return out, [int(doc[k].idx) for k in keep]


def _copy_norm(source: Token, tok: Token) -> None:
    """Give a rebuilt token the norm the tokenizer's exceptions set ("n't" → "not"): the
    models read norms, so a Doc rebuilt from words is tagged and parsed as the tokenizer's
    own."""
    if source.norm != source.lex.norm:
        tok.norm_ = source.norm_


def _unread(nlp: Language, name: str, later: Sequence[str]) -> bool:
    """Whether a component assigns only what neither attribution nor a later one reads."""
    assigns = set(nlp.get_pipe_meta(name).assigns)
    required = {r for n in later for r in nlp.get_pipe_meta(n).requires}
    return bool(assigns) and not assigns & (READ_ATTRIBUTES | required)


def skipped_components(nlp: Language) -> list[str]:
    """The components parsing disables (see :data:`READ_ATTRIBUTES`)."""
    names = nlp.pipe_names
    return [n for i, n in enumerate(names) if _unread(nlp, n, names[i + 1 :])]


def split_at_entities(nlp: Language) -> tuple[list[str], list[str]]:
    """The enabled components before the first that assigns ``doc.ents`` (the entity
    recognizer, an entity ruler), and that one and those after it."""
    skipped = set(skipped_components(nlp))
    names = [n for n in nlp.pipe_names if n not in skipped]
    for i, name in enumerate(names):
        if "doc.ents" in nlp.get_pipe_meta(name).assigns:
            return names[:i], names[i:]
    return names, []


BATCH_TOKENS = 10_000
"""About how many tokens a batch of :func:`parse` holds at most, on average over its Docs.

A component's arrays grow with the tokens of its batch, not with its Docs: 256 windows of
150 tokens (one long paragraph of short quotations) make arrays of tens of megabytes, whose
pages the kernel maps and zeroes afresh for every batch, so that a token cost more (system
time) the more windows a text had, up to 256 (×10.5 the windows, ×12.9 the CPU time in
``nlp.pipe``). Windows of a few dozen tokens, as in most news, still go 256 at a time."""


def _batch_size(docs: Sequence[Doc | Span], batch_size: int) -> int:
    """Docs per batch: at most ``batch_size``, and as many as hold about
    :data:`BATCH_TOKENS` tokens, at their mean length."""
    tokens = sum(len(d) for d in docs)
    by_tokens = BATCH_TOKENS * len(docs) // tokens if tokens else len(docs)
    return max(1, min(batch_size, len(docs), by_tokens))


def parse(
    nlp: Language,
    docs: Sequence[Doc],
    entities: Sequence[Sequence[tuple[int, int]]] | None = None,
    batch_size: int = 256,
    wanted: Callable[[Span], bool] | None = None,
    recognize: bool = True,
) -> list[Doc]:
    """Run the pipeline over tokenized Docs with :meth:`~spacy.language.Language.pipe`.

    The entity recognizer costs about as much as the rest of a small pipeline, and
    attribution reads entities only where speakers are named. So the components run in two
    :meth:`~spacy.language.Language.pipe` calls: those before the first entity component
    (:func:`split_at_entities`) over every Doc, then that component and all after it over
    the stretches of the Docs given by ``entities``, each as a Doc of its own
    (:meth:`Span.as_doc <spacy.tokens.Span.as_doc>`, which carries the annotation of the
    components before). The entities found are set on the Docs; tokens outside those
    stretches have no entity annotation (``token.ent_iob == 0``). Of the components from
    the first entity component on, only the entities come back.

    Args:
        nlp: The pipeline, used as it is (only :func:`skipped_components` are disabled).
        docs: Tokenized Docs (see :func:`tokenize` and :func:`window`), each shorter than
            :data:`quoteattr._selection.MAX_CHUNK` characters.
        entities: For each Doc, the sorted, disjoint ``[start, end)`` token ranges to run
            the entity components on (default: each whole Doc).
        batch_size: Docs per batch inside each component (fewer when they are long:
            see :data:`BATCH_TOKENS`).
        wanted: Called with each of those stretches once the components before the
            entity components have run (so it can read tags): only the stretches it
            accepts go through them (default: all).
        recognize: Whether to run the entity components at all; without them (fast
            mode) no token has entity annotation.

    Returns:
        The parsed Docs, in order. Their tensors are dropped once the pipeline has run
        (attribution never reads them), to save memory.
    """
    if not docs:
        return []
    skipped = skipped_components(nlp)
    before, after = split_at_entities(nlp)
    out = list(nlp.pipe(docs, batch_size=_batch_size(docs, batch_size), disable=skipped + after))
    if after and recognize:
        ranges = entities if entities is not None else [[(0, len(d))] for d in out]
        jobs = [(d, a, b) for d, rs in zip(out, ranges, strict=True) for a, b in rs if b > a]
        if wanted is not None:
            jobs = [(d, a, b) for d, a, b in jobs if wanted(d[a:b])]
        parts = [d if (a, b) == (0, len(d)) else d[a:b].as_doc() for d, a, b in jobs]
        size = _batch_size(parts, batch_size)
        found = nlp.pipe(parts, batch_size=size, disable=skipped + before)
        for (doc, a, _), part in zip(jobs, found, strict=True):
            if part is not doc:
                _copy_entities(part, doc, a)
    for doc in out:
        if doc.tensor is not None and doc.tensor.size:
            doc.tensor = doc.tensor[:0]
    return out


def without_entities(doc: Doc) -> Doc:
    """A copy of a parsed Doc with no entity annotation (``token.ent_iob == 0``
    everywhere), as if no entity component had run: what fast mode reads of a caller's
    Doc. The Doc itself is left as it is."""
    if not doc.has_annotation("ENT_IOB"):
        return doc
    copy = doc.copy()
    copy.set_ents([], default="missing")
    return copy


def _copy_entities(part: Doc, doc: Doc, start: int) -> None:
    """Set the entities of ``part`` (a copy of the tokens of ``doc`` from ``start`` on) in
    ``doc``; its other tokens become outside any entity."""
    from spacy.tokens import Span

    ents: list[Span] = []
    outside: list[Span] = []
    i = 0
    for ent in part.ents:
        if ent.start > i:
            outside.append(Span(doc, start + i, start + ent.start))
        ents.append(
            Span(
                doc, start + ent.start, start + ent.end, ent.label, kb_id=ent.kb_id, span_id=ent.id
            )
        )
        i = ent.end
    if len(part) > i:
        outside.append(Span(doc, start + i, start + len(part)))
    doc.set_ents(ents, outside=outside, default="unmodified")


def attach(
    paras: Sequence[Para], plan: Sequence[tuple[int, list[int]]], docs: Sequence[Doc]
) -> None:
    """Add parsed windows to their paragraphs.

    Args:
        paras: The paragraphs of the text.
        plan: For each Doc, ``(paragraph index, offset of each token in the text)``.
        docs: The parsed windows.
    """
    for (para, offsets), doc in zip(plan, docs, strict=True):
        paras[para].docs.append((offsets, doc))


def paragraphs_of_doc(
    doc: Doc, paras: Sequence[tuple[int, int]], selected: Sequence[int] | None = None
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
                para.docs.append((None, span))
        out.append(para)
    return out
