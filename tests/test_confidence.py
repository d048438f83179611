"""Calibrated confidence: the shipped map, its lookup, and the fitting script's helpers.

Nothing here reads ``../shared``: the script's helpers run on small invented samples.
"""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, get_args

import attrs
import pytest

import quoteattr
from quoteattr._confidence import (
    FEATURES,
    Features,
    calibrated,
    cell_keys,
    distance_bucket,
    load_map,
    lookup,
    recording,
)
from quoteattr._mentions import ResolutionPath
from quoteattr.model import KINDS, SPEAKER_KINDS

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "fit_confidence.py"


@pytest.fixture(scope="module")
def fitting() -> ModuleType:
    """``scripts/fit_confidence.py`` as a module (it reads no data when imported)."""
    spec = importlib.util.spec_from_file_location("fit_confidence", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the shipped map --------------------------------------------------------------------------


def test_map_is_well_formed() -> None:
    cmap = load_map()
    header = cmap["header"]
    for key in ("fitted_by", "method", "fitted_on", "samples", "date"):
        assert header[key]
    assert header["fitted_by"] == "scripts/fit_confidence.py"
    levels = cmap["levels"]
    assert levels and levels[0][:3] == ["kind", "rule", "path"]
    for coarse, fine in itertools.pairwise(levels):
        assert fine[: len(coarse)] == coarse and len(fine) > len(coarse)
    assert all(name in FEATURES for level in levels for name in level)
    sizes = {len(level) for level in levels}
    assert cmap["cells"]
    for key, cell in cmap["cells"].items():
        parts = key.split("|")
        assert len(parts) in sizes, key
        assert parts[0] in KINDS and parts[2] in get_args(ResolutionPath), key
        if len(parts) > 3:
            assert parts[3] in SPEAKER_KINDS, key
        if len(parts) > len(levels[0]):  # a finer cell refines a cell that is in the map
            assert "|".join(parts[:-1]) in cmap["cells"], key
        assert 0 <= cell["right"] <= cell["n"] and 0.0 <= cell["p"] <= 1.0, key


def test_every_cell_gives_a_confidence_in_the_unit_interval() -> None:
    cmap = load_map()
    for key in cmap["cells"]:
        kind, rule, path, *rest = key.split("|")
        speaker, distance = (*rest, "person", "far")[:2]
        conf = lookup(cmap, Features(kind, rule, path, speaker, distance), 0.5)
        assert 0 < conf <= 1


def test_missing_cell_keeps_the_product() -> None:
    features = Features("direct", "no_such_rule", "name", "person", "far")
    assert calibrated(features, 0.72, (0, 1)) == 0.72
    empty = {"levels": [], "cells": {}}
    assert lookup(empty, features, 0.7654) == 0.765


def test_finest_cell_in_the_map_decides() -> None:
    levels = [["kind", "rule", "path"], ["kind", "rule", "path", "speaker"]]
    cells = {
        "direct|r|name": {"n": 50, "right": 45, "p": 0.9},
        "direct|r|name|organization": {"n": 10, "right": 6, "p": 0.65},
    }
    cmap = {"levels": levels, "cells": cells}
    person = Features("direct", "r", "name", "person", "far")
    assert lookup(cmap, person, 0.5) == 0.9
    assert lookup(cmap, attrs.evolve(person, speaker="organization"), 0.5) == 0.65
    assert lookup(cmap, attrs.evolve(person, path="pronoun"), 0.425) == 0.425
    assert cell_keys(person, levels) == ["direct|r|name", "direct|r|name|person"]


def test_distance_buckets() -> None:
    span = (10, 20)  # a quotation with its marks
    assert distance_bucket(None, span) == "none"
    assert distance_bucket((12, 16), span) == "inside"
    assert distance_bucket((22, 26), span) == "adjacent"  # “…,” she said
    assert distance_bucket((4, 8), span) == "adjacent"  # Doe said: “…”
    assert distance_bucket((40, 44), span) == "far"


# --- at run time ------------------------------------------------------------------------------

TEXT = (
    "Jane Doe spoke in Ottawa on Monday.\n"
    "“We will win the vote,” Jane Doe said.\n"
    "“We have the numbers,” she said.\n"
    "“It was a long day,” he said."
)


def test_resolution_paths_get_their_own_confidences() -> None:
    with recording() as records:
        quotes = quoteattr.extract_quotes(TEXT)
    assert [r.features.path for r in records] == ["name", "pronoun", "unresolved"]
    name, pronoun, unresolved = (q.confidence for q in quotes)
    assert len({name, pronoun, unresolved}) == 3
    assert unresolved < min(name, pronoun)
    assert all(0 < c <= 1 for c in (name, pronoun, unresolved))
    assert all(q.rule == "syntactic_cue" for q in quotes)


def test_recording_is_off_outside_its_block() -> None:
    with recording() as records:
        pass
    quoteattr.extract_quotes(TEXT)
    assert records == []


def test_reported_speech_is_calibrated_in_its_own_cells() -> None:
    text = "Maria Lopez said that the bridge would reopen in May."
    with recording() as records:
        (q,) = quoteattr.extract_quotes(text, include_indirect=True)
    assert q.kind == "indirect" and 0 < q.confidence <= 1
    (record,) = records
    assert record.features.kind == "indirect" and record.features.path == "name"
    assert q.confidence == lookup(load_map(), record.features, record.product)


# --- the fitting script's helpers ---------------------------------------------------------------


def _samples(fitting: ModuleType, cell: tuple[str, ...], n: int, right: int) -> list[Any]:
    features = Features(*cell)
    return [fitting.Sample(features, 0.8, i < right) for i in range(n)]


def test_fit_smooths_each_cell_toward_its_parent(fitting: ModuleType) -> None:
    a = ("direct", "r", "name", "person", "far")
    b = ("direct", "r", "pronoun", "person", "far")
    c = ("direct", "r", "pronoun", "organization", "far")
    samples = [
        *_samples(fitting, a, 30, 27),
        *_samples(fitting, b, 10, 5),
        *_samples(fitting, c, 2, 0),
    ]
    levels = [["kind", "rule", "path"], ["kind", "rule", "path", "speaker"]]
    cells = fitting.fit(samples, levels, [["kind"]], strength=4.0, min_count=5)
    base = 32 / 42
    kind = (32 + 4 * base) / (42 + 4)
    name = (27 + 4 * kind) / (30 + 4)
    pronoun = (5 + 4 * kind) / (12 + 4)
    assert cells["direct|r|name"] == {"n": 30, "right": 27, "p": round(name, 4)}
    assert cells["direct|r|pronoun"] == {"n": 12, "right": 5, "p": round(pronoun, 4)}
    assert cells["direct|r|pronoun|person"]["p"] == round((5 + 4 * pronoun) / (10 + 4), 4)
    assert "direct|r|pronoun|organization" not in cells  # 2 quotes < min_count
    assert set(cells) == {
        "direct|r|name",
        "direct|r|pronoun",
        "direct|r|name|person",
        "direct|r|pronoun|person",
    }
    # with no smoothing, the rates are the cells' shares
    raw = fitting.fit(samples, levels, [["kind"]], strength=0.0, min_count=1)
    assert raw["direct|r|pronoun|organization"]["p"] == 0.0
    assert raw["direct|r|name"]["p"] == 0.9


def test_fit_is_deterministic(fitting: ModuleType) -> None:
    a = _samples(fitting, ("direct", "r", "name", "person", "far"), 12, 9)
    b = _samples(fitting, ("partial", "r", "name", "person", "far"), 11, 4)
    assert fitting.fit(a + b) == fitting.fit(b + a)


def test_reliability_table(fitting: ModuleType) -> None:
    pairs = [(0.2, False), (0.3, True), (0.55, True), (0.9, True), (0.95, False), (1.0, True)]
    rows = fitting.reliability(pairs, (0.0, 0.5, 0.9))
    assert [(r.low, r.high, r.count) for r in rows] == [
        (0.0, 0.5, 2),
        (0.5, 0.9, 1),
        (0.9, 1.0, 3),
    ]
    assert rows[0].mean == pytest.approx(0.25) and rows[0].observed == 0.5
    assert rows[2].mean == pytest.approx(0.95) and rows[2].observed == pytest.approx(2 / 3)
    assert fitting.precision_at(pairs) == (pytest.approx(2 / 3), 3)
    assert fitting.calibration_error(rows) == pytest.approx(
        (2 * 0.25 + 1 * 0.45 + 3 * abs(0.95 - 2 / 3)) / 6
    )
    table = fitting.table_lines(rows)
    assert table[0] == table[2] == table[-1] and len(table) == 3 + 3 + 1


def test_label_document_matches_one_to_one(fitting: ModuleType) -> None:
    def overlap(a0: int, a1: int, b0: int, b1: int) -> float:
        return max(0, min(a1, b1) - max(a0, b0)) / max(a1 - a0, b1 - b0, 1)

    scorer = SimpleNamespace(
        overlap=overlap,
        kind=lambda q: q.get("type", "direct"),
        speaker_ok=lambda g, p: g["speaker"] == p["name"],
    )
    doc = {
        "quotes": [
            {"start": 0, "end": 10, "speaker": "Ann"},
            {"start": 20, "end": 30, "speaker": "Bob"},
            {"start": 40, "end": 50, "speaker": None, "type": "skip"},
        ]
    }
    preds = [
        {"start": 0, "end": 10, "name": "Ann"},  # matched, right
        {"start": 1, "end": 10, "name": "Ann"},  # the gold quote is taken: wrong
        {"start": 20, "end": 30, "name": "Ann"},  # matched, wrong speaker
        {"start": 41, "end": 50, "name": "Cy"},  # over a skipped quotation: ignored
        {"start": 60, "end": 70, "name": "Cy"},  # no gold quote: wrong
    ]
    labels = fitting.label_document(scorer, doc, preds, indirect=False)
    assert labels == [True, False, False, None, False]


def test_docs_block_fits_between_markers(fitting: ModuleType, tmp_path: Path) -> None:
    page = tmp_path / "page.rst"
    page.write_text(f"Intro\n\n{fitting.DOCS_START}\nold\n{fitting.DOCS_END}\n\nEnd\n")
    samples = _samples(fitting, ("direct", "r", "name", "person", "far"), 12, 11)
    cmap = {"levels": [["kind", "rule", "path"]], "cells": fitting.fit(samples)}
    block = fitting.docs_block({("direct", "train"): (samples, cmap)})
    assert fitting.write_docs(block, page)
    text = page.read_text()
    assert text.startswith("Intro\n\n.. reliability-start") and text.endswith("end\n\nEnd\n")
    assert "old" not in text and "12 attributed quotes" in text
    bare = tmp_path / "bare.rst"
    bare.write_text("No markers\n")
    assert not fitting.write_docs(block, bare) and bare.read_text() == "No markers\n"


def test_map_text_is_the_map(fitting: ModuleType) -> None:
    import json

    samples = _samples(fitting, ("direct", "r", "name", "person", "far"), 12, 11)
    cmap = {"header": {"what": "test"}, "levels": [["kind"]], "cells": fitting.fit(samples)}
    text = fitting.map_text(cmap)
    assert json.loads(text) == cmap
    lines = text.splitlines()
    for key, cell in cmap["cells"].items():  # one cell a line
        assert f"  {json.dumps(key)}: {json.dumps(cell)}," in lines or key == [*cmap["cells"]][-1]
