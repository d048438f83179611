"""Which stretches of a text spaCy must see: paragraph selection, pieces and sections.

Pure text, no spaCy. Only the paragraphs attribution needs are looked at (see
:func:`select_paragraphs`): those holding a quotation, the paragraph before each (colon
introductions, pronoun antecedents), and the paragraphs that first give the full form of a
name a selected paragraph uses; of these, only the sentences attribution reads are parsed
(:func:`select_sentences`), and the full forms of names are read from the text
(:func:`name_introductions`). A text with no quotation is never parsed at all.

Long paragraphs are cut into :class:`Piece` objects of bounded size, and a very large text
into :class:`Section` objects (see :func:`plan_sections`), so that memory stays bounded
whatever the input; news articles are far below the limits and always form one section.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from ._lexicon import DASHES, HYPHEN
from ._names import PARTICLES
from ._quotations import introduction_paragraphs, is_headline
from ._roles import is_person_noun, is_title_word
from .cues import cue_forms, speech_lemmas
from .marks import CLOSING_MARKS, DOUBLE_MARKS, QuoteSpan

__all__ = [
    "CONTEXT_PIECES",
    "MAX_CHUNK",
    "PIECE_QUOTES",
    "SECTION_CHARS",
    "SECTION_QUOTES",
    "Piece",
    "Section",
    "cue_sentences",
    "cut_pieces",
    "name_introductions",
    "naming_sentences",
    "needs_antecedent",
    "needs_parse",
    "plan_sections",
    "reported_sentences",
    "select_paragraphs",
    "select_sentences",
]

MAX_CHUNK = 10_000
"""Paragraphs longer than this many characters are parsed in pieces, cut at a sentence end
where there is one (else at a space): spaCy parses long Docs slowly and in much memory."""

SECTION_CHARS = 100_000
"""A text whose selected paragraphs hold more characters than this is attributed in sections."""

SECTION_QUOTES = 500
"""A text with more quotations than this is attributed in sections (and long paragraphs cut)."""

PIECE_QUOTES = 50
"""A paragraph piece holding more quotations than this is cut between them."""

CONTEXT_PIECES = 2
"""Pieces before a section (after the first) parsed again as its context."""


# --- which paragraphs -----------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


def _key(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def _name_runs(text: str, start: int, end: int) -> Iterator[list[re.Match[str]]]:
    """Runs of two or more capitalized words (name particles allowed inside) in a range."""
    run: list[re.Match[str]] = []
    last = -1
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        adjacent = bool(run) and text[last : m.start()].isspace()
        if adjacent and _POSSESSIVE.search(run[-1].group()):
            adjacent = False  # "Kaptagat’s Eliud Magut": the owner is no part of the name
        if adjacent and (word[0].isupper() or word in PARTICLES):
            run.append(m)
        else:
            yield from _finish(run)
            run = [m] if word[0].isupper() else []
        last = m.end()
    yield from _finish(run)


def _finish(run: list[re.Match[str]]) -> Iterator[list[re.Match[str]]]:
    while run and not run[-1].group()[0].isupper():
        run = run[:-1]
    if sum(1 for m in run if m.group()[0].isupper()) >= 2:
        yield run


def select_paragraphs(
    text: str,
    bounds: Sequence[tuple[int, int]],
    spans: Sequence[QuoteSpan],
    extra: Iterable[int] = (),
) -> list[int]:
    """Return the indices of the paragraphs attribution needs parsed, in order.

    These are the paragraphs holding a quotation, the paragraph before each, the one after
    when it is a short line opening with a dash (a signature), an interview's introduction
    (which names the person who answers: :func:`~quoteattr._quotations.read_interview`),
    and, among
    the other paragraphs before the last quotation, each one that first gives a full name
    (two or more capitalized words) ending in a word a selected paragraph uses: so that
    "Clinton said" still resolves to "Hillary Clinton" introduced earlier.

    Args:
        text: The text.
        bounds: Its paragraphs (:func:`quoteattr.marks.paragraph_bounds`).
        spans: Its quotations (:func:`quoteattr.find_quotes`).
        extra: More paragraphs to parse as if they held a quotation (reported speech:
            :func:`needs_parse`).

    Returns:
        Sorted paragraph indices; empty when there is no quotation and no ``extra``.
    """
    quoted = {q.paragraph for q in spans} | set(extra)
    if not quoted:
        return []
    selected = quoted | {p - 1 for p in quoted if p > 0} | set(introduction_paragraphs(spans))
    selected |= {p + 1 for p in quoted if p + 1 < len(bounds) and _signature(text, bounds[p + 1])}
    _add_name_introductions(text, bounds, selected, max(quoted))
    return sorted(selected)


SIGNATURE_CHARS = 120
"""A paragraph that opens with a dash and is at most this long can sign the quotation
before it (``- Jane Roe, Minister of Education``)."""


def _signature(text: str, bounds: tuple[int, int]) -> bool:
    a, b = bounds
    return b - a <= SIGNATURE_CHARS and _DASH_START.match(text, a) is not None


def _add_name_introductions(
    text: str, ranges: Sequence[tuple[int, int]], keep: set[int], upto: int
) -> None:
    """Add to ``keep`` each range before ``upto`` that first gives the full form of a name
    (two or more capitalized words) ending in a capitalized word of a kept range."""
    for i, _ in _introductions(text, ranges, keep, upto):
        keep.add(i)


def _introductions(
    text: str,
    ranges: Sequence[tuple[int, int]],
    keep: set[int],
    upto: int,
    lookback: bool = False,
) -> Iterator[tuple[int, list[re.Match[str]]]]:
    """``(range index, name run)`` for each range before ``upto`` and not in ``keep`` that
    first gives the full form of a name ending in a capitalized word of a kept range; with
    ``lookback``, also every run of the two ranges before a kept one that refers back (a
    he or she, "the veteran coach": :func:`_refers_back`) to the person it may stand for
    ("Mr Belladonna said S. The mine added … “…,” he said.")."""
    words: set[str] = set()
    for i in keep:
        a, b = ranges[i]
        words.update(_key(m.group()) for m in _WORD.finditer(text, a, b) if m.group()[0].isupper())
    before: set[int] = set()
    if lookback:
        for i in keep:
            if _refers_back(text, *ranges[i]):
                before.update(j for j in (i - 1, i - 2) if j >= 0 and j not in keep)
    seen: set[str] = set()
    for i in range(upto):
        a, b = ranges[i]
        if is_headline(text[a:b]):
            continue  # "Pence Endorses Paul Ryan With …": capitals that name no one
        runs = [(run, _run_keys(run)) for run in _name_runs(text, a, b)]
        if i not in keep:
            fresh = [run for run, keys in runs if keys & (words - seen) or i in before]
            for run in fresh:
                yield i, run
            if not fresh:
                continue
        for _, keys in runs:
            seen |= keys


_HE_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b")
_DEFINITE = re.compile(r"\b[Tt]he((?:\s+[\w'’,-]+){1,6})")


def _refers_back(text: str, start: int, end: int) -> bool:
    """Whether a sentence refers to a person named before it: a he or she, or a definite
    description ending in a role word ("the veteran coach", "the 24-year-old striker",
    "the 2019 World Under 20 5,000m champion")."""
    if _HE_SHE.search(text, start, end):
        return True
    for m in _DEFINITE.finditer(text, start, end):
        words = [w.strip(",") for w in m.group(1).split()]
        if any(is_title_word(w) or is_person_noun(w) for w in words if w):
            return True
    return False


def _run_keys(run: list[re.Match[str]]) -> set[str]:
    """The words a later mention of a name run may use: its last word, its first (a family
    name written first), and its initials ("EU" for "The European Union")."""
    words = [m.group() for m in run]
    words = words[1:] if words[0] == "The" else words
    initials = "".join(w[0] for w in words if w[0].isupper())
    keys = {_key(words[-1]), _key(words[0])}  # "Wang" for "Wang Qishan", family name first
    return keys | {initials} if len(initials) > 1 else keys


@functools.cache
def _cue_words(lexicon: frozenset[str]) -> frozenset[str]:
    words = {"according"}
    for lemma in lexicon:
        words |= cue_forms(lemma)
    return frozenset(words)


_LETTERS = re.compile(r"[^\W\d_]+")


def needs_parse(
    text: str, bounds: Sequence[tuple[int, int]], lexicon: frozenset[str] | None = None
) -> set[int]:
    """The paragraphs reported speech needs parsed: those with a speech cue, and each one's
    predecessor (for the antecedent of a pronoun speaker).

    A paragraph has a cue when one of its words is a spelling (see :func:`cue_forms`) of a
    verb of :func:`speech_lemmas`, or "according".

    Args:
        text: The text.
        bounds: Its paragraphs (:func:`quoteattr.marks.paragraph_bounds`), or sentences.
        lexicon: The cue lemmas in force.

    Returns:
        Paragraph indices.
    """
    out: set[int] = set()
    for i in cue_sentences(text, bounds, lexicon):
        out.add(i)
        if i:
            out.add(i - 1)
    return out


def cue_sentences(
    text: str, bounds: Sequence[tuple[int, int]], lexicon: frozenset[str] | None = None
) -> list[int]:
    """The paragraphs (or sentences) with a speech cue: a word that is a spelling (see
    :func:`cue_forms`) of a verb of :func:`speech_lemmas`, or "according".

    Args:
        text: The text.
        bounds: Its paragraphs or sentences.
        lexicon: The cue lemmas in force.

    Returns:
        Their indices, in order.
    """
    words = _cue_words(speech_lemmas(lexicon))
    return [
        i
        for i, (a, b) in enumerate(bounds)
        if any(m.group().lower() in words for m in _LETTERS.finditer(text, a, b))
    ]


_NOUN_MARKERS = frozenset(
    "a an the this that these those his her its their our my your whose no any each every "
    "some another such".split()
)
"""Words before which a cue's spelling is a noun ("the state", "his call", "a report")."""

_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\w]*$")


def reported_sentences(
    text: str, sentences: Sequence[tuple[int, int]], lexicon: frozenset[str] | None = None
) -> tuple[list[int], list[int]]:
    """The sentences reported speech needs parsed, chosen by what the text shows.

    A sentence is worth parsing when it holds a speech cue used as one: a spelling of a
    verb of :func:`speech_lemmas` that is not a noun after a determiner or a possessive
    ("the state", "his call", "a report") and not inside a name ("United States",
    "Secretary of State": capitalized, not opening the sentence), or "according to". The
    sentence before it is parsed too when the words before its first cue may need an
    antecedent (see :func:`needs_antecedent`: "he said", "the official said"), not when
    they name someone ("Donald Trump said", "According to Berg").

    Args:
        text: The text.
        sentences: The candidate sentences, in text order.
        lexicon: The cue lemmas in force.

    Returns:
        The sentences with a cue, and those to parse before them (for antecedents), as
        sorted indices.

    Example:
        >>> text = "The United States spoke. Berg met them. He said it was over."
        >>> reported_sentences(text, [(0, 24), (25, 39), (40, 60)])
        ([2], [1])
    """
    words = _cue_words(speech_lemmas(lexicon))
    cues: list[int] = []
    before: list[int] = []
    for i, (a, b) in enumerate(sentences):
        first = _first_cue(text, a, b, words)
        if first is None:
            continue
        cues.append(i)
        if i and needs_antecedent(text[a:first], ""):
            before.append(i - 1)
    return cues, sorted(set(before) - set(cues))


def _first_cue(text: str, a: int, b: int, words: frozenset[str]) -> int | None:
    """The offset of the first word of ``text[a:b]`` used as a speech cue, if any."""
    opening = True
    for m in _LETTERS.finditer(text, a, b):
        word = m.group()
        lower = word.lower()
        if lower in words and (opening or not word[:1].isupper()):
            if lower == "according":
                if text.startswith(" to", m.end()) or text.startswith("\xa0to", m.end()):
                    return m.start()
            else:
                prev = _WORD_BEFORE.search(text, a, m.start())
                if prev is None or prev.group(1).lower() not in _NOUN_MARKERS:
                    return m.start()
        opening = False
    return None


# --- which sentences ------------------------------------------------------------------------

SHORT_SENTENCE = 40
"""A sentence after a quotation with at most this many characters is kept (``Vitter
demanded.``, ``she added, pointing at the map.``)."""

_DASH_START = re.compile(r"\s*(?:" + "|".join(map(re.escape, sorted(DASHES | {HYPHEN}))) + ")")


def select_sentences(
    text: str,
    sentences: Sequence[tuple[int, int]],
    quotes: Sequence[tuple[int, int]],
    extra: Iterable[int] = (),
    antecedents: bool = True,
) -> list[int]:
    """Return the indices of the sentences attribution needs parsed, in order.

    The cue and the speaker of a quotation are almost always in the quotation's own
    sentences, the sentence before them, or a short one after them. So these are kept:

    - the sentences a quotation (marks included) overlaps;
    - the sentence before them (in the paragraph before, when the quotation opens its
      paragraph), unless the words around the quotation in its own sentences name someone
      and need no antecedent (see :func:`needs_antecedent`): ``“…,” Berg said.`` is
      attributed from its own sentence;
    - the sentence after them when the quotation is all of its sentences (so its cue can
      only come after it), or when that sentence is short, opens with a dash (``?”
      Vitter demanded.``, ``” ― Jorge Falcon``) or with *He* or *She* (the speaker's
      pronoun, which says their gender and carries the name on).

    The full forms of the names these sentences use are read from the text, not parsed
    (see :func:`name_introductions`).

    Args:
        text: The text.
        sentences: The ``(start, end)`` offsets of the candidate sentences, in text order
            (those of the selected paragraphs).
        quotes: The ``(mark_start, mark_end)`` of the quotations (and stray-mark frames).
        extra: More sentences to keep, with the one before each (reported speech).
        antecedents: Whether to keep the sentence before for the antecedents of a
            nominal too ("the minister said"); fast mode keeps it only for a pronoun that
            may speak ("he said") when it names someone, and for a quotation that is all of
            its sentences (whose cue may come before it).

    Returns:
        Sorted sentence indices; empty when there is no quotation and no ``extra``.
    """
    keep: set[int] = set()
    for i in extra:
        keep.update({i, i - 1} if i else {i})
    if not (quotes or keep) or not sentences:
        return []
    starts = [a for a, _ in sentences]
    for q0, q1 in quotes:
        first, last = _overlapped(starts, q0, q1)
        keep.update(range(first, last + 1))
        lead, tail = text[sentences[first][0] : q0], text[q1 : sentences[last][1]]
        alone = not any(c.isalnum() for c in lead + tail)
        if first > 0 and (
            alone
            or (
                needs_antecedent(lead, tail)
                if antecedents
                else (_refers(lead) or _refers(tail)) and _names(text, *sentences[first - 1])
            )
        ):
            keep.add(first - 1)
        if last + 1 < len(sentences):
            a, b = sentences[last + 1]
            if alone or b - a <= SHORT_SENTENCE or _DASH_START.match(text, a):
                keep.add(last + 1)
            elif _HE_OR_SHE.match(text, a):
                keep.add(last + 1)  # "… said Ursula von der Leyen. She emphasized …": her words
    return sorted(keep)


_HE_OR_SHE = re.compile(r"\s*(?:He|She)\b")


def _overlapped(starts: Sequence[int], q0: int, q1: int) -> tuple[int, int]:
    """The first and last of the sentences (by their start offsets) that ``[q0, q1)``
    overlaps."""
    first = max(0, bisect.bisect_right(starts, q0) - 1)
    return first, max(first, bisect.bisect_left(starts, q1) - 1)


def naming_sentences(
    sentences: Sequence[tuple[int, int]], quotes: Sequence[tuple[int, int]], keep: Sequence[int]
) -> set[int]:
    """The kept sentences where a speaker is named, which the entity recognizer needs.

    These are the sentences a quotation (marks included) overlaps, and the kept sentence
    after each (``?” Vitter demanded.``); not the sentence before, kept only for the
    antecedents of a pronoun or a nominal (see :func:`needs_antecedent`).

    Args:
        sentences: The candidate sentences, as for :func:`select_sentences`.
        quotes: The ``(mark_start, mark_end)`` of the quotations.
        keep: The kept sentences (:func:`select_sentences`).

    Returns:
        Their indices.
    """
    starts = [a for a, _ in sentences]
    quoted: set[int] = set()
    for q0, q1 in quotes:
        first, last = _overlapped(starts, q0, q1)
        quoted.update(range(first, last + 1))
    kept = set(keep)
    return quoted | {i + 1 for i in quoted if i + 1 in kept}


_REFERRING = re.compile(r"\b(?:he|she|they|it|we|his|her|their|its|our)\b", re.I)
_CAPITALIZED = re.compile(r"(?<![\w'’])[A-Z][\w'’-]*")


def _names(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` holds a capitalized word that does not open it (a name)."""
    return any(m.start() > a for m in _CAPITALIZED.finditer(text, a, b))


def _refers(words: str) -> bool:
    """Whether ``words`` hold a pronoun that may speak or own a speaker."""
    return _REFERRING.search(words) is not None


def needs_antecedent(lead: str, tail: str) -> bool:
    """Whether the words around a quotation in its own sentences may need the sentence
    before to be attributed.

    They do unless they hold a capitalized word that does not open the sentence (a name:
    ``“…,” Berg said.``, ``In Ohio, Berg said “…”``) and no pronoun that may speak or own
    a speaker (``“…,” he said.``, ``his campaign said``; "him" or "them" never do). A
    sentence with no name there (``“…,” the minister said.``, ``Berg said “…”``, where
    "Berg" may be a sentence's first word of any kind) keeps the sentence before: a nominal
    or a pronoun needs antecedents, and a colon introduction may sit there.

    Args:
        lead: The text of the sentence before the quotation's opening mark.
        tail: The text of its last sentence after the closing mark.

    Returns:
        Whether to parse the sentence before.

    Example:
        >>> needs_antecedent("", ", Berg said.")
        False
        >>> needs_antecedent("", ", he said.")
        True
        >>> needs_antecedent("Berg said ", ".")
        True
    """
    if _REFERRING.search(lead) or _REFERRING.search(tail):
        return True
    lead = lead.lstrip()
    names = [m for m in _CAPITALIZED.finditer(lead) if m.start() > 0]
    return not (names or _CAPITALIZED.search(tail))


def name_introductions(
    text: str, sentences: Sequence[tuple[int, int]], keep: Sequence[int]
) -> list[tuple[int, tuple[str, ...], str, bool]]:
    """Find, without parsing, where the names the kept sentences use are first given in full.

    For each capitalized word of a kept sentence, the first run of two or more capitalized
    words (name particles allowed inside) ending in that word, in a sentence before the last
    kept one that is not kept: ``Anna Berg, who has led the group since March, spoke.``
    gives ``("Anna", "Berg")`` for a later ``“…,” Berg said.``. Attribution joins such a
    run to a person the parse found (see
    :meth:`quoteattr._speakers.EntityTable.introduce`), never makes one of it.

    Args:
        text: The text.
        sentences: The candidate sentences, as for :func:`select_sentences`.
        keep: The kept sentences (:func:`select_sentences`).

    The runs of the two sentences before a kept one with a he or she in it come in too, and
    the role words right before a run with it (``Storm coach Craig Bellamy``).

    Returns:
        ``(offset, words, apposition, subject)`` for each run, in text order; the
        apposition is the description that follows the name between commas (``, a
        defense analyst,``), or ``""``; ``subject`` says whether the name (with its title)
        opens its sentence, as a subject does.
    """
    if not keep:
        return []
    found = _introductions(text, sentences, set(keep), max(keep), lookback=True)
    out = []
    for i, run in found:
        apposition = _APPOSITION.match(text, run[-1].end())
        title = _title_before(text, sentences[i][0], run[0].start())
        words = tuple(_key(m.group()) for m in run)  # "Barack Obama’s plan": Barack Obama
        subject = not text[sentences[i][0] : run[0].start()].strip() or title[1]
        described = apposition.group(1) if apposition else ""
        out.append((run[0].start(), (*title[0], *words), described, subject))
    return out


def _title_before(text: str, start: int, run_start: int) -> tuple[tuple[str, ...], bool]:
    """The role words right before a name run in its sentence ("Storm coach" before "Craig
    Bellamy"; a capitalized word counts before a role word: "Ocean Census science
    director"), and whether they open the sentence."""
    kept: list[re.Match[str]] = []
    nxt = run_start
    for m in reversed(list(_WORD.finditer(text, start, run_start))):
        word = m.group()
        if text[m.end() : nxt].strip():
            break  # not right before: a comma, a parenthesis
        if not (is_title_word(word) or is_person_noun(word) or (kept and word[0].isupper())):
            break
        kept.insert(0, m)
        nxt = m.start()
    opens = bool(kept) and not text[start : kept[0].start()].strip()
    return tuple(m.group() for m in kept), opens


_APPOSITION = re.compile(r",\s+((?:a|an|the)\s[^,;:.!?" + DOUBLE_MARKS + r"\n]{2,80}?),")


# --- pieces and sections --------------------------------------------------------------------


@attrs.frozen
class Piece:
    """A stretch of one paragraph that is parsed as one Doc.

    Attributes:
        para: The paragraph's index.
        start: Offset of the first character in the text.
        end: Offset just past the last character.
    """

    para: int
    start: int
    end: int


@attrs.frozen
class Section:
    """Pieces attributed together, and the stretch of text whose quotations they report.

    Attributes:
        pieces: The pieces to parse, in text order: up to :data:`CONTEXT_PIECES` pieces
            before the section (context only), the section's own, the next piece, and,
            when a quotation runs past the section's end, the piece where it ends and the
            one after.
        start: Offset where the section's own text starts (quotations starting before it
            are context).
        end: Offset where the next section starts (or the length of the text).
    """

    pieces: tuple[Piece, ...]
    start: int
    end: int

    @property
    def chars(self) -> int:
        """How many characters the section parses."""
        return sum(p.end - p.start for p in self.pieces)


_SENTENCE_END = re.compile(r"[.!?][" + re.escape(CLOSING_MARKS) + r")\]]*\s")


def _cut_point(text: str, a: int, limit: int) -> int:
    """Where to cut ``text[a:]`` before ``limit``: a sentence end, else a space outside a
    name, else any space, else ``limit``.

    The cut is the offset of a white-space character (left out of both pieces), or
    ``limit`` itself when there is no space to cut at. A space between two capitalized
    words ("Bob Smith") is passed over when another space in the second half of the
    window will do, so that a name is not parsed in two pieces.
    """
    half = a + (limit - a) // 2
    cut = -1
    for m in _SENTENCE_END.finditer(text, half, limit):
        cut = m.end() - 1
    if cut > a:
        return cut
    last = cut = text.rfind(" ", a + 1, limit)
    while cut > half and _between_names(text, cut):
        cut = text.rfind(" ", half, cut)
    if cut <= half:
        cut = last
    return cut if cut > a else limit


def _between_names(text: str, space: int) -> bool:
    """Whether the space at ``space`` sits between two capitalized words."""
    word = text.rfind(" ", 0, space) + 1
    return text[space + 1 : space + 2].isupper() and text[word : word + 1].isupper()


def _cut_chars(text: str, idx: int, a: int, b: int) -> Iterator[Piece]:
    while b - a > MAX_CHUNK:
        cut = _cut_point(text, a, a + MAX_CHUNK)
        yield Piece(idx, a, cut)
        a = cut + 1 if cut < a + MAX_CHUNK else cut
    if b > a:
        yield Piece(idx, a, b)


def _cut_quotes(text: str, piece: Piece, starts: Sequence[int]) -> Iterator[Piece]:
    """Cut a piece holding more than :data:`PIECE_QUOTES` quotations between quotations."""
    lo = bisect.bisect_left(starts, piece.start)
    hi = bisect.bisect_left(starts, piece.end)
    a = piece.start
    for k in range(lo + PIECE_QUOTES, hi, PIECE_QUOTES):
        cut = text.rfind(" ", max(a + 1, starts[k - 1]), starts[k])
        if cut <= a:
            cut = text.rfind(" ", a + 1, starts[k])
        if cut > a:
            yield Piece(piece.para, a, cut)
            a = cut + 1
    if piece.end > a:
        yield Piece(piece.para, a, piece.end)


def cut_pieces(
    text: str,
    bounds: Sequence[tuple[int, int]],
    selected: Sequence[int],
    spans: Sequence[QuoteSpan],
) -> list[Piece]:
    """Cut the selected paragraphs into pieces for spaCy.

    A paragraph longer than :data:`MAX_CHUNK` characters is cut at sentence ends (or
    spaces), and a piece holding more than :data:`PIECE_QUOTES` quotations is cut between
    them.

    Args:
        text: The text.
        bounds: Its paragraphs.
        selected: The paragraphs to cut, in order.
        spans: Its quotations, sorted.

    Returns:
        The pieces, in text order.
    """
    starts = [q.start for q in spans]
    pieces: list[Piece] = []
    for idx in selected:
        for piece in _cut_chars(text, idx, *bounds[idx]):
            pieces.extend(_cut_quotes(text, piece, starts))
    return pieces


def plan_sections(
    text: str,
    bounds: Sequence[tuple[int, int]],
    spans: Sequence[QuoteSpan],
    selected: Sequence[int] | None = None,
) -> list[Section]:
    """Cut the selected paragraphs of a text into pieces, and the pieces into sections.

    A section parses at most about :data:`SECTION_CHARS` characters and holds at most about
    :data:`SECTION_QUOTES` quotations; a text within both limits is one section.

    Args:
        text: The text.
        bounds: Its paragraphs.
        spans: Its quotations.
        selected: The paragraphs to parse (default: :func:`select_paragraphs`).

    Returns:
        The sections in text order, leaving out those that hold no quotation; empty when
        nothing is to be parsed.
    """
    if selected is None:
        selected = select_paragraphs(text, bounds, spans)
    starts = [q.start for q in spans]
    pieces = cut_pieces(text, bounds, selected, spans)
    if not pieces:
        return []
    total = sum(p.end - p.start for p in pieces)
    if total <= SECTION_CHARS and len(spans) <= SECTION_QUOTES:
        return [Section(tuple(pieces), 0, len(text))]
    groups: list[list[Piece]] = [[]]
    chars = quotes = 0
    for piece in pieces:
        n = bisect.bisect_left(starts, piece.end) - bisect.bisect_left(starts, piece.start)
        size = piece.end - piece.start
        if groups[-1] and (chars + size > SECTION_CHARS or quotes + n > SECTION_QUOTES):
            groups.append([])
            chars = quotes = 0
        groups[-1].append(piece)
        chars += size
        quotes += n
    piece_starts = [p.start for p in pieces]
    sections = []
    for g, group in enumerate(groups):
        start = group[0].start if g else 0
        end = groups[g + 1][0].start if g + 1 < len(groups) else len(text)
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        if first == last:
            continue  # no quotation of its own: nothing to report
        context = groups[g - 1][-CONTEXT_PIECES:] if g else []
        # after the section: the next piece (a cue after its last quotation), and where
        # the one quotation that may run past the section's end ends, with the piece after
        after = {bisect.bisect_left(piece_starts, end)}
        crossing = spans[last - 1]
        if crossing.mark_end > end:
            j = bisect.bisect_right(piece_starts, crossing.mark_end - 1) - 1
            after |= {j, j + 1}
        extra = [pieces[j] for j in sorted(after) if j < len(pieces) and pieces[j].start >= end]
        sections.append(Section(tuple(context + group + extra), start, end))
    return sections
