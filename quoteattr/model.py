"""The data model: frozen, slotted, typed :mod:`attrs` classes returned by quoteattr.

Every offset is a character offset into the caller's original string, so for any
:class:`Quote` ``q`` extracted from ``source``, ``source[q.start:q.end] == q.text``; the
same holds for :class:`Mention` and :class:`Cue`.

All classes serialize to JSON-compatible dictionaries with ``to_dict()`` and back with
``from_dict()``::

    >>> q = Quote(text="Hi", start=1, end=3)
    >>> Quote.from_dict(q.to_dict()) == q
    True
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import attr
import attrs

__all__ = [
    "KINDS",
    "PERSON_GENDERS",
    "SPEAKER_KINDS",
    "Cue",
    "Mention",
    "PersonGender",
    "Quote",
    "QuoteKind",
    "Speaker",
    "SpeakerKind",
]

QuoteKind = Literal["direct", "partial", "scare", "indirect"]
"""What a quotation is: ``direct`` (a full quoted utterance), ``partial`` (a quoted fragment
inside reported speech), ``scare`` (quoted words that are nobody's quotation: scare quotes,
titles, names) or ``indirect`` (reported speech with no quotation marks, returned only with
``include_indirect=True``: see :mod:`quoteattr.reported`)."""

SpeakerKind = Literal["person", "organization", "other", "unknown"]
"""What a speaker is: a ``person``, an ``organization`` (a government, a newspaper, a
company), ``other`` (a document such as a report or statement) or ``unknown``."""

PersonGender = Literal["female", "male", "unknown"]
"""A person's gender as the text shows it (:attr:`Speaker.gender`)."""

PERSON_GENDERS: tuple[str, ...] = get_args(PersonGender)
"""The values :attr:`Speaker.gender` may take, besides ``None``."""

KINDS: tuple[str, ...] = get_args(QuoteKind)
"""The values :attr:`Quote.kind` may take."""

SPEAKER_KINDS: tuple[str, ...] = get_args(SpeakerKind)
"""The values :attr:`Speaker.kind` may take."""


def _offsets_ok(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must be >= 0, got {value}")


def _end_after_start(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    _offsets_ok(instance, attribute, value)
    if value < instance.start:
        raise ValueError(
            f"{type(instance).__name__}.end ({value}) must not be before start ({instance.start})"
        )


def _in_unit_interval(instance: Any, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{type(instance).__name__}.confidence must be in [0, 1], got {value}")


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _default_gender(speaker: Any) -> PersonGender | None:
    return "unknown" if speaker.kind == "person" else None


def _asdict(instance: Any) -> dict[str, Any]:
    """The one serialization: attrs fields in order, nested objects as dicts, tuples as lists."""
    return attr.asdict(instance, recurse=True, retain_collection_types=False)


def _one_of(choices: tuple[str, ...]) -> Any:
    return attrs.validators.in_(choices)


_T = TypeVar("_T", bound=attrs.AttrsInstance)


def _from_dict(cls: type[_T], data: Mapping[str, Any]) -> _T:
    """The one deserialization, the inverse of :func:`_asdict`, read off ``cls``'s fields.

    The field types must be resolved (:func:`attrs.resolve_types`, done below for the
    classes of this module). A field missing from ``data`` takes its default (and is an
    error without one); nested attrs classes are built from their dicts and lists become
    tuples, as the field types say; keys that are not fields are ignored.

    Raises:
        KeyError: If a field without a default is missing.
    """
    if not isinstance(data, Mapping):
        raise TypeError(f"{cls.__name__}.from_dict expects a dict, got {type(data).__name__}")
    kwargs: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.name in data:
            kwargs[field.name] = _decoded(field.type, data[field.name])
        elif field.default is attrs.NOTHING:
            raise KeyError(field.name)
    return cls(**kwargs)


def _decoded(kind: Any, value: Any) -> Any:
    """``value`` as a field of type ``kind`` holds it: attrs classes and tuples rebuilt."""
    if value is None:
        return None
    origin = get_origin(kind)
    if origin is Union or origin is types.UnionType:
        options = [a for a in get_args(kind) if a is not type(None)]
        return _decoded(options[0], value) if len(options) == 1 else value
    if attrs.has(kind) and isinstance(value, Mapping):
        return _from_dict(kind, value)
    if origin is tuple and isinstance(value, (list, tuple)):
        items = get_args(kind)
        item = items[0] if len(items) == 2 and items[1] is Ellipsis else Any
        return tuple(_decoded(item, v) for v in value)
    return value


@attrs.frozen
class Mention:
    """Words in the text that refer to a speaker, at one attribution site.

    Attributes:
        text: The words as they appear in the source (``source[start:end]``).
        start: Character offset of the first character.
        end: Character offset just past the last character.
    """

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    start: int = attrs.field(validator=_offsets_ok)
    end: int = attrs.field(validator=_end_after_start)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serializable dictionary of this mention."""
        return _asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Mention:
        """Build a mention from the output of :meth:`to_dict`.

        Raises:
            KeyError: If ``text``, ``start`` or ``end`` is missing.
        """
        return _from_dict(cls, data)


@attrs.frozen
class Cue:
    """The reporting expression that introduces a quotation ("said", "pointed out").

    Attributes:
        text: The cue words as they appear in the source.
        lemma: The base form of the reporting verb ("say", "point out"), or the fixed
            expression ("according to").
        start: Character offset of the first character.
        end: Character offset just past the last character.
    """

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    lemma: str = attrs.field(validator=attrs.validators.instance_of(str))
    start: int = attrs.field(validator=_offsets_ok)
    end: int = attrs.field(validator=_end_after_start)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serializable dictionary of this cue."""
        return _asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cue:
        """Build a cue from the output of :meth:`to_dict`.

        Raises:
            KeyError: If ``text``, ``lemma``, ``start`` or ``end`` is missing.
        """
        return _from_dict(cls, data)


@attrs.frozen
class Speaker:
    """Who said a quotation, resolved to one canonical name per entity per document.

    Attributes:
        name: The canonical name of the entity ("Federico Santoponto"), the same for every
            quote of that entity in the document, even where the text at the attribution
            site says "he", "Santoponto" or a misspelling. Never a bare pronoun: a pronoun
            that resolves to no entity gives ``name=""`` with ``kind="unknown"``, the
            pronoun in :attr:`mention` and a low confidence on the quote.
        mention: The words at the attribution site ("he", "Santoponto"), if any.
        kind: ``person``, ``organization``, ``other`` (a document: a report, a statement,
            a letter) or ``unknown`` (an unresolved mention).
        id: A stable identifier of the entity within its document (``"e0"``, ``"e1"``, ...);
            quotes with the same ``id`` have the same speaker.
        descriptions: What the text says about the entity: titles and appositions
            ("a defense policy analyst"), in order of first appearance.
        pronouns: The personal pronouns the article itself uses for the entity ("she",
            "he", "they"), as linked by coreference, in order of first use. This is what the
            text says, not a guess from the name: empty when the article uses none.
        gender: For a person, ``"female"``, ``"male"`` or ``"unknown"`` as the article's
            own evidence shows it (see :attr:`gender_evidence` and :doc:`/gender`);
            ``None`` for an organization, a document or an unresolved mention. By
            default ``"unknown"`` for a person and ``None`` for anything else. A guess
            from the given name is made only with ``gender_from_names=True``.
        gender_evidence: Why: one item a clue, such as ``"pronoun: she"``,
            ``"honorific: Ms"``, ``"noun: spokeswoman"`` or (with the opt-in fallback)
            ``"given name: Mark"``; every clue found, also those of a conflict that leaves
            the gender ``"unknown"``.

    Example:
        >>> s = Speaker("Ann Lee", kind="person", gender="female",
        ...             gender_evidence=("honorific: Ms", "pronoun: she"))
        >>> s.gender, s.gender_evidence
        ('female', ('honorific: Ms', 'pronoun: she'))
        >>> Speaker("Ann Lee", kind="person").gender, Speaker("EU", kind="organization").gender
        ('unknown', None)
    """

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    mention: Mention | None = attrs.field(default=None)
    kind: SpeakerKind = attrs.field(default="unknown", validator=_one_of(SPEAKER_KINDS))
    id: str | None = attrs.field(default=None)
    descriptions: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    pronouns: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    gender: PersonGender | None = attrs.field(
        default=attrs.Factory(_default_gender, takes_self=True),
        validator=attrs.validators.optional(_one_of(PERSON_GENDERS)),
    )
    gender_evidence: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)

    @property
    def key(self) -> str:
        """The key that tells this speaker apart within its document.

        Its :attr:`id`, else ``"name:"`` followed by its :attr:`name`.

        Example:
            >>> Speaker("Ann Lee", id="e2").key, Speaker("Ann Lee").key
            ('e2', 'name:Ann Lee')
        """
        return self.id or f"name:{self.name}"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serializable dictionary of this speaker."""
        return _asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Speaker:
        """Build a speaker from the output of :meth:`to_dict` (missing fields: defaults).

        Raises:
            KeyError: If ``name`` is missing.
        """
        return _from_dict(cls, data)


@attrs.frozen
class Quote:
    """A quotation found in a text, with who said it.

    Attributes:
        text: The quoted words, without the quotation marks (``source[start:end]``).
        start: Character offset of the first quoted character.
        end: Character offset just past the last quoted character.
        speaker: Who said it, or ``None`` when no speaker was found.
        cue: The reporting expression that attributes it, if there is one.
        kind: ``direct``, ``partial``, ``scare`` or ``indirect`` (see :data:`QuoteKind`).
        confidence: How sure the attribution is, from 0 to 1 (0 when there is no speaker).
        rule: The name of the attribution rule that decided the speaker (see the guide to
            the rules), or ``"none"``.
        paragraph: Index of the paragraph the quote is in (0-based; paragraphs are
            separated by line breaks).
        part: For a quotation that runs over several paragraphs, the index of this part
            (0 for the first or only part).
        continues: For a part after the first, the ``start`` offset of the previous part of
            the same quotation; ``None`` otherwise.
    """

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    start: int = attrs.field(validator=_offsets_ok)
    end: int = attrs.field(validator=_end_after_start)
    speaker: Speaker | None = attrs.field(default=None)
    cue: Cue | None = attrs.field(default=None)
    kind: QuoteKind = attrs.field(default="direct", validator=_one_of(KINDS))
    confidence: float = attrs.field(default=0.0, converter=float, validator=_in_unit_interval)
    rule: str = attrs.field(default="none")
    paragraph: int = attrs.field(default=0, validator=_offsets_ok)
    part: int = attrs.field(default=0, validator=_offsets_ok)
    continues: int | None = attrs.field(default=None)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serializable dictionary of this quote (nested objects as dicts)."""
        return _asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        """Build a quote from the output of :meth:`to_dict`.

        Raises:
            KeyError: If ``text``, ``start`` or ``end`` is missing.
            ValueError: If a value is out of range (see the attribute docs).
        """
        return _from_dict(cls, data)


for _cls in (Mention, Cue, Speaker, Quote):
    attrs.resolve_types(_cls)  # field types as classes, for _from_dict
