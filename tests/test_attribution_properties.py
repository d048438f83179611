"""Property tests of attribution (issue 3): generated news paragraphs with known speakers.

Documents are built from templates of the ways news copy attributes a quotation, with
random people (common first names of known gender and common surnames, sometimes behind a
title), random reporting verbs and random quoted sentences. The builder records where every
quotation is and who said it, so each test asserts that every quotation is found with its
exact offsets and that its speaker's canonical name is the person's full name (without the
title), whichever form the attribution site uses:

* ``“Q,” said X.`` / ``“Q,” X said.`` / ``X said: “Q.”``
* ``X said that the plan was “partial”.`` / ``X said that “we will win”.`` (partial)
* ``“A,” said X, “b.”`` (a split quotation)
* a follow-up paragraph ``“Q,” he said.`` (pronoun, gender from the first name)
* a continuation paragraph that is only ``“Q.”``
* a quotation over two paragraphs: ``X said: “Q.`` + ``“More.”`` (first part unclosed)
* a later ``“Q,” Surname said.`` (alias of the full name)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from fuzz.invariants import check_extract
from hypothesis import given, settings
from hypothesis import strategies as st

import quoteattr

MEN = ["John", "David", "Michael", "James", "Robert", "Peter", "Paul", "Thomas", "Daniel"]
WOMEN = ["Mary", "Sarah", "Anna", "Laura", "Emily", "Susan", "Karen", "Linda", "Elizabeth"]
SURNAMES = [
    "Smith", "Johnson", "Williams", "Jones", "Davis", "Wilson", "Anderson", "Thompson",
    "Robinson", "Harris", "Clark", "Lewis", "Hall", "Allen", "Wright", "Scott", "Mitchell",
    "Carter", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Edwards", "Collins",
    "Miller", "Walker", "Young", "Moore", "Taylor", "Baker", "King",
]  # fmt: skip
TITLES = [
    "", "", "", "Prime Minister ", "Senator ", "Dr. ", "Mayor ", "Governor ", "President ",
    "Foreign Minister ", "Chancellor ", "Rep. ", "Professor ",
]  # fmt: skip

INVERTED_CUES = ["said", "added", "insisted", "warned", "noted", "explained"]
"""Verbs that read well before their subject: “…,” said X."""
CUES = [*INVERTED_CUES, "stressed", "argued", "told reporters"]
"""Verbs after their subject: “…,” X said / X said: “…”."""

SENTENCES = [
    "We will win", "The deal is fair", "This is a mistake", "Nobody expected this",
    "Our economy is strong", "The talks went well", "We have a plan", "It was a hard year",
    "The vote was close", "Prices will come down", "We are ready to act",
    "The report is wrong", "Families need help now", "This changes everything",
]  # fmt: skip
CONTINUATIONS = ["and we will not stop", "but the work goes on", "and that is final"]
FRAGMENTS = ["a big mistake", "deeply flawed", "a historic step", "simply unacceptable"]


@dataclass
class Person:
    first: str
    last: str
    title: str
    gender: str  # "m" or "f"
    introduced: bool = False

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def pronoun(self) -> str:
        return "he" if self.gender == "m" else "she"

    def mention(self, later_form: str) -> str:
        """Full name with title the first time, then the full name or the surname alone."""
        if not self.introduced:
            self.introduced = True
            return f"{self.title}{self.first} {self.last}"
        return self.last if later_form == "surname" else self.name


@dataclass
class Expected:
    text: str
    start: int
    end: int
    speaker: str
    kind: str


@dataclass
class Doc:
    """A document under construction, with the quotations it holds."""

    parts: list[str] = field(default_factory=list)
    quotes: list[Expected] = field(default_factory=list)
    length: int = 0
    marks: tuple[str, str] = ("“", "”")

    def add(self, *pieces: str) -> None:
        for piece in pieces:
            self.parts.append(piece)
            self.length += len(piece)

    def quote(self, content: str, speaker: str, kind: str = "direct") -> None:
        self.add(self.marks[0])
        self.quotes.append(
            Expected(content, self.length, self.length + len(content), speaker, kind)
        )
        self.add(content, self.marks[1])

    @property
    def text(self) -> str:
        return "".join(self.parts)


# --- templates: each writes one paragraph (without the line break) ------------------------


def quote_said_x(doc: Doc, p: Person, cue: str, q: str, form: str) -> None:
    doc.quote(q + ",", p.name)
    doc.add(f" {cue if cue in INVERTED_CUES else 'said'} {p.mention(form)}.")


def quote_x_said(doc: Doc, p: Person, cue: str, q: str, form: str) -> None:
    doc.quote(q + ",", p.name)
    doc.add(f" {p.mention(form)} {cue}.")


def x_said_colon_quote(doc: Doc, p: Person, cue: str, q: str, form: str) -> None:
    doc.add(f"{p.mention(form)} {cue}: ")
    doc.quote(q + ".", p.name)


def x_said_that_partial(doc: Doc, p: Person, cue: str, q: str, form: str) -> None:
    verb = "said" if cue == "told reporters" else cue
    doc.add(f"{p.mention(form)} {verb} that the plan was ")
    doc.quote(FRAGMENTS[len(q) % len(FRAGMENTS)], p.name, kind="partial")
    doc.add(".")


def x_said_that_clause(doc: Doc, p: Person, cue: str, q: str, form: str) -> None:
    verb = "said" if cue == "told reporters" else cue
    doc.add(f"{p.mention(form)} {verb} that ")
    doc.quote(q[0].lower() + q[1:], p.name, kind="partial")
    doc.add(".")


def split_quote(doc: Doc, p: Person, cue: str, q: str, form: str) -> None:
    doc.quote(q + ",", p.name)
    doc.add(f" {cue if cue in INVERTED_CUES else 'said'} {p.mention(form)}, ")
    doc.quote(CONTINUATIONS[len(q) % len(CONTINUATIONS)] + ".", p.name)


def multi_paragraph_quote(doc: Doc, p: Person, cue: str, q: str, form: str) -> None:
    """``X said: “Q.`` then a paragraph ``“More.”``: the first part has no closing mark."""
    doc.add(f"{p.mention(form)} {cue}: ", doc.marks[0])
    doc.quotes.append(Expected(q + ".", doc.length, doc.length + len(q) + 1, p.name, "direct"))
    doc.add(q + ".", "\n")
    doc.quote(CONTINUATIONS[len(q) % len(CONTINUATIONS)].capitalize() + ".", p.name)


OPENERS = {
    "quote_said_x": quote_said_x,
    "quote_x_said": quote_x_said,
    "x_said_colon_quote": x_said_colon_quote,
    "x_said_that_partial": x_said_that_partial,
    "x_said_that_clause": x_said_that_clause,
    "split_quote": split_quote,
    "multi_paragraph_quote": multi_paragraph_quote,
}


def pronoun_follow_up(doc: Doc, p: Person, cue: str, q: str) -> None:
    doc.quote(q + ",", p.name)
    doc.add(f" {p.pronoun} {cue}.")


def continuation(doc: Doc, p: Person, q: str) -> None:
    doc.quote(q + ".", p.name)


# --- strategies ---------------------------------------------------------------------------


@st.composite
def people(draw: st.DrawFn, count: int = 2) -> list[Person]:
    """Up to two people of different genders (so that he/she is never ambiguous)."""
    genders = draw(st.permutations(["m", "f"]))[:count]
    lasts = draw(st.lists(st.sampled_from(SURNAMES), min_size=2, max_size=2, unique=True))
    out = []
    for gender, last in zip(genders, lasts, strict=False):
        first = draw(st.sampled_from(MEN if gender == "m" else WOMEN))
        out.append(Person(first, last, draw(st.sampled_from(TITLES)), gender))
    return out


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    """One to four paragraphs: an opener, then openers, pronoun follow-ups, continuations."""
    cast = draw(people())
    doc = Doc(marks=draw(st.sampled_from([("“", "”"), ('"', '"')])))
    sentences = iter(draw(st.permutations(SENTENCES)))
    last: Person | None = None  # the speaker of the previous paragraph's last quotation
    partial = False
    newline = draw(st.sampled_from(["\n", "\n\n"]))
    if draw(st.booleans()):  # introduce someone first: "Senator Mary Hall spoke at ..."
        doc.add(f"{cast[0].mention('full')} spoke at a rally in Ohio on Tuesday.", newline)
    for i in range(draw(st.integers(1, 4))):
        if i:
            doc.add(newline)
        step = "opener" if last is None else draw(st.sampled_from(["opener", "pronoun", "cont"]))
        if step == "pronoun" and last is not None:
            pronoun_follow_up(doc, last, draw(st.sampled_from(CUES[:-1])), next(sentences))
        elif step == "cont" and last is not None and not partial:
            continuation(doc, last, next(sentences))
        else:
            person = draw(st.sampled_from(cast))
            name = draw(st.sampled_from(sorted(OPENERS)))
            OPENERS[name](
                doc,
                person,
                draw(st.sampled_from(CUES)),
                next(sentences),
                draw(st.sampled_from(["full", "surname"])),
            )
            last, partial = person, name.startswith("x_said_that")
    return doc


# --- tests --------------------------------------------------------------------------------

EXTRACTOR: quoteattr.QuoteExtractor | None = None


def _extractor() -> quoteattr.QuoteExtractor:
    global EXTRACTOR
    if EXTRACTOR is None:
        EXTRACTOR = quoteattr.QuoteExtractor(quoteattr.load_nlp())
    return EXTRACTOR


def check(doc: Doc) -> None:
    text = doc.text
    quotes = _extractor().extract(text)
    check_extract(text, quotes, include_scare=False)
    got = [(q.text, q.start, q.end, q.speaker.name if q.speaker else None, q.kind) for q in quotes]
    want = [(e.text, e.start, e.end, e.speaker, e.kind) for e in doc.quotes]
    assert got == want, text


SLOW = max(50, settings().max_examples // 40)
"""Examples for a test that parses: 50 under the ``ci`` profile, more under ``fuzz``."""

SETTINGS = settings(max_examples=SLOW)


@pytest.mark.parametrize("template", sorted(OPENERS))
@SETTINGS
@given(cast=people(count=1), cue=st.sampled_from(CUES), q=st.sampled_from(SENTENCES))
def test_one_paragraph(template: str, cast: list[Person], cue: str, q: str) -> None:
    doc = Doc()
    OPENERS[template](doc, cast[0], cue, q, "full")
    check(doc)


@settings(max_examples=SLOW + 10)
@given(doc=documents())
def test_documents(doc: Doc) -> None:
    check(doc)
