"""Speaker names beyond the golden table (``tests/golden.py``): mentions, headlines, the
mention helpers, and properties of generated texts with several speakers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quoteattr
from quoteattr._lexicon import CALENDAR, PRONOUNS
from quoteattr._quotations import is_headline


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (  # the pronoun of a relative clause stands for the clause around it
            "Jane Doe spoke on Monday.\nShe did not address the tweets in which she called "
            "him “a disgrace” last week.",
            "a disgrace",
            "She",
        ),
        (  # nested reporting: the outer speaker's mention
            "Donald Trump said on Friday that Hillary Clinton once described the deal as "
            "“the gold standard” of trade deals.",
            "the gold standard",
            "Donald Trump",
        ),
        (  # "X, who said": the words at the site are the relative pronoun
            "Rikkie Wells, who tweeted, “They break the rules,” was not alone.",
            "They break the rules",
            "who",
        ),
        (
            "“We will win,” said Ann Lee, who leads the union.",
            "We will win",
            "Ann Lee",
        ),
    ],
)
def test_speaker_mention(
    extractor: quoteattr.QuoteExtractor, text: str, quote: str, mention: str
) -> None:
    (q,) = [q for q in extractor.extract(text) if q.text.startswith(quote)]
    assert q.speaker is not None and q.speaker.mention is not None
    assert q.speaker.mention.text == mention
    assert text[q.speaker.mention.start : q.speaker.mention.end] == mention


def test_clause_of_time_after_a_quotation_is_not_its_frame(
    extractor: quoteattr.QuoteExtractor,
) -> None:
    """ "“…,” when John Roe blasted her" hangs a clause of time on the quotation's verb: John
    Roe is not the speaker. (The thing subject "the spot" is still taken; the participle
    "Jane Doe saying" before the quotation is not linked to it in this parse.)"""
    text = (
        "The spot concludes with footage of Jane Doe saying during the debate last week, "
        "“That makes me smart,” when John Roe blasted her for not paying taxes."
    )
    (q,) = extractor.extract(text)
    assert q.speaker is not None and q.speaker.name != "John Roe"


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Elizabeth Warren Hammers Wells Fargo CEO Over Fake Accounts", True),
        ("Trump Questions the Fairness of Moderators Ahead of Debate", True),
        ("Elizabeth Warren grilled the bank's chief executive on Tuesday.", False),
        ("Short Line", False),
    ],
)
def test_is_headline(text: str, headline: bool) -> None:
    """Names are not collected from title-cased lines, whose capitalized verbs run into
    them ("Elizabeth Warren Hammers Wells Fargo CEO")."""
    assert is_headline(text) is headline


def test_possessive_is_no_fallback_speaker() -> None:
    """ ", and describe their actions": the surface fallbacks skip a possessive pronoun."""
    from quoteattr._syntax import np_head_near
    from quoteattr.nlp import load_nlp

    doc = load_nlp()("and describe their actions as crimes rather than acts of war.")
    assert np_head_near(list(doc), True) is None


def test_coordinated_names_keep_their_own_titles(extractor: quoteattr.QuoteExtractor) -> None:
    """The title of the second of two coordinated names is only its own."""
    text = (
        "The summit was hosted by European Commission President Ursula von der Leyen and "
        "European Council President António Costa.\n“We see the world the same way,” "
        "Costa said."
    )
    (q,) = extractor.extract(text)
    assert q.speaker is not None
    assert q.speaker.descriptions == ("European Council President",)


# --- properties ---------------------------------------------------------------------------

GIVEN = ["Mark", "Mary", "Jon", "Jan", "Anna", "Anne", "Peter", "Petra", "Helen", "Tom"]
SURNAMES = ["Smith", "Smyth", "Hansen", "Hanson", "Mitchell", "Kent", "Reid", "Ng", "Walsh"]
TITLES = ["", "Health Minister ", "Coach ", "Police Chief ", "Senator ", "Dr. "]
CUES = ["said", "added", "told reporters"]
WORDS = ["We", "will", "win", "the", "vote", "is", "fair", "today", "no", "deal"]

_never_names = {w for w in PRONOUNS} | set(CALENDAR)


@st.composite
def two_speakers(draw: st.DrawFn) -> str:
    g1, g2 = draw(st.lists(st.sampled_from(GIVEN), min_size=2, max_size=2, unique=True))
    s1, s2 = draw(st.sampled_from(SURNAMES)), draw(st.sampled_from(SURNAMES))
    t1, t2 = draw(st.sampled_from(TITLES)), draw(st.sampled_from(TITLES))
    q1 = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6)))
    q2 = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6)))
    c1, c2 = draw(st.sampled_from(CUES)), draw(st.sampled_from(CUES))
    return f"{t1}{g1} {s1} spoke on {draw(st.sampled_from(['Monday', 'Friday']))}.\n" + (
        f"“{q1.capitalize()},” {c1} {g1} {s1}.\n“{q2.capitalize()},” {c2} {t2}{g2} {s2}."
    )


@settings(derandomize=True, max_examples=60, deadline=None)
@given(two_speakers())
def test_speaker_name_properties(text: str) -> None:
    quotes = [q for q in quoteattr.extract_quotes(text) if q.speaker is not None]
    for q in quotes:
        assert q.speaker is not None
        words = q.speaker.name.lower().split()
        assert not (words and all(w in _never_names for w in words)), q.speaker.name
        for d in q.speaker.descriptions:
            assert d in text, d  # a verbatim slice of the input
    # two different given names never share an entity
    by_id: dict[str | None, set[str]] = {}
    for q in quotes:
        assert q.speaker is not None
        given_name = q.speaker.name.split()[0] if " " in q.speaker.name else ""
        by_id.setdefault(q.speaker.id, set()).add(given_name)
    for names in by_id.values():
        assert len(names - {""}) <= 1, names


def test_headline_quote_quoted_again_below_is_an_echo(extractor: quoteattr.QuoteExtractor) -> None:
    """A headline quotes in single marks and has no full stop of its own."""
    text = (
        "Mayor calls the budget a ‘historic step.’\n"
        "Mayor Ann Lee said on Monday that the budget was “a historic step” for the city."
    )
    quotes = extractor.extract(text)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("a historic step", "Ann Lee")
    ]


def test_lead_sentence_quote_quoted_again_below_is_a_quote(
    extractor: quoteattr.QuoteExtractor,
) -> None:
    """A lead sentence that ends with a full stop is no headline: both quotes count."""
    text = (
        "John Smith said that the plan was “a historic step”.\n"
        "John Smith said that the plan was “a historic step”."
    )
    quotes = extractor.extract(text)
    assert [q.start for q in quotes] == [35, 88]


def test_unparsed_introduction_gives_its_apposition(extractor: quoteattr.QuoteExtractor) -> None:
    """A full name read from a sentence that was not parsed keeps what the text says of it."""
    text = (
        "Federico Santoponto, a defense policy analyst, spoke in Paris on Monday.\n"
        "“The Europeans feel weak,” said Santoponto."
    )
    (q,) = extractor.extract(text)
    assert q.speaker is not None and q.speaker.name == "Federico Santoponto"
    assert q.speaker.descriptions == ("a defense policy analyst",)


@pytest.mark.parametrize(
    ("words", "name"),
    [
        (["Despite", "Lund"], ["Lund"]),  # "Despite Lund's arrest": a preposition opens
        (["Amid", "Okafor"], ["Okafor"]),
        (["Later", "Halverson"], ["Halverson"]),
        (["Per", "Sandberg"], ["Per", "Sandberg"]),  # a given name that is no preposition
    ],
)
def test_a_capitalized_function_word_opening_a_sentence_is_no_part_of_a_name(
    words: list[str], name: list[str]
) -> None:
    from quoteattr._names import strip_leading

    assert strip_leading(words) == name


def test_a_lawsuits_title_is_no_name() -> None:
    from quoteattr._mentions import _not_a_name

    assert _not_a_name(["Vik", "v.", "Vik"]) and _not_a_name(["Lund", "vs.", "Berg"])
    assert not _not_a_name(["Ludwig", "van", "Beethoven"])
