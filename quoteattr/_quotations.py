"""The text layer above the mark parser: which quotations a text holds, read from the
text alone.

:func:`outermost_quotations` keeps the outermost quotations of
:func:`~quoteattr.marks.find_quotes` and separates the *stray-mark frames*: attributions
that machine-translated copy opened with a quotation mark (“said X.) or left inside an
unclosed quotation (“…, Walsh said.), and reads the questions and answers of an interview,
which carry no marks at all (:func:`read_interview`). :func:`label_end` finds the speaker
label of a transcript line (``PENCE: …``), :func:`embedded` whether a quotation sits inside
a sentence, and :func:`title_cased` and :func:`is_headline` the title case of headlines.
No spaCy here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import attrs

from ._lexicon import MINOR_WORDS
from ._names import PARTICLES
from .marks import (
    CLOSING_MARKS,
    DOUBLE_MARKS,
    QUOTE_CHARS,
    SINGLE_MARKS,
    QuoteSpan,
    find_quotes,
    paragraph_bounds,
)

__all__ = [
    "INTRO_PARAGRAPHS",
    "Interview",
    "Quotations",
    "contains_words",
    "embedded",
    "folded_words",
    "interview_role",
    "introduction_paragraphs",
    "is_headline",
    "label_end",
    "named_label",
    "outermost_quotations",
    "read_interview",
    "signature_end",
    "split_stray_frames",
    "title_cased",
    "unmarked",
]


def embedded(text: str, para_start: int, quote: QuoteSpan) -> bool:
    """Whether a quotation sits inside a sentence (a fragment) rather than standing alone:
    the text before its opening mark, in its paragraph, ends in a word, a figure or a
    closing mark (but not one after a full stop, before a capital: a new sentence).

    Args:
        text: The text.
        para_start: Where the quotation's paragraph starts.
        quote: The quotation.
    """
    before = text[para_start : quote.mark_start].rstrip()
    if not before:
        return False
    if len(before) > 1 and before[-2] in ".!?" and before[-1] in CLOSING_MARKS:
        # "… on “Morning Round.” “But …”": the sentence ended inside the last quotation
        first = next((c for c in text[quote.start : quote.end] if c.isalnum()), "")
        if first.isupper():
            return False
    return before[-1].isalnum() or before[-1] in _BEFORE_FRAGMENT


_BEFORE_FRAGMENT = "%$€£)" + "".join(m for m in CLOSING_MARKS if m in DOUBLE_MARKS + SINGLE_MARKS)
"""What a fragment follows: a figure, a bracket, a closing double or single mark (a
guillemet before a quotation opens a German one)."""


_LABEL = re.compile(r"([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}):\s")


def label_end(text: str, start: int) -> int:
    """Where the transcript label opening a quotation (``PENCE: …``) ends: the offset of its
    colon, or ``start`` when the quotation starting at ``start`` opens with no label."""
    m = _LABEL.match(text, start)
    return m.end(1) if m is not None and any(c.isalpha() for c in m.group(1)) else start


_TOPIC_DASH = re.compile(r"\s[-‐–—―]+\s?")


def after_topic(text: str, start: int, end: int) -> int:
    """Where a speaker label starts after a topic and a spaced dash, in a lead that ends in
    a colon ("Turnout models matter - Lina Berg: “…”", "… all along -More from Berg:
    “…”"): after the last such dash in ``[start, end)``, or ``start`` when there is none."""
    ends = [m.end() for m in _TOPIC_DASH.finditer(text, start, end)]
    return ends[-1] if ends else start


_FRAME_START = re.compile(r"(?:said|says|added|adds|told|tells|asked|asks|wrote|writes)\b")


_SWALLOWED_CUE = re.compile(
    r",\s+(?:(?:[A-Z][\w'’.-]*\s+){1,3}|(?:he|she|they)\s+)"
    r"(?:said|says|added|adds|told \w+|explained|wrote)\s*[.!?]?\s*$"
)
"""An attribution that ends an unclosed quotation: "…, Walsh said." (the mark never closed)."""


def split_stray_frames(
    text: str, spans: list[QuoteSpan]
) -> tuple[list[QuoteSpan], list[tuple[int, int]]]:
    """Separate unclosed "quotations" that are really attributions after a stray mark.

    An unclosed span that is not part of a multi-paragraph quotation, follows a closed
    quotation in its paragraph, is short, and starts with a reporting verb (“said X.) is
    returned as a frame ``(start, end)`` rather than a quotation. An unclosed quotation
    that ends with its own attribution (“This is a historic day, Walsh said.) is cut before
    it, and the attribution becomes a frame.
    """
    keep: list[QuoteSpan] = []
    frames: list[tuple[int, int]] = []
    continued = {q.continues for q in spans if q.continues is not None}
    for q in spans:
        m = None
        if q.close_mark is None and q.continues is None and q.start not in continued:
            m = _SWALLOWED_CUE.search(text, q.start, q.end)
        if m is not None and m.start() > q.start:
            # “This is a historic day for our state, Walsh said. (the closing mark is missing)
            cut = m.start() + 1
            keep.append(attrs.evolve(q, end=cut, mark_end=cut))
            frames.append((cut, q.end))
            continue
        stray = (
            q.close_mark is None
            and q.continues is None
            and q.start not in continued
            and q.end - q.start <= 60
            and bool(keep)
            and keep[-1].paragraph == q.paragraph
            and _FRAME_START.match(text, q.start) is not None
        )
        if stray:
            frames.append((q.start, q.end))
        else:
            keep.append(q)
    return keep, frames


Quotations = tuple[list[QuoteSpan], list[tuple[int, int]]]
"""A text's outermost quotations and its frames (``(start, end)`` offsets): the stretches
outside the quotations that say who spoke them, stray-mark attributions and an interview's
introduction."""


def outermost_quotations(text: str) -> Quotations:
    """The outermost quotations of ``text`` and the frames among them.

    The quotations are the outermost marked ones (less the stray-mark frames, see
    :func:`split_stray_frames`) and, in an interview (:func:`read_interview`), its questions
    and answers in place of the marked quotations from its first question on (those lie
    inside them); the interview's introduction is a frame.

    Returns:
        ``(quotations, frames)``, each in text order; two empty lists for a text with no
        quotation.
    """
    spans = [q for q in find_quotes(text) if q.depth == 0]
    kept, frames = split_stray_frames(text, spans) if spans else ([], [])
    talk = read_interview(text, spans)
    if talk is None:
        return kept, frames
    kept = [q for q in kept if q.mark_start < talk.start] + list(talk.spans)
    frames = [f for f in frames if f[0] < talk.start]
    if talk.intro is not None:
        frames = sorted([*frames, talk.intro])
    return kept, frames


# --- interviews: questions and answers with no quotation marks --------------------------

_QA_LABEL = re.compile(r"(?:(?P<q>Q|QUESTION|Question)|A|ANSWER|Answer)(?::[ \t]*|\.[ \t]+)")
"""A question's or an answer's label at the start of a paragraph: ``Q:``, ``Q.``,
``Question:``, ``A:``, ``A.``, ``Answer:``."""

_QUESTION_START = re.compile(
    r"(?:^|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])[ \t]*(?:Q|QUESTION|Question)(?::|\.[ \t])"
)

INTRO_PARAGRAPHS = 3
"""An interview's introduction: at most this many paragraphs before its first question."""

SIGNATURE_CHARS = 60
"""A reader's signature after a question (``Jane R, Fulford``) is at most this long."""

_NAME_WORD = re.compile(r"[A-Z][\w'’-]*\.?")


@attrs.frozen
class Interview:
    """The questions and answers of an interview, read from the text alone.

    Attributes:
        spans: The questions and answers as quotations with no marks, in text order. The
            first paragraph of each has its label for ``open_mark`` (``Q:``, ``A.``,
            ``JANE ROE:``), running from ``mark_start`` to just before the words; each
            paragraph after it, up to the next label, is a part of its own (``open_mark``
            ``""``, ``continues`` the part before). ``close_mark`` is ``None``; a question
            ends before the signature of the reader who sent it.
        start: Offset of the first question's paragraph: no marked quotation counts from
            there on.
        intro: The ``(start, end)`` offsets of the introduction (the paragraphs before the
            first question, at most :data:`INTRO_PARAGRAPHS`), or ``None``.
    """

    spans: tuple[QuoteSpan, ...]
    start: int
    intro: tuple[int, int] | None


def unmarked(q: QuoteSpan) -> bool:
    """Whether a quotation has no marks: a question or an answer of an interview."""
    return not q.open_mark or q.open_mark[0] not in QUOTE_CHARS


def interview_role(label: str) -> str | None:
    """``"question"`` or ``"answer"`` for the label of an interview's paragraph (``Q:``,
    ``A.``, or a name, ``JANE ROE:``, which answers), ``None`` for anything else."""
    m = _QA_LABEL.fullmatch(label + " ")
    if m is not None:
        return "question" if m.group("q") else "answer"
    return "answer" if _LABEL.fullmatch(label + " ") is not None else None


def named_label(label: str) -> bool:
    """Whether an interview's label is a name (``JANE ROE:``) rather than ``A:`` or ``Q:``."""
    return _QA_LABEL.fullmatch(label + " ") is None and interview_role(label) == "answer"


def introduction_paragraphs(spans: Sequence[QuoteSpan]) -> range:
    """The paragraphs of an interview's introduction (see :attr:`Interview.intro`), from the
    quotations of its text: empty when they hold no question."""
    first = next(
        (q.paragraph for q in spans if unmarked(q) and interview_role(q.open_mark) == "question"),
        None,
    )
    if first is None:
        return range(0)
    return range(max(0, first - INTRO_PARAGRAPHS), first)


def signature_end(text: str, start: int, end: int) -> int:
    """Where a question in ``text[start:end]`` ends before the signature of the reader who
    sent it: ``end`` when it has none.

    A signature follows the question's last question mark: a name of one to four
    capitalized words or initials, then at most two places after commas (``Jane R,
    Fulford``, ``Tom Ellis, Acomb, York.``), at most :data:`SIGNATURE_CHARS` long.
    """
    mark = text.rfind("?", start, end)
    if mark < 0 or end - mark > SIGNATURE_CHARS + 2 or not text[mark + 1 : mark + 2].isspace():
        return end
    return mark + 1 if is_signature(text[mark + 1 : end]) else end


def is_signature(line: str) -> bool:
    """Whether ``line`` is a reader's signature: ``Jane R, Fulford`` (see
    :func:`signature_end`)."""
    line = line.strip()
    if not line or len(line) > SIGNATURE_CHARS:
        return False
    parts = [p.split() for p in line.removesuffix(".").split(",")]
    if len(parts) > 3 or any(not p for p in parts) or len(parts[0]) > 4:
        return False
    if len(parts) == 1 and len(parts[0]) < 2:
        return False  # "Thanks." is no one's name
    words = [w for p in parts for w in p]
    if not all(_NAME_WORD.fullmatch(w) or w in PARTICLES for w in words):
        return False
    return all(_NAME_WORD.fullmatch(p[0]) and _NAME_WORD.fullmatch(p[-1]) for p in parts)


def _labels(text: str, bounds: list[tuple[int, int]]) -> list[tuple[str, int, str] | None]:
    """Per paragraph: ``(role, end of the label, label)`` for a question or an answer
    label (role ``q`` or ``a``), ``("n", …)`` for a name label, ``None`` otherwise."""
    out: list[tuple[str, int, str] | None] = []
    for lo, hi in bounds:
        m = _QA_LABEL.match(text, lo, hi)
        if m is not None and m.end() < hi:
            out.append(("q" if m.group("q") else "a", m.end(), text[lo : m.end()].rstrip()))
            continue
        n = _LABEL.match(text, lo, hi)
        if n is not None and n.end() < hi and any(c.isalpha() for c in n.group(1)):
            out.append(("n", n.end(), n.group(1) + ":"))
            continue
        out.append(None)
    return out


def read_interview(text: str, marked: Sequence[QuoteSpan] = ()) -> Interview | None:
    """The questions and answers of ``text``, when it is an interview.

    A text is an interview when its paragraphs alternate questions, each opening with
    ``Q:`` (``Q.``, ``Question:``), and answers, each opening with ``A:`` (``A.``,
    ``Answer:``) or with one and the same name label (``JANE ROE:``): first a question, at
    least two of each. Each answer, and the paragraphs after it up to the next question,
    are quotations of the interviewee, with no marks; each question, and the paragraphs
    after it up to the answer, are the interviewer's or the signing reader's (a line
    holding only a signature, right before the answer, is no part of the question). See
    :class:`Interview`. A signature is cut off only where no marked quotation runs across
    the cut (``Q: What of the “plan? Jane R, Fulford`` keeps its last words).

    Args:
        text: Any string.
        marked: Its outermost marked quotations.

    Returns:
        The interview, or ``None`` when the text is none.
    """
    if len(list(itertools.islice(_QUESTION_START.finditer(text), 2))) < 2:
        return None  # the common case, found without reading paragraphs
    bounds = paragraph_bounds(text)
    labels = _labels(text, bounds)
    answer = "a"
    if sum(1 for x in labels if x is not None and x[0] == "a") < 2:
        names: dict[str, int] = {}
        for x in labels:
            if x is not None and x[0] == "n":
                names[x[2]] = names.get(x[2], 0) + 1
        name = max(names, key=lambda k: names[k], default=None)
        if name is None or names[name] < 2:
            return None
        answer = name
    turns = [
        (p, "q" if x[0] == "q" else "a")
        for p, x in enumerate(labels)
        if x is not None and (x[0] == "q" or x[0] == answer or x[2] == answer)
    ]
    roles = [r for _, r in turns]
    if roles[:1] != ["q"] or roles.count("a") < 2 or roles.count("q") < 2:
        return None
    if any(a == b for a, b in itertools.pairwise(roles)):
        return None  # questions and answers alternate
    by_para: dict[int, list[QuoteSpan]] = {}
    for m in marked:
        by_para.setdefault(m.paragraph, []).append(m)
    spans: list[QuoteSpan] = []
    for k, (p, role) in enumerate(turns):
        last = turns[k + 1][0] if k + 1 < len(turns) else len(bounds)
        if role == "q" and last - 1 > p and is_signature(text[slice(*bounds[last - 1])]):
            last -= 1  # the reader's signature on a line of its own
        label = labels[p]
        assert label is not None
        spans.extend(_turn(text, bounds, p, last, label, role, by_para))
    first = bounds[turns[0][0]][0]
    intro = None
    if turns[0][0] > 0:
        lo = max(0, turns[0][0] - INTRO_PARAGRAPHS)
        intro = (bounds[lo][0], bounds[turns[0][0] - 1][1])
    return Interview(tuple(spans), first, intro)


def _turn(
    text: str,
    bounds: list[tuple[int, int]],
    p: int,
    last: int,
    label: tuple[str, int, str],
    role: str,
    marked: dict[int, list[QuoteSpan]],
) -> list[QuoteSpan]:
    """The parts of one question or answer: paragraphs ``p`` to ``last`` (excluded)."""
    out: list[QuoteSpan] = []
    for i in range(p, last):
        lo, hi = bounds[i]
        start = label[1] if i == p else lo
        end = signature_end(text, start, hi) if role == "q" and i == last - 1 else hi
        if any(m.mark_start < end < m.mark_end for m in marked.get(i, ())):
            end = hi  # a quotation runs on past the question mark: no signature
        end = len(text[start:end].rstrip()) + start
        if end <= start:
            continue
        out.append(
            QuoteSpan(
                start=start,
                end=end,
                open_mark=label[2] if i == p else "",
                close_mark=None,
                mark_start=lo,
                mark_end=end,
                paragraph=i,
                continues=out[-1].start if out else None,
            )
        )
    return out


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def title_cased(text: str) -> tuple[int, int]:
    """How many words ``text`` has (short function words left out), and how many of them
    start with a capital letter."""
    words = [w for w in _WORD.findall(text) if w.lower() not in MINOR_WORDS]
    return len(words), sum(1 for w in words if w[:1].isupper())


def is_headline(text: str) -> bool:
    """Whether a paragraph is a title-cased line, every word but short function words
    capitalized: a headline or a subheading, whose capitalized verbs ("Warren Hammers
    Wells Fargo CEO") would run into names."""
    if "\n" in text.strip():
        return False
    n, caps = title_cased(text)
    return n >= 4 and caps == n


_LETTERED = re.compile(r"[^\W_][\w'’.-]*")


def folded_words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without the apostrophes, dots and hyphens at
    their ends: the form in which a headline's words are compared with a quotation's."""
    return [w.lower().strip("'’.-") for w in _LETTERED.findall(text)]


def contains_words(seq: list[str], sub: list[str]) -> bool:
    """Whether the words ``sub`` occur in ``seq``, in order and together."""
    n = len(sub)
    return any(seq[i : i + n] == sub for i in range(len(seq) - n + 1))
