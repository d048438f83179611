"""The words and labels every layer agrees on: pronouns, dependency labels, dashes and the
small word classes of names, documents and organizations.

One home for them, so that the mark parser, the selection, the mention resolver and the
rules never spell a set twice. The title and role words are in :mod:`quoteattr._roles`,
the given and family names in :mod:`quoteattr._names`, the reporting verbs in
:mod:`quoteattr.cues`, the quotation marks in :mod:`quoteattr.marks`.
"""

from __future__ import annotations

__all__ = [
    "ANSWERS",
    "CALENDAR",
    "DASHES",
    "DEMONSTRATIVES",
    "DOCUMENTS",
    "GROUP_NOUNS",
    "HYPHEN",
    "MINOR_WORDS",
    "ORG_ENTITIES",
    "ORG_NOUNS",
    "ORG_WORDS",
    "PEOPLE_NOUNS",
    "PERSONAL",
    "POSSESSIVES",
    "PRONOUNS",
    "REFLEXIVES",
    "RELATIVE_PRONOUNS",
    "SAYING_NOUNS",
    "SUBJECT_DEPS",
    "TIME_ENTITIES",
    "UTTERANCES",
    "one_line",
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

PERSONAL = frozenset({"he", "she", "i"})
"""Pronouns that always stand for a person."""

POSSESSIVES = {"his": "he", "her": "she", "their": "they"}
"""Possessive pronouns and the subject pronoun they agree with."""

REFLEXIVES = {"himself": "he", "herself": "she"}
"""Reflexive pronouns that tell a gender and the subject pronoun they agree with."""

DEMONSTRATIVES = frozenset({"it", "this", "that", "these", "those", "which", "what"})
"""Pronouns that stand for a thing, never a speaker."""

RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
"""Relative pronouns that can be the subject of a relative clause ("who said")."""

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
"""Dependency labels of a clause's subject."""

ORG_ENTITIES = frozenset({"ORG", "GPE", "NORP", "FAC"})
"""Entity labels of organizations, places and groups."""

TIME_ENTITIES = frozenset({"DATE", "TIME"})
"""Entity labels of dates and times."""

DASHES = frozenset({"―", "—", "–", "--"})
"""Dashes: a signature's (``― Jorge Falcon``), a dateline's, an aside's. A hyphen (``-``)
stands for one at the start of a line (``- Jane Roe, Minister``, ``KYIV -``), not between
words."""

HYPHEN = "-"
"""The hyphen, which copy types for a dash where no word follows it."""

CALENDAR = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday tonight
    """.split()
)
"""Weekdays, months and days relative to today: never names."""

MINOR_WORDS = frozenset(
    """
    a an and as at but by for from in into nor of off on onto or out over per the to up
    upon via vs with
    """.split()
)
"""Short function words that title case leaves in lower case."""

ORG_NOUNS = frozenset(
    """
    government ministry department agency office committee council commission newspaper
    paper magazine network company firm group campaign party court report statement
    study survey poll union board association organization organisation administration
    house senate congress parliament team police army military embassy bank fund
    """.split()
)
"""Common nouns of organizations ("the union", "the ministry")."""

PEOPLE_NOUNS = frozenset(
    """
    critic supporter opponent family people crowd audience fan protester demonstrator
    parent patient victim survivor neighbour neighbor colleague rival ally
    """.split()
)
"""Common nouns of people that are no role: speakers, but nobody's title."""

ORG_WORDS = ORG_NOUNS | frozenset(
    """
    inc ltd llc plc corp corporation co gmbh ag sa limited holdings industries energy
    airlines airways bank university college school institute foundation trust society
    club fc united city council ministry agency authority service services network news
    times post herald journal press media group partners capital fund international
    association federation league union commission command centre center hospital
    """.split()
)
"""Words that make a name an organization's ("Northwind Energy", "Lagos State Police
Command")."""

GROUP_NOUNS = frozenset(
    {"campaign", "government", "administration", "committee", "council", "office", "camp"}
)
"""Groups that speak for the person who leads them ("his campaign", "her government")."""

DOCUMENTS = frozenset(
    """
    report statement letter email e-mail memo memorandum study survey poll brief filing
    document release complaint lawsuit ruling order decision ad advertisement post tweet
    investigation inquiry probe audit review assessment article editorial headline
    """.split()
)
"""Nouns for documents that "say" things: their speakers are of kind ``other``."""

SAYING_NOUNS = frozenset(
    """
    assertion call claim comment description phrase pledge promise remark statement
    warning words vow insistence suggestion accusation charge argument boast
    """.split()
)
"""Nouns whose owner says the words quoted after them ("Clinton's assertion of a “…”")."""

ANSWERS = SAYING_NOUNS | frozenset(
    "response reply answer retort message reaction verdict advice explanation".split()
)
"""Nouns for what someone answers or tells, whose owner speaks the quotation a colon
introduces ("Dahl's response was: “…”", "the mayor's message was simple: “…”")."""

UTTERANCES = frozenset(
    "comment remark statement letter note message post tweet speech email memo".split()
)
"""Nouns for things said, which someone makes ("made a comment that …")."""


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks too) as one space.

    Example:
        >>> one_line("a\\n  b")
        'a b'
    """
    return " ".join(text.split())
