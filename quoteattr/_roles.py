"""Role words: the title lexicon and the nouns that name people.

The title lexicon is the union of ``nameparser``'s title constants (a maintained list of
some 800 titles, offices and occupations: ``nameparser.config.CONSTANTS.titles``; the
package is a dependency, its data is read at run time, not copied) and the role words below,
which news text puts before names and which that list leaves out ("spokeswoman", "chairman",
"inspector") or which only make sense as parts of a longer title ("Minority Leader",
"Health Minister"). A *title* is a run of such words before a name; the words of a title
that are not roles on their own (department words such as "Health", "House", "Senate") are
kept when a role word follows them.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["ROLE_WORDS", "is_person_noun", "is_title_word", "title_words"]

ROLE_WORDS: frozenset[str] = frozenset(
    """
    spokesman spokeswoman spokesperson chairman chairwoman chairperson inspector
    congressman congresswoman assemblyman assemblywoman councilman councilwoman councillor
    lawmaker legislator official officer aide adviser advisor staffer candidate nominee
    anchor reporter correspondent columnist owner worker employee member resident voter
    student woman man girl boy mother wife husband son daughter friend neighbor neighbour
    witness source expert analyst economist strategist pollster operative organizer
    organiser campaigner activist executive ceo cfo coo cto founder co-founder leader
    minister secretary premier chancellor president vice deputy assistant associate acting
    interim former senior chief head manager director coordinator commissioner
    superintendent prosecutor attorney lawyer judge justice sheriff detective constable
    sergeant trooper firefighter paramedic nurse doctor physician surgeon scientist
    researcher professor lecturer teacher principal coach captain player striker goalkeeper
    manager referee chair boss mp mla mep msp td mk mpp champion winner runner athlete
    midfielder defender winger forward skipper keeper bowler sprinter swimmer rookie veteran
    teenager youngster victim survivor father brother sister parent grandmother grandfather
    """.split()
)
"""Role words news text uses before names or as nominal mentions, beyond nameparser's list."""

_MODIFIERS = frozenset(
    """
    former acting interim deputy vice assistant associate senior junior chief head then
    incoming outgoing retired longtime top
    """.split()
)

_PERSON_SUFFIXES = ("man", "woman", "person", "ist", "ian", "eer")


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    titles = {str(t).lower() for t in CONSTANTS.titles}
    return frozenset(titles | ROLE_WORDS)


def title_words() -> frozenset[str]:
    """Every lower-cased word of the title lexicon (nameparser's titles and ROLE_WORDS)."""
    return _lexicon()


def is_title_word(word: str) -> bool:
    """Whether a word is a title or role word ("Minister", "sen.", "coach",
    "Vice-President"), any case."""
    w = word.lower().rstrip(".")
    if w in _lexicon() or word.lower() in _lexicon():
        return True
    parts = w.split("-")  # "Vice-President", "Deputy-Governor": each part a title
    return len(parts) > 1 and all(p in _lexicon() for p in parts)


def is_person_noun(lemma: str) -> bool:
    """Whether a common noun names a person: a role ("mother", "congressman", "economist")."""
    w = lemma.lower()
    if w in _MODIFIERS:
        return False
    return w in _lexicon() or (len(w) > 5 and w.endswith(_PERSON_SUFFIXES))
