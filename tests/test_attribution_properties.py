"""Properties of attribution: generated news paragraphs, the generated speaker's name back.

Each example builds a short article from templates: a person with a random first name,
surname and title is introduced, then quoted through one of the attribution patterns, then
possibly quoted again through a pronoun and a continuation paragraph. Every quotation must
be found with exact offsets and carry the person's canonical name (without the title).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quoteattr

MEN = ["Michael", "David", "James", "Robert", "Thomas", "Daniel", "Peter", "Richard"]
WOMEN = ["Sarah", "Maria", "Laura", "Susan", "Karen", "Linda", "Emily", "Anna"]
SURNAMES = ["Miller", "Johnson", "Anderson", "Thompson", "Harris", "Clark", "Walker", "Young"]
TITLES = ["", "Senator ", "Governor ", "Dr. ", "Mayor "]
CUES = ["said", "added", "stressed", "insisted", "warned", "noted", "explained"]
QUOTES = [
    "We will not accept this deal",
    "The budget is a disaster for working families",
    "Our party has always supported the farmers",
    "This is the most important election of our lifetime",
    "Nobody expected the talks to fail so quickly",
]

TEMPLATES = {
    "quote_cue_speaker": "“{q},” {cue} {name}.",
    "quote_speaker_cue": "“{q},” {name} {cue}.",
    "speaker_cue_colon": "{name} {cue}: “{q}.”",
    "partial_that": "{name} {cue} that the plan was “{q}.”",
    "split": "“{q},” {cue} {name}, “and we will keep saying it.”",
}

EXTRACTOR: quoteattr.QuoteExtractor | None = None


def _extractor() -> quoteattr.QuoteExtractor:
    global EXTRACTOR
    if EXTRACTOR is None:
        EXTRACTOR = quoteattr.QuoteExtractor()
    return EXTRACTOR


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[str], str]:
    """An article, the quoted texts in order, and the speaker's canonical name."""
    female = draw(st.booleans())
    first = draw(st.sampled_from(WOMEN if female else MEN))
    surname = draw(st.sampled_from(SURNAMES))
    title = draw(st.sampled_from(TITLES))
    full = f"{first} {surname}"
    pattern = draw(st.sampled_from(sorted(TEMPLATES)))
    cue = draw(st.sampled_from(CUES))
    q1 = draw(st.sampled_from(QUOTES))
    intro = f"{title}{full} spoke at a rally in Ohio on Tuesday."
    body = TEMPLATES[pattern].format(q=q1, cue=cue, name=surname)
    paragraphs = [intro, body]
    quoted = [f"{q1}." if pattern in ("speaker_cue_colon", "partial_that") else f"{q1},"]
    if pattern == "split":
        quoted.append("and we will keep saying it.")
    if draw(st.booleans()):
        q2 = draw(st.sampled_from([q for q in QUOTES if q != q1]))
        pronoun = "she" if female else "he"
        paragraphs.append(f"“{q2},” {pronoun} {cue}.")
        quoted.append(f"{q2},")
        if draw(st.booleans()):
            paragraphs.append("“That is all I have to say about it.”")
            quoted.append("That is all I have to say about it.")
    sep = draw(st.sampled_from(["\n", "\n\n"]))
    return sep.join(paragraphs), quoted, full


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_generated_speaker_is_named(article: tuple[str, list[str], str]) -> None:
    text, quoted, name = article
    quotes = _extractor().extract(text)
    assert [q.text for q in quotes] == quoted
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert q.speaker is not None, (text, q)
        assert q.speaker.name == name, (text, q.speaker)
        m = q.speaker.mention
        assert m is not None and text[m.start : m.end] == m.text
