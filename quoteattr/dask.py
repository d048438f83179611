"""Quotations from a Dask bag (or any partitioned collection: Spark, Ray, ...).

:func:`extract_bag` maps a :class:`dask.bag.Bag` of texts, or of ``(id, text)`` pairs,
partition by partition; each worker loads the spaCy pipeline once (see
:func:`get_extractor`) and returns one JSON-ready record per text::

    {"id": id, "quotes": [quote.to_dict(), ...]}

``id`` is ``None`` for plain texts; the bag keeps its order, so the records line up with
the texts. :func:`extract_partition` is the per-partition function itself, with no Dask in
it: hand it to Spark's ``rdd.mapPartitions`` in the same way (see the scaling guide).

Dask is an optional dependency (``pip install "quoteattr[dask]"``); only
:func:`extract_bag` needs it.

Example:
    >>> import dask.bag as db
    >>> from quoteattr.dask import extract_bag
    >>> texts = ['“We will win,” said Jane Doe.', "No quotation here."]
    >>> records = extract_bag(db.from_sequence(texts, npartitions=2)).compute(
    ...     scheduler="synchronous")
    >>> [[q["speaker"]["name"] for q in r["quotes"]] for r in records]
    [['Jane Doe'], []]
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from .nlp import resolve_model_name
from .options import Options
from .pipeline import QuoteExtractor

if TYPE_CHECKING:
    import dask.bag

__all__ = ["extract_bag", "extract_partition", "get_extractor"]

_Key = tuple[str | None, Options]

_extractors: dict[_Key, tuple[QuoteExtractor, threading.Lock]] = {}
_model_locks: dict[str, threading.Lock] = {}
_lock = threading.Lock()


def _entry(
    model: str | None, options: Options | None, settings: dict[str, Any]
) -> tuple[QuoteExtractor, threading.Lock]:
    """The extractor for these settings, and the lock of its pipeline (one per model)."""
    key: _Key = (model, Options.from_settings(options, **settings))  # validated here
    with _lock:
        entry = _extractors.get(key)
        if entry is None:
            extractor = QuoteExtractor(model, key[1])
            lock = _model_locks.setdefault(resolve_model_name(model), threading.Lock())
            entry = _extractors[key] = (extractor, lock)
        return entry


def get_extractor(
    model: str | None = None, options: Options | None = None, **settings: Any
) -> QuoteExtractor:
    """Return this process's extractor for these settings, made on first use.

    The cache is per process, keyed by the model name and the settings, so a worker loads
    each pipeline once however many partitions it runs.

    Args:
        model: The name of an installed spaCy pipeline (``None``: the default, see
            :func:`quoteattr.load_nlp`). A name, not a loaded pipeline, so that the task
            stays small to send.
        options: The settings (:class:`~quoteattr.options.Options`; the defaults when
            ``None``).
        **settings: Settings to change, by name: any field of
            :class:`~quoteattr.options.Options`.

    Returns:
        The shared :class:`~quoteattr.QuoteExtractor`.

    Raises:
        TypeError: For an unknown setting or a setting of the wrong type.
        ValueError: For a setting out of range.
    """
    return _entry(model, options, settings)[0]


def extract_partition(
    records: Iterable[Any],
    *,
    model: str | None = None,
    batch_size: int = 64,
    options: Options | None = None,
    **settings: Any,
) -> list[dict[str, Any]]:
    """Extract the quotations of one partition of texts.

    Args:
        records: Texts, or ``(id, text)`` pairs (the two kinds may not be mixed within a
            partition).
        model: The spaCy pipeline's name (see :func:`get_extractor`).
        batch_size: Texts per batch (see :meth:`quoteattr.QuoteExtractor.pipe`).
        options: The settings (see :func:`get_extractor`).
        **settings: Settings to change, by name (see :func:`get_extractor`).

    Returns:
        One ``{"id": id, "quotes": [quote.to_dict(), ...]}`` per record, in order (``id``
        is ``None`` for a plain text).

    Raises:
        TypeError: If a text is not a ``str``, or a record is neither a ``str`` nor a pair.
    """
    extractor, lock = _entry(model, options, settings)
    pairs = [_pair(record) for record in records]
    with lock:  # one pipeline per model, shared by the threads of a worker: one at a time
        found = extractor.pipe(pairs, as_tuples=True, batch_size=batch_size)
        return [{"id": id_, "quotes": [q.to_dict() for q in quotes]} for quotes, id_ in found]


def _pair(record: Any) -> tuple[Any, Any]:
    if isinstance(record, str):
        return record, None
    if isinstance(record, (tuple, list)) and len(record) == 2:
        return record[1], record[0]
    raise TypeError(
        f"quoteattr.dask expects texts or (id, text) pairs, got {type(record).__name__}"
    )


def extract_bag(
    bag: dask.bag.Bag,
    *,
    model: str | None = None,
    batch_size: int = 64,
    options: Options | None = None,
    **settings: Any,
) -> dask.bag.Bag:
    """Map a Dask bag of texts (or ``(id, text)`` pairs) to quotation records, lazily.

    Each partition runs :func:`extract_partition` on a worker, which loads the pipeline
    once (per process, per settings). Nothing runs until the bag is computed.

    Args:
        bag: The texts, or ``(id, text)`` pairs.
        model: The spaCy pipeline's name; it must be installed on every worker.
        batch_size: Texts per batch within a partition.
        options: The settings (see :func:`get_extractor`); checked here, before anything
            is sent.
        **settings: Settings to change, by name (see :func:`get_extractor`).

    Returns:
        A bag of ``{"id": id, "quotes": [quote dicts]}`` records, one per input, in order
        (``Quote.from_dict`` turns a quote dict back into a :class:`~quoteattr.Quote`).

    Raises:
        TypeError: For an unknown setting or a setting of the wrong type.
        ValueError: For a setting out of range.
    """
    checked = Options.from_settings(options, **settings)
    mapped: dask.bag.Bag = cast(Any, bag).map_partitions(
        extract_partition, model=model, batch_size=batch_size, options=checked
    )
    return mapped
