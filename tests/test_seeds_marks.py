"""The quotation marks of the seed articles: every gold quotation is a span of find_quotes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quoteattr.marks import find_quotes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _gold() -> list[dict[str, Any]]:
    with (SEEDS / "gold.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _read(name: str) -> str:
    with (SEEDS / name).open(encoding="utf-8", newline="") as article:
        return article.read()


GOLD = _gold()


def test_seeds_present() -> None:
    assert len(GOLD) == 5
    assert sum(len(doc["quotes"]) for doc in GOLD) > 30


@pytest.mark.parametrize("doc", GOLD, ids=[doc["id"] for doc in GOLD])
def test_gold_quotes_are_spans(doc: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    text = _read(doc["id"])
    spans = {(span.start, span.end) for span in find_quotes(text)}
    missing = [
        (quote["kind"], quote["text"])
        for quote in doc["quotes"]
        if (quote["start"], quote["end"]) not in spans
    ]
    assert missing == []
    for quote in doc["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    assert capsys.readouterr() == ("", "")


def test_leuprecht_stray_mark() -> None:
    text = _read("000_1f16a92304612b5c.txt")
    line = next(p for p in text.splitlines() if p.startswith("“Even a small part"))
    found = [line[s.start : s.end] for s in find_quotes(line)]
    assert found == ["Even a small part of this money,", "said Leuprecht."]


def test_seed_apostrophes_are_not_quotes() -> None:
    text = _read("002_11b4870d979558c0.txt")
    assert "Trump‘s administration" in text
    assert all("Trump‘s" not in text[s.mark_start : s.mark_end] for s in find_quotes(text))
