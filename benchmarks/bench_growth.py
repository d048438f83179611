"""Growth check: ten times the input must cost at most twelve times the time, on every shape.

Usage::

    python benchmarks/bench_growth.py [--repeats 3] [--limit 12] [--only quotations names ...]

Each shape is a generated text of size ``n`` and of size ``10 n``, run through
:meth:`quoteattr.QuoteExtractor.extract` alternately (small, large, small, large, ...); the
figure is CPU time, the median of ``--repeats`` runs. The shapes:

``quotations``
    One paragraph of many short quotations (``"“a” " * n``: a list of quoted titles or
    options).
``names``
    Many short paragraphs, each a quotation and four names in its sentence (``“We
    agree,” said Anna Berg, with Bruno Costa, Carla Dietz and Elena Engel beside her.``),
    from 500 paragraphs (one section of 500 quotations, 2,000 names) on: within a section
    a name is compared with the section's entities that share its initial, so below a
    section's size the cost grows faster than the names (×12.6 from 200 to 2,000
    paragraphs, against ×10 from 500 to 5,000).
``paragraphs``
    Many paragraphs of narration, each introducing a name and ending in that person's
    quotation.
``speakers``
    Many short paragraphs, each a quotation by a different person (``“…,” said Anna
    Berg.``).

It prints each shape's times and ratio as a markdown table and exits with status 1 when a
ratio is over ``--limit``. No unit test times anything: this is the check.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from importlib import resources

FIRST = (
    "Anna Bruno Carla David Elena Frank Greta Hugo Irene Jakob Karin Lukas Maria Nora "
    "Oskar Paula Quentin Rosa Stefan Tilda Ulrich Vera Walter Xenia Yusuf Zora"
).split()


def _surnames() -> list[str]:
    """Capitalized family names from quoteattr's own data (not English words)."""
    text = resources.files("quoteattr").joinpath("data/surnames.txt").read_text("utf-8")
    words = [w for w in text.split("\n") if w and not w.startswith("#") and w.isalpha()]
    return [w.capitalize() for w in words]


def people() -> Iterator[tuple[str, str]]:
    """``(given, family)`` names with distinct family names, as many as asked for, their
    initials spread as in a text (the data file is in alphabetical order)."""
    surnames = _surnames()
    random.Random(22).shuffle(surnames)
    for i, family in enumerate(surnames):
        yield FIRST[i % len(FIRST)], family


def quotations(n: int) -> str:
    """One paragraph of ``n`` one-word quotations."""
    return "“a” " * n


def names(n: int) -> str:
    """``n`` short paragraphs, each a quotation and four people named beside its speaker."""
    who = [f"{g} {f}" for g, f in itertools.islice(people(), 4 * n)]
    return "\n".join(
        f"“We agree,” said {a}, with {b}, {c} and {d} beside her."
        for a, b, c, d in zip(who[::4], who[1::4], who[2::4], who[3::4], strict=True)
    )


def paragraphs(n: int) -> str:
    """``n`` paragraphs of narration, each ending in a quotation of the person it names."""
    out = []
    for given, family in itertools.islice(people(), n):
        out.append(
            "The committee met again on Tuesday to discuss the budget for the coming year. "
            "Members reviewed several proposals on schools, roads and the hospital. "
            f"{given} {family}, who has led the finance group since March, spoke after the "
            f"break. “We cannot keep spending money we do not have,” {family} said."
        )
    return "\n".join(out)


def speakers(n: int) -> str:
    """``n`` paragraphs, each one quotation by a different person."""
    return "\n".join(
        f"“We will vote on the plan next week,” said {given} {family}."
        for given, family in itertools.islice(people(), n)
    )


SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "quotations": (quotations, 2_000),
    "names": (names, 500),
    "paragraphs": (paragraphs, 100),
    "speakers": (speakers, 200),
}
"""Each shape's generator and its small size (the large one is ten times that)."""


def cpu(func: Callable[[], object]) -> float:
    """CPU seconds of one call."""
    start = time.process_time()
    func()
    return time.process_time() - start


def main() -> int:
    """Measure every shape; return 1 when a ratio is over the limit."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--limit", type=float, default=12.0)
    parser.add_argument("--only", nargs="+", choices=list(SHAPES), default=list(SHAPES))
    parser.add_argument("--fast", action="store_true", help="measure fast mode")
    parser.add_argument("--indirect", action="store_true", help="with reported speech")
    args = parser.parse_args()
    import quoteattr

    settings = {"include_indirect": args.indirect} | ({"fast": True} if args.fast else {})
    extractor = quoteattr.QuoteExtractor(**settings)
    extractor.extract("“Warm,” said Ann Lee.")  # loads lazily built parts
    rows = []
    over = []
    for shape in args.only:
        make, n = SHAPES[shape]
        small, large = make(n), make(10 * n)
        extractor.extract(small)  # warm-up
        times: dict[int, list[float]] = {n: [], 10 * n: []}
        for _ in range(args.repeats):
            times[n].append(cpu(lambda small=small: extractor.extract(small)))
            times[10 * n].append(cpu(lambda large=large: extractor.extract(large)))
        a, b = statistics.median(times[n]), statistics.median(times[10 * n])
        ratio = b / a
        spread = (
            max((max(t) - min(t)) / statistics.median(t) for t in times.values() if len(t) > 1)
            if args.repeats > 1
            else 0.0
        )
        rows.append((shape, n, len(small), a, b, ratio, spread))
        if ratio > args.limit:
            over.append(shape)
        print(f"{shape}: n={n:,} {a:.2f} s, 10n {b:.2f} s, ×{ratio:.1f}", file=sys.stderr)
    print(f"\n### Growth: ×10 input, CPU time (median of {args.repeats}, limit ×{args.limit:g})\n")
    print("| shape | n | chars (n) | CPU s (n) | CPU s (10 n) | ratio | spread |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for shape, n, chars, a, b, ratio, spread in rows:
        print(f"| {shape} | {n:,} | {chars:,} | {a:.2f} | {b:.2f} | {ratio:.1f} | {spread:.0%} |")
    if over:
        print(f"\nover the limit: {', '.join(over)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
