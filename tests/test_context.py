"""The document view answers from a window around what is asked, with the same answers as
reading the whole paragraph (issue 22: a paragraph of many quotations was quadratic)."""

from __future__ import annotations

from typing import Any

import pytest

from quoteattr import _rules
from quoteattr._parsing import Para, parse, tokenize, window
from quoteattr._quotations import after_topic, embedded, outermost_quotations
from quoteattr._scare import LINE_WINDOW, headline_title
from quoteattr.marks import paragraph_bounds


def test_tokens_with_a_limit_are_the_first_tokens(view: Any) -> None:
    ctx = view("“One,” said Ann Lee. “Two,” said Bo Chan. “Three,” said Cy Diaz.")
    every = ctx.tokens(0, len(ctx.text))
    for limit in (1, 3, 8, 100):
        assert ctx.tokens(0, len(ctx.text), limit) == every[:limit]
    outside = ctx.outside(0, len(ctx.text))
    for limit in (1, 3, 8, 100):
        assert ctx.outside(0, len(ctx.text), limit) == outside[:limit]


def test_tokens_across_many_windows_of_one_paragraph(nlp: Any) -> None:
    """Windows of one paragraph are found by binary search; the answer is the scan's."""
    from quoteattr._context import Context

    text = " ".join(f"“Word {i},” said Ann Lee {i}." for i in range(30))
    spans, _ = outermost_quotations(text)
    (a, b) = paragraph_bounds(text)[0]
    doc = tokenize(nlp, text)
    cuts = [0, *[i for i, t in enumerate(doc) if t.text == "." and i + 1 < len(doc)], len(doc)]
    pieces = [window(doc, cuts[k] + (k > 0), cuts[k + 1]) for k in range(len(cuts) - 1)]
    parsed = parse(nlp, [d for d, _ in pieces])
    para = Para(0, a, b, [(idx, d) for (_, idx), d in zip(pieces, parsed, strict=True)])
    ctx = Context(text=text, paras=[para], quotes=spans, lexicon=frozenset({"say"}))
    scan = [tok for _, d in para.docs for tok in d]
    offsets = [o for idx, _ in para.docs for o in idx]
    for start, end in [(0, len(text)), (40, 200), (100, 101), (len(text) - 30, len(text))]:
        want = [t for t, o in zip(scan, offsets, strict=True) if start <= o < end]
        assert ctx.tokens(start, end) == want


@pytest.mark.parametrize(
    "text",
    ["Berg called it   “a sham”.", "“A sham.”", "In 2016   “a sham”", "Fine.      “Sham.”"],
)
def test_embedded_reads_the_last_character_before_the_mark(view: Any, text: str) -> None:
    ctx = view(text)
    q = ctx.quotes[0]
    assert ctx.embedded(q) == embedded(text, ctx.para_of(q).start, q)


def test_frames_in_a_range(view: Any) -> None:
    ctx = view("“We will win,” “said Jane Doe. “And we will,” “added Jane Doe.")
    assert ctx.frames
    assert ctx.frames_in(0, len(ctx.text)) == ctx.frames
    first = ctx.frames[0][0]
    assert ctx.frames_in(first + 1, len(ctx.text)) == ctx.frames[1:]
    assert ctx.frames_in(0, first) == []


def test_headline_title_reads_a_window_of_a_long_line(view: Any) -> None:
    """In a long paragraph only the words near the quotation count: far words do not."""
    short = view("Christie Calls Clinton ‘A Disgrace’ Over Police Comments")
    assert headline_title(short, short.quotes[0])
    far = "the committee met on a long day. " * 40
    near = "Mayor Says " * (LINE_WINDOW // 10)
    text = far + near + "‘A Disgrace’ " + near + far
    ctx = view(text)
    assert len(text) > 4 * LINE_WINDOW and headline_title(ctx, ctx.quotes[0])


def test_trailing_cue_and_dash_signature_unchanged(view: Any) -> None:
    ctx = view("“We will win,” said Jane Doe, the mayor, to a crowd of hundreds on Sunday.")
    found = _rules.trailing_cue(ctx, 0)
    assert found is not None and found.speaker is not None and found.speaker.text == "Doe"
    ctx = view("“Be kind to one another.” ― Jorge Falcon")
    found = _rules.dash_signature(ctx, 0)
    assert found is not None and found.speaker is not None and found.speaker.text == "Falcon"


def test_a_label_starts_after_a_topic_and_its_spaced_dash() -> None:
    text = "Turnout matters - Ann Berg: “…”"
    assert text[after_topic(text, 0, len(text)) :].startswith("Ann Berg:")
    glued = "True all along -More from Berg: “…”"
    assert glued[after_topic(glued, 0, len(glued)) :].startswith("More from")
    hyphen = "Jean-Luc Roy: “…”"  # a hyphen inside a name is no topic's dash
    assert after_topic(hyphen, 0, len(hyphen)) == 0
