"""The settings of an extraction, declared once: :class:`Options`.

Every setting is one field of :class:`Options`, with its default, its validation and its
documentation (the field's ``doc`` metadata). Everything else is derived from those fields:
the keyword arguments of :class:`quoteattr.QuoteExtractor` and
:func:`quoteattr.extract_quotes`, the config of the ``"quoteattr"`` spaCy component, the
settings :mod:`quoteattr.dask` sends to its workers and the flags of the command line
(:func:`settings_table`).

    >>> Options(include_indirect=True).include_indirect
    True
    >>> Options.from_settings(None, name_similarity=0.9).name_similarity
    0.9
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from ._gender import name_gender_available
from ._names import DEFAULT_NAME_SIMILARITY
from .cues import make_lexicon

__all__ = ["DEFAULT_NAME_SIMILARITY", "Options", "Setting", "settings_table"]


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


def _flag(doc: str, flag: str | None = None, **more: Any) -> dict[str, Any]:
    """A field's metadata: its documentation and its command-line flag."""
    return {"doc": doc, "flag": flag, **more}


_BOOL = attrs.validators.instance_of(bool)


@attrs.frozen
class Options:
    """Settings of an extraction.

    Each attribute is also a keyword argument of :class:`quoteattr.QuoteExtractor` and
    :func:`quoteattr.extract_quotes`, a config key of the ``"quoteattr"`` spaCy component and
    a flag of the command line (see :func:`settings_table`).

    Raises:
        TypeError: If ``extra_cues`` is a single string or holds non-strings, or a switch
            is not a bool.
        ValueError: If ``name_similarity`` is outside 0..1, ``indirect_around_partial``
            is set without ``include_indirect``, or ``gender_from_names`` is set without
            the optional package ``nomquamgender`` installed.
    """

    include_scare: bool = attrs.field(
        default=False,
        validator=_BOOL,
        metadata=_flag(
            "Also return quoted words that are nobody's quotation (scare quotes, titles), "
            'with ``kind="scare"`` and no speaker.',
            "--include-scare",
        ),
    )
    extra_cues: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=_lemmas,
        metadata=_flag(
            'More reporting-verb lemmas (such as ``"opine"``) to treat as cues.',
            "--extra-cue",
            metavar="LEMMA",
        ),
    )
    name_similarity: float = attrs.field(
        default=DEFAULT_NAME_SIMILARITY,
        validator=_similarity,
        metadata=_flag(
            "How similar two spellings of a surname must be (0..1, Jaro-Winkler) to be "
            "taken as one person.",
            "--name-similarity",
            metavar="X",
        ),
    )
    include_indirect: bool = attrs.field(
        default=False,
        validator=_BOOL,
        metadata=_flag(
            'Also return reported speech with no quotation marks ("X said that ..."), with '
            '``kind="indirect"``.',
            "--indirect",
        ),
    )
    indirect_around_partial: bool = attrs.field(
        default=False,
        validator=_BOOL,
        metadata=_flag(
            "With ``include_indirect``, also return the reported clause around a partial "
            'quotation ("X said the plan was “a disaster”"): an ``indirect`` quote '
            "overlapping the ``partial`` one, with its cue and speaker. Off by default, so "
            "that one attribution is counted once.",
            "--indirect-around-partial",
        ),
    )

    gender_from_names: bool = attrs.field(
        default=False,
        validator=_BOOL,
        metadata=_flag(
            "Where the article gives a person no gender (no pronoun, honorific or gendered "
            "noun), guess it from the given name with the optional package nomquamgender "
            '(``pip install "quoteattr[gender]"``), labelled ``given name`` in the '
            "evidence; ambiguous names stay unknown. Off by default: see the guide to "
            "gender.",
            "--gender-from-names",
        ),
    )

    @gender_from_names.validator
    def _needs_package(self, attribute: attrs.Attribute[bool], value: bool) -> None:
        if value and not name_gender_available():
            raise ValueError(
                "gender_from_names=True needs the optional package nomquamgender, which is "
                'not installed: pip install "quoteattr[gender]"'
            )

    fast: bool = attrs.field(
        default=False,
        validator=_BOOL,
        metadata=_flag(
            "Run no entity component (the entity recognizer, an entity ruler): speakers are "
            "typed from the parse and the text alone (proper-noun runs, titles, the given- "
            "and family-name lists, the cue's subject). About 1.6 times the default's speed, "
            "for a little accuracy (see the scaling guide); a parsed Doc's entities are "
            "ignored too, so that a text and its Doc give the same quotes.",
            "--fast",
        ),
    )

    @indirect_around_partial.validator
    def _needs_indirect(self, attribute: attrs.Attribute[bool], value: bool) -> None:
        if value and not self.include_indirect:
            raise ValueError("indirect_around_partial needs include_indirect=True")

    @property
    def lexicon(self) -> frozenset[str]:
        """The cue lemmas in force."""
        return make_lexicon(self.extra_cues)

    @classmethod
    def from_settings(cls, options: Options | None = None, **settings: Any) -> Options:
        """``options`` (or the defaults) with ``settings`` changed, validated.

        Args:
            options: Settings to start from, or ``None`` for the defaults.
            **settings: Fields of :class:`Options` to set.

        Raises:
            TypeError: If ``options`` is not an :class:`Options`, a setting is unknown or
                of the wrong type.
            ValueError: If a setting is out of range.
        """
        if options is not None and not isinstance(options, Options):
            raise TypeError(f"options must be an Options, got {type(options).__name__}")
        known = {f.name for f in attrs.fields(cls)}
        unknown = sorted(set(settings) - known)
        if unknown:
            raise TypeError(
                f"unknown setting{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                f"the settings are {', '.join(sorted(known))}"
            )
        if options is None:
            return cls(**settings)
        return attrs.evolve(options, **settings) if settings else options

    def to_config(self) -> dict[str, Any]:
        """The settings as JSON-ready values (lists for sets): a spaCy component config."""
        return {name: _config_value(value) for name, value in self.settings().items()}

    def settings(self) -> dict[str, Any]:
        """The settings as keyword arguments (``Options(**o.settings()) == o``)."""
        return attrs.asdict(self, recurse=False)


def _document_fields(cls: type) -> None:
    """Write the Attributes section of ``cls``'s docstring from its fields' ``doc``."""
    lines = ["", "    Attributes:"]
    for field in attrs.fields(cls):
        lines.append(f"        {field.name}: {field.metadata['doc']}")
    head, sep, tail = (cls.__doc__ or "").partition("\n    Raises:")
    cls.__doc__ = head.rstrip() + "\n" + "\n".join(lines) + "\n" + sep + tail


_document_fields(Options)


def _config_value(value: Any) -> Any:
    return sorted(value) if isinstance(value, frozenset) else value


@attrs.frozen
class Setting:
    """One setting, as the command line and the component config see it.

    Attributes:
        name: The field of :class:`Options`.
        default: Its default value (JSON-ready).
        doc: Its one-line documentation.
        flag: Its command-line flag (``--indirect``).
        type: The type of its values (``bool``, ``float``, ``frozenset[str]``).
        metavar: What its value is called in the command-line help.
    """

    name: str
    default: Any
    doc: str
    flag: str
    type: Any
    metavar: str | None = None


def settings_table() -> tuple[Setting, ...]:
    """Every setting of :class:`Options`, in declaration order.

    Example:
        >>> [s.flag for s in settings_table()][:2]
        ['--include-scare', '--extra-cue']
    """
    attrs.resolve_types(Options)
    return tuple(
        Setting(
            name=field.name,
            default=_config_value(field.default),
            doc=field.metadata["doc"],
            flag=field.metadata["flag"],
            type=field.type,
            metavar=field.metadata.get("metavar"),
        )
        for field in attrs.fields(Options)
    )
