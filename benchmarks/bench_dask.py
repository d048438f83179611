"""Scale out: generated articles through :mod:`quoteattr.dask` on a local cluster.

Usage::

    python benchmarks/bench_dask.py [--articles 10000] [--workers 2] [--partitions 40]

It generates ``--articles`` news-like articles (a few paragraphs each: names introduced,
quotations, reported speech), extracts their quotations once in this process
(:meth:`quoteattr.QuoteExtractor.pipe`, the reference) and once on a
:class:`distributed.LocalCluster` of ``--workers`` worker processes with one thread each
(:func:`quoteattr.dask.extract_bag` over a bag of ``(id, text)`` pairs), and reports the
articles per second of both (wall clock), the peak memory of each worker process (its
``VmHWM``) and whether the cluster's records equal the reference's.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_growth import people

TOPICS = ("the budget", "the new bridge", "school funding", "the port expansion", "tax reform")


def article(i: int, names: list[tuple[str, str]]) -> str:
    """One generated article: three to five paragraphs about a topic, two speakers."""
    rng = random.Random(i)
    (g1, f1), (g2, f2) = rng.sample(names, 2)
    topic = rng.choice(TOPICS)
    paragraphs = [
        f"Council Debates {topic.title()}",
        f"The city council met on Tuesday to discuss {topic}. {g1} {f1}, who chairs the "
        f"finance committee, opened the session.",
        f"“We cannot keep spending money we do not have,” {f1} said.",
        f"{g2} {f2}, a member of the opposition, said the plan would cost jobs.",
    ]
    if rng.random() < 0.6:
        paragraphs.append(f"“This is a mistake, and voters will remember it,” said {f2}.")
    if rng.random() < 0.4:
        paragraphs.append(f"The vote is expected next week, according to {f1}.")
    return "\n".join(paragraphs)


def peak_mb() -> float:
    """This process's peak resident set size in MB (``VmHWM``)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    """Run the benchmark; exit 1 when the cluster's records differ from one process's."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=40)
    args = parser.parse_args()

    import dask.bag as db
    from distributed import Client, LocalCluster

    import quoteattr
    from quoteattr.dask import extract_bag

    names = [p for _, p in zip(range(400), people(), strict=False)]
    pairs = [(f"a{i}", article(i, names)) for i in range(args.articles)]
    chars = sum(len(t) for _, t in pairs)
    print(f"{len(pairs):,} articles, {chars / 1e6:.1f} MB, load {os.getloadavg()[0]:.2f}")

    extractor = quoteattr.QuoteExtractor()
    extractor.extract("“Warm,” said Ann Lee.")
    start = time.perf_counter()
    cpu = time.process_time()
    reference: list[dict[str, Any]] = [
        {"id": id_, "quotes": [q.to_dict() for q in quotes]}
        for quotes, id_ in extractor.pipe([(t, i) for i, t in pairs], as_tuples=True)
    ]
    one = time.perf_counter() - start
    one_cpu = time.process_time() - cpu
    quotes = sum(len(r["quotes"]) for r in reference)
    print(f"one process: {one:.1f} s wall ({one_cpu:.1f} s CPU), {quotes:,} quotes")

    with (
        LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(lambda: __import__("quoteattr.dask").dask.get_extractor())  # load once
        start = time.perf_counter()
        bag = db.from_sequence(pairs, npartitions=args.partitions)
        records = extract_bag(bag).compute()
        many = time.perf_counter() - start
        peaks = client.run(peak_mb)
    same = records == reference
    rows = [
        ("one process (`QuoteExtractor.pipe`)", one, "–"),
        (
            f"`quoteattr.dask`, LocalCluster, {args.workers} worker processes",
            many,
            ", ".join(f"{v:.0f}" for v in sorted(peaks.values())),
        ),
    ]
    print(f"\n### Dask: {len(pairs):,} generated articles ({chars / 1e6:.1f} MB)\n")
    print("| run | seconds (wall) | articles/s | peak RSS per worker, MB |")
    print("| --- | --- | --- | --- |")
    for label, seconds, peak in rows:
        print(f"| {label} | {seconds:.1f} | {len(pairs) / seconds:,.0f} | {peak} |")
    verdict = "yes" if same else "NO"
    print(f"\nspeed-up {one / many:.2f}×; records equal to one process's: {verdict}")
    print(f"load average after: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
