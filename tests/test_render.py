"""Tests of quoteattr.render: the structure of the page, and how a real browser draws it."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest

from quoteattr.model import Cue, Mention, Quote, Speaker
from quoteattr.render import PALETTE, render_html, speaker_colours, speaker_key

TEXT = (
    "“We will win,” said Jane Doe, a senator. Then she left.\n"
    "\n"
    "Bob <Smith> & co said: “Tax is <theft> & more.” He added “nothing”.\r\n"
    "“Again,” Doe said."
)


def _at(sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return start, start + len(sub)


def _quote(sub: str, speaker: Speaker | None, **kw: Any) -> Quote:
    start, end = _at(sub)
    return Quote(sub, start, end, speaker=speaker, **kw)


def _mention(sub: str, nth: int = 0) -> Mention:
    return Mention(sub, *_at(sub, nth))


def _cue(sub: str, lemma: str, nth: int = 0) -> Cue:
    return Cue(sub, lemma, *_at(sub, nth))


JANE = Speaker(
    "Jane Doe",
    mention=_mention("Jane Doe"),
    kind="person",
    id="e3",
    descriptions=("a senator", "<b>bold</b> & brave"),
)
BOB = Speaker("Bob <Smith>", mention=_mention("Bob <Smith>"), kind="person", id="e9")

QUOTES = [
    _quote("We will win,", JANE, cue=_cue("said", "say"), confidence=0.9, rule="syntactic_cue"),
    _quote("Tax is <theft> & more.", BOB, cue=_cue("said", "say", 1), confidence=0.75, rule="r2"),
    _quote("nothing", None, kind="scare"),
    _quote(
        "Again,",
        attrs.evolve(JANE, mention=_mention("Doe", 1)),
        cue=_cue("said", "say", 2),
        confidence=0.6,
        rule="r3",
    ),
]


@attrs.define
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


class _Tree(HTMLParser):
    """Collects every element with its attributes and text; checks that tags nest."""

    VOID = frozenset({"meta", "br", "link", "img", "hr", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attributes})
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        opened = self.stack.pop()
        assert opened.tag == tag, f"</{tag}> closes <{opened.tag}>"

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data


def parse(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert not tree.stack, f"unclosed: {[e.tag for e in tree.stack]}"
    return tree


def find(tree: _Tree, tag: str, cls: str | None = None) -> list[Element]:
    return [
        e
        for e in tree.elements
        if e.tag == tag and (cls is None or cls in e.attrs.get("class", "").split())
    ]


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(TEXT, QUOTES, title="A <test> & title")


# ---- structure


def test_page_is_self_contained_and_well_formed(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page
    assert not re.search(r"https?://|<link|\bsrc=|@import", page)
    parse(page)


def test_everything_is_escaped(page: str) -> None:
    assert "<Smith>" not in page and "<theft>" not in page and "<test>" not in page
    assert "<b>bold</b>" not in page
    assert "Bob &lt;Smith&gt;" in page
    assert "<title>A &lt;test&gt; &amp; title</title>" in page


def test_paragraphs_follow_line_breaks_and_keep_the_text(page: str) -> None:
    paragraphs = find(parse(page), "p")
    article = [p for p in paragraphs if "data-paragraph" in p.attrs]
    expected = [line for line in re.split(r"\r\n|\n", TEXT) if line.strip()]
    assert [p.text for p in article] == expected


def test_one_mark_per_quote_with_data_attributes_and_tooltip(page: str) -> None:
    marks = find(parse(page), "mark", "quote")
    assert [m.text for m in marks] == [q.text for q in QUOTES]
    assert [m.attrs["data-speaker"] for m in marks] == ["e3", "e9", "", "e3"]
    assert [m.attrs["data-rule"] for m in marks] == ["syntactic_cue", "r2", "none", "r3"]
    assert marks[0].attrs["data-confidence"] == "0.90"
    title = marks[1].attrs["title"]
    assert "Speaker: Bob <Smith> (person)" in title
    assert "Rule: r2" in title and "Confidence: 0.75" in title
    assert "unattributed" in marks[2].attrs["class"].split()
    assert "Speaker: unattributed" in marks[2].attrs["title"]


def test_speakers_keep_one_colour_each(page: str) -> None:
    marks = find(parse(page), "mark", "quote")
    colour = [next(c for c in m.attrs["class"].split() if c.startswith("c")) for m in marks]
    assert colour[0] == colour[3] != colour[1]
    assert colour[2] == "c-none"
    assert speaker_colours(QUOTES) == {"e3": 0, "e9": 1}
    many = [Quote("x", i, i + 1, speaker=Speaker(f"S{i}", id=f"e{i}")) for i in range(14)]
    assert sorted(speaker_colours(many).values()) == sorted([*range(len(PALETTE)), 0, 1])


def test_cues_and_mentions_are_marked(page: str) -> None:
    tree = parse(page)
    assert [c.text for c in find(tree, "span", "cue")] == ["said", "said", "said"]
    mentions = find(tree, "span", "mention")
    assert [(m.text, m.attrs["data-speaker"]) for m in mentions] == [
        ("Jane Doe", "e3"),
        ("Bob <Smith>", "e9"),
        ("Doe", "e3"),
    ]


def test_side_list_has_counts_and_descriptions(page: str) -> None:
    tree = parse(page)
    items = find(tree, "li", "speaker")
    assert [(i.attrs["data-speaker"], i.attrs["data-count"]) for i in items] == [
        ("e3", "2"),
        ("e9", "1"),
    ]
    assert "a senator" in items[0].text and "<b>bold</b> & brave" in items[0].text
    assert "2 quotes" in items[0].text and "1 quote" in items[1].text
    assert "1 quotation without a speaker" in page


def test_crossing_spans_still_nest() -> None:
    text = "abcdefghij"
    crossing = Quote(
        "cdef", 2, 6, speaker=Speaker("X", mention=Mention("efgh", 4, 8), id="e0"), rule="r"
    )
    tree = parse(render_html(text, [crossing]))
    (mark,) = find(tree, "mark", "quote")
    assert mark.text == "cdef"
    assert "".join(m.text for m in find(tree, "span", "mention")) == "efgh"
    assert [p.text for p in find(tree, "p") if "data-paragraph" in p.attrs] == [text]


def test_no_quotes_and_empty_text() -> None:
    tree = parse(render_html("Just text.", []))
    assert not find(tree, "mark", "quote")
    assert find(tree, "li", "empty")
    parse(render_html("", []))


def test_speaker_key() -> None:
    assert speaker_key(None) == ""
    assert speaker_key(Speaker("A", id="e1")) == "e1"
    assert speaker_key(Speaker("A")) == "name:A"


def test_renders_a_real_extraction() -> None:
    import quoteattr

    text = "“We will win this fight,” said Jane Doe, a senator from Ohio."
    quotes = quoteattr.extract_quotes(text)
    marks = find(parse(render_html(text, quotes)), "mark", "quote")
    assert [html.unescape(m.text) for m in marks] == [q.text for q in quotes]


# ---- in a real browser

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)

PROBE = """<script>
(function(){
  var marks = document.querySelectorAll('mark.quote');
  var out = {count: marks.length, quotes: [], mentionWeight: null, cueDecoration: null};
  marks.forEach(function(m){
    var s = getComputedStyle(m);
    out.quotes.push({speaker: m.dataset.speaker, background: s.backgroundColor,
                     border: s.borderBottomColor, width: m.getBoundingClientRect().width});
  });
  var mention = document.querySelector('span.mention');
  if (mention) { out.mentionWeight = getComputedStyle(mention).fontWeight; }
  var cue = document.querySelector('span.cue');
  if (cue) { out.cueDecoration = getComputedStyle(cue).textDecorationLine; }
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_browser_draws_the_highlights(page: str, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--dump-dom",
        target.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
    assert found, f"no probe in the DOM; chromium said: {result.stderr[-2000:]}"
    probe = json.loads(html.unescape(found.group(1)))

    assert probe["count"] == len(QUOTES)
    backgrounds = {q["speaker"]: q["background"] for q in probe["quotes"]}
    assert backgrounds["e3"] != backgrounds["e9"]
    for quote in probe["quotes"]:
        assert quote["width"] > 0
        if quote["speaker"]:  # attributed quotes are filled; scare quotes are not
            assert quote["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    jane = [q for q in probe["quotes"] if q["speaker"] == "e3"]
    assert jane[0]["background"] == jane[1]["background"]
    assert int(probe["mentionWeight"]) >= 600
    assert "underline" in probe["cueDecoration"]
