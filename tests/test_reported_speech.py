"""Reported (indirect) speech beyond the golden table (``tests/golden.py``, whose rows pin
each pattern): mentions, what is not speech, the settings, and properties."""

from __future__ import annotations

import pytest
from fuzz.invariants import check_indirect
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quoteattr
from quoteattr import _selection, cues
from quoteattr.model import Quote
from quoteattr.options import Options


@pytest.fixture(scope="module")
def indirect(nlp):  # type: ignore[no-untyped-def]
    return quoteattr.QuoteExtractor(nlp, include_indirect=True)


def _indirect(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.kind == "indirect"]


def test_relative_pronoun_is_the_mention(indirect: quoteattr.QuoteExtractor) -> None:
    """ "X, who said S": the speaker is X, and the words at the site are "who"."""
    text = "The plan was drafted by Maria Lopez, who said the bridge would reopen in May."
    (q,) = _indirect(indirect.extract(text))
    assert q.speaker is not None and q.speaker.mention is not None
    assert q.speaker.mention.text == "who"
    assert text[q.speaker.mention.start : q.speaker.mention.end] == "who"


@pytest.mark.parametrize(
    "text",
    [
        "Voters who say the economy matters most were divided.",
        "Those who said the bridge was safe backed Maria Lopez.",
    ],
)
def test_poll_groups_are_not_speakers(text: str, indirect: quoteattr.QuoteExtractor) -> None:
    """A restrictive relative clause that picks out a group by what it says attributes
    nothing."""
    assert _indirect(indirect.extract(text)) == []


def test_possessive_spokesperson(indirect: quoteattr.QuoteExtractor) -> None:
    """ "X's spokesperson said S": the speaker mention is the whole possessive phrase."""
    text = "Maria Lopez's spokesperson said the senator was recovering at home."
    (q,) = _indirect(indirect.extract(text))
    assert q.text == "the senator was recovering at home"
    assert q.rule == "said_that"
    assert q.speaker is not None and q.speaker.mention is not None
    assert q.speaker.mention.text == "Maria Lopez's spokesperson"


def test_partial_inside_is_the_quotation(indirect: quoteattr.QuoteExtractor) -> None:
    """Reported speech holding a partial quotation is that quotation's attribution: the
    partial quote keeps the speaker and the cue, and no indirect quote repeats it."""
    text = "Maria Lopez said the plan was “a disaster” for the city."
    quotes = indirect.extract(text)
    assert _indirect(quotes) == []
    (partial,) = [q for q in quotes if q.kind == "partial"]
    assert partial.text == "a disaster"
    assert partial.speaker is not None and partial.speaker.name == "Maria Lopez"
    assert partial.cue is not None and partial.cue.lemma == "say"


@pytest.mark.parametrize(
    "text",
    [
        "Asked about the bridge, Maria Lopez said it would reopen in May.",
        "Ask yourself: which bridge will reopen in May?",
        "Senator John Smith called a meeting.",
        "Senator John Smith praised the council for its work.",
        "Senator John Smith ordered the council to delay the vote.",
    ],
)
def test_not_reported_speech_of_the_subject(text: str, indirect: quoteattr.QuoteExtractor) -> None:
    """Who asked is not said; a bare object of "call" is no content; praise and orders
    are not reported speech."""
    assert [q.text for q in _indirect(indirect.extract(text)) if q.speaker is not None] == [
        t for t in ["it would reopen in May"] if t in text
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez believes the bridge will reopen in May.",
        "Maria Lopez hopes the bridge will reopen in May.",
        "Maria Lopez wants the bridge to reopen in May.",
        "The study shows that the bridge is unsafe.",
        "Maria Lopez thinks the bridge will reopen in May.",
    ],
)
def test_beliefs_wishes_findings_are_not_speech(
    text: str, indirect: quoteattr.QuoteExtractor
) -> None:
    assert _indirect(indirect.extract(text)) == []


def test_direct_quotation_is_not_reported(indirect: quoteattr.QuoteExtractor) -> None:
    quotes = indirect.extract("Maria Lopez said: “The bridge will reopen in May.”")
    assert [q.kind for q in quotes] == ["direct"]


def test_speech_lemmas_leave_out_beliefs() -> None:
    lemmas = cues.speech_lemmas()
    assert {"say", "tell", "write", "announce"} <= lemmas
    assert not {"believe", "think", "hope", "fear", "conclude", "praise"} & lemmas
    assert lemmas == cues.SPEECH_LEMMAS
    assert "opine" in cues.speech_lemmas(Options(extra_cues=["opine"]).lexicon)


def test_cue_forms() -> None:
    assert {"said", "says", "saying"} <= cues.cue_forms("say")
    assert {"admitted", "admits", "admitting"} <= cues.cue_forms("admit")
    assert {"denied", "denies"} <= cues.cue_forms("deny")
    assert "pointed" in cues.cue_forms("point out")


def test_needs_parse_selects_cue_paragraphs() -> None:
    text = "The sky is blue.\nThe weather is mild.\nShe said it was fine.\nAccording to him, no."
    bounds = quoteattr.marks.paragraph_bounds(text)
    assert _selection.needs_parse(text, bounds) == {1, 2, 3}


def test_indirect_around_partial(nlp) -> None:  # type: ignore[no-untyped-def]
    """With ``indirect_around_partial=True`` the reported clause around a partial quotation
    comes back too: it overlaps the partial quote and shares its cue and speaker."""
    extractor = quoteattr.QuoteExtractor(nlp, include_indirect=True, indirect_around_partial=True)
    text = "Maria Lopez said the plan was “a disaster” for the city."
    quotes = extractor.extract(text)
    (clause,) = _indirect(quotes)
    (partial,) = [q for q in quotes if q.kind == "partial"]
    assert clause.text == "the plan was “a disaster” for the city"
    assert clause.start <= partial.start < partial.end <= clause.end
    assert clause.cue == partial.cue
    assert clause.speaker is not None and partial.speaker is not None
    assert clause.speaker.id == partial.speaker.id
    direct = "Maria Lopez said: “The plan is a disaster.”"
    assert [q.kind for q in extractor.extract(direct)] == ["direct"]


def test_option_validated() -> None:
    with pytest.raises(TypeError):
        Options(include_indirect="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="include_indirect"):
        Options(indirect_around_partial=True)
    with pytest.raises(ValueError, match="include_indirect"):
        quoteattr.QuoteExtractor(indirect_around_partial=True)


def test_extract_quotes_keyword() -> None:
    text = "Maria Lopez said the bridge would reopen in May."
    assert quoteattr.extract_quotes(text) == []
    assert [q.kind for q in quoteattr.extract_quotes(text, include_indirect=True)] == ["indirect"]


def test_component_config(nlp) -> None:  # type: ignore[no-untyped-def]
    import spacy

    pipe = spacy.blank("en")  # only for the config: the factory builds Options from it
    component = pipe.add_pipe("quoteattr", config={"include_indirect": True})
    assert component.options.include_indirect is True
    doc = nlp("Maria Lopez said the bridge would reopen in May.")
    quotes = component(doc)._.quotes
    assert [q.kind for q in quotes] == ["indirect"]


# --- the default is untouched -------------------------------------------------------------------


def _forbid(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("the default path reached reported speech")


def test_default_never_runs_reported_speech(
    monkeypatch: pytest.MonkeyPatch, seeds_dir, extractor: quoteattr.QuoteExtractor
) -> None:  # type: ignore[no-untyped-def]
    """With ``include_indirect=False`` neither the selection nor the rules of reported
    speech run, on the seeds and on generated texts, so the default output is unchanged."""
    monkeypatch.setattr(quoteattr.pipeline, "find_reported", _forbid)
    monkeypatch.setattr(quoteattr.pipeline, "with_reported", _forbid)
    monkeypatch.setattr(quoteattr._windows, "needs_parse", _forbid)
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    texts += [_document(list(range(len(TEMPLATES))), 0)]
    for text in texts:
        quotes = extractor.extract(text)
        assert all(q.kind != "indirect" for q in quotes)


# --- generated documents ----------------------------------------------------------------------

PEOPLE = ["Maria Lopez", "John Smith", "Anna Clark", "Tom Baker", "Laura Hall", "Peter King"]
CLAUSES = [
    "the bridge would reopen in May", "the budget was balanced", "the talks had failed",
    "prices would come down", "the vote was close", "the plant would close",
]  # fmt: skip
TEMPLATES = [
    "{p} said {c}.",
    "{p} told reporters that {c}.",
    "{C}, {p} said.",
    "According to {p}, {c}.",
    "“{C},” {p} said.",
    "{p} said: “{C}.”",
    "{p} said {c} and that “{d}”.",
    "{p} said the plan was “{d}”, adding that {c}.",
    "It was announced that {c}.",
    "{p} believes {c}.",
]  # fmt: skip


def _document(picks: list[int], seed: int) -> str:
    paras = []
    for k, t in enumerate(picks):
        p = PEOPLE[(seed + k) % len(PEOPLE)]
        c = CLAUSES[(seed + 2 * k) % len(CLAUSES)]
        d = CLAUSES[(seed + 2 * k + 1) % len(CLAUSES)]
        paras.append(TEMPLATES[t].format(p=p, c=c, C=c[0].upper() + c[1:], d=d))
    return "\n\n".join(paras)


@pytest.fixture(scope="module")
def both(nlp, indirect):  # type: ignore[no-untyped-def]
    around = quoteattr.QuoteExtractor(nlp, include_indirect=True, indirect_around_partial=True)
    return {False: indirect, True: around}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks=st.lists(st.integers(0, len(TEMPLATES) - 1), min_size=1, max_size=6),
    seed=st.integers(0, 50),
)
@pytest.mark.parametrize("around_partial", [False, True], ids=["default", "around_partial"])
def test_indirect_offsets_and_no_overlap_with_direct(
    picks: list[int], seed: int, around_partial: bool, both: dict[bool, quoteattr.QuoteExtractor]
) -> None:
    """Every indirect quote indexes the input (cue and mention too), is trimmed, comes in
    text order and overlaps no direct quotation (marks included), with or without
    ``indirect_around_partial``: the fuzzer's :func:`fuzz.invariants.check_indirect`."""
    text = _document(picks, seed)
    check_indirect(text, both[around_partial].extract(text))


# --- evaluation, command line and HTML view ---------------------------------------------------

_GOLD_TEXT = "Maria Lopez said the bridge would reopen in May.\n\n“We will win,” said Tom Baker."


def _gold_doc() -> dict:  # type: ignore[type-arg]
    c = _GOLD_TEXT.index("the bridge")
    q = _GOLD_TEXT.index("We will")
    return {
        "id": "t1",
        "text": _GOLD_TEXT,
        "quotes": [
            {"start": c, "end": c + 30, "speaker": "Maria Lopez", "type": "indirect"},
            {"start": q, "end": q + 12, "speaker": "Tom Baker", "type": "direct"},
        ],
    }


def test_evaluate_indirect(indirect: quoteattr.QuoteExtractor) -> None:
    from quoteattr.evaluate import evaluate

    scores = evaluate([_gold_doc()], indirect.extract, indirect=True)
    assert (scores.gold, scores.pred, scores.e2e_f1) == (1, 1, 1.0)
    default = evaluate([_gold_doc()], indirect.extract)
    assert default.gold == 1  # the quotation only: reported speech is not counted


def test_cli_indirect(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from quoteattr.cli import main

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_gold_doc()) + "\n", encoding="utf-8")
    assert main(["evaluate", str(gold), "--indirect", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert (scores["gold"], scores["e2e_f1"]) == (1, 1.0)
    text = tmp_path / "a.txt"
    text.write_text(_GOLD_TEXT, encoding="utf-8")
    assert main(["extract", str(text), "--indirect", "--format", "jsonl", "--quiet"]) == 0
    kinds = [json.loads(line)["kind"] for line in capsys.readouterr().out.splitlines()]
    assert kinds == ["indirect", "direct"]
    assert main(["render", str(text), "--indirect"]) == 0
    assert 'class="quote indirect' in capsys.readouterr().out


def test_subject_parsed_as_object_opens_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "demanding the council make a pledge" parsed with *council* as the verb's object: the
    object opens the reported clause (a parse built by hand, as the parser sometimes gives)."""
    from spacy.tokens import Doc

    from quoteattr import _reported

    words = ["Unions", "are", "demanding", "the", "council", "make", "a", "pledge", "."]
    heads = [2, 2, 2, 4, 2, 2, 7, 5, 2]
    deps = ["nsubj", "aux", "ROOT", "det", "dobj", "ccomp", "det", "dobj", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    verb, clause = doc[2], doc[5]
    assert _reported._subject_as_object(verb, clause) == doc[4]
    assert _reported._subject_as_object(verb, doc[7]) is None
