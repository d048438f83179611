"""Calibrated confidence: the share of quotes like this one that are right.

Each attributed quote is described at build time by a few :class:`Features` (its rule, how
its speaker mention was resolved, what the speaker is, where its cue is). The map
``quoteattr/data/confidence.json``, fitted by ``scripts/fit_confidence.py`` on PolNeAR
train, gives for cells of those features the rate at which such quotes were right there
(the reference scorer's matching: the quotation found and its speaker right), each cell's
rate smoothed toward the rate of the coarser cell it refines. :func:`calibrated` looks a
quote's features up, finest cell first; a quote whose coarsest cell (its kind, rule and
resolution path) is not in the map keeps the product of the rule's confidence and the
mention's resolution penalty.

The map is read once, with :mod:`importlib.resources`; fitting needs no code at run time
beyond this module.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from functools import lru_cache
from importlib.resources import files
from typing import Any

import attrs

__all__ = [
    "FEATURES",
    "MAP_FILE",
    "Features",
    "Record",
    "calibrated",
    "cell_keys",
    "distance_bucket",
    "load_map",
    "lookup",
    "recording",
]

MAP_FILE = "confidence.json"
"""The calibration map's file name in ``quoteattr/data``."""

FEATURES: tuple[str, ...] = ("kind", "rule", "path", "speaker", "distance")
"""The names of the :class:`Features` fields, in order."""


@attrs.frozen
class Features:
    """What the calibration map knows of an attributed quote.

    Whether a document rule passed the speaker on from another quotation is told by the
    rule's name (the document rules are the ones that pass speakers on) and by the cue's
    place (``none``: a quote passed on has no cue of its own).

    Attributes:
        kind: The quote's kind: ``direct`` or ``partial`` (a quotation), ``indirect``
            (reported speech).
        rule: The rule that decided (:attr:`Quote.rule <quoteattr.model.Quote.rule>`).
        path: How the speaker mention was resolved
            (:data:`~quoteattr._mentions.ResolutionPath`).
        speaker: The speaker's kind: ``person``, ``organization``, ``other`` or ``unknown``.
        distance: Where the cue is (:func:`distance_bucket`): ``none`` (no cue of its own),
            ``inside`` the quoted span, ``adjacent`` to it or ``far`` from it.
    """

    kind: str
    rule: str
    path: str
    speaker: str
    distance: str

    def value(self, name: str) -> str:
        """A feature's value, as the map's keys write it."""
        return str(getattr(self, name))


def distance_bucket(cue: tuple[int, int] | None, span: tuple[int, int]) -> str:
    """Where a cue is from a span (a quotation with its marks, or reported content):
    ``none`` (no cue), ``inside``, ``adjacent`` (at most 3 characters away, as in “…,” she
    said) or ``far``.

    Example:
        >>> distance_bucket((12, 16), (1, 9)), distance_bucket(None, (1, 9))
        ('adjacent', 'none')
    """
    if cue is None:
        return "none"
    start, end = span
    if start <= cue[0] < end:
        return "inside"
    gap = cue[0] - end if cue[0] >= end else start - cue[1]
    return "adjacent" if gap <= 3 else "far"


def cell_keys(features: Features, levels: Sequence[Sequence[str]]) -> list[str]:
    """The keys of a quote's cells, coarsest first: one per level, each level the names of
    the features it fixes (``"direct|syntactic_cue|name"``).

    Example:
        >>> f = Features("direct", "syntactic_cue", "name", "person", "adjacent")
        >>> cell_keys(f, [["kind", "rule"], ["kind", "rule", "path"]])
        ['direct|syntactic_cue', 'direct|syntactic_cue|name']
    """
    return ["|".join(features.value(name) for name in level) for level in levels]


@lru_cache(maxsize=1)
def load_map() -> Mapping[str, Any]:
    """The calibration map: its ``header``, ``levels`` and ``cells`` (read once).

    A cell is ``{"n": quotes, "right": right ones, "p": smoothed rate}``. A missing file
    gives an empty map (every quote keeps its product).
    """
    path = files("quoteattr").joinpath(f"data/{MAP_FILE}")
    if not path.is_file():
        return {"header": {}, "levels": [], "cells": {}}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@attrs.frozen
class Record:
    """One attributed quote as built, for the fitting script: its offsets, its features and
    the product confidence it has without the map."""

    start: int
    end: int
    features: Features
    product: float


_RECORDER: ContextVar[list[Record] | None] = ContextVar("quoteattr_confidence", default=None)


@contextlib.contextmanager
def recording() -> Iterator[list[Record]]:
    """Collect a :class:`Record` of every attributed quote built in the block (in this
    context), for ``scripts/fit_confidence.py``."""
    records: list[Record] = []
    token = _RECORDER.set(records)
    try:
        yield records
    finally:
        _RECORDER.reset(token)


def calibrated(features: Features, product: float, span: tuple[int, int]) -> float:
    """The confidence of an attributed quote (see :func:`lookup`), under the shipped map.

    Args:
        features: The quote's features.
        product: The rule's confidence times the resolution penalty, in (0, 1].
        span: The quote's ``(start, end)``, recorded with its features in a
            :func:`recording` block.

    Returns:
        A confidence in (0, 1], rounded to three decimals.
    """
    records = _RECORDER.get()
    if records is not None:
        records.append(Record(span[0], span[1], features, product))
    return lookup(load_map(), features, product)


def lookup(cmap: Mapping[str, Any], features: Features, product: float) -> float:
    """A quote's confidence under a map: the rate of its finest cell in the map, or the
    product when the map has not its coarsest cell; in (0, 1], three decimals.

    Example:
        >>> f = Features("direct", "syntactic_cue", "pronoun", "person", "adjacent")
        >>> cmap = {"levels": [["kind", "rule", "path"]],
        ...         "cells": {"direct|syntactic_cue|pronoun": {"n": 40, "right": 36, "p": 0.9}}}
        >>> lookup(cmap, f, 0.765), lookup(cmap, attrs.evolve(f, path="unresolved"), 0.315)
        (0.9, 0.315)
    """
    cells: Mapping[str, Mapping[str, float]] = cmap["cells"]
    found = [cells.get(key) for key in cell_keys(features, cmap["levels"])]
    if not found or found[0] is None:
        return round(min(1.0, product), 3)
    best = next(cell for cell in reversed(found) if cell is not None)
    return min(1.0, max(0.001, round(float(best["p"]), 3)))
