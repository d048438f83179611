"""Who gets quoted across a corpus: one speaker index over many articles.

quoteattr names each speaker once per document (:attr:`Speaker.id <quoteattr.Speaker.id>`).
:class:`SpeakerIndex` merges those per-document speakers into corpus entities::

    >>> from quoteattr import Quote, Speaker, SpeakerIndex
    >>> def said(name, kind="person"):
    ...     return Quote("...", 0, 3, speaker=Speaker(name, kind=kind))
    >>> index = SpeakerIndex()
    >>> index.add("a", [said("Mélanie Joly"), said("Mélanie Joly"), said("Hillary Clinton")])
    >>> index.add("b", [said("Milani Jolie"), said("Bill Clinton")])
    >>> [(s.name, s.quotes, s.articles) for s in index]
    [('Mélanie Joly', 3, 2), ('Bill Clinton', 1, 1), ('Hillary Clinton', 1, 1)]

The merge rules:

* **The same name** (letter case and accents aside) is one entity, within a kind.
* **People** are compared as (given names, surname), the surname with its particles
  ("Ursula" + "von der Leyen"). Two full names are one person when their surnames are
  close spellings (:func:`~quoteattr._names.similar_spelling`, the guard names merge by
  within a document) and so are their first given names. Two different given names never
  merge: given names that are both in the first-name list must be equal (Hillary, Bill
  and Chelsea Clinton stay three, and so do John and Joan), while a spelling outside it may
  be a misspelling of one ("Milani" for "Mélanie"), and only next to a matching surname.
  A group is complete-linkage: every two of its given names pass that test.
* **A surname alone** ("Joly") joins the one person whose surname it is; when two or more
  people carry it, it stays a row of its own (it says no more than "a Clinton").
* **Organizations** merge with a short form that the text links to them: the acronym of
  their words ("EU" for "the European Union"), when it is the acronym of one name only,
  or a form that a document used for the same entity (its mention).
* **Gender keeps people apart.** A name whose articles show one gender
  (:attr:`Speaker.gender <quoteattr.Speaker.gender>`) never joins a group whose articles
  show the other only: "Mr. Lee" does not join Ann Lee, and joins the one Lee who may be a
  man. A surname alone is keyed with the gender its article shows, so the "Mr. Lee" of one
  article and the "Ms. Lee" of another are two names. Honorifics are evidence, not
  descriptions ("Mr." is never a description).
* **Short forms.** An initial joins the one person whose given name it starts ("M.
  Carney"); a possessive the tagger kept ("Trump’s") and apostrophes inside a name
  ("Ng’ang’a", "Nganga") do not make another name.
* **Two entities of one document stay two.** The document's own resolution saw both and
  kept them apart, so the index never merges them; this also keeps article counts exact.

The index is streaming: :meth:`SpeakerIndex.add` folds a document into counts kept per
distinct name, so memory grows with the number of distinct names, not of quotes (keep the
``(doc_id, quote)`` pairs only if you want them: ``keep_quotes``). The merge runs when the
entities are asked for; it compares only the names that share a blocking key (the first
letter and the Metaphone key of the surname, or that key with one sound left out), so it
is near-linear. It depends only on the counts, never on the order of the documents: the
same documents in any order, or split into parts indexed apart and merged with
:meth:`SpeakerIndex.merge`, give the same entities with the same ids.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, cast

import attrs
import jellyfish

from ._gender import HONORIFIC_GENDER
from ._lexicon import PRONOUNS
from ._names import (
    DEFAULT_NAME_SIMILARITY,
    PARTICLES,
    TITLE_WORDS,
    fold,
    is_first_name,
    similar_spelling,
    split_title,
)
from ._roles import ROLE_WORDS
from .io import (
    SPEAKER_FIELDS,
    format_speakers,
    is_record_header,
    quote_from_record,
    write_speakers_csv,
)
from .model import SPEAKER_KINDS, Quote, Speaker, SpeakerKind

__all__ = [
    "CORPUS_GENDERS",
    "CSV_FIELDS",
    "ArticlePeople",
    "CorpusSpeaker",
    "SpeakerIndex",
    "different_given_names",
    "is_named",
    "people_quoted",
    "split_person_name",
    "write_csv",
]

CSV_FIELDS: tuple[str, ...] = SPEAKER_FIELDS
"""The columns of :func:`write_csv`, in order (:data:`quoteattr.io.SPEAKER_FIELDS`)."""

write_csv = write_speakers_csv
"""Write corpus speakers as CSV (:func:`quoteattr.io.write_speakers_csv`)."""

_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_POSSESSIVE = re.compile(r"(?<=\w\w)(?:['’‘]s|(?<=s)['’‘])$")
_APOSTROPHES = str.maketrans("", "", "'’‘")
_ID_PREFIX = {"person": "P", "organization": "O", "other": "X", "unknown": "U"}


def split_person_name(name: str) -> tuple[tuple[str, ...], str]:
    """Split a person's name into given names and surname.

    Leading titles ("Prime Minister") and a trailing "Jr." are left out; name particles
    belong to the surname.

    Args:
        name: A person's name, as :attr:`Speaker.name <quoteattr.Speaker.name>` gives it.

    Returns:
        ``(given names, surname)``; the given names are empty for a surname alone, and both
        are empty for a name without words.

    Example:
        >>> split_person_name("Ursula von der Leyen")
        (('Ursula',), 'von der Leyen')
        >>> split_person_name("Prime Minister Mark Carney Jr.")
        (('Mark',), 'Carney')
        >>> split_person_name("Donald Trump’s")  # a possessive the tagger kept
        (('Donald',), 'Trump')
    """
    words = [w.rstrip(",;:") for w in name.split()]
    words = [w for w in words if w]
    if not words:
        return (), ""
    _, words = split_title(words)
    if len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words = words[:-1]
    words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
    start = len(words) - 1
    while start > 0 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return tuple(words[:start]), " ".join(words[start:])


def different_given_names(a: str, b: str) -> bool:
    """Whether two person names give different given names: two people.

    The given names of a name are its words before the surname, titles left out
    (:func:`split_person_name`). Two names are two people when each has a given name in
    quoteattr's list of given names (:func:`~quoteattr._names.is_first_name`) and no
    given name of one fits one of the other: equal, letter case and accents aside, or
    one starting the other (an initial, a short form).

    Example:
        >>> different_given_names("Linda Tanner", "Greg Tanner")
        True
        >>> different_given_names("Dr. Greg Tanner", "G. Tanner"), different_given_names(
        ...     "Tanner", "Greg Tanner")
        (False, False)
        >>> different_given_names("Clinton campaign manager Robby Mook", "Robby Mook")
        False
    """
    given_a = [_fold(g).rstrip(".") for g in _split(a)[0]]
    given_b = [_fold(g).rstrip(".") for g in _split(b)[0]]
    if not any(map(_known, given_a)) or not any(map(_known, given_b)):
        return False
    return not any(x.startswith(y) or y.startswith(x) for x in given_a for y in given_b)


def is_named(speaker: Speaker) -> bool:
    """Whether a speaker is a person the article names, not an unnamed source.

    A name's last word is capitalized and is no role word: "Mark Carney", "Stephen C" and
    "Carney" are named; "officials", "EU spokesperson", "the 38-year-old" and "Council
    Leader" are not.

    Example:
        >>> is_named(Speaker("Carney", kind="person")), is_named(Speaker("EU spokesperson",
        ...     kind="person")), is_named(Speaker("EU", kind="organization"))
        (True, False, False)
    """
    if speaker.kind != "person":
        return False
    _, surname = split_person_name(speaker.name)
    last = surname.split()[-1] if surname else ""
    if not last[:1].isupper() or fold(last) in PRONOUNS:
        return False
    return fold(last).rstrip(".") not in _ROLE_WORDS


_ROLE_WORDS = ROLE_WORDS | TITLE_WORDS


@attrs.frozen
class ArticlePeople:
    """Who is quoted in one article, each once: what ``quoteattr speakers`` aggregates.

    A person counts once per article when any quotation or reported speech is attributed
    to them, however many there are; organizations, documents and unnamed sources are
    counted apart.

    Attributes:
        people: The named people (:func:`is_named`), in order of their first quotation.
        unnamed: The people the article does not name ("officials", "a spokeswoman").
        organizations: The organizations, and the documents that "say" (kind ``other``).
        unresolved: The quotations with no speaker, or one of kind ``unknown`` (a pronoun
            or a mention that resolved to no one).
    """

    people: tuple[Speaker, ...] = ()
    unnamed: tuple[Speaker, ...] = ()
    organizations: tuple[Speaker, ...] = ()
    unresolved: int = 0


def people_quoted(quotes: Iterable[Quote]) -> ArticlePeople:
    """The people quoted in one article, each once (the unit of a gender count).

    Speakers are told apart as :class:`SpeakerIndex` tells them apart within a document
    (by name), so the people of an article are the corpus speakers it adds one article to.

    Args:
        quotes: One article's quotes (direct, partial and reported speech alike).

    Example:
        >>> ann = Speaker("Ann Lee", kind="person", gender="female")
        >>> quotes = [Quote("a", 0, 1, speaker=ann), Quote("b", 2, 3, speaker=ann),
        ...           Quote("c", 4, 5, speaker=Speaker("officials", kind="person")),
        ...           Quote("d", 6, 7, speaker=Speaker("EU", kind="organization")),
        ...           Quote("e", 8, 9)]
        >>> found = people_quoted(quotes)
        >>> [s.name for s in found.people], len(found.unnamed), len(found.organizations)
        (['Ann Lee'], 1, 1)
        >>> found.unresolved
        1
    """
    seen: dict[_Key, Speaker] = {}
    unresolved = 0
    for quote in quotes:
        speaker = quote.speaker
        key = _name_key(speaker.kind, speaker.name) if speaker is not None else None
        if speaker is None or key is None or speaker.kind == "unknown":
            unresolved += 1
            continue
        seen.setdefault(_gendered_key(key, speaker), speaker)
    people = tuple(s for s in seen.values() if is_named(s))
    return ArticlePeople(
        people=people,
        unnamed=tuple(s for s in seen.values() if s.kind == "person" and not is_named(s)),
        organizations=tuple(s for s in seen.values() if s.kind in ("organization", "other")),
        unresolved=unresolved,
    )


_split = lru_cache(maxsize=1 << 17)(split_person_name)
_known = lru_cache(maxsize=1 << 16)(is_first_name)
_fold = lru_cache(maxsize=1 << 17)(fold)


@lru_cache(maxsize=1 << 18)
def _similar(a: str, b: str, threshold: float) -> bool:
    return similar_spelling(a, b, threshold)


@lru_cache(maxsize=1 << 17)
def _display(name: str) -> str:
    return " ".join(name.split())


@lru_cache(maxsize=1 << 17)
def _name_key(kind: str, name: str) -> _Key | None:
    """The key of a speaker's name: its kind and its folded words (titles left out)."""
    if kind == "person":
        given, surname = _split(name)
        words = [w.translate(_APOSTROPHES) for w in (*given, surname)] if surname else []
    elif kind in ("organization", "other"):
        words = _org_words(name)
    else:
        words = name.split()
    folded = _fold(" ".join(words))
    if not any(c.isalpha() for c in folded) or folded in PRONOUNS:
        return None
    return kind, folded


_GENDER_MARK = "\x1f"
"""Between a surname alone and the gender its article shows, in a key: "Mr. Lee" and
"Ms. Lee" of two articles are two names, each free to join its own Lee."""


def _gendered_key(key: _Key, speaker: Speaker) -> _Key:
    """A surname alone, in an article whose text shows its gender, keyed with it."""
    if key[0] != "person" or speaker.gender not in ("female", "male") or _split(key[1])[0]:
        return key
    if _by_name(speaker.gender_evidence):
        return key
    return key[0], f"{key[1]}{_GENDER_MARK}{speaker.gender}"


def _person_parts(key: _Key) -> tuple[tuple[str, ...], str]:
    """(given names, surname) of a person's key."""
    return _split(key[1].partition(_GENDER_MARK)[0])


def _by_name(evidence: Iterable[str]) -> bool:
    """Whether a gender was guessed from the given name (the opt-in fallback)."""
    return any(e.startswith("given name:") for e in evidence)


def _honorific_only(description: str) -> bool:
    """A description that is only an honorific ("Mr."), as older records have them."""
    words = description.split()
    return bool(words) and all(w.lower().rstrip(".") in HONORIFIC_GENDER for w in words)


def _article_genders(speakers: Sequence[Speaker]) -> set[str]:
    """The genders one article gives a name: each definite one, else ``unknown``; a
    guess from the given name marked ``(given name)``."""
    found: set[str] = set()
    for speaker in speakers:
        if speaker.gender in ("female", "male"):
            guessed = _by_name(speaker.gender_evidence)
            found.add(f"{speaker.gender} (given name)" if guessed else speaker.gender)
    if not found and any(s.kind == "person" for s in speakers):
        found.add("unknown")
    return found


def _corpus_gender(kind: str, genders: Counter[str]) -> str | None:
    """A corpus person's gender from the genders of its articles: the text's first."""
    if kind != "person":
        return None
    for suffix in ("", " (given name)"):
        shown = {g for g in ("female", "male") if genders[g + suffix]}
        if len(shown) == 2:
            return "conflict"
        if shown:
            return shown.pop()
    return "unknown"


def _org_words(name: str) -> list[str]:
    words = name.split()
    while words and words[0].lower() == "the":
        words = words[1:]
    if words and words[-1].lower() in ("'s", "’s"):
        words = words[:-1]
    return words


# ---- records


def _count_pairs(value: Any) -> tuple[tuple[str, int], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), int(n)) for k, n in items)


def _ranked(counts: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """Most frequent first, ties in alphabetical order: independent of arrival order."""
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _quote_pairs(value: Iterable[Any]) -> tuple[tuple[str, Quote], ...]:
    """``(doc_id, quote)`` pairs, from pairs or from their JSON (``{"doc", "quote"}``)."""
    pairs = []
    for item in value:
        if isinstance(item, Mapping):
            doc, quote = item["doc"], item["quote"]
        else:
            doc, quote = item
        pairs.append((str(doc), quote if isinstance(quote, Quote) else Quote.from_dict(quote)))
    return tuple(pairs)


def _quotations_json(pairs: Sequence[tuple[str, Quote]]) -> list[dict[str, Any]]:
    return [{"doc": doc, "quote": quote.to_dict()} for doc, quote in pairs]


def _counts(**metadata: Any) -> Any:
    """A field of counts: ``(text, count)`` pairs, written to JSON as an object."""
    return attrs.field(default=(), converter=_count_pairs, metadata={"json": dict, **metadata})


def _json_value(instance: Any, field: attrs.Attribute[Any] | None, value: Any) -> Any:
    if field is None or "json" not in field.metadata:
        return value
    return field.metadata["json"](value)


CORPUS_GENDERS: tuple[str, ...] = ("female", "male", "unknown", "conflict")
"""The values :attr:`CorpusSpeaker.gender` may take, besides ``None``."""


def _default_gender(record: Any) -> str | None:
    return "unknown" if record.kind == "person" else None


@attrs.frozen
class CorpusSpeaker:
    """One person or organization of a corpus, with everything the index knows of it.

    Attributes:
        id: A stable identifier: the same documents (in any order) give the same ids. It
            is derived from the kind and the canonical name (``"P3f2a..."`` for a person).
        name: The canonical name: for a person, the fullest given name with the most
            quoted surname spelling; for an organization, its fullest name.
        kind: ``person``, ``organization``, ``other`` or ``unknown``.
        quotes: Its number of quotations.
        articles: The number of documents it is quoted in.
        names: The document-level names it was quoted under, with their numbers of
            quotes, most quoted first.
        descriptions: Its descriptions ("a defence analyst"), each with the number of
            documents giving it, most frequent first.
        pronouns: The pronouns the articles link to it, each with its number of documents.
        gender: For a person, ``"female"`` or ``"male"`` when the articles that show a
            gender all show that one, ``"conflict"`` when some show ``female`` and others
            ``male`` (reported, not resolved: see :attr:`genders`), else ``"unknown"``;
            ``None`` for anything that is not a person. A gender guessed from the given
            name (``gender_from_names``) counts only where no article's text shows one.
        gender_evidence: The evidence of every article
            (:attr:`Speaker.gender_evidence <quoteattr.Speaker.gender_evidence>`), each
            item with its number of documents, most frequent first.
        genders: The gender each article gave (``female``, ``male``, ``unknown``; a
            guess from the given name as ``female (given name)``), with its number of
            documents: where a conflict comes from.
        quotations: The ``(doc_id, quote)`` pairs, by document id and offset; empty when
            the index does not keep quotes.

    Example:
        >>> from quoteattr import Quote, Speaker, SpeakerIndex
        >>> def said(gender, *evidence):
        ...     ann = Speaker("Ann Lee", kind="person", gender=gender, gender_evidence=evidence)
        ...     return [Quote("...", 0, 3, speaker=ann)]
        >>> index = SpeakerIndex()
        >>> index.add("a", said("female", "pronoun: she"))
        >>> index.add("b", said("female", "honorific: Ms", "pronoun: she"))
        >>> index.add("c", said("unknown"))
        >>> (ann,) = index
        >>> ann.gender, ann.gender_evidence, ann.genders
        ('female', (('pronoun: she', 2), ('honorific: Ms', 1)), (('female', 2), ('unknown', 1)))
        >>> index.add("d", said("male", "pronoun: he"))  # another article says "he"
        >>> (ann,) = index
        >>> ann.gender, ann.genders
        ('conflict', (('female', 2), ('male', 1), ('unknown', 1)))
    """

    id: str
    name: str
    kind: SpeakerKind = attrs.field(validator=attrs.validators.in_(SPEAKER_KINDS))
    quotes: int = 0
    articles: int = 0
    names: tuple[tuple[str, int], ...] = _counts()
    descriptions: tuple[tuple[str, int], ...] = _counts()
    pronouns: tuple[tuple[str, int], ...] = _counts()
    gender: str | None = attrs.field(
        default=attrs.Factory(_default_gender, takes_self=True),
        validator=attrs.validators.optional(attrs.validators.in_(CORPUS_GENDERS)),
    )
    gender_evidence: tuple[tuple[str, int], ...] = _counts()
    genders: tuple[tuple[str, int], ...] = _counts()
    quotations: tuple[tuple[str, Quote], ...] = attrs.field(
        default=(), converter=_quote_pairs, metadata={"json": _quotations_json}
    )

    @property
    def description(self) -> str:
        """The most frequent description (``""`` when there is none)."""
        return self.descriptions[0][0] if self.descriptions else ""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serializable dictionary: the fields in order, counts as objects
        (``{"text": count}``), quotations as ``{"doc", "quote"}`` objects, :attr:`gender`
        after ``kind`` and :attr:`description` after ``articles``."""
        data = attrs.asdict(self, recurse=False, value_serializer=_json_value)
        head = ("id", "name", "kind", "gender", "quotes", "articles")
        return {
            **{key: data.pop(key) for key in head},
            "description": self.description,
            **data,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CorpusSpeaker:
        """Build a record from the output of :meth:`to_dict` (missing fields: defaults).

        Raises:
            KeyError: If ``id``, ``name`` or ``kind`` is missing.
        """
        fields = attrs.fields(cls)
        missing = [f.name for f in fields if f.default is attrs.NOTHING and f.name not in data]
        if missing:
            raise KeyError(missing[0])
        return cls(**{f.name: data[f.name] for f in fields if f.name in data})


def csv_text(speakers: Iterable[CorpusSpeaker]) -> str:
    """Return :func:`write_csv`'s output as a string."""
    return format_speakers("csv", list(speakers))


# ---- the index


@attrs.define
class _Form:
    """What the index keeps of one distinct name (one kind, one folded spelling)."""

    spellings: Counter[str] = attrs.field(factory=Counter)
    quotes: int = 0
    articles: int = 0
    descriptions: Counter[str] = attrs.field(factory=Counter)
    pronouns: Counter[str] = attrs.field(factory=Counter)
    evidence: Counter[str] = attrs.field(factory=Counter)
    genders: Counter[str] = attrs.field(factory=Counter)
    quotations: list[tuple[str, Quote]] = attrs.field(factory=list)

    def absorb(self, other: _Form) -> None:
        self.spellings.update(other.spellings)
        self.quotes += other.quotes
        self.articles += other.articles
        self.descriptions.update(other.descriptions)
        self.pronouns.update(other.pronouns)
        self.evidence.update(other.evidence)
        self.genders.update(other.genders)
        self.quotations.extend(other.quotations)

    def shown(self) -> frozenset[str]:
        """The genders its articles' text shows (``female``, ``male``): none, one or both."""
        return frozenset(g for g in ("female", "male") if self.genders[g])

    def support(self) -> tuple[int, int]:
        return self.quotes, self.articles

    def spelling(self) -> str:
        return min(self.spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0]


_Key = tuple[str, str]
"""A distinct name: (kind, folded name)."""


class _Groups:
    """Union-find over keys, refusing unions that would join two keys kept apart."""

    def __init__(self, keys: Iterable[_Key], apart: Mapping[_Key, set[_Key]]) -> None:
        self.parent = {k: k for k in keys}
        self.members = {k: [k] for k in self.parent}
        self.apart = apart

    def find(self, key: _Key) -> _Key:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: _Key, b: _Key) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        small, large = sorted((ra, rb), key=lambda r: (len(self.members[r]), r))
        members = set(self.members[large])
        if any(self.apart.get(k, set()) & members for k in self.members[small]):
            return
        self.parent[small] = large
        self.members[large].extend(self.members.pop(small))


@attrs.define
class _Cluster:
    keys: list[_Key] = attrs.field(factory=list)
    givens: set[str] = attrs.field(factory=set)
    surnames: set[str] = attrs.field(factory=set)
    genders: set[str] = attrs.field(factory=set)


class _Blocked:
    """Groups of people, found by the blocking keys of their surnames."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        self._blocks: defaultdict[tuple[str, str], dict[int, _Cluster]] = defaultdict(dict)
        self._surnames: defaultdict[str, list[_Cluster]] = defaultdict(list)

    def near(self, surname: str, given: str) -> list[_Cluster]:
        """The groups sharing a blocking key with ``surname`` and holding ``given``.

        ``given`` is a whole given name, ``"="`` plus its first letter for any given name
        with that initial, or ``""`` for any group.
        """
        found: dict[int, _Cluster] = {}
        for block in _blocks(surname):
            found.update(self._blocks.get((block, given), {}))
        return list(found.values())

    def carrying(self, surname: str) -> list[_Cluster]:
        """The groups with exactly this surname."""
        return list(self._surnames.get(surname, ()))

    def add(self, key: _Key, surname: str, given: str, cluster: _Cluster | None) -> _Cluster:
        """Put ``key`` in ``cluster``, or in a new group when it is ``None``; return the
        group."""
        if cluster is None:
            cluster = _Cluster()
            self.clusters.append(cluster)
        cluster.keys.append(key)
        new_given = bool(given) and given not in cluster.givens
        if new_given:
            cluster.givens.add(given)
        if surname not in cluster.surnames:
            cluster.surnames.add(surname)
            self._surnames[surname].append(cluster)
        elif not new_given:
            return cluster
        for block in {b for s in cluster.surnames for b in _blocks(s)}:
            for index in {"", f"={given[:1]}", *cluster.givens}:
                self._blocks[(block, index)][id(cluster)] = cluster
        return cluster


class SpeakerIndex:
    """The speakers of a corpus, merged across documents.

    Args:
        keep_quotes: Keep every ``(doc_id, quote)`` pair (memory then grows with the
            number of quotes); without them the index keeps counts only.
        name_similarity: The Jaro-Winkler threshold for two spellings to be one name, as
            in :class:`~quoteattr.QuoteExtractor`.

    Attributes:
        documents: The number of documents added.
        unattributed: Quotes with no speaker.
        unresolved: Quotes whose speaker is a bare pronoun (not in the index).
    """

    def __init__(
        self, *, keep_quotes: bool = True, name_similarity: float = DEFAULT_NAME_SIMILARITY
    ) -> None:
        self.keep_quotes = keep_quotes
        self.name_similarity = float(name_similarity)
        self.documents = 0
        self.unattributed = 0
        self.unresolved = 0
        self._forms: dict[_Key, _Form] = {}
        self._apart: defaultdict[_Key, set[_Key]] = defaultdict(set)
        self._aliases: set[tuple[_Key, _Key]] = set()
        self._resolved: list[CorpusSpeaker] | None = None
        self._record_of: dict[_Key, CorpusSpeaker] = {}

    # -- building ------------------------------------------------------------------------

    def add(self, doc_id: str, quotes: Iterable[Quote]) -> None:
        """Add one document's quotes.

        Quotes are grouped by their speaker's name; each speaker counts one article.

        Args:
            doc_id: The document's identifier (kept with the quotes).
            quotes: Its quotes, as :func:`quoteattr.extract_quotes` returns them.
        """
        doc: dict[_Key, list[Quote]] = {}
        for quote in quotes:
            speaker = quote.speaker
            if speaker is None:
                self.unattributed += 1
                continue
            key = _name_key(speaker.kind, speaker.name)
            if key is None:
                self.unresolved += 1
                continue
            key = _gendered_key(key, speaker)
            said = doc.get(key)
            if said is None:
                doc[key] = [quote]
            else:
                said.append(quote)
        self.documents += 1
        if not doc:
            return
        self._resolved = None
        for key, said in doc.items():
            speakers = [q.speaker for q in said if q.speaker is not None]
            form = self._forms.get(key)
            if form is None:
                form = self._forms[key] = _Form()
            form.quotes += len(said)
            form.articles += 1
            form.spellings.update(_display(s.name) for s in speakers)
            form.descriptions.update(
                {d for s in speakers for d in s.descriptions if not _honorific_only(d)}
            )
            form.pronouns.update({p for s in speakers for p in s.pronouns})
            form.evidence.update({e for s in speakers for e in s.gender_evidence})
            form.genders.update(_article_genders(speakers))
            if self.keep_quotes:
                form.quotations.extend((doc_id, q) for q in said)
            if key[0] in ("organization", "other"):
                self._aliases.update(
                    (key, alias)
                    for alias in {self._alias(key, s) for s in speakers}
                    if alias is not None
                )
        self._keep_apart(list(doc))

    def _alias(self, key: _Key, speaker: Speaker) -> _Key | None:
        """The mention of an organization, when it is another name of it ("EU")."""
        if key[0] not in ("organization", "other") or speaker.mention is None:
            return None
        words = _org_words(speaker.mention.text)
        if not words or not words[0][:1].isupper():
            return None
        alias = (key[0], fold(" ".join(words)))
        return alias if alias != key and alias[1] not in PRONOUNS else None

    def _keep_apart(self, keys: list[_Key]) -> None:
        """Record the pairs of one document that could otherwise end up merged.

        Two keys can only merge when they share a kind and a :meth:`_block_letter`, so
        pairs that do not are not recorded: memory stays small.
        """
        if len(keys) < 2:
            return
        by_block: defaultdict[tuple[str, str], list[_Key]] = defaultdict(list)
        for key in keys:
            by_block[(key[0], self._block_letter(key))].append(key)
        for same in by_block.values():
            for i, a in enumerate(same):
                for b in same[i + 1 :]:
                    if self._may_merge(a, b):
                        self._apart[a].add(b)
                        self._apart[b].add(a)

    @staticmethod
    def _block_letter(key: _Key) -> str:
        if key[0] == "person":
            return _person_parts(key)[1][:1]
        return key[1][:1]

    @staticmethod
    def _may_merge(a: _Key, b: _Key) -> bool:
        if a[0] != "person":
            return True
        ga, gb = _person_parts(a)[0], _person_parts(b)[0]
        return not ga or not gb or ga[0][:1] == gb[0][:1]

    def update(self, documents: Iterable[tuple[str, Iterable[Quote]]]) -> SpeakerIndex:
        """Add ``(doc_id, quotes)`` pairs, and return the index itself."""
        for doc_id, quotes in documents:
            self.add(doc_id, quotes)
        return self

    @classmethod
    def from_records(cls, records: Iterable[Any], **options: Any) -> SpeakerIndex:
        """Index ``(doc_id, quotes)`` pairs, the records of :mod:`quoteattr.dask`, or the
        flat records ``quoteattr extract`` writes.

        Args:
            records: ``(doc_id, quotes)`` pairs (such as :func:`quoteattr.load_quotes`
                yields), ``{"id": ..., "quotes": [quote dicts]}`` records as
                :func:`quoteattr.dask.extract_bag` makes them, or the JSON objects of
                ``quoteattr extract --format jsonl`` (:func:`quoteattr.io.quote_record`:
                consecutive records of one ``doc`` are one document).
            **options: :class:`SpeakerIndex` settings.

        Returns:
            A new index of them.

        Raises:
            ValueError: If a record is none of these (the message gives its number).
        """
        return cls(**options).update(_documents(records))

    def merge(self, other: SpeakerIndex) -> SpeakerIndex:
        """Add everything of another index (built on other documents) to this one.

        Merging is associative and commutative: indexes of the parts of a corpus, merged
        in any grouping, give the index of the whole.

        Args:
            other: An index with the same settings; it is left unchanged.

        Returns:
            This index.

        Raises:
            ValueError: If the settings differ.
        """
        if (other.keep_quotes, other.name_similarity) != (self.keep_quotes, self.name_similarity):
            raise ValueError("cannot merge indexes with different keep_quotes or name_similarity")
        self._resolved = None
        self.documents += other.documents
        self.unattributed += other.unattributed
        self.unresolved += other.unresolved
        for key, form in other._forms.items():
            mine = self._forms.get(key)
            if mine is None:
                mine = self._forms[key] = _Form()
            mine.absorb(form)
        for key, keys in other._apart.items():
            self._apart[key] |= keys
        self._aliases |= other._aliases
        return self

    @classmethod
    def combine(cls, indexes: Iterable[SpeakerIndex], **options: Any) -> SpeakerIndex:
        """Merge many indexes into a new one (a reduction's aggregate step).

        Args:
            indexes: The indexes, left unchanged.
            **options: The settings of the new index (they must match the parts').
        """
        merged = cls(**options)
        for index in indexes:
            merged.merge(index)
        return merged

    # -- reading -------------------------------------------------------------------------

    def __iter__(self) -> Iterator[CorpusSpeaker]:
        """The corpus speakers, most quoted first (then most articles, then by name)."""
        return iter(self.speakers())

    def __len__(self) -> int:
        return len(self.speakers())

    def speakers(self) -> list[CorpusSpeaker]:
        """Return the corpus speakers, most quoted first (then most articles, then by name).

        The merge runs on the first call after a change, and is kept until the next one.
        """
        if self._resolved is None:
            clusters = self._person_clusters() + self._other_clusters()
            records = self._unique_ids([self._record(keys) for keys in clusters])
            self._record_of = {
                k: r for keys, r in zip(clusters, records, strict=True) for k in keys
            }
            records.sort(key=lambda r: (-r.quotes, -r.articles, r.name, r.id))
            self._resolved = records
        return list(self._resolved)

    def speaker_of(self, speaker: Speaker) -> CorpusSpeaker | None:
        """The corpus speaker a document's speaker was merged into.

        Args:
            speaker: A speaker of a document added to the index.

        Returns:
            Its record, or ``None`` for a speaker the index does not hold (an unresolved
            pronoun, a document never added).

        Example:
            >>> from quoteattr import Quote, Speaker, SpeakerIndex
            >>> index = SpeakerIndex()
            >>> index.add("a", [Quote("...", 0, 3, speaker=Speaker("Ann Lee", kind="person"))])
            >>> index.add("b", [Quote("...", 0, 3, speaker=Speaker("Lee", kind="person"))])
            >>> index.speaker_of(Speaker("Lee", kind="person")).name
            'Ann Lee'
        """
        key = _name_key(speaker.kind, speaker.name)
        if key is None:
            return None
        if self._resolved is None:
            self.speakers()
        return self._record_of.get(_gendered_key(key, speaker))

    def _order(self, keys: Iterable[_Key]) -> list[_Key]:
        """Most supported first, then by key: an order that documents cannot change."""
        forms = self._forms

        def rank(key: _Key) -> tuple[int, int, _Key]:
            quotes, articles = forms[key].support()
            return -quotes, -articles, key

        return sorted(keys, key=rank)

    # -- people

    def _person_clusters(self) -> list[list[_Key]]:
        """Cluster the people: real given names first, then misspelled, then surnames alone.

        Each name is compared only with the groups found under its blocking keys (see
        :func:`_blocks`) and its given name's first letter. It joins the one group it
        fits: given names that pass :meth:`_same_given` with every given name of the
        group, a surname close to every surname of the group, and no name of the group
        that a document kept apart from it. Fitting none or several, it makes its own.
        Names whose given name is in the first-name list go first, so that real names,
        not misspellings, found the groups; then the surnames alone join the one group
        that carries their surname.
        """
        parts = {key: _person_parts(key) for key in self._forms if key[0] == "person"}
        known: list[_Key] = []
        unknown: list[_Key] = []
        alone: list[_Key] = []
        for key in self._order(parts):
            given = parts[key][0]
            if not given:
                alone.append(key)
            else:
                (known if _known(given[0]) else unknown).append(key)
        full = _Blocked()
        for key in known + unknown:
            given, surname = parts[key]
            first = given[0]
            # a real given name fits only groups holding it; a misspelling, any initial's
            fits = [
                c
                for c in full.near(surname, first if _known(first) else f"={first[:1]}")
                if all(self._same_given(first, g) for g in c.givens) and self._fits(key, surname, c)
            ]
            joined = full.add(key, surname, first, fits[0] if len(fits) == 1 else None)
            joined.genders |= self._forms[key].shown()
        solo = _Blocked()
        for key in alone:
            surname = parts[key][1]
            carriers = full.carrying(surname) or [
                c for c in full.near(surname, "") if self._close_surnames(surname, c)
            ]
            # "Mr. Smith" joins the one Smith who may be a man: not Jane Smith
            carriers = [c for c in carriers if self._genders_fit(key, c)]
            if len(carriers) == 1 and self._fits(key, surname, carriers[0], close=False):
                carriers[0].keys.append(key)
                carriers[0].genders |= self._forms[key].shown()
                continue
            fits = [c for c in solo.near(surname, "") if self._fits(key, surname, c)]
            joined = solo.add(key, surname, "", fits[0] if len(fits) == 1 else None)
            joined.genders |= self._forms[key].shown()
        return [c.keys for c in full.clusters + solo.clusters]

    def _same_given(self, a: str, b: str) -> bool:
        """Whether two (folded) first given names may be one person's: equal, an initial
        and a name it starts, or a misspelling (not in the first-name list) of a name."""
        if a == b:
            return True
        short_a, short_b = a.rstrip("."), b.rstrip(".")
        if len(short_a) == 1 or len(short_b) == 1:
            return short_a[:1] == short_b[:1]  # "M. Carney" for "Mark Carney"
        if _known(a) and _known(b):
            return False  # two real given names: two people
        return _similar(a, b, self.name_similarity)

    def _close_surnames(self, surname: str, cluster: _Cluster) -> bool:
        threshold = self.name_similarity
        return all(_similar(surname, s, threshold) for s in cluster.surnames)

    def _genders_fit(self, key: _Key, cluster: _Cluster) -> bool:
        """Whether a name's articles and a group's do not show opposite genders, each
        showing one only: "Mr." never joins a woman."""
        shown = self._forms[key].shown()
        return not (len(shown) == 1 and len(cluster.genders) == 1 and shown != cluster.genders)

    def _fits(self, key: _Key, surname: str, cluster: _Cluster, *, close: bool = True) -> bool:
        if close and not self._close_surnames(surname, cluster):
            return False
        if not self._genders_fit(key, cluster):
            return False
        apart = self._apart.get(key)
        return not apart or apart.isdisjoint(cluster.keys)

    # -- organizations and the rest

    def _other_clusters(self) -> list[list[_Key]]:
        keys = self._order(k for k in self._forms if k[0] != "person")
        groups = _Groups(keys, self._apart)
        acronyms: defaultdict[tuple[str, str], set[_Key]] = defaultdict(set)
        for key in keys:
            if key[0] in ("organization", "other"):
                words = self._forms[key].spelling().split()
                for acronym in _acronyms(words):
                    acronyms[(key[0], acronym)].add(key)
        for key in keys:
            short = self._forms[key].spelling().replace(".", "")
            if not (short.isalpha() and short.isupper()):
                continue
            long_forms = acronyms.get((key[0], fold(short)), set())
            if len(long_forms) == 1:
                (long_form,) = long_forms
                if long_form[1][:1] == key[1][:1]:
                    groups.union(long_form, key)
        for a, b in sorted(self._aliases):
            if b in groups.parent and a[1][:1] == b[1][:1]:
                groups.union(a, b)
        clusters: dict[_Key, list[_Key]] = {}
        for key in keys:
            clusters.setdefault(groups.find(key), []).append(key)
        return list(clusters.values())

    # -- records

    def _record(self, keys: list[_Key]) -> CorpusSpeaker:
        forms = [self._forms[k] for k in keys]
        names: Counter[str] = Counter()
        descriptions: Counter[str] = Counter()
        pronouns: Counter[str] = Counter()
        evidence: Counter[str] = Counter()
        genders: Counter[str] = Counter()
        quotations: list[tuple[str, Quote]] = []
        for form in forms:
            names.update(form.spellings)
            descriptions.update(form.descriptions)
            pronouns.update(form.pronouns)
            evidence.update(form.evidence)
            genders.update(form.genders)
            quotations.extend(form.quotations)
        quotations.sort(key=lambda p: (p[0], p[1].start, p[1].end))
        kind = cast(SpeakerKind, keys[0][0])
        name = self._canonical(kind, keys)
        digest = hashlib.blake2b(f"{kind}\0{fold(name)}".encode(), digest_size=6).hexdigest()
        return CorpusSpeaker(
            id=_ID_PREFIX[kind] + digest,
            name=name,
            kind=kind,
            names=_ranked(names),
            quotes=sum(f.quotes for f in forms),
            articles=sum(f.articles for f in forms),
            descriptions=_ranked(descriptions),
            pronouns=_ranked(pronouns),
            gender=_corpus_gender(kind, genders),
            gender_evidence=_ranked(evidence),
            genders=_ranked(genders),
            quotations=quotations,
        )

    def _canonical(self, kind: str, keys: list[_Key]) -> str:
        """The fullest given name with the most quoted surname; else the fullest name."""
        ordered = self._order(keys)  # most supported first: ties go to support
        spellings = [self._forms[k].spelling() for k in ordered]
        if kind != "person":
            return max(spellings, key=lambda s: len(s.split()))  # first of the longest
        parts = [split_person_name(s) for s in spellings]
        given = max(parts, key=lambda p: len(p[0]))[0]
        surname_quotes: Counter[str] = Counter()
        surname_spelling: dict[str, str] = {}
        for key, (_, surname) in zip(ordered, parts, strict=True):
            folded = fold(surname)
            surname_quotes[folded] += self._forms[key].quotes
            surname_spelling.setdefault(folded, surname)
        best = min(surname_quotes, key=lambda s: (-surname_quotes[s], s))
        return " ".join((*given, surname_spelling[best]))

    @staticmethod
    def _unique_ids(records: list[CorpusSpeaker]) -> list[CorpusSpeaker]:
        """Give records whose ids collide (the same canonical name) distinct suffixes; the
        records stay in their order."""
        by_id: defaultdict[str, list[int]] = defaultdict(list)
        for n, record in enumerate(records):
            by_id[record.id].append(n)
        unique = list(records)
        for same in by_id.values():
            if len(same) == 1:
                continue
            same.sort(key=lambda n: (-records[n].quotes, -records[n].articles, records[n].names))
            for suffix, n in enumerate(same[1:], start=2):
                unique[n] = attrs.evolve(records[n], id=f"{records[n].id}-{suffix}")
        return unique


def _documents(records: Iterable[Any]) -> Iterator[tuple[str, list[Quote]]]:
    """``(doc_id, quotes)`` pairs from any of the records :meth:`SpeakerIndex.from_records`
    takes, consecutive flat records of one document gathered."""
    doc: str | None = None
    gathered: list[Quote] = []
    for number, record in enumerate(records, start=1):
        if isinstance(record, Mapping) and is_record_header(record):
            doc_id = str(record["doc"])
            if gathered and doc_id != doc:
                yield cast(str, doc), gathered
                gathered = []
            doc = doc_id
            try:
                gathered.append(quote_from_record(record))
            except ValueError as exc:
                raise ValueError(f"record {number}: {exc}") from exc
            continue
        if gathered:
            yield cast(str, doc), gathered
            gathered, doc = [], None
        if isinstance(record, Mapping):
            if "quotes" not in record:
                raise ValueError(
                    f"record {number} is neither a (doc_id, quotes) pair, nor an "
                    "{'id', 'quotes'} record, nor a record of quoteattr extract"
                )
            yield str(record.get("id")), [Quote.from_dict(q) for q in record["quotes"]]
        else:
            doc_id, quotes = record
            yield doc_id, list(quotes)
    if gathered:
        yield cast(str, doc), gathered


@lru_cache(maxsize=1 << 17)
def _blocks(surname: str) -> tuple[str, ...]:
    """Blocking keys of a folded surname: names to compare share at least one.

    :func:`~quoteattr._names.similar_spelling` wants the same first letter and close
    Metaphone keys, so the keys are the first letter with the Metaphone key, and (for keys
    of three sounds or more) with the Metaphone key less one sound.
    """
    squeezed = surname.replace(" ", "")
    first = squeezed[:1]
    sound = jellyfish.metaphone(squeezed) if squeezed.isalpha() else squeezed
    keys = {f"{first}:{sound}"}
    if len(sound) >= 3:
        keys.update(f"{first}:{sound[:i]}{sound[i + 1 :]}" for i in range(len(sound)))
    return tuple(sorted(keys))


def _acronyms(words: Sequence[str]) -> set[str]:
    """The folded acronyms of an organization's name (with and without its small words)."""
    words = [w for w in words if w[:1].isalpha()]
    if len(words) < 2:
        return set()
    capitals = "".join(w[0] for w in words if w[0].isupper())
    every = "".join(w[0] for w in words)
    return {fold(a) for a in (capitals, every) if len(a) >= 2}
