"""An HTML view of one article with its quotations highlighted by speaker.

:func:`render_html` returns one self-contained page (inline CSS and a few lines of inline
JavaScript, no external assets): the article paragraph by paragraph, each quotation
highlighted in its speaker's colour, the reporting cue and the speaker mention marked, and a
side list of the speakers with their quote counts and descriptions. Hovering a quotation
shows its speaker, rule and confidence; clicking a speaker in the list dims everyone else's
quotations.

Elements carry classes and data attributes for styling and for tests:

* ``mark.quote`` -- one per quotation, with ``data-speaker`` (the speaker key: the speaker's
  :attr:`~quoteattr.model.Speaker.id`, else ``name:`` and the name; empty when
  unattributed), ``data-rule``, ``data-kind`` and ``data-confidence``;
* ``span.mention`` (with ``data-speaker``) and ``span.cue``;
* ``li.speaker`` (with ``data-speaker`` and ``data-count``) in ``aside.speakers``.

Example:
    >>> from quoteattr.model import Quote, Speaker
    >>> page = render_html('"Hi," she said.', [Quote("Hi,", 1, 4, speaker=Speaker("Ann", id="e0"))])
    >>> 'data-speaker="e0"' in page
    True
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from ._speakers import SpeakerGroup, group_by_speaker
from .marks import paragraph_bounds
from .model import Quote, Speaker

__all__ = ["PALETTE", "render_html", "speaker_colours", "speaker_key"]

PALETTE: tuple[tuple[str, str], ...] = (
    ("#1d4ed8", "#dbe7ff"),
    ("#c2410c", "#ffe6d1"),
    ("#15803d", "#d7f5df"),
    ("#7e22ce", "#efdffd"),
    ("#b91c1c", "#fddede"),
    ("#0f766e", "#cdf3ee"),
    ("#a16207", "#fcefb4"),
    ("#be185d", "#fbdceb"),
    ("#4338ca", "#e2e4fd"),
    ("#4d7c0f", "#e6f5c9"),
    ("#0e7490", "#cdf0f8"),
    ("#92400e", "#f6e4cf"),
)
"""Speaker colours as ``(accent, tint)`` pairs: the tint is a quotation's background, the
accent its underline and the colour of the speaker's name."""


# Nesting order at one offset: quotes outside mentions and cues.
_QUOTE, _INNER = 0, 1


def speaker_key(speaker: Speaker | None) -> str:
    """Return the key that identifies a speaker within a document.

    Args:
        speaker: A quote's speaker, or ``None``.

    Returns:
        :attr:`Speaker.key <quoteattr.model.Speaker.key>` (the speaker's ``id``, else
        ``"name:"`` followed by the name); ``""`` for ``None``.
    """
    return "" if speaker is None else speaker.key


def speaker_colours(quotes: Iterable[Quote]) -> dict[str, int]:
    """Give each speaker of a document a palette colour.

    Speakers take the colours of :data:`PALETTE` in order of their first quotation, so the
    first twelve speakers of a document get distinct colours and the same quotes always
    get the same colours.

    Args:
        quotes: The document's quotations.

    Returns:
        A map from :func:`speaker_key` to an index into :data:`PALETTE`.

    Example:
        >>> from quoteattr.model import Quote, Speaker
        >>> quotes = [Quote("a", 5, 6, speaker=Speaker("B", id="e7")),
        ...           Quote("b", 0, 1, speaker=Speaker("A", id="e3"))]
        >>> speaker_colours(quotes)
        {'e3': 0, 'e7': 1}
    """
    colours: dict[str, int] = {}
    for quote in sorted(quotes, key=lambda q: (q.start, q.end)):
        key = speaker_key(quote.speaker)
        if key and key not in colours:
            colours[key] = len(colours) % len(PALETTE)
    return colours


@attrs.frozen
class _Mark:
    """One element to wrap around ``text[start:end]``."""

    start: int
    end: int
    level: int
    open_tag: str
    close_tag: str


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _quote_title(quote: Quote) -> str:
    speaker = quote.speaker
    who = f"{speaker.name} ({speaker.kind})" if speaker is not None else "unattributed"
    lines = [f"Speaker: {who}", f"Rule: {quote.rule}", f"Confidence: {quote.confidence:.2f}"]
    if quote.cue is not None:
        lines.append(f"Cue: {quote.cue.text}")
    if quote.kind != "direct":
        lines.append(f"Kind: {quote.kind}")
    return "\n".join(lines)


def _colour_class(key: str, colours: Mapping[str, int]) -> str:
    return f"c{colours[key]}" if key in colours else "c-none"


def _quote_mark(quote: Quote, colours: Mapping[str, int]) -> _Mark:
    key = speaker_key(quote.speaker)
    classes = f"quote {quote.kind} {_colour_class(key, colours)}"
    if not key:
        classes += " unattributed"
    open_tag = (
        f'<mark class="{classes}" data-speaker="{_attr(key)}" data-rule="{_attr(quote.rule)}"'
        f' data-kind="{_attr(quote.kind)}" data-confidence="{quote.confidence:.2f}"'
        f' title="{_attr(_quote_title(quote))}">'
    )
    return _Mark(quote.start, quote.end, _QUOTE, open_tag, "</mark>")


def _inner_marks(quote: Quote, colours: Mapping[str, int]) -> Iterator[_Mark]:
    speaker = quote.speaker
    if quote.cue is not None and quote.cue.end > quote.cue.start:
        cue = quote.cue
        open_tag = f'<span class="cue" title="{_attr("Cue: " + cue.lemma)}">'
        yield _Mark(cue.start, cue.end, _INNER, open_tag, "</span>")
    if speaker is not None and speaker.mention is not None:
        mention, key = speaker.mention, speaker_key(speaker)
        if mention.end > mention.start:
            open_tag = (
                f'<span class="mention {_colour_class(key, colours)}" data-speaker="{_attr(key)}"'
                f' title="{_attr(speaker.name)}">'
            )
            yield _Mark(mention.start, mention.end, _INNER, open_tag, "</span>")


def _marks(quotes: Iterable[Quote], colours: Mapping[str, int]) -> list[_Mark]:
    found: dict[tuple[int, int, int, str], _Mark] = {}
    for quote in quotes:
        for mark in (_quote_mark(quote, colours), *_inner_marks(quote, colours)):
            found.setdefault((mark.start, mark.end, mark.level, mark.open_tag), mark)
    return list(found.values())


def _clip(marks: Iterable[_Mark], start: int, end: int) -> list[_Mark]:
    clipped = []
    for mark in marks:
        lo, hi = max(mark.start, start), min(mark.end, end)
        if lo < hi:
            clipped.append(attrs.evolve(mark, start=lo, end=hi))
    return clipped


def _render_span(text: str, start: int, end: int, marks: Sequence[_Mark]) -> str:
    """Render ``text[start:end]`` with ``marks`` nested properly.

    Marks open outermost first (longer, then quotes before mentions and cues). A mark that
    ends while a mark opened inside it is still open closes that one and reopens it after.
    """
    opening = sorted(marks, key=lambda m: (m.start, -m.end, m.level))
    cuts = sorted({start, end} | {m.start for m in marks} | {m.end for m in marks})
    out: list[str] = []
    stack: list[_Mark] = []
    pending = iter(opening)
    upcoming = next(pending, None)
    for here, following in itertools.pairwise(cuts):
        _close_ended(stack, here, out)
        while upcoming is not None and upcoming.start == here:
            out.append(upcoming.open_tag)
            stack.append(upcoming)
            upcoming = next(pending, None)
        out.append(html.escape(text[here:following], quote=False))
    _close_ended(stack, end, out)
    return "".join(out)


def _close_ended(stack: list[_Mark], here: int, out: list[str]) -> None:
    ended = [i for i, mark in enumerate(stack) if mark.end <= here]
    if not ended:
        return
    popped = stack[ended[0] :]
    del stack[ended[0] :]
    out.extend(mark.close_tag for mark in reversed(popped))
    for mark in popped:
        if mark.end > here:
            out.append(mark.open_tag)
            stack.append(mark)


def _article(text: str, quotes: Sequence[Quote], colours: Mapping[str, int]) -> str:
    marks = _marks(quotes, colours)
    parts = []
    for index, (start, end) in enumerate(paragraph_bounds(text)):
        body = _render_span(text, start, end, _clip(marks, start, end))
        parts.append(f'<p data-paragraph="{index}">{body}</p>')
    return "\n".join(parts)


def _speaker_item(group: SpeakerGroup, colours: Mapping[str, int]) -> str:
    speaker, count = group.speaker, len(group.quotes)
    key = speaker_key(speaker)
    noun = "quote" if count == 1 else "quotes"
    descriptions = "".join(f"<li>{html.escape(d)}</li>" for d in speaker.descriptions)
    return (
        f'<li class="speaker {_colour_class(key, colours)}" data-speaker="{_attr(key)}"'
        f' data-count="{count}" tabindex="0">'
        f'<div class="speaker-head"><span class="swatch"></span>'
        f'<span class="name">{html.escape(speaker.name)}</span>'
        f'<span class="count">{count} {noun}</span></div>'
        f'<div class="kind">{html.escape(speaker.kind)}</div>'
        + (f'<ul class="descriptions">{descriptions}</ul>' if descriptions else "")
        + "</li>"
    )


def _sidebar(quotes: Sequence[Quote], colours: Mapping[str, int]) -> str:
    groups = group_by_speaker(quotes)
    items = "\n".join(_speaker_item(g, colours) for g in groups)
    unattributed = sum(1 for q in quotes if q.speaker is None)
    extra = ""
    if unattributed:
        noun = "quotation" if unattributed == 1 else "quotations"
        extra = f'<p class="unattributed-note">{unattributed} {noun} without a speaker</p>'
    if not groups:
        items = '<li class="empty">No speakers found.</li>'
    return (
        '<aside class="speakers"><h2>Speakers</h2>'
        f'<ol class="speaker-list">{items}</ol>{extra}'
        '<p class="hint">Click a speaker to show only their quotations.</p></aside>'
    )


def _summary(quotes: Sequence[Quote]) -> str:
    speakers = {speaker_key(q.speaker) for q in quotes if q.speaker is not None}
    n_quotes, n_speakers = len(quotes), len(speakers)
    return (
        f"{n_quotes} quotation{'' if n_quotes == 1 else 's'} · "
        f"{n_speakers} speaker{'' if n_speakers == 1 else 's'}"
    )


def _palette_css() -> str:
    rules = [
        f".c{i}{{--accent:{accent};--tint:{tint}}}" for i, (accent, tint) in enumerate(PALETTE)
    ]
    return "\n".join(rules)


_CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f6f5f2;color:#1f2328;
 font:17px/1.65 Georgia,"Iowan Old Style","Times New Roman",serif}
.c-none{--accent:#6b7280;--tint:#eceef1}
header.top{background:#fff;border-bottom:1px solid #e3e1dc;padding:1.4rem 2rem 1.1rem}
header.top h1{margin:0 0 .25rem;font:600 1.6rem/1.25 system-ui,-apple-system,"Segoe UI",sans-serif}
.summary,.legend{margin:.15rem 0;color:#5b6169;font:.9rem/1.5 system-ui,-apple-system,sans-serif}
.layout{display:flex;gap:2rem;align-items:flex-start;max-width:78rem;margin:0 auto;
 padding:1.5rem 2rem}
article.article{flex:1 1 auto;min-width:0;max-width:46rem;background:#fff;border:1px solid #e3e1dc;
 border-radius:10px;padding:1.6rem 2.2rem}
article.article p{margin:0 0 1.05em}
mark.quote,.sample-quote{background:var(--tint);color:inherit;border-bottom:2px solid var(--accent);
 border-radius:3px;padding:.08em .12em;-webkit-box-decoration-break:clone;
 box-decoration-break:clone;transition:opacity .15s}
mark.quote.unattributed{border-bottom-style:dashed}
mark.quote.scare{background:transparent;border-bottom:1px dotted var(--accent)}
mark.quote.partial{border-bottom-style:dotted}
mark.quote.indirect{background:transparent;border-bottom:3px double var(--accent)}
mark.quote:hover{outline:2px solid var(--accent);outline-offset:1px}
.dim{opacity:.28}
.cue,.sample-cue{font-weight:700;text-decoration:underline;text-decoration-thickness:2px;
 text-underline-offset:3px;text-decoration-color:#9aa1a9}
.mention,.sample-mention{font-weight:700;color:var(--accent);background:var(--tint);border-radius:3px;
 padding:0 .15em}
aside.speakers{flex:0 0 19rem;position:sticky;top:1rem;background:#fff;border:1px solid #e3e1dc;
 border-radius:10px;padding:1rem 1.1rem;font:.92rem/1.45 system-ui,-apple-system,sans-serif}
aside.speakers h2{font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;color:#5b6169;
 margin:0 0 .6rem}
.speaker-list{list-style:none;margin:0;padding:0}
li.speaker{padding:.5rem .55rem;margin:0 0 .35rem;border-radius:8px;border-left:4px solid
 var(--accent);background:#fafafa;cursor:pointer}
li.speaker:hover,li.speaker.active{background:var(--tint)}
li.speaker:focus{outline:2px solid var(--accent)}
.speaker-head{display:flex;align-items:baseline;gap:.45rem}
.swatch{flex:none;width:.8rem;height:.8rem;border-radius:3px;background:var(--tint);
 border:2px solid var(--accent);align-self:center}
.name{font-weight:600;color:#1f2328}
.count{margin-left:auto;white-space:nowrap;color:#5b6169;font-size:.82rem}
.kind{color:#7a8088;font-size:.78rem;margin-left:1.25rem}
.descriptions{margin:.2rem 0 0 1.25rem;padding:0;list-style:none;color:#3f454c;font-size:.84rem}
.descriptions li::before{content:"— "}
.unattributed-note,.hint{color:#7a8088;font-size:.8rem;margin:.6rem 0 0}
@media (max-width:900px){.layout{flex-direction:column}aside.speakers{position:static;
 width:100%;flex-basis:auto}}
"""

_SCRIPT = """
(function(){
  var items=document.querySelectorAll('li.speaker');
  var quotes=document.querySelectorAll('mark.quote');
  var focus=null;
  function apply(){
    quotes.forEach(function(q){q.classList.toggle('dim',focus!==null&&q.dataset.speaker!==focus);});
    items.forEach(function(i){i.classList.toggle('active',i.dataset.speaker===focus);});
  }
  items.forEach(function(item){
    function toggle(){focus=(focus===item.dataset.speaker)?null:item.dataset.speaker;apply();}
    item.addEventListener('click',toggle);
    item.addEventListener('keydown',function(e){
      if(e.key==='Enter'||e.key===' '){e.preventDefault();toggle();}
    });
  });
})();
"""

_LEGEND = (
    '<p class="legend"><span class="sample-quote c0">quotation</span> coloured by speaker · '
    '<span class="sample-mention c0">speaker mention</span> · '
    '<span class="sample-cue">cue</span> · '
    "dotted: a partial quotation · double: reported speech · dashed: no speaker found · "
    "hover a quotation for its speaker, rule and confidence</p>"
)


def render_html(text: str, quotes: Sequence[Quote], title: str | None = None) -> str:
    """Render an article and its quotations as one self-contained HTML page.

    Args:
        text: The article, as given to :func:`quoteattr.extract_quotes`.
        quotes: Its quotations; their offsets index ``text``.
        title: The page's heading and ``<title>`` (``"Quotations"`` if ``None``).

    Returns:
        The page, with every piece of the text and every name HTML-escaped.
    """
    heading = html.escape(title if title is not None else "Quotations")
    ordered = sorted(quotes, key=lambda q: (q.start, q.end))
    colours = speaker_colours(ordered)
    head = (
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="quoteattr">\n'
        f"<title>{heading}</title>\n<style>{_CSS}{_palette_css()}\n</style>"
    )
    header = (
        f'<header class="top"><h1>{heading}</h1>'
        f'<p class="summary">{_summary(ordered)}</p>{_LEGEND}</header>'
    )
    main = (
        f'<main class="layout">\n<article class="article">\n{_article(text, ordered, colours)}'
        f"\n</article>\n{_sidebar(ordered, colours)}\n</main>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n{head}\n</head>\n<body>\n{header}\n'
        f"{main}\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )
