"""The settings of an extraction, validated once and used everywhere.

:class:`Options` is built by :class:`quoteattr.QuoteExtractor`, by the spaCy component from
its config, and by the Dask helpers; its validators are the one place bad settings are
refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from .cues import make_lexicon

__all__ = ["DEFAULT_NAME_SIMILARITY", "Options"]

DEFAULT_NAME_SIMILARITY = 0.85
"""Default Jaro-Winkler threshold for two surname spellings to be one person."""


def _lemmas(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, (str, bytes)):
        raise TypeError("extra_cues must be a list of verb lemmas, not one str: use [verb]")
    out = []
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"extra_cues must hold str lemmas, got {type(item).__name__}")
        out.append(item)
    return frozenset(out)


def _similarity(instance: Any, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"name_similarity must be a number, got {type(value).__name__}")
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"name_similarity must be between 0 and 1, got {value}")


@attrs.frozen
class Options:
    """Settings of an extraction (see :class:`quoteattr.QuoteExtractor`).

    Attributes:
        include_scare: Return scare quotes (``kind="scare"``) too.
        include_indirect: Return reported speech (``kind="indirect"``) too.
        indirect_around_partial: With ``include_indirect``, also return the reported clause
            around a partial quotation ("X said the plan was “a disaster”") as an
            ``indirect`` quote that overlaps the partial one and has its cue and speaker.
        extra_cues: Additional reporting-verb lemmas.
        name_similarity: Surname similarity threshold for merging spellings (0..1).

    Raises:
        TypeError: If ``extra_cues`` is a single string or holds non-strings, or
            ``include_scare`` or ``include_indirect`` is not a bool.
        ValueError: If ``name_similarity`` is outside 0..1, or ``indirect_around_partial``
            is set without ``include_indirect``.
    """

    include_scare: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    extra_cues: frozenset[str] = attrs.field(default=frozenset(), converter=_lemmas)
    name_similarity: float = attrs.field(default=DEFAULT_NAME_SIMILARITY, validator=_similarity)
    include_indirect: bool = attrs.field(
        default=False, validator=attrs.validators.instance_of(bool)
    )
    indirect_around_partial: bool = attrs.field(
        default=False, validator=attrs.validators.instance_of(bool)
    )

    @indirect_around_partial.validator
    def _needs_indirect(self, attribute: attrs.Attribute[bool], value: bool) -> None:
        if value and not self.include_indirect:
            raise ValueError("indirect_around_partial needs include_indirect=True")

    @property
    def lexicon(self) -> frozenset[str]:
        """The cue lemmas in force."""
        return make_lexicon(self.extra_cues)
