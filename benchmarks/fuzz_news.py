"""News-like text and mutations for the fuzzer (``benchmarks/fuzz_quotes.py``).

:class:`NewsWriter` writes short news copy the way wires and translated copy put it:
speakers with first and last names, titles, particles (``von der``), initials, hyphens and
apostrophes (``O’Brien``), organizations and pronouns; reporting cues (``said``,
``according to``, ``told reporters``, ``said in a statement``); and quotation marks where
news puts them (``“…,” said X.``, ``X said: “…”``, split quotations, quotations over
several paragraphs, nested single quotes, partial and scare quotes, a paragraph that ends
with a colon, a stray mark before the attribution). Quotations use one of several mark
styles, the wrong ones included (``”…”``, ``“…“``, ``”…“``), and their content may hold
names and cue words, apostrophes, inch marks and elisions.

:func:`mutate` then breaks such text the way real copy is broken: a mark dropped,
doubled, swapped with another, turned into its mirror image or another family's mark,
glued to the next word; odd white space (zero-width space, no-break space, line and
paragraph separators) inserted; a piece cut or repeated; a word of the fuzzer's vocabulary
inserted.

Everything is drawn from a :class:`random.Random`, so a seed gives the same texts.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

__all__ = ["MARKS", "NewsWriter", "mutate"]

FIRST = (
    "Jane", "John", "Mary", "Mark", "Federico", "Ursula", "Jean-Pierre", "Anne-Marie",
    "José", "Åsa", "Olaf", "Mélanie", "Chrystia", "Justin", "Kaja", "Christian", "Wei",
    "Aisha", "Mohammed", "Siobhán", "Zoë", "Li", "Nikolai", "Ngozi", "Mette",
)  # fmt: skip
LAST = (
    "Doe", "Smith", "Carney", "Santoponto", "Leuprecht", "Joly", "Kallas", "Freeland",
    "Rutte", "Macron", "O’Brien", "O'Neill", "McDonald", "Smith-Jones", "García Márquez",
    "Nguyen", "Al-Sayed", "Müller", "Østergaard", "D’Amato", "Okonjo-Iweala", "Frederiksen",
)  # fmt: skip
PARTICLES = ("von der", "van", "de", "van der", "da", "bin", "del", "di", "Le", "al-")
TITLES = (
    "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Sen.", "Rep.", "Gen.", "Lt. Col.", "Sir",
    "Prime Minister", "President", "Foreign Minister", "Defence Minister", "Chancellor",
    "European Commission President", "NATO Secretary General", "Mayor",
)  # fmt: skip
INITIALS = ("J.", "F.", "A.", "K.", "J.R.", "A.-M.")
ORGS = (
    "NATO", "the European Union", "the ministry", "Reuters", "the White House", "Ottawa",
    "the Kremlin", "CBC News", "the government", "a spokesperson for the ministry",
    "the Defence Department", "officials", "the EU’s foreign-policy chief", "Brussels",
)  # fmt: skip
PRONOUNS = ("he", "she", "they", "He", "She", "I", "we", "it")
APPOSITIONS = (
    ", a senator,", ", the defence minister,", ", 54,", ", who heads the agency,",
    " (Liberal)", ", a defence policy analyst,", ", the first researcher at the institute,",
)  # fmt: skip
CUES = (
    "said", "says", "added", "stressed", "warned", "noted", "insisted", "explained",
    "asked", "wrote", "told reporters", "said in a statement", "told The Globe and Mail",
    "recalled", "argued", "tweeted", "said on Monday", "later said", "had said", "replied",
    "pointed out", "acknowledged", "confirmed", "declared", "according to",
)  # fmt: skip
WORDS = (
    "we", "will", "not", "back", "down", "the", "alliance", "is", "strong", "weak", "don't",
    "can’t", "won’t", "Canada’s", "Europe’s", "players’", "allies'", "the ’90s", "’em",
    "rock ’n’ roll", "it's", "12\"", "3'", "50%", "$2 billion", "—", "…", "said", "says",
    "according to", "told", "he", "she", "Smith", "NATO", "in", "2019", "defence", "deal",
    "partnership", "a", "of", "and", "to", "that", "this", "time", "war", "Ukraine", "peace",
    "money", "Americans", "sovereign", "weapons", "nobody", "Ms.", "Dr.", "U.S.", "e.g.",
)  # fmt: skip
NARRATION = (
    "The talks in Brussels ended on Monday.",
    "Canada aspires to a partnership with the European Union for defence.",
    "Here is a closer look at what causes this transformation.",
    "The ministry did not respond to a request for comment.",
    "He said that Russia’s invasion of Ukraine revealed the continent’s dependence.",
    "The players’ union and the horses' owners met in the ’90s.",
    "It was a 12\" pizza and a 3' board.",
    "Critics called the plan a “mess” and the deal ‘rigged’.",
    "With files from Reuters",
    "(AP) —",
)

STYLES: tuple[tuple[str, str, str, str], ...] = (
    ("“", "”", "‘", "’"),
    ("“", "”", "‘", "’"),
    ("“", "”", "‘", "’"),
    ('"', '"', "'", "'"),
    ('"', '"', "‘", "’"),
    ("``", "''", "‘", "’"),
    ("« ", " »", "“", "”"),
    ("«", "»", "‹", "›"),
    ("„", "“", "‚", "‘"),
    ("»", "«", "›", "‹"),
    ("”", "”", "’", "’"),
    ("“", "“", "‘", "‘"),
    ("”", "“", "’", "‘"),
    ("‘", "’", "“", "”"),
)
"""(open, close, inner open, inner close): curly first, then straight, PTB, French, German,
reversed German, Swedish, and the misused forms wire copy shows."""

MARKS = ('"', "“", "”", "„", "‟", "``", "''", "'", "‘", "’", "‚", "‛", "«", "»", "‹", "›")
"""Every quotation mark the parser knows."""

MIRROR = {"“": "”", "”": "“", "‘": "’", "’": "‘", "«": "»", "»": "«", "‹": "›", "›": "‹"}

ODD_SPACE = (
    "\u200b", "\u00a0", "\t", "  ", "\u2009", "\u202f", "\u3000", "\ufeff", "\u200d",
    "\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x85", "\n\n", " \n ",
)  # fmt: skip
BREAKS = ("\n", "\n", "\n\n", "\r\n", "\u2029", "\n \n")

_MARK_RE = re.compile("``|''|[\"'“”„‟‘’‚‛«»‹›]")
_SPACE_RE = re.compile(r"\s+")


class NewsWriter:
    """Writes news-like documents from a random generator.

    Args:
        rng: Where every choice comes from.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.templates: tuple[Callable[[], list[str]], ...] = (
            self.said_after,
            self.said_after,
            self.said_before,
            self.split,
            self.according_to,
            self.partial,
            self.signature,
            self.scare,
            self.multi_paragraph,
            self.colon_intro,
            self.stray_frame,
            self.follow_up,
            self.narration,
        )

    # -- pieces ---------------------------------------------------------------------------

    def pick(self, items: Sequence[str]) -> str:
        """One of ``items``."""
        return items[self.rng.randrange(len(items))]

    def name(self) -> str:
        """A person's name: first and last, with a title, particle, initial or hyphen."""
        rng = self.rng
        parts = [self.pick(FIRST)]
        if rng.random() < 0.15:
            parts.append(self.pick(INITIALS))
        if rng.random() < 0.15:
            parts.append(self.pick(PARTICLES))
        parts.append(self.pick(LAST))
        if rng.random() < 0.3:
            parts.insert(0, self.pick(TITLES))
        return " ".join(parts).replace("al- ", "al-")

    def speaker(self) -> str:
        """Who speaks: mostly a name, sometimes with an apposition, an organization or a pronoun."""
        r = self.rng.random()
        if r < 0.6:
            name = self.name()
            return name + self.pick(APPOSITIONS) if self.rng.random() < 0.2 else name
        if r < 0.75:
            return self.pick(LAST)
        if r < 0.9:
            return self.pick(ORGS)
        return self.pick(PRONOUNS)

    def words(self, low: int = 2, high: int = 12) -> str:
        """Quoted words (they may hold cue words, names, apostrophes and inch marks)."""
        n = self.rng.randint(low, high)
        text = " ".join(self.pick(WORDS) for _ in range(n))
        return text[:1].upper() + text[1:]

    def content(self, style: tuple[str, str, str, str]) -> str:
        """What a quotation says, sometimes with a nested quotation of the inner style."""
        text = self.words()
        if self.rng.random() < 0.2:
            inner = style[2] + self.words(1, 4) + style[3]
            text = f"{text} {inner} {self.words(1, 3).lower()}"
        if self.rng.random() < 0.1:
            text += "?" if self.rng.random() < 0.5 else "!"
        return text

    def style(self) -> tuple[str, str, str, str]:
        """A mark style, the curly one most often."""
        return STYLES[self.rng.randrange(len(STYLES))]

    # -- paragraphs: each template returns the paragraphs it wrote -------------------------

    def said_after(self) -> list[str]:
        """``“…,” said X.`` / ``“…,” X said.``"""
        o, c, *_ = st = self.style()
        who, cue = self.speaker(), self.pick(CUES)
        tail = f"{cue} {who}" if self.rng.random() < 0.5 else f"{who} {cue}"
        return [f"{o}{self.content(st)},{c} {tail}."]

    def said_before(self) -> list[str]:
        """``X said: “…”`` / ``X said, “…”`` / ``X said “…”``."""
        o, c, *_ = st = self.style()
        sep = self.pick((":", ",", "", " that"))
        return [f"{self.speaker()} {self.pick(CUES)}{sep} {o}{self.content(st)}.{c}"]

    def split(self) -> list[str]:
        """``“One,” said X, “two.”``"""
        o, c, *_ = st = self.style()
        first, second = self.content(st), self.content(st).lower()
        return [f"{o}{first},{c} {self.pick(CUES)} {self.speaker()}, {o}{second}.{c}"]

    def according_to(self) -> list[str]:
        """``“…,” according to X.`` / ``According to X, “…”``."""
        o, c, *_ = st = self.style()
        if self.rng.random() < 0.5:
            return [f"{o}{self.content(st)},{c} according to {self.speaker()}."]
        return [f"According to {self.speaker()}, {o}{self.content(st)}.{c}"]

    def partial(self) -> list[str]:
        """``X said the plan was “…”.`` (a fragment inside reported speech)."""
        o, c, *_ = self.style()
        who, cue = self.speaker(), self.pick(CUES)
        return [f"{who} {cue} the plan was {o}{self.words(1, 4).lower()}{c} and {self.words()}."]

    def signature(self) -> list[str]:
        """``“…” ― X``"""
        o, c, *_ = st = self.style()
        return [f"{o}{self.content(st)}{c} {self.pick(('―', '—', '-'))} {self.name()}"]

    def scare(self) -> list[str]:
        """Narration with a scare quote."""
        o, c, *_ = self.style()
        return [f"{self.pick(NARRATION)} It is a {o}{self.words(1, 2).lower()}{c} deal."]

    def multi_paragraph(self) -> list[str]:
        """A quotation over several paragraphs, each part opened and only the last closed."""
        o, c, *_ = st = self.style()
        parts = [f"{self.speaker()} {self.pick(CUES)}: {o}{self.content(st)}."]
        parts += [f"{o}{self.content(st)}." for _ in range(self.rng.randint(0, 2))]
        parts.append(f"{o}{self.content(st)},{c} {self.pick(PRONOUNS)} {self.pick(CUES)}.")
        return parts

    def colon_intro(self) -> list[str]:
        """A paragraph ending with a colon, then a paragraph that is only a quotation."""
        o, c, *_ = st = self.style()
        return [f"{self.speaker()} {self.pick(CUES)}:", f"{o}{self.content(st)}.{c}"]

    def stray_frame(self) -> list[str]:
        """A stray opening mark before the attribution: ``“One,” … “said X.``"""
        o, c, *_ = st = self.style()
        return [f"{o}{self.content(st)},{c} {self.words().lower()}, {o}said {self.name()}."]

    def follow_up(self) -> list[str]:
        """``“…,” he said. “…”`` (a pronoun and a second quotation of the paragraph)."""
        o, c, *_ = st = self.style()
        pron, cue = self.pick(PRONOUNS), self.pick(CUES)
        return [f"{o}{self.content(st)},{c} {pron} {cue}. {o}{self.content(st)}{c}"]

    def narration(self) -> list[str]:
        """A paragraph with no quotation."""
        return [self.pick(NARRATION)]

    # -- documents ------------------------------------------------------------------------

    def document(self, paragraphs: int | None = None) -> str:
        """A document of a few paragraphs (one to four templates)."""
        rng = self.rng
        out: list[str] = []
        for _ in range(paragraphs or rng.randint(1, 4)):
            out.extend(self.templates[rng.randrange(len(self.templates))]())
        text = out[0]
        for para in out[1:]:
            text += self.pick(BREAKS) + para
        return text


# --- mutations ------------------------------------------------------------------------------


def _marks(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _MARK_RE.finditer(text)]


def mutate(rng: random.Random, text: str, vocab: Sequence[str] = MARKS) -> str:
    """Break ``text`` once, the way copy is broken (see the module documentation).

    Args:
        rng: Where the choices come from.
        text: The text to mutate.
        vocab: Tokens to insert (the fuzzer passes its whole vocabulary).

    Returns:
        The mutated text (``text`` itself when there was nothing to do).
    """
    op = rng.randrange(12)
    marks = _marks(text) if op < 6 else []
    if op < 6 and not marks:
        op = 6
    if op == 0:  # drop a mark
        a, b = rng.choice(marks)
        return text[:a] + text[b:]
    if op == 1:  # double a mark
        a, b = rng.choice(marks)
        return text[:b] + text[a:b] + text[b:]
    if op == 2:  # swap two marks
        (a, b), (c, d) = sorted(rng.sample(marks, 2)) if len(marks) > 1 else (marks[0],) * 2
        if (a, b) == (c, d):
            return text
        return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]
    if op == 3:  # the mirror image, or another family's mark
        a, b = rng.choice(marks)
        new = MIRROR.get(text[a:b]) if rng.random() < 0.5 else None
        return text[:a] + (new or rng.choice(MARKS)) + text[b:]
    if op == 4:  # glue a mark to its neighbours: “We ... ,”said  /  said“We
        a, b = rng.choice(marks)
        left = text[:a].rstrip() if rng.random() < 0.5 else text[:a]
        right = text[b:].lstrip() if rng.random() < 0.7 else text[b:]
        return left + text[a:b] + right
    if op == 5:  # odd white space next to a mark
        a, b = rng.choice(marks)
        at = a if rng.random() < 0.5 else b
        return text[:at] + rng.choice(ODD_SPACE) + text[at:]
    at = rng.randint(0, len(text))
    if op == 6:  # a mark at a word boundary or anywhere
        spaces = [m.end() for m in _SPACE_RE.finditer(text)]
        if spaces and rng.random() < 0.7:
            at = rng.choice(spaces)
        return text[:at] + rng.choice(MARKS) + text[at:]
    if op == 7:  # odd white space anywhere, or a space turned into a line break
        spaces = [m.span() for m in _SPACE_RE.finditer(text)]
        if spaces and rng.random() < 0.5:
            a, b = rng.choice(spaces)
            return text[:a] + rng.choice(ODD_SPACE) + text[b:]
        return text[:at] + rng.choice(ODD_SPACE) + text[at:]
    if op == 8:  # a token of the vocabulary
        return text[:at] + rng.choice(vocab) + text[at:]
    if op == 9:  # cut a piece
        return text[:at] + text[at + rng.randint(1, 20) :]
    if op == 10:  # repeat a piece
        return text[:at] + text[max(0, at - rng.randint(1, 40)) :]
    return text[:at]  # truncate
