"""The extractor's streaming API: order, contexts, errors, Docs, processes and sections.

Also the parsing plan behind it: which paragraphs are parsed, how long texts are cut into
sections, and that the vectorized attribute ruler is exact.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import quoteattr
from quoteattr import parsing
from quoteattr.attribute import attribute_document
from quoteattr.marks import find_quotes, paragraph_bounds
from quoteattr.options import Options
from quoteattr.parsing import (
    FastAttributeRuler,
    FastLemmatizer,
    OutsideQuotesNER,
    Parser,
    hidden_ranges,
    plan_sections,
    select_paragraphs,
)

TEXTS = [
    "“We will win,” said Jane Doe.",
    "Nothing quoted in this one.",
    "Prime Minister Mark Carney arrived in Brussels.\n“We are ready,” Carney said.",
    "",
    "Anna Berg is a senator from Ohio.\nShe said: “It is a way to make Europe stronger.”",
    "“Prices will fall,” the minister told reporters, “and soon.”",
]


def _names(quotes: list[quoteattr.Quote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in quotes]


# --- pipe ---------------------------------------------------------------------------------


def test_pipe_gives_one_list_per_text_in_input_order(
    extractor: quoteattr.QuoteExtractor,
) -> None:
    one_by_one = [extractor.extract(t) for t in TEXTS]
    for batch_size in (1, 2, 64):
        assert list(extractor.pipe(TEXTS, batch_size=batch_size)) == one_by_one
    assert _names(one_by_one[0]) == [("We will win,", "Jane Doe")]
    assert one_by_one[1] == [] and one_by_one[3] == []
    assert _names(one_by_one[2]) == [("We are ready,", "Mark Carney")]


def test_pipe_as_tuples_carries_contexts_in_order(extractor: quoteattr.QuoteExtractor) -> None:
    pairs = [(text, {"n": i}) for i, text in enumerate(TEXTS)]
    out = list(extractor.pipe(pairs, as_tuples=True, batch_size=2))
    assert [context for _, context in out] == [{"n": i} for i in range(len(TEXTS))]
    assert [quotes for quotes, _ in out] == list(extractor.pipe(TEXTS))


def test_pipe_reads_its_input_lazily(extractor: quoteattr.QuoteExtractor) -> None:
    seen: list[int] = []

    def texts() -> Iterator[str]:
        for i in range(10):
            seen.append(i)
            yield "“Hi,” said Bob Smith."

    stream = extractor.pipe(texts(), batch_size=2)
    next(stream)
    assert len(seen) == 2


def test_empty_text_gives_no_quotes(extractor: quoteattr.QuoteExtractor) -> None:
    assert quoteattr.extract_quotes("") == []
    assert extractor.extract("") == []
    assert list(extractor.pipe(["", ""])) == [[], []]


@pytest.mark.parametrize("value", [123, b"\xe2\x80\x9cHi\xe2\x80\x9d", None], ids=repr)
def test_wrong_type_is_a_type_error_naming_the_type(
    extractor: quoteattr.QuoteExtractor, value: object
) -> None:
    name = type(value).__name__
    with pytest.raises(TypeError, match=rf"\b{name}\b"):
        extractor.extract(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=rf"\b{name}\b"):
        quoteattr.extract_quotes(value)  # type: ignore[arg-type]


def test_pipe_raises_at_the_wrong_item_after_the_results_before_it(
    extractor: quoteattr.QuoteExtractor,
) -> None:
    stream = extractor.pipe(["“Hi,” said Bob Smith.", 42, "“Bye,” said Ann Lee."])
    assert _names(next(stream)) == [("Hi,", "Bob Smith")]
    with pytest.raises(TypeError, match=r"\bint\b"):
        next(stream)


@pytest.mark.parametrize(("kwargs"), [{"batch_size": 0}, {"n_process": 0}, {"n_process": -2}])
def test_pipe_rejects_bad_settings(extractor: quoteattr.QuoteExtractor, kwargs: Any) -> None:
    with pytest.raises(ValueError):
        list(extractor.pipe(TEXTS, **kwargs))


def test_text_without_quotation_marks_is_never_parsed(
    extractor: quoteattr.QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(nlp: Any) -> Any:
        raise AssertionError("spaCy was asked to parse")

    monkeypatch.setattr("quoteattr.pipeline.get_parser", refuse)
    assert list(extractor.pipe(["No quotation.", "", "Still none.\nNone here."])) == [[], [], []]


# --- Docs -----------------------------------------------------------------------------------


def test_doc_gives_the_same_quotes_as_its_text(extractor: quoteattr.QuoteExtractor) -> None:
    nlp = extractor.nlp
    for text in TEXTS:
        assert extractor.extract(nlp(text)) == extractor.extract(text), text
    assert quoteattr.extract_quotes(nlp(TEXTS[0])) == quoteattr.extract_quotes(TEXTS[0])


def test_pipe_mixes_docs_and_texts(extractor: quoteattr.QuoteExtractor) -> None:
    nlp = extractor.nlp
    mixed = [nlp(t) if i % 2 else t for i, t in enumerate(TEXTS)]
    assert list(extractor.pipe(mixed)) == list(extractor.pipe(TEXTS))


# --- processes ------------------------------------------------------------------------------


def test_results_do_not_depend_on_n_process(extractor: quoteattr.QuoteExtractor) -> None:
    texts = TEXTS * 3
    pairs = [(text, i) for i, text in enumerate(texts)]
    one = list(extractor.pipe(pairs, as_tuples=True, batch_size=2, n_process=1))
    two = list(extractor.pipe(pairs, as_tuples=True, batch_size=2, n_process=2))
    assert two == one
    assert [i for _, i in two] == list(range(len(texts)))


def test_extractor_pickles_its_settings(extractor: quoteattr.QuoteExtractor) -> None:
    state = extractor.__getstate__()
    copy = quoteattr.QuoteExtractor.__new__(quoteattr.QuoteExtractor)
    copy.__setstate__(state)
    assert copy.nlp is extractor.nlp and copy.options == extractor.options


# --- what is parsed -------------------------------------------------------------------------

STORY = [
    "Senator Anna Berg of Ohio arrived on Monday.",  # 0: introduces the full name
    "The weather was mild.",  # 1
    "The talks were long.",  # 2: before the quotation's paragraph
    "“It is a way to make Europe stronger,” Berg said.",  # 3
    "The meeting ended at noon.",  # 4: after the last quotation
]


def test_select_paragraphs_takes_quotes_their_predecessors_and_name_introductions() -> None:
    text = "\n".join(STORY)
    bounds = paragraph_bounds(text)
    spans = [q for q in find_quotes(text) if q.depth == 0]
    assert select_paragraphs(text, bounds, spans) == [0, 2, 3]
    assert select_paragraphs(text, bounds, []) == []


def test_full_name_from_an_early_paragraph_is_kept(extractor: quoteattr.QuoteExtractor) -> None:
    [quote] = extractor.extract("\n".join(STORY))
    assert quote.speaker is not None and quote.speaker.name == "Anna Berg"


def test_extract_agrees_with_attribute_document(
    extractor: quoteattr.QuoteExtractor, seeds_dir: Path
) -> None:
    """The batched path and :func:`attribute_document` parse and attribute alike."""
    text = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    assert extractor.extract(text) == attribute_document(text, extractor.nlp, Options())


# --- sections -------------------------------------------------------------------------------


FIRST = "Anna Bruno Carla David Elena Frank Greta Hugo Irene Jakob Karin Lukas".split()
LAST = "Berg Costa Dietz Engel Falk Graf Hahn Imhof Jung Kraus Lang Mohr".split()


def _dialogue(n: int) -> str:
    return "\n".join(f"“Point number {i} stands,” said {FIRST[i]} {LAST[i]}." for i in range(n))


def test_short_text_is_one_section() -> None:
    text = _dialogue(5)
    spans = find_quotes(text)
    [section] = plan_sections(text, paragraph_bounds(text), spans)
    assert (section.start, section.end) == (0, len(text))
    assert len(section.pieces) == 5


def test_long_text_is_cut_into_sections_that_share_out_its_quotes(
    monkeypatch: pytest.MonkeyPatch, extractor: quoteattr.QuoteExtractor
) -> None:
    text = _dialogue(12)
    whole = extractor.extract(text)
    monkeypatch.setattr(parsing, "SECTION_QUOTES", 3)
    spans = find_quotes(text)
    sections = plan_sections(text, paragraph_bounds(text), spans)
    assert len(sections) == 4
    owners = [sum(s.start <= q.start < s.end for s in sections) for q in spans]
    assert owners == [1] * len(spans)
    cut = extractor.extract(text)
    assert _names(cut) == _names(whole)
    assert len({q.speaker.id for q in cut if q.speaker}) == 12


def test_quotation_longer_than_a_section_keeps_its_cue(
    monkeypatch: pytest.MonkeyPatch, extractor: quoteattr.QuoteExtractor
) -> None:
    monkeypatch.setattr(parsing, "MAX_CHUNK", 200)
    monkeypatch.setattr(parsing, "SECTION_CHARS", 300)
    text = "“" + "and so it goes " * 60 + "on,” said Bob Smith."
    assert len(plan_sections(text, paragraph_bounds(text), find_quotes(text))) == 1
    [quote] = extractor.extract(text)
    assert quote.speaker is not None and quote.speaker.name == "Bob Smith"


# --- the parser -----------------------------------------------------------------------------


def test_parser_is_exact_with_its_fast_ruler_and_lemmatizer(nlp: Any, seeds_dir: Path) -> None:
    text = sorted(seeds_dir.glob("*.txt"))[1].read_text(encoding="utf-8")
    paragraphs = [text[a:b] for a, b in paragraph_bounds(text)]
    paragraphs += ["There's a man, ain't he?", "He gets it.  He got it.", " "]
    parser = Parser(nlp)
    kinds = {type(step) for _, step in parser.steps}
    assert {FastAttributeRuler, FastLemmatizer, OutsideQuotesNER} <= kinds

    def attrs(doc: Any) -> list[tuple[Any, ...]]:
        return [
            (t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc
        ]

    assert [attrs(d) for d in parser(paragraphs)] == [attrs(d) for d in nlp.pipe(paragraphs)]


def test_parser_skips_the_quoteattr_component() -> None:
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("quoteattr")
    assert Parser(blank).steps == []
    assert [d.text for d in Parser(blank)(["“Hi,” he said."])] == ["“Hi,” he said."]


def test_entities_are_not_looked_for_inside_long_quotations(nlp: Any) -> None:
    text = (
        "Prime Minister Mark Carney said: “Canada and Germany will build ships together "
        "in Kiel, as NATO asked.” Carney left for Ottawa."
    )
    [quote] = find_quotes(text)
    assert hidden_ranges([quote]) == [(quote.start, quote.end)]
    [plain] = Parser(nlp)([text])
    [doc] = Parser(nlp)([text], [hidden_ranges([quote])])
    inside = [e.text for e in plain.ents if quote.start <= e.start_char < quote.end]
    assert inside and not [e for e in doc.ents if quote.start <= e.start_char < quote.end]
    assert ("Mark Carney", "PERSON") in {(e.text, e.label_) for e in doc.ents}
    assert all("quoteattr.hidden" not in d.user_data for d in (plain, doc))
