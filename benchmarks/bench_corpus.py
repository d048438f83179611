"""Benchmark the command line on a large JSON Lines corpus: memory stays flat.

Run with ``python benchmarks/bench_corpus.py`` (100,000 articles: an hour or more on one
core), or ``--articles 5000`` for a quick run. It

1. writes a synthetic, seeded corpus to a temporary folder: one JSON object a line with
   ``id``, ``outlet``, ``date``, ``url`` and ``text`` (news-like paragraphs with one or two
   quotations of people drawn from a fixed cast, so that the speaker index meets the same
   people again and again, as it does in a real corpus);
2. runs ``quoteattr extract corpus.jsonl -o quotes.jsonl`` and samples the resident memory
   (RSS, from ``/proc``) of the command and its workers twice a second, with the number of
   documents finished (read off the ``quotes.jsonl.done`` ledger);
3. runs ``quoteattr speakers quotes.jsonl`` (the saved records, read back) the same way,
   and with ``--speakers-from corpus`` also ``quoteattr speakers corpus.jsonl`` (the whole
   extraction again);
4. checks that every output record carries its article's ``outlet``, ``date`` and
   ``url``, and that every article is in the output.

It reports the time, the documents per second, and the peak RSS up to 10%, 50% and 100%
of the documents: memory is flat when the last two are close to the first. The exit status
is 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

OUTLETS = ("The Daily Ledger", "Northern Star", "The Harbour Times", "Capital Wire", "Metro")
TOPICS = (
    ("the budget", "taxes", "the deficit", "public spending"),
    ("the election", "the campaign", "the polls", "voters"),
    ("the trade deal", "tariffs", "exports", "the negotiations"),
    ("the hospital", "waiting lists", "nurses", "the health board"),
    ("the new stadium", "the council", "ticket prices", "the season"),
)
ROLES = (
    "a spokesperson for the ministry",
    "the city's mayor",
    "a professor of economics",
    "the union leader",
    "a senior analyst at the bank",
    "the team's coach",
    "a local shop owner",
)
VERBS = ("said", "added", "warned", "explained")
QUOTES = (
    "We will not accept {a} without a proper debate about {b}.",
    "Nobody expected {a} to change so quickly, and {b} is still a worry.",
    "I think {a} is the right call, but {b} needs work.",
    "This is about {a}, not about {b}.",
    "People are tired of hearing about {a}. They want answers on {b}.",
)
FILLER = (
    "The announcement came after weeks of talks about {a}.",
    "Critics say {a} has been handled badly for years.",
    "Officials will meet again next month to discuss {b}.",
    "The figures published on Monday show little change in {a}.",
    "Several groups have asked for more information on {b}.",
)
CAST = 2_000
"""People quoted across the corpus (the speaker index holds about this many names)."""


def _names(filename: str, field: int = 0) -> list[str]:
    text = resources.files("quoteattr").joinpath("data", filename).read_text("utf-8")
    words = [line.split("\t")[field] for line in text.splitlines() if line[:1].isalpha()]
    return sorted({w.capitalize() for w in words if w.isalpha() and len(w) > 2})


def cast(rng: random.Random) -> list[tuple[str, str, str]]:
    """The people of the corpus: (given name, surname, role)."""
    given, surnames = _names("first_names.tsv"), _names("surnames.txt")
    return [(rng.choice(given), rng.choice(surnames), rng.choice(ROLES)) for _ in range(CAST)]


def meta(i: int) -> dict[str, str]:
    """The metadata of article ``i``: derived from its number, so checks need no table."""
    day = i % 28 + 1
    return {
        "id": f"a{i:06d}",
        "outlet": OUTLETS[i % len(OUTLETS)],
        "date": f"2025-{i % 12 + 1:02d}-{day:02d}",
        "url": f"https://news.example/{i % len(OUTLETS)}/{i:06d}",
    }


def article(i: int, people: list[tuple[str, str, str]], rng: random.Random) -> str:
    topic = TOPICS[i % len(TOPICS)]

    def fill(template: str) -> str:
        a, b = rng.sample(topic, 2)
        return template.format(a=a, b=b)

    given, surname, role = people[int(CAST * rng.random() ** 3)]  # a few often, most rarely
    first, second = rng.sample(FILLER, 2)
    said = f"{rng.choice(VERBS)} {given} {surname}, {role}"
    if rng.random() < 0.3:
        said = f"{given} {surname}, {role}, told reporters"
    lines = [
        fill(first) + " " + fill(second),
        f"“{fill(rng.choice(QUOTES))[:-1]},” {said}.",
        fill(rng.choice(FILLER)),
    ]
    if rng.random() < 0.6:
        other = people[rng.randrange(CAST)]
        lines.append(f"{other[0]} {other[1]}, {other[2]}, disagreed: “{fill(rng.choice(QUOTES))}”")
    lines.append(f"“{fill(rng.choice(QUOTES))}” {surname} said.")
    return "\n".join(lines) + "\n"


def write_corpus(path: Path, articles: int, seed: int = 21) -> None:
    rng = random.Random(seed)
    people = cast(rng)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(articles):
            record = {**meta(i), "text": article(i, people, rng)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


# ---- memory of a running command

Samples = list[tuple[float, int, int]]
"""``(seconds, documents done, RSS kB)`` samples of a run."""


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (the worker processes of ``--jobs``)."""
    found, frontier = [pid], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        kids = [int(c) for c in children]
        found += kids
        frontier += kids
    return found


class _Ledger:
    """Counts the lines of a ``.done`` ledger as they are written."""

    def __init__(self, path: Path | None) -> None:
        self.path, self.count, self._offset = path, 0, 0

    def read(self) -> int:
        if self.path is None or not self.path.exists():
            return self.count
        with self.path.open("rb") as handle:
            handle.seek(self._offset)
            chunk = handle.read()
        whole = chunk[: chunk.rfind(b"\n") + 1]
        self.count += whole.count(b"\n")
        self._offset += len(whole)
        return self.count


def run(command: list[str], ledger: Path | None, cwd: Path) -> tuple[float, Samples]:
    """Run ``command`` (niced), sampling ``(seconds, documents done, RSS kB)``."""
    started = time.perf_counter()
    process = subprocess.Popen(["nice", "-n", "10", *command], cwd=cwd)
    counter = _Ledger(ledger)
    samples: Samples = []
    while process.poll() is None:
        rss = sum(_rss_kb(p) for p in _tree(process.pid))
        samples.append((time.perf_counter() - started, counter.read(), rss))
        time.sleep(0.5)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with status {process.returncode}")
    return time.perf_counter() - started, samples


def peaks(samples: Samples, total: int, by_time: bool) -> dict[str, float]:
    """Peak RSS (MB) up to 10%, 50% and 100% of the documents (or of the time)."""
    if not samples:
        return {}
    end = samples[-1][0]
    out = {}
    for share in (0.1, 0.5, 1.0):
        upto = [
            rss
            for seconds, done, rss in samples
            if (seconds <= share * end if by_time else done <= share * total)
        ]
        out[f"{int(share * 100)}%"] = max(upto, default=0) / 1024
    return out


def check_records(path: Path, articles: int) -> tuple[int, int, list[str]]:
    """Every record carries its article's metadata; every article has records."""
    problems: list[str] = []
    seen: set[str] = set()
    records = 0
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            record = json.loads(line)
            records += 1
            expected = meta(int(record["doc"][1:]))
            got = {k: record.get(k) for k in ("outlet", "date", "url")}
            if got != {k: expected[k] for k in got} and len(problems) < 5:
                problems.append(f"{path}:{number}: metadata {got}")
            seen.add(record["doc"])
    if len(seen) != articles:
        problems.append(f"{articles - len(seen)} articles have no record")
    return records, len(seen), problems


def _report(name: str, seconds: float, docs: int, memory: dict[str, float]) -> None:
    rate = docs / seconds if seconds else 0.0
    shown = ", ".join(f"{k} {v:.0f} MB" for k, v in memory.items())
    print(f"{name}: {seconds:.0f} s, {rate:.1f} documents/s; peak RSS up to {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="default: 100,000")
    parser.add_argument("--jobs", type=int, default=1, help="quoteattr --jobs (default 1)")
    parser.add_argument("--dir", type=Path, help="work here (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and outputs")
    parser.add_argument(
        "--speakers-from",
        choices=("records", "corpus", "both"),
        default="records",
        help="what quoteattr speakers reads: the saved records (default) or the corpus",
    )
    args = parser.parse_args(argv)
    work = args.dir or Path(tempfile.mkdtemp(prefix="quoteattr-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    quoteattr = [sys.executable, "-m", "quoteattr"]
    try:
        corpus, quotes = work / "corpus.jsonl", work / "quotes.jsonl"
        started = time.perf_counter()
        write_corpus(corpus, args.articles)
        size, took = corpus.stat().st_size / 1e6, time.perf_counter() - started
        print(f"corpus: {args.articles} articles, {size:.0f} MB, written in {took:.0f} s")

        extract = [*quoteattr, "extract", str(corpus), "-o", str(quotes), "--quiet"]
        seconds, samples = run([*extract, "--jobs", str(args.jobs)], Path(f"{quotes}.done"), work)
        _report("extract", seconds, args.articles, peaks(samples, args.articles, by_time=False))

        runs = {"records": [quotes], "corpus": [corpus], "both": [quotes, corpus]}
        for source in runs[args.speakers_from]:
            out = work / f"speakers-{source.stem}.csv"
            command = [*quoteattr, "speakers", str(source), "-o", str(out), "--quiet"]
            seconds, samples = run([*command, "--jobs", str(args.jobs)], None, work)
            rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
            memory = peaks(samples, args.articles, by_time=True)
            _report(f"speakers {source.name} ({rows} speakers)", seconds, args.articles, memory)
            print("  (speakers: peak RSS up to 10%, 50% and 100% of the run's time)")

        records, docs, problems = check_records(quotes, args.articles)
        print(
            f"records: {records} quotations of {docs} articles; metadata in every record: "
            f"{'yes' if not problems else 'NO'}"
        )
        for problem in problems:
            print(f"  {problem}")
        return 1 if problems else 0
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(work, ignore_errors=True)
        elif args.keep:
            print(f"kept in {work}")


if __name__ == "__main__":
    sys.exit(main())
