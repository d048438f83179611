"""Running quoteattr: :func:`extract_quotes`, :class:`QuoteExtractor` and the spaCy component.

The data flow is ``marks`` (find the quotation marks in the raw text) → spaCy (parse only
the paragraphs attribution needs) → ``attribute`` (ordered rules find the cue and the speaker
mention) → ``speakers`` (resolve every mention to one canonical entity per document) →
:class:`~quoteattr.model.Quote` objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar, overload

from .attribute import Options, attribute_document
from .model import Quote
from .nlp import load_nlp

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["QuoteExtractor", "extract_quotes", "make_quoteattr"]

_C = TypeVar("_C")


def _check_text(obj: object) -> None:
    from spacy.tokens import Doc

    if not isinstance(obj, (str, Doc)):
        raise TypeError(
            f"quoteattr expects a str or a spaCy Doc, got {type(obj).__name__}; "
            "decode bytes first (e.g. data.decode('utf-8'))"
        )


class QuoteExtractor:
    """Load a pipeline once, then extract quotations from many texts.

    Args:
        nlp: A loaded spaCy pipeline, the name of an installed one, or ``None`` for the
            default (see :func:`quoteattr.load_nlp`).
        include_scare: Also return quoted words that are nobody's quotation (scare quotes,
            titles), with ``kind="scare"`` and no speaker.
        extra_cues: More reporting verbs (lemmas such as ``"opine"``) to treat as cues.
        name_similarity: How similar two spellings of a surname must be (0..1, Jaro-Winkler)
            to be taken as one person.

    Example:
        >>> extractor = QuoteExtractor()
        >>> [q.speaker.name for q in extractor.extract('“We will win,” said Jane Doe.')]
        ['Jane Doe']
    """

    def __init__(
        self,
        nlp: Language | str | None = None,
        *,
        include_scare: bool = False,
        extra_cues: Iterable[str] = (),
        name_similarity: float = 0.85,
    ) -> None:
        self.nlp: Language = nlp if nlp is not None and not isinstance(nlp, str) else load_nlp(nlp)
        self.options = Options(
            include_scare=include_scare,
            extra_cues=frozenset(extra_cues),
            name_similarity=name_similarity,
        )

    def extract(self, text: str | Doc) -> list[Quote]:
        """Return the quotations of one text (or parsed Doc), in text order.

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

        Args:
            texts: Strings (or Docs); with ``as_tuples=True``, ``(text, context)`` pairs.
            batch_size: Texts per spaCy batch.
            n_process: Worker processes for spaCy (as in :meth:`spacy.language.Language.pipe`).
            as_tuples: Carry a context object through, yielding ``(quotes, context)``.

        Yields:
            ``list[Quote]`` per text, or ``(list[Quote], context)`` with ``as_tuples``.
        """
        for item in texts:
            text, context = item if as_tuples else (item, None)
            _check_text(text)
            quotes = self._run(text)
            yield (quotes, context) if as_tuples else quotes

    def _run(self, text: str | Doc) -> list[Quote]:
        return attribute_document(text, self.nlp, self.options)


def extract_quotes(text_or_doc: str | Doc, nlp: Language | str | None = None) -> list[Quote]:
    """Find every quotation in a text and say who said it.

    Args:
        text_or_doc: The text, or a spaCy ``Doc`` already made from it.
        nlp: The spaCy pipeline to use (object or name); the default pipeline otherwise.

    Returns:
        The quotations in text order; offsets index ``text_or_doc`` (or ``doc.text``).

    Raises:
        TypeError: If the input is neither a ``str`` nor a spaCy ``Doc``.
        ModelNotFoundError: If no English pipeline is installed.
    """
    _check_text(text_or_doc)
    if isinstance(text_or_doc, str) and not text_or_doc:
        return []
    return _default_extractor(nlp).extract(text_or_doc)


_extractors: dict[int, QuoteExtractor] = {}


def _default_extractor(nlp: Language | str | None) -> QuoteExtractor:
    loaded = nlp if nlp is not None and not isinstance(nlp, str) else load_nlp(nlp)
    key = id(loaded)
    extractor = _extractors.get(key)
    if extractor is None:
        extractor = _extractors[key] = QuoteExtractor(loaded)
    return extractor


def make_quoteattr(nlp: Language, name: str) -> Any:  # pragma: no cover - replaced in issue 4
    """Placeholder for the spaCy factory."""
    raise NotImplementedError
