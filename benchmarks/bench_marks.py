"""Benchmark :func:`quoteattr.marks.find_quotes`: throughput against input size, worst cases.

Run with ``python benchmarks/bench_marks.py``. Throughput (characters per second) should
stay roughly constant as the input grows from 10 thousand to 10 million characters, and as a
flood of quotation marks grows from 10 thousand to a million marks: the parser is linear.
Mark-dense inputs are slower per character (each mark costs a few microseconds, a span a
few more) but must scale the same way; the other worst cases (deep nesting, long runs of
white space, a 10 MB text with no line break) must not blow up either.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from quoteattr.marks import find_quotes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def news(size: int) -> str:
    """Realistic news text of ``size`` characters: the seed articles, repeated."""
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return (corpus * (size // len(corpus) + 1))[:size]


def one_line(size: int) -> str:
    """News text of ``size`` characters with every line break replaced by a space."""
    return " ".join(news(size).split("\n"))[:size]


MIXED = "“ ‘a’ «b» ‹c› ``d'' \"e\" ” "
"""Every kind of mark, nested and flat: 12 marks in 26 characters."""


def mark_flood(marks: int) -> str:
    """About ``marks`` quotation marks of every kind, in one paragraph."""
    return MIXED * (marks // 12)


WORST_CASES: dict[str, Callable[[], str]] = {
    "100k “ (re-opened)": lambda: "“" * 100_000,
    "100k ” (stray)": lambda: "”" * 100_000,
    "100k “‘ (nested 100k deep)": lambda: "“‘" * 50_000,
    "100k “” (empty quotes)": lambda: "“”" * 50_000,
    "100k ' (apostrophes)": lambda: "a'" * 100_000,
    '100k " straight': lambda: '"a ' * 100_000,
    "100k ’ candidates": lambda: "‘" + "players’ " * 100_000,
    "100k mixed marks": lambda: mark_flood(100_000),
    "1M spaces in a quote": lambda: "“" + " " * 1_000_000 + "”",
    "1M spaces before 10k closes": lambda: "“‘" * 5_000 + " " * 1_000_000 + "”" * 10_000,
    "100k one-char paragraphs": lambda: "“\n" * 100_000,
    "10M chars, no newline": lambda: one_line(10_000_000),
}


def timed(text: str, repeat: int) -> tuple[float, int]:
    """Best time of ``repeat`` runs of find_quotes on ``text``, and the number of spans."""
    best = float("inf")
    count = 0
    for _ in range(repeat):
        began = time.perf_counter()
        count = len(find_quotes(text))
        best = min(best, time.perf_counter() - began)
    return best, count


def report(label: str, text: str, repeat: int) -> None:
    """Print one line: label, size, time, throughput and spans found."""
    seconds, count = timed(text, repeat)
    rate = len(text) / seconds if seconds else float("inf")
    print(f"{label:<30} {len(text):>11,} chars {seconds:9.4f} s {rate:>14,.0f} chars/s {count:>9,}")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-size", type=int, default=10_000_000, help="largest news size")
    parser.add_argument("--max-marks", type=int, default=1_000_000, help="largest mark flood")
    parser.add_argument("--repeat", type=int, default=3, help="runs per input (best is kept)")
    args = parser.parse_args()
    print(f"{'input':<30} {'size':>17} {'time':>11} {'throughput':>22} {'spans':>9}")
    size = 10_000
    while size <= args.max_size:
        report("news", news(size), args.repeat)
        size *= 10
    marks = 10_000
    while marks <= args.max_marks:
        report(f"mark flood, {marks:,} marks", mark_flood(marks), 1)
        marks *= 10
    for label, make in WORST_CASES.items():
        report(label, make(), 1)


if __name__ == "__main__":
    main()
