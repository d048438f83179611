"""Throughput and memory of quoteattr against spaCy alone and spaCy + textacy.

Usage::

    python benchmarks/bench_throughput.py [--repeats 3] [--polnear PATH] [--quick]
        [--only processes throughput marks worst]

On the seed articles (``seeds/*.txt``) and, when the file exists, PolNeAR dev
(``../shared/data/polnear/dev.jsonl``; read here, never copied), it measures in one process,
alternating on the same texts and the same English pipeline:

(a) spaCy alone: ``nlp.pipe`` over the texts;
(b) spaCy + textacy: (a) then ``textacy.extract.direct_quotations`` on every Doc;
(c) quoteattr: ``QuoteExtractor.pipe`` over the texts;
(d) quoteattr with reported speech: the same with ``include_indirect=True``;
(e) quoteattr in fast mode: the same with ``fast=True`` (no entity component);

and reports words per second (CPU time of the process, the median of ``--repeats`` runs;
wall-clock figures too), the ratios (c)/(b) and (c)/(a), peak memory (``ru_maxrss`` of a
fresh subprocess per configuration, next to its size once the pipeline is loaded), and
``pipe(n_process=2)`` against ``pipe(n_process=1)`` in wall-clock time. Then the mark parser
(:func:`quoteattr.find_quotes`) against input size, and the worst cases through
``QuoteExtractor.extract``: 100,000 quotation marks in one paragraph, 10 MB of news with
no line break, and 10 MB of narration in which every paragraph holds a quotation
(``--quick`` runs them on 1 MB instead). ``stages`` shows where quoteattr's time goes:
spaCy's components, quoteattr's rules, the glue. Everything is printed as markdown tables.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"


# --- corpora ----------------------------------------------------------------------------------


def seed_texts() -> list[str]:
    """The seed articles, one string each."""
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def polnear_texts(path: Path) -> list[str]:
    """The texts of a PolNeAR JSON Lines file (empty when it does not exist)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def corpora(args: argparse.Namespace) -> dict[str, list[str]]:
    """The corpora to measure, by name."""
    out = {"seeds": seed_texts()}
    polnear = polnear_texts(Path(args.polnear))
    if polnear:
        out["PolNeAR dev"] = polnear
    return out


def words(texts: list[str]) -> int:
    """White-space separated words in ``texts``."""
    return sum(len(t.split()) for t in texts)


# --- the configurations -------------------------------------------------------------------


def run_spacy(nlp: Any, texts: list[str]) -> None:
    """(a) spaCy alone."""
    for _ in nlp.pipe(texts):
        pass


def run_textacy(nlp: Any, texts: list[str]) -> None:
    """(b) spaCy and textacy's ``direct_quotations``."""
    import textacy.extract

    for doc in nlp.pipe(texts):
        # textacy gives up on an odd number of quotation marks
        with contextlib.suppress(ValueError):
            list(textacy.extract.direct_quotations(doc))


def run_quoteattr(extractor: Any, texts: list[str], n_process: int = 1) -> None:
    """(c) quoteattr."""
    for _ in extractor.pipe(texts, n_process=n_process):
        pass


CONFIGS = ("spacy", "spacy+textacy", "quoteattr", "quoteattr indirect", "quoteattr fast")


def make_extractor(config: str, nlp: Any) -> Any:
    """The extractor of a quoteattr configuration (the default one for the others)."""
    import quoteattr

    if config == "quoteattr fast":
        return quoteattr.QuoteExtractor(nlp, fast=True)
    return quoteattr.QuoteExtractor(nlp, include_indirect=config == "quoteattr indirect")


def runner(config: str, nlp: Any, extractor: Any) -> Callable[[list[str]], None]:
    """The function that runs ``config`` on a list of texts (``extractor`` from
    :func:`make_extractor`)."""
    if config == "spacy":
        return lambda texts: run_spacy(nlp, texts)
    if config == "spacy+textacy":
        return lambda texts: run_textacy(nlp, texts)
    return lambda texts: run_quoteattr(extractor, texts)


def timed(func: Callable[[], None]) -> tuple[float, float]:
    """``(cpu seconds, wall seconds)`` of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    func()
    return time.process_time() - cpu, time.perf_counter() - wall


# --- memory, in a fresh process per configuration --------------------------------------------


def _status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss_mb() -> float:
    """Current resident set size of this process, in MB (``nan`` without ``/proc``)."""
    if not os.path.exists("/proc/self/status"):
        return float("nan")
    return _status_mb("VmRSS")


def peak_mb() -> float:
    """Peak resident set size of this process so far, in MB.

    ``VmHWM`` where there is a ``/proc`` (``ru_maxrss`` keeps the parent's figure across
    ``fork`` and ``exec`` on Linux), else ``ru_maxrss``.
    """
    if os.path.exists("/proc/self/status"):
        return _status_mb("VmHWM")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(args: argparse.Namespace) -> None:
    """Run one configuration on one input in this process; print time and memory as JSON."""
    import quoteattr

    nlp = quoteattr.load_nlp()
    extractor = make_extractor(args.config, nlp)
    extractor.extract("“Warm,” said Ann Lee.")  # loads lazily built parts
    loaded = rss_mb()
    kind, name = args.child
    if kind == "corpus":
        texts = corpora(args)[name]
        cpu, wall = timed(lambda: runner(args.config, nlp, extractor)(texts))
        out: dict[str, Any] = {}
    else:
        text = worst_case(name, args.quick)
        quotes: list[Any] = []
        cpu, wall = timed(lambda: quotes.extend(extractor.extract(text)))
        out = {"chars": len(text), "words": len(text.split()), "quotes": len(quotes)}
    out.update(loaded_mb=loaded, peak_mb=peak_mb(), cpu=cpu, wall=wall)
    print(json.dumps(out))


def in_child(args: argparse.Namespace, what: list[str], config: str = "quoteattr") -> Any:
    """Run :func:`child` in a fresh interpreter and return what it printed."""
    cmd = [sys.executable, __file__, "--child", *what, "--config", config]
    cmd += ["--polnear", str(args.polnear)] + (["--quick"] if args.quick else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- worst cases ------------------------------------------------------------------------------


def news_unit() -> str:
    """The seed news as one paragraph (line breaks turned into spaces)."""
    return " ".join(seed_texts()).replace("\n", " ")


FIRST = "Anna Bruno Carla David Elena Frank Greta Hugo Irene Jakob".split()
LAST = "Berg Costa Dietz Engel Falk Graf Hahn Imhof Jung Kraus".split()


def narration_paragraph(i: int) -> str:
    """A paragraph of narration ending in a quotation, with a name introduced before it."""
    first, last = FIRST[i % 10], LAST[(i // 10) % 10]
    return (
        "The committee met again on Tuesday in the capital to discuss the budget for the "
        "coming year. Members reviewed several proposals on schools, roads and the hospital. "
        "Some of them asked for more time, and the chair agreed to a short recess. "
        f"{first} {last}, who has led the finance group since March, spoke after the break. "
        f"“We cannot keep spending money we do not have, and we will not,” {last} said."
    )


def worst_case(name: str, quick: bool) -> str:
    """The worst-case inputs, by name."""
    if name == "marks":
        return "“a” " * 50_000  # 100,000 quotation marks in one paragraph
    size = 1_000_000 if quick else 10_000_000
    if name == "narration":  # every paragraph holds a quotation
        paragraphs: list[str] = []
        while sum(len(p) + 1 for p in paragraphs) < size:
            paragraphs.append(narration_paragraph(len(paragraphs)))
        return "\n".join(paragraphs)
    unit = news_unit()
    return (unit * (size // len(unit) + 1))[:size]


# --- reports ----------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[Any]]) -> str:
    """A markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def throughput(args: argparse.Namespace) -> None:
    """Words per second of the configurations, alternating, and their ratios."""
    import quoteattr

    nlp = quoteattr.load_nlp()
    extractors = {config: make_extractor(config, nlp) for config in CONFIGS}
    rows = []
    for name, texts in corpora(args).items():
        n_words = words(texts)
        for config in CONFIGS:  # warm-up
            runner(config, nlp, extractors[config])(texts[:3])
        cpu: dict[str, list[float]] = {c: [] for c in CONFIGS}
        wall: dict[str, list[float]] = {c: [] for c in CONFIGS}
        for _ in range(args.repeats):
            for config in CONFIGS:
                run = runner(config, nlp, extractors[config])
                c, w = timed(lambda run=run, texts=texts: run(texts))
                cpu[config].append(c)
                wall[config].append(w)
        speed = {c: n_words / statistics.median(cpu[c]) for c in CONFIGS}
        wspeed = {c: n_words / statistics.median(wall[c]) for c in CONFIGS}
        mem = {c: in_child(args, ["corpus", name], c) for c in CONFIGS}
        for config in CONFIGS:
            rows.append(
                [
                    name,
                    f"{len(texts)} / {n_words:,}",
                    config,
                    f"{speed[config]:,.0f}",
                    f"{wspeed[config]:,.0f}",
                    f"{speed[config] / speed['spacy+textacy']:.2f}",
                    f"{speed[config] / speed['spacy']:.2f}",
                    f"{mem[config]['loaded_mb']:.0f} → {mem[config]['peak_mb']:.0f}",
                ]
            )
    header = [
        "corpus",
        "docs / words",
        "configuration",
        "words/s (CPU)",
        "words/s (wall)",
        "÷ spaCy+textacy",
        "÷ spaCy",
        "RSS MB: loaded → peak",
    ]
    print(f"\n### Throughput, one process (median of {args.repeats} alternating runs)\n")
    print(table(header, rows), flush=True)


def processes(args: argparse.Namespace) -> None:
    """``pipe(n_process=2)`` against ``pipe(n_process=1)``, wall-clock."""
    import quoteattr

    extractor = quoteattr.QuoteExtractor()
    rows = []
    for name, texts in corpora(args).items():
        if name == "seeds":
            texts = texts * 8
            name = "seeds ×8"
        n_words = words(texts)
        results: dict[int, list[float]] = {1: [], 2: []}
        same = True
        reference = list(extractor.pipe(texts))
        for _ in range(args.repeats):
            for n in (1, 2):
                start = time.perf_counter()
                out = list(extractor.pipe(texts, n_process=n))
                results[n].append(time.perf_counter() - start)
                same = same and out == reference
        one, two = statistics.median(results[1]), statistics.median(results[2])
        rows.append(
            [
                name,
                f"{n_words / one:,.0f}",
                f"{n_words / two:,.0f}",
                f"{one / two:.2f}",
                "yes" if same else "NO",
            ]
        )
    header = ["corpus", "n_process=1 words/s", "n_process=2 words/s", "ratio", "same quotes"]
    print(f"\n### Processes (wall clock, {os.cpu_count()} CPUs, median of {args.repeats})\n")
    print(table(header, rows), flush=True)


def mark_parser() -> None:
    """:func:`quoteattr.find_quotes` against input size (linear time)."""
    from quoteattr import find_quotes

    unit = "\n".join(seed_texts()) + "\n"
    rows = []
    for size in (100_000, 1_000_000, 10_000_000):
        text = (unit * (size // len(unit) + 1))[:size]
        best = min(timed(lambda text=text: find_quotes(text))[1] for _ in range(2))
        rows.append([f"{size / 1e6:g} MB", f"{best:.2f}", f"{size / best / 1e6:.2f}"])
    print("\n### Mark parser (find_quotes) against input size\n")
    print(table(["input", "seconds", "MB/s"], rows), flush=True)


def worst_cases(args: argparse.Namespace) -> None:
    """The worst cases through ``extract``, each in a fresh process."""
    rows = []
    labels = {
        "marks": "100,000 quotation marks, one paragraph",
        "big": f"{'1' if args.quick else '10'} MB of news, no line break",
        "narration": f"{'1' if args.quick else '10'} MB, every paragraph holding a quotation",
    }
    for name, label in labels.items():
        out = in_child(args, ["worst", name])
        rows.append(
            [
                label,
                f"{out['chars']:,}",
                f"{out['quotes']:,}",
                f"{out['wall']:.1f}",
                f"{out['words'] / out['cpu']:,.0f}",
                f"{out['loaded_mb']:.0f} → {out['peak_mb']:.0f}",
            ]
        )
    header = ["input", "chars", "quotes", "seconds", "words/s (CPU)", "RSS MB: loaded → peak"]
    print("\n### Worst cases through QuoteExtractor.extract (fresh process each)\n")
    print(table(header, rows), flush=True)


STAGE_HOOKS = (
    ("marks and selection", "quoteattr.pipeline", "plan_job"),
    ("tokenizer", "quoteattr._windows", "tokenize"),
    ("sentencizer", "quoteattr._windows", "sentence_ranges"),
    ("windows", "quoteattr._windows", "window"),
    ("parse", "quoteattr.pipeline", "parse"),
    ("rules", "quoteattr.pipeline", "_attribute"),
)
"""What :func:`stages` times: a name, and the module and function it wraps."""


def _stage_times(extractor: Any, texts: list[str]) -> tuple[float, dict[str, float]]:
    """CPU time of one run of ``extractor`` over ``texts``, and the part of it spent in
    each hook of :data:`STAGE_HOOKS` and in each spaCy component (``spaCy: name``; the
    stream is read in full before a component starts, so each figure is its own)."""
    import importlib

    import spacy.language

    spent: dict[str, float] = {}
    saved: list[tuple[Any, str, Any]] = []

    def wrap(label: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def run(*a: Any, **k: Any) -> Any:
            start = time.process_time()
            try:
                return func(*a, **k)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - start

        return run

    original_pipe = spacy.language._pipe

    def component(docs: Any, proc: Any, name: str, **kwargs: Any) -> Any:
        docs = list(docs)
        start = time.process_time()
        out = list(original_pipe(docs, proc, name, **kwargs))
        label = f"spaCy: {name}"
        spent[label] = spent.get(label, 0.0) + time.process_time() - start
        spent["components"] = spent.get("components", 0.0) + time.process_time() - start
        yield from out

    try:
        for label, module_name, attr in STAGE_HOOKS:
            module = importlib.import_module(module_name)
            saved.append((module, attr, getattr(module, attr)))
            setattr(module, attr, wrap(label, getattr(module, attr)))
        saved.append((spacy.language, "_pipe", original_pipe))
        spacy.language._pipe = component  # type: ignore[assignment]
        total, _ = timed(lambda: run_quoteattr(extractor, texts))
    finally:
        for module, attr, func in saved:
            setattr(module, attr, func)
    return total, spent


def stages(args: argparse.Namespace) -> None:
    """Where quoteattr's time goes on each corpus, one configuration at a time.

    Each spaCy component on its own; the rest of ``parse`` (splitting the Docs for the
    entity recognizer and copying its entities back: glue); tokenizing, cutting sentences
    and windows (glue); finding the marks and choosing what to parse (quoteattr's own
    Python); the rules, speakers and quotes (quoteattr's own Python); and the rest (glue).
    CPU time, one run (after a warm-up run), as shares of the total.
    """
    import quoteattr

    nlp = quoteattr.load_nlp()
    rows = []
    configs = ("quoteattr", "quoteattr indirect", "quoteattr fast")
    for corpus, texts in corpora(args).items():
        for config in configs:
            extractor = make_extractor(config, nlp)
            run_quoteattr(extractor, texts[:5])
            total, spent = _stage_times(extractor, texts)
            parse_rest = spent.get("parse", 0.0) - spent.get("components", 0.0)
            named = sum(spent.get(label, 0.0) for label, _, _ in STAGE_HOOKS) - spent.get(
                "parse", 0.0
            )
            cells = {k: v for k, v in spent.items() if k.startswith("spaCy: ")}
            cells["entity split and copy"] = parse_rest
            for label, _, _ in STAGE_HOOKS:
                if label != "parse":
                    cells[label] = spent.get(label, 0.0)
            cells["other"] = total - spent.get("parse", 0.0) - named
            parts = ", ".join(f"{k} {v / total:.0%}" for k, v in cells.items())
            rows.append([corpus, config, f"{total:.2f}", parts])
    header = ["corpus", "configuration", "CPU s", "shares of the time"]
    print("\n### Where the time goes (one process, one run)\n")
    print(table(header, rows), flush=True)


PARTS = ("processes", "throughput", "stages", "marks", "worst")


def main() -> None:
    """Run the benchmarks and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--polnear", default=str(POLNEAR))
    parser.add_argument("--quick", action="store_true", help="1 MB worst case instead of 10")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=PARTS,
        default=list(PARTS),
        help="run only these parts",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--config", default="quoteattr", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)", flush=True)
    # processes first, while this process is small (its workers are forked from it)
    if "processes" in args.only:
        processes(args)
    if "throughput" in args.only:
        throughput(args)
    if "stages" in args.only:
        stages(args)
    if "marks" in args.only:
        mark_parser()
    if "worst" in args.only:
        worst_cases(args)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
