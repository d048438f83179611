"""Gender from the article's own evidence: pronouns, honorifics and gendered nouns.

:func:`gender_of` is a pure function over what a document says of one person: the
personal pronouns linked to them, the title words before their name, and their
descriptions (titles and appositions). It returns ``"female"``, ``"male"`` or
``"unknown"`` with the evidence, one item a clue, such as ``"pronoun: she"``,
``"honorific: Ms"`` or ``"noun: spokeswoman"``:

    >>> gender_of(pronouns=["she"], titles=["Ms"], descriptions=["a spokeswoman for the club"])
    Gender(gender='female', evidence=('honorific: Ms', 'noun: spokeswoman', 'pronoun: she'))
    >>> gender_of(descriptions=["the 24-year-old midfielder"])
    Gender(gender='unknown', evidence=())

The clues come in two strengths, and the stronger kind that gives any decides:

* **explicit**: a gendered honorific (Mr, Mrs, Ms, Miss, Sir, Dame, Lord, Lady, Madam,
  Mme, Mlle) or a gendered noun that is not used of everyone ("mother", "actress",
  "spokeswoman", "businessman", "king");
* **linked**: a pronoun the mention resolver linked to the person ("he", "she"); a link
  can be wrong, an honorific in front of the name cannot;
* **generic**: a "-man" title that some organisations give women too ("chairman",
  "spokesman", "congressman"), used only when nothing else says.

When the clues of the deciding kind disagree, the gender is ``"unknown"`` and the evidence
lists both sides (:func:`is_conflict` says so). Nothing here looks at the given name: a
guess from it is the separate, opt-in :func:`name_gender`, labelled ``"given name: …"``.
"""

from __future__ import annotations

import importlib.util
import re
import warnings
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Literal, cast

import attrs

from ._lexicon import POSSESSIVES, PRONOUNS, REFLEXIVES
from ._names import HONORIFICS, fold

__all__ = [
    "GENDERS",
    "GENDER_PACKAGE",
    "Gender",
    "GenderValue",
    "evidence_gender",
    "gender_of",
    "gendered_noun",
    "is_conflict",
    "name_gender",
    "name_gender_available",
]

GenderValue = Literal["female", "male", "unknown"]
"""The gender of a person of one document, as the text shows it."""

GENDERS: tuple[str, ...] = ("female", "male", "unknown")
"""The values :attr:`Speaker.gender <quoteattr.Speaker.gender>` may take for a person."""

GENDER_PACKAGE = "nomquamgender"
"""The optional package of the given-name fallback (``pip install "quoteattr[gender]"``)."""

_SHORT = {"m": "male", "f": "female"}

HONORIFIC_GENDER: dict[str, str] = {
    **{k.rstrip("."): _SHORT[v] for k, v in HONORIFICS.items() if v in _SHORT},
    "madame": "female",
    "mme": "female",
    "mlle": "female",
    "mademoiselle": "female",
}
"""Gendered honorifics (lower case, without a final period) and the gender they mark."""

_FEMALE_NOUNS = """
    woman lady girl mother mum mom mommy mummy wife daughter sister aunt niece grandmother
    grandma granddaughter stepmother stepdaughter stepsister widow bride fiancee fiancée
    girlfriend queen princess duchess empress baroness countess marchioness viscountess
    dame actress waitress hostess stewardess heroine headmistress mistress landlady
    seamstress songstress priestess abbess nun ballerina chairlady matriarch schoolgirl
    businesswoman sportswoman spokeswoman chairwoman congresswoman councilwoman
    assemblywoman policewoman horsewoman frontwoman anchorwoman camerawoman craftswoman
    stateswoman alderwoman forewoman laywoman servicewoman tradeswoman markswoman
    sister-in-law mother-in-law daughter-in-law
"""
_MALE_NOUNS = """
    man gentleman boy father dad daddy husband son brother uncle nephew grandfather grandpa
    grandson stepfather stepson stepbrother widower groom bridegroom fiance fiancé
    boyfriend king prince duke emperor baron earl marquess viscount lord sir monk
    patriarch schoolboy businessman sportsman policeman horseman fireman postman
    fisherman salesman serviceman tradesman workman handyman doorman clergyman nobleman
    kinsman headmaster landlord brother-in-law father-in-law son-in-law
"""
_GENERIC_MALE_NOUNS = """
    chairman spokesman congressman councilman assemblyman alderman foreman anchorman
    frontman statesman layman cameraman craftsman
"""

NOUN_GENDER: dict[str, str] = {
    **{w: "female" for w in _FEMALE_NOUNS.split()},
    **{w: "male" for w in _MALE_NOUNS.split()},
}
"""Singular nouns that say a person's gender (lower case)."""

GENERIC_NOUNS: dict[str, str] = {w: "male" for w in _GENERIC_MALE_NOUNS.split()}
"""Masculine titles that organisations also give women ("chairman"): the weakest clue."""

_STOP = frozenset(
    """
    of at for from with in to on by about over under after before since as than who whom
    whose which that where when while because but if
    """.split()
)
_CONJUNCTIONS = frozenset({"and", "or", "&", "/", "nor"})
_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)$")
_WORD = re.compile(r"[\w'’-]+|[,;:()&/]")


def gendered_noun(description: str) -> tuple[str, str] | None:
    """The gendered noun at the head of a description, and its gender, if there is one.

    Only the head counts: the last word before the first preposition, comma or relative
    word, after a possessive, and the last word of each conjunct ("actress and singer"):
    "a friend of his wife" says nothing of the friend, "the boy's mother" does.

    Args:
        description: A title or apposition ("a spokeswoman for the club").

    Returns:
        ``(noun, gender)``, the gender ``"female"`` or ``"male"``; ``None`` when the head is
        no gendered noun.

    Example:
        >>> gendered_noun("mother-of-two"), gendered_noun("the 24-year-old midfielder")
        (('mother', 'female'), None)
        >>> gendered_noun("a friend of his wife"), gendered_noun("Chairman")
        (None, ('chairman', 'male'))
    """
    found = _head_nouns(description)
    return found[0] if found else None


def _head_nouns(description: str) -> list[tuple[str, str]]:
    words: list[str] = []
    for word in _WORD.findall(description):
        lower = word.lower()
        if lower in _STOP or lower in {",", ";", ":", "(", ")"}:
            break
        if _POSSESSIVE.search(lower) and lower not in ("his", "hers"):
            words = []  # "the club's spokeswoman": the head comes after the possessive
            continue
        words.append(lower)
    conjuncts: list[list[str]] = [[]]
    for word in words:
        if word in _CONJUNCTIONS:
            conjuncts.append([])
        else:
            conjuncts[-1].append(word)
    found: list[tuple[str, str]] = []
    for conjunct in conjuncts:
        if not conjunct:
            continue
        head = conjunct[-1]
        parts = head.split("-")
        if len(parts) == 3 and parts[1] == "of" and parts[0] in NOUN_GENDER:
            head = parts[0]  # "mother-of-two"
        gender = NOUN_GENDER.get(head) or GENERIC_NOUNS.get(head)
        if gender is None and head.endswith("woman") and len(head) > 5:
            gender = "female"  # "spokeswoman", "campaignwoman"
        if gender is not None:
            found.append((head, gender))
    return found


@attrs.frozen
class Gender:
    """A person's gender as one document shows it.

    Attributes:
        gender: ``"female"``, ``"male"`` or ``"unknown"``.
        evidence: Why: one item a clue (``"pronoun: she"``, ``"honorific: Ms"``,
            ``"noun: spokeswoman"``, ``"given name: Mark"``), explicit clues first, in
            the order they were seen within each kind.
    """

    gender: GenderValue = "unknown"
    evidence: tuple[str, ...] = ()


def _clues(
    pronouns: Iterable[str], titles: Iterable[str], descriptions: Iterable[str]
) -> list[tuple[int, str, str]]:
    """``(strength, gender, item)`` of every clue: 0 explicit, 1 linked, 2 generic."""
    titles = list(titles)
    clues: list[tuple[int, str, str]] = []
    for word in titles:
        key = word.lower().rstrip(".")
        if key in HONORIFIC_GENDER:
            clues.append((0, HONORIFIC_GENDER[key], f"honorific: {word.rstrip('.')}"))
    plain = [w for w in titles if w.lower().rstrip(".") not in HONORIFIC_GENDER]
    for text in [*plain, *descriptions]:
        for noun, gender in _head_nouns(text):
            strength = 2 if noun in GENERIC_NOUNS else 0
            clues.append((strength, gender, f"noun: {noun}"))
    for pronoun in pronouns:
        short = _pronoun_gender(pronoun)
        if short in _SHORT:
            clues.append((1, _SHORT[short], f"pronoun: {pronoun.lower()}"))
    return clues


def _pronoun_gender(pronoun: str) -> str:
    """``m`` or ``f`` for a personal or possessive pronoun of one gender, else ``""``."""
    lower = pronoun.lower()
    lower = REFLEXIVES.get(lower) or POSSESSIVES.get(lower) or lower
    return PRONOUNS.get(lower, "")


def gender_of(
    pronouns: Iterable[str] = (),
    titles: Iterable[str] = (),
    descriptions: Iterable[str] = (),
) -> Gender:
    """A person's gender from the text's evidence, and the evidence.

    Args:
        pronouns: The personal and possessive pronouns the document links to the person
            ("she", "his").
        titles: The title words before their name ("Ms", "Prime", "Minister").
        descriptions: Their titles and appositions ("a spokeswoman for the club").

    Returns:
        The gender the strongest kind of clue gives (see the module), ``"unknown"`` when
        there is none or its clues disagree; the evidence lists every clue once.

    Example:
        >>> gender_of(pronouns=["he"], titles=["Ms"]).gender  # the honorific decides
        'female'
        >>> gender_of(pronouns=["he", "she"])
        Gender(gender='unknown', evidence=('pronoun: he', 'pronoun: she'))
    """
    clues = _clues(pronouns, titles, descriptions)
    evidence: list[str] = []
    for _, _, item in sorted(clues, key=lambda c: c[0]):
        if item not in evidence:
            evidence.append(item)
    for strength in (0, 1, 2):
        genders = {g for s, g, _ in clues if s == strength}
        if genders:
            decided = genders.pop() if len(genders) == 1 else "unknown"
            return Gender(cast(GenderValue, decided), tuple(evidence))
    return Gender("unknown", tuple(evidence))


def evidence_gender(evidence: Iterable[str]) -> set[str]:
    """The genders the items of an evidence tuple point to (both for a conflict).

    Example:
        >>> sorted(evidence_gender(["pronoun: she", "noun: father"]))
        ['female', 'male']
    """
    found: set[str] = set()
    for item in evidence:
        kind, _, value = item.partition(": ")
        if kind == "honorific":
            gender = HONORIFIC_GENDER.get(value.lower())
        elif kind == "noun":
            gender = NOUN_GENDER.get(value) or GENERIC_NOUNS.get(value)
            if gender is None and value.endswith("woman"):
                gender = "female"
        elif kind == "pronoun":
            gender = _SHORT.get(_pronoun_gender(value))
        else:
            gender = None
        if gender is not None:
            found.add(gender)
    return found


def is_conflict(found: Gender) -> bool:
    """Whether the evidence of a document disagrees with itself (so the gender is unknown).

    Example:
        >>> is_conflict(gender_of(pronouns=["he", "she"])), is_conflict(gender_of(["she"]))
        (True, False)
    """
    return found.gender == "unknown" and len(evidence_gender(found.evidence)) > 1


# ---- the opt-in fallback: the given name


def name_gender_available() -> bool:
    """Whether the optional package of the given-name fallback is installed."""
    return importlib.util.find_spec(GENDER_PACKAGE) is not None


@lru_cache(maxsize=1)
def _classifier() -> Any:
    try:
        with warnings.catch_warnings():  # its data is read with a deprecated call
            warnings.simplefilter("ignore", DeprecationWarning)
            import nomquamgender
    except ImportError as exc:  # pragma: no cover - checked by Options first
        raise ImportError(
            "gender_from_names needs the optional package nomquamgender: "
            'pip install "quoteattr[gender]"'
        ) from exc
    return nomquamgender.NBGC()


@lru_cache(maxsize=1 << 14)
def _classify(folded: str) -> str:
    label = str(_classifier().classify([folded])[0])
    return {"gf": "female", "gm": "male"}.get(label, "unknown")


def name_gender(given: Sequence[str]) -> Gender:
    """The opt-in guess from a given name: ``nomquamgender``'s classification.

    ``nomquamgender`` (Van Buskirk, Clauset and Larremore, 2022; MIT licence) gives each
    name the share of its bearers gendered female in its reference data; with its default
    threshold a name is classified only when that share is at most 0.1 or at least 0.9.
    Names it does not know, ambiguous names ("Kim", "Jordan", "Jean") and initials stay
    ``"unknown"``. It guesses what is usual for a name, not what a person is: never the
    default, and never over what the text says.

    Args:
        given: The person's given names ("Mark",); only the first is looked up.

    Returns:
        ``female`` or ``male`` with the evidence ``("given name: Mark",)``, or
        ``unknown`` with no evidence.

    Raises:
        ImportError: If ``nomquamgender`` is not installed.
    """
    if not given:
        return Gender()
    first = given[0].strip(".,")
    if len(first) < 2 or not first.replace("-", "").isalpha():
        return Gender()
    guess = _classify(fold(first))
    if guess == "unknown":
        return Gender()
    return Gender(cast(GenderValue, guess), (f"given name: {first}",))
