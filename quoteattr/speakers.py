"""Speakers: one canonical entity per person (or organization) per document.

:class:`EntityTable` collects the name mentions of a document in text order and resolves
every speaker mention to an entity:

* **Aliases.** "Prime Minister Mark Carney", "Mark Carney", "Mr. Carney" and "Carney" are one
  entity: titles are stripped and a surname alone joins the entity whose surname it is.
* **Misspellings.** Close spellings of a surname ("Leuprecht", "Lebrecht", "Liopricht") join
  one entity when their Jaro-Winkler similarity reaches ``name_similarity`` and their
  Metaphone keys agree closely; two full names with different given names never merge.
  The canonical name is the fullest given name with the most frequent surname spelling.
* **Pronouns.** he/she/they resolve to the most recent compatible subject or speaker
  before the mention (gender from honorifics, pronouns and a first-name list).
* **Nominal mentions.** "the minister" resolves to the entity introduced with that role.
* **Organizations** are speakers too, marked ``kind="organization"``.

:func:`group_by_speaker` lists each speaker of a result once with all its quotes.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import attrs
import jellyfish

from .model import Quote, Speaker, SpeakerKind
from .options import DEFAULT_NAME_SIMILARITY
from .roles import is_title_word

__all__ = [
    "HONORIFICS",
    "PARTICLES",
    "PRONOUNS",
    "TITLE_WORDS",
    "Entity",
    "EntityTable",
    "SpeakerGroup",
    "first_name_gender",
    "fold",
    "group_by_speaker",
    "is_first_name",
    "is_surname",
    "likely_gender",
    "similar_spelling",
    "split_title",
]

PRONOUNS: dict[str, str] = {
    "he": "m",
    "him": "m",
    "she": "f",
    "her": "f",
    "they": "p",
    "them": "p",
    "it": "n",
    "i": "x",
    "we": "p",
    "you": "x",
}
"""Personal pronouns and the gender/number they agree with (m, f, p plural, n neuter)."""

PARTICLES: frozenset[str] = frozenset(
    "von van der den de da del della di du la le bin al el ibn".split()
)
"""Lower-cased name particles that belong to the surname ("von der Leyen", "de Gaulle")."""

HONORIFICS: dict[str, str] = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "sir": "m",
    "lord": "m",
    "lady": "f",
    "dame": "f",
    "madam": "f",
    "dr": "",
    "dr.": "",
}
"""Honorifics and the gender they mark ("" for none)."""

TITLE_WORDS: frozenset[str] = frozenset(
    """
    president vice prime minister secretary foreign affairs defence defense finance
    chancellor senator sen sen. rep rep. representative congressman congresswoman
    governor gov gov. mayor judge justice chief general gen gen. colonel col col.
    captain capt capt. lieutenant lt lt. sergeant sgt sgt. admiral adm adm. commissioner
    ambassador king queen prince princess pope rev rev. reverend father professor prof
    prof. doctor dr dr. mr mr. mrs mrs. ms ms. miss sir lord lady dame madam speaker
    leader deputy director ceo chairman chairwoman chair spokesman spokeswoman
    spokesperson attorney candidate nominee premier minister's former acting interim
    state u.s. us federal nominee hon hon. honourable honorable executive officer
    commander treasurer councillor councilman councilwoman assemblyman economist analyst
    expert author host anchor reporter editor founder
    """.split()
)
"""Lower-cased words that are titles or roles, stripped from the front of a name."""

_ROLE_SUFFIX = re.compile(r"[^\w]+$")


def split_title(tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split a name's tokens into leading title words and the name proper.

    Args:
        tokens: The words of a mention ("Prime", "Minister", "Mark", "Carney").

    Returns:
        ``(title, name)``: (["Prime", "Minister"], ["Mark", "Carney"]). The last token always
        stays in the name.
    """
    # the title ends at the last title word before the name ("Senate Majority Leader"): the
    # words before it are department words ("Health Minister", "Police Chief")
    end = 0
    for k in range(len(tokens) - 1):
        word = tokens[k]
        lower = word.lower()
        if lower in HONORIFICS or lower in TITLE_WORDS or is_title_word(word):
            if k == 0 and len(tokens) == 2 and is_first_name(word) and lower not in TITLE_WORDS:
                break  # "Dean Smith": a given name that is also a role word
            end = k + 1
        elif end == 0 and not word[:1].isupper():
            continue  # "school board chair Helen Ng"
        elif is_first_name(word) and k + 1 < len(tokens) - 0:
            break  # the name proper starts
    return list(tokens[:end]), list(tokens[end:])


def _data_lines(name: str) -> list[str]:
    """The lines of ``quoteattr/data/<name>``, without blank lines and ``#`` comments."""
    from importlib.resources import files

    text = files("quoteattr").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """Given names and their usual gender (``m``, ``f``, ``u`` unknown), from the data file.

    ``quoteattr/data/first_names.tsv`` is generated by ``scripts/make_first_names.py`` from
    the 1990 US Census given-name lists (public domain) and Faker's person providers (MIT).
    """
    return dict(line.partition("\t")[::2] for line in _data_lines("first_names.tsv"))


@lru_cache(maxsize=1 << 16)
def _fold(name: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def first_name_gender(name: str) -> str:
    """Return ``"m"``, ``"f"`` or ``""`` (unknown) for a given name.

    The names come from ``quoteattr/data/first_names.tsv`` (see :func:`is_first_name`).
    """
    gender = _first_names().get(_fold(name), "")
    return gender if gender in ("m", "f") else ""


def likely_gender(name: str) -> str:
    """Guess ``"f"`` for an unlisted given name ending in *-ia* or *-ina* ("Chrystia"),
    else ``""``.

    In the given-name list, 269 of the 292 names with these endings are women's; the broader
    *-a* ending is not used, because men's names from South Asia and the Arab world break it
    ("Narendra", "Mustafa"). The guess only ranks antecedents (see
    :meth:`EntityTable.resolve_pronoun`): it never excludes one.

    Example:
        >>> likely_gender("Chrystia"), likely_gender("Narendra")
        ('f', '')
    """
    folded = _fold(name)
    if len(folded) >= 4 and folded.isalpha() and folded.endswith(("ia", "ina")):
        return "" if folded in _first_names() else "f"
    return ""


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(_data_lines("surnames.txt"))


def is_surname(word: str) -> bool:
    """Whether ``word`` is a known family name that is not also an English word.

    The list (``quoteattr/data/surnames.txt``) is generated by ``scripts/make_surnames.py``
    from the 1990 US Census surname list (public domain) and Faker's person providers (MIT
    licence), leaving out the words of WordNet's English index: "Thune" and "Carney" are in
    it, "Apple", "Union" and "Washington" are not.

    Example:
        >>> is_surname("Thune"), is_surname("Apple")
        (True, False)
    """
    return _fold(word) in _surnames()


def is_first_name(name: str) -> bool:
    """Whether ``name`` is a known given name (of either gender), ignoring case and accents.

    The list (``quoteattr/data/first_names.tsv``) is generated by
    ``scripts/make_first_names.py`` from the 1990 US Census given-name lists (public domain)
    and Faker's person providers (MIT licence).
    """
    return _fold(name) in _first_names()


@attrs.define
class Entity:
    """A person or organization of one document, built up from its mentions.

    Attributes:
        id: Identifier within the document (``"e0"``, ...).
        kind: ``person``, ``organization``, ``other`` or ``unknown``.
        forms: Each name form seen (titles stripped) and how often.
        gender: ``"m"``, ``"f"``, ``"p"`` (plural), ``"n"`` or ``""`` when unknown.
        roles: Lower-cased role words (from titles and appositions) that nominal mentions
            such as "the minister" can refer to.
        descriptions: Titles and appositions, in order of first appearance.
        pronouns: Personal pronouns the text links to the entity, in order of first use.
        likely_gender: A guess from the shape of an unlisted given name (see
            :func:`likely_gender`), weaker than ``gender``.
        members: For a group of people named together ("Sarah Lee and Tom Ortiz"), the
            people in it; ``they`` can refer to the group.
        bare: Whether a one-word organization was named without a determiner ("Burton",
            not "the Times"): a tagger's guess that a he/she pronoun can overturn.
    """

    id: str
    kind: SpeakerKind
    forms: Counter[tuple[str, ...]] = attrs.field(factory=Counter)
    gender: str = ""
    roles: set[str] = attrs.field(factory=set)
    descriptions: list[str] = attrs.field(factory=list)
    pronouns: list[str] = attrs.field(factory=list)
    likely_gender: str = ""
    members: tuple[Entity, ...] = ()
    bare: bool = False

    @property
    def surnames(self) -> Counter[str]:
        """How often each surname spelling was seen."""
        counts: Counter[str] = Counter()
        for form, n in self.forms.items():
            counts[form[-1]] += n
        return counts

    @property
    def given(self) -> tuple[str, ...]:
        """The fullest given-name part seen (may be empty)."""
        best: tuple[str, ...] = ()
        for form in self.forms:
            if len(form) - 1 > len(best):
                best = form[:-1]
        return best

    @property
    def name(self) -> str:
        """The canonical name: fullest given name plus the most frequent surname spelling."""
        if not self.forms:
            return ""
        if self.kind != "person":
            return " ".join(max(self.forms.items(), key=lambda kv: (len(kv[0]), kv[1]))[0])
        surnames = self.surnames

        def support(item: tuple[str, int]) -> tuple[int, float]:
            # frequency first; ties go to the spelling closest to all the others
            spelling, count = item
            closeness = sum(
                n * jellyfish.jaro_winkler_similarity(_fold(spelling), _fold(other))
                for other, n in surnames.items()
            )
            return count, closeness

        surname = max(surnames.items(), key=support)[0]
        return " ".join((*self.given, surname))

    def describe(self, text: str) -> None:
        """Record a description once, keeping the order of first appearance."""
        text = text.strip(" ,;:")
        if text and text not in self.descriptions:
            self.descriptions.append(text)


@lru_cache(maxsize=1 << 16)  # a long text compares the same names again and again
def _similar(a: str, b: str, threshold: float) -> bool:
    if a == b:
        return True
    fa, fb = _fold(a), _fold(b)
    if fa == fb:
        return True
    if not fa or not fb or fa[0] != fb[0] or min(len(fa), len(fb)) < 3:
        return False
    if jellyfish.jaro_winkler_similarity(fa, fb) < threshold - 0.1:
        return False
    meta = jellyfish.jaro_winkler_similarity(jellyfish.metaphone(fa), jellyfish.metaphone(fb))
    return bool(meta >= threshold)


def _same_given(a: str, b: str) -> bool:
    """Whether two given names can be one person's: equal, or one an initial of the other.

    Close spellings are not enough ("Mark"/"Mary", "Jon"/"Jan" are different people).
    """
    fa, fb = _fold(a).rstrip("."), _fold(b).rstrip(".")
    if fa == fb:
        return True
    return (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def _join_particles(words: Sequence[str]) -> list[str]:
    """Keep name particles with the surname: ["Ursula", "von", "der", "Leyen"] ->
    ["Ursula", "von der Leyen"]."""
    out = list(words)
    i = len(out) - 1
    while i > 0 and out[i - 1].lower() in PARTICLES:
        i -= 1
    if i < len(out) - 1:
        out[i:] = [" ".join(out[i:])]
    return out


def fold(name: str) -> str:
    """Return ``name`` lower-cased and without accents: the form names are compared in.

    Example:
        >>> fold("Mélanie JOLY")
        'melanie joly'
    """
    return _fold(name)


def similar_spelling(a: str, b: str, threshold: float = DEFAULT_NAME_SIMILARITY) -> bool:
    """Whether two name words are spellings of one name, under the guard names merge by.

    The same test :class:`EntityTable` merges surname spellings with: equal once folded,
    or the same first letter, at least three letters each, a Jaro-Winkler similarity of at
    least ``threshold - 0.1`` and Metaphone keys at least ``threshold`` similar.

    Args:
        a: A name word ("Leuprecht").
        b: Another ("Lubricht").
        threshold: The ``name_similarity`` setting.

    Example:
        >>> similar_spelling("Leuprecht", "Lubricht"), similar_spelling("Hillary", "Bill")
        (True, False)
    """
    return _similar(a, b, threshold)


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w and w[0].isupper())


class EntityTable:
    """The entities of one document and the rules that resolve mentions to them.

    Args:
        name_similarity: Jaro-Winkler threshold for two surname spellings to be one person.
    """

    def __init__(self, name_similarity: float = DEFAULT_NAME_SIMILARITY) -> None:
        self.threshold = name_similarity
        self.entities: list[Entity] = []
        self._timeline: list[tuple[int, Entity, bool]] = []
        self._seen: dict[int, Entity] = {}

    def _remember(self, position: int, entity: Entity, subject: bool) -> None:
        keys = [t[0] for t in self._timeline]
        self._timeline.insert(bisect.bisect_right(keys, position), (position, entity, subject))

    # -- building -------------------------------------------------------------------------

    def _new(self, kind: SpeakerKind) -> Entity:
        entity = Entity(id=f"e{len(self.entities)}", kind=kind)
        self.entities.append(entity)
        return entity

    def _match_person(self, name: tuple[str, ...]) -> Entity | None:
        surname, given = name[-1], name[:-1]
        best: Entity | None = None
        best_count = -1
        for entity in self.entities:
            if entity.kind != "person" or entity.members:
                continue
            same_surname = any(_similar(surname, s, self.threshold) for s in entity.surnames)
            given_alone = len(name) == 1 and any(name[0] == f[0] for f in entity.forms)
            if not (same_surname or given_alone):
                continue
            other = entity.given
            if given and other and not _same_given(given[0], other[0]):
                continue  # two full names with different given names: two people
            count = sum(entity.forms.values())
            if count > best_count:
                best, best_count = entity, count
        return best

    def _match_org(self, name: tuple[str, ...]) -> Entity | None:
        folded = tuple(_fold(w) for w in name)
        for entity in self.entities:
            if entity.kind not in ("organization", "other"):
                continue
            for form in entity.forms:
                ff = tuple(_fold(w) for w in form)
                if ff == folded:
                    return entity
                if len(name) == 1 and (name[0] == _acronym(form) or form[0] == _acronym(name)):
                    return entity
                if len(form) == 1 and form[0] == _acronym(name):
                    return entity
        return None

    def add_name(
        self,
        words: Sequence[str],
        kind: SpeakerKind,
        position: int,
        *,
        subject: bool = False,
        title: Sequence[str] = (),
    ) -> Entity | None:
        """Record a name mention and return its entity (new or merged).

        Args:
            words: The words of the name ("Mark", "Carney"); leading titles are stripped.
            kind: ``person`` or ``organization`` (others are kept as ``other``).
            position: Character offset of the mention, for salience.
            subject: Whether the mention is a sentence subject (more salient).
            title: Title words that preceded the name, kept as roles and description.
        """
        if position in self._seen:
            return self._seen[position]
        words = [w for w in words if w.strip()]
        if kind == "person":
            lead, rest = split_title(words)
            title = [*title, *lead]
            words = [w.rstrip(",") or w for w in rest]
            if words and words[-1].lower() in {"jr", "jr.", "sr", "sr.", "ii", "iii"}:
                words = words[:-1]
            words = _join_particles(words)
        else:
            while words and words[0].lower() == "the":
                words = words[1:]
            if words and self.looks_like_person(words):
                return self.add_name(words, "person", position, subject=subject, title=title)
        if not words:
            return None
        name = tuple(words)
        entity = self._match_person(name) if kind == "person" else self._match_org(name)
        if entity is None:
            entity = self._new(kind)
        entity.forms[name] += 1
        if kind == "person":
            self._learn_gender(entity, name, title)
        if title:
            entity.roles.update(t.lower().rstrip(".") for t in title)
            entity.describe(" ".join(title))
        self._seen[position] = entity
        self._remember(position, entity, subject)
        return entity

    def introduce(
        self, words: Sequence[str], position: int, description: str = ""
    ) -> Entity | None:
        """Record the full form of a name read from unparsed text, if it is a known person's.

        No entity recognizer has seen an unparsed name, so it is recorded only when the
        text says what it is: a person's name when a title or a known first name opens it
        (``Police Chief Myron Demkiw``), or when it joins a person already in the table (same
        surname, compatible given name); an organization named by its initials (``The
        European Union`` for "the EU"). Otherwise it is left out.

        Args:
            words: The words of the name, titles included ("President", "Anna", "Berg").
            position: Character offset of the name.
            description: What the text says of it (an apposition: "a defense analyst").

        Returns:
            The entity it was recorded as, or ``None``.
        """
        words = [w for w in words if w.strip()]
        title, rest = split_title(words)
        name = tuple(_join_particles(rest))
        said = bool(title) or is_first_name(name[0])  # the text says it is a person
        if len(name) > 1 and (said or self._match_person(name) is not None):
            entity = self.add_name(words, "person", position)
            if entity is not None and description:
                entity.describe(description)
            return entity
        form = tuple(words[1:] if words[:1] == ["The"] else words)
        known = self._match_org((_acronym(form),)) if len(form) > 1 else None
        if known is not None and known.kind == "organization":
            return self.add_name(form, "organization", position)
        return None

    def entity_at(self, position: int) -> Entity | None:
        """The entity of the name mention recorded at ``position``, if any."""
        return self._seen.get(position)

    def looks_like_person(self, words: Sequence[str]) -> bool:
        """Whether an organization-tagged name is rather a person's (taggers confuse them).

        True when it starts with a known first name, or is one word that spells the surname
        of a person already in the table.
        """
        if len(words) > 1 and is_first_name(words[0]) and words[-1][:1].isupper():
            return True
        if len(words) == 1:
            return any(
                e.kind == "person"
                and any(_similar(words[0], s, self.threshold) for s in e.surnames)
                for e in self.entities
            )
        return False

    def _learn_gender(self, entity: Entity, name: tuple[str, ...], title: Sequence[str]) -> None:
        for word in title:
            marked = HONORIFICS.get(word.lower(), "")
            if marked:
                entity.gender = marked
                return
        if not entity.gender and len(name) > 1:
            entity.gender = first_name_gender(name[0])
            entity.likely_gender = entity.likely_gender or likely_gender(name[0])

    def note_pronoun(self, entity: Entity, pronoun: str, position: int) -> None:
        """Record that ``pronoun`` at ``position`` refers to ``entity``."""
        lower = pronoun.lower()
        gender = PRONOUNS.get(lower, "")
        if gender and lower not in entity.pronouns:
            entity.pronouns.append(lower)
        if gender in ("m", "f") and not entity.gender:
            entity.gender = gender
        self._remember(position, entity, True)

    def mention(self, entity: Entity, position: int, *, subject: bool = True) -> None:
        """Record another mention of a known entity (for salience)."""
        self._remember(position, entity, subject)

    # -- resolving ------------------------------------------------------------------------

    def resolve_pronoun(self, pronoun: str, position: int, window: int = 3000) -> Entity | None:
        """Return the most salient compatible entity mentioned before ``position``.

        Sentence subjects and speakers come first; among them, the most recent. Gender
        known from honorifics, listed given names or linked pronouns excludes an entity; a
        gender only guessed from a name's shape (:func:`likely_gender`) puts it last.
        ``they`` refers to an organization or a group of people named together. When no
        person fits a he/she, the latest subject named by one bare word that the tagger
        took for an organization ("Burton explained …") becomes that person.

        Args:
            pronoun: "he", "she", "they", ...
            position: Character offset of the pronoun.
            window: How far back (in characters) to look.
        """
        gender = PRONOUNS.get(pronoun.lower())
        if gender is None or gender == "x":
            return None
        before = [t for t in self._timeline if position - window <= t[0] < position]
        for guesses in (False, True):
            for subjects_only in (True, False):
                for _, entity, subject in reversed(before):
                    if subjects_only and not subject:
                        continue
                    if self._agrees(entity, gender) and (
                        guesses or entity.likely_gender in ("", gender)
                    ):
                        return entity
        if gender in ("m", "f"):
            return self._person_after_all(before, gender)
        return None

    @staticmethod
    def _person_after_all(before: list[tuple[int, Entity, bool]], gender: str) -> Entity | None:
        """The latest bare one-word "organization" subject, re-read as a person."""
        for _, entity, subject in reversed(before):
            if subject and entity.kind == "organization" and entity.bare:
                entity.kind = "person"
                entity.gender = gender
                return entity
        return None

    @staticmethod
    def _agrees(entity: Entity, gender: str) -> bool:
        if gender in ("m", "f"):
            return entity.kind == "person" and entity.gender in ("", gender)
        if gender == "p":
            return entity.kind in ("organization", "other") or bool(entity.members)
        return entity.kind in ("organization", "other")

    def add_group(self, members: Sequence[Entity], position: int) -> Entity | None:
        """Record people named together ("Sarah Lee and Tom Ortiz") as a group ``they``
        can refer to; the group is named by its members' names joined."""
        people: list[Entity] = []
        for m in members:
            if m.kind == "person" and m.name and all(m is not p for p in people):
                people.append(m)
        if len(people) < 2:
            return None
        names = [p.name for p in people]
        joined = ", ".join(names[:-1]) + " and " + names[-1]
        group = self._new("person")
        group.forms[(joined,)] += 1
        group.gender = "p"
        group.members = tuple(people)
        self._remember(position, group, True)
        return group

    def resolve_nominal(self, head: str, position: int) -> Entity | None:
        """Return the latest entity before ``position`` introduced with role ``head``."""
        head = head.lower()
        for pos, entity, _ in reversed(self._timeline):
            if pos < position and head in entity.roles:
                return entity
        return None

    def speaker(self, entity: Entity | None, fallback: str, mention: object = None) -> Speaker:
        """Build the :class:`~quoteattr.model.Speaker` of ``entity`` (or of a bare name)."""
        from .model import Mention

        m = mention if isinstance(mention, Mention) else None
        if entity is None:
            if fallback.lower() in PRONOUNS:
                fallback = ""  # an unresolved pronoun: the pronoun stays in the mention
            return Speaker(name=fallback, mention=m, kind="unknown")
        return Speaker(
            name=entity.name or fallback,
            mention=m,
            kind=entity.kind,
            id=entity.id,
            descriptions=tuple(entity.descriptions),
            pronouns=tuple(entity.pronouns),
        )


@attrs.frozen
class SpeakerGroup:
    """One speaker of a document with all of their quotes.

    Attributes:
        speaker: The speaker (the mention of its first quote).
        quotes: The speaker's quotes, in text order.
    """

    speaker: Speaker
    quotes: tuple[Quote, ...]


def group_by_speaker(quotes: Iterable[Quote]) -> list[SpeakerGroup]:
    """List each speaker once with all their quotes, in order of first quote.

    Quotes are grouped by :attr:`Speaker.id` (or by name when there is no id); quotes with no
    speaker are left out.

    Args:
        quotes: The quotes of one document, as :func:`quoteattr.extract_quotes` returns them.

    Returns:
        One :class:`SpeakerGroup` per speaker.
    """
    groups: dict[str, list[Quote]] = {}
    first: dict[str, Speaker] = {}
    for quote in quotes:
        if quote.speaker is None:
            continue
        key = quote.speaker.id or f"name:{quote.speaker.name}"
        groups.setdefault(key, []).append(quote)
        first.setdefault(key, quote.speaker)
    return [SpeakerGroup(speaker=first[k], quotes=tuple(v)) for k, v in groups.items()]
