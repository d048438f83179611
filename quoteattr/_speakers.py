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
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs
import jellyfish

from ._gender import HONORIFIC_GENDER as GENDERED
from ._gender import Gender, gender_of, name_gender
from ._lexicon import ORG_NOUNS, POSSESSIVES, PRONOUNS, REFLEXIVES
from ._names import (
    DEFAULT_NAME_SIMILARITY,
    HONORIFICS,
    acronym,
    first_name_gender,
    fold,
    is_first_name,
    join_particles,
    likely_gender,
    org_word,
    person_shaped,
    same_given,
    similar_spelling,
    split_title,
    strip_leading,
)
from ._roles import is_person_noun, is_title_word
from .model import Mention, Quote, Speaker, SpeakerKind

__all__ = ["POSSESSIVE_REACH", "Entity", "EntityTable", "SpeakerGroup", "group_by_speaker"]

POSSESSIVE_REACH = 400
"""How far back (in characters) the person a possessive pronoun is evidence for may be
named: "Ann Lee, visiting with her family, said"."""


def _of_a_person(description: str) -> bool:
    """Whether an apposition describes a person: its last word is a role ("the CBN
    Governor", "a defense policy analyst")."""
    words = description.split()
    return bool(words) and (is_person_noun(words[-1]) or is_title_word(words[-1]))


_GENERIC_ORGS = frozenset({"company", "firm", "group", "business", "organisation", "organization"})


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
        titles: The title words seen before its names ("Ms", "Prime", "Minister"), once
            each in order: with :attr:`pronouns` and :attr:`descriptions`, the evidence of
            :attr:`Speaker.gender <quoteattr.model.Speaker.gender>`. (:attr:`gender`
            also takes the first-name list, for resolving pronouns only.)
        possessives: The possessive pronouns ("his", "her") that refer to it within a
            sentence that names it before them: evidence of gender, nothing else.
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
    titles: list[str] = attrs.field(factory=list)
    possessives: list[str] = attrs.field(factory=list)

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
                n * jellyfish.jaro_winkler_similarity(fold(spelling), fold(other))
                for other, n in surnames.items()
            )
            return count, closeness

        surname = max(surnames.items(), key=support)[0]
        given = self.given
        if fold(surname) in {fold(g) for g in given}:
            # "Xi Jinping", then "Xi": the family name written first; the fullest form
            return " ".join(max(self.forms.items(), key=lambda kv: (len(kv[0]), kv[1]))[0])
        return " ".join((*given, surname))

    def describe(self, text: str) -> None:
        """Record a description once, keeping the order of first appearance."""
        text = text.strip(" ,;:")
        if text and text not in self.descriptions:
            self.descriptions.append(text)


class EntityTable:
    """The entities of one document and the rules that resolve mentions to them.

    Args:
        name_similarity: Jaro-Winkler threshold for two surname spellings to be one person.
        gender_from_names: Fall back on the given name (:func:`~quoteattr._gender.name_gender`)
            for a person the text gives no gender.
    """

    def __init__(
        self, name_similarity: float = DEFAULT_NAME_SIMILARITY, *, gender_from_names: bool = False
    ) -> None:
        self.threshold = name_similarity
        self.gender_from_names = gender_from_names
        self.entities: list[Entity] = []
        self._timeline: list[tuple[int, Entity, bool]] = []
        self._positions: list[int] = []  # the timeline's positions, for binary search
        self._seen: dict[int, Entity] = {}
        # entities (by their index) under each first folded letter of their surnames and
        # each first word of their forms: the only ones a name can match (see _candidates)
        self._by_letter: dict[str, set[int]] = {}
        self._by_first: dict[str, set[int]] = {}
        self._surnames: dict[int, list[str]] = {}  # each entity's surname spellings

    def _remember(self, position: int, entity: Entity, subject: bool) -> None:
        at = bisect.bisect_right(self._positions, position)
        self._positions.insert(at, position)
        self._timeline.insert(at, (position, entity, subject))

    def _index(self, entity: Entity, form: tuple[str, ...]) -> None:
        """Index a name form of an entity for :meth:`_candidates`."""
        number = int(entity.id[1:])
        self._by_letter.setdefault(fold(form[-1])[:1], set()).add(number)
        self._by_first.setdefault(form[0], set()).add(number)
        spellings = self._surnames.setdefault(number, [])
        if form[-1] not in spellings:
            spellings.append(form[-1])

    def _spellings(self, entity: Entity) -> list[str]:
        """The surname spellings of an entity (``entity.surnames`` without the counts)."""
        return self._surnames.get(int(entity.id[1:]), [])

    def _candidates(self, name: tuple[str, ...]) -> list[Entity]:
        """The entities, in order, that may share a surname spelling with ``name`` (two
        similar spellings have the same first folded letter, see :func:`similar_spelling`)
        or, for a one-word name, a form's first word: a text of thousands of names compares
        each with a few, not with all."""
        found = self._by_letter.get(fold(name[-1])[:1], set())
        if len(name) == 1:
            found = found | self._by_first.get(name[0], set())
        return [self.entities[i] for i in sorted(found)]

    # -- building -------------------------------------------------------------------------

    def _new(self, kind: SpeakerKind) -> Entity:
        entity = Entity(id=f"e{len(self.entities)}", kind=kind)
        self.entities.append(entity)
        return entity

    def _match_person(self, name: tuple[str, ...], gender: str = "") -> Entity | None:
        surname, given = name[-1], name[:-1]
        best: Entity | None = None
        best_count = -1
        for entity in self._candidates(name):
            if entity.kind != "person" or entity.members:
                continue
            same_surname = any(
                similar_spelling(surname, s, self.threshold) for s in self._spellings(entity)
            )
            given_alone = len(name) == 1 and any(name[0] == f[0] for f in entity.forms)
            if not (same_surname or given_alone):
                continue
            other = entity.given
            if given and other and not same_given(given[0], other[0]):
                continue  # two full names with different given names: two people
            if gender and entity.gender not in ("", gender):
                continue  # "Mr. Tanner" is not "Linda Tanner"
            count = sum(entity.forms.values())
            if count > best_count:
                best, best_count = entity, count
        return best

    def _match_org(self, name: tuple[str, ...]) -> Entity | None:
        folded = tuple(fold(w) for w in name)
        for entity in self.entities:
            if entity.kind not in ("organization", "other"):
                continue
            for form in entity.forms:
                ff = tuple(fold(w) for w in form)
                if ff == folded:
                    return entity
                if len(name) == 1 and (name[0] == acronym(form) or form[0] == acronym(name)):
                    return entity
                if len(form) == 1 and form[0] == acronym(name):
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
            words = join_particles(words)
        else:
            while words and words[0].lower() == "the":
                words = words[1:]
            if words and self.looks_like_person(words):
                return self.add_name(words, "person", position, subject=subject, title=title)
        if not words:
            return None
        name = tuple(words)
        marked = next((HONORIFICS[t.lower()] for t in title if HONORIFICS.get(t.lower())), "")
        entity = self._match_person(name, marked) if kind == "person" else self._match_org(name)
        if entity is None:
            entity = self._new(kind)
        entity.forms[name] += 1
        self._index(entity, name)
        if kind == "person":
            self._learn_gender(entity, name, title)
        if title:
            entity.roles.update(past_roles([t.lower().rstrip(".") for t in title]))
            entity.titles.extend(t for t in title if t not in entity.titles)
            # an honorific is evidence of gender, not a description ("Mr.")
            entity.describe(" ".join(t for t in title if t.lower().rstrip(".") not in GENDERED))
        self._seen[position] = entity
        self._remember(position, entity, subject)
        return entity

    def introduce(
        self, words: Sequence[str], position: int, description: str = "", *, subject: bool = False
    ) -> Entity | None:
        """Record the full form of a name read from unparsed text, if it is a known person's.

        No entity recognizer has seen an unparsed name, so it is recorded only when the
        text says what it is: a person's name when a title or a known first name opens it
        (``Police Chief Myron Demkiw``), when its apposition describes a person (``Olayemi
        Cardoso, the CBN Governor,``), or when it joins a person already in the table (same
        surname, compatible given name); an organization named by its initials (``The
        European Union`` for "the EU"). Otherwise it is left out.

        Args:
            words: The words of the name, titles included ("President", "Anna", "Berg").
            position: Character offset of the name.
            description: What the text says of it (an apposition: "a defense analyst").
            subject: Whether the name opens its sentence, as a subject does (salience).

        Returns:
            The entity it was recorded as, or ``None``.
        """
        words = strip_leading([w for w in words if w.strip()])
        title, rest = split_title(words)
        name = tuple(join_particles(rest))
        said = (
            bool(title)
            or _of_a_person(description)
            or (is_first_name(name[0]) and not any(map(org_word, name)))  # not "Bradford City"
            or person_shaped(name)  # "Eliud Korir …", later "Korir": a person's name
        )
        if (len(name) > 1 or title) and (said or self._match_person(name) is not None):
            entity = self.add_name(words, "person", position, subject=subject)
            if entity is not None and description:
                entity.describe(description)
            return entity
        form = tuple(words[1:] if words[:1] == ["The"] else words)
        known = self._match_org((acronym(form),)) if len(form) > 1 else None
        if known is not None and known.kind == "organization":
            return self.add_name(form, "organization", position)
        return None

    def entity_at(self, position: int) -> Entity | None:
        """The entity of the name mention recorded at ``position``, if any."""
        return self._seen.get(position)

    def looks_like_person(self, words: Sequence[str]) -> bool:
        """Whether an organization-tagged name is rather a person's (taggers confuse them).

        True when it starts with a known first name and has no word of an organization's
        name ("North West Department of Health" is no person), or is one word that spells
        the surname of a person already in the table.
        """
        if len(words) > 1 and is_first_name(words[0]) and words[-1][:1].isupper():
            return not any(map(org_word, words))
        if len(words) == 1:
            return any(
                e.kind == "person"
                and any(similar_spelling(words[0], s, self.threshold) for s in self._spellings(e))
                for e in self._candidates((words[0],))
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

    def note_possessive(
        self, entity: Entity, word: str, position: int, since: int, *, bound: bool = False
    ) -> None:
        """Record a possessive or reflexive pronoun ("his", "herself") that refers to
        ``entity`` as evidence of its gender, when ``entity`` is named in its sentence
        before it (from ``since``), when its clause's subject is a description of it
        (``bound``), or else for the last person named in the ``POSSESSIVE_REACH``
        characters before it ("an astonishing try to Coates. His effort …") whose gender
        does not conflict. It changes neither salience nor the resolution of pronouns."""
        lower = word.lower()
        hi = bisect.bisect_left(self._positions, position)
        lo = bisect.bisect_left(self._positions, since, 0, hi)
        if not bound and not any(e is entity for _, e, _ in self._timeline[lo:hi]):
            near = bisect.bisect_left(self._positions, position - POSSESSIVE_REACH, 0, hi)
            people = (e for _, e, _ in reversed(self._timeline[near:hi]) if e.kind == "person")
            last = next(people, None)
            gender = PRONOUNS.get(POSSESSIVES.get(lower) or REFLEXIVES.get(lower, ""), "")
            if last is None or not self._agrees(last, gender):
                return
            if last.likely_gender not in ("", gender):
                return  # "Ana Silva passed to Tom Reyes. Her pass …": not Tom's
            entity = last
        if lower not in entity.possessives:
            entity.possessives.append(lower)

    def mention(self, entity: Entity, position: int, *, subject: bool = True) -> None:
        """Record another mention of a known entity (for salience)."""
        self._remember(position, entity, subject)

    # -- resolving ------------------------------------------------------------------------

    def resolve_pronoun(
        self, pronoun: str, position: int, window: int = 3000, since: int | None = None
    ) -> Entity | None:
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
            since: Where the sentence before the pronoun's starts: a he or she takes the
                one person that sentence names when no person is its subject ("The double
                was Dean Windass' first goal. He said: …" is Windass, not an earlier
                speaker).
        """
        gender = PRONOUNS.get(pronoun.lower())
        if gender is None or gender == "x":
            return None
        lo = bisect.bisect_left(self._positions, position - window)
        before = self._timeline[lo : bisect.bisect_left(self._positions, position, lo)]
        if since is not None and gender in ("m", "f"):
            recent = [(e, subj) for at, e, subj in before if at >= since and e.kind == "person"]
            people = {id(e) for e, _ in recent}
            if len(people) == 1 and not any(subj for _, subj in recent):
                entity = recent[0][0]
                if self._agrees(entity, gender) and entity.likely_gender in ("", gender):
                    return entity
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
        """The latest bare "organization" subject (a tagger's one-word guess, or a name
        no recognizer saw: see ``quoteattr._mentions``), re-read as a person."""
        for _, entity, subject in reversed(before):
            if entity.name.lower() in ORG_NOUNS:
                continue  # "The Government, he said, …": an institution, never a he
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
        self._index(group, (joined,))
        group.gender = "p"
        group.members = tuple(people)
        self._remember(position, group, True)
        return group

    def resolve_nominal(
        self, head: str, position: int, kind: SpeakerKind | None = None
    ) -> Entity | None:
        """Return the latest entity before ``position`` introduced with role ``head`` (and,
        when ``kind`` is given, of that kind: "the department" is no person's)."""
        head = head.lower()
        for i in range(bisect.bisect_left(self._positions, position) - 1, -1, -1):
            entity = self._timeline[i][1]
            if head in entity.roles and kind in (None, entity.kind):
                return entity
        return None

    def salient_person(self, position: int, window: int = 1500) -> Entity | None:
        """The person most recently named as a subject (or speaker) before ``position``,
        within ``window`` characters: whom a definite description refers to. A subject
        named like a person that no recognizer typed (a bare "organization") becomes one."""
        lo = bisect.bisect_left(self._positions, position - window)
        hi = bisect.bisect_left(self._positions, position, lo)
        for _, entity, subject in reversed(self._timeline[lo:hi]):
            if not subject or entity.members or not entity.given:
                continue
            if entity.kind == "person":
                return entity
            if entity.kind == "organization" and entity.bare:
                entity.kind = "person"  # "Eliud Korir won …", no recognizer ran: a person
                return entity
        return None

    def named_organization(self, noun: str, position: int) -> Entity | None:
        """The organization named before ``position`` whose name holds ``noun`` ("the
        department" for the National Department of Health), or for a generic noun
        ("the company", "the firm") the latest organization named."""
        generic = noun in _GENERIC_ORGS
        for i in range(bisect.bisect_left(self._positions, position) - 1, -1, -1):
            entity = self._timeline[i][1]
            if entity.kind != "organization":
                continue
            words = {fold(w) for form in entity.forms for w in " ".join(form).split()}
            if generic or fold(noun) in words:
                return entity
        return None

    def speaker(
        self, entity: Entity | None, fallback: str, mention: Mention | None = None
    ) -> Speaker:
        """Build the :class:`~quoteattr.model.Speaker` of ``entity`` (or of a bare name)."""
        m = mention
        if entity is None:
            if fallback.lower() in PRONOUNS:
                fallback = ""  # an unresolved pronoun: the pronoun stays in the mention
            return Speaker(name=fallback, mention=m, kind="unknown")
        found = self._gender(entity)
        return Speaker(
            name=entity.name or fallback,
            mention=m,
            kind=entity.kind,
            id=entity.id,
            descriptions=tuple(entity.descriptions),
            pronouns=tuple(entity.pronouns),
            gender=found.gender if found is not None else None,
            gender_evidence=found.evidence if found is not None else (),
        )

    def _gender(self, entity: Entity) -> Gender | None:
        """The public gender of a person: the text's evidence, then (opted in) the name."""
        if entity.kind != "person":
            return None
        if entity.members:
            return Gender()  # people named together: no one gender
        pronouns = [*entity.pronouns, *entity.possessives]
        found = gender_of(pronouns, entity.titles, entity.descriptions)
        if self.gender_from_names and not found.evidence:
            found = name_gender(entity.given)
        return found


@attrs.frozen
class SpeakerGroup:
    """One speaker of a document with all of their quotes.

    Attributes:
        speaker: The speaker (the mention of its first quote).
        quotes: The speaker's quotes, in text order.
    """

    speaker: Speaker
    quotes: tuple[Quote, ...]


PAST_WORDS = frozenset({"former", "ex"})
"""Words that put the role after them in the past: "former Economy Minister X"."""


def past_role(role: str, before: Iterable[str]) -> str:
    """``role`` marked as held in the past when a word before it says so: "the minister"
    is not the former minister, "the former minister" is.

    >>> past_role("minister", ["a", "former"]), past_role("minister", ["the"])
    ('former minister', 'minister')
    """
    return f"former {role}" if PAST_WORDS.intersection(before) else role


def past_roles(words: Sequence[str]) -> list[str]:
    """Lower-cased title words as roles, those after "former" marked as past.

    >>> past_roles(["former", "economy", "minister"])
    ['former economy', 'former minister']
    """
    return [past_role(w, words[:i]) for i, w in enumerate(words) if w not in PAST_WORDS]


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
        key = quote.speaker.key
        groups.setdefault(key, []).append(quote)
        first.setdefault(key, quote.speaker)
    return [SpeakerGroup(speaker=first[k], quotes=tuple(v)) for k, v in groups.items()]
