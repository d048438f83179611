"""Invariants every output of :func:`quoteattr.find_quotes` and the extractor must satisfy.

Shared by the fuzz regressions (``tests/fuzz``), the adversarial tests and the fuzz driver
``benchmarks/fuzz_quotes.py``. Each checker raises :class:`InvariantError` naming the first
broken property; it never relies on the result being *linguistically* right, only on it being
well formed:

* offsets index the input: ``text[q.start:q.end] == q.text`` (mentions and cues too);
* ``0 <= start <= end <= len(text)``;
* the output is sorted;
* spans at the same depth never overlap, and a nested span lies inside its parent;
* nothing is lost: with ``include_scare=True`` the extractor returns a quote for every
  outermost span the mark parser found (less the stray attribution frames it sets aside);
  in an interview (paragraphs opening with ``Q:`` and ``A:`` labels), from its first
  question on, the quotes are either those spans, or the questions and answers, which
  carry no marks: each lies in one paragraph, right after its label or from the paragraph's
  start, up to its end or a reader's signature, and holds every marked span of its words;
* with ``include_indirect=True``, every reported clause indexes the input, is trimmed, and
  overlaps no direct quotation (marks included);
* every speaker's name is one a reader would accept on sight (:func:`name_problems`): written
  in the text, no possessive, no lower-case word before a capitalized one, no pronoun or
  determiner, no dateline, no word twice in a row.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from typing import Any

from quoteattr._lexicon import MINOR_WORDS
from quoteattr._names import PARTICLES
from quoteattr._quotations import split_stray_frames
from quoteattr.marks import QUOTE_CHARS, QuoteSpan, find_quotes, paragraph_bounds
from quoteattr.model import Quote

__all__ = [
    "InvariantError",
    "check_extract",
    "check_indirect",
    "check_marks",
    "check_names",
    "check_quotes",
    "name_problems",
]


class InvariantError(AssertionError):
    """An output broke one of the invariants above."""


def _fail(what: str, item: Any) -> None:
    raise InvariantError(f"{what}: {item!r}")


def _in_bounds(text: str, start: int, end: int) -> bool:
    return 0 <= start <= end <= len(text)


def check_marks(text: str, spans: Sequence[QuoteSpan] | None = None) -> list[QuoteSpan]:
    """Run (or take) ``find_quotes(text)`` and check every structural invariant."""
    if spans is None:
        spans = find_quotes(text)
    bounds = paragraph_bounds(text)
    keys = [(s.start, s.depth) for s in spans]
    if keys != sorted(keys):
        _fail("spans not sorted by (start, depth)", keys)
    starts_by_para: dict[int, set[int]] = {}
    for s in spans:
        if not _in_bounds(text, s.start, s.end):
            _fail("span offsets out of range", s)
        if not 0 <= s.mark_start <= s.start or not s.end <= s.mark_end <= len(text):
            _fail("marks do not enclose the content", s)
        if text[s.mark_start : s.mark_start + len(s.open_mark)] != s.open_mark:
            _fail("open_mark does not index the text", s)
        if s.close_mark is not None and text[s.mark_end - len(s.close_mark) : s.mark_end] != (
            s.close_mark
        ):
            _fail("close_mark does not index the text", s)
        if s.close_mark is None and s.mark_end != s.end:
            _fail("unclosed span with mark_end != end", s)
        if s.start == s.end:
            _fail("empty span", s)
        if not 0 <= s.paragraph < len(bounds):
            _fail("paragraph index out of range", s)
        lo, hi = bounds[s.paragraph]
        if not (lo <= s.mark_start and s.mark_end <= hi):
            _fail("span crosses its paragraph", (s, (lo, hi)))
        if s.depth < 0:
            _fail("negative depth", s)
        starts_by_para.setdefault(s.paragraph, set()).add(s.start)
    for s in spans:
        if s.continues is not None and (
            s.depth != 0 or s.continues not in starts_by_para.get(s.paragraph - 1, set())
        ):
            _fail("continues is not the start of a quotation of the previous paragraph", s)
    # same depth: no overlap (marks included); deeper spans nest inside a shallower one
    by_depth: dict[int, list[QuoteSpan]] = {}
    for s in spans:
        by_depth.setdefault(s.depth, []).append(s)
    for depth, group in by_depth.items():
        group = sorted(group, key=lambda s: s.mark_start)
        for a, b in itertools.pairwise(group):
            if b.mark_start < a.mark_end:
                _fail(f"spans of depth {depth} overlap", (a, b))
        if depth:  # parents do not overlap: the candidate is the last starting before
            parents = sorted(by_depth.get(depth - 1, []), key=lambda p: p.start)
            starts = [p.start for p in parents]
            for s in group:
                i = bisect.bisect_right(starts, s.mark_start) - 1
                if i < 0 or s.mark_end > parents[i].end:
                    _fail("nested span outside every parent", s)
    return list(spans)


def check_quotes(text: str, quotes: Sequence[Quote]) -> None:
    """Check the offsets, order and consistency of an extractor's output for ``text``."""
    previous_end = -1
    starts = set()
    for q in quotes:
        if not isinstance(q, Quote):
            _fail("not a Quote", q)
        if not _in_bounds(text, q.start, q.end):
            _fail("quote offsets out of range", q)
        if text[q.start : q.end] != q.text:
            _fail("quote text does not index the input", q)
        if q.start < previous_end:
            _fail("quotes unsorted or overlapping", q)
        previous_end = q.end
        if q.continues is not None and q.continues not in starts:
            _fail("continues is not the start of an earlier quote", q)
        if (q.continues is None) != (q.part == 0):
            _fail("part and continues disagree", q)
        starts.add(q.start)
        if q.cue is not None:
            c = q.cue
            if not _in_bounds(text, c.start, c.end) or text[c.start : c.end] != c.text:
                _fail("cue does not index the input", q)
            if c.start < q.end and q.start < c.end:
                _fail("cue overlaps its own quotation", q)
        if q.speaker is None:
            if q.confidence != 0.0 or q.rule != "none":
                _fail("no speaker but a rule or confidence", q)
            continue
        unresolved = q.speaker.name == "" and q.speaker.kind == "unknown"  # documented
        if not q.speaker.name.strip() and not (unresolved and q.speaker.mention is not None):
            _fail("blank speaker name", q)
        m = q.speaker.mention
        if m is not None and (
            not _in_bounds(text, m.start, m.end) or text[m.start : m.end] != m.text
        ):
            _fail("mention does not index the input", q)
        label = q.rule == "transcript_label" and m is not None and m.start == q.start
        if m is not None and m.start < q.end and q.start < m.end and not label:
            _fail("speaker mention overlaps its own quotation", q)  # a transcript's label may
        if label and m is not None and m.end >= q.end:
            _fail("a transcript label with nothing quoted after it", q)


def check_extract(text: str, quotes: Sequence[Quote], *, include_scare: bool) -> None:
    """:func:`check_quotes`, plus: with ``include_scare`` every outermost span is returned
    (in an interview, the marked spans or the questions and answers that hold them)."""
    check_quotes(text, quotes)
    outer = [s for s in find_quotes(text) if s.depth == 0]
    kept, _frames = split_stray_frames(text, outer)
    bounds = paragraph_bounds(text)
    talk = _interview_start(text, bounds)
    cut = len(text) + 1 if talk is None else talk
    got = [(q.start, q.end) for q in quotes if q.start < cut]
    want = [(s.start, s.end) for s in kept if s.mark_start < cut]
    _check_marked(got, want, include_scare)
    got_after = [q for q in quotes if q.start >= cut]
    want_after = [s for s in kept if s.mark_start >= cut]
    marked = [(q.start, q.end) for q in got_after]
    if not any(_interview_shaped(text, bounds, q) for q in got_after):
        _check_marked(marked, [(s.start, s.end) for s in want_after], include_scare)
        return
    for q in got_after:
        if not _interview_shaped(text, bounds, q):
            _fail("an interview's quote that is neither a question nor an answer", q)
    if include_scare:
        for s in want_after:
            if not any(a <= s.mark_start and s.mark_end <= b for a, b in marked):
                _fail("a marked quotation lost in an interview", s)
        covered = {q.paragraph for q in got_after}
        for i, (lo, hi) in enumerate(bounds):
            if lo < cut:
                continue
            label = _QUESTION_LINE.match(text, lo, hi)
            if label is not None and label.end() < hi:
                if not any(a == _skip_space(text, label.end(), hi) for a, _ in marked):
                    _fail("an interview's question lost", text[lo:hi])
            elif i not in covered and not _signature_line(text[lo:hi]):
                _fail("a paragraph of an interview lost", text[lo:hi])


def _check_marked(got: list[tuple[int, int]], want: list[tuple[int, int]], scare: bool) -> None:
    if scare:
        if got != want:
            _fail("quotes lost or invented (include_scare=True)", (got, want))
    elif not set(got) <= set(want):
        _fail("quotes the mark parser did not find", (got, want))


_QUESTION_LINE = re.compile(r"(?:Q|QUESTION|Question)(?::[ \t]*|\.[ \t]+)")
_ANSWER_LINE = re.compile(
    r"(?:A|ANSWER|Answer)(?::[ \t]*|\.[ \t]+)|[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}:\s+"
)
_SIGNATURE = re.compile(r"\s+[A-Z][^\n" + re.escape("".join(QUOTE_CHARS - {"'", "’"})) + r"]{0,59}")
"""A reader's signature after a question: short, capitalized, no quotation mark (an
apostrophe may sit in a name: ``Sean O'Brien``)."""


def _signature_line(line: str) -> bool:
    """A reader's signature on a line of its own: short, every word capitalized (or a
    particle), no colon (that is a label)."""
    words = [w for w in re.split(r"[\s,]+", line) if w]
    return (
        len(line) <= 60
        and ":" not in line
        and _SIGNATURE.fullmatch(" " + line) is not None
        and all(w[:1].isupper() or w in PARTICLES for w in words)
    )


def _interview_start(text: str, bounds: Sequence[tuple[int, int]]) -> int | None:
    """Where an interview may start: the first of two or more paragraphs opening with a
    question label, when two or more others open with an answer label or a name label (a
    looser reading than the extractor's, which also wants them to alternate)."""
    questions = [lo for lo, hi in bounds if _QUESTION_LINE.match(text, lo, hi)]
    answers = [lo for lo, hi in bounds if _ANSWER_LINE.match(text, lo, hi)]
    return questions[0] if len(questions) >= 2 and len(answers) >= 2 else None


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _interview_shaped(text: str, bounds: Sequence[tuple[int, int]], q: Quote) -> bool:
    """Whether a quote is a question or an answer of an interview: a direct quote of one
    paragraph, right after its label or from its start, up to its end or (a question) a
    signature, trimmed, with no mark right before or after it."""
    if q.kind != "direct" or not 0 <= q.paragraph < len(bounds):
        return False
    lo, hi = bounds[q.paragraph]
    if not (lo <= q.start < q.end <= hi) or q.text != q.text.strip():
        return False
    lead = text[lo : q.start]
    labelled = any(
        (m := r.match(text, lo, q.start)) is not None and m.end() == q.start
        for r in (_QUESTION_LINE, _ANSWER_LINE)
    )
    if lead and not labelled:
        return False
    tail = text[q.end : hi]
    return not tail or (q.text.endswith("?") and _SIGNATURE.fullmatch(tail) is not None)


def check_indirect(text: str, quotes: Sequence[Quote]) -> None:
    """Check an output with reported speech: the quotations keep every invariant of
    :func:`check_quotes`, and each ``indirect`` quote indexes the input, is trimmed and
    non-empty, and overlaps no direct quotation's marks. (It may hold or overlap a partial
    quote, and its cue and mention may lie inside it: "S1, X said, S2".)"""
    check_quotes(text, [q for q in quotes if q.kind != "indirect"])
    if [q.start for q in quotes] != sorted(q.start for q in quotes):
        _fail("quotes unsorted", quotes)
    direct = {q.start for q in quotes if q.kind == "direct"}
    marks = [(s.mark_start, s.mark_end) for s in find_quotes(text) if s.start in direct]
    for q in quotes:
        if q.kind != "indirect":
            continue
        if not _in_bounds(text, q.start, q.end) or text[q.start : q.end] != q.text:
            _fail("indirect quote does not index the input", q)
        if not q.text or q.text != q.text.strip():
            _fail("indirect quote empty or untrimmed", q)
        if any(q.start < b and a < q.end for a, b in marks):
            _fail("indirect quote overlaps a direct quotation", q)
        c = q.cue
        if c is None or not _in_bounds(text, c.start, c.end) or text[c.start : c.end] != c.text:
            _fail("indirect cue missing or not indexing the input", q)
        m = q.speaker.mention if q.speaker is not None else None
        if m is not None and (
            not _in_bounds(text, m.start, m.end) or text[m.start : m.end] != m.text
        ):
            _fail("indirect mention does not index the input", q)


# --- names a reader would accept ---------------------------------------------------------------

_FUNCTION_WORDS = frozenset(
    """
    he she it they we i you him her them us me his hers its their theirs our ours my mine your
    yours himself herself itself themselves ourselves myself yourself who whom whose which
    what that this these those the a an someone somebody anyone anybody none everyone
    everybody
    """.split()
)
"""Pronouns, articles and demonstratives: a name is never one of them, nor opens with one."""

_QUANTIFIERS = frozenset("one some any each every another other others no few many".split())
"""Words a description of an unnamed speaker may open with ("one patient"), but no name
is only."""

_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_DATELINE_AFTER = re.compile(r"\s*(?:[,—–―-]|--)")


def _written(text: str, word: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text) is not None


def _dateline(text: str, name: str) -> bool:
    if not (name.isupper() and sum(c.isalpha() for c in name) >= 3):
        return False
    for m in re.finditer(r"(?:^|\n)\s*" + re.escape(name), text):
        if _DATELINE_AFTER.match(text, m.end()):
            return True
    return False


def name_problems(text: str, name: str) -> list[str]:
    """Why a reader would reject ``name`` as a speaker's name in ``text`` (empty: none).

    The reasons: ``unwritten`` (a word of it is nowhere in the text: a name is written as
    the text writes it, or put together from its mentions), ``possessive`` ("Erik
    Larsen's"), ``lowercase`` (a lower-case word right before a capitalized one that is no
    particle or short function word: "hydrologist Maya Lindqvist"), ``pronoun`` (a
    pronoun or a determiner, or a name opening with one: "herself", "someone", "the
    minister"), ``dateline`` (an
    upper-case place that opens a line before a dash or comma: "WASHINGTON") and
    ``repeated`` (a word twice in a row: "Jordan Jordan").

    Example:
        >>> name_problems("Erik Larsen's plan", "Erik Larsen's")
        ['possessive']
        >>> name_problems("“Go,” said hydrologist Maya Lindqvist.", "hydrologist Maya Lindqvist")
        ['lowercase']
    """
    words = [w for w in re.split(r"\s+|,\s*", name.strip()) if w]
    if not words:
        return []
    out = []
    if any(not _written(text, w) for w in words if w != "and"):
        out.append("unwritten")
    if any(_POSSESSIVE.search(w) for w in words):
        out.append("possessive")
    allowed = PARTICLES | MINOR_WORDS
    for w, nxt in itertools.pairwise(words):
        if w[:1].islower() and w not in allowed and nxt[:1].isupper():
            out.append("lowercase")  # a title glued on: "hydrologist Maya", "boss Klaus"
            break
    if words[0].lower() in _FUNCTION_WORDS or (
        len(words) == 1 and words[0].lower() in _QUANTIFIERS
    ):
        out.append("pronoun")
    if _dateline(text, name):
        out.append("dateline")
    if any(a.lower() == b.lower() for a, b in itertools.pairwise(words)):
        out.append("repeated")
    return out


def check_names(text: str, quotes: Sequence[Quote]) -> None:
    """Check that every speaker's name passes :func:`name_problems`."""
    for q in quotes:
        if q.speaker is not None and q.speaker.name:
            problems = name_problems(text, q.speaker.name)
            if problems:
                _fail(f"speaker name rejected ({', '.join(problems)})", q.speaker.name)
