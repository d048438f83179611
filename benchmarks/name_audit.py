"""Audit the speaker names quoteattr gives, with no gold: the names a reader would reject.

Runs the extractor over texts (a folder of ``*.txt`` files, or JSON Lines files whose records
have a ``text`` field: gold files and corpora alike) and checks every named quote's speaker
with ``tests/fuzz/invariants.py``'s ``name_problems``: not written in the text, possessive,
a lower-case word before a capitalized one, a pronoun or determiner, a dateline, a word
twice in a row. Prints the share of named quotes rejected, the counts by reason and
examples; exits 1 when the share is over ``--max`` (default 0.005)::

    python benchmarks/name_audit.py seeds/
    python benchmarks/name_audit.py ../shared/data/polnear/train.jsonl --indirect
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzz.invariants import name_problems

import quoteattr


def _texts(paths: list[str]) -> Iterator[tuple[str, str]]:
    for arg in paths:
        path = Path(arg)
        files = sorted(path.glob("**/*.txt")) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".jsonl":
                for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
                    record = json.loads(line) if line.strip() else {}
                    if isinstance(record.get("text"), str):
                        yield str(record.get("id", f"{f}:{n}")), record["text"]
            else:
                yield str(f), f.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--indirect", action="store_true", help="reported speech too")
    parser.add_argument("--examples", type=int, default=8, help="examples per reason")
    parser.add_argument("--max", type=float, default=0.005, help="largest share allowed")
    args = parser.parse_args(argv)
    extractor = quoteattr.QuoteExtractor(include_indirect=args.indirect)
    docs = list(_texts(args.paths))
    named = 0
    rejected = 0
    reasons: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for (doc_id, text), quotes in zip(docs, extractor.pipe(t for _, t in docs), strict=True):
        for q in quotes:
            if q.speaker is None or not q.speaker.name:
                continue
            named += 1
            problems = name_problems(text, q.speaker.name)
            rejected += bool(problems)
            for reason in problems:
                reasons[reason] += 1
                if len(examples[reason]) < args.examples:
                    examples[reason].append(f"{q.speaker.name!r} ({doc_id})")
    share = rejected / named if named else 0.0
    print(f"{len(docs)} documents, {named} named quotes, {rejected} rejected ({share:.2%})")
    for reason, n in reasons.most_common():
        print(f"  {reason}: {n}")
        for example in examples[reason]:
            print(f"      {example}")
    return 1 if share > args.max else 0


if __name__ == "__main__":
    raise SystemExit(main())
