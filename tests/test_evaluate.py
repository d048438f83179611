"""Tests of quoteattr.evaluate: every figure and edge case on tiny synthetic gold data."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from quoteattr.evaluate import (
    ErrorRecord,
    GoldDoc,
    GoldQuote,
    Scores,
    another_person,
    evaluate,
    load_gold,
    match_quotes,
    normalize_name,
    overlap,
    speaker_matches,
    textacy_baseline,
)
from quoteattr.model import Mention, Quote, Speaker

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT / "seeds" / "gold.jsonl"
REFERENCE_SCORER = ROOT.parent / "shared" / "eval" / "score.py"

TEXT = "0123456789" * 10


def q(
    start: int, end: int, name: str | None = None, mention: tuple[int, int] | None = None
) -> Quote:
    """A returned quote over TEXT, with an optional speaker name and mention span."""
    speaker = None
    if name is not None:
        m = Mention(TEXT[mention[0] : mention[1]], *mention) if mention else None
        speaker = Speaker(name, mention=m)
    return Quote(TEXT[start:end], start, end, speaker=speaker)


def g(start: int, end: int, speaker: str | None = "Ann Lee", **kw: Any) -> GoldQuote:
    return GoldQuote(start, end, text=TEXT[start:end], speaker=speaker, **kw)


def doc(*quotes: GoldQuote, doc_id: str = "d") -> GoldDoc:
    return GoldDoc(doc_id, TEXT, quotes)


def fixed(*quotes: Quote) -> Callable[[str], list[Quote]]:
    return lambda text: list(quotes)


# ---- building blocks


def test_normalize_name_drops_punctuation_and_case() -> None:
    assert normalize_name("Dr. Jean-Luc O'Neil") == ["dr", "jeanluc", "oneil"]
    assert normalize_name(None) == []
    assert normalize_name("...") == []


def test_overlap_is_relative_to_the_longer_span() -> None:
    assert overlap(0, 10, 0, 10) == 1.0
    assert overlap(0, 10, 0, 5) == 0.5
    assert overlap(0, 4, 2, 8) == pytest.approx(2 / 6)
    assert overlap(0, 5, 5, 10) == 0.0
    assert overlap(3, 3, 3, 3) == 0.0


def test_match_threshold_is_inclusive_at_one_half() -> None:
    assert match_quotes([g(0, 10)], [q(0, 5)]) == {0: 0}
    assert match_quotes([g(0, 10)], [q(0, 4)]) == {}


def test_matching_is_one_to_one_and_greedy_by_overlap() -> None:
    # The better returned quote takes the gold quote; the other one is left over.
    assert match_quotes([g(0, 10)], [q(0, 6), q(0, 9)]) == {0: 1}
    # One returned quote cannot match two gold quotes.
    assert match_quotes([g(0, 10), g(0, 9)], [q(0, 10)]) == {0: 0}


def test_matching_ties_go_to_the_later_gold_quote() -> None:
    # Equal overlaps: pairs are ranked (overlap, gold index, returned index) descending.
    assert match_quotes([g(0, 10), g(0, 10)], [q(0, 10)]) == {1: 0}


# ---- speaker rule


@pytest.mark.parametrize(
    ("gold", "name", "expected"),
    [
        (g(0, 5, "Federico Santoponto"), "Santoponto", True),
        (g(0, 5, "Federico Santoponto"), "Mr. Santoponto", True),
        (g(0, 5, "Federico Santoponto", aliases=("Santoponto",)), "Federico", False),
        (g(0, 5, "Federico Santoponto", aliases=("Santoptutun",)), "Santoptutun", True),
        (g(0, 5, "Federico Santoponto", aliases=("Santoptutun",)), "Leuprecht", False),
        (g(0, 5, "Federico Santoponto"), "he", False),
        (g(0, 5, "He"), "he", False),
        (g(0, 5, "Ann Lee", aliases=("she", "Lee")), "Lee", True),
        (g(0, 5, None), "Ann Lee", False),
        (g(0, 5, "Ann Lee"), "...", False),
        # nominal speakers: the returned name's last word anywhere in the gold name...
        (g(0, 5, "the EU spokesperson"), "EU", True),
        (g(0, 5, "Federico Santoponto"), "Federico", True),
        (g(0, 5, "the EU spokesperson"), "spokesperson", True),
        # ...but only when the gold quote lists no aliases
        (g(0, 5, "the EU spokesperson", aliases=("EU spokesperson",)), "EU", False),
    ],
)
def test_speaker_name_rule(gold: GoldQuote, name: str, expected: bool) -> None:
    assert speaker_matches(gold, q(0, 5, name)) is expected


def test_mention_overlap_is_enough_even_with_a_wrong_or_pronoun_name() -> None:
    gold = g(0, 5, "Ann Lee", speaker_start=20, speaker_end=27)
    assert speaker_matches(gold, q(0, 5, "she", mention=(26, 29)))
    assert not speaker_matches(gold, q(0, 5, "she", mention=(27, 29)))  # touching only
    assert not speaker_matches(gold, q(0, 5, "Bob Smith"))  # no mention
    assert not speaker_matches(
        g(0, 5, None, speaker_start=20, speaker_end=27), q(0, 5, "x", (20, 27))
    )


@pytest.mark.parametrize(
    ("gold", "name", "expected"),
    [
        (g(0, 5, "Greg Tanner"), "Linda Tanner", False),  # issue 21: it counted as right
        (g(0, 5, "Greg Tanner", aliases=("Greg Tanner", "Tanner")), "Linda Tanner", False),
        (g(0, 5, "Greg Tanner"), "Dr. Linda Tanner", False),
        (g(0, 5, "Greg Tanner"), "Greg Tanner", True),
        (g(0, 5, "Greg Tanner"), "Mr. Tanner", True),  # no given name: not another
        (g(0, 5, "Greg Tanner"), "G. Tanner", True),  # an initial
        (g(0, 5, "Greg Tanner"), "Gregory Tanner", True),  # a longer form
        (g(0, 5, "Greg Tanner"), "Grgx Tanner", True),  # not a known given name
        (g(0, 5, "Bill Clinton", aliases=("William Clinton",)), "William Clinton", True),
        (g(0, 5, "Bill Clinton", aliases=("William Clinton",)), "Hillary Clinton", False),
        (g(0, 5, "Tanner"), "Linda Tanner", True),  # the gold gives no given name
    ],
)
def test_a_different_given_name_is_another_person(
    gold: GoldQuote, name: str, expected: bool
) -> None:
    assert speaker_matches(gold, q(0, 5, name)) is expected
    assert another_person(gold, name) is (not expected)


def test_another_person_is_wrong_even_at_the_right_mention_and_shows_in_errors() -> None:
    gold = g(0, 5, "Greg Tanner", speaker_start=20, speaker_end=31)
    wrong = q(0, 5, "Linda Tanner", mention=(20, 31))
    assert not speaker_matches(gold, wrong)
    errors: list[ErrorRecord] = []
    scores = evaluate([doc(gold)], fixed(wrong), errors=errors)
    assert (scores.matched, scores.correct) == (1, 0)
    assert [e.to_dict() for e in errors] == [
        {
            "id": "d",
            "what": "speaker",
            "quote": TEXT[0:5],
            "gold": "Greg Tanner",
            "got": "Linda Tanner",
        }
    ]


def test_unattributed_quote_never_has_the_right_speaker() -> None:
    assert not speaker_matches(g(0, 5), q(0, 5))


# ---- figures


def test_perfect_system_scores_one_everywhere() -> None:
    gold = doc(g(0, 10), g(20, 30, "Bob Smith"))
    scores = evaluate([gold], fixed(q(0, 10, "Lee"), q(20, 30, "Smith")))
    counts = (scores.docs, scores.gold, scores.pred, scores.matched, scores.correct)
    assert counts == (1, 2, 2, 2, 2)
    assert scores.quote_f1 == scores.e2e_f1 == scores.speaker_acc == 1.0
    assert scores.fragments is None  # no gold quote lists aliases


def test_precision_recall_f1_and_speaker_accuracy() -> None:
    gold = doc(g(0, 10), g(20, 30), g(40, 50), g(60, 70))
    # 3 returned: two match (one with a wrong speaker), one is spurious; two gold are missed
    system = fixed(q(0, 10, "Lee"), q(20, 30, "Smith"), q(80, 90, "Lee"))
    scores = evaluate([gold], system)
    assert (scores.gold, scores.pred, scores.matched, scores.correct) == (4, 3, 2, 1)
    assert scores.quote_p == pytest.approx(2 / 3)
    assert scores.quote_r == pytest.approx(2 / 4)
    assert scores.quote_f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert scores.e2e_p == pytest.approx(1 / 3)
    assert scores.e2e_r == pytest.approx(1 / 4)
    assert scores.e2e_f1 == pytest.approx(2 * (1 / 3) * 0.25 / (1 / 3 + 0.25))
    assert scores.speaker_acc == pytest.approx(1 / 2)


def test_empty_system_and_empty_gold_give_zeros_not_errors() -> None:
    scores = evaluate([doc(g(0, 10))], fixed())
    assert (scores.quote_p, scores.quote_r, scores.quote_f1, scores.speaker_acc) == (0, 0, 0, 0)
    scores = evaluate([doc()], fixed(q(0, 10, "Lee")))
    assert (scores.gold, scores.pred, scores.quote_p, scores.quote_r) == (0, 1, 0.0, 0.0)
    assert evaluate([], fixed()).docs == 0


def test_skip_quotes_are_ignored_either_way() -> None:
    gold = doc(g(0, 10), g(20, 30, None, kind="skip"), g(40, 50, None, kind="skip"))
    # returning a skipped quote (overlap >= 0.5) costs nothing; missing one costs nothing
    scores = evaluate([gold], fixed(q(0, 10, "Lee"), q(20, 29)))
    assert (scores.gold, scores.pred, scores.quote_p, scores.quote_r) == (1, 1, 1.0, 1.0)
    # a returned quote overlapping a skipped one by less than 0.5 still counts
    scores = evaluate([gold], fixed(q(0, 10, "Lee"), q(25, 38)))
    assert (scores.pred, scores.matched) == (2, 1)


def test_type_field_and_default_kind() -> None:
    data = {"id": "x", "text": TEXT, "quotes": [{"start": 0, "end": 5, "type": "skip"}]}
    assert GoldDoc.from_dict(data).quotes[0].skip
    plain = GoldQuote.from_dict({"start": 0, "end": 5, "speaker": "A"}, TEXT)
    assert (plain.kind, plain.text) == ("speech", "01234")


def test_fragments_count_extra_names_per_gold_speaker_and_document() -> None:
    aliases = ("Ann Lee", "Lee")
    gold = doc(g(0, 10, aliases=aliases), g(20, 30, aliases=aliases), g(40, 50, aliases=aliases))
    two_names = fixed(q(0, 10, "Ann Lee"), q(20, 30, "Lee"), q(40, 50, "A. Lee!"))
    assert evaluate([gold], two_names).fragments == pytest.approx(2.0)
    same = fixed(q(0, 10, "Ann Lee"), q(20, 30, "ann lee"), q(40, 50, "Ann  Lee"))
    assert evaluate([gold], same).fragments == 0.0
    # an unattributed match counts as one more (empty) name
    one_missing = fixed(q(0, 10, "Ann Lee"), q(20, 30))
    assert evaluate([gold], one_missing).fragments == 1.0
    # averaged over (speaker, document) pairs: 2 extra names in d, none in e
    other = doc(g(0, 10, aliases=aliases), doc_id="e")
    assert evaluate([gold, other], two_names).fragments == pytest.approx(1.0)


def test_scores_to_dict_rounds_like_the_reference_scorer() -> None:
    scores = Scores.from_counts(docs=1, gold=3, pred=3, matched=1, correct=1, seconds=1.23456)
    data = scores.to_dict()
    assert data["quote_p"] == 0.333
    assert data["seconds"] == 1.23
    assert data["fragments"] is None
    assert scores.to_dict(digits=None)["quote_p"] == pytest.approx(1 / 3)
    json.dumps(data)


def test_evaluate_accepts_plain_dictionaries() -> None:
    data = {"id": "x", "text": TEXT, "quotes": [{"start": 0, "end": 10, "speaker": "Ann Lee"}]}
    assert evaluate([data], fixed(q(0, 10, "Lee"))).e2e_f1 == 1.0


def test_errors_list_speaker_then_missed_then_spurious() -> None:
    gold = doc(g(0, 10, "Ann Lee"), g(20, 30, "Bob Smith"), g(40, 50, "Cy Young"))
    errors: list[ErrorRecord] = []
    evaluate([gold], fixed(q(80, 90, "Zed"), q(20, 30, "he"), q(0, 10, "Lee")), errors=errors)
    assert [e.to_dict() for e in errors] == [
        {"id": "d", "what": "speaker", "quote": TEXT[20:30], "gold": "Bob Smith", "got": "he"},
        {"id": "d", "what": "missed", "quote": TEXT[40:50], "gold": "Cy Young"},
        {"id": "d", "what": "spurious", "quote": TEXT[80:90], "got": "Zed"},
    ]


def test_error_quotes_are_cut_at_80_characters() -> None:
    gold = GoldDoc("d", TEXT, (GoldQuote(0, 100, text=TEXT, speaker="A"),))
    errors: list[ErrorRecord] = []
    evaluate([gold], fixed(), errors=errors)
    assert errors[0].quote == TEXT[:80]


# ---- loading


def test_load_gold_reads_text_beside_the_gold_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("“Hi,” said Ann.\n", encoding="utf-8")
    lines = [
        {"id": "a.txt", "quotes": [{"start": 1, "end": 4, "speaker": "Ann"}]},
        {"id": "b", "text": "inline", "quotes": []},
        {"id": "c", "text": "third", "quotes": []},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    docs = load_gold(gold)
    assert [d.id for d in docs] == ["a.txt", "b", "c"]
    assert docs[0].text.startswith("“Hi,”")
    assert docs[0].quotes[0].text == "Hi,"  # taken from the text when the gold has none
    assert [d.id for d in load_gold(gold, limit=2)] == ["a.txt", "b"]
    with pytest.raises(ValueError, match="limit"):
        load_gold(gold, limit=-1)


def test_load_gold_names_the_bad_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "", "quotes": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl:2"):
        load_gold(gold)


def test_load_gold_missing_text_file_raises_oserror(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "missing.txt", "quotes": []}\n', encoding="utf-8")
    with pytest.raises(OSError):
        load_gold(gold)


# ---- textacy baseline


@pytest.fixture(scope="session")
def nlp() -> Any:
    from quoteattr import load_nlp

    return load_nlp()


def test_textacy_baseline_strips_marks_and_gives_up_on_odd_counts(nlp: Any) -> None:
    run = textacy_baseline(nlp)
    text = '"We will keep working on this together," said Jane Doe, the minister.'
    (quote,) = run(text)
    assert quote.text == "We will keep working on this together,"
    assert text[quote.start : quote.end] == quote.text
    assert quote.speaker is not None and quote.speaker.name == "Jane Doe"
    assert quote.speaker.mention is not None and quote.speaker.mention.text == "Jane Doe"
    assert quote.cue is not None and quote.cue.text == "said"
    assert run('"We will keep working on this together, said Jane Doe.') == []


# ---- agreement with the reference scorer


def _reference() -> ModuleType:
    if not REFERENCE_SCORER.exists():
        pytest.skip(f"the reference scorer {REFERENCE_SCORER} is not available")
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE_SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_reference_records(quotes: Sequence[Quote]) -> list[dict[str, Any]]:
    """Turn quotes into what the reference scorer's systems return."""
    out = []
    for quote in quotes:
        speaker = quote.speaker
        mention = speaker.mention if speaker else None
        out.append(
            {
                "start": quote.start,
                "end": quote.end,
                "name": speaker.name if speaker else None,
                "m_start": mention.start if mention else None,
                "m_end": mention.end if mention else None,
            }
        )
    return out


def _fake_system(gold_by_text: dict[str, list[dict[str, Any]]]) -> Callable[[str], list[Quote]]:
    """A deterministic system that gets some quotes right and many things wrong."""

    def run(text: str) -> list[Quote]:
        out: list[Quote] = []
        for i, gq in enumerate(gold_by_text[text]):
            start, end = gq["start"], gq["end"]
            aliases = gq.get("aliases") or []
            variant = i % 7
            if variant == 6:
                continue  # missed
            if variant == 1:  # a shorter span, still >= 0.5
                end = start + (end - start) * 2 // 3
            if variant == 2:  # a span too short to match
                end = start + max(1, (end - start) // 3)
            names = [gq.get("speaker") or "nobody", *aliases, "he", "Someone Else"]
            name = names[i % len(names)]
            mention = None
            if variant == 3 and start > 12:  # a mention just before the quote
                mention = Mention(text[start - 12 : start - 2], start - 12, start - 2)
            speaker = None if variant == 4 else Speaker(name, mention=mention)
            out.append(Quote(text[start:end], start, end, speaker=speaker))
            if variant == 5:  # a spurious duplicate shifted off the quote
                shifted = min(len(text), end + 40)
                out.append(Quote(text[end:shifted], end, shifted, speaker=Speaker("Extra")))
        return out

    return run


def test_agrees_with_the_reference_scorer_on_the_seeds() -> None:
    reference = _reference()
    ref_docs = reference.load_gold(str(SEED_GOLD), None)
    gold_by_text = {d["text"]: d["quotes"] for d in ref_docs}
    system = _fake_system(gold_by_text)

    ref_errors: list[dict[str, Any]] = []
    expected = reference.score(ref_docs, lambda t: _as_reference_records(system(t)), ref_errors)
    errors: list[ErrorRecord] = []
    got = evaluate(load_gold(SEED_GOLD), system, errors=errors).to_dict()

    assert expected["pred"] > expected["gold"] / 2  # the fake system is not trivial
    assert 0 < expected["e2e_f1"] < expected["quote_f1"] < 1
    for key, value in expected.items():
        if key != "seconds":
            assert got[key] == value, key
    assert [e.to_dict() for e in errors] == ref_errors


def test_agrees_with_the_reference_scorer_on_given_names() -> None:
    """Where the gold lists aliases, each with a given name, the two scorers judge given
    names alike. (Without aliases, or with a surname alone among them, the reference
    scorer lets any given name through: see docs/evaluation.rst.)"""
    reference = _reference()
    names = ["Linda Tanner", "Greg Tanner", "G. Tanner", "Mr. Tanner", "Gregory Tanner"]
    names += ["Hillary Clinton", "William Clinton", "Tanner", "Bill Tanner"]
    golds = [
        g(0, 5, "Greg Tanner", aliases=("Greg Tanner", "Gregory Tanner")),
        g(0, 5, "Bill Clinton", aliases=("William Clinton",)),
    ]
    for gold in golds:
        ref_gold = {"speaker": gold.speaker, "aliases": list(gold.aliases)}
        for name in names:
            expected = reference.speaker_ok(ref_gold, {"name": name, "m_start": None})
            assert speaker_matches(gold, q(0, 5, name)) is expected, (gold.speaker, name)


def test_textacy_baseline_agrees_with_the_reference_scorer(nlp: Any) -> None:
    reference = _reference()
    ref_docs = reference.load_gold(str(SEED_GOLD), None)
    ref_run = reference.system_textacy()
    run = textacy_baseline(nlp)
    for d in ref_docs:
        assert _as_reference_records(run(d["text"])) == ref_run(d["text"])


def test_gold_text_files_keep_their_line_breaks(tmp_path: Path) -> None:
    """A document read from a file beside the gold keeps \\r\\n, as the command line reads it."""
    (tmp_path / "a.txt").write_bytes("Intro.\r\n“We will win,” said Jane Doe.\r\n".encode())
    gold = {"id": "a.txt", "quotes": [{"start": 9, "end": 21, "speaker": "Jane Doe"}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    [doc] = load_gold(tmp_path / "gold.jsonl")
    assert doc.text[9:21] == "We will win,"
