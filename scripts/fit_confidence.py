"""Fit ``quoteattr/data/confidence.json``, the calibration map of ``Quote.confidence``.

quoteattr is run over PolNeAR train: ``../shared/data/polnear/train.jsonl`` for quotations,
``train.indirect.jsonl`` (with ``include_indirect=True``) for reported speech. Each quote
it returns is labelled right or wrong exactly as the reference scorer
(``../shared/eval/score.py``, imported from its file at run time, its ``overlap``,
``speaker_ok`` and ``kind``) counts it: a returned quote that overlaps a gold quotation to
ignore by half is left out; returned and gold quotes are matched one to one, greatest
overlap first, where they overlap by at least half of the longer span; a quote is right
when it is matched and ``speaker_ok`` accepts its speaker. Each attributed quote's
features are recorded as it is built (``quoteattr._confidence.recording``).

The map holds empirical rates, one per cell of features: the share of a cell's quotes
that are right, smoothed toward the rate of the coarser cell it refines (a Beta prior of
weight ``STRENGTH`` quotes centred on the parent's rate). The chain of cells, coarsest
first: the quote's kind (direct, partial, indirect); its rule; the resolution path of the
speaker mention (the coarsest cell written to the map: a quote without one keeps the
product of the rule's confidence and the resolution penalty); the speaker's kind; the
cue's place. Cells with fewer than ``MIN_COUNT`` quotes are left out (a quote takes its
finest cell that is in the map). Nothing is learnt beyond counting: the same code and data
give the same map.

It prints the reliability tables (quotes by bins of confidence: how many, the mean
confidence given, the share right) before (the product) and after (the map), on train and
on dev (held out: ``dev.jsonl``, ``dev.indirect.jsonl``), with the precision of the quotes
given at least 0.9, and writes the map and the tables of ``docs/attribution.rst`` (between
its ``reliability-start`` and ``reliability-end`` comments).

Run from the repository root (a few minutes)::

    python scripts/fit_confidence.py

PolNeAR has no licence stated (evaluation and development only): no text of it goes into
the repository, only the counts of the map and of the tables.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import importlib.util
import json
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MAP_PATH = ROOT / "quoteattr" / "data" / "confidence.json"
DOCS_PATH = ROOT / "docs" / "attribution.rst"
DOCS_START = ".. reliability-start"
DOCS_END = ".. reliability-end"

LEVELS: tuple[tuple[str, ...], ...] = (
    ("kind", "rule", "path"),
    ("kind", "rule", "path", "speaker"),
    ("kind", "rule", "path", "speaker", "distance"),
)
"""The map's cells, coarsest first; a quote must have a cell of the first level."""

PRIORS: tuple[tuple[str, ...], ...] = (("kind",), ("kind", "rule"))
"""The coarser cells the first level is smoothed toward (not written to the map)."""

STRENGTH = 20.0
"""The weight of a parent cell's rate, in quotes."""

MIN_COUNT = 10
"""The fewest quotes of a cell written to the map."""

BINS: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
"""The lower edges of the reliability table's bins (the last one holds 1)."""

FAMILIES = {"direct": ".jsonl", "indirect": ".indirect.jsonl"}
"""What is fitted, and the suffix of its gold files (``train``, ``dev``)."""


class Sample(NamedTuple):
    """One attributed quote: its features, its product confidence, whether it is right."""

    features: Any  # quoteattr._confidence.Features, or anything with .value(name)
    product: float
    right: bool


class Row(NamedTuple):
    """One bin of a reliability table: ``[low, high)`` (the last bin holds 1)."""

    low: float
    high: float
    count: int
    mean: float
    observed: float


# --- fitting ------------------------------------------------------------------------------------


def key_of(features: Any, level: Sequence[str]) -> str:
    """A quote's cell at one level, as ``quoteattr._confidence.cell_keys`` writes it."""
    return "|".join(features.value(name) for name in level)


def fit(
    samples: Sequence[Sample],
    levels: Sequence[Sequence[str]] = LEVELS,
    priors: Sequence[Sequence[str]] = PRIORS,
    strength: float = STRENGTH,
    min_count: int = MIN_COUNT,
) -> dict[str, dict[str, float]]:
    """The cells of a map, each ``{"n": quotes, "right": right ones, "p": rate}``.

    A cell's rate is ``(right + strength * parent) / (n + strength)``, ``parent`` the rate
    of the cell it refines; the first prior's parent is the share right of all samples.

    Args:
        samples: The labelled quotes.
        levels: The features each level of the map fixes, coarsest first, each level
            refining the one before it.
        priors: Coarser levels, only to smooth the first level toward.
        strength: The weight of the parent's rate, in quotes.
        min_count: The fewest quotes of a cell that is returned.

    Returns:
        The cells of ``levels`` with at least ``min_count`` quotes, by key.
    """
    chain = [*priors, *levels]
    counts: list[Counter[str]] = [Counter() for _ in chain]
    rights: list[Counter[str]] = [Counter() for _ in chain]
    parents: list[dict[str, str]] = [{} for _ in chain]
    for s in samples:
        keys = [key_of(s.features, level) for level in chain]
        for i, key in enumerate(keys):
            counts[i][key] += 1
            rights[i][key] += s.right
            if i:
                parents[i][key] = keys[i - 1]
    base = sum(s.right for s in samples) / len(samples) if samples else 0.0
    rates: list[dict[str, float]] = []
    cells: dict[str, dict[str, float]] = {}
    for i in range(len(chain)):
        rate: dict[str, float] = {}
        for key in sorted(counts[i]):
            parent = rates[i - 1][parents[i][key]] if i else base
            n, k = counts[i][key], rights[i][key]
            rate[key] = (k + strength * parent) / (n + strength)
            if i >= len(priors) and n >= min_count:
                cells[key] = {"n": n, "right": k, "p": round(rate[key], 4)}
        rates.append(rate)
    return cells


def predict(cmap: Mapping[str, Any], sample: Sample) -> float:
    """A sample's confidence under a map, as quoteattr gives it at run time."""
    from quoteattr._confidence import lookup

    return lookup(cmap, sample.features, sample.product)


def reliability(pairs: Iterable[tuple[float, bool]], bins: Sequence[float] = BINS) -> list[Row]:
    """The reliability table of ``(confidence, right)`` pairs: one row per bin, empty ones
    included (``bins`` are the lower edges, the first 0).

    Example:
        >>> [r.count for r in reliability([(0.1, False), (0.95, True), (1.0, True)], (0, 0.5))]
        [1, 2]
    """
    sums = [[0, 0.0, 0] for _ in bins]
    for conf, right in pairs:
        i = max(j for j, low in enumerate(bins) if conf >= low or j == 0)
        sums[i][0] += 1
        sums[i][1] += conf
        sums[i][2] += right
    rows = []
    for j, (n, total, k) in enumerate(sums):
        high = bins[j + 1] if j + 1 < len(bins) else 1.0
        rows.append(Row(bins[j], high, int(n), total / n if n else 0.0, k / n if n else 0.0))
    return rows


def precision_at(pairs: Iterable[tuple[float, bool]], threshold: float = 0.9) -> tuple[float, int]:
    """The share right among the quotes given at least ``threshold``, and how many they are."""
    chosen = [right for conf, right in pairs if conf >= threshold]
    return (sum(chosen) / len(chosen) if chosen else 0.0), len(chosen)


def calibration_error(rows: Sequence[Row]) -> float:
    """The expected calibration error: the gap between the mean confidence and the share
    right of each bin, weighted by its count."""
    total = sum(r.count for r in rows)
    return sum(r.count * abs(r.mean - r.observed) for r in rows) / total if total else 0.0


# --- labelling ----------------------------------------------------------------------------------


def load_scorer(path: Path) -> ModuleType:
    """The reference scorer, imported from its file."""
    spec = importlib.util.spec_from_file_location("quoteattr_reference_scorer", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"fit_confidence: cannot import the scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def label_document(
    score: ModuleType, doc: Mapping[str, Any], preds: Sequence[Mapping[str, Any]], indirect: bool
) -> list[bool | None]:
    """Whether each returned quote of a document is right as the scorer counts it, or
    ``None`` for one it ignores (overlapping a gold quotation it does not count).

    Args:
        score: The reference scorer's module.
        doc: The gold document (its ``quotes``).
        preds: The returned quotes as the scorer sees them: ``start``, ``end``, ``name``,
            ``m_start``, ``m_end``.
        indirect: Whether reported speech is scored (gold of kind ``indirect`` only).
    """
    if indirect:
        counted = [score.kind(q) == "indirect" for q in doc["quotes"]]
    else:
        counted = [score.kind(q) not in ("skip", "indirect") for q in doc["quotes"]]
    gold = [q for q, c in zip(doc["quotes"], counted, strict=True) if c]
    skips = [q for q, c in zip(doc["quotes"], counted, strict=True) if not c]
    kept = [
        i
        for i, p in enumerate(preds)
        if not any(score.overlap(s["start"], s["end"], p["start"], p["end"]) >= 0.5 for s in skips)
    ]
    pairs = sorted(
        (
            (score.overlap(g["start"], g["end"], preds[pi]["start"], preds[pi]["end"]), gi, n)
            for gi, g in enumerate(gold)
            for n, pi in enumerate(kept)
        ),
        reverse=True,
    )
    taken: set[int] = set()
    match: dict[int, int] = {}  # index in kept -> gold index
    for ov, gi, n in pairs:
        if ov >= 0.5 and gi not in taken and n not in match:
            taken.add(gi)
            match[n] = gi
    labels: list[bool | None] = [None] * len(preds)
    for n, pi in enumerate(kept):
        labels[pi] = n in match and bool(score.speaker_ok(gold[match[n]], preds[pi]))
    return labels


def collect(score: ModuleType, path: Path, indirect: bool) -> tuple[list[Sample], Counter[str]]:
    """Run quoteattr over a gold file as the scorer does and label what it returns.

    Returns:
        The attributed quotes, and counts: ``scored`` quotes, ``right`` ones,
        ``unattributed`` (scored, with no speaker: confidence 0, never right), ``ignored``.
    """
    import quoteattr
    from quoteattr._confidence import recording

    samples: list[Sample] = []
    stats: Counter[str] = Counter()
    for doc in score.load_gold(str(path), None):
        with recording() as records:
            found = quoteattr.extract_quotes(doc["text"], include_indirect=indirect)
        built = {(r.start, r.end, r.features.kind): r for r in records}
        quotes = [q for q in found if not indirect or q.kind == "indirect"]
        preds = []
        for q in quotes:
            mention = q.speaker.mention if q.speaker is not None else None
            preds.append(
                {
                    "start": q.start,
                    "end": q.end,
                    "name": q.speaker.name if q.speaker is not None else None,
                    "m_start": mention.start if mention is not None else None,
                    "m_end": mention.end if mention is not None else None,
                }
            )
        for q, right in zip(quotes, label_document(score, doc, preds, indirect), strict=True):
            if right is None:
                stats["ignored"] += 1
                continue
            stats["scored"] += 1
            stats["right"] += right
            if q.speaker is None:
                stats["unattributed"] += 1
                continue
            record = built[(q.start, q.end, q.kind)]
            samples.append(Sample(record.features, record.product, right))
    return samples, stats


# --- reporting ----------------------------------------------------------------------------------


def table_lines(rows: Sequence[Row]) -> list[str]:
    """A reliability table as an reStructuredText simple table (empty bins left out)."""
    border = "============  ======  ===============  ==========="
    lines = [border, "confidence    quotes  mean confidence  share right", border]
    for r in rows:
        if r.count:
            span = f"[{r.low:.2f}, {r.high:.2f}" + ("]" if r.high >= 1.0 else ")")
            lines.append(f"{span:<12}  {r.count:>6}  {r.mean:>15.3f}  {r.observed:>11.3f}")
    return [*lines, border]


def describe(pairs: Sequence[tuple[float, bool]]) -> str:
    """One line on a set of ``(confidence, right)`` pairs."""
    prec, n = precision_at(pairs)
    right = sum(r for _, r in pairs)
    return (
        f"{len(pairs)} attributed quotes, {right} right; given >= 0.9: {n} quotes, "
        f"{prec:.1%} right; calibration error {calibration_error(reliability(pairs)):.3f}"
    )


def docs_block(results: Mapping[tuple[str, str], tuple[list[Sample], Mapping[str, Any]]]) -> str:
    """The docs' tables: for each family and split, the reliability table under the map,
    with the precision at 0.9 before and after."""
    lines = [DOCS_START, ""]
    header = next(iter(results.values()))[1].get("header", {})
    if header:
        fitted = " and ".join(
            f"{n} attributed quotes of ``{header['fitted_on'][f]}``"
            for f, n in header["samples"].items()
        )
        cells = len(next(iter(results.values()))[1]["cells"])
        lines += [
            textwrap.fill(
                f"Fitted on {fitted}: {cells} cells, smoothed with a weight of {STRENGTH:g} "
                f"quotes toward their parent cells, cells of fewer than {MIN_COUNT} quotes "
                "left out.",
                92,
            ),
            "",
        ]
    for (family, split), (samples, cmap) in results.items():
        before = [(round(s.product, 3), s.right) for s in samples]
        after = [(predict(cmap, s), s.right) for s in samples]
        pb, nb = precision_at(before)
        pa, na = precision_at(after)
        what = "Quotations" if family == "direct" else "Reported speech"
        held = ", held out" if split == "dev" else ""
        was = f"{nb} quotes, {pb:.1%} right" if nb else "none"
        prose = (
            f"**{what}, PolNeAR {split}{held}** ({len(samples)} attributed quotes). Given at "
            f"least 0.9: {na} quotes, {pa:.1%} right (before calibration: {was})."
        )
        lines += [
            textwrap.fill(prose, 92),
            "",
            *table_lines(reliability(after)),
            "",
        ]
    return "\n".join([*lines, DOCS_END])


def write_docs(block: str, path: Path = DOCS_PATH) -> bool:
    """Put the tables between the markers of the docs page; ``False`` without markers."""
    text = path.read_text(encoding="utf-8")
    start, end = text.find(DOCS_START), text.find(DOCS_END)
    if start < 0 or end < start:
        return False
    path.write_text(text[:start] + block + text[end + len(DOCS_END) :], encoding="utf-8")
    return True


def map_text(cmap: Mapping[str, Any]) -> str:
    """The map as JSON, one cell a line."""
    head = json.dumps({"header": cmap["header"], "levels": cmap["levels"]}, indent=1)
    cells = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in cmap["cells"].items())
    return head[: -len("\n}")] + ',\n "cells": {\n' + cells + "\n }\n}\n"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def main(argv: Sequence[str] | None = None) -> int:
    """Fit the map on train, print the tables on train and dev, write the map and docs."""
    ap = argparse.ArgumentParser(description="Fit quoteattr/data/confidence.json.")
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "polnear")
    ap.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    ap.add_argument("--dry-run", action="store_true", help="print the tables, write nothing")
    args = ap.parse_args(argv)
    files = {
        (family, split): args.data / f"{split}{suffix}"
        for family, suffix in FAMILIES.items()
        for split in ("train", "dev")
    }
    missing = [str(p) for p in (args.scorer, *files.values()) if not p.is_file()]
    if missing:
        print(
            "fit_confidence: not found: " + ", ".join(missing) + "\nThe PolNeAR files and the "
            "reference scorer are read from ../shared beside the repository (see --data, "
            "--scorer).",
            file=sys.stderr,
        )
        return 2
    score = load_scorer(args.scorer)
    t0 = time.perf_counter()
    data: dict[tuple[str, str], list[Sample]] = {}
    for (family, split), path in files.items():
        data[family, split], stats = collect(score, path, family == "indirect")
        print(f"[{time.perf_counter() - t0:.0f} s] {path.name}: {dict(sorted(stats.items()))}")
    cells: dict[str, dict[str, float]] = {}
    for family in FAMILIES:
        cells.update(fit(data[family, "train"]))
    header = {
        "what": "the share of quotes right (the reference scorer's quote matched and speaker "
        "right) for cells of features, by key: the levels' feature values joined by |",
        "fitted_by": "scripts/fit_confidence.py",
        "method": f"empirical rate per cell, (right + {STRENGTH:g} * parent) / (n + {STRENGTH:g}),"
        " parent the rate of the coarser cell (kind, then rule, then each level); cells of "
        f"fewer than {MIN_COUNT} quotes left out",
        "fitted_on": {f: files[f, "train"].name for f in FAMILIES},
        "data_sha256": {f: _sha256(files[f, "train"]) for f in FAMILIES},
        "samples": {f: len(data[f, "train"]) for f in FAMILIES},
        "date": datetime.date.today().isoformat(),
        "code": _commit(),
    }
    cmap: dict[str, Any] = {
        "header": header,
        "levels": [list(level) for level in LEVELS],
        "cells": dict(sorted(cells.items())),
    }
    for (family, split), samples in data.items():
        for when, pairs in (
            ("before (product)", [(round(s.product, 3), s.right) for s in samples]),
            ("after (map)", [(predict(cmap, s), s.right) for s in samples]),
        ):
            print(f"\n{family} {split}, {when}: {describe(pairs)}\n")
            print("\n".join(table_lines(reliability(pairs))))
    if args.dry_run:
        return 0
    MAP_PATH.write_text(map_text(cmap), encoding="utf-8")
    print(f"\nwrote {MAP_PATH.relative_to(ROOT)} ({len(cells)} cells)")
    if write_docs(docs_block({key: (samples, cmap) for key, samples in data.items()})):
        print(f"wrote the tables of {DOCS_PATH.relative_to(ROOT)}")
    else:
        print(f"no {DOCS_START} / {DOCS_END} in {DOCS_PATH}: tables not written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
