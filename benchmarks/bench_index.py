"""Benchmark :class:`quoteattr.SpeakerIndex` alone on synthetic speaker mentions.

Run with ``python benchmarks/bench_index.py`` (a million mentions of about 50,000 people,
and a tenth of that, to show the scaling), or ``--mentions N`` for one size.

The corpus is synthetic and seeded, so every run indexes the same mentions: people are
given names and surnames drawn from Faker's name lists (many people share a surname, and
some a given name too), quoted with a long-tailed popularity, four per document with one to
four quotes each. Each person has a fixed set of name forms as a newsroom or a machine
translation would produce them: the full name most of the time, the surname alone, a
misspelled surname and a misspelled given name (one letter doubled, dropped or swapped).

Reported: the seconds to add every document and to resolve the entities (the merge),
mentions per second, the peak memory of the index (``tracemalloc``, in a second run at the
largest size, because tracing slows Python down), and how many entities came out. With
``--check`` (at the smaller size) it also scores the merge against the people behind the
mentions: how many mentions sit in an entity whose main person is someone else, and how
many people are split over several entities.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Iterator

from quoteattr import Quote, Speaker, SpeakerIndex
from quoteattr._names import PARTICLES, TITLE_WORDS, is_first_name

TITLES = ("a senator", "the minister", "an analyst", "a spokesperson", "the mayor", "a professor")
LOCALES = ("en_US", "en_GB", "fr_FR", "de_DE", "es_ES", "it_IT", "pl_PL", "nl_NL")


def name_lists() -> tuple[list[str], list[str]]:
    """Given names and surnames from Faker's person providers, sorted and deduplicated."""
    import importlib

    given: set[str] = set()
    surnames: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        given.update(provider.first_names_male)
        given.update(provider.first_names_female)
        surnames.update(provider.last_names)

    def plain(word: str) -> bool:
        lower = word.lower()
        return word.isalpha() and len(word) >= 3 and lower not in PARTICLES | TITLE_WORDS

    return sorted(g for g in given if plain(g)), sorted(s for s in surnames if plain(s))


def misspell(word: str, rng: random.Random) -> str:
    """One letter doubled, dropped or two swapped (never the first letter)."""
    i = rng.randrange(1, len(word) - 1)
    how = rng.randrange(3)
    if how == 0:
        return word[:i] + word[i] + word[i:]
    if how == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def corpus(mentions: int, seed: int = 12) -> tuple[list[list[tuple[int, Quote]]], int]:
    """The quote pool of each person (with the person's number), and the number of people.

    Each person has a handful of name forms, each one :class:`Quote` reused for every
    mention of that form, so building the documents costs next to nothing next to the index.
    """
    rng = random.Random(seed)
    given, surnames = name_lists()
    people = max(1, mentions // 20)
    rng.shuffle(surnames)
    surnames = surnames[: max(50, people // 10)]  # about ten people per surname
    chosen: set[tuple[str, str]] = set()
    while len(chosen) < people:
        chosen.add((rng.choice(given), rng.choice(surnames)))
    pools: list[list[tuple[int, Quote]]] = []
    for number, (first, last) in enumerate(sorted(chosen)):
        forms = [f"{first} {last}"] * 14 + [last] * 2
        forms += [f"{first} {misspell(last, rng)}", f"{misspell(first, rng)} {last}"]
        pronoun = "she" if rng.random() < 0.4 else "he"
        speakers = [
            Speaker(
                name,
                kind="person",
                descriptions=(rng.choice(TITLES),),
                pronouns=(pronoun,),
            )
            for name in forms
        ]
        pools.append([(number, Quote(f"p{number}", 0, 5, speaker=s)) for s in speakers])
    return pools, people


def documents(
    pools: list[list[tuple[int, Quote]]], mentions: int, seed: int = 7
) -> Iterator[tuple[str, list[Quote]]]:
    """Documents of four people each, one to four quotes each, until ``mentions`` quotes."""
    rng = random.Random(seed)
    weights = [1 / (rank + 10) for rank in range(len(pools))]  # a long tail of popularity
    cumulative = list(_accumulate(weights))
    made = 0
    doc = 0
    while made < mentions:
        people = {i for i in rng.choices(range(len(pools)), cum_weights=cumulative, k=4)}
        quotes: list[Quote] = []
        for person in sorted(people):
            _, quote = rng.choice(pools[person])
            quotes.extend([quote] * rng.randint(1, 4))
        quotes = quotes[: mentions - made]
        made += len(quotes)
        yield f"doc{doc}", quotes
        doc += 1


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def run(mentions: int, *, trace: bool = False) -> dict[str, float]:
    """Index ``mentions`` synthetic mentions; return the timings and sizes."""
    pools, people = corpus(mentions)
    docs = list(documents(pools, mentions))  # built beforehand: the index alone is timed
    if trace:
        tracemalloc.start()
    index = SpeakerIndex(keep_quotes=False)
    start = time.perf_counter()
    for doc_id, quotes in docs:
        index.add(doc_id, quotes)
    added = time.perf_counter()
    entities = len(index.speakers())
    done = time.perf_counter()
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    return {
        "mentions": mentions,
        "people": people,
        "documents": len(docs),
        "names": len(index._forms),
        "entities": entities,
        "add_s": added - start,
        "merge_s": done - added,
        "total_s": done - start,
        "peak_mb": peak / 2**20,
    }


def check(mentions: int) -> None:
    """Score the merge against the people behind the mentions (quote text = person)."""
    pools, people = corpus(mentions)
    index = SpeakerIndex(keep_quotes=True)
    for doc_id, quotes in documents(pools, mentions):
        index.add(doc_id, quotes)
    wrong = wrong_full = 0
    entities_of: defaultdict[str, set[str]] = defaultdict(set)
    for speaker in index:
        persons = Counter(quote.text for _, quote in speaker.quotations)
        main_person = max(sorted(persons), key=persons.__getitem__)
        for _, quote in speaker.quotations:
            full_name = " " in quote.speaker.name  # type: ignore[union-attr]
            if quote.text != main_person:
                wrong += 1
                wrong_full += full_name
            if full_name:
                entities_of[quote.text].add(speaker.id)
    split = sum(1 for ids in entities_of.values() if len(ids) > 1)
    known = sum(
        1 for first, *_ in (p[0][1].speaker.name.split() for p in pools) if is_first_name(first)
    )  # type: ignore[union-attr]
    print(
        f"check at {mentions:,} mentions: {len(index):,} entities for {people:,} people; "
        f"{wrong:,} mentions ({wrong / mentions:.2%}) in an entity of someone else, "
        f"{wrong_full:,} ({wrong_full / mentions:.2%}) of them by full name "
        "(two people whose names are one given name and close surnames); "
        f"{split:,} people ({split / people:.2%}) split by their full names; "
        f"{known:,} people have a listed given name"
    )


def report(row: dict[str, float]) -> None:
    print(
        f"{row['mentions']:>10,.0f} mentions  {row['people']:>7,.0f} people  "
        f"{row['documents']:>8,.0f} docs  {row['names']:>7,.0f} names  "
        f"{row['entities']:>7,.0f} entities  add {row['add_s']:6.2f} s  "
        f"merge {row['merge_s']:6.2f} s  total {row['total_s']:6.2f} s  "
        f"({row['mentions'] / row['total_s']:,.0f} mentions/s)"
        + (f"  peak {row['peak_mb']:.0f} MiB" if row["peak_mb"] else "")
    )


def measured(mentions: int, *, trace: bool = False) -> dict[str, float]:
    """:func:`run` in a fresh Python process: no cache or memory left from another run."""
    command = [sys.executable, __file__, "--one", str(mentions)] + (["--trace"] if trace else [])
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    row: dict[str, float] = json.loads(done.stdout)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentions", type=int, help="one size only")
    parser.add_argument("--check", action="store_true", help="also score the merge")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run(args.one, trace=args.trace)))
        return
    sizes = [args.mentions] if args.mentions else [100_000, 1_000_000]
    # each run in its own process; the smaller size is timed three times and the best kept,
    # which makes the ratio conservative
    rows = [
        min(
            (measured(n) for _ in range(3 if n < max(sizes) else 1)),
            key=lambda r: r["total_s"],
        )
        for n in sizes
    ]
    for row in rows:
        report(row)
    if len(rows) == 2:
        ratio = rows[1]["total_s"] / rows[0]["total_s"]
        size = rows[1]["mentions"] / rows[0]["mentions"]
        verdict = "linear" if ratio <= 1.2 * size else "NOT linear"
        print(
            f"{size:.0f}x the mentions: {ratio:.1f}x the time "
            f"({verdict}: at most {1.2 * size:.0f}x)"
        )
    traced = measured(sizes[-1], trace=True)
    print(
        f"peak memory of the index at {traced['mentions']:,.0f} mentions: "
        f"{traced['peak_mb']:.0f} MiB"
    )
    if args.check:
        check(sizes[0])


if __name__ == "__main__":
    main()
