"""Quoted words that are nobody's quotation, told from the text and its parse.

Three tests, each run before a quotation is returned (see :mod:`quoteattr._build`):
:func:`headline_title` (a title-cased phrase of a headline or subheading),
:func:`headline_echo` (a headline's quotation quoted again in the body) and
:func:`work_title` (the title of a work, or a nickname, inside a sentence). Such words are
returned as ``kind="scare"`` only when asked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ._context import Context
from ._lexicon import MINOR_WORDS
from ._quotations import contains_words, folded_words, title_cased
from .cues import cue_lemma
from .marks import CLOSING_MARKS, QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["LINE_WINDOW", "headline_echo", "headline_title", "work_title"]


LINE_WINDOW = 300
"""Characters of a quotation's line read on either side of it by :func:`headline_title`: a
headline is far shorter, and a paragraph may hold thousands of quotations."""


def headline_title(ctx: Context, q: QuoteSpan) -> bool:
    """Whether a quotation is a title-cased phrase of a headline or a subheading.

    Headlines and subheadings capitalize every word, quoted words included
    ("Christie Calls Clinton ‘A Disgrace’ Over Police Comments", "'All Bets Are Off.'"
    standing alone as a paragraph). Such a quotation is a re-cased label, not the words as
    said: it is no quotation, even with a cue ("…, Lindsey Graham Says"). A quotation counts
    when all its words are capitalized and so are nearly all the words of its line outside
    it (at least three of them; or all of one or two, for a quotation of three words or
    more: "Kasich: ‘We Are Going All The Way’"), or when it is a whole paragraph of two to
    eight such words. Of a long line, only the :data:`LINE_WINDOW` characters on either
    side of the quotation are read.
    """
    if q.close_mark is None:
        return False
    n, caps = title_cased(ctx.text[q.start : q.end])
    if caps < n or (n == 0 and not ctx.text[q.start : q.end].strip()):
        return False
    para = ctx.para_of(q)
    lo = max(para.start, q.mark_start - LINE_WINDOW)
    hi = min(para.end, q.mark_end + LINE_WINDOW)
    line_start = ctx.text.rfind("\n", lo, q.mark_start) + 1 or lo
    line_end = ctx.text.find("\n", q.mark_end, hi)
    line = ctx.text[line_start : hi if line_end < 0 else line_end]
    outside = line.replace(ctx.text[q.mark_start : q.mark_end], " ")
    if not outside.strip(" \t.!?"):
        return 2 <= n <= 8
    m, mcaps = title_cased(outside)
    if n >= 3 and 1 <= m < 3:
        return mcaps == m  # "Kasich: ‘We Are Going To Go All The Way’"
    return n >= 1 and m >= 3 and mcaps >= 0.85 * m


def headline_echo(ctx: Context, qi: int) -> bool:
    """Whether a quotation of the text's opening line (its headline) is quoted again below.

    "De Blasio says explosion was an 'intentional act'" heads an article that quotes the
    words in full with their context; the headline's copy is an echo, not another quotation.
    The line must read as a headline: one short line, the quotation inside it, and no verb
    of saying in the past tense (a lede reports with "said"; headlines say "says").
    """
    q = ctx.quotes[qi]
    if q.paragraph != 0:
        return False
    para = ctx.para_of(q)
    if para.end - para.start > 200 and not _padded(ctx.text, para.start, para.end):
        return False  # a long paragraph (read no further: it may hold many quotations)
    line = ctx.text[para.start : para.end].strip()
    if "\n" in line or len(line) > 200 or ctx.opens_paragraph(q):
        return False
    if line.rstrip(CLOSING_MARKS + ")").endswith(".") and q.open_mark not in ("'", "‘"):
        return False  # a lead sentence, not a headline (which quotes in single marks)
    if not ctx.embedded(q) and not ctx.text[para.start : q.mark_start].rstrip().endswith(":"):
        return False  # a headline quotes inside its line ("calls it ‘crazy’", "Lynch: ‘…’")
    toks = ctx.outside(para.start, para.end)
    if any(t.tag_ == "VBD" and cue_lemma(t, ctx.lexicon) for t in toks):
        return False  # headlines report in the present ("says", "calls"); a lede, "said"
    words = folded_words(ctx.text[q.start : q.end])
    if not words:
        return False
    for later in ctx.quotes[qi + 1 :]:
        if later.paragraph == 0:
            continue
        body = folded_words(ctx.text[later.start : later.end])
        if contains_words(body, words):
            return True
    return False


def _padded(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins or ends with white space (paragraphs do not)."""
    return text[start].isspace() or text[end - 1].isspace()


def work_title(ctx: Context, qi: int) -> bool:
    """Whether a title-cased quoted phrase inside a sentence names a work or is a nickname.

    "performed “Shake It Off”", "appeared on “60 Minutes”", "his favorite book is “One
    Hundred Years of Solitude”", "Dwayne “The Rock” Johnson": every word is capitalized, and
    the phrase stands inside a name or is governed by a verb that is not a verb of saying
    (unlike "Trump called her “Miss Piggy”", which is Trump's phrase).
    """
    q = ctx.quotes[qi]
    words = [
        w for w in _TITLE_WORD.findall(ctx.text[q.start : q.end]) if w.lower() not in MINOR_WORDS
    ]
    if not words or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    before = ctx.text[max(0, q.mark_start - 30) : q.mark_start]
    after = ctx.text[q.mark_end : q.mark_end + 30]
    if re.search(r"[A-Z][\w.]* $", before) and re.match(r" [A-Z]", after):
        return True  # a nickname inside a name
    toks = ctx.tokens(q.start, q.end)
    inside = {t.i for t in toks}
    for tok in toks:
        node = via = tok
        while node.head.i != node.i and node.i in inside:
            via, node = node, node.head
        if node.i in inside or ctx.inside(node) is not None:
            continue
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            via, node = node, node.head  # "appeared on “60 Minutes”": through the preposition
        if node.pos_ == "AUX" or node.lemma_ == "be":
            # "his favorite book is “…”" names a work; "were “Mostly False”" rates
            return _nominal_root(toks, inside)
        if node.pos_ == "VERB":
            return cue_lemma(node, ctx.lexicon) is None or _not_content(node, via)
        return False
    return False


def _not_content(verb: Token, via: Token) -> bool:
    """Whether what hangs from a verb of saying by ``via`` is where or to whom it was said,
    not what: "said on “Meet the Press”", "told CBC's “The Current”"."""
    if via.dep_ == "prep":
        return via.lower_ in ("on", "in")
    return via.dep_ in ("dobj", "dative") and str(verb.lemma_) in ("tell", "ask")


def _nominal_root(toks: Sequence[Token], inside: set[int]) -> bool:
    """Whether the quoted words form a noun phrase (their root is a noun or a number)."""
    roots = [t for t in toks if not t.is_punct and (t.head.i not in inside or t.head.i == t.i)]
    return bool(roots) and all(t.pos_ in ("NOUN", "PROPN", "NUM") for t in roots)


_TITLE_WORD = re.compile(r"[^\W_][\w'’.-]*")
